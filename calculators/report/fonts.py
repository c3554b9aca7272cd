"""The report's fonts: bundled TrueType faces, registered once, chosen per run of text.

reportlab draws every string in exactly one font and has no fallback for missing glyphs, so
the report splits each string into runs by glyph coverage: DejaVu Sans for Latin, Greek,
Cyrillic and symbols; Droid Sans Fallback for Chinese and Japanese; NanumSquare for Korean
Hangul. The CJK faces are loaded only when a string needs them.

The CJK and Hangul fonts have no bold cut. Bold text in them is drawn "faux bold": filled and
stroked with a thin outline in the text colour (PDF text render mode 2), so a bold heading
in Japanese is as heavy as its bold Latin digits. In paragraphs the bold run names the alias
:data:`CJK_BOLD` or :data:`HANGUL_BOLD` (the same embedded font; ``document.py`` switches the
render mode when it sees the alias); on the canvas and in charts the text is drawn with
:func:`faux_bold` in mind.

A character no bundled font has (most emoji, rare symbols) is drawn with a stand-in glyph of
DejaVu Sans (a replacement mark, or nothing for invisible format characters) while the PDF's
text layer keeps the real character, so copying or extracting the text gives it back.

None of the 14 standard PDF fonts is ever used: every style, table and chart names these
fonts, and the canvas starts with them (see ``document.py``).
"""

from __future__ import annotations

import copy
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts

from calculators.resources import resource_path
from calculators.text import neutralise

SANS = "COI-Sans"
SANS_BOLD = "COI-Sans-Bold"
CJK = "COI-CJK"
HANGUL = "COI-Hangul"
CJK_BOLD = "COI-CJK-Bold"
HANGUL_BOLD = "COI-Hangul-Bold"
# The faux-bold aliases and the face each one draws with.
FAUX_BOLD = {CJK_BOLD: CJK, HANGUL_BOLD: HANGUL}
# Outline width of faux-bold text, as a share of the font size: a little under the stem
# weight DejaVu Sans Bold adds over DejaVu Sans, so that dense ideographs in small labels
# stay legible.
FAUX_BOLD_STROKE = 0.03

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumSquareR.ttf",
}

REPLACEMENT = "\ufffd"
_INVISIBLE_STANDIN = 0x200B  # zero-width space: DejaVu has it as an empty, zero-width glyph
_VISIBLE_STANDIN = 0xFFFD

_lock = threading.RLock()


@dataclass(frozen=True)
class Face:
    name: str
    coverage: frozenset[int]  # code points the font file really has


_faces: dict[str, Face] = {}


def _register(name: str) -> Face:
    with _lock:
        face = _faces.get(name)
        if face is not None:
            return face
        _install_tounicode_fix()
        font = ttfonts.TTFont(name, str(resource_path("fonts", _FILES[name])), validate=0)
        pdfmetrics.registerFont(font)
        face = Face(name, frozenset(font.face.charToGlyph))
        if name == SANS:
            addMapping(SANS, 0, 0, SANS)
            addMapping(SANS, 1, 0, _register(SANS_BOLD).name)
            addMapping(SANS, 0, 1, SANS)
            addMapping(SANS, 1, 1, SANS_BOLD)
        elif name != SANS_BOLD:
            # No bold or italic cut. The bold alias is registered under its own name but
            # reportlab maps it to this very font object (same face), so the PDF embeds one
            # subset for both; only the render mode differs (see the module's docstring).
            alias = _bold_alias(name)
            bold_font = copy.copy(font)
            bold_font.fontName = alias
            pdfmetrics.registerFont(bold_font)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(alias, bold, italic, alias)
                    addMapping(name, bold, italic, name)
        _faces[name] = face
        return face


def _bold_alias(name: str) -> str:
    return next(alias for alias, face in FAUX_BOLD.items() if face == name)


def faux_bold(face: str, bold: bool) -> bool:
    """Whether text in ``face`` must be drawn faux bold (a bold run in a face with no bold cut)."""
    return face in FAUX_BOLD or (bold and face in (CJK, HANGUL))


def register_base() -> None:
    """Register the Latin faces (cheap); the CJK faces follow when text needs them."""
    _register(SANS)
    _register(SANS_BOLD)


def _sans_coverage() -> frozenset[int]:
    register_base()
    return _both_weights()


@lru_cache(maxsize=1)
def _both_weights() -> frozenset[int]:
    return _faces[SANS].coverage & _faces[SANS_BOLD].coverage


# --- text hygiene ---------------------------------------------------------------------


def _bad(code: int) -> bool:
    """Characters that must not reach the PDF: C0/C1 controls, surrogates, non-characters."""
    if code in (0x09, 0x0A, 0x0D):
        return False
    if code < 0x20 or 0x7F <= code < 0xA0:
        return True
    if 0xD800 <= code <= 0xDFFF:
        return True
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def clean(text: str) -> str:
    """``text`` neutralised (:func:`calculators.text.neutralise`: controls and bidi overrides)
    and with lone surrogates and non-characters replaced by U+FFFD.

    Everything else (zero-width characters, LRM/RLM marks, emoji, any script) is kept.
    """
    if text.isprintable():
        return text
    return "".join(REPLACEMENT if _bad(ord(ch)) else ch for ch in neutralise(text))


