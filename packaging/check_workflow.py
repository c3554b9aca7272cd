"""Validate the GitHub Actions workflows offline (run by tests/packaging/test_workflow.py).

    python packaging/check_workflow.py [WORKFLOW.yml ...]   (default: .github/workflows/*.yml)

Two checks, both without a network:

1. ``check-jsonschema --builtin-schema vendor.github-workflows``: the workflow's shape against
   the JSON Schema for GitHub workflows that check-jsonschema ships (misspelled or misplaced
   keys, wrong types, unknown events);
2. the references the schema cannot see, because they sit inside ``${{ }}`` strings:
   every ``matrix.X`` a job uses is defined by its matrix (by every ``include`` entry, when
   the matrix is only a list of entries), every ``exclude`` key is an axis, and every
   ``inputs.X`` is a declared input. ``runs-on: ${{ matrix.oss }}`` passes the schema and
   would only fail on GitHub; it fails here.

actionlint would do more, but no PyPI package installs it without downloading it from
GitHub at build time (packaging/README.md, "CI").
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
SCHEMA = "vendor.github-workflows"

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
CONTEXT_KEY = r"\b{context}(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']*)'\s*\])"
MATRIX_REF = re.compile(CONTEXT_KEY.format(context="matrix"))
INPUTS_REF = re.compile(CONTEXT_KEY.format(context="inputs"))
# Keys whose value is an expression even without ${{ }}.
BARE_EXPRESSION_KEYS = frozenset({"if"})


def schema_check(path: Path) -> tuple[bool, str]:
    """(valid, check-jsonschema's output) for one workflow file."""
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", SCHEMA, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def load(path: Path) -> dict[str, Any]:
    from ruamel.yaml import YAML  # comes with check-jsonschema (the test extra)

    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a mapping at the top")
    return data


def expressions(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(where, expression text) for every expression in a workflow subtree."""
    if isinstance(node, dict):
        for name, value in node.items():
            where = f"{key}.{name}" if key else str(name)
            yield from expressions(value, where)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from expressions(value, f"{key}[{index}]")
    elif isinstance(node, str):
        last = key.rsplit(".", 1)[-1]
        if last in BARE_EXPRESSION_KEYS and "${{" not in node:
            yield key, node
        for match in EXPRESSION.finditer(node):
            yield key, match.group(1)


def references(pattern: re.Pattern[str], node: Any) -> Iterator[tuple[str, str]]:
    """(where, key) for every ``context.key`` or ``context['key']`` in a subtree."""
    for where, text in expressions(node):
        for match in pattern.finditer(text):
            yield where, match.group(1) or match.group(2)


def matrix_keys(matrix: Any) -> tuple[set[str], set[str], list[str]] | None:
    """(keys a reference may use, keys it may use only if every combination has them,
    problems); None when the matrix is built by an expression (its keys are known only on
    GitHub). With axes, an ``include`` entry may add a key to some combinations (it is empty
    in the others, as GitHub intends); with ``include`` alone, each entry is a job, so a key
    missing from one entry is a typo in that entry."""
    if not isinstance(matrix, dict):
        return None
    include = matrix.get("include", [])
    exclude = matrix.get("exclude", [])
    if not isinstance(include, list) or not isinstance(exclude, list):
        return None
    axes = {str(k) for k in matrix if k not in ("include", "exclude")}
    entries = [{str(k) for k in entry} for entry in include if isinstance(entry, dict)]
    problems = [
        f"strategy.matrix.exclude[{index}]: {key!r} is not a matrix axis"
        for index, entry in enumerate(exclude)
        if isinstance(entry, dict)
        for key in map(str, entry)
        if key not in axes
    ]
    if axes:
        return axes.union(*entries), axes.union(*entries), problems
    if not entries:
        return set(), set(), problems
    return set.intersection(*entries), set.union(*entries), problems


def matrix_problems(workflow: dict[str, Any]) -> list[str]:
    """Matrix keys and inputs used but not defined, one line each."""
    problems: list[str] = []
    triggers = workflow.get("on", {})
    inputs: set[str] = set()
    if isinstance(triggers, dict):
        for event in ("workflow_dispatch", "workflow_call"):
            declared = (triggers.get(event) or {}).get("inputs") or {}
            inputs.update(map(str, declared))
    for job_id, job in (workflow.get("jobs") or {}).items():
        if not isinstance(job, dict):
            continue
        strategy = job.get("strategy") or {}
        keys = matrix_keys(strategy.get("matrix")) if "matrix" in strategy else (set(), set(), [])
        body = {name: value for name, value in job.items() if name != "strategy"}
        if keys is not None:
            everywhere, somewhere, own = keys
            problems += [f"jobs.{job_id}.{problem}" for problem in own]
            for where, key in references(MATRIX_REF, body):
                if key not in somewhere:
                    problems.append(f"jobs.{job_id}.{where}: matrix.{key} is not defined")
                elif key not in everywhere:
                    problems.append(
                        f"jobs.{job_id}.{where}: matrix.{key} is missing from some include entries"
                    )
        for where, key in references(INPUTS_REF, job):
            if key not in inputs:
                problems.append(f"jobs.{job_id}.{where}: inputs.{key} is not declared")
    return problems


def check(path: Path) -> list[str]:
    """Every problem with one workflow file, as lines; empty when it is fine."""
    valid, output = schema_check(path)
    problems = [] if valid else [f"{path}: JSON schema: {output}"]
    try:
        workflow = load(path)
    except Exception as exc:  # any YAML error: report it, never crash the check
        return [*problems, f"{path}: {exc}"]
    return [*problems, *(f"{path}: {problem}" for problem in matrix_problems(workflow))]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [Path(arg) for arg in args] or sorted(WORKFLOWS.glob("*.y*ml"))
    if not paths:
        print("check_workflow: no workflow files", file=sys.stderr)
        return 1
    failures = 0
    for path in paths:
        problems = check(path)
        failures += bool(problems)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"check_workflow: {path}: ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
