"""The installer's self-test: one line, exit 0 when the installation works, the reason when
it does not; and the bundle's entry points."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import launcher
import pytest

from calculators import selftest
from calculators.resources import TEAM_DIR_ENV
from calculators.selftest import SelfTestFailure, pdf_page_count, run_self_test
from tests.conftest import EXAMPLES, ROOT


def test_pdf_page_count_on_a_real_report(tmp_path: Path) -> None:
    from calculators.report import write_pdf
    from calculators.storage import load

    target = tmp_path / "case.pdf"
    write_pdf(load(next(EXAMPLES.glob("*.coi"))), target)
    assert pdf_page_count(target.read_bytes()) >= 3


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html>not a pdf</html>", "does not start with %PDF-"),
        (b"%PDF-1.4\n1 0 obj << /Type /Pages >> endobj\n%%EOF\n", "has no pages"),
        (b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n", "no %%EOF trailer"),
    ],
)
def test_pdf_page_count_rejects_broken_files(data: bytes, reason: str) -> None:
    with pytest.raises(SelfTestFailure, match=reason.replace("%", "%")):
        pdf_page_count(data)


def test_all_checks_pass_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TEAM_DIR_ENV, raising=False)
    out = io.StringIO()
    assert run_self_test(lambda: "gui fine", out=out) == 0
    (line,) = out.getvalue().splitlines()
    assert line.startswith("self-test ok: cost-of-inaction ")
    assert "templates" in line and "PDF" in line and "gui fine" in line


def test_a_failing_check_gives_its_reason_and_exit_1() -> None:
    def broken_gui() -> str:
        raise SelfTestFailure("the main window did not show")

    out = io.StringIO()
    assert run_self_test(broken_gui, out=out) == 1
    assert out.getvalue() == "self-test FAILED: the main window did not show\n"


def test_an_unexpected_error_is_one_line_too(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fonts() -> str:
        raise FileNotFoundError("resources/fonts/DejaVuSans.ttf\nmissing")

    monkeypatch.setattr(selftest, "check_formatting", no_fonts)
    out = io.StringIO()
    assert run_self_test(None, out=out) == 1
    assert out.getvalue() == (
        "self-test FAILED: FileNotFoundError: resources/fonts/DejaVuSans.ttf missing\n"
    )


def test_a_broken_team_folder_fails_the_self_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "team.toml").write_text('[team]\ncompany_name = "X"\nlogo = "gone.png"\n')
    monkeypatch.setenv(TEAM_DIR_ENV, str(tmp_path))
    out = io.StringIO()
    assert run_self_test(None, out=out) == 1
    assert "self-test FAILED: team.toml: team.logo: file 'gone.png' not found" in out.getvalue()


def test_the_team_branding_goes_into_the_test_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calculators import report

    monkeypatch.setenv(TEAM_DIR_ENV, str(ROOT / "packaging" / "team-example"))
    seen: dict[str, Any] = {}
    real = report.write_pdf

    def spy(case: Any, path: Path, **kwargs: Any) -> None:
        seen.update(kwargs)
        real(case, path, **kwargs)

    monkeypatch.setattr(report, "write_pdf", spy)
    assert selftest.check_pdf(tmp_path).startswith("PDF ")
    branding = seen["branding"]
    assert branding.company_name == "Northwind Logistics Software GmbH"
    assert Path(branding.logo_path).name == "logo.png"


@pytest.mark.parametrize(
    ("argv0", "program"),
    [
        ("/opt/cost-of-inaction/coi", "coi"),
        ("coi", "coi"),
        ("C:\\Program Files\\Cost of Inaction\\COI.EXE".replace("\\", "/"), "coi"),
        ("/opt/cost-of-inaction/cost-of-inaction", "cost-of-inaction"),
        ("./cost-of-inaction", "cost-of-inaction"),
    ],
)
def test_launcher_picks_the_program_by_name(argv0: str, program: str) -> None:
    assert launcher.program_name(argv0) == program


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
def test_launcher_runs_the_cli_when_called_coi(tmp_path: Path) -> None:
    link = tmp_path / "coi"
    link.symlink_to(ROOT / "packaging" / "launcher.py")
    result = subprocess.run(
        [sys.executable, str(link), "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("coi ")


@pytest.mark.gui
def test_gui_check_builds_and_uses_the_main_window(qapp: object) -> None:
    from desktop import selftest

    line = selftest.gui_check()
    assert line.startswith("main window ")
    assert "dashboard" in line and "-page preview" in line
