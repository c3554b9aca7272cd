"""The Summary sheet: the headline figures as formulas, the app's figure beside each."""

from __future__ import annotations

from decimal import Decimal

from calculators.engine import Projection
from calculators.formatting import round_money
from calculators.i18n import _
from calculators.summary import class_label
from calculators.workbook.cells import Sheet, cell
from calculators.workbook.figures import NONE, STYLE, Figure
from calculators.workbook.months import (
    HORIZON_TOTAL,
    PER_MONTH,
    TO_DEADLINE,
    MonthsLayout,
)


def status_quo_figures(
    projection: Projection, months: MonthsLayout, names: dict[int, dict[str, str]]
) -> list[Figure]:
    total, avoidable = months.total_row, months.avoidable_row

    def at(row: int, column: int) -> str:
        return f"Months!{cell(row, column)}"

    per_month = at(total, PER_MONTH)
    found = [
        Figure("cost_per_day", _("Cost per day"), f"{per_month}*12/365", projection.cost_per_day),
        Figure("cost_per_week", _("Cost per week"), f"{per_month}*12/52", projection.cost_per_week),
        Figure("cost_per_month", _("Cost per month"), per_month, projection.cost_per_month),
        Figure("cost_per_year", _("Cost per year"), f"{per_month}*12", projection.cost_per_year),
        Figure(
            "cost_to_deadline",
            _("Cost to the deadline"),
            at(total, TO_DEADLINE),
            projection.cost_to_deadline,
        ),
        Figure(
            "cost_over_horizon",
            _("Cost over the horizon"),
            at(total, HORIZON_TOTAL),
            projection.cost_over_horizon,
        ),
        Figure(
            "avoidable.cost_to_deadline",
            _("Avoidable to the deadline"),
            at(avoidable, TO_DEADLINE),
            projection.avoidable_to_deadline,
        ),
        Figure(
            "avoidable.cost_over_horizon",
            _("Avoidable over the horizon"),
            at(avoidable, HORIZON_TOTAL),
            projection.avoidable_over_horizon,
        ),
        Figure(
            "avoidable.cost_per_month",
            _("Avoidable per month"),
            at(avoidable, PER_MONTH),
            projection.avoidable_per_month,
        ),
    ]
    found += _driver_figures(projection, months)
    found += _class_figures(projection, months, names)
    return found


def _at(row: int, column: int) -> str:
    return f"Months!{cell(row, column)}"


def _driver_figures(projection: Projection, months: MonthsLayout) -> list[Figure]:
    found: list[Figure] = []
    at = _at
    for i, rows in enumerate(months.drivers):
        d = rows.projection
        key = f"drivers[{i}]"
        found.append(
            Figure(
                f"{key}.cost_to_deadline",
                d.name + ": " + _("to the deadline"),
                at(rows.cost_row, TO_DEADLINE),
                d.cost_to(projection.case.deadline),
            )
        )
        found.append(
            Figure(
                f"{key}.cost_over_horizon",
                d.name + ": " + _("over the horizon"),
                at(rows.cost_row, HORIZON_TOTAL),
                projection.driver_cost_over_horizon(d),
            )
        )
    return found


def _class_figures(
    projection: Projection, months: MonthsLayout, names: dict[int, dict[str, str]]
) -> list[Figure]:
    found: list[Figure] = []
    at = _at
    for name, figures in projection.by_class().items():
        members = [r for r in months.drivers if r.projection.savings_class == name]
        deadline = "+".join(at(r.cost_row, TO_DEADLINE) for r in members)
        horizon = "+".join(at(r.cost_row, HORIZON_TOTAL) for r in members)
        shared = "+".join(
            f"{names[r.projection.index]['addressable']}*{at(r.cost_row, HORIZON_TOTAL)}"
            for r in members
        )
        key = f"by_class.{name}"
        found.append(
            Figure(
                f"{key}.cost_to_deadline",
                _("{name}: to the deadline").format(name=class_label(name)),
                deadline,
                figures.cost_to_deadline,
            )
        )
        found.append(
            Figure(
                f"{key}.cost_over_horizon",
                _("{name}: over the horizon").format(name=class_label(name)),
                horizon,
                figures.cost_over_horizon,
            )
        )
        found.append(
            Figure(
                f"{key}.avoidable_over_horizon",
                _("{name}: avoidable over the horizon").format(name=class_label(name)),
                shared,
                figures.avoidable_over_horizon,
            )
        )
    return found


def app_figure(figure: Figure, currency: str) -> Decimal | int | str | None:
    """The app's figure as `coi summary --json` shows it (rounded), "—" for none."""
    value = figure.value
    if value is None:
        return NONE
    if figure.kind == "money" and isinstance(value, Decimal):
        return round_money(value, currency)
    if figure.kind == "ratio" and isinstance(value, Decimal):
        return value.quantize(Decimal("0.000001"), rounding="ROUND_HALF_UP")
    if figure.kind == "months" and isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    return value  # type: ignore[return-value]


def write_summary(sheet: Sheet, figures: list[Figure], currency: str, title: str) -> None:
    sheet.value(0, 0, title, "title")
    sheet.value(
        1,
        0,
        _("Each figure is a formula over the other sheets; the app's figure is beside it."),
        "note",
    )
    for column, head in enumerate((_("Figure"), _("Workbook"), _("App"), _("Key"))):
        sheet.value(3, column, head, "head")
    for offset, figure in enumerate(figures):
        row = 4 + offset
        style = STYLE[figure.kind]
        shown = NONE if figure.value is None else figure.value
        sheet.value(row, 0, figure.label)
        sheet.formula(row, 1, figure.ref, shown, style)
        sheet.value(row, 2, app_figure(figure, currency), style)
        sheet.value(row, 3, figure.key, "note")
    sheet.ws.set_column(0, 0, 46)
    sheet.ws.set_column(1, 2, 16)
    sheet.ws.set_column(3, 3, 36)
