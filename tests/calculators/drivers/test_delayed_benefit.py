"""delayed_benefit: benefit_per_month × (1 + annual_growth)^y, forgone while waiting."""

from __future__ import annotations

from decimal import Decimal

from tests.calculators.drivers.helpers import AMERICAN, GERMAN, explain, problems, project_one

INPUTS = {"benefit_per_month": "8000", "annual_growth": "0.25"}


def test_monthly_benefit_grows_each_year() -> None:
    projection = project_one("delayed_benefit", INPUTS, deadline="2027-02-15", horizon=24)
    driver = projection.drivers[0]
    # Year 1: 8,000 a month; year 2: 8,000 × 1.25 = 10,000.
    assert driver.monthly[0] == driver.monthly[11] == Decimal("8000")
    assert driver.monthly[12] == driver.monthly[23] == Decimal("10000")
    # 12 × 8,000 + 12 × 10,000 = 96,000 + 120,000
    assert projection.cost_over_horizon == Decimal("216000")
    # January (8,000) + 14 of February's 28 days (8,000 × 14 / 28 = 4,000)
    assert projection.cost_to_deadline == Decimal("12000")


def test_explain_in_english() -> None:
    text = explain("delayed_benefit", INPUTS, *AMERICAN)
    assert text == "$8,000.00 a month forgone, growing 25% a year"
    assert explain("delayed_benefit", {"benefit_per_month": "8000"}, *AMERICAN) == (
        "$8,000.00 a month forgone"
    )


def test_explain_in_german_uses_german_numbers() -> None:
    text = explain(
        "delayed_benefit", {"benefit_per_month": "14250.75", "annual_growth": "0.125"}, *GERMAN
    )
    assert "14.250,75\xa0€ a month" in text
    assert "12,5\xa0% a year" in text


def test_bad_inputs_are_refused() -> None:
    assert problems({"type": "delayed_benefit", "inputs": {"benefit_per_month": "-1"}}) == [
        "drivers[0].inputs.benefit_per_month: must be >= 0"
    ]
    assert problems({"type": "delayed_benefit", "inputs": {"annual_growth": "10.5"}}) == [
        "drivers[0].inputs.annual_growth: must be <= 1"
    ]
