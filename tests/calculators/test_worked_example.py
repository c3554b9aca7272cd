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
NET = (
    [Decimal(0)] * 2
    + [Decimal("714"), Decimal("2928")]
    + [Decimal("5142")] * 8
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
    # go-live after month 2; ramp 1/3, 2/3, then full; 1,500 a month from month 3:
    # month 3: 6,642 / 3 - 1,500 = 714.00; month 4: 6,642 x 2/3 - 1,500 = 2,928.00;
    # months 5-12: 5,142.00; 13-24: 5,423.10; 25-36: 5,717.625
    assert solution.flows.go_live == 2
    # benefit in month 3 = 6,642 / 3 = 2,214.00, month 4 = 6,642 x 2/3 = 4,428.00
    assert [cents(solution.flows.benefits[k]) for k in (2, 3)] == ["2214.00", "4428.00"]
    assert set(solution.flows.recurring[2:]) == {Decimal(1500)}
    assert list(solution.flows.net) == NET
    assert [cents(solution.flows.net[k]) for k in (2, 3, 4, 12, 24)] == [
        "714.00",
        "2928.00",
        "5142.00",
        "5423.10",
        "5717.63",
    ]


def test_step_4_npv(results: Results) -> None:
    solution = results.solution
    assert solution is not None
    factors = discount_factors(results.case.discount_rate, 36)
    # discount factors 1.08^(-k/12): month 3 0.980944, month 12 0.925926, month 36 0.793832
    assert [places(factors[k], 6) for k in (3, 12, 36)] == ["0.980944", "0.925926", "0.793832"]
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
        independent = total - Decimal(60000)
    assert [cents(v) for v in pv] == ["42511.98", "57810.54", "56435.36"]
    # The rounded parts add up to 156,757.88; the exact total rounds to 156,757.87.
    assert cents(sum((round_money(v, "EUR") for v in pv), Decimal(0))) == "156757.88"
    assert cents(total) == "156757.87"
    # NPV = 156,757.87 - 60,000.00 = 96,757.87, computed independently and by the engine
    assert abs(solution.npv - independent) < Decimal("1e-20")
    assert cents(solution.npv) == "96757.87"


def test_step_5_roi_payback_irr_and_delay(results: Results) -> None:
    solution = results.solution
    assert solution is not None
    # benefits 229,466.70; costs 60,000 + 34 x 1,500 = 111,000.00; net 118,466.70; ROI 106.7 %
    assert sum(1 for c in solution.flows.recurring if c) == 34
    assert cents(solution.benefits_over_horizon) == "229466.70"
    assert cents(solution.costs_over_horizon) == "111000.00"
    assert cents(solution.net_over_horizon) == "118466.70"
    assert solution.roi is not None
    assert places(solution.roi * 100, 1) == "106.7"
    # cumulative: -56,358.00 after month 4, -15,222.00 after month 12, -4,375.80 after
    # month 14; 14 + 4,375.80 / 5,423.10 = 14.81 months
    cumulative = [-solution.investment]
    for value in solution.flows.net:
        cumulative.append(cumulative[-1] + value)
    assert [cents(cumulative[k]) for k in (4, 12, 14)] == ["-56358.00", "-15222.00", "-4375.80"]
    assert solution.payback_months is not None
    assert places(solution.payback_months, 2) == "14.81"
    assert places(14 + Decimal("4375.80") / Decimal("5423.10"), 2) == "14.81"
    # IRR: monthly 6.2967 %, annualised 1.062967^12 - 1 = 108.1 % (1.063^12 - 1 = 108.2 %)
    assert solution.irr is not None
    with localcontext() as ctx:
        ctx.prec = 34
        monthly = (1 + solution.irr) ** (Decimal(1) / 12) - 1
        assert places(monthly * 100, 4) == "6.2967"
        assert places((Decimal("1.062967") ** 12 - 1) * 100, 1) == "108.1"
        assert places((Decimal("1.063") ** 12 - 1) * 100, 1) == "108.2"
    assert places(solution.irr * 100, 1) == "108.1"
    # deciding one month later: NPV 92,139.00, cost of delay 96,757.87 - 92,139.00 = 4,618.87
    one = next(row for row in solution.delay if row.months == 1)
    assert cents(one.npv) == "92139.00"
    assert cents(one.cost_of_delay) == "4618.87"


def test_the_json_summary_shows_the_same_figures(results: Results) -> None:
    data = summary_data(results)
    assert data["cost_to_deadline"] == "30298.67"
    assert data["cost_over_horizon"] == "327695.40"
    assert data["cost_per_day"] == "287.34"
    assert data["drivers"][0]["cost_to_deadline"] == "21632.00"
    assert data["drivers"][0]["cost_over_horizon"] == "236059.20"
    assert data["solution"]["npv"] == "96757.87"
    assert data["solution"]["payback_months"] == "14.81"


def test_section_15_display_rounding() -> None:
    # Half up to the currency's minor units, like ROUND(): 2.345 -> 2.35 (EUR: 2 decimals);
    # JPY has 0 decimals, KWD 3.
    assert round_money(Decimal("2.345"), "EUR") == Decimal("2.35")
    assert round_money(Decimal("2.5"), "JPY") == Decimal("3")
    assert round_money(Decimal("2.3455"), "KWD") == Decimal("2.346")
