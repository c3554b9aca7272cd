"""Rendering: the document template, the metadata, the render lock and the public calls.

reportlab keeps process-wide state (registered fonts, rl_config, its page counter); the app
renders the preview, an export and dashboard charts on worker threads, so every build takes
:data:`RENDER_LOCK` in turn.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from calculators import __version__
from calculators.analysis import Analysis, analyse
from calculators.cancel import checkpoint
from calculators.i18n import _
from calculators.inputs import SCENARIOS, Scenario
from calculators.model import Case
from calculators.report.branding import check_branding
from calculators.report.chart_specs import CHARTS
from calculators.report.context import (
    BOTTOM_MARGIN,
    COVER_FOOT,
    TOP_MARGIN,
    Context,
    make_context,
)
from calculators.report.fonts import SANS, clean, register_base
from calculators.report.markup import shorten
from calculators.report.pages import Decor, cover_painter, decorate
from calculators.report.rl import PagedCanvas
from calculators.report.sections import story
from calculators.settings import DEFAULT_BRAND_COLOUR, Branding

RENDER_LOCK = threading.RLock()


def metadata(ctx: Context) -> dict[str, str]:
    """The PDF's title, author, subject and keywords."""
    case = ctx.case
    buyer = shorten(clean(case.buyer.company), 200)
    title = shorten(clean(ctx.case_title), 300) or _("The cost of inaction: {buyer}").format(
        buyer=buyer
    )
    if ctx.draft:
        title = _("DRAFT: {title}").format(title=title)
    author_parts = [p for p in (case.seller.rep, ctx.seller_name) if p]
    return {
        "title": title,
        "author": shorten(clean(", ".join(author_parts)), 300),
        "subject": _("Business case for {buyer}: the cost of inaction until {date}").format(
            buyer=buyer, date=ctx.fmt.date(case.deadline)
        ),
        "keywords": _("business case, cost of inaction"),
    }


def _frame(ctx: Context, bottom: float, height: float, name: str) -> Frame:
    return Frame(
        ctx.margin,
        bottom,
        ctx.width,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
    )


def _template(ctx: Context, buffer: io.BytesIO) -> BaseDocTemplate:
    meta = metadata(ctx)
    doc = BaseDocTemplate(
        buffer,
        pagesize=ctx.pagesize,
        leftMargin=ctx.margin,
        rightMargin=ctx.margin,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=meta["title"],
        author=meta["author"],
        subject=meta["subject"],
        keywords=meta["keywords"],
        creator=f"Cost of Inaction {__version__}",
        producer=f"Cost of Inaction {__version__} (ReportLab)",
        lang=ctx.language.replace("_", "-"),
        invariant=1,
        initialFontName=SANS,
        displayDocTitle=1,
    )
    cover_frames = [
        _frame(ctx, BOTTOM_MARGIN + COVER_FOOT, ctx.frame_height - COVER_FOOT, "cover"),
        _frame(ctx, BOTTOM_MARGIN, COVER_FOOT, "cover-foot"),
    ]
    doc.addPageTemplates(
        [
            PageTemplate("cover", cover_frames, onPage=cover_painter(ctx.theme)),
            PageTemplate("body", [_frame(ctx, BOTTOM_MARGIN, ctx.frame_height, "main")]),
        ]
    )
    return doc


def _decor(ctx: Context) -> Decor:
    seller = ctx.seller_name
    seller_line = (
        _("Prepared by {seller}").format(seller=shorten(clean(seller), 200)) if seller else ""
    )
    if seller and ctx.case.seller.rep:
        seller_line += " · " + shorten(clean(ctx.case.seller.rep), 120)
    return Decor(
        buyer=shorten(clean(ctx.case.buyer.company), 300),
        document=_("Business case: the cost of inaction"),
        seller=seller_line,
        page_label=lambda page, pages: _("Page {page} of {pages}").format(page=page, pages=pages),
        theme=ctx.theme,
        margin=ctx.margin,
        draft=_("DRAFT") if ctx.draft else "",
    )


