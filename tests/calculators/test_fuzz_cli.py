"""Fuzzing ``coi validate/summary/check/render`` with hostile case files (issue 17).

Hypothesis takes the Acme example and replaces, adds or removes values anywhere in it:
numbers with huge exponents or digits, foreign digits, floats, control and bidi characters,
long strings, deep nesting, wrong types. Whatever it makes, ``coi`` answers with exit 0, or
exit 2 and one line per problem; never an internal error (exit 1) or a traceback. Bounded
time: the examples are few and every subprocess has a timeout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import cli
from tests.conftest import EXAMPLES, ROOT

ACME = EXAMPLES / "acme-order-automation.coi"
BASE: dict[str, Any] = json.loads(ACME.read_text(encoding="utf-8"))
MARKER = "@@fuzzed@@"


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the example a value can be put (each key and list index, the root's keys)."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(paths(value, (*prefix, index)))
    return found


PATHS = paths(BASE)

number_text = st.from_regex(
    r"[-+]?[0-9\uff10-\uff19\u0660-\u0669_]{0,45}(\.[0-9]{0,45})?([eE][-+]?[0-9]{1,12})?",
    fullmatch=True,
)
nasty_text = st.text(
    alphabet=st.sampled_from(list("ab 1.\x00\x1b\x07\n\t\u202e\u2066\u200f\ud7ff\ufffe<&>\"'{}")),
    max_size=40,
)
leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    number_text,
    nasty_text,
    st.text(max_size=30),
    st.integers(0, 3000).map(lambda n: "x" * n),
    st.sampled_from(["1e-999999999", "1e1000000", "NaN", "-0", "0e-99999", "2027-02-30"]),
)
values = st.recursive(
    leaf,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=8), children, max_size=4),
    ),
    max_leaves=12,
)
# Raw JSON text that no Python value serialises to: deep nesting, long integers, NaN.
raw = st.one_of(
    st.integers(1, 4000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 6000).map(lambda n: "7" * n),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "4.8e1", "-0.0"]),
)


@st.composite
def case_texts(draw: st.DrawFn) -> bytes:
    data = json.loads(json.dumps(BASE))
    raws: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        node: Any = data
        try:
            for part in path[:-1]:
                node = node[part]
            action = draw(st.sampled_from(["replace", "replace", "raw", "delete", "add"]))
            if action == "delete":
                del node[path[-1]]
            elif action == "add" and isinstance(node, dict):
                node[draw(st.text(max_size=10))] = draw(values)
            elif action == "raw":
                node[path[-1]] = MARKER
                raws.append(draw(raw))
            else:
                node[path[-1]] = draw(values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced this place
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    for literal in raws:
        text = text.replace(json.dumps(MARKER), literal, 1)
    return text.encode("utf-8", "surrogatepass")


def check(code: int, err: str, allowed: tuple[int, ...] = (0, 2)) -> None:
    assert code in allowed, err
    assert "internal error" not in err and "Traceback" not in err, err
    lines = err.splitlines()
    if code == 2:
        assert lines and all(line.startswith("coi: ") for line in lines), err
        assert len(lines) <= cli.MAX_PROBLEMS_SHOWN + 1


FUZZ = settings(
    max_examples=int(os.environ.get("COI_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


@FUZZ
@given(case_texts())
def test_validate_and_summary_never_fail_internally(tmp_path_factory: Any, raw_case: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "case.coi"
    path.write_bytes(raw_case)
    for args in (["validate"], ["summary"], ["summary", "--json"], ["check"]):
        with pytest.MonkeyPatch.context() as patch:
            errors: list[str] = []
            patch.setattr(sys, "stderr", _Capture(errors))
            patch.setattr(sys, "stdout", _Capture([]))
            code = cli.main([*args, str(path)])
        # coi check: 0 ready, 1 something blocks (listed on stdout), 2 not a valid case
        check(code, "".join(errors), (0, 1, 2) if args == ["check"] else (0, 2))


@settings(FUZZ, max_examples=int(os.environ.get("COI_FUZZ_RENDER_EXAMPLES", "8")))
@given(case_texts())
def test_render_never_fails_internally(tmp_path_factory: Any, raw_case: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "case.coi"
    path.write_bytes(raw_case)
    with pytest.MonkeyPatch.context() as patch:
        errors: list[str] = []
        patch.setattr(sys, "stderr", _Capture(errors))
        patch.setattr(sys, "stdout", _Capture([]))
        # --draft: a valid case that is not ready to send still renders (as a draft)
        code = cli.main(["render", "--draft", str(path), "-o", str(folder / "out.pdf")])
    check(code, "".join(errors))


class _Capture:
    """A minimal text stream collecting what is written (no buffer: text only)."""

    def __init__(self, sink: list[str]) -> None:
        self.sink = sink

    def write(self, text: str) -> int:
        self.sink.append(text)
        return len(text)

    def flush(self) -> None:
        pass


NASTY_FILES = {
    "deep": "[" * 100_000 + "]" * 100_000,
    "exponent": json.dumps({**BASE, "discount_rate": "1e1000000"}),
    "bidi": json.dumps({**BASE, "title": "\u202eevil\x1b[2J"}),
}


@pytest.mark.parametrize("name", list(NASTY_FILES))
def test_console_script_on_nasty_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.coi"
    path.write_text(NASTY_FILES[name], encoding="utf-8")
    for args in (["validate", path], ["summary", "--json", path]):
        done = subprocess.run(
            [sys.executable, "-m", "calculators.cli", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
            timeout=60,
            check=False,
        )
        check(done.returncode, done.stderr)
