"""Entry point of the bundled command line, ``coi`` (``calculators.cli.main``)."""

from __future__ import annotations

import sys

from calculators.cli import main

if __name__ == "__main__":
    sys.exit(main())