# --- choosing fonts per run -----------------------------------------------------------


def _is_hangul(code: int) -> bool:
    return (
        0x1100 <= code <= 0x11FF
        or 0x3130 <= code <= 0x318F
        or 0xA960 <= code <= 0xA97F
        or 0xAC00 <= code <= 0xD7FF
    )


def _is_neutral(ch: str) -> bool:
    """Spaces, punctuation and combining marks: they stay in the font of the run around them."""
    category = unicodedata.category(ch)
    return category[0] in "ZPM" and not ch.isascii()


def _standin(code: int) -> None:
    """Make both DejaVu faces draw ``code`` with a stand-in glyph (text layer keeps ``code``)."""
    invisible = unicodedata.category(chr(code)) in ("Cf", "Mn", "Me")
    source = _INVISIBLE_STANDIN if invisible else _VISIBLE_STANDIN
    with _lock:
        for name in (SANS, SANS_BOLD):
            face = _faces[name]
            if code in face.coverage:
                continue
            font: Any = pdfmetrics.getFont(name)
            glyphs = font.face.charToGlyph
            if code in glyphs:
                continue
            font.face.charWidths[code] = font.face.charWidths.get(source, 0)
            glyphs[code] = glyphs[source]


def _font_for(code: int, ch: str, current: str | None, sans: frozenset[int]) -> str:
    if code in sans and (ch.isascii() or not _is_hangul(code)):
        return SANS
    if (
        current is not None
        and current != SANS
        and _is_neutral(ch)
        and code in _register(current).coverage
    ):
        return current
    if _is_hangul(code):
        hangul = _register(HANGUL)
        if code in hangul.coverage:
            return HANGUL
    if code in sans:
        return SANS
    cjk = _register(CJK)
    if code in cjk.coverage:
        return CJK
    hangul = _register(HANGUL)
    if code in hangul.coverage:
        return HANGUL
    _standin(code)
    return SANS


@lru_cache(maxsize=4096)
def _runs_cached(text: str) -> tuple[tuple[str, str], ...]:
    sans = _sans_coverage()
    out: list[tuple[str, str]] = []
    current: str | None = None
    start = 0
    for i, ch in enumerate(text):
        code = ord(ch)
        # fast path: Latin, Greek, Cyrillic
        font = SANS if code < 0x1100 and code in sans else _font_for(code, ch, current, sans)
        if font != current:
            if current is not None and i > start:
                out.append((current, text[start:i]))
            current = font
            start = i
    if current is not None and start < len(text):
        out.append((current, text[start:]))
    return tuple(out)


def runs(text: str) -> tuple[tuple[str, str], ...]:
    """Split cleaned ``text`` into (font name, substring) runs by glyph coverage.

    The font name is :data:`SANS` (meaning "the paragraph's own Latin face, regular or
    bold"), :data:`CJK` or :data:`HANGUL`.
    """
    if not text:
        return ()
    if len(text) > 2000:
        return _runs_uncached(text)
    return _runs_cached(text)


def _runs_uncached(text: str) -> tuple[tuple[str, str], ...]:
    return _runs_cached.__wrapped__(text)


def face_name(font: str, bold: bool) -> str:
    """The registered face for a run: the bold Latin face where wanted."""
    if font == SANS and bold:
        return SANS_BOLD
    return font


def iter_faces(text: str, bold: bool = False) -> Iterator[tuple[str, str]]:
    """(registered face name, substring) for drawing ``text`` directly on a canvas."""
    for font, part in runs(clean(text)):
        yield face_name(font, bold), part


def string_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points when drawn run by run at ``size``."""
    return sum(
        float(pdfmetrics.stringWidth(part, face, size)) for face, part in iter_faces(text, bold)
    )


# --- reportlab's ToUnicode map for characters beyond U+FFFF ---------------------------

_fix_installed = False


def _install_tounicode_fix() -> None:
    """Write characters beyond U+FFFF (emoji) into ToUnicode maps as UTF-16 surrogate pairs.

    reportlab writes ``<%04X>``, which gives an odd-length hex string such as ``<1F600>`` for
    an emoji, so viewers and text extraction drop it. The replacement is identical for every
    subset that has no such character.
    """
    global _fix_installed
    if _fix_installed:
        return
    original = ttfonts.makeToUnicodeCMap

    def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
        text: str = original(fontname, subset)
        if all(code <= 0xFFFF for code in subset):
            return text
        for index, code in enumerate(subset):
            if code > 0xFFFF:
                pair = chr(code).encode("utf-16-be").hex().upper()
                text = text.replace(f"<{index:02X}> <{code:04X}>\n", f"<{index:02X}> <{pair}>\n", 1)
        return text

    make_to_unicode_cmap.__wrapped__ = original  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
    _fix_installed = True


def fit_text(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` shortened with an ellipsis so that it is at most ``width`` points wide."""
    text = clean(text)
    # No line of the report holds more than a few hundred characters: cut early, then measure.
    if len(text) > 400:
        text = text[:399] + "…"
    if string_width(text, size, bold) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if string_width(text[:middle].rstrip() + "…", size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"
