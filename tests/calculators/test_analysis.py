"""Scenarios, sensitivity and their place in ``coi summary`` (JSON and text)."""

from __future__ import annotations

import json
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.analysis import scenarios, sensitivity
from calculators.cli import main
from calculators.engine import summarise
from calculators.inputs import InputRef
from calculators.model import Case
from calculators.numbers import ENGINE_CONTEXT
from calculators.storage import load
from tests.calculators.test_simulation import every_type_case
from tests.conftest import EXAMPLES

ACME = EXAMPLES / "acme-order-automation.coi"
NORTHWIND = EXAMPLES / "northwind-legacy-erp.coi"

# 6 people x 5 h x 48 x 52 / 12 = 6,240 a month. Start 1 Jan, deadline 15 April: three whole
# months plus 14 of April's 30 days.


def to_deadline(per_month: Decimal) -> Decimal:
    with localcontext(ENGINE_CONTEXT):
        return per_month * 3 + per_month * 14 / 30


def labor_case(
    people: Any = "6",
    hours: Any = "5",
    cost: Any = "48",
    *,
    solution: dict[str, Any] | None = None,
    extra: list[dict[str, Any]] | None = None,
) -> Case:
    data: dict[str, Any] = {
        "buyer": {"company": "Hand Computed GmbH"},
        "locale": "en_US",
        "currency": "EUR",
        "start_date": "2027-01-01",
        "deadline": "2027-04-15",
        "horizon_months": 12,
        "discount_rate": "0",
        "drivers": [
            {
                "type": "labor",
                "name": "Re-keying",
                "inputs": {"people": people, "hours_per_week": hours, "hourly_cost": cost},
            },
            *(extra or []),
        ],
    }
    if solution is not None:
        data["solution"] = solution
    return Case.model_validate(data)


def monthly(people: int, hours: int = 5, cost: int = 48) -> Decimal:
    return Decimal(people * hours * cost * 52) / 12


# --- scenarios --------------------------------------------------------------------------------


def test_scenarios_take_every_input_low_expected_high() -> None:
    case = labor_case(
        {"expected": "6", "low": "5", "high": "7"}, {"expected": "5", "low": "4", "high": "6"}
    )
    figures = scenarios(case)
    assert list(figures) == ["conservative", "expected", "optimistic"]
    # conservative: 5 people x 4 h; optimistic: 7 people x 6 h; hourly cost has no range.
    assert figures["conservative"].cost_over_horizon == monthly(5, 4) * 12
    assert figures["expected"].cost_over_horizon == monthly(6, 5) * 12 == Decimal("74880")
    assert figures["optimistic"].cost_over_horizon == monthly(7, 6) * 12
    assert figures["conservative"].cost_to_deadline == to_deadline(monthly(5, 4))
    assert figures["expected"].cost_to_deadline == Decimal("21632")
    assert all(f.npv is None for f in figures.values())


def test_the_conservative_scenario_pays_the_high_price_of_the_solution() -> None:
    # Convention 6: the solution's investment and recurring cost weaken the case at their
    # high end, so the conservative scenario pays the *high* investment and recurring cost,
    # the optimistic one the low. The benefits are equal (no driver input has a range).
    solution = {
        "investment": {"expected": "10000", "low": "8000", "high": "15000"},
        "recurring_cost": {"expected": "100", "low": "50", "high": "300"},
    }
    figures = scenarios(labor_case(solution=solution))
    assert figures["conservative"].cost_over_horizon == figures["optimistic"].cost_over_horizon
    npvs = {name: f.npv for name, f in figures.items()}
    # rate 0, no lead time, decided as planned (deadline 15 April: d_P = 4): benefits and the
    # recurring cost in months 5..12 of the 12-month horizon.
    assert npvs["expected"] == monthly(6) * 8 - 10000 - 8 * 100
    assert npvs["conservative"] == npvs["expected"] - 5000 - 8 * 200
    assert npvs["optimistic"] == npvs["expected"] + 2000 + 8 * 50


@pytest.mark.parametrize("path", [ACME, NORTHWIND], ids=lambda p: p.stem)
def test_scenarios_agree_with_the_engine(path: Path) -> None:
    case = load(path)
    for name, figures in scenarios(case).items():
        results = summarise(case, name)
        assert figures.cost_to_deadline == results.projection.cost_to_deadline
        assert figures.cost_over_horizon == results.projection.cost_over_horizon
        assert results.solution is not None
        assert figures.npv == results.solution.npv


# --- sensitivity ------------------------------------------------------------------------------


