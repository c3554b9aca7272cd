"""Validation of the case model as the desktop app and scripts use it (no files involved).

The messages come from the driver declarations and calculators.errors; these tests pin the
wording where it is derived (bounds, allowed fields) for every driver type, so a new driver
module gets the same readable messages without extra work.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from calculators.drivers import registry
from calculators.errors import CaseError, format_path, model_at, one_line, problems_from_validation
from calculators.inputs import Kind
from calculators.model import Buyer, Case, Solution, driver_models, make_driver
from calculators.numbers import decimal_to_json


def case_problems(**fields: Any) -> list[str]:
    data: dict[str, Any] = {
        "buyer": {"company": "Buyer Ltd"},
        "start_date": "2027-01-01",
        "deadline": "2027-04-15",
        **fields,
    }
    with pytest.raises(ValidationError) as caught:
        Case.model_validate(data)
    return problems_from_validation(caught.value, model=Case)


def driver_problems(type_key: str, **fields: Any) -> list[str]:
    return case_problems(drivers=[{"type": type_key, "name": "Driver", **fields}])


NUMBER_INPUTS = [
    (key, spec)
    for key, kind in registry().items()
    for spec in kind.inputs
    if spec.kind is Kind.NUMBER
]


@pytest.mark.parametrize(
    "type_key, spec", NUMBER_INPUTS, ids=[f"{k}.{s.key}" for k, s in NUMBER_INPUTS]
)
def test_every_numeric_input_reports_its_bounds_and_json_numbers(type_key: str, spec: Any) -> None:
    where = f"drivers[0].inputs.{spec.key}"
    if spec.minimum is not None:
        below = decimal_to_json(spec.minimum - 1)
        assert f"{where}: must be >= {decimal_to_json(spec.minimum)}" in driver_problems(
            type_key, inputs={spec.key: below}
        )
        assert f"{where}.low: must be >= {decimal_to_json(spec.minimum)}" in driver_problems(
            type_key, inputs={spec.key: {"expected": decimal_to_json(spec.default), "low": below}}
        )
    if spec.maximum is not None:
        above = decimal_to_json(spec.maximum + 1)
        assert f"{where}: must be <= {decimal_to_json(spec.maximum)}" in driver_problems(
            type_key, inputs={spec.key: above}
        )
    assert f'{where}: must be a decimal string such as "0.5", not a JSON number' in (
        driver_problems(type_key, inputs={spec.key: 0.5})
    )
    assert f"{where}: must be a number, not NaN" in driver_problems(
        type_key, inputs={spec.key: "NaN"}
    )


@pytest.mark.parametrize("type_key", list(registry()))
def test_unknown_input_lists_the_declared_inputs(type_key: str) -> None:
    declared = ", ".join(spec.key for spec in registry()[type_key].inputs)
    assert driver_problems(type_key, inputs={"zzz": "1"}) == [
        f"drivers[0].inputs.zzz: is not a known field (allowed: {declared})"
    ]


def test_several_problems_are_reported_in_order() -> None:
    assert case_problems(
        horizon_months=0,
        currency="EURO",
        drivers=[
            {"type": "labor", "name": "", "inputs": {"people": "-1"}},
            {"type": "nope", "name": "x"},
        ],
    ) == [
        "currency: unknown currency 'EURO' (use an ISO 4217 code like EUR or USD)",
        "horizon_months: must be >= 1",
        "drivers[0].name: must not be empty",
        "drivers[0].inputs.people: must be >= 0",
        "drivers[1].type: unknown driver type 'nope' (known: " + ", ".join(registry()) + ")",
    ]


def test_case_error_summary_counts_the_rest() -> None:
    assert str(CaseError(["a: x"])) == "a: x"
    assert str(CaseError(["a: x", "b: y"])) == "a: x (and 1 more problem)"
    assert str(CaseError(["a: x", "b: y", "c: z"])) == "a: x (and 2 more problems)"
    assert str(CaseError([])) == "invalid case"


@pytest.mark.parametrize(
    "field, value, problem",
    [
        (
            "horizon_months",
            "36",
            "horizon_months: must be a whole number written without quotes (got '36')",
        ),
        ("horizon_months", 12.0, "horizon_months: must be a whole number (got 12.0)"),
        ("horizon_months", True, "horizon_months: must be a whole number (got true)"),
        ("horizon_months", None, "horizon_months: must be a whole number (got null)"),
        (
            "discount_rate",
            0.08,
            'discount_rate: must be a decimal string such as "0.08", not a JSON number',
        ),
        ("discount_rate", True, "discount_rate: must be a number, not true/false"),
        ("discount_rate", "1.5", "discount_rate: must be <= 1"),
        ("title", ["a"], "title: must be text (got a list)"),
        ("seller", "Example AG", "seller: must be an object (got text)"),
        (
            "language",
            "klingon",
            "language: unknown locale 'klingon' (use a code like en_US or de_DE)",
        ),
        ("notes", "x" * 100_001, "notes: must be at most 100000 characters"),
    ],
)
def test_strict_types_from_python(field: str, value: Any, problem: str) -> None:
    assert case_problems(**{field: value}) == [problem]


def test_solution_integers_and_booleans_are_strict() -> None:
    assert case_problems(solution={"lead_time_months": "2", "ramp_months": 1.5}) == [
        "solution.lead_time_months: must be a whole number written without quotes (got '2')",
        "solution.ramp_months: must be a whole number (got 1.5)",
    ]
    assert driver_problems("labor", enabled=1) == [
        "drivers[0].enabled: must be true or false (got 1)"
    ]
    assert Solution(lead_time_months=2).lead_time_months == 2


def test_dates_from_python_are_range_checked_too() -> None:
    assert case_problems(start_date=dt.date(1899, 12, 31)) == [
        "start_date: must be between 1900-01-01 and 2999-12-31"
    ]
    assert case_problems(deadline=dt.date(3000, 1, 1)) == [
        "deadline: must be between 1900-01-01 and 2999-12-31"
    ]
    assert driver_problems(
        "risk", inputs={"after_date": "3000-01-01", "probability_after": "0"}
    ) == ["drivers[0].inputs.after_date: must be between 1900-01-01 and 2999-12-31"]


def test_deadline_limits() -> None:
    assert case_problems(deadline="2027-01-01") == [
        "deadline: must be after start_date (2027-01-01)"
    ]
    assert case_problems(deadline="2047-01-02") == [
        "deadline: must be no later than 2047-01-01 (20 years after start_date)"
    ]
    limit = Case.model_validate(
        {"buyer": {"company": "B"}, "start_date": "2027-01-31", "deadline": "2047-01-31"}
    )
    assert limit.deadline == dt.date(2047, 1, 31)


def test_make_driver_reports_like_a_file() -> None:
    with pytest.raises(ValidationError) as caught:
        make_driver("labor", "Re-keying", inputs={"hourly_cost": "-5"})
    assert problems_from_validation(caught.value, prefix="drivers[3]") == [
        "drivers[3].inputs.hourly_cost: must be >= 0"
    ]
    driver = make_driver("labor", "Re-keying", inputs={"hourly_cost": "48"})
    assert driver.input("hourly_cost").expected == Decimal("48")


def test_unknown_field_in_nested_objects_lists_that_objects_fields() -> None:
    assert case_problems(buyer={"company": "B", "kontact": "x"}) == [
        "buyer.kontact: is not a known field; did you mean contact? (allowed: company, contact)"
    ]
    assert case_problems(narrative={"story": "x"}) == [
        "narrative.story: is not a known field "
        "(allowed: situation, compelling_event, consequences, ask)"
    ]


def test_model_at_follows_the_error_location() -> None:
    models = driver_models()
    assert model_at(Case, ()) is Case
    assert model_at(Case, ("buyer",)) is Buyer
    assert model_at(Case, ("solution",)) is Solution
    assert model_at(Case, ("drivers", 0, "risk")) is models["risk"]
    inputs = model_at(Case, ("drivers", 4, "labor", "inputs"))
    assert inputs is not None and issubclass(inputs, BaseModel)
    assert list(inputs.model_fields) == [spec.key for spec in registry()["labor"].inputs]
    assert model_at(Case, ("drivers", 0, "nope", "inputs")) is None
    assert model_at(Case, ("title",)) is None
    assert model_at(Case, ("nothing", "here")) is None


def test_format_path_quotes_odd_keys() -> None:
    assert (
        format_path(("drivers", 2, "labor", "inputs", "hourly_cost"))
        == "drivers[2].inputs.hourly_cost"
    )
    assert format_path(("a b",)) == "['a b']"
    assert format_path(("drivers", 0, "labor", "inputs", "x\ny")) == "drivers[0].inputs['x\\ny']"
    long = format_path(("k" * 100,))
    assert long.startswith("['kkk") and len(long) < 50


def test_one_line_escapes_line_breaks_and_cuts_long_text() -> None:
    assert one_line("a\nb\r\tc\u2028d\x1b") == "a\\nb\\r\\tc\\u2028d\\x1b"
    assert one_line("x" * 1000) == "x" * 499 + "…"
    assert str(CaseError(["title: got 'a\nb'"])) == "title: got 'a\\nb'"


def test_every_problem_is_one_line_even_for_hostile_keys() -> None:
    problems = case_problems(
        **{"\n\n": 1, "x" * 5000: 2},
        drivers=[{"type": "labor\nrm -rf", "name": "x"}],
    )
    assert len(problems) == 3
    for problem in problems:
        assert "\n" not in problem and len(problem) <= 500


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "must be a number, got null"),
        ({"a": 1}, "must be a number, got an object"),
        ([1], "must be a number, got a list"),
    ],
)
def test_non_numbers_are_named_as_json_calls_them(value: object, message: str) -> None:
    from calculators.numbers import NumberError, parse_decimal

    with pytest.raises(NumberError) as caught:
        parse_decimal(value)
    assert str(caught.value) == message


def test_a_name_of_spaces_is_no_name() -> None:
    from pydantic import ValidationError

    from calculators.errors import problems_from_validation
    from calculators.model import Case

    data = {
        "buyer": {"company": "   "},
        "start_date": "2027-01-01",
        "deadline": "2027-06-01",
        "drivers": [{"type": "labor", "name": " \t "}],
    }
    with pytest.raises(ValidationError) as caught:
        Case.model_validate(data)
    assert problems_from_validation(caught.value) == [
        "buyer.company: must not be empty",
        "drivers[0].name: must not be empty",
    ]


@pytest.mark.parametrize(
    ("locale", "message"),
    [
        ("th_TH", "locale: th_TH: the PDF cannot show this language's script yet"),
        ("hi_IN", "locale: hi_IN: the PDF cannot show this language's script yet"),
        ("ar_EG", "locale: ar_EG: right-to-left languages are not supported in the PDF yet"),
        ("he_IL", "locale: he_IL: right-to-left languages are not supported in the PDF yet"),
    ],
)
def test_locales_the_report_cannot_print_are_refused(locale: str, message: str) -> None:
    from pydantic import ValidationError

    from calculators.errors import problems_from_validation
    from calculators.model import Case

    data = {"buyer": {"company": "B"}, "start_date": "2027-01-01", "deadline": "2027-06-01"}
    with pytest.raises(ValidationError) as caught:
        Case.model_validate({**data, "locale": locale})
    assert problems_from_validation(caught.value)[0].startswith(message)


@pytest.mark.parametrize(
    "locale",
    [
        "en_US",
        "de_DE",
        "fr_CH",
        "el_GR",
        "ru_RU",
        "uk_UA",
        "ja_JP",
        "zh_CN",
        "ko_KR",
        "pl_PL",
        "tr_TR",
        "vi_VN",
    ],
)
def test_locales_with_supported_scripts_are_accepted(locale: str) -> None:
    from calculators.model import Case

    data = {"buyer": {"company": "B"}, "start_date": "2027-01-01", "deadline": "2027-06-01"}
    assert Case.model_validate({**data, "locale": locale}).locale == locale
