"""The buyer's answers back in: read a workbook's Inputs sheet into a new case.

Read with openpyxl (XlsxWriter only writes): it reads cell values, formulas and dates of any
.xlsx, including one saved again by Excel or LibreOffice. Only the input cells (most likely,
low, high, source, confidence, confirmed by/on of a number) may differ from the workbook this
case would give; anything else changed is refused, and so is a workbook of another case.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from calculators.errors import CaseError
from calculators.files import FileReadError, FileTooLarge, read_capped
from calculators.formatting import FormatError
from calculators.i18n import _
from calculators.inputs import Kind, Scenario
from calculators.model import Case
from calculators.storage import case_from_data, case_to_data
from calculators.workbook.build import FORMAT, KEY_SHEET, fingerprint, workbook_bytes
from calculators.workbook.cells import cell
from calculators.workbook.inputs_sheet import (
    CONFIDENCE,
    CONFIRMED_BY,
    CONFIRMED_ON,
    ESTIMATE_COLUMNS,
    EXPECTED,
    HIGH,
    LOW,
    SOURCE,
    InputRow,
    input_rows,
)
from calculators.workbook.inputs_sheet import FIRST_ROW as FIRST_INPUT_ROW

MAX_WORKBOOK_BYTES = 20_000_000
PARTS = {
    EXPECTED: "expected",
    LOW: "low",
    HIGH: "high",
    SOURCE: "source",
    CONFIDENCE: "confidence",
    CONFIRMED_BY: "confirmed_by",
    CONFIRMED_ON: "confirmed_on",
}


def part_label(part: str) -> str:
    return {
        "expected": _("most likely"),
        "low": _("low"),
        "high": _("high"),
        "source": _("source"),
        "confidence": _("confidence"),
        "confirmed_by": _("confirmed by"),
        "confirmed_on": _("confirmed on"),
    }[part]


@dataclass(frozen=True)
class Change:
    """One changed value of one input, with who confirmed the input."""

    group: str
    label: str
    part: str
    old: str
    new: str
    confirmed_by: str | None
    confirmed_on: dt.date | None

    def line(self) -> str:
        text = f"{self.group} · {self.label}, {part_label(self.part)}: {self.old} -> {self.new}"
        if self.confirmed_by or self.confirmed_on:
            who = self.confirmed_by or _("(unnamed)")
            when = self.confirmed_on.isoformat() if self.confirmed_on else "—"
            text += " " + _("(confirmed by {who} on {when})").format(who=who, when=when)
        return text


def _open(data: bytes, name: str) -> Any:
    import openpyxl  # only when importing

    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CaseError(
            [_("{file}: not an .xlsx workbook ({reason})").format(file=name, reason=exc)]
        ) from None


def _read(path: Path) -> bytes:
    try:
        return read_capped(path, MAX_WORKBOOK_BYTES)
    except FileTooLarge:
        raise CaseError([_("{file}: the workbook is too large").format(file=path)]) from None
    except FileReadError as exc:
        raise CaseError([f"{path}: {exc.reason}"]) from None


def _shown(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _number(value: object, where: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CaseError([_("{cell}: must be a number").format(cell=where)])
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
    except InvalidOperation:
        raise CaseError([_("{cell}: must be a number").format(cell=where)]) from None
    if not number.is_finite():
        raise CaseError([_("{cell}: must be a number").format(cell=where)])
    return number


def _date(value: object, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise CaseError([_("{cell}: must be a date (YYYY-MM-DD)").format(cell=where)]) from None


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _same(expected: object, found: object) -> bool:
    if isinstance(expected, int | float) and isinstance(found, int | float):
        return float(expected) == float(found)
    if isinstance(expected, dt.datetime) and isinstance(found, dt.date):
        return expected.date() == (found.date() if isinstance(found, dt.datetime) else found)
    if expected in (None, "") and found in (None, ""):
        return True
    return expected == found


def _formula(text: str) -> str:
    """A formula as compared: spaces, case and Excel's "_xlfn." prefixes do not count."""
    return text.replace(" ", "").replace("_xlfn.", "").upper()


def _check_layout(expected: Any, found: Any, input_cells: set[tuple[int, int]], name: str) -> None:
    """Refuse a change anywhere but an input cell: a value, a label or a formula."""
    for sheet in expected.worksheets:
        if sheet.title == KEY_SHEET:
            continue
        if sheet.title not in found.sheetnames:
            raise CaseError(
                [_("{file}: the sheet {sheet} is missing").format(file=name, sheet=sheet.title)]
            )
        other = found[sheet.title]
        for row in sheet.iter_rows():
            for c in row:
                if sheet.title == "Inputs" and (c.row - 1, c.column - 1) in input_cells:
                    continue
                theirs = other.cell(row=c.row, column=c.column).value
                ours = c.value
                if isinstance(ours, str) and ours.startswith("="):
                    changed = not (isinstance(theirs, str) and _formula(theirs) == _formula(ours))
                else:
                    changed = not _same(ours, theirs)
                if changed:
                    raise CaseError(
                        [
                            _(
                                "{file}: {sheet}!{cell} is not an input cell and was changed "
                                "({old} -> {new}); only the blue input cells of the Inputs "
                                "sheet are read back"
                            ).format(
                                file=name,
                                sheet=sheet.title,
                                cell=c.coordinate,
                                old=_shown(ours),
                                new=_shown(theirs),
                            )
                        ]
                    )