def test_sensitivity_ranks_each_input_alone_at_low_and_high() -> None:
    case = labor_case(
        {"expected": "6", "low": "5", "high": "7"},  # +-1 person: swing 2 x 1,040 a month
        {"expected": "5", "low": "2", "high": "6"},  # -3 / +1 hours: swing 4 x 1,248 a month
        "48",
    )
    rows = sensitivity(case)
    assert [(r.input, r.driver, r.ref) for r in rows] == [
        ("hours_per_week", "Re-keying", InputRef(0, "hours_per_week")),
        ("people", "Re-keying", InputRef(0, "people")),
    ]
    hours, people = rows
    assert hours.label == "Hours per person per week"
    assert (hours.low_value, hours.high_value) == (Decimal(2), Decimal(6))
    assert hours.horizon_low == monthly(6, 2) * 12
    assert hours.horizon_high == monthly(6, 6) * 12
    assert hours.deadline_low == to_deadline(monthly(6, 2)) == Decimal("8652.8")
    assert hours.swing == abs(hours.deadline_high - hours.deadline_low)
    assert hours.swing == to_deadline(monthly(6, 4)) == Decimal("17305.6")
    assert people.horizon_swing == monthly(2) * 12
    assert hours.npv_low is None and hours.npv_high is None


def test_zero_width_and_missing_ranges_give_no_row() -> None:
    case = labor_case(
        {"expected": "6", "low": "6", "high": "6", "source": "HR"},
        "5",
        {"expected": "48", "low": "40", "high": "48"},
        extra=[
            {
                "type": "recurring_cost",
                "name": "Switched off",
                "enabled": False,
                "inputs": {"amount": {"expected": "100", "low": "50", "high": "900"}},
            }
        ],
    )
    rows = sensitivity(case)
    assert [(r.driver, r.input) for r in rows] == [("Re-keying", "hourly_cost")]


def test_solution_inputs_swing_only_the_npv() -> None:
    case = labor_case(
        {"expected": "6", "low": "5", "high": "7"},
        solution={
            "name": "Autopilot",
            "investment": {"expected": "10000", "low": "8000", "high": "15000"},
            "recurring_cost": {"expected": "500", "low": "500", "high": "500"},
        },
    )
    rows = sensitivity(case)
    assert [r.ref for r in rows] == [
        InputRef(0, "people"),
        InputRef.solution("investment"),
    ]
    investment = rows[1]
    assert investment.driver == "Autopilot"
    assert investment.swing == 0 and investment.horizon_swing == 0
    expected = summarise(case)
    assert expected.solution is not None
    # rate 0: NPV = benefits - investment - recurring; only the investment moves.
    assert investment.npv_low == expected.solution.npv + 2000
    assert investment.npv_high == expected.solution.npv - 5000
    assert investment.npv_swing == 7000
    people = rows[0]
    assert people.npv_high is not None and people.npv_low is not None
    # Decided as planned (d_P = 4): 8 months of benefit.
    assert people.npv_high - people.npv_low == monthly(2) * 8


@pytest.mark.parametrize(
    "make", [lambda: load(NORTHWIND), every_type_case], ids=["northwind", "all-types"]
)
def test_every_row_equals_a_full_engine_run_with_that_override(make: Any) -> None:
    # sensitivity() re-projects only the overridden driver; the figures must be identical
    # to summarise() with the override, NPV included.
    case = make()
    rows = sensitivity(case)
    assert len(rows) >= 9
    for row in rows:
        for value, deadline, horizon, npv in (
            (row.low_value, row.deadline_low, row.horizon_low, row.npv_low),
            (row.high_value, row.deadline_high, row.horizon_high, row.npv_high),
        ):
            exact = summarise(case, "expected", {row.ref: value})
            assert exact.solution is not None
            assert deadline == exact.projection.cost_to_deadline
            assert horizon == exact.projection.cost_over_horizon
            assert npv == exact.solution.npv


def test_ties_keep_case_order_and_break_on_the_horizon_swing() -> None:
    # Two identical drivers: identical swings keep case order. The growth rate does not move
    # the first year at all, so it ranks last by both swings.
    twin = {
        "type": "labor",
        "name": "Twin",
        "inputs": {
            "people": {"expected": "6", "low": "5", "high": "7"},
            "hours_per_week": "5",
            "hourly_cost": "48",
        },
    }
    case = labor_case(
        "6",
        "5",
        "48",
        extra=[
            twin,
            {**twin, "name": "Twin 2"},
            {
                "type": "labor",
                "name": "Growing",
                "inputs": {
                    "people": "1",
                    "hours_per_week": "1",
                    "hourly_cost": "50",
                    "annual_growth": {"expected": "0.1", "low": "0", "high": "0.2"},
                },
            },
        ],
    )
    case = case.model_copy(update={"horizon_months": 24})
    rows = sensitivity(case)
    assert [r.driver for r in rows] == ["Twin", "Twin 2", "Growing"]
    assert rows[2].swing == 0 and rows[2].horizon_swing > 0


