"""Financial maths for the solution: NPV, IRR, payback, ROI and the cost of delay.

Conventions (docs/methodology.md):

* Decision at whole-month offset d; go-live g = d + lead_time_months. In month k > g the
  benefit is A_k x ramp(k - g), where A_k = sum(addressable x driver cost in month k) and
  ramp(j) = min(1, j / ramp_months) (1 when ramp_months is 0). The solution's recurring
  cost runs in months k > g; the investment is paid at time d.
* NPV at annual effective rate r: -investment x (1+r)^(-d/12) + sum_k net_k x (1+r)^(-k/12)
  over months 1..H.
* IRR: the monthly rate m that zeroes [-investment, net_1 .. net_H], annualised as
  (1+m)^12 - 1; reported only when the flows change sign exactly once (then it is unique).
* Payback: months until cumulative net (starting at -investment) reaches zero,
  interpolated within the month; None if not within the horizon.
* ROI over the horizon: (benefits - costs) / costs, costs = investment + recurring costs.
* Cost of delay for n months: NPV(decide now) - NPV(decide n months later).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from calculators.case_fields import solution_input
from calculators.inputs import InputRef
from calculators.numbers import ENGINE_CONTEXT, ONE, ZERO

if TYPE_CHECKING:
    from calculators.inputs import Scenario
    from calculators.model import Solution

DELAYS = (0, 1, 3, 6, 12)
TWELVE = Decimal(12)


@dataclass(frozen=True)
class DelayRow:
    months: int
    npv: Decimal
    cost_of_delay: Decimal


@dataclass(frozen=True)
class Flows:
    """Month-by-month flows for one decision month (months 1..H)."""

    decision_month: int
    go_live: int
    benefits: tuple[Decimal, ...]
    recurring: tuple[Decimal, ...]
    investment: Decimal

    @property
    def net(self) -> tuple[Decimal, ...]:
        with localcontext(ENGINE_CONTEXT):
            return tuple(b - c for b, c in zip(self.benefits, self.recurring, strict=True))


@dataclass(frozen=True)
class SolutionResult:
    investment: Decimal
    recurring_cost: Decimal  # per month
    flows: Flows  # decide now
    npv: Decimal
    irr: Decimal | None
    roi: Decimal | None
    payback_months: Decimal | None
    benefits_over_horizon: Decimal
    costs_over_horizon: Decimal
    net_over_horizon: Decimal
    delay: tuple[DelayRow, ...]

    @property
    def cost_of_delay_per_month(self) -> Decimal:
        return next(row.cost_of_delay for row in self.delay if row.months == 1)


def ramp(j: int, ramp_months: int) -> Decimal:
    """Share of the full benefit reached in the j-th month after go-live (j >= 1)."""
    if ramp_months <= 0 or j >= ramp_months:
        return ONE
    return Decimal(j) / Decimal(ramp_months)


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
) -> Flows:
    with localcontext(ENGINE_CONTEXT):
        go_live = decision_month + lead_time
        benefits: list[Decimal] = []
        costs: list[Decimal] = []
        shares = ramp_weights(len(addressable), go_live, ramp_months)
        for amount, share in zip(addressable, shares, strict=True):
            if share:
                benefits.append(amount * share)
                costs.append(recurring)
            else:
                benefits.append(ZERO)
                costs.append(ZERO)
        return Flows(decision_month, go_live, tuple(benefits), tuple(costs), investment)


def discount_factors(rate: Decimal, count: int) -> tuple[Decimal, ...]:
    """(1+r)^(-k/12) for k = 0..count."""
    with localcontext(ENGINE_CONTEXT):
        monthly = (ONE + rate) ** (ONE / TWELVE)
        return tuple(monthly ** (-k) for k in range(count + 1))


@dataclass(frozen=True)
class NpvWeights:
    """The NPV of deciding in ``decision_month`` as weights on the monthly figures.

    NPV = -investment x ``investment`` + sum_k (A_k x ``benefit[k-1]``) - recurring x
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
        total = -flows.investment * factors[flows.decision_month]
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


def analyse_solution(
    solution: Solution,
    addressable: Callable[[int], Sequence[Decimal]],
    rate: Decimal,
    scenario: Scenario,
    overrides: Mapping[InputRef, Decimal] | None = None,
) -> SolutionResult:
    """NPV, IRR, ROI, payback and the decision-timing table for ``solution``.

    ``addressable(go_live)`` is what the solution removes per month when it goes live at the
    end of month ``go_live`` (engine.Projection.addressable_for: a churn loss locked in by
    go-live stays).
    """
    investment = solution.investment.pick(scenario, solution_input("investment").adverse)
    recurring = solution.recurring_cost.pick(scenario, solution_input("recurring_cost").adverse)
    if overrides:
        investment = overrides.get(InputRef.solution("investment"), investment)
        recurring = overrides.get(InputRef.solution("recurring_cost"), recurring)
    lead = solution.lead_time_months

    with localcontext(ENGINE_CONTEXT):
        horizon = len(addressable(lead))
        factors = discount_factors(rate, max(horizon, max(DELAYS)))
        by_delay = {
            d: flows_for(
                addressable(d + lead),
                investment,
                recurring,
                lead,
                solution.ramp_months,
                d,
            )
            for d in DELAYS
        }
        npvs = {d: npv(f, factors) for d, f in by_delay.items()}
        now = by_delay[0]
        net = now.net
        benefits = sum(now.benefits, ZERO)
        costs = investment + sum(now.recurring, ZERO)
        return SolutionResult(
            investment=investment,
            recurring_cost=recurring,
            flows=now,
            npv=npvs[0],
            irr=irr((-investment, *net)),
            roi=(benefits - costs) / costs if costs else None,
            payback_months=payback(investment, net),
            benefits_over_horizon=benefits,
            costs_over_horizon=costs,
            net_over_horizon=benefits - costs,
            delay=tuple(DelayRow(d, npvs[d], npvs[0] - npvs[d]) for d in DELAYS),
        )
