"""churn: lost(k) = customers × (1 − (1 − excess_monthly_churn)^k); cost(k) = lost(k) × revenue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.engine import project, summarise
from calculators.model import make_driver
from calculators.numbers import ENGINE_CONTEXT
from tests.calculators.drivers.helpers import (
    AMERICAN,
    GERMAN,
    case_with,
    explain,
    problems,
    project_one,
)

INPUTS = {
    "customers": "1000",
    "excess_monthly_churn": "0.01",
    "revenue_per_customer_per_month": "50",
}


def test_loss_compounds_month_by_month() -> None:
    projection = project_one("churn", INPUTS, deadline="2027-04-01", horizon=3)
    driver = projection.drivers[0]
    # k=1: 1,000 × (1 − 0.99)       = 10 customers lost     × 50 = 500
    # k=2: 1,000 × (1 − 0.9801)     = 19.9 customers lost   × 50 = 995
    # k=3: 1,000 × (1 − 0.970299)   = 29.701 customers lost × 50 = 1,485.05
    assert driver.monthly[:3] == (Decimal("500"), Decimal("995"), Decimal("1485.05"))
    # Deadline 1 April = end of month 3: 500 + 995 + 1,485.05
    assert projection.cost_to_deadline == Decimal("2980.05")
    assert projection.cost_over_horizon == Decimal("2980.05")


def test_month_cut_by_the_deadline_is_prorated() -> None:
    projection = project_one("churn", INPUTS, deadline="2027-03-15")
    # Jan 500 + Feb 995 + 14 of March's 31 days of 1,485.05 (= 20,790.7 / 31), to the
    # engine's 34 significant digits.
    with localcontext(ENGINE_CONTEXT):
        expected = Decimal("1495") + Decimal("20790.7") / 31
    assert projection.cost_to_deadline == expected
    assert str(expected) == "2165.667741935483870967741935483871"


def test_explain_in_english() -> None:
    text = explain("churn", INPUTS, *AMERICAN)
    assert text == (
        "1,000 customers losing an extra 1% a month, compounding, × $50.00 per customer per month"
    )


def test_explain_in_german_uses_german_numbers() -> None:
    text = explain(
        "churn",
        {
            "customers": "12000",
            "excess_monthly_churn": "0.0025",
            "revenue_per_customer_per_month": "89.9",
        },
        *GERMAN,
    )
    assert "12.000 customers" in text
    assert "0,25\xa0%" in text
    assert "89,90\xa0€ per customer" in text


def test_bad_inputs_are_refused() -> None:
    assert problems({"type": "churn", "inputs": {"excess_monthly_churn": "1.01"}}) == [
        "drivers[0].inputs.excess_monthly_churn: must be <= 1"
    ]
    assert problems({"type": "churn", "inputs": {"customers": "1e14"}}) == [
        "drivers[0].inputs.customers: must be <= 1000000000"
    ]


rates = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False)
counts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
money = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(
    customers=counts,
    churn=rates,
    revenue=money,
    horizon=st.integers(min_value=1, max_value=120),
    start=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2035, 12, 31)),
)
def test_churn_cost_is_non_decreasing_month_by_month(
    customers: Decimal, churn: Decimal, revenue: Decimal, horizon: int, start: dt.date
) -> None:
    driver = make_driver(
        "churn",
        "Customers leaving",
        inputs={
            "customers": str(customers),
            "excess_monthly_churn": str(churn),
            "revenue_per_customer_per_month": str(revenue),
        },
    )
    case = case_with(
        driver,
        start=start.isoformat(),
        deadline=(start + dt.timedelta(days=100)).isoformat(),
        horizon=horizon,
    )
    monthly = summarise(case).projection.drivers[0].monthly
    assert all(a <= b for a, b in pairwise(monthly))
    # The loss can never exceed losing every customer.
    assert monthly[-1] <= customers * revenue


# 1,000 customers, 1 % extra churn a month, 100 a customer: cost(k) = 100,000 x (1 - 0.99^k).
HUNDRED = {**INPUTS, "revenue_per_customer_per_month": "100"}


def test_churn_counts_months_from_the_drivers_own_start() -> None:
    # A competitor launches on 2027-07-01 (month 7 of the case): the loss builds up from
    # then, so month 7 is the driver's first month: 1,000 x (1 - 0.99^1) = 10 customers,
    # x 100 per customer = 1,000; month 8: 1,000 x (1 - 0.99^2) = 19.9 -> 1,990.
    driver = make_driver("churn", "Competitor", inputs=HUNDRED, start_date="2027-07-01")
    case = case_with(driver, deadline="2027-12-01", horizon=12)
    monthly = project(case).drivers[0].monthly
    assert monthly[5] == 0
    assert monthly[6] == Decimal("1000")
    assert monthly[7] == Decimal("1990")


def test_customers_lost_before_go_live_stay_lost() -> None:
    # month 1: 1,000; month 2: 1,990; month 3: 2,970.1; month 4: 3,940.399.
    # Deciding as planned (deadline 1 March: d_P = 2) with no lead time: live from the end of
    # month 2. The 19.9 customers lost by then stay lost, so the solution removes
    # cost(k) - cost(2) in months 3 and 4: 980.1 and 1,950.399 (not 2,970.1 and 3,940.399).
    case = case_with(
        make_driver("churn", "Churn", inputs=HUNDRED),
        deadline="2027-03-01",
        horizon=4,
        solution={"investment": "0", "recurring_cost": "0", "lead_time_months": 0},
    )
    solution = summarise(case).solution
    assert solution is not None
    assert solution.flows.benefits == (0, 0, Decimal("980.1"), Decimal("1950.399"))
    # Deciding a month later: live from the end of month 3, 29.701 customers already lost.
    later = project(case).addressable_for(3)
    assert later[3] == Decimal("3940.399") - Decimal("2970.1")


def test_the_simulation_keeps_lost_customers_lost_too() -> None:
    from calculators.simulation import simulate

    case = case_with(
        make_driver("churn", "Churn", inputs=HUNDRED),
        deadline="2027-06-01",
        horizon=24,
        solution={"investment": "20000", "recurring_cost": "500", "lead_time_months": 3},
    )
    exact = summarise(case).solution
    assert exact is not None
    simulated = simulate(case, samples=50).npv
    assert simulated is not None
    # No ranges: every sample is the expected case, computed in float64.
    assert abs(float(simulated.p50) - float(exact.npv)) < 1e-6 * abs(float(exact.npv))
