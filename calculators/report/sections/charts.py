"""The cost of waiting in charts: every chart of :data:`chart_specs.CHARTS` the case has."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from calculators.i18n import _
from calculators.report.blocks import chart_block, h1, section_end
from calculators.report.chart_specs import CHARTS
from calculators.report.context import Context


def charts(ctx: Context) -> list[Flowable]:
    blocks: list[Flowable] = []
    for spec in CHARTS:
        if not spec.in_pdf(ctx):
            continue
        drawing = spec.build(ctx)
        if drawing is not None:
            blocks += chart_block(ctx, spec.title(ctx), drawing, spec.caption(ctx))
    # The heading goes with the first chart (reportlab's keepWithNext does not reach into a
    # chart's KeepTogether, so a section starting low on a page would leave it alone).
    title = h1(ctx, _("The cost of waiting in charts"))
    story: list[Flowable] = [KeepTogether([*title, *blocks[:1]]), *blocks[1:]]
    story += section_end(ctx)
    return story
