"""Writing cells: formulas with the engine's value cached, formats, names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

Cached = Decimal | int | float | str | dt.date | None

EPOCH = dt.date(1899, 12, 30)  # spreadsheet serial day 0


def serial(day: dt.date) -> int:
    return (day - EPOCH).days


def col(index: int) -> str:
    return str(xl_col_to_name(index))


def cell(row: int, column: int, absolute: bool = True) -> str:
    return str(xl_rowcol_to_cell(row, column, row_abs=absolute, col_abs=absolute))


def cached(value: Cached) -> Any:
    """What a formula cell stores as its last value (float for numbers, "" for none)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return serial(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


@dataclass
class Formats:
    """The workbook's cell formats (input cells look like inputs: blue on pale yellow)."""

    book: Any
    made: dict[str, Any] = field(default_factory=dict)

    STYLES: ClassVar[dict[str, dict[str, object]]] = {
        "title": {"bold": True, "font_size": 14},
        "head": {"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"},
        "label": {},
        "block": {"bold": True},
        "money": {"num_format": "#,##0.00"},
        "number": {"num_format": "General"},
        "rate": {"num_format": "0.0000"},
        "months": {"num_format": "0.00"},
        "date": {"num_format": "yyyy-mm-dd"},
        "text": {},
        "input": {"font_color": "#0000CC", "bg_color": "#FFF2CC", "border": 1},
        "input_date": {
            "font_color": "#0000CC",
            "bg_color": "#FFF2CC",
            "border": 1,
            "num_format": "yyyy-mm-dd",
        },
        "total": {"bold": True, "num_format": "#,##0.00", "top": 1},
        "note": {"italic": True, "font_color": "#555555"},
    }

    def __getitem__(self, name: str) -> Any:
        if name not in self.made:
            self.made[name] = self.book.add_format(self.STYLES[name])
        return self.made[name]


@dataclass
class Sheet:
    """A worksheet with the workbook's formats."""

    ws: Any
    fmt: Formats
    title: str
    names: list[tuple[str, str]]

    def name(self, name: str, row: int, column: int) -> None:
        """Define ``name`` as this sheet's cell (row, column)."""
        self.names.append((name, f"={self.title}!{cell(row, column)}"))

    def ref(self, row: int, column: int, absolute: bool = True) -> str:
        return f"{self.title}!{cell(row, column, absolute)}"

    def formula(
        self, row: int, column: int, text: str, value: Cached, style: str = "money"
    ) -> None:
        self.ws.write_formula(row, column, "=" + text, self.fmt[style], cached(value))

    def value(self, row: int, column: int, value: Cached, style: str = "label") -> None:
        if value is None:
            self.ws.write_blank(row, column, None, self.fmt[style])
        elif isinstance(value, dt.date):
            self.ws.write_datetime(
                row, column, dt.datetime(value.year, value.month, value.day), self.fmt[style]
            )
        elif isinstance(value, str):
            self.ws.write_string(row, column, value, self.fmt[style])
        else:
            self.ws.write_number(row, column, float(value), self.fmt[style])
