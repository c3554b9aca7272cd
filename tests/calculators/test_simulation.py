"""Monte Carlo: the vectorised projection agrees with the Decimal engine, sample by sample."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.drivers import registry
from calculators.drivers.base import Month
from calculators.drivers.labor import Labor
from calculators.engine import summarise
from calculators.inputs import InputRef, Kind, Unit, Values
from calculators.model import Case
from calculators.simulation import Simulation, draw, evaluate, ranged_inputs, simulate
from calculators.storage import load
from tests.conftest import EXAMPLES, TEMPLATES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.coi"))
CASE_FILES = EXAMPLE_FILES + sorted(TEMPLATES.glob("*.coi"))


def _ranged(spec: Any, spread: str) -> dict[str, str]:
    expected = spec.default_decimal
    if expected == 0:
        expected = Decimal("0.03") if spec.unit is Unit.RATE else Decimal(1)
    width = Decimal(spread)
    low, high = expected * (1 - width), expected * (1 + width)
    if spec.integer:
        low, high = low.to_integral_value(), high.to_integral_value()
    if spec.maximum is not None:
        high = min(high, spec.maximum)
        expected = min(expected, high)
        low = min(low, expected)
    return {"expected": str(expected), "low": str(low), "high": str(high)}


def every_type_case(
    *,
    spread: str = "0.3",
    start: str = "2027-01-31",
    deadline: str = "2027-08-15",
    horizon: int = 60,
    solution: bool = True,
) -> Case:
    """A case with two drivers of every registered type, every numeric input ranged.

    Some drivers start late or end early, one is disabled, and dated inputs fall inside the
    horizon, so proration, activity windows and lumps are all exercised.
    """
    entries: list[dict[str, Any]] = []
    for copy in range(2):
        for n, kind in enumerate(registry().values()):
            inputs: dict[str, Any] = {}
            for spec in kind.inputs:
                if spec.kind is Kind.NUMBER:
                    inputs[spec.key] = _ranged(spec, spread)
                elif spec.kind is Kind.DATE:
                    day = dt.date.fromisoformat(start) + dt.timedelta(days=45 + 97 * n + 13 * copy)
                    inputs[spec.key] = day.isoformat()
            entry: dict[str, Any] = {
                "type": kind.key,
                "name": f"{kind.key} {copy}",
                "inputs": inputs,
                "addressable": {"expected": "0.75", "low": "0.5", "high": "0.9"} if copy else "1",
            }
            if copy:
                entry["start_date"] = "2027-03-17"
                entry["end_date"] = "2029-11-05"
            entries.append(entry)
    entries[1]["enabled"] = False
    data: dict[str, Any] = {
        "buyer": {"company": "Sim Corp"},
        "locale": "en_US",
        "currency": "USD",
        "start_date": start,
        "deadline": deadline,
        "horizon_months": horizon,
        "discount_rate": "0.09",
        "drivers": entries,
    }
    if solution:
        data["solution"] = {
            "name": "Fix",
            "investment": {"expected": "250000", "low": "200000", "high": "320000"},
            "recurring_cost": {"expected": "3000", "low": "2500", "high": "4000"},
            "lead_time_months": 2,
            "ramp_months": 3,
        }
    return Case.model_validate(data)


def without_ranges(case: Case) -> Case:
    """The same case with every range collapsed to its expected value."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            if "expected" in node:
                return {k: v for k, v in node.items() if k not in ("low", "high")}
            return {k: strip(v) for k, v in node.items()}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return Case.model_validate(strip(case.model_dump(mode="json", exclude_none=True)))


def assert_matches_engine(case: Case, samples: int = 6, seed: int = 7) -> None:
    draws = draw(case, samples, seed)
    outcomes = evaluate(case, draws, samples)
    assert outcomes.sample_by_sample == ()  # every formula broadcast
    for s in range(samples):
        overrides = {key: Decimal(repr(float(values[s]))) for key, values in draws.items()}
        exact = summarise(case, "expected", overrides)
        p = exact.projection
        assert outcomes.cost_to_deadline[s] == pytest.approx(float(p.cost_to_deadline), rel=1e-9)
        assert outcomes.cost_over_horizon[s] == pytest.approx(float(p.cost_over_horizon), rel=1e-9)
        if exact.solution is None:
            assert outcomes.npv is None
        else:
            assert outcomes.npv is not None
            assert outcomes.npv[s] == pytest.approx(float(exact.solution.npv), rel=1e-9, abs=1e-6)


