"""Financial maths for the solution: NPV, IRR, payback, ROI and the cost of delay.

Conventions (docs/methodology.md):

* The plan: the decision takes effect at d_P = the smallest whole m >= 0 with
  EDATE(start, m) >= deadline (:func:`plan_offset`). The headline figures are those of
  deciding at d_P.
* Decision at whole-month offset d; go-live g = d + lead_time_months. In month k > g the
  benefit is A_k x ramp(k - g), where A_k = sum(addressable x driver cost in month k) and
  ramp(j) = min(1, j / ramp_months) (1 when ramp_months is 0). The solution's recurring
  cost and the buyer's internal recurring cost run in months k > g; the investment and the
  buyer's internal one-time cost (together the outlay) are paid at time d.
* NPV at annual effective rate r: -outlay x (1+r)^(-d/12) + sum_k net_k x (1+r)^(-k/12)
  over months 1..H.
* IRR: the monthly rate m that zeroes [-outlay, net_(d+1) .. net_H] (index 0 = time d),
  annualised as (1+m)^12 - 1; reported only when the flows change sign exactly once.
* Payback: months from the decision until cumulative net (starting at -outlay) reaches
  zero, interpolated within the month; None if not within the horizon.
* ROI over the horizon: (benefits - costs) / costs, costs = outlay + recurring costs.
* Cost of delay for n months: NPV(d_P) - NPV(d_P + n); deciding at the start date instead
  gains NPV(0) - NPV(d_P).
* Break-even: the benefit share PV(costs) / PV(benefits) and the investment at which the
  plan's NPV is 0.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from calculators.calendar import edate, months_to_cover
from calculators.case_fields import solution_input
from calculators.inputs import InputRef
from calculators.numbers import ENGINE_CONTEXT, ONE, ZERO

if TYPE_CHECKING:
    from calculators.inputs import Scenario
    from calculators.model import Solution

DELAYS = (0, 1, 3, 6, 12)
TWELVE = Decimal(12)


def plan_offset(start: dt.date, deadline: dt.date) -> int:
    """d_P: the smallest whole m >= 0 with EDATE(start, m) >= deadline.

    A decision on a date counts from the next month boundary (0 for a deadline on or before
    the start date).
    """
    return months_to_cover(start, deadline)


@dataclass(frozen=True)
class DelayRow:
    """Deciding ``months`` after the plan (on ``decide_on`` = EDATE(deadline, months))."""

    months: int
    decide_on: dt.date
    npv: Decimal
    cost_of_delay: Decimal  # NPV(d_P) - NPV(d_P + months)


@dataclass(frozen=True)
class StartDecision:
    """Deciding at the start date instead of the plan: its NPV and the gain over the plan."""

    npv: Decimal
    gain: Decimal  # NPV(0) - NPV(d_P)


@dataclass(frozen=True)
class CashOnly:
    """The plan's NPV and payback counting the benefits of cash-class drivers only."""

    npv: Decimal
    payback_months: Decimal | None


@dataclass(frozen=True)
class BreakEven:
    """Where the plan's NPV is 0: the share of the modelled benefits, the vendor investment."""

    benefit_share: Decimal | None  # PV(costs) / PV(benefits); None without benefits
    investment: Decimal  # may be negative: then no price makes the plan pay


@dataclass(frozen=True)
class YearRow:
    """One 12-month year from the start date (the last one partial when H % 12 != 0)."""

    year: int
    investment: Decimal
    internal_cost: Decimal
    benefits: Decimal
    recurring_cost: Decimal  # the vendor's and the buyer's internal recurring costs
    net: Decimal
    cumulative: Decimal
    discounted: Decimal


@dataclass(frozen=True)
class Flows:
    """Month-by-month flows for one decision month (months 1..H).

    ``recurring`` holds the vendor's and the buyer's internal recurring cost; the outlay
    (investment + internal one-time cost) is paid at time ``decision_month``.
    """

    decision_month: int
    go_live: int
    benefits: tuple[Decimal, ...]
    recurring: tuple[Decimal, ...]
    investment: Decimal
    internal_cost: Decimal = ZERO

    @property
    def outlay(self) -> Decimal:
        with localcontext(ENGINE_CONTEXT):
            return self.investment + self.internal_cost

    @property
    def net(self) -> tuple[Decimal, ...]:
        with localcontext(ENGINE_CONTEXT):
            return tuple(b - c for b, c in zip(self.benefits, self.recurring, strict=True))


