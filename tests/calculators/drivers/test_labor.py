"""labor: people × hours_per_week × hourly_cost × 52 / 12 × (1 + annual_growth)^y."""

from __future__ import annotations

from decimal import Decimal

from tests.calculators.drivers.helpers import AMERICAN, GERMAN, explain, problems, project_one

INPUTS = {"people": "6", "hours_per_week": "5", "hourly_cost": "48", "annual_growth": "0.05"}


def test_monthly_cost_grows_each_year() -> None:
    projection = project_one("labor", INPUTS, deadline="2027-04-15", horizon=24)
    driver = projection.drivers[0]
    # 6 × 5 × 48 = 1,440 a week × 52 = 74,880 a year; / 12 = 6,240 a month.
    assert driver.monthly[0] == Decimal("6240")
    # Year 2: 6,240 × 1.05 = 6,552.
    assert driver.monthly[12] == Decimal("6552")
    # 3 × 6,240 + 6,240 × 14 / 30 (April, deadline 15th) = 18,720 + 2,912
    assert projection.cost_to_deadline == Decimal("21632")
    # 12 × 6,240 + 12 × 6,552 = 74,880 + 78,624
    assert projection.cost_over_horizon == Decimal("153504")


def test_explain() -> None:
    assert explain("labor", INPUTS, *AMERICAN) == (
        "6 people × 5 h/week × $48.00 per hour × 52/12 weeks, growing 5% a year"
    )
    german = explain(
        "labor", {"people": "6", "hours_per_week": "2.5", "hourly_cost": "48"}, *GERMAN
    )
    assert german == "6 people × 2,5 h/week × 48,00\xa0€ per hour × 52/12 weeks"


def test_bad_inputs_are_refused() -> None:
    assert problems({"type": "labor", "inputs": {"people": "1e14"}}) == [
        "drivers[0].inputs.people: must be <= 1000000"
    ]
    assert problems({"type": "labor", "inputs": {"hours_per_week": "169"}}) == [
        "drivers[0].inputs.hours_per_week: must be <= 168"
    ]
