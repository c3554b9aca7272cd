"""Small building blocks of the report's pages: headings, tables, cells, tiles, prose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from calculators.report.context import CELL_TEXT_LIMIT, Context
from calculators.report.fonts import SANS, clean, string_width
from calculators.report.markup import Markup, esc, line_break
from calculators.report.rl import Para, heading
from calculators.report.theme import INK, NEGATIVE, POSITIVE, RULE, rl


def h1(ctx: Context, title: str) -> list[Flowable]:
    return [heading(esc(title), ctx.styles.h1, title, 0)]


def h2(ctx: Context, title: str, outline: bool = False) -> Flowable:
    if outline:
        return heading(esc(title), ctx.styles.h2, title, 1)
    return Para(esc(title), ctx.styles.h2)


def cell(ctx: Context, text: str, limit: int | None = CELL_TEXT_LIMIT) -> Paragraph:
    return Para(esc(text, limit), ctx.styles.cell)


def num(ctx: Context, text: str, strong: bool = False) -> Paragraph:
    style = ctx.styles.cell_number_bold if strong else ctx.styles.cell_number
    return Para(esc(text), style)


def head(ctx: Context, text: str, number: bool = False) -> Paragraph:
    style = ctx.styles.cell_head_number if number else ctx.styles.cell_head
    return Para(esc(text), style)


def table(
    ctx: Context,
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    total_row: bool = False,
    header: bool = True,
) -> Table:
    """A table ``ctx.width`` wide (``widths`` as shares), ruled, with an optional total row."""
    result = Table(
        [list(r) for r in rows],
        colWidths=[w * ctx.width for w in widths],
        repeatRows=1 if header else 0,
        hAlign="LEFT",
        splitInRow=1,  # a row taller than a page (a very long source) flows on, no LayoutError
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
            ("LINEBELOW", (0, 0), (-1, 0), 0.9, rl(ctx.theme.brand)),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4.5),
        ]
    first = 1 if header else 0
    last = -2 if total_row else -1
    if len(rows) > first + (1 if total_row else 0):
        commands.append(("LINEBELOW", (0, first), (-1, last), 0.3, rl(RULE)))
    if total_row:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.9, rl(INK)),
            ("BACKGROUND", (0, -1), (-1, -1), rl(ctx.theme.brand_tint)),
        ]
    result.setStyle(TableStyle(commands))
    return result


def _tile_grid(rows: list[list[Any]], columns: int) -> list[list[Any]]:
    """Rows of tiles with an empty gap column between neighbours."""
    data: list[list[Any]] = []
    for row in rows:
        line: list[Any] = []
        for i, content in enumerate(row):
            line.append(content)
            if i < columns - 1:
                line.append("")
        data.append(line)
    return data


@dataclass(frozen=True)
class Tile:
    """A key figure: its value, label, an optional compact form of the value (used when the
    value does not fit the tile even at the smallest size) and its tone ("gain", "loss" or
    "" for a neutral figure; gains and losses take fixed colours, never the brand's)."""

    value: str
    label: str
    compact: str = ""
    tone: str = ""


TILE_SIZES = (13.5, 12.5, 11.5, 10.5, 9.5)
TILE_PADDING = (8.0, 6.0)  # left, right


def _tile_value(ctx: Context, item: Tile, room: float) -> Para:
    """The value at the largest size at which it fits on one line, else its compact form;
    never split across lines (its spaces are no-break spaces)."""
    colour = {"gain": POSITIVE, "loss": NEGATIVE}.get(item.tone, ctx.theme.brand_text)
    candidates = [item.value] + ([item.compact] if item.compact else [])
    for text in candidates:
        whole = text.replace(" ", "\u00a0")
        for size in TILE_SIZES:
            if string_width(whole, size, True) <= room:
                return Para(esc(whole), _tile_style(ctx.styles.tile_value, size, colour))
    whole = candidates[-1].replace(" ", "\u00a0")
    size = max(6.0, TILE_SIZES[-1] * room / max(string_width(whole, TILE_SIZES[-1], True), 1))
    return Para(esc(whole), _tile_style(ctx.styles.tile_value, size, colour))


@lru_cache(maxsize=64)
def _tile_style(base: ParagraphStyle, size: float, colour: str) -> ParagraphStyle:
    return ParagraphStyle(
        f"{base.name}-{size}-{colour}",
        parent=base,
        fontSize=size,
        leading=TILE_SIZES[0] * 17 / 13.5,  # one height for every tile of a row
        textColor=rl(colour),
        splitLongWords=0,
    )


def tiles(ctx: Context, items: Sequence[Tile | tuple[str, str]], columns: int = 4) -> Table:
    """Key figures as a row of tiles: big value (shrunk to fit, never split), small label."""
    gap = 6.0
    tile = (ctx.width - gap * (columns - 1)) / columns
    room = tile - sum(TILE_PADDING) - 1
    shown = [item if isinstance(item, Tile) else Tile(*item) for item in items]
    cells: list[Any] = [
        [_tile_value(ctx, item, room), Para(esc(item.label), ctx.styles.tile_label)]
        for item in shown
    ]
    while len(cells) % columns:
        cells.append([Spacer(1, 1)])
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    widths: list[float] = []
    for i in range(columns):
        widths.append(tile)
        if i < columns - 1:
            widths.append(gap)
    result = Table(_tile_grid(rows, columns), colWidths=widths, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), TILE_PADDING[0]),
        ("RIGHTPADDING", (0, 0), (-1, -1), TILE_PADDING[1]),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]
    for r, row in enumerate(rows):
        for i, content in enumerate(row):
            if isinstance(content, list) and len(content) == 2:
                col = i * 2
                commands += [
                    ("BACKGROUND", (col, r), (col, r), rl(ctx.theme.brand_tint)),
                    ("LINEABOVE", (col, r), (col, r), 1.6, rl(ctx.theme.brand)),
                ]
    result.setStyle(TableStyle(commands))
    return result


