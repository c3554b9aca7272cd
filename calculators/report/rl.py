"""Every reportlab subclass and every reliance on reportlab's internals, in one place.

The rest of the report uses reportlab's public API only (platypus flowables, ``Canvas``
drawing calls, ``Drawing``). What is here leans on attributes or methods reportlab does not
document; each piece names what it relies on and the test that fails when a reportlab
release changes it. (The other patch, of ``ttfonts.makeToUnicodeCMap`` for characters beyond
U+FFFF, stays in ``fonts.py`` beside the font registration that installs it; it is caught by
``tests/calculators/report/test_safety.py::test_tounicode_fix_writes_surrogate_pairs`` and
``::test_emoji_and_invisible_characters_survive_in_the_text_layer``.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.graphics.shapes import String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.validators import isColorOrNone, isNumber
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import FragLine, ParaLines, imgNormV, imgVRange
from reportlab.rl_config import _FUZZ

from calculators.report.fonts import FAUX_BOLD, FAUX_BOLD_STROKE, SANS_BOLD, clean
from calculators.report.linebreak import Spans, has_cjk, line_spans, measure
from calculators.report.markup import Markup, embolden, shorten


def page_size_of(canvas: Canvas) -> tuple[float, float]:
    """The canvas's page size.

    Relies on ``Canvas._pagesize`` (set by ``setPageSize``; there is no public getter).
    Caught by test_report.py::test_every_page_has_header_and_page_x_of_y_footer.
    """
    width, height = canvas._pagesize
    return float(width), float(height)


# --- pages: "page X of Y" -------------------------------------------------------------------

Decorate = Callable[[Canvas, int, int], None]


class PagedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds pages back until the end, so every footer knows the page count.

    Page content is kept as reportlab's own per-page state and replayed at save(); the PDF
    page counter still advances per page, so bookmarks point at the right pages.

    Relies on: the canvas's whole page state living in its ``__dict__`` (``_code`` and the
    graphics state), ``_doc.pageCounter`` and ``_doc.inObject``, and ``_startPage()``
    resetting the page. Caught by compare.sh (byte-identical PDFs) and test_report.py
    (::test_every_page_has_header_and_page_x_of_y_footer,
    ::test_outline_has_every_section_pointing_at_its_page).
    """

    def __init__(self, *args: Any, decorate: Decorate, pdf_date: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._coi_decorate = decorate
        self._coi_pages: list[dict[str, Any]] = []
        self._coi_first = self._doc.pageCounter
        self.setDateFormatter(lambda *_args: pdf_date)

    def showPage(self) -> None:
        self._coi_pages.append(dict(self.__dict__))
        self._doc.pageCounter += 1
        self._doc.inObject = None
        self._startPage()

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        total = len(self._coi_pages)
        self._doc.pageCounter = self._coi_first
        for number, state in enumerate(self._coi_pages, start=1):
            self.__dict__.update(state)
            self._coi_decorate(self, number, total)
            Canvas.showPage(self)
        self._coi_pages = []
        Canvas.save(self)


def _bookmark_key(canvas: Canvas) -> str:
    """A fresh bookmark name per canvas (a counter kept on the canvas object)."""
    serial: int = getattr(canvas, "_coi_bookmarks", 0) + 1
    canvas._coi_bookmarks = serial
    return f"coi-section-{serial}"


# --- paragraphs -----------------------------------------------------------------------------


class _FauxBoldText(PDFTextObject):  # type: ignore[misc]
    """A paragraph's text object: runs in a faux-bold alias are filled and outlined.

    The outline takes the text colour and a width in proportion to the font size; the
    paragraph's drawing is wrapped in saveState/restoreState, so nothing leaks out.

    Relies on: Paragraph drawing through ``beginText()`` and calling ``_setFont``/``setFont``
    and ``setFillColor`` on the text object; ``PDFTextObject._code``, ``_textRenderMode``,
    ``_canvas._fillColorObj``. Caught by test_cjk.py (::test_english_report_draws_no_outlined_text,
    ::test_bold_japanese_is_outlined_and_regular_text_is_not).
    """

    _coi_fill: Any = None

    def _coi_mode(self, face: str, size: float) -> None:
        if face in FAUX_BOLD:
            self._code.append(f"{fp_str(size * FAUX_BOLD_STROKE)} w")
            colour = self._coi_fill if self._coi_fill is not None else self._canvas._fillColorObj
            self.setStrokeColor(colour)
            self.setTextRenderMode(2)
        elif self._textRenderMode == 2:
            self.setTextRenderMode(0)

    def _setFont(self, psfontname: str, size: float) -> None:
        super()._setFont(psfontname, size)
        self._coi_mode(psfontname, size)

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        super().setFont(psfontname, size, leading)
        self._coi_mode(psfontname, size)

    def setFillColor(self, aColor: Any, alpha: Any = None) -> None:
        super().setFillColor(aColor, alpha)
        self._coi_fill = aColor
        if self._textRenderMode == 2:
            self.setStrokeColor(aColor)


class Para(Paragraph):  # type: ignore[misc]
    """A Paragraph that accepts only :class:`Markup` (made by the markup module).

    A paragraph given an outline entry adds itself to the PDF outline where it is drawn.
    Chinese or Japanese text breaks between characters, never inside a number.

    Relies on: ``Paragraph.frags`` (parsed fragments), ``breakLines`` returning ``ParaLines``
    of ``kind=1`` ``FragLine`` s, ``blPara``/``_splitpara`` set on a split paragraph, and
    ``_get_split_blParaFunc`` joining a split paragraph's lines; ``split()`` returning new
    paragraphs of this class. Caught by test_cjk.py (line breaking and splitting tests),
    test_safety.py::test_paragraphs_refuse_unescaped_strings and
    test_report.py::test_outline_has_every_section_pointing_at_its_page.
    """

    def __init__(self, text: Markup | None, style: Any, **kwargs: Any) -> None:
        if text is not None and not isinstance(text, Markup):
            raise TypeError("paragraph text must be Markup: escape it with markup.esc()")
        if text is not None and style.fontName == SANS_BOLD:
            text = embolden(text)  # CJK runs of a bold style come out bold too
        super().__init__(text, style, **kwargs)
        self._outline: tuple[str, int] | None = None
        self._cjk = any(has_cjk(getattr(f, "text", "") or "") for f in self.frags)

    def breakLines(self, width: Any) -> Any:
        if not self._cjk:
            return super().breakLines(width)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        widths = width if isinstance(width, list | tuple) else [width]
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return break_frags(self.frags, widths, auto_leading not in ("", "off"))

    def _get_split_blParaFunc(self) -> Any:
        if not self._cjk:
            return super()._get_split_blParaFunc()
        return lambda lines, start, stop: rejoin(lines.lines[start:stop])

    def beginText(self, x: float, y: float) -> _FauxBoldText:
        return _FauxBoldText(self.canv, x, y)

    def split(self, available_width: float, available_height: float) -> list[Any]:
        parts: list[Any] = super().split(available_width, available_height)
        if parts and self._outline is not None:
            parts[0]._outline = self._outline
        return parts

    def draw(self) -> None:
        if self._outline is not None:
            title, level = self._outline
            canvas = self.canv
            key = _bookmark_key(canvas)
            _x, top = canvas.absolutePosition(0, self.height)
            canvas.bookmarkPage(key, fit="XYZ", left=0, top=top + 8, zoom=0)
            canvas.addOutlineEntry(title, key, level=level, closed=False)
        super().draw()


def heading(text: Markup, style: Any, outline: str, level: int) -> Para:
    """A heading paragraph with an outline (bookmark) entry."""
    paragraph = Para(text, style)
    paragraph._outline = (shorten(clean(outline), 200), level)
    return paragraph


class Outline(Flowable):  # type: ignore[misc]
    """An invisible outline entry (for the cover, which has no heading).

    Relies on ``Flowable.canv`` being set while drawing. Caught by
    test_report.py::test_outline_has_every_section_pointing_at_its_page.
    """

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self._title = title
        self._level = level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        key = _bookmark_key(self.canv)
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self._title, key, level=self._level, closed=False)


