"""The engine: monthly projection per driver, totals, cost to a date, and the solution.

Everything here is a pure function of the case (and a scenario), computed with Decimal in
``ENGINE_CONTEXT``. Conventions are written out in docs/methodology.md and pinned by tests:

* Month k covers [EDATE(start, k-1), EDATE(start, k)). A monthly amount accrues evenly over
  the month's calendar days; a date inside a month prorates by days.
* cost_to(D) is what accrues over [start_date, D), plus dated one-time amounts in it.
* Run rates come from months 1..12: per month = /12, per week = /52, per day = /365.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from functools import cached_property

from calculators.calendar import months, months_to_cover
from calculators.drivers import registry
from calculators.drivers.base import Month
from calculators.finance import SolutionResult, analyse_solution
from calculators.inputs import InputRef, Kind, Scenario, Values
from calculators.model import Case, DriverBase
from calculators.numbers import ENGINE_CONTEXT, ZERO

# which input -> value replacing the scenario's pick (sensitivity, simulation)
Overrides = Mapping[InputRef, Decimal]


def resolve(
    driver: DriverBase,
    scenario: Scenario = "expected",
    overrides: Overrides | None = None,
    index: int | None = None,
    case_start: dt.date | None = None,
) -> Values:
    """The values a driver computes with: stored inputs, defaults where absent.

    With ``case_start``, ``first_month`` is the case month that contains the driver's own
    start_date (1 when it has none or it lies before the case start).
    """
    numbers: dict[str, Decimal] = {}
    dates: dict[str, dt.date | None] = {}
    texts: dict[str, str] = {}
    for spec in driver.kind.inputs:
        stored = driver.input(spec.key)
        if spec.kind is Kind.NUMBER:
            value = spec.default_decimal if stored is None else stored.pick(scenario)
            if overrides and index is not None:
                value = overrides.get(InputRef(index, spec.key), value)
            numbers[spec.key] = value
        elif spec.kind is Kind.DATE:
            dates[spec.key] = stored
        else:
            texts[spec.key] = str(spec.default if stored is None else stored)
    first_month = 1
    if case_start is not None and driver.start_date is not None and driver.start_date > case_start:
        first_month = months_to_cover(case_start, driver.start_date + dt.timedelta(days=1))
    return Values(numbers, dates, texts, first_month)


@dataclass(frozen=True)
class Piece:
    """Part of a month over which an amount accrues evenly: [start, end) costs ``amount``."""

    start: dt.date
    end: dt.date
    amount: Decimal


@dataclass(frozen=True)
class DriverProjection:
    """One driver's cost, month by month, in the case currency (unrounded Decimals)."""

    index: int
    name: str
    type: str
    addressable: Decimal
    values: Values
    monthly: tuple[Decimal, ...]  # months 1..N (N >= horizon, covers the deadline)
    pieces: tuple[Piece, ...]
    lumps: tuple[tuple[dt.date, Decimal], ...]
    _starts: tuple[dt.date, ...] = field(repr=False, compare=False, default=())

    @cached_property
    def addressable_share(self) -> tuple[Decimal, ...]:
        """addressable x cost, month by month (what a solution removes, nothing locked in)."""
        with localcontext(ENGINE_CONTEXT):
            share = self.addressable
            return tuple(share * (amount - ZERO) for amount in self.monthly)

    def cost_to(self, day: dt.date) -> Decimal:
        """What this driver costs over [start_date, day)."""
        with localcontext(ENGINE_CONTEXT):
            total = ZERO
            cut = bisect.bisect_left(self._starts, day)
            for piece in self.pieces[:cut]:
                if piece.end <= day:
                    total += piece.amount
                else:
                    span = (piece.end - piece.start).days
                    total += piece.amount * (day - piece.start).days / span
            for when, amount in self.lumps:
                if when < day:
                    total += amount
            return total


def _project_driver(
    index: int,
    driver: DriverBase,
    case: Case,
    span: tuple[Month, ...],
    scenario: Scenario,
    overrides: Overrides | None,
) -> DriverProjection:
    kind = driver.kind
    values = resolve(driver, scenario, overrides, index, case.start_date)
    active_from = max(case.start_date, driver.start_date or case.start_date)
    active_to = driver.end_date  # exclusive; None = open-ended
    monthly: list[Decimal] = []
    pieces: list[Piece] = []
    for m in span:
        month_total = ZERO
        if m.end <= active_from or (active_to is not None and m.start >= active_to):
            monthly.append(ZERO)
            continue
        days = m.days
        for segment in kind.segments(values, m):
            start = max(segment.start, active_from)
            end = segment.end if active_to is None else min(segment.end, active_to)
            if end <= start or not segment.monthly:
                continue
            if start == m.start and end == m.end:
                amount = segment.monthly
            else:
                amount = segment.monthly * (end - start).days / days
            pieces.append(Piece(start, end, amount))
            month_total += amount
        monthly.append(month_total)
    lumps: list[tuple[dt.date, Decimal]] = []
    last_day = span[-1].end if span else case.start_date
    for when, amount in kind.lumps(values):
        if when < active_from or (active_to is not None and when >= active_to):
            continue
        if not amount:
            continue
        lumps.append((when, amount))
        if when < last_day:
            k = next(i for i, m in enumerate(span) if m.start <= when < m.end)
            monthly[k] += amount
    return DriverProjection(
        index=index,
        name=driver.name,
        type=driver.type,
        addressable=driver.addressable,
        values=values,
        monthly=tuple(monthly),
        pieces=tuple(pieces),
        lumps=tuple(lumps),
        _starts=tuple(p.start for p in pieces),
    )


