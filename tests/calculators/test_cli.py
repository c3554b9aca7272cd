"""The ``coi`` command line: every kind of bad input gives one line naming the field, exit 2.

Most tests call :func:`calculators.cli.main` in-process (fast); a few run the real console
script in a subprocess to prove that what a user sees has no traceback either.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from calculators import cli
from calculators.drivers import driver_keys
from calculators.model import Case
from calculators.storage import MAX_FILE_BYTES, load
from tests.conftest import EXAMPLES, ROOT, TEMPLATES

ACME = EXAMPLES / "acme-order-automation.coi"
NORTHWIND = EXAMPLES / "northwind-legacy-erp.coi"
KNOWN = ", ".join(driver_keys())
CASE_FIELDS = ", ".join(Case.model_fields)


def acme() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ACME.read_text(encoding="utf-8"))
    return data


class Raw:
    """A literal written into the JSON text as is (NaN, 1e400, 48.5 ...)."""

    def __init__(self, text: str) -> None:
        self.text = text


REMOVE = object()


def case_json(changes: dict[tuple[str | int, ...], Any]) -> bytes:
    """The Acme example with ``changes`` applied: path -> new value (REMOVE deletes it)."""
    data = acme()
    raws: dict[str, str] = {}
    for path, value in changes.items():
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        if value is REMOVE:
            del node[path[-1]]
        elif isinstance(value, Raw):
            marker = f"@@raw{len(raws)}@@"
            raws[f'"{marker}"'] = value.text
            node[path[-1]] = marker
        else:
            node[path[-1]] = value
    text = json.dumps(data, ensure_ascii=False)
    for marker, literal in raws.items():
        text = text.replace(marker, literal)
    return text.encode("utf-8")


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


PEOPLE = ("drivers", 0, "inputs", "people")
HOURLY = ("drivers", 0, "inputs", "hourly_cost")
LABOR_INPUTS = "people, hours_per_week, hourly_cost, annual_growth"

# (changes to the Acme example, the one problem reported after "coi: FILE: ")
BAD_CASES: dict[str, tuple[dict[tuple[str | int, ...], Any], str]] = {
    "horizon-as-string": (
        {("horizon_months",): "36"},
        "horizon_months: must be a whole number written without quotes (got '36')",
    ),
    "horizon-as-float": (
        {("horizon_months",): 36.5},
        "horizon_months: must be a whole number (got 36.5)",
    ),
    "horizon-as-bool": (
        {("horizon_months",): True},
        "horizon_months: must be a whole number (got true)",
    ),
    "horizon-0": ({("horizon_months",): 0}, "horizon_months: must be >= 1"),
    "horizon-241": ({("horizon_months",): 241}, "horizon_months: must be <= 240"),
    "buyer-as-list": ({("buyer",): ["Acme"]}, "buyer: must be an object (got a list)"),
    "buyer-missing": ({("buyer",): REMOVE}, "buyer: is required"),
    "buyer-company-as-number": (
        {("buyer", "company"): 5},
        "buyer.company: must be text (got a number)",
    ),
    "money-as-json-number": (
        {HOURLY: Raw("48.5")},
        'drivers[0].inputs.hourly_cost: must be a decimal string such as "48.5", not a JSON number',
    ),
    "expected-as-json-number": (
        {(*HOURLY, "expected"): Raw("48.5")},
        'drivers[0].inputs.hourly_cost.expected: must be a decimal string such as "48.5", '
        "not a JSON number",
    ),
    "investment-as-json-number": (
        {("solution", "investment"): Raw("60000.5")},
        'solution.investment: must be a decimal string such as "60000.5", not a JSON number',
    ),
    "rate-as-json-number": (
        {("discount_rate",): Raw("0.08")},
        'discount_rate: must be a decimal string such as "0.08", not a JSON number',
    ),
    "money-as-text": (
        {HOURLY: "lots"},
        "drivers[0].inputs.hourly_cost: must be a number, got 'lots'",
    ),
    "negative-people": ({PEOPLE: "-3"}, "drivers[0].inputs.people: must be >= 0"),
    "negative-people-low": (
        {PEOPLE: {"expected": "6", "low": "-1"}},
        "drivers[0].inputs.people.low: must be >= 0",
    ),
    "low-above-expected": (
        {PEOPLE: {"expected": "6", "low": "9"}},
        "drivers[0].inputs.people.low: must be <= the most likely value (6)",
    ),
    "high-below-expected": (
        {PEOPLE: {"expected": "6", "high": "5"}},
        "drivers[0].inputs.people.high: must be >= the most likely value (6)",
    ),
    "estimate-without-expected": (
        {PEOPLE: {"low": "5"}},
        "drivers[0].inputs.people.expected: needs an 'expected' value",
    ),
    "estimate-unknown-key": (
        {PEOPLE: {"expected": "6", "guess": "7"}},
        "drivers[0].inputs.people: unknown key 'guess' "
        "(allowed: expected, low, high, source, confidence, note, confirmed_by, confirmed_on, "
        "placeholder)",
    ),
    "estimate-bad-confidence": (
        {PEOPLE: {"expected": "6", "confidence": "very"}},
        "drivers[0].inputs.people.confidence: must be one of high, medium, low",
    ),
    "unknown-driver-type": (
        {("drivers", 1, "type"): "magic"},
        f"drivers[1].type: unknown driver type 'magic' (known: {KNOWN})",
    ),
    "driver-type-as-number": (
        {("drivers", 1, "type"): 5},
        f"drivers[1].type: unknown driver type 5 (known: {KNOWN})",
    ),
    "missing-driver-type": (
        {("drivers", 1, "type"): REMOVE},
        f"drivers[1].type: is required (one of: {KNOWN})",
    ),
    "driver-not-an-object": (
        {("drivers", 1): "labor"},
        "drivers[1]: must be an object (got text)",
    ),
    "drivers-not-a-list": ({("drivers",): {}}, "drivers: must be a list (got an object)"),
    "unknown-input-key-close-match": (
        {("drivers", 0, "inputs", "peeple"): "6"},
        "drivers[0].inputs.peeple: is not a known field; did you mean people? "
        f"(allowed: {LABOR_INPUTS})",
    ),
    "unknown-input-key": (
        {("drivers", 0, "inputs", "colour"): "6"},
        f"drivers[0].inputs.colour: is not a known field (allowed: {LABOR_INPUTS})",
    ),
    "unknown-driver-field": (
        {("drivers", 0, "colour"): "red"},
        "drivers[0].colour: is not a known field (allowed: name, inputs, enabled, "
        "addressable, start_date, end_date, notes, savings_class)",
    ),
    "unknown-top-level-field": (
        {("colour",): "red"},
        f"colour: is not a known field (allowed: {CASE_FIELDS})",
    ),
    "unknown-solution-field": (
        {("solution", "price"): "1"},
        "solution.price: is not a known field (allowed: name, investment, recurring_cost, "
        "internal_cost, internal_recurring_cost, lead_time_months, ramp_months)",
    ),
    "unknown-field-with-newline": (
        {("bad\nkey",): 1},
        f"['bad\\nkey']: is not a known field (allowed: {CASE_FIELDS})",
    ),
    "nan-literal": ({PEOPLE: Raw("NaN")}, "drivers[0].inputs.people: must be a number, not NaN"),
    "nan-string": ({PEOPLE: "NaN"}, "drivers[0].inputs.people: must be a number, not NaN"),
    "nan-string-rate": ({("discount_rate",): "nan"}, "discount_rate: must be a number, not NaN"),
    "infinity-literal": (
        {PEOPLE: Raw("-Infinity")},
        "drivers[0].inputs.people: must be a decimal string, not a JSON number "
        "(and this one is too large)",
    ),
    "infinity-string": ({PEOPLE: "Infinity"}, "drivers[0].inputs.people: must be a finite number"),
    "1e400-json-number": (
        {PEOPLE: Raw("1e400")},
        "drivers[0].inputs.people: must be a decimal string, not a JSON number "
        "(and this one is too large)",
    ),
    "1e400-string": (
        {PEOPLE: "1e400"},
        "drivers[0].inputs.people: must be between -1,000,000,000,000,000 and "
        "1,000,000,000,000,000",
    ),
    "1e400-horizon": (
        {("horizon_months",): Raw("1e400")},
        "horizon_months: must be a whole number (got inf)",
    ),
    "people-above-maximum": ({PEOPLE: "1e7"}, "drivers[0].inputs.people: must be <= 1000000"),
    "deadline-before-start": (
        {("deadline",): "2026-12-31"},
        "deadline: must be after start_date (2027-01-01)",
    ),
    "deadline-equal-to-start": (
        {("deadline",): "2027-01-01"},
        "deadline: must be after start_date (2027-01-01)",
    ),
    "deadline-too-far": (
        {("deadline",): "2047-01-02"},
        "deadline: must be no later than 2047-01-01 (20 years after start_date)",
    ),
    "invalid-date": ({("deadline",): "2027-02-30"}, "deadline: is not a real date: '2027-02-30'"),
    "date-in-local-format": (
        {("deadline",): "15.04.2027"},
        "deadline: must be a date written as YYYY-MM-DD, e.g. 2027-04-15",
    ),
    "date-as-number": (
        {("start_date",): 20270101},
        "start_date: must be a date written as YYYY-MM-DD, e.g. 2027-04-15",
    ),
    "date-out-of-range": (
        {("start_date",): "9999-01-01"},
        "start_date: must be between 1900-01-01 and 2999-12-31",
    ),
    "driver-end-before-start": (
        {("drivers", 0, "start_date"): "2027-06-01", ("drivers", 0, "end_date"): "2027-03-01"},
        "drivers[0].end_date: must be after start_date",
    ),
    "unknown-currency": (
        {("currency",): "XYZ"},
        "currency: unknown currency 'XYZ' (use an ISO 4217 code like EUR or USD)",
    ),
    "unknown-locale": (
        {("locale",): "xx_QQ"},
        "locale: unknown locale 'xx_QQ' (use a code like en_US or de_DE)",
    ),
    "locale-as-number": ({("locale",): 49}, "locale: must be text (got a number)"),
    "schema-version-newer": (
        {("schema_version",): 2},
        "schema_version: this file was written by a newer version of Cost of Inaction "
        "(file format 2; this app reads up to 1); please update the app to open it",
    ),
    "schema-version-missing": (
        {("schema_version",): REMOVE},
        "schema_version: is required (this app writes 1)",
    ),
    "schema-version-as-string": (
        {("schema_version",): "1"},
        "schema_version: must be a whole number such as 1 (got '1')",
    ),
    "schema-version-as-float": (
        {("schema_version",): 1.5},
        "schema_version: must be a whole number such as 1 (got 1.5)",
    ),
    "schema-version-zero": ({("schema_version",): 0}, "schema_version: 0 is not a valid version"),
    "wrong-format-marker": (
        {("format",): "something/else"},
        "format: must be 'cost-of-inaction/case' (is this a Cost of Inaction case file?)",
    ),
    "format-marker-missing": (
        {("format",): REMOVE},
        "format: is required (is this a Cost of Inaction case file?)",
    ),
    "empty-driver-name": ({("drivers", 0, "name"): ""}, "drivers[0].name: must not be empty"),
    "driver-name-missing": ({("drivers", 0, "name"): REMOVE}, "drivers[0].name: is required"),
    "risk-after-date-without-probability": (
        {("drivers", 2, "inputs", "after_date"): "2027-06-01"},
        "drivers[2].inputs.probability_after: is required when after_date is set",
    ),
    "period-not-a-choice": (
        {("drivers", 1, "inputs", "period"): "week"},
        "drivers[1].inputs.period: must be one of month, quarter, year (got 'week')",
    ),
    "enabled-as-string": (
        {("drivers", 0, "enabled"): "yes"},
        "drivers[0].enabled: must be true or false (got 'yes')",
    ),
    "addressable-above-one": (
        {("drivers", 0, "addressable"): "1.5"},
        "drivers[0].addressable: must be <= 1",
    ),
    "negative-lead-time": (
        {("solution", "lead_time_months"): -1},
        "solution.lead_time_months: must be >= 0",
    ),
    "solution-as-list": ({("solution",): []}, "solution: must be an object (got a list)"),
    "nested-list-as-text": (
        {("narrative", "situation"): json.loads("[" * 200 + "]" * 200)},
        "narrative.situation: must be text (got a list)",
    ),
    "too-many-drivers": (
        {("drivers",): [acme()["drivers"][0]] * 201},
        "drivers: must have at most 200 items",
    ),
}


@pytest.mark.parametrize("changes, problem", BAD_CASES.values(), ids=BAD_CASES.keys())
def test_bad_case_gives_one_line_naming_the_field(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    changes: dict[tuple[str | int, ...], Any],
    problem: str,
) -> None:
    file = tmp_path / "case.coi"
    file.write_bytes(case_json(changes))
    code, out, err = run(capsys, "validate", file)
    assert (code, out) == (2, "")
    assert err == f"coi: {file}: {problem}\n"


def test_the_issue_example_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = acme()
    data["drivers"] = [data["drivers"][1], data["drivers"][2], data["drivers"][0]]
    data["drivers"][2]["inputs"]["hourly_cost"] = "-48"
    file = tmp_path / "case.coi"
    file.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "summary", file)
    assert (code, out) == (2, "")
    assert err == f"coi: {file}: drivers[2].inputs.hourly_cost: must be >= 0\n"


def _raw(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


BAD_FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "invalid-json": (
        _raw('{\n  "format": "cost-of-inaction/case",\n  schema_version: 1\n}'),
        "not valid JSON (line 3, column 3: Expecting property name enclosed in double quotes)",
    ),
    "trailing-comma": (
        _raw('{"format": "cost-of-inaction/case",}'),
        "not valid JSON (line 1, column 36: Expecting property name enclosed in double quotes)",
    ),
    "empty-file": (_raw(""), "the file is empty"),
    "only-whitespace": (_raw(" \n\t\n"), "the file is empty"),
    "a-list": (_raw("[1, 2]"), "the file must contain a JSON object {...}, not a list"),
    "a-string": (_raw('"case"'), "the file must contain a JSON object {...}, not a single value"),
    "not-utf8": (
        lambda: b'{"title": "caf\xe9"}',
        "not UTF-8 text (invalid byte at offset 14); save it as UTF-8",
    ),
    "utf16": (
        lambda: '{"title": "x"}'.encode("utf-16"),
        "not UTF-8 text (invalid byte at offset 0); save it as UTF-8",
    ),
    "deeply-nested-lists": (
        _raw("[" * 100_000 + "]" * 100_000),
        "not valid JSON (nested too deeply)",
    ),
    "deeply-nested-objects": (
        _raw('{"a":' * 100_000 + "1" + "}" * 100_000),
        "not valid JSON (nested too deeply)",
    ),
    "huge-integer": (
        lambda: case_json({PEOPLE: Raw("9" * 5000)}),
        "not valid JSON (a number has more than 4000 digits)",
    ),
    "duplicate-key": (
        lambda: case_json({}).replace(
            b'"horizon_months": 36', b'"horizon_months": 36, "horizon_months": 12'
        ),
        "horizon_months: appears more than once",
    ),
    "lone-surrogate": (
        lambda: case_json({("title",): Raw('"\\ud800"')}),
        "title: contains an invalid \\u escape",
    ),
}


@pytest.mark.parametrize("content, problem", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_file_gives_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: Callable[[], bytes],
    problem: str,
) -> None:
    file = tmp_path / "case.coi"
    file.write_bytes(content())
    code, out, err = run(capsys, "summary", file)
    assert (code, out) == (2, "")
    assert err == f"coi: {file}: {problem}\n"


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.coi"
    assert run(capsys, "summary", missing) == (2, "", f"coi: {missing}: no such file\n")


def test_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", tmp_path) == (
        2,
        "",
        f"coi: {tmp_path}: is a folder, not a case file\n",
    )


def test_file_name_with_nul(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", "a\0b.coi") == (
        2,
        "",
        "coi: a\\x00b.coi: not a valid file name\n",
    )


def test_file_over_10_mib_is_refused_before_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def parse(*args: object, **kwargs: object) -> object:
        raise AssertionError("parsed a file over the size cap")

    monkeypatch.setattr(json, "loads", parse)
    file = tmp_path / "big.coi"
    with file.open("wb") as handle:
        handle.write(ACME.read_bytes())
        handle.truncate(MAX_FILE_BYTES + 1)
    assert run(capsys, "validate", file) == (
        2,
        "",
        f"coi: {file}: the file is larger than 10 MiB\n",
    )


def test_many_problems_are_listed_one_per_line_and_capped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labor = acme()["drivers"][0]
    drivers = [{**labor, "inputs": {"people": "-1"}} for _ in range(25)]
    file = tmp_path / "case.coi"
    file.write_bytes(case_json({("drivers",): drivers}))
    code, out, err = run(capsys, "summary", file)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[:20] == [
        f"coi: {file}: drivers[{i}].inputs.people: must be >= 0" for i in range(20)
    ]
    assert lines[20:] == ["coi: ... and 5 more problems"]


def test_validate_reports_each_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.coi"
    bad.write_bytes(case_json({PEOPLE: "-1"}))
    missing = tmp_path / "missing.coi"
    code, out, err = run(capsys, "validate", ACME, bad, NORTHWIND, missing)
    assert code == 2
    assert out == f"{ACME}: ok (3 drivers)\n{NORTHWIND}: ok (4 drivers)\n"
    assert err == (
        f"coi: {bad}: drivers[0].inputs.people: must be >= 0\ncoi: {missing}: no such file\n"
    )


def test_validate_all_good(capsys: pytest.CaptureFixture[str]) -> None:
    blank = TEMPLATES / "blank.coi"
    assert run(capsys, "validate", blank) == (0, f"{blank}: ok (1 driver)\n", "")


def test_summary_json_of_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "summary", ACME, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["currency"] == "EUR"
    assert data["drivers"][0]["cost_to_deadline"] == "21632.00"


def test_results_too_large_to_show_are_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every input at its upper bound: 100 % growth a year for 20 years.
    data = acme()
    data["horizon_months"] = 240
    data["drivers"][0]["inputs"] = {
        "people": "1000000",
        "hours_per_week": "168",
        "hourly_cost": "1000000",
        "annual_growth": "1",
    }
    file = tmp_path / "huge.coi"
    file.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "summary", file, "--json")
    assert "Traceback" not in err and "internal error" not in err
    if code == 2:  # until formatting can show numbers beyond 40 digits
        assert out == ""
        assert err == (
            f"coi: {file}: the results are too large to show; check the growth and "
            "escalation rates and the horizon\n"
        )
    else:
        assert code == 0 and json.loads(out)["currency"] == "EUR"


# --- coi new ---------------------------------------------------------------------------


def test_new_writes_a_valid_case_at_the_given_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new.coi"
    code, out, err = run(capsys, "new", "--start", "2028-03-01", "-o", target)
    assert (code, err) == (0, "")
    assert out == f"Wrote {target} from template 'blank'.\n"
    case = load(target)
    assert case.start_date == dt.date(2028, 3, 1)
    assert case.deadline == dt.date(2028, 6, 1)  # the template's 3 months, moved along


def test_new_start_defaults_to_next_month(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "new.coi"
    assert run(capsys, "new", "-o", target)[0] == 0
    start = load(target).start_date
    today = dt.date.today()
    assert start.day == 1 and start > today
    assert (start.year * 12 + start.month) - (today.year * 12 + today.month) == 1


@pytest.mark.parametrize("template", sorted(p.stem for p in TEMPLATES.glob("*.coi")))
def test_new_moves_every_date_of_every_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], template: str
) -> None:
    original = json.loads((TEMPLATES / f"{template}.coi").read_text(encoding="utf-8"))
    target = tmp_path / "new.coi"
    code, _out, err = run(
        capsys, "new", "--template", template, "--start", "2031-05-01", "-o", target
    )
    assert (code, err) == (0, "")
    written = json.loads(target.read_text(encoding="utf-8"))
    start = dt.date.fromisoformat(original["start_date"])
    months = (2031 - start.year) * 12 + 5 - start.month
    assert written["start_date"] == "2031-05-01"
    for old, new in zip(_dates(original), _dates(written), strict=True):
        assert old[0] == new[0]
        old_date, new_date = dt.date.fromisoformat(old[1]), dt.date.fromisoformat(new[1])
        assert (new_date.year * 12 + new_date.month) - (old_date.year * 12 + old_date.month) == (
            months
        ), old[0]


def _dates(node: Any, path: str = "") -> list[tuple[str, str]]:
    """(path, value) of every date in a case's JSON."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and (key.endswith("_date") or key == "deadline"):
                found.append((f"{path}.{key}", value))
            else:
                found.extend(_dates(value, f"{path}.{key}"))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_dates(item, f"{path}[{index}]"))
    return found


