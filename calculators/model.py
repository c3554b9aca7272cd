"""The case: a frozen pydantic model of one business case (file format version 1).

Edits produce new cases (``model_copy(update=...)`` or :func:`replace_driver`); results are a
pure function of the case. The per-type driver models are generated from the driver
declarations, so a new driver module needs no change here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from annotated_types import GroupedMetadata
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    Strict,
    StringConstraints,
    WithJsonSchema,
    create_model,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from calculators.calendar import edate
from calculators.case_fields import MAX_HORIZON, case_field, driver_field, solution_input
from calculators.case_fields import SOLUTION_INPUTS as SOLUTION_INPUTS  # re-exported
from calculators.drivers import registry
from calculators.drivers.base import DriverType, SavingsClass
from calculators.formatting import FormatError, check_currency, check_report_locale, parse_locale
from calculators.i18n import _, ngettext
from calculators.inputs import (
    MAX_TEXT,
    Estimate,
    InputSpec,
    Kind,
    Unit,
    check_input,
)
from calculators.numbers import NumberError, decimal_to_json, parse_decimal
from calculators.text import neutralise

FORMAT = "cost-of-inaction/case"
SCHEMA_VERSION = 1
# Interactive at the maximum: 200 drivers x 240 months summarise (projection, scenarios, exact
# sensitivity, 10,000-sample simulation) in under 2 s (benchmarks/bench_large.py); a
# sensitivity row re-projects one driver and swaps it into the kept totals.
MAX_DRIVERS = 200

NUMBER_PATTERN = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

FROZEN = ConfigDict(frozen=True, extra="forbid")


def _value_error(message: str, part: str = "") -> PydanticCustomError:
    return PydanticCustomError("coi_value", "{message}", {"message": message, "part": part})


def _parse_decimal_field(value: object) -> Decimal:
    try:
        return parse_decimal(value)
    except NumberError as exc:
        raise _value_error(str(exc)) from None


def _parse_optional_decimal(value: object) -> Decimal | None:
    return None if value is None else _parse_decimal_field(value)


# Dates outside these years are typos; the limit also keeps month arithmetic far from year 9999.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2999, 12, 31)


def _parse_date(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str) and re.match(DATE_PATTERN, value.strip()):
        try:
            parsed = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise _value_error(
                _("is not a real date: {value}").format(value=repr(value.strip()))
            ) from None
    else:
        raise _value_error(
            _("must be a date written as {pattern}, e.g. {example}").format(
                pattern="YYYY-MM-DD", example="2027-04-15"
            )
        )
    if not FIRST_DATE <= parsed <= LAST_DATE:
        raise _value_error(
            _("must be between {low} and {high}").format(low=FIRST_DATE, high=LAST_DATE)
        )
    return parsed


def _json_decimal(value: Decimal | None) -> str | None:
    return None if value is None else decimal_to_json(value)


# A declared plain number is written as a decimal string (an optional one left unset as null).
_AS_STRING = PlainSerializer(_json_decimal, return_type=str | None)

IsoDate = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]
# Every text field is neutralised (controls, bidi overrides -> U+FFFD): see calculators.text.
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(neutralise)]


def _not_blank(value: str) -> str:
    if value and not value.strip():
        raise _value_error(_("must not be empty"))
    return value


# A name shown in headlines and headers: spaces alone do not count as a name.
NamedText = Annotated[
    str,
    StringConstraints(max_length=MAX_TEXT),
    AfterValidator(neutralise),
    AfterValidator(_not_blank),
]


def _estimate_checker(spec: InputSpec) -> Callable[[Estimate | None], Estimate | None]:
    def check(value: Estimate | None) -> Estimate | None:
        if value is None:
            return None
        problem = check_input(spec, value)
        if problem is not None:
            raise _value_error(problem[1], problem[0])
        return value

    return check


def _number_checker(spec: InputSpec) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None:  # an optional number left out
            return value
        message = spec.check_number(Decimal(value))
        if message:
            raise _value_error(message)
        return value

    return check


_PLAIN_FORMS = {Unit.RATE: 'A fraction as a decimal string: "0.08" = 8 %.'}


def _plain_schema(spec: InputSpec) -> dict[str, Any]:
    """The JSON Schema of a single declared number: its own title, help and bounds."""
    bounds: dict[str, Any] = {}
    for name, bound in (("minimum", spec.minimum), ("maximum", spec.maximum)):
        if bound is not None:
            bounds[name] = int(bound) if spec.integer else decimal_to_json(bound)
    if spec.integer:
        return {"type": "integer", "title": spec.label, "description": spec.help, **bounds}
    return {
        "type": "string",
        "pattern": NUMBER_PATTERN,
        "title": spec.label,
        "description": f"{spec.help} {_PLAIN_FORMS.get(spec.unit, 'A decimal string.')}",
        "x-unit": spec.unit.value,
        "x-bounds": bounds,
    }


@dataclass(frozen=True)
class Declared(GroupedMetadata):
    """Field metadata derived from a declaration: ``Annotated[Estimate, Declared(spec)]``.

    A ranged spec is an Estimate checked against the bounds; a plain whole number a strict
    int; any other plain number a decimal string. Each with its own title, help and bounds
    in the JSON Schema.
    """

    spec: InputSpec

    def __iter__(self) -> Iterator[object]:
        spec = self.spec
        if spec.ranged:
            yield AfterValidator(_estimate_checker(spec))
            yield WithJsonSchema(_estimate_schema(spec))
        elif spec.integer:
            yield Strict()
            yield AfterValidator(_number_checker(spec))
            yield WithJsonSchema(_plain_schema(spec))
        else:
            yield BeforeValidator(
                _parse_optional_decimal if spec.optional else _parse_decimal_field
            )
            yield AfterValidator(_number_checker(spec))
            yield _AS_STRING
            yield WithJsonSchema(_plain_schema(spec))


def _estimate_default(spec: InputSpec) -> Estimate:
    return Estimate(expected=spec.default_decimal)


def _whole_default(spec: InputSpec) -> int:
    return int(spec.default_decimal)


def _estimate_schema(spec: InputSpec) -> dict[str, Any]:
    bounds: dict[str, str] = {}
    if spec.minimum is not None:
        bounds["minimum"] = decimal_to_json(spec.minimum)
    if spec.maximum is not None:
        bounds["maximum"] = decimal_to_json(spec.maximum)
    number = {"type": "string", "pattern": NUMBER_PATTERN}
    return {
        "title": spec.label,
        "description": f"{spec.help} Unit: {spec.unit.value}. Default: "
        f"{decimal_to_json(spec.default_decimal)}. Bounds: {bounds or 'none'}.",
        "x-unit": spec.unit.value,
        "x-bounds": bounds,
        "oneOf": [
            number,
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["expected"],
                "properties": {
                    "expected": number,
                    "low": number,
                    "high": number,
                    "source": {"type": "string"},
                    "confidence": {"enum": ["high", "medium", "low"]},
                    "note": {"type": "string"},
                    "confirmed_by": {"type": "string"},
                    "confirmed_on": {"type": "string", "format": "date"},
                    "placeholder": {"type": "boolean"},
                },
            },
        ],
    }


def _input_field(spec: InputSpec) -> tuple[Any, Any]:
    if spec.kind is Kind.NUMBER:
        annotation: Any = Annotated[Estimate | None, Declared(spec)]
    elif spec.kind is Kind.DATE:
        annotation = Annotated[
            dt.date | None,
            BeforeValidator(lambda v: None if v is None else _parse_date(v)),
            WithJsonSchema(
                {"type": "string", "format": "date", "title": spec.label, "description": spec.help}
            ),
        ]
    elif spec.kind is Kind.CHOICE:
        annotation = Annotated[
            Literal[spec.choices] | None,
            WithJsonSchema(
                {
                    "enum": list(spec.choices),
                    "default": spec.default,
                    "title": spec.label,
                    "description": spec.help,
                }
            ),
        ]
    else:
        annotation = Annotated[
            Text | None,
            WithJsonSchema({"type": "string", "title": spec.label, "description": spec.help}),
        ]
    return (annotation, None)


_ADDRESSABLE = driver_field("addressable")


class DriverBase(BaseModel):
    """Fields every driver has; ``type`` and ``inputs`` come from the driver's declaration."""

    model_config = FROZEN

    type: str
    name: NamedText = Field(min_length=1)
    inputs: BaseModel
    enabled: bool = Field(default=True, strict=True)
    addressable: Annotated[Estimate, Declared(_ADDRESSABLE)] = _estimate_default(_ADDRESSABLE)
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    notes: Text | None = None
    # Overrides the type's savings class (cash, capacity, revenue, risk); absent: the type's.
    savings_class: SavingsClass | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> DriverBase:
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise PydanticCustomError(
                "coi_value",
                "{message}",
                {
                    "message": _("must be after {field}").format(field="start_date"),
                    "part": "end_date",
                },
            )
        for key, message in registry()[self.type].check(self.inputs):
            raise PydanticCustomError(
                "coi_value", "{message}", {"message": message, "part": f"inputs.{key}"}
            )
        return self

    @property
    def kind(self) -> DriverType:
        return registry()[self.type]

    @property
    def resolved_savings_class(self) -> SavingsClass:
        """The driver's savings class: its own when set, else its type's."""
        return self.savings_class or self.kind.savings_class

    def input(self, key: str) -> Any:
        """The stored value of input ``key`` (None when the default applies)."""
        return getattr(self.inputs, key)

    def with_input(self, key: str, value: Any) -> DriverBase:
        """A copy with input ``key`` set (validated)."""
        data = self.model_dump(mode="json", exclude_none=True)
        data.setdefault("inputs", {})
        if value is None:
            data["inputs"].pop(key, None)
        else:
            data["inputs"][key] = (
                value.model_dump(mode="json") if isinstance(value, Estimate) else value
            )
        return type(self).model_validate(data)


