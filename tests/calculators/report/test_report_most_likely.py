"""Issue 11 in the PDF: "most likely" wording, adverse scenarios, addressable ranges, margin."""

from __future__ import annotations

from calculators.report import render_pdf
from calculators.storage import load
from tests.calculators.report.helpers import NORTHWIND, example_pdf, flat, text_of
from tests.conftest import TEMPLATES


def test_the_point_figure_is_called_most_likely_never_expected() -> None:
    text = text_of(example_pdf(NORTHWIND))
    assert "xpected" not in text  # neither "Expected" nor "expected"
    body = flat(text)
    assert flat("Scenario of the figures most likely") in body
    assert flat("each input's most likely value") in body
    assert flat("with a correlation of 0.3") in body
    assert flat("end that weakens the case") in body


def test_the_addressable_share_shows_its_range_and_source() -> None:
    body = flat(text_of(example_pdf(NORTHWIND)))
    # Month-end close: 70 %, 50 % – 80 %, with the controller's walk-through as its source
    assert flat("Share the solution removes 70% 50% – 80% percent Controller's") in body


def test_lost_revenue_without_a_margin_says_valued_at_revenue() -> None:
    case = load(TEMPLATES / "customer-churn.coi")
    text = flat(text_of(render_pdf(case)))
    assert text.count(flat("Valued at revenue: no gross margin given.")) == 2
    churn = case.drivers[0]
    with_margin = case.replace_driver(0, churn.with_input("gross_margin", "0.4"))
    text = flat(text_of(render_pdf(with_margin)))
    assert text.count(flat("Valued at revenue: no gross margin given.")) == 1
    assert flat("× 40% gross margin") in text
