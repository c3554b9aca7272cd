"""Scenarios and sensitivity: the exact (Decimal) answers to "how sure is this figure?".

* **Scenarios** (docs/methodology.md §8): conservative = every ranged input at the end of its
  range that weakens the case, optimistic = every ranged input at the other end, most likely
  (key "expected") = every input at its most likely value; inputs without a range keep it in
  all three. Each input declares its adverse end once (``InputSpec.adverse``): "low" for the
  status-quo cost inputs and the addressable shares, "high" for the solution's investment
  and recurring cost. So conservative gives the lowest cost of inaction and the lowest NPV
  (low benefits against a high price), optimistic the highest of both.
* **Sensitivity** (the tornado chart): every ranged input alone at its low and at its high
  value, all others expected; the swing of the cost to the deadline ranks the rows (ties by
  the swing over the horizon, then by the NPV swing). The solution's own inputs move only
  the NPV, so they sort below every driver input that moves the cost.

:func:`analyse` bundles everything about a case's ranges into one :class:`Analysis`: the
scenarios, the sensitivity, the Monte Carlo simulation and the qualification. The CLI's
summary, the PDF report and the app's dashboard all take this one type. (No reportlab here:
the CLI starts without it.)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from calculators.cancel import checkpoint
from calculators.case_fields import DRIVER_FIELDS, SOLUTION_INPUTS, driver_field, solution_input
from calculators.engine import Overrides, Projection, Results, project, summarise
from calculators.finance import discount_factors, flows_for, npv, plan_offset, solution_costs
from calculators.i18n import _
from calculators.inputs import (
    SCENARIOS,
    SOLUTION,
    Estimate,
    InputRef,
    InputSpec,
    Kind,
    Scenario,
)
from calculators.model import Case
from calculators.numbers import ENGINE_CONTEXT

if TYPE_CHECKING:
    from calculators.qualification import Qualification
    from calculators.simulation import Simulation


@dataclass(frozen=True)
class ScenarioFigures:
    scenario: Scenario
    cost_to_deadline: Decimal
    cost_over_horizon: Decimal
    npv: Decimal | None


def scenarios(case: Case) -> dict[Scenario, ScenarioFigures]:
    """Conservative, expected and optimistic figures (in that order), exact."""
    out: dict[Scenario, ScenarioFigures] = {}
    for scenario in SCENARIOS:
        checkpoint()
        results = summarise(case, scenario)
        out[scenario] = ScenarioFigures(
            scenario=scenario,
            cost_to_deadline=results.projection.cost_to_deadline,
            cost_over_horizon=results.projection.cost_over_horizon,
            npv=None if results.solution is None else results.solution.npv,
        )
    return out


@dataclass(frozen=True)
class Swing:
    """One row of the tornado chart: one input alone at its low and at its high value."""

    ref: InputRef  # which input: a driver's (by index in the case) or the solution's
    driver: str  # the driver's name, or the solution's
    label: str  # InputSpec label: an untranslated source string, show it with _()
    low_value: Decimal
    high_value: Decimal
    deadline_low: Decimal
    deadline_high: Decimal
    horizon_low: Decimal
    horizon_high: Decimal
    swing: Decimal  # abs(deadline_high - deadline_low): the rank key
    npv_low: Decimal | None = None  # NPV with the input at low / at high (None: no solution)
    npv_high: Decimal | None = None

    @property
    def input(self) -> str:
        """The input's key."""
        return self.ref.key

    @property
    def horizon_swing(self) -> Decimal:
        return abs(self.horizon_high - self.horizon_low)

    @property
    def npv_swing(self) -> Decimal | None:
        if self.npv_low is None or self.npv_high is None:
            return None
        return abs(self.npv_high - self.npv_low)


def _npv(case: Case, projection: Projection, overrides: Overrides | None = None) -> Decimal | None:
    """NPV of deciding as planned, computed as finance.analyse_solution does (its flows)."""
    solution = case.solution
    if solution is None:
        return None
    costs = solution_costs(solution, projection.scenario, overrides)
    plan = plan_offset(case.start_date, case.deadline)
    lead = solution.lead_time_months
    addressable = projection.addressable_for(plan + lead)
    with localcontext(ENGINE_CONTEXT):
        flows = flows_for(
            addressable,
            costs.investment,
            costs.monthly,
            lead,
            solution.ramp_months,
            plan,
            costs.internal,
        )
        return npv(flows, discount_factors(case.discount_rate, max(len(addressable), plan)))


def _with_override(
    case: Case, base: Projection, index: int, key: str, value: Decimal
) -> Projection:
    """``project(case, base.scenario, {InputRef(index, key): value})``, re-projecting one driver.

    The overridden driver is projected alone (a one-driver copy of the case has the same
    months) and swapped into ``base``, whose exact totals are kept: a row costs one driver's
    months, not all drivers' (Projection.swapped), and its figures are identical to a full
    re-projection.
    """
    alone = case.model_copy(update={"drivers": (case.drivers[index],)})
    changed = replace(
        project(alone, base.scenario, {InputRef(0, key): value}).drivers[0], index=index
    )
    position = next(p for p, d in enumerate(base.drivers) if d.index == index)
    return base.swapped(position, changed)


