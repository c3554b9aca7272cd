"""The cover, page one: the executive story. The seller's logo or name, the title, the buyer's
compelling event, what the status quo costs until the decision date and per month, the
avoidable part, what each month of delay costs, the recommendation and the ask; who and when."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    FrameBreak,
    KeepInFrame,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from calculators.calendar import edate
from calculators.i18n import _
from calculators.report.branding import load_logo
from calculators.report.context import COVER_FOOT, NAME_LIMIT, TITLE_LIMIT, Context
from calculators.report.fonts import SANS
from calculators.report.labels import scenario_label
from calculators.report.markup import (
    Markup,
    bold,
    coloured,
    email_link,
    esc,
    fill,
    line_break,
)
from calculators.report.rl import Outline, Para
from calculators.report.theme import RULE, rl

EVENT_LIMIT = 600  # characters of the compelling event on the cover
ASK_LIMIT = 400  # characters of the rep's ask on the cover (the plan page shows it in full)


def _callout(ctx: Context) -> Table:
    s = ctx.styles
    projection = ctx.projection
    deadline = ctx.day(ctx.case.deadline)
    callout = [
        Para(fill(_("What waiting until {deadline} costs"), deadline=deadline), s.tile_label),
        Para(bold(esc(ctx.money(projection.cost_to_deadline))), s.headline),
        Para(
            fill(
                _("{amount} per month while nothing changes"),
                amount=ctx.money(projection.cost_per_month),
            ),
            s.body_muted,
        ),
    ]
    if projection.avoidable_to_deadline:
        callout.append(
            Para(
                fill(
                    _("Avoidable: {amount} until {deadline}, {per_month} per month"),
                    amount=ctx.money(projection.avoidable_to_deadline),
                    deadline=deadline,
                    per_month=ctx.money(projection.avoidable_per_month),
                ),
                s.body_muted,
            )
        )
    solution = ctx.results.solution
    if solution is not None:
        delay = solution.cost_of_delay_per_month
        # Honest when waiting helps (a solution dearer than what it removes at first).
        template = (
            _("Each month later than {deadline} costs {amount}")
            if delay >= 0
            else _("Each month later than {deadline} gains {amount}")
        )
        callout.append(
            Para(
                fill(template, deadline=deadline, amount=bold(esc(ctx.money(abs(delay))))),
                s.body,
            )
        )
    box = Table([[callout]], colWidths=[ctx.width * 0.72], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("BACKGROUND", (0, 0), (-1, -1), rl(ctx.theme.brand_tint)),
                ("LINEBEFORE", (0, 0), (0, -1), 3, rl(ctx.theme.brand)),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return box


def go_live_date(ctx: Context) -> dt.date | None:
    """When the solution is live if the buyer decides as planned: the month boundary after
    the decision month plus the lead time (EDATE(start, decision month + lead time))."""
    solution = ctx.results.solution
    if solution is None:
        return None
    return edate(ctx.case.start_date, solution.flows.go_live)


def ask(ctx: Context, limit: int | None = None) -> Markup:
    """The rep's ask as typed (escaped, cut between words after ``limit`` characters), else
    a sentence generated from the plan."""
    narrative = ctx.case.narrative
    if narrative and narrative.ask and narrative.ask.strip():
        return esc(narrative.ask, limit)
    deadline = ctx.day(ctx.case.deadline)
    live = go_live_date(ctx)
    solution = ctx.case.solution
    if live is None or solution is None:
        return fill(_("Decide by {deadline} how to stop these costs."), deadline=deadline)
    if solution.name and solution.name.strip():
        return fill(
            _("Decide on {solution} by {deadline} to be live by {live}."),
            solution=esc(solution.name, NAME_LIMIT),
            deadline=deadline,
            live=ctx.day(live),
        )
    return fill(
        _("Decide by {deadline} to be live by {live}."), deadline=deadline, live=ctx.day(live)
    )


def _recommendation(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = [Para(esc(_("Recommendation and ask").upper()), s.kicker)]
    solution = ctx.results.solution
    if solution is not None and solution.npv > 0:
        story.append(
            Para(
                fill(
                    _("Acting as planned is worth {npv} (net present value)."),
                    npv=ctx.money(solution.npv),
                ),
                s.body,
            )
        )
    story.append(Para(coloured(bold(ask(ctx, ASK_LIMIT)), ctx.theme.brand_text), s.lead))
    return story


def _event(ctx: Context) -> list[Flowable]:
    """The buyer's compelling event in their words (cut between words on the cover; the
    situation section prints it in full)."""
    narrative = ctx.case.narrative
    text = narrative.compelling_event if narrative else None
    if not text or not text.strip():
        return []
    s = ctx.styles
    return [
        Para(
            esc(_("Why {deadline} matters").format(deadline=ctx.day(ctx.case.deadline)).upper()),
            s.kicker,
        ),
        Para(esc(" ".join(text.split()), EVENT_LIMIT), s.lead),
        Spacer(1, 5 * mm),
    ]


def cover(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = [Outline(_("Cover")), NextPageTemplate("body")]
    if ctx.branding.logo_path:
        story += [load_logo(ctx.branding.logo_path), Spacer(1, 10 * mm)]
    elif ctx.seller_name:
        story += [
            Para(esc(ctx.seller_name, NAME_LIMIT), s.kicker),
            Spacer(1, 8 * mm),
        ]
    else:
        story.append(Spacer(1, 14 * mm))
    story.append(Spacer(1, 6 * mm))
    story.append(Para(esc(_("Business case").upper()), s.kicker))
    title = ctx.case_title or _("The cost of inaction")
    story.append(Para(esc(title, TITLE_LIMIT), s.title))
    story.append(Para(fill(_("Prepared for {buyer}"), buyer=ctx.buyer()), s.subtitle))
    story.append(Spacer(1, 6 * mm))
    story += _event(ctx)
    story.append(_callout(ctx))
    story.append(Spacer(1, 6 * mm))
    story += _recommendation(ctx)
    # The cover is one page whatever the names' lengths: each frame's content shrinks to fit.
    return [
        *story[:2],
        KeepInFrame(ctx.width, ctx.frame_height - COVER_FOOT, story[2:], mode="shrink"),
        FrameBreak(),
        KeepInFrame(ctx.width, COVER_FOOT, [_details(ctx)], mode="shrink"),
        PageBreak(),
    ]


def _seller_lines(ctx: Context) -> list[Markup]:
    seller = ctx.case.seller
    lines: list[Markup] = []
    if ctx.seller_name:
        lines.append(bold(esc(ctx.seller_name, NAME_LIMIT)))
    if seller.rep:
        lines.append(esc(seller.rep, NAME_LIMIT))
    if seller.email:
        lines.append(email_link(seller.email, ctx.theme.brand_text, NAME_LIMIT))
    if seller.phone:
        lines.append(esc(seller.phone, NAME_LIMIT))
    if not lines:
        lines.append(esc("—"))
    return lines


def _details(ctx: Context) -> Table:
    case = ctx.case
    s = ctx.styles
    buyer_lines = [bold(ctx.buyer())]
    if case.buyer.contact:
        buyer_lines.append(esc(case.buyer.contact, NAME_LIMIT))
    dates = [
        fill(_("Date: {date}"), date=ctx.day(ctx.date)),
        fill(_("Decision date: {date}"), date=ctx.day(case.deadline)),
    ]
    if ctx.scenario != "expected":
        dates.append(fill(_("Scenario: {name}"), name=scenario_label(ctx.scenario)))

    def block(label: str, lines: list[Markup]) -> list[Paragraph]:
        return [
            Para(esc(label.upper()), s.cell_head),
            Para(Markup(line_break().join(lines)), s.cell),
        ]

    table = Table(
        [
            [
                block(_("Prepared for"), buyer_lines),
                block(_("Prepared by"), _seller_lines(ctx)),
                block(_("Dates"), dates),
            ]
        ],
        colWidths=[ctx.width * 0.36, ctx.width * 0.36, ctx.width * 0.28],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, rl(RULE)),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table
