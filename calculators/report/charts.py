"""The report's charts, drawn with reportlab.graphics shapes (vector, fonts embedded).

Each function takes figures that are already computed and labels that are already translated
and returns a :class:`Drawing` as wide as the text column. Geometry is float (points on a
page); every figure shown as text goes through the case's :class:`Formatter`.

Chart text is drawn run by run in the bundled fonts (``fonts.iter_faces``), so a driver's
name in Japanese gets real glyphs in a legend too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from calculators.formatting import Formatter, minor_units
from calculators.report.fonts import (
    FAUX_BOLD_STROKE,
    SANS,
    faux_bold,
    fit_text,
    iter_faces,
    string_width,
)
from calculators.report.rl import OutlinedString
from calculators.report.theme import INK, MUTED, NEGATIVE, POSITIVE, RULE, Theme, mix, rl

AXIS_SIZE = 6.8
LABEL_SIZE = 7.4
LEGEND_SIZE = 7.2
OTHER = "#AEB7C1"


# --- small drawing helpers --------------------------------------------------------------


def new_drawing(width: float, height: float) -> Drawing:
    """A Drawing whose initial graphics state names a bundled font (never Helvetica)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = SANS
    drawing.initialFontSize = LABEL_SIZE
    return drawing


def text(
    x: float,
    y: float,
    value: str,
    size: float = LABEL_SIZE,
    colour: str = INK,
    bold: bool = False,
    anchor: str = "start",
    max_width: float | None = None,
) -> Group:
    """``value`` at (x, y), one String per font run; anchor start, middle or end."""
    if max_width is not None:
        value = fit_text(value, max_width, size, bold)
    parts = [(face, part, stringWidth(part, face, size)) for face, part in iter_faces(value, bold)]
    total = sum(width for _, _, width in parts)
    if anchor == "end":
        x -= total
    elif anchor == "middle":
        x -= total / 2
    group = Group()
    for face, part, width in parts:
        if faux_bold(face, bold):
            string: String = OutlinedString(
                x,
                y,
                part,
                fontName=face,
                fontSize=size,
                fillColor=rl(colour),
                textAnchor="start",
                textRenderMode=2,
                strokeColor=rl(colour),
                strokeWidth=size * FAUX_BOLD_STROKE,
            )
        else:
            string = String(
                x, y, part, fontName=face, fontSize=size, fillColor=rl(colour), textAnchor="start"
            )
        group.add(string)
        x += width
    return group


def _line(
    x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 0.5, dash: bool = False
) -> Line:
    line = Line(x1, y1, x2, y2, strokeColor=rl(colour), strokeWidth=width)
    if dash:
        line.strokeDashArray = [3, 2]
    return line


def _rect(x: float, y: float, w: float, h: float, colour: str) -> Rect:
    return Rect(x, y, w, h, fillColor=rl(colour), strokeColor=None, strokeWidth=0)


def nice_ticks(low: float, high: float, count: int = 5, unit: float = 0.0) -> list[float]:
    """Round tick values covering [low, high] (about ``count`` intervals), a multiple of
    ``unit`` apart (a currency's smallest unit: no two ticks within one yen)."""
    if high <= low:
        high = low + max(1.0, unit)
    raw = max((high - low) / count, unit)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(
        m * magnitude
        for m in (1, 2, 2.5, 5, 10)
        if m * magnitude >= raw * 0.999 and (not unit or _multiple(m * magnitude, unit))
    )
    first = math.floor(low / step + 1e-9) * step
    ticks = []
    value = first
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _multiple(step: float, unit: float) -> bool:
    ratio = step / unit
    return abs(ratio - round(ratio)) < 1e-6


def money_unit(fmt: Formatter) -> float:
    """The currency's smallest unit (0.01 for USD, 1 for JPY) as a tick spacing floor."""
    return float(10 ** -minor_units(fmt.currency))


