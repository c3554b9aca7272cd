"""Cost of Inaction core: case model, drivers, engine, storage, formatting, report, CLI.

Nothing in this package imports Qt; an import-linter contract enforces it.
"""

from __future__ import annotations

import os

__version__ = "0.1.0"

# We use no pydantic plugins. Without this, pydantic scans every installed distribution's entry
# points (importlib.metadata) when it builds the first model: 3-5 ms of every `coi` command and
# of the app's start here, more with more packages installed. Set before any model is built
# (calculators.inputs builds the first); setdefault, so PYDANTIC_DISABLE_PLUGINS set by whoever
# runs us still counts.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
