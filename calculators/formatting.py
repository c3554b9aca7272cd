"""The one place that formats numbers, money and dates for people (babel, explicit locale).

Values stay exact Decimals everywhere else; they are rounded here, to the currency's minor
units as babel knows them (JPY 0, EUR 2, KWD 3), with ROUND_HALF_UP: the rounding of a
spreadsheet's ROUND(), so a finance reader can reproduce every figure.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import (
    format_compact_currency,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_precision,
    list_currencies,
)

from calculators.i18n import _

DISPLAY_ROUNDING = decimal.ROUND_HALF_UP
# Display works in its own roomy context so that no figure the engine can produce (inputs are
# bounded, growth compounds over at most 20 years) fails to format.
DISPLAY_CONTEXT = decimal.Context(prec=80, rounding=DISPLAY_ROUNDING, Emax=999999, Emin=-999999)


class FormatError(ValueError):
    pass


@lru_cache(maxsize=64)
def parse_locale(code: str) -> Locale:
    """A babel Locale for "de_DE" / "de-DE"; raises FormatError for unknown codes."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise FormatError(
            _("unknown locale {code} (use a code like {example})").format(
                code=repr(code), example="en_US or de_DE"
            )
        ) from None


# Scripts the report's bundled fonts can draw (resources/fonts): Latin, Greek, Cyrillic,
# Chinese, Japanese, Korean, and the punctuation and symbols around them.
_PRINTABLE = (
    (0x0000, 0x052F),  # Latin, IPA, modifiers, combining marks, Greek, Cyrillic
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x1E00, 0x1FFF),  # Latin and Greek extended
    (0x2000, 0x2BFF),  # punctuation, currency, letterlike, arrows, maths, symbols
    (0x2E80, 0x9FFF),  # CJK radicals, kana, Hangul compatibility, CJK ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full- and half-width forms
)


def _printable(char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in _PRINTABLE)


@lru_cache(maxsize=64)
def check_report_locale(code: str) -> Locale:
    """The locale, if the business case can be written in it; FormatError otherwise.

    The report draws Latin, Greek, Cyrillic, Chinese, Japanese and Korean with its bundled
    fonts; right-to-left scripts and scripts such as Thai or Devanagari are not supported yet,
    so a case in such a locale is refused rather than printed as boxes.
    """
    locale = parse_locale(code)
    if locale.text_direction == "rtl":
        raise FormatError(
            _("{locale}: right-to-left languages are not supported in the PDF yet").format(
                locale=code
            )
        )
    sample = "".join(
        [
            *(
                format_date(dt.date(2027, month, 15), "long", locale=locale)
                for month in range(1, 13)
            ),
            format_decimal(Decimal("-1234567.89"), locale=locale),
            format_percent(Decimal("0.125"), locale=locale),
        ]
    )
    if not all(_printable(char) for char in sample):
        raise FormatError(
            _(
                "{locale}: the PDF cannot show this language's script yet (supported: Latin, "
                "Greek, Cyrillic, Chinese, Japanese and Korean scripts)"
            ).format(locale=code)
        )
    return locale


def normalise_locale(code: str) -> str:
    """``code`` as the app writes locales ("de_DE"); FormatError (a ValueError) if unknown."""
    parse_locale(code)
    return code.replace("-", "_")


def normalise_currency(code: str) -> str:
    """``code`` as an upper-case ISO 4217 code; FormatError (a ValueError) if unknown."""
    return check_currency(code.strip().upper())


@lru_cache(maxsize=1)
def known_currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def check_currency(code: str) -> str:
    if code not in known_currencies():
        raise FormatError(
            _("unknown currency {code} (use an ISO 4217 code like {example})").format(
                code=repr(code), example="EUR or USD"
            )
        )
    return code


@lru_cache(maxsize=64)
def minor_units(currency: str) -> int:
    """Digits after the decimal point for ``currency`` (babel's CLDR data)."""
    return int(get_currency_precision(currency))


def round_money(value: Decimal, currency: str) -> Decimal:
    """``value`` rounded to the currency's minor units, half up."""
    exponent = Decimal(1).scaleb(-minor_units(currency))
    with decimal.localcontext(DISPLAY_CONTEXT):
        return value.quantize(exponent, rounding=DISPLAY_ROUNDING)


def money_string(value: Decimal, currency: str) -> str:
    """Rounded money as a plain decimal string for machine output (JSON, CSV)."""
    return format(round_money(value, currency), "f")


@lru_cache(maxsize=64)
def words_locale(language: str, locale: str) -> Locale:
    """The locale for words (month names, date patterns) of ``language`` in ``locale``'s
    territory where CLDR knows that pair (English in Germany: "1 January 2027"), else the
    language's own; ``locale`` itself when ``language`` is "" or the same language."""
    numbers = parse_locale(locale)
    if not language:
        return numbers
    try:
        wanted = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return numbers
    if wanted.language == numbers.language:
        return numbers if not wanted.territory else wanted
    if numbers.territory:
        try:
            return Locale.parse(f"{wanted.language}_{numbers.territory}")
        except (UnknownLocaleError, ValueError):
            pass
    return wanted


