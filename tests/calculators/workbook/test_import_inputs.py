"""`coi import-inputs`: what is read back, and what is refused with one line naming the cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from calculators import cli
from calculators.storage import load
from calculators.workbook.build import write_workbook
from tests.conftest import EXAMPLES

ACME = EXAMPLES / "acme-order-automation.coi"
NORTHWIND = EXAMPLES / "northwind-legacy-erp.coi"


def exported(tmp_path: Path, source: Path = ACME) -> Path:
    target = tmp_path / "case.xlsx"
    assert cli.main(["workbook", str(source), "-o", str(target)]) == 0
    return target


def edited(path: Path, sheet: str, coordinate: str, value: Any) -> Path:
    book = openpyxl.load_workbook(path)
    book[sheet][coordinate] = value
    target = path.with_name("edited.xlsx")
    book.save(target)
    return target


def people_row(path: Path) -> int:
    book = openpyxl.load_workbook(path)
    row = next(r for r in book["Inputs"].iter_rows() if r[12].value == "driver:0:people")
    return int(row[0].row)


def run(*args: str) -> int:
    return cli.main(["import-inputs", *args])


def test_an_unchanged_workbook_changes_nothing(tmp_path: Path, capsys: Any) -> None:
    assert run(str(ACME), str(exported(tmp_path))) == 0
    assert capsys.readouterr().out.endswith(".xlsx\nNo input changed.\n")


def test_without_output_the_changes_are_only_listed(tmp_path: Path, capsys: Any) -> None:
    book = exported(tmp_path)
    answered = edited(book, "Inputs", f"F{people_row(book)}", 9)  # high 7 -> 9
    assert run(str(ACME), str(answered)) == 0
    out = capsys.readouterr().out
    assert "Manual order re-keying · People affected, high: 7 -> 9\n" in out
    assert "Nothing written" in out
    assert not list(tmp_path.glob("*.coi"))


def test_the_answers_go_into_the_new_case(tmp_path: Path, capsys: Any) -> None:
    book = exported(tmp_path)
    row = people_row(book)
    answered = edited(
        edited(book, "Inputs", f"K{row}", "Jana Müller"),
        "Inputs",
        f"L{row}",
        dt.datetime(2026, 12, 2),
    )
    new = tmp_path / "new.coi"
    assert run(str(ACME), str(answered), "-o", str(new)) == 0
    people = load(new).drivers[0].input("people")
    assert (people.confirmed_by, people.confirmed_on) == ("Jana Müller", dt.date(2026, 12, 2))
    assert people.expected == 6


@pytest.mark.parametrize(
    ("sheet", "coordinate", "value", "message"),
    [
        ("Inputs", "D4", dt.datetime(2027, 2, 1), "Inputs!D4 is not an input cell and was changed"),
        ("Months", "J9", 1000, "Months!J9 is not an input cell and was changed"),
        ("Summary", "A5", "My label", "Summary!A5 is not an input cell"),
        ("Months", "I9", "=1000*2", "Months!I9 is not an input cell"),
        ("Solution", "B8", "=DecisionMonth+1", "Solution!B8 is not an input cell"),
    ],
)
def test_a_change_outside_the_input_cells_is_refused(
    tmp_path: Path, capsys: Any, sheet: str, coordinate: str, value: Any, message: str
) -> None:
    answered = edited(exported(tmp_path), sheet, coordinate, value)
    new = tmp_path / "new.coi"
    assert run(str(ACME), str(answered), "-o", str(new)) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert not new.exists()


def test_a_workbook_of_another_case_is_refused(tmp_path: Path, capsys: Any) -> None:
    assert run(str(ACME), str(exported(tmp_path, NORTHWIND))) == 2
    assert "this workbook was made for another case" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("many", "Inputs!D{row}: must be a number"),
        (99, "drivers[0].inputs.people.high: must be >= the most likely value (99)"),
        (None, "Inputs!D{row}: the most likely value cannot be emptied"),
    ],
)
def test_a_bad_answer_names_its_cell_or_field(
    tmp_path: Path, capsys: Any, value: Any, message: str
) -> None:
    book = exported(tmp_path)
    row = people_row(book)
    assert run(str(ACME), str(edited(book, "Inputs", f"D{row}", value))) == 2
    assert message.format(row=row) in capsys.readouterr().err


def test_not_a_workbook_is_one_line(tmp_path: Path, capsys: Any) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    assert run(str(ACME), str(fake)) == 2
    err = capsys.readouterr().err
    assert "fake.xlsx: not an .xlsx workbook" in err
    assert err.count("\n") == 1


def test_workbook_into_a_missing_folder_is_refused(tmp_path: Path, capsys: Any) -> None:
    assert cli.main(["workbook", str(ACME), "-o", str(tmp_path / "no" / "x.xlsx")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_same_bytes_from_the_cli_and_the_library(tmp_path: Path) -> None:
    write_workbook(load(ACME), tmp_path / "lib.xlsx")
    assert (tmp_path / "lib.xlsx").read_bytes() == exported(tmp_path).read_bytes()


def test_labels_in_another_language_read_back(tmp_path: Path, capsys: Any) -> None:
    """Acme is a German case: its workbook speaks German unless --language says otherwise,
    and the import compares with a workbook in the language it was written in."""
    german, english = tmp_path / "de.xlsx", tmp_path / "en.xlsx"
    assert cli.main(["workbook", str(ACME), "-o", str(german)]) == 0
    assert cli.main(["workbook", str(ACME), "-o", str(english), "--language", "en"]) == 0
    assert openpyxl.load_workbook(german)["Months"]["A1"].value == "Monat k"
    assert openpyxl.load_workbook(english)["Months"]["A1"].value == "Month k"
    capsys.readouterr()
    answered = edited(english, "Inputs", f"D{people_row(english)}", 7)
    assert run(str(ACME), str(answered)) == 0
    assert "People affected, most likely: 6 -> 7" in capsys.readouterr().out
