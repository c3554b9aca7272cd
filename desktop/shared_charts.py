"""The dashboard's charts are the PDF's charts: reportlab drawings, rendered to SVG for QtSvg.

One list of charts serves both (``calculators/report/chart_specs.py``: key, title, caption,
builder): ``calculators.report.chart_drawings()`` gives the app the very drawings, titles and
captions of the PDF's chart section, in the UI language; this module only turns them into SVG
that QtSvg reads.

The work runs in the background job together with the analysis: a few milliseconds per chart
once reportlab is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from calculators.cancel import checkpoint
from calculators.model import Case

if TYPE_CHECKING:
    from calculators.analysis import Analysis

CHART_WIDTH = 380.0  # points


@dataclass(frozen=True)
class ChartImage:
    key: str  # cumulative, by_driver, timing, tornado, range
    title: str
    caption: str
    svg: bytes


_CLIP = re.compile(r"<clipPath\b.*?</clipPath>", re.DOTALL)
_CLIP_USE = re.compile(r"\s*clip-path:\s*url\(#[^)]*\);?")
_NONE = re.compile(r"\b(fill|stroke):\s*None\b")


def _svg(drawing: Any) -> bytes:
    """SVG text of a reportlab drawing, made safe for QtSvg (SVG Tiny 1.2).

    QtSvg has no <clipPath>: it would paint the clip rectangle as a black box. The drawings
    stay inside their own bounds, so the clip is dropped. reportlab writes ``fill: None``,
    which QtSvg does not read as ``none`` (it would fill every line's hull in black).
    """
    from reportlab.graphics import renderSVG

    text: str = renderSVG.drawToString(drawing)
    text = _CLIP_USE.sub("", _CLIP.sub("", text))
    text = _NONE.sub(r"\1: none", text)
    return text.encode("utf-8")


def chart_images(
    case: Case, analysis: Analysis, language: str, brand_colour: str | None = None
) -> list[ChartImage]:
    """The report's charts for ``case`` as SVG, titled in the UI language."""
    from calculators.report import chart_drawings

    images = []
    for chart in chart_drawings(
        case, analysis, language=language, brand_colour=brand_colour, width=CHART_WIDTH
    ):
        checkpoint()  # a stale snapshot's charts are not drawn (calculators.cancel)
        images.append(ChartImage(chart.key, chart.title, chart.caption, _svg(chart.drawing)))
    return images
