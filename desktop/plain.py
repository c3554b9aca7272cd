"""Text from a case or a file, shown as plain text: a title with ``<b>`` or ``<a href>`` in it
shows those characters, never bold text or a link (links appear only where the app makes them).

QLabel and tooltips guess whether a text is rich text; these helpers stop the guess.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain(*labels: QLabel) -> None:
    """Show each label's text literally."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setOpenExternalLinks(False)


def plain_tip(text: str) -> str:
    """``text`` as a tooltip that shows literally (a tooltip's format is always guessed)."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
