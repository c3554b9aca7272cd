"""The core's messages, as a person reads them in the app: field labels instead of keys,
dates written out, and "This file is not a Cost of Inaction case" for a file that is not one.

The core's own message (with its ``path: message`` form and ISO dates, which the CLI and a
test can rely on) stays as it is; only what the app shows is reworded, here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from calculators.i18n import _
from desktop.language import ui_date

ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def field_labels() -> dict[str, str]:
    """Keys the core names in messages, and how the app calls them."""
    from calculators.case_fields import SOLUTION_INPUTS, case_field, driver_field
    from calculators.drivers import registry

    labels = {
        "start_date": _("the start date"),
        "end_date": _("the end date"),
        "deadline": _("the decision date"),
    }
    for spec in (case_field("horizon_months"), case_field("discount_rate"), *SOLUTION_INPUTS):
        labels.setdefault(spec.key, _(spec.label))
    labels.setdefault("addressable", _(driver_field("addressable").label))
    for kind in registry().values():
        for spec in kind.inputs:
            labels.setdefault(spec.key, _(spec.label))
    return labels


def plain_message(message: str, case_locale: str) -> str:
    """``message`` with snake_case keys named by their labels and ISO dates written out."""
    labels = field_labels()

    def label(match: re.Match[str]) -> str:
        return labels.get(match.group(0), match.group(0))

    def date(match: re.Match[str]) -> str:
        try:
            value = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return match.group(0)
        return ui_date(value, case_locale)

    return ISO_DATE.sub(date, KEY.sub(label, message))


def is_case_file(path: Path) -> bool:
    """True when ``path`` holds a JSON object that says it is a case (valid or not)."""
    from calculators.model import FORMAT
    from calculators.storage import MAX_FILE_BYTES

    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return True  # the loader's own message says what is wrong
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("format") == FORMAT


def open_problem(path: Path, problems: list[str], case_locale: str) -> tuple[str, str]:
    """(text, details) for a file that could not be opened."""
    technical = "\n".join(problems)
    if path.exists() and not is_case_file(path):
        return (
            _("This file is not a Cost of Inaction case: {name}").format(name=path.name),
            technical,
        )
    shown = [plain_problem(problem.removeprefix(f"{path}: "), case_locale) for problem in problems]
    return "\n".join(shown), ""


def plain_problem(problem: str, case_locale: str) -> str:
    """A core ``path: message`` problem as "Label: message" ("Driver 3 · Hourly cost: …")."""
    path, sep, message = problem.partition(": ")
    if not sep or " " in path:
        return plain_message(problem, case_locale)
    parts = path.split(".")
    labels = field_labels()
    part_names = {"expected": _("most likely"), "low": _("low"), "high": _("high")}
    if len(parts) >= 2 and parts[-1] in part_names:  # hourly_cost.expected
        # Translators: an input's label and a part of it (most likely, low, high).
        name = _("{field} ({part})").format(
            field=labels.get(parts[-2], parts[-2]), part=part_names[parts[-1]]
        )
    else:
        name = labels.get(parts[-1], parts[-1])
    driver = re.match(r"drivers\[(\d+)\]", parts[0])
    if driver is not None:
        name = _("Driver {number} · {field}").format(number=int(driver[1]) + 1, field=name)
    # Translators: a field's label and what is wrong with its value.
    return _("{field}: {problem}").format(
        field=name[:1].upper() + name[1:], problem=plain_message(message, case_locale)
    )
