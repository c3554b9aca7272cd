"""The app's one door to the PDF report (``calculators.report``), with the rep's branding.

The preview and the export call the same function with the same arguments, so the exported
PDF is byte for byte what the preview showed. Both may pass the analysis
(``calculators.analysis.Analysis``) the dashboard already computed for the same snapshot,
which saves the slowest part of a render.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from calculators.model import Case
from desktop.settings import Settings

if TYPE_CHECKING:
    from calculators.analysis import Analysis


def available() -> bool:
    try:
        import calculators.report  # noqa: F401
    except ImportError:  # pragma: no cover - a broken installation
        return False
    return True


def render(
    case: Case,
    settings: Settings,
    analysis: Analysis | None = None,
    date: dt.date | None = None,
    draft: bool = False,
) -> bytes:
    """The PDF as the export would write it; ``date`` (today) is printed on the cover, a
    ``draft`` is marked DRAFT on every page."""
    from calculators.report import render_pdf

    return render_pdf(
        case, branding=settings.branding, analysis=_usable(analysis, case), date=date, draft=draft
    )


def write(
    case: Case,
    path: Path,
    settings: Settings,
    analysis: Analysis | None = None,
    date: dt.date | None = None,
    draft: bool = False,
) -> None:
    from calculators.report import write_pdf

    write_pdf(
        case,
        path,
        branding=settings.branding,
        analysis=_usable(analysis, case),
        date=date,
        draft=draft,
    )


def _usable(analysis: Analysis | None, case: Case) -> Analysis | None:
    return analysis if analysis is not None and analysis.case is case else None
