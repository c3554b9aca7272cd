""".coi files: round trips, decimal strings, atomic saves, migrations, refusals."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from calculators import files, storage
from calculators.errors import CaseError
from calculators.model import Case, make_driver
from calculators.storage import (
    MAX_FILE_BYTES,
    case_from_data,
    case_from_json,
    case_to_data,
    load,
    save,
    shift_dates,
)
from tests.conftest import EXAMPLES, TEMPLATES

ACME = EXAMPLES / "acme-order-automation.coi"
CASE_FILES = sorted([*EXAMPLES.glob("*.coi"), *TEMPLATES.glob("*.coi")])
# The only places a case file holds a JSON number or a boolean; everything else is text.
INTEGER_KEYS = {"schema_version", "horizon_months", "lead_time_months", "ramp_months"}
BOOLEAN_KEYS = {"enabled", "placeholder"}


def problems(excinfo: pytest.ExceptionInfo[CaseError]) -> list[str]:
    return excinfo.value.problems


def _scalars(node: Any, key: str = "") -> list[tuple[str, Any]]:
    """(key, value) of every scalar in parsed JSON."""
    if isinstance(node, dict):
        return [pair for k, v in node.items() for pair in _scalars(v, k)]
    if isinstance(node, list):
        return [pair for item in node for pair in _scalars(item, key)]
    return [(key, node)]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_round_trip(tmp_path: Path, path: Path) -> None:
    case = load(path)
    target = tmp_path / "saved.coi"
    save(case, target)
    assert load(target) == case
    text = target.read_text(encoding="utf-8")
    for key, value in _scalars(json.loads(text)):
        assert not isinstance(value, float), key
        if isinstance(value, bool):
            assert key in BOOLEAN_KEYS, key
        elif isinstance(value, int):
            assert key in INTEGER_KEYS, key
    # Saving what was loaded writes the same bytes again: the format is canonical.
    save(load(target), target)
    assert target.read_text(encoding="utf-8") == text


def test_decimals_are_written_as_plain_decimal_strings(tmp_path: Path) -> None:
    data = json.loads(ACME.read_text(encoding="utf-8"))
    data["discount_rate"] = "8E-2"
    data["drivers"][0]["inputs"]["hourly_cost"] = {"expected": "48.50", "low": "4.2e1"}
    data["drivers"][0]["inputs"]["people"] = 6  # an integer is accepted on reading
    target = tmp_path / "saved.coi"
    save(case_from_data(data), target)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["discount_rate"] == "0.08"
    assert saved["drivers"][0]["inputs"]["hourly_cost"] == {"expected": "48.50", "low": "42"}
    assert saved["drivers"][0]["inputs"]["people"] == "6"
    assert saved["schema_version"] == 1 and saved["format"] == "cost-of-inaction/case"


def test_non_ascii_text_is_saved_as_utf8(tmp_path: Path) -> None:
    case = load(ACME).model_copy(update={"title": "Kosten des Wartens — Müller 日本"})
    target = tmp_path / "saved.coi"
    save(case, target)
    assert "Müller 日本".encode() in target.read_bytes()
    assert load(target).title == "Kosten des Wartens — Müller 日本"


def test_bom_prefixed_utf8_is_accepted(tmp_path: Path) -> None:
    target = tmp_path / "bom.coi"
    target.write_bytes(b"\xef\xbb\xbf" + ACME.read_bytes())
    assert load(target) == load(ACME)


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "latin1.coi"
    target.write_bytes(ACME.read_text(encoding="utf-8").encode("latin-1"))
    with pytest.raises(CaseError) as caught:
        load(target)
    offset = ACME.read_bytes().index("ü".encode())
    assert problems(caught) == [
        f"{target}: not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8"
    ]


# --- atomic saves ------------------------------------------------------------------------


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_failed_save_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "case.coi"
    target.write_bytes(ACME.read_bytes())
    before = target.read_bytes()
    case = load(ACME).model_copy(update={"title": "changed"})

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(CaseError) as caught:
        save(case, target)
    assert str(caught.value) == f"{target}: cannot write (No space left on device)"
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["case.coi"]


def test_interrupted_save_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "case.coi"
    target.write_bytes(ACME.read_bytes())

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save(load(ACME).model_copy(update={"title": "changed"}), target)
    assert target.read_bytes() == ACME.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["case.coi"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_save_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "case.coi"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    save(load(ACME), target)
    assert load(target) == load(ACME)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        save(load(ACME), tmp_path / "case.coi")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "case.coi").stat().st_mode) == 0o644


def test_save_into_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "case.coi"
    with pytest.raises(CaseError) as caught:
        save(load(ACME), target)
    assert problems(caught) == [f"{target}: the folder {target.parent} does not exist"]


# --- versions and migrations -------------------------------------------------------------


def _v0_file(tmp_path: Path) -> Path:
    """A file as a (pretend) version 0 wrote it: "client" and "horizon" instead of today's."""
    data = json.loads(ACME.read_text(encoding="utf-8"))
    data["schema_version"] = 0
    data["client"] = data.pop("buyer")
    data["horizon"] = data.pop("horizon_months")
    path = tmp_path / "old.coi"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def migrate_v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data["buyer"] = data.pop("client")
    data["horizon_months"] = data.pop("horizon")
    return data


