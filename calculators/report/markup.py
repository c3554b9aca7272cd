"""The one way text enters reportlab Paragraph markup.

reportlab's Paragraph parses a small HTML-like language: ``<img src>`` reads files, ``<a
href>`` takes any scheme, and attribute values have been evaluated as code before
(CVE-2023-33733). So no string from a case, a setting or a translation catalog is ever
written into markup as it is:

* :func:`esc` is the only escaping function. It cleans the text (controls and lone surrogates
  become U+FFFD), escapes ``& < > " '`` (and makes narrow no-break spaces plain no-break
  spaces, which reportlab does not break at) and wraps runs that need a CJK or Hangul face in a
  ``<font face>`` tag naming one of the bundled fonts.
* :class:`Markup` marks strings that are already safe markup. Only this package's own code
  makes them: :func:`esc`, :func:`fill` (a translated sentence with escaped literal parts and
  Markup values), :func:`tag` (a fixed set of tags with checked attributes) and :func:`link`
  (https and mailto only).

Functions that build paragraphs accept only :class:`Markup`, so mypy flags a raw string.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from calculators.report.fonts import SANS, clean, runs

ELLIPSIS = "…"

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
# reportlab breaks lines at a narrow no-break space (babel's thousands separator in French,
# "1 234 567,89 €"), but not at a no-break space: make the amount unbreakable. (reportlab
# draws both as a word space anyway.)
_PARAGRAPH_TEXT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "\u202f": "\u00a0"}
)
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+$")
_HTTPS = re.compile(
    r"^https://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&()*+,;=:@/?#-]*)?$"
)
_TAGS = {"b": (), "font": ("size", "color", "face"), "br/": ()}
_PLAIN_FACE = re.compile(r'<font face="(COI-CJK|COI-Hangul)">')
_TRAILING_TAGS = re.compile(r"(?:<[^<>]*>)+$")
_CJK_STOPS = ("。", "！", "？", "｡", "．")


class Markup(str):
    """A string that is safe Paragraph markup (made only by this module's functions)."""

    __slots__ = ()

    def __add__(self, other: str) -> Markup:
        if not isinstance(other, Markup):
            other = esc(other)
        return Markup(str.__add__(self, other))


def shorten(text: str, limit: int | None) -> str:
    """``text`` cut to ``limit`` characters with a visible ellipsis (None: no limit).

    The cut falls between words where a space lies in the last quarter of the limit, and an
    opening parenthesis left open is closed after the ellipsis.
    """
    if limit is None or len(text) <= limit:
        return text
    cut = max(limit - 2, 0)
    space = text.rfind(" ", 0, cut + 1)
    if space >= cut * 3 // 4:
        cut = space
    head = text[:cut].rstrip()
    closing = ")" if head.count("(") > head.count(")") else ""
    return head + ELLIPSIS + closing


def esc(text: str, limit: int | None = None) -> Markup:
    """Escape ``text`` for Paragraph markup, choosing a font per run of characters.

    ``limit`` cuts long text visibly (for names in headings and table cells).
    """
    out: list[str] = []
    for font, part in runs(shorten(clean(text), limit)):
        escaped = part.translate(_PARAGRAPH_TEXT)
        if font == SANS:
            out.append(escaped)
        else:
            out.append(f'<font face="{font}">{escaped}</font>')
    return Markup("".join(out))


def join(parts: Iterable[Markup], separator: str = "") -> Markup:
    return Markup(esc(separator).join(parts))


def fill(template: str, **values: Markup | str) -> Markup:
    """A sentence (usually translated) with its literal text escaped and fields inserted.

    ``fill(_("costs {buyer} {amount}"), buyer="A<b>", amount=tag("b", esc("€5")))``: plain
    strings are escaped, :class:`Markup` values are inserted as they are. A field the
    template names but the call does not supply is shown literally (a translation slip must
    not break the report).
    """
    out: list[str] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:  # unbalanced braces in a translation: show it as text
        return esc(template)
    for literal, field, spec, conversion in parsed:
        if literal:
            out.append(esc(literal))
        if field is None:
            continue
        if field not in values:
            shown = "{" + field + (("!" + conversion) if conversion else "")
            shown += (":" + spec if spec else "") + "}"
            out.append(esc(shown))
            continue
        value = values[field]
        out.append(value if isinstance(value, Markup) else esc(value))
    return Markup("".join(out))


def tag(name: str, content: Markup, **attributes: str) -> Markup:
    """``<name attr="...">content</name>`` for a fixed set of tags and checked attributes."""
    allowed = _TAGS.get(name)
    if allowed is None:
        raise ValueError(f"tag {name!r} is not allowed")
    parts = [name]
    for key, value in attributes.items():
        if key not in allowed:
            raise ValueError(f"attribute {key!r} is not allowed on <{name}>")
        if key == "color" and not _COLOUR.match(value):
            raise ValueError(f"colour {value!r} is not #RRGGBB")
        if key == "size" and not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{1,2})?", value):
            raise ValueError(f"size {value!r} is not a number")
        if key == "face" and not re.fullmatch(r"COI-[A-Za-z-]+", value):
            raise ValueError(f"face {value!r} is not a bundled font")
        parts.append(f'{key}="{value}"')
    return Markup(f"<{' '.join(parts)}>{content}</{name}>")


