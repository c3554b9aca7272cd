"""gettext for every string a person reads.

Strings are marked with ``_()`` and translated at the point of use, never in module-level
constants; declarations that must live at module level mark their text with ``N_()`` (a no-op
marker that the extractor finds) and translate it with ``_()`` when shown.

The active language is a context variable, so a report rendered in German while the app runs
in English does not disturb the app.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from calculators.resources import resource_path

DOMAIN = "coi"
SOURCE_LANGUAGE = "en"

_active: ContextVar[gettext.NullTranslations | None] = ContextVar("coi_translation", default=None)


@lru_cache(maxsize=32)
def translation(language: str) -> gettext.NullTranslations:
    """The catalog for ``language`` (e.g. "de" or "de_DE"); English when there is none.

    A missing catalog for a language other than English is logged as a warning, never silent.
    """
    if language.split("_")[0] == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    localedir = resource_path("locale")
    try:
        return gettext.translation(DOMAIN, localedir=str(localedir), languages=[language])
    except (OSError, ValueError) as exc:
        import logging  # only here: logging costs every `coi` command some 5 ms to import

        logging.getLogger(__name__).warning(
            "no usable translation for %r (%s); falling back to English", language, exc
        )
        return gettext.NullTranslations()


def _(message: str) -> str:
    """Translate ``message`` into the active language."""
    active = _active.get()
    return active.gettext(message) if active is not None else message


def ngettext(singular: str, plural: str, n: int) -> str:
    active = _active.get()
    if active is None:
        return singular if n == 1 else plural
    return active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


@contextmanager
def language(code: str) -> Iterator[None]:
    """Run a block with ``code`` as the active language."""
    token = _active.set(translation(code))
    try:
        yield
    finally:
        _active.reset(token)


def set_language(code: str) -> None:
    """Make ``code`` the active language of this context (the app's UI language)."""
    _active.set(translation(code))