def test_older_version_is_upgraded_by_its_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "OLDEST_VERSION", 0)
    monkeypatch.setitem(storage.MIGRATIONS, 0, migrate_v0_to_v1)
    case = load(_v0_file(tmp_path))
    assert case == load(ACME)
    assert case.schema_version == 1
    # Saving writes the current version.
    save(case, tmp_path / "new.coi")
    assert json.loads((tmp_path / "new.coi").read_text(encoding="utf-8"))["schema_version"] == 1


def test_older_version_without_a_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "OLDEST_VERSION", 0)
    path = _v0_file(tmp_path)
    with pytest.raises(CaseError) as caught:
        load(path)
    assert problems(caught) == [f"{path}: schema_version: cannot upgrade a file from format 0"]


def test_failing_migration_is_a_case_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: dict[str, Any]) -> dict[str, Any]:
        return {"buyer": data["customer"]}

    monkeypatch.setattr(storage, "OLDEST_VERSION", 0)
    monkeypatch.setitem(storage.MIGRATIONS, 0, broken)
    path = _v0_file(tmp_path)
    with pytest.raises(CaseError) as caught:
        load(path)
    assert problems(caught) == [
        f"{path}: schema_version: cannot upgrade this file from format 0 (KeyError: 'customer')"
    ]


def test_migrated_data_is_still_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def sloppy(data: dict[str, Any]) -> dict[str, Any]:
        return {**migrate_v0_to_v1(data), "horizon_months": "36"}

    monkeypatch.setattr(storage, "OLDEST_VERSION", 0)
    monkeypatch.setitem(storage.MIGRATIONS, 0, sloppy)
    path = _v0_file(tmp_path)
    with pytest.raises(CaseError) as caught:
        load(path)
    assert problems(caught) == [
        f"{path}: horizon_months: must be a whole number written without quotes (got '36')"
    ]


@pytest.mark.parametrize("version", [2, 10**6])
def test_newer_version_is_refused(version: int) -> None:
    data = json.loads(ACME.read_text(encoding="utf-8"))
    data["schema_version"] = version
    with pytest.raises(CaseError) as caught:
        case_from_data(data)
    assert str(caught.value) == (
        "schema_version: this file was written by a newer version of Cost of Inaction "
        f"(file format {version}; this app reads up to 1); please update the app to open it"
    )


# --- size, permissions, odd paths ------------------------------------------------------------


def test_size_cap_is_exactly_10_mib(tmp_path: Path) -> None:
    content = ACME.read_bytes()
    at_cap = tmp_path / "at-cap.coi"
    at_cap.write_bytes(content + b" " * (MAX_FILE_BYTES - len(content)))
    assert at_cap.stat().st_size == 10 * 1024 * 1024
    assert load(at_cap) == load(ACME)
    over = tmp_path / "over.coi"
    over.write_bytes(content + b" " * (MAX_FILE_BYTES - len(content) + 1))
    with pytest.raises(CaseError) as caught:
        load(over)
    assert problems(caught) == [f"{over}: the file is larger than 10 MiB"]
    with pytest.raises(CaseError, match=r"^the file is larger than 10 MiB$"):
        case_from_json(over.read_bytes())


