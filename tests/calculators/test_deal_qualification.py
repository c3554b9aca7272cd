"""Qualification v2: the elements of the deal (compelling event, economic buyer, champion,
decision and paper process), each scored 0/1/2, the verdict's explanation and next steps,
the team's thresholds, and that none of it reaches the PDF."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from calculators.model import Case
from calculators.qualification import (
    CHAMPION,
    COMPELLING_EVENT,
    DECISION_PROCESS,
    ECONOMIC_BUYER,
    ELEMENTS,
    PAPER_PROCESS,
    Qualification,
    Thresholds,
    default_thresholds,
    qualify,
)
from calculators.storage import case_to_data, load, save
from tests.calculators.test_qualification import BACKED_SUPPORT, make_case
from tests.conftest import EXAMPLES

TODAY = dt.date(2027, 1, 15)  # the helper's cases start 2027-01-01, decide 2027-06-01
CONFIRMED = {"score": 2, "confirmed_by": "Dana Reyes", "confirmed_on": "2027-01-10"}


def deal_case(deal: dict[str, Any] | None, **kwargs: Any) -> Case:
    kwargs.setdefault("solution", {"investment": "40000"})
    case = make_case([BACKED_SUPPORT], **kwargs)
    if deal is None:
        return case
    return Case.model_validate({**case_to_data(case), "qualification": deal})


def q(
    deal: dict[str, Any] | None, thresholds: Thresholds | None = None, **kw: Any
) -> Qualification:
    return qualify(deal_case(deal, **kw), thresholds or Thresholds(), today=TODAY)


def message(result: Qualification, rule: str) -> str:
    reason = result.reason(rule)
    assert reason is not None, rule
    return reason.message


# --- the compelling event --------------------------------------------------------------------


def test_the_compelling_event_of_the_deal_counts_as_one() -> None:
    event = {
        "event": "The auditor's deadline",
        "date": "2027-05-01",
        "owner": "Head of Finance",
        "consequence": "A qualified audit opinion",
        **CONFIRMED,
    }
    result = q({"compelling_event": event})
    assert result.verdict == "strong"
    text = message(result, COMPELLING_EVENT)
    assert "“The auditor's deadline” on May 1, 2027 owned by Head of Finance" in text
    assert "confirmed by Dana Reyes on January 10, 2027" in text
    assert result.elements[0].name == COMPELLING_EVENT and result.elements[0].score == 2


def test_a_missing_compelling_event_is_a_weak_verdict_with_a_next_step() -> None:
    result = q({"economic_buyer": {"name": "Dana", **CONFIRMED}})
    assert result.verdict == "weak"
    assert not result.reason(COMPELLING_EVENT).passed  # type: ignore[union-attr]
    assert result.next_steps[0].startswith("Find the compelling event")


def test_a_passed_event_date_without_a_new_date_is_no_compelling_need() -> None:
    event = {"event": "Renewal", "date": "2027-01-05", "score": 1}
    result = q({"compelling_event": event}, event="The narrative still names it.")
    assert result.verdict == "no compelling need"
    assert "has passed and no new date is set" in message(result, COMPELLING_EVENT)
    assert result.next_steps[0] == "Get the buyer's new date to act by, or disqualify the deal."
    moved = q({"compelling_event": {**event, "date": "2027-03-01"}})
    assert moved.verdict == "strong"


def test_the_team_may_ask_for_a_confirmed_event() -> None:
    strict = Thresholds(min_event_score=2)
    claimed = q({"compelling_event": {"event": "Go-live", "score": 1}}, strict)
    assert claimed.verdict == "weak"
    assert "claimed by us; at least confirmed by the buyer is needed" in message(
        claimed, COMPELLING_EVENT
    )
    assert claimed.next_steps[0].startswith("Have the buyer confirm the compelling event")
    confirmed = q({"compelling_event": {"event": "Go-live", **CONFIRMED}}, strict)
    assert confirmed.verdict == "strong"


# --- the people and the processes ------------------------------------------------------------


@pytest.mark.parametrize("element", [ECONOMIC_BUYER, CHAMPION])
def test_a_person_scored_unknown_claimed_confirmed(element: str) -> None:
    unknown = q({element: {"name": "Sam Ortiz", "role": "CFO"}}, event="Support ends.")
    assert "Sam Ortiz (CFO), unknown." in message(unknown, element)
    claimed = q({element: {"name": "Sam Ortiz", "score": 1}}, event="Support ends.")
    assert "Sam Ortiz, claimed by us." in message(claimed, element)
    confirmed = q({element: {"name": "Sam Ortiz", **CONFIRMED}}, event="Support ends.")
    assert "Sam Ortiz, confirmed by Dana Reyes on January 10, 2027." in message(confirmed, element)
    # all three pass with the default thresholds: nothing is required
    assert all(r.verdict == "strong" for r in (unknown, claimed, confirmed))
    strict = Thresholds(**{f"min_{element}_score": 2})
    assert q({element: {"name": "Sam Ortiz", "score": 1}}, strict, event="x").verdict == "weak"
    assert q({element: {"name": "Sam Ortiz", **CONFIRMED}}, strict, event="x").verdict == "strong"


def test_a_confirmation_must_say_who_confirmed() -> None:
    result = q({ECONOMIC_BUYER: {"name": "Sam", "score": 2}}, event="Support ends.")
    economic = next(e for e in result.elements if e.name == ECONOMIC_BUYER)
    assert economic.score == 1
    assert "the confirmation does not say who confirmed it" in message(result, ECONOMIC_BUYER)


@pytest.mark.parametrize("element", [DECISION_PROCESS, PAPER_PROCESS])
def test_a_process_with_dated_steps(element: str) -> None:
    steps = [
        {"step": "Steering committee", "date": "2027-03-01"},
        {"step": "Board approval", "date": "2027-04-10"},
        {"step": "Signature"},
    ]
    result = q({element: {"steps": steps, **CONFIRMED}}, event="Support ends.")
    assert "3 steps, the last on April 10, 2027, confirmed by Dana Reyes" in message(
        result, element
    )
    strict = Thresholds(**{f"min_{element}_score": 1})
    empty = q({element: {}}, strict, event="Support ends.")
    assert empty.verdict == "weak"
    assert "unknown. At least claimed by us is needed." in message(empty, element)
    assert empty.next_steps[0].startswith("Map the")


def test_an_element_scores_only_zero_to_two_and_a_step_needs_a_name() -> None:
    with pytest.raises(ValidationError):
        deal_case({CHAMPION: {"score": 3}})
    with pytest.raises(ValidationError):
        deal_case({DECISION_PROCESS: {"steps": [{"step": "  "}]}})


# --- the explanation -------------------------------------------------------------------------


def test_next_steps_are_at_most_two_most_important_first() -> None:
    result = q({}, solution={"investment": "40000", "recurring_cost": "5500"})
    assert result.verdict == "no compelling need"  # no event, no payback
    assert len(result.next_steps) == 2
    assert result.next_steps[0].startswith("Find the compelling event")
    assert result.next_steps[1].startswith("Shorten the payback")


def test_a_strong_deal_says_what_to_confirm_next_and_a_confirmed_one_nothing() -> None:
    partly = q({COMPELLING_EVENT: {"event": "Go-live", **CONFIRMED}, CHAMPION: {"score": 1}})
    assert partly.verdict == "strong"
    assert partly.next_steps == (
        "Find out who the economic buyer is: the person who signs off the money.",
        "Have the champion confirm they will sell the case internally (when).",
    )
    full = q(
        {
            name: {"event": "Go-live", **CONFIRMED} if name == COMPELLING_EVENT else CONFIRMED
            for name in ELEMENTS
        }
    )
    assert full.verdict == "strong" and full.next_steps == ()


def test_a_case_without_the_section_reads_as_before() -> None:
    case = load(EXAMPLES / "acme-order-automation.coi")
    assert case.qualification is None
    result = qualify(case, Thresholds())
    assert [r.rule for r in result.reasons] == ["compelling_event", "size", "evidence", "payback"]
    assert [e.score for e in result.elements] == [0] * 5
    assert result.next_steps[0].startswith("Record the compelling event")


def test_the_section_round_trips_through_a_file(tmp_path: Path) -> None:
    deal = {
        COMPELLING_EVENT: {"event": "Audit", "date": "2027-05-01", **CONFIRMED},
        PAPER_PROCESS: {"steps": [{"step": "Legal review", "date": "2027-04-01"}], "score": 1},
    }
    case = deal_case(deal)
    save(case, tmp_path / "deal.coi")
    assert load(tmp_path / "deal.coi") == case
    stored = json.loads((tmp_path / "deal.coi").read_text(encoding="utf-8"))
    assert stored["qualification"]["paper_process"]["steps"][0]["step"] == "Legal review"


def test_the_summary_json_has_elements_and_next_steps() -> None:
    from calculators.engine import summarise
    from calculators.summary import summary_data

    data = summary_data(summarise(deal_case({CHAMPION: {"name": "Ana", **CONFIRMED}})))
    qualification = data["qualification"]
    assert [r["rule"] for r in qualification["reasons"]][:3] == [
        "compelling_event",
        "size",
        "evidence",
    ]
    assert {"element": CHAMPION, "score": 2, "passed": True} in qualification["elements"]
    assert len(qualification["next_steps"]) <= 2


# --- the team's thresholds -------------------------------------------------------------------

TEAM = """
[team]
company_name = "Acme Sales Tools"

