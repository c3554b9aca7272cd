"""downtime: incidents_per_year × hours_per_incident × cost_per_hour / 12 per month."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.calculators.drivers.helpers import AMERICAN, GERMAN, explain, problems, project_one

INPUTS = {"incidents_per_year": "6", "hours_per_incident": "5", "cost_per_hour": "1200"}


def test_monthly_cost_and_cost_to_deadline() -> None:
    projection = project_one("downtime", INPUTS, deadline="2027-04-15", horizon=12)
    driver = projection.drivers[0]
    # 6 incidents × 5 h × 1,200 = 36,000 a year; / 12 = 3,000 a month, every month.
    assert driver.monthly[:12] == (Decimal("3000"),) * 12
    # Jan-Mar in full (3 × 3,000 = 9,000) + 14 of April's 30 days (3,000 × 14 / 30 = 1,400).
    assert projection.cost_to_deadline == Decimal("10400")
    # 12 × 3,000
    assert projection.cost_over_horizon == Decimal("36000")


def test_divides_last_so_exact_inputs_give_exact_results() -> None:
    # 1.5 × 3 × 13 = 58.5 a year; / 12 = 4.875 exactly. Dividing 13 by 12 first would leave
    # 4.874999...998 at the engine's 34 digits.
    driver = project_one(
        "downtime",
        {"incidents_per_year": "1.5", "hours_per_incident": "3", "cost_per_hour": "13"},
    ).drivers[0]
    assert driver.monthly[0] == Decimal("4.875")
    # a year of it: 12 × 4.875
    assert driver.cost_to(dt.date(2028, 1, 1)) == Decimal("58.5")


def test_explain_in_english() -> None:
    text = explain("downtime", INPUTS, *AMERICAN)
    assert text == "6 incidents a year × 5 h per incident × $1,200.00 per hour ÷ 12"


def test_explain_in_german_uses_german_numbers() -> None:
    text = explain(
        "downtime",
        {"incidents_per_year": "2.5", "hours_per_incident": "1500", "cost_per_hour": "1200"},
        *GERMAN,
    )
    assert "2,5 incidents" in text
    assert "1.500 h" in text
    assert "1.200,00\xa0€ per hour" in text


def test_absurd_and_negative_inputs_are_refused() -> None:
    assert problems({"type": "downtime", "inputs": {"incidents_per_year": "1e14"}}) == [
        "drivers[0].inputs.incidents_per_year: must be <= 100000"
    ]
    assert problems({"type": "downtime", "inputs": {"hours_per_incident": "9000"}}) == [
        "drivers[0].inputs.hours_per_incident: must be <= 8760"
    ]
    assert problems({"type": "downtime", "inputs": {"cost_per_hour": "-5"}}) == [
        "drivers[0].inputs.cost_per_hour: must be >= 0"
    ]
