"""Decimal parsing and the engine's arithmetic context.

Money and rates are ``Decimal`` end to end. Values arrive as decimal strings (or JSON
integers); JSON floats are refused because they have already lost precision by the time
Python sees them. Nothing here rounds for display: see ``calculators.formatting``.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation, localcontext

from calculators.i18n import _

# The engine computes with 34 significant digits (IEEE decimal128) and rounds half-even
# internally; display rounding is separate (ROUND_HALF_UP, like spreadsheet ROUND).
ENGINE_CONTEXT = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

# Sums over drivers are exact, rounded once to ENGINE_CONTEXT (:func:`total`): a total does
# not depend on the order of its terms, so a sensitivity row can swap one driver's part in a
# kept total (old out, new in) and get the very Decimal a full re-projection gives. Only
# additions and subtractions run in this context (never a division: it would not end).
EXACT_CONTEXT = decimal.Context(
    prec=decimal.MAX_PREC,
    Emin=decimal.MIN_EMIN,
    Emax=decimal.MAX_EMAX,
    traps=[decimal.InvalidOperation, decimal.Overflow],
)

# No input a person types is this large; it keeps "1e400" and friends out of the engine.
MAX_MAGNITUDE = Decimal("1e15")

# The one rule for every number that enters a case (file, app field, team folder, CLI): ASCII
# digits only (no "４８", "٤٨" or "4_8", which Python's Decimal would accept), at most
# MAX_TEXT_LENGTH characters, MAX_DIGITS significant digits and MAX_PLACES digits after the
# point. This keeps "1e-999999999" (a 1 GB file once written out in plain notation) out.
MAX_TEXT_LENGTH = 60
MAX_DIGITS = 34
MAX_PLACES = 34
_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)

ZERO = Decimal(0)
ONE = Decimal(1)


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of ``values`` (no rounding; see EXACT_CONTEXT)."""
    with localcontext(EXACT_CONTEXT):
        return sum(values, ZERO)


def rounded(value: Decimal) -> Decimal:
    """``value`` rounded to the engine's 34 significant digits."""
    return ENGINE_CONTEXT.plus(value)


def total(values: Iterable[Decimal]) -> Decimal:
    """The sum of ``values``, exact and then rounded once to ENGINE_CONTEXT."""
    return ENGINE_CONTEXT.plus(exact_sum(values))


class NumberError(ValueError):
    """A value that is not an acceptable decimal number; ``str()`` is a short message."""


def parse_decimal(value: object) -> Decimal:
    """Turn a JSON value into a finite Decimal or raise :class:`NumberError`.

    Accepts decimal strings ("48", "0.05", " 1e3 ") and integers; refuses floats, booleans,
    NaN, infinities and magnitudes beyond 1e15.
    """
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool):
        raise NumberError(_("must be a number, not true/false"))
    elif isinstance(value, int):
        # Compared as an int first: Decimal() of a 5000-digit int is a ValueError.
        number = Decimal(value) if abs(value) <= MAX_MAGNITUDE else MAX_MAGNITUDE * 10
    elif isinstance(value, float):
        if value != value:
            raise NumberError(_("must be a number, not NaN"))
        if value in (float("inf"), float("-inf")):
            raise NumberError(
                _("must be a decimal string, not a JSON number (and this one is too large)")
            )
        raise NumberError(
            _('must be a decimal string such as "{value}", not a JSON number').format(
                value=repr(value)
            )
        )
    elif isinstance(value, str):
        number = _parse_text(value)
    else:
        if value is None:
            got = "null"
        elif isinstance(value, dict):
            got = _("an object")
        elif isinstance(value, list | tuple):
            got = _("a list")
        else:
            got = type(value).__name__
        raise NumberError(_("must be a number, got {value}").format(value=got))
    if number.is_nan():
        raise NumberError(_("must be a number, not NaN"))
    if not number.is_finite():
        raise NumberError(_("must be a finite number"))
    if number.copy_abs() > MAX_MAGNITUDE:  # copy_abs: exact, never an Overflow
        raise NumberError(
            _("must be between {low} and {high}").format(
                low=f"-{MAX_MAGNITUDE:,.0f}", high=f"{MAX_MAGNITUDE:,.0f}"
            )
        )
    return _bounded(number)


def _parse_text(value: str) -> Decimal:
    text = value.strip()
    if not text:
        raise NumberError(_("must be a number, got an empty string"))
    shown = text if len(text) <= 30 else text[:27] + "..."
    if len(text) > MAX_TEXT_LENGTH:
        raise NumberError(
            _("must be a number of at most {count} characters, got {value}").format(
                count=MAX_TEXT_LENGTH, value=repr(shown)
            )
        )
    if not _NUMBER_TEXT.fullmatch(text):
        if text.lower().lstrip("+-") in ("nan", "snan"):
            raise NumberError(_("must be a number, not NaN"))
        if text.lower().lstrip("+-") in ("inf", "infinity"):
            raise NumberError(_("must be a finite number"))
        raise NumberError(_("must be a number, got {value}").format(value=repr(shown)))
    try:
        return Decimal(text)
    except InvalidOperation:  # an exponent beyond what Decimal can hold at all
        raise NumberError(_("must be a number, got {value}").format(value=repr(shown))) from None


def _bounded(number: Decimal) -> Decimal:
    """``number`` within MAX_DIGITS and MAX_PLACES (trailing zeros dropped where beyond)."""
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    original_exponent = exponent
    if not number:
        return number if -MAX_PLACES <= exponent <= 0 else ZERO
    kept = len(digits)
    while digits[kept - 1] == 0:
        kept -= 1
    exponent += len(digits) - kept
    if exponent < -MAX_PLACES:
        raise NumberError(
            _("must have at most {count} digits after the decimal point").format(count=MAX_PLACES)
        )
    if kept > MAX_DIGITS:
        raise NumberError(
            _("must have at most {count} significant digits").format(count=MAX_DIGITS)
        )
    if original_exponent < -MAX_PLACES:  # e.g. 1.000...0 with 40 zeros
        return Decimal((sign, digits[:kept], exponent))
    return number


def decimal_to_json(value: Decimal) -> str:
    """Canonical string for a Decimal in a file: plain notation, never an exponent.

    Values that :func:`parse_decimal` would refuse (more than MAX_PLACES places or beyond
    1e15, which no case can hold) are written in exponent notation rather than as a string
    of a billion zeros: the file stays small and reading it back names the field.
    """
    if not value.is_finite():
        return str(value)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if not value:
        return "0" if exponent > 0 or exponent < -MAX_PLACES else format(value, "f")
    if exponent < -(MAX_PLACES + MAX_DIGITS) or value.adjusted() > MAX_DIGITS:
        return str(value)
    return format(value, "f")
