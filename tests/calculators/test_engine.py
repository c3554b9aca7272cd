"""The engine's conventions, pinned with hand-computed Decimal values.

Amounts are chosen so that the arithmetic can be checked on paper: 13,020 a month is
465 a day in a 28-day February, 434 a day in a 30-day month and 420 a day in a 31-day month
(13,020 = 28 x 465 = 30 x 434 = 31 x 420).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from typing import Any

import pytest

from calculators.accrual import active_window, dated, part_before, stretches, time_weights
from calculators.drivers import registry
from calculators.engine import project, resolve, summarise
from calculators.inputs import SCENARIOS, InputRef
from calculators.model import Case, DriverBase, make_driver
from calculators.numbers import ENGINE_CONTEXT, total
from calculators.summary import summary_data, summary_text

D = dt.date
ZERO = Decimal(0)


def make_case(
    drivers: list[DriverBase],
    *,
    start: str = "2027-01-01",
    deadline: str = "2027-04-15",
    horizon: int = 36,
    solution: dict[str, Any] | None = None,
    rate: str = "0.08",
) -> Case:
    data: dict[str, Any] = {
        "buyer": {"company": "Test Buyer"},
        "currency": "EUR",
        "locale": "en_US",
        "start_date": start,
        "deadline": deadline,
        "horizon_months": horizon,
        "discount_rate": rate,
        "drivers": drivers,
    }
    if solution is not None:
        data["solution"] = solution
    return Case.model_validate(data)


def monthly_cost(amount: str, **fields: Any) -> DriverBase:
    """A recurring cost of ``amount`` per month (no escalation)."""
    inputs = {"amount": amount, "period": "month", **fields.pop("inputs", {})}
    return make_driver("recurring_cost", f"Monthly {amount}", inputs=inputs, **fields)


# --- labor and the other built-in formulas -------------------------------------------------


def test_labor_formula_with_growth_by_year_index() -> None:
    driver = make_driver(
        "labor",
        "Re-keying",
        inputs={
            "people": "6",
            "hours_per_week": "5",
            "hourly_cost": "48",
            "annual_growth": "0.05",
        },
    )
    p = project(make_case([driver]))
    monthly = p.drivers[0].monthly
    # 6 x 5 x 48 x 52 / 12 = 74,880 / 12 = 6,240 in months 1..12 (y = 0)
    assert monthly[0] == monthly[11] == Decimal("6240")
    # months 13..24: y = 1 -> 6,240 x 1.05 = 6,552
    assert monthly[12] == monthly[23] == Decimal("6552")
    # months 25..36: y = 2 -> 6,240 x 1.05^2 = 6,240 x 1.1025 = 6,879.6
    assert monthly[24] == monthly[35] == Decimal("6879.6")


def test_recurring_cost_per_quarter_and_year_with_escalation() -> None:
    quarter = make_driver(
        "recurring_cost",
        "Quarterly",
        inputs={"amount": "4500", "period": "quarter", "annual_escalation": "0.03"},
    )
    year = make_driver("recurring_cost", "Yearly", inputs={"amount": "12000", "period": "year"})
    p = project(make_case([quarter, year]))
    # 4,500 / 3 = 1,500 a month in year 1; x 1.03 = 1,545 in year 2; x 1.03^2 = 1,591.35
    assert [p.drivers[0].monthly[k] for k in (0, 12, 24)] == [
        Decimal("1500"),
        Decimal("1545"),
        Decimal("1591.35"),
    ]
    # 12,000 / 12 = 1,000 a month, flat
    assert set(p.drivers[1].monthly) == {Decimal("1000")}


def test_risk_expected_annual_cost_spread_over_months() -> None:
    risk = make_driver(
        "risk", "Chargeback", inputs={"annual_probability": "0.15", "impact": "80000"}
    )
    p = project(make_case([risk]))
    # 0.15 x 80,000 / 12 = 12,000 / 12 = 1,000 a month
    assert set(p.drivers[0].monthly) == {Decimal("1000")}


# --- month boundaries, EDATE and proration by days -------------------------------------------


def test_month_boundaries_when_the_case_starts_on_a_month_end() -> None:
    # Start Jan 31 2027. Month 1 = [Jan 31, Feb 28) (28 days), month 2 = [Feb 28, Mar 31)
    # (31 days), month 3 = [Mar 31, Apr 30) (30 days). Each month costs the full 13,020 no
    # matter how many days it has.
    p = project(make_case([monthly_cost("13020")], start="2027-01-31", deadline="2027-06-30"))
    assert [(m.start, m.end) for m in p.months[:3]] == [
        (D(2027, 1, 31), D(2027, 2, 28)),
        (D(2027, 2, 28), D(2027, 3, 31)),
        (D(2027, 3, 31), D(2027, 4, 30)),
    ]
    assert p.monthly[:3] == (Decimal(13020),) * 3
    # To Mar 2: month 1 in full + Feb 28 and Mar 1 of the 31-day month 2: 13,020 + 2 x 420
    assert p.cost_to(D(2027, 3, 2)) == Decimal("13020") + 2 * Decimal("420")
    # Exactly at the month boundary: the whole of month 1, nothing of month 2.
    assert p.cost_to(D(2027, 2, 28)) == Decimal("13020")
    # One day into month 1 (28 days): 13,020 / 28 = 465
    assert p.cost_to(D(2027, 2, 1)) == Decimal("465")


def test_jan_31_plus_one_month_in_a_leap_year() -> None:
    # Start Jan 31 2028: month 1 = [Jan 31, Feb 29) = 29 days; the deadline Feb 29 2028 is
    # exactly its end, so cost to the deadline is one full month.
    p = project(make_case([monthly_cost("2900")], start="2028-01-31", deadline="2028-02-29"))
    assert p.months[0].end == D(2028, 2, 29)
    assert p.months[0].days == 29
    assert p.cost_to_deadline == Decimal("2900")
    # 10 days into month 1: 2,900 / 29 x 10 = 1,000
    assert p.cost_to(D(2028, 2, 10)) == Decimal("1000")


def test_case_starting_on_feb_29_with_escalation_in_year_two() -> None:
    driver = make_driver(
        "recurring_cost",
        "Leap",
        inputs={"amount": "2900", "period": "month", "annual_escalation": "0.1"},
    )
    p = project(make_case([driver], start="2028-02-29", deadline="2029-03-01", horizon=24))
    # Month 13 = [2029-02-28, 2029-03-29): 29 days, second year -> 2,900 x 1.1 = 3,190 (110 a
    # day). Cost to Mar 1 2029: 12 x 2,900 + 1 day (Feb 28) x 110 = 34,800 + 110 = 34,910.
    assert p.months[12].start == D(2029, 2, 28)
    assert p.months[12].days == 29
    assert p.monthly[12] == Decimal("3190")
    assert p.cost_to_deadline == Decimal("34910")


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        # Feb (28 days): Jan in full + 14 days x 465 = 13,020 + 6,510
        ("2027-02-15", Decimal("19530")),
        # Apr (30 days): Jan..Mar in full + 15 days x 434 = 39,060 + 6,510
        ("2027-04-16", Decimal("45570")),
        # May (31 days): Jan..Apr in full + 10 days x 420 = 52,080 + 4,200
        ("2027-05-11", Decimal("56280")),
        # On a month boundary: exactly three months
        ("2027-04-01", Decimal("39060")),
        # The day after the start: one day of January = 420
        ("2027-01-02", Decimal("420")),
    ],
)
def test_deadline_mid_month_prorates_by_the_days_of_that_month(
    deadline: str, expected: Decimal
) -> None:
    p = project(make_case([monthly_cost("13020")], deadline=deadline))
    assert p.cost_to_deadline == expected


def test_proration_that_does_not_divide_evenly_keeps_34_digits() -> None:
    # 1,000 a month, deadline Feb 11 2027: 1,000 + 1,000 x 10 / 28 = 1,357.142857142857...
    p = project(make_case([monthly_cost("1000")], deadline="2027-02-11"))
    with localcontext(ENGINE_CONTEXT):
        expected = Decimal(1000) + Decimal(1000) * 10 / 28
    assert p.cost_to_deadline == expected
    assert str(p.cost_to_deadline) == "1357.142857142857142857142857142857"


def test_cost_to_a_date_on_or_before_the_start_is_zero() -> None:
    p = project(make_case([monthly_cost("13020")]))
    assert p.cost_to(D(2027, 1, 1)) == ZERO
    assert p.cost_to(D(2026, 6, 1)) == ZERO


# --- empty driver list, deadline beyond the horizon ------------------------------------------


def test_empty_driver_list_gives_zeros_and_a_solution_with_zero_benefits() -> None:
    case = make_case(
        [],
        horizon=12,
        rate="0",
        solution={"investment": "1000", "recurring_cost": "10", "lead_time_months": 1},
    )
    results = summarise(case)
    p = results.projection
    assert p.drivers == ()
    assert len(p.monthly) == 12
    assert set(p.monthly) == {ZERO}
    for value in (
        p.cost_to_deadline,
        p.cost_over_horizon,
        p.cost_per_year,
        p.cost_per_month,
        p.cost_per_week,
        p.cost_per_day,
    ):
        assert value == ZERO
    solution = results.solution
    assert solution is not None
    assert set(solution.flows.benefits) == {ZERO}
    # Decided as planned (deadline 15 April: d_P = 4), go-live after month 5, recurring 10 in
    # months 6..12 = 70; at r = 0 nothing is discounted: NPV = -1,000 - 70 = -1,070;
    # ROI = (0 - 1,070) / 1,070 = -1.
    assert solution.npv == Decimal("-1070")
    assert solution.roi == Decimal("-1")
    assert solution.irr is None  # every flow is an outflow: no sign change
    assert solution.payback_months is None
    # The JSON contract and the text summary render without drivers.
    data = summary_data(results)
    assert data["drivers"] == []
    assert data["cost_to_deadline"] == "0.00"
    assert data["solution"]["npv"] == "-1070.00"
    assert "No enabled drivers" in summary_text(results)


def test_deadline_beyond_the_horizon_still_counts_to_the_deadline() -> None:
    # Horizon 6 months, deadline Jan 15 2028 (12 months + 14 days after the start).
    # The projection is extended to month 13 so the deadline is covered:
    # cost_to_deadline = 12 x 3,100 + 14 days x 100 (January 2028 has 31 days) = 38,600,
    # while cost_over_horizon stays months 1..6 = 6 x 3,100 = 18,600.
    case = make_case([monthly_cost("3100")], deadline="2028-01-15", horizon=6)
    p = project(case)
    assert len(p.months) == 13
    assert p.cost_to_deadline == Decimal("38600")
    assert p.cost_over_horizon == Decimal("18600")
    assert p.cost_to_deadline > p.cost_over_horizon
    # The JSON still lists only the horizon's months.
    data = summary_data(summarise(case))
    assert len(data["monthly"]) == 6
    assert data["cost_to_deadline"] == "38600.00"


def test_projection_always_has_at_least_12_months_for_the_run_rates() -> None:
    p = project(make_case([monthly_cost("100")], deadline="2027-02-01", horizon=3))
    assert len(p.months) == 12
    assert p.cost_over_horizon == Decimal("300")
    assert p.cost_per_year == Decimal("1200")


# --- driver start_date / end_date ------------------------------------------------------------


def test_driver_start_and_end_date_limit_accrual_end_exclusive() -> None:
    # 3,100 a month; active from Jan 11 to Mar 21 (exclusive).
    # Jan (31 days): Jan 11..31 = 21 days x 100 = 2,100
    # Feb: whole month = 3,100
    # Mar (31 days): Mar 1..20 = 20 days x 100 = 2,000; nothing from Mar 21 on.
    driver = monthly_cost("3100", start_date="2027-01-11", end_date="2027-03-21")
    p = project(make_case([driver], deadline="2027-12-31"))
    monthly = p.drivers[0].monthly
    assert monthly[:4] == (Decimal("2100"), Decimal("3100"), Decimal("2000"), ZERO)
    assert set(monthly[3:]) == {ZERO}
    assert p.cost_to(D(2027, 1, 11)) == ZERO  # nothing before the driver's start
    assert p.cost_to(D(2027, 1, 12)) == Decimal("100")  # Jan 11 accrues
    assert p.cost_to(D(2027, 3, 20)) == Decimal("7100")  # 2,100 + 3,100 + 19 x 100
    assert p.cost_to(D(2027, 3, 21)) == Decimal("7200")  # Mar 20 accrues ...
    assert p.cost_to(D(2027, 3, 22)) == Decimal("7200")  # ... Mar 21 (end_date) does not
    assert p.cost_to_deadline == Decimal("7200")
    assert p.cost_over_horizon == Decimal("7200")


def test_driver_start_before_the_case_start_counts_from_the_case_start() -> None:
    driver = monthly_cost("3100", start_date="2026-06-01")
    p = project(make_case([driver]))
    assert p.drivers[0].monthly[0] == Decimal("3100")
    assert p.cost_to(D(2027, 1, 1)) == ZERO


def test_driver_ending_on_a_month_boundary_stops_there() -> None:
    driver = monthly_cost("3100", end_date="2027-03-01")
    p = project(make_case([driver]))
    assert p.drivers[0].monthly[:3] == (Decimal("3100"), Decimal("3100"), ZERO)


# --- risk probability switching on after_date -------------------------------------------------


def test_risk_after_date_switches_probability_mid_month() -> None:
    # Before: 0.1 x 372,000 / 12 = 3,100 a month; after: 0.4 x 372,000 / 12 = 12,400 a month.
    # after_date = Mar 11 2027 (March has 31 days): 10 days x 100 + 21 days x 400
    # = 1,000 + 8,400 = 9,400 in March.
    risk = make_driver(
        "risk",
        "End of support",
        inputs={
            "annual_probability": "0.1",
            "impact": "372000",
            "after_date": "2027-03-11",
            "probability_after": "0.4",
        },
    )
    p = project(make_case([risk], deadline="2027-03-12"))
    monthly = p.drivers[0].monthly
    assert monthly[:4] == (Decimal("3100"), Decimal("3100"), Decimal("9400"), Decimal("12400"))
    # Cost to Mar 12: 3,100 + 3,100 + 10 x 100 (Mar 1..10) + 1 x 400 (Mar 11) = 7,600
    assert p.cost_to_deadline == Decimal("7600")
    assert p.cost_to(D(2027, 3, 11)) == Decimal("7200")


def test_risk_after_date_on_a_month_boundary_does_not_split() -> None:
    risk = make_driver(
        "risk",
        "Step",
        inputs={
            "annual_probability": "0.1",
            "impact": "372000",
            "after_date": "2027-04-01",
            "probability_after": "0",
        },
    )
    p = project(make_case([risk]))
    assert p.drivers[0].monthly[2:4] == (Decimal("3100"), ZERO)


# --- run rates ---------------------------------------------------------------------------------


def test_run_rates_come_from_the_first_12_months() -> None:
    # 1,200 a month, but only from Jul 1 2027: months 1..6 cost 0, months 7..12 cost 1,200.
    # cost_per_year = 6 x 1,200 = 7,200 (an average over the first year, not the July rate).
    driver = monthly_cost("1200", start_date="2027-07-01")
    p = project(make_case([driver]))
    assert p.cost_per_year == Decimal("7200")
    assert p.cost_per_month == Decimal("600")  # 7,200 / 12
    with localcontext(ENGINE_CONTEXT):
        per_week = Decimal(7200) / 52  # 138.4615384615384615384615384615385
        per_day = Decimal(7200) / 365  # 19.72602739726027397260273972602740
    assert p.cost_per_week == per_week
    assert p.cost_per_day == per_day
    assert str(p.cost_per_week) == "138.4615384615384615384615384615385"
    assert str(p.cost_per_day) == "19.72602739726027397260273972602740"


def test_run_rates_ignore_growth_after_year_one() -> None:
    driver = make_driver(
        "recurring_cost", "Grows", inputs={"amount": "1000", "annual_escalation": "0.5"}
    )
    p = project(make_case([driver]))
    assert p.cost_per_year == Decimal("12000")  # months 13.. at 1,500 do not count
    assert p.cost_per_month == Decimal("1000")


# --- disabled drivers, addressable share, scenarios, overrides -------------------------------


def test_disabled_drivers_are_ignored_but_keep_their_index() -> None:
    off = monthly_cost("5000", enabled=False)
    on = monthly_cost("1000")
    case = make_case([off, on], horizon=12, solution={"investment": "0"})
    results = summarise(case)
    p = results.projection
    assert len(p.drivers) == 1
    assert p.drivers[0].index == 1  # the position in case.drivers, used by overrides
    assert p.cost_over_horizon == Decimal("12000")
    assert p.addressable_monthly[0] == Decimal("1000")
    # An override aimed at the disabled driver changes nothing; at the enabled one it does.
    assert project(case, overrides={InputRef(0, "amount"): Decimal(9)}).cost_per_month == Decimal(
        1000
    )
    assert project(case, overrides={InputRef(1, "amount"): Decimal(9)}).cost_per_month == Decimal(9)


def test_addressable_share_scales_only_what_the_solution_removes() -> None:
    labor = make_driver(
        "labor",
        "Labor",
        inputs={"people": "6", "hours_per_week": "5", "hourly_cost": "48"},
        addressable="0.8",
    )
    untouched = monthly_cost("500", addressable="0")
    p = project(make_case([labor, untouched]))
    # The status quo costs all of it: 6,240 + 500 = 6,740 a month ...
    assert p.monthly[0] == Decimal("6740")
    # ... the solution removes 0.8 x 6,240 + 0 x 500 = 4,992 a month.
    assert p.addressable_monthly[0] == Decimal("4992")
    assert len(p.addressable_monthly) == p.horizon


def test_scenarios_pick_the_adverse_end_for_drivers_and_solution() -> None:
    driver = make_driver(
        "recurring_cost",
        "Ranged",
        inputs={"amount": {"expected": "3000", "low": "2000", "high": "4500"}},
    )
    case = make_case(
        [driver],
        solution={"investment": {"expected": "10000", "low": "8000", "high": "12000"}},
    )
    picks = {}
    for scenario in SCENARIOS:
        results = summarise(case, scenario)
        assert results.solution is not None
        picks[scenario] = (results.projection.monthly[0], results.solution.investment)
    assert picks == {
        # convention 6: conservative pays the solution's high end, optimistic its low end
        "conservative": (Decimal("2000"), Decimal("12000")),
        "expected": (Decimal("3000"), Decimal("10000")),
        "optimistic": (Decimal("4500"), Decimal("8000")),
    }


# --- dated one-time amounts --------------------------------------------------------------------


def one_time(amount: str, date: str, **fields: Any) -> DriverBase:
    return make_driver(
        "one_time", "Support ends", inputs={"amount": amount, "date": date}, **fields
    )


def test_one_time_amount_counts_in_cost_to_d_only_when_its_date_is_before_d() -> None:
    p = project(make_case([one_time("5000", "2027-03-10")], deadline="2027-03-10"))
    # [start, D): on the deadline day itself the amount is not yet incurred ...
    assert p.cost_to_deadline == ZERO
    assert p.cost_to(D(2027, 3, 10)) == ZERO
    # ... one day later it is, in full (no proration).
    assert p.cost_to(D(2027, 3, 11)) == Decimal("5000")
    # It sits in the month containing its date (month 3 = March) and nowhere else.
    assert p.monthly[2] == Decimal("5000")
    assert sum(p.monthly, ZERO) == Decimal("5000")
    assert p.cost_over_horizon == Decimal("5000")


def test_one_time_amount_after_the_horizon() -> None:
    # Horizon 36 months = [2027-01-01, 2030-01-01); the amount falls on 2030-06-01.
    p = project(make_case([one_time("5000", "2030-06-01")]))
    assert p.cost_over_horizon == ZERO
    assert set(p.monthly) == {ZERO}
    # cost_to(D) still counts it for a date past it.
    assert p.cost_to(D(2030, 6, 2)) == Decimal("5000")


def test_one_time_amount_outside_the_drivers_active_dates_is_dropped() -> None:
    ended = one_time("5000", "2027-03-10", end_date="2027-03-10")  # end_date is exclusive
    not_started = one_time("7000", "2027-03-10", start_date="2027-03-11")
    p = project(make_case([ended, not_started], deadline="2027-12-31"))
    assert p.cost_to_deadline == ZERO
    assert p.cost_over_horizon == ZERO


# --- the time weights the simulation reads -----------------------------------------------------


def test_stretches_are_the_segments_clipped_to_the_drivers_dates() -> None:
    # A risk whose probability changes on Feb 10, for a driver active from Jan 20 to Mar 5.
    risk = make_driver(
        "risk",
        "Chargeback",
        inputs={
            "annual_probability": "0.12",
            "impact": "100000",
            "after_date": "2027-02-10",
            "probability_after": "0.24",
        },
        start_date="2027-01-20",
        end_date="2027-03-05",
    )
    case = make_case([risk])
    span = project(case).months
    window = active_window(case, case.drivers[0])
    values = resolve(case.drivers[0], "expected", None, 0, case.start_date)
    got = [
        (s.position, s.start, s.end, s.days, s.whole, s.monthly)
        for s in stretches(risk.kind, values, span, window)
    ]
    assert got == [
        (0, D(2027, 1, 20), D(2027, 2, 1), 12, False, Decimal(1000)),
        (1, D(2027, 2, 1), D(2027, 2, 10), 9, False, Decimal(1000)),
        (1, D(2027, 2, 10), D(2027, 3, 1), 19, False, Decimal(2000)),
        (2, D(2027, 3, 1), D(2027, 3, 5), 4, False, Decimal(2000)),
    ]
    # The engine prorates each by its days: 1,000 x 12/31, 1,000 x 9/28 + 2,000 x 19/28, ...
    with localcontext(ENGINE_CONTEXT):
        assert project(case).drivers[0].monthly[:3] == (
            Decimal(1000) * 12 / 31,
            Decimal(1000) * 9 / 28 + Decimal(2000) * 19 / 28,
            Decimal(2000) * 4 / 31,
        )


def test_part_before_a_day() -> None:
    start, end = D(2027, 2, 10), D(2027, 3, 1)  # 19 days
    assert part_before(start, end, D(2027, 2, 1)) == (0, 19)
    assert part_before(start, end, D(2027, 2, 10)) == (0, 19)
    assert part_before(start, end, D(2027, 2, 15)) == (5, 19)
    assert part_before(start, end, D(2027, 3, 1)) == (19, 19)
    assert part_before(start, end, D(2028, 1, 1)) == (19, 19)


def test_one_time_amounts_come_with_their_month_or_none_past_the_projection() -> None:
    case = make_case([one_time("5000", "2027-03-10"), one_time("7000", "2031-01-01")])
    span = project(case).months
    got = []
    for driver in case.drivers:
        values = resolve(driver, "expected", None, 0, case.start_date)
        got += list(dated(driver.kind, values, span, active_window(case, driver)))
    assert got == [(D(2027, 3, 10), Decimal(5000), 2), (D(2031, 1, 1), Decimal(7000), None)]


def solution(investment: str, recurring: str, *, lead_time: int, ramp: int) -> dict[str, Any]:
    return {
        "investment": investment,
        "recurring_cost": recurring,
        "lead_time_months": lead_time,
        "ramp_months": ramp,
    }


def test_time_weights_by_hand() -> None:
    # Horizon 6, deadline 1 February: the plan decides at d_P = 1. Rate 0 (no discounting),
    # lead time 1, ramp 3: go-live 2; nothing in months 1-2, then 1/3, 2/3, 1, 1.
    case = make_case(
        [monthly_cost("100")],
        deadline="2027-02-01",
        horizon=6,
        rate="0",
        solution=solution("900", "10", lead_time=1, ramp=3),
    )
    weights = time_weights(case)
    assert len(weights.months) == 6
    with localcontext(ENGINE_CONTEXT):
        third, two_thirds = Decimal(1) / 3, Decimal(2) / 3
    assert weights.benefit == (0, 0, third, two_thirds, 1, 1)
    # A loss locked in at go-live (churn): month 2's cost stays, so it comes off the benefit
    # of every month that has one: its weight is minus their sum (1/3 + 2/3 + 1 + 1 = 3).
    assert weights.locked_benefit == (0, -3, third, two_thirds, 1, 1)
    assert weights.npv is not None
    assert (weights.npv.go_live, weights.npv.investment, weights.npv.recurring) == (2, 1, 4)
    # The engine's NPV: -900 - 4 x 10 + 100 x 3 = -640
    results = summarise(case)
    assert results.solution is not None
    assert results.solution.npv == Decimal(-640)
    # Deadline in month 8 of a 6-month horizon: the weights cover 8 months, the horizon the
    # first 6; the plan (d_P = 8) lies after the horizon, so no month has a benefit and the
    # NPV is the investment alone: -900.
    late = make_case(
        [monthly_cost("100")],
        deadline="2027-08-15",
        horizon=6,
        rate="0",
        solution=solution("900", "10", lead_time=2, ramp=3),
    )
    weights = time_weights(late)
    assert len(weights.months) == 8
    assert weights.in_horizon == (1, 1, 1, 1, 1, 1, 0, 0)
    assert weights.benefit == (0,) * 8
    assert weights.npv is not None
    assert (weights.npv.go_live, weights.npv.investment, weights.npv.recurring) == (10, 1, 0)
    late_solution = summarise(late).solution
    assert late_solution is not None and late_solution.npv == Decimal(-900)
    assert time_weights(make_case([monthly_cost("100")], horizon=6)).npv is None


def test_time_weights_give_the_engines_figures_churn_included() -> None:
    churn = make_driver(
        "churn",
        "Churn",
        inputs={
            "customers": "1000",
            "excess_monthly_churn": "0.01",
            "revenue_per_customer_per_month": "100",
        },
        addressable="0.7",
    )
    labor = make_driver(
        "labor",
        "Labor",
        inputs={"people": "3", "hours_per_week": "4", "hourly_cost": "50"},
        start_date="2027-02-12",
    )
    case = make_case(
        [churn, labor, one_time("5000", "2027-05-10", addressable="0.5")],
        deadline="2027-06-20",
        horizon=24,
        solution=solution("40000", "300", lead_time=3, ramp=2),
    )
    results = summarise(case)
    assert results.solution is not None
    weights = time_weights(case)
    assert weights.npv is not None
    in_horizon: list[Decimal] = []
    with localcontext(ENGINE_CONTEXT):
        npv = -results.solution.investment * weights.npv.investment
        npv -= results.solution.recurring_cost * weights.npv.recurring
        for driver in results.projection.drivers:
            locked = registry()[driver.type].locked_in_at_go_live
            benefit = weights.locked_benefit if locked else weights.benefit
            for p, amount in enumerate(driver.monthly[: len(weights.months)]):
                in_horizon.append(weights.in_horizon[p] * amount)
                npv += driver.addressable * benefit[p] * amount
    # a total is the exact sum of its terms, rounded once (numbers.total): in any order
    assert total(in_horizon) == results.projection.cost_over_horizon
    assert total(reversed(in_horizon)) == results.projection.cost_over_horizon
    assert abs(npv - results.solution.npv) < Decimal("1e-25") * abs(results.solution.npv)


def test_an_edit_reprojects_only_the_changed_driver_and_figures_match_a_fresh_run() -> None:
    from calculators.engine import clear_projection_cache

    case = make_case(
        [
            monthly_cost("1000"),
            monthly_cost("2000"),
            make_driver(
                "labor",
                "Manual work",
                inputs={"people": "3", "hours_per_week": "5", "hourly_cost": "40"},
            ),
        ]
    )
    before = project(case)
    edited = case.replace_driver(1, case.drivers[1].with_input("amount", "2500"))
    after = project(edited)
    # the untouched drivers' projections are reused, the edited one is new
    assert after.drivers[0] is before.drivers[0] and after.drivers[2] is before.drivers[2]
    assert after.drivers[1] is not before.drivers[1]
    clear_projection_cache()
    fresh = project(edited)
    assert fresh.drivers[0] is not after.drivers[0]
    assert [d.monthly for d in fresh.drivers] == [d.monthly for d in after.drivers]
    assert (fresh.cost_to_deadline, fresh.cost_over_horizon) == (
        after.cost_to_deadline,
        after.cost_over_horizon,
    )
    # a later start date or another scenario is another projection, never a stale one
    moved = edited.model_copy(update={"start_date": dt.date(2027, 2, 1)})
    assert project(moved).drivers[0] is not after.drivers[0]
    assert project(edited, "conservative").drivers[0] is not after.drivers[0]


def test_a_memoised_formula_gives_every_month_what_evaluating_it_gives() -> None:
    # engine._Formula evaluates monthly() once per distinct reading of the month; a formula
    # that reads different attributes on different paths must still get its own answer.
    from calculators.accrual import _Formula
    from calculators.calendar import months
    from calculators.drivers.base import DriverType
    from calculators.inputs import Values

    calls: list[int] = []

    class Branchy(DriverType):
        key = "branchy"

        def monthly(self, values: Values, month: Any) -> Decimal:
            calls.append(1)
            if month.year_index == 0:  # the first year month by month, then by year
                return Decimal(month.index)
            return Decimal(100 + month.year_index)

    span = months(dt.date(2027, 1, 1), 36)
    formula = _Formula(Branchy(), Values({}, {}, {}, 1))
    memoised = [formula.monthly(m) for m in span]
    calls.clear()
    direct = [Branchy().monthly(Values({}, {}, {}, 1), m) for m in span]
    assert memoised == direct
    # the first year read the index too: 12 evaluations; then one per later year
    formula = _Formula(Branchy(), Values({}, {}, {}, 1))
    calls.clear()
    for m in span:
        formula.monthly(m)
    assert len(calls) == 12 + 2


def test_the_monthly_totals_and_what_a_solution_removes_are_kept_apart() -> None:
    # Projection keeps exact column sums of both; asking for the monthly cost first must not
    # answer a later addressable_for (any go-live month, a negative one included).
    from calculators.engine import clear_projection_cache

    churn = make_driver(
        "churn",
        "Churn",
        inputs={
            "customers": "500",
            "excess_monthly_churn": "0.02",
            "revenue_per_customer_per_month": "300",
        },
        addressable="0.5",
    )
    case = make_case([churn], horizon=24)
    clear_projection_cache()
    fresh = {g: project(case).addressable_for(g) for g in (-1, 0, 3)}
    clear_projection_cache()
    p = project(case)
    assert p.monthly[0] == Decimal("3000.00")
    for g, expected in fresh.items():
        assert p.addressable_for(g) == expected
    assert p.addressable_for(0)[0] == Decimal("1500.000")  # half the first month's loss
