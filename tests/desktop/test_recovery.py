"""Nothing is lost: kill the app mid-edit, start again, recover the autosaved work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from calculators.storage import load
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.gui

# The real start-up (desktop.app.start) with FILE, then a person typing into a field; the
# parent kills the process once the autosave of that edit is on disk.
CHILD = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from desktop.app import start

app, window = start([sys.argv[1]])

def edit():
    window.outline.select("driver:0")
    field = next(b.field for b in window.editor.bindings if b.field.key == "people")
    field.expected.setFocus()
    field.expected.selectAll()
    QTest.keyClicks(field.expected, "7")
    print("EDITED", window.document.case.drivers[0].input("people").expected, flush=True)
    QTimer.singleShot(100, wait_for_autosave)

def wait_for_autosave():
    if window.autosaver.case_path.exists():
        print("AUTOSAVED", window.autosaver.case_path, flush=True)
        QTimer.singleShot(60_000, app.quit)  # the parent kills us long before
    else:
        QTimer.singleShot(100, wait_for_autosave)

QTimer.singleShot(300, edit)
app.exec()
"""


def environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
        PYTHONPATH=str(ROOT),
    )
    settings = tmp_path / "xdg-config" / "cost-of-inaction" / "cost-of-inaction.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[app]\nautosave_seconds=1\n", encoding="utf-8")
    return env


def kill_mid_edit(tmp_path: Path, case: Path) -> Path:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(case)],
        cwd=tmp_path,
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    autosave: Path | None = None
    deadline = time.monotonic() + 90
    lines = []
    try:
        assert proc.stdout is not None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("AUTOSAVED"):
                autosave = Path(line.split(" ", 1)[1].strip())
                break
    finally:
        proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        proc.wait(30)
    assert proc.returncode == (-signal.SIGKILL if os.name == "posix" else 1)
    assert autosave is not None, "".join(lines) + (proc.stderr.read() if proc.stderr else "")
    assert "EDITED 7\n" in lines
    return autosave


def test_killed_mid_edit_then_recovered_on_next_start(
    make_window: Any, dialogs: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    case = tmp_path / "acme.coi"
    case.write_bytes((EXAMPLES / "acme-order-automation.coi").read_bytes())
    autosave = kill_mid_edit(tmp_path, case)
    assert autosave.is_file()
    assert load(case).drivers[0].input("people").expected == 6  # the file itself is untouched

    # Next start, same user data folder (QStandardPaths reads XDG_DATA_HOME).
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    from desktop.app import data_dir

    folder = data_dir()
    assert autosave.parent == folder / "autosave"
    window = make_window(data_dir=folder)
    assert window.files.check_recovery()
    [(items,)] = dialogs.asked("ask_recover")
    assert items[0].original == str(case.resolve())
    assert window.document.case.drivers[0].input("people").expected == 7
    assert window.document.path == case.resolve()
    assert window.document.dirty and window.isWindowModified()
    assert not autosave.exists()  # adopted by the running window's own autosave

    window.commands["save"].trigger()  # saves to the file it came from
    assert load(case).drivers[0].input("people").expected == 7
    assert not window.autosaver.case_path.exists()


def test_declined_recovery_can_discard_the_autosave(
    make_window: Any, dialogs: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    case = tmp_path / "acme.coi"
    case.write_bytes((EXAMPLES / "acme-order-automation.coi").read_bytes())
    autosave = kill_mid_edit(tmp_path, case)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    from desktop.app import data_dir

    dialogs.recover_choice = "keep"
    window = make_window(data_dir=data_dir())
    assert not window.files.check_recovery()
    assert autosave.exists()
    dialogs.recover_choice = "discard"
    assert not window.files.check_recovery()
    assert not autosave.exists()
    assert window.document is None
    assert not window.files.check_recovery()  # nothing left to offer
    assert len(dialogs.asked("ask_recover")) == 2


def test_autosave_writes_only_unsaved_work_and_a_clean_close_removes_it(
    qtbot: Any, window: Any, dialogs: Any
) -> None:
    from calculators.storage import case_from_json
    from tests.desktop.conftest import field_of

    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    window.autosaver.tick()
    assert not window.autosaver.case_path.exists()  # nothing unsaved yet
    window.outline.select("driver:0")
    line = field_of(window, "people").expected
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "5")
    window.autosaver.tick()
    saved = case_from_json(window.autosaver.case_path.read_bytes())
    assert saved == window.document.case
    window.commands["undo"].trigger()  # back to the state on disk: nothing unsaved
    window.autosaver.tick()
    assert not window.autosaver.case_path.exists()
    qtbot.keyClicks(line, "\b5")
    window.autosaver.tick()
    assert window.autosaver.case_path.exists()
    dialogs.save_choice = "discard"
    assert window.close()
    assert not window.autosaver.case_path.exists()
