"""Stopping a long core computation from outside: the app drops work nobody waits for.

The app analyses each case snapshot in a background thread. When the rep types on, that
analysis is stale; left running it competes with the keystrokes for the interpreter (at 200
drivers it takes seconds). The caller runs the work inside :func:`stoppable` with a function
that says whether to stop; long loops in the core call :func:`checkpoint` between steps of a
few milliseconds, which raises :class:`Cancelled` once the answer is yes. Outside
:func:`stoppable` (the CLI, the report, tests) a checkpoint does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_stop: ContextVar[Callable[[], bool] | None] = ContextVar("coi_stop", default=None)


class Cancelled(BaseException):
    """The computation was stopped because its result is no longer wanted.

    A BaseException, so that the core's ``except Exception`` (a failed chart, a failed
    analysis shown as a message) does not turn a stop into a result.
    """


def checkpoint() -> None:
    """Raise :class:`Cancelled` if the surrounding :func:`stoppable` says stop."""
    stop = _stop.get()
    if stop is not None and stop():
        raise Cancelled


@contextmanager
def stoppable(stop: Callable[[], bool]) -> Iterator[None]:
    """Run the body so that each :func:`checkpoint` in it asks ``stop()``."""
    token = _stop.set(stop)
    try:
        yield
    finally:
        _stop.reset(token)
