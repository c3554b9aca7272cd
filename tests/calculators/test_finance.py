"""The solution's conventions: timing, ramp, NPV, IRR, payback, ROI and the cost of delay.

Two tricks keep the expected values checkable by hand:

* at r = 0 nothing is discounted, so NPV is a plain sum;
* at r = 1.01^12 - 1 = 0.126825030131969720661201 (exact in Decimal) the monthly discount
  factor (1+r)^(-1/12) is exactly 1/1.01, so month k is discounted by 1.01^-k.

NPV and IRR are also checked against loops written here, at 50 digits, independent of the
engine's own code.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext
from typing import Any

import pytest

from calculators.engine import summarise
from calculators.finance import discount_factors, flows_for, irr, npv, payback, ramp
from calculators.model import Case, DriverBase, make_driver
from calculators.numbers import ENGINE_CONTEXT

ZERO = Decimal(0)
RATE_1_PERCENT_A_MONTH = "0.126825030131969720661201"  # 1.01 ** 12 - 1, exactly
TOLERANCE = Decimal("1e-20")  # far below a cent; the engine keeps ~30 decimals


def make_case(
    drivers: list[DriverBase],
    solution: dict[str, Any] | None,
    *,
    horizon: int = 12,
    rate: str = "0",
    deadline: str = "2027-03-01",
) -> Case:
    # The deadline 2027-03-01 is EDATE(start, 2): the plan decides at d_P = 2 (issue 11).
    return Case.model_validate(
        {
            "buyer": {"company": "Test Buyer"},
            "start_date": "2027-01-01",
            "deadline": deadline,
            "horizon_months": horizon,
            "discount_rate": rate,
            "drivers": drivers,
            "solution": solution,
        }
    )


def monthly_cost(amount: str, **fields: Any) -> DriverBase:
    return make_driver("recurring_cost", "Cost", inputs={"amount": amount}, **fields)


def independent_npv(investment: Decimal, at: int, net: Sequence[Decimal], rate: str) -> Decimal:
    """NPV written from the definition, each factor computed directly as (1+r)^(-k/12)."""
    with localcontext() as ctx:
        ctx.prec = 50
        base = 1 + Decimal(rate)
        total = -investment * base ** (Decimal(-at) / 12)
        for k, value in enumerate(net, start=1):
            total += value * base ** (Decimal(-k) / 12)
        return total


def independent_irr(flows: Sequence[Decimal]) -> Decimal:
    """Annualised IRR by plain bisection on the monthly rate (flows[0] is now)."""
    with localcontext() as ctx:
        ctx.prec = 50

        def value(m: Decimal) -> Decimal:
            return sum((c / (1 + m) ** k for k, c in enumerate(flows)), Decimal(0))

        low, high = Decimal("-0.99"), Decimal(10)
        for _ in range(200):
            mid = (low + high) / 2
            if (value(mid) > 0) == (value(low) > 0):
                low = mid
            else:
                high = mid
        return (1 + (low + high) / 2) ** 12 - 1


# --- timing and ramp ------------------------------------------------------------------------

# 1,200 a month is removed at full effect; the solution costs 3,000 up front and 100 a month,
# goes live 2 months after the decision and ramps up over 3 months. The plan decides at
# d_P = 2 (deadline 2027-03-01 = EDATE(start, 2)): go-live g = 4; months 1-4: nothing;
# month 5 = 1/3, month 6 = 2/3, month 7+ = full benefit.
#   benefits  = 0 x 4, 400, 800, 1200 x 6        (sum 8,400)
#   recurring = 0 x 4, 100 x 8                    (sum 800)
#   net       = 0 x 4, 300, 700, 1100 x 6         (sum 7,600)
SOLUTION = {"investment": "3000", "recurring_cost": "100", "lead_time_months": 2, "ramp_months": 3}
NET_PLAN = [ZERO] * 4 + [Decimal(300), Decimal(700)] + [Decimal(1100)] * 6


def test_go_live_ramp_and_recurring_cost_timing() -> None:
    results = summarise(make_case([monthly_cost("1200")], SOLUTION))
    solution = results.solution
    assert solution is not None
    flows = solution.flows
    assert (flows.decision_month, flows.go_live) == (2, 4)
    assert solution.decision_offset_months == 2
    assert list(flows.benefits) == [ZERO] * 4 + [Decimal(400), Decimal(800)] + [Decimal(1200)] * 6
    assert list(flows.recurring) == [ZERO] * 4 + [Decimal(100)] * 8
    assert list(flows.net) == NET_PLAN


def test_investment_is_paid_at_the_decision_month() -> None:
    flows = flows_for([Decimal(1200)] * 12, Decimal(3000), Decimal(100), 2, 3, decision_month=3)
    # d = 3 -> g = 5: the first benefit (1/3) is in month 6.
    assert flows.go_live == 5
    assert list(flows.benefits[:7]) == [ZERO] * 5 + [Decimal(400), Decimal(800)]
    assert list(flows.recurring[:6]) == [ZERO] * 5 + [Decimal(100)]
    # The investment is discounted from month 3: at 1 % a month, -3,000 / 1.01^3
    # (1.01^3 = 1.030301), plus the net flows from month 6 on.
    factors = discount_factors(Decimal(RATE_1_PERCENT_A_MONTH), 12)
    expected = independent_npv(Decimal(3000), 3, list(flows.net), RATE_1_PERCENT_A_MONTH)
    assert abs(npv(flows, factors) - expected) < TOLERANCE
    with localcontext(ENGINE_CONTEXT):
        assert abs(factors[3] - 1 / Decimal("1.030301")) < TOLERANCE


@pytest.mark.parametrize(
    ("j", "months", "share"),
    [
        (1, 3, (1, 3)),
        (2, 3, (2, 3)),
        (3, 3, (1, 1)),
        (7, 3, (1, 1)),  # stays at full effect
        (1, 0, (1, 1)),  # no ramp: full benefit from the first live month
        (1, 1, (1, 1)),
        (3, 12, (1, 4)),
    ],
)
def test_ramp(j: int, months: int, share: tuple[int, int]) -> None:
    with localcontext(ENGINE_CONTEXT):
        assert ramp(j, months) == Decimal(share[0]) / Decimal(share[1])


def test_no_ramp_and_no_lead_time_means_full_benefit_from_month_one() -> None:
    solution = {"investment": "0", "lead_time_months": 0, "ramp_months": 0}
    results = summarise(make_case([monthly_cost("1200")], solution))
    assert results.solution is not None
    # Full benefit from the month after the plan's decision (d_P = 2).
    assert list(results.solution.flows.benefits) == [ZERO] * 2 + [Decimal(1200)] * 10


# --- NPV ------------------------------------------------------------------------------------


def test_npv_at_zero_rate_is_the_plain_sum() -> None:
    results = summarise(make_case([monthly_cost("1200")], SOLUTION))
    assert results.solution is not None
    # -3,000 + 300 + 700 + 6 x 1,100 = 4,600
    assert results.solution.npv == Decimal(4600)


def test_npv_discounts_month_k_by_1_plus_r_to_minus_k_over_12() -> None:
    case = make_case([monthly_cost("1200")], SOLUTION, rate=RATE_1_PERCENT_A_MONTH)
    solution = summarise(case).solution
    assert solution is not None
    # By hand, deciding at d_P = 2:
    #   -3,000 / 1.01^2 + 300/1.01^5 + 700/1.01^6 + 1,100 x (1.01^-7 + ... + 1.01^-12)
    #   -3,000 / 1.0201          = -2,940.8881482207626...
    #   300 / 1.0510100501       =    285.4397062820246...
    #   700 / 1.061520150601     =    659.4316646779447...
    #   1,100 x 5.4596009989053 (sum of 1.01^-k for k = 7..12) = 6,005.5610987958332...
    #   total                    =  4,009.5443215350399...
    expected = independent_npv(Decimal(3000), 2, NET_PLAN, RATE_1_PERCENT_A_MONTH)
    assert abs(solution.npv - expected) < TOLERANCE
    assert str(solution.npv).startswith("4009.544321535039")


def test_npv_of_the_two_flow_case_by_hand() -> None:
    # Horizon 2 months, decided at d_P = 1 (deadline Feb 1): invest 100 at time 1, get 110 in
    # month 2; at 1 % a month NPV = (110 / 1.01 - 100) / 1.01 = 8.82266444466228...
    case = make_case(
        [monthly_cost("110")],
        {"investment": "100"},
        horizon=2,
        rate=RATE_1_PERCENT_A_MONTH,
        deadline="2027-02-01",
    )
    solution = summarise(case).solution
    assert solution is not None
    with localcontext(ENGINE_CONTEXT):
        expected = (Decimal(110) / Decimal("1.01") - 100) / Decimal("1.01")
        assert abs(solution.npv - expected) < TOLERANCE
    assert str(solution.npv).startswith("8.8226644")
    # IRR: 100 = 110 / (1 + m) -> m = 10 % a month -> (1.1)^12 - 1 = 2.138428376721 a year.
    assert solution.irr is not None
    assert abs(solution.irr - Decimal("2.138428376721")) < TOLERANCE
    # Payback: 100 of the month's 110 -> 100 / 110 = 0.90909... months.
    assert solution.payback_months is not None
    with localcontext(ENGINE_CONTEXT):
        assert solution.payback_months == Decimal(100) / Decimal(110)
    # ROI: (110 - 100) / 100 = 0.1
    assert solution.roi == Decimal("0.1")


def test_discount_factors() -> None:
    factors = discount_factors(Decimal("0.08"), 24)
    assert factors[0] == 1
    # (1.08)^(-12/12) = 1 / 1.08 and (1.08)^(-24/12) = 1 / 1.1664, to ~33 digits
    with localcontext(ENGINE_CONTEXT):
        assert abs(factors[12] - 1 / Decimal("1.08")) < TOLERANCE
        assert abs(factors[24] - 1 / Decimal("1.1664")) < TOLERANCE
    # (1.08)^(-3/12) = 0.98094365212757... (a spreadsheet gives =1.08^(-3/12) the same)
    assert str(factors[3]).startswith("0.980943652127570")


# --- IRR --------------------------------------------------------------------------------------


def test_irr_matches_an_independent_bisection() -> None:
    case = make_case([monthly_cost("1200")], SOLUTION, rate="0.08")
    solution = summarise(case).solution
    assert solution is not None and solution.irr is not None
    # Flows from the decision on: index 0 = time d_P = 2 (the investment), then months 3..12.
    flows = [Decimal(-3000), *NET_PLAN[2:]]
    assert abs(solution.irr - independent_irr(flows)) < Decimal("1e-20")
    # Monthly rate m = (1 + irr)^(1/12) - 1 zeroes the flows.
    with localcontext() as ctx:
        ctx.prec = 50
        m = (1 + solution.irr) ** (Decimal(1) / 12) - 1
        residual = sum((c / (1 + m) ** k for k, c in enumerate(flows)), Decimal(0))
        assert abs(residual) < Decimal("1e-20")


@pytest.mark.parametrize(
    "flows",
    [
        ["-100", "0", "0", "110"],  # zeros do not count as a sign change
        ["-100", "50", "40"],  # a loss: negative IRR
        ["-1000", "10", "20", "30", "2000"],
    ],
)
def test_irr_of_flows_changing_sign_once(flows: list[str]) -> None:
    values = [Decimal(v) for v in flows]
    result = irr(values)
    assert result is not None
    assert abs(result - independent_irr(values)) < Decimal("1e-20")


def test_irr_of_a_loss_is_negative() -> None:
    # 50 v + 40 v^2 = 100 with v = 1/(1+m): v = (-50 + sqrt(18,500)) / 80 = 1.07518381...,
    # m = -0.06992..., annualised (1 + m)^12 - 1 = -0.58100640...
    result = irr([Decimal(-100), Decimal(50), Decimal(40)])
    assert result is not None
    assert str(result).startswith("-0.581006401")


@pytest.mark.parametrize(
    "flows",
    [
        ["-100", "-10", "-10"],  # never changes sign: no return to speak of
        ["100", "10"],
        ["0", "0"],
        ["-100", "150", "-60"],  # changes sign twice: IRR not unique, not reported
        ["-100", "60", "-10", "80"],
    ],
)
def test_irr_is_none_unless_flows_change_sign_exactly_once(flows: list[str]) -> None:
    assert irr([Decimal(v) for v in flows]) is None


def test_irr_is_none_when_benefits_stop_and_recurring_costs_go_on() -> None:
    # The status-quo cost ends after month 6 (end_date Jul 1) but the solution's 100 a month
    # runs to month 12: decided at d_P = 2, net = 0 x 2, +1,100 x 4, -100 x 6 -> signs -, +,
    # - -> IRR not reported.
    driver = monthly_cost("1200", end_date="2027-07-01")
    case = make_case([driver], {"investment": "3000", "recurring_cost": "100"})
    solution = summarise(case).solution
    assert solution is not None
    assert list(solution.flows.net) == [ZERO] * 2 + [Decimal(1100)] * 4 + [Decimal(-100)] * 6
    assert solution.irr is None
    # Payback is still reported: 3,000 / 1,100 = 2.727... months, crossed in month 3.
    assert solution.payback_months is not None
    assert Decimal("2.72") < solution.payback_months < Decimal("2.73")


# --- payback ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("investment", "net", "whole", "needed", "of"),
    [
        # -100 -> -70 -> -40 -> -10 -> +20: crosses in month 4, needing 10 of its 30: 3 + 10/30
        ("100", ["30", "30", "30", "30"], 3, 10, 30),
        # nothing for two months, then 50 a month: -75 -> -75 -> -25 -> +25: 3 + 25/50 = 3.5
        ("75", ["0", "0", "50", "50"], 3, 25, 50),
        # reaches exactly zero at the end of month 2: 1 + 50/50 = 2
        ("100", ["50", "50"], 1, 50, 50),
        # no investment and never in the red: paid back from the start
        ("0", ["10"], 0, 0, 1),
        # no investment, but the early months lose money: 0 -> -20 -> -30 -> +10:
        # back at zero 30/40 into month 3: 2 + 30/40
        ("0", ["-20", "-10", "40"], 2, 30, 40),
        # back above zero, then in the red again, then for good: the last crossing counts:
        # -100 -> +20 (m1) -> -30 (m2) -> +20 (m3): 2 + 30/50
        ("100", ["120", "-50", "50"], 2, 30, 50),
    ],
)
def test_payback_is_interpolated_within_the_month(
    investment: str, net: list[str], whole: int, needed: int, of: int
) -> None:
    with localcontext(ENGINE_CONTEXT):
        expected = whole + Decimal(needed) / Decimal(of)
    assert payback(Decimal(investment), [Decimal(v) for v in net]) == expected


def test_payback_is_none_if_never_reached_within_the_horizon() -> None:
    assert payback(Decimal(100), [Decimal(30), Decimal(30)]) is None


def test_a_solution_that_only_costs_money_never_pays_back() -> None:
    # A subscription with no investment whose recurring cost exceeds its benefit: the
    # cumulative net is never positive, so there is no payback (not "0 months").
    assert payback(Decimal(0), [Decimal(-50), Decimal(-50)]) is None
    # A solution that never goes live within the horizon gains nothing: no payback either.
    assert payback(Decimal(0), [Decimal(0), Decimal(0)]) is None


def test_payback_through_the_engine() -> None:
    solution = summarise(make_case([monthly_cost("1200")], SOLUTION)).solution
    assert solution is not None
    # From the decision (d_P = 2): -3,000 -> (m5) -2,700 -> (m6) -2,000 -> (m7) -900 -> (m8)
    # +200; month 8 is the 6th month after the decision: 5 + 900 / 1,100 = 5.8181...
    with localcontext(ENGINE_CONTEXT):
        assert solution.payback_months == 5 + Decimal(900) / Decimal(1100)


# --- ROI ----------------------------------------------------------------------------------------


def test_roi_over_the_horizon() -> None:
    solution = summarise(make_case([monthly_cost("1200")], SOLUTION, rate="0.08")).solution
    assert solution is not None
    # At the plan: benefits 8,400; costs = 3,000 + 8 x 100 = 3,800;
    # (8,400 - 3,800) / 3,800 = 1.2105263157894736842... (undiscounted, whatever the rate)
    assert solution.benefits_over_horizon == Decimal(8400)
    assert solution.costs_over_horizon == Decimal(3800)
    assert solution.net_over_horizon == Decimal(4600)
    with localcontext(ENGINE_CONTEXT):
        assert solution.roi == Decimal(4600) / Decimal(3800)
    assert str(solution.roi).startswith("1.210526315789")


def test_roi_is_none_when_the_solution_costs_nothing() -> None:
    solution = summarise(make_case([monthly_cost("1200")], {"investment": "0"})).solution
    assert solution is not None
    assert solution.roi is None
    assert solution.payback_months == 0


# --- cost of delay ------------------------------------------------------------------------------


def test_cost_of_delay_table_at_zero_rate() -> None:
    solution = summarise(make_case([monthly_cost("1200")], SOLUTION)).solution
    assert solution is not None
    # The horizon stays months 1..12; deciding n months after the plan (d_P = 2) moves
    # go-live to n + 4:
    #   n = 0:  net 300 (m5), 700 (m6), 6 x 1,100  -> 7,600 - 3,000 = 4,600
    #   n = 1:  300 (m6), 700 (m7), 5 x 1,100      -> 6,500 - 3,000 = 3,500
    #   n = 3:  300 (m8), 700 (m9), 3 x 1,100      -> 4,300 - 3,000 = 1,300
    #   n = 6:  300 (m11), 700 (m12)               -> 1,000 - 3,000 = -2,000
    #   n = 12: go-live after the horizon          ->     0 - 3,000 = -3,000
    table = {row.months: (row.npv, row.cost_of_delay) for row in solution.delay}
    assert table == {
        0: (Decimal(4600), Decimal(0)),
        1: (Decimal(3500), Decimal(1100)),
        3: (Decimal(1300), Decimal(3300)),
        6: (Decimal(-2000), Decimal(6600)),
        12: (Decimal(-3000), Decimal(7600)),
    }
    # Decided on EDATE(deadline, n).
    assert [row.decide_on.isoformat() for row in solution.delay] == [
        "2027-03-01",
        "2027-04-01",
        "2027-06-01",
        "2027-09-01",
        "2028-03-01",
    ]
    assert solution.cost_of_delay_per_month == Decimal(1100)


def test_cost_of_delay_discounted_matches_independent_npvs() -> None:
    case = make_case([monthly_cost("1200")], SOLUTION, rate=RATE_1_PERCENT_A_MONTH)
    solution = summarise(case).solution
    assert solution is not None
    planned = independent_npv(Decimal(3000), 2, NET_PLAN, RATE_1_PERCENT_A_MONTH)
    for row in solution.delay:
        n = row.months
        # Decide n months after the plan: the same net pattern shifted n months, cut at the
        # horizon, and the investment paid (and discounted) at month 2 + n.
        net = ([ZERO] * n + NET_PLAN)[:12]
        later = independent_npv(Decimal(3000), 2 + n, net, RATE_1_PERCENT_A_MONTH)
        assert abs(row.npv - later) < TOLERANCE, n
        assert abs(row.cost_of_delay - (planned - later)) < TOLERANCE, n
        with localcontext(ENGINE_CONTEXT):
            assert row.cost_of_delay == solution.npv - row.npv


def test_a_one_time_cost_is_avoided_only_if_the_solution_is_live_before_it() -> None:
    # 9,000 due on Jun 15 2027 (month 6). As planned (d_P = 2): live after month 4, so month
    # 6's 9,000 is a benefit. Three months later: live after month 7, too late; it is paid.
    driver = make_driver("one_time", "Penalty", inputs={"amount": "9000", "date": "2027-06-15"})
    result = summarise(make_case([driver], {"investment": "1000", "lead_time_months": 2})).solution
    assert result is not None
    assert result.flows.benefits[5] == Decimal(9000)
    assert result.npv == Decimal(8000)  # r = 0: 9,000 - 1,000
    table = {row.months: row.npv for row in result.delay}
    assert table[1] == Decimal(8000)  # live after month 5: still in time
    assert table[3] == Decimal(-1000)  # too late: only the investment remains
    delays = {row.months: row.cost_of_delay for row in result.delay}
    assert delays[3] == Decimal(9000)
