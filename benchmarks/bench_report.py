"""Benchmark: the PDF business case of a typical case against a plain reportlab document.

The typical case: 12 drivers (four of each basic type, every input ranged and sourced), a
36-month horizon, a solution and a three-part narrative: every section of the report.

Printed figures (best of RUNS, one core, fonts already loaded as in the app's live preview):

* report: ``render_pdf(case, analysis=...)``: the engine's projection, every table, chart,
  font run, escape and page of the report, given the scenario/sensitivity/simulation
  results the app computes once per case snapshot;
* baseline: a plain reportlab document with the same pages, paragraphs, tables (same rows
  and columns, Paragraph cells) and charts (reportlab.graphics.charts with the same data), in
  the same embedded DejaVu fonts, built from ready-made strings: what reportlab itself costs;
* the ratio report / baseline (bound: 2), and the 250 ms bound;
* for reference: the analysis (scenarios, sensitivity, 10,000-sample simulation), the first
  render in a fresh process (font loading) and the render including the analysis.

Run: python3 benchmarks/bench_report.py
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import copy  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.graphics.charts.barcharts import (  # noqa: E402
    HorizontalBarChart,
    VerticalBarChart,
)
from reportlab.graphics.charts.lineplots import LinePlot  # noqa: E402
from reportlab.graphics.shapes import Drawing  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from calculators.analysis import analyse  # noqa: E402
from calculators.model import Case  # noqa: E402
from calculators.report import render_pdf  # noqa: E402
from calculators.report.fonts import SANS, SANS_BOLD, register_base  # noqa: E402
from calculators.storage import case_from_data  # noqa: E402

RUNS = 9
BOUND_MS = 250.0
BOUND_RATIO = 2.0
DRIVERS = 12
MONTHS = 36


def typical_case() -> Case:
    data = json.loads((ROOT / "resources/examples/acme-order-automation.coi").read_text("utf-8"))
    base = data["drivers"]
    drivers = []
    for i in range(DRIVERS):
        driver = copy.deepcopy(base[i % 3])
        driver["name"] = f"{driver['name']} ({i // 3 + 1})"
        if driver["type"] == "recurring_cost":
            driver["inputs"]["annual_escalation"] = {
                "expected": "0.03",
                "low": "0.02",
                "high": "0.05",
                "source": "Supplier price list",
                "confidence": "medium",
            }
        drivers.append(driver)
    data["drivers"] = drivers
    data["horizon_months"] = MONTHS
    return case_from_data(data)


# --- the baseline: plain reportlab, same pages, tables and charts -----------------------------


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "body": ParagraphStyle("body", fontName=SANS, fontSize=9.2, leading=13.6),
        "h1": ParagraphStyle("h1", fontName=SANS_BOLD, fontSize=17, leading=21, spaceAfter=10),
        "h2": ParagraphStyle("h2", fontName=SANS_BOLD, fontSize=11.2, leading=14.5),
        "cell": ParagraphStyle("cell", fontName=SANS, fontSize=8.2, leading=10.8),
        "num": ParagraphStyle("num", fontName=SANS, fontSize=8.2, leading=10.8, alignment=2),
    }


def _table(rows: int, columns: int, st: dict[str, ParagraphStyle], width: float) -> Table:
    data = [
        [
            Paragraph(f"Cell {r}.{c} 12.345,67 €", st["num"] if c else st["cell"])
            for c in range(columns)
        ]
        for r in range(rows)
    ]
    table = Table(data, colWidths=[width / columns] * columns, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("LINEBELOW", (0, 0), (-1, 0), 0.9, colors.HexColor("#1B4F72")),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#D5DAE1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _chart(kind: str, width: float, series: int, points: int) -> Drawing:
    drawing = Drawing(width, 200)
    drawing.initialFontName = SANS
    chart: Any
    if kind == "line":
        chart = LinePlot()
        chart.data = [[(x, x * 1000.0 * (s + 1)) for x in range(points)] for s in range(series)]
        chart.xValueAxis.labels.fontName = SANS
        chart.yValueAxis.labels.fontName = SANS
    else:
        chart = VerticalBarChart() if kind == "bar" else HorizontalBarChart()
        chart.data = [[1000.0 * (s + 1) + p for p in range(points)] for s in range(series)]
        chart.categoryAxis.categoryNames = [f"Period {p + 1}" for p in range(points)]
        chart.categoryAxis.labels.fontName = SANS
        chart.valueAxis.labels.fontName = SANS
        if kind == "bar":
            chart.categoryAxis.style = "stacked"
    chart.x, chart.y, chart.width, chart.height = 50, 30, width - 60, 150
    drawing.add(chart)
    return drawing


def baseline_pdf() -> bytes:
    register_base()
    st = _styles()
    buffer = io.BytesIO()
    width = A4[0] - 42 * mm
    doc = BaseDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=SANS)

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.setFont(SANS, 7.4)
        canvas.drawString(21 * mm, A4[1] - 14 * mm, "Buyer GmbH")
        canvas.drawRightString(A4[0] - 21 * mm, 11 * mm, f"Page {doc.page}")

    frame = Frame(21 * mm, 22 * mm, width, A4[1] - 49 * mm, id="main")
    doc.addPageTemplates([PageTemplate("body", [frame], onPage=decorate)])
    text = "The status quo costs money every month while nothing changes. " * 4
    story: list[Any] = []
    # cover
    story += [Paragraph("Business case", st["h1"]), Paragraph(text, st["body"])]
    story += [_table(1, 3, st, width), PageBreak()]
    # executive summary: headline, tiles, a line chart, top drivers, solution tiles
    story += [Paragraph("Executive summary", st["h1"]), Paragraph(text, st["body"])]
    story += [_table(1, 4, st, width), _chart("line", width, 3, MONTHS + 1)]
    story += [_table(4, 4, st, width), _table(1, 4, st, width), Paragraph(text, st["body"])]
    story += [Paragraph(text, st["body"])]  # avoidable, cash-only NPV, break-even
    story.append(PageBreak())
    # the situation
    story += [Paragraph("The situation", st["h1"])]
    story += [Paragraph(text, st["body"]) for _ in range(4)] + [PageBreak()]
    # drivers: table and one explanation per driver
    story += [Paragraph("Cost of inaction by driver", st["h1"]), _table(DRIVERS + 2, 6, st, width)]
    # status quo against the avoidable part, and the cost per savings class
    story += [_table(4, 4, st, width), Paragraph(text, st["body"])]
    story += [_table(4, 4, st, width), Paragraph(text, st["body"])]
    for i in range(DRIVERS):
        story += [Paragraph(f"{i + 1}. Driver", st["h2"]), Paragraph(text, st["body"])]
    story.append(PageBreak())
    # charts: cumulative, stacked by year, timing, tornado, range
    story += [Paragraph("Charts", st["h1"])]
    story += [_chart("line", width, 3, MONTHS + 1), _chart("bar", width, 7, 3)]
    story += [_chart("bar", width, 1, 5), _chart("hbar", width, 2, 8)]
    story += [_chart("hbar", width, 3, 3), PageBreak()]
    # investment and return
    story += [Paragraph("Investment and return", st["h1"]), Paragraph(text, st["body"])]
    story += [_table(17, 2, st, width), _table(6, 4, st, width), PageBreak()]
    # cash flows by year and break-even
    story += [Paragraph("Cash flows by year", st["h1"]), _table(5, 8, st, width)]
    story += [Paragraph(text, st["body"]), Paragraph(text, st["body"]), PageBreak()]
    # assumptions: the case, one table per driver, the solution
    story += [Paragraph("Appendix A", st["h1"]), _table(7, 2, st, width)]
    for _ in range(DRIVERS):
        story += [Paragraph("Driver", st["h2"]), _table(6, 6, st, width)]
    story += [_table(5, 6, st, width), PageBreak()]
    # methodology
    story += [Paragraph("Appendix B", st["h1"])]
    story += [Paragraph(text, st["body"]) for _ in range(8)] + [Spacer(1, 6)]
    doc.build(story)
    return buffer.getvalue()


def best_of(function: Callable[[], object], runs: int = RUNS) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings) * 1000


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    case = typical_case()
    start = time.perf_counter()
    analysis = analyse(case)
    analysis_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    pdf = render_pdf(case, analysis=analysis)
    first_ms = (time.perf_counter() - start) * 1000
    baseline = baseline_pdf()
    report_ms = best_of(lambda: render_pdf(case, analysis=analysis))
    baseline_ms = best_of(baseline_pdf)
    full_ms = best_of(lambda: render_pdf(case), runs=3)
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")
    base_pages = baseline.count(b"/Type /Page\n") or baseline.count(b"/Type /Page ")
    ratio = report_ms / baseline_ms
    print(f"typical case: {DRIVERS} drivers, {MONTHS} months, solution and narrative")
    print(f"report render      {report_ms:8.1f} ms  (bound {BOUND_MS:.0f} ms, {pages} pages)")
    print(f"plain reportlab    {baseline_ms:8.1f} ms  ({base_pages} pages)")
    print(f"ratio              {ratio:8.2f}     (bound {BOUND_RATIO:.1f})")
    print(f"first render       {first_ms:8.1f} ms  (includes loading the fonts)")
    print(f"analysis           {analysis_ms:8.1f} ms  (scenarios, sensitivity, 10,000 samples)")
    print(f"render + analysis  {full_ms:8.1f} ms")
    ok = report_ms < BOUND_MS and ratio <= BOUND_RATIO
    print("OK" if ok else "OVER BOUND")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