def test_new_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.coi"
    target.write_text("my precious work", encoding="utf-8")
    assert run(capsys, "new", "-o", target) == (
        2,
        "",
        f"coi: {target}: already exists (use --force to overwrite)\n",
    )
    assert target.read_text(encoding="utf-8") == "my precious work"
    assert run(capsys, "new", "--force", "-o", target)[0] == 0
    assert load(target).title.startswith("Blank case")


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_new_never_leaves_a_partial_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failing: str,
) -> None:
    target = tmp_path / "mine.coi"
    target.write_text("my precious work", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    assert run(capsys, "new", "--force", "-o", target) == (
        2,
        "",
        f"coi: {target}: cannot write (No space left on device)\n",
    )
    assert target.read_text(encoding="utf-8") == "my precious work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.coi"]


def test_new_failure_on_a_fresh_file_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    target = tmp_path / "new.coi"
    assert run(capsys, "new", "-o", target)[0] == 2
    assert list(tmp_path.iterdir()) == []


def test_new_unknown_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "new.coi"
    known = ", ".join(sorted(p.stem for p in TEMPLATES.glob("*.coi")))
    assert run(capsys, "new", "--template", "nope", "-o", target) == (
        2,
        "",
        f"coi: --template: unknown template 'nope' (known: {known})\n",
    )
    assert not target.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--start", "tomorrow"],
            "coi: argument --start: not a date (YYYY-MM-DD): 'tomorrow' (see 'coi new --help')",
        ),
        (["--start", "9999-01-01"], "coi: --start: must be between 1900-01-01 and 2999-12-31"),
        ([], "coi: new: -o/--output FILE is required (see 'coi new --help')"),
    ],
)
def test_new_bad_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    output = ["-o", str(tmp_path / "new.coi")] if args else []
    assert run(capsys, "new", *args, *output) == (2, "", message + "\n")
    assert list(tmp_path.iterdir()) == []


