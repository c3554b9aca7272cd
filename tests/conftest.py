"""Shared test set-up: Qt offscreen for GUI tests, paths to bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "resources" / "examples"
TEMPLATES = ROOT / "resources" / "templates"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
