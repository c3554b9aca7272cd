"""Window-wide keys that win over a text field's own bindings, and undo that follows the app.

A line edit claims some keys for itself before any shortcut sees them (on X11 Ctrl+E moves
to the end of the line, Ctrl+Z undoes the field's own text). :class:`WindowKeys` is an event
filter the window installs on the input widgets of each editor: for a key that belongs to a
window-wide command (declared with ``window_wide=True`` in :mod:`desktop.actions`) it keeps
the widget from claiming it, so Ctrl+E exports from any field. Undo and redo go to the app's
undo stack (every keystroke is already an app edit), unless the field holds text that is not
part of the case yet (a half-typed or refused value): then the field undoes its own text
first, and once it has nothing of its own left, Ctrl+Z undoes the last app edit.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

# Qt, QEvent, QKeySequence and the input widgets' classes are imported where they are used:
# the first import of each builds its Python enums (about 15 ms for the Qt namespace alone),
# which the start page does not need (benchmarks/bench_startup.py).
if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeySequence


def _watched() -> tuple[type[QWidget], ...]:
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit

    return (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


def _own_text_pending(widget: QObject) -> bool:
    """True when ``widget`` holds typed text that the case does not have yet."""
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from desktop.editors.numberline import NumberLine

    if isinstance(widget, NumberLine) and widget.pending():
        return True
    if not bool(widget.property("invalid")):
        return False
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit):
        return widget.document().isUndoAvailable()
    return False


Keys = Callable[[], "tuple[Iterable[QKeySequence], Iterable[QKeySequence]]"]


class WindowKeys(QObject):
    """``keys()`` -> (window-wide keys, undo and redo keys), read when a key is pressed."""

    def __init__(self, keys: Keys, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keys = keys

    def watch(self, root: QWidget) -> None:
        """Filter the keys of every input widget under ``root`` (once each)."""
        for kind in _watched():
            for widget in root.findChildren(kind):
                if not widget.property("windowKeys"):
                    widget.setProperty("windowKeys", True)
                    widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent, QKeySequence

        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        key = QKeySequence(event.keyCombination())
        window_keys, undo_keys = self.keys()
        if key in undo_keys:
            # True: the widget never sees the key, so the window's Undo/Redo shortcut runs.
            return not _own_text_pending(watched)
        return key in window_keys


def _tab_stops(root: QWidget) -> list[QWidget]:
    """The widgets under ``root`` that Tab stops at, in the order they were made.

    (Not by walking ``nextInFocusChain()``: under PySide 6 that walk reaches the menu bar's
    menus and their wrappers get deleted with it.)
    """
    from PySide6.QtCore import Qt

    return [
        widget
        for widget in root.findChildren(QWidget)
        if widget.window() is root.window()  # not in a popup (a date field's calendar)
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
    ]


def chain_tab_order(before: QWidget, root: QWidget, after: QWidget) -> None:
    """Tab goes from the last stop in ``before`` through the stops under ``root`` (an editor
    made after the window, so otherwise last in the focus chain) to the first in ``after``."""
    chain = [*_tab_stops(before)[-1:], *_tab_stops(root), *_tab_stops(after)[:1]]
    for current, following in itertools.pairwise(chain):
        QWidget.setTabOrder(current, following)
