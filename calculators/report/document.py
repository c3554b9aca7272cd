"""The business case as a PDF: sections, tables, charts, pages, outline and metadata.

Everything a person reads is translated with ``_()`` inside the report's language and
formatted with the case's :class:`Formatter`; every string from the case or the settings
enters paragraph markup through :func:`markup.esc` (or :func:`markup.fill`), and is drawn
on the canvas and in charts run by run in the bundled fonts.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    Image,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from calculators import __version__
from calculators.analysis import ScenarioFigures, Swing, scenarios, sensitivity
from calculators.engine import Projection, Results, project, summarise
from calculators.errors import CaseError
from calculators.finance import SolutionResult
from calculators.formatting import Formatter
from calculators.i18n import _, ngettext
from calculators.inputs import (
    SCENARIOS,
    SOLUTION,
    Estimate,
    InputRef,
    InputSpec,
    Kind,
    Scenario,
    Unit,
)
from calculators.model import SOLUTION_INPUTS, Case, DriverBase
from calculators.report import charts
from calculators.report.fonts import (
    FAUX_BOLD,
    FAUX_BOLD_STROKE,
    SANS,
    SANS_BOLD,
    clean,
    faux_bold,
    fit_text,
    iter_faces,
    register_base,
    string_width,
)
from calculators.report.linebreak import break_lines, has_cjk, rejoin
from calculators.report.markup import (
    Markup,
    bold,
    coloured,
    email_link,
    embolden,
    esc,
    fill,
    join,
    join_sentences,
    line_break,
    sentences,
    shorten,
)
from calculators.report.theme import INK, MUTED, RULE, Theme, make_theme, parse_colour, rl
from calculators.simulation import Simulation, simulate
from calculators.templates import shown_title

# Limits for names shown in headings, table cells and headers: a longer name is cut with a
# visible ellipsis; free text (narrative) is shown in full and flows over pages.
NAME_LIMIT = 160
TITLE_LIMIT = 300
CELL_TEXT_LIMIT = 600
MAX_LOGO_BYTES = 5 * 1024 * 1024
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "NI", "PA", "PR", "SV", "BZ"}
)
TOP_DRIVERS_IN_CHART = 6
TORNADO_ROWS = 8


@dataclass(frozen=True)
class Branding:
    """How the seller's company presents itself (from the app's settings); all optional."""

    company_name: str | None = None
    logo_path: str | Path | None = None
    brand_colour: str | None = None  # "#RRGGBB"
    disclaimer: str | None = None


@dataclass(frozen=True)
class Analysis:
    """Scenario, sensitivity and simulation results for one case (the slow part, reusable).

    The app computes this once per case snapshot and passes it to every preview render.
    """

    case: Case
    scenarios: dict[Scenario, ScenarioFigures]
    swings: tuple[Swing, ...]
    simulation: Simulation


def analyse(case: Case) -> Analysis:
    """Scenarios, the ranked sensitivities and the 10,000-sample simulation of ``case``."""
    return Analysis(case, scenarios(case), tuple(sensitivity(case)), simulate(case))


# --- pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Decor:
    """What the header and footer show on every page."""

    buyer: str
    document: str
    seller: str
    page_label: Callable[[int, int], str]
    theme: Theme
    margin: float


class _Canvas(Canvas):  # type: ignore[misc]
    """A canvas that holds pages back until the end, so every footer knows the page count.

    Page content is kept as reportlab's own per-page state and replayed at save(); the PDF
    page counter still advances per page, so bookmarks point at the right pages.
    """

    def __init__(self, *args: Any, decor: _Decor, pdf_date: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._coi_decor = decor
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
            _decorate(self, self._coi_decor, number, total)
            Canvas.showPage(self)
        self._coi_pages = []
        Canvas.save(self)


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


def _decorate(canvas: Canvas, decor: _Decor, number: int, total: int) -> None:
    width, height = canvas._pagesize
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


def _bookmark_key(canvas: Canvas) -> str:
    serial: int = getattr(canvas, "_coi_bookmarks", 0) + 1
    canvas._coi_bookmarks = serial
    return f"coi-section-{serial}"


class _FauxBoldText(PDFTextObject):  # type: ignore[misc]
    """A paragraph's text object: runs in a faux-bold alias are filled and outlined.

    The outline takes the text colour and a width in proportion to the font size; the
    paragraph's drawing is wrapped in saveState/restoreState, so nothing leaks out.
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
    """

    def __init__(self, text: Markup | None, style: Any, **kwargs: Any) -> None:
        if text is not None and not isinstance(text, Markup):
            raise TypeError("paragraph text must be Markup: escape it with markup.esc()")
        if text is not None and style.fontName == SANS_BOLD:
            text = embolden(text)  # CJK runs of a bold style come out bold too
        super().__init__(text, style, **kwargs)
        self._outline: tuple[str, int] | None = None
        # Chinese or Japanese text breaks between characters, never inside a number.
        self._cjk = any(has_cjk(getattr(f, "text", "") or "") for f in self.frags)

    def breakLines(self, width: Any) -> Any:
        if not self._cjk:
            return super().breakLines(width)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        widths = width if isinstance(width, list | tuple) else [width]
        auto_leading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        return break_lines(self.frags, widths, auto_leading not in ("", "off"))

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


class _Outline(Flowable):  # type: ignore[misc]
    """An invisible outline entry (for the cover, which has no heading)."""

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


# --- helpers --------------------------------------------------------------------------------


def page_size(formatter: Formatter) -> tuple[float, float]:
    """US Letter where the locale's territory uses it (CLDR paper size), else A4."""
    territory = formatter.babel_locale.territory
    size: tuple[float, float] = LETTER if territory in LETTER_TERRITORIES else A4
    return size


def unit_name(unit: Unit, currency: str) -> str:
    names = {
        Unit.MONEY: currency,
        Unit.MONEY_PER_HOUR: _("{currency} per hour").format(currency=currency),
        Unit.COUNT: _("count"),
        Unit.HOURS: _("hours"),
        Unit.HOURS_PER_WEEK: _("hours per week"),
        Unit.RATE: _("percent"),
        Unit.MONTHS: _("months"),
        Unit.NUMBER: _("number"),
    }
    return names[unit]


def format_input(fmt: Formatter, unit: Unit, value: Decimal) -> str:
    if unit in (Unit.MONEY, Unit.MONEY_PER_HOUR):
        return fmt.money(value)
    if unit is Unit.RATE:
        return fmt.percent(value, 2)
    return fmt.decimal(value)


def confidence_label(confidence: str | None) -> str:
    if confidence is None:
        return "—"
    return {"high": _("high"), "medium": _("medium"), "low": _("low")}[confidence]


def scenario_label(scenario: Scenario) -> str:
    return {
        "conservative": _("conservative"),
        "expected": _("expected"),
        "optimistic": _("optimistic"),
    }[scenario]


def choice_label(value: str) -> str:
    labels = {"month": _("month"), "quarter": _("quarter"), "year": _("year")}
    return labels.get(value, value)


def months_label(fmt: Formatter, months: Decimal | int) -> str:
    if isinstance(months, int):
        return ngettext("{n} month", "{n} months", months).format(n=months)
    shown = fmt.decimal(months, 1)
    return ngettext("{n} month", "{n} months", 1 if months == 1 else 2).format(n=shown)


def delay_label(months: int) -> str:
    if months == 0:
        return _("Now")
    return ngettext("In {n} month", "In {n} months", months).format(n=months)


