"""Errors a person can read: one line each, naming the field, never a traceback or a URL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from calculators.drivers import driver_keys


class CaseError(Exception):
    """A problem with a case or a case file. ``str()`` is a one-line message.

    ``problems`` lists every problem found, each as ``path: message``.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems) or ["invalid case"]
        super().__init__(self.summary)

    @property
    def summary(self) -> str:
        first = self.problems[0]
        more = len(self.problems) - 1
        return first if more == 0 else f"{first} (and {more} more problem{'s' * (more > 1)})"


def format_path(loc: Sequence[int | str]) -> str:
    """('drivers', 2, 'labor', 'inputs', 'hourly_cost') -> 'drivers[2].inputs.hourly_cost'."""
    out = ""
    previous: int | str | None = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(previous, int) and part in driver_keys():
            pass  # the discriminator tag pydantic inserts for tagged unions
        elif part.startswith(("function-", "json-or-python")):
            pass
        else:
            out += f".{part}" if out else part
        previous = part
    return out


def _message(error: Any) -> tuple[str, str]:
    """(extra path, message) for one pydantic error dict."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "coi_value":
        return ctx.get("part", ""), str(ctx.get("message", "is invalid"))
    if kind == "missing":
        return "", "is required"
    if kind == "extra_forbidden":
        return "", "is not a known field"
    if kind == "union_tag_invalid":
        known = ", ".join(driver_keys())
        return "type", f"unknown driver type {ctx.get('tag')!r} (known: {known})"
    if kind == "union_tag_not_found":
        return "type", "is required (one of: " + ", ".join(driver_keys()) + ")"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        symbol = {
            "greater_than_equal": ">=",
            "greater_than": ">",
            "less_than_equal": "<=",
            "less_than": "<",
        }[kind]
        bound = next(iter(ctx.values()), "")
        return "", f"must be {symbol} {bound}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "", "must be a whole number"
    if kind == "string_type":
        return "", "must be text"
    if kind == "string_too_long":
        return "", f"must be at most {ctx.get('max_length')} characters"
    if kind == "string_too_short":
        return "", "must not be empty"
    if kind in ("bool_type", "bool_parsing"):
        return "", "must be true or false"
    if kind == "literal_error":
        return "", f"must be {ctx.get('expected')}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "", "must be an object"
    if kind in ("tuple_type", "list_type"):
        return "", "must be a list"
    if kind == "too_long":
        return "", f"must have at most {ctx.get('max_length')} items"
    message = str(error.get("msg", "is invalid"))
    return "", message[:1].lower() + message[1:]


def problems_from_validation(exc: ValidationError, prefix: str = "") -> list[str]:
    """Readable one-line problems from a pydantic ValidationError."""
    problems = []
    for error in exc.errors(include_url=False):
        extra, message = _message(error)
        loc = [*error["loc"], *([extra] if extra else [])]
        path = format_path(loc)
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        problems.append(f"{path}: {message}" if path else message)
    return problems


def case_error(exc: ValidationError) -> CaseError:
    return CaseError(problems_from_validation(exc))
