"""Page one tells the executive story and page two the plan (issue 13, item 1)."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import pytest

from calculators.analysis import Analysis, analyse
from calculators.engine import summarise
from calculators.errors import CaseError
from calculators.formatting import Formatter
from calculators.i18n import _
from calculators.i18n import language as use_language
from calculators.model import Case
from calculators.report import render_pdf
from calculators.storage import case_from_data, load, save
from tests.calculators.report.helpers import ACME, example_data, flat, page_texts
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.coi"))


@lru_cache(maxsize=4)
def _bundled(path: Path) -> tuple[Case, Analysis]:
    case = load(path)
    return case, analyse(case)


def _shown(text: str) -> str:
    return flat(text.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("code", ["en", "de", "ja"])
def test_page_one_tells_the_story_and_the_ask(path: Path, code: str) -> None:
    case, analysis = _bundled(path)
    pages = page_texts(render_pdf(case, language=code, analysis=analysis))
    first = _shown(pages[0])
    fmt = Formatter(case.locale, case.currency, code)
    results = summarise(case)
    assert results.solution is not None and case.solution is not None
    assert case.narrative is not None and case.narrative.compelling_event
    deadline = fmt.date(case.deadline)
    with use_language(code):
        ask = _("Decide on {solution} by {deadline} to be live by {live}.").format(
            solution=case.solution.name,
            deadline=deadline,
            live=fmt.date(dt.date(2000, 1, 1)),
        )
    for expected in (
        case.buyer.company,
        deadline,
        fmt.headline_money(results.projection.cost_to_deadline),
        fmt.headline_money(results.projection.cost_per_month),
        fmt.headline_money(results.projection.avoidable_to_deadline),
        fmt.headline_money(results.solution.cost_of_delay_per_month),
        ask.split(fmt.date(dt.date(2000, 1, 1)))[0],  # the ask up to its go-live date
        case.narrative.compelling_event.split(";")[0],
    ):
        assert _shown(expected) in first, (path.stem, code, expected)
    # page two is the plan
    with use_language(code):
        assert _("The plan") in pages[1]


def test_the_plan_works_back_from_the_decision_date_and_the_lead_time() -> None:
    # Acme: start 1 January 2027, decide by 15 April 2027 (effective 1 May), lead time 2
    data = example_data(ACME)
    data["language"] = "en"
    case = case_from_data(data)
    pages = page_texts(render_pdf(case))
    text = _shown(pages[0])
    assert _shown("Decide on Order automation by 15 April 2027 to be live by 1 July 2027.") in text
    plan = _shown(pages[1])
    assert _shown("A decision on 15 April 2027 takes effect on 1 May 2027.") in plan
    assert _shown("15 April 2027Decision") in plan and _shown("1 July 2027Go-live") in plan


def _with_plan(**narrative: str) -> Case:
    data = example_data(ACME)
    data["language"] = "en"
    data["narrative"] = {**data["narrative"], **narrative}
    data["plan"] = {
        "milestones": [
            {"step": "Security review <b>done</b> & signed", "owner": "IT", "date": "2027-03-20"},
            {"step": "Board meeting", "date": "2027-04-10"},
            {"step": "Kick-off workshop", "owner": "Example Software AG"},
        ],
        "sign_off": [
            {"name": "Jana Müller", "role": "COO"},
            {"name": "Max Weber", "role": "Account Executive"},
            {"role": "CFO"},
        ],
    }
    return case_from_data(data)


def test_the_reps_ask_milestones_and_sign_off_are_printed_escaped_and_in_date_order() -> None:
    case = _with_plan(ask="Decide by 15 April to <i>start</i> the pilot & save the season.")
    pages = page_texts(render_pdf(case))
    assert _shown("Decide by 15 April to <i>start</i> the pilot & save the season.") in (
        _shown(pages[0])
    )
    plan = _shown(pages[1])
    order = [
        plan.index(_shown(step))
        for step in (
            "Security review <b>done</b> & signed",
            "Board meeting",
            "Decision",
            "Go-live",
            "Full benefit",
            "Kick-off workshop",  # undated: after the dated steps
        )
    ]
    assert order == sorted(order)
    assert _shown("20 March 2027") in plan
    for line in ("Sign-off", "Jana Müller", "COO", "Max Weber", "Account Executive", "CFO"):
        assert _shown(line) in plan
    assert plan.count(_shown("Signature and date")) == 3


def test_plan_fields_are_optional_and_old_files_round_trip(tmp_path: Path) -> None:
    for path in EXAMPLE_FILES:
        case = load(path)
        assert case.plan is None and (case.narrative is None or case.narrative.ask is None)
        target = tmp_path / path.name
        save(case, target)
        saved = json.loads(target.read_text(encoding="utf-8"))
        assert "plan" not in saved and "ask" not in saved.get("narrative", {})
    case = _with_plan(ask="Decide by 15 April.")
    save(case, tmp_path / "plan.coi")
    assert load(tmp_path / "plan.coi") == case


@pytest.mark.parametrize(
    ("milestone", "field"),
    [
        ({"step": ""}, "plan.milestones[0].step"),
        ({"step": "   "}, "plan.milestones[0].step"),
        ({"step": "Review", "date": "2027-02-30"}, "plan.milestones[0].date"),
        ({"step": "Review", "when": "soon"}, "plan.milestones[0].when"),
    ],
)
def test_a_bad_milestone_is_a_message_naming_the_field(
    milestone: dict[str, str], field: str
) -> None:
    data = example_data(ACME)
    data["plan"] = {"milestones": [milestone]}
    with pytest.raises(CaseError) as caught:
        case_from_data(data)
    assert any(field in problem for problem in caught.value.problems), caught.value.problems


def test_without_a_solution_the_ask_comes_from_the_decision_date() -> None:
    data = example_data(ACME)
    data["language"] = "en"
    del data["solution"]
    pages = page_texts(render_pdf(case_from_data(data)))
    assert _shown("Decide by 15 April 2027 how to stop these costs.") in _shown(pages[0])
    assert "The plan" not in pages[1]


def test_when_waiting_raises_the_npv_page_one_says_so() -> None:
    data = example_data(ACME)
    data["language"] = "en"
    data["solution"] = {**data["solution"], "investment": "10000000", "recurring_cost": "100000"}
    case = case_from_data(data)
    result = summarise(case).solution
    assert result is not None and result.cost_of_delay_per_month < 0
    first = _shown(page_texts(render_pdf(case))[0])
    assert _shown("Each month later than 15 April 2027 gains") in first
    assert "costs-" not in first
