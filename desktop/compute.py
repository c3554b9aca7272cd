"""Results for the dashboard, all from the core: fast ones at once, slow ones in the background.

* :class:`ResultsCache` holds ``engine.summarise`` per case snapshot (cases are immutable, so
  the snapshot itself is the cache key). A 15-driver case summarises in a few milliseconds:
  the headline moves while the person types.
* :func:`background` bundles the slower work for one snapshot: the core analysis
  (``calculators.analysis.analyse``: scenarios, sensitivity, the Monte Carlo range and the
  qualification) and the charts (the PDF's own chart drawings as SVG). The window runs it in
  a background job and drops stale results; the preview and the export reuse the analysis
  instead of computing it again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from calculators.engine import Results, summarise
from calculators.i18n import _
from calculators.model import Case
from desktop.shared_charts import ChartImage, chart_images

if TYPE_CHECKING:
    from calculators.analysis import Analysis, Swing
    from calculators.qualification import Qualification
    from calculators.simulation import Simulation

log = logging.getLogger(__name__)


class ResultsCache:
    """``summarise(case)`` for the last few snapshots (compared by identity)."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._items: list[tuple[Case, Results]] = []

    def get(self, case: Case) -> Results:
        for cached, results in self._items:
            if cached is case:
                return results
        results = summarise(case)
        self._items.insert(0, (case, results))
        del self._items[self.size :]
        return results


@dataclass(frozen=True)
class Background:
    """The background work for one snapshot: the core analysis and the charts.

    A part is None (or empty) when it could not be made; ``problems`` says why.
    ``qualification`` is the analysis's own, or computed alone when the analysis failed.
    """

    case: Case
    analysis: Analysis | None
    qualification: Qualification | None
    charts: tuple[ChartImage, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def simulation(self) -> Simulation | None:
        return None if self.analysis is None else self.analysis.simulation

    @property
    def sensitivity(self) -> tuple[Swing, ...]:
        return () if self.analysis is None else self.analysis.sensitivity


def _qualification_alone(
    case: Case, results: Results | None, problems: list[str]
) -> Qualification | None:
    try:
        from calculators.qualification import qualify

        return qualify(case, results=results)
    except Exception as exc:
        log.exception("qualification failed")
        problems.append(_("The qualification could not be worked out: {error}").format(error=exc))
        return None


def background(
    case: Case,
    results: Results | None = None,
    language: str = "en",
    brand_colour: str | None = None,
) -> Background:
    """Everything slow about ``case``; runs off the UI thread. Never raises."""
    problems: list[str] = []
    analysis: Analysis | None = None
    qualification: Qualification | None = None
    images: list[ChartImage] = []
    try:
        from calculators.analysis import analyse

        analysis = analyse(case, results)  # raises Cancelled when the job goes stale
        qualification = analysis.qualification
    except Exception as exc:
        log.exception("analysis failed")
        problems.append(_("The likely range could not be worked out: {error}").format(error=exc))
        qualification = _qualification_alone(case, results, problems)
    if analysis is not None:
        try:
            images = chart_images(case, analysis, language, brand_colour)
        except Exception as exc:
            log.exception("charts failed")
            problems.append(_("The charts could not be drawn: {error}").format(error=exc))
    return Background(case, analysis, qualification, tuple(images), tuple(problems))
