"""custom: amount / months per period × (1 + annual_escalation)^y, with the rep's formula text."""

from __future__ import annotations

from decimal import Decimal

from tests.calculators.drivers.helpers import AMERICAN, GERMAN, explain, problems, project_one

INPUTS = {
    "amount": "9000",
    "period": "quarter",
    "annual_escalation": "0.1",
    "formula": "3 trucks × 2 extra trips a week × 180 per trip, per quarter",
}


def test_quarterly_amount_spread_over_months_and_escalated() -> None:
    projection = project_one("custom", INPUTS, horizon=24)
    driver = projection.drivers[0]
    # 9,000 a quarter / 3 = 3,000 a month in year 1.
    assert driver.monthly[0] == driver.monthly[11] == Decimal("3000")
    # Year 2: 9,000 × 1.1 / 3 = 3,300.
    assert driver.monthly[12] == driver.monthly[23] == Decimal("3300")
    # 12 × 3,000 + 12 × 3,300
    assert projection.cost_over_horizon == Decimal("75600")


def test_periods() -> None:
    # 12,000 a year / 12 = 1,000 a month; 1,000 a month stays 1,000; default period is month.
    yearly = project_one("custom", {"amount": "12000", "period": "year"}).drivers[0]
    monthly = project_one("custom", {"amount": "1000", "period": "month"}).drivers[0]
    default = project_one("custom", {"amount": "1000"}).drivers[0]
    assert yearly.monthly[0] == monthly.monthly[0] == default.monthly[0] == Decimal("1000")


def test_divides_last_so_exact_inputs_give_exact_results() -> None:
    # Year 3 (month 25): 4 a quarter × 1.5² = 9; 9 / 3 = 3 exactly. Dividing first
    # (4 / 3 = 1.333...3, × 2.25) would leave 2.999...9 at 34 digits.
    driver = project_one(
        "custom", {"amount": "4", "period": "quarter", "annual_escalation": "0.5"}
    ).drivers[0]
    assert driver.monthly[24] == Decimal("3")


def test_explain_in_english_shows_the_reps_formula() -> None:
    text = explain("custom", INPUTS, *AMERICAN)
    assert text == (
        "$9,000.00 per quarter, rising 10% a year "
        "(3 trucks × 2 extra trips a week × 180 per trip, per quarter)"
    )
    assert explain("custom", {"amount": "500"}, *AMERICAN) == "$500.00 per month"


def test_explain_in_german_uses_german_numbers() -> None:
    text = explain(
        "custom",
        {"amount": "4800.5", "period": "year", "annual_escalation": "0.025", "formula": "Miete"},
        *GERMAN,
    )
    assert "4.800,50\xa0€" in text
    assert "2,5\xa0%" in text
    assert "Miete" in text


def test_bad_inputs_are_refused() -> None:
    (period,) = problems({"type": "custom", "inputs": {"period": "week"}})
    assert period.startswith("drivers[0].inputs.period: must be")
    assert "quarter" in period
    assert problems({"type": "custom", "inputs": {"amount": "2e12"}}) == [
        "drivers[0].inputs.amount: must be <= 1000000000000"
    ]
    (formula,) = problems({"type": "custom", "inputs": {"formula": 42}})
    assert formula.startswith("drivers[0].inputs.formula: must be text")
