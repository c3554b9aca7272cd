"""Benchmark: summarise a 20-driver, 60-month case (projection, totals, solution, delays).

Prints the best and median wall time over repeated runs, pinned to one core, and the ratio
to the 20 ms bound of the foundation issue. Run: python3 dev.py bench (or this script).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculators.engine import clear_projection_cache, summarise
from calculators.model import Case
from calculators.summary import summary_data

BOUND_MS = 20.0


def build_case(drivers: int = 20, months: int = 60) -> Case:
    kinds = [
        {
            "type": "labor",
            "inputs": {
                "people": "6",
                "hours_per_week": "5",
                "hourly_cost": {"expected": "48", "low": "42", "high": "55"},
                "annual_growth": "0.05",
            },
        },
        {
            "type": "recurring_cost",
            "inputs": {"amount": "4500", "period": "quarter", "annual_escalation": "0.03"},
        },
        {
            "type": "risk",
            "inputs": {
                "annual_probability": "0.1",
                "impact": "250000",
                "after_date": "2028-06-15",
                "probability_after": "0.3",
            },
        },
    ]
    data = {
        "format": "cost-of-inaction/case",
        "schema_version": 1,
        "title": "Benchmark",
        "buyer": {"company": "Bench Corp"},
        "locale": "en_US",
        "currency": "USD",
        "start_date": "2027-01-31",
        "deadline": "2027-08-15",
        "horizon_months": months,
        "discount_rate": "0.08",
        "drivers": [
            {
                **kinds[i % len(kinds)],
                "name": f"Driver {i + 1}",
                "addressable": "0.8",
                "start_date": "2027-03-10" if i % 4 == 0 else None,
            }
            for i in range(drivers)
        ],
        "solution": {
            "name": "Fix",
            "investment": "250000",
            "recurring_cost": "3000",
            "internal_cost": "40000",
            "internal_recurring_cost": "800",
            "lead_time_months": 2,
            "ramp_months": 3,
        },
    }
    for driver in data["drivers"]:
        if driver.get("start_date") is None:
            driver.pop("start_date")
    return Case.model_validate(data)


def measure(include_analysis: bool, repeats: int = 30) -> list[float]:
    case = build_case()
    summary_data(summarise(case), include_analysis=include_analysis)  # warm caches
    timings = []
    for _ in range(repeats):
        clear_projection_cache()  # measure the projection, not its reuse across snapshots
        started = time.perf_counter()
        summary_data(summarise(case), include_analysis=include_analysis)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    core = measure(include_analysis=False)
    full = measure(include_analysis=True, repeats=10)
    print("summary of a 20-driver, 60-month case, one core")
    print(
        "  projection + totals + solution at the plan (NPV, IRR, payback, 5 decision timings,"
        " start decision, cash-only, years, break-even) + JSON:"
    )
    print(f"    best {min(core):7.2f} ms   median {statistics.median(core):7.2f} ms")
    ratio = statistics.median(core) / BOUND_MS
    print(f"    bound {BOUND_MS:.0f} ms -> median is {ratio:.2f}x the bound")
    print("  the same plus scenarios, sensitivity, 10,000-sample Monte Carlo, qualification:")
    print(f"    best {min(full):7.2f} ms   median {statistics.median(full):7.2f} ms")


if __name__ == "__main__":
    main()
