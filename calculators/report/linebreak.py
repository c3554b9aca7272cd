"""Line breaking for paragraphs with Chinese or Japanese text.

reportlab breaks lines at spaces only; a Japanese sentence has none, so it is cut wherever
the line is full, even inside "￥327,695" or "2027年". Its own CJK mode (``wordWrap='CJK'``)
breaks between any two characters. This module breaks where CJK typesetting does:

* between two CJK characters (ideographs, kana, CJK punctuation), and between a CJK
  character and a neighbouring Latin word or number;
* after a space (Latin words inside CJK text wrap as words);
* never inside a run of letters, digits, number punctuation and currency signs
  ("￥327,695", "71.4%", "Acme"), never between a number and the CJK counter after it
  ("2027年", "36か月"), never before closing punctuation or small kana and never after an
  opening bracket (the kinsoku rules).

A run longer than a whole line is cut where the line is full, as a last resort. Spaces at a
line's end stay in the text (so a paragraph split over pages re-wraps correctly) but do not
count towards its width.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import FragLine, ParaLines, imgNormV, imgVRange
from reportlab.rl_config import _FUZZ

from calculators.report.fonts import _is_hangul

# Characters that may not start a line: reportlab's kinsoku set plus closing quotes and
# the dashes and wave dashes that join a range ("￥27,920～￥37,036").
_NO_START = frozenset(ALL_CANNOT_START + "”’」』）〕〉》】～〜–—‐・：；")
# Characters that may not end a line: opening brackets and quotes, prefix currency signs.
_NO_END = frozenset(ALL_CANNOT_END + "「『（〔〈《【“‘")
_ZERO_WIDTH_SPACE = "\u200b"
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")
# A quick test whether a text may hold a CJK character at all (see is_cjk for the rule).
_CANDIDATE = re.compile(
    "[\u2e80-\ua4cf\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
_WORD_CATEGORIES = frozenset(("Nd", "Sc", "Lu", "Ll", "Lt"))


@lru_cache(maxsize=8192)
def is_cjk(ch: str) -> bool:
    """Whether a line may break on either side of ``ch`` (a Chinese or Japanese character).

    Ideographs, kana and CJK punctuation are; fullwidth digits, letters and currency signs
    are not (they belong to the number or word they are in), and neither is Hangul: Korean
    puts spaces between words and breaks there.
    """
    code = ord(ch)
    if code < 0x2E80 or _is_hangul(code) or 0xFFA0 <= code <= 0xFFDC:
        return False
    if unicodedata.category(ch) in _WORD_CATEGORIES:
        return False
    return unicodedata.east_asian_width(ch) in ("W", "F", "H")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese or Japanese character (see :func:`is_cjk`)."""
    return any(is_cjk(match.group()) for match in _CANDIDATE.finditer(text))


def _is_space(ch: str) -> bool:
    """A space a line may break after (not a no-break space inside a number or date)."""
    return (ch.isspace() and ch not in _NO_BREAK_SPACES) or ch == _ZERO_WIDTH_SPACE


@lru_cache(maxsize=16384)
def can_break(before: str, after: str) -> bool:
    """Whether a line may end between the characters ``before`` and ``after``."""
    if not before or not after:  # a line break or an inline object: no extra break here
        return False
    if after in _NO_START or before in _NO_END:
        return False
    if _is_space(after):
        return False
    if _is_space(before):
        return True
    if before.isdigit() and is_cjk(after):  # "2027年", "36か月", "10,000通り"
        return False
    return is_cjk(before) or is_cjk(after)


_widths: dict[tuple[str, float], dict[str, float]] = {}


def _measure(font: str, size: float) -> dict[str, float]:
    """A cache of character widths for one font and size (filled as characters come)."""
    table = _widths.get((font, size))
    if table is None:
        if len(_widths) > 64:
            _widths.clear()
        table = _widths[(font, size)] = {}
    return table


