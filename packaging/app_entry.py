"""Entry point of the bundled desktop app, ``cost-of-inaction``.

``--self-test`` checks the installation (main window offscreen, templates, catalogs,
formatting, simulation, team settings, PDF), prints one line and exits 0 or 1; anything else
goes to the app (``desktop.__main__.main``). The start-up benchmark uses the app's own
``COI_STARTUP_PROBE`` environment variable.

The same script runs from a checkout (``.venv/bin/python packaging/app_entry.py``).
"""

from __future__ import annotations

import sys


def main() -> int:
    args = sys.argv[1:]
    if "--self-test" in args:
        from desktop.selftest import self_test

        return self_test()
    from desktop.__main__ import main as app_main

    return int(app_main(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
