"""Documents: save, reopen, dirty marker, the prompt before losing work, recent files, drops."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from calculators.storage import load
from tests.conftest import EXAMPLES, TEMPLATES
from tests.desktop.conftest import field_of

pytestmark = pytest.mark.gui


def edit_people(qtbot: Any, window: Any, text: str) -> None:
    window.outline.select("driver:0")
    line = field_of(window, "people").expected
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def test_save_reopen_and_compare(
    qtbot: Any, make_window: Any, dialogs: Any, tmp_path: Path
) -> None:
    window = make_window()
    window.files.new_from_template(TEMPLATES / "blank.coi")
    edit_people(qtbot, window, "7")
    assert window.windowTitle().endswith("[*] — Cost of Inaction")
    assert window.isWindowModified()
    target = tmp_path / "cases" / "northwind.coi"
    target.parent.mkdir()
    dialogs.paths["save"] = target
    window.commands["save"].trigger()  # untitled: Save asks where
    assert dialogs.asked("save_case_path")
    assert target.is_file()
    assert not window.isWindowModified()
    assert "northwind.coi" in window.windowTitle()
    saved = window.document.case

    other = make_window()
    assert other.start_page.recent.cards[0].entry.path == target.resolve()
    assert other.files.open_path(target)
    assert other.document.case == saved
    assert other.dashboard.headline.text() == window.dashboard.headline.text()
    assert load(target) == saved

    edit_people(qtbot, window, "9")
    window.commands["save"].trigger()  # has a path now: no question
    assert len(dialogs.asked("save_case_path")) == 1
    assert load(target).drivers[0].input("people").expected == 9


def test_closing_with_unsaved_changes_asks_first(qtbot: Any, window: Any, dialogs: Any) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    window.close()  # nothing changed: no question
    assert not dialogs.asked("ask_save_changes")
    window.show()
    edit_people(qtbot, window, "5")  # inside the 5-7 range of the example

    dialogs.save_choice = "cancel"
    assert not window.close()
    assert window.isVisible()
    assert dialogs.asked("ask_save_changes") == [("Acme Logistics GmbH",)]
    assert window.document.case.drivers[0].input("people").expected == 5

    dialogs.save_choice = "save"
    dialogs.paths["save"] = None  # ...then cancel the file dialog: still open
    assert not window.close()
    assert window.isVisible()

    dialogs.save_choice = "discard"
    assert window.close()
    assert len(dialogs.asked("ask_save_changes")) == 3


def test_opening_another_case_over_unsaved_work_asks_first(
    qtbot: Any, window: Any, dialogs: Any
) -> None:
    window.files.new_from_template(TEMPLATES / "blank.coi")
    edit_people(qtbot, window, "3")
    dialogs.save_choice = "cancel"
    assert not window.files.open_example(EXAMPLES / "northwind-legacy-erp.coi")
    assert window.document.case.drivers[0].input("people").expected == 3
    dialogs.save_choice = "discard"
    assert window.files.open_example(EXAMPLES / "northwind-legacy-erp.coi")
    assert window.document.path is None  # an example opens as an untitled copy


def test_revert_to_saved(qtbot: Any, window: Any, dialogs: Any, tmp_path: Path) -> None:
    path = tmp_path / "acme.coi"
    path.write_bytes((EXAMPLES / "acme-order-automation.coi").read_bytes())
    window.files.open_path(path)
    original = window.document.case
    edit_people(qtbot, window, "7")
    assert window.commands["revert"].isEnabled()
    window.commands["revert"].trigger()
    assert dialogs.asked("confirm")
    assert window.document.case == original
    assert not window.isWindowModified()
    assert field_of(window, "people").expected.text() == "6"


def test_open_a_broken_file_shows_the_problem(window: Any, dialogs: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.coi"
    bad.write_text('{"format": "cost-of-inaction/case", "schema_version": 1, "buyer": {}}')
    assert not window.files.open_path(bad)
    [(_title, text)] = dialogs.asked("error")
    assert "Company: is required" in text  # the field named as the app names it
    assert window.document is None


def test_recent_files_menu_and_missing_file(window: Any, dialogs: Any, tmp_path: Path) -> None:
    first = tmp_path / "a.coi"
    first.write_bytes((EXAMPLES / "acme-order-automation.coi").read_bytes())
    window.files.open_path(first)
    window.files.close_case()
    window._fill_recent_menu()
    labels = [a.text() for a in window.recent_menu.actions()]
    assert labels == ["&1 a.coi"]
    first.unlink()
    window.recent_menu.actions()[0].trigger()
    assert dialogs.asked("error")
    assert window.ctx.settings.session.recent_files == ()


def test_drop_a_case_file_opens_it(qtbot: Any, window: Any, tmp_path: Path) -> None:
    path = tmp_path / "dropped.coi"
    path.write_bytes((EXAMPLES / "northwind-legacy-erp.coi").read_bytes())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(100, 100),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.document is not None)
    assert window.document.path == path.resolve()
    assert "dropped.coi" in window.windowTitle()
