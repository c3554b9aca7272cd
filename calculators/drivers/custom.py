"""Custom: any cost the other calculators do not fit, with the rep's own reasoning."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from calculators.drivers.base import DriverType, Month, growth
from calculators.drivers.recurring_cost import (
    ESCALATION,
    PERIOD_MONTHS,
    amount_per_period,
    period_input,
)
from calculators.formatting import Formatter
from calculators.i18n import N_, _
from calculators.inputs import Unit, Values, number, text_input

if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class Custom(DriverType):
    key = "custom"
    savings_class = "cash"
    order = 110
    label = N_("Custom cost")
    description = N_("Any other cost per month, quarter or year, with how you arrived at it.")
    formula = N_(
        "amount ÷ months per period (1, 3 or 12), escalating by the annual escalation each "
        "year; the formula text says how the amount was found"
    )
    inputs = (
        number(
            "amount",
            N_("Amount per period"),
            Unit.MONEY,
            N_("The cost per period, as worked out with the buyer."),
            "1000",
            maximum="1000000000000",
        ),
        period_input(N_("Whether the amount is per month, per quarter or per year.")),
        ESCALATION,
        text_input(
            "formula",
            N_("How the amount was found"),
            N_(
                'In words the buyer recognises, e.g. "3 trucks × 2 extra trips a week × '
                '180 per trip"; shown next to the number.'
            ),
        ),
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        # Multiply first, divide by the period's months last.
        return (
            values["amount"]
            * growth(values["annual_escalation"], month.year_index)
            / PERIOD_MONTHS[values.text("period")]
        )

    def sheet_formula(self, refs: SheetRefs) -> str:
        return f"{refs.input('amount')}*{refs.growth('annual_escalation')}/{refs.period()}"

    def explain(self, values: Values, fmt: Formatter) -> str:
        escalation = values["annual_escalation"]
        text = amount_per_period(
            values.text("period"),
            fmt.money(values["amount"]),
            fmt.percent(escalation) if escalation else None,
        )
        formula = values.text("formula").strip()
        if formula:
            # Translators: the amount explained, then how the rep arrived at it.
            return _("{explanation} ({formula})").format(explanation=text, formula=formula)
        return text


DRIVER = Custom()
