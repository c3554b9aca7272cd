"""Errors a person can read: one line each, naming the field, never a traceback or a URL."""

from __future__ import annotations

import re
import types
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

from calculators.i18n import _, ngettext

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

# pydantic, the driver declarations and the input model are imported where a validation
# error is read, not here: every command imports this module (CaseError, one_line), and
# `coi --help` or `coi new --list-templates` need none of them.

MAX_PROBLEM_CHARS = 500
_SIMPLE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
# Characters that would break a message over several lines or hide part of it.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str, limit: int = MAX_PROBLEM_CHARS) -> str:
    """``text`` as one printable line: control characters escaped, overlong text cut."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


# Problems formatted per validation (the CLI shows 20, the app fewer); the rest are counted.
MAX_FORMATTED_PROBLEMS = 20


class CaseError(Exception):
    """A problem with a case or a case file. ``str()`` is a one-line message.

    ``problems`` lists the problems found, each as ``path: message`` on one line; only the
    first :data:`MAX_FORMATTED_PROBLEMS` of a validation are formatted, ``total`` counts all.
    """

    def __init__(self, problems: Sequence[str], total: int | None = None) -> None:
        self.problems = [one_line(p) for p in problems] or [_("invalid case")]
        self.total = max(total or 0, len(self.problems))
        super().__init__(self.summary)

    @property
    def summary(self) -> str:
        first = self.problems[0]
        more = self.total - 1
        if more == 0:
            return first
        return ngettext(
            "{problem} (and {count} more problem)", "{problem} (and {count} more problems)", more
        ).format(problem=first, count=more)


def _key(part: str) -> str:
    """A field name as shown in a path; odd names (spaces, newlines, very long) quoted."""
    if _SIMPLE_KEY.match(part):
        return part
    shown = part if len(part) <= 40 else part[:39] + "…"
    return f"[{shown!r}]"


def format_path(loc: Sequence[int | str]) -> str:
    """('drivers', 2, 'labor', 'inputs', 'hourly_cost') -> 'drivers[2].inputs.hourly_cost'."""
    from calculators.drivers import driver_keys

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
            key = _key(part)
            out += key if key.startswith("[") or not out else f".{key}"
        previous = part
    return out


def shown(value: object) -> str:
    """A short description of a JSON value for "got ..." in a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _("an object")
    if isinstance(value, list | tuple):
        return _("a list")
    if isinstance(value, int) and abs(value) >= 10**30:
        return _("a very long number")
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _kind(value: object) -> str:
    """What sort of JSON value ``value`` is, for "must be text (got a number)"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, dict):
        return _("an object")
    if isinstance(value, list | tuple):
        return _("a list")
    return type(value).__name__


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _is_union(annotation: Any) -> bool:
    return get_origin(annotation) in (Union, types.UnionType)


def _is_model(annotation: Any) -> bool:
    from pydantic import BaseModel

    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _tagged(arm: Any, tag: str) -> bool:
    field = arm.model_fields.get("type") if _is_model(arm) else None
    return field is not None and tag in get_args(_unwrap(field.annotation))


def model_at(root: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The pydantic model found by following the error location ``loc`` from ``root``."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if get_origin(current) not in (tuple, list):
                return None
            current = get_args(current)[0]
            continue
        if _is_union(current):
            arms = [_unwrap(arm) for arm in get_args(current)]
            tagged = [arm for arm in arms if _tagged(arm, part)]
            if tagged:
                current = tagged[0]
                continue
            models = [arm for arm in arms if _is_model(arm)]
            if len(models) != 1:
                return None
            current = models[0]
        if not _is_model(current):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = field.annotation
    current = _unwrap(current)
    if _is_union(current):
        models = [arm for arm in map(_unwrap, get_args(current)) if _is_model(arm)]
        current = models[0] if len(models) == 1 else None
    return current if _is_model(current) else None


def _unknown_field(loc: Sequence[int | str], root: type[BaseModel] | None) -> str:
    model = model_at(root, loc[:-1]) if root is not None else None
    if model is None:
        return _("is not a known field")
    allowed = [name for name in model.model_fields if name != "type"]
    name = str(loc[-1]) if loc else ""
    import difflib  # only for a misspelt field name

    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    listing = ", ".join(allowed)
    if close:
        return _("is not a known field; did you mean {name}? (allowed: {allowed})").format(
            name=close[0], allowed=listing
        )
    return _("is not a known field (allowed: {allowed})").format(allowed=listing)


def _choices(expected: str) -> str:
    """ "'month', 'quarter' or 'year'" (pydantic's wording) -> "month, quarter, year"."""
    found = re.findall(r"'([^']*)'", expected)
    return ", ".join(found) if found else expected


_BOUNDS = {
    "greater_than_equal": (">=", "ge"),
    "greater_than": (">", "gt"),
    "less_than_equal": ("<=", "le"),
    "less_than": ("<", "lt"),
}


def _message(error: Any, root: type[BaseModel] | None = None) -> tuple[str, str]:
    """(extra path, message) for one pydantic error dict."""
    from calculators.drivers import driver_keys
    from calculators.inputs import too_long

    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "coi_value":
        return str(ctx.get("part") or ""), str(ctx.get("message", _("is invalid")))
    if kind == "missing":
        return "", _("is required")
    if kind == "extra_forbidden":
        return "", _unknown_field(error["loc"], root)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        known = ", ".join(driver_keys())
        tag = value.get("type") if isinstance(value, dict) else None
        if kind == "union_tag_not_found" or tag is None:
            return "type", _("is required (one of: {known})").format(known=known)
        return "type", _("unknown driver type {tag} (known: {known})").format(
            tag=shown(tag), known=known
        )
    if kind in _BOUNDS:
        symbol, key = _BOUNDS[kind]
        return "", _("must be {symbol} {bound}").format(symbol=symbol, bound=ctx.get(key, ""))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, str):
            return "", _("must be a whole number written without quotes (got {value})").format(
                value=shown(value)
            )
        return "", _("must be a whole number (got {value})").format(value=shown(value))
    if kind == "string_type":
        return "", _("must be text (got {kind})").format(kind=_kind(value))
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return "", too_long(limit) if isinstance(limit, int) else _("is too long")
    if kind == "string_too_short":
        return "", _("must not be empty")
    if kind in ("bool_type", "bool_parsing"):
        return "", _("must be true or false (got {value})").format(value=shown(value))
    if kind == "literal_error":
        return "", _("must be one of {choices} (got {value})").format(
            choices=_choices(str(ctx.get("expected", ""))), value=shown(value)
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "", _("must be an object (got {kind})").format(kind=_kind(value))
    if kind in ("tuple_type", "list_type"):
        return "", _("must be a list (got {kind})").format(kind=_kind(value))
    if kind == "too_long":
        limit = ctx.get("max_length")
        if not isinstance(limit, int):
            return "", _("has too many items")
        return "", ngettext(
            "must have at most {count} item", "must have at most {count} items", limit
        ).format(count=limit)
    if kind == "value_error" and ctx.get("error") is not None:
        # A ValueError raised by a validator: its message (already translated) without
        # pydantic's English "Value error, " in front.
        return "", str(ctx["error"])
    if kind == "recursion_loop":
        return "", _("is nested too deeply")
    message = str(error.get("msg") or _("is invalid"))
    return "", message[:1].lower() + message[1:]


def problems_from_validation(
    exc: ValidationError, prefix: str = "", model: type[BaseModel] | None = None
) -> list[str]:
    """Readable one-line problems from a pydantic ValidationError.

    ``model`` is the model that was validated; with it, an unknown field's message lists
    the fields allowed at that place.
    """
    problems = []
    # 500,000 unknown keys are 500,000 errors: only the first few are worth formatting.
    for error in exc.errors(include_url=False)[:MAX_FORMATTED_PROBLEMS]:
        extra, message = _message(error, model)
        loc = [*error["loc"], *(extra.split(".") if extra else [])]
        path = format_path(loc)
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        problems.append(one_line(f"{path}: {message}" if path else message))
    return problems


def case_error(exc: ValidationError, model: type[BaseModel] | None = None) -> CaseError:
    return CaseError(problems_from_validation(exc, model=model), total=exc.error_count())