def build(ctx: Context) -> bytes:
    """The PDF for ``ctx`` (inside the lock and the report's language)."""
    register_base()
    buffer = io.BytesIO()
    doc = _template(ctx, buffer)
    decor = _decor(ctx)
    stamp = ctx.date
    pdf_date = f"D:{stamp.year:04d}{stamp.month:02d}{stamp.day:02d}000000+00'00'"

    def page_decoration(canvas: Any, number: int, total: int) -> None:
        decorate(canvas, decor, number, total)

    def canvasmaker(*args: Any, **kwargs: Any) -> PagedCanvas:
        canvas = PagedCanvas(*args, decorate=page_decoration, pdf_date=pdf_date, **kwargs)
        canvas.showOutline()
        return canvas

    doc.build(story(ctx), canvasmaker=canvasmaker)
    return buffer.getvalue()


@dataclass(frozen=True)
class ChartDrawing:
    """One of the report's charts, for another surface (the app's dashboard)."""

    key: str  # cumulative, by_driver, timing, tornado, range
    title: str
    caption: str
    drawing: Drawing


def chart_drawings(
    case: Case,
    analysis: Analysis,
    *,
    language: str,
    brand_colour: str | None = None,
    width: float | None = None,
) -> list[ChartDrawing]:
    """The report's charts for ``case`` (expected scenario), titled in ``language``.

    The same chart list as the PDF's chart section (``chart_specs.CHARTS``: the same titles,
    captions and drawings), laid out ``width`` points wide (the PDF's column when not given);
    the range chart is included even when no input has a range. The app shows them as SVG.
    Builds take the report's lock.
    """
    from calculators.i18n import language as use_language

    if analysis.case != case:
        raise ValueError("the analysis was computed for a different case")
    with RENDER_LOCK, use_language(language):
        ctx = make_context(
            case,
            "expected",
            Branding(brand_colour=brand_colour or DEFAULT_BRAND_COLOUR),
            language,
            analysis,
            case.start_date,
            width,
        )
        out = []
        for spec in CHARTS:
            checkpoint()  # the app's dashboard of a stale snapshot stops here (calculators.cancel)
            drawing = spec.build(ctx)
            if drawing is not None:
                out.append(ChartDrawing(spec.key, spec.title(ctx), spec.caption(ctx), drawing))
        return out


def render_pdf(
    case: Case,
    *,
    scenario: Scenario = "expected",
    branding: Branding | None = None,
    language: str | None = None,
    analysis: Analysis | None = None,
    date: dt.date | None = None,
    draft: bool = False,
    exact: bool = False,
) -> bytes:
    """The business case for ``case`` as PDF bytes (deterministic: same input, same bytes).

    ``language`` overrides the case's language for the text (formats always follow the
    case's locale). ``analysis`` lets a caller reuse scenario, sensitivity and simulation
    results computed for this very case (see :func:`calculators.analysis.analyse`). ``date``
    is the date printed on the cover and stored in the PDF; by default the case's start
    date, so that a case always renders to the same bytes. A ``draft`` carries "DRAFT" on
    every page and in its title: for a case that is not ready to send
    (``calculators.readiness``); callers decide, the renderer does not refuse. ``exact`` shows
    running text and key figures to the minor unit instead of rounded (tables are always exact).
    """
    from calculators.i18n import language as use_language

    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}")
    if analysis is None:
        analysis = analyse(case)
    elif analysis.case != case:
        raise ValueError("the analysis was computed for a different case")
    code = language or case.language or case.locale
    branding = branding or Branding()
    check_branding(branding)  # problems in the caller's language, not the report's
    with RENDER_LOCK, use_language(code):
        ctx = make_context(
            case,
            scenario,
            branding,
            code,
            analysis,
            date or case.start_date,
            draft=draft,
            exact=exact,
        )
        return build(ctx)


def write_pdf(
    case: Case,
    path: str | Path,
    *,
    scenario: Scenario = "expected",
    branding: Branding | None = None,
    language: str | None = None,
    analysis: Analysis | None = None,
    date: dt.date | None = None,
    draft: bool = False,
    exact: bool = False,
) -> None:
    """Render ``case`` and write it to ``path`` atomically (no half-written file on failure)."""
    from calculators.storage import atomic_write

    data = render_pdf(
        case,
        scenario=scenario,
        branding=branding,
        language=language,
        analysis=analysis,
        date=date,
        draft=draft,
        exact=exact,
    )
    atomic_write(path, data)