def test_new_into_a_folder_or_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "new", "--force", "-o", tmp_path) == (
        2,
        "",
        f"coi: {tmp_path}: is a folder; give a file name\n",
    )
    target = tmp_path / "missing" / "new.coi"
    assert run(capsys, "new", "-o", target) == (
        2,
        "",
        f"coi: {target}: the folder {target.parent} does not exist\n",
    )


def test_new_lists_templates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "new", "--list-templates")
    assert (code, err) == (0, "")
    assert [line.split()[0] for line in out.splitlines()] == sorted(
        p.stem for p in TEMPLATES.glob("*.coi")
    )


# --- usage ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "coi: the following arguments are required: command (see 'coi --help')"),
        (
            ["frobnicate"],
            "coi: argument command: invalid choice: 'frobnicate' (choose from 'new', "
            "'validate', 'check', 'summary', 'render', 'workbook', 'import-inputs', 'schema'",
        ),
        (["summary"], "coi: the following arguments are required: file (see 'coi summary --help')"),
        (
            ["summary", str(ACME), "--scenario", "best"],
            "coi: argument --scenario: invalid choice: 'best' (choose from 'expected', "
            "'conservative', 'optimistic') (see 'coi summary --help')",
        ),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_version_and_help_return_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--version")
    assert code == 0 and out.startswith("coi ")
    code, out, _err = run(capsys, "validate", "--help")
    assert code == 0 and "usage: coi validate" in out


