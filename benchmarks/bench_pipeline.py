"""Benchmark: ``coi pipeline`` over 500 generated cases, pinned to one core.

The cases are the bundled examples and templates, copied with their buyer, figures and dates
varied (so no two files are alike), into a temporary folder tree of 10 subfolders. It times
the whole command as a user runs it (a fresh process: start-up, recursive scan, reading,
projection, solution, qualification and readiness of every case, the CSV), median of 3, and
compares it with the 5 s bound of issue 16. No Monte Carlo: the pipeline does not simulate.

Run: python3 dev.py bench (or this script; ``--cases N`` for another count).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BOUND_S = 5.0


def _vary(data: dict[str, object], n: int) -> dict[str, object]:
    """A copy of a case's JSON with another buyer and its first driver's numbers scaled."""
    out = json.loads(json.dumps(data))
    out["buyer"] = {"company": f"Prospect {n:04d}"}
    factor = Decimal(80 + n % 41) / 100
    for driver in out.get("drivers", [])[:1]:
        for key, value in driver.get("inputs", {}).items():
            if isinstance(value, dict) and "expected" in value:
                for part in ("low", "expected", "high"):
                    if value.get(part) is not None:
                        value[part] = str(Decimal(value[part]) * factor)
            elif isinstance(value, str) and key in ("people", "amount", "impact"):
                driver["inputs"][key] = str(Decimal(value) * factor)
    return out


def generate(folder: Path, count: int) -> None:
    sources = sorted((ROOT / "resources" / "examples").glob("*.coi")) + sorted(
        (ROOT / "resources" / "templates").glob("*.coi")
    )
    bases = [json.loads(path.read_text(encoding="utf-8")) for path in sources]
    for n in range(count):
        sub = folder / f"team-{n % 10}"
        sub.mkdir(parents=True, exist_ok=True)
        data = _vary(bases[n % len(bases)], n)
        (sub / f"case-{n:04d}.coi").write_text(json.dumps(data), encoding="utf-8")


def run_once(folder: Path) -> tuple[float, int]:
    command = [sys.executable, "-m", "calculators.cli", "pipeline", "--csv", str(folder)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"coi pipeline failed: {done.stderr.strip()}")
    return elapsed, len(done.stdout.splitlines()) - 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    args, _rest = parser.parse_known_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # inherited by the child
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "cases"
        generate(folder, args.cases)
        timings = []
        listed = 0
        for _ in range(3):
            elapsed, listed = run_once(folder)
            timings.append(elapsed)
    median = statistics.median(timings)
    print(f"coi pipeline --csv over {args.cases} generated cases, one core")
    print(f"  listed {listed} cases")
    print(f"  median {median:.2f} s, best {min(timings):.2f} s ({median / BOUND_S:.2f}x the bound)")
    print(f"  {median / max(listed, 1) * 1000:.1f} ms per case; bound {BOUND_S:.0f} s")
    return 0 if median <= BOUND_S and listed == args.cases else 1


if __name__ == "__main__":
    sys.exit(main())