@st.composite
def ranged_value(draw: st.DrawFn, top: int, places: int = 0) -> dict[str, str]:
    scale = Decimal(10) ** -places
    low, expected, high = sorted(Decimal(draw(st.integers(0, top))) * scale for _ in range(3))
    return {"expected": str(expected), "low": str(low), "high": str(high)}


@st.composite
def raising_cases(draw: st.DrawFn) -> Case:
    """Cases whose every input raises the cost: labor and recurring costs with ranges."""
    drivers: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            inputs = {
                "people": draw(ranged_value(40)),
                "hours_per_week": draw(ranged_value(40)),
                "hourly_cost": draw(ranged_value(150)),
                "annual_growth": draw(ranged_value(30, 2)),
            }
            drivers.append({"type": "labor", "name": f"L{i}", "inputs": inputs})
        else:
            inputs = {
                "amount": draw(ranged_value(50_000)),
                "period": draw(st.sampled_from(["month", "quarter", "year"])),
                "annual_escalation": draw(ranged_value(20, 2)),
            }
            drivers.append({"type": "recurring_cost", "name": f"R{i}", "inputs": inputs})
    return Case.model_validate(
        {
            "buyer": {"company": "Prop"},
            "start_date": "2027-01-31",
            "deadline": draw(st.sampled_from(["2027-02-10", "2027-09-30", "2029-03-01"])),
            "horizon_months": draw(st.integers(1, 60)),
            "drivers": drivers,
        }
    )


@settings(max_examples=30, deadline=None)
@given(case=raising_cases())
def test_conservative_expected_optimistic_are_ordered_when_inputs_raise_cost(case: Case) -> None:
    f = scenarios(case)
    low, mid, high = f["conservative"], f["expected"], f["optimistic"]
    assert low.cost_to_deadline <= mid.cost_to_deadline <= high.cost_to_deadline
    assert low.cost_over_horizon <= mid.cost_over_horizon <= high.cost_over_horizon


@settings(max_examples=30, deadline=None)
@given(
    value=st.integers(0, 168),
    source=st.sampled_from([None, "Payroll"]),
    confidence=st.sampled_from([None, "low", "high"]),
)
def test_a_zero_width_range_gives_no_swing(
    value: int, source: str | None, confidence: str | None
) -> None:
    estimate: dict[str, Any] = {"expected": str(value), "low": str(value), "high": str(value)}
    if source:
        estimate["source"] = source
    if confidence:
        estimate["confidence"] = confidence
    assert sensitivity(labor_case(estimate, estimate, estimate)) == []
    # beside a real range, the zero-width inputs still give no row (and with zero people
    # or a zero cost the hours' range moves nothing either, so it has no row then)
    hours = {"expected": "5", "low": "4", "high": "6"}
    assert [r.input for r in sensitivity(labor_case(estimate, hours, estimate))] == (
        ["hours_per_week"] if value else []
    )


# --- coi summary ------------------------------------------------------------------------------