# --- coi schema ------------------------------------------------------------------------


def test_schema_is_json_that_accepts_the_examples_and_rejects_bad_cases(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "schema")
    assert (code, err) == (0, "")
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    items = schema["properties"]["drivers"]["items"]
    assert set(items["discriminator"]["mapping"]) == set(driver_keys())
    assert {ref["$ref"] for ref in items["oneOf"]} == set(
        items["discriminator"]["mapping"].values()
    )
    for path in [*EXAMPLES.glob("*.coi"), *TEMPLATES.glob("*.coi")]:
        assert _schema_problems(schema, json.loads(path.read_text(encoding="utf-8"))) == [], path
    bad = json.loads(case_json({("drivers", 1, "type"): "magic"}))
    assert _schema_problems(schema, bad) == [
        "drivers[1]: no driver type 'magic'",
    ]
    bad = json.loads(case_json({HOURLY: Raw("48.5"), ("drivers", 0, "colour"): "red"}))
    assert _schema_problems(schema, bad) == [
        "drivers[0].colour: not allowed",
        "drivers[0].inputs.hourly_cost: matches no alternative",
    ]


def _schema_problems(schema: dict[str, Any], value: Any) -> list[str]:
    """Check ``value`` against the subset of JSON Schema the case schema uses.

    jsonschema is not a dependency; this covers $ref, type, properties, required,
    additionalProperties, items, oneOf/anyOf (with the discriminator), enum, const, pattern.
    """
    import re

    problems: list[str] = []

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        return node

    def check(node: dict[str, Any], value: Any, path: str) -> bool:
        node = resolve(node)
        before = len(problems)
        kinds = {
            "object": dict,
            "array": list,
            "string": str,
            "boolean": bool,
            "null": type(None),
        }
        expected = node.get("type")
        if expected == "integer":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif expected == "number":
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        else:
            ok = expected is None or isinstance(value, kinds[expected])
        if not ok:
            problems.append(f"{path}: not {expected}")
            return False
        if "const" in node and value != node["const"]:
            problems.append(f"{path}: not {node['const']!r}")
        if "enum" in node and value not in node["enum"]:
            problems.append(f"{path}: not one of {node['enum']}")
        if "pattern" in node and isinstance(value, str) and not re.search(node["pattern"], value):
            problems.append(f"{path}: does not match {node['pattern']}")
        if isinstance(value, dict):
            properties = node.get("properties", {})
            for key in node.get("required", []):
                if key not in value:
                    problems.append(f"{path}.{key}: required".lstrip("."))
            for key, item in value.items():
                where = f"{path}.{key}".lstrip(".")
                if key in properties:
                    check(properties[key], item, where)
                elif node.get("additionalProperties") is False:
                    problems.append(f"{where}: not allowed")
        if isinstance(value, list) and "items" in node:
            for index, item in enumerate(value):
                check(node["items"], item, f"{path}[{index}]")
        if "discriminator" in node and isinstance(value, dict):
            target = node["discriminator"]["mapping"].get(value.get("type"))
            if target is None:
                problems.append(f"{path}: no driver type {value.get('type')!r}")
            else:
                check({"$ref": target}, value, path)
        else:
            for keyword in ("oneOf", "anyOf"):
                if keyword in node:
                    matches = 0
                    for option in node[keyword]:
                        trial = len(problems)
                        if check(option, value, path):
                            matches += 1
                        del problems[trial:]
                    if matches == 0 or (keyword == "oneOf" and matches > 1):
                        problems.append(f"{path}: matches no alternative")
        return len(problems) == before

    check(schema, value, "")
    return sorted(problems)


