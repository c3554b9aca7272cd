"""Background jobs: the newest request wins and a stale running job is stopped."""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QThreadPool

from calculators.cancel import checkpoint
from desktop.workers import LatestJob


def test_a_newer_request_stops_the_running_job_at_its_next_checkpoint(qtbot: Any) -> None:
    pool = QThreadPool()
    job = LatestJob(pool=pool)
    started = threading.Event()
    ended: list[str] = []

    def endless() -> str:
        started.set()
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:  # would run 20 s unless stopped
                checkpoint()
                time.sleep(0.001)
            return "ran to the end"
        finally:
            ended.append("endless")

    results: list[object] = []
    job.ready.connect(results.append)
    job.request(endless, immediate=True)
    assert started.wait(5)
    began = time.monotonic()
    job.request(lambda: "newest", immediate=True)
    qtbot.waitUntil(lambda: results == ["newest"], timeout=5000)
    assert ended == ["endless"]
    assert time.monotonic() - began < 2  # stopped, not run for its 20 s
    assert job.wait(5000)
    assert not job.busy


def test_cancel_stops_the_running_job_and_delivers_nothing(qtbot: Any) -> None:
    pool = QThreadPool()
    job = LatestJob(pool=pool)
    started = threading.Event()
    results: list[object] = []
    failures: list[object] = []
    job.ready.connect(results.append)
    job.failed.connect(failures.append)

    def endless() -> None:
        started.set()
        while True:
            checkpoint()
            time.sleep(0.001)

    job.request(endless, immediate=True)
    assert started.wait(5)
    job.cancel()
    assert pool.waitForDone(5000)  # the worker thread returned
    qtbot.waitUntil(lambda: not job.busy, timeout=5000)
    assert results == [] and failures == []
