"""The status quo in parts: one-time amounts, what the solution avoids, savings classes.

Shown in the drivers section, next to the run rates: the one-time amounts the per-month
figures leave out (date, driver, amount), the avoidable part beside each status-quo figure
and the cost per savings class (docs/methodology.md, sections on run rates, the avoidable
cost and the savings classes).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.platypus import Flowable, KeepTogether

from calculators.drivers.base import SavingsClass
from calculators.i18n import _, ngettext
from calculators.report.blocks import cell, h2, head, num, table
from calculators.report.context import NAME_LIMIT, Context
from calculators.report.markup import esc
from calculators.report.rl import Para
from calculators.summary import class_label


def _class_name(name: SavingsClass) -> str:
    """The class as the PDF names it: "expected" is reserved for nothing in the buyer's
    report (the point figure is "most likely"), so risk is a loss weighted by probability."""
    if name == "risk":
        return _("Risk (loss weighted by probability)")
    return class_label(name)


def _share(ctx: Context, part: Decimal, whole: Decimal) -> str:
    return ctx.fmt.percent(part / whole) if whole else "—"


def one_time_list(ctx: Context) -> list[Flowable]:
    """The dated one-time amounts inside the horizon (none: nothing)."""
    found = ctx.projection.one_time
    if not found:
        return []
    rows: list[list[Any]] = [
        [head(ctx, _("Date")), head(ctx, _("Driver")), head(ctx, _("Amount"), True)]
    ]
    for item in found:
        rows.append(
            [
                cell(ctx, ctx.fmt.date(item.date)),
                cell(ctx, item.driver, NAME_LIMIT),
                num(ctx, ctx.exact_money(item.amount)),
            ]
        )
    rows.append(
        [
            cell(ctx, ""),
            Para(esc(_("Total")), ctx.styles.cell_bold),
            num(ctx, ctx.exact_money(sum((o.amount for o in found), Decimal(0))), True),
        ]
    )
    note = _(
        "They count in the figures until the decision date and over the horizon, never in "
        "the per-month, per-week, per-day and yearly run rates."
    )
    return [
        KeepTogether(
            [
                h2(ctx, _("One-time amounts (not in the run rates)")),
                table(ctx, rows, [0.22, 0.53, 0.25], total_row=True),
                Para(esc(note), ctx.styles.small),
            ]
        )
    ]


def avoidable_table(ctx: Context) -> list[Flowable]:
    """Status quo against the part the solution avoids (only with a solution)."""
    if ctx.case.solution is None:
        return []
    p = ctx.projection
    months = ctx.case.horizon_months
    rows: list[list[Any]] = [
        [
            head(ctx, ""),
            head(ctx, _("Status quo"), True),
            head(ctx, _("Avoidable with the solution"), True),
            head(ctx, _("Share"), True),
        ]
    ]
    figures = [
        (_("Until the decision date"), p.cost_to_deadline, p.avoidable_to_deadline),
        (
            ngettext("Over {n} month", "Over {n} months", months).format(n=months),
            p.cost_over_horizon,
            p.avoidable_over_horizon,
        ),
        (_("Per month (recurring)"), p.cost_per_month, p.avoidable_per_month),
    ]
    for label, whole, part in figures:
        rows.append(
            [
                cell(ctx, label),
                num(ctx, ctx.exact_money(whole)),
                num(ctx, ctx.exact_money(part), True),
                num(ctx, _share(ctx, part, whole)),
            ]
        )
    note = _(
        "Avoidable = the share of each driver the solution addresses times its cost, "
        "summed over the drivers."
    )
    return [
        KeepTogether(
            [
                h2(ctx, _("Status quo and the part the solution avoids")),
                table(ctx, rows, [0.34, 0.22, 0.28, 0.16]),
                Para(esc(note), ctx.styles.small),
            ]
        )
    ]


def classes_table(ctx: Context) -> list[Flowable]:
    """The cost per savings class: cash, capacity, revenue, risk (those present)."""
    classes = ctx.projection.by_class()
    if not classes:
        return []
    months = ctx.case.horizon_months
    avoidable = ctx.case.solution is not None
    header = [
        head(ctx, _("Kind of saving")),
        head(ctx, _("Until the decision date"), True),
        head(ctx, ngettext("Over {n} month", "Over {n} months", months).format(n=months), True),
    ]
    if avoidable:
        header.append(head(ctx, _("Avoidable"), True))
    rows: list[list[Any]] = [header]
    for name, figures in classes.items():
        row = [
            cell(ctx, _class_name(name)),
            num(ctx, ctx.exact_money(figures.cost_to_deadline)),
            num(ctx, ctx.exact_money(figures.cost_over_horizon)),
        ]
        if avoidable:
            row.append(num(ctx, ctx.exact_money(figures.avoidable_over_horizon)))
        rows.append(row)
    widths = [0.37, 0.21, 0.21, 0.21] if avoidable else [0.44, 0.28, 0.28]
    note = _(
        "Cash: spend that stops. Capacity: working time freed for other work, money only "
        "if it is redeployed or not hired. Revenue: revenue kept or gained. Risk: a "
        "possible loss, probability times impact."
    )
    return [
        KeepTogether(
            [
                h2(ctx, _("By kind of saving")),
                table(ctx, rows, widths),
                Para(esc(note), ctx.styles.small),
            ]
        )
    ]
