"""The engine: monthly projection per driver, totals, cost to a date, and the solution.

Everything here is a pure function of the case (and a scenario), computed with Decimal in
``ENGINE_CONTEXT``. Conventions are written out in docs/methodology.md and pinned by tests:

* Month k covers [EDATE(start, k-1), EDATE(start, k)). A monthly amount accrues evenly over
  the month's calendar days; a date inside a month prorates by days.
* cost_to(D) is what accrues over [start_date, D), plus dated one-time amounts in it.
* Run rates are recurring only: months 1..12 without the dated one-time amounts (listed
  apart in :attr:`Projection.one_time`); per month = /12, per week = /52, per day = /365.
* The avoidable cost is sum(addressable x driver cost); each driver has a savings class.
* The solution's figures are those of the plan: deciding at d_P (finance.plan_offset).

The time conventions (which part of which month an amount covers, the part before a date,
the time weights) live in :mod:`calculators.accrual`, shared with the vectorised simulation;
the calendar in calendar.py, discounting and ramp in finance.py.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from functools import cached_property, lru_cache
from typing import NamedTuple

from calculators.accrual import (
    dated,
    driver_window,
    locked_month,
    part_before,
    projection_months,
    stretches,
)
from calculators.calendar import edate, months, months_to_cover
from calculators.case_fields import driver_field
from calculators.drivers import registry
from calculators.drivers.base import (
    SAVINGS_CLASSES,
    Month,
    SavingsClass,
)
from calculators.finance import (
    SolutionResult,
    analyse_solution,
    plan_offset,
)
from calculators.inputs import InputRef, Kind, Scenario, Values
from calculators.model import MAX_DRIVERS, Case, DriverBase
from calculators.numbers import (
    ENGINE_CONTEXT,
    EXACT_CONTEXT,
    ZERO,
    exact_sum,
    rounded,
    total,
)

ADDRESSABLE = driver_field("addressable")

# which input -> value replacing the scenario's pick (sensitivity, simulation)
Overrides = Mapping[InputRef, Decimal]


def resolve(
    driver: DriverBase,
    scenario: Scenario = "expected",
    overrides: Overrides | None = None,
    index: int | None = None,
    case_start: dt.date | None = None,
) -> Values:
    """The values a driver computes with: the stored inputs, 0 for an absent number.

    Empty means empty: a declared default is only a suggestion for the editor, never a
    value (an absent required input is flagged by ``calculators.readiness``).

    With ``case_start``, ``first_month`` is the case month that contains the driver's own
    start_date (1 when it has none or it lies before the case start).
    """
    numbers: dict[str, Decimal] = {}
    dates: dict[str, dt.date | None] = {}
    texts: dict[str, str] = {}
    for spec in driver.kind.inputs:
        stored = driver.input(spec.key)
        if spec.kind is Kind.NUMBER:
            if stored is None:  # empty means empty: 0, or an optional input's declared value
                value = spec.default_decimal if spec.optional else ZERO
            else:
                value = stored.pick(scenario, spec.adverse)
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


def resolve_addressable(
    driver: DriverBase,
    scenario: Scenario = "expected",
    overrides: Overrides | None = None,
    index: int | None = None,
) -> Decimal:
    """The driver's addressable share in ``scenario`` (its adverse end is the low one), or
    the override for ``InputRef(index, "addressable")``."""
    value = driver.addressable.pick(scenario, ADDRESSABLE.adverse)
    if overrides and index is not None:
        value = overrides.get(InputRef(index, ADDRESSABLE.key), value)
    return value


# --- time conventions, shared with the simulation ---------------------------------------------


class Piece(NamedTuple):  # a tuple: cheaper to make than a frozen dataclass, as immutable
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
    savings_class: SavingsClass = "cash"
    first_year: Decimal = ZERO  # months 1..12 without the one-time amounts (the run rate)
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
                before, days = part_before(piece.start, piece.end, day)
                total += piece.amount if before == days else piece.amount * before / days
            for when, amount in self.lumps:
                if when < day:
                    total += amount
            return total


def _project_driver(
    index: int,
    driver: DriverBase,
    case_start: dt.date,
    span: tuple[Month, ...],
    scenario: Scenario,
    overrides: Overrides | None,
) -> DriverProjection:
    kind = driver.kind
    values = resolve(driver, scenario, overrides, index, case_start)
    window = driver_window(case_start, driver)
    monthly = [ZERO] * len(span)
    pieces: list[Piece] = []
    for stretch in stretches(kind, values, span, window):
        if not stretch.monthly:
            continue
        amount = stretch.monthly
        if not stretch.whole:
            amount = amount * stretch.days / stretch.month.days
        pieces.append(Piece(stretch.start, stretch.end, amount))
        monthly[stretch.position] += amount
    first_year = sum(monthly[:12], ZERO)
    lumps: list[tuple[dt.date, Decimal]] = []
    for when, amount, position in dated(kind, values, span, window):
        if not amount:
            continue
        lumps.append((when, amount))
        if position is not None:
            monthly[position] += amount
    return DriverProjection(
        index=index,
        name=driver.name,
        type=driver.type,
        addressable=resolve_addressable(driver, scenario, overrides, index),
        values=values,
        monthly=tuple(monthly),
        pieces=tuple(pieces),
        lumps=tuple(lumps),
        savings_class=driver.resolved_savings_class,
        first_year=first_year,
        _starts=tuple(p.start for p in pieces),
    )


@dataclass(frozen=True)
class OneTime:
    """A dated one-time amount inside the horizon (listed apart from the run rates)."""

    driver: str
    index: int  # the driver's index in the case
    date: dt.date
    amount: Decimal


class ClassFigures(NamedTuple):
    """A savings class's status-quo and avoidable cost."""

    cost_to_deadline: Decimal
    cost_over_horizon: Decimal
    avoidable_over_horizon: Decimal


