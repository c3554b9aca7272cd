"""Numbers in edit fields: shown in the case's locale, parsed back without guessing.

Display goes through :class:`calculators.formatting.Formatter` (the one formatter). Parsing is
the reverse for what a person types into a field, in the same explicit locale. It is strict
where a guess could change a value silently: in a German case "0.05" is refused with a hint
("use , for decimals") instead of being read as 5.
"""

from __future__ import annotations

import contextlib
import decimal
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel.numbers import get_currency_symbol, get_decimal_symbol, get_group_symbol

from calculators.formatting import DISPLAY_CONTEXT, Formatter, minor_units
from calculators.i18n import _
from calculators.inputs import Unit
from calculators.numbers import NumberError, parse_decimal

SPACES = "\u00a0\u202f\u2009 "
APOSTROPHES = "'’"
MINUS_SIGNS = "-−\u2212"


class ParseError(ValueError):
    """What is wrong with typed text; ``str()`` is a short message for the field."""


class Incomplete(ParseError):
    """Text that is a number still being typed ("1,", "-", "1,5 Mi"): never committed."""


@dataclass(frozen=True)
class Symbols:
    decimal: str
    group: str
    currency: str


@lru_cache(maxsize=64)
def symbols(locale: str, currency: str) -> Symbols:
    code = locale.replace("-", "_")
    return Symbols(
        decimal=get_decimal_symbol(code),
        group=get_group_symbol(code),
        currency=get_currency_symbol(currency, code),
    )


# Short words for thousands, millions and billions as people type them (any UI language:
# a German rep types "Mio" in an English case too). Keys are lower case, without a final dot.
MULTIPLIERS: dict[str, int] = {
    "k": 3,
    "tsd": 3,
    "mil": 3,
    "千": 3,
    "万": 4,
    "m": 6,
    "mm": 6,
    "mn": 6,
    "mio": 6,
    "百万": 6,
    "億": 8,
    "b": 9,
    "bn": 9,
    "md": 9,
    "mds": 9,
    "mrd": 9,
}
# Money signs that name a currency; one that is not the case's is refused, never ignored.
CURRENCY_SIGNS = "$€£¥₹₩₽₺₪₫₱₦฿₴₲₡₵¢"
NUMBER = re.compile(
    r"^(?P<number>[0-9.,'’\s\u00a0\u202f\u2009]*[0-9][0-9.,'’\s\u00a0\u202f\u2009]*)"
    r"(?P<word>[^\d\s.,]*\.?)$"
)


def _group_chars(group: str) -> str:
    if group in SPACES or group.isspace():
        return SPACES
    if group in APOSTROPHES:
        return APOSTROPHES
    return group


@lru_cache(maxsize=64)
def _currency_tokens(locale: str, currency: str) -> tuple[str, ...]:
    """How the case's own currency may be written, longest first."""
    tokens = {symbols(locale, currency).currency, currency, currency.lower()}
    with contextlib.suppress(ValueError, LookupError):  # babel knows every ISO code
        tokens.add(get_currency_symbol(currency, "en"))
    return tuple(sorted((t for t in tokens if t), key=len, reverse=True))


def _strip_currency(body: str, locale: str, currency: str) -> str:
    for token in _currency_tokens(locale, currency):
        body = body.replace(token, " ")
    foreign = [ch for ch in body if ch in CURRENCY_SIGNS]
    codes = re.findall(r"\b[A-Z]{3}\b", body)
    if foreign or codes:
        raise ParseError(
            _("this case is in {currency}; enter the amount in {currency}").format(
                currency=currency
            )
        )
    return body


def _multiplier(word: str) -> int:
    """The power of ten a word after the number stands for; Incomplete while being typed."""
    key = word.strip().rstrip(".").lower()
    if not key:
        return 0
    if key in MULTIPLIERS:
        return MULTIPLIERS[key]
    if any(name.startswith(key) for name in MULTIPLIERS) or key in ("t", "mi", "mill"):
        raise Incomplete(_("keep typing: k, M or Mio"))
    raise ParseError(
        _("“{word}” is not understood; write the number, e.g. 12000, 12k or 1.5M").format(
            word=word.strip()
        )
    )


