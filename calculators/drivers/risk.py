"""Risk: an incident that may happen (breach, outage, fine), as its expected annual cost."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from calculators.drivers.base import DriverType, Month, Segment
from calculators.formatting import Formatter
from calculators.i18n import N_, _
from calculators.inputs import Unit, Values, date_input, number

TWELVE = Decimal(12)


if TYPE_CHECKING:
    from calculators.workbook.refs import SheetRefs


class Risk(DriverType):
    key = "risk"
    savings_class = "risk"
    order = 30
    label = N_("Risk exposure")
    description = N_("An incident that may happen, costed as probability × impact.")
    formula = N_(
        "annual probability × impact ÷ 12 per month; from the 'after' date on, the "
        "probability after that date applies"
    )
    inputs = (
        number(
            "annual_probability",
            N_("Annual probability"),
            Unit.RATE,
            N_("Chance the incident happens within a year (0.1 = 10 %)."),
            "0.1",
            maximum="1",
        ),
        number(
            "impact",
            N_("Impact per incident"),
            Unit.MONEY,
            N_("What one incident costs: fines, recovery, lost business."),
            "100000",
            maximum="1000000000000",
        ),
        date_input(
            "after_date",
            N_("Risk changes on"),
            N_("Optional: the date the probability changes (e.g. end of vendor support)."),
        ),
        number(
            "probability_after",
            N_("Annual probability after that date"),
            Unit.RATE,
            N_("Chance per year from that date on; used only with a date."),
            "0",
            maximum="1",
        ),
    )

    def monthly(self, values: Values, month: Month) -> Decimal:
        return values["annual_probability"] * values["impact"] / TWELVE

    def segments(self, values: Values, month: Month) -> Sequence[Segment]:
        after = values.date("after_date")
        before = values["annual_probability"] * values["impact"] / TWELVE
        if after is None:
            return (Segment(month.start, month.end, before),)
        later = values["probability_after"] * values["impact"] / TWELVE
        if after <= month.start:
            return (Segment(month.start, month.end, later),)
        if after >= month.end:
            return (Segment(month.start, month.end, before),)
        return (Segment(month.start, after, before), Segment(after, month.end, later))

    def sheet_formula(self, refs: SheetRefs) -> str:
        return f"{refs.input('annual_probability')}*{refs.input('impact')}/12"

    def sheet_cost(self, refs: SheetRefs) -> str:
        after = refs.input("after_date")
        before = f"({self.sheet_formula(refs)})"
        later = f"({refs.input('probability_after')}*{refs.input('impact')}/12)"
        return (
            f"IF(ISNUMBER({after}),{before}*{refs.part(None, after)}+"
            f"{later}*{refs.part(after, None)},{before}*{refs.part()})"
        )

    def check(self, inputs: Any) -> list[tuple[str, str]]:
        if inputs.after_date is not None and inputs.probability_after is None:
            return [
                (
                    "probability_after",
                    _("is required when {field} is set").format(field="after_date"),
                )
            ]
        return []

    def explain(self, values: Values, fmt: Formatter) -> str:
        after = values.date("after_date")
        if after is not None:
            text = _(
                "{probability} a year × {impact} per incident ÷ 12; "
                "{probability_after} a year from {date}"
            )
        else:
            text = _("{probability} a year × {impact} per incident ÷ 12")
        return text.format(
            probability=fmt.percent(values["annual_probability"]),
            impact=fmt.money(values["impact"]),
            probability_after=fmt.percent(values["probability_after"]),
            date=fmt.date(after) if after is not None else "",
        )


DRIVER = Risk()
