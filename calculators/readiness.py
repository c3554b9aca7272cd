"""Ready to send: what stands between a case and a PDF the buyer may see.

One function, :func:`check`, used by ``coi check``, ``coi render`` (which refuses a case that
is not ready unless asked for a draft), the app's export and the PDF's DRAFT marking. It
returns :class:`Item`\\ s, each with a severity, the field path (as in validation problems:
``drivers[2].inputs.hourly_cost``) and a plain message. The rules are written out in
docs/readiness.md:

Blocking: a required input without a value (it counts as 0); a placeholder source (an
estimate marked ``placeholder``); a title, buyer, seller or narrative text still as the
template gave it (``Case.placeholders``); a decision date before the report date; no included
driver with a cost.

Warnings: an input given without a source; one of the largest drivers without a range on
any input; no solution; no compelling event in the narrative; a suggested default accepted
but not confirmed by anyone on the buyer's side.

:func:`input_status` and :func:`input_counts` give the status of each input (the app shows
it per field and counted per case).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any, Literal

from calculators.case_fields import SOLUTION_INPUTS
from calculators.engine import Results, summarise
from calculators.formatting import Formatter
from calculators.i18n import _
from calculators.inputs import Estimate, InputSpec, Kind
from calculators.model import PLACEHOLDER_FIELDS, Case, DriverBase
from calculators.numbers import ENGINE_CONTEXT, ZERO

Severity = Literal["blocking", "warning"]
BLOCKING: Severity = "blocking"
WARNING: Severity = "warning"

LARGEST_SHARE = Decimal("0.8")  # the largest drivers: those making up 80 % of the cost
MAX_LARGEST = 3


@dataclass(frozen=True)
class Item:
    """One thing to fix (blocking) or to consider (warning) before sending the case."""

    severity: Severity
    path: str  # the field, e.g. "drivers[2].inputs.hourly_cost" or "deadline"
    message: str  # plain, translated, naming the driver and input for people

    @property
    def blocking(self) -> bool:
        return self.severity == BLOCKING

    def line(self, file: str = "") -> str:
        """``file: path: message`` (``coi check``), or ``path: message`` without a file."""
        text = f"{self.path}: {self.message}"
        return f"{file}: {text}" if file else text


class Status(enum.Enum):
    """Where an input's value stands."""

    MISSING = "missing"  # required, no value: counts 0
    EMPTY = "empty"  # optional, no value: 0 as intended
    PLACEHOLDER = "placeholder"  # the template's suggestion, source not real yet
    DEFAULT = "default"  # the suggested default accepted, nobody confirmed it
    GIVEN = "given"  # a value the rep entered
    CONFIRMED = "confirmed"  # confirmed by someone on the buyer's side


def input_status(spec: InputSpec, stored: Any) -> Status:
    """The status of input ``spec`` holding ``stored`` (None when absent)."""
    if stored is None or (spec.kind is Kind.TEXT and not str(stored).strip()):
        return Status.EMPTY if spec.optional else Status.MISSING
    if not isinstance(stored, Estimate):
        return Status.GIVEN
    if stored.placeholder:
        return Status.PLACEHOLDER
    if stored.is_confirmed:
        return Status.CONFIRMED
    if (
        not spec.optional
        and isinstance(spec.default, Decimal)
        and stored.expected == spec.default
        and not (stored.source or "").strip()
    ):
        return Status.DEFAULT
    return Status.GIVEN


def status_text(spec: InputSpec, stored: Any, fmt: Formatter) -> str:
    """The status in words: "needs a value", "given", "confirmed by … on …" ..."""
    status = input_status(spec, stored)
    if status is Status.CONFIRMED:
        assert isinstance(stored, Estimate)
        return confirmation_text(stored, fmt)
    return {
        Status.MISSING: _("needs a value"),
        Status.EMPTY: _("optional, empty (counts as 0)"),
        Status.PLACEHOLDER: _("template placeholder: replace the source"),
        Status.DEFAULT: _("suggested default, not confirmed"),
        Status.GIVEN: _("given"),
    }[status]


def confirmation_text(value: Estimate, fmt: Formatter) -> str:
    """ "confirmed by Jana Müller on April 2, 2027" (without a date when none is stored)."""
    who = (value.confirmed_by or "").strip()
    if value.confirmed_on is None:
        return _("confirmed by {who}").format(who=who)
    return _("confirmed by {who} on {date}").format(who=who, date=fmt.date(value.confirmed_on))


@dataclass(frozen=True)
class Counts:
    """How many inputs of the included drivers stand where (the app's count per case)."""

    total: int  # required inputs plus optional ones that hold a value
    given: int  # of them with a value (given, default, placeholder or confirmed)
    confirmed: int
    missing: int
    placeholders: int


def _driver_inputs(case: Case) -> Iterator[tuple[int, DriverBase, InputSpec, Any]]:
    for index, driver in enumerate(case.drivers):
        if not driver.enabled:
            continue
        for spec in driver.kind.inputs:
            if spec.kind in (Kind.NUMBER, Kind.DATE):
                yield index, driver, spec, driver.input(spec.key)


def input_counts(case: Case) -> Counts:
    """Counts over the included drivers' number and date inputs."""
    total = given = confirmed = missing = placeholders = 0
    for _index, _driver, spec, stored in _driver_inputs(case):
        status = input_status(spec, stored)
        if status is Status.EMPTY:
            continue
        total += 1
        given += status is not Status.MISSING
        confirmed += status is Status.CONFIRMED
        missing += status is Status.MISSING
        placeholders += status is Status.PLACEHOLDER
    return Counts(total, given, confirmed, missing, placeholders)


def input_path(index: int, key: str) -> str:
    return f"drivers[{index}].inputs.{key}"


