"""Recurring cost: a bill the status quo keeps paying (licences, maintenance, outsourcing)."""

from __future__ import annotations

from decimal import Decimal

from calculators.drivers.base import DriverType, Month, growth
from calculators.formatting import Formatter
from calculators.i18n import N_, _
from calculators.inputs import Unit, Values, choice_input, number

PERIOD_MONTHS = {"month": Decimal(1), "quarter": Decimal(3), "year": Decimal(12)}


def period_label(period: str) -> str:
    return {"month": _("per month"), "quarter": _("per quarter"), "year": _("per year")}[period]


class RecurringCost(DriverType):
    key = "recurring_cost"
    label = N_("Recurring cost")
    description = N_("A cost paid every month, quarter or year while nothing changes.")
    formula = N_(
        "amount ÷ months per period (1, 3 or 12), escalating by the annual escalation each year"
    )
    inputs = (
        number(
            "amount",
            N_("Amount per period"),
            Unit.MONEY,
            N_("What is paid each period today."),
            "1000",
            maximum="1000000000000",
        ),
        choice_input(
            "period",
            N_("Period"),
            N_("How often the amount is paid: month, quarter or year."),
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
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        per_month = values["amount"] / PERIOD_MONTHS[values.text("period")]
        return per_month * growth(values["annual_escalation"], month.year_index)

    def explain(self, values: Values, fmt: Formatter) -> str:
        text = _("{amount} {period}").format(
            amount=fmt.money(values["amount"]), period=period_label(values.text("period"))
        )
        if values["annual_escalation"]:
            text += _(", rising {rate} a year").format(
                rate=fmt.percent(values["annual_escalation"])
            )
        return text


DRIVER = RecurringCost()
