#!/usr/bin/env python3
"""The largest case the app accepts, summarised by ``coi summary`` (issue 17).

MAX_DRIVERS drivers x 240 months, whole process (start-up, loading and validating the file,
projection, solution, three scenarios, the exact sensitivity of every ranged input, the
10,000-sample simulation, the qualification, the text), median of N runs after one warm-up:

* "benchmark drivers": bench_summary.py's labor / recurring cost / risk mix, every third
  driver with a ranged input (67 ranged inputs);
* "every driver type": the drivers of every bundled example and template in turn, with their
  ranges (about 600 ranged inputs: the heaviest sensitivity and simulation a case can ask for).

Then, in one process, where the time goes for the heavier case. Bound: 2 s for each.

    python benchmarks/bench_large.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_edit import fifteen_driver_case
from bench_summary import build_case

from calculators.analysis import scenarios, sensitivity
from calculators.engine import clear_projection_cache, summarise
from calculators.model import MAX_DRIVERS, Case
from calculators.simulation import simulate
from calculators.storage import save

ROOT = Path(__file__).resolve().parent.parent
BOUND_S = 2.0
MONTHS = 240


def whole_process(path: Path, runs: int, env: dict[str, str]) -> float:
    args = [sys.executable, "-m", "calculators.cli", "summary", str(path)]
    timings = []
    for run in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode())
        if run:  # the first run compiles the bytecode and warms the file cache
            timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def parts(case: Case) -> list[tuple[str, float]]:
    from calculators.qualification import qualify

    clear_projection_cache()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("projection + solution", lambda: summarise(case)),
        ("scenarios", lambda: scenarios(case)),
        ("sensitivity", lambda: sensitivity(case)),
        ("simulation", lambda: simulate(case)),
        ("qualification", lambda: qualify(case)),
    ]
    out = []
    for name, step in steps:
        started = time.perf_counter()
        step()
        out.append((name, time.perf_counter() - started))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    cases = {
        "benchmark drivers": build_case(MAX_DRIVERS, MONTHS),
        "every driver type": fifteen_driver_case(MAX_DRIVERS, MONTHS),
    }
    met = True
    print(
        f"coi summary, {MAX_DRIVERS} drivers x {MONTHS} months, whole process, median of "
        f"{options.runs}:"
    )
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": f"{scratch}/pyc"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for name, case in cases.items():
            path = Path(scratch) / f"{name.replace(' ', '-')}.coi"
            save(case, path)
            seconds = whole_process(path, options.runs, env)
            met = met and seconds < BOUND_S
            print(f"  {name:20} {seconds:6.2f} s   bound {BOUND_S:.1f} s")
    print("in one process, every driver type:")
    for name, seconds in parts(cases["every driver type"]):
        print(f"  {name:22} {seconds:6.2f} s")
    print("met" if met else "MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
