"""Issue 17, findings 3, 4, 6 and 10 at the command line: UTF-8 JSON on any console, a closed
pipe, pathological files validated fast, long text in the PDF. Subprocesses have timeouts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from calculators import cli
from tests.calculators.report.helpers import flat, text_of
from tests.conftest import EXAMPLES, ROOT

ACME = EXAMPLES / "acme-order-automation.coi"


def acme() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ACME.read_text(encoding="utf-8"))
    return data


def coi_command(*args: object) -> list[str]:
    return [sys.executable, "-m", "calculators.cli", *map(str, args)]


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def test_json_is_utf8_bytes_on_a_cp1252_console(tmp_path: Path) -> None:
    data = acme()
    data["drivers"][0]["name"] = "Überstunden im 株式会社 ⟨x⟩"
    path = tmp_path / "names.coi"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for args in (("summary", "--json", path), ("schema",)):
        done = subprocess.run(
            coi_command(*args),
            capture_output=True,
            env=environment(PYTHONIOENCODING="cp1252", PYTHONUTF8="0"),
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        parsed = json.loads(done.stdout.decode("utf-8"))  # strict UTF-8, valid JSON
        if args[0] == "summary":
            assert parsed["drivers"][0]["name"] == "Überstunden im 株式会社 ⟨x⟩"


@pytest.mark.parametrize("args", [("schema",), ("summary", ACME), ("summary", "--json", ACME)])
def test_a_closed_pipe_ends_quietly(args: tuple[object, ...]) -> None:
    # `coi schema | head -c 10`: the reader is gone before coi writes.
    process = subprocess.Popen(
        coi_command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    try:
        error = process.stderr.read()
        code = process.wait(timeout=60)
    finally:
        process.kill()
        process.stderr.close()
    assert error == b""
    assert code == cli.EXIT_BROKEN_PIPE == 141


def test_problems_are_counted_and_only_twenty_formatted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = acme()
    data.update({f"unknown_{i}": 1 for i in range(900)})
    path = tmp_path / "many.coi"
    path.write_text(json.dumps(data), encoding="utf-8")
    code = cli.main(["validate", str(path)])
    lines = capsys.readouterr().err.splitlines()
    assert code == 2
    assert len(lines) == 21
    assert lines[-1] == "coi: ... and 880 more problems"


def test_half_a_million_keys_validate_fast_in_one_line(tmp_path: Path) -> None:
    data = acme()
    data["drivers"][0].update({f"k{i}": 1 for i in range(500_000)})
    path = tmp_path / "keys.coi"
    path.write_text(json.dumps(data), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(
        coi_command("validate", path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(),
        timeout=60,
        check=False,
    )
    elapsed = time.perf_counter() - started
    assert done.returncode == 2
    assert done.stderr == (
        f"coi: {path}: drivers[0]: has 500004 entries; a case has at most 1000 in one place\n"
    )
    assert elapsed < 15  # was 62 s and 860 MB


def test_long_explanation_and_unbroken_source_render(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = acme()
    formula = ("three trucks times two extra trips a week at 180 per trip " * 14)[:788]
    data["drivers"].append(
        {
            "type": "custom",
            "name": "Extra trips",
            "inputs": {"amount": "1000", "period": "month", "formula": formula},
        }
    )
    data["drivers"][0]["inputs"]["hourly_cost"]["source"] = "S" * 476
    data["drivers"][0]["inputs"]["hourly_cost"]["note"] = "N" * 5000
    path = tmp_path / "long.coi"
    path.write_text(json.dumps(data), encoding="utf-8")
    pdf = tmp_path / "long.pdf"
    code = cli.main(["render", str(path), "-o", str(pdf)])
    assert code == 0, capsys.readouterr().err
    text = flat(text_of(pdf.read_bytes()))
    assert flat(formula) in text  # in full under "How each figure is calculated"
    assert "S" * 100 in text


LOADED = (
    "import sys\n"
    "from calculators import cli\n"
    "code = cli.main()\n"  # as the `coi` process runs it: sys.argv, modules loaded ahead
    "print('LOADED', ' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    "import gc\n"
    "print('GC', gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)\n"
    "sys.exit(code)\n"
)
UI_AND_FILES = {"reportlab", "PySide6", "openpyxl", "xlsxwriter"}
ENGINE = {"numpy", "calculators.engine", "calculators.simulation"}


@pytest.mark.parametrize(
    "args, loads, never",
    [
        (("validate", ACME), {"calculators.model"}, UI_AND_FILES | ENGINE | {"calculators.team"}),
        (("check", ACME), {"calculators.readiness"}, UI_AND_FILES | {"numpy"}),
        (
            ("summary", ACME),
            {"numpy", "calculators.simulation"},
            UI_AND_FILES | {"numpy.ma", "calculators.team", "calculators.readiness"},
        ),
        (("summary", "--json", ACME), {"numpy"}, UI_AND_FILES | {"numpy.ma"}),
        (("schema",), {"calculators.model"}, UI_AND_FILES | ENGINE),
        (("pipeline", "--csv", ACME.parent), {"calculators.engine"}, UI_AND_FILES | {"numpy"}),
        (("--help",), set(), UI_AND_FILES | ENGINE | {"pydantic", "babel", "calculators.model"}),
        (("new", "--list-templates"), set(), UI_AND_FILES | ENGINE | {"calculators.model"}),
        (("render", ACME, "-o", "{out}"), {"reportlab"}, {"PySide6", "openpyxl", "xlsxwriter"}),
    ],
)
def test_commands_import_only_what_they_need(
    tmp_path: Path, args: tuple[object, ...], loads: set[str], never: set[str]
) -> None:
    arguments = [str(a).format(out=tmp_path / "out.pdf") for a in args]
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(),
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("LOADED ")]
    loaded = set(lines[-1].split()[1:])
    packages = loaded | {name.split(".")[0] for name in loaded}
    assert loads <= loaded
    assert never & packages == set()
    # The command's modules were loaded with the collector paused and frozen; it is on again.
    frozen = args[0] in cli._COMMAND_MODULES
    assert f"GC True {frozen}" in done.stderr.splitlines()


def test_called_in_process_the_cli_leaves_garbage_collection_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import gc

    frozen = gc.get_freeze_count()
    assert cli.main(["validate", str(ACME)]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_the_parser_offers_the_models_scenarios() -> None:
    from calculators.command_args import SCENARIOS
    from calculators.inputs import SCENARIOS as MODEL_SCENARIOS

    assert SCENARIOS == MODEL_SCENARIOS