[qualification]
min_evidenced_share = "0.75"
max_payback_months = 18
min_economic_buyer_score = 2
"""


def test_the_team_folder_sets_the_thresholds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calculators.resources import TEAM_DIR_ENV
    from calculators.team import load_team

    (tmp_path / "team.toml").write_text(TEAM, encoding="utf-8")
    team = load_team(tmp_path)
    assert str(team.qualification.min_evidenced_share) == "0.75"
    assert team.qualification.min_economic_buyer_score == 2
    assert team.qualification.min_deadline_share == Thresholds().min_deadline_share
    monkeypatch.setenv(TEAM_DIR_ENV, str(tmp_path))
    default_thresholds.cache_clear()
    try:
        result = qualify(deal_case({}, event="Support ends."), today=TODAY)
        assert result.verdict == "weak"
        assert "At least confirmed by the buyer is needed." in message(result, ECONOMIC_BUYER)
    finally:
        default_thresholds.cache_clear()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("min_evidenced_share = 0.75", 'must be a decimal in quotes, like "0.75"'),
        ("min_champion_score = 3", "min_champion_score"),
        ("colour = 1", "colour"),
    ],
)
def test_a_bad_qualification_table_names_the_key(tmp_path: Path, line: str, expected: str) -> None:
    from calculators.team import TeamError, load_team

    text = '[team]\ncompany_name = "X"\n[qualification]\n' + line + "\n"
    (tmp_path / "team.toml").write_text(text, encoding="utf-8")
    with pytest.raises(TeamError) as caught:
        load_team(tmp_path)
    assert any(
        expected in problem and "qualification" in problem for problem in caught.value.problems
    )


# --- never in the PDF ------------------------------------------------------------------------


def test_the_pdf_never_shows_the_qualification() -> None:
    from calculators.report.build import render_pdf
    from tests.calculators.report.helpers import flat, text_of

    base = load(EXAMPLES / "acme-order-automation.coi")
    deal = {
        COMPELLING_EVENT: {"event": "Zebra-Event-Marker", "owner": "Owner-Marker", **CONFIRMED},
        ECONOMIC_BUYER: {"name": "Buyer-Marker", "role": "Role-Marker", "score": 1},
        CHAMPION: {"name": "Champion-Marker", **CONFIRMED},
        DECISION_PROCESS: {"steps": [{"step": "Decision-Step-Marker"}]},
        PAPER_PROCESS: {"steps": [{"step": "Paper-Step-Marker"}]},
    }
    case = Case.model_validate({**case_to_data(base), "qualification": deal, "language": "en"})
    text = flat(text_of(render_pdf(case)))
    for marker in (
        "Zebra-Event",
        "Owner-Marker",
        "Buyer-Marker",
        "Role-Marker",
        "Champion-Marker",
        "Decision-Step",
        "Paper-Step",
        "Dana",
        "Economicbuyer",
        "Champion",
        "Qualification",
        "compellingneed",
        "Nextstep",
    ):
        assert flat(marker) not in text, marker
    assert "AcmeLogistics" in text  # the extraction works
