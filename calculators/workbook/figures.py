"""The Solution sheet's results: IRR, payback, ROI, the decision timing, years, break-even.

Each figure is a formula cell; :class:`Figure` names the ``coi summary --json`` key it
reproduces, for the Summary sheet and the tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Literal

from calculators.finance import SolutionResult
from calculators.i18n import _, ngettext
from calculators.numbers import ENGINE_CONTEXT, ZERO
from calculators.workbook.cells import Cached, cell, col
from calculators.workbook.solution_sheet import FIRST, Block, SolutionLayout, Writer

Kind = Literal["money", "ratio", "months", "count", "date"]
NONE = "—"
STYLE: dict[Kind, str] = {
    "money": "money",
    "ratio": "rate",
    "months": "months",
    "count": "number",
    "date": "date",
}


@dataclass(frozen=True)
class Figure:
    key: str  # the JSON path in `coi summary --json`, e.g. solution.delay[1].npv
    label: str
    ref: str  # the workbook cell computing it (Sheet!$A$1)
    value: Decimal | int | dt.date | None  # the app's figure
    kind: Kind = "money"


def _cumulative(flows_net: tuple[Decimal, ...], d: int, outlay: Decimal) -> list[Decimal]:
    values: list[Decimal] = []
    with localcontext(ENGINE_CONTEXT):
        for k in range(len(flows_net) + 1):
            if k < d:
                values.append(ZERO)
            elif k == d:
                values.append(-outlay)
            else:
                values.append(values[-1] + flows_net[k - 1])
    return values


class Results:
    """Writes the result rows below the decision blocks."""

    def __init__(self, writer: Writer, layout: SolutionLayout, row: int) -> None:
        self.w = writer
        self.layout = layout
        self.row = row
        self.figures: list[Figure] = []
        self.h = writer.horizon

    def put(
        self,
        key: str,
        label: str,
        formula: str,
        value: Decimal | int | dt.date | None,
        kind: Kind = "money",
    ) -> str:
        s = self.w.sheet
        s.value(self.row, 0, label)
        style = STYLE[kind]
        shown: Cached = NONE if value is None else value
        s.formula(self.row, 1, formula, shown, style)
        ref = s.ref(self.row, 1)
        self.figures.append(Figure(key, label, ref, value, kind))
        self.row += 1
        return cell(self.row - 1, 1)

    def payback_rows(self, block: Block, label: str) -> str:
        """Cumulative net from the decision and the months where it turns non-negative."""
        s, h, row = self.w.sheet, self.h, self.row
        d, outlay = block.d, cell(block.row, 4)
        net_row = block.row + 3
        cumulative = _cumulative(block.flows.net, block.flows.decision_month, block.flows.outlay)
        s.value(row, 0, _("{label}: cumulative net from the decision").format(label=label))
        s.value(row + 1, 0, _("{label}: turns non-negative at").format(label=label))
        for k in range(h + 1):
            c, letter = FIRST + k, col(FIRST + k)
            if k == 0:
                text = f"IF({letter}$1<{d},0,-{outlay})"
            else:
                prev = col(c - 1)
                text = (
                    f"IF({letter}$1<{d},0,IF({letter}$1={d},-{outlay},"
                    f"{prev}{row + 1}+{letter}{net_row + 1}))"
                )
            s.formula(row, c, text, cumulative[k])
            if k == 0:
                continue
            crossing: Cached = ""
            before, after = cumulative[k - 1], cumulative[k]
            if k > block.flows.decision_month and before < 0 <= after:
                crossing = (
                    Decimal(k - 1 - block.flows.decision_month) - before / block.flows.net[k - 1]
                )
            s.formula(
                row + 1,
                c,
                f"IF(AND({letter}$1>{d},{prev_col(c)}{row + 1}<0,{letter}{row + 1}>=0),"
                f'{letter}$1-1-{d}-{prev_col(c)}{row + 1}/{letter}{net_row + 1},"")',
                crossing,
                "number",
            )
        self.row += 2
        months = f"{cell(0, FIRST + 1)}:{cell(0, FIRST + h)}"
        net = block.months(3, h)
        crossings = f"{cell(row + 1, FIRST + 1)}:{cell(row + 1, FIRST + h)}"
        final = f"(-{outlay}+SUMPRODUCT(({months}>{d})*{net}))"
        nothing = f"AND({outlay}=0,SUMPRODUCT(({months}>{d})*({net}<>0))=0)"
        return f'IF(OR({final}<0,{nothing}),"{NONE}",IF(COUNT({crossings})>0,MAX({crossings}),0))'

    def irr_rows(self, block: Block) -> str:
        """Flows from k = 0 (the outlay at d), the sign of the last non-zero flow, changes."""
        s, h, row = self.w.sheet, self.h, self.row
        d, outlay = block.d, cell(block.row, 4)
        flows = block.flows
        s.value(row, 0, _("Flows for the IRR (outlay at the decision)"))
        s.value(row + 1, 0, _("Sign of the last non-zero flow"))
        s.value(row + 2, 0, _("Sign changes"))
        sign, changes = 0, 0
        for k in range(h + 1):
            c, letter = FIRST + k, col(FIRST + k)
            with localcontext(ENGINE_CONTEXT):
                value = (-flows.outlay if k == flows.decision_month else ZERO) + (
                    flows.net[k - 1] if k >= 1 else ZERO
                )
            net = f"+{letter}{block.row + 4}" if k >= 1 else ""
            s.formula(row, c, f"IF({letter}$1={d},-{outlay},0){net}", value)
            new = (1 if value > 0 else -1) if value else sign
            if value and sign and new != sign:
                changes += 1
            if k == 0:
                s.formula(row + 1, c, f"SIGN({letter}{row + 1})", new, "number")
                s.formula(row + 2, c, "0", 0, "number")
            else:
                prev = col(c - 1)
                s.formula(
                    row + 1,
                    c,
                    f"IF({letter}{row + 1}<>0,SIGN({letter}{row + 1}),{prev}{row + 2})",
                    new,
                    "number",
                )
                s.formula(
                    row + 2,
                    c,
                    f"{prev}{row + 3}+IF(AND({letter}{row + 1}<>0,{prev}{row + 2}<>0,"
                    f"SIGN({letter}{row + 1})<>{prev}{row + 2}),1,0)",
                    changes,
                    "number",
                )
            sign = new
        self.row += 3
        span = f"{cell(row, FIRST)}:{cell(row, FIRST + h)}"
        return f'IF({cell(row + 2, FIRST + h)}=1,(1+IRR({span},0.01))^12-1,"{NONE}")'


def prev_col(c: int) -> str:
    return col(c - 1)


def write_results(
    writer: Writer, layout: SolutionLayout, row: int, solution: SolutionResult
) -> list[Figure]:
    r = Results(writer, layout, row)
    plan, cash = layout.plan, layout.cash
    irr = r.irr_rows(plan)
    payback = r.payback_rows(plan, _("The plan"))
    cash_payback = r.payback_rows(cash, _("Cash only"))
    r.row += 1
    s = writer.sheet
    s.value(r.row, 0, _("Results (the plan)"), "head")
    r.row += 1
    h = r.h
    benefits = f"SUM({plan.months(1, h)})"
    costs = f"({cell(plan.row, 4)}+SUM({plan.months(2, h)}))"
    r.put("solution.npv", _("NPV"), plan.npv_cell, solution.npv)
    r.put("solution.irr", _("IRR (a year)"), irr, solution.irr, "ratio")
    r.put(
        "solution.roi",
        _("ROI"),
        f'IF({costs}=0,"{NONE}",({benefits}-{costs})/{costs})',
        solution.roi,
        "ratio",
    )
    r.put(
        "solution.payback_months",
        _("Payback (months from the decision)"),
        payback,
        solution.payback_months,
        "months",
    )
    r.put(
        "solution.net_over_horizon",
        _("Net over the horizon"),
        f"{benefits}-{costs}",
        solution.net_over_horizon,
    )
    r.put(
        "solution.decision_offset_months",
        _("Decision month d_P"),
        "DecisionMonth",
        solution.decision_offset_months,
        "count",
    )
    _timing(r, solution)
    if solution.cash_only is not None:
        r.put(
            "solution.cash_only.npv",
            _("NPV, cash benefits only"),
            cash.npv_cell,
            solution.cash_only.npv,
        )
        r.put(
            "solution.cash_only.payback_months",
            _("Payback, cash benefits only"),
            cash_payback,
            solution.cash_only.payback_months,
            "months",
        )
    _years(r, solution)
    _break_even(r, solution, benefits)
    return r.figures


def _timing(r: Results, solution: SolutionResult) -> None:
    plan = r.layout.plan
    for i, row in enumerate(solution.delay):
        block = r.layout.delays[row.months]
        key = f"solution.delay[{i}]"
        label = ngettext(
            "Deciding {months} month later", "Deciding {months} months later", row.months
        ).format(months=row.months)
        if not row.months:
            label = _("The plan")
        r.put(
            f"{key}.decide_on",
            f"{label}: {_('Decision date')}",
            f"EDATE(Deadline,{row.months})",
            row.decide_on,
            "date",
        )
        r.put(f"{key}.npv", f"{label}: {_('NPV')}", block.npv_cell, row.npv)
        r.put(
            f"{key}.cost_of_delay",
            f"{label}: {_('Cost of delay')}",
            f"{plan.npv_cell}-{block.npv_cell}",
            row.cost_of_delay,
        )
    start = r.layout.start
    assert start is not None
    at_start = solution.decide_at_start
    r.put(
        "solution.decide_at_start.npv",
        _("Deciding at the start date: NPV"),
        f'IF(DecisionMonth>0,{start.npv_cell},"{NONE}")',
        at_start.npv if at_start else None,
    )
    r.put(
        "solution.decide_at_start.gain",
        _("Deciding at the start date: gain"),
        f'IF(DecisionMonth>0,{start.npv_cell}-{plan.npv_cell},"{NONE}")',
        at_start.gain if at_start else None,
    )


def _years(r: Results, solution: SolutionResult) -> None:
    plan, h = r.layout.plan, r.h
    years = f"{cell(1, FIRST + 1)}:{cell(1, FIRST + h)}"
    factors = f"{cell(2, FIRST + 1)}:{cell(2, FIRST + h)}"
    outlay_year = f"(INT({plan.d}/12)+1)"
    discount = f"(1+DiscountRate)^(-{plan.d}/12)"
    cumulative = ""
    for i, row in enumerate(solution.years):
        y, key = row.year, f"solution.years[{i}]"
        label = _("Year {year}").format(year=y)
        parts = {}
        for part, text, formula, value in (
            (
                "investment",
                _("investment"),
                f"IF({outlay_year}={y},Sol_investment,0)",
                row.investment,
            ),
            (
                "internal_cost",
                _("internal one-time cost"),
                f"IF({outlay_year}={y},Sol_internal_cost,0)",
                row.internal_cost,
            ),
            (
                "benefits",
                _("benefits"),
                f"SUMPRODUCT(({years}={y - 1})*{plan.months(1, h)})",
                row.benefits,
            ),
            (
                "recurring_cost",
                _("recurring costs"),
                f"SUMPRODUCT(({years}={y - 1})*{plan.months(2, h)})",
                row.recurring_cost,
            ),
        ):
            parts[part] = r.put(f"{key}.{part}", f"{label}: {text}", formula, value)
        inv, internal = parts["investment"], parts["internal_cost"]
        ben, rec = parts["benefits"], parts["recurring_cost"]
        net = r.put(f"{key}.net", label + ": " + _("net"), f"{ben}-{rec}-{inv}-{internal}", row.net)
        cumulative = r.put(
            f"{key}.cumulative",
            label + ": " + _("cumulative"),
            f"{cumulative}+{net}" if cumulative else net,
            row.cumulative,
        )
        r.put(
            f"{key}.discounted",
            label + ": " + _("discounted"),
            f"SUMPRODUCT(({years}={y - 1})*{plan.months(3, h)}*{factors})"
            f"-({inv}+{internal})*{discount}",
            row.discounted,
        )


def _break_even(r: Results, solution: SolutionResult, benefits: str) -> None:
    even = solution.break_even
    if even is None:
        return
    plan, h = r.layout.plan, r.h
    factors = f"{cell(2, FIRST + 1)}:{cell(2, FIRST + h)}"
    discount = f"(1+DiscountRate)^(-{plan.d}/12)"
    pv_benefits = f"SUMPRODUCT({plan.months(1, h)},{factors})"
    pv_costs = f"({cell(plan.row, 4)}*{discount}+SUMPRODUCT({plan.months(2, h)},{factors}))"
    r.put(
        "solution.break_even.benefit_share",
        _("Break-even: share of the benefits"),
        f'IF({pv_benefits}=0,"{NONE}",{pv_costs}/{pv_benefits})',
        even.benefit_share,
        "ratio",
    )
    r.put(
        "solution.break_even.investment",
        _("Break-even: investment at NPV 0"),
        f"Sol_investment+{plan.npv_cell}/{discount}",
        even.investment,
    )
    del benefits
