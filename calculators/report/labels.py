"""Words and values the report shows for units, scenarios, confidences and months."""

from __future__ import annotations

from decimal import Decimal

from calculators.formatting import Formatter
from calculators.i18n import _, ngettext
from calculators.inputs import Scenario, Unit


def unit_name(unit: Unit, currency: str) -> str:
    names = {
        Unit.MONEY: currency,
        Unit.MONEY_PER_HOUR: _("{currency} per hour").format(currency=currency),
        Unit.COUNT: _("count"),
        Unit.HOURS: _("hours"),
        Unit.HOURS_PER_WEEK: _("hours per week"),
        Unit.RATE: _("percent"),
        Unit.MONTHS: _("months"),
        Unit.NUMBER: _("number"),
    }
    return names[unit]


def format_input(fmt: Formatter, unit: Unit, value: Decimal) -> str:
    if unit in (Unit.MONEY, Unit.MONEY_PER_HOUR):
        return fmt.money(value)
    if unit is Unit.RATE:
        return fmt.percent(value, 2)
    return fmt.decimal(value)


def confidence_label(confidence: str | None) -> str:
    if confidence is None:
        return "—"
    return {"high": _("high"), "medium": _("medium"), "low": _("low")}[confidence]


def scenario_label(scenario: Scenario) -> str:
    return {
        "conservative": _("conservative"),
        "expected": _("most likely"),
        "optimistic": _("optimistic"),
    }[scenario]


def choice_label(value: str) -> str:
    labels = {"month": _("month"), "quarter": _("quarter"), "year": _("year")}
    return labels.get(value, value)


def months_label(fmt: Formatter, months: Decimal | int) -> str:
    if isinstance(months, int):
        return ngettext("{n} month", "{n} months", months).format(n=months)
    # A computed span (payback) always has one decimal: "14.0 months" beside "14.8 months".
    shown = fmt.fixed(months, 1)
    return ngettext("{n} month", "{n} months", 1 if months == 1 else 2).format(n=shown)


def delay_label(months: int) -> str:
    """A row of the decision timing: relative to the plan (deciding on the decision date)."""
    if months == 0:
        return _("As planned")
    return ngettext("{n} month later", "{n} months later", months).format(n=months)
