"""The situation templates (``resources/templates``) and the bundled examples.

A template is what a rep starts from in a discovery call, so each one must load, compute,
tell its story, say where its key numbers come from, and arrive in the rep's calendar when
``coi new --template NAME`` copies it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calculators.calendar import edate
from calculators.cli import main
from calculators.engine import project, summarise
from calculators.inputs import Estimate, InputRef, Kind
from calculators.model import Case
from calculators.storage import case_to_data, load, months_between
from tests.conftest import EXAMPLES, TEMPLATES

TEMPLATE_FILES = sorted(TEMPLATES.glob("*.coi"))
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.coi"))
# The blank template is a form to fill in, not a situation: it has no story and no sources.
SITUATIONS = [path for path in TEMPLATE_FILES if path.stem != "blank"]

# The situations issue 3 asks for, with the driver types each one is built from.
EXPECTED_SITUATIONS = {
    "legacy-end-of-support": {"recurring_cost", "labor", "risk", "one_time"},
    "manual-back-office": {"labor", "errors", "delayed_benefit"},
    "compliance-deadline": {"one_time", "risk", "labor"},
    "customer-churn": {"churn", "revenue_leakage", "labor"},
    "security-exposure": {"risk", "downtime", "recurring_cost"},
    "contract-renewal-price-rise": {"price_increase", "recurring_cost", "custom"},
}

DATE_KEY = re.compile(r"(^|_)(date|deadline)$")
BUMP = Decimal("1.1")


def _ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


def _next_month_start(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _dated_fields(node: Any, path: str = "") -> dict[str, str]:
    """Every date in a case's JSON form, by its path (the fields `coi new` moves)."""
    found: dict[str, str] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else key
            if isinstance(value, str) and DATE_KEY.search(key):
                found[where] = value
            else:
                found.update(_dated_fields(value, where))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found.update(_dated_fields(item, f"{path}[{i}]"))
    return found


def _numeric_inputs(case: Case, index: int) -> dict[str, Estimate | None]:
    driver = case.drivers[index]
    return {
        spec.key: driver.input(spec.key) for spec in driver.kind.inputs if spec.kind is Kind.NUMBER
    }


def _key_inputs(case: Case, index: int) -> list[str]:
    """The inputs that drive most of a driver's cost over the horizon.

    Each numeric input alone is raised by 10 %; the ones whose effect on the driver's cost is
    at least half of the strongest effect are the key inputs (for a product of factors, every
    factor; a growth rate or a probability that only applies for part of the horizon may
    fall below).
    """
    driver = case.drivers[index]
    base = project(case)
    (own,) = [d for d in base.drivers if d.index == index]
    base_cost = base.driver_cost_over_horizon(own)
    assert base_cost > 0, f"{driver.name}: costs nothing over the horizon"
    effects: dict[str, Decimal] = {}
    for spec in driver.kind.inputs:
        if spec.kind is not Kind.NUMBER:
            continue
        stored = driver.input(spec.key)
        value = spec.default_decimal if stored is None else stored.expected
        if value == 0:
            continue
        bumped = value * BUMP
        if spec.maximum is not None:
            bumped = min(bumped, spec.maximum)
        moved = project(case, overrides={InputRef(index, spec.key): bumped})
        (theirs,) = [d for d in moved.drivers if d.index == index]
        effects[spec.key] = abs(moved.driver_cost_over_horizon(theirs) - base_cost) / base_cost
    strongest = max(effects.values())
    return [key for key, effect in effects.items() if effect * 2 >= strongest]


# --- every template -------------------------------------------------------------------


def test_the_six_situations_are_bundled() -> None:
    assert set(_ids(SITUATIONS)) == set(EXPECTED_SITUATIONS)
    assert "blank" in _ids(TEMPLATE_FILES)


@pytest.mark.parametrize("path", SITUATIONS, ids=_ids(SITUATIONS))
def test_template_loads_and_costs_something_before_the_deadline(path: Path) -> None:
    case = load(path)
    results = summarise(case)
    assert results.projection.cost_to_deadline > 0
    assert results.projection.cost_over_horizon >= results.projection.cost_to_deadline


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=_ids(TEMPLATE_FILES))
def test_coi_summary_of_template(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # The blank template's inputs are empty: it costs nothing until the rep fills them in.
    assert Decimal(data["cost_to_deadline"]) > 0 or path.stem == "blank"
    assert main(["summary", str(path)]) == 0
    assert load(path).title in capsys.readouterr().out


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=_ids(TEMPLATE_FILES))
def test_template_title_is_one_short_line(path: Path) -> None:
    title = load(path).title
    assert title.strip() == title
    assert title
    assert "\n" not in title
    assert len(title) <= 72


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=_ids(TEMPLATE_FILES))
def test_template_is_generic_and_in_us_english(path: Path) -> None:
    case = load(path)
    assert case.buyer.company == "Buyer company"
    assert (case.locale, case.currency) == ("en_US", "USD")
    assert case.start_date == dt.date(2027, 1, 1)


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=_ids(TEMPLATE_FILES))
def test_all_scenarios_compute(path: Path) -> None:
    case = load(path)
    costs = [
        summarise(case, scenario).projection.cost_over_horizon
        for scenario in ("conservative", "expected", "optimistic")
    ]
    # Every template input raises cost, so the range must come out in that order.
    assert costs[0] <= costs[1] <= costs[2]


# --- the situations ---------------------------------------------------------------------


@pytest.mark.parametrize("path", SITUATIONS, ids=_ids(SITUATIONS))
def test_situation_uses_its_driver_types(path: Path) -> None:
    case = load(path)
    types = {driver.type for driver in case.drivers}
    assert EXPECTED_SITUATIONS[path.stem] <= types


