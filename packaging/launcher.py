"""Entry point of the Linux bundle: one executable, two names.

The folder holds ``cost-of-inaction`` and a symbolic link ``coi`` to it; both run this script,
which starts the command line when called as ``coi`` and the desktop app otherwise. One
executable means one copy of the Python modules (each PyInstaller executable embeds its own
archive of them, about 6.5 MB). Windows and macOS builds keep two real executables, because a
console program and a windowed one differ there.
"""

from __future__ import annotations

import os
import sys


def program_name(argv0: str) -> str:
    name = os.path.basename(argv0).lower()
    return name.removesuffix(".exe")


def main() -> int:
    if program_name(sys.argv[0]) == "coi":
        from calculators.cli import main as cli_main

        return cli_main()
    from app_entry import main as app_main

    return app_main()


if __name__ == "__main__":
    sys.exit(main())
