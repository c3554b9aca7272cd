"""recurring_cost: amount / months per period × (1 + annual_escalation)^y."""

from __future__ import annotations

from decimal import Decimal

from tests.calculators.drivers.helpers import AMERICAN, GERMAN, explain, problems, project_one

INPUTS = {"amount": "4500", "period": "quarter", "annual_escalation": "0.04"}


def test_quarterly_amount_spread_and_escalated() -> None:
    projection = project_one("recurring_cost", INPUTS, deadline="2027-02-15", horizon=24)
    driver = projection.drivers[0]
    # 4,500 / 3 = 1,500 a month in year 1; × 1.04 = 1,560 in year 2.
    assert driver.monthly[0] == Decimal("1500")
    assert driver.monthly[12] == Decimal("1560")
    # January + 14 of February's 28 days: 1,500 + 750
    assert projection.cost_to_deadline == Decimal("2250")
    # 12 × 1,500 + 12 × 1,560 = 18,000 + 18,720
    assert projection.cost_over_horizon == Decimal("36720")


def test_explain() -> None:
    assert explain("recurring_cost", INPUTS, *AMERICAN) == (
        "$4,500.00 per quarter, rising 4% a year"
    )
    german = explain("recurring_cost", {"amount": "180000", "period": "year"}, *GERMAN)
    assert german == "180.000,00\xa0€ per year"


def test_bad_inputs_are_refused() -> None:
    assert problems({"type": "recurring_cost", "inputs": {"amount": "1e13"}}) == [
        "drivers[0].inputs.amount: must be <= 1000000000000"
    ]
