"""``coi render``: the CLI glue in calculators.report.command."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import pytest

from calculators.errors import CaseError
from calculators.report import command
from calculators.storage import load
from tests.calculators.report.helpers import ACME, NORTHWIND, body_texts, example_pdf, reader


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="coi")
    subparsers = parser.add_subparsers(dest="command", required=True)
    command.add_parser(subparsers)
    return parser.parse_args(list(argv))


def test_render_writes_the_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "acme.pdf"
    # The cover shows the date of issue; with it fixed the bytes are the library's own.
    start = load(ACME).start_date.isoformat()
    args = parse("render", str(ACME), "-o", str(out), "--date", start, "--language", "en")
    assert command.run(args) == 0
    assert out.read_bytes() == example_pdf(ACME.name)
    assert str(out) in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.pdf"]


def test_render_scenario_and_language(tmp_path: Path) -> None:
    out = tmp_path / "n.pdf"
    args = parse(
        "render", str(NORTHWIND), "-o", str(out), "--scenario", "optimistic", "--language", "en"
    )
    assert command.run(args) == 0
    cover = body_texts(out.read_bytes())[0]
    assert "Scenario: optimistic" in cover
    assert reader(out.read_bytes()).trailer["/Root"]["/Lang"] == "en"


def test_render_replaces_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "acme.pdf"
    out.write_bytes(b"old")
    assert command.run(parse("render", str(ACME), "-o", str(out))) == 0
    assert out.read_bytes().startswith(b"%PDF-")


def test_missing_output_folder_is_a_one_line_error(tmp_path: Path) -> None:
    out = tmp_path / "nope" / "acme.pdf"
    with pytest.raises(CaseError) as caught:
        command.run(parse("render", str(ACME), "-o", str(out)))
    assert str(out) in str(caught.value) and "does not exist" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_output_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="is a folder"):
        command.run(parse("render", str(ACME), "-o", str(tmp_path)))


def test_unwritable_folder_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # as root, chmod alone would not stop us
    out = tmp_path / "acme.pdf"
    with pytest.raises(CaseError) as caught:
        command.run(parse("render", str(ACME), "-o", str(out)))
    assert str(caught.value) == f"{out}: permission denied"
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_half_written_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "acme.pdf"
    out.write_bytes(b"previous version")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(CaseError) as caught:
        command.run(parse("render", str(ACME), "-o", str(out)))
    assert str(out) in str(caught.value)
    assert out.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.pdf"]


def test_bad_case_file_and_bad_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.coi"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(CaseError, match=r"bad\.coi"):
        command.run(parse("render", str(bad), "-o", str(tmp_path / "x.pdf")))
    with pytest.raises(CaseError, match=r"^--language: "):
        command.run(
            parse("render", str(ACME), "-o", str(tmp_path / "x.pdf"), "--language", "zz_QQ")
        )
    assert not (tmp_path / "x.pdf").exists()


def test_scenario_choices_are_checked() -> None:
    with pytest.raises(SystemExit):
        parse("render", str(ACME), "-o", "x.pdf", "--scenario", "worst")


def test_the_cover_is_dated_today_unless_told(tmp_path: Path) -> None:
    import datetime as dt

    from calculators.formatting import Formatter

    out = tmp_path / "n.pdf"
    assert command.run(parse("render", str(NORTHWIND), "-o", str(out))) == 0
    today = Formatter("en_US", "USD").date(dt.date.today())
    assert today in body_texts(out.read_bytes())[0]
    assert command.run(parse("render", str(NORTHWIND), "-o", str(out), "--date", "2027-05-06")) == 0
    assert "May 6, 2027" in body_texts(out.read_bytes())[0]