# The key of the monthly cost among Projection's exact column sums; the others are keyed by
# (go-live month, savings class) of addressable_for, which a string never equals.
_MONTHLY: tuple[str, None] = ("all drivers' monthly cost", None)


@dataclass(frozen=True)
class Projection:
    """The status quo, projected: every enabled driver, month by month.

    Totals over drivers are exact sums rounded once (numbers.total), so they do not depend on
    the order of the drivers. A projection made by :meth:`swapped` keeps its parent's exact
    sums and replaces one driver's part in them: the same Decimals as projecting afresh.
    """

    case: Case
    scenario: Scenario
    months: tuple[Month, ...]
    drivers: tuple[DriverProjection, ...]
    _addressable_cache: dict[tuple[int, str | None], tuple[Decimal, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # (parent, position): this is ``parent`` with drivers[position] replaced (None: the same
    # drivers, e.g. after an edit of the narrative; the parent has the same months and horizon)
    _parent: tuple[Projection, int | None] | None = field(default=None, repr=False, compare=False)
    _exact_costs: dict[dt.date, Decimal] = field(default_factory=dict, repr=False, compare=False)
    _exact_columns: dict[tuple[int | str, str | None], tuple[Decimal, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def swapped(self, position: int, driver: DriverProjection) -> Projection:
        """This projection with ``drivers[position]`` replaced by ``driver`` (same months)."""
        drivers = (*self.drivers[:position], driver, *self.drivers[position + 1 :])
        return Projection(self.case, self.scenario, self.months, drivers, _parent=(self, position))

    def _columns(
        self,
        key: tuple[int | str, str | None],
        column: Callable[[DriverProjection], Sequence[Decimal] | None],
        width: int,
    ) -> tuple[Decimal, ...]:
        """Exact month-by-month sums of ``column(driver)`` over the drivers (None: left out),
        cached under ``key``; a swapped projection takes its parent's and swaps one driver."""
        cached = self._exact_columns.get(key)
        if cached is not None:
            return cached
        if self._parent is not None:
            parent, position = self._parent
            result = parent._columns(key, column, width)
            if position is None:
                return result
            old = column(parent.drivers[position])
            new = column(self.drivers[position])
            with localcontext(EXACT_CONTEXT):
                if old is not None:
                    result = tuple(t - o for t, o in zip(result, old, strict=True))
                if new is not None:
                    result = tuple(t + n for t, n in zip(result, new, strict=True))
        else:
            present = [c for c in map(column, self.drivers) if c is not None]
            with localcontext(EXACT_CONTEXT):
                if present:
                    result = tuple(sum(c, ZERO) for c in zip(*present, strict=True))
                else:
                    result = (ZERO,) * width
        self._exact_columns[key] = result
        return result

    @property
    def horizon(self) -> int:
        return self.case.horizon_months

    @cached_property
    def _exact_monthly(self) -> tuple[Decimal, ...]:
        return self._columns(_MONTHLY, lambda d: d.monthly, len(self.months))

    @cached_property
    def monthly(self) -> tuple[Decimal, ...]:
        """Total cost per month for all projected months (N >= horizon)."""
        return tuple(map(rounded, self._exact_monthly))

    def _exact_cost_to(self, day: dt.date) -> Decimal:
        cached = self._exact_costs.get(day)
        if cached is None:
            if self._parent is not None:
                parent, position = self._parent
                kept = parent._exact_cost_to(day)
                if position is None:
                    return kept
                old = parent.drivers[position].cost_to(day)
                new = self.drivers[position].cost_to(day)
                with localcontext(EXACT_CONTEXT):
                    cached = kept - old + new
            else:
                cached = exact_sum(d.cost_to(day) for d in self.drivers)
            self._exact_costs[day] = cached
        return cached

    def cost_to(self, day: dt.date) -> Decimal:
        """Cost of inaction over [start_date, day); zero for a day on or before the start."""
        return rounded(self._exact_cost_to(day))

    @cached_property
    def cost_to_deadline(self) -> Decimal:
        return self.cost_to(self.case.deadline)

    @cached_property
    def cost_over_horizon(self) -> Decimal:
        return total(self._exact_monthly[: self.horizon])

    @cached_property
    def cost_per_year(self) -> Decimal:
        """The recurring run rate: months 1..12 without the dated one-time amounts."""
        return total(d.first_year for d in self.drivers)

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
        """A driver's run rate: months 1..12 without its one-time amounts, / 12."""
        with localcontext(ENGINE_CONTEXT):
            return driver.first_year / 12

    @cached_property
    def one_time(self) -> tuple[OneTime, ...]:
        """Every dated one-time amount inside the horizon, by date (then driver)."""
        end = edate(self.case.start_date, self.horizon)
        found = [
            OneTime(d.name, d.index, when, amount)
            for d in self.drivers
            for when, amount in d.lumps
            if when < end
        ]
        return tuple(sorted(found, key=lambda o: (o.date, o.index)))

    @cached_property
    def avoidable_to_deadline(self) -> Decimal:
        """sum(addressable x driver cost to the deadline)."""
        with localcontext(ENGINE_CONTEXT):
            parts = [d.addressable * d.cost_to(self.case.deadline) for d in self.drivers]
        return total(parts)

    @cached_property
    def avoidable_over_horizon(self) -> Decimal:
        """sum(addressable x driver cost over the horizon)."""
        with localcontext(ENGINE_CONTEXT):
            parts = [d.addressable * self.driver_cost_over_horizon(d) for d in self.drivers]
        return total(parts)

    @cached_property
    def avoidable_per_month(self) -> Decimal:
        """sum(addressable x driver run rate per month)."""
        with localcontext(ENGINE_CONTEXT):
            parts = [d.addressable * d.first_year for d in self.drivers]
            return total(parts) / 12

    def by_class(self) -> dict[SavingsClass, ClassFigures]:
        """Cost to the deadline, over the horizon and avoidable over it, per savings class
        present (in the order cash, capacity, revenue, risk)."""
        deadline = self.case.deadline
        parts: dict[SavingsClass, list[list[Decimal]]] = {}
        with localcontext(ENGINE_CONTEXT):
            for d in self.drivers:
                row = parts.setdefault(d.savings_class, [[], [], []])
                horizon = self.driver_cost_over_horizon(d)
                row[0].append(d.cost_to(deadline))
                row[1].append(horizon)
                row[2].append(d.addressable * horizon)
        return {
            c: ClassFigures(*(total(p) for p in parts[c])) for c in SAVINGS_CLASSES if c in parts
        }

    @cached_property
    def _any_locked_in(self) -> bool:
        kinds = registry()
        return any(d.addressable and kinds[d.type].locked_in_at_go_live for d in self.drivers)

    @cached_property
    def addressable_monthly(self) -> tuple[Decimal, ...]:
        """sum(addressable x driver cost) per month over the horizon (nothing locked in)."""
        return self.addressable_for(0)

    def cash_addressable_for(self, go_live: int) -> tuple[Decimal, ...]:
        """:meth:`addressable_for` over the cash-class drivers only."""
        return self.addressable_for(go_live, "cash")

    def addressable_for(
        self, go_live: int, savings_class: SavingsClass | None = None
    ) -> tuple[Decimal, ...]:
        """What a solution live from the end of month ``go_live`` removes, month by month.

        sum(addressable x driver cost) per month over the horizon; for a driver whose loss is
        locked in at go-live (churn), its cost in month ``go_live`` is taken off every later
        month. Months up to ``go_live`` carry no benefit anyway (finance.flows_for). With
        ``savings_class``, only the drivers of that class count.
        """
        key = (go_live, savings_class)
        cached = self._addressable_cache.get(key)
        if cached is not None:
            return cached
        if go_live != 0 and not self._any_locked_in:
            # Nothing is locked in at go-live: the same figures for every go-live month
            # (finance asks for several delays; 200 drivers x 240 months each time).
            result = self.addressable_for(0, savings_class)
            self._addressable_cache[key] = result
            return result
        horizon = self.horizon

        def column(driver: DriverProjection) -> Sequence[Decimal] | None:
            share = driver.addressable
            if not share or savings_class not in (None, driver.savings_class):
                return None
            if registry()[driver.type].locked_in_at_go_live:
                position = locked_month(go_live, len(driver.monthly))
                if position is not None:
                    locked = driver.monthly[position]
                    with localcontext(ENGINE_CONTEXT):
                        return tuple(share * (m - locked) for m in driver.monthly[:horizon])
            # share x (cost - 0), kept on the driver: sensitivity rows reuse it.
            return driver.addressable_share[:horizon]

        result = tuple(map(rounded, self._columns(key, column, horizon)))
        self._addressable_cache[key] = result
        return result


def project(
    case: Case, scenario: Scenario = "expected", overrides: Overrides | None = None
) -> Projection:
    """Project every enabled driver of ``case`` month by month."""
    with localcontext(ENGINE_CONTEXT):
        span = projection_months(case)
        if overrides:
            drivers = tuple(
                _project_driver(i, d, case.start_date, span, scenario, overrides)
                for i, d in enumerate(case.drivers)
                if d.enabled
            )
            return Projection(case, scenario, span, drivers)
        drivers = tuple(
            _cached_driver(i, d, case.start_date, len(span), scenario)
            for i, d in enumerate(case.drivers)
            if d.enabled
        )
        return _from_root(case, scenario, span, drivers)


# The last full projection per scenario: the next snapshot, an edit of one driver, swaps that
# driver into its kept sums instead of adding up every driver's months again.
_roots: dict[Scenario, Projection] = {}


def _from_root(
    case: Case, scenario: Scenario, span: tuple[Month, ...], drivers: tuple[DriverProjection, ...]
) -> Projection:
    root = _roots.get(scenario)
    if (
        root is not None
        and len(root.drivers) == len(drivers)
        and root.horizon == case.horizon_months
        and root.months == span
    ):
        # Unchanged drivers are the very same (cached) objects.
        changed = [
            p
            for p, (old, new) in enumerate(zip(root.drivers, drivers, strict=True))
            if old is not new
        ]
        if len(changed) <= 1:
            parent = (root, changed[0] if changed else None)
            return Projection(case, scenario, span, drivers, _parent=parent)
    fresh = Projection(case, scenario, span, drivers)
    _roots[scenario] = fresh
    return fresh


@lru_cache(maxsize=4 * MAX_DRIVERS)
def _cached_driver(
    index: int, driver: DriverBase, case_start: dt.date, count: int, scenario: Scenario
) -> DriverProjection:
    """One driver's projection, reused while the driver and what it depends on are unchanged.

    A projection is a pure function of the (frozen) driver, its index, the case's start date,
    the number of months and the scenario. An edit changes one driver, so the next snapshot
    re-projects that one and reuses the rest: at 100 drivers x 240 months that is the
    difference between a keystroke costing ~80 ms and ~5 ms. Bounded: the largest case's three
    scenarios and its edits (4 x MAX_DRIVERS projections, about 100 KB each at 240 months).
    """
    with localcontext(ENGINE_CONTEXT):
        return _project_driver(index, driver, case_start, months(case_start, count), scenario, None)


def clear_projection_cache() -> None:
    """Forget the reused driver projections (benchmarks measure the work, not the cache)."""
    _cached_driver.cache_clear()
    _roots.clear()


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
            plan=plan_offset(case.start_date, case.deadline),
            deadline=case.deadline,
            cash=projection.cash_addressable_for,
        )
    return Results(projection, solution)