def _load_logo(path: str | Path) -> Image:
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise CaseError(
                [
                    _("{file}: the logo is larger than {size} MiB").format(
                        file=file, size=MAX_LOGO_BYTES // (1024 * 1024)
                    )
                ]
            )
        data = file.read_bytes()
    except FileNotFoundError:
        raise CaseError([_("{file}: no such file (logo)").format(file=file)]) from None
    except OSError as exc:
        raise CaseError(
            [
                _("{file}: cannot read the logo ({reason})").format(
                    file=file, reason=exc.strerror or exc
                )
            ]
        ) from None
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise CaseError([_("{file}: the logo must be a PNG or JPEG image").format(file=file)])
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # reportlab/PIL raise many kinds for a broken image
        raise CaseError(
            [_("{file}: the logo is not a readable PNG or JPEG image").format(file=file)]
        ) from None
    if width <= 0 or height <= 0:
        raise CaseError([_("{file}: the logo is empty").format(file=file)])
    max_w, max_h = 48 * mm, 16 * mm
    scale = min(max_w / width, max_h / height)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def check_branding(branding: Branding) -> None:
    """Raise CaseError for a brand colour or logo the report cannot use.

    Called before the report switches to the buyer's language, so that the message is in
    the language of the person rendering it.
    """
    _check_colour(branding.brand_colour)
    if branding.logo_path:
        _load_logo(branding.logo_path)


def _check_colour(colour: str | None) -> None:
    if colour is not None and parse_colour(colour) is None:
        raise CaseError(
            [
                _("brand colour: {value} is not a colour like {example}").format(
                    value=repr(colour[:40]), example="#1B4F72"
                )
            ]
        )


# --- the report -----------------------------------------------------------------------------


