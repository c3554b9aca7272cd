"""Custom: any cost the other calculators do not fit, with the rep's own reasoning."""

from __future__ import annotations

from decimal import Decimal

from calculators.drivers.base import DriverType, Month, growth
from calculators.drivers.recurring_cost import PERIOD_MONTHS, period_label
from calculators.formatting import Formatter
from calculators.i18n import N_, _
from calculators.inputs import Unit, Values, choice_input, number, text_input


class Custom(DriverType):
    key = "custom"
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
        choice_input(
            "period",
            N_("Period"),
            N_("Whether the amount is per month, per quarter or per year."),
            ("month", "quarter", "year"),
            "month",
        ),
        number(
            "annual_escalation",
            N_("Annual escalation"),
            Unit.RATE,
            N_("Yearly increase of the amount (0.03 = 3 %)."),
            "0",
            minimum="-0.99",
            maximum="1",
        ),
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

    def explain(self, values: Values, fmt: Formatter) -> str:
        text = _("{amount} {period}").format(
            amount=fmt.money(values["amount"]), period=period_label(values.text("period"))
        )
        if values["annual_escalation"]:
            text += _(", rising {rate} a year").format(
                rate=fmt.percent(values["annual_escalation"])
            )
        formula = values.text("formula").strip()
        if formula:
            text += _(" ({formula})").format(formula=formula)
        return text


DRIVER = Custom()
