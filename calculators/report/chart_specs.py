"""The report's charts, declared once: key, title, caption and builder.

The PDF's chart section and :func:`calculators.report.chart_drawings` (the app's dashboard)
both read :data:`CHARTS`; each builder assembles the chart's data from the report context
and hands it to the drawing functions in ``charts.py``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportlab.graphics.shapes import Drawing

from calculators.analysis import input_spec
from calculators.engine import Projection
from calculators.i18n import _, ngettext
from calculators.inputs import SOLUTION, InputRef, InputSpec, Unit
from calculators.report import charts
from calculators.report.context import Context
from calculators.report.labels import delay_label, format_input, scenario_label
from calculators.report.markup import join_sentences

TOP_DRIVERS_IN_CHART = 6
TORNADO_ROWS = 8


# --- the cumulative cost ---------------------------------------------------------------------


def no_cost_message() -> str:
    return _("No cost: every figure in this chart is zero.")


def _month_ticks(ctx: Context, months: int) -> list[tuple[int, str]]:
    step = 3 if months <= 12 else 6 if months <= 24 else 12 if months <= 60 else 24
    out = []
    for k in range(0, months + 1, step):
        day = ctx.projection.months[k].start if k < len(ctx.projection.months) else None
        if day is None:
            day = ctx.projection.months[k - 1].end
        out.append((k, ctx.fmt.date(day, "medium")))
    return out


def _deadline_position(ctx: Context) -> float:
    """Where the decision date falls, in months from the start (fractional)."""
    case = ctx.case
    for m in ctx.projection.months:
        if m.start <= case.deadline < m.end:
            return float(m.index - 1 + (case.deadline - m.start).days / m.days)
    return float(len(ctx.projection.months))


def cumulative(ctx: Context, plot_height: float = 168) -> Drawing:
    """The running total of the cost of inaction, with the scenarios' band and the deadline."""
    case = ctx.case
    position = _deadline_position(ctx)
    # The chart runs over the horizon, and on to the decision date when that lies beyond
    # it, so the marker always sits at the real date on a line that reaches it.
    horizon = max(case.horizon_months, math.ceil(position))

    def running(projection: Projection) -> list[float]:
        total = Decimal(0)
        out = [0.0]
        for value in projection.monthly[:horizon]:
            total += value
            out.append(float(total))
        return out

    band = ctx.band
    value = ctx.projection.cost_to_deadline
    if not any(ctx.projection.monthly[:horizon]) and (
        band is None or not any((*band.low.monthly, *band.high.monthly))
    ):
        return charts.no_cost(ctx.width, no_cost_message())
    return charts.cumulative_chart(
        charts.Cumulative(
            expected=running(ctx.projection),
            low=None if band is None else running(band.low),
            high=None if band is None else running(band.high),
            deadline_position=position,
            deadline_value=float(value),
            ticks=_month_ticks(ctx, horizon),
            deadline_label=_("Decision date {date}").format(
                date=ctx.fmt.date(case.deadline, "medium")
            ),
            value_label=charts.compact_money(ctx.fmt, value),
        ),
        ctx.theme,
        ctx.fmt,
        ctx.width,
        {
            "expected": ctx.scenario_name,
            "range": _("Conservative to optimistic"),
            "deadline": _("Decision date"),
        },
        plot_height,
    )


def _cumulative_caption(ctx: Context) -> str:
    return _(
        "What the status quo has cost by each date since {start}. The band spans the "
        "conservative and optimistic scenarios."
    ).format(start=ctx.day(ctx.case.start_date))


# --- cost by driver and period ---------------------------------------------------------------


def _period(ctx: Context) -> tuple[bool, int, int]:
    """(by year, months per bar, bars) for the horizon."""
    horizon = ctx.case.horizon_months
    by_year = horizon > 24
    size = 12 if by_year else 3
    return by_year, size, (horizon + size - 1) // size