def compact_money(fmt: Formatter, value: Decimal, significant: int = 3) -> str:
    """Short money for labels: ``significant`` digits, then the locale's compact form."""
    if not value:
        return fmt.money_compact(Decimal(0))
    digits = value.adjusted()
    keep = significant - 1
    quantum = Decimal(1).scaleb(digits - keep) if digits >= keep else Decimal(1)
    return fmt.money_compact(
        value.quantize(quantum, rounding=ROUND_HALF_UP), fraction_digits=max(1, significant - 1)
    )


def _money_axis(fmt: Formatter, value: float) -> str:
    return compact_money(fmt, Decimal(repr(value)))


def axis_labels(fmt: Formatter, ticks: Sequence[float]) -> list[str]:
    """Money labels for ``ticks``, with as many digits as it takes for neighbours to differ
    ("$3.6M $3.62M" rather than "$3.6M $3.6M"); the full amount as the last resort."""
    values = [Decimal(repr(t)) for t in ticks]
    digits = [_significant_digits(v) for v in values if v]
    # As many digits as the roundest tick needs to be shown as it is ($2.525M, not $2.53M).
    start = min(6, max([3, *digits]))
    for significant in range(start, 7):
        labels = [compact_money(fmt, v, significant) for v in values]
        if _distinct(labels):
            return labels
    return [fmt.money(v) for v in values]


def _significant_digits(value: Decimal) -> int:
    """Significant digits of ``value`` without trailing zeros (2500000 -> 2, 2525000 -> 4)."""
    return len(value.normalize().as_tuple().digits)


def _distinct(labels: Sequence[str]) -> bool:
    return all(a != b for a, b in pairwise(labels))


def no_cost(width: float, message: str, height: float = 60) -> Drawing:
    """A plain statement in place of a chart whose every figure is zero."""
    drawing = new_drawing(width, height)
    drawing.add(_rect(0, 0, width, height, "#F3F5F8"))
    drawing.add(text(width / 2, height / 2 - 3, message, LABEL_SIZE + 1, MUTED, anchor="middle"))
    return drawing


def wrap_label(value: str, width: float, size: float, lines: int = 2) -> list[str]:
    """``value`` in at most ``lines`` lines of ``width`` points, broken at spaces (or between
    any two characters of a word too long for a line); an ellipsis ends a longer text."""
    value = " ".join(value.split())[:400]
    out: list[str] = []
    rest = value
    while rest and len(out) < lines:
        if string_width(rest, size) <= width:
            out.append(rest)
            rest = ""
            break
        cut = _fitting(rest, width, size)
        space = rest.rfind(" ", 0, cut + 1)
        if space > 0:
            cut = space
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        out[-1] = fit_text(out[-1] + " " + rest, width, size)
    return out or [""]


def _fitting(value: str, width: float, size: float) -> int:
    """How many leading characters of ``value`` fit in ``width`` (at least one)."""
    low, high = 1, len(value)
    while low < high:
        middle = (low + high + 1) // 2
        if string_width(value[:middle], size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True)
class Legend:
    label: str
    colour: str
    kind: str = "box"  # box, line, dash, dot


def legend(items: Sequence[Legend], width: float, y_top: float) -> tuple[Group, float]:
    """Legend entries in columns below a plot, names wrapped over up to two lines rather
    than cut; returns the group and its height."""
    group = Group()
    if not items:
        return group, 0.0
    columns = 3 if len(items) > 4 else max(1, min(len(items), 3))
    column = width / columns
    line_height = 9.0
    row_gap = 2.5
    wrapped = [wrap_label(item.label, column - 22, LEGEND_SIZE) for item in items]
    y = y_top
    for start in range(0, len(items), columns):
        row = range(start, min(start + columns, len(items)))
        for i in row:
            item = items[i]
            x = (i - start) * column
            base = y - 8
            if item.kind == "line":
                group.add(_line(x, base + 2.5, x + 12, base + 2.5, item.colour, 1.8))
            elif item.kind == "dash":
                group.add(_line(x, base + 2.5, x + 12, base + 2.5, item.colour, 1.0, dash=True))
            elif item.kind == "dot":
                group.add(
                    Circle(x + 6, base + 2.5, 2.6, fillColor=rl(item.colour), strokeColor=None)
                )
            else:
                group.add(_rect(x, base - 0.5, 10, 7, item.colour))
            for k, line in enumerate(wrapped[i]):
                group.add(text(x + 16, base - k * line_height, line, LEGEND_SIZE, MUTED))
        y -= max(len(wrapped[i]) for i in row) * line_height + row_gap
    return group, y_top - y + 4


