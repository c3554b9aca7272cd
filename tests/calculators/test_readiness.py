"""Ready to send: the readiness check, ``coi check``, ``coi render`` and DRAFT marking."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calculators.cli import main
from calculators.engine import summarise
from calculators.inputs import Estimate, Kind
from calculators.model import PLACEHOLDER_FIELDS, Case
from calculators.qualification import qualify
from calculators.readiness import Status, check, input_counts, input_status, is_ready
from calculators.report import render_pdf
from calculators.storage import case_from_data, case_to_data, load, save
from tests.calculators.report.helpers import flat, page_texts, reader
from tests.conftest import EXAMPLES, ROOT, TEMPLATES

TODAY = dt.date(2026, 12, 5)
TEMPLATE_FILES = sorted(TEMPLATES.glob("*.coi")) + sorted(
    (ROOT / "packaging" / "team-example" / "templates").glob("*.coi")
)
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.coi"))
REAL_SOURCE = "Buyer's controller, interview of 2026-11-30"


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _set_text(data: dict[str, Any], path: str, text: str) -> None:
    section, _dot, key = path.partition(".")
    if key:
        data.setdefault(section, {})[key] = text
    else:
        data[section] = text


def _real_estimate(spec_default: Any, stored: Any) -> dict[str, Any]:
    if isinstance(stored, dict):
        return {**stored, "source": REAL_SOURCE, "placeholder": False}
    value = stored if stored is not None else str(spec_default or "1")
    return {"expected": value, "source": REAL_SOURCE, "confidence": "medium"}


def fill_listed(case: Case, today: dt.date = TODAY) -> Case:
    """What a rep does with the readiness list: every blocking item given a real value,
    a real source or the buyer's own text."""
    for _round in range(3):
        items = [item for item in check(case, today) if item.blocking]
        if not items:
            return case
        data = case_to_data(case)
        for item in items:
            if item.path in PLACEHOLDER_FIELDS.values():
                _set_text(data, item.path, f"Our own {item.path} for Globex")
                continue
            head, _dot, rest = item.path.partition(".")
            key = rest.split(".")[0]
            if head.startswith("drivers["):
                index = int(head[len("drivers[") : -1])
                driver = data["drivers"][index]
                key = rest.split(".")[1]
                spec = case.drivers[index].kind.spec(key)
                stored = driver.setdefault("inputs", {}).get(key)
                if spec.kind is Kind.DATE:
                    driver["inputs"][key] = (case.start_date + dt.timedelta(days=40)).isoformat()
                else:
                    driver["inputs"][key] = _real_estimate(spec.default, stored)
            elif head == "solution":
                data["solution"][key] = _real_estimate(None, data["solution"][key])
        case = case_from_data(data)
    raise AssertionError([item.line() for item in check(case, today) if item.blocking])


def placeholder_texts(case: Case) -> list[str]:
    """Every text the template left for the rep to replace, and its rep-only guidance."""
    texts = [case.guidance or ""]
    if case.placeholders is not None:
        texts += [t for t in case.placeholders.model_dump().values() if t]
    for driver in case.drivers:
        for spec in driver.kind.inputs:
            stored = driver.input(spec.key)
            if isinstance(stored, Estimate) and stored.placeholder and stored.source:
                texts.append(stored.source)
    if case.solution is not None:
        for key in ("investment", "recurring_cost"):
            stored = case.solution.estimate(key)
            if stored.placeholder and stored.source:
                texts.append(stored.source)
    return [t for t in texts if t]


