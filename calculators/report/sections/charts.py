"""The cost of waiting in charts: every chart of :data:`chart_specs.CHARTS` the case has."""

from __future__ import annotations

from reportlab.platypus import Flowable

from calculators.i18n import _
from calculators.report.blocks import chart_block, h1, section_end
from calculators.report.chart_specs import CHARTS
from calculators.report.context import Context


def charts(ctx: Context) -> list[Flowable]:
    story: list[Flowable] = h1(ctx, _("The cost of waiting in charts"))
    for spec in CHARTS:
        if not spec.in_pdf(ctx):
            continue
        drawing = spec.build(ctx)
        if drawing is not None:
            story += chart_block(ctx, spec.title(ctx), drawing, spec.caption(ctx))
    story += section_end(ctx)
    return story
