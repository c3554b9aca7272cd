"""Every driver type: registered, declared completely, bounded, and usable with its defaults."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from calculators.drivers import driver_keys, driver_type, registry
from calculators.engine import summarise
from calculators.formatting import Formatter
from calculators.inputs import Kind
from calculators.model import make_driver
from calculators.numbers import decimal_to_json
from tests.calculators.drivers.helpers import case_with, problems

ALL_TYPES = (
    "labor",
    "recurring_cost",
    "risk",
    "downtime",
    "errors",
    "revenue_leakage",
    "churn",
    "one_time",
    "price_increase",
    "delayed_benefit",
    "custom",
)


def required_dates(type_key: str) -> dict[str, Any]:
    kind = driver_type(type_key)
    return {
        spec.key: "2027-02-15"
        for spec in kind.inputs
        if spec.kind is Kind.DATE and not spec.optional
    }


def test_every_type_is_discovered_in_its_declared_order() -> None:
    assert set(driver_keys()) == set(ALL_TYPES)
    orders = [kind.order for kind in registry().values()]
    assert orders == sorted(orders)
    assert len(set(orders)) == len(orders), "two driver types declare the same order"


@pytest.mark.parametrize("type_key", ALL_TYPES)
def test_declaration_is_complete(type_key: str) -> None:
    kind = driver_type(type_key)
    assert kind.key == type_key
    assert kind.label and kind.description and kind.formula
    for spec in kind.inputs:
        assert spec.label and spec.help, spec.key
        if spec.kind is Kind.NUMBER:
            assert spec.maximum is not None, f"{type_key}.{spec.key} has no maximum"
            assert spec.check_number(spec.default_decimal) is None, spec.key


@pytest.mark.parametrize("type_key", ALL_TYPES)
def test_absent_inputs_count_zero(type_key: str) -> None:
    """Empty means empty: a driver whose inputs are all absent costs nothing."""
    driver = make_driver(type_key, "Empty", inputs=required_dates(type_key))
    results = summarise(case_with(driver, deadline="2027-06-01", horizon=24))
    assert results.projection.cost_over_horizon == 0
    values = results.projection.drivers[0].values.numbers
    for spec in driver.kind.inputs:
        if spec.key in values:  # 0, or an optional input's declared value (gross margin: 1)
            assert values[spec.key] == (spec.default_decimal if spec.optional else 0), spec.key


@pytest.mark.parametrize("type_key", ALL_TYPES)
def test_absurd_numbers_are_refused(type_key: str) -> None:
    for spec in driver_type(type_key).inputs:
        if spec.kind is Kind.NUMBER:
            inputs = {**required_dates(type_key), spec.key: "1e14"}
            found = problems({"type": type_key, "inputs": inputs})
            assert found == [f"drivers[0].inputs.{spec.key}: must be <= {spec.maximum}"]


@pytest.mark.parametrize("type_key", ALL_TYPES)
def test_defaults_project_and_explain(type_key: str) -> None:
    # The declared defaults are suggestions: given as values, they give a cost.
    suggested = {
        spec.key: decimal_to_json(spec.default_decimal)
        for spec in driver_type(type_key).inputs
        if spec.kind is Kind.NUMBER
    }
    driver = make_driver(type_key, "Defaults", inputs={**suggested, **required_dates(type_key)})
    results = summarise(case_with(driver, deadline="2027-06-01", horizon=24))
    projection = results.projection
    assert projection.cost_over_horizon > 0
    assert projection.cost_to(dt.date(2027, 6, 1)) == projection.cost_to_deadline
    assert all(isinstance(amount, Decimal) for amount in projection.monthly)
    values = projection.drivers[0].values
    for locale, currency in (("de_DE", "EUR"), ("en_US", "USD")):
        text = driver.kind.explain(values, Formatter(locale, currency))
        assert text and "{" not in text
