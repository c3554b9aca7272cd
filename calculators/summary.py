"""The machine-readable summary (``coi summary --json``) and its text rendering.

Money is given as decimal strings in the case currency, rounded to the currency's minor
units (half up); rates and ratios as decimal strings rounded to 6 places; payback in months
rounded to 2 places.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from calculators.engine import Results
from calculators.formatting import Formatter, money_string
from calculators.i18n import _, ngettext
from calculators.numbers import decimal_to_json

RATIO_PLACES = Decimal("0.000001")
MONTH_PLACES = Decimal("0.01")


def _ratio(value: Decimal | None) -> str | None:
    return None if value is None else decimal_to_json(value.quantize(RATIO_PLACES))


def summary_data(results: Results) -> dict[str, Any]:
    """The documented JSON contract (README, "coi summary --json")."""
    projection = results.projection
    case = results.case
    currency = case.currency

    def money(value: Decimal) -> str:
        return money_string(value, currency)

    horizon = projection.horizon
    data: dict[str, Any] = {
        "currency": currency,
        "scenario": projection.scenario,
        "cost_per_day": money(projection.cost_per_day),
        "cost_per_week": money(projection.cost_per_week),
        "cost_per_month": money(projection.cost_per_month),
        "cost_per_year": money(projection.cost_per_year),
        "cost_to_deadline": money(projection.cost_to_deadline),
        "cost_over_horizon": money(projection.cost_over_horizon),
        "monthly": [money(v) for v in projection.monthly[:horizon]],
        "drivers": [
            {
                "name": d.name,
                "type": d.type,
                "cost_to_deadline": money(d.cost_to(case.deadline)),
                "cost_over_horizon": money(projection.driver_cost_over_horizon(d)),
                "monthly": [money(v) for v in d.monthly[:horizon]],
            }
            for d in projection.drivers
        ],
        "solution": None,
    }
    solution = results.solution
    if solution is not None:
        data["solution"] = {
            "npv": money(solution.npv),
            "irr": _ratio(solution.irr),
            "roi": _ratio(solution.roi),
            "payback_months": None
            if solution.payback_months is None
            else decimal_to_json(solution.payback_months.quantize(MONTH_PLACES)),
            "net_over_horizon": money(solution.net_over_horizon),
            "delay": [
                {
                    "months": row.months,
                    "npv": money(row.npv),
                    "cost_of_delay": money(row.cost_of_delay),
                }
                for row in solution.delay
            ],
        }
    return data


def summary_text(results: Results) -> str:
    """A readable summary in the case's locale and currency."""
    projection = results.projection
    case = results.case
    fmt = Formatter(case.locale, case.currency)
    lines = [case.title or case.buyer.company, ""]
    lines.append(
        _(
            "Buyer: {buyer} · start {start} · decision date {deadline} · horizon {months} months"
        ).format(
            buyer=case.buyer.company,
            start=fmt.date(case.start_date, "medium"),
            deadline=fmt.date(case.deadline, "medium"),
            months=case.horizon_months,
        )
    )
    if projection.scenario != "expected":
        lines.append(_("Scenario: {name}").format(name=projection.scenario))
    lines.append("")
    rows = [
        (_("Cost of inaction until the decision date"), fmt.money(projection.cost_to_deadline)),
        (
            _("Cost of inaction over {months} months").format(months=case.horizon_months),
            fmt.money(projection.cost_over_horizon),
        ),
        (_("Per month"), fmt.money(projection.cost_per_month)),
        (_("Per week"), fmt.money(projection.cost_per_week)),
        (_("Per day"), fmt.money(projection.cost_per_day)),
    ]
    lines += _table(rows)
    if projection.drivers:
        lines += ["", _("By driver")]
        header = (_("Driver"), _("To deadline"), _("Per month"), _("Over horizon"))
        body = [
            (
                d.name if len(d.name) <= 40 else d.name[:39] + "…",
                fmt.money(d.cost_to(case.deadline)),
                fmt.money(projection.driver_cost_per_month(d)),
                fmt.money(projection.driver_cost_over_horizon(d)),
            )
            for d in projection.drivers
        ]
        lines += _table([header, *body])
    else:
        lines += ["", _("No enabled drivers: add one to see the cost of inaction.")]
    solution = results.solution
    if solution is not None and case.solution is not None:
        lines += ["", _("Solution: {name}").format(name=case.solution.name or _("(unnamed)"))]
        payback = (
            _("not within the horizon")
            if solution.payback_months is None
            else _("{months} months").format(months=fmt.decimal(solution.payback_months, 1))
        )
        rows = [
            (_("Net present value"), fmt.money(solution.npv)),
            (
                _("Internal rate of return"),
                "—" if solution.irr is None else fmt.percent(solution.irr),
            ),
            (_("Return on investment"), "—" if solution.roi is None else fmt.percent(solution.roi)),
            (_("Payback"), payback),
            (_("Cost of each month of delay"), fmt.money(solution.cost_of_delay_per_month)),
        ]
        lines += _table(rows)
        lines += ["", _("Decision timing")]
        timing_header = (_("Decide"), _("NPV"), _("Cost of delay"))
        timing = [
            (
                _("now")
                if row.months == 0
                else ngettext("in {n} month", "in {n} months", row.months).format(n=row.months),
                fmt.money(row.npv),
                fmt.money(row.cost_of_delay),
            )
            for row in solution.delay
        ]
        lines += _table([timing_header, *timing])
    return "\n".join(lines) + "\n"


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        out.append("  " + "   ".join(cells).rstrip())
    return out
