"""The pipeline view: lists a folder, sorts, filters, opens a case, follows saves on disk."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calculators.storage import load, save
from tests.conftest import EXAMPLES, TEMPLATES

pytestmark = pytest.mark.gui


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    cases = tmp_path / "cases"
    (cases / "examples").mkdir(parents=True)
    for path in EXAMPLES.glob("*.coi"):
        shutil.copy(path, cases / "examples" / path.name)
    for name in ("compliance-deadline", "customer-churn"):
        shutil.copy(TEMPLATES / f"{name}.coi", cases / f"{name}.coi")
    (cases / "broken.coi").write_text("{not json", encoding="utf-8")
    return cases


def make_view(qtbot: Any, folder: Path) -> Any:
    from desktop.pipeline import PipelineView

    view = PipelineView(str(folder))
    qtbot.addWidget(view)
    view.resize(1200, 400)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20_000)
    return view


def column_texts(view: Any, key: str) -> list[str]:
    from desktop.pipeline import COLUMN

    proxy = view.proxy
    return [proxy.index(row, COLUMN[key]).data() for row in range(proxy.rowCount())]


def test_lists_the_folder_and_notes_the_broken_file(qtbot: Any, folder: Path) -> None:
    view = make_view(qtbot, folder)
    assert view.proxy.rowCount() == 5  # 3 examples + 2 templates, recursively
    assert [note.file.name for note in view.skipped] == ["broken.coi"]
    assert "5 cases · 1 file skipped" in view.status.text()
    buyers = column_texts(view, "buyer")
    assert "Acme Logistics GmbH" in buyers
    # default order: the strong deals first
    assert column_texts(view, "verdict")[:3] == ["strong"] * 3
    assert "Strong deals: 3" in view.totals.text()
    view.stop()


def test_sorts_by_cost_of_delay(qtbot: Any, folder: Path) -> None:
    view = make_view(qtbot, folder)
    view.sort_by("cost_of_delay", descending=True)
    paths = [view.path_at(row) for row in range(view.proxy.rowCount())]
    delays = [
        load(path).solution is not None and _delay(path) for path in paths
    ]  # from the engine, not the shown text
    assert delays == sorted(delays, reverse=True)
    assert paths[0].name == "customer-churn.coi"  # the largest cost of delay
    view.sort_by("cost_of_delay", descending=False)
    assert view.path_at(0).name != "customer-churn.coi"
    view.stop()


def _delay(path: Path) -> Decimal:
    from calculators.engine import summarise

    solution = summarise(load(path)).solution
    assert solution is not None
    return solution.cost_of_delay_per_month


def test_filters_by_verdict_and_days_left(qtbot: Any, folder: Path) -> None:
    view = make_view(qtbot, folder)
    view.verdict_box.setCurrentIndex(view.verdict_box.findData("weak"))
    assert set(column_texts(view, "verdict")) == {"weak"}
    view.verdict_box.setCurrentIndex(0)
    days = [int(text) for text in column_texts(view, "days_left")]
    limit = sorted(days)[1]
    view.days_box.setValue(limit)
    assert all(int(text) <= limit for text in column_texts(view, "days_left"))
    assert view.proxy.rowCount() < len(days)
    view.stop()


def test_double_click_opens_the_case(qtbot: Any, folder: Path) -> None:
    from PySide6.QtCore import Qt

    view = make_view(qtbot, folder)
    opened: list[Path] = []
    view.open_requested.connect(opened.append)
    table = view.table
    rect = table.visualRect(view.proxy.index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [view.path_at(0)]
    view.stop()


def test_updates_when_a_file_in_the_folder_is_saved(qtbot: Any, folder: Path) -> None:
    view = make_view(qtbot, folder)
    target = folder / "compliance-deadline.coi"
    case = load(target)
    save(
        case.model_copy(update={"buyer": case.buyer.model_copy(update={"company": "Zeta AG"})}),
        target,
    )
    qtbot.waitUntil(lambda: "Zeta AG" in column_texts(view, "buyer"), timeout=10_000)
    save(case, folder / "examples" / "new-one.coi")  # a new file in a subfolder
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 6, timeout=10_000)
    view.stop()


def test_the_main_window_opens_the_pipeline_of_the_cases_folder(
    qtbot: Any, window: Any, folder: Path
) -> None:
    window.ctx.save_settings(window.ctx.settings.updated("app", cases_folder=str(folder)))
    window.start_page.pipeline_button.click()
    view = window.pipeline
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=20_000)
    assert view.isVisible()
    view.open_requested.emit(folder / "examples" / "acme-order-automation.coi")
    assert window.document is not None
    assert window.document.case.buyer.company == "Acme Logistics GmbH"
    view.stop()
    view.job.wait()


def test_the_deal_dialog_edits_the_qualification_as_one_undoable_edit(
    qtbot: Any, window: Any
) -> None:
    window.files.open_path(EXAMPLES / "acme-order-automation.coi")
    window.commands["deal"].trigger()
    dialog = window.deal_dialog
    widgets = dialog.widgets
    qtbot.keyClicks(widgets[("economic_buyer", "name")], "Dana Reyes")
    widgets[("economic_buyer", "score")].setCurrentIndex(2)
    qtbot.keyClicks(widgets[("economic_buyer", "confirmed_by")], "Dana Reyes")
    qtbot.keyClicks(widgets[("compelling_event", "date")], "2027-13-01")  # not a date
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("qualification.compelling_event.date:")
    widgets[("compelling_event", "date")].setText("2027-03-31")
    widgets[("decision_process", "steps")].setPlainText("2027-02-01 Steering committee\nBoard")
    dialog.accept()
    deal = window.document.case.qualification
    assert deal.economic_buyer.name == "Dana Reyes" and deal.economic_buyer.score == 2
    assert str(deal.compelling_event.date) == "2027-03-31"
    assert [s.step for s in deal.decision_process.steps] == ["Steering committee", "Board"]
    window.commands["undo"].trigger()
    assert window.document.case.qualification is None