class _YScale:
    def __init__(
        self, low: float, high: float, bottom: float, top: float, unit: float = 0.0
    ) -> None:
        self.ticks = nice_ticks(low, high, unit=unit)
        self.low = min(self.ticks[0], low)
        self.high = max(self.ticks[-1], high)
        self.bottom = bottom
        self.top = top

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.bottom + (value - self.low) / span * (self.top - self.bottom)


def _y_axis_width(fmt: Formatter, ticks: Sequence[float]) -> float:
    return max(string_width(label, AXIS_SIZE) for label in axis_labels(fmt, ticks)) + 6


def _draw_y_axis(
    drawing: Drawing, fmt: Formatter, scale: _YScale, left: float, right: float
) -> None:
    for tick, label in zip(scale.ticks, axis_labels(fmt, scale.ticks), strict=True):
        y = scale(tick)
        colour = MUTED if tick == 0 else RULE
        drawing.add(_line(left, y, right, y, colour, 0.6 if tick == 0 else 0.4))
        drawing.add(text(left - 4, y - 2.4, label, AXIS_SIZE, MUTED, anchor="end"))


# --- 1. cumulative cost over time -------------------------------------------------------


@dataclass(frozen=True)
class Cumulative:
    expected: Sequence[float]  # cumulative cost at the end of months 0..H (first is 0)
    low: Sequence[float] | None  # conservative scenario, same shape (None: no range)
    high: Sequence[float] | None
    deadline_position: float  # months after the start, fractional
    deadline_value: float
    ticks: Sequence[tuple[int, str]]  # (month offset, label)
    deadline_label: str
    value_label: str


def cumulative_chart(
    data: Cumulative,
    theme: Theme,
    fmt: Formatter,
    width: float,
    labels: dict[str, str],
    plot_height: float = 168,
) -> Drawing:
    items = [Legend(labels["expected"], theme.brand, "line")]
    if data.low is not None and data.high is not None:
        items.append(Legend(labels["range"], theme.brand_soft))
    items.append(Legend(labels["deadline"], MUTED, "dash"))
    legend_group, legend_height = legend(items, width, 0)
    height = plot_height + 22 + legend_height
    drawing = new_drawing(width, height)
    top = height - 14
    bottom = legend_height + 22
    values = list(data.expected)
    if data.high is not None:
        values += list(data.high)
    if data.low is not None:
        values += list(data.low)
    scale = _YScale(min(0.0, *values), max(values), bottom, top, money_unit(fmt))
    left = _y_axis_width(fmt, scale.ticks)
    right = width - 4
    months = len(data.expected) - 1 or 1

    def x_of(month: float) -> float:
        return left + month / months * (right - left)

    _draw_y_axis(drawing, fmt, scale, left, right)
    if data.low is not None and data.high is not None:
        points: list[float] = []
        for k, value in enumerate(data.high):
            points += [x_of(k), scale(value)]
        for k in range(len(data.low) - 1, -1, -1):
            points += [x_of(k), scale(data.low[k])]
        drawing.add(Polygon(points, fillColor=rl(theme.brand_soft), strokeColor=None))
    line: list[float] = []
    for k, value in enumerate(data.expected):
        line += [x_of(k), scale(value)]
    drawing.add(PolyLine(line, strokeColor=rl(theme.brand), strokeWidth=1.8))
    for month, label in data.ticks:
        x = x_of(month)
        drawing.add(_line(x, bottom, x, bottom - 3, MUTED, 0.5))
        half = string_width(label, AXIS_SIZE) / 2
        anchor = "start" if x - half < 0 else "end" if x + half > width else "middle"
        drawing.add(text(x, bottom - 11, label, AXIS_SIZE, MUTED, anchor=anchor))
    dx = x_of(data.deadline_position)
    dy = scale(data.deadline_value)
    drawing.add(_line(dx, bottom, dx, top, MUTED, 0.8, dash=True))
    anchor = "end" if dx > left + (right - left) * 0.6 else "start"
    offset = -4 if anchor == "end" else 4
    drawing.add(text(dx + offset, top - 8, data.deadline_label, LABEL_SIZE, MUTED, anchor=anchor))
    drawing.add(Circle(dx, dy, 3.2, fillColor=rl(theme.brand), strokeColor=rl("#FFFFFF")))
    drawing.add(
        text(dx + offset, dy + 6, data.value_label, LABEL_SIZE, theme.brand_text, True, anchor)
    )
    legend_group.translate(0, legend_height)
    drawing.add(legend_group)
    return drawing


