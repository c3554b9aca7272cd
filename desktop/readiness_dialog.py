"""Before an export: what stands between the case and a PDF the buyer may see.

The dialog lists the readiness items (``calculators.readiness.check``), blocking ones first,
each a button that closes the dialog and takes the rep to its field. "Fix" goes to the first
blocking item; "Export as draft" writes the PDF anyway, marked DRAFT on every page. It opens
through the dialog service (``desktop.dialogs``), so tests drive it without blocking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from calculators.i18n import _, ngettext

if TYPE_CHECKING:
    from calculators.readiness import Item

ReadinessAction = Literal["fix", "draft", "cancel"]


@dataclass(frozen=True)
class ReadinessChoice:
    """What the rep chose: go to the field at ``path`` ("fix"), a draft, or nothing."""

    action: ReadinessAction
    path: str = ""


class ItemLink(QLabel):
    """One item: wrapped text that acts as a link (a click, Enter or Space) to its field."""

    clicked = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContentsMargins(4, 3, 4, 3)
        self.setStyleSheet("color: palette(link);")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class ReadinessDialog(QDialog):
    """The readiness list with "Fix", "Export as draft" and "Cancel"."""

    def __init__(self, items: Sequence[Item], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readinessDialog")
        self.setWindowTitle(_("Not ready to send"))
        self.choice = ReadinessChoice("cancel")
        self.items = list(items)
        blocking = [item for item in self.items if item.blocking]
        layout = QVBoxLayout(self)
        heading = QLabel(
            ngettext(
                "{count} thing must be fixed before the buyer sees this case:",
                "{count} things must be fixed before the buyer sees this case:",
                len(blocking),
            ).format(count=len(blocking)),
            self,
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        rows = QVBoxLayout(body)
        rows.setSpacing(2)
        self.item_buttons: list[ItemLink] = []
        warnings_shown = False
        for item in self.items:
            if not item.blocking and not warnings_shown:
                rows.addWidget(QLabel(_("Worth a look as well:"), body))
                warnings_shown = True
            rows.addWidget(self._item_button(item, body))
        rows.addStretch(1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(self)
        self.fix_button = buttons.addButton(_("Fix"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.draft_button = buttons.addButton(
            _("Export as draft"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.draft_button.setToolTip(_("Write the PDF anyway, marked DRAFT on every page"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.fix_button.clicked.connect(lambda: self._choose("fix", blocking[0].path))
        self.draft_button.clicked.connect(lambda: self._choose("draft"))
        buttons.rejected.connect(self.reject)
        self.fix_button.setDefault(True)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def _item_button(self, item: Item, parent: QWidget) -> ItemLink:
        mark = "⚠" if item.blocking else "•"
        link = ItemLink(f"{mark} {item.message}", parent)
        link.setObjectName("readinessItem")
        link.setToolTip(_("Go to {field}").format(field=item.path))
        link.setAccessibleName(item.message)
        link.setAccessibleDescription(_("Go to {field}").format(field=item.path))
        link.clicked.connect(lambda path=item.path: self._choose("fix", path))
        self.item_buttons.append(link)
        return link

    def _choose(self, action: ReadinessAction, path: str = "") -> None:
        self.choice = ReadinessChoice(action, path)
        self.accept()
