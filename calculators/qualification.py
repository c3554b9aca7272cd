"""Qualification, for the rep only: is this buyer's need to act real enough to pursue?

Four transparent rules, each with an adjustable threshold (:class:`Thresholds`), each giving
a :class:`Reason` that says plainly why it passed or failed, with the numbers. The rules and
the verdict are documented in docs/simulation.md ("Qualification"):

1. ``compelling_event``: the case names a compelling event in its narrative, or an enabled
   driver has a dated cost step inside the horizon: a one-time amount on a date, or a date
   input (price-rise effective date, risk step-up date, ...) from which the driver's monthly
   cost is higher than the day before. A decision date that has passed (before today, the
   report date) fails the rule whatever the narrative says.
2. ``size``: the cost to the decision date is at least ``min_deadline_share`` of the
   solution's expected investment; without a solution (or with a zero investment) the cost
   over the horizon must reach ``min_horizon_cost`` in the case currency.
3. ``evidence``: at least ``min_evidenced_share`` of the cost over the horizon rests on
   inputs given in the case with a real source (not a template's placeholder) and a
   confidence in ``confidences``. Each driver's cost counts in proportion to the share of its
   inputs that are backed; a required input without a value counts as unbacked; optional
   inputs whose value is zero (an unused growth rate, say) are not counted. An untouched
   template (every source a placeholder) therefore never passes.
4. ``payback``: only with a solution: payback (expected scenario) within the horizon, or
   within ``max_payback_months`` when that is set.

Verdict: ``strong`` when every rule passes; ``no compelling need`` when there is no
compelling event and the size or payback rule fails; ``weak`` otherwise.

Never shown to the buyer: the PDF report does not include it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Literal

from calculators.calendar import edate, month, months_to_cover
from calculators.drivers.base import DriverType
from calculators.engine import Results, summarise
from calculators.formatting import Formatter
from calculators.i18n import _, ngettext
from calculators.inputs import Confidence, Estimate, Kind, Values
from calculators.model import Case, DriverBase
from calculators.numbers import ENGINE_CONTEXT, ZERO

Verdict = Literal["strong", "weak", "no compelling need"]

COMPELLING_EVENT = "compelling_event"
SIZE = "size"
EVIDENCE = "evidence"
PAYBACK = "payback"
RULES = (COMPELLING_EVENT, SIZE, EVIDENCE, PAYBACK)

QUOTE_LENGTH = 80
MAX_NAMED = 3


@dataclass(frozen=True)
class Reason:
    rule: str  # one of RULES
    passed: bool
    message: str  # translated when qualify() ran, numbers formatted for the case's locale


@dataclass(frozen=True)
class Qualification:
    verdict: Verdict
    reasons: tuple[Reason, ...]

    def reason(self, rule: str) -> Reason | None:
        return next((r for r in self.reasons if r.rule == rule), None)


@dataclass(frozen=True)
class Thresholds:
    """The adjustable thresholds of the rules; defaults as documented in docs/simulation.md."""

    min_deadline_share: Decimal = Decimal("0.25")  # cost to the deadline / investment
    min_horizon_cost: Decimal = Decimal("50000")  # without an investment, in case currency
    min_evidenced_share: Decimal = Decimal("0.5")  # of the cost over the horizon
    confidences: tuple[Confidence, ...] = ("medium", "high")  # what counts as backed
    max_payback_months: int | None = None  # None: the case's horizon


# --- rule 1: a dated compelling event --------------------------------------------------------


@dataclass(frozen=True)
class DatedEvent:
    driver: str
    day: dt.date
    lump: Decimal | None  # the one-time amount, or None for a step in the monthly cost


def _monthly_rate(kind: DriverType, values: Values, start: dt.date, day: dt.date) -> Decimal:
    """The driver's monthly amount accruing on ``day`` (before proration), from its segments."""
    k = months_to_cover(start, day + dt.timedelta(days=1))
    m = month(start, max(k, 1))
    for segment in kind.segments(values, m):
        if segment.start <= day < segment.end:
            return segment.monthly
    return ZERO


def _active(driver: DriverBase, day: dt.date) -> bool:
    if driver.start_date is not None and day < driver.start_date:
        return False
    return driver.end_date is None or day < driver.end_date


def dated_events(results: Results) -> list[DatedEvent]:
    """One-time amounts and upward cost steps on a date inside (start, end of horizon)."""
    case = results.case
    horizon_end = edate(case.start_date, case.horizon_months)
    found: list[DatedEvent] = []
    with localcontext(ENGINE_CONTEXT):
        for projected in results.projection.drivers:
            driver = case.drivers[projected.index]
            kind = driver.kind
            values = projected.values
            for when, amount in projected.lumps:
                if case.start_date < when < horizon_end and amount > 0:
                    found.append(DatedEvent(driver.name, when, amount))
            for spec in kind.inputs:
                if spec.kind is not Kind.DATE:
                    continue
                day = values.date(spec.key)
                if day is None or not case.start_date < day < horizon_end:
                    continue
                if not _active(driver, day):
                    continue
                before = _monthly_rate(kind, values, case.start_date, day - dt.timedelta(days=1))
                after = _monthly_rate(kind, values, case.start_date, day)
                if after > before:
                    found.append(DatedEvent(driver.name, day, None))
    found.sort(key=lambda e: e.day)
    return found