@dataclass
class _Report:
    case: Case
    scenario: Scenario
    branding: Branding
    language: str
    analysis: Analysis
    date: dt.date
    fmt: Formatter = field(init=False)
    theme: Theme = field(init=False)
    results: Results = field(init=False)

    def __post_init__(self) -> None:
        self.fmt = Formatter(self.case.locale, self.case.currency)
        _check_colour(self.branding.brand_colour)
        self.theme = make_theme(self.branding.brand_colour)
        self.results = summarise(self.case, self.scenario)
        self.styles = self.theme.styles
        self.pagesize = page_size(self.fmt)
        self.margin = 21 * mm
        self.width = self.pagesize[0] - 2 * self.margin
        self.frame_height = self.pagesize[1] - 27 * mm - 22 * mm

    # -- small builders -------------------------------------------------------------------

    @property
    def projection(self) -> Projection:
        return self.results.projection

    def money(self, value: Decimal) -> str:
        return self.fmt.money(value)

    def day(self, value: dt.date) -> str:
        """A date for running text: its parts held together by no-break spaces, so that
        "15. April 2027" or "2027년 4월 15일" never starts on one line and ends on the next."""
        return self.fmt.date(value).replace(" ", "\u00a0")

    def h1(self, title: str) -> list[Flowable]:
        return [heading(esc(title), self.styles.h1, title, 0)]

    def h2(self, title: str, outline: bool = False) -> Flowable:
        if outline:
            return heading(esc(title), self.styles.h2, title, 1)
        return Para(esc(title), self.styles.h2)

    def buyer(self, limit: int = NAME_LIMIT) -> Markup:
        return esc(self.case.buyer.company, limit)

    @property
    def case_title(self) -> str:
        """The case's title as the rep typed it; a bundled example's or template's title
        (unchanged by the rep) in the report's language."""
        return shown_title(self.case.title.strip())

    @property
    def seller_name(self) -> str | None:
        return self.branding.company_name or self.case.seller.company

    def table(
        self,
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        total_row: bool = False,
        header: bool = True,
    ) -> Table:
        table = Table(
            [list(r) for r in rows],
            colWidths=[w * self.width for w in widths],
            repeatRows=1 if header else 0,
            hAlign="LEFT",
        )
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.6),
        ]
        if header:
            commands += [
                ("LINEBELOW", (0, 0), (-1, 0), 0.9, rl(self.theme.brand)),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4.5),
            ]
        first = 1 if header else 0
        last = -2 if total_row else -1
        if len(rows) > first + (1 if total_row else 0):
            commands.append(("LINEBELOW", (0, first), (-1, last), 0.3, rl(RULE)))
        if total_row:
            commands += [
                ("LINEABOVE", (0, -1), (-1, -1), 0.9, rl(INK)),
                ("BACKGROUND", (0, -1), (-1, -1), rl(self.theme.brand_tint)),
            ]
        table.setStyle(TableStyle(commands))
        return table

    def cell(self, text: str, limit: int | None = CELL_TEXT_LIMIT) -> Paragraph:
        return Para(esc(text, limit), self.styles.cell)

    def num(self, text: str, strong: bool = False) -> Paragraph:
        style = self.styles.cell_number_bold if strong else self.styles.cell_number
        return Para(esc(text), style)

    def head(self, text: str, number: bool = False) -> Paragraph:
        style = self.styles.cell_head_number if number else self.styles.cell_head
        return Para(esc(text), style)

    def tiles(self, items: Sequence[tuple[str, str]], columns: int = 4) -> Table:
        """Key figures as a row of tiles: big value, small label."""
        cells = [
            [
                Para(esc(value), self.styles.tile_value),
                Para(esc(label), self.styles.tile_label),
            ]
            for value, label in items
        ]
        while len(cells) % columns:
            cells.append([Spacer(1, 1)])
        rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
        gap = 6.0
        tile = (self.width - gap * (columns - 1)) / columns
        data: list[list[Any]] = []
        widths: list[float] = []
        for i in range(columns):
            widths.append(tile)
            if i < columns - 1:
                widths.append(gap)
        for row in rows:
            line: list[Any] = []
            for i, content in enumerate(row):
                line.append(content)
                if i < columns - 1:
                    line.append("")
            data.append(line)
        table = Table(data, colWidths=widths, hAlign="LEFT")
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]
        for r, row in enumerate(rows):
            for i, content in enumerate(row):
                if isinstance(content, list) and len(content) == 2:
                    col = i * 2
                    commands += [
                        ("BACKGROUND", (col, r), (col, r), rl(self.theme.brand_tint)),
                        ("LINEABOVE", (col, r), (col, r), 1.6, rl(self.theme.brand)),
                    ]
        table.setStyle(TableStyle(commands))
        return table

    # -- sections --------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        case = self.case
        s = self.styles
        story: list[Flowable] = [_Outline(_("Cover")), NextPageTemplate("body")]
        if self.branding.logo_path:
            story += [_load_logo(self.branding.logo_path), Spacer(1, 10 * mm)]
        elif self.seller_name:
            story += [
                Para(esc(self.seller_name, NAME_LIMIT), s.kicker),
                Spacer(1, 8 * mm),
            ]
        else:
            story.append(Spacer(1, 14 * mm))
        story.append(Spacer(1, 24 * mm))
        story.append(Para(esc(_("Business case").upper()), s.kicker))
        title = self.case_title or _("The cost of inaction")
        story.append(Para(esc(title, TITLE_LIMIT), s.title))
        story.append(Para(fill(_("Prepared for {buyer}"), buyer=self.buyer()), s.subtitle))
        story.append(Spacer(1, 8 * mm))
        projection = self.projection
        callout = [
            Para(
                fill(
                    _("What waiting until {deadline} costs"),
                    deadline=self.day(case.deadline),
                ),
                s.tile_label,
            ),
            Para(bold(esc(self.money(projection.cost_to_deadline))), s.headline),
            Para(
                fill(
                    _("{amount} per month while nothing changes"),
                    amount=self.money(projection.cost_per_month),
                ),
                s.tile_label,
            ),
        ]
        box = Table([[callout]], colWidths=[self.width * 0.62], hAlign="LEFT")
        box.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), SANS),
                    ("BACKGROUND", (0, 0), (-1, -1), rl(self.theme.brand_tint)),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, rl(self.theme.brand)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 12),
                    ("TOPPADDING", (0, 0), (-1, -1), 9),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ]
            )
        )
        story += [box, FrameBreak(), self._cover_details(), PageBreak()]
        return story

    def _cover_details(self) -> Table:
        case = self.case
        s = self.styles
        buyer_lines = [bold(self.buyer())]
        if case.buyer.contact:
            buyer_lines.append(esc(case.buyer.contact, NAME_LIMIT))
        seller = case.seller
        seller_lines: list[Markup] = []
        if self.seller_name:
            seller_lines.append(bold(esc(self.seller_name, NAME_LIMIT)))
        if seller.rep:
            seller_lines.append(esc(seller.rep, NAME_LIMIT))
        if seller.email:
            seller_lines.append(email_link(seller.email, self.theme.brand_text, NAME_LIMIT))
        if seller.phone:
            seller_lines.append(esc(seller.phone, NAME_LIMIT))
        if not seller_lines:
            seller_lines.append(esc("—"))
        dates = [
            fill(_("Date: {date}"), date=self.day(self.date)),
            fill(_("Decision date: {date}"), date=self.day(case.deadline)),
        ]
        if self.scenario != "expected":
            dates.append(fill(_("Scenario: {name}"), name=scenario_label(self.scenario)))

        def block(label: str, lines: list[Markup]) -> list[Paragraph]:
            return [
                Para(esc(label.upper()), s.cell_head),
                Para(Markup(line_break().join(lines)), s.cell),
            ]

        table = Table(
            [
                [
                    block(_("Prepared for"), buyer_lines),
                    block(_("Prepared by"), seller_lines),
                    block(_("Dates"), dates),
                ]
            ],
            colWidths=[self.width * 0.36, self.width * 0.36, self.width * 0.28],
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), SANS),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.6, rl(RULE)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return table

    def summary(self) -> list[Flowable]:
        case = self.case
        s = self.styles
        projection = self.projection
        sim = self.analysis.simulation
        content: list[Flowable] = self.h1(_("Executive summary"))
        amount = bold(coloured(esc(self.money(projection.cost_to_deadline)), self.theme.brand_text))
        deadline = self.day(case.deadline)
        if sim.ranged_inputs and self.scenario == "expected":
            headline = fill(
                _(
                    "Doing nothing until {deadline} costs {buyer} an estimated {amount} "
                    "(range {low}–{high})."
                ),
                deadline=deadline,
                buyer=self.buyer(),
                amount=amount,
                low=self.money(sim.cost_to_deadline.p10),
                high=self.money(sim.cost_to_deadline.p90),
            )
        else:
            headline = fill(
                _("Doing nothing until {deadline} costs {buyer} an estimated {amount}."),
                deadline=deadline,
                buyer=self.buyer(),
                amount=amount,
            )
        content.append(Para(headline, s.headline))
        lead = [
            fill(
                ngettext(
                    "That is what the status quo costs from {start} until the decision date. "
                    "Over the {months}-month horizon it adds up to {total}.",
                    "That is what the status quo costs from {start} until the decision date. "
                    "Over the {months}-month horizon it adds up to {total}.",
                    case.horizon_months,
                ),
                start=self.day(case.start_date),
                months=str(case.horizon_months),
                total=bold(esc(self.money(projection.cost_over_horizon))),
            )
        ]
        if sim.ranged_inputs and self.scenario == "expected":
            lead.append(
                fill(
                    ngettext(
                        "The range is the 10th to 90th percentile of {samples} simulated "
                        "combination of the input ranges.",
                        "The range is the 10th to 90th percentile of {samples} simulated "
                        "combinations of the input ranges.",
                        sim.samples,
                    ),
                    samples=self.fmt.decimal(Decimal(sim.samples), 0),
                )
            )
        elif self.scenario != "expected":
            lead.append(
                fill(
                    _("All figures use the {scenario} scenario."),
                    scenario=scenario_label(self.scenario),
                )
            )
        content.append(Para(sentences(lead), s.lead))
        content.append(Spacer(1, 4))
        content.append(
            self.tiles(
                [
                    (self.money(projection.cost_per_month), _("per month")),
                    (self.money(projection.cost_per_week), _("per week")),
                    (self.money(projection.cost_per_day), _("per day")),
                    (self.money(projection.cost_per_year), _("in the first year")),
                ]
            )
        )
        chart_at = len(content)
        content.append(self.h2(_("The three largest drivers")))
        content.append(self._top_drivers())
        result = self.results.solution
        if result is not None and case.solution is not None:
            name = case.solution.name or _("The proposed solution")
            content.append(self.h2(_("With the solution: {name}").format(name=shorten(name, 80))))
            payback = (
                _("not within the horizon")
                if result.payback_months is None
                else months_label(self.fmt, result.payback_months)
            )
            content.append(
                self.tiles(
                    [
                        (payback, _("payback")),
                        (
                            "—" if result.roi is None else self.fmt.percent(result.roi),
                            _("return on investment"),
                        ),
                        (self.money(result.npv), _("net present value")),
                        (
                            self.money(abs(result.cost_of_delay_per_month)),
                            _("cost of each month of delay")
                            if result.cost_of_delay_per_month >= 0
                            else _("gain from each month of waiting"),
                        ),
                    ]
                )
            )
            content.append(Spacer(1, 6))
            one, twelve = result.cost_of_delay_per_month, result.delay[-1].cost_of_delay
            if one >= 0 and twelve >= 0:
                sentence = fill(
                    _(
                        "Deciding one month later lowers the net present value by {delay}; "
                        "deciding in twelve months lowers it by {year}."
                    ),
                    delay=bold(esc(self.money(one))),
                    year=bold(esc(self.money(twelve))),
                )
            else:
                # Honest about the rare case where waiting helps (e.g. a solution that costs
                # more than it saves at first): never a "loss" of a negative amount.
                def change(cost_of_delay: Decimal) -> Markup:
                    npv_change = -cost_of_delay
                    sign = "+" if npv_change > 0 else ""
                    return bold(esc(sign + self.money(npv_change)))

                sentence = fill(
                    _(
                        "With these figures, deciding later changes the net present value by "
                        "{delay} after one month and by {year} after twelve months."
                    ),
                    delay=change(one),
                    year=change(twelve),
                )
            content.append(Para(sentence, s.body))
        figures = self.analysis.scenarios
        content.append(self.h2(_("How sure is this figure?")))
        if self._has_range():
            sure = [
                fill(
                    _(
                        "With every input at the low end of its range (conservative), waiting "
                        "until the decision date costs {low}; at the high end (optimistic) "
                        "{high}."
                    ),
                    low=self.money(figures["conservative"].cost_to_deadline),
                    high=self.money(figures["optimistic"].cost_to_deadline),
                )
            ]
        else:
            sure = [
                esc(
                    _(
                        "No input has a range yet, so the figure shows no spread: low and high "
                        "values for the uncertain inputs would show how sure it is."
                    )
                )
            ]
        documented, total = self._evidence()
        if total:
            sure.append(
                fill(
                    ngettext(
                        "{documented} of {total} input names its source (Appendix A).",
                        "{documented} of {total} inputs name their source (Appendix A).",
                        total,
                    ),
                    documented=str(documented),
                    total=str(total),
                )
            )
        content.append(Para(sentences(sure), s.body))
        # The chart takes the room the rest leaves (A4 is taller than Letter).
        heading = self.h2(_("The cost of waiting, month by month"))
        used = sum(self._height(f) for f in [*content, heading])
        room = self.frame_height - used - 6
        probe = self._cumulative(plot_height=100)
        extra = probe.height - 100
        plot = max(70.0, min(150.0, room - extra))
        content[chart_at:chart_at] = [heading, self._cumulative(plot_height=plot)]
        # One page whatever the content: shrink in the rare case it does not fit.
        return [KeepInFrame(self.width, self.frame_height, content, mode="shrink"), PageBreak()]

    def _has_range(self) -> bool:
        """Whether any input has a range (otherwise every scenario gives the same figures)."""
        if self.analysis.simulation.ranged_inputs:
            return True
        shown = {
            (f.cost_to_deadline, f.cost_over_horizon, f.npv)
            for f in self.analysis.scenarios.values()
        }
        return len(shown) > 1

    def _height(self, flowable: Flowable) -> float:
        _width, height = flowable.wrap(self.width, self.frame_height)
        return float(height + flowable.getSpaceBefore() + flowable.getSpaceAfter())

    def _evidence(self) -> tuple[int, int]:
        documented = total = 0
        for driver in self.case.enabled_drivers:
            for spec in driver.kind.inputs:
                if spec.kind is not Kind.NUMBER:
                    continue
                total += 1
                stored = driver.input(spec.key)
                if isinstance(stored, Estimate) and stored.source:
                    documented += 1
        return documented, total

    def _ranked_drivers(self) -> list[Any]:
        deadline = self.case.deadline
        projection = self.projection
        return sorted(
            projection.drivers,
            key=lambda d: (d.cost_to(deadline), projection.driver_cost_over_horizon(d)),
            reverse=True,
        )

    def _top_drivers(self) -> Flowable:
        projection = self.projection
        deadline = self.case.deadline
        total = projection.cost_to_deadline
        rows: list[list[Any]] = [
            [
                self.head(_("Driver")),
                self.head(_("Until the decision date"), True),
                self.head(_("Share"), True),
                self.head(""),
            ]
        ]
        ranked = self._ranked_drivers()[:3]
        if not ranked:
            return Para(esc(_("No drivers are enabled in this case.")), self.styles.body)
        for d in ranked:
            cost = d.cost_to(deadline)
            share = cost / total if total else Decimal(0)
            rows.append(
                [
                    self.cell(d.name, NAME_LIMIT),
                    self.num(self.money(cost), True),
                    self.num(self.fmt.percent(share)),
                    charts.share_bar(float(share), self.theme, 0.16 * self.width - 8),
                ]
            )
        return self.table(rows, [0.5, 0.2, 0.14, 0.16])

    def situation(self) -> list[Flowable]:
        case = self.case
        s = self.styles
        story: list[Flowable] = self.h1(_("The situation"))
        facts = fill(
            ngettext(
                "{buyer} plans to decide by {deadline}. This business case counts what the "
                "status quo costs from {start} on, over a horizon of {months} month, "
                "in {currency}.",
                "{buyer} plans to decide by {deadline}. This business case counts what the "
                "status quo costs from {start} on, over a horizon of {months} months, "
                "in {currency}.",
                case.horizon_months,
            ),
            buyer=self.buyer(),
            deadline=self.day(case.deadline),
            start=self.day(case.start_date),
            months=str(case.horizon_months),
            currency=case.currency,
        )
        story.append(Para(facts, s.lead))
        narrative = case.narrative
        parts = [
            (_("Where things stand"), narrative.situation if narrative else None),
            (_("Why the date matters"), narrative.compelling_event if narrative else None),
            (_("If nothing changes"), narrative.consequences if narrative else None),
        ]
        shown = False
        for title, text in parts:
            if not text or not text.strip():
                continue
            shown = True
            story.append(self.h2(title))
            story += self.prose(text)
        if not shown:
            story.append(
                Para(
                    esc(_("The figures in the following sections describe the situation.")),
                    s.body_muted,
                )
            )
        story.append(PageBreak())
        return story

    def prose(self, text: str) -> list[Flowable]:
        """Free text as paragraphs: blank lines separate paragraphs, single newlines break."""
        out: list[Flowable] = []
        blocks = [b for b in clean(text).replace("\r\n", "\n").split("\n\n") if b.strip()]
        for block in blocks:
            lines = [esc(line) for line in block.split("\n")]
            out.append(Para(Markup(line_break().join(lines)), self.styles.body))
        return out

    def drivers(self) -> list[Flowable]:
        case = self.case
        s = self.styles
        projection = self.projection
        fmt = self.fmt
        story: list[Flowable] = self.h1(_("Cost of inaction by driver"))
        story.append(
            Para(
                esc(
                    ngettext(
                        "Each driver is a cost the status quo causes. The table shows what it "
                        "costs until the decision date, per month (the average of the first "
                        "twelve months) and over the {months}-month horizon.",
                        "Each driver is a cost the status quo causes. The table shows what it "
                        "costs until the decision date, per month (the average of the first "
                        "twelve months) and over the {months}-month horizon.",
                        case.horizon_months,
                    ).format(months=case.horizon_months)
                ),
                s.lead,
            )
        )
        rows: list[list[Any]] = [
            [
                self.head("#"),
                self.head(_("Driver")),
                self.head(_("Until the decision date"), True),
                self.head(_("Per month"), True),
                self.head(
                    ngettext("Over {n} month", "Over {n} months", case.horizon_months).format(
                        n=case.horizon_months
                    ),
                    True,
                ),
                self.head(_("Share"), True),
            ]
        ]
        total = projection.cost_to_deadline
        for number, d in enumerate(projection.drivers, start=1):
            cost = d.cost_to(case.deadline)
            share = cost / total if total else Decimal(0)
            rows.append(
                [
                    self.cell(str(number)),
                    self.cell(d.name, NAME_LIMIT),
                    self.num(self.money(cost)),
                    self.num(self.money(projection.driver_cost_per_month(d))),
                    self.num(self.money(projection.driver_cost_over_horizon(d))),
                    self.num(fmt.percent(share)),
                ]
            )
        rows.append(
            [
                self.cell(""),
                Para(esc(_("Total")), s.cell_bold),
                self.num(self.money(total), True),
                self.num(self.money(projection.cost_per_month), True),
                self.num(self.money(projection.cost_over_horizon), True),
                self.num(fmt.percent(Decimal(1)) if total else "—", True),
            ]
        )
        story.append(self.table(rows, [0.045, 0.355, 0.17, 0.15, 0.18, 0.1], total_row=True))
        story.append(self.h2(_("How each figure is calculated")))
        with_solution = case.solution is not None
        drivers = [d for d in case.drivers if d.enabled]
        for number, (d, model) in enumerate(zip(projection.drivers, drivers, strict=True), 1):
            block: list[Flowable] = [
                Para(
                    join(
                        [
                            esc(f"{number}. "),
                            esc(d.name, NAME_LIMIT),
                            coloured(esc(f"  ·  {_(model.kind.label)}"), MUTED),
                        ]
                    ),
                    s.h3,
                )
            ]
            explain = model.kind.explain(d.values, fmt)
            lines = [
                fill(
                    _("Per month: {formula}."),
                    formula=esc(explain),
                )
            ]
            facts = [
                fill(
                    _("Until the decision date: {amount}"),
                    amount=bold(esc(self.money(d.cost_to(case.deadline)))),
                ),
                fill(
                    _("first-year average per month: {amount}"),
                    amount=esc(self.money(projection.driver_cost_per_month(d))),
                ),
            ]
            if with_solution:
                facts.append(
                    fill(
                        _("share the solution addresses: {share}"),
                        share=esc(fmt.percent(model.addressable)),
                    )
                )
            lines.append(join(facts, " · "))
            if model.start_date or model.end_date:
                if model.start_date and model.end_date:
                    active = _("Counted from {start} until {end}.").format(
                        start=self.day(model.start_date), end=self.day(model.end_date)
                    )
                elif model.start_date:
                    active = _("Counted from {start}.").format(start=self.day(model.start_date))
                else:
                    assert model.end_date is not None
                    active = _("Counted until {end}.").format(end=self.day(model.end_date))
                lines.append(esc(active))
            block.append(Para(Markup(line_break().join(lines)), s.body))
            story.append(KeepTogether(block))
        story.append(PageBreak())
        return story

    # -- charts -----------------------------------------------------------------------------

    def chart_section(self) -> list[Flowable]:
        story: list[Flowable] = self.h1(_("The cost of waiting in charts"))
        story += self._chart_block(
            _("Cumulative cost of inaction"),
            self._cumulative(),
            _(
                "What the status quo has cost by each date since {start}. The band spans the "
                "conservative and optimistic scenarios."
            ).format(start=self.day(self.case.start_date)),
        )
        if self.projection.drivers:
            stacked, caption, title = self._stacked()
            story += self._chart_block(title, stacked, caption)
        result = self.results.solution
        if result is not None:
            timing = self._timing(result)
            story += self._chart_block(
                _("Decision timing"),
                timing,
                (
                    _(
                        "Net present value of the solution when deciding now or later. Each "
                        "month of delay costs {amount}."
                    )
                    if result.cost_of_delay_per_month >= 0
                    else _(
                        "Net present value of the solution when deciding now or later. With "
                        "these figures, each month of waiting raises it by {amount}."
                    )
                ).format(amount=self.money(abs(result.cost_of_delay_per_month))),
            )
        tornado = self._tornado()
        if tornado is not None:
            story += self._chart_block(
                _("What moves the figure most"),
                tornado,
                _(
                    "The cost until the decision date with one input at a time at the low or "
                    "high end of its range, all others expected. The figures at the bar ends are "
                    "the input's values."
                ),
            )
        if self._has_range():
            story += self._chart_block(
                _("Scenario range"),
                self._range(),
                _(
                    "Conservative uses every input's low value, optimistic every input's high "
                    "value; the darker band holds eight in ten of the simulated outcomes."
                ),
            )
        story.append(PageBreak())
        return story

    def _chart_block(self, title: str, drawing: Flowable, caption: str) -> list[Flowable]:
        return [
            KeepTogether(
                [
                    self.h2(title, outline=True),
                    drawing,
                    Para(esc(caption), self.styles.caption),
                    Spacer(1, 8),
                ]
            )
        ]

    def _month_ticks(self, months: int) -> list[tuple[int, str]]:
        step = 3 if months <= 12 else 6 if months <= 24 else 12 if months <= 60 else 24
        out = []
        for k in range(0, months + 1, step):
            day = self.projection.months[k].start if k < len(self.projection.months) else None
            if day is None:
                day = self.projection.months[k - 1].end
            out.append((k, self.fmt.date(day, "medium")))
        return out

    def _timing(self, result: SolutionResult) -> Drawing:
        """NPV when deciding now or in 1, 3, 6 or 12 months."""
        return charts.timing_chart(
            charts.Timing(
                labels=[delay_label(row.months) for row in result.delay],
                npv=[float(row.npv) for row in result.delay],
                value_labels=[charts.compact_money(self.fmt, row.npv) for row in result.delay],
            ),
            self.theme,
            self.fmt,
            self.width,
        )

    def _cumulative(self, plot_height: float = 168) -> Drawing:
        case = self.case
        position = 0.0
        for m in self.projection.months:
            if m.start <= case.deadline < m.end:
                position = m.index - 1 + (case.deadline - m.start).days / m.days
                break
        else:
            position = float(len(self.projection.months))
        # The chart runs over the horizon, and on to the decision date when that lies beyond
        # it, so the marker always sits at the real date on a line that reaches it.
        horizon = max(case.horizon_months, math.ceil(position))

        def running(projection: Projection) -> list[float]:
            total = Decimal(0)
            out = [0.0]
            for value in projection.monthly[:horizon]:
                total += value
                out.append(float(total))
            return out

        expected = running(self.projection)
        low = high = None
        if self.analysis.simulation.ranged_inputs:
            low = running(project(case, "conservative"))
            high = running(project(case, "optimistic"))
        value = self.projection.cost_to_deadline
        return charts.cumulative_chart(
            charts.Cumulative(
                expected=expected,
                low=low,
                high=high,
                deadline_position=position,
                deadline_value=float(value),
                ticks=self._month_ticks(horizon),
                deadline_label=_("Decision date {date}").format(
                    date=self.fmt.date(case.deadline, "medium")
                ),
                value_label=charts.compact_money(self.fmt, value),
            ),
            self.theme,
            self.fmt,
            self.width,
            {
                "expected": _("Expected"),
                "range": _("Conservative to optimistic"),
                "deadline": _("Decision date"),
            },
            plot_height,
        )

    def _stacked(self) -> tuple[Flowable, str, str]:
        horizon = self.case.horizon_months
        by_year = horizon > 24
        size = 12 if by_year else 3
        count = (horizon + size - 1) // size
        periods = [(_("Year {n}") if by_year else _("Q{n}")).format(n=i + 1) for i in range(count)]
        ranked = sorted(
            self.projection.drivers,
            key=lambda d: self.projection.driver_cost_over_horizon(d),
            reverse=True,
        )
        shown = ranked if len(ranked) <= TOP_DRIVERS_IN_CHART + 1 else ranked[:TOP_DRIVERS_IN_CHART]
        rest = ranked[len(shown) :]

        def per_period(monthly: Sequence[Decimal]) -> list[float]:
            return [
                float(sum(monthly[i * size : min((i + 1) * size, horizon)], Decimal(0)))
                for i in range(count)
            ]

        series: list[tuple[str, Sequence[float]]] = [(d.name, per_period(d.monthly)) for d in shown]
        if rest:
            totals = [Decimal(0)] * horizon
            for d in rest:
                for k in range(horizon):
                    totals[k] += d.monthly[k]
            series.append(
                (
                    ngettext("{n} other driver", "{n} other drivers", len(rest)).format(
                        n=len(rest)
                    ),
                    per_period(totals),
                )
            )
        drawing = charts.stacked_chart(
            charts.Stacked(periods=periods, series=series, other=bool(rest)),
            self.theme,
            self.fmt,
            self.width,
        )
        if by_year:
            title = _("Cost by driver and year")
            caption = _("Year 1 starts on {start}.").format(start=self.day(self.case.start_date))
        else:
            title = _("Cost by driver and quarter")
            caption = _("Quarter 1 starts on {start}.").format(start=self.day(self.case.start_date))
        if horizon % size:
            caption = join_sentences(
                [
                    caption,
                    _("The last bar covers {months} of {size} months.").format(
                        months=horizon % size, size=size
                    ),
                ]
            )
        return drawing, caption, title

    def _tornado(self) -> Flowable | None:
        swings = [w for w in self.analysis.swings if not w.ref.is_solution and w.swing]
        if not swings:
            return None
        rows = []
        for w in swings[:TORNADO_ROWS]:
            spec = self._spec(w.ref)
            unit = spec.unit if spec is not None else Unit.NUMBER
            rows.append(
                charts.TornadoRow(
                    label=_(w.label),
                    detail=w.driver,
                    low=float(w.deadline_low),
                    high=float(w.deadline_high),
                    low_label=self._short_input(unit, w.low_value),
                    high_label=self._short_input(unit, w.high_value),
                )
            )
        base = self.analysis.scenarios["expected"].cost_to_deadline
        return charts.tornado_chart(
            rows,
            float(base),
            self.theme,
            self.fmt,
            self.width,
            {
                "low": _("Input at its low value"),
                "high": _("Input at its high value"),
                "base": _("Expected"),
            },
        )

    def _short_input(self, unit: Unit, value: Decimal) -> str:
        """An input's value for a chart label: large money amounts in compact form."""
        if unit is Unit.MONEY and abs(value) >= 10_000:
            return charts.compact_money(self.fmt, value)
        return format_input(self.fmt, unit, value)

    def _spec(self, ref: InputRef) -> InputSpec | None:
        index = ref.owner
        if index is not SOLUTION and 0 <= index < len(self.case.drivers):
            try:
                return self.case.drivers[index].kind.spec(ref.key)
            except KeyError:
                return None
        return None

    def _range(self) -> Flowable:
        figures = self.analysis.scenarios
        sim = self.analysis.simulation
        has_range = sim.ranged_inputs > 0
        fmt = self.fmt

        def row(label: str, attr: str, pct: Any) -> charts.RangeRow:
            c = getattr(figures["conservative"], attr)
            e = getattr(figures["expected"], attr)
            o = getattr(figures["optimistic"], attr)
            return charts.RangeRow(
                label=label,
                conservative=float(c),
                expected=float(e),
                optimistic=float(o),
                p10=float(pct.p10) if has_range and pct is not None else None,
                p90=float(pct.p90) if has_range and pct is not None else None,
                conservative_label=charts.compact_money(fmt, c),
                expected_label=charts.compact_money(fmt, e),
                optimistic_label=charts.compact_money(fmt, o),
            )

        rows = [
            row(_("Until the decision date"), "cost_to_deadline", sim.cost_to_deadline),
            row(
                ngettext("Over {n} month", "Over {n} months", self.case.horizon_months).format(
                    n=self.case.horizon_months
                ),
                "cost_over_horizon",
                sim.cost_over_horizon,
            ),
        ]
        if figures["expected"].npv is not None:
            rows.append(row(_("Net present value of the solution"), "npv", sim.npv))
        return charts.range_chart(
            rows,
            self.theme,
            self.width,
            {
                "scenarios": _("Conservative to optimistic"),
                "simulation": ngettext(
                    "P10 to P90 of {samples} simulation",
                    "P10 to P90 of {samples} simulations",
                    sim.samples,
                ).format(samples=fmt.decimal(Decimal(sim.samples), 0)),
                "expected": _("Expected"),
            },
        )

    # -- investment and return --------------------------------------------------------------

    def investment(self) -> list[Flowable]:
        result = self.results.solution
        solution = self.case.solution
        if result is None or solution is None:
            return []
        fmt = self.fmt
        s = self.styles
        story: list[Flowable] = self.h1(_("Investment and return"))
        story.append(
            Para(
                fill(
                    ngettext(
                        "What {solution} costs and what it returns over the {months}-month "
                        "horizon, against the cost of inaction it removes.",
                        "What {solution} costs and what it returns over the {months}-month "
                        "horizon, against the cost of inaction it removes.",
                        self.case.horizon_months,
                    ),
                    solution=esc(solution.name or _("the proposed solution"), NAME_LIMIT),
                    months=str(self.case.horizon_months),
                ),
                s.lead,
            )
        )
        payback = (
            _("not within the horizon")
            if result.payback_months is None
            else months_label(fmt, result.payback_months)
        )
        pairs = [
            (_("One-time investment"), self.money(result.investment)),
            (_("Recurring cost per month"), self.money(result.recurring_cost)),
            (_("Lead time until go-live"), months_label(fmt, solution.lead_time_months)),
            (_("Ramp-up to the full benefit"), months_label(fmt, solution.ramp_months)),
            (_("Benefits over the horizon"), self.money(result.benefits_over_horizon)),
            (_("Costs over the horizon"), self.money(result.costs_over_horizon)),
            (_("Net benefit over the horizon"), self.money(result.net_over_horizon)),
            (
                _("Net present value (discounted at {rate} a year)").format(
                    rate=fmt.percent(self.case.discount_rate)
                ),
                self.money(result.npv),
            ),
            (
                _("Internal rate of return"),
                "—" if result.irr is None else fmt.percent(result.irr),
            ),
            (_("Return on investment"), "—" if result.roi is None else fmt.percent(result.roi)),
            (_("Payback"), payback),
            (_("Cost of each month of delay"), self.money(result.cost_of_delay_per_month)),
        ]
        rows: list[list[Any]] = [[self.head(_("Figure")), self.head(_("Value"), True)]]
        strong = {
            _("Net present value (discounted at {rate} a year)").format(
                rate=fmt.percent(self.case.discount_rate)
            ),
            _("Payback"),
        }
        for label, value in pairs:
            rows.append(
                [
                    Para(esc(label), s.cell_bold if label in strong else s.cell),
                    self.num(value, label in strong),
                ]
            )
        story.append(self.table(rows, [0.62, 0.38]))
        story.append(self.h2(_("Decision timing")))
        timing: list[list[Any]] = [
            [
                self.head(_("Decide")),
                self.head(_("Net present value"), True),
                self.head(_("Lost by waiting"), True),
            ]
        ]
        for row in result.delay:
            timing.append(
                [
                    self.cell(delay_label(row.months)),
                    self.num(self.money(row.npv)),
                    self.num(self.money(row.cost_of_delay) if row.months else "—"),
                ]
            )
        story.append(self.table(timing, [0.44, 0.28, 0.28]))
        story.append(Spacer(1, 6))
        story.append(
            Para(
                esc(
                    _(
                        "IRR is shown only when the monthly cash flows change sign once, so that "
                        "it is unique. Payback counts months from the decision until the "
                        "cumulative net benefit covers the investment."
                    )
                ),
                s.small,
            )
        )
        story.append(PageBreak())
        return story

    # -- appendices --------------------------------------------------------------------------

    def assumptions(self) -> list[Flowable]:
        case = self.case
        fmt = self.fmt
        s = self.styles
        story: list[Flowable] = self.h1(_("Appendix A: Assumptions"))
        story.append(
            Para(
                esc(
                    _(
                        "Every input behind the figures, with its range, unit, source and "
                        "confidence. Values marked “default” are the model's defaults, which "
                        "were not changed for this case."
                    )
                ),
                s.lead,
            )
        )
        general = [
            (_("Start of the analysis"), self.day(case.start_date)),
            (_("Decision date"), self.day(case.deadline)),
            (_("Horizon"), months_label(fmt, case.horizon_months)),
            (_("Discount rate per year"), fmt.percent(case.discount_rate, 2)),
            (_("Currency"), case.currency),
            (_("Scenario of the figures"), scenario_label(self.scenario)),
        ]
        rows: list[list[Any]] = [[self.head(_("Setting")), self.head(_("Value"))]]
        rows += [[self.cell(a), self.cell(b)] for a, b in general]
        story.append(self.h2(_("The case")))
        story.append(self.table(rows, [0.45, 0.55]))
        header = [
            self.head(_("Input")),
            self.head(_("Value"), True),
            self.head(_("Range"), True),
            self.head(_("Unit")),
            self.head(_("Source")),
            self.head(_("Confidence")),
        ]
        widths = [0.22, 0.14, 0.19, 0.11, 0.21, 0.13]
        number = 0
        for driver in case.drivers:
            if not driver.enabled:
                continue
            number += 1
            table_rows = [header, *self._driver_rows(driver)]
            title = join(
                [
                    esc(f"{number}. "),
                    esc(driver.name, NAME_LIMIT),
                    coloured(esc(f"  ·  {_(driver.kind.label)}"), MUTED),
                ]
            )
            story.append(KeepTogether([Para(title, s.h3), self.table(table_rows, widths)]))
        solution = case.solution
        if solution is not None:
            table_rows = [header]
            for spec in SOLUTION_INPUTS:
                table_rows.append(self._estimate_row(spec, solution.estimate(spec.key), False))
            title = fill(
                _("Solution: {name}"),
                name=esc(solution.name or _("the proposed solution"), NAME_LIMIT),
            )
            story.append(KeepTogether([Para(title, s.h3), self.table(table_rows, widths)]))
        story.append(PageBreak())
        return story

    def _estimate_row(
        self, spec: InputSpec, stored: Estimate | None, pick: bool = True
    ) -> list[Any]:
        fmt = self.fmt
        label = _(spec.label)
        if stored is None:
            value = format_input(fmt, spec.unit, spec.default_decimal)
            return [
                self.cell(label),
                self.num(value),
                self.num("—"),
                self.cell(unit_name(spec.unit, self.case.currency)),
                Para(esc(_("default")), self.styles.label),
                self.cell("—"),
            ]
        used = stored.pick(self.scenario)
        shown = format_input(fmt, spec.unit, used)
        if stored.is_ranged:
            low = format_input(fmt, spec.unit, stored.low_value)
            high = format_input(fmt, spec.unit, stored.high_value)
            span = f"{low} – {high}"
        else:
            span = "—"
        source_parts = [p for p in (stored.source, stored.note) if p]
        source = Para(
            join([esc(p, CELL_TEXT_LIMIT) for p in source_parts], " — ")
            if source_parts
            else esc("—"),
            self.styles.cell,
        )
        return [
            self.cell(label),
            self.num(shown),
            self.num(span),
            self.cell(unit_name(spec.unit, self.case.currency)),
            source,
            self.cell(confidence_label(stored.confidence)),
        ]

    def _driver_rows(self, driver: DriverBase) -> list[list[Any]]:
        fmt = self.fmt
        rows: list[list[Any]] = []
        for spec in driver.kind.inputs:
            stored = driver.input(spec.key)
            if spec.kind is Kind.NUMBER:
                rows.append(self._estimate_row(spec, stored))
                continue
            if stored is None:
                if spec.kind is Kind.DATE:
                    value = _("none")
                elif spec.kind is Kind.CHOICE:
                    value = choice_label(str(spec.default))
                else:
                    value = str(spec.default or "—")
                source: Paragraph = Para(esc(_("default")), self.styles.label)
            else:
                if isinstance(stored, dt.date):
                    value = self.day(stored)
                elif spec.kind is Kind.CHOICE:
                    value = choice_label(str(stored))
                else:
                    value = str(stored)
                source = self.cell("—")
            rows.append(
                [
                    self.cell(_(spec.label)),
                    self.num(value),
                    self.num("—"),
                    self.cell(_("date") if spec.kind is Kind.DATE else "—"),
                    source,
                    self.cell("—"),
                ]
            )
        if self.case.solution is not None:
            rows.append(
                [
                    self.cell(_("Share the solution addresses")),
                    self.num(fmt.percent(driver.addressable)),
                    self.num("—"),
                    self.cell(_("percent")),
                    self.cell("—"),
                    self.cell("—"),
                ]
            )
        return rows

    def methodology(self) -> list[Flowable]:
        case = self.case
        fmt = self.fmt
        s = self.styles
        sim = self.analysis.simulation
        story: list[Flowable] = self.h1(_("Appendix B: Methodology"))
        paragraphs = [
            (
                _("Figures"),
                ngettext(
                    "All amounts are in {currency} and computed month by month from {start} "
                    "for {months} month, from the inputs in Appendix A. Month 1 runs from the "
                    "start date to the same day one month later. A monthly amount accrues "
                    "evenly over the days of its month, so the cost until the decision date "
                    "counts the days before it. Amounts are rounded only for display (to the "
                    "currency's smallest unit, half up); totals are added before rounding, so "
                    "a column can differ from the sum of its rounded rows by one unit.",
                    "All amounts are in {currency} and computed month by month from {start} "
                    "for {months} months, from the inputs in Appendix A. Month 1 runs from the "
                    "start date to the same day one month later. A monthly amount accrues "
                    "evenly over the days of its month, so the cost until the decision date "
                    "counts the days before it. Amounts are rounded only for display (to the "
                    "currency's smallest unit, half up); totals are added before rounding, so "
                    "a column can differ from the sum of its rounded rows by one unit.",
                    case.horizon_months,
                ).format(
                    currency=case.currency,
                    start=self.day(case.start_date),
                    months=case.horizon_months,
                ),
            ),
            (
                _("Run rates"),
                _(
                    "The cost per month is one twelfth of the cost of the first twelve months; "
                    "per week is one 52nd and per day one 365th of it."
                ),
            ),
            (
                _("Scenarios"),
                _(
                    "The expected scenario uses each input's expected value. The conservative "
                    "scenario uses the low end of every range and the optimistic scenario the "
                    "high end; inputs without a range keep their expected value in all three."
                ),
            ),
            (
                _("Simulation"),
                ngettext(
                    "The range P10 to P90 comes from {samples} simulated combination of the "
                    "inputs: each input with a range is drawn independently from a triangular "
                    "distribution between its low, expected and high value. One outcome in ten "
                    "lies below P10 and one in ten above P90. The simulation uses a fixed seed "
                    "({seed}), so the same case always gives the same range.",
                    "The range P10 to P90 comes from {samples} simulated combinations of the "
                    "inputs: each input with a range is drawn independently from a triangular "
                    "distribution between its low, expected and high value. One outcome in ten "
                    "lies below P10 and one in ten above P90. The simulation uses a fixed seed "
                    "({seed}), so the same case always gives the same range.",
                    sim.samples,
                ).format(samples=fmt.decimal(Decimal(sim.samples), 0), seed=sim.seed),
            ),
            (
                _("Sensitivity"),
                _(
                    "The chart of what moves the figure most sets one input at a time to the "
                    "low and the high end of its range, all others at their expected values, "
                    "and ranks the inputs by how much the cost until the decision date changes."
                ),
            ),
        ]
        if case.solution is not None:
            paragraphs.append(
                (
                    _("The solution"),
                    _(
                        "The solution removes the addressable share of each driver's cost from "
                        "go-live on (the decision plus the lead time), ramping up to the full "
                        "benefit over the ramp-up months. Its recurring cost runs from go-live; "
                        "the investment is paid at the decision. The net present value "
                        "discounts the monthly net benefit at {rate} a year. Return on "
                        "investment is (benefits − costs) ÷ costs over the horizon. The cost "
                        "of delay is the net present value lost by deciding later."
                    ).format(rate=fmt.percent(case.discount_rate, 2)),
                )
            )
        for title, text in paragraphs:
            story.append(self.h2(title))
            story.append(Para(esc(text), s.body))
        story.append(self.h2(_("Disclaimer"), outline=True))
        disclaimer = self.branding.disclaimer
        if disclaimer and disclaimer.strip():
            story += self.prose(disclaimer)
        else:
            story.append(
                Para(
                    esc(
                        _(
                            "This business case estimates future costs from the assumptions "
                            "listed in Appendix A. It is not a guarantee of costs, savings or "
                            "returns. Please review the assumptions and sources before relying "
                            "on the figures."
                        )
                    ),
                    s.body_muted,
                )
            )
        return story

    # -- the document ------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.cover()
        story += self.summary()
        story += self.situation()
        story += self.drivers()
        story += self.chart_section()
        story += self.investment()
        story += self.assumptions()
        story += self.methodology()
        return story

    def metadata(self) -> dict[str, str]:
        case = self.case
        buyer = shorten(clean(case.buyer.company), 200)
        title = shorten(clean(self.case_title), 300) or _("The cost of inaction: {buyer}").format(
            buyer=buyer
        )
        author_parts = [p for p in (case.seller.rep, self.seller_name) if p]
        return {
            "title": title,
            "author": shorten(clean(", ".join(author_parts)), 300),
            "subject": _("Business case for {buyer}: the cost of inaction until {date}").format(
                buyer=buyer, date=self.fmt.date(case.deadline)
            ),
            "keywords": _("business case, cost of inaction"),
        }

    def build(self) -> bytes:
        register_base()
        buffer = io.BytesIO()
        meta = self.metadata()
        doc = BaseDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=27 * mm,
            bottomMargin=22 * mm,
            title=meta["title"],
            author=meta["author"],
            subject=meta["subject"],
            keywords=meta["keywords"],
            creator=f"Cost of Inaction {__version__}",
            producer=f"Cost of Inaction {__version__} (ReportLab)",
            lang=self.language.replace("_", "-"),
            invariant=1,
            initialFontName=SANS,
            displayDocTitle=1,
        )
        frame = Frame(
            self.margin,
            22 * mm,
            self.width,
            self.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="main",
        )
        theme = self.theme

        def cover_page(canvas: Canvas, _doc: Any) -> None:
            width, height = canvas._pagesize
            canvas.saveState()
            canvas.setFillColor(rl(theme.brand))
            canvas.rect(0, height - 5 * mm, width, 5 * mm, stroke=0, fill=1)
            canvas.rect(0, 0, width, 2.2 * mm, stroke=0, fill=1)
            canvas.restoreState()

        foot = 42 * mm
        cover_frames = [
            Frame(
                self.margin,
                22 * mm + foot,
                self.width,
                self.frame_height - foot,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id="cover",
            ),
            Frame(
                self.margin,
                22 * mm,
                self.width,
                foot,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id="cover-foot",
            ),
        ]
        doc.addPageTemplates(
            [
                PageTemplate("cover", cover_frames, onPage=cover_page),
                PageTemplate("body", [frame]),
            ]
        )
        seller = self.seller_name
        seller_line = (
            _("Prepared by {seller}").format(seller=shorten(clean(seller), 200)) if seller else ""
        )
        if seller and self.case.seller.rep:
            seller_line += " · " + shorten(clean(self.case.seller.rep), 120)
        decor = _Decor(
            buyer=shorten(clean(self.case.buyer.company), 300),
            document=_("Business case: the cost of inaction"),
            seller=seller_line,
            page_label=lambda page, pages: _("Page {page} of {pages}").format(
                page=page, pages=pages
            ),
            theme=theme,
            margin=self.margin,
        )
        stamp = self.date
        pdf_date = f"D:{stamp.year:04d}{stamp.month:02d}{stamp.day:02d}000000+00'00'"

        def canvasmaker(*args: Any, **kwargs: Any) -> _Canvas:
            canvas = _Canvas(*args, decor=decor, pdf_date=pdf_date, **kwargs)
            canvas.showOutline()
            return canvas

        doc.build(self.story(), canvasmaker=canvasmaker)
        return buffer.getvalue()


