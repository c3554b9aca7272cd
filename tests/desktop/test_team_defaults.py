"""Team settings baked into an installation are the defaults; the rep's own settings win."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop import store
from desktop.edits import case_from_template
from tests.conftest import ROOT, TEMPLATES

TEAM = ROOT / "packaging" / "team-example"

pytestmark = pytest.mark.gui


@pytest.fixture
def team_installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("COI_TEAM_DIR", str(TEAM))
    store.team_sections.cache_clear()
    store.team_case_fields.cache_clear()
    yield
    store.team_sections.cache_clear()
    store.team_case_fields.cache_clear()


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_team_values_are_the_defaults(team_installed: None, tmp_path: Path) -> None:
    settings = store.SettingsStore(_settings(tmp_path))
    loaded = settings.load()
    assert loaded.branding.company_name == "Northwind Logistics Software GmbH"
    assert loaded.branding.brand_colour.lower() == "#0b6e4f"
    assert loaded.defaults.locale == "de_DE"
    assert loaded.defaults.currency == "EUR"
    assert loaded.rep.email == "vertrieb@northwind-logistics.example"
    assert settings.boot().ui_language == "de"


def test_the_reps_own_settings_override_the_team(team_installed: None, tmp_path: Path) -> None:
    qsettings = _settings(tmp_path)
    qsettings.setValue("defaults/currency", "CHF")
    qsettings.setValue("app/ui_language", "fr")
    settings = store.SettingsStore(qsettings)
    assert settings.load().defaults.currency == "CHF"
    assert settings.load().defaults.locale == "de_DE"  # not overridden: still the team's
    assert settings.boot().ui_language == "fr"


def test_without_a_team_the_app_defaults_apply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COI_TEAM_DIR", str(tmp_path / "no-team"))
    store.team_sections.cache_clear()
    store.team_case_fields.cache_clear()
    try:
        loaded = store.SettingsStore(_settings(tmp_path)).load()
        assert loaded.defaults.currency == "USD"
        assert store.team_case_fields() == {}
    finally:
        store.team_sections.cache_clear()
        store.team_case_fields.cache_clear()


def test_new_cases_take_the_teams_discount_rate(team_installed: None) -> None:
    case = case_from_template(
        TEMPLATES / "manual-back-office.coi",
        today=dt.date(2027, 5, 20),
        team_fields=store.team_case_fields(),
    )
    assert case.discount_rate == Decimal("0.07")
    assert case.horizon_months == 36
    assert case.start_date == dt.date(2027, 6, 1)


def test_a_file_open_event_opens_the_case(window: object, tmp_path: Path) -> None:
    # macOS hands a double-clicked .coi to the app as a FileOpen event.
    import shutil

    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from desktop.app import FileOpenFilter

    path = tmp_path / "finder.coi"
    shutil.copy(ROOT / "resources" / "examples" / "acme-order-automation.coi", path)
    app = QApplication.instance()
    assert app is not None
    event_filter = FileOpenFilter(window)  # type: ignore[arg-type]
    app.installEventFilter(event_filter)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(path)))
    finally:
        app.removeEventFilter(event_filter)
    assert window.document is not None  # type: ignore[attr-defined]
    assert window.document.path == path.resolve()  # type: ignore[attr-defined]
