"""Slow work off the UI thread: one job at a time, newest request wins, stale results dropped.

A :class:`LatestJob` takes requests (a function of no arguments, usually a core call on an
immutable case snapshot). Requests arriving while one runs replace each other; when the running
job ends its result is delivered only if no newer request came in meanwhile, and the newest
request starts. A running job that a newer request makes stale is told to stop: the core's
checkpoints (calculators.cancel) end it within milliseconds, so that it does not compete with
the keystrokes for the interpreter. The active UI language is passed into the worker thread,
because the translation of core strings lives in a context variable that threads do not
inherit.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from calculators.cancel import Cancelled, stoppable
from calculators.i18n import language

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object)


_alive: set[_Task] = set()  # tasks the pool may still run: Python must not collect them


class _Task(QRunnable):
    def __init__(self, generation: int, fn: Callable[[], Any], lang: str) -> None:
        super().__init__()
        self.generation = generation
        self.fn = fn
        self.lang = lang
        self.relay = _Relay()
        self.stale = threading.Event()  # set from the UI thread: a newer request came in
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            try:
                with language(self.lang), stoppable(self.stale.is_set):
                    result = self.fn()
            except Cancelled as exc:  # stale: its result would be dropped anyway
                self.relay.failed.emit(self.generation, exc)
            except Exception as exc:  # delivered to the UI as a message, never a crash
                log.debug("background job failed:\n%s", traceback.format_exc())
                self.relay.failed.emit(self.generation, exc)
            else:
                self.relay.finished.emit(self.generation, result)
        except RuntimeError:
            pass  # the window that asked for it is gone: nobody to tell
        finally:
            _alive.discard(self)


class LatestJob(QObject):
    """Run the newest requested job in the background after ``delay_ms`` of quiet."""

    ready = Signal(object)
    failed = Signal(object)
    busyChanged = Signal(bool)

    def __init__(
        self,
        pool: QThreadPool | None = None,
        delay_ms: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.generation = 0
        self._pending: tuple[Callable[[], Any], str] | None = None
        self._running: _Task | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)

    @property
    def busy(self) -> bool:
        return self._running is not None or self._pending is not None

    def set_delay(self, delay_ms: int) -> None:
        self._timer.setInterval(delay_ms)

    def request(self, fn: Callable[[], Any], lang: str = "en", immediate: bool = False) -> None:
        """Ask for ``fn`` to run; any result of an earlier request is now stale."""
        was_busy = self.busy
        self._stop_running()
        self.generation += 1
        self._pending = (fn, lang)
        if not was_busy:
            self.busyChanged.emit(True)
        if immediate:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def cancel(self) -> None:
        """Forget pending work and drop the result of the running job."""
        self._stop_running()
        self.generation += 1
        self._pending = None
        self._timer.stop()
        if self._running is None:
            self.busyChanged.emit(False)

    def _stop_running(self) -> None:
        if self._running is not None:
            self._running.stale.set()

    def _start(self) -> None:
        if self._running is not None or self._pending is None:
            return
        fn, lang = self._pending
        self._pending = None
        task = _Task(self.generation, fn, lang)
        task.relay.finished.connect(self._finished)
        task.relay.failed.connect(self._failed)
        self._running = task
        _alive.add(task)
        self.pool.start(task)

    def _done(self) -> bool:
        """Bookkeeping after a job; True if its result is current."""
        task = self._running
        self._running = None
        current = task is not None and task.generation == self.generation
        if self._pending is not None and not self._timer.isActive():
            self._start()
        if not self.busy:
            self.busyChanged.emit(False)
        return current

    def _finished(self, generation: int, result: object) -> None:
        if self._done() and generation == self.generation:
            self.ready.emit(result)

    def _failed(self, generation: int, error: object) -> None:
        if self._done() and generation == self.generation:
            self.failed.emit(error)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (tests, shutdown)."""
        return self.pool.waitForDone(msecs)
