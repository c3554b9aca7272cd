"""``coi pipeline``: every case under the folders, one line each, broken files noted."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from calculators import cli
from calculators.pipeline import CSV_COLUMNS, Row, Skipped, read_row, rescan, scan
from calculators.storage import load, save
from tests.conftest import EXAMPLES, TEMPLATES

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The examples and the templates in subfolders, a broken file and a JSON non-case."""
    root = tmp_path / "pipeline"
    shutil.copytree(EXAMPLES, root / "examples")
    shutil.copytree(TEMPLATES, root / "deep" / "templates")
    (root / "broken.coi").write_text('{"format": "cost-of-inaction/case", "buy', encoding="utf-8")
    (root / "settings.coi").write_text(json.dumps({"theme": "dark"}), encoding="utf-8")
    (root / "notes.txt").write_text("not a case, not listed", encoding="utf-8")
    return root


def count_cases() -> int:
    return len(list(EXAMPLES.glob("*.coi"))) + len(list(TEMPLATES.glob("*.coi")))


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_lists_one_line_per_case_and_notes_the_skipped_files(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "pipeline", folder, "--date", TODAY)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1 + count_cases()  # a header, then one line per case
    assert lines[0].split()[:2] == ["file", "buyer"]
    notes = err.splitlines()
    assert len(notes) == 2
    assert notes[0].startswith(f"coi: {folder / 'broken.coi'}: skipped: not valid JSON")
    assert notes[1].startswith(f"coi: {folder / 'settings.coi'}: skipped: ")
    assert "Cost of Inaction case file" in notes[1]
    assert all("notes.txt" not in line for line in lines + notes)
    # strong deals first
    assert "strong" in lines[1] and "Acme" not in lines[-1]


def test_csv_parses_and_its_figures_equal_the_summary(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _err = run(capsys, "pipeline", "--csv", folder, "--date", TODAY)
    assert code == 0
    records = list(csv.DictReader(io.StringIO(out)))
    assert tuple(records[0]) == CSV_COLUMNS
    assert len(records) == count_cases()
    for record in records:
        code, summary_out, _e = run(capsys, "summary", "--json", record["file"])
        summary = json.loads(summary_out)
        assert record["cost_to_deadline"] == summary["cost_to_deadline"]
        assert record["currency"] == summary["currency"]
        solution = summary["solution"]
        if solution is None:
            assert record["npv"] == record["cost_of_delay_per_month"] == ""
            continue
        assert record["npv"] == solution["npv"]
        one_month = next(row for row in solution["delay"] if row["months"] == 1)
        assert record["cost_of_delay_per_month"] == one_month["cost_of_delay"]
        assert record["verdict"] == summary["qualification"]["verdict"]
        assert record["ready"] in ("true", "false")
        assert int(record["blocking"]) >= 0


def test_default_order_is_verdict_then_cost_of_delay(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    _code, out, _err = run(capsys, "pipeline", "--json", folder, "--date", TODAY)
    data = json.loads(out)
    cases = data["cases"]
    order = {"strong": 0, "weak": 1, "no compelling need": 2}
    ranks = [order[c["verdict"]] for c in cases]
    assert ranks == sorted(ranks)
    for verdict in order:
        delays = [
            float(c["cost_of_delay_per_month"])
            for c in cases
            if c["verdict"] == verdict and c["cost_of_delay_per_month"] is not None
        ]
        assert delays == sorted(delays, reverse=True)
    assert all(isinstance(c["cost_to_deadline"], str) for c in cases)  # decimal strings
    assert [s["file"] for s in data["skipped"]] == [
        str(folder / "broken.coi"),
        str(folder / "settings.coi"),
    ]
    assert cases[0]["decision_date"] == load(Path(cases[0]["file"])).deadline.isoformat()
    assert cases[0]["days_left"] == (load(Path(cases[0]["file"])).deadline - TODAY).days


@pytest.mark.parametrize("field", ["days_left", "npv", "buyer", "cost_of_delay", "readiness"])
def test_sort_option(capsys: pytest.CaptureFixture[str], folder: Path, field: str) -> None:
    code, out, _err = run(capsys, "pipeline", "--json", "--sort", field, folder)
    assert code == 0
    cases = json.loads(out)["cases"]
    if field == "days_left":
        values = [c["days_left"] for c in cases]
        assert values == sorted(values)
    elif field == "npv":
        values = [float(c["npv"]) for c in cases if c["npv"] is not None]
        assert values == sorted(values, reverse=True)
        assert cases[-1]["npv"] is None  # no solution: last
    elif field == "buyer":
        values = [c["buyer"].casefold() for c in cases]
        assert values == sorted(values)
    elif field == "readiness":
        values = [c["blocking"] for c in cases]
        assert values == sorted(values)


def test_unknown_sort_field_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "pipeline", "--sort", "colour", EXAMPLES)
    assert (code, out) == (2, "")
    assert "--sort" in err and err.count("\n") == 1


def test_json_and_csv_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "pipeline", "--json", "--csv", EXAMPLES)
    assert code == 2 and "not allowed with" in err


def test_a_missing_folder_is_noted_not_fatal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "pipeline", tmp_path / "nowhere", EXAMPLES)
    assert code == 0
    assert len(out.splitlines()) == 1 + len(list(EXAMPLES.glob("*.coi")))
    assert "nowhere" in err and "skipped" in err


def test_a_passed_decision_date_ranks_last_with_no_compelling_need(tmp_path: Path) -> None:
    case = load(EXAMPLES / "acme-order-automation.coi")
    save(case, tmp_path / "acme.coi")
    after = case.deadline + dt.timedelta(days=1)
    row = read_row(tmp_path / "acme.coi", after)
    assert isinstance(row, Row)
    assert row.verdict == "no compelling need"
    assert row.days_left == -1
    assert row.blocking >= 1  # readiness: the decision date has passed
    assert "new date" in row.next_step


def test_rescan_reads_only_changed_files(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "cases")
    found, cache = rescan([tmp_path / "cases"], TODAY, {})
    again, cache2 = rescan([tmp_path / "cases"], TODAY, cache)
    assert [id(a) for a in found] == [id(b) for b in again]  # the same objects: not re-read
    target = tmp_path / "cases" / "acme-order-automation.coi"
    target.write_text("{}", encoding="utf-8")
    third, _cache3 = rescan([tmp_path / "cases"], TODAY, cache2)
    assert sum(isinstance(item, Skipped) for item in third) == 1


def test_scan_returns_rows_and_skipped(folder: Path) -> None:
    rows, skipped = scan([folder], TODAY)
    assert len(rows) == count_cases() and len(skipped) == 2
