"""The dashboard: the PDF's own charts, the likely range and the qualification (rep only)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from calculators.analysis import analyse
from calculators.formatting import Formatter
from calculators.qualification import qualify
from calculators.simulation import simulate
from calculators.storage import load
from desktop.shared_charts import chart_images
from desktop.theme import apply_theme
from tests.conftest import EXAMPLES
from tests.desktop.conftest import settle

pytestmark = pytest.mark.gui


def colours(image: QImage, step: int = 7) -> int:
    seen = set()
    for x in range(0, image.width(), step):
        for y in range(0, image.height(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_the_report_charts_render_in_qt() -> None:
    case = load(EXAMPLES / "acme-order-automation.coi")
    images = chart_images(case, analyse(case), "en")
    assert [i.key for i in images] == ["cumulative", "by_driver", "timing", "tornado", "range"]
    for image in images:
        assert b"<clipPath" not in image.svg  # QtSvg would paint it as a black box
        assert b"None" not in image.svg  # "fill: None" would fill lines in black
        renderer = QSvgRenderer(image.svg)
        assert renderer.isValid(), image.key
        assert renderer.defaultSize().width() > 0


def test_dashboard_shows_range_charts_and_qualification(qtbot: Any, window: Any) -> None:
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    settle(qtbot, window)
    case = window.document.case
    dashboard = window.dashboard
    fmt = Formatter(case.locale, case.currency)
    p = simulate(case).cost_to_deadline
    assert fmt.money(p.p10) in dashboard.range.text()
    assert fmt.money(p.p90) in dashboard.range.text()
    assert set(dashboard.chart_widgets) == {"cumulative", "by_driver", "timing", "tornado", "range"}
    _title, chart, _caption = dashboard.chart_widgets["cumulative"]
    dashboard.ensureWidgetVisible(chart)
    assert colours(chart.grab().toImage()) > 5  # Qt really drew the chart
    verdict = qualify(case)
    assert dashboard.verdict.text()
    for reason in verdict.reasons:
        assert reason.message in dashboard.reasons.text()
    assert dashboard.delay.value.text() == fmt.money(
        window.results.get(case).solution.cost_of_delay_per_month
    )


def test_delay_tile_says_waiting_gains_when_the_solution_costs_more_than_it_removes(
    qtbot: Any, window: Any
) -> None:
    from tests.desktop.conftest import field_of

    window.files.open_example(EXAMPLES / "northwind-legacy-erp.coi")
    tile = window.dashboard.delay
    planned = "Each month after the planned {}".format(
        Formatter("en_US", "USD").date(window.document.case.deadline).replace(" ", "\u00a0")
    )
    assert tile.caption.text() == planned + " costs"
    window.outline.select("solution")
    for key, text in (("investment", "10000000"), ("recurring_cost", "100000")):
        line = field_of(window, key).expected
        line.setFocus()
        line.selectAll()
        qtbot.keyClicks(line, text)
    case = window.document.case
    delay = window.results.get(case).solution.cost_of_delay_per_month
    assert delay < 0
    fmt = Formatter(case.locale, case.currency)
    assert tile.caption.text() == planned + " gains"
    assert tile.value.text() == fmt.money(-delay)  # no minus sign under "gains"
    assert tile.value.accessibleName() == planned + " gains"

    window.commands["undo"].trigger()
    assert tile.caption.text() == planned + " costs"
    assert window.results.get(window.document.case).solution.cost_of_delay_per_month > 0


def test_dashboard_marks_background_figures_stale_while_typing(qtbot: Any, window: Any) -> None:
    from tests.desktop.conftest import field_of

    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    settle(qtbot, window)
    assert window.dashboard.range.isEnabled()
    window.outline.select("driver:0")
    line = field_of(window, "hourly_cost").expected
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "50")
    assert not window.dashboard.range.isEnabled()  # last range shown, greyed until redone
    settle(qtbot, window)
    assert window.dashboard.range.isEnabled()


def test_dark_theme_is_readable(qtbot: Any, window: Any) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    window.files.open_example(EXAMPLES / "acme-order-automation.coi")
    try:
        apply_theme(app, "dark")
        settle(qtbot, window)
        palette = window.dashboard.headline.palette()
        text = palette.color(palette.ColorRole.WindowText)
        background = palette.color(palette.ColorRole.Window)
        assert text.lightness() - background.lightness() > 120
        image = window.grab().toImage()
        assert colours(image, 11) > 10
        assert "fieldMessage" in app.styleSheet()
    finally:
        apply_theme(app, "system")
