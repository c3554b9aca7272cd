"""The app's language: the preference, else the system's; Qt's own strings follow it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from calculators.i18n import _, set_language

log = logging.getLogger(__name__)

_qt_translator: QTranslator | None = None


def ui_language(preference: str) -> str:
    """The app's language: the preference, else the system's (e.g. "de_DE")."""
    if preference:
        return preference
    name = QLocale.system().name()
    return "en" if not name or name in ("C", "POSIX") else name


def install_qt_translations(app: QApplication, language: str) -> None:
    """Qt's own strings (standard buttons, file dialogs) in ``language``, where shipped."""
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if language.split("_")[0] == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(language), "qtbase", "_", folder):
        app.installTranslator(translator)
        _qt_translator = translator
    else:
        log.warning("no Qt translations for %r in %s", language, folder)


def apply_language(preference: str) -> str:
    """Make the preferred language the app's (core strings and Qt's); returns its code."""
    code = ui_language(preference)
    set_language(code)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_qt_translations(app, code)
        # Qt adds this name to window titles on some platforms: the same words as ours.
        app.setApplicationDisplayName(_("Cost of Inaction"))
    return code
