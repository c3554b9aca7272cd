"""The Inputs sheet: one row per input, every value a named range, input cells styled."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from calculators.case_fields import driver_field, solution_input
from calculators.engine import resolve, resolve_addressable
from calculators.finance import plan_offset
from calculators.i18n import N_, _
from calculators.inputs import Estimate, InputSpec, Kind, Scenario, date_input
from calculators.model import Case
from calculators.workbook.cells import Cached, Sheet

# columns of an input row
GROUP, LABEL, UNIT, EXPECTED, LOW, HIGH, USED, ADVERSE = range(8)
SOURCE, CONFIDENCE, CONFIRMED_BY, CONFIRMED_ON, KEY = range(8, 13)
ESTIMATE_COLUMNS = (EXPECTED, LOW, HIGH, SOURCE, CONFIDENCE, CONFIRMED_BY, CONFIRMED_ON)
FIRST_ROW = 14  # rows above: title and settings
WINDOW = {
    "start_date": date_input("start_date", N_("Driver starts on"), ""),
    "end_date": date_input("end_date", N_("Driver ends before"), ""),
}
SOLUTION_KEYS = ("investment", "recurring_cost", "internal_cost", "internal_recurring_cost")


@dataclass(frozen=True)
class InputRow:
    """One row of the Inputs sheet; ``path`` identifies it on import (driver:i:key)."""

    row: int
    path: str
    spec: InputSpec
    stored: object  # an Estimate, a date, a text or None


@dataclass
class InputNames:
    """The defined names the other sheets use."""

    drivers: dict[int, dict[str, str]]
    rows: list[InputRow]


def _pick_formula(row: int, spec: InputSpec, scenario: Scenario) -> str:
    default = spec.default_decimal if spec.optional else Decimal(0)
    ml = f"D{row + 1}"
    if scenario == "expected":
        picked = ml
    else:
        low_end = (spec.adverse == "low") == (scenario == "conservative")
        end = f"{'E' if low_end else 'F'}{row + 1}"
        picked = f"IF(ISBLANK({end}),{ml},{end})"
    return f"IF(ISBLANK({ml}),{default},{picked})"


def settings_block(sheet: Sheet, case: Case, scenario: Scenario) -> dict[str, str]:
    """Rows 3-11: the case's settings, each a defined name."""
    sheet.value(0, 0, _("Inputs: {title}").format(title=case.title or case.buyer.company), "title")
    sheet.value(1, 0, _("Blue cells on yellow are inputs; change them and recalculate."), "note")
    solution = case.solution
    rows: list[tuple[str, str, Cached, str, str | None]] = [
        ("StartDate", _("Start date"), case.start_date, "date", None),
        ("Deadline", _("Decision date (deadline)"), case.deadline, "date", None),
        ("Horizon", _("Horizon (months)"), case.horizon_months, "number", None),
        ("DiscountRate", _("Discount rate (a year)"), case.discount_rate, "rate", None),
        ("Scenario", _("Scenario"), scenario, "text", None),
        (
            "DecisionMonth",
            _("Decision month d_P (the plan)"),
            plan_offset(case.start_date, case.deadline),
            "number",
            "MAX(0,(YEAR(Deadline)-YEAR(StartDate))*12+MONTH(Deadline)-MONTH(StartDate)"
            "+IF(EDATE(StartDate,(YEAR(Deadline)-YEAR(StartDate))*12+MONTH(Deadline)"
            "-MONTH(StartDate))<Deadline,1,0))",
        ),
        (
            "LeadTime",
            _("Lead time (months)"),
            solution.lead_time_months if solution else 0,
            "number",
            None,
        ),
        (
            "RampMonths",
            _("Ramp-up (months)"),
            solution.ramp_months if solution else 0,
            "number",
            None,
        ),
    ]
    names: dict[str, str] = {}
    sheet.value(2, 0, _("Settings"), "head")
    for offset, (name, label, value, style, formula) in enumerate(rows):
        row = 3 + offset
        sheet.value(row, LABEL, label)
        if formula:
            sheet.formula(row, EXPECTED, formula, value, style)
        else:
            sheet.value(row, EXPECTED, value, style)
        sheet.name(name, row, EXPECTED)
        names[name] = name
    return names


