"""one_time: ``amount`` incurred once on ``date``, counted in cost_to(D) when date < D."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from calculators.engine import summarise
from calculators.model import make_driver
from tests.calculators.drivers.helpers import (
    AMERICAN,
    GERMAN,
    case_with,
    explain,
    problems,
    project_one,
)

INPUTS = {"amount": "25000", "date": "2027-03-10"}


def test_counted_once_in_its_month() -> None:
    projection = project_one("one_time", INPUTS, deadline="2027-06-30", horizon=12)
    driver = projection.drivers[0]
    # Start 1 January: month 3 is March, where 10 March falls; nothing accrues otherwise.
    assert driver.monthly[2] == Decimal("25000")
    assert sum(driver.monthly) == Decimal("25000")
    assert projection.cost_to_deadline == Decimal("25000")
    assert projection.cost_over_horizon == Decimal("25000")
    # Run rates are recurring only (issue 11): the one-time amount is listed apart.
    assert projection.cost_per_year == 0
    assert projection.cost_per_month == 0
    assert [(o.driver, o.date, o.amount) for o in projection.one_time] == [
        (driver.name, dt.date(2027, 3, 10), Decimal("25000"))
    ]


def test_counted_only_when_date_is_before_d() -> None:
    projection = project_one("one_time", INPUTS)
    # cost_to(D) covers [start, D): on 10 March itself it is not yet incurred.
    assert projection.cost_to(dt.date(2027, 3, 10)) == Decimal("0")
    assert projection.cost_to(dt.date(2027, 3, 11)) == Decimal("25000")
    # A deadline before the date leaves it out.
    assert project_one("one_time", INPUTS, deadline="2027-03-10").cost_to_deadline == 0


def test_ignored_when_dated_before_the_case_starts() -> None:
    projection = project_one("one_time", {"amount": "25000", "date": "2026-12-31"})
    assert projection.cost_to(dt.date(2030, 1, 1)) == Decimal("0")
    assert projection.cost_over_horizon == Decimal("0")


def test_ignored_when_the_driver_ends_before_the_date() -> None:
    # e.g. the renewal was cancelled: the driver stops on 1 March, the amount is never due.
    driver = make_driver("one_time", "Renewal", inputs=INPUTS, end_date="2027-03-01")
    results = summarise(case_with(driver, deadline="2027-06-30"))
    assert results.projection.cost_to_deadline == Decimal("0")


def test_outside_the_horizon_not_in_horizon_total() -> None:
    projection = project_one("one_time", {"amount": "25000", "date": "2028-01-01"}, horizon=12)
    # 1 Jan 2028 is the first day after the 12-month horizon [2027-01-01, 2028-01-01).
    assert projection.cost_over_horizon == Decimal("0")
    assert projection.cost_to(dt.date(2028, 1, 2)) == Decimal("25000")


def test_explain_in_english() -> None:
    assert explain("one_time", INPUTS, *AMERICAN) == "$25,000.00 once, on March 10, 2027"


def test_explain_in_german_uses_german_numbers_and_dates() -> None:
    text = explain("one_time", {"amount": "125000.5", "date": "2027-03-10"}, *GERMAN)
    assert "125.000,50\xa0€" in text
    assert "10. März 2027" in text


def test_a_missing_date_is_valid_costs_nothing_and_is_not_ready() -> None:
    # Empty means empty: the file loads, the amount is never incurred, and the readiness
    # check (calculators.readiness) names the date.
    driver = make_driver("one_time", "Undated", inputs={"amount": "5000"})
    assert driver.input("date") is None
    assert problems({"type": "one_time", "inputs": {"amount": "5000", "date": "2027-02-30"}}) == [
        "drivers[0].inputs.date: is not a real date: '2027-02-30'"
    ]
    assert problems({"type": "one_time", "inputs": {"amount": "1e13", "date": "2027-02-01"}}) == [
        "drivers[0].inputs.amount: must be <= 1000000000000"
    ]