@lru_cache(maxsize=1)
def driver_models() -> dict[str, type[DriverBase]]:
    """One pydantic model per driver type, generated from its declaration."""
    models: dict[str, type[DriverBase]] = {}
    for key, kind in registry().items():
        stem = "".join(part.title() for part in key.split("_"))
        inputs_model = create_model(  # type: ignore[call-overload]
            f"{stem}Inputs",
            __config__=FROZEN,
            **{spec.key: _input_field(spec) for spec in kind.inputs},
        )
        tag: Any = Literal[key]
        models[key] = create_model(
            f"{stem}Driver",
            __base__=DriverBase,
            type=(tag, ...),
            inputs=(inputs_model, inputs_model()),
        )
    return models


def _driver_union() -> Any:
    models = tuple(driver_models().values())
    return Annotated[Union[models], Field(discriminator="type")]  # noqa: UP007


if TYPE_CHECKING:
    AnyDriver = DriverBase
else:
    AnyDriver = _driver_union()


class Buyer(BaseModel):
    model_config = FROZEN
    company: NamedText = Field(min_length=1)
    contact: Text | None = None


class Seller(BaseModel):
    model_config = FROZEN
    company: Text | None = None
    rep: Text | None = None
    email: Text | None = None
    phone: Text | None = None


_INVESTMENT = solution_input("investment")
_RECURRING = solution_input("recurring_cost")
_INTERNAL = solution_input("internal_cost")
_INTERNAL_RECURRING = solution_input("internal_recurring_cost")
_OPTIONAL_AMOUNTS = ("internal_cost", "internal_recurring_cost")
_LEAD_TIME = solution_input("lead_time_months")
_RAMP = solution_input("ramp_months")