@dataclass(frozen=True)
class SolutionResult:
    """The solution's figures when deciding as planned (at ``decision_offset_months``)."""

    investment: Decimal
    recurring_cost: Decimal  # per month, the vendor's
    flows: Flows  # deciding as planned
    npv: Decimal
    irr: Decimal | None
    roi: Decimal | None
    payback_months: Decimal | None  # from the decision
    benefits_over_horizon: Decimal
    costs_over_horizon: Decimal
    net_over_horizon: Decimal
    delay: tuple[DelayRow, ...]  # relative to the plan
    internal_cost: Decimal = ZERO
    internal_recurring_cost: Decimal = ZERO  # per month
    decision_offset_months: int = 0
    decide_at_start: StartDecision | None = None
    cash_only: CashOnly | None = None
    years: tuple[YearRow, ...] = ()
    break_even: BreakEven | None = None

    @property
    def cost_of_delay_per_month(self) -> Decimal:
        return next(row.cost_of_delay for row in self.delay if row.months == 1)


def ramp(j: int, ramp_months: int) -> Decimal:
    """Share of the full benefit reached in the j-th month after go-live (j >= 1)."""
    if ramp_months <= 0 or j >= ramp_months:
        return ONE
    return Decimal(j) / Decimal(ramp_months)


@lru_cache(maxsize=64)
def ramp_weights(months: int, go_live: int, ramp_months: int) -> tuple[Decimal, ...]:
    """Months 1..``months``: the share of the benefit the solution delivers in each.

    Zero up to and including the go-live month (nor does the recurring cost run then), then
    ramp(k - go_live).
    """
    with localcontext(ENGINE_CONTEXT):
        return tuple(
            ramp(k - go_live, ramp_months) if k > go_live else ZERO for k in range(1, months + 1)
        )


def flows_for(
    addressable: Sequence[Decimal],
    investment: Decimal,
    recurring: Decimal,
    lead_time: int,
    ramp_months: int,
    decision_month: int,
    internal_cost: Decimal = ZERO,
) -> Flows:
    """The flows of deciding at ``decision_month`` (``recurring``: all recurring costs)."""
    with localcontext(ENGINE_CONTEXT):
        go_live = decision_month + lead_time
        benefits: list[Decimal] = []
        costs: list[Decimal] = []
        shares = ramp_weights(len(addressable), go_live, ramp_months)
        for amount, share in zip(addressable, shares, strict=True):
            if share:
                benefits.append(amount if share is ONE else amount * share)
                costs.append(recurring)
            else:
                benefits.append(ZERO)
                costs.append(ZERO)
        return Flows(
            decision_month, go_live, tuple(benefits), tuple(costs), investment, internal_cost
        )


@lru_cache(maxsize=32)
def discount_factors(rate: Decimal, count: int) -> tuple[Decimal, ...]:
    """(1+r)^(-k/12) for k = 0..count (kept: every sensitivity row asks for the same)."""
    with localcontext(ENGINE_CONTEXT):
        monthly = (ONE + rate) ** (ONE / TWELVE)
        return tuple(monthly ** (-k) for k in range(count + 1))


@dataclass(frozen=True)
class NpvWeights:
    """The NPV of deciding in ``decision_month`` as weights on the monthly figures.

    NPV = -outlay x ``investment`` + sum_k (A_k x ``benefit[k-1]``) - recurring x
    ``recurring``, A_k being what the solution removes in month k (months 1..H). The same
    conventions as :func:`flows_for` and :func:`npv`, for a caller that evaluates many
    A, investments and recurring costs at once (the simulation).
    """

    go_live: int  # decision month + lead time: the solution works from the month after
    investment: Decimal  # discount factor of the decision month
    benefit: tuple[Decimal, ...]  # months 1..H: ramp x discount factor, 0 up to go-live
    recurring: Decimal  # sum of the discount factors of the months the recurring cost runs


def npv_weights(
    rate: Decimal, months: int, lead_time: int, ramp_months: int, decision_month: int = 0
) -> NpvWeights:
    """:class:`NpvWeights` over months 1..``months`` at annual rate ``rate``."""
    go_live = decision_month + lead_time
    factors = discount_factors(rate, max(months, decision_month))
    shares = ramp_weights(months, go_live, ramp_months)
    months_factors = list(zip(shares, factors[1 : months + 1], strict=True))
    with localcontext(ENGINE_CONTEXT):
        return NpvWeights(
            go_live=go_live,
            investment=factors[decision_month],
            benefit=tuple(share * factor for share, factor in months_factors),
            recurring=sum((factor for share, factor in months_factors if share), ZERO),
        )


