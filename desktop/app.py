"""Start-up in order: application identity, QApplication, settings, language, theme, window."""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSettings,
    QStandardPaths,
    QThreadPool,
    QTimer,
)
from PySide6.QtWidgets import QApplication

from calculators.i18n import _

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent  # its enums cost ~1.5 ms to build: macOS only, below

    from desktop.mainwindow import MainWindow

ORGANISATION = "cost-of-inaction"
APPLICATION = "cost-of-inaction"
DISPLAY_NAME = "Cost of Inaction"

log = logging.getLogger(__name__)


def set_identity() -> None:
    """Names that decide where QSettings and QStandardPaths keep our files."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)


def make_application(argv: Sequence[str]) -> QApplication:
    set_identity()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(list(argv))
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setDesktopFileName(APPLICATION)
    return app


def data_dir() -> Path:
    """The user data folder (autosaves live below it)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / f".{APPLICATION}")


WARM_UP = (
    "calculators.model",
    "calculators.engine",
    "calculators.storage",
    "calculators.formatting",
    "calculators.qualification",
    "calculators.report",
    "desktop.settings",
)


def warm_up() -> None:
    """Import the core in the background while the start page is on screen.

    Plain Python modules only (no widgets are made off the UI thread); the first case then
    opens without waiting for pydantic, babel, numpy and reportlab to load.
    """
    for name in WARM_UP:
        try:
            importlib.import_module(name)
        except Exception:  # the import fails again, visibly, where it is used
            log.exception("warm-up import of %s failed", name)


class FileOpenFilter(QObject):
    """macOS sends a double-clicked .coi as a FileOpen event, not as an argument."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FileOpen:
            from PySide6.QtGui import QFileOpenEvent

            if isinstance(event, QFileOpenEvent) and event.file():
                self.window.files.open_path(Path(event.file()))
                return True
        return False


def _open_given(window: MainWindow, path: Path) -> None:
    """Open the case the app was started with; if it cannot be opened (the dialog said why),
    the start page that was left out for it after all."""
    if not window.files.open_path(path) and window.document is None:
        window.statusBar().clearMessage()
        window.show_start_page()


def start(argv: Sequence[str]) -> tuple[QApplication, MainWindow]:
    """Build the app and show its window (with FILE, if given); the event loop is not run."""
    args = list(argv)
    app = make_application([sys.argv[0] if sys.argv else APPLICATION, *args])

    from desktop.context import AppContext
    from desktop.dialogs import DialogService
    from desktop.language import apply_language
    from desktop.mainwindow import AFTER_FIRST_FRAME_MS, MainWindow
    from desktop.store import SettingsStore
    from desktop.theme import apply_theme

    store = SettingsStore(QSettings())
    boot = store.boot()
    language = apply_language(boot.ui_language)
    apply_theme(app, boot.theme)
    ctx = AppContext(
        store=store, dialogs=DialogService(), data_dir=data_dir(), ui_language=language
    )
    files = [a for a in args if not a.startswith("-")]
    window = MainWindow(ctx, opening=bool(files))
    if sys.platform == "darwin":
        # Only macOS sends FileOpen events; an application-wide filter sees every event, and
        # each look at an event's type costs a Python enum conversion (tens of ms at start-up).
        app.installEventFilter(FileOpenFilter(window))
    window.show()
    # After the first frame: nothing here may delay showing the window. A case given on the
    # command line (a double-click) opens once the window is up: loading the core (pydantic,
    # babel, numpy) and the case takes longer than showing the window does.
    if files:
        path = Path(files[0])
        window.statusBar().showMessage(_("Opening {name}…").format(name=path.name))
        QTimer.singleShot(AFTER_FIRST_FRAME_MS, window, partial(_open_given, window, path))
    QTimer.singleShot(AFTER_FIRST_FRAME_MS, window.files.check_recovery)
    QTimer.singleShot(
        AFTER_FIRST_FRAME_MS + 200,
        lambda: threading.Thread(target=warm_up, name="warm-up", daemon=True).start(),
    )
    return app, window


def run(argv: Sequence[str] | None = None) -> int:
    app, _window = start(list(sys.argv[1:] if argv is None else argv))
    probe_kind = os.environ.get("COI_STARTUP_PROBE", "")
    if probe_kind:
        # benchmarks/bench_startup.py: report when the shown window has been processed (or,
        # with COI_STARTUP_PROBE=document, when the case given has been opened in it), quit.
        def probe() -> None:
            if probe_kind == "document" and _window.document is None:
                QTimer.singleShot(5, probe)
                return
            print(f"shown {time.monotonic():.6f}", flush=True)
            heavy = [m for m in ("pydantic", "numpy", "reportlab", "babel") if m in sys.modules]
            print(f"loaded {','.join(heavy) or '-'}", flush=True)  # tests/desktop/test_startup.py
            app.quit()

        QTimer.singleShot(0, probe)
    code = app.exec()
    # Let background jobs (analysis, preview, export) end before Python shuts down.
    QThreadPool.globalInstance().waitForDone(10_000)
    return code
