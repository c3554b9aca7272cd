"""What a driver module declares: its inputs, its monthly formula and its explanation.

A driver module defines one subclass of :class:`DriverType` and an instance named
``DRIVER``. The registry (``calculators.drivers``) finds it; the case model, validation,
JSON Schema, engine, CLI, GUI editors and report all derive from the declaration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple

from calculators.i18n import N_, _
from calculators.inputs import InputSpec, Unit, Values, number

if TYPE_CHECKING:
    from calculators.formatting import Formatter
    from calculators.workbook.refs import SheetRefs


@dataclass(frozen=True)
class Month:
    """Month k of a projection: [start, end) with ``days`` calendar days; y is the year index."""

    index: int  # k, 1-based
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def year_index(self) -> int:
        return (self.index - 1) // 12


class Segment(NamedTuple):
    """A stretch [start, end) inside one month over which ``monthly`` accrues evenly per day.

    ``monthly`` is the amount for the whole month; the engine prorates it by days. A tuple:
    one is made per driver and month (48,000 for the largest case), immutable either way.
    """

    start: dt.date
    end: dt.date
    monthly: Decimal


MARGIN_KEY = "gross_margin"


def gross_margin_input() -> InputSpec:
    """The optional gross margin of a lost-revenue driver (churn, revenue leakage): the cost is
    lost revenue x margin; absent, the default 1 values it at revenue."""
    return number(
        MARGIN_KEY,
        N_("Gross margin"),
        Unit.RATE,
        N_(
            "Share of that revenue the buyer keeps after direct costs (0.4 = 40 %); the cost "
            "is lost revenue × margin. Leave it out to value the loss at revenue."
        ),
        "1",
        maximum="1",
        optional=True,  # absent: valued at revenue (the default 1), not 0
    )


def with_margin(explanation: str, values: Values, fmt: Formatter) -> str:
    """``explanation`` of a lost revenue, with "× margin" when a gross margin below 1 applies."""
    margin = values[MARGIN_KEY]
    if margin == 1:
        return explanation
    # Translators: how a lost revenue is worked out, then the gross margin applied to it.
    return _("{explanation} × {margin} gross margin").format(
        explanation=explanation, margin=fmt.percent(margin, max_digits=2)
    )


def plural_count(value: Decimal) -> int:
    """The ``n`` that picks the plural form (``ngettext``) for a decimal count.

    A whole number is itself (capped, gettext's rules look at the last digits only); a
    fraction reads as plural ("1.5 people" is rare, "2.5 hours" common), so it counts as 2.
    """
    if value != value.to_integral_value():
        return 2
    whole = abs(int(value))
    return whole if whole < 1_000_000 else 1_000_000 + whole % 1_000_000


def growth(rate: Decimal, year_index: int) -> Decimal:
    """(1 + rate) ** year_index, exact for whole years."""
    return (1 + rate) ** year_index


SavingsClass = Literal["cash", "capacity", "revenue", "risk"]
"""What a driver's removed cost is to the buyer (docs/methodology.md, "Savings classes"):
spend that stops (cash), people's time freed (capacity), revenue kept (revenue) or the
expected loss of events that may not happen (risk)."""
SAVINGS_CLASSES: tuple[SavingsClass, ...] = ("cash", "capacity", "revenue", "risk")


class DriverType:
    """Base class of every driver type. Subclasses set the class attributes and ``monthly``."""

    key: ClassVar[str]
    order: ClassVar[int] = 1000  # position in pickers and listings (registry order)
    label: ClassVar[str]  # N_() marked
    description: ClassVar[str]  # N_() marked, one line for pickers and --help
    inputs: ClassVar[tuple[InputSpec, ...]]
    formula: ClassVar[str]  # N_() marked, the formula in words (methodology, help)
    # True for a cost that builds up and stays (lost customers): a solution live from the end
    # of month g stops the build-up, but the level reached by month g stays lost. The benefit
    # in month k > g is then cost(k) - cost(g), not cost(k).
    locked_in_at_go_live: ClassVar[bool] = False
    # The type's savings class; a driver may override it (DriverBase.savings_class).
    savings_class: ClassVar[SavingsClass] = "cash"

    def monthly(self, values: Values, month: Month) -> Decimal:
        """The amount for the whole of ``month`` (before proration by days)."""
        raise NotImplementedError

    def segments(self, values: Values, month: Month) -> Sequence[Segment]:
        """Stretches of ``month`` with their monthly amount; override for mid-month changes."""
        return (Segment(month.start, month.end, self.monthly(values, month)),)

    def lumps(self, values: Values) -> Iterable[tuple[dt.date, Decimal]]:
        """Dated one-time amounts; most drivers have none."""
        return ()

    # --- the same formula as a spreadsheet formula (calculators.workbook) -----------------

    def sheet_formula(self, refs: SheetRefs) -> str | None:
        """``monthly`` as a spreadsheet formula over the named inputs (``refs.input(key)``),
        the month ``refs.k`` and its year index ``refs.y``; None when the type has none."""
        return None

    def sheet_cost(self, refs: SheetRefs) -> str:
        """The month's cost as a spreadsheet formula: ``segments`` with the days prorated
        (``refs.part(from, to)``) and ``lumps`` inside the month (``refs.lump``)."""
        formula = self.sheet_formula(refs)
        if formula is None:
            raise NotImplementedError(f"{self.key}: no spreadsheet formula")
        return f"({formula})*{refs.part()}"

    def sheet_lumps(self, refs: SheetRefs) -> str | None:
        """The dated one-time amounts inside the month as a formula (``refs.lump``)."""
        return None

    def check(self, inputs: Any) -> list[tuple[str, str]]:
        """Problems that involve several inputs, as (input key, message); none by default."""
        return []

    def explain(self, values: Values, fmt: Formatter) -> str:
        """The formula in plain words with the case's numbers, in the case's locale."""
        raise NotImplementedError

    def valued_at_revenue(self, values: Values) -> bool:
        """True when this cost is lost revenue counted in full: the type takes a gross margin
        (churn, revenue leakage) and it is absent or 1. The report then says "valued at
        revenue"."""
        return MARGIN_KEY in values.numbers and values[MARGIN_KEY] == 1

    def spec(self, key: str) -> InputSpec:
        for spec in self.inputs:
            if spec.key == key:
                return spec
        raise KeyError(key)
