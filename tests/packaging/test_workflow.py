"""The installers workflow validates offline, and a typo in it fails here, not on GitHub."""

from __future__ import annotations

import re
from pathlib import Path

import check_workflow
import pytest

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"
TEXT = WORKFLOW.read_text(encoding="utf-8")


def variant(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    """A copy of the workflow with ``old`` replaced by ``new`` (which must be there)."""
    assert TEXT.count(old) >= count, f"{old!r} is not in the workflow any more"
    path = tmp_path / "installers.yml"
    path.write_text(TEXT.replace(old, new, count), encoding="utf-8")
    return path


def test_the_workflow_passes_both_checks() -> None:
    assert check_workflow.check(WORKFLOW) == []
    assert check_workflow.main([str(WORKFLOW)]) == 0


def test_every_workflow_in_the_repository_passes() -> None:
    assert check_workflow.main([]) == 0


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    runs-on: ${{ matrix.os }}", "    runs_on: ${{ matrix.os }}"),  # job key
        ("      fail-fast: false", "      fail_fast: false"),  # strategy key
        ("    timeout-minutes: 90", "    timeout-minutes: ninety"),  # wrong type
        ('    tags: ["v*"]', '    tag: ["v*"]'),  # event filter
        ("  workflow_dispatch:", "  workflow_dispatched:"),  # unknown event
        ("      - uses: actions/checkout@v5", "      - use: actions/checkout@v5"),  # step key
    ],
)
def test_the_schema_rejects_a_misspelled_key(tmp_path: Path, old: str, new: str) -> None:
    valid, output = check_workflow.schema_check(variant(tmp_path, old, new))
    assert not valid, output
    assert check_workflow.main([str(tmp_path / "installers.yml")]) == 1


def test_a_typo_in_a_matrix_reference_fails(tmp_path: Path) -> None:
    path = variant(tmp_path, "runs-on: ${{ matrix.os }}", "runs-on: ${{ matrix.oss }}")
    assert check_workflow.check(path) == [
        f"{path}: jobs.installer.runs-on: matrix.oss is not defined"
    ]
    assert check_workflow.main([str(path)]) == 1


def test_a_typo_in_a_matrix_reference_inside_a_bare_if_fails(tmp_path: Path) -> None:
    path = variant(
        tmp_path, "if: runner.os == 'Linux'", "if: runner.os == 'Linux' && matrix.nme != ''"
    )
    (problem,) = check_workflow.check(path)
    assert problem.endswith(".if: matrix.nme is not defined")


def test_a_typo_in_one_matrix_entry_fails(tmp_path: Path) -> None:
    """``oss:`` in the Windows entry leaves that job without ``matrix.os``."""
    path = variant(tmp_path, "os: windows-latest", "oss: windows-latest")
    problems = check_workflow.check(path)
    assert f"{path}: jobs.installer.runs-on: matrix.os is missing from some include entries" in (
        problems
    )


def test_a_typo_in_an_input_reference_fails(tmp_path: Path) -> None:
    path = variant(tmp_path, "${{ inputs.team }}", "${{ inputs.teams }}")
    (problem,) = check_workflow.check(path)
    assert problem.endswith("inputs.teams is not declared")


def test_matrix_rules_on_axes_include_and_exclude() -> None:
    workflow = {
        "jobs": {
            "a": {
                "strategy": {
                    "matrix": {
                        "os": ["x", "y"],
                        "py": ["3.11"],
                        "include": [{"os": "x", "extra": "1"}],
                        "exclude": [{"os": "y", "pyy": "3.11"}],
                    }
                },
                "runs-on": "${{ matrix.os }}",
                "steps": [{"run": "echo ${{ matrix.extra }} ${{ matrix['py'] }} ${{ matrix.no }}"}],
            },
            "b": {"runs-on": "${{ matrix.os }}", "steps": []},
            "c": {
                "strategy": {"matrix": "${{ fromJSON(needs.a.outputs.m) }}"},
                "name": "${{ matrix.any }}",
            },
        }
    }
    assert check_workflow.matrix_problems(workflow) == [
        "jobs.a.strategy.matrix.exclude[0]: 'pyy' is not a matrix axis",
        "jobs.a.steps[0].run: matrix.no is not defined",
        "jobs.b.runs-on: matrix.os is not defined",
    ]


def test_the_workflow_only_calls_what_the_repository_has() -> None:
    """The per-OS logic lives in packaging/: the workflow runs dev.py and these scripts."""
    scripts = set(re.findall(r"(?<![\w/.])(?:\./)?(packaging/[\w/.-]+\.(?:py|sh|ps1))", TEXT))
    assert scripts == {
        "packaging/smoke.py",
        "packaging/macos/ci-keychain.sh",
        "packaging/windows/import-certificate.ps1",
    }
    assert all((ROOT / script).is_file() for script in scripts), scripts
    assert "python dev.py test" in TEXT and "python dev.py installer --require-tools" in TEXT
    assert (ROOT / ".ci" / "apt-packages").is_file()


def test_signing_steps_run_only_with_their_secrets() -> None:
    """Each signing step is guarded by an env flag set from its secret (``secrets`` is not
    allowed in a step's ``if:``), and no step's ``if:`` names ``secrets``."""
    workflow = check_workflow.load(WORKFLOW)
    job = workflow["jobs"]["installer"]
    assert "secrets.WINDOWS_CERT_PFX_BASE64" in job["env"]["HAS_WINDOWS_SIGNING"]
    assert "secrets.MACOS_CERT_P12_BASE64" in job["env"]["HAS_MACOS_SIGNING"]
    guarded = {
        step["name"]: step["if"]
        for step in job["steps"]
        if "secrets." in str(step.get("env", "")) and "name" in step
    }
    assert len(guarded) == 2
    assert all("env.HAS_" in condition for condition in guarded.values())
    assert not any("secrets" in str(step.get("if", "")) for step in job["steps"])
