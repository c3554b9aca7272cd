"""Qualification: one test group per rule, and cases landing on each verdict."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from calculators.engine import summarise
from calculators.model import Case
from calculators.qualification import (
    COMPELLING_EVENT,
    EVIDENCE,
    PAYBACK,
    RULES,
    SIZE,
    Qualification,
    Reason,
    Thresholds,
    evidence,
    qualify,
    verdict,
)
from calculators.storage import load
from tests.conftest import EXAMPLES


def backed(value: str, confidence: str = "high", source: str | None = "Invoice") -> dict[str, Any]:
    out: dict[str, Any] = {"expected": value, "confidence": confidence}
    if source is not None:
        out["source"] = source
    return out


def monthly(name: str, amount: Any, **fields: Any) -> dict[str, Any]:
    return {
        "type": "recurring_cost",
        "name": name,
        "inputs": {"amount": amount, "period": "month"},
        **fields,
    }


def make_case(
    drivers: list[dict[str, Any]],
    *,
    event: str | None = None,
    solution: dict[str, Any] | None = None,
    deadline: str = "2027-06-01",
    horizon: int = 24,
    locale: str = "en_US",
    currency: str = "USD",
) -> Case:
    data: dict[str, Any] = {
        "buyer": {"company": "Prospect Inc."},
        "locale": locale,
        "currency": currency,
        "start_date": "2027-01-01",
        "deadline": deadline,
        "horizon_months": horizon,
        "discount_rate": "0",
        "drivers": drivers,
    }
    if event is not None:
        data["narrative"] = {"compelling_event": event}
    if solution is not None:
        data["solution"] = solution
    return Case.model_validate(data)


def reason(q: Qualification, rule: str) -> Reason:
    found = q.reason(rule)
    assert found is not None, rule
    return found


# --- rule 1: compelling event -----------------------------------------------------------------


def test_event_named_in_the_narrative_passes_and_is_quoted() -> None:
    q = qualify(make_case([monthly("Support", "5000")], event="Support ends on 30 June."))
    r = reason(q, COMPELLING_EVENT)
    assert r.passed
    assert "“Support ends on 30 June.”" in r.message


@pytest.mark.parametrize("event", [None, "", "   \n "])
def test_no_narrative_event_and_no_dated_driver_fails(event: str | None) -> None:
    r = reason(qualify(make_case([monthly("Support", "5000")], event=event)), COMPELLING_EVENT)
    assert not r.passed
    assert "No compelling event" in r.message and "24-month horizon" in r.message


def one_time(date: str, **fields: Any) -> dict[str, Any]:
    return {
        "type": "one_time",
        "name": "Support renewal",
        "inputs": {"amount": "50000", "date": date},
        **fields,
    }


def test_one_time_cost_inside_the_horizon_is_a_dated_event() -> None:
    r = reason(qualify(make_case([one_time("2028-03-01")])), COMPELLING_EVENT)
    assert r.passed
    assert "Support renewal costs $50,000.00 once on March 1, 2028" in r.message


@pytest.mark.parametrize("date", ["2029-01-01", "2029-06-30"])  # horizon ends 2029-01-01
def test_one_time_cost_after_the_horizon_is_not(date: str) -> None:
    assert not reason(qualify(make_case([one_time(date)])), COMPELLING_EVENT).passed


def test_a_disabled_or_ended_driver_gives_no_event() -> None:
    disabled = one_time("2028-03-01", enabled=False)
    assert not reason(qualify(make_case([disabled])), COMPELLING_EVENT).passed
    ended = {
        "type": "price_increase",
        "name": "Price rise",
        "inputs": {"effective_date": "2028-01-01"},
        "end_date": "2027-12-01",
    }
    assert not reason(qualify(make_case([ended])), COMPELLING_EVENT).passed


def test_price_rise_on_a_date_is_a_dated_event() -> None:
    rise = {
        "type": "price_increase",
        "name": "Licence price rise",
        "inputs": {
            "annual_spend": "120000",
            "increase_rate": "0.2",
            "effective_date": "2027-10-15",
        },
    }
    r = reason(qualify(make_case([rise])), COMPELLING_EVENT)
    assert r.passed
    assert "Licence price rise costs more from October 15, 2027" in r.message


@pytest.mark.parametrize(("after", "passed"), [("0.3", True), ("0.1", False), ("0.05", False)])
def test_risk_date_counts_only_when_the_risk_steps_up(after: str, passed: bool) -> None:
    risk = {
        "type": "risk",
        "name": "Breach",
        "inputs": {
            "annual_probability": "0.1",
            "impact": "500000",
            "after_date": "2027-10-01",
            "probability_after": after,
        },
    }
    assert reason(qualify(make_case([risk])), COMPELLING_EVENT).passed is passed


# --- rule 2: size ----------------------------------------------------------------------------

# 5,000 a month from 1 January: 25,000 to 1 June, 20,000 to 1 May, 120,000 over 24 months.


def test_size_compares_the_cost_to_the_deadline_with_the_investment() -> None:
    solution = {"investment": "100000"}
    at = reason(qualify(make_case([monthly("S", "5000")], solution=solution)), SIZE)
    assert at.passed  # 25,000 / 100,000 = 25 %, the threshold itself
    assert at.message == (
        "Waiting until the decision date costs $25,000.00, 25% of the $100,000.00 "
        "investment (at least 25% needed)."
    )
    case = make_case([monthly("S", "5000")], solution=solution, deadline="2027-05-01")
    below = reason(qualify(case), SIZE)
    assert not below.passed
    assert "only $20,000.00, 20% of the $100,000.00" in below.message
    lenient = reason(qualify(case, Thresholds(min_deadline_share=Decimal("0.2"))), SIZE)
    assert lenient.passed


@pytest.mark.parametrize(
    ("amount", "minimum", "passed"),
    [("5000", None, True), ("2000", None, False), ("2000", "48000", True)],
)
def test_without_an_investment_size_is_the_horizon_total_against_a_minimum(
    amount: str, minimum: str | None, passed: bool
) -> None:
    thresholds = Thresholds() if minimum is None else Thresholds(min_horizon_cost=Decimal(minimum))
    for solution in (None, {"investment": "0", "recurring_cost": "100"}):
        case = make_case([monthly("S", amount)], solution=solution)
        r = reason(qualify(case, thresholds), SIZE)
        assert r.passed is passed
        assert r.message.startswith("No investment entered: the cost of inaction over 24 months")
        shown = "$50,000.00" if minimum is None else "$48,000.00"
        assert f"against a minimum of {shown}" in r.message


# --- rule 3: evidence ------------------------------------------------------------------------


def test_evidence_is_the_share_of_cost_on_backed_inputs() -> None:
    # Backed 1,000 a month beside unbacked 3,000 a month: 25 % of the total rests on evidence.
    case = make_case([monthly("Backed", backed("1000")), monthly("Guess", "3000")])
    found = evidence(summarise(case))
    assert found.total == 96000 and found.evidenced == 24000
    assert found.share == Decimal("0.25")
    r = reason(qualify(case), EVIDENCE)
    assert not r.passed
    assert r.message.startswith("25% of the $96,000.00 over 24 months rests on inputs")
    assert "Find sources for: Guess › Amount per period." in r.message
    lenient = Thresholds(min_evidenced_share=Decimal("0.25"))
    assert reason(qualify(case, lenient), EVIDENCE).passed


@pytest.mark.parametrize(
    ("estimate", "counts"),
    [
        (backed("1000", "high"), True),
        (backed("1000", "medium"), True),
        (backed("1000", "low"), False),
        (backed("1000", "high", source=None), False),
        (backed("1000", "high", source="  "), False),
        ({"expected": "1000", "source": "Invoice"}, False),  # no confidence given
    ],
)
def test_only_sourced_medium_or_high_confidence_inputs_count(
    estimate: dict[str, Any], counts: bool
) -> None:
    found = evidence(summarise(make_case([monthly("One", estimate)])))
    assert found.share == (1 if counts else 0)


def test_a_driver_counts_in_proportion_to_its_backed_inputs() -> None:
    # people and hours backed, hourly cost not, growth zero (not counted): 2 of 3.
    labor = {
        "type": "labor",
        "name": "Re-keying",
        "inputs": {
            "people": backed("6"),
            "hours_per_week": backed("5", "medium"),
            "hourly_cost": "48",
            "annual_growth": "0",
        },
    }
    found = evidence(summarise(make_case([labor])))
    assert found.share is not None
    assert found.share.quantize(Decimal("0.0001")) == Decimal("0.6667")
    assert [label for _cost, _driver, label in found.unbacked] == ["Loaded hourly cost"]
    strict = Thresholds(confidences=("high",))  # now hours (medium) does not count either
    found = evidence(summarise(make_case([labor])), strict)
    assert found.share is not None
    assert found.share.quantize(Decimal("0.0001")) == Decimal("0.3333")


def test_no_cost_means_no_evidence() -> None:
    r = reason(qualify(make_case([])), EVIDENCE)
    assert not r.passed
    assert "no cost over the horizon" in r.message


# --- rule 4: payback -------------------------------------------------------------------------

# 5,000 a month, fully addressable, no lead time, rate 0: an investment of 40,000 pays back
# after 8 months.


def test_payback_within_the_horizon_passes() -> None:
    case = make_case([monthly("S", "5000")], solution={"investment": "40000"})
    r = reason(qualify(case), PAYBACK)
    assert r.passed
    assert r.message == "Payback after 8 months, within the 24-month horizon."


def test_no_payback_within_the_horizon_fails() -> None:
    case = make_case([monthly("S", "5000")], solution={"investment": "400000"})
    r = reason(qualify(case), PAYBACK)
    assert not r.passed
    assert r.message == "The solution does not pay back within the 24-month horizon."


def test_payback_limit_is_adjustable() -> None:
    case = make_case([monthly("S", "5000")], solution={"investment": "40000"})
    late = reason(qualify(case, Thresholds(max_payback_months=6)), PAYBACK)
    assert not late.passed
    assert late.message == "Payback after 8 months, later than the 6 months wanted."
    assert reason(qualify(case, Thresholds(max_payback_months=12)), PAYBACK).passed


def test_no_solution_means_no_payback_rule() -> None:
    q = qualify(make_case([monthly("S", "5000")]))
    assert q.reason(PAYBACK) is None
    assert [r.rule for r in q.reasons if r.rule in RULES] == [COMPELLING_EVENT, SIZE, EVIDENCE]


# --- verdicts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failed", "expected"),
    [
        (set(), "strong"),
        ({EVIDENCE}, "weak"),
        ({SIZE}, "weak"),
        ({PAYBACK}, "weak"),
        ({COMPELLING_EVENT}, "weak"),
        ({COMPELLING_EVENT, EVIDENCE}, "weak"),
        ({COMPELLING_EVENT, SIZE}, "no compelling need"),
        ({COMPELLING_EVENT, PAYBACK}, "no compelling need"),
        ({COMPELLING_EVENT, SIZE, EVIDENCE, PAYBACK}, "no compelling need"),
    ],
)
def test_verdict_rule(failed: set[str], expected: str) -> None:
    reasons = tuple(
        Reason(rule, rule not in failed, "") for rule in (COMPELLING_EVENT, SIZE, EVIDENCE, PAYBACK)
    )
    assert verdict(reasons) == expected


BACKED_SUPPORT = monthly("Support", backed("5000"))


def test_strong_case() -> None:
    case = make_case(
        [BACKED_SUPPORT], event="Support ends in June.", solution={"investment": "40000"}
    )
    q = qualify(case)
    assert q.verdict == "strong"
    assert all(r.passed for r in q.reasons) and len(q.reasons) == 4  # no deal section


def test_weak_case_event_but_thin_evidence() -> None:
    case = make_case(
        [monthly("Support", "5000")],
        event="Support ends in June.",
        solution={"investment": "40000"},
    )
    q = qualify(case)
    assert q.verdict == "weak"
    assert [r.rule for r in q.reasons if not r.passed] == [EVIDENCE]


def test_weak_case_real_money_but_no_event() -> None:
    q = qualify(make_case([BACKED_SUPPORT], solution={"investment": "40000"}))
    assert q.verdict == "weak"
    assert [r.rule for r in q.reasons if not r.passed] == [COMPELLING_EVENT]


def test_no_compelling_need_small_cost_and_no_event() -> None:
    q = qualify(make_case([monthly("Nuisance", backed("500"))]))
    assert q.verdict == "no compelling need"
    assert {r.rule for r in q.reasons if not r.passed} == {COMPELLING_EVENT, SIZE}


def test_no_compelling_need_no_event_and_no_payback() -> None:
    # Large enough against the investment, but the subscription eats the benefit.
    solution = {"investment": "40000", "recurring_cost": "5500"}
    q = qualify(make_case([BACKED_SUPPORT], solution=solution))
    assert q.verdict == "no compelling need"
    assert {r.rule for r in q.reasons if not r.passed} == {COMPELLING_EVENT, PAYBACK}


@pytest.mark.parametrize("name", ["acme-order-automation", "northwind-legacy-erp"])
def test_the_examples_are_strong(name: str) -> None:
    assert qualify(load(EXAMPLES / f"{name}.coi")).verdict == "strong"


def test_messages_use_the_case_locale() -> None:
    case = make_case(
        [monthly("Wartung", "5000")],
        solution={"investment": "100000"},
        locale="de_DE",
        currency="EUR",
    )
    message = reason(qualify(case), SIZE).message
    assert "25.000,00\xa0€" in message and "25\xa0%" in message


def test_precomputed_results_are_reused_only_for_the_same_case() -> None:
    case = make_case([BACKED_SUPPORT], solution={"investment": "40000"})
    other = make_case([monthly("Other", "1")], solution={"investment": "40000"})
    assert qualify(case, results=summarise(other)) == qualify(case)
    assert qualify(case, results=summarise(case, "optimistic")) == qualify(case)
