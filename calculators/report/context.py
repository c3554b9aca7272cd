"""The one frozen context every section of the report is a function of.

Built once per render (or per set of dashboard charts) inside the report's language: the
case, its results in the chosen scenario, the analysis, the formatter, branding and theme,
the page geometry, and the expensive extras several sections share (the conservative and
optimistic projections behind the cumulative chart's band, projected once).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm

from calculators.analysis import Analysis, Swing, sensitivity
from calculators.engine import Projection, Results, project, summarise
from calculators.formatting import Formatter
from calculators.inputs import Estimate, Kind, Scenario
from calculators.model import Case
from calculators.report.branding import check_colour
from calculators.report.labels import scenario_label
from calculators.report.markup import Markup, esc
from calculators.report.theme import Styles, Theme, make_theme
from calculators.settings import Branding
from calculators.templates import shown_title

# Limits for names shown in headings, table cells and headers: a longer name is cut between
# words with a visible ellipsis (a real legal or product name is shown in full and wraps);
# free text (narrative) is shown in full and flows over pages.
NAME_LIMIT = 400
TITLE_LIMIT = 300
CELL_TEXT_LIMIT = 600
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "NI", "PA", "PR", "SV", "BZ"}
)
MARGIN: float = 21 * mm
TOP_MARGIN: float = 27 * mm
BOTTOM_MARGIN: float = 22 * mm
COVER_FOOT: float = 42 * mm  # the cover's bottom frame: prepared for, by, dates


def page_size(formatter: Formatter) -> tuple[float, float]:
    """US Letter where the locale's territory uses it (CLDR paper size), else A4."""
    territory = formatter.babel_locale.territory
    size: tuple[float, float] = LETTER if territory in LETTER_TERRITORIES else A4
    return size


@dataclass(frozen=True)
class Band:
    """The cumulative chart's band: the conservative and the optimistic projection."""

    low: Projection
    high: Projection


@dataclass(frozen=True)
class Context:
    case: Case
    scenario: Scenario
    branding: Branding
    language: str
    analysis: Analysis
    date: dt.date  # printed on the cover and stored in the PDF
    fmt: Formatter
    theme: Theme
    styles: Styles
    results: Results  # of ``scenario``
    band: Band | None  # None when no input has a range
    pagesize: tuple[float, float]
    width: float  # of the text column (and of the charts)
    frame_height: float
    draft: bool = False  # "DRAFT" on every page and in the title (calculators.readiness)
    exact: bool = False  # running text and key figures to the minor unit, not rounded
    swings: tuple[Swing, ...] = ()  # the sensitivity around ``scenario`` (the tornado's rows)

    @property
    def projection(self) -> Projection:
        return self.results.projection

    @property
    def margin(self) -> float:
        return MARGIN

    def money(self, value: Decimal) -> str:
        """Money for running text and key figures: rounded to a sensible precision (the
        formatter's headline rule) unless the render asks for exact figures."""
        return self.fmt.money(value) if self.exact else self.fmt.headline_money(value)

    def exact_money(self, value: Decimal) -> str:
        """Money in tables: always exact to the currency's minor unit."""
        return self.fmt.money(value)

    def percent(self, fraction: Decimal) -> str:
        """A percentage for running text and key figures (see :meth:`money`)."""
        return self.fmt.percent(fraction) if self.exact else self.fmt.headline_percent(fraction)

    @property
    def scenario_name(self) -> str:
        """The plotted scenario's name for chart legends ("Most likely", "Conservative")."""
        label = scenario_label(self.scenario)
        return label[:1].upper() + label[1:]

    def day(self, value: dt.date) -> str:
        """A date for running text: its parts held together by no-break spaces, so that
        "15. April 2027" or "2027년 4월 15일" never starts on one line and ends on the next."""
        return self.fmt.date(value).replace(" ", "\u00a0")

    def buyer(self, limit: int = NAME_LIMIT) -> Markup:
        return esc(self.case.buyer.company, limit)

    @property
    def case_title(self) -> str:
        """The case's title as the rep typed it; a bundled example's or template's title
        (unchanged by the rep) in the report's language."""
        return shown_title(self.case.title.strip())

    @property
    def seller_name(self) -> str | None:
        return self.branding.company_name or self.case.seller.company

    def has_range(self) -> bool:
        """Whether any input has a range (otherwise every scenario gives the same figures)."""
        if self.analysis.simulation.ranged_inputs:
            return True
        shown = {
            (f.cost_to_deadline, f.cost_over_horizon, f.npv)
            for f in self.analysis.scenarios.values()
        }
        return len(shown) > 1

    def evidence(self) -> tuple[int, int]:
        """(inputs that name a source, numeric inputs) over the enabled drivers."""
        documented = total = 0
        for driver in self.case.enabled_drivers:
            for spec in driver.kind.inputs:
                if spec.kind is not Kind.NUMBER:
                    continue
                total += 1
                stored = driver.input(spec.key)
                if isinstance(stored, Estimate) and stored.source and not stored.placeholder:
                    documented += 1
        return documented, total

    def ranked_drivers(self) -> list[Any]:
        """The projected drivers, largest cost until the decision date first."""
        deadline = self.case.deadline
        projection = self.projection
        return sorted(
            projection.drivers,
            key=lambda d: (d.cost_to(deadline), projection.driver_cost_over_horizon(d)),
            reverse=True,
        )


def make_context(
    case: Case,
    scenario: Scenario,
    branding: Branding,
    language: str,
    analysis: Analysis,
    date: dt.date,
    width: float | None = None,
    draft: bool = False,
    exact: bool = False,
) -> Context:
    """The context for one render; call it inside the report's language and lock."""
    fmt = Formatter(case.locale, case.currency, language)
    check_colour(branding.brand_colour)
    theme = make_theme(branding.brand_colour)
    band = None
    if analysis.simulation.ranged_inputs:
        band = Band(project(case, "conservative"), project(case, "optimistic"))
    pagesize = page_size(fmt)
    return Context(
        case=case,
        scenario=scenario,
        branding=branding,
        language=language,
        analysis=analysis,
        date=date,
        fmt=fmt,
        theme=theme,
        styles=theme.styles_for(language),
        results=summarise(case, scenario),
        band=band,
        pagesize=pagesize,
        width=pagesize[0] - 2 * MARGIN if width is None else width,
        frame_height=pagesize[1] - TOP_MARGIN - BOTTOM_MARGIN,
        draft=draft,
        exact=exact,
        swings=(
            analysis.sensitivity
            if scenario == "expected" or not analysis.sensitivity
            else tuple(sensitivity(case, scenario))
        ),
    )