# --- 2. cost by driver, stacked by period ------------------------------------------------


@dataclass(frozen=True)
class Stacked:
    periods: Sequence[str]  # bar labels
    series: Sequence[tuple[str, Sequence[float]]]  # (driver name, amount per period)
    other: bool = False  # the last series sums the remaining drivers (drawn in grey)


def stacked_chart(data: Stacked, theme: Theme, fmt: Formatter, width: float) -> Drawing:
    palette = [theme.series[i % len(theme.series)] for i in range(len(data.series))]
    if data.other:
        palette[-1] = OTHER
    items = [Legend(name, palette[i]) for i, (name, _values) in enumerate(data.series)]
    legend_group, legend_height = legend(items, width, 0)
    height = 190 + legend_height
    drawing = new_drawing(width, height)
    top = height - 16
    bottom = legend_height + 22
    count = len(data.periods)
    totals = [sum(values[p] for _, values in data.series) for p in range(count)]
    negatives = [sum(min(0.0, values[p]) for _, values in data.series) for p in range(count)]
    scale = _YScale(min(0.0, *negatives), max(1.0, *totals), bottom, top, money_unit(fmt))
    left = _y_axis_width(fmt, scale.ticks)
    right = width - 4
    _draw_y_axis(drawing, fmt, scale, left, right)
    slot = (right - left) / max(count, 1)
    bar = min(slot * 0.62, 46)
    for p, label in enumerate(data.periods):
        x = left + slot * p + (slot - bar) / 2
        up = 0.0
        down = 0.0
        for i, (_name, values) in enumerate(data.series):
            value = values[p]
            colour = palette[i]
            if value >= 0:
                y0, y1 = scale(up), scale(up + value)
                up += value
            else:
                y0, y1 = scale(down + value), scale(down)
                down += value
            if y1 - y0 > 0.05:
                drawing.add(_rect(x, y0, bar, y1 - y0, colour))
                if y1 - y0 > 1.2:  # a hairline between stacked segments
                    drawing.add(_line(x, y1, x + bar, y1, "#FFFFFF", 0.6))
        drawing.add(
            text(x + bar / 2, bottom - 11, label, AXIS_SIZE, MUTED, anchor="middle", max_width=slot)
        )
        if count <= 16:
            drawing.add(
                text(
                    x + bar / 2,
                    scale(totals[p]) + 3,
                    _money_axis(fmt, totals[p]),
                    AXIS_SIZE,
                    INK,
                    anchor="middle",
                    max_width=slot,
                )
            )
    legend_group.translate(0, legend_height)
    drawing.add(legend_group)
    return drawing


# --- 3. decision timing -------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    labels: Sequence[str]  # "now", "in 1 month", ...
    npv: Sequence[float]
    value_labels: Sequence[str]


