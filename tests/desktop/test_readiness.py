"""Ready to send in the app: empty inputs, the status of each input, export's readiness list."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from calculators.readiness import check
from tests.conftest import EXAMPLES, TEMPLATES
from tests.desktop.conftest import TODAY, field_of
from tests.desktop.test_editing import headline_for, type_into

pytestmark = pytest.mark.gui


def test_adding_a_driver_leaves_the_headline_until_a_value_is_typed(
    qtbot: Any, window: Any
) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    before = window.dashboard.headline.text()
    window.drivers.add("downtime")
    index = len(window.document.case.drivers) - 1
    assert window.outline.current_key() == f"driver:{index}"
    assert window.dashboard.headline.text() == before
    # Each required input says it needs a value and offers its suggestion.
    incidents = field_of(window, "incidents_per_year")
    assert incidents.expected.text() == ""
    assert incidents.expected.placeholderText() == "suggested: 4"
    assert "needs a value" in incidents.status.text()
    assert incidents.accept_button.isVisibleTo(window)
    row = window.outline.drivers.child(index)
    assert row.text(0).startswith("⚠") and "Needs a value" in row.toolTip(0)
    assert "3 need a value" in window.inputs_status.text()

    type_into(qtbot, incidents.expected, "6")
    type_into(qtbot, field_of(window, "hours_per_incident").expected, "2")
    assert window.dashboard.headline.text() == before  # the cost per hour is still empty
    cost = field_of(window, "cost_per_hour")
    qtbot.mouseClick(cost.accept_button, Qt.MouseButton.LeftButton)  # take the suggestion
    case = window.document.case
    assert case.drivers[index].input("cost_per_hour").expected == 1000
    assert window.dashboard.headline.text() == headline_for(case) != before
    assert "suggested default" in cost.status.text()
    assert not window.outline.drivers.child(index).text(0).startswith("⚠")


def test_the_input_status_shows_a_confirmation(qtbot: Any, window: Any) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    window.outline.select("driver:0")
    people = field_of(window, "people")
    assert people.status.text() == "given"
    people.more.setChecked(True)
    type_into(qtbot, people.confirmed_by, "Jana Mueller")
    type_into(qtbot, people.confirmed_on, "2026-11-30")
    stored = window.document.case.drivers[0].input("people")
    assert stored.confirmed_by == "Jana Mueller" and str(stored.confirmed_on) == "2026-11-30"
    assert people.status.text() == "confirmed by Jana Mueller on Nov 30, 2026" or (
        people.status.text().startswith("confirmed by Jana Mueller on")
    )
    assert "1 confirmed" in window.inputs_status.text()


def test_editing_a_placeholder_source_clears_the_mark(qtbot: Any, window: Any) -> None:
    window.files.new_from_template(TEMPLATES / "manual-back-office.coi")
    window.outline.select("driver:0")
    people = field_of(window, "people")
    assert "placeholder" in people.status.text()
    people.more.setChecked(True)
    type_into(qtbot, people.note, "as of November")  # another part: still a placeholder
    assert window.document.case.drivers[0].input("people").placeholder
    type_into(qtbot, people.source, "Org chart from HR, 2026-11-28")
    stored = window.document.case.drivers[0].input("people")
    assert not stored.placeholder and stored.source == "Org chart from HR, 2026-11-28"
    assert people.status.text() == "given"


def test_export_of_a_template_shows_the_list_first(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    window.files.new_from_template(TEMPLATES / "manual-back-office.coi")
    dialogs.readiness = ("cancel", "")
    dialogs.paths["export"] = tmp_path / "out.pdf"
    window.commands["export"].trigger()
    [(items,)] = dialogs.asked("review_readiness")
    assert items == list(check(window.document.case, TODAY))
    paths = [item.path for item in items if item.blocking]
    assert "title" in paths and "buyer.company" in paths
    assert "drivers[0].inputs.people.source" in paths
    assert not dialogs.asked("export_pdf_path")  # cancelled: nothing written
    assert not (tmp_path / "out.pdf").exists()


def test_export_as_draft_gives_draft_on_every_page(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    window.files.new_from_template(TEMPLATES / "manual-back-office.coi")
    dialogs.readiness = ("draft", "")
    target = tmp_path / "draft.pdf"
    dialogs.paths["export"] = target
    window.commands["export"].trigger()
    qtbot.waitUntil(lambda: bool(dialogs.asked("ask_open_pdf")), timeout=30_000)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) > 3
    assert all("DRAFT" in (page.extract_text() or "") for page in reader.pages)
    assert str(reader.metadata.title).startswith("DRAFT")


def test_an_example_exports_without_the_list(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    target = tmp_path / "final.pdf"
    dialogs.paths["export"] = target
    window.commands["export"].trigger()
    qtbot.waitUntil(lambda: bool(dialogs.asked("ask_open_pdf")), timeout=30_000)
    assert not dialogs.asked("review_readiness")
    text = "\n".join(
        p.extract_text() or "" for p in PdfReader(io.BytesIO(target.read_bytes())).pages
    )
    assert "DRAFT" not in text


class ClickingDialogs:
    """The real readiness dialog, shown without blocking; a test clicks one of its items."""

    def __init__(self, qtbot: Any, wanted: str, base: Any) -> None:
        self.qtbot = qtbot
        self.wanted = wanted
        self.base = base
        self.dialog: Any = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.base, name)

    def review_readiness(self, parent: Any, items: Any) -> Any:
        from desktop.readiness_dialog import ReadinessDialog

        dialog = ReadinessDialog(items, parent)
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.dialog = dialog
        button = next(b for b in dialog.item_buttons if b.accessibleName() == self.wanted)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        return dialog.choice


def test_clicking_an_item_focuses_its_field(
    qtbot: Any, make_window: Any, dialogs: Any, tmp_path: Path
) -> None:
    from calculators.storage import load

    case = load(TEMPLATES / "manual-back-office.coi")
    item = next(i for i in check(case, TODAY) if i.path == "drivers[1].inputs.error_rate.source")
    clicking = ClickingDialogs(qtbot, item.message, dialogs)
    window = make_window(dialogs=clicking)
    window.files.new_from_template(TEMPLATES / "manual-back-office.coi")
    window.activateWindow()
    window.commands["export"].trigger()
    assert clicking.dialog.choice.path == "drivers[1].inputs.error_rate.source"
    assert window.outline.current_key() == "driver:1"
    field = field_of(window, "error_rate")
    assert field.details.isVisibleTo(window)
    qtbot.waitUntil(lambda: window.focusWidget() is field.source, timeout=5_000)
    assert not dialogs.asked("export_pdf_path")


def test_fix_goes_to_the_first_blocking_item(qtbot: Any, window: Any, dialogs: Any) -> None:
    window.files.new_from_template(TEMPLATES / "blank.coi")
    window.activateWindow()
    dialogs.readiness = ("fix", "buyer.company")
    window.commands["export"].trigger()
    assert window.outline.current_key() == "details"
    company = field_of(window, "company")
    qtbot.waitUntil(lambda: company.focus_target.hasFocus(), timeout=5_000)


def test_a_required_date_without_a_value_looks_empty_and_says_so(qtbot: Any, window: Any) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    window.drivers.add("one_time")
    index = len(window.document.case.drivers) - 1
    date = field_of(window, "date")
    assert date.check is not None and not date.check.isChecked()
    assert not date.edit.isEnabled()
    assert date.message.isVisibleTo(window) and "needs a value" in date.message.text()
    date.check.setChecked(True)
    assert window.document.case.drivers[index].input("date") is not None
    assert not date.message.isVisibleTo(window)


def test_adding_any_driver_type_leaves_the_headline(qtbot: Any, window: Any) -> None:
    from calculators.drivers import driver_keys

    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    before = window.dashboard.headline.text()
    for type_key in driver_keys():
        window.drivers.add(type_key)
        assert window.dashboard.headline.text() == before, type_key
    assert not dialogs_errors(window)


def dialogs_errors(window: Any) -> list[Any]:
    return window.ctx.dialogs.asked("error")
