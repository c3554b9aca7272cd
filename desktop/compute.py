"""Results for the dashboard, all from the core: fast ones at once, slow ones in the background.

* :class:`ResultsCache` holds ``engine.summarise`` per case snapshot (cases are immutable, so
  the snapshot itself is the cache key). A 15-driver case summarises in a few milliseconds:
  the headline moves while the person types.
* :func:`analyse` bundles the slower work for one snapshot: the report's analysis (scenarios,
  sensitivity, the Monte Carlo range), the qualification and the charts (the PDF's own chart
  drawings as SVG). The window runs it in a background job and drops stale results; the
  preview and the export reuse the report analysis instead of computing it again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from calculators.engine import Results, summarise
from calculators.i18n import _
from calculators.model import Case
from desktop.shared_charts import ChartImage, chart_images

if TYPE_CHECKING:
    from calculators.analysis import Swing
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
class Analysis:
    """The background figures for one snapshot; a part is None when it could not be made."""

    case: Case
    report: Any  # calculators.report.Analysis: scenarios, swings, simulation
    qualification: Qualification | None
    charts: tuple[ChartImage, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def simulation(self) -> Simulation | None:
        return None if self.report is None else self.report.simulation

    @property
    def sensitivity(self) -> tuple[Swing, ...]:
        return () if self.report is None else tuple(self.report.swings)


def analyse(
    case: Case,
    results: Results | None = None,
    language: str = "en",
    brand_colour: str | None = None,
) -> Analysis:
    """Everything slow about ``case``; runs off the UI thread. Never raises."""
    problems: list[str] = []
    report: Any = None
    qualification: Any = None
    images: list[ChartImage] = []
    try:
        from calculators.report import analyse as report_analyse

        report = report_analyse(case)
    except Exception as exc:
        log.exception("analysis failed")
        problems.append(_("The likely range could not be worked out: {error}").format(error=exc))
    try:
        from calculators.qualification import qualify

        qualification = qualify(case, results=results)
    except Exception as exc:
        log.exception("qualification failed")
        problems.append(_("The qualification could not be worked out: {error}").format(error=exc))
    if report is not None:
        try:
            images = chart_images(case, report, language, brand_colour)
        except Exception as exc:
            log.exception("charts failed")
            problems.append(_("The charts could not be drawn: {error}").format(error=exc))
    return Analysis(case, report, qualification, tuple(images), tuple(problems))