class Solution(BaseModel):
    """What the seller proposes; enables NPV, ROI, payback and the cost of delay."""

    # The numbers are declared in calculators.case_fields.SOLUTION_INPUTS.
    model_config = FROZEN
    name: Text | None = None
    investment: Annotated[Estimate, Declared(_INVESTMENT)] = _estimate_default(_INVESTMENT)
    recurring_cost: Annotated[Estimate, Declared(_RECURRING)] = _estimate_default(_RECURRING)
    internal_cost: Annotated[Estimate, Declared(_INTERNAL)] = _estimate_default(_INTERNAL)
    internal_recurring_cost: Annotated[Estimate, Declared(_INTERNAL_RECURRING)] = _estimate_default(
        _INTERNAL_RECURRING
    )
    lead_time_months: Annotated[int, Declared(_LEAD_TIME)] = _whole_default(_LEAD_TIME)
    ramp_months: Annotated[int, Declared(_RAMP)] = _whole_default(_RAMP)

    @model_serializer(mode="wrap")
    def _leave_out_absent_internal_costs(
        self, handler: SerializerFunctionWrapHandler
    ) -> dict[str, Any]:
        # The buyer's internal costs (issue 11) are optional: a file without them saves
        # without them, as before.
        data: dict[str, Any] = handler(self)
        for key in _OPTIONAL_AMOUNTS:
            if getattr(self, key) == _estimate_default(solution_input(key)):
                data.pop(key, None)
        return data

    def estimate(self, key: str) -> Estimate:
        """Declared input ``key`` as an Estimate (a whole number is a plain Estimate)."""
        value = getattr(self, key)
        return value if isinstance(value, Estimate) else Estimate(expected=Decimal(value))


