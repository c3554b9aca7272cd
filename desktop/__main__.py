"""Entry point of the desktop app: ``cost-of-inaction [FILE]`` and ``python -m desktop [FILE]``."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
