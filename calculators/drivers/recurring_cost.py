"""Recurring cost: a bill the status quo keeps paying (licences, maintenance, outsourcing)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from calculators.drivers.base import DriverType, Month, growth
from calculators.formatting import Formatter
from calculators.i18n import N_, _
from calculators.inputs import InputSpec, Unit, Values, choice_input, number

PERIOD_MONTHS = {"month": Decimal(1), "quarter": Decimal(3), "year": Decimal(12)}


def amount_per_period(period: str, amount: str, rate: str | None = None) -> str:
    """ "$500 per month", or with a yearly rise "$500 per month, rising 3 % a year"."""
    if rate is None:
        texts = {
            "month": _("{amount} per month"),
            "quarter": _("{amount} per quarter"),
            "year": _("{amount} per year"),
        }
    else:
        texts = {
            "month": _("{amount} per month, rising {rate} a year"),
            "quarter": _("{amount} per quarter, rising {rate} a year"),
            "year": _("{amount} per year, rising {rate} a year"),
        }
    return texts[period].format(amount=amount, rate=rate)


def period_input(help_text: str) -> InputSpec:
    """The month/quarter/year choice (shared with the custom driver)."""
    return choice_input(
        "period",
        N_("Period"),
        help_text,
        ("month", "quarter", "year"),
        "month",
        labels=(N_("Month"), N_("Quarter"), N_("Year")),
    )


ESCALATION = number(
    "annual_escalation",
    N_("Annual escalation"),
    Unit.RATE,
    N_("Yearly increase of the amount (0.03 = 3 %)."),
    "0",
    minimum="-0.99",
    maximum="1",
)


if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class RecurringCost(DriverType):
    key = "recurring_cost"
    savings_class = "cash"
    order = 20
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
        period_input(N_("How often the amount is paid: month, quarter or year.")),
        ESCALATION,
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        per_month = values["amount"] / PERIOD_MONTHS[values.text("period")]
        return per_month * growth(values["annual_escalation"], month.year_index)

    def sheet_formula(self, refs: SheetRefs) -> str:
        return f"{refs.input('amount')}/{refs.period()}*{refs.growth('annual_escalation')}"

    def explain(self, values: Values, fmt: Formatter) -> str:
        escalation = values["annual_escalation"]
        return amount_per_period(
            values.text("period"),
            fmt.money(values["amount"]),
            fmt.percent(escalation) if escalation else None,
        )


DRIVER = RecurringCost()
