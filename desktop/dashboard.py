"""The live dashboard: what waiting costs, how sure it is, and whether to pursue the deal.

``show_results`` runs on every edit (synchronous, cheap); ``show_analysis`` when the
background job delivers the simulation, sensitivity and qualification for a snapshot.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from calculators.engine import Results
from calculators.formatting import Formatter
from calculators.i18n import _, ngettext
from desktop.charts import SvgChart
from desktop.compute import Background
from desktop.shared_charts import ChartImage


def verdict_text(verdict: str) -> str:
    return {
        "strong": _("Strong: a real need to act"),
        "weak": _("Weak: needs more work"),
        "no compelling need": _("No compelling need"),
    }.get(verdict, verdict)


def _caption(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("caption")
    label.setWordWrap(True)
    return label


def _section(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("sectionTitle")
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    label.setContentsMargins(0, 10, 0, 2)
    return label


class Tile(QFrame):
    """A small figure with its caption."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        self.caption = _caption(caption, self)
        self.value = QLabel("—", self)
        self.value.setObjectName(name)
        self.value.setAccessibleName(caption)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.value.setFont(font)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set(self, text: str, caption: str | None = None) -> None:
        self.value.setText(text)
        if caption is not None:
            self.caption.setText(caption)
            self.value.setAccessibleName(caption)


