"""Numbers in edit fields: shown in the case's locale, parsed back without guessing.

Display goes through :class:`calculators.formatting.Formatter` (the one formatter). Parsing is
the reverse for what a person types into a field, in the same explicit locale. It is strict
where a guess could change a value silently: in a German case "0.05" is refused with a hint
("use , for decimals") instead of being read as 5.
"""

from __future__ import annotations

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


def _digits(text: str) -> bool:
    """ASCII digits only: "４８" and "٤٨" are digits to ``str.isdigit`` but not to a case file."""
    return text.isascii() and text.isdigit()


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


def _group_chars(group: str) -> str:
    if group in SPACES or group.isspace():
        return SPACES
    if group in APOSTROPHES:
        return APOSTROPHES
    return group


def parse_number(text: str, locale: str, currency: str = "USD") -> Decimal:
    """``text`` as typed in ``locale`` -> Decimal; raises ParseError with a hint."""
    marks = symbols(locale, currency)
    body = text.strip()
    for token in (marks.currency, currency, "%"):
        if token:
            body = body.replace(token, "")
    body = body.strip(SPACES + "\t")
    body = body.replace("\u200e", "").replace("\u200f", "")
    if not body:
        raise ParseError(_("enter a number"))
    negative = body[0] in MINUS_SIGNS
    if body[0] in MINUS_SIGNS + "+":
        body = body[1:].lstrip(SPACES)
    groups = _group_chars(marks.group)
    decimal_mark = marks.decimal
    parts = body.split(decimal_mark)
    if len(parts) > 2:
        raise ParseError(_("use {mark} only once, for decimals").format(mark=decimal_mark))
    whole, fraction = parts[0], parts[1] if len(parts) == 2 else ""
    chunks = re.split("[" + re.escape(groups) + "]", whole) if whole else [""]
    hint = _("not a number; write it like {example}").format(
        example=f"1{marks.group if marks.group not in SPACES else ' '}234{decimal_mark}5"
    )
    if len(chunks) > 1:
        if not _digits(chunks[0]) or len(chunks[0]) > 3:
            raise ParseError(hint)
        if any(len(chunk) != 3 or not _digits(chunk) for chunk in chunks[1:]):
            raise ParseError(
                _("use {mark} for decimals, e.g. {example}").format(
                    mark=decimal_mark, example=f"0{decimal_mark}05"
                )
            )
    digits = "".join(chunks)
    if (digits and not _digits(digits)) or (fraction and not _digits(fraction)):
        raise ParseError(hint)
    if not digits and not fraction:
        raise ParseError(hint)
    # The same bounds as a case file (digits, places, magnitude): one rule everywhere.
    try:
        value = parse_decimal(f"{digits or '0'}.{fraction}" if fraction else digits)
    except NumberError as exc:
        raise ParseError(str(exc)) from None
    return -value if negative else value


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
    if factor == 1:
        return value
    try:
        return parse_decimal(value / factor)
    except NumberError as exc:
        raise ParseError(str(exc)) from None


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
