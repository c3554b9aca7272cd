"""The window's own words go through gettext: titles, menus, template names, undo, choices.

A "marking" translation wraps every translated string in «...», so the test sees which
texts were translated at the point of use, independent of the state of the real catalogs.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from calculators import i18n
from tests.desktop.conftest import field_of

pytestmark = pytest.mark.gui


class Marking(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"«{msgid1 if n == 1 else msgid2}»"


@pytest.fixture
def marked() -> Iterator[None]:
    token = i18n._active.set(Marking())
    try:
        yield
    finally:
        i18n._active.reset(token)


def open_blank(window: Any) -> None:
    card = next(c for c in window.start_page.templates.cards if c.entry.path.name == "blank.coi")
    card.click()
    assert window.document is not None


def test_window_texts_are_translated_where_shown(
    marked: None, make_window: Callable[..., Any]
) -> None:
    window = make_window()
    assert window.windowTitle() == "«Cost of Inaction»"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus and all(text.startswith("«") for text in menus)
    names = [card.entry.name for card in window.start_page.templates.cards]
    assert names and all(name.startswith("«") for name in names)
    assert all(a.text().startswith("«") for a in window.template_menu.actions())

    open_blank(window)
    name = window.document.display_name
    assert window.windowTitle() == f"«{name}[*] — «Cost of Inaction»»"
    window.drivers.add("recurring_cost")
    assert window.commands["undo"].text() == "«&Undo «Add driver»»"
    period = field_of(window, "period")
    items = [period.combo.itemText(i) for i in range(period.combo.count())]
    assert items == ["«Month»", "«Quarter»", "«Year»"]


def test_english_undo_and_choice_texts(window: Any) -> None:
    open_blank(window)
    assert window.commands["undo"].text() == "&Undo"
    window.drivers.add("recurring_cost")
    assert window.commands["undo"].text() == "&Undo Add driver"
    assert window.commands["redo"].text() == "&Redo"
    window.commands["undo"].trigger()
    assert window.commands["undo"].text() == "&Undo"
    assert window.commands["redo"].text() == "&Redo Add driver"
    window.commands["redo"].trigger()
    window.outline.select("driver:1")
    period = field_of(window, "period")
    items = [period.combo.itemText(i) for i in range(period.combo.count())]
    assert items == ["Month", "Quarter", "Year"]
    assert window.windowTitle().endswith(" — Cost of Inaction")


@pytest.mark.parametrize("code", ["en", "de", "fr", "es", "ja"])
def test_the_app_starts_in_each_language(code: str, make_window: Callable[..., Any]) -> None:
    from PySide6.QtCore import QCoreApplication

    from calculators.i18n import translation
    from desktop.language import apply_language

    apply_language(code)
    try:
        window = make_window()
        catalog = translation(code)
        menus = [action.text() for action in window.menuBar().actions()]
        assert catalog.gettext("&File") in menus
        assert window.windowTitle() == catalog.gettext("Cost of Inaction")
        if code != "en":
            assert catalog.gettext("&File") != "&File"
            # Qt's own strings (standard buttons) follow the same language.
            cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
            assert cancel != "Cancel"
        open_blank(window)
        assert window.document is not None
    finally:
        apply_language("en")
