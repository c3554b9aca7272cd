"""One-time cost: an amount due on a known date unless something changes before it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from calculators.drivers.base import DriverType, Month
from calculators.formatting import Formatter
from calculators.i18n import N_, _
from calculators.inputs import Unit, Values, date_input, number

ZERO = Decimal(0)


if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class OneTime(DriverType):
    key = "one_time"
    savings_class = "cash"
    order = 80
    label = N_("One-time cost on a date")
    description = N_(
        "A cost that falls due on a known date: support end, penalty, lost incentive, renewal."
    )
    formula = N_(
        "the amount, counted once on its date; the cost to a date D includes it when its "
        "date is before D"
    )
    inputs = (
        number(
            "amount",
            N_("Amount"),
            Unit.MONEY,
            N_("What falls due on the date if nothing has changed by then."),
            "10000",
            maximum="1000000000000",
        ),
        date_input(
            "date",
            N_("Due on"),
            N_(
                "The day the cost is incurred: support ends, the penalty applies, the "
                "incentive expires or the contract renews."
            ),
            optional=False,
        ),
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        return ZERO

    def lumps(self, values: Values) -> Iterable[tuple[dt.date, Decimal]]:
        when = values.date("date")
        if when is None:
            return ()
        return ((when, values["amount"]),)

    def sheet_formula(self, refs: SheetRefs) -> str:
        return "0"

    def sheet_cost(self, refs: SheetRefs) -> str:
        return "0"

    def sheet_lumps(self, refs: SheetRefs) -> str:
        return refs.lump(refs.input("date"), refs.input("amount"))

    def explain(self, values: Values, fmt: Formatter) -> str:
        when = values.date("date")
        if when is None:
            return _("{amount} once").format(amount=fmt.money(values["amount"]))
        return _("{amount} once, on {date}").format(
            amount=fmt.money(values["amount"]), date=fmt.date(when)
        )


DRIVER = OneTime()