def npv(flows: Flows, factors: Sequence[Decimal]) -> Decimal:
    with localcontext(ENGINE_CONTEXT):
        total = -flows.outlay * factors[flows.decision_month]
        for k, value in enumerate(flows.net, start=1):
            if value:
                total += value * factors[k]
        return total


def _sign_changes(values: Sequence[Decimal]) -> int:
    signs = [v > 0 for v in values if v]
    return sum(1 for a, b in itertools.pairwise(signs) if a != b)


def irr(cashflows: Sequence[Decimal]) -> Decimal | None:
    """Annualised IRR of monthly ``cashflows`` (index 0 = now); None unless unique."""
    if _sign_changes(cashflows) != 1:
        return None
    with localcontext(ENGINE_CONTEXT):

        def value_and_slope(m: Decimal) -> tuple[Decimal, Decimal]:
            v = ONE / (ONE + m)
            total = ZERO
            slope = ZERO
            for c in reversed(cashflows):  # Horner: sum c_k v^k and its derivative in v
                slope = slope * v + total
                total = total * v + c
            return total, -slope * v * v

        low, high = Decimal("-0.9999"), Decimal(10)
        f_low, _ = value_and_slope(low)
        f_high, _ = value_and_slope(high)
        if f_low == 0:
            return (ONE + low) ** 12 - ONE
        if (f_low > 0) == (f_high > 0):
            return None
        guess = Decimal("0.01")
        if not low < guess < high:
            guess = (low + high) / 2
        tolerance = Decimal("1e-20")
        for _step in range(200):
            f, slope = value_and_slope(guess)
            if f == 0:
                break
            if (f > 0) == (f_low > 0):
                low = guess
            else:
                high = guess
            candidate = guess - f / slope if slope else (low + high) / 2
            if not low < candidate < high:
                candidate = (low + high) / 2
            if abs(candidate - guess) < tolerance:
                guess = candidate
                break
            guess = candidate
        return (ONE + guess) ** 12 - ONE


def payback(investment: Decimal, net: Sequence[Decimal]) -> Decimal | None:
    """Months until the cumulative net (from -investment) is back at zero for good.

    Interpolated within the month. The cumulative net must stay >= 0 from that point to the
    end of the horizon; otherwise there is no payback (None), and neither is there for a
    solution with no flows at all. Without an investment and with no month in the red, the
    payback is 0.
    """
    with localcontext(ENGINE_CONTEXT):
        cumulative = -investment
        if cumulative + sum(net, ZERO) < 0 or not (investment or any(net)):
            return None
        paid_back: Decimal | None = ZERO if cumulative >= 0 else None
        for k, value in enumerate(net, start=1):
            after = cumulative + value
            if cumulative < 0 <= after:
                paid_back = Decimal(k - 1) + (-cumulative) / value
            elif after < 0:
                paid_back = None
            cumulative = after
        return paid_back


@dataclass(frozen=True)
class SolutionCosts:
    """The solution's amounts in one scenario: the vendor's and the buyer's internal ones."""

    investment: Decimal
    recurring: Decimal  # per month, the vendor's
    internal: Decimal  # one-time, paid at the decision with the investment
    internal_recurring: Decimal  # per month from go-live

    @property
    def monthly(self) -> Decimal:
        """Every recurring cost per month once the solution is live."""
        with localcontext(ENGINE_CONTEXT):
            return self.recurring + self.internal_recurring


def solution_costs(
    solution: Solution, scenario: Scenario, overrides: Mapping[InputRef, Decimal] | None = None
) -> SolutionCosts:
    """The solution's four amounts picked for ``scenario`` (an override replaces a pick)."""

    def picked(key: str) -> Decimal:
        value = solution.estimate(key).pick(scenario, solution_input(key).adverse)
        if overrides:
            value = overrides.get(InputRef.solution(key), value)
        return value

    return SolutionCosts(
        picked("investment"),
        picked("recurring_cost"),
        picked("internal_cost"),
        picked("internal_recurring_cost"),
    )