def timing_chart(data: Timing, theme: Theme, fmt: Formatter, width: float) -> Drawing:
    height = 170.0
    drawing = new_drawing(width, height)
    top = height - 16
    bottom = 24.0
    scale = _YScale(min(0.0, *data.npv), max(0.0, *data.npv), bottom, top, money_unit(fmt))
    left = _y_axis_width(fmt, scale.ticks)
    right = width - 4
    _draw_y_axis(drawing, fmt, scale, left, right)
    count = len(data.npv)
    slot = (right - left) / max(count, 1)
    bar = min(slot * 0.5, 56)
    zero = scale(0.0)
    for i, (label, value, shown) in enumerate(
        zip(data.labels, data.npv, data.value_labels, strict=True)
    ):
        x = left + slot * i + (slot - bar) / 2
        # A gain (positive NPV) or a loss never takes the brand colour: a red brand would
        # print a gain red.
        colour = mix(POSITIVE, "#FFFFFF", min(0.65, i * 0.16))
        if value < 0:
            colour = mix(NEGATIVE, "#FFFFFF", min(0.5, i * 0.1))
        y = scale(value)
        drawing.add(_rect(x, min(y, zero), bar, abs(y - zero), colour))
        label_y = y + 3 if value >= 0 else y - 9
        drawing.add(
            text(x + bar / 2, label_y, shown, LABEL_SIZE, INK, True, "middle", max_width=slot)
        )
        drawing.add(
            text(x + bar / 2, bottom - 12, label, AXIS_SIZE, MUTED, anchor="middle", max_width=slot)
        )
    return drawing


# --- 4. tornado of sensitivities ---------------------------------------------------------


@dataclass(frozen=True)
class TornadoRow:
    label: str  # the input
    detail: str  # the driver
    low: float  # cost to the deadline with the input at its low value
    high: float
    low_label: str  # the input's low value, formatted
    high_label: str


def tornado_chart(
    rows: Sequence[TornadoRow],
    base: float,
    theme: Theme,
    fmt: Formatter,
    width: float,
    labels: dict[str, str],
) -> Drawing:
    low_colour = mix(theme.brand, "#FFFFFF", 0.45)
    high_colour = theme.brand
    items = [Legend(labels["low"], low_colour), Legend(labels["high"], high_colour)]
    items.append(Legend(labels["base"], MUTED, "dash"))
    legend_group, legend_height = legend(items, width, 0)
    label_width = min(width * 0.36, 190)
    details = [wrap_label(r.detail, label_width, AXIS_SIZE) for r in rows]
    row_height = 24.0 if all(len(d) == 1 for d in details) else 32.0
    plot_height = row_height * len(rows)
    height = plot_height + 34 + legend_height
    drawing = new_drawing(width, height)
    left = label_width + 10
    right = width - 8
    values = [base] + [r.low for r in rows] + [r.high for r in rows]
    ticks = nice_ticks(min(values), max(values), 4, money_unit(fmt))
    lo, hi = min(ticks[0], *values), max(ticks[-1], *values)
    span = hi - lo or 1.0
    axis_y = legend_height + 18

    def x_of(value: float) -> float:
        return left + 30 + (value - lo) / span * (right - left - 60)

    top = height - 6
    for tick, label in zip(ticks, axis_labels(fmt, ticks), strict=True):
        x = x_of(tick)
        drawing.add(_line(x, axis_y, x, top, RULE, 0.4))
        drawing.add(text(x, axis_y - 10, label, AXIS_SIZE, MUTED, anchor="middle"))
    bx = x_of(base)
    for i, row in enumerate(rows):
        y_mid = top - row_height * i - row_height / 2
        lift = 4.0 * (len(details[i]) - 1)
        drawing.add(
            text(0, y_mid + 1 + lift, row.label, LABEL_SIZE, INK, True, max_width=label_width)
        )
        for k, line in enumerate(details[i]):
            drawing.add(text(0, y_mid - 8 + lift - k * 8, line, AXIS_SIZE, MUTED))
        bar_h = 11.0
        for value, colour, shown in (
            (row.low, low_colour, row.low_label),
            (row.high, high_colour, row.high_label),
        ):
            x = x_of(value)
            drawing.add(_rect(min(x, bx), y_mid - bar_h / 2, abs(x - bx), bar_h, colour))
            anchor = "end" if x < bx else "start"
            if abs(x - bx) < 0.01:
                anchor = "end" if value is row.low else "start"
            dx = -3 if anchor == "end" else 3
            drawing.add(text(x + dx, y_mid - 2.5, shown, AXIS_SIZE, MUTED, anchor=anchor))
    drawing.add(_line(bx, axis_y, bx, top, MUTED, 0.8, dash=True))
    legend_group.translate(0, legend_height)
    drawing.add(legend_group)
    return drawing


