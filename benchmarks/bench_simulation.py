"""Benchmark: Monte Carlo of a 15-driver, 60-month case, 10,000 samples, one core.

The case mixes every driver type in the registry (labor, recurring_cost, risk and whatever
else is there), with a range on every numeric input (the worst case: every input is drawn)
and a solution with a ranged investment. Prints the best of 5 runs and its ratio to the
0.5 s bound of the issue, and, for the docs, the time the exact Decimal engine would need
for the same samples (measured on a few hundred samples, scaled up).

numpy is held to one thread (the variables below must be set before numpy is imported) and
the process to one core. Run: python3 dev.py bench, or this script.
"""

from __future__ import annotations

import os

for _variable in (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
):
    os.environ[_variable] = "1"

import datetime as dt  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from decimal import Decimal  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculators.drivers import registry  # noqa: E402
from calculators.engine import project  # noqa: E402
from calculators.finance import discount_factors, flows_for, npv  # noqa: E402
from calculators.inputs import SOLUTION, InputRef, Kind, Unit  # noqa: E402  # noqa: E402
from calculators.model import Case  # noqa: E402
from calculators.simulation import draw, simulate  # noqa: E402

BOUND_S = 0.5
SAMPLES = 10_000
RUNS = 5
DECIMAL_SAMPLES = 200
START = dt.date(2027, 1, 31)


def _ranged(spec: Any) -> dict[str, str]:
    expected = spec.default_decimal
    if expected == 0:
        expected = Decimal("0.03") if spec.unit is Unit.RATE else Decimal(1)
    low, high = expected * Decimal("0.8"), expected * Decimal("1.25")
    if spec.integer:
        low, high = low.to_integral_value(), high.to_integral_value()
    if spec.maximum is not None:
        high = min(high, spec.maximum)
        expected = min(expected, high)
        low = min(low, expected)
    if spec.minimum is not None:
        low = max(low, spec.minimum)
    if high == low:
        low = max(expected - 1 if spec.integer else expected * Decimal("0.5"), Decimal(0))
    return {"expected": str(expected), "low": str(low), "high": str(high)}


def build_case(drivers: int = 15, months: int = 60) -> Case:
    kinds = list(registry().values())
    entries = []
    for i in range(drivers):
        kind = kinds[i % len(kinds)]
        inputs: dict[str, Any] = {}
        for spec in kind.inputs:
            if spec.kind is Kind.NUMBER:
                inputs[spec.key] = _ranged(spec)
            elif spec.kind is Kind.DATE:
                inputs[spec.key] = (START + dt.timedelta(days=400 + 37 * i)).isoformat()
        share = {"expected": "0.8", "low": "0.6", "high": "0.9"}
        entries.append(
            {"type": kind.key, "name": f"Driver {i + 1}", "inputs": inputs, "addressable": share}
        )
    data = {
        "format": "cost-of-inaction/case",
        "schema_version": 1,
        "title": "Simulation benchmark",
        "buyer": {"company": "Bench Corp"},
        "locale": "en_US",
        "currency": "USD",
        "start_date": START.isoformat(),
        "deadline": "2027-08-15",
        "horizon_months": months,
        "discount_rate": "0.08",
        "drivers": entries,
        "solution": {
            "name": "Fix",
            "investment": {"expected": "250000", "low": "200000", "high": "320000"},
            "recurring_cost": {"expected": "3000", "low": "2500", "high": "4000"},
            "lead_time_months": 2,
            "ramp_months": 3,
        },
    }
    return Case.model_validate(data)


def best_of(case: Case, runs: int = RUNS) -> float:
    simulate(case, SAMPLES)  # warm up (imports, registry, babel)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        simulate(case, SAMPLES)
        timings.append(time.perf_counter() - started)
    return min(timings)


def decimal_engine_seconds(case: Case, samples: int = DECIMAL_SAMPLES) -> float:
    """The same draws through the exact Decimal engine: the three figures per sample.

    project() with the draws as overrides gives the cost to the deadline and over the
    horizon; finance.flows_for/npv the NPV (IRR, payback and the delay table are left out,
    as the simulation does not need them).
    """
    draws = draw(case, samples, 1)
    solution = case.solution
    assert solution is not None
    started = time.perf_counter()
    for s in range(samples):
        overrides = {k: Decimal(repr(float(v[s]))) for k, v in draws.items()}
        projection = project(case, "expected", overrides)
        _figures = (projection.cost_to_deadline, projection.cost_over_horizon)
        addressable = projection.addressable_monthly
        flows = flows_for(
            addressable,
            overrides[InputRef(SOLUTION, "investment")],
            overrides[InputRef(SOLUTION, "recurring_cost")],
            solution.lead_time_months,
            solution.ramp_months,
            0,
        )
        npv(flows, discount_factors(case.discount_rate, len(addressable)))
    return time.perf_counter() - started


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    case = build_case()
    types = sorted({d.type for d in case.drivers})
    ranged = len(draw(case, 1, 0))
    best = best_of(case)
    per_sample = decimal_engine_seconds(case) / DECIMAL_SAMPLES
    print(
        f"Monte Carlo, {SAMPLES:,} samples of a {len(case.drivers)}-driver, "
        f"{case.horizon_months}-month case, {ranged} ranged inputs, one core, one numpy thread"
    )
    print(f"  driver types: {', '.join(types)}")
    print(f"  best of {RUNS}  {best:7.3f} s")
    print(f"  bound      {BOUND_S:7.3f} s  -> {best / BOUND_S:.2f}x the bound")
    print(
        f"  exact Decimal engine instead (project + NPV per sample): {per_sample * 1000:.2f} ms "
        f"a sample -> {per_sample * SAMPLES:.1f} s for {SAMPLES:,} samples "
        f"({per_sample * SAMPLES / best:.0f}x slower)"
    )


if __name__ == "__main__":
    main()
