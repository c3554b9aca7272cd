"""The worked example of docs/methodology.md (Acme, resources/examples/acme-order-automation.coi).

Every number the document shows is asserted here, rounded the way the document shows it
(money to cents with ROUND_HALF_UP, like a spreadsheet's ROUND). If the engine or the example
file changes, this test fails and the document must be updated with it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest

from calculators.engine import Results, summarise
from calculators.finance import discount_factors
from calculators.formatting import round_money
from calculators.storage import load
from calculators.summary import summary_data
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def results() -> Results:
    return summarise(load(EXAMPLES / "acme-order-automation.coi"))


def cents(value: Decimal) -> str:
    """Money as the document shows it: rounded half up to the cent, plain notation."""
    return format(round_money(value, "EUR"), "f")


def places(value: Decimal, digits: int) -> str:
    with localcontext() as ctx:
        ctx.prec = 50
        return format(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP), "f")


def test_acme_labor_driver_to_deadline(results: Results) -> None:
    labor = results.projection.drivers[0]
    # 6 x 5 x 48 EUR x 52 / 12 = 6,240 EUR a month; Jan-Mar in full plus 14 of
    # April's 30 days before the 15 April deadline: 3 x 6,240 + 6,240 x 14 / 30.
    assert labor.monthly[0] == Decimal("6240")
    assert labor.cost_to(results.case.deadline) == Decimal("21632")


def test_step_1_labor_month_1(results: Results) -> None:
    labor = results.projection.drivers[0]
    # 6 x 5 x 48 x 52 = 74,880 a year; / 12 = 6,240.00 a month
    assert labor.monthly[0] * 12 == Decimal(6) * 5 * 48 * 52 == Decimal("74880")
    assert cents(labor.monthly[0]) == "6240.00"


def test_step_2_cost_to_the_deadline(results: Results) -> None:
    p = results.projection
    labor, third_party, risk = p.drivers
    # Month 4 is [1 Apr 2027, 1 May 2027): 30 days; the deadline 15 Apr leaves 14 of them.
    april = p.months[3]
    assert (april.start, april.end, april.days) == (dt.date(2027, 4, 1), dt.date(2027, 5, 1), 30)
    assert (results.case.deadline - april.start).days == 14
    deadline = results.case.deadline
    # labor: 3 x 6,240 = 18,720.00; 6,240 x 14 / 30 = 2,912.00; total 21,632.00
    assert cents(3 * labor.monthly[0]) == "18720.00"
    assert cents(labor.monthly[3] * 14 / 30) == "2912.00"
    assert cents(labor.cost_to(deadline)) == "21632.00"
    # 3PL corrections: 4,500 / 3 = 1,500.00 a month; 4,500.00 + 700.00 = 5,200.00
    assert cents(third_party.monthly[0]) == "1500.00"
    assert cents(3 * third_party.monthly[0]) == "4500.00"
    assert cents(third_party.monthly[3] * 14 / 30) == "700.00"
    assert cents(third_party.cost_to(deadline)) == "5200.00"
    # chargeback risk: 0.15 x 80,000 / 12 = 1,000.00 a month; 3,000.00 + 466.67 = 3,466.67
    assert cents(risk.monthly[0]) == "1000.00"
    assert cents(3 * risk.monthly[0]) == "3000.00"
    assert cents(risk.monthly[3] * 14 / 30) == "466.67"
    assert cents(risk.cost_to(deadline)) == "3466.67"
    # the case: 30,298.67
    assert cents(p.cost_to_deadline) == "30298.67"


def test_step_3_cost_over_the_horizon(results: Results) -> None:
    p = results.projection
    labor, third_party, risk = p.drivers
    # labor per month: 6,240.00 (year 1), x 1.05 = 6,552.00 (year 2), x 1.05^2 = 6,879.60
    assert [cents(labor.monthly[k]) for k in (0, 12, 24)] == ["6240.00", "6552.00", "6879.60"]
    # per year: 74,880.00 + 78,624.00 + 82,555.20 = 236,059.20
    years = [sum(labor.monthly[12 * y : 12 * y + 12], Decimal(0)) for y in range(3)]
    assert [cents(v) for v in years] == ["74880.00", "78624.00", "82555.20"]
    assert cents(p.driver_cost_over_horizon(labor)) == "236059.20"
    # 3PL: 1,500.00 / 1,545.00 / 1,591.35 a month -> 55,636.20; risk: 36 x 1,000 = 36,000.00
    assert [cents(third_party.monthly[k]) for k in (0, 12, 24)] == [
        "1500.00",
        "1545.00",
        "1591.35",
    ]
    assert cents(p.driver_cost_over_horizon(third_party)) == "55636.20"
    assert cents(p.driver_cost_over_horizon(risk)) == "36000.00"
    assert cents(p.cost_over_horizon) == "327695.40"


def test_run_rates(results: Results) -> None:
    p = results.projection
    # months 1..12 = 12 x 8,740 = 104,880.00; / 12 = 8,740.00; / 52 = 2,016.92; / 365 = 287.34
    assert cents(p.monthly[0]) == "8740.00"
    assert cents(p.cost_per_year) == "104880.00"
    assert cents(p.cost_per_month) == "8740.00"
    assert cents(p.cost_per_week) == "2016.92"
    assert cents(p.cost_per_day) == "287.34"


# Net flows of "decide now", as the document's table shows them.
# Deciding as planned: the deadline 15 April 2027 lies inside month 4, so d_P = 4 (the first
# month boundary on or after it, 1 May 2027); go-live after month 6.
NET = (
    [Decimal(0)] * 6
    + [Decimal("714"), Decimal("2928")]
    + [Decimal("5142")] * 4
    + [Decimal("5423.1")] * 12
    + [Decimal("5717.625")] * 12
)


def test_step_4_solution_flows(results: Results) -> None:
    p = results.projection
    solution = results.solution
    assert solution is not None
    # What the solution removes at full effect, per month:
    # year 1: 0.8 x 6,240 + 0.7 x 1,500 + 0.6 x 1,000 = 4,992 + 1,050 + 600 = 6,642.00
    # year 2: 0.8 x 6,552 + 0.7 x 1,545 + 600 = 5,241.60 + 1,081.50 + 600 = 6,923.10
    # year 3: 0.8 x 6,879.60 + 0.7 x 1,591.35 + 600 = 5,503.68 + 1,113.945 + 600 = 7,217.625
    parts = [[d.addressable * d.monthly[k] for d in p.drivers] for k in (0, 12, 24)]
    assert [[cents(v) for v in row] for row in parts] == [
        ["4992.00", "1050.00", "600.00"],
        ["5241.60", "1081.50", "600.00"],
        ["5503.68", "1113.95", "600.00"],  # 1,113.945 shown exactly in the document
    ]
    assert parts[2][1] == Decimal("1113.945")
    assert p.addressable_monthly[0] == Decimal("6642")
    assert p.addressable_monthly[12] == Decimal("6923.1")
    assert p.addressable_monthly[24] == Decimal("7217.625")
    # d_P = 4, go-live after month 6; ramp 1/3, 2/3, then full; 1,500 a month from month 7:
    # month 7: 6,642 / 3 - 1,500 = 714.00; month 8: 6,642 x 2/3 - 1,500 = 2,928.00;
    # months 9-12: 5,142.00; 13-24: 5,423.10; 25-36: 5,717.625
    assert (solution.decision_offset_months, solution.flows.go_live) == (4, 6)
    assert [cents(solution.flows.benefits[k]) for k in (6, 7)] == ["2214.00", "4428.00"]
    assert set(solution.flows.recurring[6:]) == {Decimal(1500)}
    assert set(solution.flows.recurring[:6]) == {Decimal(0)}
    assert list(solution.flows.net) == NET


def test_step_4_npv(results: Results) -> None:
    solution = results.solution
    assert solution is not None
    factors = discount_factors(results.case.discount_rate, 36)
    # discount factors 1.08^(-k/12): month 4 0.974673, month 12 0.925926, month 36 0.793832
    assert [places(factors[k], 6) for k in (4, 12, 36)] == ["0.974673", "0.925926", "0.793832"]
    # present value of each year's net flows
    with localcontext() as ctx:
        ctx.prec = 50
        pv = [
            sum(
                (NET[k - 1] * Decimal("1.08") ** (Decimal(-k) / 12) for k in range(a, a + 12)),
                Decimal(0),
            )
            for a in (1, 13, 25)
        ]
        total = sum(pv, Decimal(0))
        investment = Decimal(60000) * Decimal("1.08") ** (Decimal(-4) / 12)
        independent = total - investment
    assert [cents(v) for v in pv] == ["22693.25", "57810.54", "56435.36"]
    assert cents(total) == "136939.14"
    # The investment is paid at the decision, time 4: 60,000 x 0.974673 = 58,480.35
    assert cents(investment) == "58480.35"
    # NPV = 136,939.14 - 58,480.35 = 78,458.79, computed independently and by the engine
    assert abs(solution.npv - independent) < Decimal("1e-20")
    assert cents(solution.npv) == "78458.79"


def test_step_5_roi_payback_irr_and_delay(results: Results) -> None:
    solution = results.solution
    assert solution is not None
    # benefits 202,898.70; costs 60,000 + 30 x 1,500 = 105,000.00; net 97,898.70; ROI 93.2 %
    assert sum(1 for c in solution.flows.recurring if c) == 30
    assert cents(solution.benefits_over_horizon) == "202898.70"
    assert cents(solution.costs_over_horizon) == "105000.00"
    assert cents(solution.net_over_horizon) == "97898.70"
    assert solution.roi is not None
    assert places(solution.roi * 100, 1) == "93.2"
    # cumulative from the decision: -56,358.00 after month 8, -35,790.00 after month 12,
    # -3,251.40 after month 18 (14 months after the decision); month 19 brings 5,423.10:
    # 14 + 3,251.40 / 5,423.10 = 14.60 months
    cumulative = {4: -solution.investment}
    for k in range(5, 37):
        cumulative[k] = cumulative[k - 1] + solution.flows.net[k - 1]
    assert [cents(cumulative[k]) for k in (8, 12, 18)] == ["-56358.00", "-35790.00", "-3251.40"]
    assert solution.payback_months is not None
    assert places(solution.payback_months, 2) == "14.60"
    assert places(14 + Decimal("3251.40") / Decimal("5423.10"), 2) == "14.60"
    # IRR of the flows from the decision on: monthly 6.0610 %, 1.060610^12 - 1 = 102.6 %
    assert solution.irr is not None
    with localcontext() as ctx:
        ctx.prec = 34
        monthly = (1 + solution.irr) ** (Decimal(1) / 12) - 1
        assert places(monthly * 100, 4) == "6.0610"
        assert places((Decimal("1.060610") ** 12 - 1) * 100, 1) == "102.6"
    assert places(solution.irr * 100, 1) == "102.6"
    # one month after the plan: NPV 73,956.90, cost of delay 78,458.79 - 73,956.90 = 4,501.89
    one = next(row for row in solution.delay if row.months == 1)
    assert one.decide_on == dt.date(2027, 5, 15)
    assert cents(one.npv) == "73956.90"
    assert cents(one.cost_of_delay) == "4501.89"
    # deciding at the start date instead: NPV 96,757.87, 18,299.08 more than the plan
    assert solution.decide_at_start is not None
    assert cents(solution.decide_at_start.npv) == "96757.87"
    assert cents(solution.decide_at_start.gain) == "18299.08"


def test_step_6_avoidable_classes_cash_only_years_break_even(results: Results) -> None:
    p = results.projection
    solution = results.solution
    assert solution is not None
    # avoidable: 0.8 x 21,632 + 0.7 x 5,200 + 0.6 x 3,466.67 = 17,305.60 + 3,640 + 2,080
    assert cents(p.avoidable_to_deadline) == "23025.60"
    # 0.8 x 236,059.20 + 0.7 x 55,636.20 + 0.6 x 36,000 = 188,847.36 + 38,945.34 + 21,600
    assert cents(p.avoidable_over_horizon) == "249392.70"
    assert cents(p.avoidable_per_month) == "6642.00"
    classes = p.by_class()
    assert list(classes) == ["cash", "capacity", "risk"]
    assert [cents(v) for v in classes["cash"]] == ["5200.00", "55636.20", "38945.34"]
    assert [cents(v) for v in classes["capacity"]] == ["21632.00", "236059.20", "188847.36"]
    assert [cents(v) for v in classes["risk"]] == ["3466.67", "36000.00", "21600.00"]
    # cash only: the 3PL corrections (1,050 a month at full effect) do not cover 1,500 a month
    assert solution.cash_only is not None
    assert cents(solution.cash_only.npv) == "-70294.44"
    assert solution.cash_only.payback_months is None
    # years: the investment in year 1 (d_P = 4)
    rows = [
        (r.year, cents(r.investment), cents(r.benefits), cents(r.recurring_cost), cents(r.net))
        for r in solution.years
    ]
    assert rows == [
        (1, "60000.00", "33210.00", "9000.00", "-35790.00"),
        (2, "0.00", "83077.20", "18000.00", "65077.20"),
        (3, "0.00", "86611.50", "18000.00", "68611.50"),
    ]
    assert [cents(r.cumulative) for r in solution.years] == ["-35790.00", "29287.20", "97898.70"]
    assert [cents(r.discounted) for r in solution.years] == [
        "-35787.11",
        "57810.54",
        "56435.36",
    ]
    # break-even: PV(costs) / PV(benefits) = 55.47 %; investment 60,000 + 78,458.79 / 0.974673
    assert solution.break_even is not None and solution.break_even.benefit_share is not None
    assert places(solution.break_even.benefit_share * 100, 2) == "55.47"
    assert cents(solution.break_even.investment) == "140497.59"


def test_the_json_summary_shows_the_same_figures(results: Results) -> None:
    data = summary_data(results)
    assert data["cost_to_deadline"] == "30298.67"
    assert data["cost_over_horizon"] == "327695.40"
    assert data["cost_per_day"] == "287.34"
    assert data["drivers"][0]["cost_to_deadline"] == "21632.00"
    assert data["drivers"][0]["cost_over_horizon"] == "236059.20"
    assert data["solution"]["npv"] == "78458.79"
    assert data["solution"]["payback_months"] == "14.60"
    assert data["solution"]["decision_offset_months"] == 4
    assert data["solution"]["decide_at_start"] == {"npv": "96757.87", "gain": "18299.08"}
    assert data["solution"]["cash_only"] == {"npv": "-70294.44", "payback_months": None}
    assert data["solution"]["break_even"] == {
        "benefit_share": "0.554726",
        "investment": "140497.59",
    }
    assert data["avoidable"] == {
        "cost_to_deadline": "23025.60",
        "cost_over_horizon": "249392.70",
        "cost_per_month": "6642.00",
    }
    assert data["one_time"] == []
    assert data["by_class"]["capacity"]["avoidable_over_horizon"] == "188847.36"


def test_section_15_display_rounding() -> None:
    # Half up to the currency's minor units, like ROUND(): 2.345 -> 2.35 (EUR: 2 decimals);
    # JPY has 0 decimals, KWD 3.
    assert round_money(Decimal("2.345"), "EUR") == Decimal("2.35")
    assert round_money(Decimal("2.5"), "JPY") == Decimal("3")
    assert round_money(Decimal("2.3455"), "KWD") == Decimal("2.346")
