"""The app's settings: the core's models (:mod:`calculators.settings`: rep profile, branding,
defaults for new cases) with the app's own sections (behaviour, session).

:class:`desktop.store.SettingsStore` keeps them in QSettings, one key per leaf.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from calculators.settings import TOLERANT, Branding, CaseDefaults, RepProfile
from desktop.store import (
    DEFAULT_AUTOSAVE_SECONDS,
    DEFAULT_THEME,
    MAX_AUTOSAVE_SECONDS,
    MAX_RECENT,
    MIN_AUTOSAVE_SECONDS,
    Theme,
)

__all__ = ["AppPrefs", "Branding", "CaseDefaults", "RepProfile", "Session", "Settings"]


class AppPrefs(BaseModel):
    """How the app itself behaves (QSettings group "app": "General" is reserved by Qt)."""

    model_config = TOLERANT
    ui_language: str = ""  # "" = the operating system's language
    theme: Theme = DEFAULT_THEME
    autosave_seconds: int = Field(
        default=DEFAULT_AUTOSAVE_SECONDS, ge=MIN_AUTOSAVE_SECONDS, le=MAX_AUTOSAVE_SECONDS
    )
    preview_delay_ms: int = Field(default=700, ge=0, le=10_000)
    show_qualification: bool = True  # off while the buyer watches the screen
    cases_folder: str = ""  # the pipeline's folder, where new cases are saved; "": documents


class Session(BaseModel):
    """Remembered between runs, not edited in the preferences dialog."""

    model_config = TOLERANT
    recent_files: tuple[str, ...] = ()
    last_folder: str = ""
    last_export_folder: str = ""


class Settings(BaseModel):
    model_config = TOLERANT
    rep: RepProfile = RepProfile()
    branding: Branding = Branding()
    defaults: CaseDefaults = CaseDefaults()
    app: AppPrefs = AppPrefs()
    session: Session = Session()

    def with_recent(self, path: Path) -> Settings:
        """Settings with ``path`` first in the recent files (deduplicated, capped)."""
        text = str(path)
        recent = (text, *(p for p in self.session.recent_files if p != text))[:MAX_RECENT]
        session = self.session.model_copy(update={"recent_files": recent})
        return self.model_copy(update={"session": session})

    def without_recent(self, path: Path | str) -> Settings:
        recent = tuple(p for p in self.session.recent_files if p != str(path))
        session = self.session.model_copy(update={"recent_files": recent})
        return self.model_copy(update={"session": session})

    def updated(self, section: str, **values: Any) -> Settings:
        """A copy with fields of one section replaced (validated)."""
        current = getattr(self, section)
        model = type(current).model_validate({**current.model_dump(), **values})
        return self.model_copy(update={section: model})
