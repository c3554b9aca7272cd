"""Entry point of the desktop app: ``cost-of-inaction [FILE]`` and ``python -m desktop [FILE]``."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in args:
        from desktop.selftest import self_test

        return self_test()
    from desktop.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
