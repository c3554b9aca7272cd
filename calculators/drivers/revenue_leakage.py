"""Revenue leakage: revenue earned but never billed or collected (missed charges, discounts)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from calculators.drivers.base import (
    MARGIN_KEY,
    DriverType,
    Month,
    gross_margin_input,
    growth,
    with_margin,
)
from calculators.formatting import Formatter
from calculators.i18n import N_, _
from calculators.inputs import Unit, Values, number

if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class RevenueLeakage(DriverType):
    key = "revenue_leakage"
    savings_class = "revenue"
    order = 60
    label = N_("Revenue leakage")
    description = N_("A share of revenue is lost to unbilled work, pricing errors or bad debt.")
    formula = N_(
        "revenue per month × leakage rate × gross margin, growing by the annual growth rate "
        "each year"
    )
    inputs = (
        number(
            "revenue_per_month",
            N_("Revenue per month"),
            Unit.MONEY,
            N_("Monthly revenue that passes through the leaking process."),
            "100000",
            maximum="1000000000000",
        ),
        number(
            "leakage_rate",
            N_("Leakage rate"),
            Unit.RATE,
            N_("Share of that revenue that is never billed or collected (0.01 = 1 %)."),
            "0.01",
            maximum="1",
        ),
        number(
            "annual_growth",
            N_("Annual revenue growth"),
            Unit.RATE,
            N_("How much that revenue grows each year (0.05 = 5 %)."),
            "0",
            minimum="-0.99",
            maximum="1",
        ),
        gross_margin_input(),
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        return (
            values["revenue_per_month"]
            * values["leakage_rate"]
            * values[MARGIN_KEY]
            * growth(values["annual_growth"], month.year_index)
        )

    def sheet_formula(self, refs: SheetRefs) -> str:
        i = refs.input
        growth = refs.growth("annual_growth")
        return f"{i('revenue_per_month')}*{i('leakage_rate')}*{i(MARGIN_KEY)}*{growth}"

    def explain(self, values: Values, fmt: Formatter) -> str:
        if values["annual_growth"]:
            text = _("{revenue} revenue a month × {rate} leakage, growing {growth} a year")
        else:
            text = _("{revenue} revenue a month × {rate} leakage")
        explanation = text.format(
            revenue=fmt.money(values["revenue_per_month"]),
            rate=fmt.percent(values["leakage_rate"]),
            growth=fmt.percent(values["annual_growth"]),
        )
        return with_margin(explanation, values, fmt)


DRIVER = RevenueLeakage()