def embolden(content: Markup) -> Markup:
    """``content`` with its CJK and Hangul runs switched to their faux-bold faces.

    reportlab's ``<font face>`` resets the weight to the face's own, so a bold paragraph or
    a ``<b>`` around :func:`esc` output would still draw those runs regular. Only face tags
    this module wrote can match (escaped text has no ``<``).
    """
    return Markup(_PLAIN_FACE.sub(r'<font face="\1-Bold">', content))


def bold(content: Markup) -> Markup:
    return tag("b", embolden(content))


def sentence_gap(previous: str) -> str:
    """What goes between a sentence ending like ``previous`` and the next one.

    A space, except after a CJK full stop (。！？), where Chinese and Japanese put none.
    ``previous`` may be markup: closing tags at its end are skipped.
    """
    text = _TRAILING_TAGS.sub("", previous).rstrip()
    return "" if text.endswith(_CJK_STOPS) else " "


def join_sentences(parts: Iterable[str]) -> str:
    """Sentences as one paragraph of plain text (see :func:`sentence_gap`)."""
    out = ""
    for part in parts:
        out = out + sentence_gap(out) + part if out else part
    return out


def sentences(parts: Iterable[Markup]) -> Markup:
    """Sentences (markup) as one paragraph (see :func:`sentence_gap`)."""
    out: list[str] = []
    for part in parts:
        if out:
            out.append(sentence_gap(out[-1]))
        out.append(part)
    return Markup("".join(out))


def coloured(content: Markup, colour: str) -> Markup:
    return tag("font", content, color=colour)


def line_break() -> Markup:
    return Markup("<br/>")


def safe_url(url: str) -> str | None:
    """``url`` if it is an https URL or a mailto address we can write as a link, else None."""
    url = url.strip()
    if url.lower().startswith("mailto:"):
        address = url[len("mailto:") :]
        return "mailto:" + address if _EMAIL.match(address) else None
    if _HTTPS.match(url):
        return url
    return None


def link(url: str, text: Markup, colour: str | None = None) -> Markup:
    """A link for https and mailto URLs; anything else comes out as plain text, no link."""
    safe = safe_url(url)
    if safe is None:
        return text
    attributes = f' href="{safe.translate(_ESCAPES)}"'
    if colour is not None and _COLOUR.match(colour):
        attributes += f' color="{colour}"'
    return Markup(f"<a{attributes}>{text}</a>")


def email_link(address: str, colour: str | None = None, limit: int | None = None) -> Markup:
    """The address as text, linked with mailto: when it is a plain e-mail address."""
    return link("mailto:" + address.strip(), esc(address, limit), colour)
