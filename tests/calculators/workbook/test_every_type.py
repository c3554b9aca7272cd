"""Every driver type, its own dates, mid-month changes, churn from a later start, one-time
amounts around the deadline and the horizon, clamped month ends, a plan beyond the horizon:
the recalculated workbook still gives `coi summary --json`'s figures in every scenario."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from calculators import cli
from calculators.drivers import registry
from calculators.storage import load
from calculators.workbook.build import write_workbook
from tests.calculators.workbook.libreoffice import recalculate
from tests.calculators.workbook.test_recalculated import check_against_summary

RANGE = {"expected": "3", "low": "2", "high": "5"}


def driver(kind: str, name: str, inputs: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": kind, "name": name, "inputs": inputs, **extra}


def every_type() -> list[dict[str, Any]]:
    return [
        driver(
            "labor",
            "Labor from a mid-month start",
            {
                "people": RANGE,
                "hours_per_week": "6",
                "hourly_cost": "41.5",
                "annual_growth": "0.05",
            },
            start_date="2027-02-10",
            end_date="2028-03-15",
            addressable="0.8",
        ),
        driver(
            "recurring_cost",
            "Yearly bill",
            {"amount": "24000", "period": "year", "annual_escalation": "0.03"},
            addressable={"expected": "0.7", "low": "0.5", "high": "0.9"},
        ),
        driver(
            "risk",
            "Risk that rises",
            {
                "annual_probability": "0.1",
                "impact": "90000",
                "after_date": "2027-06-20",
                "probability_after": "0.3",
            },
            addressable="0.6",
        ),
        driver("risk", "Risk without a date", {"annual_probability": "0.05", "impact": "120000"}),
        driver(
            "downtime",
            "Outages",
            {"incidents_per_year": "4", "hours_per_incident": "3", "cost_per_hour": "2500"},
        ),
        driver(
            "errors",
            "Rework",
            {"volume_per_month": "1200", "error_rate": "0.02", "cost_per_error": "35"},
            savings_class="capacity",
        ),
        driver(
            "revenue_leakage",
            "Leakage",
            {
                "revenue_per_month": "250000",
                "leakage_rate": "0.01",
                "annual_growth": "0.04",
                "gross_margin": "0.35",
            },
        ),
        driver(
            "churn",
            "Churn from March",
            {
                "customers": "800",
                "excess_monthly_churn": "0.01",
                "revenue_per_customer_per_month": "90",
                "gross_margin": "0.5",
            },
            start_date="2027-03-15",
            addressable="0.5",
        ),
        driver(
            "churn",
            "Churn at revenue",
            {
                "customers": "300",
                "excess_monthly_churn": "0.004",
                "revenue_per_customer_per_month": "200",
            },
            savings_class="cash",
        ),
        driver(
            "one_time", "Penalty before the deadline", {"amount": "15000", "date": "2027-02-10"}
        ),
        driver("one_time", "Renewal after it", {"amount": "9000", "date": "2027-08-01"}),
        driver("one_time", "Fee after the horizon", {"amount": "7000", "date": "2031-01-01"}),
        driver(
            "price_increase",
            "Price rise",
            {"annual_spend": "180000", "increase_rate": "0.08", "effective_date": "2027-05-17"},
        ),
        driver(
            "delayed_benefit",
            "Gains forgone",
            {"benefit_per_month": "2100", "annual_growth": "0.1"},
        ),
        driver(
            "custom",
            "Quarterly custom",
            {
                "amount": "4500",
                "period": "quarter",
                "annual_escalation": "0.02",
                "formula": "3 audits a year",
            },
        ),
        driver(
            "labor",
            "Switched off",
            {"people": "2", "hours_per_week": "1", "hourly_cost": "50"},
            enabled=False,
        ),
    ]


def case(start: str, deadline: str, horizon: int, rate: str, solution: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "cost-of-inaction/case",
        "schema_version": 1,
        "title": f"Every type from {start}",
        "buyer": {"company": "Test Buyer"},
        "currency": "EUR",
        "locale": "de_DE",
        "start_date": start,
        "deadline": deadline,
        "horizon_months": horizon,
        "discount_rate": rate,
        "drivers": every_type(),
    }
    if solution:
        data["solution"] = {
            "investment": {"expected": "150000", "low": "120000", "high": "190000"},
            "recurring_cost": "2500",
            "internal_cost": "20000",
            "internal_recurring_cost": {"expected": "500", "low": "400", "high": "800"},
            "lead_time_months": 2,
            "ramp_months": 3,
        }
    return data


CASES = {
    "mid-month deadline": case("2027-01-01", "2027-04-15", 36, "0.08", True),
    "month ends clamped, partial last year": case("2027-01-31", "2027-03-31", 18, "0", True),
    "plan beyond the horizon": case("2027-01-01", "2027-12-15", 6, "0.1", True),
    "no solution": case("2028-02-29", "2028-05-01", 24, "0.05", False),
}


def test_every_driver_type_declares_its_spreadsheet_formula() -> None:
    kinds = {driver["type"] for driver in every_type()}
    assert kinds == set(registry())
    for kind in registry().values():
        assert kind.sheet_formula is not None


@pytest.mark.parametrize("scenario", ["expected", "conservative", "optimistic"])
def test_every_type_recalculated_equals_coi_summary(scenario: str, tmp_path: Path) -> None:
    written = {}
    for name, data in CASES.items():
        source = tmp_path / (name.replace(" ", "-").replace(",", "") + ".coi")
        source.write_text(json.dumps(data), encoding="utf-8")
        target = source.with_suffix(".xlsx")
        write_workbook(load(source), target, scenario)  # type: ignore[arg-type]
        written[source] = target
    recalculated = recalculate(list(written.values()), tmp_path)
    for source, target in written.items():
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert cli.main(["summary", str(source), "--json", "--scenario", scenario]) == 0
        check_against_summary(recalculated[target], json.loads(out.getvalue()))