def test_file_that_grows_while_read_is_still_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.coi"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 5))
    real_stat = Path.stat

    def small_stat(self: Path, **kwargs: Any) -> os.stat_result:
        result = real_stat(self, **kwargs)
        if self == path:
            values = list(result)
            values[stat.ST_SIZE] = 10
            return os.stat_result(values)
        return result

    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(CaseError) as caught:
        load(path)
    assert problems(caught) == [f"{path}: the file is larger than 10 MiB"]


def test_unreadable_file_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.coi"
    path.write_bytes(ACME.read_bytes())

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "open", denied)
    with pytest.raises(CaseError) as caught:
        load(path)
    assert problems(caught) == [f"{path}: permission denied"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_for_real(tmp_path: Path) -> None:
    path = tmp_path / "locked.coi"
    path.write_bytes(ACME.read_bytes())
    path.chmod(0)
    try:
        with pytest.raises(CaseError) as caught:
            load(path)
        assert problems(caught) == [f"{path}: permission denied"]
    finally:
        path.chmod(0o600)


def test_other_read_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "disk.coi"
    path.write_bytes(ACME.read_bytes())

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "read", broken)
    with pytest.raises(CaseError) as caught:
        load(path)
    assert problems(caught) == [f"{path}: cannot read (Input/output error)"]


# --- shift_dates -----------------------------------------------------------------------------


def test_shift_dates_moves_every_date() -> None:
    case = load(ACME)
    risk = make_driver(
        "risk",
        "End of support",
        inputs={"impact": "1000", "after_date": "2027-06-30", "probability_after": "0.5"},
        start_date="2027-01-31",
        end_date="2028-02-29",
    )
    case = case.model_copy(update={"drivers": (*case.drivers, risk)})
    moved = shift_dates(case, 13)
    assert (moved.start_date, moved.deadline) == (dt.date(2028, 2, 1), dt.date(2028, 5, 15))
    last = moved.drivers[-1]
    assert (last.start_date, last.end_date) == (dt.date(2028, 2, 29), dt.date(2029, 3, 29))
    assert last.input("after_date") == dt.date(2028, 7, 30)
    # Nothing but the dates changed.
    assert case_to_data(moved)["drivers"][:3] == case_to_data(case)["drivers"][:3]
    assert shift_dates(case, 0) is case


def test_shift_dates_beyond_the_calendar_is_a_case_error() -> None:
    with pytest.raises(CaseError) as caught:
        shift_dates(load(ACME), 12 * 980)
    assert problems(caught) == [
        "start_date: must be between 1900-01-01 and 2999-12-31",
        "deadline: must be between 1900-01-01 and 2999-12-31",
    ]
    with pytest.raises(CaseError) as caught:
        shift_dates(load(ACME), 12 * 8000)
    assert problems(caught) == ["start_date: moving 2027-01-01 by 96000 months leaves the calendar"]


def test_loaded_case_is_the_model() -> None:
    assert isinstance(load(ACME), Case)


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
def test_saving_through_a_symlink_replaces_the_target_not_the_link(tmp_path: Path) -> None:
    case = load(EXAMPLES / "acme-order-automation.coi")
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.coi").write_text("old", encoding="utf-8")
    link = tmp_path / "link.coi"
    link.symlink_to(real / "a.coi")
    save(case, link)
    assert link.is_symlink()
    assert load(real / "a.coi") == case


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_device_or_other_special_file_is_never_replaced(tmp_path: Path) -> None:
    case = load(EXAMPLES / "acme-order-automation.coi")
    fifo = tmp_path / "pipe.coi"
    os.mkfifo(fifo)
    with pytest.raises(CaseError, match="is not a regular file"):
        save(case, fifo)
    assert fifo.exists() and not fifo.is_file()
