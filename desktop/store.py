"""Settings in QSettings: one key per leaf of the typed model, window geometry apart.

Reading validates each value through the model (:mod:`desktop.settings`), so a damaged or
hand-edited settings file falls back to the default for that one value (logged) instead of
failing. Before the first window is shown only :meth:`SettingsStore.boot` runs: it reads the
few values the first frame needs without importing the model (pydantic costs about 75 ms of
start-up); the full model loads on first use.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QByteArray, QRect, QSettings

if TYPE_CHECKING:
    from desktop.settings import Settings

log = logging.getLogger(__name__)

MAX_RECENT = 10
Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")
DEFAULT_THEME: Theme = "system"
# The autosave interval: the settings model's bounds, and the boot's check (no model there).
DEFAULT_AUTOSAVE_SECONDS = 30
MIN_AUTOSAVE_SECONDS = 1
MAX_AUTOSAVE_SECONDS = 3600


@dataclass(frozen=True)
class Boot:
    """What the first frame needs: read without the settings model, checked by hand."""

    theme: str = DEFAULT_THEME
    ui_language: str = ""
    recent_files: tuple[str, ...] = ()
    autosave_seconds: int = DEFAULT_AUTOSAVE_SECONDS


def _encode(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value)


def _decode(raw: Any, annotation: Any) -> Any:
    if annotation is str or isinstance(raw, list):
        return raw
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def _team_ui_language() -> str:
    """The team's UI language, read without the settings model (the first frame is cheap)."""
    from calculators.resources import MAX_TEAM_FILE_BYTES, TEAM_FILE, team_folder

    folder = team_folder()
    if folder is None:
        return ""
    import tomllib

    from calculators.files import read_capped

    try:
        text = read_capped(folder / TEAM_FILE, MAX_TEAM_FILE_BYTES).decode("utf-8")
        value = tomllib.loads(text).get("team", {}).get("ui_language", "")
    except (OSError, ValueError, RecursionError, AttributeError):
        return ""
    return value if isinstance(value, str) else ""


@functools.lru_cache(maxsize=1)
def team_sections() -> dict[str, dict[str, str]]:
    """The installation's team defaults (packaging/team-example, baked into a bundle) shaped
    like the settings sections; empty when the installation has no team folder."""
    from calculators.team import load_team_defaults

    team = load_team_defaults()
    if team is None:
        return {}
    return team.settings_defaults()


@functools.lru_cache(maxsize=1)
def team_case_fields() -> dict[str, Any]:
    """Case fields the team sets for every new case (discount rate, horizon), or {}."""
    from calculators.team import load_team_defaults

    team = load_team_defaults()
    if team is None:
        return {}
    fields: dict[str, Any] = {}
    if team.defaults.discount_rate is not None:
        fields["discount_rate"] = str(team.defaults.discount_rate)
    if team.defaults.horizon_months is not None:
        fields["horizon_months"] = team.defaults.horizon_months
    return fields


def clamped(window: QRect, available: QRect) -> QRect:
    """``window`` made to fit ``available`` (a screen's free area): no larger, fully on it.

    Geometry saved at another scale or on a screen that is gone (2x saved, 1x restored, or a
    monitor unplugged) would otherwise come back too large or off-screen.
    """
    width = min(window.width(), available.width())
    height = min(window.height(), available.height())
    x = min(max(window.x(), available.x()), available.x() + available.width() - width)
    y = min(max(window.y(), available.y()), available.y() + available.height() - height)
    return QRect(x, y, width, height)


class SettingsStore:
    """Reads and writes the settings and the window geometry in one QSettings."""

    def __init__(self, qsettings: QSettings) -> None:
        self.qsettings = qsettings

    def boot(self) -> Boot:
        theme = self.qsettings.value("app/theme", DEFAULT_THEME)
        language = self.qsettings.value("app/ui_language", "") or _team_ui_language()
        recent = _decode(self.qsettings.value("session/recent_files", "[]"), list)
        try:
            seconds = int(
                str(self.qsettings.value("app/autosave_seconds", DEFAULT_AUTOSAVE_SECONDS))
            )
        except (TypeError, ValueError):
            seconds = DEFAULT_AUTOSAVE_SECONDS
        return Boot(
            theme=theme if theme in THEMES else DEFAULT_THEME,
            ui_language=language if isinstance(language, str) else "",
            recent_files=tuple(str(p) for p in recent[:MAX_RECENT])
            if isinstance(recent, list)
            else (),
            autosave_seconds=seconds
            if MIN_AUTOSAVE_SECONDS <= seconds <= MAX_AUTOSAVE_SECONDS
            else DEFAULT_AUTOSAVE_SECONDS,
        )

    def load(self) -> Settings:
        from pydantic import BaseModel, ValidationError

        from desktop.settings import Settings

        team = team_sections()
        sections: dict[str, Any] = {}
        for name, field in Settings.model_fields.items():
            model: type[BaseModel] = field.annotation  # type: ignore[assignment]
            values: dict[str, Any] = {}
            # The team's baked-in defaults first; the rep's own stored settings override them.
            for key, value in team.get(name, {}).items():
                if key in model.model_fields:
                    try:
                        model.model_validate({key: value})
                    except ValidationError:
                        log.warning("team settings: ignoring invalid %s/%s: %r", name, key, value)
                        continue
                    values[key] = value
            for key, leaf in model.model_fields.items():
                full = f"{name}/{key}"
                if not self.qsettings.contains(full):
                    continue
                raw = _decode(self.qsettings.value(full), leaf.annotation)
                try:
                    model.model_validate({key: raw})
                except ValidationError:
                    log.warning("settings: ignoring invalid value for %s: %r", full, raw)
                    continue
                values[key] = raw
            sections[name] = model.model_validate(values)
        return Settings.model_validate(sections)

    def save(self, settings: Settings) -> None:
        for name in type(settings).model_fields:
            section = getattr(settings, name)
            for key, value in section.model_dump(mode="json").items():
                self.qsettings.setValue(f"{name}/{key}", _encode(value))
        self.qsettings.sync()

    def geometry(self) -> tuple[QByteArray | None, QByteArray | None, QByteArray | None]:
        """(window geometry, window state, splitter state) as stored, or None each."""

        def read(key: str) -> QByteArray | None:
            value = self.qsettings.value(key)
            return value if isinstance(value, QByteArray) and not value.isEmpty() else None

        return read("window/geometry"), read("window/state"), read("window/splitter")

    def save_geometry(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)
        self.qsettings.setValue("window/splitter", splitter)
        self.qsettings.sync()
