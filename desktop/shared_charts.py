"""The dashboard's charts are the PDF's charts: reportlab drawings, rendered to SVG for QtSvg.

One chart definition serves both (``calculators/report/charts.py``). The report assembles
each chart's data in its private ``_Report`` builder; this module calls those builders rather
than assembling the same data a second time. That couples the app to names the report does
not promise to keep, so everything the app uses is here, in one place, and
``tests/desktop/test_charts.py`` fails loudly if the report changes under it. (A public
``chart_drawings()`` in the report package would remove the coupling.)

The work runs in the background job together with the analysis: a few milliseconds per chart
once reportlab is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from calculators.i18n import _
from calculators.model import Case

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
    case: Case, analysis: Any, language: str, brand_colour: str | None = None
) -> list[ChartImage]:
    """The report's charts for ``case`` as SVG, titled in the UI language."""
    from calculators.report import document as report

    # The same lock as render_pdf: reportlab's shared state is not built for two threads.
    with report._RENDER_LOCK:
        return _chart_images(case, analysis, language, brand_colour)


def _chart_images(
    case: Case, analysis: Any, language: str, brand_colour: str | None = None
) -> list[ChartImage]:
    from calculators.report import charts
    from calculators.report import document as report

    builder = report._Report(
        case,
        "expected",
        report.Branding(brand_colour=brand_colour),
        language,
        analysis,
        case.start_date,
    )
    # Lay the drawings out for a narrower column than the page's: on screen they are shown
    # about 500 px wide, and the text stays readable at that size.
    builder.width = CHART_WIDTH
    fmt = builder.fmt
    images = [
        ChartImage(
            "cumulative",
            _("Cumulative cost of inaction"),
            _("The band spans the conservative and optimistic scenarios."),
            _svg(builder._cumulative()),
        )
    ]
    if builder.projection.drivers:
        drawing, caption, title = builder._stacked()
        images.append(ChartImage("by_driver", title, caption, _svg(drawing)))
    result = builder.results.solution
    if result is not None:
        timing = charts.timing_chart(
            charts.Timing(
                labels=[report.delay_label(row.months) for row in result.delay],
                npv=[float(row.npv) for row in result.delay],
                value_labels=[charts.compact_money(fmt, row.npv) for row in result.delay],
            ),
            builder.theme,
            fmt,
            builder.width,
        )
        images.append(
            ChartImage(
                "timing",
                _("Decision timing"),
                (
                    _(
                        "Net present value when deciding now or later. Each month of delay costs {amount}."  # noqa: E501
                    )
                    if result.cost_of_delay_per_month >= 0
                    else _(
                        "Net present value when deciding now or later. With these figures, "
                        "each month of waiting raises it by {amount}."
                    )
                ).format(amount=fmt.money(abs(result.cost_of_delay_per_month))),
                _svg(timing),
            )
        )
    tornado = builder._tornado()
    if tornado is not None:
        images.append(
            ChartImage(
                "tornado",
                _("What moves the figure most"),
                _(
                    "The cost until the decision date with one input at a time "
                    "at its low or high value."
                ),
                _svg(tornado),
            )
        )
    images.append(
        ChartImage(
            "range",
            _("Scenario range"),
            _("Conservative uses every low value, optimistic every high value."),
            _svg(builder._range()),
        )
    )
    return images
