"""The machine-readable summary (``coi summary --json``) and its text rendering.

Money is given as decimal strings in the case currency, rounded to the currency's minor
units (half up); rates and ratios as decimal strings rounded to 6 places; payback in months
rounded to 2 places.

Besides the figures of the chosen scenario, the summary carries the analysis of the case's
ranges (always around the expected values, whatever ``--scenario`` says): ``scenarios``,
``sensitivity``, ``simulation`` and ``qualification`` (the last for the rep only).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal, localcontext
from typing import Any

from calculators.analysis import Analysis, Swing, analyse, input_spec
from calculators.drivers.base import SavingsClass
from calculators.engine import Results, summarise
from calculators.finance import SolutionResult
from calculators.formatting import DISPLAY_CONTEXT, Formatter, money_string
from calculators.i18n import _, ngettext
from calculators.inputs import SCENARIOS, SOLUTION, InputRef, InputSpec, Scenario, Unit
from calculators.model import Case
from calculators.numbers import decimal_to_json
from calculators.qualification import RULES, Qualification
from calculators.simulation import Percentiles
from calculators.templates import shown_title

RATIO_PLACES = Decimal("0.000001")
MONTH_PLACES = Decimal("0.01")
TOP_SENSITIVITIES = 5
NAME_WIDTH = 60
# The summary JSON's "driver_index" of a sensitivity row for the solution's own inputs (the
# documented file format; in code the row says which input with an InputRef).
JSON_SOLUTION_INDEX = -1


def _months(value: Decimal) -> str:
    with localcontext(DISPLAY_CONTEXT):
        return decimal_to_json(value.quantize(MONTH_PLACES))


def _ratio(value: Decimal | None) -> str | None:
    if value is None:
        return None
    with localcontext(DISPLAY_CONTEXT):
        return decimal_to_json(value.quantize(RATIO_PLACES))


def summary_data(
    results: Results, analysis: Analysis | None = None, *, include_analysis: bool = True
) -> dict[str, Any]:
    """The documented JSON contract (README, "coi summary --json").

    ``analysis`` is computed from the case when not given (tens of ms, most of it the
    simulation and sensitivity); ``include_analysis=False`` leaves its four keys out.
    """
    projection = results.projection
    case = results.case
    currency = case.currency

    def money(value: Decimal) -> str:
        return money_string(value, currency)

    horizon = projection.horizon
    data: dict[str, Any] = {
        "currency": currency,
        "scenario": projection.scenario,
        "cost_per_day": money(projection.cost_per_day),
        "cost_per_week": money(projection.cost_per_week),
        "cost_per_month": money(projection.cost_per_month),
        "cost_per_year": money(projection.cost_per_year),
        "cost_to_deadline": money(projection.cost_to_deadline),
        "cost_over_horizon": money(projection.cost_over_horizon),
        "monthly": [money(v) for v in projection.monthly[:horizon]],
        "drivers": [
            {
                "name": d.name,
                "type": d.type,
                "cost_to_deadline": money(d.cost_to(case.deadline)),
                "cost_over_horizon": money(projection.driver_cost_over_horizon(d)),
                "monthly": [money(v) for v in d.monthly[:horizon]],
            }
            for d in projection.drivers
        ],
        "one_time": [
            {"driver": o.driver, "date": o.date.isoformat(), "amount": money(o.amount)}
            for o in projection.one_time
        ],
        "avoidable": {
            "cost_to_deadline": money(projection.avoidable_to_deadline),
            "cost_over_horizon": money(projection.avoidable_over_horizon),
            "cost_per_month": money(projection.avoidable_per_month),
        },
        "by_class": {
            name: {
                "cost_to_deadline": money(figures.cost_to_deadline),
                "cost_over_horizon": money(figures.cost_over_horizon),
                "avoidable_over_horizon": money(figures.avoidable_over_horizon),
            }
            for name, figures in projection.by_class().items()
        },
        "solution": None if results.solution is None else solution_data(results.solution, money),
    }
    if include_analysis:
        if analysis is None:
            analysis = analyse(case, _expected(results))
        data.update(analysis_data(analysis, currency))
    return data


def _payback(value: Decimal | None) -> str | None:
    return None if value is None else _months(value)


def solution_data(solution: SolutionResult, money: Callable[[Decimal], str]) -> dict[str, Any]:
    """The ``solution`` key: the figures of deciding as planned (README, JSON contract)."""
    start = solution.decide_at_start
    cash = solution.cash_only
    even = solution.break_even
    return {
        "npv": money(solution.npv),
        "irr": _ratio(solution.irr),
        "roi": _ratio(solution.roi),
        "payback_months": _payback(solution.payback_months),
        "net_over_horizon": money(solution.net_over_horizon),
        "decision_offset_months": solution.decision_offset_months,
        "delay": [
            {
                "months": row.months,
                "decide_on": row.decide_on.isoformat(),
                "npv": money(row.npv),
                "cost_of_delay": money(row.cost_of_delay),
            }
            for row in solution.delay
        ],
        "decide_at_start": None
        if start is None
        else {"npv": money(start.npv), "gain": money(start.gain)},
        "cash_only": None
        if cash is None
        else {"npv": money(cash.npv), "payback_months": _payback(cash.payback_months)},
        "years": [
            {
                "year": row.year,
                "investment": money(row.investment),
                "internal_cost": money(row.internal_cost),
                "benefits": money(row.benefits),
                "recurring_cost": money(row.recurring_cost),
                "net": money(row.net),
                "cumulative": money(row.cumulative),
                "discounted": money(row.discounted),
            }
            for row in solution.years
        ],
        "break_even": None
        if even is None
        else {"benefit_share": _ratio(even.benefit_share), "investment": money(even.investment)},
    }


def _expected(results: Results) -> Results:
    return results if results.projection.scenario == "expected" else summarise(results.case)


def analysis_data(analysis: Analysis, currency: str) -> dict[str, Any]:
    """The ``scenarios``, ``sensitivity``, ``simulation`` and ``qualification`` keys."""

    def money(value: Decimal | None) -> str | None:
        return None if value is None else money_string(value, currency)

    def spread(p: Percentiles | None) -> dict[str, str | None] | None:
        if p is None:
            return None
        return {
            "mean": money(p.mean),
            "p10": money(p.p10),
            "p50": money(p.p50),
            "p90": money(p.p90),
            "most_likely_percentile": decimal_to_json(p.most_likely_percentile),
        }

    sim = analysis.simulation
    return {
        "scenarios": {
            name: {
                "cost_to_deadline": money(figures.cost_to_deadline),
                "cost_over_horizon": money(figures.cost_over_horizon),
                "npv": money(figures.npv),
            }
            for name, figures in analysis.scenarios.items()
        },
        "sensitivity": [
            {
                "driver": row.driver,
                "driver_index": _json_index(row.ref),
                "input": row.input,
                "label": row.label,
                "low_value": decimal_to_json(row.low_value),
                "high_value": decimal_to_json(row.high_value),
                "swing": money(row.swing),
                "cost_to_deadline": {
                    "low": money(row.deadline_low),
                    "high": money(row.deadline_high),
                },
                "cost_over_horizon": {
                    "low": money(row.horizon_low),
                    "high": money(row.horizon_high),
                },
                "npv": None
                if row.npv_low is None
                else {"low": money(row.npv_low), "high": money(row.npv_high)},
            }
            for row in analysis.sensitivity
        ],
        "simulation": {
            "samples": sim.samples,
            "seed": sim.seed,
            "correlation": decimal_to_json(sim.correlation),
            "cost_to_deadline": spread(sim.cost_to_deadline),
            "cost_over_horizon": spread(sim.cost_over_horizon),
            "npv": spread(sim.npv),
        },
        "qualification": qualification_data(analysis.qualification),
    }


def _element_passed(qualification: Qualification, name: str) -> bool:
    reason = qualification.reason(name)  # none: the team asks nothing of the element
    return True if reason is None else reason.passed


def qualification_data(qualification: Qualification) -> dict[str, Any]:
    """The ``qualification`` key: the verdict, the four rules' reasons, the elements of the
    deal (score 0 unknown, 1 claimed, 2 confirmed; ``passed``: the team's minimum reached)
    and the one or two next steps that would most strengthen the verdict."""
    rule_reasons = [r for r in qualification.reasons if r.rule in RULES]
    return {
        "verdict": qualification.verdict,
        "reasons": [
            {"rule": r.rule, "passed": r.passed, "message": r.message} for r in rule_reasons
        ],
        "elements": [
            {
                "element": element.name,
                "score": element.score,
                "passed": _element_passed(qualification, element.name),
            }
            for element in qualification.elements
        ],
        "next_steps": list(qualification.next_steps),
    }


def _heading(results: Results, fmt: Formatter) -> list[str]:
    """The title, the case's facts and (when not expected) the scenario."""
    case = results.case
    lines = [shown_title(case.title) or case.buyer.company, ""]
    lines.append(
        ngettext(
            "Buyer: {buyer} · start {start} · decision date {deadline} · horizon {months} month",
            "Buyer: {buyer} · start {start} · decision date {deadline} · horizon {months} months",
            case.horizon_months,
        ).format(
            buyer=case.buyer.company,
            start=fmt.date(case.start_date, "medium"),
            deadline=fmt.date(case.deadline, "medium"),
            months=case.horizon_months,
        )
    )
    if results.projection.scenario != "expected":
        lines.append(_scenario_line(results.projection.scenario))
    return lines


def class_label(name: SavingsClass) -> str:
    """A savings class as the reader sees it."""
    return {
        "cash": _("Cash (spend that stops)"),
        "capacity": _("Capacity (time freed)"),
        "revenue": _("Revenue (revenue kept)"),
        "risk": _("Risk (expected loss)"),
    }[name]


def _cost_text(results: Results, fmt: Formatter) -> list[str]:
    """The cost of inaction: totals, recurring run rates, one-time amounts and the drivers."""
    projection = results.projection
    case = results.case
    over = ngettext(
        "Cost of inaction over {months} month",
        "Cost of inaction over {months} months",
        case.horizon_months,
    ).format(months=case.horizon_months)
    rows = [
        (_("Cost of inaction until the decision date"), fmt.money(projection.cost_to_deadline)),
        (over, fmt.money(projection.cost_over_horizon)),
        (_("Per month (recurring)"), fmt.money(projection.cost_per_month)),
        (_("Per week (recurring)"), fmt.money(projection.cost_per_week)),
        (_("Per day (recurring)"), fmt.money(projection.cost_per_day)),
        (_("Avoidable until the decision date"), fmt.money(projection.avoidable_to_deadline)),
        (
            ngettext(
                "Avoidable over {months} month",
                "Avoidable over {months} months",
                case.horizon_months,
            ).format(months=case.horizon_months),
            fmt.money(projection.avoidable_over_horizon),
        ),
        (_("Avoidable per month (recurring)"), fmt.money(projection.avoidable_per_month)),
    ]
    lines = _table(rows)
    if not projection.drivers:
        return [*lines, "", _("No enabled drivers: add one to see the cost of inaction.")]
    if projection.one_time:
        lines += ["", _("One-time amounts (not in the run rates)")]
        lines += _table(
            [
                (clip(o.driver, 40), fmt.date(o.date, "medium"), fmt.money(o.amount))
                for o in projection.one_time
            ]
        )
    lines += ["", _("By driver")]
    header = (_("Driver"), _("To deadline"), _("Per month"), _("Over horizon"))
    body = [
        (
            clip(d.name, 40),
            fmt.money(d.cost_to(case.deadline)),
            fmt.money(projection.driver_cost_per_month(d)),
            fmt.money(projection.driver_cost_over_horizon(d)),
        )
        for d in projection.drivers
    ]
    lines += _table([header, *body])
    lines += ["", _("By savings class")]
    header = (_("Class"), _("To deadline"), _("Over horizon"), _("Avoidable"))
    classes = [
        (
            class_label(name),
            fmt.money(figures.cost_to_deadline),
            fmt.money(figures.cost_over_horizon),
            fmt.money(figures.avoidable_over_horizon),
        )
        for name, figures in projection.by_class().items()
    ]
    return lines + _table([header, *classes])


def _payback_text(fmt: Formatter, months: Decimal | None) -> str:
    if months is None:
        return _("not within the horizon")
    return _("{months} months").format(months=fmt.decimal(months, 1))


def _solution_text(results: Results, fmt: Formatter) -> list[str]:
    """The solution's figures as planned and the decision timing (nothing without one)."""
    solution = results.solution
    case = results.case
    if solution is None or case.solution is None:
        return []
    deadline = fmt.date(case.deadline, "medium")
    lines = [
        "",
        _("Solution: {name}").format(name=case.solution.name or _("(unnamed)")),
        _("Deciding as planned, on {deadline}:").format(deadline=deadline),
    ]
    rows = [
        (_("Net present value, all benefits"), fmt.money(solution.npv)),
        (
            _("Internal rate of return"),
            "—" if solution.irr is None else fmt.percent(solution.irr),
        ),
        (_("Return on investment"), "—" if solution.roi is None else fmt.percent(solution.roi)),
        (
            _("Payback from the decision, all benefits"),
            _payback_text(fmt, solution.payback_months),
        ),
    ]
    if solution.cash_only is not None:
        rows += [
            (_("Net present value, cash benefits only"), fmt.money(solution.cash_only.npv)),
            (
                _("Payback, cash benefits only"),
                _payback_text(fmt, solution.cash_only.payback_months),
            ),
        ]
    rows.append((_("Each month later costs"), fmt.money(solution.cost_of_delay_per_month)))
    lines += _table(rows)
    return (
        lines + _plan_notes(results, fmt) + _timing_text(solution, fmt) + _years_text(solution, fmt)
    )


def _plan_notes(results: Results, fmt: Formatter) -> list[str]:
    """Deciding at the start instead, and the break-even."""
    solution = results.solution
    assert solution is not None
    lines: list[str] = []
    start = solution.decide_at_start
    if start is not None:
        lines.append(
            "  "
            + _(
                "Deciding at the start date ({date}) instead: net present value {npv} ({gain})."
            ).format(
                date=fmt.date(results.case.start_date, "medium"),
                npv=fmt.money(start.npv),
                gain=("+" if start.gain > 0 else "") + fmt.money(start.gain),
            )
        )
    even = solution.break_even
    if even is not None and even.benefit_share is not None:
        lines.append(
            "  "
            + _(
                "Pays off as long as the solution delivers at least {share} of the modelled "
                "benefits, or costs at most {investment} up front."
            ).format(share=fmt.percent(even.benefit_share), investment=fmt.money(even.investment))
        )
    return lines


def _timing_text(solution: SolutionResult, fmt: Formatter) -> list[str]:
    lines = ["", _("Decision timing")]
    timing_header = (_("Decide"), _("NPV"), _("Cost of delay"))
    timing = [
        (
            _("as planned, on {date}").format(date=fmt.date(row.decide_on, "medium"))
            if row.months == 0
            else ngettext(
                "{n} month later, on {date}", "{n} months later, on {date}", row.months
            ).format(n=row.months, date=fmt.date(row.decide_on, "medium")),
            fmt.money(row.npv),
            fmt.money(row.cost_of_delay),
        )
        for row in solution.delay
    ]
    return lines + _table([timing_header, *timing])


def _years_text(solution: SolutionResult, fmt: Formatter) -> list[str]:
    lines = ["", _("Cash flows by year (deciding as planned)")]
    header = (
        _("Year"),
        _("Investment"),
        _("Internal"),
        _("Benefits"),
        _("Recurring"),
        _("Net"),
        _("Cumulative"),
        _("Discounted"),
    )
    body = [
        (
            str(row.year),
            fmt.money(row.investment),
            fmt.money(row.internal_cost),
            fmt.money(row.benefits),
            fmt.money(row.recurring_cost),
            fmt.money(row.net),
            fmt.money(row.cumulative),
            fmt.money(row.discounted),
        )
        for row in solution.years
    ]
    zero = Decimal(0)
    years = solution.years
    total = (
        _("Total"),
        *(
            fmt.money(sum((getattr(row, name) for row in years), zero))
            for name in ("investment", "internal_cost", "benefits", "recurring_cost", "net")
        ),
        "",
        fmt.money(sum((row.discounted for row in years), zero)),
    )
    return lines + _table([header, *body, total])


def summary_text(
    results: Results, analysis: Analysis | None = None, *, include_analysis: bool = True
) -> str:
    """A readable summary in the case's locale and currency (analysis as in summary_data)."""
    case = results.case
    fmt = Formatter(case.locale, case.currency)
    lines = _heading(results, fmt)
    lines.append("")
    lines += _cost_text(results, fmt)
    lines += _solution_text(results, fmt)
    if include_analysis:
        if analysis is None:
            analysis = analyse(case, _expected(results))
        lines += _analysis_text(case, analysis, fmt)
    return "\n".join(lines) + "\n"


def _scenario_line(name: Scenario) -> str:
    return {
        "conservative": _("Scenario: conservative"),
        "expected": _("Scenario: most likely"),
        "optimistic": _("Scenario: optimistic"),
    }[name]


def _scenario_label(name: Scenario) -> str:
    return {
        "conservative": _("Conservative"),
        "expected": _("Most likely"),
        "optimistic": _("Optimistic"),
    }[name]


def _json_index(ref: InputRef) -> int:
    return JSON_SOLUTION_INDEX if ref.owner is SOLUTION else ref.owner


def _spec(case: Case, row: Swing) -> InputSpec:
    return input_spec(case, row.ref)


def _input_value(fmt: Formatter, unit: Unit, value: Decimal) -> str:
    if unit in (Unit.MONEY, Unit.MONEY_PER_HOUR):
        return fmt.money(value)
    if unit is Unit.RATE:
        return fmt.percent(value, 2)
    return fmt.decimal(value)


def _ranges_text(case: Case, analysis: Analysis, fmt: Formatter) -> list[str]:
    """The three scenarios and the simulation's percentiles."""
    horizon = ngettext("Over {n} month", "Over {n} months", case.horizon_months).format(
        n=case.horizon_months
    )
    lines = ["", _("Scenarios (every range at its adverse end / most likely / favourable end)")]
    header = [_("Scenario"), _("To deadline"), horizon]
    if case.solution is not None:
        header.append(_("NPV"))
    rows = [header]
    for scenario in SCENARIOS:
        figures = analysis.scenarios[scenario]
        cells = [
            _scenario_label(scenario),
            fmt.money(figures.cost_to_deadline),
            fmt.money(figures.cost_over_horizon),
        ]
        if figures.npv is not None:
            cells.append(fmt.money(figures.npv))
        rows.append(cells)
    lines += _table(rows)

    sim = analysis.simulation
    lines += [
        "",
        ngettext(
            "Simulation ({samples} sample, seed {seed}, correlation {rho})",
            "Simulation ({samples} samples, seed {seed}, correlation {rho})",
            sim.samples,
        ).format(
            samples=fmt.decimal(Decimal(sim.samples), 0),
            seed=sim.seed,
            rho=fmt.decimal(sim.correlation, 2),
        ),
    ]
    if not sim.ranged_inputs:
        lines.append("  " + _("No input has a range: every sample is the most likely case."))
    measures = [
        (_("To deadline"), sim.cost_to_deadline),
        (horizon, sim.cost_over_horizon),
    ]
    if sim.npv is not None:
        measures.append((_("NPV"), sim.npv))
    rows = [[_("Measure"), _("P10–P90"), _("Median (P50)"), _("Mean"), _("Most likely at")]]
    for label, p in measures:
        rows.append(
            [
                label,
                _("{low} – {high}").format(low=fmt.money(p.p10), high=fmt.money(p.p90)),
                fmt.money(p.p50),
                fmt.money(p.mean),
                # Translators: the percentile at which the most likely figure lies ("P38").
                _("P{percentile}").format(percentile=fmt.decimal(p.most_likely_percentile, 0)),
            ]
        )
    return lines + _table(rows)


def _sensitivity_text(case: Case, analysis: Analysis, fmt: Formatter) -> list[str]:
    """The inputs that matter most."""
    if not analysis.sensitivity:
        return ["", _("No input has a range yet: give key inputs low and high values.")]
    shown = analysis.sensitivity[:TOP_SENSITIVITIES]
    lines = [
        "",
        ngettext(
            "What matters most (top {shown} of {count} ranged input)",
            "What matters most (top {shown} of {count} ranged inputs)",
            len(analysis.sensitivity),
        ).format(shown=len(shown), count=len(analysis.sensitivity)),
    ]
    rows = [[_("Input"), _("Range"), _("Swing to deadline"), _("Swing over horizon")]]
    for swing in shown:
        spec = _spec(case, swing)
        label = _(swing.label)
        driver = swing.driver
        room = max(12, NAME_WIDTH - display_width(label) - 3)
        driver = clip(driver, room)
        rows.append(
            [
                # Translators: an input's label and the name of its cost driver.
                _("{input} ({driver})").format(input=label, driver=driver),
                _("{low} – {high}").format(
                    low=_input_value(fmt, spec.unit, swing.low_value),
                    high=_input_value(fmt, spec.unit, swing.high_value),
                ),
                fmt.money(swing.swing),
                fmt.money(swing.horizon_swing),
            ]
        )
    return lines + _table(rows)


def _qualification_text(analysis: Analysis) -> list[str]:
    """The verdict and its reasons (for the rep only)."""
    qualification = analysis.qualification
    verdicts = {
        "strong": _("strong"),
        "weak": _("weak"),
        "no compelling need": _("no compelling need"),
    }
    lines = [
        "",
        _("Qualification (for the rep only, never in the buyer's report): {verdict}").format(
            verdict=verdicts[qualification.verdict]
        ),
    ]
    for reason in qualification.reasons:
        mark = "✓" if reason.passed else "✗"
        lines.append(f"  {mark} {reason.message}")
    for step in qualification.next_steps:
        lines.append("  → " + _("Next: {step}").format(step=step))
    return lines


def _analysis_text(case: Case, analysis: Analysis, fmt: Formatter) -> list[str]:
    return (
        _ranges_text(case, analysis, fmt)
        + _sensitivity_text(case, analysis, fmt)
        + _qualification_text(analysis)
    )


def _columns(ch: str) -> int:
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):  # combining and invisible
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters 2, combining marks 0."""
    if text.isascii():
        return len(text)
    return sum(_columns(ch) for ch in text)


def clip(text: str, width: int) -> str:
    """``text`` cut with "…" so that it takes at most ``width`` columns."""
    used = 0
    for index, ch in enumerate(text):
        used += _columns(ch)
        if used > width:
            kept = text[:index]
            while kept and display_width(kept) > width - 1:
                kept = kept[:-1]
            return kept + "…"
    return text


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as aligned text columns: the first left-aligned, the others right-aligned.

    Columns are measured in display width, so Japanese or Chinese labels line up too.
    """
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [row[0] + " " * (widths[0] - display_width(row[0]))] + [
            " " * (w - display_width(c)) + c for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        out.append("  " + "   ".join(cells).rstrip())
    return out
