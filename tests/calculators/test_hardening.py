"""Issue 17, findings 1, 2, 7 and 10: numbers, files and the team folder as an attacker sends them.

Every case here once crashed, froze or bloated the app; each is now a one-line refusal. Tests
that could hang (a FIFO in place of a file) run under a deadline or in a subprocess with a
timeout.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calculators import cli
from calculators.errors import CaseError
from calculators.files import FileReadError, read_capped
from calculators.numbers import NumberError, decimal_to_json, parse_decimal
from calculators.storage import file_stamp, load, remove_stray_temps, save
from calculators.team import TeamError, load_team
from tests.conftest import EXAMPLES, ROOT, deadline

ACME = EXAMPLES / "acme-order-automation.coi"
HOURLY = "drivers[0].inputs.hourly_cost.expected"
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def acme_with_hourly(value: object) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ACME.read_text(encoding="utf-8"))
    data["drivers"][0]["inputs"]["hourly_cost"]["expected"] = value
    return data


def write_case(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def coi(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def coi_process(*args: object, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculators.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=timeout,
        check=False,
    )


# --- 1, 2, 10: numbers -----------------------------------------------------------------------

REFUSED_NUMBERS = {
    "1e-999999999": "must have at most 34 digits after the decimal point",
    "1e1000000": "must be between -1,000,000,000,000,000 and 1,000,000,000,000,000",
    "1e99999999999999999999999999": "must be a number",
    "４８": "must be a number, got '４８'",
    "٤٨": "must be a number, got '٤٨'",
    "4_8": "must be a number, got '4_8'",
    "1" * 61: "must be a number of at most 60 characters",
    "1.00000000000000000000000000000000001": "must have at most",
}


@pytest.mark.parametrize("text", list(REFUSED_NUMBERS))
def test_cli_refuses_unbounded_or_foreign_numbers_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    path = write_case(tmp_path / "bad.coi", acme_with_hourly(text))
    for command in ("validate", "summary", "render"):
        extra = ["-o", tmp_path / "out.pdf"] if command == "render" else []
        code, _out, err = coi(capsys, command, path, *extra)
        assert code == 2, (command, err)
        lines = err.splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith(f"coi: {path}: {HOURLY}: "), err
        assert REFUSED_NUMBERS[text] in lines[0]
        assert "internal error" not in err
    assert not (tmp_path / "out.pdf").exists()


def test_big_json_integer_is_a_one_line_refusal(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(NumberError, match="must be between"):
        parse_decimal(10**5000)


def test_saved_numbers_are_canonical_and_small(tmp_path: Path) -> None:
    # Trailing zeros beyond the limit are dropped, zeros with huge exponents are plain "0".
    assert parse_decimal("1." + "0" * 40) == Decimal(1)
    assert decimal_to_json(parse_decimal("0e-999999999")) == "0"
    assert decimal_to_json(parse_decimal("0e+999")) == "0"
    # Even a value that could never pass validation is written compactly, never as 1 GB.
    assert decimal_to_json(Decimal("1E-999999999")) == "1E-999999999"
    assert decimal_to_json(Decimal("0E-999999999")) == "0"
    case = load(write_case(tmp_path / "ok.coi", acme_with_hourly("4.8e1")))
    save(case, tmp_path / "saved.coi")
    saved = (tmp_path / "saved.coi").read_text(encoding="utf-8")
    assert '"expected": "48"' in saved
    assert (tmp_path / "saved.coi").stat().st_size < 10_000


def test_decimal_overflow_anywhere_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import decimal

    from calculators import storage

    def overflow(*_args: object, **_kwargs: object) -> None:
        raise decimal.Overflow("boom")

    monkeypatch.setattr(storage, "load", overflow)  # the CLI imports it when a command runs
    code, _out, err = coi(capsys, "validate", ACME)
    assert code == 2
    assert err == "coi: a number in the case is too large or too precise to compute with\n"


# --- 7, 8: only regular files, read within a cap -------------------------------------------


@posix_only
def test_a_fifo_in_place_of_a_case_file_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "case.coi"
    os.mkfifo(fifo)
    done = coi_process("validate", fifo, timeout=30)
    assert done.returncode == 2
    assert done.stderr == f"coi: {fifo}: not a regular file\n"


@posix_only
def test_read_capped_never_blocks_or_reads_a_device(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with deadline(10):
        with pytest.raises(FileReadError, match="not a regular file"):
            read_capped(fifo, 1024)
        with pytest.raises(FileReadError, match="not a regular file"):
            read_capped("/dev/zero", 1024)
        with pytest.raises(FileReadError, match="folder"):
            read_capped(tmp_path, 1024)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(FileReadError, match="larger than 1 KiB"):
        read_capped(big, 1024)


def team_folder(tmp_path: Path, toml: str = '[team]\ncompany_name = "Acme"\n') -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "team.toml").write_text(toml, encoding="utf-8")
    return folder


def team_problems(folder: Path) -> list[str]:
    with deadline(20), pytest.raises(TeamError) as caught:
        load_team(folder)
    return caught.value.problems


@posix_only
def test_team_toml_as_fifo_or_device_is_refused(tmp_path: Path) -> None:
    folder = team_folder(tmp_path)
    (folder / "team.toml").unlink()
    os.mkfifo(folder / "team.toml")
    assert team_problems(folder) == ["team.toml: cannot be read (not a regular file)"]
    (folder / "team.toml").unlink()
    (folder / "team.toml").symlink_to("/dev/zero")
    assert team_problems(folder) == ["team.toml: cannot be read (not a regular file)"]


def test_team_toml_deep_arrays_and_huge_integers(tmp_path: Path) -> None:
    deep = team_folder(tmp_path, '[team]\ncompany_name = "A"\nx = ' + "[" * 5000 + "]" * 5000)
    assert team_problems(deep) == ["team.toml: not valid TOML: nested too deeply"]
    (deep / "team.toml").write_text('[team]\ncompany_name = "A"\nx = ' + "7" * 5000)
    assert team_problems(deep) == ["team.toml: not valid TOML: a number is too long"]
    (deep / "team.toml").write_text(
        '[team]\ncompany_name = "A"\n[defaults]\ndiscount_rate = "1e-999999999"\n'
    )
    assert team_problems(deep) == [
        "team.toml: defaults.discount_rate: must have at most 34 digits after the decimal point"
    ]


def png(width: int, height: int) -> bytes:
    """A real (black, 1-bit) PNG of any size, made without an image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    body = zlib.compress(row * height, 9)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