class Narrative(BaseModel):
    model_config = FROZEN
    situation: Text | None = None
    compelling_event: Text | None = None
    consequences: Text | None = None
    # What the rep asks the buyer to decide ("Decide by 15 April to ..."); printed on page one.
    # Absent: a sentence generated from the plan.
    ask: Text | None = None


class Placeholders(BaseModel):
    """The texts a template leaves for the rep to replace, as the template wrote them.

    Rep-only, never printed: the case is not ready to send while a field still holds its
    template's text (``calculators.readiness``). :data:`PLACEHOLDER_FIELDS` names the field
    of the case each one stands for.
    """

    model_config = FROZEN
    title: Text | None = None
    buyer: Text | None = None
    contact: Text | None = None
    seller: Text | None = None
    rep: Text | None = None
    situation: Text | None = None
    compelling_event: Text | None = None
    consequences: Text | None = None


# Placeholders key -> the case field it stands for (a path as in problems and readiness items).
PLACEHOLDER_FIELDS = {
    "title": "title",
    "buyer": "buyer.company",
    "contact": "buyer.contact",
    "seller": "seller.company",
    "rep": "seller.rep",
    "situation": "narrative.situation",
    "compelling_event": "narrative.compelling_event",
    "consequences": "narrative.consequences",
}


MAX_STEPS = 50  # steps of a decision or paper process


class Confirmation(BaseModel):
    """How sure we are of one element of the deal: 0 unknown, 1 claimed by us, 2 confirmed by
    the buyer (``confirmed_by`` someone on the buyer's side, on ``confirmed_on``)."""

    model_config = FROZEN
    score: int = Field(default=0, ge=0, le=2, strict=True)
    confirmed_by: Text | None = None
    confirmed_on: IsoDate | None = None


class DealEvent(Confirmation):
    """The compelling event: what happens, its date, its owner at the buyer, the consequence."""

    event: Text | None = None
    date: IsoDate | None = None
    owner: Text | None = None
    consequence: Text | None = None


class DealPerson(Confirmation):
    """The economic buyer or the champion."""

    name: Text | None = None
    role: Text | None = None


class ProcessStep(BaseModel):
    model_config = FROZEN
    step: NamedText = Field(min_length=1)
    date: IsoDate | None = None


class DealProcess(Confirmation):
    """The decision process or the paper process: steps with their dates."""

    steps: tuple[ProcessStep, ...] = Field(default=(), max_length=MAX_STEPS)


MAX_MILESTONES = 50  # milestones of the plan
MAX_SIGNATORIES = 8  # lines of the sign-off block


class Milestone(BaseModel):
    """One step of the plan the rep enters: what, who (optional), by when (optional)."""

    model_config = FROZEN
    step: NamedText = Field(min_length=1)
    owner: Text | None = None
    date: IsoDate | None = None


class Signatory(BaseModel):
    """One line of the sign-off block: a name and a role (one of them may be left out)."""

    model_config = FROZEN
    name: Text | None = None
    role: Text | None = None


class Plan(BaseModel):
    """Printed on the report's plan page: the rep's milestones and an optional sign-off block."""

    model_config = FROZEN
    milestones: tuple[Milestone, ...] = Field(default=(), max_length=MAX_MILESTONES)
    sign_off: tuple[Signatory, ...] = Field(default=(), max_length=MAX_SIGNATORIES)