def _split_marks(body: str, locale: str, currency: str) -> tuple[str, str]:
    """(whole digits, fraction digits) of ``body`` (digits and marks only)."""
    marks = symbols(locale, currency)
    spaces = SPACES + "\t" + APOSTROPHES
    for ch in spaces:
        body = body.replace(ch, " ")
    if body.endswith((".", ",")):
        raise Incomplete(_("keep typing: the decimals are missing"))
    found = [(i, ch) for i, ch in enumerate(body) if ch in ".,"]
    kinds = {ch for _i, ch in found}
    decimal_at: int | None = None
    if len(kinds) == 2:
        decimal_at = found[-1][0]  # "1.234,5" or "1,234.5": the last mark is the decimal one
        if sum(1 for _i, ch in found if ch == body[decimal_at]) > 1:
            raise ParseError(_("use {mark} only once, for decimals").format(mark=marks.decimal))
    elif len(found) == 1:
        position, mark = found[0]
        after = body[position + 1 :]
        before = body[:position].replace(" ", "")
        if mark == marks.decimal or len(after) != 3 or after.strip() != after or before == "0":
            decimal_at = position  # "1,5" can only mean one and a half, in any locale
        elif mark != marks.group:
            raise ParseError(
                _("write {grouped} or {decimal}, the mark is ambiguous here").format(
                    grouped=f"{before}{after}", decimal=f"{before}{marks.decimal}{after}"
                )
            )
    whole = body if decimal_at is None else body[:decimal_at]
    fraction = "" if decimal_at is None else body[decimal_at + 1 :]
    chunks = [c for c in re.split(r"[ .,]", whole.strip())]
    hint = _("not a number; write it like {example}").format(
        example=f"1{marks.group if marks.group not in SPACES else ' '}234{marks.decimal}5"
    )
    if not fraction.isdigit() and fraction:
        raise ParseError(hint)
    if len(chunks) > 1:
        first, rest = chunks[0], chunks[1:]
        if not first.isdigit() or len(first) > 3:
            raise ParseError(hint)
        if any(not chunk.isdigit() or len(chunk) not in (2, 3) for chunk in rest) or (
            len(rest[-1]) != 3
        ):
            raise ParseError(
                _("use {mark} for decimals, e.g. {example}").format(
                    mark=marks.decimal, example=f"0{marks.decimal}05"
                )
            )
    digits = "".join(chunks)
    if (digits and not digits.isdigit()) or (not digits and not fraction):
        raise ParseError(hint)
    return digits, fraction


def parse_number(text: str, locale: str, currency: str = "USD") -> Decimal:
    """``text`` as typed or pasted in ``locale`` -> Decimal; raises ParseError with a hint.

    Forgiving where the meaning is clear: grouping, the case's currency sign or code, "12k",
    "1.5M", "1,5 Mio", and either decimal mark when it cannot be a group mark ("1,5" in a US
    case is one and a half). Refused with a message: another currency ("€5000" in a USD case),
    letters it does not know, and a mark that could be either ("1.500" in a French case).
    Text still being typed ("1,", "-") raises :class:`Incomplete`.
    """
    body = text.replace("\u200e", "").replace("\u200f", "").replace("%", " ")
    body = _strip_currency(body, locale, currency).strip(SPACES + "\t")
    if not body:
        raise ParseError(_("enter a number"))
    negative = body[0] in MINUS_SIGNS
    if body[0] in MINUS_SIGNS + "+":
        body = body[1:].lstrip(SPACES)
        if not body:
            raise Incomplete(_("enter a number"))
    match = NUMBER.match(body)
    if match is None:
        if body[0].isdigit():
            raise ParseError(
                _("“{word}” is not understood; write the number, e.g. 12000, 12k or 1.5M").format(
                    word=body.lstrip("0123456789.,' ")
                )
            )
        raise ParseError(_("not a number; type digits, e.g. 12000 or 12k"))
    power = _multiplier(match["word"])
    digits, fraction = _split_marks(match["number"].strip(), locale, currency)
    value = _to_decimal(digits, fraction)
    if power:
        value = value.scaleb(power)
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        value = _bounded(value)  # 12k is bounded like 12000
    return -value if negative else value


