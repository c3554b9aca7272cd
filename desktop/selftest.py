"""``cost-of-inaction --self-test``: the core checks plus the Qt part.

The Qt part builds the app's main window on the offscreen platform (so it works on a build
server and on a rep's laptop alike), shows it, lets Qt lay it out and paint, and checks what
a bundle could lose without noticing: the image-format and icon plugins, the X11
platform plugin (present on disk; they cannot load without a display), Qt's translations
for the app's languages and ICU's collation data (German sorting).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from calculators.selftest import SelfTestFailure, run_self_test

PLATFORM_PLUGINS = ("xcb",) if sys.platform.startswith("linux") else ()
IMAGE_FORMATS = ("png", "jpeg", "svg")
QT_TRANSLATIONS = ("de", "fr", "es", "ja")


def _plugin_present(folder: str, name: str) -> bool:
    from PySide6.QtCore import QLibraryInfo

    base = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    directory = os.path.join(base, folder)
    if not os.path.isdir(directory):
        return False
    stems = {entry.split(".")[0].removeprefix("lib") for entry in os.listdir(directory)}
    return f"q{name}" in stems


def _check_qt_files() -> None:
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtGui import QImageReader

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [name for name in IMAGE_FORMATS if name not in formats]
    if missing:
        raise SelfTestFailure(f"Qt image formats missing: {', '.join(missing)}")
    for name in PLATFORM_PLUGINS:
        if not _plugin_present("platforms", name):
            raise SelfTestFailure(f"Qt platform plugin {name!r} missing")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for language in QT_TRANSLATIONS:
        translator = QTranslator()
        if not translator.load(f"qtbase_{language}", folder):
            raise SelfTestFailure(f"Qt translation qtbase_{language} missing in {folder}")


def _check_collation() -> None:
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale("de_DE"))
    words = ["Zebra", "Öl", "Apfel"]
    ordered = sorted(words, key=collator.sortKey)
    if ordered != ["Apfel", "Öl", "Zebra"]:
        raise SelfTestFailure(f"ICU collation data missing (German sort gave {ordered})")


class _Dialogs:
    """Stands in for desktop.dialogs.DialogService: records any dialog instead of blocking."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)

        def record(*args: object, **kwargs: object) -> None:
            self.asked.append(name)

        return record


def _main_window(scratch: Path, dialogs: _Dialogs) -> Any:
    """The app's main window with settings and autosaves in ``scratch`` (not the user's)."""
    from PySide6.QtCore import QSettings

    from desktop.context import AppContext
    from desktop.mainwindow import MainWindow
    from desktop.store import SettingsStore

    settings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext(
        store=SettingsStore(settings),
        dialogs=dialogs,  # type: ignore[arg-type]
        data_dir=scratch / "data",
    )
    return MainWindow(context)


def _settle(app: Any, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _wait(app: Any, done: Callable[[], bool], what: str, seconds: float = 30.0) -> None:
    """Run Qt's events until ``done()`` (background work reports through them)."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SelfTestFailure(f"timed out after {seconds:.0f} s waiting for {what}")
        app.processEvents()
        time.sleep(0.01)


def gui_check() -> str:
    """Build and use the main window offscreen; raises SelfTestFailure.

    Opens the first example, waits for the dashboard's analysis (numpy, the charts as SVG
    through QtSvg) and renders the PDF preview (reportlab into QtPdf), as a rep would.
    """
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from calculators.templates import list_examples
    from desktop.app import make_application

    app = QApplication.instance() or make_application([sys.argv[0]])
    _check_qt_files()
    _check_collation()
    dialogs = _Dialogs()
    with tempfile.TemporaryDirectory(prefix="coi-self-test-ui-") as scratch:
        window = _main_window(Path(scratch), dialogs)
        window.show()
        _settle(app)
        if not window.isVisible():
            raise SelfTestFailure("the main window did not show")
        window.files.open_path(list_examples()[0].path)
        _settle(app)
        if window.document is None:
            raise SelfTestFailure("the main window did not open the example case")
        _wait(app, lambda: window.latest_analysis is not None, "the dashboard's analysis")
        window.show_tab(1)
        preview = window.ensure_preview()
        ready = QPdfDocument.Status.Ready
        _wait(app, lambda: preview.document.status() == ready, "the PDF preview")
        pages = preview.document.pageCount()
        if pages < 1:
            raise SelfTestFailure("the PDF preview has no pages")
        image = window.grab()
        if image.isNull() or image.width() < 200 or image.height() < 200:
            raise SelfTestFailure("the main window did not paint")
        size = f"{image.width()}x{image.height()}"
        window.close()
        _settle(app)
    if dialogs.asked:
        raise SelfTestFailure(f"the app asked for a dialog: {', '.join(dialogs.asked)}")
    elapsed = time.perf_counter() - started
    return f"main window {size} with dashboard and {pages}-page preview ({elapsed:.1f} s)"


def self_test() -> int:
    return run_self_test(gui_check)
