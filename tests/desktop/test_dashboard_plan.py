"""Issue 11 on the dashboard: the avoidable part, cash-only NPV, break-even, one-time amounts."""

from __future__ import annotations

from typing import Any

import pytest

from calculators.formatting import Formatter
from tests.conftest import EXAMPLES, TEMPLATES

pytestmark = pytest.mark.gui


def _expect_plan_tiles(window: Any) -> None:
    case = window.document.case
    results = window.results.get(case)
    fmt = Formatter(case.locale, case.currency)
    dashboard = window.dashboard
    projection = results.projection
    solution = results.solution
    assert dashboard.avoidable.value.text() == fmt.money(projection.avoidable_to_deadline)
    assert dashboard.avoidable_month.value.text() == fmt.money(projection.avoidable_per_month)
    assert dashboard.cash_npv.value.text() == fmt.money(solution.cash_only.npv)
    assert dashboard.break_even.value.text() == fmt.percent(solution.break_even.benefit_share)
    assert dashboard.npv.caption.text() == "Net present value, all benefits"


def test_plan_tiles_follow_a_keystroke(qtbot: Any, window: Any) -> None:
    from tests.desktop.conftest import field_of

    window.files.open_example(EXAMPLES / "northwind-legacy-erp.coi")
    dashboard = window.dashboard
    _expect_plan_tiles(window)
    before = dashboard.break_even.value.text()
    window.outline.select("solution")
    line = field_of(window, "investment").expected
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "450000")
    assert (
        window.document.case.solution.investment.expected == 450000
    )  # was 420,000 (range 380,000 to 480,000)
    _expect_plan_tiles(window)
    assert dashboard.break_even.value.text() != before
    assert dashboard.cash_npv.isVisibleTo(dashboard)


def test_one_time_amounts_are_listed_beside_the_run_rates(qtbot: Any, window: Any) -> None:
    window.files.open_example(TEMPLATES / "legacy-end-of-support.coi")
    case = window.document.case
    fmt = Formatter(case.locale, case.currency)
    found = window.results.get(case).projection.one_time
    assert len(found) == 1
    line = window.dashboard.one_time
    assert line.isVisibleTo(window.dashboard)
    item = found[0]
    assert line.text() == (
        f"Left out of the run rates, one-time amounts: {fmt.money(item.amount)} on "
        f"{fmt.date(item.date)} ({item.driver})"
    )
    window.outline.select("driver:0")  # a case without one: the line is hidden
    window.files.open_example(TEMPLATES / "manual-back-office.coi")
    assert not window.dashboard.one_time.isVisibleTo(window.dashboard)
