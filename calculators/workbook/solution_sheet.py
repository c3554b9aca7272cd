"""The Solution sheet: benefits with ramp, costs, net flows, NPV, IRR, payback, the decision
timing, the years and break-even, all as formulas over the Months sheet and the inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from calculators.drivers import registry
from calculators.engine import Projection, Results
from calculators.finance import DELAYS, Flows, discount_factors, flows_for, npv, solution_costs
from calculators.i18n import _, ngettext
from calculators.numbers import ENGINE_CONTEXT, ZERO
from calculators.workbook.cells import Cached, Sheet, cell, col
from calculators.workbook.inputs_sheet import InputNames
from calculators.workbook.months import FIRST as MONTHS_FIRST
from calculators.workbook.months import MonthsLayout

FIRST = 8  # column of k = 0; month k is in column FIRST + k
K_ROW, YEAR_ROW, FACTOR_ROW, ALL_ROW, CASH_ROW = range(5)
FIRST_BLOCK_ROW = 7
D_COL, G_COL, LOCKED_COL, OUTLAY_COL, NPV_COL = 1, 2, 3, 4, 5
OUTLAY = "(Sol_investment+Sol_internal_cost)"
RECURRING = "(Sol_recurring_cost+Sol_internal_recurring_cost)"


@dataclass
class Block:
    """The rows of one decision: benefits, recurring costs, net flows (months 1..H)."""

    row: int
    flows: Flows
    npv: Decimal

    @property
    def d(self) -> str:
        return cell(self.row, D_COL)

    @property
    def npv_cell(self) -> str:
        return cell(self.row, NPV_COL)

    def months(self, offset: int, horizon: int) -> str:
        return f"{cell(self.row + offset, FIRST + 1)}:{cell(self.row + offset, FIRST + horizon)}"


@dataclass
class SolutionLayout:
    plan: Block
    cash: Block
    delays: dict[int, Block] = field(default_factory=dict)
    start: Block | None = None
    results: dict[str, str] = field(default_factory=dict)  # figure -> its cell


@dataclass
class Writer:
    sheet: Sheet
    results: Results
    names: InputNames
    months: MonthsLayout

    @property
    def projection(self) -> Projection:
        return self.results.projection

    @property
    def horizon(self) -> int:
        return self.projection.horizon

    def header(self) -> None:
        s, h = self.sheet, self.horizon
        factors = discount_factors(self.projection.case.discount_rate, h)
        s.value(K_ROW, 0, _("Month k"), "head")
        s.value(YEAR_ROW, 0, _("Year index y"))
        s.value(FACTOR_ROW, 0, _("Discount factor (1+r)^(-k/12)"))
        s.value(ALL_ROW, 0, _("What the solution removes at full effect (A_k)"))
        s.value(CASH_ROW, 0, _("A_k of the cash-class drivers"))
        cash = self.projection.cash_addressable_for(0)
        every = self.projection.addressable_for(0)
        for k in range(h + 1):
            c = FIRST + k
            s.value(K_ROW, c, k, "head")
            s.formula(FACTOR_ROW, c, f"(1+DiscountRate)^(-{col(c)}$1/12)", factors[k], "rate")
            if k == 0:
                continue
            s.formula(YEAR_ROW, c, f"INT(({col(c)}$1-1)/12)", (k - 1) // 12, "number")
            source = MONTHS_FIRST + k - 1
            s.formula(ALL_ROW, c, f"Months!{cell(self.months.avoidable_row, source)}", every[k - 1])
            terms = [
                f"{self.names.drivers[r.projection.index]['addressable']}*"
                f"Months!{cell(r.cost_row, source)}"
                for r in self.months.drivers
                if r.projection.savings_class == "cash"
            ]
            s.formula(CASH_ROW, c, "+".join(terms) or "0", cash[k - 1])

    def locked_value(self, go_live: int, cash: bool) -> Decimal:
        """The churn level locked in at go-live (what the formula of the block computes)."""
        kinds = registry()
        value = ZERO
        with localcontext(ENGINE_CONTEXT):
            for r in self.months.drivers:
                d = r.projection
                if not kinds[d.type].locked_in_at_go_live or (cash and d.savings_class != "cash"):
                    continue
                if 1 <= go_live <= self.months.count:
                    value += d.addressable * d.monthly[go_live - 1]
        return value

    def block(self, row: int, label: str, d_formula: str, d: int, cash: bool = False) -> Block:
        s, h = self.sheet, self.horizon
        case = self.projection.case
        assert case.solution is not None
        lead = case.solution.lead_time_months
        costs = solution_costs(case.solution, self.projection.scenario)
        source = self.projection.cash_addressable_for if cash else self.projection.addressable_for
        with localcontext(ENGINE_CONTEXT):
            flows = flows_for(
                source(d + lead),
                costs.investment,
                costs.monthly,
                lead,
                case.solution.ramp_months,
                d,
                costs.internal,
            )
            factors = discount_factors(case.discount_rate, max(h, d))
            value = npv(flows, factors)
        g = cell(row, G_COL)
        s.value(row, 0, label, "block")
        s.formula(row, D_COL, d_formula, d, "number")
        s.formula(row, G_COL, f"{cell(row, D_COL)}+LeadTime", d + lead, "number")
        locked = self.locked_value(d + lead, cash)
        s.formula(row, LOCKED_COL, self._locked_formula(cash, g), locked)
        s.formula(row, OUTLAY_COL, OUTLAY, flows.outlay)
        base = ALL_ROW + 1 if not cash else CASH_ROW + 1
        for offset, text in ((1, _("Benefits")), (2, _("Recurring costs")), (3, _("Net flow"))):
            s.value(row + offset, 0, text)
        for k in range(1, h + 1):
            c, letter = FIRST + k, col(FIRST + k)
            j = f"({letter}$1-{g})"
            ramp = f"IF(RampMonths<=0,1,MIN(1,{j}/RampMonths))"
            benefit = f"IF({letter}$1>{g},({letter}${base}-{cell(row, LOCKED_COL)})*{ramp},0)"
            s.formula(row + 1, c, benefit, flows.benefits[k - 1])
            s.formula(row + 2, c, f"IF({letter}$1>{g},{RECURRING},0)", flows.recurring[k - 1])
            s.formula(row + 3, c, f"{letter}{row + 2}-{letter}{row + 3}", flows.net[k - 1])
        net = f"{cell(row + 3, FIRST + 1)}:{cell(row + 3, FIRST + h)}"
        factor_cells = f"{cell(FACTOR_ROW, FIRST + 1)}:{cell(FACTOR_ROW, FIRST + h)}"
        s.formula(
            row,
            NPV_COL,
            f"-{cell(row, OUTLAY_COL)}*(1+DiscountRate)^(-{cell(row, D_COL)}/12)"
            f"+SUMPRODUCT({net},{factor_cells})",
            value,
        )
        return Block(row, flows, value)

    def _locked_formula(self, cash: bool, g: str) -> str:
        kinds = registry()
        terms = [
            f"{self.names.drivers[r.projection.index]['addressable']}*"
            f"INDEX({self.months.month_range(r.cost_row)},{g})"
            for r in self.months.drivers
            if kinds[r.projection.type].locked_in_at_go_live
            and (not cash or r.projection.savings_class == "cash")
        ]
        if not terms:
            return "0"
        return f"IF(AND({g}>=1,{g}<={self.months.count}),{'+'.join(terms)},0)"


def block_rows(writer: Writer) -> SolutionLayout:
    """The plan, the cash-only plan, the delays and deciding at the start."""
    s = writer.sheet
    plan_d = writer.results.solution.decision_offset_months if writer.results.solution else 0
    row = FIRST_BLOCK_ROW
    for column, title in (
        (D_COL, _("Decision month d")),
        (G_COL, _("Go-live g")),
        (LOCKED_COL, _("Locked in (churn)")),
        (OUTLAY_COL, _("Outlay")),
        (NPV_COL, _("NPV")),
    ):
        s.value(row - 1, column, title, "head")
    plan = writer.block(row, _("The plan (decision on the decision date)"), "DecisionMonth", plan_d)
    row += 5
    cash = writer.block(row, _("The plan, cash benefits only"), "DecisionMonth", plan_d, cash=True)
    layout = SolutionLayout(plan, cash, {0: plan})
    for n in DELAYS[1:]:
        row += 5
        label = ngettext(
            "Deciding {months} month later", "Deciding {months} months later", n
        ).format(months=n)
        layout.delays[n] = writer.block(row, label, f"DecisionMonth+{n}", plan_d + n)
    row += 5
    layout.start = writer.block(row, _("Deciding at the start date"), "0", 0)
    return layout


def cached_number(value: Decimal | None) -> Cached:
    return "—" if value is None else value
