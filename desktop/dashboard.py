"""The live dashboard: what waiting costs, how sure it is, and whether to pursue the deal.

``show_results`` runs on every edit (synchronous, cheap); ``show_analysis`` when the
background job delivers the simulation, sensitivity and qualification for a snapshot.

It fits the width it is given: the headline stays at the top while the rest scrolls under it
(and shrinks its font rather than being cut off), the tiles reflow from four to two per row,
the charts scale, and a scroll bar appears when the content is taller than the pane.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
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
from desktop.language import ui_date
from desktop.plain import plain
from desktop.shared_charts import ChartImage

MIN_COLUMNS = 2
MAX_COLUMNS = 4


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
    plain(label)
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

    def __init__(self, caption: str, name: str, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setToolTip(tip)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        self.caption = _caption(caption, self)
        self.value = QLabel("—", self)
        self.value.setObjectName(name)
        self.value.setAccessibleName(caption)
        self.value.setAccessibleDescription(tip)
        plain(self.value)
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

    def needed_width(self) -> int:
        """The width the value needs without being cut (the caption wraps)."""
        margins = self.contentsMargins().left() + self.contentsMargins().right()
        return self.value.sizeHint().width() + margins + 22


class TileGrid(QWidget):
    """Tiles in rows of two to four, as many as the width takes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.tiles: list[Tile] = []
        self.columns = 0

    def add(self, tile: Tile) -> None:
        self.tiles.append(tile)
        self.reflow(self.width(), force=True)

    def reflow(self, width: int, force: bool = False) -> None:
        shown = [tile for tile in self.tiles if not tile.isHidden()]
        needed = max((tile.needed_width() for tile in shown), default=1)
        spacing = self.grid.horizontalSpacing()
        fits = (width + spacing) // max(needed + spacing, 1)
        columns = max(MIN_COLUMNS, min(MAX_COLUMNS, fits))
        if columns == self.columns and not force:
            return
        self.columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for position, tile in enumerate(shown):
            self.grid.addWidget(tile, *divmod(position, columns))
        for column in range(MAX_COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.grid.invalidate()


class Dashboard(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop without a visible focus
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        body = QWidget(self)
        body.setObjectName("dashboardBody")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 4, 16, 16)
        layout.setSpacing(6)
        # The headline sits in the scroll area's top margin: always visible while editing.
        self.header = QWidget(self)
        self.header.setObjectName("dashboardHeader")
        self.header.setAutoFillBackground(True)
        header_layout = QVBoxLayout(self.header)
        header_layout.setContentsMargins(16, 12, 16, 6)
        header_layout.setSpacing(2)
        self._add_headline(self.header, header_layout)
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
        self.headline_points = font.pointSizeF()
        plain(self.headline)
        self.range = QLabel("", body)
        self.range.setObjectName("range")
        self.range.setWordWrap(True)
        self.range.setAccessibleName(_("Likely range"))
        self.range.setToolTip(
            _("P10–P90: nine in ten simulated outcomes of the low–high estimates lie in it.")
        )
        plain(self.range)
        layout.addWidget(self.headline_caption)
        layout.addWidget(self.headline)
        layout.addWidget(self.range)

    def _add_tiles(self, body: QWidget, layout: QVBoxLayout) -> None:
        """The cost per period, and what the solution returns (when there is one)."""
        self.tiles = TileGrid(body)
        run_rate = _(
            "The status quo's recurring cost in the first twelve months, spread evenly; "
            "one-time amounts are listed below the tiles."
        )
        self.per_month = Tile(_("Per month"), "perMonth", run_rate, body)
        self.per_week = Tile(_("Per week"), "perWeek", run_rate, body)
        self.per_day = Tile(_("Per day"), "perDay", run_rate, body)
        self.over_horizon = Tile(
            _("Over the horizon"),
            "overHorizon",
            _("What the status quo costs over the whole horizon of the case."),
            body,
        )
        self.delay = Tile(
            _("Each month of delay costs"),
            "costOfDelay",
            _("Cost of delay: the net value lost by deciding one month later than planned."),
            body,
        )
        self.npv = Tile(
            _("Net present value"),
            "npv",
            _("NPV: the solution's benefits minus its costs, discounted; above zero it pays."),
            body,
        )
        self.roi = Tile(
            _("Return on investment"),
            "roi",
            _("What the solution returns over the horizon for each unit it costs."),
            body,
        )
        self.payback = Tile(
            _("Payback"),
            "payback",
            _("Months until the solution's savings have repaid its costs."),
            body,
        )
        self.avoidable = Tile(
            _("Avoidable until the decision date"),
            "avoidable",
            _("The part of the status quo's cost the solution addresses (addressable shares)."),
            body,
        )
        self.avoidable_month = Tile(
            _("Avoidable per month"),
            "avoidablePerMonth",
            _("The addressable part of the recurring cost per month."),
            body,
        )
        self.cash_npv = Tile(
            _("Net present value, cash benefits only"),
            "cashNpv",
            _("The NPV counting only spend that stops (cash), not time freed or risk."),
            body,
        )
        self.break_even = Tile(
            _("Pays off from this share of the benefits"),
            "breakEven",
            _("The solution pays off as long as it delivers at least this share."),
            body,
        )
        for tile in (self.per_month, self.per_week, self.per_day, self.over_horizon):
            self.tiles.add(tile)
        for tile in (self.delay, self.npv, self.roi, self.payback, *self._plan_tiles()):
            self.tiles.add(tile)
        layout.addWidget(self.tiles)
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
        plain(self.verdict)
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
                deadline=ui_date(case.deadline, case.locale), buyer=case.buyer.company
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
        self.tiles.reflow(self.viewport().width() - 32, force=True)
        if solution is not None:
            delay = solution.cost_of_delay_per_month
            deadline = ui_date(case.deadline, case.locale).replace(" ", "\u00a0")  # whole, UI words
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
        self._place_header()

    # -- fitting the width -----------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_header()
        super().resizeEvent(event)
        self.tiles.reflow(self.viewport().width() - 32)

    def _place_header(self) -> None:
        """Keep the headline in the top margin, its font small enough for the width."""
        width = self.width()
        margins = self.header.layout().contentsMargins()  # type: ignore[union-attr]
        room = width - margins.left() - margins.right()
        font = QFont(self.headline.font())
        points = self.headline_points
        font.setPointSizeF(points)
        minimum = points * 0.55
        while QFontMetrics(font).horizontalAdvance(self.headline.text()) > room and (
            font.pointSizeF() > minimum
        ):
            font.setPointSizeF(font.pointSizeF() * 0.92)
        if font.pointSizeF() != self.headline.font().pointSizeF():
            self.headline.setFont(font)
        height = self.header.layout().totalHeightForWidth(width)  # type: ignore[union-attr]
        self.setViewportMargins(0, height, 0, 0)
        self.header.setGeometry(0, 0, width, height)

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
                date=ui_date(o.date, fmt.locale), driver=o.driver, amount=fmt.money(o.amount)
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
                    [("✓ " if r.passed else "✗ ") + r.message for r in qualification.reasons]
                    + ["→ " + _("Next: {step}").format(step=s) for s in qualification.next_steps]
                )
            )
        self._show_charts(analysis.charts)
        self.notice.setText("\n".join(analysis.problems))
        self._mark_analysis_stale()
        self._place_header()

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
