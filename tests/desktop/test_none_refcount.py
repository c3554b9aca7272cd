"""PySide6 6.12.0 drops a reference to None on every void call; desktop/__init__ guards it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.gui

CALLS = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range({calls}):
    label.setText("x")
print(before, sys.getrefcount(None))
"""


def run(prelude: str, calls: int) -> tuple[int, int]:
    code = textwrap.dedent(prelude) + CALLS.format(calls=calls)
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=True,
    ).stdout.split()
    return int(out[0]), int(out[1])


def test_the_app_package_keeps_none_alive_whatever_qt_does() -> None:
    # without the guard, 1000 calls kill a fresh process: "deallocating None"
    before, after = run("import desktop\n", 1000)
    assert after > 1 << 39  # far beyond any number of calls a session makes
    assert before - after <= 1000


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_the_pyside_bug_is_still_there() -> None:
    """When this fails, PySide6 no longer drops references: the guard can go."""
    before, after = run("", 100)
    assert before - after >= 90
