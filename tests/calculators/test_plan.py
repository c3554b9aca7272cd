"""Issue 11, part A: the figures a buyer's CFO signs (docs/methodology.md, sections 20-27).

Every expected figure is worked out by hand in the comments (at r = 0 nothing is discounted,
so NPVs are plain sums). The examples and templates are checked for the relations that must
hold on every case: cash-only NPV <= all-benefit NPV, yearly rows summing to the monthly
flows, and a break-even that gives NPV 0 when re-run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest

from calculators.engine import project, summarise
from calculators.finance import (
    DELAYS,
    analyse_solution,
    discount_factors,
    flows_for,
    npv,
    plan_offset,
    yearly,
)
from calculators.model import Case, Solution, make_driver
from calculators.numbers import ENGINE_CONTEXT
from calculators.simulation import simulate
from calculators.storage import load
from calculators.summary import summary_data, summary_text
from tests.calculators.test_finance import NET_PLAN, SOLUTION, make_case, monthly_cost
from tests.conftest import EXAMPLES

ZERO = Decimal(0)
CENT = Decimal("0.005")
ROOT = Path(__file__).resolve().parents[2]
EVERY_CASE = sorted(EXAMPLES.glob("*.coi")) + sorted((ROOT / "resources/templates").glob("*.coi"))
WITH_SOLUTION = [p for p in EVERY_CASE if load(p).solution is not None]


# --- 1. the plan: d_P ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "deadline", "expected"),
    [
        ("2027-01-01", "2027-03-01", 2),  # on a month boundary: that boundary
        ("2027-01-01", "2027-03-15", 3),  # mid-month: the next boundary, 1 April
        ("2027-01-01", "2027-01-02", 1),  # the day after the start: month 1's end
        ("2027-01-01", "2027-01-01", 0),  # on the start date (only outside a case)
        ("2027-01-01", "2026-12-01", 0),  # before it: still 0
        ("2027-01-31", "2027-02-28", 1),  # EDATE(31 Jan, 1) = 28 Feb >= 28 Feb
        ("2027-01-31", "2027-03-01", 2),  # 28 Feb < 1 Mar <= EDATE(31 Jan, 2) = 31 Mar
    ],
)
def test_plan_offset(start: str, deadline: str, expected: int) -> None:
    assert plan_offset(dt.date.fromisoformat(start), dt.date.fromisoformat(deadline)) == expected


def _analyse(addressable: Sequence[Decimal], solution: dict[str, Any], plan: int) -> Any:
    model = Solution.model_validate(solution)
    return analyse_solution(
        model,
        lambda _go_live: tuple(addressable),
        ZERO,
        "expected",
        plan=plan,
        deadline=dt.date(2027, 1, 1),
        cash=lambda _go_live: tuple(addressable),
    )


def test_a_plan_at_offset_0_is_deciding_at_the_start() -> None:
    # A case needs deadline > start, so d_P >= 1 in a case; the finance functions take d_P = 0
    # directly. The example of test_finance at d = 0: go-live 2, net 0, 0, 300, 700, 1,100 x 8:
    # NPV = -3,000 + 9,800 = 6,800; no "decide at the start" line (it is the plan).
    result = _analyse([Decimal(1200)] * 12, SOLUTION, 0)
    assert result.decision_offset_months == 0
    assert result.npv == Decimal(6800)
    assert result.decide_at_start is None
    assert result.flows.go_live == 2
    # payback from time 0: -3,000 -> -2,700 (m3) -> -2,000 (m4) -> -900 (m5) -> +200 (m6)
    with localcontext(ENGINE_CONTEXT):
        assert result.payback_months == 5 + Decimal(900) / Decimal(1100)
    # d_P = 0 with no lead time and no ramp: the full benefit from month 1
    flows = flows_for([Decimal(100)] * 3, Decimal(50), ZERO, 0, 0, 0)
    assert flows.benefits == (100, 100, 100)
    assert npv(flows, discount_factors(ZERO, 3)) == Decimal(250)


def test_the_plan_is_the_headline_and_counts_payback_from_the_decision() -> None:
    # Deadline 1 March (a month boundary): d_P = 2; the figures of test_finance at the plan.
    solution = summarise(make_case([monthly_cost("1200")], SOLUTION)).solution
    assert solution is not None
    assert solution.decision_offset_months == 2
    assert list(solution.flows.net) == NET_PLAN
    assert solution.npv == Decimal(4600)
    # Deadline 15 March (mid-month): d_P = 3, go-live 5; net 300 (m6), 700 (m7), 1,100 x 5:
    # NPV = -3,000 + 6,500 = 3,500 (what deciding a month after 1 March gives).
    mid = summarise(make_case([monthly_cost("1200")], SOLUTION, deadline="2027-03-15")).solution
    assert mid is not None
    assert (mid.decision_offset_months, mid.npv) == (3, Decimal(3500))


# --- 2. decision timing relative to the plan --------------------------------------------------


def test_decide_at_start_gain_and_delay_rows() -> None:
    solution = summarise(make_case([monthly_cost("1200")], SOLUTION)).solution
    assert solution is not None
    # NPV(0) = 6,800 (above); gain = 6,800 - 4,600 = 2,200.
    assert solution.decide_at_start is not None
    assert solution.decide_at_start.npv == Decimal(6800)
    assert solution.decide_at_start.gain == Decimal(2200)
    assert [row.months for row in solution.delay] == list(DELAYS)
    assert solution.delay[0].cost_of_delay == 0 and solution.delay[0].npv == solution.npv
    assert solution.cost_of_delay_per_month == Decimal(1100)


# --- 3. run rates are recurring only ------------------------------------------------------------


def test_run_rates_leave_out_one_time_amounts_before_and_after_the_deadline() -> None:
    # 1,000 a month; one-time 12,000 on 10 Feb (before the 15 March deadline) and 6,000 on
    # 1 Aug (after it); a third, 9,000 on 1 Feb 2028, lies after the 12-month horizon.
    drivers = [
        monthly_cost("1000"),
        make_driver("one_time", "Fine", inputs={"amount": "12000", "date": "2027-02-10"}),
        make_driver("one_time", "Audit", inputs={"amount": "6000", "date": "2027-08-01"}),
        make_driver("one_time", "Later", inputs={"amount": "9000", "date": "2028-02-01"}),
    ]
    p = project(make_case(drivers, None, deadline="2027-03-15"))
    # run rates: 12 x 1,000 = 12,000 a year; 1,000 a month; 12,000 / 52 a week; / 365 a day
    assert p.cost_per_year == Decimal(12000)
    assert p.cost_per_month == Decimal(1000)
    with localcontext(ENGINE_CONTEXT):
        assert p.cost_per_week == Decimal(12000) / 52
        assert p.cost_per_day == Decimal(12000) / 365
    assert [p.driver_cost_per_month(d) for d in p.drivers] == [1000, 0, 0, 0]
    # listed apart, by date, inside the horizon only
    assert [(o.driver, o.date, o.amount) for o in p.one_time] == [
        ("Fine", dt.date(2027, 2, 10), Decimal(12000)),
        ("Audit", dt.date(2027, 8, 1), Decimal(6000)),
    ]
    # the windows still include them: to 15 March = 2 x 1,000 + 1,000 x 14/31 + 12,000
    with localcontext(ENGINE_CONTEXT):
        assert p.cost_to_deadline == 2000 + Decimal(14000) / 31 + 12000
    assert p.cost_over_horizon == 12000 + 12000 + 6000


# --- 4. avoidable cost ------------------------------------------------------------------------


def test_avoidable_cost_is_the_addressable_part() -> None:
    # 1,000 a month at 0.5 and a 12,000 one-time on 10 Feb at 0.25; deadline 1 March:
    # to the deadline 0.5 x 2,000 + 0.25 x 12,000 = 4,000; over 12 months
    # 0.5 x 12,000 + 0.25 x 12,000 = 9,000; per month (recurring) 0.5 x 1,000 = 500.
    drivers = [
        monthly_cost("1000", addressable="0.5"),
        make_driver(
            "one_time",
            "Fine",
            inputs={"amount": "12000", "date": "2027-02-10"},
            addressable="0.25",
        ),
    ]
    p = project(make_case(drivers, None))
    assert p.avoidable_to_deadline == Decimal(4000)
    assert p.avoidable_over_horizon == Decimal(9000)
    assert p.avoidable_per_month == Decimal(500)


# --- 7. the buyer's internal costs ------------------------------------------------------------


INTERNAL = {**SOLUTION, "internal_cost": "600", "internal_recurring_cost": "50"}


def test_internal_costs_enter_npv_roi_payback_and_flows() -> None:
    solution = summarise(make_case([monthly_cost("1200")], INTERNAL)).solution
    assert solution is not None
    assert (solution.internal_cost, solution.internal_recurring_cost) == (600, 50)
    # d_P = 2, go-live 4: recurring 100 + 50 in months 5..12 (8 x 150 = 1,200);
    # NPV = -3,000 - 600 + 8,400 - 1,200 = 3,600 (= 4,600 - 600 - 8 x 50)
    assert list(solution.flows.recurring) == [ZERO] * 4 + [Decimal(150)] * 8
    assert solution.npv == Decimal(3600)
    # ROI: costs 3,000 + 600 + 1,200 = 4,800; (8,400 - 4,800) / 4,800 = 0.75
    assert solution.costs_over_horizon == Decimal(4800)
    assert solution.roi == Decimal("0.75")
    # payback from the decision: -3,600 -> -3,350 (m5) -> -2,700 (m6) -> -1,650 (m7) ->
    # -600 (m8) -> +450 (m9, the 7th month after the decision): 6 + 600 / 1,050
    with localcontext(ENGINE_CONTEXT):
        assert solution.payback_months == 6 + Decimal(600) / Decimal(1050)
    # the IRR flows start with the whole outlay at time d_P
    assert solution.irr is not None
    # the yearly row shows the internal cost apart from the vendor's investment
    (year,) = solution.years
    assert (year.investment, year.internal_cost, year.recurring_cost) == (3000, 600, 1200)
    assert year.net == Decimal(3600)


def test_internal_costs_are_optional_in_files() -> None:
    case = make_case([monthly_cost("1200")], SOLUTION)
    assert case.solution is not None
    dumped = case.model_dump(mode="json", exclude_none=True)["solution"]
    assert "internal_cost" not in dumped and "internal_recurring_cost" not in dumped
    with_costs = make_case([monthly_cost("1200")], INTERNAL).model_dump(mode="json")
    assert with_costs["solution"]["internal_cost"] == "600"


# --- 8. savings classes -------------------------------------------------------------------------


def test_savings_classes_by_type_and_override() -> None:
    labor = make_driver(
        "labor", "Time", inputs={"people": "1", "hours_per_week": "10", "hourly_cost": "30"}
    )
    cost = monthly_cost("1000")
    overridden = monthly_cost("500", savings_class="risk")
    p = project(make_case([labor, cost, overridden], None, horizon=12))
    assert [d.savings_class for d in p.drivers] == ["capacity", "cash", "risk"]
    # labor: 10 x 30 x 52 / 12 = 1,300 a month
    classes = p.by_class()
    assert list(classes) == ["cash", "capacity", "risk"]
    assert classes["cash"].cost_over_horizon == Decimal(12000)
    assert classes["capacity"].cost_over_horizon == Decimal(15600)
    assert classes["risk"].avoidable_over_horizon == Decimal(6000)
    with pytest.raises(ValueError, match="savings_class"):
        monthly_cost("1", savings_class="bonus")


def test_cash_only_npv_counts_cash_benefits_only() -> None:
    # 1,200 a month of cash cost and 1,300 a month of labour (capacity); the test_finance
    # solution at d_P = 2. All benefits: (1,200 + 1,300) x (1/3 + 2/3 + 6) = 17,500 less
    # 800 recurring and 3,000: NPV 13,700. Cash only: 1,200 x 7 = 8,400 -> 4,600.
    labor = make_driver(
        "labor", "Time", inputs={"people": "1", "hours_per_week": "10", "hourly_cost": "30"}
    )
    solution = summarise(make_case([monthly_cost("1200"), labor], SOLUTION)).solution
    assert solution is not None and solution.cash_only is not None
    assert solution.npv == Decimal(13700)
    assert solution.cash_only.npv == Decimal(4600)
    with localcontext(ENGINE_CONTEXT):
        assert solution.cash_only.payback_months == 5 + Decimal(900) / Decimal(1100)


@pytest.mark.parametrize("path", WITH_SOLUTION, ids=lambda p: p.stem)
def test_cash_only_npv_never_exceeds_the_headline(path: Path) -> None:
    for scenario in ("conservative", "expected", "optimistic"):
        solution = summarise(load(path), scenario).solution
        assert solution is not None and solution.cash_only is not None
        assert solution.cash_only.npv <= solution.npv


# --- 10. yearly cash flows ----------------------------------------------------------------------


def test_years_by_hand_with_a_partial_last_year() -> None:
    # Horizon 30, d_P = 2, go-live 4: benefits 400 (m5), 800 (m6), 1,200 from m7; 100 a month
    # from m5. Year 1: 3,000 invested, benefits 8,400, recurring 800, net 4,600;
    # year 2: 14,400 - 1,200 = 13,200 (cumulative 17,800); year 3 (months 25-30):
    # 7,200 - 600 = 6,600 (cumulative 24,400). At r = 0 discounted = net.
    solution = summarise(make_case([monthly_cost("1200")], SOLUTION, horizon=30)).solution
    assert solution is not None
    rows = [
        (r.year, r.investment, r.benefits, r.recurring_cost, r.net, r.cumulative, r.discounted)
        for r in solution.years
    ]
    assert rows == [
        (1, 3000, 8400, 800, 4600, 4600, 4600),
        (2, 0, 14400, 1200, 13200, 17800, 13200),
        (3, 0, 7200, 600, 6600, 24400, 6600),
    ]


def test_an_outlay_after_the_horizon_gets_its_own_year() -> None:
    # Horizon 6, deadline 15 Dec 2027: d_P = 12, time 12 lies in year 2 (12 // 12 + 1).
    case = make_case([monthly_cost("1200")], SOLUTION, horizon=6, deadline="2027-12-15")
    solution = summarise(case).solution
    assert solution is not None
    assert solution.decision_offset_months == 12
    assert [(r.year, r.investment, r.benefits, r.net) for r in solution.years] == [
        (1, 0, 0, 0),
        (2, 3000, 0, -3000),
    ]
    assert solution.npv == Decimal(-3000)


@pytest.mark.parametrize("path", WITH_SOLUTION, ids=lambda p: p.stem)
def test_years_sum_to_the_monthly_flows(path: Path) -> None:
    case = load(path)
    solution = summarise(case).solution
    assert solution is not None
    flows = solution.flows

    def close(a: Decimal, b: Decimal) -> bool:  # equal up to the 34th digit's rounding
        return abs(a - b) < Decimal("1e-20")

    with localcontext(ENGINE_CONTEXT):
        assert close(sum((r.benefits for r in solution.years), ZERO), sum(flows.benefits, ZERO))
        assert close(
            sum((r.recurring_cost for r in solution.years), ZERO), sum(flows.recurring, ZERO)
        )
        assert sum((r.investment for r in solution.years), ZERO) == flows.investment
        assert sum((r.internal_cost for r in solution.years), ZERO) == flows.internal_cost
        total = sum(flows.net, ZERO) - flows.outlay
        assert close(sum((r.net for r in solution.years), ZERO), total)
        assert close(solution.years[-1].cumulative, total)
        assert close(total, solution.net_over_horizon)
        assert close(sum((r.discounted for r in solution.years), ZERO), solution.npv)
    again = yearly(flows, discount_factors(case.discount_rate, 300))
    assert again == solution.years


# --- 11. break-even -----------------------------------------------------------------------------


def test_break_even_by_hand() -> None:
    # r = 0: PV(costs) = 3,000 + 800 = 3,800, PV(benefits) = 8,400: share 3,800 / 8,400
    # = 45.238...%; investment at NPV 0 = 3,000 + 4,600 = 7,600.
    solution = summarise(make_case([monthly_cost("1200")], SOLUTION)).solution
    assert solution is not None and solution.break_even is not None
    with localcontext(ENGINE_CONTEXT):
        assert solution.break_even.benefit_share == Decimal(3800) / Decimal(8400)
    assert solution.break_even.investment == Decimal(7600)
    nothing = summarise(make_case([], SOLUTION)).solution
    assert nothing is not None and nothing.break_even is not None
    assert nothing.break_even.benefit_share is None


@pytest.mark.parametrize("path", WITH_SOLUTION, ids=lambda p: p.stem)
def test_break_even_gives_npv_zero_when_re_run(path: Path) -> None:
    case = load(path)
    assert case.solution is not None
    results = summarise(case)
    solution = results.solution
    assert solution is not None and solution.break_even is not None
    share = solution.break_even.benefit_share
    assert share is not None
    # at the break-even investment
    priced = case.model_copy(
        update={
            "solution": case.solution.model_copy(
                update={
                    "investment": case.solution.investment.model_copy(
                        update={"expected": solution.break_even.investment}
                    )
                }
            )
        }
    )
    re_run = summarise(priced).solution
    assert re_run is not None and abs(re_run.npv) < CENT
    # at the break-even share of every benefit
    projection = results.projection

    def scaled(go_live: int) -> tuple[Decimal, ...]:
        with localcontext(ENGINE_CONTEXT):
            return tuple(a * share for a in projection.addressable_for(go_live))

    shared = analyse_solution(
        case.solution,
        scaled,
        case.discount_rate,
        "expected",
        plan=solution.decision_offset_months,
        deadline=case.deadline,
    )
    assert abs(shared.npv) < CENT


# --- the simulation's NPV at the plan ---------------------------------------------------------


def test_the_simulation_npv_is_the_plans() -> None:
    # No ranged input: every sample is the point figure, here at the plan with internal costs.
    case = make_case([monthly_cost("1200")], INTERNAL, rate="0.08")
    engine = summarise(case).solution
    assert engine is not None
    sim = simulate(case, samples=50, seed=1)
    assert sim.npv is not None
    assert abs(sim.npv.p50 - engine.npv) < Decimal("0.01")


# --- the JSON contract and the text ---------------------------------------------------------


def _case_with_one_time() -> Case:
    drivers = [
        monthly_cost("1000"),
        make_driver("one_time", "Fine", inputs={"amount": "12000", "date": "2027-02-10"}),
    ]
    return make_case(drivers, INTERNAL, deadline="2027-03-15")


def test_summary_json_has_the_plan_keys() -> None:
    data = summary_data(summarise(_case_with_one_time()), include_analysis=False)
    assert data["cost_per_month"] == "1000.00"
    assert data["one_time"] == [{"driver": "Fine", "date": "2027-02-10", "amount": "12000.00"}]
    assert set(data["avoidable"]) == {"cost_to_deadline", "cost_over_horizon", "cost_per_month"}
    assert list(data["by_class"]) == ["cash"]
    solution = data["solution"]
    assert solution["decision_offset_months"] == 3
    assert [row["decide_on"] for row in solution["delay"]] == [
        "2027-03-15",
        "2027-04-15",
        "2027-06-15",
        "2027-09-15",
        "2028-03-15",
    ]
    assert set(solution["decide_at_start"]) == {"npv", "gain"}
    assert set(solution["cash_only"]) == {"npv", "payback_months"}
    assert set(solution["break_even"]) == {"benefit_share", "investment"}
    assert set(solution["years"][0]) == {
        "year",
        "investment",
        "internal_cost",
        "benefits",
        "recurring_cost",
        "net",
        "cumulative",
        "discounted",
    }


def test_summary_text_shows_the_plan() -> None:
    text = summary_text(summarise(_case_with_one_time()), include_analysis=False)
    assert "Per month (recurring)" in text
    assert "One-time amounts (not in the run rates)" in text and "Fine" in text
    assert "Avoidable over 12 months" in text
    assert "Deciding as planned, on Mar 15, 2027:" in text
    assert "Net present value, cash benefits only" in text
    assert "Deciding at the start date (Jan 1, 2027) instead" in text
    assert "Pays off as long as the solution delivers at least" in text
    assert "as planned, on Mar 15, 2027" in text and "1 month later, on Apr 15, 2027" in text
    assert "Cash flows by year (deciding as planned)" in text


# --- what a reader sees: the PDF and the CLI --------------------------------------------------


def test_the_pdf_says_the_figures_are_those_of_the_plan() -> None:
    from tests.calculators.report.helpers import NORTHWIND, case_with, flat, render_pdf, text_of

    case = case_with(NORTHWIND, solution={"internal_cost": "25000"})
    words = text_of(render_pdf(case))
    text = flat(words)
    # Northwind: decision date 30 September 2027 (en_US dates).
    assert flat("The figures are those of deciding as planned, on September 30, 2027;") in text
    assert flat("Buyer's internal one-time cost") in text and "$25,000.00" in text
    assert flat("As planned") in text and flat("1 month later") in text
    assert flat("deciding as planned, on September 30, 2027, or later.") in text
    assert "Now" not in words.split()  # the old label of the plan's row


def test_cli_names_a_bad_savings_class_or_internal_cost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from calculators.cli import main

    data = json.loads((EXAMPLES / "acme-order-automation.coi").read_text(encoding="utf-8"))
    data["drivers"][0]["savings_class"] = "bonus"
    data["solution"]["internal_cost"] = "-5"
    file = tmp_path / "case.coi"
    file.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(file)]) == 2
    err = capsys.readouterr().err
    assert f"coi: {file}: drivers[0].savings_class: must be one of cash, capacity, revenue, " in err
    assert f"coi: {file}: solution.internal_cost: must be >= 0" in err


def test_cli_summary_json_carries_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    from calculators.cli import main

    acme = EXAMPLES / "acme-order-automation.coi"
    assert main(["summary", "--json", str(acme)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["solution"]["npv"] == "78458.79"
    assert data["solution"]["delay"][1]["decide_on"] == "2027-05-15"
    assert [row["year"] for row in data["solution"]["years"]] == [1, 2, 3]
