"""The start page: situation templates, bundled examples and recent files, as clickable cards.

It is the first thing on screen, so it is kept light: it reads the templates' titles as
plain JSON (no case model) and touches no Qt enum namespace (creating PySide6's ``Qt``
namespace alone costs about 15 ms).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QSize, Signal, SignalInstance
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from calculators.i18n import _
from calculators.resources import resource_path
from calculators.templates import shown_title
from desktop.plain import plain_once, plain_tip


@dataclass(frozen=True)
class Entry:
    name: str
    description: str
    path: Path


@lru_cache(maxsize=4)
def _titles(folder: str) -> tuple[tuple[Path, str, str], ...]:
    """(path, title, buyer) of each case in ``folder``, read as plain JSON (fast)."""
    found = []
    for path in sorted(resource_path(folder).glob("*.coi")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            title = str(data.get("title") or "")
            buyer = data.get("buyer") or {}
            company = str(buyer.get("company") or "") if isinstance(buyer, dict) else ""
        except (OSError, ValueError):
            continue
        found.append((path, title, company))
    return tuple(found)


def _split_title(title: str) -> tuple[str, str]:
    """ "Name: what it is" -> ("Name", "what it is"); a full-width colon counts too."""
    for separator in (": ", "："):
        name, _sep, rest = title.partition(separator)
        if rest.strip():
            return name.strip(), rest.strip()
    return title, ""


def listing(folder: str) -> tuple[Entry, ...]:
    """Templates/examples with their titles in the app's language (files read only once)."""
    entries = []
    for path, original, company in _titles(folder):
        title = shown_title(original)
        name, rest = _split_title(title)
        if rest:  # "Compliance deadline: the cost of ..." (the templates)
            entries.append(Entry(name, rest[:1].upper() + rest[1:], path))
        elif company:  # a finished case (the examples): who it is for, and its title
            entries.append(Entry(company, title, path))
        else:
            entries.append(Entry(path.stem.replace("-", " ").capitalize(), title, path))
    return tuple(entries)


class Card(QPushButton):
    """One template, example or recent file: name on the first line, what it is below."""

    def __init__(self, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.entry = entry
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        name = QLabel(entry.name, self)
        font = QFont(name.font())
        font.setBold(True)
        name.setFont(font)
        layout.addWidget(name)
        plain_once(name)  # a card's texts never change
        if entry.description:
            description = QLabel(entry.description, self)
            description.setObjectName("caption")
            description.setWordWrap(True)
            plain_once(description)
            layout.addWidget(description)
        self.setAccessibleName(entry.name)
        self.setAccessibleDescription(entry.description)
        self.setToolTip(plain_tip(str(entry.path)))
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # The labels inside decide the size (a push button's own hint knows only its text).
    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout is not None else -1


class Column(QFrame):
    """A titled, scrollable column of cards."""

    def __init__(self, title: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(title, self)
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        note = QLabel(caption, self)
        note.setObjectName("caption")
        note.setWordWrap(True)
        self.area = QScrollArea(self)
        self.area.setObjectName("cards")
        self.area.setWidgetResizable(True)
        self.area.setAccessibleName(title)
        self.body = QWidget(self.area)
        self.body.setObjectName("cardsBody")
        self.cards_layout = QVBoxLayout(self.body)
        self.cards_layout.setContentsMargins(2, 2, 2, 2)
        self.cards_layout.setSpacing(6)
        self.cards_layout.addStretch(1)
        self.area.setWidget(self.body)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.area, 1)
        self.cards: list[Card] = []
        self.empty = QLabel("", self.body)
        self.empty.setObjectName("caption")
        self.cards_layout.insertWidget(0, self.empty)
        self.empty.hide()

    def add(self, card: Card) -> None:
        self.cards_layout.insertWidget(len(self.cards), card)
        self.cards.append(card)

    def clear(self) -> None:
        for card in self.cards:
            self.cards_layout.removeWidget(card)
            card.deleteLater()
        self.cards = []

    def show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.empty.setVisible(bool(text))


class StartPage(QWidget):
    template_chosen = Signal(object)  # Path
    example_chosen = Signal(object)  # Path
    recent_chosen = Signal(object)  # Path
    open_requested = Signal()
    pipeline_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 32)
        outer.setSpacing(12)
        title = QLabel(_("Cost of Inaction"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            _("Show a buyer what doing nothing costs them, and turn it into a business case."),
            self,
        )
        subtitle.setObjectName("caption")
        subtitle.setWordWrap(True)
        outer.addWidget(title)
        outer.addWidget(subtitle)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        self.templates = Column(
            _("Start from a situation"),
            _("A complete example case for a common situation; the dates move to next month."),
            self,
        )
        self.examples = Column(_("Examples"), _("Finished cases to look at or copy from."), self)
        self.recent = Column(_("Recent files"), _("Cases you opened lately."), self)
        for column in (self.templates, self.examples, self.recent):
            columns.addWidget(column, 1)
        outer.addLayout(columns, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(_("Open a case file…"), self)
        self.open_button.setObjectName("openButton")
        self.open_button.clicked.connect(self.open_requested.emit)
        buttons.addWidget(self.open_button)
        self.pipeline_button = QPushButton(_("Your Pipeline…"), self)
        self.pipeline_button.setObjectName("pipelineButton")
        self.pipeline_button.setToolTip(_("All the cases in your cases folder, ranked"))
        self.pipeline_button.clicked.connect(self.pipeline_requested.emit)
        buttons.addWidget(self.pipeline_button)
        buttons.addStretch(1)
        hint = QLabel(_("You can also drop a .coi file onto this window."), self)
        hint.setObjectName("caption")
        buttons.addWidget(hint)
        outer.addLayout(buttons)
        self._last_choice: tuple[str, int] = ("", -10_000)
        self._clock = QElapsedTimer()
        self._clock.start()
        for entry in listing("templates"):
            self._add(self.templates, entry, self.template_chosen)
        for entry in listing("examples"):
            self._add(self.examples, entry, self.example_chosen)

    def _add(self, column: Column, entry: Entry, signal: SignalInstance) -> None:
        card = Card(entry, column.body)
        card.clicked.connect(lambda _checked=False: self._choose(entry.path, signal))
        column.add(card)

    def _choose(self, path: Path, signal: SignalInstance) -> None:
        # A double click must not open the case twice.
        now = self._clock.elapsed()
        last_path, last_time = self._last_choice
        if last_path == str(path) and now - last_time < 800:
            return
        self._last_choice = (str(path), now)
        signal.emit(path)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for text in paths:
            path = Path(text)
            self._add(self.recent, Entry(path.name, str(path.parent), path), self.recent_chosen)
        self.recent.show_empty("" if paths else _("No recent files yet."))
