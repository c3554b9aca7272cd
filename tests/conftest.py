"""Shared test set-up: Qt offscreen for GUI tests, paths to bundled resources."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"
TEMPLATES = ROOT / "resources" / "templates"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging the test run) if the block takes longer than ``seconds``.

    Uses SIGALRM where there is one; on Windows the block runs without a timer (the CI job's
    own time limit is the backstop there).
    """
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(*_args: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
