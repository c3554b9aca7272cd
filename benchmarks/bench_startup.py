#!/usr/bin/env python3
"""Start-up of the app to a shown window, against a minimal PySide6 window, in one run.

Each variant runs in a fresh process (imports included); the clock starts just before the
process is spawned and stops when the child reports that its shown window has been processed
by the event loop (``time.monotonic()`` is system-wide, so the two clocks agree). Best of N,
after one warm-up run of each that also compiles the bytecode, as an installed app has it.

    python benchmarks/bench_startup.py [--runs N] [--platform offscreen|xcb]

Target (issue 5): the app's start page within 1.5x of the minimal window; (issue 17) the
window shown when opening a case (double-click) within 1.5x too, the case filling it once the
core has loaded (also printed). Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5

MINIMAL = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1200, 800)
window.show()
def probe():
    print(f"shown {time.monotonic():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, probe)
app.exec()
"""


def measure(args: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``args`` until it reports its window (see COI_STARTUP_PROBE)."""
    started = time.monotonic()
    out = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("shown "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"{args} did not report a shown window:\n{out.stdout}\n{out.stderr}")


def best(args: list[str], env: dict[str, str], runs: int) -> float:
    return min(measure(args, env) for _ in range(runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM=options.platform,
            XDG_CONFIG_HOME=str(Path(home) / "config"),
            XDG_DATA_HOME=str(Path(home) / "data"),
            XDG_CACHE_HOME=str(Path(home) / "cache"),
            COI_STARTUP_PROBE="1",
            PYTHONPATH=str(ROOT),
            # Installed apps run from bytecode: let the warm-up run compile into a scratch
            # cache instead of measuring the compiler (PYTHONDONTWRITEBYTECODE would).
            PYTHONPYCACHEPREFIX=str(Path(home) / "pycache"),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        example = str(ROOT / "resources" / "examples" / "acme-order-automation.coi")
        python = sys.executable
        # one warm-up each, so that the OS file cache is equally warm for all variants
        example_args = [python, "-m", "desktop", example]
        for args in ([python, "-c", MINIMAL], [python, "-m", "desktop"], example_args):
            measure(args, env)
        minimal = best([python, "-c", MINIMAL], env, options.runs)
        start_page = best([python, "-m", "desktop"], env, options.runs)
        with_file = best(example_args, env, options.runs)
        filled = best(example_args, {**env, "COI_STARTUP_PROBE": "document"}, options.runs)
    ratio = start_page / minimal
    print(f"start-up to a shown window, best of {options.runs} ({options.platform}):")
    print(f"  minimal PySide6 window        {minimal * 1000:7.0f} ms")
    print(f"  app, start page               {start_page * 1000:7.0f} ms   {ratio:.2f}x")
    print(
        f"  app, opening an example case  {with_file * 1000:7.0f} ms   {with_file / minimal:.2f}x"
        "   (window shown)"
    )
    print(f"  ... the case opened in it     {filled * 1000:7.0f} ms   {filled / minimal:.2f}x")
    met = ratio <= TARGET and with_file / minimal <= TARGET
    print(f"target: start page and window with a case within {TARGET}x of the minimal: ", end="")
    print("met" if met else "MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
