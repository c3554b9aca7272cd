"""Properties of the engine that hold for any case (hypothesis).

Cases are built the way a file is loaded (``make_driver`` + ``Case.model_validate``), from
decimal strings, with the foundation's driver types (labor, recurring_cost, risk) plus the two
that exercise the engine's dated paths: one_time (a lump on a date) and price_increase (a step
in the middle of a month).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators.calendar import edate
from calculators.engine import Projection, project
from calculators.model import Case, DriverBase, make_driver
from calculators.numbers import ENGINE_CONTEXT, decimal_to_json, total

ZERO = Decimal(0)
PROPERTY_SETTINGS = settings(max_examples=50, deadline=None)


def decimals(low: int, high: int, places: int) -> st.SearchStrategy[str]:
    """Decimal strings in [low, high] x 10^-places, e.g. "48.25"."""
    return st.integers(low, high).map(lambda n: decimal_to_json(Decimal(n).scaleb(-places)))


def ranged(value: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """A plain decimal string or an estimate object with that expected value."""
    return st.one_of(value, value.map(lambda v: {"expected": v, "source": "test"}))


labor_inputs = st.fixed_dictionaries(
    {
        "people": ranged(decimals(0, 1000, 0)),
        "hours_per_week": ranged(decimals(0, 400, 1)),
        "hourly_cost": ranged(decimals(0, 50000, 2)),
        "annual_growth": decimals(-200, 300, 3),
    }
)
recurring_inputs = st.fixed_dictionaries(
    {
        "amount": ranged(decimals(0, 10_000_000, 2)),
        "period": st.sampled_from(["month", "quarter", "year"]),
        "annual_escalation": decimals(-100, 200, 3),
    }
)


@st.composite
def risk_inputs(draw: st.DrawFn, start: dt.date) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "annual_probability": draw(ranged(decimals(0, 1000, 3))),
        "impact": draw(decimals(0, 100_000_000, 2)),
    }
    if draw(st.booleans()):
        inputs["after_date"] = (start + dt.timedelta(days=draw(st.integers(-60, 1500)))).isoformat()
        inputs["probability_after"] = draw(decimals(0, 1000, 3))
    return inputs


def some_day(start: dt.date) -> st.SearchStrategy[str]:
    return st.integers(-60, 2200).map(lambda days: (start + dt.timedelta(days=days)).isoformat())


@st.composite
def drivers(draw: st.DrawFn, start: dt.date) -> DriverBase:
    kind = draw(st.sampled_from(["labor", "recurring_cost", "risk", "one_time", "price_increase"]))
    if kind == "labor":
        inputs = draw(labor_inputs)
    elif kind == "recurring_cost":
        inputs = draw(recurring_inputs)
    elif kind == "risk":
        inputs = draw(risk_inputs(start))
    elif kind == "one_time":  # a dated lump: anywhere from before the start to past the horizon
        inputs = {"amount": draw(decimals(0, 10_000_000, 2)), "date": draw(some_day(start))}
    else:  # a step up in the middle of a month
        inputs = {
            "annual_spend": draw(decimals(0, 100_000_000, 2)),
            "increase_rate": draw(decimals(0, 500, 3)),
            "effective_date": draw(some_day(start)),
        }
    fields: dict[str, Any] = {
        "inputs": inputs,
        "enabled": draw(st.sampled_from([True, True, True, False])),
        "addressable": draw(decimals(0, 100, 2)),
    }
    begin = draw(st.none() | st.integers(-100, 900))
    end = draw(st.none() | st.integers(1, 1200))
    if begin is not None:
        fields["start_date"] = (start + dt.timedelta(days=begin)).isoformat()
    if end is not None:
        fields["end_date"] = (start + dt.timedelta(days=(begin or 0) + end)).isoformat()
    return make_driver(kind, f"{kind} driver", **fields)


@st.composite
def cases(draw: st.DrawFn, max_drivers: int = 5) -> Case:
    start = draw(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)))
    deadline = start + dt.timedelta(days=draw(st.integers(1, 2000)))
    return Case.model_validate(
        {
            "buyer": {"company": "Property Buyer"},
            "start_date": start.isoformat(),
            "deadline": deadline.isoformat(),
            "horizon_months": draw(st.integers(1, 60)),
            "drivers": draw(st.lists(drivers(start), max_size=max_drivers)),
        }
    )


def alone(case: Case, index: int) -> Projection:
    """The projection of ``case`` with only its driver ``index``."""
    return project(case.model_copy(update={"drivers": (case.drivers[index],)}))


def close(a: Decimal, b: Decimal, relative: str = "1e-30") -> bool:
    """Equal up to the last few of the engine's 34 significant digits.

    Sums taken in another order, or a value rounded to 34 digits and then doubled, can differ
    there; that is some 25 orders of magnitude below a cent on any realistic amount.
    """
    with localcontext(ENGINE_CONTEXT):
        return abs(a - b) <= Decimal(relative) * max(Decimal(1), abs(a), abs(b))


@PROPERTY_SETTINGS
@given(case=cases())
def test_totals_equal_the_sum_of_the_drivers(case: Case) -> None:
    p = project(case)
    singles = [alone(case, d.index) for d in p.drivers]
    with localcontext(ENGINE_CONTEXT):
        # Drivers do not interact: each one costs the same on its own as in the case.
        for driver, single in zip(p.drivers, singles, strict=True):
            assert single.drivers[0].monthly == driver.monthly
        # A total over drivers is their exact sum rounded once (numbers.total): the same
        # Decimal in any order of the drivers.
        for k in range(len(p.months)):
            assert p.monthly[k] == total(d.monthly[k] for d in p.drivers)
            assert p.monthly[k] == total(d.monthly[k] for d in reversed(p.drivers))
        assert p.cost_to_deadline == total(d.cost_to(case.deadline) for d in p.drivers)
        assert p.cost_to_deadline == total(s.cost_to_deadline for s in reversed(singles))
        # Over the horizon the engine sums months first; per driver it sums each driver's
        # months. Both orders agree to the 34th digit.
        by_driver = sum((p.driver_cost_over_horizon(d) for d in p.drivers), ZERO)
        assert close(p.cost_over_horizon, by_driver)
        assert close(p.cost_over_horizon, sum((s.cost_over_horizon for s in singles), ZERO))
        assert close(p.cost_per_year, sum((s.cost_per_year for s in singles), ZERO))
    # Disabled drivers contribute nothing.
    assert len(p.drivers) == sum(1 for d in case.drivers if d.enabled)


@PROPERTY_SETTINGS
@given(case=cases(), offsets=st.lists(st.integers(-40, 2200), min_size=2, max_size=12))
def test_cost_to_a_date_is_non_decreasing(case: Case, offsets: list[int]) -> None:
    p = project(case)
    days = sorted(case.start_date + dt.timedelta(days=o) for o in offsets)
    costs = [p.cost_to(day) for day in days]
    assert all(c >= 0 for c in costs)
    assert costs == sorted(costs)
    assert p.cost_to(case.start_date) == ZERO


@PROPERTY_SETTINGS
@given(case=cases())
def test_cost_to_the_end_of_month_k_is_the_sum_of_months_1_to_k(case: Case) -> None:
    p = project(case)
    for k in sorted({1, 12, case.horizon_months}):
        with localcontext(ENGINE_CONTEXT):
            months_sum = sum(p.monthly[:k], ZERO)
        assert close(p.cost_to(edate(case.start_date, k)), months_sum)
    assert close(p.cost_to(edate(case.start_date, case.horizon_months)), p.cost_over_horizon)


def labor_case(
    people: int, hours: str, cost: str, growth: str, start: dt.date, deadline: dt.date, horizon: int
) -> Case:
    driver = make_driver(
        "labor",
        "Labor",
        inputs={
            "people": str(people),
            "hours_per_week": hours,
            "hourly_cost": cost,
            "annual_growth": growth,
        },
    )
    return Case.model_validate(
        {
            "buyer": {"company": "Property Buyer"},
            "start_date": start.isoformat(),
            "deadline": deadline.isoformat(),
            "horizon_months": horizon,
            "drivers": [driver],
        }
    )


starts = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


@PROPERTY_SETTINGS
@given(
    people=st.integers(1, 500_000),
    hours=decimals(1, 400, 1),
    cost_thirds=st.integers(1, 16000),
    growth=decimals(-200, 300, 3),
    start=starts,
    deadline_months=st.integers(1, 60),
    horizon=st.integers(1, 60),
)
def test_doubling_people_doubles_a_labor_driver_exactly(
    people: int,
    hours: str,
    cost_thirds: int,
    growth: str,
    start: dt.date,
    deadline_months: int,
    horizon: int,
) -> None:
    # Exact arithmetic: with an hourly cost that is a whole number of 3-cent steps the monthly
    # amount p x h x c x 52 x (1+g)^y / 12 = p x h x (c/3) x 13 x (1+g)^y terminates within
    # 34 digits, and a deadline on a month boundary needs no division by the month's days.
    # Then twice the people costs exactly twice as much, digit for digit.
    cost = decimal_to_json(Decimal(3 * cost_thirds).scaleb(-2))
    deadline = edate(start, deadline_months)
    single = project(labor_case(people, hours, cost, growth, start, deadline, horizon))
    double = project(labor_case(2 * people, hours, cost, growth, start, deadline, horizon))
    assert double.monthly == tuple(2 * v for v in single.monthly)
    assert double.cost_to_deadline == 2 * single.cost_to_deadline
    assert double.cost_over_horizon == 2 * single.cost_over_horizon
    assert double.cost_per_year == 2 * single.cost_per_year


@PROPERTY_SETTINGS
@given(
    people=st.integers(1, 500_000),
    hours=decimals(1, 400, 1),
    cost=decimals(1, 50000, 2),
    growth=decimals(-200, 300, 3),
    start=starts,
    deadline_days=st.integers(1, 2000),
    horizon=st.integers(1, 60),
)
def test_doubling_people_doubles_a_labor_driver_to_34_digits(
    people: int,
    hours: str,
    cost: str,
    growth: str,
    start: dt.date,
    deadline_days: int,
    horizon: int,
) -> None:
    # Any inputs and a deadline mid-month: amounts like 0.1 h x 0.01 x 52 / 12 = 0.004333...
    # do not terminate, so each side is rounded to 34 significant digits on its own and the
    # two may differ in the last digit; far below a cent, invisible once rounded for display.
    deadline = start + dt.timedelta(days=deadline_days)
    single = project(labor_case(people, hours, cost, growth, start, deadline, horizon))
    double = project(labor_case(2 * people, hours, cost, growth, start, deadline, horizon))
    with localcontext(ENGINE_CONTEXT):
        for one, two in zip(single.monthly, double.monthly, strict=True):
            assert close(two, 2 * one, "1e-32")
        # sums over many months carry a few such last-digit differences
        assert close(double.cost_to_deadline, 2 * single.cost_to_deadline)
        assert close(double.cost_over_horizon, 2 * single.cost_over_horizon)


@PROPERTY_SETTINGS
@given(case=cases(), pick=st.integers(0, 1000), factor=st.sampled_from(["0", "0.5", "0.9"]))
def test_an_edit_swapped_into_the_kept_totals_equals_a_fresh_projection(
    case: Case, pick: int, factor: str
) -> None:
    # After an edit of one driver, project() swaps that driver into the previous projection's
    # exact totals instead of adding up every driver again (engine._from_root). The figures
    # must be the very Decimals of a fresh projection.
    from calculators.engine import clear_projection_cache
    from calculators.inputs import Kind

    enabled = [i for i, d in enumerate(case.drivers) if d.enabled]
    assume(enabled)
    index = enabled[pick % len(enabled)]
    driver = case.drivers[index]
    numeric = [
        s for s in driver.kind.inputs if s.kind is Kind.NUMBER and driver.input(s.key) is not None
    ]
    assume(numeric)
    spec = numeric[pick % len(numeric)]
    stored = driver.input(spec.key)
    assert stored is not None
    value = decimal_to_json(stored.expected * Decimal(factor))
    edited = case.replace_driver(index, driver.with_input(spec.key, value))
    clear_projection_cache()
    project(case)  # the kept projection
    derived = project(edited)
    assert derived._parent is not None  # the swap was taken, not a fresh sum
    clear_projection_cache()
    fresh = project(edited)
    assert fresh._parent is None
    assert derived.monthly == fresh.monthly
    assert derived.cost_to_deadline == fresh.cost_to_deadline
    assert derived.cost_over_horizon == fresh.cost_over_horizon
    later = edate(case.start_date, 7)
    assert derived.cost_to(later) == fresh.cost_to(later)
    for go_live in (0, 2, 5):
        assert derived.addressable_for(go_live) == fresh.addressable_for(go_live)
        assert derived.cash_addressable_for(go_live) == fresh.cash_addressable_for(go_live)
    assert derived.avoidable_over_horizon == fresh.avoidable_over_horizon
