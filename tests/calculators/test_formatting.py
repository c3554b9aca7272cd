"""The one formatter: babel, explicit locale, currency minor units, half-up rounding."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel.numbers import format_currency, get_currency_precision

from calculators.formatting import (
    FormatError,
    Formatter,
    check_currency,
    minor_units,
    money_string,
    parse_locale,
    round_money,
)

LOCALES = (
    "en_US",
    "en_GB",
    "en_IN",
    "de_DE",
    "de_CH",
    "de_AT",
    "fr_FR",
    "fr_CH",
    "fr_CA",
    "es_ES",
    "es_MX",
    "pt_BR",
    "it_IT",
    "nl_NL",
    "sv_SE",
    "pl_PL",
    "ja_JP",
    "zh_CN",
    "ko_KR",
    "hi_IN",
)
CURRENCIES = ("EUR", "USD", "JPY", "CHF", "INR", "BRL")
VALUE = Decimal("1234567.895")


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("currency", CURRENCIES)
def test_money_matches_babel_with_the_currency_minor_units(locale: str, currency: str) -> None:
    text = Formatter(locale, currency).money(VALUE)
    digits = int(get_currency_precision(currency))
    expected_value = {0: Decimal("1234568"), 2: Decimal("1234567.90")}[digits]
    assert text == format_currency(expected_value, currency, locale=locale)
    # No locale shows more decimals than the currency has.
    symbols = parse_locale(locale).number_symbols["latn"]
    decimal_sign = symbols["decimal"]
    if digits == 0:
        assert decimal_sign not in text.replace(symbols["group"], "")
    else:
        assert f"{decimal_sign}90" in text


def test_minor_units_come_from_babel() -> None:
    assert minor_units("JPY") == 0
    assert minor_units("EUR") == 2
    assert minor_units("KWD") == 3
    assert round_money(Decimal("1.2345"), "KWD") == Decimal("1.235")


def test_rounding_is_half_up_like_a_spreadsheet() -> None:
    assert round_money(Decimal("0.125"), "EUR") == Decimal("0.13")
    assert round_money(Decimal("0.135"), "EUR") == Decimal("0.14")
    assert round_money(Decimal("-0.125"), "EUR") == Decimal("-0.13")
    assert round_money(Decimal("2.5"), "JPY") == Decimal("3")
    assert money_string(Decimal("1234.5"), "JPY") == "1235"
    assert money_string(Decimal("7"), "EUR") == "7.00"


def test_german_buyer_reads_german_formats() -> None:
    fmt = Formatter("de_DE", "EUR")
    assert fmt.money(Decimal("1234567.89")) == "1.234.567,89\xa0€"
    assert fmt.date(dt.date(2027, 4, 15)) == "15. April 2027"
    assert fmt.percent(Decimal("0.05")) == "5\xa0%"
    assert fmt.decimal(Decimal("1234.5")) == "1.234,5"
    assert fmt.money_compact(Decimal("1234567")) == "1,2\xa0Mio.\xa0€"
    # German has no short form below a million: whole euros with grouping instead.
    assert fmt.money_compact(Decimal("125000.4")) == "125.000\xa0€"


def test_japanese_yen_has_no_decimals() -> None:
    fmt = Formatter("ja_JP", "JPY")
    assert fmt.money(Decimal("1234567.5")) == "￥1,234,568"
    assert fmt.date(dt.date(2027, 4, 15)) == "2027年4月15日"


def test_unknown_locale_and_currency_are_refused_clearly() -> None:
    with pytest.raises(FormatError, match="unknown locale 'xx_YY'"):
        parse_locale("xx_YY")
    with pytest.raises(FormatError, match="unknown currency 'EURO'"):
        check_currency("EURO")


def test_large_values_format_without_error() -> None:
    # Figures far beyond any real case must still format (the display context has room).
    fmt = Formatter("en_US", "USD")
    assert fmt.money(Decimal("1e35")).startswith("$100,000,000,000")
    assert fmt.percent(Decimal("1e30")).endswith("%")