@pytest.mark.parametrize("path", SITUATIONS, ids=_ids(SITUATIONS))
def test_situation_tells_its_story_without_fixed_dates(path: Path) -> None:
    case = load(path)
    assert case.narrative is not None
    parts = (
        case.narrative.situation,
        case.narrative.compelling_event,
        case.narrative.consequences,
    )
    for text in parts:
        assert text and len(text.split()) >= 15
        # `coi new` moves every date field to the rep's calendar but cannot rewrite prose:
        # a year written into the story would be wrong as soon as the template is used.
        assert not re.search(r"\b20\d\d\b", text), text
    assert case.seller.company == "Your company"


@pytest.mark.parametrize("path", SITUATIONS, ids=_ids(SITUATIONS))
def test_situation_has_a_complete_solution(path: Path) -> None:
    case = load(path)
    solution = case.solution
    assert solution is not None
    assert solution.name
    assert solution.investment.expected > 0
    assert solution.investment.source
    assert solution.recurring_cost.source
    assert solution.lead_time_months > 0
    assert solution.ramp_months > 0
    results = summarise(case)
    assert results.solution is not None


def test_most_situations_pay_back_within_the_horizon() -> None:
    paying = [
        path.stem
        for path in SITUATIONS
        if (result := summarise(load(path)).solution) is not None
        and result.payback_months is not None
        and result.payback_months <= load(path).horizon_months
    ]
    assert len(paying) * 2 > len(SITUATIONS), paying


@pytest.mark.parametrize("path", SITUATIONS, ids=_ids(SITUATIONS))
def test_every_ranged_input_says_where_it_comes_from(path: Path) -> None:
    case = load(path)
    missing = [
        f"{driver.name} › {key}"
        for index, driver in enumerate(case.drivers)
        for key, stored in _numeric_inputs(case, index).items()
        if stored is not None and stored.is_ranged and not stored.source
    ]
    assert not missing


@pytest.mark.parametrize("path", SITUATIONS, ids=_ids(SITUATIONS))
def test_key_inputs_have_a_source_and_a_confidence(path: Path) -> None:
    case = load(path)
    missing = []
    for index, driver in enumerate(case.drivers):
        stored_inputs = _numeric_inputs(case, index)
        for key in _key_inputs(case, index):
            stored = stored_inputs[key]
            if stored is None or not stored.source or stored.confidence is None:
                missing.append(f"{driver.name} › {key}")
    assert not missing


@pytest.mark.parametrize("path", SITUATIONS, ids=_ids(SITUATIONS))
def test_dated_inputs_fall_inside_the_horizon(path: Path) -> None:
    case = load(path)
    results = summarise(case)
    last = results.projection.months[case.horizon_months - 1].end
    for where, value in _dated_fields(case_to_data(case)).items():
        day = dt.date.fromisoformat(value)
        assert case.start_date <= day < last, where


def test_key_inputs_rule_picks_the_factors_of_a_product() -> None:
    # The rule the source test relies on: in the labor driver every factor is key, a small
    # growth rate is not.
    case = load(TEMPLATES / "manual-back-office.coi")
    (index,) = [i for i, d in enumerate(case.drivers) if d.type == "labor"]
    assert set(_key_inputs(case, index)) == {"people", "hours_per_week", "hourly_cost"}


# --- coi new ----------------------------------------------------------------------------


def test_list_templates_shows_every_template_with_its_title(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["new", "--list-templates"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(TEMPLATE_FILES)
    columns = set()
    for path in TEMPLATE_FILES:
        title = json.loads(path.read_text(encoding="utf-8"))["title"]
        (line,) = [line for line in lines if line.split()[0] == path.stem]
        assert line.endswith(title)
        columns.add(len(line) - len(title))
    # The titles line up in one column, however long a template's name is.
    assert len(columns) == 1


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=_ids(TEMPLATE_FILES))
def test_new_from_template_moves_every_date_to_next_month(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _next_month_start(dt.date.today())
    output = tmp_path / "case.coi"
    assert main(["new", "--template", path.stem, "-o", str(output)]) == 0
    after = _next_month_start(dt.date.today())
    assert path.stem in capsys.readouterr().out

    template = load(path)
    case = load(output)
    assert case.start_date in (before, after)
    shift = months_between(template.start_date, case.start_date)
    assert case.deadline == edate(template.deadline, shift)
    old_dates = _dated_fields(case_to_data(template))
    new_dates = _dated_fields(case_to_data(case))
    assert set(new_dates) == set(old_dates)
    for where, value in old_dates.items():
        assert new_dates[where] == edate(dt.date.fromisoformat(value), shift).isoformat(), where
    # Apart from the dates, the rep gets the template as it is.
    assert case.title == template.title
    assert [d.name for d in case.drivers] == [d.name for d in template.drivers]
    assert case.placeholders == template.placeholders and case.guidance == template.guidance
    assert summarise(case).projection.cost_to_deadline > 0 or path.stem == "blank"


def test_validate_accepts_every_template_and_example(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(path) for path in TEMPLATE_FILES + EXAMPLE_FILES]
    assert main(["validate", *files]) == 0
    assert capsys.readouterr().out.count(": ok (") == len(files)


# --- the examples -----------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_ids(EXAMPLE_FILES))
def test_example_loads_and_summarises(path: Path) -> None:
    case = load(path)
    results = summarise(case)
    assert results.projection.cost_to_deadline > 0
    assert case.narrative is not None and case.narrative.situation