def run_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    assert main(["summary", str(path), "--json", *extra]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_summary_json_keeps_its_keys_and_adds_the_analysis(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = run_json(ACME, capsys)
    for key in ("currency", "cost_to_deadline", "cost_over_horizon", "drivers", "solution"):
        assert key in data
    assert data["cost_to_deadline"] == "30298.67"
    scen = data["scenarios"]
    assert list(scen) == ["conservative", "expected", "optimistic"]
    assert scen["expected"] == {
        "cost_to_deadline": "30298.67",
        "cost_over_horizon": data["cost_over_horizon"],
        "npv": data["solution"]["npv"],
    }
    assert Decimal(scen["conservative"]["cost_to_deadline"]) < Decimal("30298.67")
    assert Decimal(scen["optimistic"]["cost_to_deadline"]) > Decimal("30298.67")

    rows = data["sensitivity"]
    assert rows[0]["driver"] == "Manual order re-keying"
    assert rows[0]["input"] == "hours_per_week"
    assert (rows[0]["low_value"], rows[0]["high_value"]) == ("4", "7")
    swings = [Decimal(r["swing"]) for r in rows]
    assert swings == sorted(swings, reverse=True)
    assert {"driver", "input", "low_value", "high_value", "swing"} <= set(rows[0])
    assert all(isinstance(r["swing"], str) for r in rows)

    sim = data["simulation"]
    assert (sim["samples"], sim["seed"]) == (10_000, 20270101)
    for measure in ("cost_to_deadline", "cost_over_horizon", "npv"):
        p = sim[measure]
        assert Decimal(p["p10"]) <= Decimal(p["p50"]) <= Decimal(p["p90"])
        assert all(len(p[k].split(".")[1]) == 2 for k in ("p10", "p50", "p90"))  # cents

    qualification = data["qualification"]
    assert qualification["verdict"] == "strong"
    assert [r["rule"] for r in qualification["reasons"]] == [
        "compelling_event",
        "size",
        "evidence",
        "payback",
    ]
    assert all(r["passed"] is True for r in qualification["reasons"])
    # the case is German: the reasons format numbers the German way
    assert "60.000,00" in qualification["reasons"][1]["message"]


def test_summary_json_analysis_ignores_the_scenario_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = run_json(NORTHWIND, capsys)
    conservative = run_json(NORTHWIND, capsys, "--scenario", "conservative")
    assert conservative["cost_to_deadline"] != expected["cost_to_deadline"]
    for key in ("scenarios", "sensitivity", "simulation", "qualification"):
        assert conservative[key] == expected[key]


def test_summary_json_without_solution_has_null_npv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = labor_case({"expected": "6", "low": "5", "high": "7"})
    path = tmp_path / "case.coi"
    path.write_text(json.dumps(case.model_dump(mode="json", exclude_none=True)), "utf-8")
    data = run_json(path, capsys)
    assert data["scenarios"]["expected"]["npv"] is None
    assert data["simulation"]["npv"] is None
    assert data["sensitivity"][0]["npv"] is None
    # no solution: no payback rule, size judged on the horizon total
    assert [r["rule"] for r in data["qualification"]["reasons"]] == [
        "compelling_event",
        "size",
        "evidence",
    ]


def test_summary_text_shows_ranges_top_sensitivities_and_the_verdict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["summary", str(NORTHWIND)]) == 0
    text = capsys.readouterr().out
    assert "Conservative" in text and "Optimistic" in text
    assert "P10–P90" in text
    assert "What matters most (top 5 of 12 ranged inputs)" in text
    assert "Hours per person per week (Month-end close done in spreads…)" in text
    assert "for the rep only" in text
    assert "Qualification" in text and ": strong" in text
    assert "✓ Payback after 20.2 months" in text  # from the decision (issue 11)
    sims = [line for line in text.splitlines() if line.strip().startswith("To deadline")]
    assert sims and " – $" in sims[-1]


def test_a_range_that_moves_nothing_has_no_row() -> None:
    # probability_after only applies from an after_date; without one its range changes nothing.
    case = Case.model_validate(
        {
            "buyer": {"company": "B"},
            "start_date": "2027-01-01",
            "deadline": "2027-06-01",
            "drivers": [
                {
                    "type": "risk",
                    "name": "Outage",
                    "inputs": {
                        "annual_probability": {"expected": "0.1", "low": "0.05", "high": "0.2"},
                        "impact": "100000",
                        "probability_after": {"expected": "0.3", "low": "0.2", "high": "0.4"},
                    },
                }
            ],
        }
    )
    assert [row.input for row in sensitivity(case)] == ["annual_probability"]


def test_one_analysis_for_the_cli_the_report_and_the_app() -> None:
    from calculators.analysis import Analysis, analyse
    from calculators.qualification import qualify
    from calculators.simulation import simulate
    from calculators.summary import analysis_data

    case = load(NORTHWIND)
    analysis = analyse(case, summarise(case))
    assert isinstance(analysis, Analysis) and analysis.case is case
    assert analysis.scenarios == scenarios(case)
    assert analysis.sensitivity == tuple(sensitivity(case))
    assert analysis.simulation == simulate(case)
    assert analysis.qualification == qualify(case)
    data = analysis_data(analysis, case.currency)
    assert len(data["sensitivity"]) == len(analysis.sensitivity)


def test_the_analysis_module_does_not_import_reportlab() -> None:
    import subprocess
    import sys

    code = "import sys, calculators.analysis; sys.exit('reportlab' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
