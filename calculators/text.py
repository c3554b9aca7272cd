"""Text from a case file made safe to show, the same way in the app, the CLI and the PDF.

Case files travel between reps. A name holding U+202E (RIGHT-TO-LEFT OVERRIDE) shows
"gnp.exe" as "exe.png" in the app (Qt applies the override) but in logical order in the PDF
(reportlab does not): the same case would read differently on screen and on paper. Control
characters (ESC sequences, BEL, NUL) can retitle a terminal or vanish in one place and show
as boxes in another.

:func:`neutralise` replaces them with U+FFFD, visibly, so that every view shows the same
characters. The case model applies it to every text field when a case is validated (file,
app edit, team template), and the PDF and the CLI apply it again to whatever else they show
(settings, messages). Tab, line feed and carriage return stay (narratives have paragraphs);
harmless marks (LRM/RLM, zero-width joiners) stay.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

# C0 controls except tab, line feed, carriage return; DEL and C1 controls; bidi embeddings,
# overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def neutralise(text: str) -> str:
    """``text`` with control characters and bidi overrides replaced by U+FFFD."""
    if text.isprintable() and not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(REPLACEMENT, text)
