"""Text from a case or a file, shown as plain text: a title with ``<b>`` or ``<a href>`` in it
shows those characters, never bold text or a link (links appear only where the app makes them).

QLabel and tooltips guess whether a text is rich text; these helpers stop the guess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel


def plain(*labels: QLabel) -> None:
    """Show each label's text literally."""
    # Imported here: PySide builds the Qt namespace's enums on first import (~15 ms), which
    # the start page does without (benchmarks/bench_startup.py).
    from PySide6.QtCore import Qt

    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setOpenExternalLinks(False)


def plain_once(label: QLabel) -> None:
    """:func:`plain` for a label whose text is set once and never changes: only a text Qt could
    take for rich text (Qt::mightBeRichText looks for a tag, or "&lt;", in it) needs the
    switch. Leaving the others alone keeps the start page's cards clear of the Qt namespace."""
    text = label.text()
    if "<" in text or "&" in text:
        plain(label)


def plain_tip(text: str) -> str:
    """``text`` as a tooltip that shows literally (a tooltip's format is always guessed)."""
    if not text:
        return ""
    # html.escape without the html module (its entity table is a start-up cost of its own)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<qt>" + escaped.replace('"', "&quot;").replace("\n", "<br>") + "</qt>"
