"""Entry point of the desktop app (``cost-of-inaction [FILE]`` and ``python3 dev.py run``).

Until the main window lands (issue: the desktop app), this prints the summary of the given
case file, or of the bundled example case.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from calculators.engine import summarise
from calculators.errors import CaseError
from calculators.storage import load
from calculators.summary import summary_text
from calculators.templates import list_examples


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    paths = args or [str(example.path) for example in list_examples()[:1]]
    try:
        for path in paths:
            sys.stdout.write(summary_text(summarise(load(path))))
    except CaseError as exc:
        print(f"cost-of-inaction: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