_RENDER_LOCK = threading.RLock()


@dataclass(frozen=True)
class ChartDrawing:
    """One of the report's charts, for another surface (the app's dashboard)."""

    key: str  # cumulative, by_driver, timing, tornado, range
    title: str
    caption: str
    drawing: Drawing


def chart_drawings(
    case: Case,
    analysis: Analysis,
    *,
    language: str,
    brand_colour: str | None = None,
    width: float | None = None,
) -> list[ChartDrawing]:
    """The report's charts for ``case`` (expected scenario), titled in ``language``.

    The same chart definitions as the PDF, laid out ``width`` points wide (the PDF's column
    when not given); the app shows them as SVG. Builds take the report's lock.
    """
    from calculators.i18n import language as use_language

    if analysis.case != case:
        raise ValueError("the analysis was computed for a different case")
    with _RENDER_LOCK, use_language(language):
        builder = _Report(
            case,
            "expected",
            Branding(brand_colour=brand_colour),
            language,
            analysis,
            case.start_date,
        )
        if width is not None:
            builder.width = width
        fmt = builder.fmt
        out = [
            ChartDrawing(
                "cumulative",
                _("Cumulative cost of inaction"),
                _("The band spans the conservative and optimistic scenarios."),
                builder._cumulative(),
            )
        ]
        if builder.projection.drivers:
            drawing, caption, title = builder._stacked()
            out.append(ChartDrawing("by_driver", title, caption, drawing))
        result = builder.results.solution
        if result is not None:
            timing = builder._timing(result)
            delay = result.cost_of_delay_per_month
            caption = (
                _(
                    "Net present value when deciding now or later. "
                    "Each month of delay costs {amount}."
                )
                if delay >= 0
                else _(
                    "Net present value when deciding now or later. With these figures, "
                    "each month of waiting raises it by {amount}."
                )
            ).format(amount=fmt.money(abs(delay)))
            out.append(ChartDrawing("timing", _("Decision timing"), caption, timing))
        tornado = builder._tornado()
        if tornado is not None:
            out.append(
                ChartDrawing(
                    "tornado",
                    _("What moves the figure most"),
                    _(
                        "The cost until the decision date with one input at a time "
                        "at its low or high value."
                    ),
                    tornado,
                )
            )
        out.append(
            ChartDrawing(
                "range",
                _("Scenario range"),
                _("Conservative uses every low value, optimistic every high value."),
                builder._range(),
            )
        )
        return out