def _event_reason(results: Results, fmt: Formatter, today: dt.date) -> Reason:
    case = results.case
    if case.deadline < today:
        return Reason(
            COMPELLING_EVENT,
            False,
            _(
                "The decision date {deadline} has passed: there is no date left to act by. "
                "Set the buyer's new decision date."
            ).format(deadline=fmt.date(case.deadline)),
        )
    narrative = (case.narrative.compelling_event or "").strip() if case.narrative else ""
    events = dated_events(results)
    parts: list[str] = []
    if narrative:
        quote = " ".join(narrative.split())
        if len(quote) > QUOTE_LENGTH:
            quote = quote[: QUOTE_LENGTH - 1].rstrip() + "…"
        parts.append(_("“{event}” (narrative)").format(event=quote))
    for event in events[:MAX_NAMED]:
        if event.lump is not None:
            parts.append(
                _("{driver} costs {amount} once on {date}").format(
                    driver=event.driver, amount=fmt.money(event.lump), date=fmt.date(event.day)
                )
            )
        else:
            parts.append(
                _("{driver} costs more from {date}").format(
                    driver=event.driver, date=fmt.date(event.day)
                )
            )
    if parts:
        return Reason(
            COMPELLING_EVENT,
            True,
            _("Compelling event: {events}.").format(events="; ".join(parts)),
        )
    return Reason(
        COMPELLING_EVENT,
        False,
        ngettext(
            "No compelling event: the narrative names none, and no driver has a one-time "
            "cost or a cost step-up on a date inside the {months}-month horizon.",
            "No compelling event: the narrative names none, and no driver has a one-time "
            "cost or a cost step-up on a date inside the {months}-month horizon.",
            case.horizon_months,
        ).format(months=case.horizon_months),
    )


# --- rule 2: size ----------------------------------------------------------------------------


def _size_reason(results: Results, thresholds: Thresholds, fmt: Formatter) -> Reason:
    case = results.case
    projection = results.projection
    investment = case.solution.investment.expected if case.solution is not None else ZERO
    if investment > 0:
        with localcontext(ENGINE_CONTEXT):
            share = projection.cost_to_deadline / investment
        passed = share >= thresholds.min_deadline_share
        text = (
            _(
                "Waiting until the decision date costs {cost}, {share} of the {investment} "
                "investment (at least {threshold} needed)."
            )
            if passed
            else _(
                "Waiting until the decision date costs only {cost}, {share} of the "
                "{investment} investment (at least {threshold} needed)."
            )
        )
        return Reason(
            SIZE,
            passed,
            text.format(
                cost=fmt.money(projection.cost_to_deadline),
                share=fmt.percent(share),
                investment=fmt.money(investment),
                threshold=fmt.percent(thresholds.min_deadline_share),
            ),
        )
    passed = projection.cost_over_horizon >= thresholds.min_horizon_cost
    return Reason(
        SIZE,
        passed,
        ngettext(
            "No investment entered: the cost of inaction over {months} month is {cost}, "
            "against a minimum of {minimum}.",
            "No investment entered: the cost of inaction over {months} months is {cost}, "
            "against a minimum of {minimum}.",
            case.horizon_months,
        ).format(
            months=case.horizon_months,
            cost=fmt.money(projection.cost_over_horizon),
            minimum=fmt.money(thresholds.min_horizon_cost),
        ),
    )


# --- rule 3: evidence ------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    total: Decimal  # cost over the horizon
    evidenced: Decimal  # the part resting on backed inputs
    unbacked: tuple[tuple[Decimal, str, str], ...]  # (driver cost, driver name, input label)

    @property
    def share(self) -> Decimal | None:
        if self.total <= 0:
            return None
        with localcontext(ENGINE_CONTEXT):
            return self.evidenced / self.total


def _backed(stored: object, thresholds: Thresholds) -> bool:
    return (
        isinstance(stored, Estimate)
        and not stored.placeholder
        and bool((stored.source or "").strip())
        and stored.confidence in thresholds.confidences
    )