# --- agreement with the exact engine ----------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {},
        # horizon shorter than the deadline: the projection runs past the horizon
        {"deadline": "2028-01-15", "horizon": 6},
        {"start": "2027-03-01", "deadline": "2027-03-20", "horizon": 24, "solution": False},
    ],
)
def test_every_driver_type_vectorises_and_matches_the_engine_per_sample(
    fields: dict[str, Any],
) -> None:
    case = every_type_case(**fields)
    assert {d.type for d in case.drivers} == set(registry())
    assert_matches_engine(case)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_examples_and_templates_match_the_engine_per_sample(path: Any) -> None:
    assert_matches_engine(load(path))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_zero_width_ranges_collapse_the_percentiles_onto_the_exact_figure(path: Any) -> None:
    case = without_ranges(load(path))
    assert ranged_inputs(case) == []
    sim = simulate(case, samples=200)
    exact = summarise(case)
    assert sim.ranged_inputs == 0
    pairs = [
        (sim.cost_to_deadline, exact.projection.cost_to_deadline),
        (sim.cost_over_horizon, exact.projection.cost_over_horizon),
    ]
    assert sim.npv is not None and exact.solution is not None
    pairs.append((sim.npv, exact.solution.npv))
    for spread, figure in pairs:
        assert spread.p10 == spread.p50 == spread.p90
        assert abs(spread.p50 - figure) <= abs(figure) * Decimal("1e-6")


def test_zero_width_everything_case_equals_the_engine() -> None:
    case = without_ranges(every_type_case())
    sim = simulate(case, samples=50)
    exact = summarise(case)
    assert sim.cost_over_horizon.p10 == sim.cost_over_horizon.p90
    assert float(sim.cost_over_horizon.p50) == pytest.approx(
        float(exact.projection.cost_over_horizon), rel=1e-6
    )
    assert float(sim.cost_to_deadline.p50) == pytest.approx(
        float(exact.projection.cost_to_deadline), rel=1e-6
    )


def test_the_simulation_takes_its_time_conventions_from_the_engine() -> None:
    # Months, proration, the deadline, ramp, discounting and churn lock-in are the engine's
    # (accrual.stretches / dated / part_before / time_weights); the simulation has no copy.
    import calculators.simulation as simulation

    rules = {"edate", "month", "months", "months_to_cover", "ramp", "ramp_weights"}
    rules |= {"discount_factors", "npv_weights", "flows_for", "npv", "locked_month"}
    assert rules.isdisjoint(vars(simulation))


# --- the distribution -------------------------------------------------------------------------


def symmetric_case() -> Case:
    return Case.model_validate(
        {
            "buyer": {"company": "Sym"},
            "start_date": "2027-01-01",
            "deadline": "2027-07-01",
            "horizon_months": 36,
            "drivers": [
                {
                    "type": "labor",
                    "name": "Re-keying",
                    "inputs": {
                        "people": {"expected": "6", "low": "4", "high": "8"},
                        "hours_per_week": {"expected": "5", "low": "3", "high": "7"},
                        "hourly_cost": "50",
                    },
                },
                {
                    "type": "recurring_cost",
                    "name": "Support",
                    "inputs": {"amount": {"expected": "2000", "low": "1000", "high": "3000"}},
                },
            ],
            "solution": {"investment": {"expected": "50000", "low": "40000", "high": "60000"}},
        }
    )


def test_expected_figure_lies_between_p10_and_p90_for_symmetric_ranges() -> None:
    case = symmetric_case()
    sim = simulate(case)
    exact = summarise(case)
    assert sim.npv is not None and exact.solution is not None
    for spread, figure in (
        (sim.cost_to_deadline, exact.projection.cost_to_deadline),
        (sim.cost_over_horizon, exact.projection.cost_over_horizon),
        (sim.npv, exact.solution.npv),
    ):
        assert spread.p10 < figure < spread.p90
        # symmetric, independent inputs: the median sits close to the expected figure
        assert abs(spread.p50 - figure) < (spread.p90 - spread.p10) / 10


def test_draws_are_triangular_within_the_range() -> None:
    case = symmetric_case()
    draws = draw(case, 20_000, 3)
    people = draws[InputRef(0, "people")]
    assert people.min() >= 4 and people.max() <= 8
    assert people.mean() == pytest.approx(6, abs=0.05)  # (4 + 6 + 8) / 3
    assert InputRef.solution("investment") in draws
    assert InputRef(0, "hourly_cost") not in draws  # no range, no draw


def test_same_seed_same_result_other_seed_other_result() -> None:
    case = load(EXAMPLES / "northwind-legacy-erp.coi")
    first = simulate(case, samples=2_000, seed=11)
    assert simulate(case, samples=2_000, seed=11) == first
    other = simulate(case, samples=2_000, seed=12)
    assert other.cost_over_horizon != first.cost_over_horizon
    assert (first.samples, first.seed) == (2_000, 11)


def test_no_solution_gives_no_npv() -> None:
    sim = simulate(every_type_case(solution=False), samples=100)
    assert sim.npv is None
    assert sim.cost_to_deadline.p10 <= sim.cost_to_deadline.p90


def test_disabled_drivers_are_not_drawn() -> None:
    case = every_type_case()
    assert not case.drivers[1].enabled
    assert all(ref.owner != 1 for ref, _estimate in ranged_inputs(case))


