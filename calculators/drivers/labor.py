"""Labor: people losing hours every week to the status quo."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from calculators.drivers.base import DriverType, Month, growth, plural_count
from calculators.formatting import Formatter
from calculators.i18n import N_, ngettext
from calculators.inputs import Unit, Values, number

WEEKS_PER_YEAR = Decimal(52)
MONTHS_PER_YEAR = Decimal(12)


if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class Labor(DriverType):
    key = "labor"
    savings_class = "capacity"
    order = 10
    label = N_("Wasted working time")
    description = N_("People spend hours every week on work the solution removes.")
    formula = N_(
        "people × hours per week × hourly cost × 52/12 weeks per month, "
        "growing by the annual growth rate each year"
    )
    inputs = (
        number(
            "people",
            N_("People affected"),
            Unit.COUNT,
            N_("How many people do this work today."),
            "1",
            maximum="1000000",
        ),
        number(
            "hours_per_week",
            N_("Hours per person per week"),
            Unit.HOURS_PER_WEEK,
            N_("Hours each person loses per week (168 at most)."),
            "1",
            maximum="168",
        ),
        number(
            "hourly_cost",
            N_("Loaded hourly cost"),
            Unit.MONEY_PER_HOUR,
            N_("Fully loaded cost of one hour: salary, taxes, benefits, overhead."),
            "50",
            maximum="1000000",
        ),
        number(
            "annual_growth",
            N_("Annual growth"),
            Unit.RATE,
            N_("How much the hours or cost grow each year (0.05 = 5 %)."),
            "0",
            minimum="-0.99",
            maximum="1",
        ),
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        # Multiply first, divide by 12 last: exact whenever the inputs are.
        return (
            values["people"]
            * values["hours_per_week"]
            * values["hourly_cost"]
            * WEEKS_PER_YEAR
            * growth(values["annual_growth"], month.year_index)
            / MONTHS_PER_YEAR
        )

    def sheet_formula(self, refs: SheetRefs) -> str:
        i = refs.input
        growth = refs.growth("annual_growth")
        return f"{i('people')}*{i('hours_per_week')}*{i('hourly_cost')}*52*{growth}/12"

    def explain(self, values: Values, fmt: Formatter) -> str:
        people = values["people"]
        n = plural_count(people)
        if values["annual_growth"]:
            text = ngettext(
                "{people} person × {hours} h/week × {cost} per hour × 52/12 weeks, "
                "growing {rate} a year",
                "{people} people × {hours} h/week × {cost} per hour × 52/12 weeks, "
                "growing {rate} a year",
                n,
            )
        else:
            text = ngettext(
                "{people} person × {hours} h/week × {cost} per hour × 52/12 weeks",
                "{people} people × {hours} h/week × {cost} per hour × 52/12 weeks",
                n,
            )
        return text.format(
            people=fmt.decimal(people),
            hours=fmt.decimal(values["hours_per_week"]),
            cost=fmt.money(values["hourly_cost"]),
            rate=fmt.percent(values["annual_growth"]),
        )


DRIVER = Labor()
