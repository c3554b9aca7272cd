"""Preferences: typed settings stored in QSettings, the dialog, new cases use them, geometry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from desktop.settings import Settings
from desktop.store import SettingsStore
from tests.conftest import EXAMPLES, TEMPLATES

pytestmark = pytest.mark.gui


def store_at(path: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(path), QSettings.Format.IniFormat))


def test_settings_round_trip_and_bad_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    settings = (
        Settings()
        .updated("rep", name="Max Weber", email="max@example.com")
        .updated("branding", brand_colour="#aa3300", company_name="Example AG")
        .updated("defaults", locale="de_DE", currency="eur")
        .updated("app", autosave_seconds=45, theme="dark")
        .with_recent(tmp_path / "a.coi")
    )
    assert settings.defaults.currency == "EUR"
    assert settings.branding.brand_colour == "#AA3300"
    store_at(path).save(settings)
    assert store_at(path).load() == settings

    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue("branding/brand_colour", "not a colour")
    raw.setValue("app/autosave_seconds", "-3")
    raw.setValue("defaults/locale", "xx_NOPE")
    raw.sync()
    loaded = store_at(path).load()
    assert loaded.branding.brand_colour == Settings().branding.brand_colour
    assert loaded.branding.company_name == "Example AG"  # the good values survive
    assert loaded.app.autosave_seconds == 30
    assert loaded.defaults.locale == "en_US"
    assert loaded.defaults.currency == "EUR"


def test_preferences_dialog_saves_and_new_cases_use_them(
    qtbot: Any, window: Any, settings_file: Path
) -> None:
    window.commands["preferences"].trigger()
    dialog = window.preferences_dialog
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.rep_name, "Max Weber")
    qtbot.keyClicks(dialog.rep_email, "max@example.com")
    qtbot.keyClicks(dialog.company, "Example Software AG")
    dialog.colour.setText("red")
    dialog.locale_box.setCurrentText("de_DE")
    dialog.currency_box.setCurrentText("EUR")
    dialog.accept()
    assert dialog.isVisible()  # refused: the colour
    assert "#" in dialog.message.text() or "colour" in dialog.message.text()
    assert dialog.colour.property("invalid") is True
    dialog.colour.setText("#112233")
    dialog.accept()
    assert not dialog.isVisible()

    stored = store_at(settings_file).load()
    assert stored.rep.name == "Max Weber"
    assert stored.branding.brand_colour == "#112233"
    assert stored.defaults.locale == "de_DE"

    window.files.new_from_template(TEMPLATES / "blank.coi")
    case = window.document.case
    assert (case.locale, case.currency) == ("de_DE", "EUR")
    assert case.seller.rep == "Max Weber"
    assert case.seller.company == "Example Software AG"
    assert "€" in window.dashboard.headline.text()


def test_autosave_bounds_are_one_declaration(qtbot: Any, window: Any) -> None:
    from calculators.settings import field_bounds
    from desktop.settings import AppPrefs
    from desktop.store import MAX_AUTOSAVE_SECONDS, MIN_AUTOSAVE_SECONDS

    bounds = field_bounds(AppPrefs, "autosave_seconds")
    assert bounds == (MIN_AUTOSAVE_SECONDS, MAX_AUTOSAVE_SECONDS)
    window.commands["preferences"].trigger()
    dialog = window.preferences_dialog
    assert (dialog.autosave.minimum(), dialog.autosave.maximum()) == bounds
    dialog.reject()


def test_a_missing_logo_is_refused(qtbot: Any, window: Any, tmp_path: Path) -> None:
    window.commands["preferences"].trigger()
    dialog = window.preferences_dialog
    dialog.logo.setText(str(tmp_path / "nope.png"))
    dialog.accept()
    assert dialog.isVisible()
    assert "nope.png" in dialog.message.text()
    dialog.reject()


def test_window_geometry_is_remembered(make_window: Any) -> None:
    first = make_window()
    first.files.new_from_template(TEMPLATES / "blank.coi")
    first.resize(720, 540)  # inside the offscreen screen (800 x 800)
    first.splitter.setSizes([180, 260, 260])
    sizes = first.splitter.sizes()
    first.close()
    second = make_window(resize=False)
    assert (second.width(), second.height()) == (720, 540)
    second.files.new_from_template(TEMPLATES / "blank.coi")
    assert second.splitter.sizes() == sizes


def test_about_lists_version_and_licences(qtbot: Any, window: Any) -> None:
    from calculators import __version__

    window.commands["about"].trigger()
    dialog = window.about_dialog
    assert (
        __version__
        in dialog.findChild(type(dialog.layout().itemAt(0).widget()), "aboutTitle").text()
    )
    fonts = dialog.findChild(object, "fonts")
    assert "LICENSE-DejaVu.txt" in fonts.toPlainText()
    libraries = dialog.findChild(object, "libraries")
    assert "reportlab" in libraries.toPlainText() and "LGPL" in libraries.toPlainText()
    dialog.close()


def test_switching_the_language_keeps_the_work(qtbot: Any, window: Any, dialogs: Any) -> None:
    from calculators.i18n import set_language
    from tests.desktop.conftest import field_of

    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    window.outline.select("driver:0")
    line = field_of(window, "people").expected
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "5")
    document = window.document
    try:
        window.apply_settings(window.ctx.settings.updated("app", ui_language="de"))
        successor = window.successor
        assert successor is not None
        qtbot.addWidget(successor)
        assert successor.isVisible() and not window.isVisible()
        assert successor.document is document  # the same work, undo history included
        assert successor.outline.current_key() == "driver:0"
        assert successor.isWindowModified()
        assert not dialogs.asked("ask_save_changes")  # nothing to save: nothing was closed
        assert successor.ctx.ui_language == "de"
        successor.commands["undo"].trigger()
        assert successor.document.case.drivers[0].input("people").expected == 6
    finally:
        set_language("en")
        if window.successor is not None:
            window.successor.analysis_job.wait()
            window.successor.document.mark_clean()
            window.successor.autosaver.stop()
