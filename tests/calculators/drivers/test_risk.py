"""risk: annual_probability × impact / 12, switching to probability_after from after_date."""

from __future__ import annotations

from decimal import Decimal

from tests.calculators.drivers.helpers import AMERICAN, GERMAN, explain, problems, project_one

INPUTS = {
    "annual_probability": "0.1",
    "impact": "240000",
    "after_date": "2027-04-16",
    "probability_after": "0.25",
}


def test_probability_steps_up_mid_month() -> None:
    projection = project_one("risk", INPUTS, deadline="2027-06-01", horizon=12)
    driver = projection.drivers[0]
    # Before: 0.1 × 240,000 / 12 = 2,000 a month; after: 0.25 × 240,000 / 12 = 5,000.
    assert driver.monthly[:3] == (Decimal("2000"),) * 3
    # April (30 days): 15 days at 2,000 (1,000) + 15 days at 5,000 (2,500).
    assert driver.monthly[3] == Decimal("3500")
    assert driver.monthly[4] == Decimal("5000")
    # Jan-Mar 6,000 + April 3,500 + May 5,000
    assert projection.cost_to_deadline == Decimal("14500")


def test_explain() -> None:
    assert explain("risk", INPUTS, *AMERICAN) == (
        "10% a year × $240,000.00 per incident ÷ 12; 25% a year from April 16, 2027"
    )
    german = explain("risk", INPUTS, *GERMAN)
    assert "10\xa0% a year × 240.000,00\xa0€ per incident" in german
    assert "16. April 2027" in german


def test_bad_inputs_are_refused() -> None:
    assert problems({"type": "risk", "inputs": {"annual_probability": "1.5"}}) == [
        "drivers[0].inputs.annual_probability: must be <= 1"
    ]
    assert problems(
        {"type": "risk", "inputs": {"after_date": "2027-05-01", "probability_after": None}}
    ) == ["drivers[0].inputs.probability_after: is required when after_date is set"]