def prose(ctx: Context, text: str) -> list[Flowable]:
    """Free text as paragraphs: blank lines separate paragraphs, single newlines break."""
    out: list[Flowable] = []
    blocks = [b for b in clean(text).replace("\r\n", "\n").split("\n\n") if b.strip()]
    for block in blocks:
        lines = [esc(line) for line in block.split("\n")]
        out.append(Para(Markup(line_break().join(lines)), ctx.styles.body))
    return out


def chart_block(ctx: Context, title: str, drawing: Flowable, caption: str) -> list[Flowable]:
    """A chart under its (outlined) heading with its caption, kept on one page."""
    return [
        KeepTogether(
            [
                h2(ctx, title, outline=True),
                drawing,
                Para(esc(caption), ctx.styles.caption),
                Spacer(1, 8),
            ]
        )
    ]


# A section starts on a fresh page only when less than this share of the page is left: the
# next section fills the rest, so no page but the last is left less than a quarter full by
# a section's short tail (a lone chart or table).
SECTION_ROOM = 0.45
SECTION_GAP = 22.0


class _Gap(Flowable):  # type: ignore[misc]
    """Space between two sections on one page, dropped at the top of a page (reportlab
    ignores the space before a flowable at the top of a frame)."""

    def __init__(self, gap: float) -> None:
        super().__init__()
        self._gap = gap

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def getSpaceBefore(self) -> float:
        return self._gap

    def draw(self) -> None:
        pass


def keep_headings(story: Sequence[Flowable]) -> list[Flowable]:
    """``story`` with every heading (a flowable kept with the next) bound to a following
    KeepTogether: reportlab's keepWithNext does not reach into one, so a heading could
    otherwise end a page above its chart or table."""
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        flowable = story[i]
        following = story[i + 1] if i + 1 < len(story) else None
        if isinstance(following, KeepTogether) and flowable.getKeepWithNext():
            out.append(KeepTogether([flowable, following]))
            i += 2
            continue
        out.append(flowable)
        i += 1
    return out


def section_end(ctx: Context) -> list[Flowable]:
    """The end of a section: the next one follows on this page when enough room is left."""
    return [CondPageBreak(ctx.frame_height * SECTION_ROOM), _Gap(SECTION_GAP)]


def height(ctx: Context, flowable: Flowable) -> float:
    """The height ``flowable`` takes in the text column, spacing included."""
    _width, tall = flowable.wrap(ctx.width, ctx.frame_height)
    return float(tall + flowable.getSpaceBefore() + flowable.getSpaceAfter())
