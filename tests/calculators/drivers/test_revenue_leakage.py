"""revenue_leakage: revenue_per_month × leakage_rate × (1 + annual_growth)^y."""

from __future__ import annotations

from decimal import Decimal

from tests.calculators.drivers.helpers import AMERICAN, GERMAN, explain, problems, project_one

INPUTS = {"revenue_per_month": "50000", "leakage_rate": "0.02", "annual_growth": "0.1"}


def test_monthly_cost_grows_each_year() -> None:
    projection = project_one("revenue_leakage", INPUTS, horizon=36)
    driver = projection.drivers[0]
    # Year 1 (months 1-12): 50,000 × 0.02 = 1,000 a month.
    assert driver.monthly[0] == driver.monthly[11] == Decimal("1000")
    # Year 2 (months 13-24): 1,000 × 1.1 = 1,100.
    assert driver.monthly[12] == driver.monthly[23] == Decimal("1100")
    # Year 3 (months 25-36): 1,000 × 1.1² = 1,210.
    assert driver.monthly[24] == driver.monthly[35] == Decimal("1210")
    # 12 × (1,000 + 1,100 + 1,210) = 12,000 + 13,200 + 14,520
    assert projection.cost_over_horizon == Decimal("39720")
    # run rate from months 1-12
    assert projection.cost_per_month == Decimal("1000")


def test_explain_in_english() -> None:
    text = explain("revenue_leakage", INPUTS, *AMERICAN)
    assert text == "$50,000.00 revenue a month × 2% leakage, growing 10% a year"


def test_explain_without_growth_leaves_growth_out() -> None:
    text = explain(
        "revenue_leakage", {"revenue_per_month": "50000", "leakage_rate": "0.02"}, *AMERICAN
    )
    assert text == "$50,000.00 revenue a month × 2% leakage"


def test_explain_in_german_uses_german_numbers() -> None:
    text = explain(
        "revenue_leakage",
        {"revenue_per_month": "1250000", "leakage_rate": "0.015", "annual_growth": "0.035"},
        *GERMAN,
    )
    assert "1.250.000,00\xa0€ revenue" in text
    assert "1,5\xa0% leakage" in text
    assert "3,5\xa0% a year" in text


def test_bad_inputs_are_refused() -> None:
    assert problems({"type": "revenue_leakage", "inputs": {"leakage_rate": "2"}}) == [
        "drivers[0].inputs.leakage_rate: must be <= 1"
    ]
    assert problems({"type": "revenue_leakage", "inputs": {"annual_growth": "-1"}}) == [
        "drivers[0].inputs.annual_growth: must be >= -0.99"
    ]
    assert problems({"type": "revenue_leakage", "inputs": {"revenue_per_month": "1e14"}}) == [
        "drivers[0].inputs.revenue_per_month: must be <= 1000000000000"
    ]
