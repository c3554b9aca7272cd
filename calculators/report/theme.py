"""Colours, type sizes and paragraph styles of the report (one place for the look)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from calculators.report.fonts import SANS, SANS_BOLD
from calculators.report.hyphenate import hyphenator
from calculators.settings import DEFAULT_BRAND_COLOUR

DEFAULT_BRAND = DEFAULT_BRAND_COLOUR
INK = "#1F2933"
MUTED = "#5F6B7A"
RULE = "#D5DAE1"
PANEL = "#F3F5F8"
POSITIVE = "#2E7D32"
NEGATIVE = "#B23A2B"

# Series colours after the brand colour: distinct in colour and lightness, print-safe.
SERIES = ("#E07B39", "#3A8FB7", "#7A9E4D", "#A05C8C", "#C9A227", "#6C7A89", "#4D4D8F")

_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")


def parse_colour(value: str) -> str | None:
    """``#RRGGBB`` (the leading # optional) normalised to upper case, or None if not a colour."""
    match = _HEX.match(value.strip())
    return None if match is None else "#" + match.group(1).upper()


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` moved ``share`` (0..1) of the way towards ``other``."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(x + (y - x) * share) for x, y in zip(a, b, strict=True)]
    return "#" + "".join(f"{v:02X}" for v in mixed)


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def rl(colour: str) -> colors.Color:
    return colors.HexColor(colour)


@dataclass(frozen=True)
class Theme:
    brand: str  # accents: rules, headline figures, the first chart series
    brand_text: str  # the brand colour made dark enough to read as text on white
    brand_tint: str  # a very light tint for panels
    brand_soft: str  # a light tint for ranges and bands

    @property
    def series(self) -> tuple[str, ...]:
        return (self.brand, *SERIES)

    # -- paragraph styles ----------------------------------------------------------------

    @property
    def styles(self) -> Styles:
        return _styles(self, "")

    def styles_for(self, language: str) -> Styles:
        """The styles with table cells hyphenated by ``language``'s rules (hyphenate.py)."""
        return _styles(self, language)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_muted: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    kicker: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    headline: ParagraphStyle
    lead: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_number: ParagraphStyle
    cell_number_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_number: ParagraphStyle
    tile_value: ParagraphStyle
    tile_label: ParagraphStyle
    label: ParagraphStyle


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": SANS,
        "fontSize": 9.2,
        "leading": 13.6,
        "textColor": rl(INK),
        "alignment": TA_LEFT,
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
        "bulletFontName": SANS,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


@lru_cache(maxsize=16)
def _styles(theme: Theme, language: str) -> Styles:
    brand = rl(theme.brand_text)
    muted = rl(MUTED)
    # Narrow columns hyphenate words between syllables and break long links at their parts;
    # numbers and dates are never hyphenated (reportlab hyphenates words of letters only).
    narrow: dict[str, object] = {
        "hyphenationLang": hyphenator(language) or "",
        "uriWasteReduce": 0.3,
        "hyphenationMinWordLength": 8,
    }
    return Styles(
        body=_style("body", spaceAfter=6),
        body_muted=_style("body_muted", textColor=muted, spaceAfter=6),
        small=_style("small", fontSize=7.6, leading=10.4, textColor=muted),
        caption=_style("caption", fontSize=7.6, leading=10.4, textColor=muted, spaceBefore=2),
        h1=_style(
            "h1",
            fontName=SANS_BOLD,
            fontSize=17,
            leading=21,
            textColor=brand,
            spaceBefore=0,
            spaceAfter=10,
            keepWithNext=1,
        ),
        h2=_style(
            "h2",
            fontName=SANS_BOLD,
            fontSize=11.2,
            leading=14.5,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        h3=_style(
            "h3",
            fontName=SANS_BOLD,
            fontSize=9.6,
            leading=13,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        ),
        kicker=_style(
            "kicker", fontName=SANS_BOLD, fontSize=8.4, leading=11, textColor=brand, spaceAfter=8
        ),
        title=_style(
            "title", fontName=SANS_BOLD, fontSize=25, leading=31, textColor=rl(INK), spaceAfter=10
        ),
        subtitle=_style("subtitle", fontSize=12.5, leading=17, textColor=muted, spaceAfter=4),
        headline=_style("headline", fontSize=16, leading=22, spaceAfter=6),
        lead=_style("lead", fontSize=10, leading=14.5, textColor=muted, spaceAfter=8),
        cell=_style("cell", fontSize=8.2, leading=10.8, **narrow),
        cell_bold=_style("cell_bold", fontName=SANS_BOLD, fontSize=8.2, leading=10.8, **narrow),
        cell_number=_style("cell_number", fontSize=8.2, leading=10.8, alignment=TA_RIGHT),
        cell_number_bold=_style(
            "cell_number_bold", fontName=SANS_BOLD, fontSize=8.2, leading=10.8, alignment=TA_RIGHT
        ),
        cell_head=_style(
            "cell_head", fontName=SANS_BOLD, fontSize=7.4, leading=9.6, textColor=muted
        ),
        cell_head_number=_style(
            "cell_head_number",
            fontName=SANS_BOLD,
            fontSize=7.4,
            leading=9.6,
            textColor=muted,
            alignment=TA_RIGHT,
        ),
        tile_value=_style(
            "tile_value", fontName=SANS_BOLD, fontSize=13.5, leading=17, textColor=brand
        ),
        tile_label=_style("tile_label", fontSize=7.6, leading=10, textColor=muted),
        label=_style("label", fontSize=7.6, leading=10.4, textColor=muted),
    )


def make_theme(brand: str | None) -> Theme:
    colour = parse_colour(brand) if brand else None
    colour = colour or DEFAULT_BRAND
    # Text in the brand colour must stay readable: darken light brand colours for text.
    text = colour
    while luminance(text) > 0.45:
        text = mix(text, "#000000", 0.15)
    return Theme(
        brand=colour,
        brand_text=text,
        brand_tint=mix(colour, "#FFFFFF", 0.93),
        brand_soft=mix(colour, "#FFFFFF", 0.72),
    )
