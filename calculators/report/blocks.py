"""Small building blocks of the report's pages: headings, tables, cells, tiles, prose."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from calculators.report.context import CELL_TEXT_LIMIT, Context
from calculators.report.fonts import SANS, clean
from calculators.report.markup import Markup, esc, line_break
from calculators.report.rl import Para, heading
from calculators.report.theme import INK, RULE, rl


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
        # A row taller than a page (long text in a cell) is split rather than a LayoutError.
        splitInRow=1,
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


def tiles(ctx: Context, items: Sequence[tuple[str, str]], columns: int = 4) -> Table:
    """Key figures as a row of tiles: big value, small label."""
    cells: list[Any] = [
        [Para(esc(value), ctx.styles.tile_value), Para(esc(label), ctx.styles.tile_label)]
        for value, label in items
    ]
    while len(cells) % columns:
        cells.append([Spacer(1, 1)])
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    gap = 6.0
    tile = (ctx.width - gap * (columns - 1)) / columns
    widths: list[float] = []
    for i in range(columns):
        widths.append(tile)
        if i < columns - 1:
            widths.append(gap)
    result = Table(_tile_grid(rows, columns), colWidths=widths, hAlign="LEFT")
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


def height(ctx: Context, flowable: Flowable) -> float:
    """The height ``flowable`` takes in the text column, spacing included."""
    _width, tall = flowable.wrap(ctx.width, ctx.frame_height)
    return float(tall + flowable.getSpaceBefore() + flowable.getSpaceAfter())
