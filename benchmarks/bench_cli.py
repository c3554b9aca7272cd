#!/usr/bin/env python3
"""Whole-process timings of ``coi``, against the libraries it cannot do without (issue 17).

Each variant is a fresh process (imports included), timed from spawn to exit; medians of N
runs in the same run (the variants take turns), after one warm-up each that also compiles the
bytecode:

* ``coi summary FILE`` against ``python -c "import pydantic, babel.numbers"`` (bound 2.5x);
* ``coi validate FILE`` against the same;
* ``coi render FILE -o OUT`` against a plain reportlab process making the same pages with the
  same fonts (benchmarks/bench_report.py's baseline document; bound 2.5x);
* and whether ``coi summary``/``validate`` loaded reportlab or Qt (they must not).

It also measures the floor under ``coi summary``: a process that imports numpy.random (the
simulation) and builds one pydantic model (the case), nothing else; and one pydantic model
alone, the floor under ``coi validate``. The 2.5x bound on the summary lies below that floor
on this machine; the ratios to the floors say how much of each command is our own.

    python benchmarks/bench_cli.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "acme-order-automation.coi"
BOUND = 2.5

BASELINE_IMPORTS = "import pydantic, babel.numbers"
ONE_MODEL = "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int"
FLOOR = "import numpy.random\n" + ONE_MODEL
PLAIN_REPORTLAB = (
    "import sys; sys.path.insert(0, {bench!r}); sys.path.insert(0, {root!r});"
    "import bench_report; open({out!r}, 'wb').write(bench_report.baseline_pdf())"
)
LOADED = (
    "import sys, runpy; sys.argv = ['coi'] + sys.argv[1:];"
    "from calculators import cli; code = cli.main();"
    "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'PySide6'));"
    "print('LOADED', ','.join(bad) or '-', file=sys.stderr); sys.exit(code)"
)


def run_once(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - started


def medians(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, float]:
    """Median time of each command; the runs take turns, so a change in the machine's load
    falls on every command alike."""
    for args in commands.values():
        run_once(args, env)  # warm-up: bytecode and file cache
    times: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, args in commands.items():
            times[key].append(run_once(args, env))
    return {key: statistics.median(values) for key, values in times.items()}


def loaded_modules(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *command], env=env, cwd=ROOT, capture_output=True, text=True
    )
    for line in done.stderr.splitlines():
        if line.startswith("LOADED "):
            return line.removeprefix("LOADED ")
    return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": f"{scratch}/pyc"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        out = f"{scratch}/out.pdf"
        plain = PLAIN_REPORTLAB.format(bench=str(ROOT / "benchmarks"), root=str(ROOT), out=out)
        coi = [python, "-m", "calculators.cli"]
        commands = {
            "imports": [python, "-c", BASELINE_IMPORTS],
            "floor": [python, "-c", FLOOR],
            "model": [python, "-c", ONE_MODEL],
            "summary": [*coi, "summary", str(EXAMPLE)],
            "validate": [*coi, "validate", str(EXAMPLE)],
            "reportlab": [python, "-c", plain],
            "render": [*coi, "render", str(EXAMPLE), "-o", out],
        }
        figures = medians(commands, env, options.runs)
        summary_loads = loaded_modules(["summary", str(EXAMPLE)], env)
        validate_loads = loaded_modules(["validate", str(EXAMPLE)], env)
    ms = {key: value * 1000 for key, value in figures.items()}
    summary_ratio = figures["summary"] / figures["imports"]
    validate_ratio = figures["validate"] / figures["imports"]
    render_ratio = figures["render"] / figures["reportlab"]
    print(f"whole process, median of {options.runs} (same run):")
    print(f"  python -c '{BASELINE_IMPORTS}'  {ms['imports']:7.0f} ms")
    print(f"  coi summary (with analysis)         {ms['summary']:7.0f} ms   {summary_ratio:.2f}x")
    print(f"  coi validate                        {ms['validate']:7.0f} ms   {validate_ratio:.2f}x")
    print(
        f"  floor: numpy.random + one BaseModel {ms['floor']:7.0f} ms   "
        f"{figures['floor'] / figures['imports']:.2f}x; coi summary is "
        f"{figures['summary'] / figures['floor']:.2f}x it"
    )
    print(
        f"  floor: one BaseModel                {ms['model']:7.0f} ms   "
        f"{figures['model'] / figures['imports']:.2f}x; coi validate is "
        f"{figures['validate'] / figures['model']:.2f}x it"
    )
    print(f"  plain reportlab, same pages         {ms['reportlab']:7.0f} ms")
    print(f"  coi render                          {ms['render']:7.0f} ms   {render_ratio:.2f}x")
    print(f"  reportlab/Qt loaded by summary: {summary_loads}; by validate: {validate_loads}")
    met = summary_ratio <= BOUND and render_ratio <= BOUND
    met = met and summary_loads == "-" and validate_loads == "-"
    print(
        f"target: summary and render within {BOUND}x, no reportlab/Qt for summary/validate: ",
        end="",
    )
    print("met" if met else "MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
