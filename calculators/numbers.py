"""Decimal parsing and the engine's arithmetic context.

Money and rates are ``Decimal`` end to end. Values arrive as decimal strings (or JSON
integers); JSON floats are refused because they have already lost precision by the time
Python sees them. Nothing here rounds for display: see ``calculators.formatting``.
"""

from __future__ import annotations

import decimal
from decimal import Decimal, InvalidOperation

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

# No input a person types is this large; it keeps "1e400" and friends out of the engine.
MAX_MAGNITUDE = Decimal("1e15")

ZERO = Decimal(0)
ONE = Decimal(1)


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
        number = Decimal(value)
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
        text = value.strip()
        if not text:
            raise NumberError(_("must be a number, got an empty string"))
        try:
            number = Decimal(text)
        except InvalidOperation:
            shown = text if len(text) <= 30 else text[:27] + "..."
            raise NumberError(
                _("must be a number, got {value}").format(value=repr(shown))
            ) from None
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
    if abs(number) > MAX_MAGNITUDE:
        raise NumberError(
            _("must be between {low} and {high}").format(
                low=f"-{MAX_MAGNITUDE:,.0f}", high=f"{MAX_MAGNITUDE:,.0f}"
            )
        )
    return number


def decimal_to_json(value: Decimal) -> str:
    """Canonical string for a Decimal in a file: plain notation, never an exponent."""
    return format(value, "f")