# --- 5. scenario range --------------------------------------------------------------------


@dataclass(frozen=True)
class RangeRow:
    label: str
    conservative: float
    expected: float
    optimistic: float
    p10: float | None
    p90: float | None
    conservative_label: str
    expected_label: str
    optimistic_label: str


def range_chart(
    rows: Sequence[RangeRow], theme: Theme, width: float, labels: dict[str, str]
) -> Drawing:
    items = [Legend(labels["scenarios"], theme.brand_soft)]
    if any(r.p10 is not None for r in rows):
        items.append(Legend(labels["simulation"], mix(theme.brand, "#FFFFFF", 0.35)))
    items.append(Legend(labels["expected"], INK, "dot"))
    legend_group, legend_height = legend(items, width, 0)
    row_height = 46.0
    height = row_height * len(rows) + legend_height + 8
    drawing = new_drawing(width, height)
    label_width = min(width * 0.3, 150)
    left = label_width + 40
    right = width - 40
    for i, row in enumerate(rows):
        y = height - row_height * i - 24
        values = [row.conservative, row.expected, row.optimistic]
        if row.p10 is not None and row.p90 is not None:
            values += [row.p10, row.p90]
        lo, hi = min(values), max(values)
        pad = (hi - lo) * 0.05 or abs(hi) * 0.05 or 1.0
        lo, hi = lo - pad, hi + pad

        def x_of(value: float, lo: float = lo, hi: float = hi) -> float:
            return left + (value - lo) / (hi - lo) * (right - left)

        drawing.add(text(0, y - 2.5, row.label, LABEL_SIZE, INK, True, max_width=label_width))
        drawing.add(_line(left, y, right, y, RULE, 0.8))
        c, o = sorted((row.conservative, row.optimistic))
        drawing.add(_rect(x_of(c), y - 6, max(x_of(o) - x_of(c), 0.8), 12, theme.brand_soft))
        if row.p10 is not None and row.p90 is not None:
            p10, p90 = sorted((row.p10, row.p90))
            drawing.add(
                _rect(
                    x_of(p10),
                    y - 3.5,
                    max(x_of(p90) - x_of(p10), 0.8),
                    7,
                    mix(theme.brand, "#FFFFFF", 0.35),
                )
            )
        ex = x_of(row.expected)
        drawing.add(Circle(ex, y, 3.4, fillColor=rl(INK), strokeColor=rl("#FFFFFF")))
        drawing.add(text(ex, y + 8, row.expected_label, LABEL_SIZE, INK, True, "middle"))
        first, last = (
            (row.conservative_label, row.optimistic_label)
            if row.conservative <= row.optimistic
            else (row.optimistic_label, row.conservative_label)
        )
        drawing.add(text(x_of(c), y - 16, first, AXIS_SIZE, MUTED, anchor="middle"))
        drawing.add(text(x_of(o), y - 16, last, AXIS_SIZE, MUTED, anchor="middle"))
    legend_group.translate(0, legend_height)
    drawing.add(legend_group)
    return drawing


# --- a share bar for tables ----------------------------------------------------------------


def share_bar(share: float, theme: Theme, width: float = 70, height: float = 7) -> Drawing:
    drawing = new_drawing(width, height + 2)
    drawing.add(_rect(0, 1, width, height, theme.brand_tint))
    drawing.add(_rect(0, 1, max(0.0, min(1.0, share)) * width, height, theme.brand))
    return drawing
