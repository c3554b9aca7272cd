"""The workbook recalculated by LibreOffice gives `coi summary --json`'s figures to the cent."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from calculators import cli
from calculators.formatting import round_money
from calculators.storage import load, save
from calculators.workbook import cells
from calculators.workbook.build import workbook_bytes, write_workbook
from calculators.workbook.months import FIRST_DRIVER_ROW
from tests.calculators.workbook.libreoffice import recalculate
from tests.conftest import EXAMPLES, TEMPLATES

EVERY_CASE = sorted(EXAMPLES.glob("*.coi")) + sorted(TEMPLATES.glob("*.coi"))
ACME = EXAMPLES / "acme-order-automation.coi"
ERRORS = re.compile(r"^(#(VALUE|NAME|REF|DIV/0|N/A|NUM|NULL)|Err:)")


def summary_json(path: Path) -> dict[str, Any]:
    """What `coi summary FILE --json` prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["summary", str(path), "--json"]) == 0
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def at(data: Any, key: str) -> Any:
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        data = data[int(part[1:-1])] if part.startswith("[") else data[part]
    return data


def matches(found: Any, expected: Any, key: str, currency: str) -> bool:
    if expected is None:
        return bool(found == "—")
    if isinstance(expected, int):
        return bool(found == expected)
    if key.endswith("decide_on"):
        return isinstance(found, dt.datetime) and found.date().isoformat() == expected
    if not isinstance(found, int | float):
        return False
    value = Decimal(repr(float(found)))
    places = Decimal(expected).as_tuple().exponent
    if key.endswith(("irr", "roi", "benefit_share")):
        return abs(value - Decimal(expected)) <= Decimal("0.000002")
    if key.endswith("payback_months"):
        return value.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP") == Decimal(expected)
    assert isinstance(places, int)
    return round_money(value, currency) == Decimal(expected)


def summary_rows(book: Any) -> list[tuple[str, Any, Any]]:
    """(JSON key, the workbook's figure, the app's figure) of every Summary row."""
    rows = book["Summary"].iter_rows(min_row=5, values_only=True)
    return [(key, found, app) for _label, found, app, key in rows if key]


def error_cells(book: Any) -> list[str]:
    return [
        f"{sheet.title}!{c.coordinate}={c.value}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and ERRORS.match(c.value)
    ]


def check_against_summary(recalculated: Path, data: dict[str, Any]) -> None:
    book = openpyxl.load_workbook(recalculated, data_only=True)
    assert error_cells(book) == []
    rows = summary_rows(book)
    assert len(rows) > 5
    wrong = [
        f"{key}: workbook {found!r}, coi summary {at(data, key)!r}"
        for key, found, _app in rows
        if not matches(found, at(data, key), key, data["currency"])
    ]
    assert wrong == []
    # the Months sheet's total row is the JSON's monthly list
    months = book["Months"]
    total_row = FIRST_DRIVER_ROW + 2 * len(data["drivers"]) + 2  # 1-based, after a blank row
    total = next(months.iter_rows(min_row=total_row, max_row=total_row))
    monthly = [c.value for c in total[8 : 8 + len(data["monthly"])]]
    assert [round_money(Decimal(repr(float(v))), data["currency"]) for v in monthly] == [
        Decimal(v) for v in data["monthly"]
    ]


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    folder = tmp_path_factory.mktemp("workbooks")
    written = {}
    for case in EVERY_CASE:
        target = folder / (case.stem + ".xlsx")
        write_workbook(load(case), target)
        written[case] = target
    converted = recalculate(list(written.values()), folder)
    return {case: converted[target] for case, target in written.items()}


@pytest.mark.parametrize("case", EVERY_CASE, ids=lambda p: p.stem)
def test_recalculated_summary_equals_coi_summary_json(
    case: Path, recalculated: dict[Path, Path]
) -> None:
    check_against_summary(recalculated[case], summary_json(case))


def test_libreoffice_recalculates_instead_of_showing_the_cached_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every cached value written as 0: the figures LibreOffice shows are its own."""
    monkeypatch.setattr(cells, "cached", lambda value: 0)
    target = tmp_path / "zeros.xlsx"
    write_workbook(load(ACME), target)
    zeros = openpyxl.load_workbook(target, data_only=True)
    assert all(found == 0 for key, found, _app in summary_rows(zeros) if key == "solution.npv")
    check_against_summary(recalculate([target], tmp_path)[target], summary_json(ACME))


def test_changing_an_input_cell_moves_the_totals_as_the_engine_does(tmp_path: Path) -> None:
    exported = tmp_path / "acme.xlsx"
    write_workbook(load(ACME), exported)
    book = openpyxl.load_workbook(exported)
    inputs = book["Inputs"]
    row = next(r for r in inputs.iter_rows() if r[12].value == "driver:0:people")
    row[3].value = 7  # people: 6 -> 7 (the high end)
    row[10].value = "Jana Müller"
    row[11].value = dt.datetime(2026, 12, 1)
    answered = tmp_path / "answered.xlsx"
    book.save(answered)
    recalculated = recalculate([answered], tmp_path)[answered]

    # the engine on the same change
    data = json.loads(ACME.read_text(encoding="utf-8"))
    data["drivers"][0]["inputs"]["people"]["expected"] = "7"
    changed = tmp_path / "changed.coi"
    changed.write_text(json.dumps(data), encoding="utf-8")
    expected = summary_json(changed)
    assert expected["cost_over_horizon"] != summary_json(ACME)["cost_over_horizon"]
    check_against_summary(recalculated, expected)

    # import-inputs of the recalculated workbook gives a case with the same figures
    new = tmp_path / "new.coi"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["import-inputs", str(ACME), str(recalculated), "-o", str(new)])
    assert code == 0
    assert "People affected, most likely: 6 -> 7 (confirmed by Jana Müller on 2026-12-01)" in (
        out.getvalue()
    )
    imported = load(new)
    assert imported.drivers[0].input("people").confirmed_by == "Jana Müller"
    assert summary_json(new)["solution"] == expected["solution"]
    check_against_summary(recalculated, summary_json(new))


def test_every_example_gives_the_same_bytes_twice(tmp_path: Path) -> None:
    for case in EVERY_CASE:
        loaded = load(case)
        assert workbook_bytes(loaded) == workbook_bytes(load(case)), case.name
    save(load(ACME), tmp_path / "again.coi")
    assert workbook_bytes(load(tmp_path / "again.coi")) == workbook_bytes(load(ACME))
