"""Autosave of unsaved work, and recovery after a crash or a kill.

While a document has unsaved changes, its case is written a few seconds after the last
change (``DEBOUNCE_MS``, so a kill loses at most those seconds of work) and every
``interval`` seconds to
``<app data>/autosave/<session>.coi`` (atomically, like any save) with a small JSON sidecar
naming the file it was edited from. Each running window holds a QLockFile for its session;
at start-up, autosaves whose lock is free (the process that wrote them is gone) are offered
for recovery. A clean save, a discard or a normal close removes the autosave.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QTimer

from calculators.files import read_capped

if TYPE_CHECKING:
    from calculators.model import Case

log = logging.getLogger(__name__)

MAX_SIDECAR_BYTES = 64 * 1024
MAX_TITLE_CHARS = 120
DEBOUNCE_MS = 2000  # quiet time after the last change before it is written


@dataclass(frozen=True)
class Orphan:
    """Autosaved work of a session that did not end normally."""

    case_path: Path
    meta_path: Path
    lock_path: Path
    original: Path | None
    saved_at: dt.datetime
    title: str

    def load(self) -> Case:
        from calculators.storage import load

        return load(self.case_path)

    def remove(self) -> None:
        for path in (self.case_path, self.meta_path, self.lock_path):
            with contextlib.suppress(OSError):
                path.unlink()


class Autosaver(QObject):
    def __init__(self, folder: Path, interval_s: int = 30, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.session = os.urandom(16).hex()
        self.case_path = folder / f"{self.session}.coi"
        self.meta_path = folder / f"{self.session}.json"
        self.lock: QLockFile | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.set_interval(interval_s)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.tick)
        self.source: object | None = None  # callable returning (case, original path) or None
        self.last_written: Case | None = None
        self.failures = 0

    def set_interval(self, seconds: int) -> None:
        self.timer.setInterval(max(seconds, 1) * 1000)

    def start(self, source: object) -> None:
        """``source()`` -> (case, original path) while there is unsaved work, else None."""
        self.source = source
        self.timer.start()

    def soon(self) -> None:
        """A change was made: write it once the person pauses (each change restarts the wait)."""
        if self.source is not None:
            self.debounce.start()

    def _lock(self) -> None:
        if self.lock is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lock = QLockFile(str(self.folder / f"{self.session}.lock"))
        self.lock.setStaleLockTime(0)
        if not self.lock.tryLock(100):
            log.warning("autosave: cannot lock %s", self.folder)

    def tick(self) -> None:
        if self.source is None:
            return
        current = self.source()  # type: ignore[operator]
        if current is None:
            self.clear()
            return
        case, original = current
        if case is self.last_written:
            return
        self.write(case, original)

    def write(self, case: Case, original: Path | None) -> bool:
        from calculators.errors import CaseError
        from calculators.storage import atomic_write, case_to_json

        try:
            self._lock()
            atomic_write(self.case_path, case_to_json(case).encode("utf-8"))
            meta = {
                "original": None if original is None else str(original),
                "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "title": case.title or case.buyer.company,
            }
            atomic_write(self.meta_path, json.dumps(meta).encode("utf-8"))
        except (CaseError, OSError) as exc:
            self.failures += 1
            log.warning("autosave failed: %s", exc)
            return False
        self.last_written = case
        return True

    def clear(self) -> None:
        """No unsaved work any more: remove this session's autosave."""
        if self.last_written is None and not self.case_path.exists():
            return
        for path in (self.case_path, self.meta_path):
            with contextlib.suppress(OSError):
                path.unlink()
        self.last_written = None

    def stop(self) -> None:
        """Normal end: remove the autosave and release the lock."""
        self.timer.stop()
        self.debounce.stop()
        self.clear()
        if self.lock is not None:
            self.lock.unlock()
            with contextlib.suppress(OSError):
                (self.folder / f"{self.session}.lock").unlink()
            self.lock = None


def trusted_original(value: object) -> Path | None:
    """The sidecar's ``original`` if it can be the file a case was edited from, else None.

    The sidecar is a file on disk like any other: a recovered case is saved to this path, so
    only an absolute path to a ``.coi`` file that is not something else (a folder, a device)
    is believed; otherwise the recovered work is untitled and Save asks where to put it.
    """
    if not isinstance(value, str) or not value or len(value) > 4096 or "\x00" in value:
        return None
    path = Path(value)
    if not path.is_absolute() or path.suffix.lower() != ".coi":
        return None
    try:
        if path.exists() and not path.is_file():
            return None
    except (OSError, ValueError):
        return None
    return path


def find_orphans(folder: Path, own_session: str = "") -> list[Orphan]:
    """Autosaves left by sessions that are no longer running, newest first.

    Stray temporary files of a save killed half-way are removed on the way.
    """
    found: list[Orphan] = []
    if not folder.is_dir():
        return found
    from calculators.errors import one_line
    from calculators.storage import remove_stray_temps

    remove_stray_temps(folder)
    for case_path in folder.glob("*.coi"):
        session = case_path.stem
        if session == own_session:
            continue
        lock_path = folder / f"{session}.lock"
        lock = QLockFile(str(lock_path))
        lock.setStaleLockTime(0)
        if lock_path.exists() and not lock.tryLock(0):
            continue  # another running window owns it
        lock.unlock()
        meta_path = folder / f"{session}.json"
        original: Path | None = None
        title = session
        try:
            saved_at = dt.datetime.fromtimestamp(case_path.stat().st_mtime).astimezone()
        except OSError:
            continue
        try:
            meta = json.loads(read_capped(meta_path, MAX_SIDECAR_BYTES).decode("utf-8"))
            original = trusted_original(meta.get("original"))
            title = one_line(str(meta.get("title") or title), limit=MAX_TITLE_CHARS)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            pass
        found.append(Orphan(case_path, meta_path, lock_path, original, saved_at, title))
    found.sort(key=lambda orphan: orphan.saved_at, reverse=True)
    return found