def ranged_inputs(case: Case) -> list[tuple[InputRef, Estimate]]:
    """The inputs the simulation draws, in draw order: (which input, estimate).

    Enabled drivers in case order, each driver's numeric inputs in declaration order and then
    its addressable share (only with a solution: without one it moves nothing), then the
    solution's ranged inputs (investment and recurring cost) in declaration order.
    """
    found: list[tuple[InputRef, Estimate]] = []
    for index, driver in enumerate(case.drivers):
        if not driver.enabled:
            continue
        for spec in driver.kind.inputs:
            if spec.kind is not Kind.NUMBER:
                continue
            stored = driver.input(spec.key)
            if isinstance(stored, Estimate) and stored.is_ranged:
                found.append((InputRef(index, spec.key), stored))
        for spec in DRIVER_FIELDS if case.solution is not None else ():
            stored = getattr(driver, spec.key)
            if stored.is_ranged:
                found.append((InputRef(index, spec.key), stored))
    if case.solution is not None:
        for spec in SOLUTION_INPUTS:
            if not spec.ranged:
                continue
            stored = case.solution.estimate(spec.key)
            if stored.is_ranged:
                found.append((InputRef.solution(spec.key), stored))
    return found


def input_spec(case: Case, ref: InputRef) -> InputSpec:
    """The declaration of input ``ref``: a driver's input, its addressable share or one of the
    solution's inputs (KeyError when there is none)."""
    if ref.owner is SOLUTION:
        return solution_input(ref.key)
    if any(spec.key == ref.key for spec in DRIVER_FIELDS):
        return driver_field(ref.key)
    return case.drivers[ref.owner].kind.spec(ref.key)


def sensitivity(case: Case, scenario: Scenario = "expected") -> list[Swing]:
    """Every ranged input's swing, largest first (zero-width ranges give no row), with the
    other inputs at their ``scenario`` values (the report of a scenario centres on it)."""
    base = project(case, scenario)
    rows: list[Swing] = []
    for ref, stored in ranged_inputs(case):
        checkpoint()
        if ref.owner is SOLUTION:
            # The solution's own inputs move only the NPV.
            solution = case.solution
            assert solution is not None
            rows.append(
                Swing(
                    ref=ref,
                    driver=solution.name or _("Solution"),
                    label=solution_input(ref.key).label,
                    low_value=stored.low_value,
                    high_value=stored.high_value,
                    deadline_low=base.cost_to_deadline,
                    deadline_high=base.cost_to_deadline,
                    horizon_low=base.cost_over_horizon,
                    horizon_high=base.cost_over_horizon,
                    swing=Decimal(0),
                    npv_low=_npv(case, base, {ref: stored.low_value}),
                    npv_high=_npv(case, base, {ref: stored.high_value}),
                )
            )
            continue
        index, key = ref.owner, ref.key
        driver = case.drivers[index]
        low = _with_override(case, base, index, key, stored.low_value)
        high = _with_override(case, base, index, key, stored.high_value)
        rows.append(
            Swing(
                ref=ref,
                driver=driver.name,
                label=input_spec(case, ref).label,
                low_value=stored.low_value,
                high_value=stored.high_value,
                deadline_low=low.cost_to_deadline,
                deadline_high=high.cost_to_deadline,
                horizon_low=low.cost_over_horizon,
                horizon_high=high.cost_over_horizon,
                swing=abs(high.cost_to_deadline - low.cost_to_deadline),
                npv_low=_npv(case, low),
                npv_high=_npv(case, high),
            )
        )
    # An input whose range moves nothing (e.g. a risk's probability_after without a date) has
    # no row: the tornado shows only what matters.
    rows = [r for r in rows if r.swing or r.horizon_swing or r.npv_swing]
    # sorted() is stable: equal rows keep case order (drivers, then inputs as declared).
    rows.sort(key=lambda r: (r.swing, r.horizon_swing, r.npv_swing or Decimal(0)), reverse=True)
    return rows


@dataclass(frozen=True)
class Analysis:
    """Scenarios, sensitivity, simulation and qualification of one case (the slow part).

    Computed once per case snapshot and reused: the app passes it to every preview render
    and to the dashboard; ``coi summary`` shows it. The qualification is for the rep only
    and never reaches the report.
    """

    case: Case
    scenarios: dict[Scenario, ScenarioFigures]
    sensitivity: tuple[Swing, ...]  # largest swing first
    simulation: Simulation
    qualification: Qualification


def analyse(case: Case, results: Results | None = None) -> Analysis:
    """Scenarios, the ranked sensitivities, the 10,000-sample simulation and the
    qualification of ``case`` (``results``: its expected-scenario results, reused)."""
    # Imported here: the simulation imports this module (ranged_inputs), and numpy is not
    # needed by callers that use only the scenarios or the sensitivity.
    from calculators.qualification import qualify
    from calculators.simulation import simulate

    return Analysis(
        case=case,
        scenarios=scenarios(case),
        sensitivity=tuple(sensitivity(case)),
        simulation=simulate(case),
        qualification=qualify(case, results=results),
    )
