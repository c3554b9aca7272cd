"""Churn: customers lost every month beyond the normal rate; the loss compounds."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from calculators.drivers.base import (
    MARGIN_KEY,
    DriverType,
    Month,
    gross_margin_input,
    plural_count,
    with_margin,
)
from calculators.formatting import Formatter
from calculators.i18n import N_, ngettext
from calculators.inputs import Unit, Values, number


def customers_lost(customers: Decimal, monthly_churn: Decimal, k: int) -> Decimal:
    """Customers lost by the end of month k: customers × (1 − (1 − churn)^k)."""
    return customers * (1 - (1 - monthly_churn) ** k)


if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class Churn(DriverType):
    key = "churn"
    savings_class = "revenue"
    order = 70
    # Customers lost before the solution goes live do not come back.
    locked_in_at_go_live = True
    label = N_("Customer churn")
    description = N_(
        "Customers leave faster than they would with the solution; the loss compounds."
    )
    formula = N_(
        "customers × (1 − (1 − excess monthly churn)^k) × revenue per customer per month "
        "× gross margin in month k: every month of waiting loses more customers for good"
    )
    inputs = (
        number(
            "customers",
            N_("Customers today"),
            Unit.COUNT,
            N_("Paying customers (or accounts) at the start of the case."),
            "1000",
            maximum="1000000000",
        ),
        number(
            "excess_monthly_churn",
            N_("Excess churn per month"),
            Unit.RATE,
            N_(
                "Share of customers lost each month because of the problem, above the churn "
                "you would have anyway (0.005 = 0.5 %)."
            ),
            "0.005",
            maximum="1",
        ),
        number(
            "revenue_per_customer_per_month",
            N_("Revenue per customer per month"),
            Unit.MONEY,
            N_("Average monthly revenue of one customer."),
            "100",
            maximum="1000000000",
        ),
        gross_margin_input(),
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        # k counts from the month the driver starts in (month 1 of the case by default).
        k = month.index - values.first_month + 1
        lost = customers_lost(values["customers"], values["excess_monthly_churn"], k)
        return lost * values["revenue_per_customer_per_month"] * values[MARGIN_KEY]

    def sheet_formula(self, refs: SheetRefs) -> str:
        i = refs.input
        # k counts from the driver's own first month (at least 1: months before it are
        # outside its window and count nothing)
        k = f"MAX(1,{refs.k}-{refs.first_month}+1)"
        lost = f"{i('customers')}*(1-(1-{i('excess_monthly_churn')})^{k})"
        return f"{lost}*{i('revenue_per_customer_per_month')}*{i(MARGIN_KEY)}"

    def explain(self, values: Values, fmt: Formatter) -> str:
        return with_margin(self._explain_revenue(values, fmt), values, fmt)

    def _explain_revenue(self, values: Values, fmt: Formatter) -> str:
        return ngettext(
            "{customers} customer losing an extra {churn} a month, compounding, "
            "× {revenue} per customer per month",
            "{customers} customers losing an extra {churn} a month, compounding, "
            "× {revenue} per customer per month",
            plural_count(values["customers"]),
        ).format(
            customers=fmt.decimal(values["customers"]),
            churn=fmt.percent(values["excess_monthly_churn"], max_digits=2),
            revenue=fmt.money(values["revenue_per_customer_per_month"]),
        )


DRIVER = Churn()
