"""Investment and return: the solution's figures and what deciding later costs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.platypus import Flowable, Spacer

from calculators.finance import SolutionResult
from calculators.i18n import _, ngettext
from calculators.model import Solution
from calculators.report.blocks import cell, h1, h2, head, num, section_end, table
from calculators.report.context import NAME_LIMIT, Context
from calculators.report.labels import delay_label, months_label
from calculators.report.markup import bold, esc, fill, sentences
from calculators.report.rl import Para


def _payback(ctx: Context, months: Decimal | None) -> str:
    return _("not within the horizon") if months is None else months_label(ctx.fmt, months)


def _cash_only(ctx: Context, result: SolutionResult) -> list[tuple[str, str]]:
    """The NPV and payback counting the cash benefits only (none without them)."""
    cash = result.cash_only
    if cash is None:
        return []
    return [
        (_("Net present value, cash benefits only"), ctx.exact_money(cash.npv)),
        (_("Payback, cash benefits only"), _payback(ctx, cash.payback_months)),
    ]


def _figures(ctx: Context, result: SolutionResult, solution: Solution) -> Flowable:
    fmt = ctx.fmt
    money = ctx.exact_money
    payback = _payback(ctx, result.payback_months)
    npv_label = _("Net present value, all benefits (discounted at {rate} a year)").format(
        rate=fmt.percent(ctx.case.discount_rate)
    )
    payback_label = _("Payback, all benefits")
    pairs = [
        (_("One-time investment"), money(result.investment)),
        (_("Recurring cost per month"), money(result.recurring_cost)),
        (_("Buyer's internal one-time cost"), money(result.internal_cost)),
        (_("Buyer's internal recurring cost per month"), money(result.internal_recurring_cost)),
        (_("Lead time until go-live"), months_label(fmt, solution.lead_time_months)),
        (_("Ramp-up to the full benefit"), months_label(fmt, solution.ramp_months)),
        (_("Benefits over the horizon"), money(result.benefits_over_horizon)),
        (_("Costs over the horizon"), money(result.costs_over_horizon)),
        (_("Net benefit over the horizon"), money(result.net_over_horizon)),
        (npv_label, money(result.npv)),
        (_("Internal rate of return"), "—" if result.irr is None else fmt.percent(result.irr)),
        (_("Return on investment"), "—" if result.roi is None else fmt.percent(result.roi)),
        (payback_label, payback),
        *_cash_only(ctx, result),
        (_("Each month later than planned costs"), money(result.cost_of_delay_per_month)),
    ]
    rows: list[list[Any]] = [[head(ctx, _("Figure")), head(ctx, _("Value"), True)]]
    strong = {npv_label, payback_label}
    s = ctx.styles
    for label, value in pairs:
        rows.append(
            [
                Para(esc(label), s.cell_bold if label in strong else s.cell),
                num(ctx, value, label in strong),
            ]
        )
    return table(ctx, rows, [0.62, 0.38])


def _timing(ctx: Context, result: SolutionResult) -> Flowable:
    rows: list[list[Any]] = [
        [
            head(ctx, _("Decide")),
            head(ctx, _("On")),
            head(ctx, _("Net present value"), True),
            head(ctx, _("Lost against the plan"), True),
        ]
    ]
    for row in result.delay:
        rows.append(
            [
                cell(ctx, delay_label(row.months)),
                cell(ctx, ctx.fmt.date(row.decide_on)),
                num(ctx, ctx.exact_money(row.npv)),
                num(ctx, ctx.exact_money(row.cost_of_delay) if row.months else "—"),
            ]
        )
    return table(ctx, rows, [0.3, 0.22, 0.24, 0.24])


def _plan(ctx: Context, result: SolutionResult) -> list[Flowable]:
    """Deciding as planned, what each month later costs, deciding at the start instead."""
    delay = result.cost_of_delay_per_month
    template = (
        _(
            "The figures are those of deciding as planned, on {deadline}; each month "
            "later costs {delay} of net present value."
        )
        if delay >= 0
        else _(
            "The figures are those of deciding as planned, on {deadline}; with these "
            "figures, each month later adds {delay} to the net present value."
        )
    )
    parts = [
        fill(
            template,
            deadline=esc(ctx.day(ctx.case.deadline)),
            delay=bold(esc(ctx.money(abs(delay)))),
        )
    ]
    start = result.decide_at_start
    if start is not None:
        template = (
            _(
                "Deciding at the start date, {start}, instead would give a net present "
                "value of {npv}: {gain} more than deciding as planned."
            )
            if start.gain >= 0
            else _(
                "Deciding at the start date, {start}, instead would give a net present "
                "value of {npv}: {gain} less than deciding as planned."
            )
        )
        parts.append(
            fill(
                template,
                start=esc(ctx.day(ctx.case.start_date)),
                npv=esc(ctx.money(start.npv)),
                gain=bold(esc(ctx.money(abs(start.gain)))),
            )
        )
    return [Para(sentences(parts), ctx.styles.body)]


def investment(ctx: Context) -> list[Flowable]:
    result = ctx.results.solution
    solution = ctx.case.solution
    if result is None or solution is None:
        return []
    s = ctx.styles
    months = ctx.case.horizon_months
    story: list[Flowable] = h1(ctx, _("Investment and return"))
    lead = fill(
        ngettext(
            "What {solution} costs and what it returns over the {months}-month "
            "horizon, against the cost of inaction it removes.",
            "What {solution} costs and what it returns over the {months}-month "
            "horizon, against the cost of inaction it removes.",
            months,
        ),
        solution=esc(solution.name or _("the proposed solution"), NAME_LIMIT),
        months=str(months),
    )
    story.append(Para(lead, s.lead))
    story += _plan(ctx, result)
    story.append(_figures(ctx, result, solution))
    story.append(h2(ctx, _("Decision timing, relative to the plan")))
    story.append(_timing(ctx, result))
    story.append(Spacer(1, 6))
    note = _(
        "IRR is shown only when the monthly cash flows change sign once, so that "
        "it is unique. Payback counts months from the decision until the "
        "cumulative net benefit covers the investment."
    )
    story.append(Para(esc(note), s.small))
    story += section_end(ctx)
    return story