def read_answers(case: Case, path: str | Path) -> tuple[Case, list[Change]]:
    """The case with the workbook's input values, and what changed; CaseError when refused."""
    file = Path(path)
    found = _open(_read(file), str(file))
    if KEY_SHEET not in found.sheetnames or found[KEY_SHEET]["A1"].value != FORMAT:
        raise CaseError([_("{file}: not a Cost of Inaction workbook").format(file=file)])
    key = found[KEY_SHEET]
    if key["A2"].value != fingerprint(case):
        raise CaseError(
            [
                _(
                    "{file}: this workbook was made for another case; export it from this case"
                ).format(file=file)
            ]
        )
    scenario: Scenario = (
        key["A3"].value
        if key["A3"].value in ("expected", "conservative", "optimistic")
        else "expected"
    )
    code = key["A4"].value if isinstance(key["A4"].value, str) else None
    try:
        expected = _open(workbook_bytes(case, scenario, code), "")
    except FormatError:
        raise CaseError([_("{file}: not a Cost of Inaction workbook").format(file=file)]) from None
    rows = [
        InputRow(FIRST_INPUT_ROW + offset, path_, spec, stored)
        for offset, (_group, path_, spec, stored) in enumerate(input_rows(case))
    ]
    input_cells = {(r.row, c) for r in rows if r.spec.kind is Kind.NUMBER for c in ESTIMATE_COLUMNS}
    _check_layout(expected, found, input_cells, str(file))
    sheet = found["Inputs"]
    data = case_to_data(case)
    changes: list[Change] = []
    groups = {path_: group for group, path_, _spec, _stored in input_rows(case)}
    for r in rows:
        if r.spec.kind is not Kind.NUMBER:
            continue
        new = _estimate_from(sheet, r, f"{file}: Inputs!")
        old = _estimate_dict(r.stored)
        differs = [p for p in PARTS.values() if _norm(old.get(p)) != _norm(new.get(p))]
        if not differs:
            continue
        merged = {**old, **{k: v for k, v in new.items()}}
        merged = {k: v for k, v in merged.items() if v is not None}
        if "expected" in differs:
            merged.pop("placeholder", None)
        _put(data, r.path, {k: _json(v) for k, v in merged.items()})
        for part in differs:
            changes.append(
                Change(
                    groups[r.path],
                    _(r.spec.label),
                    part,
                    _shown(old.get(part)),
                    _shown(new.get(part)),
                    new.get("confirmed_by"),
                    new.get("confirmed_on"),
                )
            )
    if not changes:
        return case, []
    try:
        updated = case_from_data(data)
    except CaseError as exc:
        raise CaseError([f"{file}: {p}" for p in exc.problems], exc.total) from None
    return updated, changes


def _norm(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _json(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _estimate_dict(stored: object) -> dict[str, Any]:
    from calculators.inputs import Estimate

    if not isinstance(stored, Estimate):
        return {}
    fields = {name: getattr(stored, name) for name in Estimate.model_fields}
    return {name: value for name, value in fields.items() if value is not None}


def _estimate_from(sheet: Any, r: InputRow, where: str) -> dict[str, Any]:
    def value(column: int) -> object:
        return sheet.cell(row=r.row + 1, column=column + 1).value

    def at(column: int) -> str:
        return where + cell(r.row, column, absolute=False)

    new: dict[str, Any] = {
        "expected": _number(value(EXPECTED), at(EXPECTED)),
        "low": _number(value(LOW), at(LOW)),
        "high": _number(value(HIGH), at(HIGH)),
        "source": _text(value(SOURCE)),
        "confidence": _text(value(CONFIDENCE)),
        "confirmed_by": _text(value(CONFIRMED_BY)),
        "confirmed_on": _date(value(CONFIRMED_ON), at(CONFIRMED_ON)),
    }
    if new["expected"] is None and r.stored is not None:
        raise CaseError(
            [_("{cell}: the most likely value cannot be emptied").format(cell=at(EXPECTED))]
        )
    return new


def _put(data: dict[str, Any], path: str, estimate: dict[str, Any]) -> None:
    parts = path.split(":")
    if parts[0] == "solution":
        data["solution"][parts[1]] = estimate
    elif parts[2] == "addressable":
        data["drivers"][int(parts[1])]["addressable"] = estimate
    else:
        data["drivers"][int(parts[1])].setdefault("inputs", {})[parts[2]] = estimate
