"""The solution's and the case's numbers are declared once: schema, model, checks follow."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from calculators import cli
from calculators.analysis import ranged_inputs
from calculators.case_fields import (
    CASE_FIELDS,
    DRIVER_FIELDS,
    SOLUTION_INPUTS,
    case_field,
    check_case_field,
    check_solution_input,
    solution_input,
)
from calculators.drivers import registry
from calculators.errors import CaseError
from calculators.inputs import Estimate, InputRef, Kind, check_input, check_parts
from calculators.model import Case, DriverBase, Solution
from calculators.storage import case_from_data


def schema_of_coi(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert cli.main(["schema"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    schema: dict[str, Any] = json.loads(out)
    return schema


def check_declared(node: dict[str, Any], spec: Any, where: str) -> None:
    """``node`` (a property's schema) carries the declaration's title, help and bounds."""
    assert node.get("title") == spec.label, where
    assert spec.help in node.get("description", ""), where
    declared = {
        name: bound
        for name, bound in (("minimum", spec.minimum), ("maximum", spec.maximum))
        if bound is not None
    }
    if node.get("type") == "integer":  # a whole number: JSON Schema's own bounds
        bounds = {name: Decimal(node[name]) for name in ("minimum", "maximum") if name in node}
    else:  # a decimal string (or an estimate): the bounds as decimal strings
        bounds = {name: Decimal(bound) for name, bound in node["x-bounds"].items()}
    assert bounds == declared, where


def test_coi_schema_gives_every_declared_number_its_own_title_and_bounds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    schema = schema_of_coi(capsys)
    defs = schema["$defs"]
    solution = defs["Solution"]["properties"]
    assert solution["investment"]["title"] == "One-time investment"
    assert solution["recurring_cost"]["title"] == "Recurring cost per month"
    assert "every month" in solution["recurring_cost"]["description"]
    assert solution["lead_time_months"]["maximum"] == 120
    for spec in SOLUTION_INPUTS:
        check_declared(solution[spec.key], spec, f"solution.{spec.key}")
    case = schema["properties"]
    assert (case["horizon_months"]["minimum"], case["horizon_months"]["maximum"]) == (1, 240)
    assert case["horizon_months"]["title"] == "Horizon"
    for spec in CASE_FIELDS:
        check_declared(case[spec.key], spec, spec.key)
    for key, kind in registry().items():
        stem = "".join(part.title() for part in key.split("_"))
        driver = defs[f"{stem}Driver"]["properties"]
        for spec in DRIVER_FIELDS:
            check_declared(driver[spec.key], spec, f"{key}.{spec.key}")
        inputs = defs[f"{stem}Inputs"]["properties"]
        for spec in kind.inputs:
            if spec.kind is Kind.NUMBER:
                check_declared(inputs[spec.key], spec, f"{key}.inputs.{spec.key}")
    titles = [solution[spec.key]["title"] for spec in SOLUTION_INPUTS]
    assert len(set(titles)) == len(titles)


def test_the_models_fields_are_the_declared_ones_with_the_declared_defaults() -> None:
    declared = {spec.key for spec in SOLUTION_INPUTS}
    assert set(Solution.model_fields) - {"name"} == declared
    default = Solution()
    for spec in SOLUTION_INPUTS:
        assert default.estimate(spec.key) == Estimate(expected=spec.default_decimal)
    for spec in CASE_FIELDS:
        field = Case.model_fields[spec.key]
        if spec.optional:  # absent from a file; the case reads the default
            assert field.default is None
            assert getattr(Case, spec.key.removeprefix("simulation_")) is not None
        else:
            assert Decimal(field.default) == spec.default_decimal
    for spec in DRIVER_FIELDS:
        assert DriverBase.model_fields[spec.key].default == Estimate(expected=spec.default_decimal)


def valid_case(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "cost-of-inaction/case",
        "schema_version": 1,
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
        "solution": {"investment": "1000"},
    }
    data.update(changes)
    return data


def loader_problem(data: dict[str, Any]) -> str:
    with pytest.raises(CaseError) as caught:
        case_from_data(data)
    return caught.value.problems[0]


@pytest.mark.parametrize(
    ("key", "value"),
    [("horizon_months", 0), ("horizon_months", 241), ("discount_rate", "1.5")],
)
def test_check_case_field_gives_the_loaders_message(key: str, value: Any) -> None:
    message = check_case_field(key, Decimal(value))
    assert message is not None
    assert loader_problem(valid_case(**{key: value})) == f"{key}: {message}"
    assert check_case_field(key, case_field(key).default_decimal) is None


@pytest.mark.parametrize(
    ("key", "value"), [("lead_time_months", 121), ("ramp_months", -1), ("investment", "-5")]
)
def test_check_solution_input_gives_the_loaders_message(key: str, value: Any) -> None:
    message = check_solution_input(key, Decimal(value))
    assert message is not None
    data = valid_case(solution={key: value})
    assert loader_problem(data) == f"solution.{key}: {message}"


@pytest.mark.parametrize(
    ("people", "part"),
    [
        ({"expected": "3", "low": "4"}, "low"),
        ({"expected": "3", "high": "2"}, "high"),
        ({"expected": "-3", "low": "-4", "source": "HR"}, "expected"),
        ("-3", ""),
    ],
)
def test_check_parts_follows_the_loaders_rules_and_order(people: Any, part: str) -> None:
    spec = registry()["labor"].spec("people")
    raw = people if isinstance(people, dict) else {"expected": people}
    parts = {k: Decimal(v) for k, v in raw.items() if k in ("expected", "low", "high")}
    found = check_parts(spec, **parts, plain=not isinstance(people, dict))
    assert found is not None
    assert found[0] == part
    data = valid_case()
    data["drivers"][0]["inputs"]["people"] = people
    path = "drivers[0].inputs.people" + (f".{part}" if part else "")
    assert loader_problem(data) == f"{path}: {found[1]}"


def test_check_input_on_a_valid_estimate_and_a_custom_number_writer() -> None:
    spec = solution_input("investment")
    assert check_input(spec, Estimate(expected=Decimal(5), low=Decimal(1))) is None
    assert check_parts(spec, Decimal(5), Decimal(6), show=lambda v: f"<{v}>") == (
        "low",
        "must be <= the most likely value (<5>)",
    )
    rate = case_field("discount_rate")
    assert rate.check_number(Decimal(2), lambda v: f"{v * 100} %") == "must be <= 100 %"


def test_the_solutions_ranged_inputs_are_referred_to_as_the_solutions() -> None:
    data = valid_case(solution={"investment": {"expected": "1000", "low": "900", "high": "1500"}})
    refs = [ref for ref, _estimate in ranged_inputs(case_from_data(data))]
    assert refs == [InputRef.solution("investment")]
    assert refs[0].is_solution and not InputRef(0, "people").is_solution