class DealQualification(BaseModel):
    """Rep-only, never printed: what the sales method asks for around the compelling event
    (``calculators.qualification`` scores it; docs/simulation.md, "Qualification")."""

    model_config = FROZEN
    compelling_event: DealEvent | None = None
    economic_buyer: DealPerson | None = None
    champion: DealPerson | None = None
    decision_process: DealProcess | None = None
    paper_process: DealProcess | None = None


_HORIZON = case_field("horizon_months")
_DISCOUNT = case_field("discount_rate")
_CORRELATION = case_field("simulation_correlation")


class Case(BaseModel):
    """One business case, exactly as stored in a ``.coi`` file."""

    # The numbers (horizon, discount rate) are declared in calculators.case_fields.
    model_config = FROZEN

    format: Literal["cost-of-inaction/case"] = "cost-of-inaction/case"
    schema_version: Literal[1] = 1
    title: Text = ""
    buyer: Buyer
    seller: Seller = Seller()
    locale: str = "en_US"
    currency: str = "USD"
    language: str | None = None
    start_date: IsoDate
    deadline: IsoDate
    horizon_months: Annotated[int, Declared(_HORIZON)] = _whole_default(_HORIZON)
    discount_rate: Annotated[Decimal, Declared(_DISCOUNT)] = _DISCOUNT.default_decimal
    # Optional in a file (absent: 0.3); read it through ``correlation``.
    simulation_correlation: Annotated[Decimal | None, Declared(_CORRELATION)] = None
    drivers: tuple[AnyDriver, ...] = Field(default=(), max_length=MAX_DRIVERS)
    solution: Solution | None = None
    narrative: Narrative | None = None
    plan: Plan | None = None  # optional milestones and sign-off (the report's plan page)
    notes: Text | None = None
    # For the rep only, never printed: how to fill the case in (from its template), and the
    # template's placeholder texts (field -> text) that must be replaced before sending.
    guidance: Text | None = None
    placeholders: Placeholders | None = None
    qualification: DealQualification | None = None  # rep-only, never printed

    def field_text(self, path: str) -> str:
        """The text of field ``path`` ("title", "buyer.company"), "" when empty."""
        section, _dot, key = path.partition(".")
        owner: object = self
        if key:
            owner = getattr(self, section)
            path = key
        return str(getattr(owner, path, None) or "") if owner is not None else ""

    @field_validator("locale", "language")
    @classmethod
    def _known_locale(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise _value_error(_("must be text"))
        try:
            parse_locale(value)
            check_report_locale(value)
        except FormatError as exc:
            raise _value_error(str(exc)) from None
        return value.replace("-", "_")

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        try:
            return check_currency(value.upper())
        except FormatError as exc:
            raise _value_error(str(exc)) from None

    @model_validator(mode="after")
    def _deadline_after_start(self) -> Case:
        if self.deadline <= self.start_date:
            raise PydanticCustomError(
                "coi_value",
                "{message}",
                {
                    "message": _("must be after {field} ({date})").format(
                        field="start_date", date=self.start_date.isoformat()
                    ),
                    "part": "deadline",
                },
            )
        latest = edate(self.start_date, MAX_HORIZON)
        if self.deadline > latest:
            raise PydanticCustomError(
                "coi_value",
                "{message}",
                {
                    "message": ngettext(
                        "must be no later than {date} ({years} year after {field})",
                        "must be no later than {date} ({years} years after {field})",
                        MAX_HORIZON // 12,
                    ).format(date=latest.isoformat(), years=MAX_HORIZON // 12, field="start_date"),
                    "part": "deadline",
                },
            )
        return self

    @property
    def correlation(self) -> Decimal:
        """The simulation's correlation between ranged inputs (the default when absent)."""
        if self.simulation_correlation is None:
            return _CORRELATION.default_decimal
        return self.simulation_correlation

    @property
    def enabled_drivers(self) -> tuple[DriverBase, ...]:
        return tuple(d for d in self.drivers if d.enabled)

    def replace_driver(self, index: int, driver: DriverBase) -> Case:
        drivers = list(self.drivers)
        drivers[index] = driver
        return self.model_copy(update={"drivers": tuple(drivers)})


def make_driver(type_key: str, name: str, **fields: Any) -> DriverBase:
    """Build a validated driver of ``type_key`` from JSON-like values (code and tests)."""
    return driver_models()[type_key].model_validate({"type": type_key, "name": name, **fields})