def _to_decimal(digits: str, fraction: str) -> Decimal:
    """The one conversion of checked digits to a Decimal, by the case file's own rule.

    ``calculators.numbers.parse_decimal`` bounds digits, places and magnitude and takes ASCII
    digits only ("４８" and "٤٨" are digits to ``str.isdigit`` but not to a case file).
    """
    return _bounded(f"{digits or '0'}.{fraction}" if fraction else digits)


def _bounded(text: str | Decimal) -> Decimal:
    try:
        return parse_decimal(text)
    except NumberError as exc:
        raise ParseError(str(exc)) from None


def scale(unit: Unit) -> Decimal:
    """Factor from the stored value to the shown one: rates are shown as percent."""
    return Decimal(100) if unit is Unit.RATE else Decimal(1)


def shown_digits(unit: Unit, currency: str) -> int:
    """Digits after the decimal mark a field offers at least (more when the value has them)."""
    if unit in (Unit.MONEY, Unit.MONEY_PER_HOUR):
        return max(minor_units(currency), 0)
    return 4


def places(value: Decimal) -> int:
    """Digits after the decimal point that ``value`` really has (trailing zeros aside)."""
    if not value.is_finite() or not value:
        return 0
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(-(exponent + trailing), 0)


def display(value: Decimal, unit: Unit, fmt: Formatter) -> str:
    """A stored value as it appears in its edit field (percent for rates, grouped).

    Never rounded: the field shows every digit the value has, so that what is shown parses back
    to the stored value. Short values are not padded ("48", not "48,00").
    """
    with decimal.localcontext(DISPLAY_CONTEXT):
        shown = value * scale(unit)
    return fmt.decimal(shown, max(shown_digits(unit, fmt.currency), places(shown)))


def parse_for_unit(text: str, unit: Unit, locale: str, currency: str) -> Decimal:
    """Typed text for an input of ``unit`` -> the stored value (percent -> fraction)."""
    value = parse_number(text, locale, currency)
    factor = scale(unit)
    return value if factor == 1 else _bounded(value / factor)


# The file's way of writing a rate in a help text: "(0.05 = 5 %)". A field takes percent.
FRACTION_EXAMPLE = re.compile(r"\s*\(\s*0[.,]\d+\s*=[^)]*\)")


def field_help(unit: Unit, text: str) -> str:
    """An input's help as its field takes the value: rates in percent, never as fractions."""
    if unit is not Unit.RATE:
        return text
    return _("{help} Type it in percent: 5 means 5 %.").format(
        help=FRACTION_EXAMPLE.sub("", text).strip()
    )


def unit_suffix(unit: Unit, fmt: Formatter) -> str:
    """The short unit written after a field."""
    currency = symbols(fmt.locale, fmt.currency).currency
    return {
        Unit.MONEY: currency,
        Unit.MONEY_PER_HOUR: _("{currency} per hour").format(currency=currency),
        Unit.COUNT: "",
        Unit.HOURS: _("hours"),
        Unit.HOURS_PER_WEEK: _("h per week"),
        Unit.RATE: "%",
        Unit.MONTHS: _("months"),
        Unit.NUMBER: "",
    }[unit]


def allowed_characters(locale: str, currency: str) -> str:
    """Characters a number field accepts at all (everything else is refused as typed)."""
    marks = symbols(locale, currency)
    return "0123456789" + marks.decimal + _group_chars(marks.group) + MINUS_SIGNS + "+ %"
