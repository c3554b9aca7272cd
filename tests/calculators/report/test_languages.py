"""The buyer's language: one example in each shipped language, with that locale's formats."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculators.engine import summarise
from calculators.formatting import Formatter
from calculators.i18n import translation
from calculators.report import render_pdf
from tests.calculators.report.helpers import NORTHWIND, case_with, flat, text_of
from tests.calculators.test_formatting import CURRENCIES, LOCALES

# (language, locale, currency): the text follows the language, figures the locale.
LANGUAGES = [
    ("en", "en_US", "USD"),
    ("de", "de_DE", "EUR"),
    ("fr", "fr_FR", "EUR"),
    ("es", "es_ES", "EUR"),
    ("ja", "ja_JP", "JPY"),
]
SECTIONS = (
    "Executive summary",
    "The situation",
    "Cost of inaction by driver",
    "Investment and return",
    "Appendix A: Assumptions",
    "Appendix B: Methodology",
)


@pytest.mark.parametrize(("language", "locale", "currency"), LANGUAGES)
def test_the_pdf_speaks_the_buyers_language(language: str, locale: str, currency: str) -> None:
    case = case_with(NORTHWIND, locale=locale, currency=currency, language=None)
    text = flat(text_of(render_pdf(case)))
    catalog = translation(language)
    for title in SECTIONS:
        translated = catalog.gettext(title)
        if language != "en":
            assert translated != title, f"{title!r} is not translated into {language}"
        assert flat(translated) in text
    # The headline figure, formatted by babel for the case's locale and currency.
    figure = Formatter(locale, currency).money(summarise(case).projection.cost_to_deadline)
    assert flat(figure) in text
    assert flat(Formatter(locale, currency).date(case.deadline)) in text


def test_yen_has_no_decimals_and_japanese_glyphs_come_out() -> None:
    case = case_with(NORTHWIND, locale="ja_JP", currency="JPY", language=None)
    cost = summarise(case).projection.cost_to_deadline
    text = flat(text_of(render_pdf(case)))
    whole = Formatter("ja_JP", "JPY").money(cost)
    assert "." not in whole.replace(",", "")
    assert flat(whole) in text
    assert "正味現在価値" in text


def test_a_language_override_changes_the_words_not_the_formats() -> None:
    case = case_with(NORTHWIND, locale="de_DE", currency="EUR", language="fr")
    text = flat(text_of(render_pdf(case)))
    assert flat(translation("fr").gettext("Executive summary")) in text
    cost = summarise(case).projection.cost_to_deadline
    assert flat(Formatter("de_DE", "EUR").money(cost)) in text
    assert cost > Decimal(0)


# The buyer's formats in the PDF, for many locales and currencies: the headline figure and
# the decision date appear exactly as babel writes them for that locale.
# The same 20 locales as the formatting tests, with Russian for Hindi: the report refuses
# locales whose script its fonts cannot draw (Devanagari).
FORMAT_LOCALES = tuple("ru_RU" if code == "hi_IN" else code for code in LOCALES)
FORMAT_CURRENCIES = CURRENCIES


@pytest.mark.parametrize("currency", FORMAT_CURRENCIES)
@pytest.mark.parametrize("locale", FORMAT_LOCALES)
def test_pdf_figures_follow_the_locale_and_currency(locale: str, currency: str) -> None:
    # A case without ranges keeps the analysis quick; the formats are what is under test.
    case = case_with(
        NORTHWIND,
        locale=locale,
        currency=currency,
        language="en",
        drivers=[
            {
                "type": "labor",
                "name": "Manual work",
                "inputs": {"people": "7", "hours_per_week": "6.5", "hourly_cost": "83.17"},
            }
        ],
        solution=None,
    )
    text = flat(text_of(render_pdf(case)))
    fmt = Formatter(locale, currency, "en")  # an English report: English month names
    cost = summarise(case).projection.cost_to_deadline
    assert flat(fmt.money(cost)) in text  # the tables' exact figure, in the locale's format
    assert flat(fmt.date(case.deadline)) in text
    assert "September" in text