@pytest.mark.parametrize("samples", [0, -5, 2_000_000])
def test_sample_count_is_checked(samples: int) -> None:
    with pytest.raises(ValueError, match="samples"):
        simulate(symmetric_case(), samples=samples)


def test_negative_seed_is_refused() -> None:
    with pytest.raises(ValueError, match="seed"):
        simulate(symmetric_case(), seed=-1)


# --- a formula that cannot broadcast falls back to sample-by-sample Decimal -----------------


class BranchingLabor(Labor):
    """Labor with an overtime surcharge decided by an ``if`` on an input's value."""

    def monthly(self, values: Values, month: Month) -> Decimal:
        base = super().monthly(values, month)
        if values["hours_per_week"] > 5:  # ambiguous for an array: forces the fallback
            return base * Decimal("1.5")
        return base


def test_a_formula_that_branches_on_an_input_falls_back_and_stays_correct(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(registry(), "labor", BranchingLabor())
    case = symmetric_case()
    draws = draw(case, 40, 5)
    outcomes = evaluate(case, draws, 40)
    assert outcomes.sample_by_sample == (0,)
    hours = draws[InputRef(0, "hours_per_week")]
    assert (hours > 5).any() and (hours <= 5).any()  # both branches taken
    for s in range(40):
        overrides = {key: Decimal(repr(float(values[s]))) for key, values in draws.items()}
        exact = summarise(case, "expected", overrides).projection.cost_over_horizon
        assert outcomes.cost_over_horizon[s] == pytest.approx(float(exact), rel=1e-9)


# --- properties -------------------------------------------------------------------------------


@st.composite
def ranged(draw_: st.DrawFn, top: int, places: int = 0) -> dict[str, str]:
    scale = Decimal(10) ** -places
    values = sorted(draw_(st.integers(0, top)) for _ in range(3))
    low, expected, high = (Decimal(v) * scale for v in values)
    return {"expected": str(expected), "low": str(low), "high": str(high)}


@st.composite
def cost_cases(draw_: st.DrawFn) -> Case:
    drivers = []
    for i in range(draw_(st.integers(1, 3))):
        if draw_(st.booleans()):
            drivers.append(
                {
                    "type": "labor",
                    "name": f"L{i}",
                    "inputs": {
                        "people": draw_(ranged(50)),
                        "hours_per_week": draw_(ranged(40)),
                        "hourly_cost": draw_(ranged(200)),
                        "annual_growth": draw_(ranged(20, 2)),
                    },
                }
            )
        else:
            drivers.append(
                {
                    "type": "recurring_cost",
                    "name": f"R{i}",
                    "inputs": {
                        "amount": draw_(ranged(100_000)),
                        "period": draw_(st.sampled_from(["month", "quarter", "year"])),
                        "annual_escalation": draw_(ranged(15, 2)),
                    },
                }
            )
    deadline = dt.date(2027, 1, 1) + dt.timedelta(days=draw_(st.integers(1, 700)))
    return Case.model_validate(
        {
            "buyer": {"company": "Prop"},
            "start_date": "2027-01-01",
            "deadline": deadline.isoformat(),
            "horizon_months": draw_(st.integers(1, 60)),
            "drivers": drivers,
            "solution": {"investment": draw_(ranged(100_000)), "lead_time_months": 1},
        }
    )


def ordered(sim: Simulation) -> bool:
    spreads = [sim.cost_to_deadline, sim.cost_over_horizon]
    if sim.npv is not None:
        spreads.append(sim.npv)
    return all(p.p10 <= p.p50 <= p.p90 for p in spreads)


@settings(max_examples=25, deadline=None)
@given(case=cost_cases(), seed=st.integers(0, 2**32))
def test_percentiles_are_ordered_and_reproducible(case: Case, seed: int) -> None:
    sim = simulate(case, samples=300, seed=seed)
    assert ordered(sim)
    assert simulate(case, samples=300, seed=seed) == sim


@settings(max_examples=15, deadline=None)
@given(case=cost_cases())
def test_simulated_costs_stay_inside_the_all_low_all_high_scenarios(case: Case) -> None:
    # Every input raises the cost, so no draw can fall below all-low or above all-high.
    sim = simulate(case, samples=300)
    low = summarise(case, "conservative").projection
    high = summarise(case, "optimistic").projection
    tolerance = Decimal("1e-6") * (1 + high.cost_over_horizon)
    assert low.cost_over_horizon - tolerance <= sim.cost_over_horizon.p10
    assert sim.cost_over_horizon.p90 <= high.cost_over_horizon + tolerance
    assert low.cost_to_deadline - tolerance <= sim.cost_to_deadline.p10
    assert sim.cost_to_deadline.p90 <= high.cost_to_deadline + tolerance


def test_results_are_plain_decimals() -> None:
    sim = simulate(symmetric_case(), samples=500)
    for value in (sim.cost_to_deadline.p10, sim.cost_over_horizon.p90):
        assert isinstance(value, Decimal) and value.is_finite()
    assert np.isfinite(float(sim.cost_to_deadline.p50))
