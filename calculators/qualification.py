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

Besides the rules, the case's rep-only ``qualification`` section (``Case.qualification``)
gives the elements of the deal, each scored 0 (unknown), 1 (claimed by us) or 2 (confirmed by
the buyer, naming who; a 2 without who counts as 1): the compelling event (what happens, its
date, its owner at the buyer, the consequence if missed) counts for rule 1, and a date of it
that has passed fails rule 1; the economic buyer, the champion, the decision process and the
paper process are one reason each, failing below their ``min_*_score`` threshold (0 by
default: a team asks for more in its ``[qualification]`` table).

Verdict: ``no compelling need`` when a date to act by has passed (the decision date, or the
compelling event's with no new date), or when there is no compelling event and the size or
payback rule fails; ``strong`` when every rule passes; ``weak`` otherwise (a missing
compelling event alone makes a case weak). :attr:`Qualification.next_steps` names the one or
two things that would most strengthen the verdict.

Never shown to the buyer: the PDF report does not include it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import Literal

from calculators.calendar import edate, month, months_to_cover
from calculators.drivers.base import DriverType
from calculators.engine import Results, summarise
from calculators.formatting import Formatter
from calculators.i18n import _, ngettext
from calculators.inputs import Estimate, Kind, Values
from calculators.model import Case, Confirmation, DealEvent, DealPerson, DealProcess, DriverBase
from calculators.numbers import ENGINE_CONTEXT, ZERO
from calculators.settings import QualificationThresholds

Thresholds = QualificationThresholds  # the adjustable thresholds (a team may set them)

Verdict = Literal["strong", "weak", "no compelling need"]

COMPELLING_EVENT = "compelling_event"
SIZE = "size"
EVIDENCE = "evidence"
PAYBACK = "payback"
RULES = (COMPELLING_EVENT, SIZE, EVIDENCE, PAYBACK)
ECONOMIC_BUYER = "economic_buyer"
CHAMPION = "champion"
DECISION_PROCESS = "decision_process"
PAPER_PROCESS = "paper_process"
# The elements of the deal (Case.qualification), each scored 0, 1 or 2.
ELEMENTS = (COMPELLING_EVENT, ECONOMIC_BUYER, CHAMPION, DECISION_PROCESS, PAPER_PROCESS)
UNKNOWN, CLAIMED, CONFIRMED = 0, 1, 2
MAX_NEXT_STEPS = 2

QUOTE_LENGTH = 80
MAX_NAMED = 3


@dataclass(frozen=True)
class Reason:
    rule: str  # one of RULES or ELEMENTS
    passed: bool
    message: str  # translated when qualify() ran, numbers formatted for the case's locale
    expired: bool = False  # a date to act by has passed: no compelling need


@dataclass(frozen=True)
class Element:
    """One element of the deal and how sure we are of it."""

    name: str  # one of ELEMENTS
    score: int  # UNKNOWN, CLAIMED or CONFIRMED (a confirmation must name who)


@dataclass(frozen=True)
class Qualification:
    verdict: Verdict
    reasons: tuple[Reason, ...]
    elements: tuple[Element, ...] = ()
    next_steps: tuple[str, ...] = ()  # the one or two things that would most strengthen it

    def reason(self, rule: str) -> Reason | None:
        return next((r for r in self.reasons if r.rule == rule), None)


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


def _deal_event_part(event: DealEvent, fmt: Formatter) -> str | None:
    """The compelling event of the deal's qualification as a phrase, None when empty."""
    what = " ".join((event.event or "").split())
    if len(what) > QUOTE_LENGTH:
        what = what[: QUOTE_LENGTH - 1].rstrip() + "…"
    if not what and event.date is None:
        return None
    parts = [_("“{event}”").format(event=what) if what else _("an event")]
    if event.date is not None:
        parts.append(_("on {date}").format(date=fmt.date(event.date)))
    if (event.owner or "").strip():
        parts.append(_("owned by {owner}").format(owner=event.owner))
    return " ".join(parts) + " (" + _score_text(event, fmt) + ")"


def _event_reason(
    results: Results, fmt: Formatter, today: dt.date, thresholds: Thresholds
) -> Reason:
    case = results.case
    if case.deadline < today:
        return Reason(
            COMPELLING_EVENT,
            False,
            _(
                "The decision date {deadline} has passed: there is no date left to act by. "
                "Set the buyer's new decision date."
            ).format(deadline=fmt.date(case.deadline)),
            expired=True,
        )
    deal_event = case.qualification.compelling_event if case.qualification else None
    if deal_event is not None and deal_event.date is not None and deal_event.date < today:
        return Reason(
            COMPELLING_EVENT,
            False,
            _(
                "The compelling event's date {date} has passed and no new date is set: the "
                "buyer has no date to act by."
            ).format(date=fmt.date(deal_event.date)),
            expired=True,
        )
    wanted = thresholds.min_event_score
    if effective_score(deal_event) < wanted:
        return Reason(
            COMPELLING_EVENT,
            False,
            _("The compelling event is {status}; at least {wanted} is needed.").format(
                status=_score_text(deal_event, fmt), wanted=_level_text(wanted)
            ),
        )
    parts: list[str] = []
    deal_part = _deal_event_part(deal_event, fmt) if deal_event is not None else None
    if deal_part:
        parts.append(deal_part)
    narrative = (case.narrative.compelling_event or "").strip() if case.narrative else ""
    events = dated_events(results)
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


def evidence(results: Results, thresholds: Thresholds | None = None) -> Evidence:
    """How much of the cost over the horizon rests on sourced, medium/high-confidence inputs."""
    case = results.case
    projection = results.projection
    thresholds = thresholds or Thresholds()
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


def _evidence_reason(
    results: Results, thresholds: Thresholds, fmt: Formatter, found: Evidence
) -> Reason:
    case = results.case
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


# --- the elements of the deal (Case.qualification) -----------------------------------------


def effective_score(item: Confirmation | None) -> int:
    """The element's score; a confirmation that does not say who confirmed counts as claimed."""
    if item is None:
        return UNKNOWN
    if item.score == CONFIRMED and not (item.confirmed_by or "").strip():
        return CLAIMED
    return item.score


def _level_text(score: int) -> str:
    return {
        UNKNOWN: _("unknown"),
        CLAIMED: _("claimed by us"),
        CONFIRMED: _("confirmed by the buyer"),
    }[score]


def _score_text(item: Confirmation | None, fmt: Formatter) -> str:
    """ "unknown", "claimed by us" or "confirmed by NAME on DATE"."""
    score = effective_score(item)
    if item is None or score != CONFIRMED:
        if item is not None and item.score == CONFIRMED:
            return _("claimed by us: the confirmation does not say who confirmed it")
        return _level_text(score)
    if item.confirmed_on is None:
        return _("confirmed by {who}").format(who=item.confirmed_by)
    return _("confirmed by {who} on {date}").format(
        who=item.confirmed_by, date=fmt.date(item.confirmed_on)
    )


def _element_label(name: str) -> str:
    return {
        COMPELLING_EVENT: _("Compelling event"),
        ECONOMIC_BUYER: _("Economic buyer"),
        CHAMPION: _("Champion"),
        DECISION_PROCESS: _("Decision process"),
        PAPER_PROCESS: _("Paper process"),
    }[name]


def _element_what(item: DealPerson | DealProcess, fmt: Formatter) -> str:
    if isinstance(item, DealPerson):
        name = (item.name or "").strip()
        role = (item.role or "").strip()
        return f"{name} ({role})" if name and role else name or role
    if not item.steps:
        return ""
    last = max((step.date for step in item.steps if step.date is not None), default=None)
    count = len(item.steps)
    if last is None:
        return ngettext("{count} step", "{count} steps", count).format(count=count)
    return ngettext(
        "{count} step, the last on {date}", "{count} steps, the last on {date}", count
    ).format(count=count, date=fmt.date(last))


def _element_reason(
    name: str, item: DealPerson | DealProcess | None, thresholds: Thresholds, fmt: Formatter
) -> Reason:
    score = effective_score(item)
    what = _element_what(item, fmt) if item is not None else ""
    status = _score_text(item, fmt)
    # Translators: e.g. "Economic buyer: Dana Reyes (CFO), claimed by us."
    text = (_("{element}: {what}, {status}.") if what else _("{element}: {status}.")).format(
        element=_element_label(name), what=what, status=status
    )
    wanted = thresholds.min_score(name)
    if score < wanted:
        text += " " + _("At least {wanted} is needed.").format(wanted=_level_text(wanted))
    elif score == UNKNOWN:
        text += " " + _("Not needed for a strong verdict, but worth finding out.")
    return Reason(name, score >= wanted, text)


def deal_elements(case: Case) -> tuple[Element, ...]:
    """Each element of the deal with its effective score (unknown when absent)."""
    deal = case.qualification
    return tuple(
        Element(name, effective_score(getattr(deal, name) if deal is not None else None))
        for name in ELEMENTS
    )


def _element_reasons(case: Case, thresholds: Thresholds, fmt: Formatter) -> list[Reason]:
    """A reason per element when the case has a qualification section or the team asks for
    the element; none otherwise (a case from before the section reads as it did)."""
    deal = case.qualification
    return [
        _element_reason(name, getattr(deal, name) if deal is not None else None, thresholds, fmt)
        for name in ELEMENTS[1:]
        if deal is not None or thresholds.min_score(name) > 0
    ]


# --- what would most strengthen the verdict ---------------------------------------------------


def _find_text(name: str) -> str:
    return {
        COMPELLING_EVENT: _(
            "Find the compelling event: what happens on which date, who owns it at the buyer, "
            "and the consequence if it is missed."
        ),
        ECONOMIC_BUYER: _(
            "Find out who the economic buyer is: the person who signs off the money."
        ),
        CHAMPION: _("Find a champion: someone at the buyer who sells the case internally."),
        DECISION_PROCESS: _("Map the decision process: the steps to a decision and their dates."),
        PAPER_PROCESS: _(
            "Map the paper process: the legal, purchasing and signature steps and their dates."
        ),
    }[name]


def _confirm_text(name: str) -> str:
    return {
        COMPELLING_EVENT: _(
            "Have the buyer confirm the compelling event and its date (who, when)."
        ),
        ECONOMIC_BUYER: _("Have the buyer confirm the economic buyer (who confirmed it, when)."),
        CHAMPION: _("Have the champion confirm they will sell the case internally (when)."),
        DECISION_PROCESS: _("Have the buyer confirm the decision process and its dates."),
        PAPER_PROCESS: _("Have the buyer confirm the paper process and its dates."),
    }[name]


def _rule_step(reason: Reason, found: Evidence, event_score: int) -> str:
    if reason.expired:
        return _("Get the buyer's new date to act by, or disqualify the deal.")
    if reason.rule == COMPELLING_EVENT:
        if event_score == UNKNOWN:
            return _find_text(COMPELLING_EVENT)
        return _confirm_text(COMPELLING_EVENT)
    if reason.rule == SIZE:
        return _(
            "Find more of the cost of inaction with the buyer, or propose a smaller first step."
        )
    if reason.rule == PAYBACK:
        return _(
            "Shorten the payback: a smaller first phase, a shorter lead time or a lower "
            "recurring cost."
        )
    if found.unbacked:
        _cost, driver, label = found.unbacked[0]
        return _("Get a source from the buyer for the largest unbacked input: {input}.").format(
            input=_("{driver} › {input}").format(driver=driver, input=_(label))
        )
    return _("Back the largest inputs with sources from the buyer.")


def next_steps(
    reasons: tuple[Reason, ...], elements: tuple[Element, ...], found: Evidence
) -> tuple[str, ...]:
    """The one or two things that would most strengthen the verdict, most important first.

    Failed rules first (a passed date, no compelling event, size, payback, evidence), then
    the elements of the deal the team asks more of, then any element not yet confirmed.
    """
    order = {rule: n for n, rule in enumerate((COMPELLING_EVENT, SIZE, PAYBACK, EVIDENCE))}
    failed = sorted(
        (r for r in reasons if not r.passed and r.rule in order),
        key=lambda r: (not r.expired, order[r.rule]),
    )
    event_score = next((e.score for e in elements if e.name == COMPELLING_EVENT), UNKNOWN)
    steps = [_rule_step(r, found, event_score) for r in failed]
    short = {r.rule for r in reasons if not r.passed and r.rule in ELEMENTS}
    for wanted in (True, False):
        for element in elements:
            if (element.name in short) != wanted or element.score == CONFIRMED:
                continue
            if element.name == COMPELLING_EVENT and COMPELLING_EVENT in {r.rule for r in failed}:
                continue
            if element.score == UNKNOWN and element.name == COMPELLING_EVENT:
                steps.append(
                    _(
                        "Record the compelling event with the buyer: its date, who owns it "
                        "and the consequence if it is missed."
                    )
                )
            elif element.score == UNKNOWN:
                steps.append(_find_text(element.name))
            else:
                steps.append(_confirm_text(element.name))
    unique = list(dict.fromkeys(steps))
    return tuple(unique[:MAX_NEXT_STEPS])


# --- the verdict -----------------------------------------------------------------------------


def verdict(reasons: tuple[Reason, ...]) -> Verdict:
    """no compelling need: a date passed, or no event and size or payback fails; strong: all
    pass; else weak."""
    if any(r.expired for r in reasons):
        return "no compelling need"
    failed = {r.rule for r in reasons if not r.passed}
    if not failed:
        return "strong"
    if COMPELLING_EVENT in failed and failed & {SIZE, PAYBACK}:
        return "no compelling need"
    return "weak"


@lru_cache(maxsize=1)
def default_thresholds() -> Thresholds:
    """The team's thresholds (``[qualification]`` in team.toml) when installed, else the
    documented defaults."""
    from calculators.resources import team_folder

    if team_folder() is None:  # no team: its models and TOML reader need not load (`coi summary`)
        return Thresholds()
    from calculators.team import load_team_defaults

    team = load_team_defaults()
    return Thresholds() if team is None else Thresholds(**team.qualification.model_dump())


def qualify(
    case: Case,
    thresholds: Thresholds | None = None,
    results: Results | None = None,
    today: dt.date | None = None,
) -> Qualification:
    """The verdict, its reasons and the next steps for ``case`` (expected scenario) on ``today``.

    ``thresholds`` default to the team's (:func:`default_thresholds`); ``results`` may pass
    an already computed ``engine.summarise(case)`` to save the work; ``today`` (the report
    date, by default the real today) decides whether the decision date has passed.
    """
    if thresholds is None:
        thresholds = default_thresholds()
    if results is None or results.case is not case or results.projection.scenario != "expected":
        results = summarise(case)
    fmt = Formatter(case.locale, case.currency)
    found = evidence(results, thresholds)
    reasons = [
        _event_reason(results, fmt, today or dt.date.today(), thresholds),
        _size_reason(results, thresholds, fmt),
        _evidence_reason(results, thresholds, fmt, found),
    ]
    payback = _payback_reason(results, thresholds, fmt)
    if payback is not None:
        reasons.append(payback)
    reasons.extend(_element_reasons(case, thresholds, fmt))
    all_reasons = tuple(reasons)
    elements = deal_elements(case)
    return Qualification(
        verdict(all_reasons), all_reasons, elements, next_steps(all_reasons, elements, found)
    )
