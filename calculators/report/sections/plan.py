"""The plan, page two: worked back from the decision date and the lead time ("decide by
15 April to be live by 1 July"), the rep's milestones and an optional sign-off block."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from calculators.calendar import edate
from calculators.i18n import _
from calculators.model import Milestone, Signatory
from calculators.report.blocks import Tile, cell, h1, h2, head, num, table, tiles
from calculators.report.context import NAME_LIMIT, Context
from calculators.report.fonts import SANS
from calculators.report.labels import months_label
from calculators.report.markup import esc, fill, shorten
from calculators.report.rl import Para
from calculators.report.sections.cover import ask, go_live_date
from calculators.report.theme import INK, rl

OWNER_LIMIT = 120
Row = tuple[dt.date | None, str, str]  # (date, step, owner)


def _lead(ctx: Context) -> list[Flowable]:
    """The plan in two sentences: the ask, then how the dates follow from each other."""
    s = ctx.styles
    story: list[Flowable] = [Para(ask(ctx), s.lead)]
    solution = ctx.case.solution
    result = ctx.results.solution
    live = go_live_date(ctx)
    if solution is None or result is None or live is None:
        return story
    effect = edate(ctx.case.start_date, result.flows.decision_month)
    story.append(
        Para(
            fill(
                _(
                    "A decision on {deadline} takes effect on {effect}. With a lead time of "
                    "{lead} the solution is live by {live} and reaches its full benefit "
                    "after a ramp-up of {ramp}."
                ),
                deadline=ctx.day(ctx.case.deadline),
                effect=ctx.day(effect),
                lead=months_label(ctx.fmt, solution.lead_time_months),
                live=ctx.day(live),
                ramp=months_label(ctx.fmt, solution.ramp_months),
            ),
            s.body,
        )
    )
    return story


def _rows(ctx: Context, milestones: tuple[Milestone, ...]) -> list[Row]:
    """The plan's dated steps in date order: the decision, the rep's milestones, go-live and
    full benefit; undated milestones keep their order after the dated ones."""
    buyer = shorten(ctx.case.buyer.company, OWNER_LIMIT)  # named in full on the cover
    dated: list[Row] = [(ctx.case.deadline, _("Decision"), buyer)]
    live = go_live_date(ctx)
    solution = ctx.case.solution
    if live is not None and solution is not None:
        dated.append((live, _("Go-live"), ""))
        if solution.ramp_months > 0:
            full = edate(live, solution.ramp_months)
            dated.append((full, _("Full benefit"), ""))
    undated: list[Row] = []
    for milestone in milestones:
        row = (milestone.date, milestone.step, milestone.owner or "")
        (dated if milestone.date is not None else undated).append(row)
    dated.sort(key=lambda row: row[0] or dt.date.max)  # stable: generated steps first
    return dated + undated


def _timeline(ctx: Context, rows: list[Row]) -> Table:
    body: list[list[Paragraph]] = [
        [head(ctx, _("Date")), head(ctx, _("Step")), head(ctx, _("Owner"))]
    ]
    for day, step, owner in rows:
        body.append(
            [
                cell(ctx, ctx.day(day) if day is not None else "—"),
                cell(ctx, step),
                cell(ctx, owner, NAME_LIMIT),
            ]
        )
    return table(ctx, body, (0.22, 0.5, 0.28))


def _commits(ctx: Context) -> list[Flowable]:
    """What the decision commits the buyer to: the outlay, the recurring cost and the time."""
    result = ctx.results.solution
    solution = ctx.case.solution
    if result is None or solution is None:
        return []
    fmt = ctx.fmt
    items = [
        Tile(ctx.money(result.flows.outlay), _("one-time, at the decision")),
        Tile(
            ctx.money(result.recurring_cost + result.internal_recurring_cost),
            _("recurring per month from go-live"),
        ),
        Tile(months_label(fmt, solution.lead_time_months), _("lead time until go-live")),
        Tile(months_label(fmt, solution.ramp_months), _("ramp-up to the full benefit")),
    ]
    return [Spacer(1, 10), h2(ctx, _("What the decision commits")), tiles(ctx, items)]


def _slips(ctx: Context) -> list[Flowable]:
    """Deciding later, worked forward: each later decision date, its go-live and its cost."""
    result = ctx.results.solution
    if result is None:
        return []
    start = ctx.case.start_date
    body: list[list[Paragraph]] = [
        [
            head(ctx, _("Decide by")),
            head(ctx, _("Live by")),
            head(ctx, _("Cost of the delay"), number=True),
        ]
    ]
    for row in result.delay:
        body.append(
            [
                cell(ctx, ctx.day(row.decide_on)),
                cell(ctx, ctx.day(edate(start, result.flows.go_live + row.months))),
                num(ctx, "—" if not row.months else ctx.money(row.cost_of_delay)),
            ]
        )
    return [
        Spacer(1, 10),
        h2(ctx, _("If the decision slips")),
        table(ctx, body, (0.36, 0.36, 0.28)),
    ]


def _signature(ctx: Context, signatory: Signatory) -> list[Flowable]:
    s = ctx.styles
    lines = [esc(part, NAME_LIMIT) for part in (signatory.name, signatory.role) if part]
    return [
        Spacer(1, 30),
        HRFlowable(width="100%", thickness=0.6, color=rl(INK), spaceAfter=3),
        Para(esc(_("Signature and date")), s.small),
        *[Para(line, s.cell) for line in lines],
    ]


def _sign_off(ctx: Context, signatories: tuple[Signatory, ...]) -> list[Flowable]:
    """Two signature blocks a row, each a line to sign on over the name and role."""
    cells = [_signature(ctx, signatory) for signatory in signatories]
    if len(cells) % 2:
        cells.append([])
    grid = Table(
        [cells[i : i + 2] for i in range(0, len(cells), 2)],
        colWidths=[ctx.width * 0.5] * 2,
        hAlign="LEFT",
    )
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 18),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
            ]
        )
    )
    return [KeepTogether([h2(ctx, _("Sign-off")), grid])]


def plan(ctx: Context) -> list[Flowable]:
    """The plan page; nothing when there is neither a solution nor a plan in the case."""
    entered = ctx.case.plan
    milestones = entered.milestones if entered else ()
    signatories = tuple(s for s in (entered.sign_off if entered else ()) if s.name or s.role)
    if ctx.case.solution is None and not milestones and not signatories:
        return []
    story: list[Flowable] = h1(ctx, _("The plan"))
    story += _lead(ctx)
    story.append(Spacer(1, 6))
    story.append(_timeline(ctx, _rows(ctx, milestones)))
    story += _commits(ctx)
    story += _slips(ctx)
    if signatories:
        story.append(Spacer(1, 14))
        story += _sign_off(ctx, signatories)
    # The plan is page two on its own: the executive summary starts whole on page three.
    story.append(PageBreak())
    return story
