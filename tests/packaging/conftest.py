"""Tests of the installer build: packaging/ is not a package (the name would shadow the
PyPI ``packaging`` library), so its modules are imported from the folder itself."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))
