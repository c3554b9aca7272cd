"""Cash flows by year and break-even: the solution's yearly table when deciding as planned.

Investment and the buyer's internal one-time cost (in the year the decision falls in),
benefits, recurring costs (the vendor's and the buyer's internal), net, cumulative net and
the discounted net; the rows sum to the monthly flows (docs/methodology.md, "Yearly").
"""

from __future__ import annotations

import copy
from decimal import Decimal, localcontext
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from calculators.finance import SolutionResult, YearRow
from calculators.formatting import DISPLAY_CONTEXT, DISPLAY_ROUNDING
from calculators.i18n import _
from calculators.report.blocks import cell, h1, h2, head, num, table
from calculators.report.context import Context
from calculators.report.markup import bold, esc, fill, sentences
from calculators.report.rl import Para


def _year(row: YearRow) -> str:
    return _("Year {n}").format(n=row.year)


def whole(ctx: Context, value: Decimal) -> str:
    """Money rounded to whole units of the currency, as the locale writes it ("$1,650,010"):
    eight columns of full-precision amounts would not fit the page's width."""
    locale = ctx.fmt.babel_locale
    pattern = copy.copy(locale.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    with localcontext(DISPLAY_CONTEXT):
        shown = value.quantize(Decimal(1), rounding=DISPLAY_ROUNDING)
        return str(pattern.apply(shown, locale, currency=ctx.case.currency, currency_digits=False))


def _row(ctx: Context, label: Any, values: list[Decimal], strong: bool = False) -> list[Any]:
    return [label, *(num(ctx, whole(ctx, v), strong) for v in values)]


def _break_even(ctx: Context, result: SolutionResult) -> list[Flowable]:
    """How much of the benefit the plan needs, and the price at which it breaks even."""
    even = result.break_even
    if even is None or even.benefit_share is None:
        return []
    parts = [
        fill(
            _(
                "The solution pays off as long as it delivers at least {share} of the "
                "modelled benefits."
            ),
            share=bold(esc(ctx.fmt.percent(even.benefit_share))),
        )
    ]
    if even.investment > 0:
        parts.append(
            fill(
                _(
                    "With all the benefits, the net present value is 0 at an investment "
                    "of {amount}."
                ),
                amount=bold(esc(ctx.money(even.investment))),
            )
        )
    else:
        parts.append(esc(_("Even without an investment the net present value stays below 0.")))
    return [h2(ctx, _("Break-even")), Para(sentences(parts), ctx.styles.body)]


def cash_flows(ctx: Context) -> list[Flowable]:
    result = ctx.results.solution
    if result is None or ctx.case.solution is None or not result.years:
        return []
    s = ctx.styles
    story: list[Flowable] = h1(ctx, _("Cash flows by year"))
    lead = fill(
        _(
            "What the solution costs and returns in each twelve-month year from {start}, "
            "deciding as planned on {deadline}. Costs are negative in the net columns."
        ),
        start=esc(ctx.day(ctx.case.start_date)),
        deadline=esc(ctx.day(ctx.case.deadline)),
    )
    story.append(Para(lead, s.lead))
    rows: list[list[Any]] = [
        [
            head(ctx, _("Year")),
            head(ctx, _("Investment"), True),
            head(ctx, _("Internal one-time cost"), True),
            head(ctx, _("Benefits"), True),
            head(ctx, _("Recurring costs"), True),
            head(ctx, _("Net"), True),
            head(ctx, _("Cumulative net"), True),
            head(ctx, _("Discounted net"), True),
        ]
    ]
    for row in result.years:
        rows.append(
            _row(
                ctx,
                cell(ctx, _year(row)),
                [
                    row.investment,
                    row.internal_cost,
                    row.benefits,
                    row.recurring_cost,
                    row.net,
                    row.cumulative,
                    row.discounted,
                ],
            )
        )
    zero = Decimal(0)
    years = result.years
    total = [
        sum((r.investment for r in years), zero),
        sum((r.internal_cost for r in years), zero),
        sum((r.benefits for r in years), zero),
        sum((r.recurring_cost for r in years), zero),
        sum((r.net for r in years), zero),
    ]
    discounted = sum((r.discounted for r in years), zero)
    label = Para(esc(_("Total")), s.cell_bold)
    total_row = _row(ctx, label, total, strong=True)
    rows.append([*total_row, cell(ctx, ""), num(ctx, whole(ctx, discounted), True)])
    widths = [0.1, 0.13, 0.13, 0.13, 0.13, 0.125, 0.13, 0.125]
    story.append(table(ctx, rows, widths, total_row=True))
    note = fill(
        _(
            "The investment and the buyer's internal one-time cost are paid at the decision "
            "and count in the year it falls in. Recurring costs are the vendor's and the "
            "buyer's internal ones, from go-live. The discounted net is each year's net at "
            "{rate} a year; the discounted total is the net present value, {npv}. Amounts "
            "are rounded to whole {currency}."
        ),
        rate=esc(ctx.fmt.percent(ctx.case.discount_rate)),
        npv=esc(ctx.money(result.npv)),
        currency=esc(ctx.case.currency),
    )
    story.append(Para(note, s.small))
    story += _break_even(ctx, result)
    story.append(PageBreak())
    return story
