"""The app's language: the preference, else the system's; Qt's own strings follow it."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from calculators.i18n import _, set_language

log = logging.getLogger(__name__)

_qt_translator: QTranslator | None = None
_current = "en"  # the UI language applied last (apply_language)


def current() -> str:
    return _current


def _babel_locale(code: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def locale_name(code: str) -> str:
    """ "German (Germany)" for "de_DE", in the UI language; the code itself when unknown."""
    locale = _babel_locale(code)
    shown_in = _babel_locale(_current) or _babel_locale("en")
    if locale is None:
        return code
    name = locale.get_display_name(shown_in)
    return name[:1].upper() + name[1:] if name else code


def ui_date_locale(case_locale: str) -> str:
    """Dates in the app's sentences: the UI's language with the case's region ("en_DE"
    writes "15 April 2027" in an English UI for a German case, not "15. April 2027")."""
    language = _current.split("_")[0]
    case = _babel_locale(case_locale)
    if case is None or case.language == language:
        return case_locale
    candidates = ([f"{language}_{case.territory}"] if case.territory else []) + [language]
    for candidate in candidates:
        if _babel_locale(candidate) is not None:
            return candidate
    return case_locale


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
    global _current
    code = ui_language(preference)
    set_language(code)
    _current = code
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_qt_translations(app, code)
        # Qt adds this name to window titles on some platforms: the same words as ours.
        app.setApplicationDisplayName(_("Cost of Inaction"))
    return code


def ui_date(value: Any, case_locale: str) -> str:
    """``value`` (a date) written for a sentence of the UI: see :func:`ui_date_locale`."""
    from calculators.formatting import Formatter

    return str(Formatter(ui_date_locale(case_locale), "EUR").date(value))