def _where(driver: DriverBase, spec: InputSpec) -> str:
    # Translators: a cost driver's name and one of its inputs.
    return _("{driver} › {input}").format(driver=driver.name, input=_(spec.label))


def _input_items(case: Case) -> Iterator[Item]:
    for index, driver, spec, stored in _driver_inputs(case):
        path = input_path(index, spec.key)
        where = _where(driver, spec)
        status = input_status(spec, stored)
        if status is Status.MISSING:
            yield Item(
                BLOCKING, path, _("{where}: needs a value (counts as 0)").format(where=where)
            )
        elif status is Status.PLACEHOLDER:
            yield Item(BLOCKING, f"{path}.source", _placeholder_source(where))
        elif status is Status.DEFAULT:
            yield Item(
                WARNING,
                path,
                _("{where}: the suggested default is used; confirm it with the buyer").format(
                    where=where
                ),
            )
        elif status is Status.GIVEN and _unsourced(stored):
            yield Item(WARNING, f"{path}.source", _("{where}: has no source").format(where=where))


def _unsourced(stored: Any) -> bool:
    """A non-zero number without a source (a confirmation counts as one)."""
    return (
        isinstance(stored, Estimate)
        and bool(stored.expected)
        and not (stored.source or "").strip()
        and not stored.is_confirmed
    )


def _placeholder_source(where: str) -> str:
    return _("{where}: placeholder source from the template; name the real one").format(where=where)


def _solution_items(case: Case) -> Iterator[Item]:
    solution = case.solution
    if solution is None:
        yield Item(
            WARNING,
            "solution",
            _("no solution: the report shows no net present value, ROI or payback"),
        )
        return
    name = solution.name or _("Solution")
    for spec in SOLUTION_INPUTS:
        if not spec.ranged:
            continue
        stored = solution.estimate(spec.key)
        where = _("{driver} › {input}").format(driver=name, input=_(spec.label))
        if stored.placeholder:
            yield Item(BLOCKING, f"solution.{spec.key}.source", _placeholder_source(where))
        elif _unsourced(stored):
            yield Item(
                WARNING,
                f"solution.{spec.key}.source",
                _("{where}: has no source").format(where=where),
            )


def _field_name(key: str) -> str:
    """The name of a :data:`PLACEHOLDER_FIELDS` field for people ("Case title")."""
    return {
        "title": _("Case title"),
        "buyer": _("Buyer"),
        "contact": _("Buyer contact"),
        "seller": _("Seller"),
        "rep": _("Prepared by"),
        "situation": _("Situation"),
        "compelling_event": _("Compelling event"),
        "consequences": _("Consequences"),
    }[key]


def _placeholder_texts(case: Case) -> Iterator[Item]:
    if case.placeholders is None:
        return
    for key, path in PLACEHOLDER_FIELDS.items():
        template_text = (getattr(case.placeholders, key) or "").strip()
        if template_text and case.field_text(path).strip() == template_text:
            yield Item(
                BLOCKING,
                path,
                _("{field}: still the template's text; replace it with this case's own").format(
                    field=_field_name(key)
                ),
            )


def _cost_items(case: Case, results: Results) -> Iterator[Item]:
    projection = results.projection
    with localcontext(ENGINE_CONTEXT):
        costs = sorted(
            ((projection.driver_cost_over_horizon(d), d.index) for d in projection.drivers),
            reverse=True,
        )
        total = sum((cost for cost, _i in costs), ZERO)
    if total <= 0:
        yield Item(BLOCKING, "drivers", _("no included driver has a cost yet"))
        return
    covered = ZERO
    for cost, index in costs[:MAX_LARGEST]:
        if cost <= 0 or covered >= total * LARGEST_SHARE:
            break
        covered += cost
        driver = case.drivers[index]
        ranged = any(
            isinstance(v, Estimate) and v.is_ranged
            for v in (driver.input(s.key) for s in driver.kind.inputs)
        )
        if not ranged:
            yield Item(
                WARNING,
                f"drivers[{index}]",
                _(
                    "{driver}: one of the largest costs, with no range (low – high) on any input"
                ).format(driver=driver.name),
            )


def _date_items(case: Case, today: dt.date) -> Iterator[Item]:
    if case.deadline < today:
        fmt = Formatter(case.locale, case.currency)
        yield Item(
            BLOCKING,
            "deadline",
            _("the decision date {deadline} has passed (report date {today})").format(
                deadline=fmt.date(case.deadline), today=fmt.date(today)
            ),
        )


def _narrative_items(case: Case) -> Iterator[Item]:
    event = case.narrative.compelling_event if case.narrative else None
    if not (event or "").strip():
        yield Item(
            WARNING,
            "narrative.compelling_event",
            _("the narrative names no compelling event: why must the buyer act by the date?"),
        )


def check(case: Case, today: dt.date, results: Results | None = None) -> tuple[Item, ...]:
    """Everything that blocks sending ``case`` on ``today`` (the report date), then warnings.

    ``results`` may pass ``engine.summarise(case)`` (expected scenario) to save the work.
    """
    if results is None or results.case is not case or results.projection.scenario != "expected":
        results = summarise(case)
    items = [
        *_placeholder_texts(case),
        *_date_items(case, today),
        *_cost_items(case, results),
        *_input_items(case),
        *_solution_items(case),
        *_narrative_items(case),
    ]
    return tuple(sorted(items, key=lambda item: item.severity != BLOCKING))


def blocking(items: tuple[Item, ...]) -> tuple[Item, ...]:
    return tuple(item for item in items if item.blocking)


def is_ready(case: Case, today: dt.date, results: Results | None = None) -> bool:
    """No blocking item on ``today``."""
    return not blocking(check(case, today, results))