def stacked(ctx: Context) -> Drawing | None:
    """Each period's cost, stacked by driver (the largest few, the rest as one)."""
    if not ctx.projection.drivers:
        return None
    horizon = ctx.case.horizon_months
    by_year, size, count = _period(ctx)
    periods = [(_("Year {n}") if by_year else _("Q{n}")).format(n=i + 1) for i in range(count)]
    ranked = sorted(
        ctx.projection.drivers,
        key=lambda d: ctx.projection.driver_cost_over_horizon(d),
        reverse=True,
    )
    shown = ranked if len(ranked) <= TOP_DRIVERS_IN_CHART + 1 else ranked[:TOP_DRIVERS_IN_CHART]
    rest = ranked[len(shown) :]

    def per_period(monthly: Sequence[Decimal]) -> list[float]:
        return [
            float(sum(monthly[i * size : min((i + 1) * size, horizon)], Decimal(0)))
            for i in range(count)
        ]

    if not any(any(d.monthly[:horizon]) for d in ranked):
        return charts.no_cost(ctx.width, no_cost_message())
    series: list[tuple[str, Sequence[float]]] = [(d.name, per_period(d.monthly)) for d in shown]
    if rest:
        totals = [Decimal(0)] * horizon
        for d in rest:
            for k in range(horizon):
                totals[k] += d.monthly[k]
        series.append(
            (
                ngettext("{n} other driver", "{n} other drivers", len(rest)).format(n=len(rest)),
                per_period(totals),
            )
        )
    return charts.stacked_chart(
        charts.Stacked(periods=periods, series=series, other=bool(rest)),
        ctx.theme,
        ctx.fmt,
        ctx.width,
    )


def _stacked_title(ctx: Context) -> str:
    by_year, _size, _count = _period(ctx)
    return _("Cost by driver and year") if by_year else _("Cost by driver and quarter")


def _stacked_caption(ctx: Context) -> str:
    by_year, size, _count = _period(ctx)
    start = ctx.day(ctx.case.start_date)
    if by_year:
        caption = _("Year 1 starts on {start}.").format(start=start)
    else:
        caption = _("Quarter 1 starts on {start}.").format(start=start)
    horizon = ctx.case.horizon_months
    if horizon % size:
        caption = join_sentences(
            [
                caption,
                _("The last bar covers {months} of {size} months.").format(
                    months=horizon % size, size=size
                ),
            ]
        )
    return caption


# --- decision timing ------------------------------------------------------------------------


def timing(ctx: Context) -> Drawing | None:
    """NPV when deciding as planned or 1, 3, 6 or 12 months later (None without a solution)."""
    result = ctx.results.solution
    if result is None:
        return None
    return charts.timing_chart(
        charts.Timing(
            labels=[delay_label(row.months) for row in result.delay],
            npv=[float(row.npv) for row in result.delay],
            value_labels=[charts.compact_money(ctx.fmt, row.npv) for row in result.delay],
        ),
        ctx.theme,
        ctx.fmt,
        ctx.width,
    )


def _timing_caption(ctx: Context) -> str:
    result = ctx.results.solution
    assert result is not None
    return (
        _(
            "Net present value of the solution when deciding as planned, on {deadline}, "
            "or later. Each month later costs {amount}."
        )
        if result.cost_of_delay_per_month >= 0
        else _(
            "Net present value of the solution when deciding as planned, on {deadline}, "
            "or later. With these figures, each month of waiting raises it by {amount}."
        )
    ).format(
        amount=ctx.money(abs(result.cost_of_delay_per_month)),
        deadline=ctx.day(ctx.case.deadline),
    )


# --- sensitivity ----------------------------------------------------------------------------


def _spec(ctx: Context, ref: InputRef) -> InputSpec | None:
    index = ref.owner
    if index is not SOLUTION and 0 <= index < len(ctx.case.drivers):
        try:
            return input_spec(ctx.case, ref)
        except KeyError:
            return None
    return None


def _short_input(ctx: Context, unit: Unit, value: Decimal) -> str:
    """An input's value for a chart label: large money amounts in compact form."""
    if unit is Unit.MONEY and abs(value) >= 10_000:
        return charts.compact_money(ctx.fmt, value)
    return format_input(ctx.fmt, unit, value)


def tornado(ctx: Context) -> Drawing | None:
    """The inputs that move the cost until the decision date most (None: no such input)."""
    analysis = ctx.analysis
    swings = [w for w in ctx.swings if not w.ref.is_solution and w.swing]
    if not swings:
        return None
    rows = []
    for w in swings[:TORNADO_ROWS]:
        spec = _spec(ctx, w.ref)
        unit = spec.unit if spec is not None else Unit.NUMBER
        rows.append(
            charts.TornadoRow(
                label=_(w.label),
                detail=w.driver,
                low=float(w.deadline_low),
                high=float(w.deadline_high),
                low_label=_short_input(ctx, unit, w.low_value),
                high_label=_short_input(ctx, unit, w.high_value),
            )
        )
    base = analysis.scenarios[ctx.scenario].cost_to_deadline
    return charts.tornado_chart(
        rows,
        float(base),
        ctx.theme,
        ctx.fmt,
        ctx.width,
        {
            "low": _("Input at its low value"),
            "high": _("Input at its high value"),
            "base": ctx.scenario_name,
        },
    )