def evidence(results: Results, thresholds: Thresholds = Thresholds()) -> Evidence:
    """How much of the cost over the horizon rests on sourced, medium/high-confidence inputs."""
    case = results.case
    projection = results.projection
    total = ZERO
    evidenced = ZERO
    unbacked: list[tuple[Decimal, str, str]] = []
    with localcontext(ENGINE_CONTEXT):
        for projected in projection.drivers:
            driver = case.drivers[projected.index]
            cost = projection.driver_cost_over_horizon(projected)
            counted = 0
            backed = 0
            for spec in driver.kind.inputs:
                if spec.kind is not Kind.NUMBER:
                    continue
                stored = driver.input(spec.key)
                missing = stored is None and not spec.optional
                if not missing and not projected.values[spec.key]:
                    continue
                counted += 1
                if _backed(stored, thresholds):
                    backed += 1
                else:
                    unbacked.append((cost, driver.name, spec.label))
            total += cost
            if counted:
                evidenced += cost * backed / counted
    unbacked.sort(key=lambda item: item[0], reverse=True)
    return Evidence(total, evidenced, tuple(unbacked))


def _evidence_reason(results: Results, thresholds: Thresholds, fmt: Formatter) -> Reason:
    case = results.case
    found = evidence(results, thresholds)
    share = found.share
    if share is None:
        return Reason(
            EVIDENCE, False, _("There is no cost over the horizon for evidence to support.")
        )
    passed = share >= thresholds.min_evidenced_share
    text = ngettext(
        "{share} of the {cost} over {months} month rests on inputs with a source and "
        "medium or high confidence (at least {threshold} needed).",
        "{share} of the {cost} over {months} months rests on inputs with a source and "
        "medium or high confidence (at least {threshold} needed).",
        case.horizon_months,
    ).format(
        share=fmt.percent(share),
        cost=fmt.money(found.total),
        months=case.horizon_months,
        threshold=fmt.percent(thresholds.min_evidenced_share),
    )
    if not passed and found.unbacked:
        named = [
            # Translators: a cost driver's name and one of its inputs.
            _("{driver} › {input}").format(driver=driver, input=_(label))
            for _cost, driver, label in found.unbacked[:MAX_NAMED]
        ]
        text += " " + _("Find sources for: {inputs}.").format(inputs="; ".join(named))
    return Reason(EVIDENCE, passed, text)


# --- rule 4: payback -------------------------------------------------------------------------


def _payback_reason(results: Results, thresholds: Thresholds, fmt: Formatter) -> Reason | None:
    solution = results.solution
    if solution is None:
        return None
    horizon = results.case.horizon_months
    limit = horizon if thresholds.max_payback_months is None else thresholds.max_payback_months
    months = solution.payback_months
    if months is None:
        return Reason(
            PAYBACK,
            False,
            ngettext(
                "The solution does not pay back within the {horizon}-month horizon.",
                "The solution does not pay back within the {horizon}-month horizon.",
                horizon,
            ).format(horizon=horizon),
        )
    passed = months <= limit
    if thresholds.max_payback_months is None:
        text = ngettext(
            "Payback after {months} months, within the {horizon}-month horizon.",
            "Payback after {months} months, within the {horizon}-month horizon.",
            horizon,
        )
    elif passed:
        text = ngettext(
            "Payback after {months} months, within the {limit} month wanted.",
            "Payback after {months} months, within the {limit} months wanted.",
            limit,
        )
    else:
        text = ngettext(
            "Payback after {months} months, later than the {limit} month wanted.",
            "Payback after {months} months, later than the {limit} months wanted.",
            limit,
        )
    return Reason(
        PAYBACK,
        passed,
        text.format(months=fmt.decimal(months, 1), horizon=horizon, limit=limit),
    )


# --- the verdict -----------------------------------------------------------------------------


def verdict(reasons: tuple[Reason, ...]) -> Verdict:
    """strong: all pass; no compelling need: no event and size or payback fails; else weak."""
    failed = {r.rule for r in reasons if not r.passed}
    if not failed:
        return "strong"
    if COMPELLING_EVENT in failed and failed & {SIZE, PAYBACK}:
        return "no compelling need"
    return "weak"


def qualify(
    case: Case,
    thresholds: Thresholds = Thresholds(),
    results: Results | None = None,
    today: dt.date | None = None,
) -> Qualification:
    """The verdict and its reasons for ``case`` (expected scenario) on ``today``.

    ``results`` may pass an already computed ``engine.summarise(case)`` to save the work;
    ``today`` (the report date, by default the real today) decides whether the decision
    date has passed.
    """
    if results is None or results.case is not case or results.projection.scenario != "expected":
        results = summarise(case)
    fmt = Formatter(case.locale, case.currency)
    reasons = [
        _event_reason(results, fmt, today or dt.date.today()),
        _size_reason(results, thresholds, fmt),
        _evidence_reason(results, thresholds, fmt),
    ]
    payback = _payback_reason(results, thresholds, fmt)
    if payback is not None:
        reasons.append(payback)
    found = tuple(reasons)
    return Qualification(verdict(found), found)
