"""The situation: the facts of the case and the rep's narrative."""

from __future__ import annotations

from reportlab.platypus import Flowable

from calculators.i18n import _, ngettext
from calculators.report.blocks import h1, h2, prose, section_end
from calculators.report.context import Context
from calculators.report.markup import esc, fill
from calculators.report.rl import Para


def situation(ctx: Context) -> list[Flowable]:
    case = ctx.case
    s = ctx.styles
    story: list[Flowable] = h1(ctx, _("The situation"))
    facts = fill(
        ngettext(
            "{buyer} plans to decide by {deadline}. This business case counts what the "
            "status quo costs from {start} on, over a horizon of {months} month, "
            "in {currency}.",
            "{buyer} plans to decide by {deadline}. This business case counts what the "
            "status quo costs from {start} on, over a horizon of {months} months, "
            "in {currency}.",
            case.horizon_months,
        ),
        buyer=ctx.buyer(),
        deadline=ctx.day(case.deadline),
        start=ctx.day(case.start_date),
        months=str(case.horizon_months),
        currency=case.currency,
    )
    story.append(Para(facts, s.lead))
    narrative = case.narrative
    parts = [
        (_("Where things stand"), narrative.situation if narrative else None),
        (_("Why the date matters"), narrative.compelling_event if narrative else None),
        (_("If nothing changes"), narrative.consequences if narrative else None),
    ]
    shown = False
    for title, text in parts:
        if not text or not text.strip():
            continue
        shown = True
        story.append(h2(ctx, title))
        story += prose(ctx, text)
    if not shown:
        story.append(
            Para(
                esc(_("The figures in the following sections describe the situation.")),
                s.body_muted,
            )
        )
    story += section_end(ctx)
    return story
