"""Cost of inaction by driver: the table and how each figure is calculated."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.platypus import Flowable, KeepTogether

from calculators.engine import DriverProjection
from calculators.i18n import _, ngettext
from calculators.model import DriverBase
from calculators.report.blocks import cell, h1, h2, head, num, section_end, table
from calculators.report.context import NAME_LIMIT, Context
from calculators.report.markup import Markup, bold, coloured, esc, fill, join, line_break
from calculators.report.rl import Para
from calculators.report.sections.status_quo import avoidable_table, classes_table, one_time_list
from calculators.report.theme import MUTED


def _table(ctx: Context) -> Flowable:
    case = ctx.case
    projection = ctx.projection
    fmt = ctx.fmt
    months = case.horizon_months
    rows: list[list[Any]] = [
        [
            head(ctx, "#"),
            head(ctx, _("Driver")),
            head(ctx, _("Until the decision date"), True),
            head(ctx, _("Per month"), True),
            head(ctx, ngettext("Over {n} month", "Over {n} months", months).format(n=months), True),
            head(ctx, _("Share"), True),
        ]
    ]
    total = projection.cost_to_deadline
    for number, d in enumerate(projection.drivers, start=1):
        cost = d.cost_to(case.deadline)
        share = cost / total if total else Decimal(0)
        rows.append(
            [
                cell(ctx, str(number)),
                cell(ctx, d.name, NAME_LIMIT),
                num(ctx, ctx.exact_money(cost)),
                num(ctx, ctx.exact_money(projection.driver_cost_per_month(d))),
                num(ctx, ctx.exact_money(projection.driver_cost_over_horizon(d))),
                num(ctx, fmt.percent(share)),
            ]
        )
    rows.append(
        [
            cell(ctx, ""),
            Para(esc(_("Total")), ctx.styles.cell_bold),
            num(ctx, ctx.exact_money(total), True),
            num(ctx, ctx.exact_money(projection.cost_per_month), True),
            num(ctx, ctx.exact_money(projection.cost_over_horizon), True),
            num(ctx, fmt.percent(Decimal(1)) if total else "—", True),
        ]
    )
    return table(ctx, rows, [0.045, 0.355, 0.17, 0.15, 0.18, 0.1], total_row=True)


def _active(ctx: Context, model: DriverBase) -> str | None:
    """When a driver with dates is counted (None: over the whole horizon)."""
    if model.start_date and model.end_date:
        return _("Counted from {start} until {end}.").format(
            start=ctx.day(model.start_date), end=ctx.day(model.end_date)
        )
    if model.start_date:
        return _("Counted from {start}.").format(start=ctx.day(model.start_date))
    if model.end_date:
        return _("Counted until {end}.").format(end=ctx.day(model.end_date))
    return None


def _explained(ctx: Context, number: int, d: DriverProjection, model: DriverBase) -> list[Flowable]:
    """One driver: its name and type, its formula with the case's numbers, its figures
    (to be kept together on a page)."""
    s = ctx.styles
    title = join(
        [
            esc(f"{number}. "),
            esc(d.name, NAME_LIMIT),
            coloured(esc(f"  ·  {_(model.kind.label)}"), MUTED),
        ]
    )
    explain = model.kind.explain(d.values, ctx.fmt)
    lines = [fill(_("Per month: {formula}."), formula=esc(explain))]
    if model.kind.valued_at_revenue(d.values):
        lines.append(esc(_("Valued at revenue: no gross margin given.")))
    facts = [
        fill(
            _("Until the decision date: {amount}"),
            amount=bold(esc(ctx.money(d.cost_to(ctx.case.deadline)))),
        ),
        fill(
            _("first-year average per month: {amount}"),
            amount=esc(ctx.money(ctx.projection.driver_cost_per_month(d))),
        ),
    ]
    if ctx.case.solution is not None:
        facts.append(
            fill(
                _("share the solution addresses: {share}"),
                share=esc(ctx.fmt.percent(d.addressable)),
            )
        )
    lines.append(join(facts, " · "))
    active = _active(ctx, model)
    if active is not None:
        lines.append(esc(active))
    return [Para(title, s.h3), Para(Markup(line_break().join(lines)), s.body)]


def drivers(ctx: Context) -> list[Flowable]:
    case = ctx.case
    story: list[Flowable] = h1(ctx, _("Cost of inaction by driver"))
    story.append(
        Para(
            esc(
                ngettext(
                    "Each driver is a cost the status quo causes. The table shows what it "
                    "costs until the decision date, per month (the recurring average of the "
                    "first twelve months, one-time amounts left out) and over the "
                    "{months}-month horizon.",
                    "Each driver is a cost the status quo causes. The table shows what it "
                    "costs until the decision date, per month (the recurring average of the "
                    "first twelve months, one-time amounts left out) and over the "
                    "{months}-month horizon.",
                    case.horizon_months,
                ).format(months=case.horizon_months)
            ),
            ctx.styles.lead,
        )
    )
    story.append(_table(ctx))
    story += one_time_list(ctx)
    story += avoidable_table(ctx)
    story += classes_table(ctx)
    heading = h2(ctx, _("How each figure is calculated"))
    models = [d for d in case.drivers if d.enabled]
    explained = [
        _explained(ctx, number, d, model)
        for number, (d, model) in enumerate(zip(ctx.projection.drivers, models, strict=True), 1)
    ]
    # The heading never stays alone at the foot of a page: it goes with the first driver
    # (one KeepTogether: a nested one would count as taller than any page).
    story.append(KeepTogether([heading, *(explained[0] if explained else [])]))
    story += [KeepTogether(parts) for parts in explained[1:]]
    story += section_end(ctx)
    return story
