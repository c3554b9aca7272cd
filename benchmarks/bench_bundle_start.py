#!/usr/bin/env python3
"""Start-up of the bundled app against the same app started from the virtualenv.

Both run the real start-up path (``desktop.app``: QApplication, settings, translations,
theme, main window shown) with the app's ``COI_STARTUP_PROBE``: the clock starts just
before the process is spawned and stops when the child reports that its shown window has
been processed by the event loop (``time.monotonic()`` is system-wide, so the clocks agree).
Each run is a fresh process with empty settings, offscreen.

    python benchmarks/bench_bundle_start.py [--runs N] [--bundle DIR]

Reports the first run after the build (files possibly not yet in the page cache: the
closest to a cold start available without root-only cache dropping) and the median and best
of the following runs. Target (issue 7): the bundle within 1.5x of the virtualenv; exit
code 1 when the median misses it. Without a bundle (``python3 dev.py installer`` builds one)
it says so and exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5


def environment(home: Path) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "COI_STARTUP_PROBE": "1",
    }
    (home / "runtime").mkdir(mode=0o700, exist_ok=True)
    return env


def measure(command: list[str]) -> float:
    with tempfile.TemporaryDirectory(prefix="coi-bench-") as scratch:
        env = environment(Path(scratch))
        started = time.monotonic()
        out = subprocess.run(
            command, env=env, cwd=scratch, capture_output=True, text=True, check=False
        )
    for line in out.stdout.splitlines():
        if line.startswith("shown "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"{command} did not report a shown window:\n{out.stdout}\n{out.stderr}")


def series(command: list[str], runs: int) -> tuple[float, list[float]]:
    first = measure(command)
    return first, [measure(command) for _ in range(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "cost-of-inaction")
    args = parser.parse_args()
    executable = args.bundle / "cost-of-inaction"
    if not executable.exists():
        print(f"bench_bundle_start: skipped, no bundle at {args.bundle} (python3 dev.py installer)")
        return 0
    bundle_first, bundle = series([str(executable)], args.runs)
    venv_first, venv = series([sys.executable, "-m", "desktop"], args.runs)
    ratio = statistics.median(bundle) / statistics.median(venv)
    for name, first, runs in (("virtualenv", venv_first, venv), ("bundle", bundle_first, bundle)):
        median = statistics.median(runs)
        print(
            f"{name:<11} first {first * 1000:6.0f} ms   median {median * 1000:6.0f} ms"
            f"   best {min(runs) * 1000:6.0f} ms   ({len(runs)} runs, to a shown window)"
        )
    verdict = "ok" if ratio <= TARGET else "MISSED"
    print(f"bundle / virtualenv (median): {ratio:.2f}x (target <= {TARGET}x): {verdict}")
    print(f"first runs: bundle / virtualenv {bundle_first / venv_first:.2f}x")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
