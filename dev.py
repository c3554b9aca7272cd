#!/usr/bin/env python3
"""The project's two commands, with only Python >= 3.11 and its standard library.

    python3 dev.py run     set up .venv from the pinned versions, then start the app
    python3 dev.py test    set up .venv, then lint, type-check, check the import
                           contracts and run the whole test suite (GUI tests offscreen)

Extra commands for maintainers: ``lint`` (ruff, mypy, import-linter only), ``lock``
(re-pin constraints.txt from a fresh resolve), ``bench`` (run every benchmark), ``i18n``
(extract strings, update and compile the gettext catalogs in resources/locale),
``installer [--team DIR]`` (build this OS's installer; see packaging/README.md).

The virtual environment is rebuilt only when pyproject.toml or constraints.txt change
(a stamp file in .venv records their hash), so repeated runs start fast.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
CONSTRAINTS = ROOT / "constraints.txt"
STAMP = VENV / ".coi-stamp"
MIN_PYTHON = (3, 11)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def wanted_stamp() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def run(cmd: list[str], env: dict[str, str] | None = None) -> int:
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT, env=env)


def check(cmd: list[str]) -> None:
    code = run(cmd)
    if code != 0:
        sys.exit(f"dev.py: command failed with exit code {code}: {' '.join(map(str, cmd))}")


def step(number: int, text: str) -> None:
    """One line per step of the set-up, so a first run never looks stuck."""
    print(f"dev.py: [{number}/3] {text}", flush=True)


def ensure_venv(progress: bool = False) -> Path:
    """Create or refresh .venv from constraints.txt; return its python.

    ``progress``: show pip's own progress (what it downloads and installs), for ``run``,
    where a first start otherwise sits silent for minutes.
    """
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"dev.py: Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed")
    python = venv_python()
    stamp = wanted_stamp()
    if python.exists() and STAMP.exists() and STAMP.read_text() == stamp:
        return python
    step(1, f"creating the virtual environment in {VENV}")
    if not python.exists():
        if VENV.exists():
            shutil.rmtree(VENV)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    pip += ["--progress-bar", "on"] if progress else ["-q"]
    step(2, "installing the build tools (setuptools, wheel)")
    check([*pip, "install", "-c", str(CONSTRAINTS), "setuptools", "wheel"])
    step(3, "installing the app and its libraries (PySide6, reportlab, …); this takes a while")
    check([*pip, "install", "--no-build-isolation", "-c", str(CONSTRAINTS), "-e", f"{ROOT}[test]"])
    STAMP.write_text(stamp)
    print("dev.py: set-up done", flush=True)
    return python


def cmd_lint(python: Path) -> int:
    failures = 0
    failures += run([str(python), "-m", "ruff", "check", "."]) != 0
    failures += run([str(python), "-m", "ruff", "format", "--check", "."]) != 0
    failures += run([str(python), "-m", "mypy"]) != 0
    lint_imports = python.parent / ("lint-imports.exe" if os.name == "nt" else "lint-imports")
    failures += run([str(lint_imports)]) != 0
    return failures


def cmd_test(python: Path, extra: list[str]) -> int:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONHASHSEED"] = env.get("PYTHONHASHSEED", "0")
    lint_failures = 0 if extra else cmd_lint(python)
    code = run([str(python), "-m", "pytest", *extra], env=env)
    if lint_failures:
        print(f"dev.py: {lint_failures} lint/type/contract check(s) failed", flush=True)
        return code or 1
    return code


def cmd_run(python: Path, extra: list[str]) -> int:
    return run([str(python), "-m", "desktop", *extra])


def cmd_bench(python: Path, extra: list[str]) -> int:
    failures = 0
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        failures += run([str(python), str(script), *extra]) != 0
    return failures


def cmd_installer(python: Path, extra: list[str]) -> int:
    """Build the installer for this OS (packaging/build.py; ``--team DIR`` bakes in a team).

    PyInstaller comes from the ``packaging`` extra at the versions pinned in constraints.txt,
    installed into .venv on first use (the test setup does not need it).
    """
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "-q"]
    install = [*pip, "install", "--no-build-isolation", "-c", str(CONSTRAINTS)]
    check([*install, "-e", f"{ROOT}[packaging]"])
    if cmd_i18n(python, ["compile"]) != 0:  # the bundle ships the compiled catalogs
        return 1
    return run([str(python), str(ROOT / "packaging" / "build.py"), *extra])


def cmd_lock() -> int:
    """Resolve the newest allowed versions in a scratch venv and pin them."""
    scratch = ROOT / ".venv-lock"
    if scratch.exists():
        shutil.rmtree(scratch)
    venv.EnvBuilder(with_pip=True, clear=True).create(scratch)
    py = scratch / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    check([str(py), "-m", "pip", "install", "-q", "setuptools", "wheel"])
    check(
        [str(py), "-m", "pip", "install", "-q", "--no-build-isolation", f"{ROOT}[test,packaging]"]
    )
    frozen = subprocess.run(
        [str(py), "-m", "pip", "freeze", "--all", "--exclude-editable"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    pins = sorted(
        line
        for line in frozen
        if line and not line.startswith(("cost-of-inaction", "cost_of_inaction", "pip="))
    )
    header = (
        "# Pinned versions for every install (dev.py, CI, installers). "
        "Update with: python3 dev.py lock\n"
    )
    CONSTRAINTS.write_text(header + "\n".join(pins) + "\n")
    shutil.rmtree(scratch)
    print(f"dev.py: wrote {len(pins)} pins to {CONSTRAINTS.name}")
    return 0


LANGUAGES = ("de", "fr", "es", "ja")
LOCALE_DIR = ROOT / "resources" / "locale"


def cmd_i18n(python: Path, extra: list[str]) -> int:
    """Extract strings into coi.pot, merge them into every catalog, compile the .mo files.

    ``i18n compile`` only compiles (what set-up needs); ``i18n`` does the whole round.
    """
    pybabel = [str(python), "-m", "babel.messages.frontend"]
    pot = LOCALE_DIR / "coi.pot"
    if not extra or extra[0] != "compile":
        check(
            [
                *pybabel,
                "extract",
                "--no-location",
                "--sort-output",
                "--omit-header",
                "--add-comments=Translators:",
                "-k",
                "_",
                "-k",
                "N_",
                "-k",
                "ngettext:1,2",
                "-k",
                "tr",
                "-o",
                str(pot),
                "calculators",
                "desktop",
            ]
        )
        for language in LANGUAGES:
            catalog = LOCALE_DIR / language / "LC_MESSAGES" / "coi.po"
            action = "update" if catalog.exists() else "init"
            check(
                [
                    *pybabel,
                    action,
                    "-D",
                    "coi",
                    "-i",
                    str(pot),
                    "-d",
                    str(LOCALE_DIR),
                    "-l",
                    language,
                    *(["--no-fuzzy-matching", "--ignore-obsolete"] if action == "update" else []),
                ]
            )
    for language in LANGUAGES:
        if (LOCALE_DIR / language / "LC_MESSAGES" / "coi.po").exists():
            check([*pybabel, "compile", "-D", "coi", "-d", str(LOCALE_DIR), "-l", language])
    return 0


def main(argv: list[str]) -> int:
    commands = ("run", "test", "lint", "bench", "lock", "i18n", "installer")
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    if command == "lock":
        return cmd_lock()
    python = ensure_venv(progress=command == "run")
    if command == "run":
        return cmd_run(python, extra)
    if command == "test":
        return cmd_test(python, extra)
    if command == "bench":
        return cmd_bench(python, extra)
    if command == "i18n":
        return cmd_i18n(python, extra)
    if command == "installer":
        return cmd_installer(python, extra)
    return cmd_lint(python)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
