"""Appendix A: every input behind the figures, with range, unit, source and confidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from calculators.case_fields import DRIVER_FIELDS, SOLUTION_INPUTS
from calculators.i18n import _
from calculators.inputs import Estimate, InputSpec, Kind
from calculators.model import DriverBase, Solution
from calculators.numbers import ZERO
from calculators.readiness import confirmation_text
from calculators.report.blocks import cell, h1, h2, head, num, section_end, table
from calculators.report.context import CELL_TEXT_LIMIT, NAME_LIMIT, Context
from calculators.report.labels import (
    choice_label,
    confidence_label,
    format_input,
    months_label,
    scenario_label,
    unit_name,
)
from calculators.report.markup import coloured, esc, fill, join
from calculators.report.rl import Para
from calculators.report.theme import MUTED

WIDTHS = [0.22, 0.14, 0.19, 0.11, 0.21, 0.13]
# Characters of a text input shown in the narrow value column (about 12 lines).
TEXT_VALUE_LIMIT = 160


def _general(ctx: Context) -> list[Flowable]:
    case = ctx.case
    fmt = ctx.fmt
    general = [
        (_("Start of the analysis"), ctx.day(case.start_date)),
        (_("Decision date"), ctx.day(case.deadline)),
        (_("Horizon"), months_label(fmt, case.horizon_months)),
        (_("Discount rate per year"), fmt.percent(case.discount_rate, 2)),
        (_("Currency"), case.currency),
        (_("Scenario of the figures"), scenario_label(ctx.scenario)),
    ]
    rows: list[list[Any]] = [[head(ctx, _("Setting")), head(ctx, _("Value"))]]
    rows += [[cell(ctx, a), cell(ctx, b)] for a, b in general]
    return [h2(ctx, _("The case")), table(ctx, rows, [0.45, 0.55])]


def _header(ctx: Context) -> list[Any]:
    return [
        head(ctx, _("Input")),
        head(ctx, _("Value"), True),
        head(ctx, _("Range"), True),
        head(ctx, _("Unit")),
        head(ctx, _("Source")),
        head(ctx, _("Confidence")),
    ]


def _estimate_row(ctx: Context, spec: InputSpec, stored: Estimate | None) -> list[Any]:
    fmt = ctx.fmt
    label = _(spec.label)
    unit = unit_name(spec.unit, ctx.case.currency)
    if stored is None:
        # Empty means empty: an input without a value counts as 0 (calculators.engine).
        value = format_input(fmt, spec.unit, ZERO)
        default = Para(esc(_("not given") if not spec.optional else "—"), ctx.styles.label)
        return [
            cell(ctx, label),
            num(ctx, value),
            num(ctx, "—"),
            cell(ctx, unit),
            default,
            cell(ctx, "—"),
        ]
    shown = format_input(fmt, spec.unit, stored.pick(ctx.scenario, spec.adverse))
    if stored.is_ranged:
        low = format_input(fmt, spec.unit, stored.low_value)
        high = format_input(fmt, spec.unit, stored.high_value)
        span = f"{low} – {high}"
    else:
        span = "—"
    confirmed = confirmation_text(stored, fmt) if stored.is_confirmed else ""
    source_parts = [p for p in (stored.source, stored.note, confirmed) if p]
    shown_source = join([esc(p, CELL_TEXT_LIMIT) for p in source_parts], " — ")
    source = Para(shown_source if source_parts else esc("—"), ctx.styles.cell)
    return [
        cell(ctx, label),
        num(ctx, shown),
        num(ctx, span),
        cell(ctx, unit),
        source,
        cell(ctx, confidence_label(stored.confidence)),
    ]


def _other_row(ctx: Context, spec: InputSpec, stored: Any) -> list[Any]:
    """A date, choice or text input's row."""
    if stored is None:
        if spec.kind is Kind.DATE:
            value = _("none")
        elif spec.kind is Kind.CHOICE:
            value = choice_label(str(spec.default))
        else:
            value = str(spec.default or "—")
        label = _("not given") if spec.kind is Kind.DATE and not spec.optional else "—"
        source: Paragraph = Para(esc(label), ctx.styles.label)
    else:
        if isinstance(stored, dt.date):
            value = ctx.fmt.date(stored)  # a narrow column: wraps between its words
        elif spec.kind is Kind.CHOICE:
            value = choice_label(str(stored))
        else:
            value = str(stored)
        source = cell(ctx, "—")
    # A text input (a custom driver's "how the amount was found") can be a paragraph: shown
    # in full under "How each figure is calculated", cut here so the row fits in its column.
    shown = cell(ctx, value, TEXT_VALUE_LIMIT) if spec.kind is Kind.TEXT else num(ctx, value)
    return [
        cell(ctx, _(spec.label)),
        shown,
        num(ctx, "—"),
        cell(ctx, _("date") if spec.kind is Kind.DATE else "—"),
        source,
        cell(ctx, "—"),
    ]


def _driver_rows(ctx: Context, driver: DriverBase) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for spec in driver.kind.inputs:
        stored = driver.input(spec.key)
        if spec.kind is Kind.NUMBER:
            rows.append(_estimate_row(ctx, spec, stored))
        else:
            rows.append(_other_row(ctx, spec, stored))
    if ctx.case.solution is not None:
        for spec in DRIVER_FIELDS:
            rows.append(_estimate_row(ctx, spec, getattr(driver, spec.key)))
    return rows


def _solution_table(ctx: Context, solution: Solution, header: list[Any]) -> Flowable:
    rows = [header]
    for spec in SOLUTION_INPUTS:
        rows.append(_estimate_row(ctx, spec, solution.estimate(spec.key)))
    title = fill(
        _("Solution: {name}"),
        name=esc(solution.name or _("the proposed solution"), NAME_LIMIT),
    )
    return KeepTogether([Para(title, ctx.styles.h3), table(ctx, rows, WIDTHS)])


def assumptions(ctx: Context) -> list[Flowable]:
    case = ctx.case
    story: list[Flowable] = h1(ctx, _("Appendix A: Assumptions"))
    intro = _(
        "Every input behind the figures, with its range, unit, source and "
        "confidence. An input marked “not given” has no value and counts as zero."
    )
    story.append(Para(esc(intro), ctx.styles.lead))
    story += _general(ctx)
    header = _header(ctx)  # one header row, shared by every table (as it always was)
    number = 0
    for driver in case.drivers:
        if not driver.enabled:
            continue
        number += 1
        rows = [header, *_driver_rows(ctx, driver)]
        title = join(
            [
                esc(f"{number}. "),
                esc(driver.name, NAME_LIMIT),
                coloured(esc(f"  ·  {_(driver.kind.label)}"), MUTED),
            ]
        )
        story.append(KeepTogether([Para(title, ctx.styles.h3), table(ctx, rows, WIDTHS)]))
    if case.solution is not None:
        story.append(_solution_table(ctx, case.solution, header))
    story += section_end(ctx)
    return story
