"""What a window needs from outside: settings, dialogs, where to keep autosaves, today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.dialogs import DialogService
from desktop.store import Boot, SettingsStore

if TYPE_CHECKING:
    from desktop.settings import Settings


class AppContext:
    def __init__(
        self,
        store: SettingsStore,
        dialogs: DialogService,
        data_dir: Path,
        ui_language: str = "en",
        settings: Settings | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.store = store
        self.dialogs = dialogs
        self.data_dir = data_dir
        self.ui_language = ui_language
        self.today = today
        self._settings = settings
        self.boot: Boot = store.boot()

    @property
    def settings(self) -> Settings:
        """The typed settings, loaded on first use (not before the first frame)."""
        if self._settings is None:
            self._settings = self.store.load()
        return self._settings

    @property
    def recent_files(self) -> tuple[str, ...]:
        if self._settings is None:
            return self.boot.recent_files
        return self._settings.session.recent_files

    def save_settings(self, settings: Settings) -> None:
        self._settings = settings
        self.store.save(settings)