# --- internal errors ---------------------------------------------------------------------


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom\nsecond line")


def test_internal_error_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COI_DEBUG", raising=False)
    monkeypatch.setattr("calculators.engine.summarise", _boom)
    assert run(capsys, "summary", ACME) == (
        1,
        "",
        "coi: internal error: RuntimeError: boom\\nsecond line (set COI_DEBUG=1 for details)\n",
    )
    monkeypatch.setenv("COI_DEBUG", "0")
    assert run(capsys, "summary", ACME)[0] == 1


def test_coi_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COI_DEBUG", "1")
    monkeypatch.setattr("calculators.engine.summarise", _boom)
    with pytest.raises(RuntimeError, match="boom"):
        cli.main(["summary", str(ACME)])


# --- the real console script -------------------------------------------------------------


def _coi(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("coi")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "calculators.cli"]
    return subprocess.run(
        [*command, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


def test_console_script_bad_inputs(tmp_path: Path) -> None:
    nan = tmp_path / "nan.coi"
    nan.write_bytes(case_json({PEOPLE: Raw("NaN")}))
    broken = tmp_path / "broken.coi"
    broken.write_text('{"format": ', encoding="utf-8")
    missing = tmp_path / "missing.coi"
    done = _coi("validate", ACME, nan, broken, missing)
    assert done.returncode == 2
    assert done.stdout == f"{ACME}: ok (3 drivers)\n"
    assert done.stderr == (
        f"coi: {nan}: drivers[0].inputs.people: must be a number, not NaN\n"
        f"coi: {broken}: not valid JSON (line 1, column 12: Expecting value)\n"
        f"coi: {missing}: no such file\n"
    )


def test_console_script_summary_and_schema() -> None:
    done = _coi("summary", ACME, "--json")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["cost_to_deadline"] == "30298.67"
    done = _coi("schema")
    assert done.returncode == 0 and json.loads(done.stdout)["properties"]["drivers"]


def test_console_script_internal_error(tmp_path: Path) -> None:
    # Break the engine from inside the process the way a bug would.
    runner = tmp_path / "run.py"
    runner.write_text(
        "import sys\n"
        "import calculators.cli as cli\n"
        "import calculators.engine as engine\n"
        "def boom(*a, **k):\n"
        "    raise KeyError('surprise')\n"
        "engine.summarise = boom\n"
        "sys.exit(cli.main())\n",
        encoding="utf-8",
    )
    env = {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(runner), "summary", str(ACME)],
        capture_output=True,
        text=True,
        env={**os.environ, **env, "COI_DEBUG": ""},
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert (
        done.stderr == "coi: internal error: KeyError: 'surprise' (set COI_DEBUG=1 for details)\n"
    )
    done = subprocess.run(
        [sys.executable, str(runner), "summary", str(ACME)],
        capture_output=True,
        text=True,
        env={**os.environ, **env, "COI_DEBUG": "1"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" in done.stderr and "KeyError" in done.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "secret.coi"
    file.write_bytes(ACME.read_bytes())
    file.chmod(0)
    try:
        assert run(capsys, "validate", file) == (2, "", f"coi: {file}: permission denied\n")
    finally:
        file.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_file_name_too_long_for_the_file_system_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / ("a" * 300 + ".coi")
    code, out, err = run(capsys, "new", "-o", name)
    assert code == 2 and out == ""
    assert err.startswith("coi: ") and "File name too long" in err and err.count("\n") == 1
    code, out, err = run(capsys, "render", ACME, "-o", tmp_path / ("b" * 300 + ".pdf"))
    assert code == 2 and "File name too long" in err and err.count("\n") == 1


def test_summary_text_never_sends_terminal_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = acme()
    data["buyer"]["company"] = "B\u001b[31mRED"
    data["title"] = "T\u001b[2J\u001b]0;pwned\u0007 \u202eevil"
    data["drivers"][0]["name"] = "D\u009b2J"
    file = tmp_path / "escape.coi"
    file.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "summary", file)
    assert code == 0, err
    for raw in ("\u001b", "\u0007", "\u202e", "\u009b"):
        assert raw not in out
    # The same U+FFFD as in the app and the PDF (calculators.text.neutralise).
    assert "B\ufffd[31mRED" in out and "\ufffdevil" in out


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANGUAGE": "de:en", "LANG": "fr_FR.UTF-8"}, "de"),
        ({"LC_ALL": "ja_JP.UTF-8"}, "ja_JP"),
        ({"LANG": "es_ES.UTF-8"}, "es_ES"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_cli_speaks_the_language_the_environment_asks_for(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    from calculators.cli import environment_language

    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert environment_language() == expected


def test_a_german_shell_gets_german_messages(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "calculators.cli", "validate", str(tmp_path / "missing.coi")],
        capture_output=True,
        text=True,
        env={**os.environ, "LANGUAGE": "de", "LC_ALL": ""},
        check=False,
    )
    assert result.returncode == 2
    from calculators.i18n import translation

    german = translation("de").gettext("{file}: no such file")
    assert german != "{file}: no such file"
    assert result.stderr == "coi: " + german.format(file=tmp_path / "missing.coi") + "\n"


def test_the_schema_requires_the_envelope(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "schema")
    assert code == 0
    required = json.loads(out)["required"]
    assert required[:2] == ["format", "schema_version"]
    assert {"buyer", "start_date", "deadline"} <= set(required)