def render_pdf(
    case: Case,
    *,
    scenario: Scenario = "expected",
    branding: Branding | None = None,
    language: str | None = None,
    analysis: Analysis | None = None,
    date: dt.date | None = None,
) -> bytes:
    """The business case for ``case`` as PDF bytes (deterministic: same input, same bytes).

    ``language`` overrides the case's language for the text (formats always follow the
    case's locale). ``analysis`` lets a caller reuse scenario, sensitivity and simulation
    results computed for this very case (see :func:`analyse`). ``date`` is the date printed
    on the cover and stored in the PDF; by default the case's start date, so that a case
    always renders to the same bytes.
    """
    from calculators.i18n import language as use_language

    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}")
    if analysis is None:
        analysis = analyse(case)
    elif analysis.case != case:
        raise ValueError("the analysis was computed for a different case")
    code = language or case.language or case.locale
    branding = branding or Branding()
    check_branding(branding)  # problems in the caller's language, not the report's
    # reportlab keeps process-wide state (registered fonts, rl_config, its page counter);
    # the app renders the preview, an export and dashboard charts on worker threads, so
    # builds take turns.
    with _RENDER_LOCK, use_language(code):
        report = _Report(
            case,
            scenario,
            branding,
            code,
            analysis,
            date or case.start_date,
        )
        return report.build()


def write_pdf(
    case: Case,
    path: str | Path,
    *,
    scenario: Scenario = "expected",
    branding: Branding | None = None,
    language: str | None = None,
    analysis: Analysis | None = None,
    date: dt.date | None = None,
) -> None:
    """Render ``case`` and write it to ``path`` atomically (no half-written file on failure)."""
    from calculators.storage import atomic_write

    data = render_pdf(
        case,
        scenario=scenario,
        branding=branding,
        language=language,
        analysis=analysis,
        date=date,
    )
    atomic_write(path, data)
