"""Cost of Inaction core: case model, drivers, engine, storage, formatting, report, CLI.

Nothing in this package imports Qt; an import-linter contract enforces it.
"""

from __future__ import annotations

__version__ = "0.1.0"