class OutlinedString(String):  # type: ignore[misc]
    """A chart String that sets the outline colour and width (for faux-bold CJK text).

    Relies on ``String._attrMap`` (the attribute validation of reportlab.graphics shapes)
    and on the PDF renderer honouring ``textRenderMode``, ``strokeColor`` and
    ``strokeWidth`` on a String. Caught by compare.sh for the Japanese examples and
    test_cjk.py::test_bold_japanese_is_outlined_and_regular_text_is_not.
    """

    _attrMap = AttrMap(
        BASE=String,
        strokeColor=AttrMapValue(isColorOrNone),
        strokeWidth=AttrMapValue(isNumber),
    )


# --- CJK line breaking: reportlab's fragment and line structures ---------------------------
# Relies on: a fragment's ``text``, ``fontName``, ``fontSize``, ``cbDefn`` (inline objects),
# ``lineBreak`` (<br/>) and ``clone()``; ``FragLine``/``ParaLines`` of ``kind=1``;
# ``imgNormV``/``imgVRange`` and ``rl_config._FUZZ`` as reportlab's own CJK splitter uses them.
# Caught by test_cjk.py (every line-breaking test) and compare.sh for the Japanese examples.


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


def _characters(frags: Sequence[Any], first_width: float) -> Spans:
    """Every character of ``frags`` with its width and fragment ("" for <br/> and objects)."""
    spans = Spans()
    for index, frag in enumerate(frags):
        text = getattr(frag, "text", "")
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if not text:  # <br/> and inline objects
            spans.add("", _object_width(frag, first_width), index, hasattr(frag, "lineBreak"))
            continue
        font, size = frag.fontName, frag.fontSize
        table = measure(font, size)
        for ch in text:
            width = table.get(ch)
            if width is None:
                width = table[ch] = float(stringWidth(ch, font, size))
            spans.add(ch, width, index, False)
    return spans


