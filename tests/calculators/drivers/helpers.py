"""Building cases around one driver, and reading the problems a bad case produces."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from calculators.engine import Projection, project
from calculators.errors import problems_from_validation
from calculators.formatting import Formatter
from calculators.model import Case, DriverBase, make_driver

START = "2027-01-01"


def case_with(
    *drivers: DriverBase,
    start: str = START,
    deadline: str = "2027-04-15",
    horizon: int = 36,
    locale: str = "en_US",
    currency: str = "USD",
    solution: dict[str, Any] | None = None,
) -> Case:
    """A valid case holding ``drivers`` (built with make_driver), and ``solution`` if given."""
    return Case.model_validate(
        {
            "title": "Test case",
            "buyer": {"company": "Buyer Ltd"},
            "locale": locale,
            "currency": currency,
            "start_date": start,
            "deadline": deadline,
            "horizon_months": horizon,
            "drivers": [d.model_dump(mode="json", exclude_none=True) for d in drivers],
            "solution": solution,
        }
    )


def project_one(type_key: str, inputs: dict[str, Any], **case_fields: Any) -> Projection:
    """The projection of a case with a single driver of ``type_key``."""
    return project(
        case_with(make_driver(type_key, "Driver under test", inputs=inputs), **case_fields)
    )


def problems(driver: dict[str, Any]) -> list[str]:
    """The one-line problems of a case whose only driver is ``driver`` (a JSON-like dict)."""
    data = {
        "buyer": {"company": "Buyer Ltd"},
        "start_date": START,
        "deadline": "2027-04-15",
        "drivers": [{"name": "Driver under test", **driver}],
    }
    with pytest.raises(ValidationError) as caught:
        Case.model_validate(data)
    return problems_from_validation(caught.value)


def explain(type_key: str, inputs: dict[str, Any], locale: str, currency: str) -> str:
    """The driver's explanation as the case's locale renders it."""
    case = case_with(make_driver(type_key, "Driver under test", inputs=inputs))
    driver = project(case).drivers[0]
    return case.drivers[0].kind.explain(driver.values, Formatter(locale, currency))


GERMAN = ("de_DE", "EUR")
AMERICAN = ("en_US", "USD")
