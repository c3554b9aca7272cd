"""What every page carries: the header and footer, and the cover's brand bars."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from calculators.report.fonts import FAUX_BOLD_STROKE, faux_bold, fit_text, iter_faces, string_width
from calculators.report.rl import page_size_of
from calculators.report.theme import INK, MUTED, RULE, Theme, rl

DRAFT_RED = "#C0392B"
DRAFT_PALE = "#F5D5D0"  # the watermark: pale enough to read the page through it


@dataclass(frozen=True)
class Decor:
    """What the header and footer show on every page."""

    buyer: str
    document: str
    seller: str
    page_label: Callable[[int, int], str]
    theme: Theme
    margin: float
    draft: str = ""  # the word "DRAFT" in the report's language on a draft, else ""


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    value: str,
    size: float,
    colour: str,
    bold: bool = False,
    anchor: str = "start",
) -> None:
    """Draw ``value`` run by run in the bundled fonts."""
    width = string_width(value, size, bold)
    if anchor == "end":
        x -= width
    elif anchor == "middle":
        x -= width / 2
    canvas.setFillColor(rl(colour))
    for face, part in iter_faces(value, bold):
        canvas.setFont(face, size)
        if faux_bold(face, bold):
            canvas.saveState()
            canvas.setStrokeColor(rl(colour))
            canvas.setLineWidth(size * FAUX_BOLD_STROKE)
            canvas.drawString(x, y, part, mode=2)
            canvas.restoreState()
        else:
            canvas.drawString(x, y, part)
        x += canvas.stringWidth(part, face, size)


def decorate(canvas: Canvas, decor: Decor, number: int, total: int) -> None:
    """Page ``number`` of ``total``: the header and the footer."""
    width, height = page_size_of(canvas)
    margin = decor.margin
    canvas.saveState()
    # header: the buyer's name on the left, the document on the right, a rule with an accent
    y = height - 14 * mm
    right_label = fit_text(decor.document, (width - 2 * margin) * 0.4, 7.4)
    right_width = string_width(right_label, 7.4)
    buyer = fit_text(decor.buyer, width - 2 * margin - right_width - 24, 7.4, True)
    draw_text(canvas, margin, y, buyer, 7.4, INK, True)
    draw_text(canvas, width - margin, y, right_label, 7.4, MUTED, anchor="end")
    canvas.setLineWidth(0.4)
    canvas.setStrokeColor(rl(RULE))
    canvas.line(margin, y - 5, width - margin, y - 5)
    canvas.setLineWidth(1.6)
    canvas.setStrokeColor(rl(decor.theme.brand))
    canvas.line(margin, y - 5, margin + 18 * mm, y - 5)
    # footer: the seller on the left, "page X of Y" on the right
    y = 11 * mm
    canvas.setLineWidth(0.4)
    canvas.setStrokeColor(rl(RULE))
    canvas.line(margin, y + 9, width - margin, y + 9)
    page = decor.page_label(number, total)
    page_width = string_width(page, 7.4)
    seller = fit_text(decor.seller, width - 2 * margin - page_width - 24, 7.4)
    draw_text(canvas, margin, y, seller, 7.4, MUTED)
    draw_text(canvas, width - margin, y, page, 7.4, MUTED, anchor="end")
    canvas.restoreState()
    if decor.draft:
        draft_mark(canvas, decor.draft, width, height)


def draft_mark(canvas: Canvas, word: str, width: float, height: float) -> None:
    """A large diagonal "DRAFT" across the page and a label at its top, in red."""
    canvas.saveState()
    draw_text(canvas, width / 2, height - 8.5 * mm, word, 9, DRAFT_RED, True, anchor="middle")
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    size = min(96.0, (width * 0.9) / max(string_width(word, 1, True), 1))
    draw_text(canvas, 0, -size / 3, word, size, DRAFT_PALE, True, anchor="middle")
    canvas.restoreState()


def cover_painter(theme: Theme) -> Callable[[Canvas, Any], None]:
    """The cover page's ``onPage``: a brand-coloured bar at the top and at the bottom."""

    def paint(canvas: Canvas, _doc: Any) -> None:
        width, height = page_size_of(canvas)
        canvas.saveState()
        canvas.setFillColor(rl(theme.brand))
        canvas.rect(0, height - 5 * mm, width, 5 * mm, stroke=0, fill=1)
        canvas.rect(0, 0, width, 2.2 * mm, stroke=0, fill=1)
        canvas.restoreState()

    return paint
