"""When and how much a driver accrues: its window, the stretches of each month, one-time
amounts, the part before a date and the time weights of a case.

These time conventions (docs/methodology.md sections 1-7 and 20) are written once, here; the
exact projection (:mod:`calculators.engine`) and the vectorised simulation
(:mod:`calculators.simulation`) both use them, so neither re-derives a calendar rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from calculators.calendar import months, months_to_cover
from calculators.drivers.base import DriverType, Month, Segment
from calculators.finance import NpvWeights, npv_weights, plan_offset
from calculators.inputs import Values
from calculators.model import Case, DriverBase
from calculators.numbers import ENGINE_CONTEXT, ONE, ZERO


def projection_months(case: Case) -> tuple[Month, ...]:
    """The months a projection covers: the horizon, a first year (run rates), the deadline."""
    count = max(case.horizon_months, 12, months_to_cover(case.start_date, case.deadline))
    return months(case.start_date, count)


@dataclass(frozen=True)
class Window:
    """[start, end) over which a driver accrues: its own dates within the case (end None: open)."""

    start: dt.date
    end: dt.date | None

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def active_window(case: Case, driver: DriverBase) -> Window:
    """A driver accrues from its start date (not before the case's) to its end date."""
    return driver_window(case.start_date, driver)


def driver_window(case_start: dt.date, driver: DriverBase) -> Window:
    """:func:`active_window` for a case starting on ``case_start``."""
    return Window(max(case_start, driver.start_date or case_start), driver.end_date)


@dataclass(slots=True)
class Stretch:
    """One segment of a driver's month, clipped to the driver's active window: [start, end).

    The segment's ``monthly`` amount (for the whole month) accrues evenly over the month's
    calendar days, so the stretch carries ``days / month.days`` of it (all of it when
    ``whole``).
    """

    position: int  # 0-based month of the projection
    month: Month
    start: dt.date
    end: dt.date
    monthly: Decimal  # as the driver computed it (arrays of samples in the simulation)
    whole: bool  # the stretch is the whole month

    @property
    def days(self) -> int:
        return (self.end - self.start).days


class _Reading:
    """A month that notes which of its attributes a formula reads (:class:`_Formula`)."""

    __slots__ = ("_month", "_names")

    def __init__(self, month: Month) -> None:
        self._month = month
        self._names: list[str] = []

    def __getattr__(self, name: str) -> object:
        self._names.append(name)
        return getattr(self._month, name)


class _Formula:
    """``kind.monthly(values, month)``, evaluated once per distinct reading of the month.

    A driver's ``monthly`` is a pure function of its values and of what it reads of the month
    (docs/architecture.md, "How to add a calculator"): the year index for growth, the index for
    churn. Months that agree on everything it read give the same amount, so a 240-month
    projection with yearly growth evaluates the formula 20 times, not 240 (in the simulation:
    20 passes over the samples). The first evaluation reads through :class:`_Reading`.
    """

    __slots__ = ("kind", "known", "values")

    def __init__(self, kind: DriverType, values: Values) -> None:
        self.kind = kind
        self.values = values
        # (the attribute names read, in order) -> (their values -> the amount)
        self.known: list[tuple[tuple[str, ...], dict[tuple[object, ...], Decimal]]] = []

    def monthly(self, month: Month) -> Decimal:
        for names, amounts in self.known:
            found = amounts.get(tuple([getattr(month, n) for n in names]))
            if found is not None:
                return found
        reading = _Reading(month)
        amount = self.kind.monthly(self.values, reading)  # type: ignore[arg-type]
        names = tuple(dict.fromkeys(reading._names))
        key = tuple([getattr(month, n) for n in names])
        for known, amounts in self.known:
            if known == names:
                amounts[key] = amount
                break
        else:
            self.known.append((names, {key: amount}))
        return amount


def stretches(
    kind: DriverType, values: Values, span: Sequence[Month], window: Window
) -> Iterator[Stretch]:
    """Every non-empty segment of the months of ``span``, clipped to the driver's window."""
    active_from, active_to = window.start, window.end
    # A type with the plain segments (the whole month at monthly()) gets its formula memoised.
    formula = _Formula(kind, values) if type(kind).segments is DriverType.segments else None
    for position, month in enumerate(span):
        if month.end <= active_from or (active_to is not None and month.start >= active_to):
            continue
        if formula is not None:
            segments: Sequence[Segment] = (Segment(month.start, month.end, formula.monthly(month)),)
        else:
            segments = kind.segments(values, month)
        for segment in segments:
            start = max(segment.start, active_from)
            end = segment.end if active_to is None else min(segment.end, active_to)
            if end > start:
                whole = start == month.start and end == month.end
                yield Stretch(position, month, start, end, segment.monthly, whole)


def dated(
    kind: DriverType, values: Values, span: Sequence[Month], window: Window
) -> Iterator[tuple[dt.date, Decimal, int | None]]:
    """The driver's one-time amounts inside its window, each with the 0-based month that holds
    it (None when it falls after the last month of ``span``): it counts in that month."""
    last_day = span[-1].end if span else window.start
    for when, amount in kind.lumps(values):
        if not window.contains(when):
            continue
        position = None
        if when < last_day:
            position = next(i for i, m in enumerate(span) if m.start <= when < m.end)
        yield when, amount, position


def part_before(start: dt.date, end: dt.date, day: dt.date) -> tuple[int, int]:
    """(days of [start, end) before ``day``, days of [start, end)).

    An amount accruing evenly over [start, end) counts that share of itself in cost_to(day).
    """
    days = (end - start).days
    return min(days, max(0, (day - start).days)), days


def locked_month(go_live: int, count: int) -> int | None:
    """For a loss locked in at go-live (churn), the 0-based month whose cost stays lost.

    A solution live from the end of month ``go_live`` stops the build-up; the level reached
    in month ``go_live`` stays, so that month's cost comes off every month's benefit. None
    for a go-live outside the ``count`` months. Applies to drivers whose type says
    ``locked_in_at_go_live``.
    """
    return go_live - 1 if 1 <= go_live <= count else None


@dataclass(frozen=True)
class TimeWeights:
    """A case's weights per month as plain Decimals, for projecting it outside this module.

    The simulation evaluates the driver formulas on arrays of samples and weighs them with
    these. For a driver whose cost in month p (0-based) of ``months`` is c_p (its stretches
    prorated by days, plus its one-time amounts in month p):

    * its cost over the horizon is sum_p in_horizon[p] x c_p;
    * with a solution, deciding as planned (at d_P, finance.plan_offset) is worth, for it,
      addressable x sum_p benefit[p] x c_p
      (``locked_benefit`` when its loss is locked in at go-live); the NPV is the sum over the
      drivers - (investment + internal cost) x npv.investment - (recurring cost + internal
      recurring cost) x npv.recurring.

    The cost to the deadline comes from each stretch's :func:`part_before` the deadline.
    """

    months: tuple[Month, ...]  # up to the end of the horizon and the deadline
    deadline: dt.date
    in_horizon: tuple[Decimal, ...]  # 1 for the months of the horizon, 0 after
    npv: NpvWeights | None = None  # deciding as planned; None without a solution
    benefit: tuple[Decimal, ...] = ()  # ramp x discount factor per month, 0 up to go-live
    locked_benefit: tuple[Decimal, ...] = ()  # benefit for a loss locked in at go-live


def time_weights(case: Case) -> TimeWeights:
    """The per-month weights of ``case`` (see :class:`TimeWeights`)."""
    horizon = case.horizon_months
    span = projection_months(case)
    count = max(horizon, months_to_cover(case.start_date, case.deadline))
    in_horizon = tuple(ONE if p < horizon else ZERO for p in range(count))
    solution = case.solution
    if solution is None:
        return TimeWeights(span[:count], case.deadline, in_horizon)
    weights = npv_weights(
        case.discount_rate,
        horizon,
        solution.lead_time_months,
        solution.ramp_months,
        plan_offset(case.start_date, case.deadline),
    )
    benefit = weights.benefit + (ZERO,) * (count - horizon)
    position = locked_month(weights.go_live, len(span))
    with localcontext(ENGINE_CONTEXT):
        stays = sum(benefit, ZERO)
        locked = tuple(w - stays if p == position else w for p, w in enumerate(benefit))
    return TimeWeights(span[:count], case.deadline, in_horizon, weights, benefit, locked)
