"""Edits as functions from one validated case snapshot to the next.

The widgets only collect what the person typed; these functions build the new snapshot
through pydantic (so every rule of the case model applies) and turn a failed validation into
one-line problems for the field. No number is computed here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from calculators.drivers import registry
from calculators.errors import CaseError, problems_from_validation
from calculators.i18n import _, ngettext
from calculators.model import (
    MAX_DRIVERS,
    Buyer,
    Case,
    DriverBase,
    Narrative,
    Seller,
    Solution,
    make_driver,
)
from calculators.storage import load, months_between, shift_dates

M = TypeVar("M", bound=BaseModel)

SECTIONS: dict[str, type[BaseModel]] = {
    "buyer": Buyer,
    "seller": Seller,
    "solution": Solution,
    "narrative": Narrative,
}


class EditError(CaseError):
    """An edit the case model refuses; ``problems`` are ``path: message`` lines."""

    @property
    def message(self) -> str:
        """The first problem without its path (what a field shows under itself)."""
        return split_problem(self.problems[0])[1]

    @property
    def path(self) -> str:
        return split_problem(self.problems[0])[0]


def split_problem(problem: str) -> tuple[str, str]:
    path, sep, message = problem.partition(": ")
    return (path, message) if sep else ("", problem)


def validated(model: type[M], data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise EditError(problems_from_validation(exc)) from None
    except CaseError as exc:
        raise EditError(exc.problems) from None


def _fields(model: BaseModel) -> dict[str, Any]:
    return {name: getattr(model, name) for name in type(model).model_fields}


def set_case_fields(case: Case, **changes: Any) -> Case:
    """``case`` with top-level fields replaced, validated as a whole case."""
    return validated(Case, {**_fields(case), **changes})


def set_section(case: Case, section: str, **changes: Any) -> Case:
    """``case`` with fields of buyer/seller/solution/narrative replaced."""
    current = getattr(case, section)
    data = {} if current is None else current.model_dump(mode="json", exclude_none=True)
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    model_class = SECTIONS[section]
    try:
        model = model_class.model_validate(data)
    except ValidationError as exc:
        raise EditError(problems_from_validation(exc, prefix=section)) from None
    return set_case_fields(case, **{section: model})


def set_driver_fields(case: Case, index: int, **changes: Any) -> Case:
    """``case`` with fields of driver ``index`` (name, enabled, addressable, dates) replaced."""
    driver = case.drivers[index]
    new = validated(type(driver), {**_fields(driver), **changes})
    return case.replace_driver(index, new)


def set_driver_input(case: Case, index: int, key: str, value: Any) -> Case:
    """``case`` with input ``key`` of driver ``index`` set (None = back to the default)."""
    driver = case.drivers[index]
    try:
        new = driver.with_input(key, value)
    except ValidationError as exc:
        raise EditError(problems_from_validation(exc)) from None
    return case.replace_driver(index, new)


def unique_name(case: Case, base: str) -> str:
    names = {d.name for d in case.drivers}
    if base not in names:
        return base
    n = 2

    def numbered(number: int) -> str:
        # Translators: a new driver's name made unique: Labour cost 2.
        return _("{name} {number}").format(name=base, number=number)

    while numbered(n) in names:
        n += 1
    return numbered(n)


def _with_drivers(case: Case, drivers: tuple[DriverBase, ...]) -> Case:
    if len(drivers) > MAX_DRIVERS:
        message = ngettext(
            "a case has at most {n} driver", "a case has at most {n} drivers", MAX_DRIVERS
        ).format(n=MAX_DRIVERS)
        raise EditError([f"drivers: {message}"])
    return case.model_copy(update={"drivers": drivers})


def add_driver(case: Case, type_key: str) -> Case:
    kind = registry()[type_key]
    driver = make_driver(type_key, unique_name(case, _(kind.label)))
    return _with_drivers(case, (*case.drivers, driver))


def duplicate_driver(case: Case, index: int) -> Case:
    original = case.drivers[index]
    copy = original.model_copy(
        update={"name": unique_name(case, _("{name} (copy)").format(name=original.name))}
    )
    drivers = list(case.drivers)
    drivers.insert(index + 1, copy)
    return _with_drivers(case, tuple(drivers))


def move_driver(case: Case, index: int, delta: int) -> Case:
    target = index + delta
    if not 0 <= target < len(case.drivers):
        return case
    drivers = list(case.drivers)
    drivers[index], drivers[target] = drivers[target], drivers[index]
    return case.model_copy(update={"drivers": tuple(drivers)})


def delete_driver(case: Case, index: int) -> Case:
    drivers = list(case.drivers)
    del drivers[index]
    return case.model_copy(update={"drivers": tuple(drivers)})


def toggle_driver(case: Case, index: int) -> Case:
    driver = case.drivers[index]
    return case.replace_driver(index, driver.model_copy(update={"enabled": not driver.enabled}))


def next_month_start(today: dt.date) -> dt.date:
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return dt.date(year, month, 1)


def case_from_template(
    path: Any,
    *,
    today: dt.date,
    locale: str | None = None,
    currency: str | None = None,
    seller: dict[str, str] | None = None,
    team_fields: dict[str, Any] | None = None,
) -> Case:
    """A new case from a template file: dates moved to start next month, the rep's defaults.

    ``team_fields`` (discount rate, horizon from the installation's team settings) apply too.
    """
    case = load(path)
    start = next_month_start(today)
    case = shift_dates(case, months_between(case.start_date, start))
    changes: dict[str, Any] = {}
    if case.start_date != start:
        changes["start_date"] = start
    if locale:
        changes["locale"] = locale
    if currency:
        changes["currency"] = currency
    changes.update(team_fields or {})
    if seller:
        current = case.seller.model_dump(exclude_none=True)
        filled = {k: v for k, v in seller.items() if v}
        changes["seller"] = {**current, **filled}
    return set_case_fields(case, **changes) if changes else case
