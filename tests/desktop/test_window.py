"""The window as a whole: keyboard shortcuts, accessible names, undo shows what it changes."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
)

from desktop.store import SettingsStore
from tests.conftest import EXAMPLES, TEMPLATES
from tests.desktop.conftest import field_of

pytestmark = pytest.mark.gui


def test_standard_shortcuts_after_the_first_frame(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: not window.commands.pending, timeout=5000)
    assert QKeySequence(QKeySequence.StandardKey.Save) in window.commands["save"].shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.Open) in window.commands["open"].shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.Undo) in window.commands["undo"].shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.Redo) in window.commands["redo"].shortcuts()
    assert window.commands["export"].shortcut() == QKeySequence("Ctrl+E")
    assert window.commands["preferences"].shortcut().toString()  # the platform's key, or Ctrl+,
    window.files.new_from_template(TEMPLATES / "blank.coi")
    assert window.add_actions[0].shortcut() == QKeySequence("Ctrl+Shift+N")


def test_every_declared_action_runs_a_handler_of_the_window(qtbot: Any, window: Any) -> None:
    from desktop.actions import ACTIONS

    for spec in ACTIONS:
        assert callable(window.commands.handler(spec.id)), spec.id


def test_every_input_has_an_accessible_name(qtbot: Any, window: Any) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    inputs = (QLineEdit, QComboBox, QDateEdit, QPlainTextEdit, QAbstractButton)
    for key in ("details", "driver:0", "driver:1", "driver:2", "solution", "narrative"):
        window.outline.select(key)
        for kind in inputs:
            for widget in window.editor.findChildren(kind):
                if isinstance(widget, QLineEdit) and isinstance(
                    widget.parent(), (QComboBox, QAbstractSpinBox)
                ):
                    continue  # Qt's own line edit inside a combo, date or spin box
                if widget.isVisibleTo(window.editor):
                    assert widget.accessibleName(), (key, widget)
    assert window.dashboard.headline.accessibleName()
    assert window.outline.accessibleName()


def test_undo_goes_back_to_the_item_it_changes(qtbot: Any, window: Any) -> None:
    window.files.new_from_template(TEMPLATES / "blank.coi")
    original = window.document.case
    window.outline.select("driver:0")
    line = field_of(window, "people").expected
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "4")
    window.outline.select("narrative")
    window.commands["undo"].trigger()
    assert window.document.case == original
    assert window.outline.current_key() == "driver:0"
    assert field_of(window, "people").expected.text() == ""  # the blank template's is empty


def test_qualification_can_be_hidden_while_the_buyer_watches(
    qtbot: Any, make_window: Any, settings_file: Any
) -> None:
    from PySide6.QtCore import QSettings

    window = make_window()
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    assert window.dashboard.qualification.isVisibleTo(window.dashboard)
    window.commands["qualification"].trigger()
    assert not window.dashboard.qualification.isVisibleTo(window.dashboard)
    stored = SettingsStore(QSettings(str(settings_file), QSettings.Format.IniFormat)).load()
    assert stored.app.show_qualification is False
    again = make_window()
    again.files.open_example(EXAMPLES / "acme-order-automation.coi")
    assert not again.dashboard.qualification.isVisibleTo(again.dashboard)
    assert not again.commands["qualification"].isChecked()