class Dashboard(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        body.setObjectName("dashboardBody")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(6)
        self._add_headline(body, layout)
        self._add_tiles(body, layout)
        self.charts_box = QVBoxLayout()
        self.charts_box.setSpacing(4)
        layout.addLayout(self.charts_box)
        self.chart_widgets: dict[str, tuple[QLabel, SvgChart, QLabel]] = {}
        self.charts_note = _caption(_("Drawing the charts…"), body)
        self.charts_box.addWidget(self.charts_note)
        self.qualification = self._qualification_panel(body)
        layout.addSpacing(10)
        layout.addWidget(self.qualification)
        self.notice = _caption("", body)
        self.notice.setObjectName("notice")
        layout.addWidget(self.notice)
        layout.addStretch(1)
        self.results: Results | None = None
        self.analysis: Background | None = None

    def _add_headline(self, body: QWidget, layout: QVBoxLayout) -> None:
        """What doing nothing costs until the decision date, and its likely range."""
        self.headline_caption = _caption("", body)
        self.headline = QLabel("—", body)
        self.headline.setObjectName("headline")
        self.headline.setAccessibleName(_("Cost of inaction until the decision date"))
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.headline.setFont(font)
        self.range = QLabel("", body)
        self.range.setObjectName("range")
        self.range.setWordWrap(True)
        self.range.setAccessibleName(_("Likely range"))
        layout.addWidget(self.headline_caption)
        layout.addWidget(self.headline)
        layout.addWidget(self.range)

    def _add_tiles(self, body: QWidget, layout: QVBoxLayout) -> None:
        """The cost per period, and what the solution returns (when there is one)."""
        grid = QGridLayout()
        grid.setSpacing(8)
        self.per_month = Tile(_("Per month"), "perMonth", body)
        self.per_week = Tile(_("Per week"), "perWeek", body)
        self.per_day = Tile(_("Per day"), "perDay", body)
        self.over_horizon = Tile(_("Over the horizon"), "overHorizon", body)
        for column, tile in enumerate(
            (self.per_month, self.per_week, self.per_day, self.over_horizon)
        ):
            grid.addWidget(tile, 0, column)
        self.delay = Tile(_("Each month of delay costs"), "costOfDelay", body)
        self.npv = Tile(_("Net present value"), "npv", body)
        self.roi = Tile(_("Return on investment"), "roi", body)
        self.payback = Tile(_("Payback"), "payback", body)
        for column, tile in enumerate((self.delay, self.npv, self.roi, self.payback)):
            grid.addWidget(tile, 1, column)
        self.avoidable = Tile(_("Avoidable until the decision date"), "avoidable", body)
        self.avoidable_month = Tile(_("Avoidable per month"), "avoidablePerMonth", body)
        self.cash_npv = Tile(_("Net present value, cash benefits only"), "cashNpv", body)
        self.break_even = Tile(_("Pays off from this share of the benefits"), "breakEven", body)
        for column, tile in enumerate(self._plan_tiles()):
            grid.addWidget(tile, 2, column)
        layout.addLayout(grid)
        self.one_time = _caption("", body)
        self.one_time.setObjectName("oneTime")
        layout.addWidget(self.one_time)
        self.no_solution = _caption(
            _("Add a solution to see the cost of each month of delay, NPV, ROI and payback."),
            body,
        )
        layout.addWidget(self.no_solution)

    def _plan_tiles(self) -> tuple[Tile, ...]:
        return (self.avoidable, self.avoidable_month, self.cash_npv, self.break_even)

    def _qualification_panel(self, body: QWidget) -> QFrame:
        """The verdict for the rep (never part of the PDF)."""
        panel = QFrame(body)
        panel.setObjectName("qualification")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        q_layout = QVBoxLayout(panel)
        q_layout.setContentsMargins(12, 8, 12, 10)
        title = _section(_("Qualification"), panel)
        title.setContentsMargins(0, 0, 0, 0)
        q_layout.addWidget(title)
        q_layout.addWidget(_caption(_("Only you see this; it is never part of the PDF."), panel))
        self.verdict = QLabel("…", panel)
        self.verdict.setObjectName("verdict")
        self.verdict.setAccessibleName(_("Qualification verdict"))
        verdict_font = QFont(self.verdict.font())
        verdict_font.setBold(True)
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 1.2)
        self.verdict.setFont(verdict_font)
        q_layout.addWidget(self.verdict)
        self.reasons = QLabel("", panel)
        self.reasons.setObjectName("reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        q_layout.addWidget(self.reasons)
        return panel

    # -- fast path -------------------------------------------------------------------------
    def show_results(self, results: Results) -> None:
        self.results = results
        case = results.case
        projection = results.projection
        fmt = Formatter(case.locale, case.currency)
        self.headline_caption.setText(
            _("Doing nothing until {deadline} costs {buyer}").format(
                deadline=fmt.date(case.deadline), buyer=case.buyer.company
            )
        )
        self.headline.setText(fmt.money(projection.cost_to_deadline))
        self.per_month.set(fmt.money(projection.cost_per_month))
        self.per_week.set(fmt.money(projection.cost_per_week))
        self.per_day.set(fmt.money(projection.cost_per_day))
        self.over_horizon.set(
            fmt.money(projection.cost_over_horizon),
            ngettext("Over {n} month", "Over {n} months", projection.horizon).format(
                n=projection.horizon
            ),
        )
        solution = results.solution
        has_solution = solution is not None
        for tile in (self.delay, self.npv, self.roi, self.payback, *self._plan_tiles()):
            tile.setVisible(has_solution)
        self._show_one_time(results, fmt)
        self.no_solution.setVisible(not has_solution)
        if solution is not None:
            delay = solution.cost_of_delay_per_month
            deadline = fmt.date(case.deadline).replace(" ", "\u00a0")  # never split a date
            self.delay.set(
                fmt.money(abs(delay)),
                _("Each month after the planned {deadline} costs").format(deadline=deadline)
                if delay >= 0
                else _("Each month after the planned {deadline} gains").format(deadline=deadline),
            )
            self.npv.set(fmt.money(solution.npv), _("Net present value, all benefits"))
            self._show_plan(results, fmt)
            self.roi.set("—" if solution.roi is None else fmt.percent(solution.roi))
            self.payback.set(
                _("not within the horizon")
                if solution.payback_months is None
                else _("{months} months").format(months=fmt.decimal(solution.payback_months, 1))
            )
        self._mark_analysis_stale()

    def _show_plan(self, results: Results, fmt: Formatter) -> None:
        """The avoidable part, the cash-only NPV and the break-even share."""
        projection = results.projection
        solution = results.solution
        assert solution is not None
        self.avoidable.set(fmt.money(projection.avoidable_to_deadline))
        self.avoidable_month.set(fmt.money(projection.avoidable_per_month))
        cash = solution.cash_only
        self.cash_npv.set("—" if cash is None else fmt.money(cash.npv))
        even = solution.break_even
        share = None if even is None else even.benefit_share
        self.break_even.set("—" if share is None else fmt.percent(share))

    def _show_one_time(self, results: Results, fmt: Formatter) -> None:
        """The one-time amounts the run rates leave out, as one line."""
        found = results.projection.one_time
        self.one_time.setVisible(bool(found))
        items = "; ".join(
            _("{amount} on {date} ({driver})").format(
                date=fmt.date(o.date), driver=o.driver, amount=fmt.money(o.amount)
            )
            for o in found
        )
        self.one_time.setText(
            _("Left out of the run rates, one-time amounts: {items}").format(items=items)
            if found
            else ""
        )

    # -- background path -------------------------------------------------------------------
    def _mark_analysis_stale(self) -> None:
        current = self.results.case if self.results else None
        fresh = self.analysis is not None and self.analysis.case is current
        self.range.setEnabled(fresh)
        self.reasons.setEnabled(fresh)
        self.verdict.setEnabled(fresh)
        for _title, chart, _caption_label in self.chart_widgets.values():
            chart.setEnabled(fresh)
        if self.analysis is None:
            self.range.setText(_("Working out the likely range…"))

    def show_analysis(self, analysis: Background) -> None:
        self.analysis = analysis
        case = analysis.case
        fmt = Formatter(case.locale, case.currency)
        simulation = analysis.simulation
        if simulation is None:
            self.range.setText(_("The likely range is not available."))
        elif simulation.ranged_inputs == 0:
            self.range.setText(
                _("No input has a low–high range yet, so there is no range to show.")
            )
        else:
            p = simulation.cost_to_deadline
            self.range.setText(
                ngettext(
                    "Likely range {low} – {high} (P10–P90 of {n} simulation); the most "
                    "likely figure lies at P{percentile}, the mean is {mean}",
                    "Likely range {low} – {high} (P10–P90 of {n} simulations); the most "
                    "likely figure lies at P{percentile}, the mean is {mean}",
                    simulation.samples,
                ).format(
                    low=fmt.money(p.p10),
                    high=fmt.money(p.p90),
                    n=fmt.decimal(Decimal(simulation.samples), 0),
                    percentile=fmt.decimal(p.most_likely_percentile, 0),
                    mean=fmt.money(p.mean),
                )
            )
        qualification = analysis.qualification
        if qualification is None:
            self.verdict.setText(_("Not available"))
            self.reasons.setText("")
        else:
            self.verdict.setText(verdict_text(qualification.verdict))
            self.verdict.setProperty("verdict", qualification.verdict.replace(" ", "-"))
            self.verdict.style().unpolish(self.verdict)
            self.verdict.style().polish(self.verdict)
            self.reasons.setText(
                "\n".join(
                    ("✓ " if reason.passed else "✗ ") + reason.message
                    for reason in qualification.reasons
                )
            )
        self._show_charts(analysis.charts)
        self.notice.setText("\n".join(analysis.problems))
        self._mark_analysis_stale()

    def _show_charts(self, images: tuple[ChartImage, ...]) -> None:
        parent = self.widget()
        assert parent is not None
        wanted = [image.key for image in images]
        for key in list(self.chart_widgets):
            if key not in wanted:
                for part in self.chart_widgets.pop(key):
                    self.charts_box.removeWidget(part)
                    part.deleteLater()
        for position, image in enumerate(images):
            if image.key not in self.chart_widgets:
                title = _section(image.title, parent)
                chart = SvgChart(image.title, parent)
                chart.setObjectName(f"chart_{image.key}")
                caption = _caption(image.caption, parent)
                self.chart_widgets[image.key] = (title, chart, caption)
            title, chart, caption = self.chart_widgets[image.key]
            parts: tuple[QWidget, ...] = (title, chart, caption)
            for offset, piece in enumerate(parts):
                self.charts_box.insertWidget(1 + 3 * position + offset, piece)
            title.setText(image.title)
            caption.setText(image.caption)
            chart.set_svg(image.svg, image.caption)
        self.charts_note.setVisible(not images)
        if not images:
            self.charts_note.setText(_("The charts are not available."))

    def show_analysis_error(self, message: str) -> None:
        self.notice.setText(message)