def significant(value: Decimal, digits: int) -> Decimal:
    """``value`` rounded half up to ``digits`` significant digits (whole units at least)."""
    if not value:
        return Decimal(0)
    with decimal.localcontext(DISPLAY_CONTEXT):
        exponent = max(0, value.adjusted() - digits + 1)
        quantum = Decimal(1).scaleb(exponent)
        return value.quantize(quantum, rounding=DISPLAY_ROUNDING)


# Headline precision: money in running text and key figures to four significant digits (whole
# units at least), percentages whole from 10 % and to one decimal below, months to one decimal.
HEADLINE_MONEY_DIGITS = 4


@dataclass(frozen=True)
class Formatter:
    """Formats for one locale and currency. Build it once per case and pass it around.

    ``language`` (optional) is the language of the words around the numbers: month names
    follow it, separators and currency formats follow ``locale``.
    """

    locale: str
    currency: str
    language: str = ""

    @property
    def babel_locale(self) -> Locale:
        return parse_locale(self.locale)

    def headline_money(self, value: Decimal) -> str:
        """Money for running text and key figures: :data:`HEADLINE_MONEY_DIGITS` significant
        digits, no minor units (tables show :meth:`money`, exact to the minor unit)."""
        shown = significant(value, HEADLINE_MONEY_DIGITS)
        with decimal.localcontext(DISPLAY_CONTEXT):
            return format_currency(
                shown,
                self.currency,
                locale=self.babel_locale,
                currency_digits=False,
                format=self._whole_pattern(),
            )

    def _whole_pattern(self) -> str:
        pattern = self.babel_locale.currency_formats["standard"].pattern
        return re.sub(r"\.0+", "", pattern)

    def headline_percent(self, fraction: Decimal) -> str:
        """A percentage for running text and key figures: whole from 10 %, else one decimal."""
        return self.percent(fraction, 0 if abs(fraction) >= Decimal("0.1") else 1)

    def money(self, value: Decimal) -> str:
        rounded = round_money(value, self.currency)
        with decimal.localcontext(DISPLAY_CONTEXT):
            return format_currency(
                rounded, self.currency, locale=self.babel_locale, currency_digits=True
            )

    def money_compact(self, value: Decimal, fraction_digits: int = 1) -> str:
        """Short money for chart axes, e.g. "1,2 Mio. €", "€125K", "125.000 €".

        Where the locale has no short form for the amount (German below a million), the
        whole amount is shown with grouping and without decimals.
        """
        with decimal.localcontext(DISPLAY_CONTEXT):
            text = format_compact_currency(
                value, self.currency, locale=self.babel_locale, fraction_digits=fraction_digits
            )
            whole = value.quantize(Decimal(1), rounding=DISPLAY_ROUNDING)
            if str(abs(whole)) not in text or abs(whole) < 1000:
                return text
            return format_currency(
                whole,
                self.currency,
                locale=self.babel_locale,
                format=self._whole_pattern(),
                currency_digits=False,
            )

    def decimal(self, value: Decimal, max_digits: int = 2) -> str:
        with decimal.localcontext(DISPLAY_CONTEXT):
            shown = value.quantize(Decimal(1).scaleb(-max_digits), rounding=DISPLAY_ROUNDING)
            pattern = "#,##0." + "#" * max_digits if max_digits else "#,##0"
            return format_decimal(shown, format=pattern, locale=self.babel_locale)

    def fixed(self, value: Decimal, digits: int = 1) -> str:
        """``value`` with exactly ``digits`` decimals ("14.0", "14.8"): figures of one kind
        shown side by side keep one precision."""
        with decimal.localcontext(DISPLAY_CONTEXT):
            shown = value.quantize(Decimal(1).scaleb(-digits), rounding=DISPLAY_ROUNDING)
            pattern = "#,##0." + "0" * digits if digits else "#,##0"
            return format_decimal(shown, format=pattern, locale=self.babel_locale)

    def percent(self, fraction: Decimal, max_digits: int = 1) -> str:
        """A fraction as the locale writes a percentage: 0.05 -> "5%" (en) / "5 %" (de)."""
        with decimal.localcontext(DISPLAY_CONTEXT):
            shown = fraction.quantize(
                Decimal(1).scaleb(-(max_digits + 2)), rounding=DISPLAY_ROUNDING
            ).normalize()
            return format_percent(shown, locale=self.babel_locale, decimal_quantization=False)

    def date(self, value: dt.date, length: str = "long") -> str:
        """A date with month names in :attr:`language` (the locale's when not given)."""
        return format_date(value, format=length, locale=words_locale(self.language, self.locale))
