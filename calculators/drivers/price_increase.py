"""Price increase: a supplier's price rise that takes effect on a known date."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from calculators.drivers.base import DriverType, Month, Segment
from calculators.formatting import Formatter
from calculators.i18n import N_, _
from calculators.inputs import Unit, Values, date_input, number

MONTHS_PER_YEAR = 12  # an int keeps the formula exact with Decimal inputs
ZERO = Decimal(0)


if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class PriceIncrease(DriverType):
    key = "price_increase"
    savings_class = "cash"
    order = 90
    label = N_("Price increase")
    description = N_("Today's spend goes up on a known date unless the buyer moves first.")
    formula = N_(
        "annual spend × increase rate ÷ 12 per month from the effective date on; the month "
        "it starts in is prorated by days"
    )
    inputs = (
        number(
            "annual_spend",
            N_("Annual spend today"),
            Unit.MONEY,
            N_("What the buyer pays per year today for what will get dearer."),
            "100000",
            maximum="1000000000000",
        ),
        number(
            "increase_rate",
            N_("Price increase"),
            Unit.RATE,
            N_("How much the price rises (0.1 = 10 %; 10 = 1,000 % at most)."),
            "0.1",
            maximum="10",
        ),
        date_input(
            "effective_date",
            N_("Effective from"),
            N_("The day the new price applies: renewal date, price list date, end of a freeze."),
            optional=False,
        ),
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        """The extra cost of a whole month in which the new price applies."""
        return values["annual_spend"] * values["increase_rate"] / MONTHS_PER_YEAR

    def segments(self, values: Values, month: Month) -> Sequence[Segment]:
        effective = values.date("effective_date")
        if effective is None or effective >= month.end:
            return (Segment(month.start, month.end, ZERO),)
        start = max(effective, month.start)
        return (Segment(start, month.end, self.monthly(values, month)),)

    def sheet_formula(self, refs: SheetRefs) -> str:
        return f"{refs.input('annual_spend')}*{refs.input('increase_rate')}/12"

    def sheet_cost(self, refs: SheetRefs) -> str:
        effective = refs.input("effective_date")
        return (
            f"IF(ISNUMBER({effective}),({self.sheet_formula(refs)})*{refs.part(effective, None)},0)"
        )

    def explain(self, values: Values, fmt: Formatter) -> str:
        effective = values.date("effective_date")
        if effective is not None:
            text = _("{spend} a year × {rate} increase ÷ 12, from {date}")
        else:
            text = _("{spend} a year × {rate} increase ÷ 12")
        return text.format(
            spend=fmt.money(values["annual_spend"]),
            rate=fmt.percent(values["increase_rate"]),
            date=fmt.date(effective) if effective is not None else "",
        )


DRIVER = PriceIncrease()
