"""The solution's inputs and the case-level numbers, declared once like a driver's inputs.

Each is an :class:`~calculators.inputs.InputSpec` (key, label, unit, help, bounds, default).
From these declarations ``calculators.model`` builds the pydantic fields (validation messages,
bounds and the JSON Schema of ``coi schema``), the GUI builds its editors and reads the bounds
(:func:`case_field`, :func:`solution_input`), checks a value with the loader's own rules
(:func:`check_case_field`, ``inputs.check_parts``), and the report lists the solution's rows
in its assumptions. The numbers every driver has (the addressable share) are declared here
too.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from calculators.i18n import N_
from calculators.inputs import InputSpec, Unit, number, whole_number

MAX_HORIZON = 240  # months; also the latest deadline (20 years after the start date)
MAX_LEAD_MONTHS = 120
MAX_MONEY = "1000000000000"

SOLUTION_INPUTS: tuple[InputSpec, ...] = (
    number(
        "investment",
        N_("One-time investment"),
        Unit.MONEY,
        N_("What the buyer pays up front: licences, implementation, training."),
        "0",
        maximum=MAX_MONEY,
        adverse="high",  # a higher price weakens the case
    ),
    number(
        "recurring_cost",
        N_("Recurring cost per month"),
        Unit.MONEY,
        N_("What the solution costs every month once it is live."),
        "0",
        maximum=MAX_MONEY,
        adverse="high",  # a higher price weakens the case
    ),
    number(
        "internal_cost",
        N_("Internal one-time cost"),
        Unit.MONEY,
        N_(
            "The buyer's own one-time effort: staff time, training, migration. Paid at the "
            "decision with the investment."
        ),
        "0",
        maximum=MAX_MONEY,
        adverse="high",  # the buyer's own cost weakens the case too
    ),
    number(
        "internal_recurring_cost",
        N_("Internal recurring cost per month"),
        Unit.MONEY,
        N_("The buyer's own cost every month once the solution is live: staff time, support."),
        "0",
        maximum=MAX_MONEY,
        adverse="high",
    ),
    whole_number(
        "lead_time_months",
        N_("Lead time until go-live"),
        Unit.MONTHS,
        N_("Months from the decision until the solution is live."),
        0,
        minimum=0,
        maximum=MAX_LEAD_MONTHS,
    ),
    whole_number(
        "ramp_months",
        N_("Ramp-up to the full benefit"),
        Unit.MONTHS,
        N_("Months after go-live until the full benefit is reached."),
        0,
        minimum=0,
        maximum=MAX_LEAD_MONTHS,
    ),
)
"""The solution's numbers, in the order the editor and the report show them."""

CASE_FIELDS: tuple[InputSpec, ...] = (
    whole_number(
        "horizon_months",
        N_("Horizon"),
        Unit.MONTHS,
        N_("How many months the projection covers."),
        36,
        minimum=1,
        maximum=MAX_HORIZON,
    ),
    number(
        "discount_rate",
        N_("Discount rate"),
        Unit.RATE,
        N_("Annual rate used for the net present value (the buyer's cost of capital)."),
        "0.08",
        minimum="0",
        maximum="1",
        ranged=False,
    ),
    replace(
        number(
            "simulation_correlation",
            N_("Correlation between the ranges"),
            Unit.RATE,
            N_(
                "How strongly the uncertain inputs move together in the simulation: 0 = "
                "independent, 1 = all at the same point of their ranges (default 0.3)."
            ),
            "0.3",
            minimum="0",
            maximum="1",
            ranged=False,
        ),
        optional=True,  # absent from a file: the default applies
    ),
)
"""The case's own numbers (a single exact value each, no range)."""

DRIVER_FIELDS: tuple[InputSpec, ...] = (
    number(
        "addressable",
        N_("Share the solution removes"),
        Unit.RATE,
        N_("How much of this cost the proposed solution takes away."),
        "1",
        minimum="0",
        maximum="1",
    ),
)
"""The numbers every driver has besides its declared inputs (an estimate each: a plain share
or an object with a range and a source, like a driver's inputs)."""


def _find(specs: tuple[InputSpec, ...], key: str) -> InputSpec:
    for spec in specs:
        if spec.key == key:
            return spec
    raise KeyError(key)


def solution_input(key: str) -> InputSpec:
    """The declaration of the solution's input ``key`` (KeyError if there is none)."""
    return _find(SOLUTION_INPUTS, key)


def case_field(key: str) -> InputSpec:
    """The declaration of the case-level number ``key`` (KeyError if there is none)."""
    return _find(CASE_FIELDS, key)


def driver_field(key: str) -> InputSpec:
    """The declaration of the number ``key`` every driver has (``addressable``)."""
    return _find(DRIVER_FIELDS, key)


def check_case_field(name: str, value: Decimal | int) -> str | None:
    """The loader's message when ``value`` is out of bounds for case field ``name``, else None."""
    return case_field(name).check_number(Decimal(value))


def check_solution_input(name: str, value: Decimal | int) -> str | None:
    """The loader's message when ``value`` is out of bounds for solution input ``name``."""
    return solution_input(name).check_number(Decimal(value))
