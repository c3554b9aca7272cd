"""GUI test set-up: a main window with its own settings file, data folder and scripted dialogs.

No test here ever opens a real modal dialog: the window asks every question through
:class:`FakeDialogs`, which records the question and returns the scripted answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tests.conftest import EXAMPLES, TEMPLATES

TODAY = dt.date(2026, 11, 20)


@dataclass
class FakeDialogs:
    """Answers questions from a script; records what was asked."""

    save_choice: str = "discard"
    recover_choice: str = "recover"
    confirm_answer: bool = True
    open_pdf: bool = False
    readiness: tuple[str, str] = ("draft", "")  # the readiness list's answer (action, path)
    paths: dict[str, Path | None] = field(default_factory=dict)
    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def _record(self, name: str, *args: Any) -> None:
        self.calls.append((name, args))

    def asked(self, name: str) -> list[tuple[Any, ...]]:
        return [args for called, args in self.calls if called == name]

    def ask_save_changes(self, parent: Any, name: str) -> str:
        self._record("ask_save_changes", name)
        return self.save_choice

    def open_case_path(self, parent: Any, folder: str) -> Path | None:
        self._record("open_case_path", folder)
        return self.paths.get("open")

    def save_case_path(self, parent: Any, suggested: str) -> Path | None:
        self._record("save_case_path", suggested)
        return self.paths.get("save")

    def export_pdf_path(self, parent: Any, suggested: str) -> Path | None:
        self._record("export_pdf_path", suggested)
        return self.paths.get("export")

    def save_workbook_path(self, parent: Any, suggested: str) -> Path | None:
        self._record("save_workbook_path", suggested)
        return self.paths.get("workbook")

    def open_workbook_path(self, parent: Any, folder: str) -> Path | None:
        self._record("open_workbook_path", folder)
        return self.paths.get("answers")

    def choose_logo(self, parent: Any, folder: str) -> Path | None:
        self._record("choose_logo", folder)
        return self.paths.get("logo")

    def pick_colour(self, parent: Any, current: str) -> str | None:
        self._record("pick_colour", current)
        return None

    def confirm(self, parent: Any, title: str, text: str, action: str) -> bool:
        self._record("confirm", title, text)
        return self.confirm_answer

    def error(self, parent: Any, title: str, text: str, details: str = "") -> None:
        self._record("error", title, text)

    def info(self, parent: Any, title: str, text: str) -> None:
        self._record("info", title, text)

    def ask_recover(self, parent: Any, items: Any) -> str:
        self._record("ask_recover", list(items))
        return self.recover_choice

    def review_readiness(self, parent: Any, items: Any) -> Any:
        from desktop.readiness_dialog import ReadinessChoice

        self._record("review_readiness", list(items))
        action, path = self.readiness
        return ReadinessChoice(action, path)  # type: ignore[arg-type]

    def ask_open_pdf(self, parent: Any, path: Path) -> bool:
        self._record("ask_open_pdf", path)
        return self.open_pdf

    def open_file(self, path: Path) -> bool:
        self._record("open_file", path)
        return True


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(
    qtbot: Any, tmp_path: Path, dialogs: FakeDialogs, settings_file: Path
) -> Iterator[Callable[..., Any]]:
    """Build main windows that share this test's settings file and data folder."""
    from desktop.app import set_identity
    from desktop.context import AppContext
    from desktop.mainwindow import MainWindow
    from desktop.store import SettingsStore

    set_identity()
    windows: list[Any] = []

    def build(**overrides: Any) -> Any:
        store = SettingsStore(QSettings(str(settings_file), QSettings.Format.IniFormat))
        ctx = AppContext(
            store=store,
            dialogs=overrides.pop("dialogs", dialogs),  # type: ignore[arg-type]
            data_dir=overrides.pop("data_dir", tmp_path / "data"),
            settings=store.load(),
            today=lambda: TODAY,
        )
        resize = overrides.pop("resize", True)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        if resize:
            window.resize(1300, 820)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.analysis_job.wait()
        if window.preview is not None:
            window.preview.job.wait()
        window.export.job.wait()
        if window.document is not None:
            window.document.mark_clean()
            window.document.undo_stack.setClean()
        window.autosaver.stop()
    QApplication.processEvents()


@pytest.fixture
def window(make_window: Callable[..., Any]) -> Any:
    return make_window()


def settle(qtbot: Any, window: Any, timeout: int = 20_000) -> None:
    """Wait until the background analysis for the current snapshot is on the dashboard."""
    qtbot.waitUntil(
        lambda: (
            window.document is not None
            and window.dashboard.analysis is not None
            and window.dashboard.analysis.case is window.document.case
        ),
        timeout=timeout,
    )


def field_of(window: Any, key: str) -> Any:
    """The field widget bound to ``key`` in the editor now shown."""
    for binding in window.editor.bindings:
        if binding.field.key == key:
            return binding.field
    raise KeyError(key)


__all__ = ["EXAMPLES", "TEMPLATES", "TODAY", "FakeDialogs", "field_of", "settle"]
