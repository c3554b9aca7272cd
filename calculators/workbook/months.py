"""The Months sheet: one column per month, one row per driver with its type's formula."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, localcontext

from calculators.accrual import active_window
from calculators.engine import DriverProjection, Projection
from calculators.i18n import _
from calculators.numbers import ENGINE_CONTEXT, ZERO
from calculators.workbook.cells import Sheet, cell, col
from calculators.workbook.inputs_sheet import InputNames
from calculators.workbook.refs import SheetRefs

# columns
LABEL, HORIZON_TOTAL, PER_MONTH, TO_DEADLINE, WIN_START, WIN_END, FIRST_MONTH = range(7)
FIRST = 8  # month 1's column
# rows
K_ROW, START_ROW, END_ROW, DAYS_ROW, YEAR_ROW, IN_HORIZON_ROW = range(6)
FIRST_DRIVER_ROW = 8
FAR = "DATE(9999,12,31)"


@dataclass(frozen=True)
class DriverRows:
    projection: DriverProjection
    cost_row: int  # the month's cost
    deadline_row: int  # the part of it before the deadline


@dataclass(frozen=True)
class MonthsLayout:
    count: int  # month columns
    drivers: tuple[DriverRows, ...]
    total_row: int
    avoidable_row: int

    def month_range(self, row: int, months: int | None = None) -> str:
        """Months!$I$r:$..$r over the first ``months`` columns (all by default)."""
        last = FIRST + (months or self.count) - 1
        return f"Months!{cell(row, FIRST)}:{cell(row, last)}"


def _header_rows(sheet: Sheet, projection: Projection) -> None:
    sheet.value(K_ROW, LABEL, _("Month k"), "head")
    for label, row in (
        (_("Starts (EDATE(start, k-1))"), START_ROW),
        (_("Ends before (EDATE(start, k))"), END_ROW),
        (_("Days"), DAYS_ROW),
        (_("Year index y"), YEAR_ROW),
        (_("In the horizon"), IN_HORIZON_ROW),
    ):
        sheet.value(row, LABEL, label)
    for column, title in (
        (HORIZON_TOTAL, _("Over the horizon")),
        (PER_MONTH, _("Per month (run rate)")),
        (TO_DEADLINE, _("To the deadline")),
        (WIN_START, _("Window from")),
        (WIN_END, _("Window until")),
        (FIRST_MONTH, _("First month")),
    ):
        sheet.value(K_ROW, column, title, "head")
    for p, month in enumerate(projection.months):
        c = FIRST + p
        letter = col(c)
        sheet.value(K_ROW, c, month.index, "head")
        sheet.formula(START_ROW, c, f"EDATE(StartDate,{letter}1-1)", month.start, "date")
        sheet.formula(END_ROW, c, f"EDATE(StartDate,{letter}1)", month.end, "date")
        sheet.formula(DAYS_ROW, c, f"{letter}3-{letter}2", month.days, "number")
        sheet.formula(YEAR_ROW, c, f"INT(({letter}1-1)/12)", month.year_index, "number")
        inside = 1 if month.index <= projection.horizon else 0
        sheet.formula(IN_HORIZON_ROW, c, f"IF({letter}1<=Horizon,1,0)", inside, "number")


def _window(
    sheet: Sheet, row: int, names: dict[str, str], projection: Projection, driver: DriverProjection
) -> None:
    case = projection.case
    model = case.drivers[driver.index]
    window = active_window(case, model)
    start, end = names["start_date"], names["end_date"]
    sheet.formula(
        row,
        WIN_START,
        f"IF(ISNUMBER({start}),MAX(StartDate,{start}),StartDate)",
        window.start,
        "date",
    )
    sheet.formula(
        row,
        WIN_END,
        f"IF(ISNUMBER({end}),{end},{FAR})",
        window.end or dt.date(9999, 12, 31),
        "date",
    )
    day = f"({start}+1)"
    months = f"(YEAR({day})-YEAR(StartDate))*12+MONTH({day})-MONTH(StartDate)"
    first = (
        f"IF(AND(ISNUMBER({start}),{start}>StartDate),MAX(0,{months}+"
        f"IF(EDATE(StartDate,{months})<{day},1,0)),1)"
    )
    sheet.formula(row, FIRST_MONTH, first, driver.values.first_month, "number")


def _refs(names: dict[str, str], row: int, column: int) -> SheetRefs:
    letter = col(column)
    return SheetRefs(
        names=names,
        k=f"{letter}$1",
        y=f"{letter}$5",
        start=f"{letter}$2",
        end=f"{letter}$3",
        days=f"{letter}$4",
        win_start=cell(row, WIN_START),
        win_end=cell(row, WIN_END),
        first_month=cell(row, FIRST_MONTH),
    )


def _driver_rows(
    sheet: Sheet, projection: Projection, names: InputNames, driver: DriverProjection, row: int
) -> DriverRows:
    kind = projection.case.drivers[driver.index].kind
    own = names.drivers[driver.index]
    deadline = projection.case.deadline
    count = len(projection.months)
    sheet.value(row, LABEL, driver.name)
    sheet.value(row + 1, LABEL, _("{name}: before the deadline").format(name=driver.name), "note")
    _window(sheet, row, own, projection, driver)
    with localcontext(ENGINE_CONTEXT):
        for p, month in enumerate(projection.months):
            c = FIRST + p
            refs = _refs(own, row, c)
            formula = kind.sheet_cost(refs)
            lumps = kind.sheet_lumps(refs)
            if lumps:
                formula = f"{formula}+{lumps}"
            sheet.formula(row, c, formula, driver.monthly[p])
            before = kind.sheet_cost(refs.until("Deadline"))
            lumps_before = kind.sheet_lumps(refs.until("Deadline"))
            if lumps_before:
                before = f"{before}+{lumps_before}"
            cut = min(month.end, deadline)
            part = driver.cost_to(cut) - driver.cost_to(min(month.start, deadline))
            sheet.formula(row + 1, c, before, part)
    first_year = f"{cell(row, FIRST)}:{cell(row, FIRST + min(12, count) - 1)}"
    refs = _refs(own, row, FIRST)
    year_refs = SheetRefs(
        own,
        "1",
        "0",
        "StartDate",
        "EDATE(StartDate,12)",
        "1",
        refs.win_start,
        refs.win_end,
        refs.first_month,
    )
    lumps = kind.sheet_lumps(year_refs)
    run_rate = f"(SUM({first_year}){'-' + lumps if lumps else ''})/12"
    sheet.formula(row, PER_MONTH, run_rate, driver.first_year / 12)
    months = f"{cell(row, FIRST)}:{cell(row, FIRST + count - 1)}"
    in_horizon = f"{cell(IN_HORIZON_ROW, FIRST)}:{cell(IN_HORIZON_ROW, FIRST + count - 1)}"
    sheet.formula(
        row,
        HORIZON_TOTAL,
        f"SUMPRODUCT({months},{in_horizon})",
        projection.driver_cost_over_horizon(driver),
    )
    deadline_months = f"{cell(row + 1, FIRST)}:{cell(row + 1, FIRST + count - 1)}"
    sheet.formula(row, TO_DEADLINE, f"SUM({deadline_months})", driver.cost_to(deadline))
    return DriverRows(driver, row, row + 1)


def _sum_rows(
    sheet: Sheet,
    row: int,
    label: str,
    rows: list[tuple[int, str]],
    values: dict[int, Decimal],
    count: int,
) -> None:
    """A row of sum(weight x row) per column and for the total columns."""
    sheet.value(row, LABEL, label, "head")
    for c, value in values.items():
        text = "+".join(f"{weight}{col(c)}{r + 1}" for r, weight in rows) or "0"
        sheet.formula(row, c, text, value, "total")


def write_months(sheet: Sheet, projection: Projection, names: InputNames) -> MonthsLayout:
    _header_rows(sheet, projection)
    rows: list[DriverRows] = []
    row = FIRST_DRIVER_ROW
    for driver in projection.drivers:
        rows.append(_driver_rows(sheet, projection, names, driver, row))
        row += 2
    count = len(projection.months)
    total_row, avoidable_row = row + 1, row + 2
    columns = list(range(FIRST, FIRST + count))
    with localcontext(ENGINE_CONTEXT):
        totals = {c: projection.monthly[c - FIRST] for c in columns}
        totals[HORIZON_TOTAL] = projection.cost_over_horizon
        totals[PER_MONTH] = projection.cost_per_month
        totals[TO_DEADLINE] = projection.cost_to_deadline
        avoidable = {
            c: sum((d.addressable * d.monthly[c - FIRST] for d in projection.drivers), ZERO)
            for c in columns
        }
        avoidable[HORIZON_TOTAL] = projection.avoidable_over_horizon
        avoidable[PER_MONTH] = projection.avoidable_per_month
        avoidable[TO_DEADLINE] = projection.avoidable_to_deadline
    plain = [(r.cost_row, "") for r in rows]
    _sum_rows(sheet, total_row, _("All drivers"), plain, totals, count)
    # the cost to the deadline sits in the first driver row's TO_DEADLINE column
    shared = [(r.cost_row, f"{names.drivers[r.projection.index]['addressable']}*") for r in rows]
    _sum_rows(
        sheet, avoidable_row, _("Avoidable (addressable share x cost)"), shared, avoidable, count
    )
    sheet.ws.freeze_panes(1, FIRST)
    sheet.ws.set_column(LABEL, LABEL, 34)
    sheet.ws.set_column(HORIZON_TOTAL, TO_DEADLINE, 15)
    sheet.ws.set_column(WIN_START, WIN_END, 11)
    sheet.ws.set_column(FIRST_MONTH, FIRST_MONTH, 7)
    sheet.ws.set_column(FIRST_MONTH + 1, FIRST_MONTH + 1, 2)
    sheet.ws.set_column(FIRST, FIRST + count - 1, 11)
    sheet.ws.set_row(K_ROW, 30)
    return MonthsLayout(count, tuple(rows), total_row, avoidable_row)