# -- templates, untouched and filled in -------------------------------------------------------


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=_ids(TEMPLATE_FILES))
def test_an_untouched_template_is_not_ready(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(path), "--date", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith(f"{path}: not ready")
    assert any(line.startswith(f"{path}: title: ") for line in out)
    assert any(line.startswith(f"{path}: buyer.company: ") for line in out)
    pdf = tmp_path / "case.pdf"
    assert main(["render", str(path), "-o", str(pdf), "--date", TODAY.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "title: Case title: still the template's text" in err and "--draft" in err
    assert not pdf.exists()
    assert qualify(load(path), today=TODAY).verdict != "strong"


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=_ids(TEMPLATE_FILES))
def test_a_template_filled_in_is_ready_and_renders_without_draft(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = load(path)
    case = fill_listed(template)
    filled = tmp_path / "filled.coi"
    save(case, filled)
    assert main(["check", str(filled), "--date", TODAY.isoformat()]) == 0
    pdf = tmp_path / "filled.pdf"
    assert main(["render", str(filled), "-o", str(pdf), "--date", TODAY.isoformat()]) == 0
    data = pdf.read_bytes()
    text = flat("\n".join(page_texts(data)))
    assert "DRAFT" not in text
    assert "DRAFT" not in str(reader(data).metadata.title)
    # No placeholder, placeholder source or guidance reaches the buyer.
    for placeholder in placeholder_texts(template):
        assert flat(placeholder)[:60] not in text, placeholder
    capsys.readouterr()


def test_a_draft_says_draft_on_every_page_and_in_its_title(tmp_path: Path) -> None:
    path = TEMPLATES / "manual-back-office.coi"
    pdf = tmp_path / "draft.pdf"
    assert main(["render", str(path), "-o", str(pdf), "--draft"]) == 0
    data = pdf.read_bytes()
    pages = page_texts(data)
    assert len(pages) > 3
    assert all("DRAFT" in page for page in pages)
    assert str(reader(data).metadata.title).startswith("DRAFT")


# -- empty means empty ------------------------------------------------------------------------


def test_a_driver_without_inputs_validates_counts_zero_and_check_names_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((EXAMPLES / "acme-order-automation.coi").read_text(encoding="utf-8"))
    data["drivers"].append({"type": "downtime", "name": "Outages"})
    file = tmp_path / "case.coi"
    file.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(file)]) == 0
    case = load(file)
    before = summarise(load(EXAMPLES / "acme-order-automation.coi")).projection
    after = summarise(case).projection
    assert after.drivers[-1].cost_to(case.deadline) == 0
    assert after.cost_to_deadline == before.cost_to_deadline
    capsys.readouterr()
    assert main(["check", str(file), "--date", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    index = len(data["drivers"]) - 1
    for key in ("incidents_per_year", "hours_per_incident", "cost_per_hour"):
        assert f"{file}: drivers[{index}].inputs.{key}: Outages › " in out
        assert "needs a value" in out


@pytest.mark.parametrize(
    ("type_key", "key"), [("one_time", "date"), ("price_increase", "effective_date")]
)
def test_a_required_date_without_a_value_validates_and_blocks(type_key: str, key: str) -> None:
    data = case_to_data(load(EXAMPLES / "acme-order-automation.coi"))
    data["drivers"].append({"type": type_key, "name": "Dated"})
    case = case_from_data(data)
    index = len(case.drivers) - 1
    assert summarise(case).projection.drivers[-1].cost_to(case.deadline) == 0
    blocking = {item.path for item in check(case, TODAY) if item.blocking}
    assert f"drivers[{index}].inputs.{key}" in blocking


def test_optional_inputs_stay_quiet_when_empty() -> None:
    case = load(EXAMPLES / "acme-order-automation.coi")
    risk = next(d for d in case.drivers if d.type == "risk")
    spec = risk.kind.spec("probability_after")
    assert spec.optional and input_status(spec, None) is Status.EMPTY
    assert not risk.kind.spec("impact").optional
    assert input_status(risk.kind.spec("impact"), None) is Status.MISSING
    assert not any("probability_after" in item.path for item in check(case, TODAY))


# -- the rules --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_ids(EXAMPLE_FILES))
def test_the_examples_are_ready(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(path), "--date", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"{path}: ready")


def test_a_passed_decision_date_blocks_and_fails_the_compelling_event() -> None:
    case = load(EXAMPLES / "acme-order-automation.coi")
    later = case.deadline + dt.timedelta(days=1)
    assert is_ready(case, case.deadline)
    items = [item for item in check(case, later) if item.blocking]
    assert [item.path for item in items] == ["deadline"]
    assert "has passed" in items[0].message
    assert qualify(case, today=case.deadline).verdict == "strong"
    reason = qualify(case, today=later).reason("compelling_event")
    assert reason is not None and not reason.passed and "has passed" in reason.message


def test_warnings_do_not_block() -> None:
    case = load(EXAMPLES / "acme-order-automation.coi")
    data = case_to_data(case)
    data.pop("solution")
    data["narrative"].pop("compelling_event")
    people = data["drivers"][0]["inputs"]["people"]
    data["drivers"][0]["inputs"]["people"] = people["expected"]
    bare = case_from_data(data)
    items = check(bare, TODAY)
    paths = {item.path: item.severity for item in items}
    assert paths["solution"] == "warning"
    assert paths["narrative.compelling_event"] == "warning"
    assert paths["drivers[0].inputs.people.source"] == "warning"
    assert is_ready(bare, TODAY)


def test_a_suggested_default_accepted_is_a_warning_until_confirmed() -> None:
    case = load(EXAMPLES / "acme-order-automation.coi")
    data = case_to_data(case)
    data["drivers"][0]["inputs"]["hourly_cost"] = "50"  # labor's suggested value
    accepted = case_from_data(data)
    assert any(
        item.path == "drivers[0].inputs.hourly_cost" and not item.blocking
        for item in check(accepted, TODAY)
    )
    data["drivers"][0]["inputs"]["hourly_cost"] = {
        "expected": "50",
        "confirmed_by": "Jana Müller, COO",
        "confirmed_on": "2026-11-30",
    }
    confirmed = case_from_data(data)
    spec = confirmed.drivers[0].kind.spec("hourly_cost")
    assert input_status(spec, confirmed.drivers[0].input("hourly_cost")) is Status.CONFIRMED
    assert not any(
        item.path.startswith("drivers[0].inputs.hourly_cost") for item in check(confirmed, TODAY)
    )
    assert input_counts(confirmed).confirmed == 1


def test_a_confirmation_is_kept_in_the_file_and_shown_in_the_assumptions() -> None:
    case = load(EXAMPLES / "northwind-legacy-erp.coi")
    data = case_to_data(case)
    people = data["drivers"][1]["inputs"]["people"]
    people.update({"confirmed_by": "Dana Brooks, CFO", "confirmed_on": "2027-01-20"})
    confirmed = case_from_data(data)
    stored = case_to_data(confirmed)["drivers"][1]["inputs"]["people"]
    assert stored["confirmed_by"] == "Dana Brooks, CFO" and stored["confirmed_on"] == "2027-01-20"
    assert "placeholder" not in stored
    assert case_to_data(confirmed)["drivers"][0] == case_to_data(case)["drivers"][0]
    text = flat("\n".join(page_texts(render_pdf(confirmed))))
    assert flat("confirmed by Dana Brooks, CFO on January 20, 2027") in text


def test_a_plain_estimate_stays_plain() -> None:
    assert Estimate.model_validate("42").model_dump(mode="json") == "42"
    marked = Estimate.model_validate({"expected": "4", "source": "x", "placeholder": True})
    assert marked.model_dump(mode="json") == {"expected": "4", "source": "x", "placeholder": True}
    assert Decimal(4) == marked.expected


def test_evidence_ignores_placeholder_sources() -> None:
    template = load(TEMPLATES / "manual-back-office.coi")
    reason = qualify(template, today=TODAY).reason("evidence")
    assert reason is not None and not reason.passed
    filled = fill_listed(template)
    reason = qualify(filled, today=TODAY).reason("evidence")
    assert reason is not None and reason.passed
