"""The executive summary: one page with the headline, run rates, drivers, return and range."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer

from calculators.finance import SolutionResult
from calculators.i18n import _, ngettext
from calculators.report import charts
from calculators.report.blocks import Tile, cell, h1, h2, head, height, num, table, tiles
from calculators.report.chart_specs import cumulative
from calculators.report.context import NAME_LIMIT, Context
from calculators.report.labels import months_label, scenario_label
from calculators.report.markup import Markup, bold, coloured, esc, fill, join, sentences, shorten
from calculators.report.rl import Para


def _headline(ctx: Context) -> Markup:
    sim = ctx.analysis.simulation
    amount = bold(coloured(esc(ctx.money(ctx.projection.cost_to_deadline)), ctx.theme.brand_text))
    deadline = ctx.day(ctx.case.deadline)
    if sim.ranged_inputs and ctx.scenario == "expected":
        return fill(
            _(
                "Doing nothing until {deadline} most likely costs {buyer} {amount} "
                "(range {low}–{high}, mean {mean})."
            ),
            deadline=deadline,
            buyer=ctx.buyer(),
            amount=amount,
            low=ctx.money(sim.cost_to_deadline.p10),
            high=ctx.money(sim.cost_to_deadline.p90),
            mean=ctx.money(sim.cost_to_deadline.mean),
        )
    return fill(
        _("Doing nothing until {deadline} costs {buyer} an estimated {amount}."),
        deadline=deadline,
        buyer=ctx.buyer(),
        amount=amount,
    )


def _lead(ctx: Context) -> Markup:
    case = ctx.case
    sim = ctx.analysis.simulation
    lead = [
        fill(
            ngettext(
                "That is what the status quo costs from {start} until the decision date. "
                "Over the {months}-month horizon it adds up to {total}.",
                "That is what the status quo costs from {start} until the decision date. "
                "Over the {months}-month horizon it adds up to {total}.",
                case.horizon_months,
            ),
            start=ctx.day(case.start_date),
            months=str(case.horizon_months),
            total=bold(esc(ctx.money(ctx.projection.cost_over_horizon))),
        )
    ]
    if ctx.case.solution is not None:
        lead.append(_avoidable(ctx))
    if sim.ranged_inputs and ctx.scenario == "expected":
        lead.append(
            fill(
                ngettext(
                    "The range is the 10th to 90th percentile of {samples} simulated "
                    "combination of the input ranges.",
                    "The range is the 10th to 90th percentile of {samples} simulated "
                    "combinations of the input ranges.",
                    sim.samples,
                ),
                samples=ctx.fmt.decimal(Decimal(sim.samples), 0),
            )
        )
    elif ctx.scenario != "expected":
        lead.append(
            fill(
                _("All figures use the {scenario} scenario."),
                scenario=scenario_label(ctx.scenario),
            )
        )
    return sentences(lead)


def _avoidable(ctx: Context) -> Markup:
    p = ctx.projection
    return fill(
        _(
            "The solution can avoid {deadline} of the cost until the decision date, "
            "{horizon} over the horizon and {month} of the recurring cost per month."
        ),
        deadline=bold(esc(ctx.money(p.avoidable_to_deadline))),
        horizon=esc(ctx.money(p.avoidable_over_horizon)),
        month=esc(ctx.money(p.avoidable_per_month)),
    )


def _one_time(ctx: Context) -> list[Flowable]:
    """The one-time amounts the run-rate tiles leave out, listed (at most three here)."""
    found = ctx.projection.one_time
    if not found:
        return []
    shown = [
        fill(
            _("{amount} on {date} ({driver})"),
            date=esc(ctx.day(o.date)),
            driver=esc(o.driver, 60),
            amount=esc(ctx.money(o.amount)),
        )
        for o in found[:3]
    ]
    text = fill(
        _("Left out of these run rates, one-time amounts: {items}."),
        items=join(shown, "; "),
    )
    if len(found) > 3:
        more = fill(
            ngettext(
                "and {n} more (listed under Cost of inaction by driver)",
                "and {n} more (listed under Cost of inaction by driver)",
                len(found) - 3,
            ),
            n=str(len(found) - 3),
        )
        text = fill(
            _("Left out of these run rates, one-time amounts: {items}; {more}."),
            items=join(shown, "; "),
            more=more,
        )
    return [Spacer(1, 2), Para(text, ctx.styles.small)]


def _top_drivers(ctx: Context) -> Flowable:
    deadline = ctx.case.deadline
    total = ctx.projection.cost_to_deadline
    rows: list[list[Any]] = [
        [
            head(ctx, _("Driver")),
            head(ctx, _("Until the decision date"), True),
            head(ctx, _("Share"), True),
            head(ctx, ""),
        ]
    ]
    ranked = ctx.ranked_drivers()[:3]
    if not ranked:
        return Para(esc(_("No drivers are enabled in this case.")), ctx.styles.body)
    for d in ranked:
        cost = d.cost_to(deadline)
        share = cost / total if total else Decimal(0)
        rows.append(
            [
                cell(ctx, d.name, NAME_LIMIT),
                num(ctx, ctx.exact_money(cost), True),
                num(ctx, ctx.fmt.percent(share)),
                charts.share_bar(float(share), ctx.theme, 0.16 * ctx.width - 8),
            ]
        )
    return table(ctx, rows, [0.5, 0.2, 0.14, 0.16])


def _delay_sentence(ctx: Context, result: SolutionResult) -> Markup:
    one, twelve = result.cost_of_delay_per_month, result.delay[-1].cost_of_delay
    deadline = ctx.day(ctx.case.deadline)
    if one >= 0 and twelve >= 0:
        return fill(
            _(
                "The figures are those of deciding as planned on {deadline}: each month "
                "later costs {delay} of net present value, twelve months later {year}."
            ),
            deadline=deadline,
            delay=bold(esc(ctx.money(one))),
            year=bold(esc(ctx.money(twelve))),
        )

    # Honest about the rare case where waiting helps (e.g. a solution that costs more than
    # it saves at first): never a "loss" of a negative amount.
    def change(cost_of_delay: Decimal) -> Markup:
        npv_change = -cost_of_delay
        sign = "+" if npv_change > 0 else ""
        return bold(esc(sign + ctx.money(npv_change)))

    return fill(
        _(
            "The figures are those of deciding as planned on {deadline}; with these "
            "figures, deciding later changes the net present value by {delay} after one "
            "month and by {year} after twelve months."
        ),
        deadline=deadline,
        delay=change(one),
        year=change(twelve),
    )


def _money_tile(ctx: Context, value: Decimal, label: str, tone: str = "") -> Tile:
    """A money tile with its compact form for a tile too narrow for the whole amount."""
    return Tile(ctx.money(value), label, charts.compact_money(ctx.fmt, value), tone)


def _solution(ctx: Context) -> list[Flowable]:
    result = ctx.results.solution
    solution = ctx.case.solution
    if result is None or solution is None:
        return []
    name = solution.name or _("The proposed solution")
    payback = (
        _("not within the horizon")
        if result.payback_months is None
        else months_label(ctx.fmt, result.payback_months)
    )

    def gain_or_loss(value: Decimal | None) -> str:
        return "" if value is None or not value else "gain" if value > 0 else "loss"

    figures = [
        Tile(payback, _("payback, all benefits")),
        Tile(
            "—" if result.roi is None else ctx.percent(result.roi),
            _("return on investment"),
            tone=gain_or_loss(result.roi),
        ),
        _money_tile(
            ctx, result.npv, _("net present value, all benefits"), gain_or_loss(result.npv)
        ),
        _money_tile(
            ctx,
            abs(result.cost_of_delay_per_month),
            _("cost of each month of delay")
            if result.cost_of_delay_per_month >= 0
            else _("gain from each month of waiting"),
        ),
    ]
    return [
        h2(ctx, _("With the solution: {name}").format(name=shorten(name, NAME_LIMIT))),
        tiles(ctx, figures),
        Spacer(1, 6),
        Para(
            sentences([_delay_sentence(ctx, result), *_cash_and_break_even(ctx, result)]),
            ctx.styles.body,
        ),
    ]


def _cash_and_break_even(ctx: Context, result: SolutionResult) -> list[Markup]:
    out: list[Markup] = []
    cash = result.cash_only
    if cash is not None and "cash" not in ctx.projection.by_class():
        out.append(
            fill(
                _(
                    "None of the modelled benefits is cash (spend that stops): counting cash "
                    "benefits only, the net present value is {npv}."
                ),
                npv=bold(esc(ctx.money(cash.npv))),
            )
        )
    elif cash is not None:
        out.append(
            fill(
                _(
                    "Counting cash benefits only, the net present value is {npv} and the "
                    "payback {payback}."
                ),
                npv=bold(esc(ctx.money(cash.npv))),
                payback=esc(
                    _("not within the horizon")
                    if cash.payback_months is None
                    else months_label(ctx.fmt, cash.payback_months)
                ),
            )
        )
    even = result.break_even
    if even is not None and even.benefit_share is not None:
        out.append(
            fill(
                _(
                    "The solution pays off as long as it delivers at least {share} of the "
                    "modelled benefits."
                ),
                share=bold(esc(ctx.percent(even.benefit_share))),
            )
        )
    return out


def _how_sure(ctx: Context) -> list[Flowable]:
    figures = ctx.analysis.scenarios
    if ctx.has_range():
        sure = [
            fill(
                _(
                    "With every range at the end that weakens the case (conservative), "
                    "waiting until the decision date costs {low}; at the other end "
                    "(optimistic) {high}."
                ),
                low=ctx.money(figures["conservative"].cost_to_deadline),
                high=ctx.money(figures["optimistic"].cost_to_deadline),
            )
        ]
    else:
        sure = [
            esc(
                _(
                    "No input has a range yet, so the figure shows no spread: low and high "
                    "values for the uncertain inputs would show how sure it is."
                )
            )
        ]
    documented, total = ctx.evidence()
    if total:
        sure.append(
            fill(
                ngettext(
                    "{documented} of {total} input names its source (Appendix A).",
                    "{documented} of {total} inputs name their source (Appendix A).",
                    total,
                ),
                documented=str(documented),
                total=str(total),
            )
        )
    return [h2(ctx, _("How sure is this figure?")), Para(sentences(sure), ctx.styles.body)]


def summary(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    projection = ctx.projection
    content: list[Flowable] = h1(ctx, _("Executive summary"))
    content.append(Para(_headline(ctx), s.headline))
    content.append(Para(_lead(ctx), s.lead))
    content.append(Spacer(1, 4))
    content.append(
        tiles(
            ctx,
            [
                _money_tile(ctx, projection.cost_per_month, _("per month, recurring")),
                _money_tile(ctx, projection.cost_per_week, _("per week, recurring")),
                _money_tile(ctx, projection.cost_per_day, _("per day, recurring")),
                _money_tile(ctx, projection.cost_per_year, _("a year, recurring")),
            ],
        )
    )
    content += _one_time(ctx)
    chart_at = len(content)
    shown = min(3, len(ctx.projection.drivers))
    content.append(
        h2(
            ctx,
            ngettext("The largest driver", "The {n} largest drivers", shown).format(n=shown)
            if shown != 3
            else _("The three largest drivers"),
        )
    )
    content.append(_top_drivers(ctx))
    content += _solution(ctx)
    content += _how_sure(ctx)
    # The chart takes the room the rest leaves (A4 is taller than Letter).
    heading = h2(ctx, _("The cost of waiting, added up over time"))
    used = sum(height(ctx, f) for f in [*content, heading])
    room = ctx.frame_height - used - 6
    probe = cumulative(ctx, plot_height=100)
    extra = probe.height - 100
    plot = max(70.0, min(150.0, room - extra))
    content[chart_at:chart_at] = [heading, cumulative(ctx, plot_height=plot)]
    # One page whatever the content: shrink in the rare case it does not fit.
    return [KeepInFrame(ctx.width, ctx.frame_height, content, mode="shrink"), PageBreak()]
