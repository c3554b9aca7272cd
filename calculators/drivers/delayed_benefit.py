"""Delayed benefit: gains the solution would bring that the buyer forgoes while waiting."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from calculators.drivers.base import DriverType, Month, growth
from calculators.formatting import Formatter
from calculators.i18n import N_, _
from calculators.inputs import Unit, Values, number

if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class DelayedBenefit(DriverType):
    key = "delayed_benefit"
    savings_class = "revenue"
    order = 100
    label = N_("Forgone benefit")
    description = N_(
        "Gains the solution brings (new revenue, savings) that are lost for every month of waiting."
    )
    formula = N_("benefit per month, growing by the annual growth rate each year")
    inputs = (
        number(
            "benefit_per_month",
            N_("Benefit per month"),
            Unit.MONEY,
            N_("What the solution would earn or save each month once it is live."),
            "10000",
            maximum="1000000000000",
        ),
        number(
            "annual_growth",
            N_("Annual growth"),
            Unit.RATE,
            N_("How much the benefit grows each year (0.05 = 5 %)."),
            "0",
            minimum="-0.99",
            maximum="1",
        ),
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        return values["benefit_per_month"] * growth(values["annual_growth"], month.year_index)

    def sheet_formula(self, refs: SheetRefs) -> str:
        return f"{refs.input('benefit_per_month')}*{refs.growth('annual_growth')}"

    def explain(self, values: Values, fmt: Formatter) -> str:
        if values["annual_growth"]:
            text = _("{benefit} a month forgone, growing {rate} a year")
        else:
            text = _("{benefit} a month forgone")
        return text.format(
            benefit=fmt.money(values["benefit_per_month"]),
            rate=fmt.percent(values["annual_growth"]),
        )


DRIVER = DelayedBenefit()
