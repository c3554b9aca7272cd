"""The report's charts for the app's dashboard: the same drawings, titled in the UI language."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Drawing

from calculators.analysis import analyse
from calculators.i18n import translation
from calculators.report import chart_drawings, render_pdf
from tests.calculators.report.helpers import (
    NORTHWIND,
    case_with,
    example_analysis,
    example_case,
    flat,
    text_of,
)


def test_every_chart_of_a_case_with_a_solution_and_ranges() -> None:
    case = example_case(NORTHWIND.name)
    charts = chart_drawings(case, example_analysis(NORTHWIND.name), language="en", width=380)
    assert [c.key for c in charts] == ["cumulative", "by_driver", "timing", "tornado", "range"]
    assert all(isinstance(c.drawing, Drawing) and c.drawing.width <= 380 for c in charts)
    assert charts[2].title == "Decision timing" and "Each month later costs $" in charts[2].caption


def test_titles_follow_the_ui_language_not_the_case() -> None:
    case = example_case(NORTHWIND.name)
    charts = chart_drawings(case, example_analysis(NORTHWIND.name), language="de")
    assert charts[0].title == translation("de").gettext("Cumulative cost of inaction")
    assert charts[0].title != "Cumulative cost of inaction"


def test_no_solution_no_timing_chart_and_a_foreign_analysis_is_refused() -> None:
    case = case_with(NORTHWIND, solution=None)
    keys = [c.key for c in chart_drawings(case, analyse(case), language="en")]
    assert "timing" not in keys and keys[0] == "cumulative"
    with pytest.raises(ValueError, match="different case"):
        chart_drawings(case, example_analysis(NORTHWIND.name), language="en")


def test_the_dashboard_charts_are_the_pdf_chart_section() -> None:
    from calculators.report.chart_specs import CHARTS

    case = example_case(NORTHWIND.name)
    charts = chart_drawings(case, example_analysis(NORTHWIND.name), language="en")
    assert [c.key for c in charts] == [spec.key for spec in CHARTS]
    text = flat(text_of(render_pdf(case, analysis=example_analysis(NORTHWIND.name))))
    for chart in charts:
        assert flat(chart.title) in text
        assert flat(chart.caption) in text