def _line(
    frags: Sequence[Any], spans: Spans, part: tuple[int, int, int, bool], calc_bounds: bool
) -> Any:
    """One ``FragLine`` for the characters ``start:stop`` (``end``: without trailing spaces)."""
    start, stop, end, _forced = part
    words: list[Any] = []
    size = ascent = descent = 0.0
    i = start
    while i < stop:
        j = i
        source = spans.owner[i]
        while j < stop and spans.owner[j] == source:
            j += 1
        frag = frags[source]
        word = frag.clone()
        word.text = "".join(spans.chars[i:j])
        words.append(word)
        top, bottom = _bounds(frag, calc_bounds)
        size = max(size, frag.fontSize)
        ascent = max(ascent, top)
        descent = min(descent, bottom)
        i = j
    return words, size, ascent, descent, sum(spans.widths[start:end])


def break_frags(frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: bool) -> Any:
    """reportlab paragraph lines (``kind=1``) for ``frags``, broken by linebreak's rules."""
    spans = _characters(frags, float(max_widths[0]))

    def width_for(line: int) -> float:
        return float(max_widths[min(line, len(max_widths) - 1)])

    lines: list[Any] = []
    for number, part in enumerate(line_spans(spans, width_for, _FUZZ)):
        words, size, ascent, descent, used = _line(frags, spans, part, calc_bounds)
        limit = width_for(number)
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
                lineBreak=part[3],
            )
        )
    return ParaLines(kind=1, lines=lines)


def rejoin(lines: Sequence[Any]) -> list[Any]:
    """The fragments of broken lines, joined back without adding spaces between them.

    (reportlab's own splitter adds a space at each line end: right for Latin text, a stray
    gap inside a CJK sentence.)
    """
    return [word for line in lines for word in line.words]
