"""`coi summary` text: the plan's figures with labels a CFO can't misread (issue 11)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from calculators.cli import main
from calculators.engine import summarise
from calculators.formatting import Formatter
from calculators.storage import load
from tests.conftest import EXAMPLES, TEMPLATES

FMT = Formatter("en_US", "USD")


def _summary(capsys: Any, path: Any) -> str:
    assert main(["summary", str(path)]) == 0
    out: str = capsys.readouterr().out
    return out


def _money(text: str) -> Decimal:
    return Decimal(text.replace("$", "").replace(",", ""))


def test_yearly_rows_sum_to_the_total_row(capsys: Any) -> None:
    out = _summary(capsys, EXAMPLES / "northwind-legacy-erp.coi")
    table = out.split("Cash flows by year (deciding as planned)\n", 1)[1].split("\n\n", 1)[0]
    lines = table.splitlines()
    assert lines[0].split() == [
        "Year", "Investment", "Internal", "Benefits", "Recurring", "Net", "Cumulative",
        "Discounted",
    ]  # fmt: skip
    rows = [line.split() for line in lines[1:]]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "Total"]
    years = [[_money(v) for v in r[1:]] for r in rows[:-1]]
    total = [_money(v) for v in rows[-1][1:]]
    for column in range(5):  # investment, internal, benefits, recurring, net
        assert sum(r[column] for r in years) == total[column]
    for r in years:  # net = benefits - recurring - investment - internal
        assert r[4] == r[2] - r[3] - r[0] - r[1]
    assert years[-1][5] == total[4]  # the last cumulative is the total net
    npv = summarise(load(EXAMPLES / "northwind-legacy-erp.coi")).solution.npv  # type: ignore[union-attr]
    assert total[-1] == _money(FMT.money(npv))  # discounted total = the NPV
    assert abs(sum(r[6] for r in years) - total[-1]) <= Decimal("0.04")


def test_break_even_cash_only_and_plan_are_labelled(capsys: Any) -> None:
    out = _summary(capsys, EXAMPLES / "northwind-legacy-erp.coi")
    assert "Deciding as planned, on Sep 30, 2027:" in out
    assert "Net present value, all benefits" in out
    assert "Payback from the decision, all benefits" in out
    assert "Net present value, cash benefits only" in out and "-$286,440.02" in out
    assert "Each month later costs" in out
    assert "Pays off as long as the solution delivers at least 60% of the modelled benefits" in out
    assert "Avoidable per month (recurring)" in out
    assert "By savings class" in out and "Cash (spend that stops)" in out
    assert "Simulation" in out and "Mean" in out and "Most likely at" in out


def test_one_time_amounts_listed_apart_from_the_run_rates(capsys: Any) -> None:
    out = _summary(capsys, TEMPLATES / "legacy-end-of-support.coi")
    listed = out.split("One-time amounts (not in the run rates)\n", 1)[1].split("\n\n", 1)[0]
    assert listed.split() == [
        "Compensating", "controls", "at", "end", "of", "support", "Oct", "1,", "2027",
        "$60,000.00",
    ]  # fmt: skip
    assert "Per month (recurring)" in out
