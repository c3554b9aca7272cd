"""Numbers typed into fields: parsed in the case's locale, forgiving only where it is clear."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculators.formatting import Formatter
from calculators.inputs import Unit
from desktop.numberio import ParseError, display, parse_for_unit, parse_number


@pytest.mark.parametrize(
    ("locale", "text", "value"),
    [
        ("en_US", "1,234.5", "1234.5"),
        ("en_US", "1234.5", "1234.5"),
        ("en_US", "€1,234", "1234"),
        ("en_US", "-3", "-3"),
        ("de_DE", "1.234,5", "1234.5"),
        ("de_DE", "1234,5", "1234.5"),
        ("de_DE", "48,00 €", "48.00"),
        ("fr_FR", "1 234,5", "1234.5"),
        ("fr_FR", "1\u202f234,5", "1234.5"),
        ("de_CH", "1’234.5", "1234.5"),
        ("de_CH", "1'234.5", "1234.5"),
        ("sv_SE", "−2,5", "-2.5"),
        ("ja_JP", "1,000", "1000"),
        # forgiving: a mark that cannot be a group mark is the decimal mark, in any locale
        ("de_DE", "0.05", "0.05"),
        ("de_DE", "12.5", "12.5"),
        ("de_DE", "1.500", "1500"),
        ("en_US", "1,23", "1.23"),
        ("en_US", "1,500", "1500"),
        ("en_US", "0,500", "0.500"),
        # thousands, millions, billions as people write them
        ("en_US", "12k", "12000"),
        ("en_US", "12 K", "12000"),
        ("en_US", "1.5M", "1500000"),
        ("de_DE", "1,5 Mio", "1500000"),
        ("de_DE", "1,5 Mio.", "1500000"),
        ("de_DE", "2 Mrd", "2000000000"),
        ("de_DE", "3 Tsd", "3000"),
        ("en_US", "2.5bn", "2500000000"),
        ("ja_JP", "3万", "30000"),
        # pasted, formatted numbers
        ("en_US", "€12,000.00", "12000.00"),
        ("en_US", "EUR 1,200", "1200"),
        ("hi_IN", "12,34,567.89", "1234567.89"),
    ],
)
def test_parse_in_the_locale(locale: str, text: str, value: str) -> None:
    assert parse_number(text, locale, "EUR") == Decimal(value)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("fr_FR", "1.500"),  # 1500 or 1,5? asked, not guessed
        ("en_US", "1.2.3"),
        ("en_US", "1,2,3"),
        ("en_US", "12x"),
        ("en_US", "$5000"),  # another currency than the case's (EUR here)
        ("en_US", "USD 5000"),
        ("en_US", "abc"),
        ("en_US", ""),
        ("en_US", "-"),
    ],
)
def test_ambiguous_or_broken_text_is_refused(locale: str, text: str) -> None:
    with pytest.raises(ParseError):
        parse_number(text, locale, "EUR")


def test_rates_are_typed_and_shown_as_percent() -> None:
    fmt = Formatter("de_DE", "EUR")
    assert parse_for_unit("7,5", Unit.RATE, "de_DE", "EUR") == Decimal("0.075")
    assert display(Decimal("0.075"), Unit.RATE, fmt) == "7,5"
    assert display(Decimal("1234.5"), Unit.MONEY, fmt) == "1.234,5"
    # a value with more digits than the currency's minor units shows all of them
    assert display(Decimal("1234.5"), Unit.MONEY, Formatter("ja_JP", "JPY")) == "1,234.5"


@pytest.mark.parametrize("locale", ["en_US", "de_DE", "fr_FR", "de_CH", "ja_JP", "es_ES"])
def test_what_is_shown_parses_back(locale: str) -> None:
    fmt = Formatter(locale, "EUR")
    for value in ("0", "0.5", "12.25", "1234.5", "1234567.89", "-42"):
        shown = display(Decimal(value), Unit.MONEY, fmt)
        assert parse_number(shown, locale, "EUR") == Decimal(value)


@pytest.mark.parametrize(
    ("locale", "currency", "unit", "value", "shown"),
    [
        ("de_DE", "EUR", Unit.MONEY, "48.125", "48,125"),
        ("de_DE", "EUR", Unit.MONEY_PER_HOUR, "48.125", "48,125"),
        ("de_DE", "EUR", Unit.MONEY, "48.13", "48,13"),
        ("de_DE", "EUR", Unit.MONEY, "48", "48"),
        ("ja_JP", "JPY", Unit.MONEY, "1234.5", "1,234.5"),
        ("ja_JP", "JPY", Unit.MONEY, "1234", "1,234"),
        ("en_US", "USD", Unit.MONEY, "0.004", "0.004"),
        ("en_US", "USD", Unit.RATE, "0.0333333333", "3.33333333"),
        ("de_DE", "EUR", Unit.RATE, "0.0333333333", "3,33333333"),
        ("de_DE", "EUR", Unit.RATE, "0.05", "5"),
        ("en_US", "USD", Unit.COUNT, "2.123456", "2.123456"),
        ("en_US", "USD", Unit.HOURS_PER_WEEK, "37.55555", "37.55555"),
        ("en_US", "USD", Unit.MONEY, "1234567.891234", "1,234,567.891234"),
    ],
)
def test_fields_show_every_digit_the_value_has(
    locale: str, currency: str, unit: Unit, value: str, shown: str
) -> None:
    """An edit field never rounds what it shows: the text parses back to the stored value."""
    fmt = Formatter(locale, currency)
    assert display(Decimal(value), unit, fmt) == shown
    assert parse_for_unit(shown, unit, locale, currency) == Decimal(value)


def test_values_with_more_digits_than_the_default_context_still_show_exactly() -> None:
    fmt = Formatter("en_US", "USD")
    rate = Decimal("0." + "3" * 32)  # 32 significant digits: more than Python's default 28
    shown = display(rate, Unit.RATE, fmt)
    assert shown == "33." + "3" * 30
    money = Decimal("1" * 20 + "." + "25" * 6)
    assert display(money, Unit.MONEY, fmt).replace(",", "") == format(money, "f")


@pytest.mark.parametrize("text", ["1,", "1.", "-", "1,5 Mi", "12 m"])
def test_half_typed_text_is_incomplete(text: str) -> None:
    from desktop.numberio import Incomplete

    if text == "12 m":  # a whole word: twelve million
        assert parse_number(text, "en_US", "USD") == Decimal("12000000")
        return
    with pytest.raises(Incomplete):
        parse_number(text, "en_US", "USD")


def test_another_currency_is_named_in_the_message() -> None:
    with pytest.raises(ParseError, match="USD"):
        parse_number("€5000", "en_US", "USD")