@dataclass(frozen=True)
class Projection:
    """The status quo, projected: every enabled driver, month by month."""

    case: Case
    scenario: Scenario
    months: tuple[Month, ...]
    drivers: tuple[DriverProjection, ...]
    _addressable_cache: dict[int, tuple[Decimal, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def horizon(self) -> int:
        return self.case.horizon_months

    @cached_property
    def monthly(self) -> tuple[Decimal, ...]:
        """Total cost per month for all projected months (N >= horizon)."""
        with localcontext(ENGINE_CONTEXT):
            if not self.drivers:
                return (ZERO,) * len(self.months)
            # Column sums, each from ZERO in driver order: the same Decimals as a nested loop,
            # at C speed (100 drivers x 240 months, once per sensitivity row).
            rows = (d.monthly for d in self.drivers)
            return tuple(sum(column, ZERO) for column in zip(*rows, strict=True))

    def cost_to(self, day: dt.date) -> Decimal:
        """Cost of inaction over [start_date, day); zero for a day on or before the start."""
        with localcontext(ENGINE_CONTEXT):
            return sum((d.cost_to(day) for d in self.drivers), ZERO)

    @cached_property
    def cost_to_deadline(self) -> Decimal:
        return self.cost_to(self.case.deadline)

    @cached_property
    def cost_over_horizon(self) -> Decimal:
        with localcontext(ENGINE_CONTEXT):
            return sum(self.monthly[: self.horizon], ZERO)

    @cached_property
    def cost_per_year(self) -> Decimal:
        with localcontext(ENGINE_CONTEXT):
            return sum(self.monthly[:12], ZERO)

    @property
    def cost_per_month(self) -> Decimal:
        with localcontext(ENGINE_CONTEXT):
            return self.cost_per_year / 12

    @property
    def cost_per_week(self) -> Decimal:
        with localcontext(ENGINE_CONTEXT):
            return self.cost_per_year / 52

    @property
    def cost_per_day(self) -> Decimal:
        with localcontext(ENGINE_CONTEXT):
            return self.cost_per_year / 365

    def driver_cost_over_horizon(self, driver: DriverProjection) -> Decimal:
        with localcontext(ENGINE_CONTEXT):
            return sum(driver.monthly[: self.horizon], ZERO)

    def driver_cost_per_month(self, driver: DriverProjection) -> Decimal:
        """A driver's run rate: months 1..12 / 12."""
        with localcontext(ENGINE_CONTEXT):
            return sum(driver.monthly[:12], ZERO) / 12

    @cached_property
    def _any_locked_in(self) -> bool:
        kinds = registry()
        return any(d.addressable and kinds[d.type].locked_in_at_go_live for d in self.drivers)

    @cached_property
    def addressable_monthly(self) -> tuple[Decimal, ...]:
        """sum(addressable x driver cost) per month over the horizon (nothing locked in)."""
        return self.addressable_for(0)

    def addressable_for(self, go_live: int) -> tuple[Decimal, ...]:
        """What a solution live from the end of month ``go_live`` removes, month by month.

        sum(addressable x driver cost) per month over the horizon; for a driver whose loss is
        locked in at go-live (churn), its cost in month ``go_live`` is taken off every later
        month. Months up to ``go_live`` carry no benefit anyway (finance.flows_for).
        """
        cached = self._addressable_cache.get(go_live)
        if cached is not None:
            return cached
        if go_live != 0 and not self._any_locked_in:
            # Nothing is locked in at go-live: the same figures for every go-live month
            # (finance asks for several delays; 100 drivers x 240 months each time).
            result = self.addressable_for(0)
            self._addressable_cache[go_live] = result
            return result
        horizon = self.horizon
        with localcontext(ENGINE_CONTEXT):
            columns: list[tuple[Decimal, ...]] = []
            for driver in self.drivers:
                share = driver.addressable
                if not share:
                    continue
                if registry()[driver.type].locked_in_at_go_live and 1 <= go_live <= len(
                    driver.monthly
                ):
                    locked = driver.monthly[go_live - 1]
                    columns.append(tuple(share * (m - locked) for m in driver.monthly[:horizon]))
                else:
                    # share x (cost - 0), kept on the driver: sensitivity rows reuse it.
                    columns.append(driver.addressable_share[:horizon])
            if columns:
                result = tuple(sum(column, ZERO) for column in zip(*columns, strict=True))
            else:
                result = (ZERO,) * horizon
        self._addressable_cache[go_live] = result
        return result


def project(
    case: Case, scenario: Scenario = "expected", overrides: Overrides | None = None
) -> Projection:
    """Project every enabled driver of ``case`` month by month."""
    with localcontext(ENGINE_CONTEXT):
        count = max(case.horizon_months, 12, months_to_cover(case.start_date, case.deadline))
        span = months(case.start_date, count)
        drivers = tuple(
            _project_driver(i, d, case, span, scenario, overrides)
            for i, d in enumerate(case.drivers)
            if d.enabled
        )
        return Projection(case, scenario, span, drivers)


@dataclass(frozen=True)
class Results:
    """Everything the summary, the dashboard and the report show for one scenario."""

    projection: Projection
    solution: SolutionResult | None

    @property
    def case(self) -> Case:
        return self.projection.case


def summarise(
    case: Case, scenario: Scenario = "expected", overrides: Overrides | None = None
) -> Results:
    """Projection plus solution analysis for ``case`` in ``scenario``."""
    projection = project(case, scenario, overrides)
    solution = None
    if case.solution is not None:
        solution = analyse_solution(
            case.solution,
            projection.addressable_for,
            case.discount_rate,
            scenario,
            overrides,
        )
    return Results(projection, solution)