def _tornado_caption(ctx: Context) -> str:
    if ctx.scenario == "expected":
        return _(
            "The cost until the decision date with one input at a time at the low or "
            "high end of its range, all others at their most likely values. The figures at "
            "the bar ends are the input's values."
        )
    return _(
        "The cost until the decision date with one input at a time at the low or high end "
        "of its range, all others at their {scenario} values. The figures at the bar ends "
        "are the input's values."
    ).format(scenario=scenario_label(ctx.scenario))


# --- the range of outcomes ------------------------------------------------------------------


def _range_row(ctx: Context, label: str, attr: str, pct: Any) -> charts.RangeRow:
    figures = ctx.analysis.scenarios
    has_range = ctx.analysis.simulation.ranged_inputs > 0
    fmt = ctx.fmt
    c = getattr(figures["conservative"], attr)
    e = getattr(figures[ctx.scenario], attr)  # the marked figure: the report's scenario
    o = getattr(figures["optimistic"], attr)
    return charts.RangeRow(
        label=label,
        conservative=float(c),
        expected=float(e),
        optimistic=float(o),
        p10=float(pct.p10) if has_range and pct is not None else None,
        p90=float(pct.p90) if has_range and pct is not None else None,
        conservative_label=charts.compact_money(fmt, c),
        expected_label=charts.compact_money(fmt, e),
        optimistic_label=charts.compact_money(fmt, o),
    )


def range_(ctx: Context) -> Drawing:
    """Conservative, expected and optimistic figures with the simulation's P10 to P90."""
    sim = ctx.analysis.simulation
    months = ctx.case.horizon_months
    rows = [
        _range_row(ctx, _("Until the decision date"), "cost_to_deadline", sim.cost_to_deadline),
        _range_row(
            ctx,
            ngettext("Over {n} month", "Over {n} months", months).format(n=months),
            "cost_over_horizon",
            sim.cost_over_horizon,
        ),
    ]
    if ctx.analysis.scenarios["expected"].npv is not None:
        rows.append(_range_row(ctx, _("Net present value of the solution"), "npv", sim.npv))
    if not any(r.conservative or r.expected or r.optimistic for r in rows):
        return charts.no_cost(ctx.width, no_cost_message())
    return charts.range_chart(
        rows,
        ctx.theme,
        ctx.width,
        {
            "scenarios": _("Conservative to optimistic"),
            "simulation": ngettext(
                "P10 to P90 of {samples} simulation",
                "P10 to P90 of {samples} simulations",
                sim.samples,
            ).format(samples=ctx.fmt.decimal(Decimal(sim.samples), 0)),
            "expected": ctx.scenario_name,
        },
    )


def _range_caption(ctx: Context) -> str:
    caption = _(
        "Conservative puts every range at the end that weakens the case, optimistic at "
        "the other end; the darker band holds eight in ten of the simulated outcomes."
    )
    sim = ctx.analysis.simulation
    p = sim.cost_to_deadline
    if not sim.ranged_inputs or p is None:
        return caption
    figures = _(
        "Until the decision date: most likely {likely}, mean {mean}, P10 to P90 {low} to {high}."
    ).format(
        likely=ctx.money(ctx.analysis.scenarios["expected"].cost_to_deadline),
        mean=ctx.money(p.mean),
        low=ctx.money(p.p10),
        high=ctx.money(p.p90),
    )
    return join_sentences([caption, figures])


# --- the list -------------------------------------------------------------------------------


def _always(ctx: Context) -> bool:
    return True


@dataclass(frozen=True)
class ChartSpec:
    """One chart: its key, title, caption and builder (None: nothing to show for the case).

    ``in_pdf`` says whether the PDF shows it when it can be built (the dashboard always
    does): the PDF leaves out the range chart when no input has a range.
    """

    key: str
    title: Callable[[Context], str]
    caption: Callable[[Context], str]
    build: Callable[[Context], Drawing | None]
    in_pdf: Callable[[Context], bool] = _always


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec(
        "cumulative",
        lambda ctx: _("Cumulative cost of inaction"),
        _cumulative_caption,
        cumulative,
    ),
    ChartSpec("by_driver", _stacked_title, _stacked_caption, stacked),
    ChartSpec("timing", lambda ctx: _("Decision timing"), _timing_caption, timing),
    ChartSpec(
        "tornado",
        lambda ctx: _("What moves the figure most"),
        _tornado_caption,
        tornado,
    ),
    ChartSpec(
        "range",
        lambda ctx: _("Scenario range"),
        _range_caption,
        range_,
        Context.has_range,
    ),
)
