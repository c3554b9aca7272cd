"""price_increase: annual_spend × increase_rate / 12 per month from effective_date on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from calculators.model import make_driver
from tests.calculators.drivers.helpers import AMERICAN, GERMAN, explain, problems, project_one

INPUTS = {"annual_spend": "120000", "increase_rate": "0.05", "effective_date": "2027-04-16"}


def test_starts_mid_month_prorated_by_days() -> None:
    projection = project_one("price_increase", INPUTS, deadline="2027-06-01", horizon=12)
    driver = projection.drivers[0]
    # 120,000 × 0.05 = 6,000 a year; / 12 = 500 a month once in force.
    # Jan-Mar: nothing yet.
    assert driver.monthly[:3] == (Decimal("0"),) * 3
    # April has 30 days; 16-30 April is 15 of them: 500 × 15 / 30 = 250.
    assert driver.monthly[3] == Decimal("250")
    # From May on, full months.
    assert driver.monthly[4:12] == (Decimal("500"),) * 8
    # Deadline 1 June: 250 (April) + 500 (May)
    assert projection.cost_to_deadline == Decimal("750")
    # 250 + 8 × 500
    assert projection.cost_over_horizon == Decimal("4250")


def test_cost_to_a_day_inside_the_first_month() -> None:
    projection = project_one("price_increase", INPUTS)
    # [16 April, 19 April) is 3 days of the 15-day stretch costing 250: 250 × 3 / 15 = 50.
    assert projection.cost_to(dt.date(2027, 4, 19)) == Decimal("50")
    assert projection.cost_to(dt.date(2027, 4, 16)) == Decimal("0")


def test_effective_before_the_case_start_applies_from_month_one() -> None:
    projection = project_one(
        "price_increase",
        {"annual_spend": "120000", "increase_rate": "0.05", "effective_date": "2026-07-01"},
        horizon=12,
    )
    # 12 × 500
    assert projection.cost_over_horizon == Decimal("6000")


def test_explain_in_english() -> None:
    text = explain("price_increase", INPUTS, *AMERICAN)
    assert text == "$120,000.00 a year × 5% increase ÷ 12, from April 16, 2027"


def test_explain_in_german_uses_german_numbers_and_dates() -> None:
    text = explain(
        "price_increase",
        {"annual_spend": "84500", "increase_rate": "0.075", "effective_date": "2027-04-16"},
        *GERMAN,
    )
    assert "84.500,00\xa0€ a year" in text
    assert "7,5\xa0% increase" in text
    assert "16. April 2027" in text


def test_bad_inputs_are_refused() -> None:
    # Without its date the increase never applies (the readiness check names the date).
    undated = make_driver("price_increase", "Undated", inputs={"annual_spend": "1000"})
    assert undated.input("effective_date") is None
    assert problems(
        {
            "type": "price_increase",
            "inputs": {"increase_rate": "11", "effective_date": "2027-04-16"},
        }
    ) == ["drivers[0].inputs.increase_rate: must be <= 10"]
