"""Editing a case in the main window: typed input moves the headline, undo, invalid input."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt

from calculators.engine import summarise
from calculators.formatting import Formatter
from calculators.inputs import Estimate
from tests.conftest import EXAMPLES, TEMPLATES
from tests.desktop.conftest import field_of, settle

pytestmark = pytest.mark.gui


def headline_for(case: Any) -> str:
    return Formatter(case.locale, case.currency).money(summarise(case).projection.cost_to_deadline)


def type_into(qtbot: Any, line: Any, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def test_start_page_offers_templates_examples_and_recent(window: Any) -> None:
    page = window.start_page
    assert window.stack.currentWidget() is page
    templates = [card.entry.path for card in page.templates.cards]
    assert {p.name for p in templates} == {p.name for p in TEMPLATES.glob("*.coi")}
    examples = [card.entry.path for card in page.examples.cards]
    assert {p.name for p in examples} == {p.name for p in EXAMPLES.glob("*.coi")}
    assert page.recent.cards == []
    assert page.recent.empty.isVisible()  # "No recent files yet."
    assert not window.commands["save"].isEnabled()
    assert not window.grab().isNull()


def test_type_an_input_moves_the_headline_and_undo_restores_it(qtbot: Any, window: Any) -> None:
    page = window.start_page
    blank = next(card for card in page.templates.cards if card.entry.path.name == "blank.coi")
    qtbot.mouseClick(blank, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.workspace
    window.outline.select("driver:0")
    # The blank template's inputs are empty (they count 0): give two, then type the third.
    type_into(qtbot, field_of(window, "hours_per_week").expected, "2")
    type_into(qtbot, field_of(window, "hourly_cost").expected, "50")
    window.document.undo_stack.clear()
    window.document.mark_clean()
    original = window.document.case
    assert window.dashboard.headline.text() == headline_for(original) == "$0.00"
    assert original.start_date.isoformat() == "2026-12-01"  # template moved to next month

    people = field_of(window, "people")
    type_into(qtbot, people.expected, "12")

    edited = window.document.case
    assert edited.drivers[0].input("people").expected == Decimal(12)
    assert window.dashboard.headline.text() == headline_for(edited)
    assert window.dashboard.headline.text() != headline_for(original)
    assert window.isWindowModified()
    # typing "1", "2" in one go is one undo step
    assert window.document.undo_stack.count() == 1

    window.commands["undo"].trigger()
    assert window.document.case == original
    assert window.dashboard.headline.text() == headline_for(original)
    assert people.expected.text() == ""
    assert not window.isWindowModified()

    window.commands["redo"].trigger()
    assert window.dashboard.headline.text() == headline_for(edited)
    assert people.expected.text() == "12"


def test_out_of_bounds_value_is_marked_at_the_field_and_the_dashboard_keeps_the_last_valid_state(
    qtbot: Any, window: Any
) -> None:
    window.files.new_from_template(TEMPLATES / "blank.coi")
    window.outline.select("driver:0")
    hours = field_of(window, "hours_per_week")
    type_into(qtbot, hours.expected, "20")
    valid = window.document.case
    shown = window.dashboard.headline.text()
    qtbot.keyClicks(hours.expected, "0")  # 200 hours a week: more than a week has

    assert hours.expected.text() == "200"
    assert hours.message.isVisible()
    assert "168" in hours.message.text()
    assert hours.expected.property("invalid") is True
    assert not hours.expected.hasAcceptableInput()
    assert window.document.case is valid
    assert window.dashboard.headline.text() == shown

    qtbot.keyClick(hours.expected, Qt.Key.Key_Backspace)
    assert not hours.message.isVisible()
    assert hours.expected.property("invalid") is False


def test_numbers_follow_the_case_locale_and_rates_show_as_percent(qtbot: Any, window: Any) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")  # de_DE, EUR
    window.outline.select("driver:0")
    growth = field_of(window, "annual_growth")
    assert growth.expected.text() == "5"  # 0.05 shown as 5 %
    assert growth.unit_label.text() == "%"
    cost = field_of(window, "hourly_cost")
    assert "€" in cost.unit_label.text()

    type_into(qtbot, growth.expected, "7,5")
    assert window.document.case.drivers[0].input("annual_growth").expected == Decimal("0.075")

    type_into(qtbot, cost.expected, "0.05")  # "." cannot group here: 0,05, below the range
    assert cost.message.isVisible()
    assert "0,05" in cost.message.text()

    type_into(qtbot, cost.expected, "52,5")
    kept = window.document.case.drivers[0].input("hourly_cost")
    assert kept.expected == Decimal("52.5")
    # the range, source and confidence typed before are kept
    assert (kept.low, kept.high) == (Decimal(42), Decimal(55))
    assert kept.source == "HR cost sheet" and kept.confidence == "high"

    type_into(qtbot, cost.expected, "1.234,5")  # grouped, and now above the high estimate
    assert cost.message.isVisible()
    assert "outside the range 42 – 55" in cost.message.text()
    assert window.document.case.drivers[0].input("hourly_cost").expected == Decimal("52.5")


def test_range_source_and_confidence_per_input(qtbot: Any, window: Any) -> None:
    window.files.new_from_template(TEMPLATES / "blank.coi")
    window.outline.select("driver:0")
    people = field_of(window, "people")
    people.more.click()
    assert people.details.isVisible()
    type_into(qtbot, people.expected, "10")
    type_into(qtbot, people.low, "8")
    type_into(qtbot, people.high, "14")
    people.source.setFocus()
    qtbot.keyClicks(people.source, "Interview with the COO")
    people.confidence.setCurrentIndex(people.confidence.findData("medium"))
    people.confidence.activated.emit(people.confidence.currentIndex())
    assert window.document.case.drivers[0].input("people") == Estimate(
        expected=Decimal(10),
        low=Decimal(8),
        high=Decimal(14),
        source="Interview with the COO",
        confidence="medium",
    )
    type_into(qtbot, people.low, "11")  # low above expected
    assert people.message.isVisible()
    assert people.low.property("invalid") is True
    assert window.document.case.drivers[0].input("people").low == Decimal(1)  # "1" was valid
    settle(qtbot, window)
    assert "–" in window.dashboard.range.text()


def test_driver_outline_commands_and_undo(qtbot: Any, window: Any) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    names = [d.name for d in window.document.case.drivers]
    window.drivers.add("labor")
    case = window.document.case
    assert len(case.drivers) == 4 and case.drivers[3].type == "labor"
    assert window.outline.current_key() == "driver:3"
    assert window.editor.index == 3

    window.outline.select("driver:0")
    window.commands["duplicate"].trigger()
    assert window.document.case.drivers[1].name == f"{names[0]} (copy)"
    window.commands["move_down"].trigger()
    assert window.document.case.drivers[2].name == f"{names[0]} (copy)"
    assert window.outline.current_key() == "driver:2"

    before = window.dashboard.headline.text()
    window.commands["toggle"].trigger()
    assert not window.document.case.drivers[2].enabled
    assert window.dashboard.headline.text() != before
    assert window.outline.drivers.child(2).text(0).endswith("(off)")

    window.commands["delete"].trigger()
    assert len(window.document.case.drivers) == 4
    for _ in range(5):
        window.commands["undo"].trigger()
    assert [d.name for d in window.document.case.drivers] == names
    assert window.outline.drivers.childCount() == 3


def test_details_solution_and_narrative_editors(qtbot: Any, window: Any) -> None:
    window.files.new_from_template(TEMPLATES / "blank.coi")
    window.outline.select("details")
    company = field_of(window, "company")
    type_into(qtbot, company.editor, "Northwind Traders")
    assert window.document.case.buyer.company == "Northwind Traders"
    assert "Northwind Traders" in window.dashboard.headline_caption.text()
    company.editor.selectAll()
    qtbot.keyClick(company.editor, Qt.Key.Key_Delete)
    assert company.message.isVisible()
    assert window.document.case.buyer.company == "Northwind Traders"

    deadline = field_of(window, "deadline")
    start = window.document.case.start_date
    deadline.edit.setDate(deadline.edit.date().addYears(-3))
    assert deadline.message.isVisible()
    assert window.document.case.deadline > start

    window.outline.select("solution")
    assert window.document.case.solution is None
    assert not window.dashboard.npv.isVisibleTo(window.dashboard)
    field_of(window, "enabled").box.click()
    assert window.document.case.solution is not None
    investment = field_of(window, "investment")
    type_into(qtbot, investment.expected, "5000")
    assert window.document.case.solution.investment.expected == Decimal(5000)
    assert window.dashboard.npv.isVisibleTo(window.dashboard)

    window.outline.select("narrative")
    event = field_of(window, "compelling_event")
    event.editor.setFocus()
    qtbot.keyClicks(event.editor, "Support ends on 30 June")
    assert window.document.case.narrative.compelling_event == "Support ends on 30 June"
    ask = field_of(window, "ask")  # issue 13: the rep's ask for page one
    ask.editor.setFocus()
    qtbot.keyClicks(ask.editor, "Decide by 15 April")
    assert window.document.case.narrative.ask == "Decide by 15 April"


def append_to(qtbot: Any, line: Any, text: str) -> None:
    line.setFocus()
    line.end(False)
    qtbot.keyClicks(line, text)


PRECISE_RATE = "0.0333333333"


@pytest.mark.parametrize(
    ("locale", "currency", "cost", "shown"),
    [
        # "42.50" shows as "42,5" and is still saved as "42.50" when the low is not edited
        ("de_DE", "EUR", ("48.125", "42.50", "55.0625"), ("48,125", "42,5", "55,0625")),
        ("ja_JP", "JPY", ("1234.5", "1000.25", "1500"), ("1,234.5", "1,000.25", "1,500")),
        ("en_US", "USD", ("0.004", "0.001", "0.0075"), ("0.004", "0.001", "0.0075")),
    ],
)
def test_editing_one_part_of_an_input_never_rounds_the_others(
    qtbot: Any,
    window: Any,
    tmp_path: Any,
    locale: str,
    currency: str,
    cost: tuple[str, str, str],
    shown: tuple[str, str, str],
) -> None:
    """Values with more digits than the display precision survive edits, undo, redo and save."""
    data = json.loads((EXAMPLES / "acme-order-automation.coi").read_text(encoding="utf-8"))
    data.update(locale=locale, currency=currency, discount_rate=PRECISE_RATE)
    labor = data["drivers"][0]
    expected, low, high = cost
    labor["inputs"]["hourly_cost"].update(expected=expected, low=low, high=high)
    labor["inputs"]["annual_growth"].update(expected=PRECISE_RATE, low="0.0125")
    labor["addressable"] = PRECISE_RATE
    data["solution"]["recurring_cost"] = expected
    data["solution"]["investment"]["expected"] = "60000.125"
    path = tmp_path / "precise.coi"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.files.open_path(path)
    decimal_mark = "," if locale == "de_DE" else "."
    percent = f"3{decimal_mark}33333333"

    window.outline.select("driver:0")
    hourly = field_of(window, "hourly_cost")
    growth = field_of(window, "annual_growth")
    assert (hourly.expected.text(), hourly.low.text(), hourly.high.text()) == shown
    assert growth.expected.text() == percent
    assert field_of(window, "addressable").expected.text() == percent
    hourly.more.click()
    append_to(qtbot, hourly.source, " (2026)")
    append_to(qtbot, hourly.note, "checked")
    window.commands["undo"].trigger()  # the note
    window.commands["redo"].trigger()
    assert window.document.case.drivers[0].input("hourly_cost").note == "checked"
    append_to(qtbot, hourly.note, " twice")
    growth.more.click()
    append_to(qtbot, growth.source, " and 2027")
    type_into(qtbot, field_of(window, "people").expected, "7")
    window.commands["undo"].trigger()  # people back to 6
    window.commands["redo"].trigger()  # and 7 again

    window.outline.select("solution")
    investment = field_of(window, "investment")
    investment.more.click()
    append_to(qtbot, investment.note, "incl. training")
    recurring = field_of(window, "recurring_cost")
    assert recurring.expected.text() == shown[0]
    assert field_of(window, "discount_rate").line.text() == percent
    recurring.more.click()
    append_to(qtbot, recurring.source, "Price list")

    assert window.files.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    inputs = saved["drivers"][0]["inputs"]
    assert inputs["hourly_cost"] == {
        "expected": expected,
        "low": low,
        "high": high,
        "source": "HR cost sheet (2026)",
        "confidence": "high",
        "note": "checked twice",
    }
    assert inputs["annual_growth"]["expected"] == PRECISE_RATE
    assert inputs["annual_growth"]["low"] == "0.0125"
    assert inputs["annual_growth"]["source"] == "Order volume growth 2024-2026 and 2027"
    assert inputs["people"]["expected"] == "7"
    assert saved["drivers"][0]["addressable"] == PRECISE_RATE
    assert saved["discount_rate"] == PRECISE_RATE
    assert saved["solution"]["investment"]["expected"] == "60000.125"
    assert saved["solution"]["investment"]["note"] == "incl. training"
    assert saved["solution"]["recurring_cost"] == {"expected": expected, "source": "Price list"}
    # nothing else in the file changed
    for key in ("drivers", "solution", "discount_rate"):
        saved.pop(key)
        data.pop(key)
    assert saved == data


def test_the_addressable_share_takes_a_range_and_a_source(qtbot: Any, window: Any) -> None:
    window.files.new_from_template(TEMPLATES / "blank.coi")
    window.outline.select("driver:0")
    share = field_of(window, "addressable")
    share.more.click()
    type_into(qtbot, share.expected, "80")
    type_into(qtbot, share.low, "60")
    type_into(qtbot, share.high, "90")
    share.source.setFocus()
    qtbot.keyClicks(share.source, "Vendor pilot")
    assert window.document.case.drivers[0].addressable == Estimate(
        expected=Decimal("0.8"), low=Decimal("0.6"), high=Decimal("0.9"), source="Vendor pilot"
    )
    type_into(qtbot, share.high, "120")  # above 100 %
    assert share.message.isVisible()
    assert window.document.case.drivers[0].addressable.high == Decimal("0.9")


def test_the_simulation_correlation_is_set_on_the_solution_page(
    qtbot: Any, window: Any, tmp_path: Any
) -> None:
    window.files.open_example(EXAMPLES / "northwind-legacy-erp.coi")
    window.outline.select("solution")
    rho = field_of(window, "simulation_correlation")
    assert rho.line.text() == "30"  # the default, shown as a percentage
    assert window.document.case.simulation_correlation is None  # not written by showing it
    type_into(qtbot, rho.line, "60")
    assert window.document.case.correlation == Decimal("0.6")
    type_into(qtbot, rho.line, "150")  # above 100 %
    assert rho.message.isVisible()
    assert window.document.case.correlation == Decimal("0.15")  # "15" was valid


def test_the_outline_shows_each_drivers_cost_after_an_edit_and_a_currency_change(
    qtbot: Any, window: Any
) -> None:
    # The outline rewrites only the rows whose driver or figure changed (a keystroke at 200
    # drivers); what every row shows must still follow each edit.
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    case = window.document.case
    rows = window.outline.drivers

    def cost_texts(shown: Any) -> list[str]:
        fmt = Formatter(shown.locale, shown.currency)
        projection = summarise(shown).projection
        return [fmt.money(d.cost_to(shown.deadline)) for d in projection.drivers]

    assert [rows.child(i).text(1) for i in range(3)] == cost_texts(case)
    before = [rows.child(i).text(1) for i in range(3)]
    corrections = case.drivers[1]  # the 3PL's error corrections
    edited = case.replace_driver(1, corrections.with_input("amount", "9000"))
    window.document.apply(edited, "amount")
    after = [rows.child(i).text(1) for i in range(3)]
    assert after == cost_texts(edited)
    assert after[1] != before[1] and after[0] == before[0] and after[2] == before[2]
    window.document.apply(edited.model_copy(update={"currency": "CHF"}), "currency")
    assert [rows.child(i).text(1) for i in range(3)] == cost_texts(window.document.case)
    assert all("CHF" in rows.child(i).text(1) for i in range(3))
