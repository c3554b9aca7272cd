"""Downtime: outages of the current system that stop the business while they last."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from calculators.drivers.base import DriverType, Month, plural_count
from calculators.formatting import Formatter
from calculators.i18n import N_, ngettext
from calculators.inputs import Unit, Values, number

MONTHS_PER_YEAR = 12  # an int keeps the formula exact with Decimal inputs


if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class Downtime(DriverType):
    key = "downtime"
    savings_class = "risk"
    order = 40
    label = N_("Downtime")
    description = N_("Outages of today's system stop work or sales while they last.")
    formula = N_("incidents per year × hours per incident × cost per hour of downtime ÷ 12")
    inputs = (
        number(
            "incidents_per_year",
            N_("Incidents per year"),
            Unit.COUNT,
            N_(
                "How many outages or slowdowns happen in a typical year "
                "(0.5 = one every two years)."
            ),
            "4",
            maximum="100000",
        ),
        number(
            "hours_per_incident",
            N_("Hours per incident"),
            Unit.HOURS,
            N_("How long one incident lasts until work runs normally again (8,760 at most)."),
            "4",
            maximum="8760",
        ),
        number(
            "cost_per_hour",
            N_("Cost per hour of downtime"),
            Unit.MONEY_PER_HOUR,
            N_("What one hour of outage costs: idle staff, lost orders, penalties, overtime."),
            "1000",
            maximum="1000000000",
        ),
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        # Multiply first, divide by 12 last: exact whenever the inputs are.
        return (
            values["incidents_per_year"]
            * values["hours_per_incident"]
            * values["cost_per_hour"]
            / MONTHS_PER_YEAR
        )

    def sheet_formula(self, refs: SheetRefs) -> str:
        i = refs.input
        return f"{i('incidents_per_year')}*{i('hours_per_incident')}*{i('cost_per_hour')}/12"

    def explain(self, values: Values, fmt: Formatter) -> str:
        return ngettext(
            "{incidents} incident a year × {hours} h per incident × {cost} per hour ÷ 12",
            "{incidents} incidents a year × {hours} h per incident × {cost} per hour ÷ 12",
            plural_count(values["incidents_per_year"]),
        ).format(
            incidents=fmt.decimal(values["incidents_per_year"]),
            hours=fmt.decimal(values["hours_per_incident"]),
            cost=fmt.money(values["cost_per_hour"]),
        )


DRIVER = Downtime()