def input_rows(case: Case) -> list[tuple[str, str, InputSpec, object]]:
    """(group, path, spec, stored) for every input of the solution and the enabled drivers."""
    found: list[tuple[str, str, InputSpec, object]] = []
    if case.solution is not None:
        group = case.solution.name or _("Solution")
        for key in SOLUTION_KEYS:
            found.append(
                (group, f"solution:{key}", solution_input(key), case.solution.estimate(key))
            )
    for index, driver in enumerate(case.drivers):
        if not driver.enabled:
            continue
        for spec in driver.kind.inputs:
            found.append((driver.name, f"driver:{index}:{spec.key}", spec, driver.input(spec.key)))
        addressable = driver_field("addressable")
        found.append((driver.name, f"driver:{index}:addressable", addressable, driver.addressable))
        for key, spec in WINDOW.items():
            found.append((driver.name, f"driver:{index}:{key}", spec, getattr(driver, key)))
    return found


def defined_name(path: str) -> str:
    parts = path.split(":")
    if parts[0] == "solution":
        return f"Sol_{parts[1]}"
    return f"Drv_{int(parts[1]) + 1}_{parts[2]}"


def used_value(case: Case, path: str, scenario: Scenario) -> Cached:
    parts = path.split(":")
    if parts[0] == "solution":
        assert case.solution is not None
        return case.solution.estimate(parts[1]).pick(scenario, solution_input(parts[1]).adverse)
    driver = case.drivers[int(parts[1])]
    if parts[2] == "addressable":
        return resolve_addressable(driver, scenario)
    if parts[2] in ("start_date", "end_date"):
        value: dt.date | None = getattr(driver, parts[2])
        return value
    values = resolve(driver, scenario)
    spec = driver.kind.spec(parts[2])
    if spec.kind is Kind.NUMBER:
        return values[parts[2]]
    if spec.kind is Kind.DATE:
        return values.date(parts[2])
    return values.text(parts[2])


HEADERS = (
    N_("Driver"),
    N_("Input"),
    N_("Unit"),
    N_("Most likely"),
    N_("Low"),
    N_("High"),
    N_("Used"),
    N_("Adverse end"),
    N_("Source"),
    N_("Confidence"),
    N_("Confirmed by"),
    N_("Confirmed on"),
    N_("Key"),
)


def write_inputs(sheet: Sheet, case: Case, scenario: Scenario) -> InputNames:
    settings_block(sheet, case, scenario)
    head = FIRST_ROW - 1
    for column, title in enumerate(HEADERS):
        sheet.value(head, column, _(title), "head")
    names = InputNames({}, [])
    for offset, (group, path, spec, stored) in enumerate(input_rows(case)):
        row = FIRST_ROW + offset
        name = defined_name(path)
        sheet.value(row, GROUP, group)
        sheet.value(row, LABEL, _(spec.label))
        sheet.value(row, UNIT, spec.unit.value if spec.kind is Kind.NUMBER else spec.kind.value)
        sheet.value(row, KEY, path)
        if spec.kind is Kind.NUMBER:
            _estimate_cells(sheet, row, stored if isinstance(stored, Estimate) else None)
            sheet.formula(
                row,
                USED,
                _pick_formula(row, spec, scenario),
                used_value(case, path, scenario),
                "number",
            )
            sheet.value(row, ADVERSE, spec.adverse)
            target = USED
        else:
            style = "date" if spec.kind is Kind.DATE else "text"
            value = stored if isinstance(stored, dt.date | str) else None
            sheet.value(row, EXPECTED, value, style)
            target = EXPECTED
        sheet.name(name, row, target)
        names.rows.append(InputRow(row, path, spec, stored))
        if path.startswith("driver:"):
            index, key = path.split(":")[1:]
            names.drivers.setdefault(int(index), {})[key] = name
    return names


def _estimate_cells(sheet: Sheet, row: int, estimate: Estimate | None) -> None:
    parts: dict[int, Cached] = {}
    if estimate is not None:
        parts = {
            EXPECTED: estimate.expected,
            LOW: estimate.low,
            HIGH: estimate.high,
            SOURCE: estimate.source,
            CONFIDENCE: estimate.confidence,
            CONFIRMED_BY: estimate.confirmed_by,
            CONFIRMED_ON: estimate.confirmed_on,
        }
    for column in ESTIMATE_COLUMNS:
        style = "input_date" if column == CONFIRMED_ON else "input"
        sheet.value(row, column, parts.get(column), style)