def test_team_logo_and_templates_linked_out_of_the_folder_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "logo.png").write_bytes(png(10, 10))
    (outside / "secret.coi").write_bytes(ACME.read_bytes())
    folder = team_folder(tmp_path, '[team]\ncompany_name = "Acme"\nlogo = "logo.png"\n')
    (folder / "logo.png").symlink_to(outside / "logo.png")
    (folder / "templates").mkdir()
    (folder / "templates" / "secret.coi").symlink_to(outside / "secret.coi")
    problems = team_problems(folder)
    assert problems == [
        "team.toml: team.logo: 'logo.png' is a link to a file outside the team folder; "
        "copy the file in",
        "templates/secret.coi: 'secret.coi' is a link to a file outside the team folder; "
        "copy the file in",
    ]


def test_report_logo_pixels_are_capped(tmp_path: Path) -> None:
    from calculators.report.branding import load_logo

    logo = tmp_path / "huge.png"
    logo.write_bytes(png(12000, 12000))
    with deadline(10), pytest.raises(CaseError) as caught:
        load_logo(logo)
    assert "12000" in str(caught.value) and "4096" in str(caught.value)


# --- 5, 8, 10: stamps and stray temporary files -------------------------------------------


def test_file_stamp_changes_when_the_file_does(tmp_path: Path) -> None:
    path = tmp_path / "a.coi"
    assert file_stamp(path) is None
    path.write_bytes(ACME.read_bytes())
    before = file_stamp(path)
    os.utime(path, ns=(1, 1))
    assert file_stamp(path) != before


def test_stray_temp_files_of_a_killed_save_are_removed(tmp_path: Path) -> None:
    old = tmp_path / ".case.coi.abc123xy.tmp"
    fresh = tmp_path / ".case.coi.zzz999qq.tmp"
    other = tmp_path / "notes.tmp"
    for path in (old, fresh, other):
        path.write_bytes(b"partial")
    os.utime(old, (1_000_000, 1_000_000))
    os.utime(other, (1_000_000, 1_000_000))
    assert remove_stray_temps(tmp_path) == 1
    assert not old.exists() and fresh.exists() and other.exists()
