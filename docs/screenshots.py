#!/usr/bin/env python3
"""Screenshots of the app for docs/images: a case open in the real window, grabbed when the
dashboard has its analysis and charts.

    python docs/screenshots.py OUT.png [--size 1280x720] [--language de] [--theme dark]
                                       [--meeting] [--case FILE] [--item driver:0]

Run under Xvfb (``xvfb-run -s "-screen 0 2560x1440x24"``) or offscreen; set
``QT_SCALE_FACTOR=2`` for a 2x screenshot (the size is then in logical pixels).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--language", default="en")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--meeting", action="store_true")
    parser.add_argument(
        "--case", default=str(ROOT / "resources/examples/acme-order-automation.coi")
    )
    parser.add_argument("--item", default="driver:0")
    options = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import make_application
    from desktop.context import AppContext
    from desktop.dialogs import DialogService
    from desktop.language import apply_language
    from desktop.mainwindow import MainWindow
    from desktop.store import SettingsStore
    from desktop.theme import apply_theme

    app = make_application(["screenshots"])
    language = apply_language(options.language)
    apply_theme(app, options.theme)
    width, height = (int(part) for part in options.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        store = SettingsStore(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        ctx = AppContext(store, DialogService(), Path(tmp) / "data", ui_language=language)
        window = MainWindow(ctx)
        window.resize(width, height)
        window.show()
        window.files.open_path(options.case)
        window.outline.select(options.item)
        if options.meeting:
            window.meeting.enter()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            app.processEvents()
            shown = window.dashboard.analysis
            if shown is not None and shown.case is window.document.case and shown.charts:
                break
            time.sleep(0.05)
        if options.meeting:
            window.meeting.leave()
            window.meeting.enter()  # now ranked by the analysis's sensitivity
            # Full screen needs a window manager to take the screen's size; without one
            # (a bare Xvfb, offscreen), give the window the requested size.
            window.showNormal()
            window.resize(width, height)
        for _ in range(30):
            app.processEvents()
            time.sleep(0.02)
        window.grab().save(str(options.out))
        print(f"{options.out}: {window.width()}x{window.height()} logical")
        window.document.mark_clean()
        window.close()
        QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