def yearly(flows: Flows, factors: Sequence[Decimal]) -> tuple[YearRow, ...]:
    """The flows per 12-month year from the start date (docs/methodology.md, "Yearly").

    The outlay paid at time d counts in year d // 12 + 1 (the year its date falls in),
    discounted at d; when that year lies beyond the horizon (a decision at or after its
    end), rows with only the outlay follow the horizon's years so that the rows always sum
    to the flows.
    """
    horizon = len(flows.benefits)
    decision = flows.decision_month
    outlay_year = decision // 12 + 1
    count = max(-(-horizon // 12), outlay_year)
    rows: list[YearRow] = []
    cumulative = ZERO
    with localcontext(ENGINE_CONTEXT):
        for year in range(1, count + 1):
            span = range(12 * (year - 1), min(12 * year, horizon))
            investment = flows.investment if year == outlay_year else ZERO
            internal = flows.internal_cost if year == outlay_year else ZERO
            benefits = sum((flows.benefits[k] for k in span), ZERO)
            recurring = sum((flows.recurring[k] for k in span), ZERO)
            net = benefits - recurring - investment - internal
            discounted = (
                sum(((flows.benefits[k] - flows.recurring[k]) * factors[k + 1] for k in span), ZERO)
                - (investment + internal) * factors[decision]
            )
            cumulative += net
            rows.append(
                YearRow(
                    year, investment, internal, benefits, recurring, net, cumulative, discounted
                )
            )
    return tuple(rows)


def break_even(flows: Flows, factors: Sequence[Decimal], value: Decimal) -> BreakEven:
    """Where the NPV ``value`` of ``flows`` is 0: benefit share and vendor investment."""
    with localcontext(ENGINE_CONTEXT):
        benefits = sum((b * factors[k] for k, b in enumerate(flows.benefits, 1) if b), ZERO)
        costs = flows.outlay * factors[flows.decision_month] + sum(
            (c * factors[k] for k, c in enumerate(flows.recurring, 1) if c), ZERO
        )
        share = costs / benefits if benefits else None
        return BreakEven(share, flows.investment + value / factors[flows.decision_month])


def _planned(flows: Flows) -> dict[str, Any]:
    """IRR, ROI, payback and the horizon totals of the flows of one decision."""
    decision = flows.decision_month
    with localcontext(ENGINE_CONTEXT):
        after = flows.net[decision:]
        benefits = sum(flows.benefits, ZERO)
        costs = flows.outlay + sum(flows.recurring, ZERO)
        return {
            "irr": irr((-flows.outlay, *after)),
            "roi": (benefits - costs) / costs if costs else None,
            "payback_months": payback(flows.outlay, after),
            "benefits_over_horizon": benefits,
            "costs_over_horizon": costs,
            "net_over_horizon": benefits - costs,
        }


def analyse_solution(
    solution: Solution,
    addressable: Callable[[int], Sequence[Decimal]],
    rate: Decimal,
    scenario: Scenario,
    overrides: Mapping[InputRef, Decimal] | None = None,
    *,
    plan: int,
    deadline: dt.date,
    cash: Callable[[int], Sequence[Decimal]] | None = None,
) -> SolutionResult:
    """The plan's NPV, IRR, ROI, payback, decision timing, years and break-even.

    ``addressable(go_live)`` is what the solution removes per month when it goes live at the
    end of month ``go_live`` (engine.Projection.addressable_for: a churn loss locked in by
    go-live stays); ``cash(go_live)`` the same for the cash-class drivers only (the
    cash-only NPV and payback; left out when None). ``plan`` is d_P (:func:`plan_offset`).
    """
    costs = solution_costs(solution, scenario, overrides)
    lead = solution.lead_time_months

    def decide(month: int, source: Callable[[int], Sequence[Decimal]] = addressable) -> Flows:
        return flows_for(
            source(month + lead),
            costs.investment,
            costs.monthly,
            lead,
            solution.ramp_months,
            month,
            costs.internal,
        )

    with localcontext(ENGINE_CONTEXT):
        horizon = len(addressable(lead))
        factors = discount_factors(rate, max(horizon, plan + max(DELAYS)))
        by_delay = {n: decide(plan + n) for n in DELAYS}
        npvs = {n: npv(f, factors) for n, f in by_delay.items()}
        planned = by_delay[0]
        at_start = None
        if plan > 0:
            start_npv = npv(decide(0), factors)
            at_start = StartDecision(start_npv, start_npv - npvs[0])
        cash_only = None
        if cash is not None:
            cash_flows = decide(plan, cash)
            cash_only = CashOnly(
                npv(cash_flows, factors), payback(cash_flows.outlay, cash_flows.net[plan:])
            )
        delay = tuple(DelayRow(n, edate(deadline, n), npvs[n], npvs[0] - npvs[n]) for n in DELAYS)
        return SolutionResult(
            investment=costs.investment,
            recurring_cost=costs.recurring,
            flows=planned,
            npv=npvs[0],
            delay=delay,
            internal_cost=costs.internal,
            internal_recurring_cost=costs.internal_recurring,
            decision_offset_months=plan,
            decide_at_start=at_start,
            cash_only=cash_only,
            years=yearly(planned, factors),
            break_even=break_even(planned, factors, npvs[0]),
            **_planned(planned),
        )
