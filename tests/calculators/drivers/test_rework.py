"""errors: volume_per_month × error_rate × cost_per_error per month."""

from __future__ import annotations

from decimal import Decimal, localcontext

from calculators.engine import project
from calculators.numbers import ENGINE_CONTEXT
from tests.calculators.drivers.helpers import AMERICAN, GERMAN, explain, problems, project_one

INPUTS = {"volume_per_month": "2000", "error_rate": "0.03", "cost_per_error": "40"}


def test_monthly_cost_and_totals() -> None:
    projection = project_one("errors", INPUTS, deadline="2027-03-16", horizon=24)
    driver = projection.drivers[0]
    # 2,000 × 0.03 = 60 errors a month × 40 = 2,400 a month, flat.
    assert driver.monthly[0] == Decimal("2400")
    assert driver.monthly[23] == Decimal("2400")
    # Jan + Feb in full (4,800) + 15 of March's 31 days: 2,400 × 15 / 31 = 36,000 / 31.
    with localcontext(ENGINE_CONTEXT):
        expected = Decimal("4800") + Decimal("36000") / 31
    assert projection.cost_to_deadline == expected
    assert str(expected) == "5961.290322580645161290322580645161"
    # 24 × 2,400
    assert projection.cost_over_horizon == Decimal("57600")


def test_ranges_pick_low_and_high() -> None:
    inputs = {
        "volume_per_month": "2000",
        "error_rate": {"expected": "0.03", "low": "0.01", "high": "0.05"},
        "cost_per_error": "40",
    }
    case = project_one("errors", inputs, horizon=12).case
    # conservative: 2,000 × 0.01 × 40 = 800 a month
    assert project(case, "conservative").drivers[0].monthly[0] == Decimal("800")
    # optimistic: 2,000 × 0.05 × 40 = 4,000 a month
    assert project(case, "optimistic").drivers[0].monthly[0] == Decimal("4000")


def test_explain_in_english() -> None:
    text = explain("errors", INPUTS, *AMERICAN)
    assert text == "2,000 transactions a month × 3% error rate × $40.00 per error"


def test_explain_in_german_uses_german_numbers() -> None:
    text = explain(
        "errors",
        {"volume_per_month": "12500", "error_rate": "0.025", "cost_per_error": "17.5"},
        *GERMAN,
    )
    assert "12.500 transactions" in text
    assert "2,5\xa0% error rate" in text
    assert "17,50\xa0€ per error" in text


def test_rate_above_one_is_refused() -> None:
    assert problems({"type": "errors", "inputs": {"error_rate": "1.5"}}) == [
        "drivers[0].inputs.error_rate: must be <= 1"
    ]
    assert problems(
        {"type": "errors", "inputs": {"error_rate": {"expected": "0.5", "high": "1.2"}}}
    ) == ["drivers[0].inputs.error_rate.high: must be <= 1"]
    assert problems({"type": "errors", "inputs": {"volume_per_month": "1e15"}}) == [
        "drivers[0].inputs.volume_per_month: must be <= 1000000000000"
    ]
