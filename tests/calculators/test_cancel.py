"""Stopping a long core computation from outside (calculators.cancel)."""

from __future__ import annotations

import pytest

from calculators.analysis import analyse, sensitivity
from calculators.cancel import Cancelled, checkpoint, stoppable
from calculators.simulation import simulate
from calculators.storage import load
from calculators.templates import list_examples


def acme() -> object:
    return load(next(e.path for e in list_examples() if "acme" in e.path.name))


def test_a_checkpoint_outside_stoppable_does_nothing() -> None:
    checkpoint()  # the CLI, the report and tests run without a stop function


def test_a_checkpoint_raises_once_the_stop_function_says_so() -> None:
    answers = iter([False, False, True])
    with stoppable(lambda: next(answers)):
        checkpoint()
        checkpoint()
        with pytest.raises(Cancelled):
            checkpoint()
    checkpoint()  # the stop function no longer applies after the block


def test_cancelled_is_not_an_exception_a_failed_step_would_swallow() -> None:
    # compute.background turns `except Exception` into a message; a stop must pass through
    assert not issubclass(Cancelled, Exception)


@pytest.mark.parametrize(
    "work", [analyse, sensitivity, simulate], ids=["analyse", "sensitivity", "simulate"]
)
def test_the_analysis_stops_within_a_few_steps(work: object) -> None:
    case = acme()
    calls = 0

    def stop() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    with stoppable(stop), pytest.raises(Cancelled):
        work(case)  # type: ignore[operator]
    assert calls == 3  # it asked between steps and stopped at the first yes


def test_an_analysis_that_is_not_stopped_is_unchanged() -> None:
    case = acme()
    with stoppable(lambda: False):
        stopped_never = analyse(case)
    plain = analyse(case)
    assert stopped_never.sensitivity == plain.sensitivity
    assert stopped_never.simulation == plain.simulation
    assert stopped_never.scenarios == plain.scenarios
