"""Inputs: how a driver declares what it needs, and how a case stores what the rep typed.

A numeric input in a case file is either a decimal string (low = high = expected) or an
object with ``expected`` and optional ``low``, ``high``, ``source``, ``confidence``,
``note``, ``confirmed_by``, ``confirmed_on`` and ``placeholder``. Both load into an
:class:`Estimate`.

An input has a value only when the rep or the file gave one: the engine counts an absent
number as 0. A declared ``default`` is a suggestion the editor offers; a *required* input
without a value is flagged by the readiness check (``calculators.readiness``). Inputs whose
natural value is 0 (growth, escalation) are ``optional``.

A driver declares each input once as an :class:`InputSpec` (key, label, unit, help, bounds,
default). Validation, the JSON Schema, the GUI editors, explanations and the report's
assumptions table are all derived from those declarations.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator
from pydantic_core import PydanticCustomError

from calculators.i18n import _, ngettext
from calculators.numbers import NumberError, decimal_to_json, parse_decimal
from calculators.text import neutralise

Confidence = Literal["high", "medium", "low"]
Scenario = Literal["conservative", "expected", "optimistic"]
# The end of an input's range that weakens the case (conservative scenario): "low" for a
# status-quo cost input or an addressable share, "high" for what the solution costs.
Adverse = Literal["low", "high"]
SCENARIOS: tuple[Scenario, ...] = ("conservative", "expected", "optimistic")

MAX_TEXT = 100_000


class Unit(enum.Enum):
    """What a number means; decides how it is shown and explained."""

    MONEY = "money"
    MONEY_PER_HOUR = "money_per_hour"
    COUNT = "count"
    HOURS = "hours"
    HOURS_PER_WEEK = "hours_per_week"
    RATE = "rate"  # a fraction shown as a percentage ("0.05" = 5 %)
    MONTHS = "months"
    NUMBER = "number"


class Kind(enum.Enum):
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    TEXT = "text"


def too_long(limit: int) -> str:
    """The message for text longer than ``limit`` characters."""
    return ngettext(
        "must be at most {count} character", "must be at most {count} characters", limit
    ).format(count=limit)


def at_least(bound: object) -> str:
    """The message for a number below ``bound`` ("must be >= 0")."""
    return _("must be >= {bound}").format(bound=bound)


def at_most(bound: object) -> str:
    """The message for a number above ``bound`` ("must be <= 1")."""
    return _("must be <= {bound}").format(bound=bound)


Show = Callable[[Decimal], str]
"""How a message writes a number (a bound, the expected value)."""


def bounds_problem(
    value: Decimal,
    minimum: Decimal | None,
    maximum: Decimal | None,
    integer: bool = False,
    show: Show = decimal_to_json,
) -> str | None:
    """The loader's message when ``value`` is below ``minimum``, above ``maximum`` or (for an
    ``integer`` input) not whole, else None; ``show`` writes the bound."""
    if minimum is not None and value < minimum:
        return at_least(show(minimum))
    if maximum is not None and value > maximum:
        return at_most(show(maximum))
    if integer and value != value.to_integral_value():
        return _("must be a whole number")
    return None


def order_problem(
    expected: Decimal,
    low: Decimal | None,
    high: Decimal | None,
    show: Show = decimal_to_json,
) -> tuple[str, str] | None:
    """(part, message) when low > expected or high < expected, else None."""
    if low is not None and low > expected:
        return "low", _("must be <= the most likely value ({value})").format(value=show(expected))
    if high is not None and high < expected:
        return "high", _("must be >= the most likely value ({value})").format(value=show(expected))
    return None


def _number_error(message: str, part: str | None = None) -> PydanticCustomError:
    # ``part`` (low/high/expected) is appended to the field path by calculators.errors.
    return PydanticCustomError("coi_value", "{message}", {"message": message, "part": part or ""})


class Estimate(BaseModel):
    """A numeric input: expected value, optional range, and where the number came from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    expected: Decimal
    low: Decimal | None = None
    high: Decimal | None = None
    source: str | None = None
    confidence: Confidence | None = None
    note: str | None = None
    # Who on the buyer's side confirmed the value, and when (shown in the PDF's assumptions).
    confirmed_by: str | None = None
    confirmed_on: dt.date | None = None
    # True when the source is a template's suggestion, not a real one: the case is not ready
    # to send while it stays (calculators.readiness). Never printed.
    placeholder: bool = False

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, data: Any) -> Any:
        if isinstance(data, Estimate):
            return data
        if not isinstance(data, dict):
            try:
                return {"expected": parse_decimal(data)}
            except NumberError as exc:
                raise _number_error(str(exc)) from None
        unknown = sorted(set(data) - set(cls.model_fields))
        if unknown:
            raise _number_error(
                _("unknown key {key} (allowed: {allowed})").format(
                    key=repr(unknown[0]), allowed=", ".join(cls.model_fields)
                )
            )
        if "expected" not in data:
            # Translators: {key} is the field name 'expected' (not translated).
            raise _number_error(_("needs an {key} value").format(key="'expected'"), "expected")
        parsed = dict(data)
        for part in ("expected", "low", "high"):
            if part in parsed and not (part != "expected" and parsed[part] is None):
                try:
                    parsed[part] = parse_decimal(parsed[part])
                except NumberError as exc:
                    raise _number_error(str(exc), part) from None
        for part in ("source", "note", "confirmed_by"):
            text = parsed.get(part)
            if text is not None and not isinstance(text, str):
                raise _number_error(_("must be text"), part)
            if isinstance(text, str) and len(text) > MAX_TEXT:
                raise _number_error(too_long(MAX_TEXT), part)
            if isinstance(text, str):
                parsed[part] = neutralise(text)  # the same text in app, CLI and PDF
        confidence = parsed.get("confidence")
        if confidence is not None and confidence not in ("high", "medium", "low"):
            raise _number_error(
                _("must be one of {choices}").format(choices="high, medium, low"), "confidence"
            )
        _check_confirmation(parsed)
        return parsed

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        problem = order_problem(self.expected, self.low, self.high, str)
        if problem is not None:
            raise _number_error(problem[1], problem[0])
        return self

    @model_serializer(mode="plain")
    def _serialise(self) -> str | dict[str, str | bool]:
        if self.is_plain:
            return decimal_to_json(self.expected)
        out: dict[str, str | bool] = {"expected": decimal_to_json(self.expected)}
        if self.low is not None:
            out["low"] = decimal_to_json(self.low)
        if self.high is not None:
            out["high"] = decimal_to_json(self.high)
        for key in ("source", "confidence", "note", "confirmed_by"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.confirmed_on is not None:
            out["confirmed_on"] = self.confirmed_on.isoformat()
        if self.placeholder:
            out["placeholder"] = True
        return out

    @property
    def is_plain(self) -> bool:
        return (
            self.low is None
            and self.high is None
            and self.source is None
            and self.confidence is None
            and self.note is None
            and self.confirmed_by is None
            and self.confirmed_on is None
            and not self.placeholder
        )

    @property
    def is_confirmed(self) -> bool:
        """Someone on the buyer's side confirmed the value."""
        return bool((self.confirmed_by or "").strip())

    @property
    def low_value(self) -> Decimal:
        return self.expected if self.low is None else self.low

    @property
    def high_value(self) -> Decimal:
        return self.expected if self.high is None else self.high

    @property
    def is_ranged(self) -> bool:
        return self.low_value != self.high_value

    def end(self, which: Adverse) -> Decimal:
        """The low or the high end of the range (the expected value without a range)."""
        return self.low_value if which == "low" else self.high_value

    def pick(self, scenario: Scenario, adverse: Adverse = "low") -> Decimal:
        """The value used in ``scenario``: conservative takes the ``adverse`` end (the one
        that weakens the case), optimistic the other end, expected the most likely value."""
        if scenario == "conservative":
            return self.end(adverse)
        if scenario == "optimistic":
            return self.end(favourable(adverse))
        return self.expected


def _check_confirmation(parsed: dict[str, Any]) -> None:
    """Parse ``confirmed_on`` (an ISO date) and check ``placeholder`` (true or false)."""
    day = parsed.get("confirmed_on")
    if day is not None and not isinstance(day, dt.date):
        try:
            parsed["confirmed_on"] = dt.date.fromisoformat(str(day).strip())
        except ValueError:
            raise _number_error(
                _("must be a date written as {pattern}, e.g. {example}").format(
                    pattern="YYYY-MM-DD", example="2027-04-15"
                ),
                "confirmed_on",
            ) from None
    flag = parsed.get("placeholder", False)
    if not isinstance(flag, bool):
        raise _number_error(_("must be true or false"), "placeholder")


def favourable(adverse: Adverse) -> Adverse:
    """The end opposite to ``adverse``: the optimistic scenario's end."""
    return "high" if adverse == "low" else "low"


def estimate(value: str | Decimal | int) -> Estimate:
    """Shorthand for tests and code: ``estimate("48")``."""
    return Estimate.model_validate(value)


@dataclass(frozen=True)
class InputSpec:
    """One input of a driver, declared once.

    ``label`` and ``help`` are English source strings marked with ``N_()``; translate them
    with ``_()`` where they are shown.
    """

    key: str
    label: str
    unit: Unit
    help: str
    default: Decimal | dt.date | str | None
    kind: Kind = Kind.NUMBER
    minimum: Decimal | None = Decimal(0)
    maximum: Decimal | None = None
    choices: tuple[str, ...] = ()
    choice_labels: tuple[str, ...] = ()  # N_() marked, one per choice
    integer: bool = False
    # May stay empty: a date/text input, or a number whose natural value is 0 (growth,
    # escalation). A required input without a value counts 0 and blocks readiness.
    optional: bool = False
    # A number with low/high, source and confidence (an Estimate); False for a single exact
    # value stored as such (a whole number of months, the discount rate).
    ranged: bool = True
    # The end of the range that weakens the case: "low" where a higher value raises the cost
    # of inaction (every driver input today) or the benefit (the addressable share), "high"
    # where a higher value lowers the case (what the solution costs). The conservative
    # scenario takes this end, the optimistic one the other (tests pin it per input).
    adverse: Adverse = "low"

    def check_number(self, value: Decimal, show: Show = decimal_to_json) -> str | None:
        """A message when ``value`` is outside this input's bounds or form, else None.

        ``show`` writes the bound in the message; the file loader writes it as in the file,
        an editor may pass one that writes it the way its field shows numbers.
        """
        return bounds_problem(value, self.minimum, self.maximum, self.integer, show)

    def choice_label(self, choice: str) -> str:
        """The untranslated label of ``choice`` (show it with ``_()``).

        Without declared labels, the key made readable ("per_seat" -> "Per seat").
        """
        if choice in self.choices and len(self.choice_labels) == len(self.choices):
            return self.choice_labels[self.choices.index(choice)]
        return choice.replace("_", " ").capitalize()

    @property
    def default_decimal(self) -> Decimal:
        assert isinstance(self.default, Decimal), self.key
        return self.default


def number(
    key: str,
    label: str,
    unit: Unit,
    help: str,
    default: str,
    *,
    minimum: str | None = "0",
    maximum: str | None = None,
    integer: bool = False,
    ranged: bool = True,
    optional: bool | None = None,
    adverse: Adverse = "low",
) -> InputSpec:
    """Declare a numeric input (ranges allowed unless ``ranged`` is False).

    ``optional`` by default when ``default`` is 0 (a growth or escalation rate): empty then
    means 0, as intended. Any other input is required and ``default`` only a suggestion.
    ``adverse`` is the end of its range that weakens the case (see :attr:`InputSpec.adverse`).
    """
    return InputSpec(
        key=key,
        label=label,
        unit=unit,
        help=help,
        default=Decimal(default),
        minimum=None if minimum is None else Decimal(minimum),
        maximum=None if maximum is None else Decimal(maximum),
        integer=integer,
        ranged=ranged,
        optional=Decimal(default) == 0 if optional is None else optional,
        adverse=adverse,
    )


def whole_number(
    key: str, label: str, unit: Unit, help: str, default: int, *, minimum: int, maximum: int
) -> InputSpec:
    """Declare a single whole number (no range), stored as a JSON integer."""
    return number(
        key,
        label,
        unit,
        help,
        str(default),
        minimum=str(minimum),
        maximum=str(maximum),
        integer=True,
        ranged=False,
    )


def date_input(key: str, label: str, help: str, *, optional: bool = True) -> InputSpec:
    """Declare a date input (ISO 8601 in the file)."""
    return InputSpec(
        key=key,
        label=label,
        unit=Unit.NUMBER,
        help=help,
        default=None,
        kind=Kind.DATE,
        minimum=None,
        optional=optional,
    )


def choice_input(
    key: str,
    label: str,
    help: str,
    choices: tuple[str, ...],
    default: str,
    *,
    labels: tuple[str, ...] = (),
) -> InputSpec:
    """Declare a choice among fixed strings; ``labels`` (N_() marked) name them for people."""
    if labels and len(labels) != len(choices):
        raise ValueError(f"{key}: {len(choices)} choices but {len(labels)} labels")
    return InputSpec(
        key=key,
        label=label,
        unit=Unit.NUMBER,
        help=help,
        default=default,
        kind=Kind.CHOICE,
        minimum=None,
        choices=choices,
        choice_labels=labels,
    )


def text_input(key: str, label: str, help: str) -> InputSpec:
    """Declare free text (e.g. a formula description)."""
    return InputSpec(
        key=key,
        label=label,
        unit=Unit.NUMBER,
        help=help,
        default="",
        kind=Kind.TEXT,
        minimum=None,
        optional=True,
    )


def check_parts(
    spec: InputSpec,
    expected: Decimal,
    low: Decimal | None = None,
    high: Decimal | None = None,
    *,
    plain: bool = False,
    show: Show = decimal_to_json,
) -> tuple[str, str] | None:
    """(part, message) for the first rule a numeric input breaks, else None.

    The rules and messages of the file loader, in its order: low <= expected <= high, then
    each of expected, low and high within the declared bounds. The part is "expected", "low"
    or "high" ("" for a ``plain`` value: a bare number without range, source or note).
    ``show`` writes the numbers in the message (see :meth:`InputSpec.check_number`).
    """
    ordering = order_problem(expected, low, high, show)
    if ordering is not None:
        return ordering
    for part, amount in (("expected", expected), ("low", low), ("high", high)):
        if amount is None:
            continue
        message = spec.check_number(amount, show)
        if message:
            return ("" if plain else part), message
    return None


def check_input(
    spec: InputSpec, value: Estimate, show: Show = decimal_to_json
) -> tuple[str, str] | None:
    """(part, message) when ``value`` breaks a rule of ``spec``, else None (see check_parts)."""
    return check_parts(spec, value.expected, value.low, value.high, plain=value.is_plain, show=show)


class Owner(enum.Enum):
    """Who owns an input that is not a driver's: the solution."""

    SOLUTION = "solution"


SOLUTION = Owner.SOLUTION


@dataclass(frozen=True)
class InputRef:
    """Which input: ``key`` of the driver at index ``owner`` in the case, or of the solution.

    The key of every override and draw (engine, finance, sensitivity, simulation).
    """

    owner: int | Literal[Owner.SOLUTION]
    key: str

    @classmethod
    def solution(cls, key: str) -> InputRef:
        return cls(SOLUTION, key)

    @property
    def is_solution(self) -> bool:
        return self.owner is SOLUTION


@dataclass(frozen=True)
class Values:
    """Resolved inputs of one driver for one calculation: numbers, dates, choices, text."""

    numbers: dict[str, Decimal] = field(default_factory=dict)
    dates: dict[str, dt.date | None] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    # The case month (1-based) in which the driver starts accruing: 1 unless the driver has
    # a later start_date. Drivers whose cost builds up over time (churn) count from it.
    first_month: int = 1

    def __getitem__(self, key: str) -> Decimal:
        return self.numbers[key]

    def date(self, key: str) -> dt.date | None:
        return self.dates.get(key)

    def text(self, key: str) -> str:
        return self.texts.get(key, "")
