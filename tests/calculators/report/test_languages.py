"""The buyer's language: one example in each shipped language, with that locale's formats."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculators.engine import summarise
from calculators.formatting import Formatter
from calculators.i18n import translation
from calculators.report import render_pdf
from tests.calculators.report.helpers import NORTHWIND, case_with, flat, text_of

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
