"""Every message a person reads goes through gettext; field paths and keys never do.

A "marking" translation wraps every translated string in «...», so a test can see exactly
which part of a message went through ``_()``/``ngettext()`` and which did not, without
depending on the state of the real catalogs.
"""

from __future__ import annotations

import ast
import gettext
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calculators import i18n
from calculators.cli import main
from calculators.drivers import registry
from calculators.errors import CaseError
from calculators.formatting import Formatter
from calculators.inputs import Kind, Values
from calculators.storage import case_from_data, case_from_json
from calculators.templates import BUNDLED_TITLES, list_examples, list_templates, shown_title
from tests.conftest import EXAMPLES, ROOT, TEMPLATES


class Marking(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return f"«{message}»"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"«{msgid1 if n == 1 else msgid2}»"


@pytest.fixture
def marked() -> Iterator[None]:
    token = i18n._active.set(Marking())
    try:
        yield
    finally:
        i18n._active.reset(token)


def valid_case() -> dict[str, Any]:
    return {
        "format": "cost-of-inaction/case",
        "schema_version": 1,
        "title": "T",
        "buyer": {"company": "Buyer"},
        "start_date": "2027-01-01",
        "deadline": "2027-07-01",
        "drivers": [
            {
                "type": "labor",
                "name": "Manual work",
                "inputs": {"people": "3", "hours_per_week": "5", "hourly_cost": "40"},
            }
        ],
    }


def problems_for(data: dict[str, Any]) -> list[str]:
    with pytest.raises(CaseError) as caught:
        case_from_data(data)
    return caught.value.problems


def labor(**inputs: Any) -> dict[str, Any]:
    data = valid_case()
    data["drivers"][0]["inputs"].update(inputs)
    return data


def with_fields(**fields: Any) -> dict[str, Any]:
    return {**valid_case(), **fields}


def risk_without_probability_after() -> dict[str, Any]:
    data = valid_case()
    data["drivers"] = [{"type": "risk", "name": "Breach", "inputs": {"after_date": "2027-03-01"}}]
    return data


BAD_CASES = {
    "below minimum": (labor(hourly_cost="-5"), "drivers[0].inputs.hourly_cost"),
    "above maximum": (labor(hourly_cost="1e13"), "drivers[0].inputs.hourly_cost"),
    "JSON float": (labor(people=2.5), "drivers[0].inputs.people"),
    "not a number": (labor(people="many"), "drivers[0].inputs.people"),
    "empty number": (labor(people=" "), "drivers[0].inputs.people"),
    "true as number": (labor(people=True), "drivers[0].inputs.people"),
    "huge number": (labor(people="1e400"), "drivers[0].inputs.people"),
    "unknown estimate key": (
        labor(people={"expected": "3", "guess": "4"}),
        "drivers[0].inputs.people",
    ),
    "estimate without expected": (
        labor(people={"low": "3"}),
        "drivers[0].inputs.people.expected",
    ),
    "low above expected": (
        labor(people={"expected": "3", "low": "4"}),
        "drivers[0].inputs.people.low",
    ),
    "bad confidence": (
        labor(people={"expected": "3", "confidence": "sure"}),
        "drivers[0].inputs.people.confidence",
    ),
    "impossible date": (with_fields(deadline="2027-02-30"), "deadline"),
    "date without dashes": (with_fields(deadline="20270701"), "deadline"),
    "date out of range": (with_fields(deadline="3100-01-01"), "deadline"),
    "deadline before start": (with_fields(deadline="2026-01-01"), "deadline"),
    "deadline too late": (with_fields(deadline="2050-01-01"), "deadline"),
    "unknown locale": (with_fields(locale="xx_YY"), "locale"),
    "unknown currency": (with_fields(currency="ABC"), "currency"),
    "missing buyer": ({k: v for k, v in valid_case().items() if k != "buyer"}, "buyer"),
    "unknown field": (with_fields(colour="red"), "colour"),
    "driver check()": (risk_without_probability_after(), "drivers[0].inputs.probability_after"),
    "missing format": ({k: v for k, v in valid_case().items() if k != "format"}, "format"),
    "newer schema": (with_fields(schema_version=99), "schema_version"),
}


@pytest.mark.parametrize("name", BAD_CASES)
def test_validation_messages_are_translated_and_paths_are_not(marked: None, name: str) -> None:
    data, path = BAD_CASES[name]
    problem = problems_for(data)[0]
    assert problem.startswith(f"{path}: «"), problem
    assert problem.endswith("»") or "»" in problem.split(": ", 1)[1], problem


def test_english_messages_are_unchanged() -> None:
    # The translated messages keep the exact English the CLI always printed.
    assert problems_for(labor(hourly_cost="-5")) == ["drivers[0].inputs.hourly_cost: must be >= 0"]
    assert problems_for(risk_without_probability_after()) == [
        "drivers[0].inputs.probability_after: is required when after_date is set"
    ]
    assert problems_for(with_fields(deadline="2026-01-01")) == [
        "deadline: must be after start_date (2027-01-01)"
    ]
    assert problems_for(with_fields(deadline="2050-01-01")) == [
        "deadline: must be no later than 2047-01-01 (20 years after start_date)"
    ]
    assert problems_for(labor(people=2.5)) == [
        'drivers[0].inputs.people: must be a decimal string such as "2.5", not a JSON number'
    ]
    two = CaseError(["a: x", "b: y"])
    assert str(two) == "a: x (and 1 more problem)"


def test_file_problems_keep_the_file_name_and_translate_the_rest(
    marked: None, tmp_path: Path
) -> None:
    with pytest.raises(CaseError) as caught:
        case_from_json(b"\xff\xfe not utf-8")
    assert caught.value.problems[0].startswith("«not UTF-8 text")
    missing = tmp_path / "nope.coi"
    from calculators.storage import load

    with pytest.raises(CaseError) as caught:
        load(missing)
    assert caught.value.problems == [f"«{missing}: no such file»"]


def test_cli_usage_problem_translates_the_message_not_the_option(
    marked: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coi: new: «-o/--output FILE is required (see 'coi new --help')»"), err


def test_bundled_titles_are_exactly_the_titles_in_the_files() -> None:
    # Files written in English carry translatable titles; a file written in another language
    # says so ("language": "de") and keeps its title as written.
    files = [
        json.loads(path.read_text(encoding="utf-8"))
        for folder in (TEMPLATES, EXAMPLES)
        for path in folder.glob("*.coi")
    ]
    titles = {data["title"] for data in files if data.get("language", "en").startswith("en")}
    assert titles == set(BUNDLED_TITLES)
    assert any(not data.get("language", "en").startswith("en") for data in files)


def test_template_titles_are_shown_translated_only_when_bundled(marked: None) -> None:
    template = list_templates()[0]
    assert template.shown_description == f"«{template.description}»"
    assert list_examples()[0].shown_description.startswith("«")
    assert shown_title("Our own team template: something") == "Our own team template: something"


def test_every_choice_has_a_label_for_people() -> None:
    for kind in registry().values():
        for spec in kind.inputs:
            if spec.kind is Kind.CHOICE:
                assert len(spec.choice_labels) == len(spec.choices), (kind.key, spec.key)
                assert spec.choice_label("quarter") == "Quarter"


def test_explanations_pick_the_plural_form_from_the_count() -> None:
    kind = registry()["labor"]
    fmt = Formatter("en_US", "USD")

    def explain(people: str) -> str:
        numbers = {"hours_per_week": "5", "hourly_cost": "40", "annual_growth": "0"}
        values = Values(numbers={k: Decimal(v) for k, v in {**numbers, "people": people}.items()})
        return kind.explain(values, fmt)

    assert explain("1").startswith("1 person × 5 h/week")
    assert explain("2.5").startswith("2.5 people × 5 h/week")
    assert explain("12").startswith("12 people × 5 h/week")


# --- the source itself ---------------------------------------------------------------------


def _calls(path: Path) -> Iterator[tuple[int, str, ast.expr]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name in ("_", "N_") and node.args:
                yield node.lineno, name, node.args[0]
            elif name == "ngettext" and len(node.args) >= 2:
                yield node.lineno, name, node.args[0]
                yield node.lineno, name, node.args[1]


SOURCES = sorted((ROOT / "calculators").rglob("*.py")) + sorted((ROOT / "desktop").rglob("*.py"))


def test_no_message_is_built_before_it_is_translated() -> None:
    """``_()`` gets a literal (or a declared label), never an f-string, "+" or ``.format()``."""
    wrong = []
    for path in SOURCES:
        for line, name, arg in _calls(path):
            built = isinstance(arg, ast.JoinedStr | ast.BinOp) or (
                isinstance(arg, ast.Call)
                and isinstance(arg.func, ast.Attribute)
                and arg.func.attr in ("format", "join")
            )
            if built or (name != "_" and not isinstance(arg, ast.Constant)):
                wrong.append(f"{path.relative_to(ROOT)}:{line}")
    assert wrong == []
