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

This module finds where lines start and stop; turning reportlab's paragraph fragments into
characters and the spans back into reportlab's line structures is done in ``rl.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START

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


def measure(font: str, size: float) -> dict[str, float]:
    """A cache of character widths for one font and size (filled as characters come)."""
    table = _widths.get((font, size))
    if table is None:
        if len(_widths) > 64:
            _widths.clear()
        table = _widths[(font, size)] = {}
    return table


@dataclass
class Spans:
    """A paragraph's characters in order, each with its width and the fragment it comes from.

    An inline object or a line break is one entry with the text "" (``breaks`` marks <br/>).
    """

    chars: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)
    breaks: list[bool] = field(default_factory=list)

    def add(self, ch: str, width: float, owner: int, line_break: bool) -> None:
        self.chars.append(ch)
        self.widths.append(width)
        self.owner.append(owner)
        self.breaks.append(line_break)


Line = tuple[int, int, int, bool]  # start, stop, end without trailing spaces, forced break


def _line(spans: Spans, start: int, stop: int, line_break: bool) -> Line:
    end = stop  # spaces at the line's end do not count towards its width
    while end > start and _is_space(spans.chars[end - 1]):
        end -= 1
    return start, stop, end, line_break


def _last_break(chars: Sequence[str], start: int, stop: int) -> int:
    """The latest break opportunity strictly inside ``start:stop`` (-1 when none)."""
    found = -1
    for k in range(start + 1, stop):
        if can_break(chars[k - 1], chars[k]):
            found = k
    return found


def line_spans(spans: Spans, width_for: Callable[[int], float], fuzz: float) -> list[Line]:
    """Where the lines of a paragraph start and stop (``width_for(n)``: room on line n)."""
    chars, widths = spans.chars, spans.widths
    lines: list[Line] = []
    start = i = 0
    width = 0.0
    last_break = -1  # index of the character the latest break opportunity comes before
    count = len(chars)
    while i < count:
        ch = chars[i]
        if spans.breaks[i]:
            lines.append(_line(spans, start, i + 1, True))
            start = i = i + 1
            width, last_break = 0.0, -1
            continue
        if i > start and can_break(chars[i - 1], ch):
            last_break = i
        w = widths[i]
        if width + w > width_for(len(lines)) + fuzz and i > start and not _is_space(ch):
            cut = last_break if last_break > start else i  # last resort: where it is full
            lines.append(_line(spans, start, cut, False))
            start = cut
            width = sum(widths[cut:i])
            # The characters after the cut may hold a later break opportunity: look again.
            last_break = _last_break(chars, cut, i)
            continue
        width += w
        i += 1
    if start < count:
        lines.append(_line(spans, start, count, False))
    return _no_widow(spans, lines, width_for, fuzz)


WIDOW = 3  # the fewest characters a paragraph's last line holds when it can hold more


def _no_widow(
    spans: Spans, lines: list[Line], width_for: Callable[[int], float], fuzz: float
) -> list[Line]:
    """Lines where the last one holds at least :data:`WIDOW` characters: a lone kana on
    the second line of a title ("…のコス / ト") takes a few characters from the line above
    (at a break opportunity, and only when they fit)."""
    if len(lines) < 2 or lines[-2][3]:
        return lines
    chars, widths = spans.chars, spans.widths
    start, stop, end, forced = lines[-1]
    if end - start >= WIDOW:
        return lines
    previous = lines[-2]
    room = width_for(len(lines) - 1) + fuzz
    for cut in range(start - 1, previous[0], -1):
        if end - cut < WIDOW or not can_break(chars[cut - 1], chars[cut]):
            continue
        if sum(widths[cut:end]) > room:
            break
        return [*lines[:-2], _line(spans, previous[0], cut, False), (cut, stop, end, forced)]
    return lines