def _object_width(frag: Any, line_width: float) -> float:
    width = getattr(getattr(frag, "cbDefn", None), "width", 0) or 0
    if hasattr(width, "normalizedValue"):
        width = width.normalizedValue(line_width)
    return float(width)


def _bounds(frag: Any, calc_bounds: bool) -> tuple[float, float]:
    """(ascent, descent) of a fragment, as reportlab's own CJK splitter works them out."""
    size = frag.fontSize
    definition: Any = getattr(frag, "cbDefn", None)
    if calc_bounds and definition is not None and getattr(definition, "width", None):
        descent, ascent = imgVRange(imgNormV(definition.height, size), definition.valign, size)
        return float(ascent), float(descent)
    ascent, descent = getAscentDescent(frag.fontName, size)
    return float(ascent), float(descent)


def break_lines(frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: bool) -> Any:
    """reportlab paragraph lines (``kind=1``) for ``frags`` broken as described above."""
    chars: list[str] = []
    widths: list[float] = []
    owner: list[int] = []  # the fragment each character comes from
    for index, frag in enumerate(frags):
        text = getattr(frag, "text", "")
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if not text:  # <br/> and inline objects
            chars.append("")
            widths.append(_object_width(frag, float(max_widths[0])))
            owner.append(index)
            continue
        font, size = frag.fontName, frag.fontSize
        table = _measure(font, size)
        for ch in text:
            width = table.get(ch)
            if width is None:
                width = table[ch] = float(stringWidth(ch, font, size))
            widths.append(width)
        chars.extend(text)
        owner.extend([index] * len(text))
    lines: list[Any] = []

    def width_for(line: int) -> float:
        return float(max_widths[min(line, len(max_widths) - 1)])

    def emit(start: int, stop: int, line_break: bool) -> None:
        end = stop  # spaces at the line's end do not count towards its width
        while end > start and _is_space(chars[end - 1]):
            end -= 1
        used = sum(widths[start:end])
        limit = width_for(len(lines))
        words: list[Any] = []
        size = ascent = descent = 0.0
        i = start
        while i < stop:
            j = i
            source = owner[i]
            while j < stop and owner[j] == source:
                j += 1
            frag = frags[source]
            word = frag.clone()
            word.text = "".join(chars[i:j])
            words.append(word)
            top, bottom = _bounds(frag, calc_bounds)
            size = max(size, frag.fontSize)
            ascent = max(ascent, top)
            descent = min(descent, bottom)
            i = j
        lines.append(
            FragLine(
                kind=1,
                extraSpace=limit - used,
                wordCount=1,
                words=words,
                fontSize=size,
                ascent=ascent,
                descent=descent,
                maxWidth=limit,
                currentWidth=used,
                lineBreak=line_break,
            )
        )

    start = i = 0
    width = 0.0
    last_break = -1  # index of the character the latest break opportunity comes before
    count = len(chars)
    while i < count:
        ch = chars[i]
        if not ch and hasattr(frags[owner[i]], "lineBreak"):
            emit(start, i + 1, True)
            start = i = i + 1
            width, last_break = 0.0, -1
            continue
        if i > start and can_break(chars[i - 1], ch):
            last_break = i
        w = widths[i]
        if width + w > width_for(len(lines)) + _FUZZ and i > start and not _is_space(ch):
            cut = last_break if last_break > start else i  # last resort: where it is full
            emit(start, cut, False)
            start = cut
            width = sum(widths[cut:i])
            last_break = -1
            # The characters after the cut may hold a later break opportunity: look again.
            for k in range(cut + 1, i):
                if can_break(chars[k - 1], chars[k]):
                    last_break = k
            continue
        width += w
        i += 1
    if start < count:
        emit(start, count, False)
    return ParaLines(kind=1, lines=lines)


def rejoin(lines: Sequence[Any]) -> list[Any]:
    """The fragments of broken lines, joined back without adding spaces between them.

    (reportlab's own splitter adds a space at each line end: right for Latin text, a stray
    gap inside a CJK sentence.)
    """
    return [word for line in lines for word in line.words]
