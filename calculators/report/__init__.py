"""The customer-facing PDF business case (reportlab; no Qt).

``render_pdf(case)`` returns the PDF as bytes, ``write_pdf(case, path)`` writes it atomically.
The CLI (``coi render``), the desktop app's preview and export, and the installer's self-test
all call these. ``chart_drawings(case, analysis, language=...)`` gives the same charts to the
app's dashboard. The analysis they take is :class:`calculators.analysis.Analysis`.

Layout: ``context`` (the frozen per-render context), ``sections/`` (one module per section),
``chart_specs`` (the one list of charts), ``blocks`` (tables, tiles, headings), ``charts``
(drawings), ``pages`` (header and footer), ``branding``, ``labels``, ``rl`` (every reportlab
subclass and reliance on its internals), ``build`` (document, lock, public calls).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from calculators.report.build import ChartDrawing, chart_drawings, render_pdf, write_pdf
    from calculators.settings import Branding

_BUILD = frozenset(("ChartDrawing", "chart_drawings", "render_pdf", "write_pdf"))


def __getattr__(name: str) -> Any:
    """reportlab is loaded on first use: ``coi render`` needs it, ``coi summary`` does not."""
    if name in _BUILD:
        from calculators.report import build

        return getattr(build, name)
    if name == "Branding":  # pydantic and babel: not for `coi validate` via the CLI's parser
        from calculators.settings import Branding

        return Branding
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Branding",
    "ChartDrawing",
    "chart_drawings",
    "render_pdf",
    "write_pdf",
]
