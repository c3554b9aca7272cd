"""Shows the report's chart drawings (SVG) on a paper-white card at the width available.

The drawings are made for the page, so they keep a white background in a dark theme too; the
card's frame follows the palette. Text in the SVG names the report's registered font
("COI-Sans"), which is mapped to the same bundled DejaVu Sans file here.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPalette, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from calculators.resources import resource_path

PAD = 10


@lru_cache(maxsize=1)
def register_report_fonts() -> bool:
    """Make the report's font names resolve to the bundled files in Qt (once)."""
    loaded = False
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        try:
            path = resource_path("fonts", name)
        except FileNotFoundError:
            continue
        if path.is_file() and QFontDatabase.addApplicationFont(str(path)) >= 0:
            loaded = True
    family = "DejaVu Sans" if loaded else QFont().defaultFamily()
    for alias in ("COI-Sans", "COI-Sans-Bold", "COI-CJK", "COI-Hangul"):
        QFont.insertSubstitution(alias, family)
    return loaded


class SvgChart(QWidget):
    """One chart: keeps the drawing's aspect ratio, scales to the width."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.renderer = QSvgRenderer(self)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.svg = b""

    def set_svg(self, data: bytes, description: str = "") -> None:
        register_report_fonts()
        if data == self.svg:
            return
        self.svg = data
        self.renderer.load(QByteArray(data))
        self.setAccessibleDescription(description)
        self.updateGeometry()
        self.update()

    def _ratio(self) -> float:
        size = self.renderer.defaultSize()
        if not self.renderer.isValid() or size.width() <= 0:
            return 0.42
        return size.height() / size.width()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round((width - 2 * PAD) * self._ratio()) + 2 * PAD

    def sizeHint(self) -> QSize:
        return QSize(480, self.heightForWidth(480))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.heightForWidth(160))

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        frame = QColor(self.palette().color(QPalette.ColorRole.Mid))
        painter.setPen(QPen(frame, 1))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(card, 6, 6)
        if not self.renderer.isValid():
            return  # an empty card until the chart arrives
        target = QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD)
        height = target.width() * self._ratio()
        target.setHeight(min(height, target.height()))
        self.renderer.render(painter, target)
        if not self.isEnabled():
            veil = QColor("#FFFFFF")
            veil.setAlphaF(0.45)
            painter.fillRect(card, veil)
