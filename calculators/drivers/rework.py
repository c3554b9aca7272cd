"""Errors: mistakes in a manual or error-prone process, each costing rework or refunds."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from calculators.drivers.base import DriverType, Month, plural_count
from calculators.formatting import Formatter
from calculators.i18n import N_, ngettext
from calculators.inputs import Unit, Values, number

if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class Errors(DriverType):
    key = "errors"
    savings_class = "cash"
    order = 50
    label = N_("Errors and rework")
    description = N_("A share of transactions goes wrong and each error costs money to fix.")
    formula = N_("transactions per month × error rate × cost per error")
    inputs = (
        number(
            "volume_per_month",
            N_("Transactions per month"),
            Unit.COUNT,
            N_("How many orders, invoices, claims or records are handled each month."),
            "1000",
            maximum="1000000000000",
        ),
        number(
            "error_rate",
            N_("Error rate"),
            Unit.RATE,
            N_("Share of transactions that go wrong (0.02 = 2 %)."),
            "0.02",
            maximum="1",
        ),
        number(
            "cost_per_error",
            N_("Cost per error"),
            Unit.MONEY,
            N_("What one error costs: rework time, credit notes, returns, lost goodwill."),
            "25",
            maximum="1000000000",
        ),
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        return values["volume_per_month"] * values["error_rate"] * values["cost_per_error"]

    def sheet_formula(self, refs: SheetRefs) -> str:
        i = refs.input
        return f"{i('volume_per_month')}*{i('error_rate')}*{i('cost_per_error')}"

    def explain(self, values: Values, fmt: Formatter) -> str:
        return ngettext(
            "{volume} transaction a month × {rate} error rate × {cost} per error",
            "{volume} transactions a month × {rate} error rate × {cost} per error",
            plural_count(values["volume_per_month"]),
        ).format(
            volume=fmt.decimal(values["volume_per_month"]),
            rate=fmt.percent(values["error_rate"]),
            cost=fmt.money(values["cost_per_error"]),
        )


DRIVER = Errors()
