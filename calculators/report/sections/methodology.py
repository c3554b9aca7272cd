"""Appendix B: how the figures are calculated, and the disclaimer."""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Flowable

from calculators.i18n import _, ngettext
from calculators.report.blocks import h1, h2, prose
from calculators.report.context import Context
from calculators.report.markup import esc
from calculators.report.rl import Para


def _figures(ctx: Context) -> list[tuple[str, str]]:
    """How amounts, run rates and scenarios are worked out."""
    case = ctx.case
    return [
        (
            _("Figures"),
            ngettext(
                "All amounts are in {currency} and computed month by month from {start} "
                "for {months} month, from the inputs in Appendix A. Month 1 runs from the "
                "start date to the same day one month later. A monthly amount accrues "
                "evenly over the days of its month, so the cost until the decision date "
                "counts the days before it. Amounts are rounded only for display (to the "
                "currency's smallest unit, half up); totals are added before rounding, so "
                "a column can differ from the sum of its rounded rows by one unit.",
                "All amounts are in {currency} and computed month by month from {start} "
                "for {months} months, from the inputs in Appendix A. Month 1 runs from the "
                "start date to the same day one month later. A monthly amount accrues "
                "evenly over the days of its month, so the cost until the decision date "
                "counts the days before it. Amounts are rounded only for display (to the "
                "currency's smallest unit, half up); totals are added before rounding, so "
                "a column can differ from the sum of its rounded rows by one unit.",
                case.horizon_months,
            ).format(
                currency=case.currency,
                start=ctx.day(case.start_date),
                months=case.horizon_months,
            ),
        ),
        (
            _("Run rates"),
            _(
                "The cost per month is one twelfth of the recurring cost of the first twelve "
                "months; per week is one 52nd and per day one 365th of it. One-time amounts "
                "are left out of these rates; they count in the totals on their date."
            ),
        ),
        (
            _("Scenarios"),
            _(
                "The most likely scenario uses each input's most likely value. The "
                "conservative scenario puts every range at the end that weakens the case: "
                "the costs of doing nothing and the shares the solution removes at their "
                "low end, the solution's price at its high end. The optimistic scenario "
                "takes the other end of every range; inputs without a range keep their "
                "most likely value in all three."
            ),
        ),
    ]


def _ranges(ctx: Context) -> list[tuple[str, str]]:
    """How the simulation and the sensitivity are worked out."""
    fmt = ctx.fmt
    sim = ctx.analysis.simulation
    return [
        (
            _("Simulation"),
            ngettext(
                "The range P10 to P90 comes from {samples} simulated combination of the "
                "inputs: each input with a range is drawn from a triangular distribution "
                "between its low, most likely and high value, the inputs moving together "
                "with a correlation of {rho} (0 = independent, 1 = in lockstep). One "
                "outcome in ten lies below P10 and one in ten above P90; the mean is the "
                "average of all outcomes. The simulation uses a fixed seed ({seed}), so "
                "the same case always gives the same range.",
                "The range P10 to P90 comes from {samples} simulated combinations of the "
                "inputs: each input with a range is drawn from a triangular distribution "
                "between its low, most likely and high value, the inputs moving together "
                "with a correlation of {rho} (0 = independent, 1 = in lockstep). One "
                "outcome in ten lies below P10 and one in ten above P90; the mean is the "
                "average of all outcomes. The simulation uses a fixed seed ({seed}), so "
                "the same case always gives the same range.",
                sim.samples,
            ).format(
                samples=fmt.decimal(Decimal(sim.samples), 0),
                seed=sim.seed,
                rho=fmt.decimal(sim.correlation, 2),
            ),
        ),
        (
            _("Sensitivity"),
            _(
                "The chart of what moves the figure most sets one input at a time to the "
                "low and the high end of its range, all others at their most likely values, "
                "and ranks the inputs by how much the cost until the decision date changes."
            ),
        ),
    ]


def _solution(ctx: Context) -> tuple[str, str]:
    fmt = ctx.fmt
    case = ctx.case
    return (
        _("The solution"),
        _(
            "The solution removes the addressable share of each driver's cost from "
            "go-live on (the decision plus the lead time), ramping up to the full "
            "benefit over the ramp-up months. Its recurring cost runs from go-live; "
            "the investment is paid at the decision. The net present value "
            "discounts the monthly net benefit at {rate} a year. Return on "
            "investment is (benefits − costs) ÷ costs over the horizon. The cost "
            "of delay is the net present value lost by deciding later."
        ).format(rate=fmt.percent(case.discount_rate, 2)),
    )


def methodology(ctx: Context) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = h1(ctx, _("Appendix B: Methodology"))
    paragraphs = _figures(ctx) + _ranges(ctx)
    if ctx.case.solution is not None:
        paragraphs.append(_solution(ctx))
    for title, text in paragraphs:
        story.append(h2(ctx, title))
        story.append(Para(esc(text), s.body))
    story.append(h2(ctx, _("Disclaimer"), outline=True))
    disclaimer = ctx.branding.disclaimer
    if disclaimer and disclaimer.strip():
        story += prose(ctx, disclaimer)
    else:
        story.append(
            Para(
                esc(
                    _(
                        "This business case estimates future costs from the assumptions "
                        "listed in Appendix A. It is not a guarantee of costs, savings or "
                        "returns. Please review the assumptions and sources before relying "
                        "on the figures."
                    )
                ),
                s.body_muted,
            )
        )
    return story
