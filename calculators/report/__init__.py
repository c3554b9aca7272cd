"""The customer-facing PDF business case (reportlab; no Qt).

``render_pdf(case)`` returns the PDF as bytes, ``write_pdf(case, path)`` writes it atomically.
The CLI (``coi render``), the desktop app's preview and export, and the installer's self-test
all call these. ``chart_drawings(case, analysis, language=...)`` gives the same charts to the
app's dashboard.
"""

from __future__ import annotations

from calculators.report.document import (
    Analysis,
    Branding,
    ChartDrawing,
    analyse,
    chart_drawings,
    render_pdf,
    write_pdf,
)

__all__ = [
    "Analysis",
    "Branding",
    "ChartDrawing",
    "analyse",
    "chart_drawings",
    "render_pdf",
    "write_pdf",
]
