"""The window shows before the heavy libraries load (issue 17; benchmarks/bench_startup.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]


def shown(tmp_path: Path, *args: str, probe: str = "1") -> dict[str, str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "COI_STARTUP_PROBE": probe,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)


@pytest.mark.parametrize(
    "args",
    [(), (str(EXAMPLES / "acme-order-automation.coi"),)],
    ids=["start page", "opening a case"],
)
def test_the_window_shows_before_pydantic_numpy_reportlab_or_babel_load(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    report = shown(tmp_path, *args)
    assert "shown" in report
    assert report["loaded"] == "-"


def test_the_case_given_opens_once_the_window_is_up(tmp_path: Path) -> None:
    report = shown(tmp_path, str(EXAMPLES / "acme-order-automation.coi"), probe="document")
    assert "pydantic" in report["loaded"]  # the case model, loaded after the first frame
