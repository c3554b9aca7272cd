"""File › Export Workbook and File › Import Buyer's Answers: the file, the changes, one undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtGui import QKeySequence

from calculators.workbook.build import workbook_bytes
from tests.conftest import EXAMPLES
from tests.desktop.conftest import settle

pytestmark = pytest.mark.gui

ACME = EXAMPLES / "acme-order-automation.coi"


def answered(source: Path, target: Path, people: int) -> Path:
    """The workbook as a buyer returns it: one input changed, confirmed by them."""
    book = openpyxl.load_workbook(source)
    row = next(r for r in book["Inputs"].iter_rows() if r[12].value == "driver:0:people")
    row[3].value = people
    row[10].value = "Jana Müller"
    row[11].value = dt.datetime(2026, 12, 1)
    book.save(target)
    return target


def test_export_then_import_the_buyers_answers_as_one_undoable_edit(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    window.files.open_example(ACME)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.commands.pending, timeout=5000)
    assert window.commands["export_workbook"].shortcut() == QKeySequence("Ctrl+Shift+E")
    exported = tmp_path / "acme.xlsx"
    dialogs.paths["workbook"] = exported
    window.commands["export_workbook"].trigger()
    [(suggested,)] = dialogs.asked("save_workbook_path")
    assert Path(suggested).name == "Acme Logistics GmbH - Cost of inaction.xlsx"
    assert exported.read_bytes() == workbook_bytes(window.document.case)

    dialogs.paths["answers"] = answered(exported, tmp_path / "answers.xlsx", 7)
    window.commands["import_answers"].trigger()
    [(_title, text)] = dialogs.asked("confirm")
    assert "People affected, most likely: 6 -> 7 (confirmed by Jana Müller on 2026-12-01)" in text
    people = window.document.case.drivers[0].input("people")
    assert (people.expected, people.confirmed_by) == (7, "Jana Müller")
    window.commands["undo"].trigger()  # one undo takes every answer back
    people = window.document.case.drivers[0].input("people")
    assert (people.expected, people.confirmed_by) == (6, None)
    assert not dialogs.asked("error")


def test_a_workbook_of_another_case_is_refused_with_a_message(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    window.files.open_example(EXAMPLES / "northwind-legacy-erp.coi")
    settle(qtbot, window)
    other = tmp_path / "acme.xlsx"
    from calculators.storage import load
    from calculators.workbook.build import write_workbook

    write_workbook(load(ACME), other)
    dialogs.paths["answers"] = other
    before = window.document.case
    window.commands["import_answers"].trigger()
    [(_title, text)] = dialogs.asked("error")
    assert "made for another case" in text
    assert window.document.case is before
