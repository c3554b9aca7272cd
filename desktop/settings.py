"""Preferences: declared once, with types and defaults (pydantic).

:class:`desktop.store.SettingsStore` keeps them in QSettings, one key per leaf.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from calculators.formatting import (
    normalise_currency,
    normalise_locale,
)
from calculators.i18n import _
from desktop.store import DEFAULT_AUTOSAVE_SECONDS, DEFAULT_THEME, MAX_RECENT, Theme

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

FROZEN = ConfigDict(frozen=True, extra="ignore")


class RepProfile(BaseModel):
    """Who prepares the cases; fills the seller fields of new cases."""

    model_config = FROZEN
    name: str = ""
    email: str = ""
    phone: str = ""


class Branding(BaseModel):
    """How the PDF looks for the rep's company."""

    model_config = FROZEN
    company_name: str = ""
    logo_path: str = ""
    brand_colour: str = "#1F4E79"
    disclaimer: str = ""

    @field_validator("brand_colour")
    @classmethod
    def _colour(cls, value: str) -> str:
        if not COLOUR.match(value.strip()):
            raise ValueError(_("must be a colour like {example}").format(example="#1F4E79"))
        return value.strip().upper()


class CaseDefaults(BaseModel):
    """Locale and currency of new cases."""

    model_config = FROZEN
    locale: str = "en_US"
    currency: str = "USD"

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        return normalise_locale(value)

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        return normalise_currency(value)


class AppPrefs(BaseModel):
    """How the app itself behaves (QSettings group "app": "General" is reserved by Qt)."""

    model_config = FROZEN
    ui_language: str = ""  # "" = the operating system's language
    theme: Theme = DEFAULT_THEME
    autosave_seconds: int = Field(default=DEFAULT_AUTOSAVE_SECONDS, ge=1, le=3600)
    preview_delay_ms: int = Field(default=700, ge=0, le=10_000)
    show_qualification: bool = True  # off while the buyer watches the screen


class Session(BaseModel):
    """Remembered between runs, not edited in the preferences dialog."""

    model_config = FROZEN
    recent_files: tuple[str, ...] = ()
    last_folder: str = ""
    last_export_folder: str = ""


class Settings(BaseModel):
    model_config = FROZEN
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
