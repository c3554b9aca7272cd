"""Monte Carlo simulation: how uncertain the cost of inaction is, as mean, P10 / P50 / P90.

Every ranged numeric input (``low != high``) of an enabled driver (its addressable share
too), and the solution's investment and recurring cost when ranged, is drawn from a
triangular distribution (low, most likely, high). The draws are correlated through a
Gaussian copula with one correlation rho between every pair of inputs
(``Case.simulation_correlation``, default 0.3): Z_i = sqrt(rho) W + sqrt(1 - rho) E_i with
independent standard normals W and E_i, U_i = Phi(Z_i), and the input is the triangular
inverse CDF at U_i. Inputs without a range keep their most likely value. Each figure is
reported with its mean, P10, P50, P90 and the percentile at which the most likely figure
(every input at its most likely value) lies.

The draws are evaluated with the *same* driver formulas as the exact engine: each driver's
``segments()`` / ``monthly()`` / ``lumps()`` is called once per month with a :class:`Values`
whose ranged numbers are numpy float64 arrays of shape (samples,). The formulas are plain
arithmetic, so they broadcast; the Decimal constants they use are turned into floats on the
way (see :class:`_Sampled`). The time conventions around them come from the engine too:
``accrual.stretches`` / ``accrual.dated`` say which part of which month each amount covers,
``accrual.part_before`` how much of it lies before the deadline, and ``accrual.time_weights``
gives the per-month weights of the horizon total and of the NPV (ramp, discount factors,
churn locked in at go-live) as Decimals, turned into floats once per run. Nothing here
re-derives a calendar, discounting, ramp or lock-in rule.

This is the one place the project computes money in binary floating point: percentile
estimates from 10,000 draws carry a sampling error of around a percent, many orders of
magnitude above float64 rounding (about 1e-16 relative). Every exact figure (expected,
scenarios, sensitivity) stays Decimal. docs/simulation.md has the details and the benchmark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from calculators.accrual import active_window, dated, part_before, stretches, time_weights
from calculators.analysis import ranged_inputs
from calculators.cancel import checkpoint
from calculators.drivers.base import Month
from calculators.engine import ADDRESSABLE, resolve
from calculators.inputs import InputRef, Values
from calculators.model import Case, DriverBase
from calculators.numbers import ENGINE_CONTEXT

DEFAULT_SAMPLES = 10_000
DEFAULT_SEED = 20270101
MAX_SAMPLES = 1_000_000

FloatArray: TypeAlias = npt.NDArray[np.float64]
# A figure over the samples: a float when it does not depend on any draw, else shape (N,).
Figure: TypeAlias = "float | FloatArray"
# which input (a driver's or the solution's) -> one draw per sample.
Draws = Mapping[InputRef, FloatArray]
# One amount a driver accrues: (its 0-based month or None, the amount as the formula gave it,
# the share of the month it covers, the share of it before the deadline)
_Amount: TypeAlias = "tuple[int | None, Any, float, float]"


class _Sampled(np.ndarray[Any, np.dtype[np.float64]]):
    """A float64 array of draws that driver formulas can mix with Decimal constants.

    numpy refuses ``float64 * Decimal``; a driver formula such as ``people * hours *
    Decimal(52) / Decimal(12)`` therefore gets its Decimal operands converted to float here,
    once per operation, and keeps its result a ``_Sampled`` so the next operation works too.

    Inside :func:`_remembering` each operation is computed once per distinct operands: a
    formula evaluated for 240 months repeats the same products every month (or every year,
    with growth), and the array arithmetic over 10,000 samples is what costs. The results are
    the very same arrays, so the month loop can also add up weights per distinct amount.
    """

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        memo = _MEMO.get()
        key = None
        if memo is not None and not kwargs:
            # _operand_key inlined (the same keys): this runs for every operation of every month
            key = (
                ufunc,
                method,
                *[id(x) if isinstance(x, np.ndarray) else (type(x), x) for x in inputs],
            )
            found = memo.pop(key, None)
            if found is not None:
                memo[key] = found  # most recently used last
                return found[0]
            stepped = _next_power(memo, ufunc, method, inputs)
            if stepped is not None:
                _remember(memo, key, stepped, inputs)
                return stepped
        args = tuple(_plain(x) for x in inputs)
        if "out" in kwargs:
            kwargs["out"] = tuple(_plain(x) for x in kwargs["out"])
        result = getattr(ufunc, method)(*args, **kwargs)
        if isinstance(result, np.ndarray) and result.ndim:
            result = result.view(_Sampled)
        if memo is not None and key is not None:
            _remember(memo, key, result, inputs)
        return result


# operation and operand keys -> (result, operands) while one driver is evaluated
_MEMO: ContextVar[dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]] | None] = ContextVar(
    "coi_simulation_memo", default=None
)


_MEMO_SIZE = 64  # results kept per driver (80 KB each at 10,000 samples), least recent out


def _remember(
    memo: dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]],
    key: tuple[Any, ...],
    result: Any,
    inputs: tuple[Any, ...],
) -> None:
    """Keep ``result`` under ``key``. The entry holds its operands too: an array's id in a key
    stays that array's while any entry names it (a forgotten entry's ids may be reused)."""
    memo[key] = (result, inputs)
    if len(memo) > _MEMO_SIZE:
        del memo[next(iter(memo))]


def _next_power(
    memo: dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]],
    ufunc: Any,
    method: str,
    inputs: tuple[Any, ...],
) -> Any:
    """x ** k as (x ** (k-1)) x x when the memo holds x ** (k-1): churn raises the same draws
    to the power of each month's index, and a multiplication costs a fraction of a power.
    (Rounding differs from numpy's power by a few units in the 16th digit, far below the
    simulation's sampling error.) None when there is no such step."""
    if ufunc is not np.power or method != "__call__" or len(inputs) != 2:
        return None
    base, exponent = inputs
    if not isinstance(base, np.ndarray) or type(exponent) is not int or exponent < 2:
        return None
    previous = memo.get((ufunc, method, _operand_key(base), _operand_key(exponent - 1)))
    if previous is None:
        return None
    return np.multiply(_plain(previous[0]), _plain(base)).view(_Sampled)


def _operand_key(value: Any) -> Any:
    """An array by identity (kept alive by the memo), a number by type and value."""
    if isinstance(value, np.ndarray):
        return id(value)
    return (type(value), value)


@contextmanager
def _remembering() -> Iterator[None]:
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, _Sampled):
        return value.view(np.ndarray)
    return value


def _as_figure(value: Any) -> Figure:
    """A driver's amount as a float or a plain float64 array (Decimal and ints accepted)."""
    if isinstance(value, np.ndarray):
        array = np.asarray(value.view(np.ndarray), dtype=np.float64)
        return array if array.ndim else float(array)
    return float(value)


@dataclass(frozen=True)
class Percentiles:
    """One simulated figure: its percentiles, its mean, and where the most likely figure lies.

    ``most_likely_percentile`` is the share of samples below the most likely figure, x100
    (samples equal to it count half, so a figure without uncertainty lies at 50).
    """

    p10: Decimal
    p50: Decimal
    p90: Decimal
    mean: Decimal = Decimal(0)
    most_likely_percentile: Decimal = Decimal(50)


@dataclass(frozen=True)
class Simulation:
    samples: int
    seed: int
    cost_to_deadline: Percentiles
    cost_over_horizon: Percentiles
    npv: Percentiles | None
    ranged_inputs: int = 0  # how many inputs were drawn (0: every sample is the expected case)
    correlation: Decimal = Decimal("0.3")  # rho between every pair of ranged inputs


@dataclass(frozen=True)
class Outcomes:
    """The simulated figures, one value per sample (float64 arrays of shape (samples,))."""

    cost_to_deadline: FloatArray
    cost_over_horizon: FloatArray
    npv: FloatArray | None
    sample_by_sample: tuple[int, ...] = ()  # drivers whose formula did not broadcast


def normal_cdf(z: FloatArray) -> FloatArray:
    """Phi(z), the standard normal CDF, to about 1e-7 (Abramowitz & Stegun 7.1.26 for erf).

    numpy has no erf; the approximation's error is far below the sampling error of the
    percentiles (around a percent) and keeps U inside [0, 1]. Computed in place on a few
    buffers: this runs on every draw of every ranged input.
    """
    x = np.abs(z)
    x *= 1.0 / np.sqrt(2.0)
    t = 1.0 + 0.3275911 * x
    np.reciprocal(t, out=t)
    poly = 1.061405429 * t
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += coefficient
        poly *= t
    np.square(x, out=x)
    np.negative(x, out=x)
    np.exp(x, out=x)
    poly *= x  # 1 - erf(|z| / sqrt 2)
    poly *= 0.5  # the tail beyond |z|
    result: FloatArray = np.where(z < 0, poly, 1.0 - poly)
    return result


def triangular_quantile(u: FloatArray, low: float, mode: float, high: float) -> FloatArray:
    """The triangular(low, mode, high) inverse CDF at ``u`` (each in [0, 1])."""
    width = high - low
    split = (mode - low) / width
    rising = np.sqrt(u * (width * (mode - low)))
    rising += low
    falling = np.sqrt((1.0 - u) * (width * (high - mode)))
    np.subtract(high, falling, out=falling)
    result: FloatArray = np.where(u < split, rising, falling)
    return result


def draw(
    case: Case, samples: int, seed: int, correlation: float | None = None
) -> dict[InputRef, FloatArray]:
    """Triangular(low, most likely, high) draws for every ranged input, correlated through a
    Gaussian copula with ``correlation`` (default: the case's) between every pair."""
    rho = float(case.correlation if correlation is None else correlation)
    generator = np.random.Generator(np.random.PCG64(seed))
    ranged = ranged_inputs(case)
    if not ranged:
        return {}
    common = generator.standard_normal(samples)
    own = generator.standard_normal((len(ranged), samples))
    shared = np.sqrt(rho) * common
    draws: dict[InputRef, FloatArray] = {}
    for row, (ref, estimate) in enumerate(ranged):
        # Row by row: 10,000 values stay in the processor's cache through the dozen passes
        # of the copula (8x faster than the whole matrix at 600 inputs; the same numbers).
        z = own[row]
        z *= np.sqrt(1.0 - rho)
        z += shared
        draws[ref] = triangular_quantile(
            normal_cdf(z),
            float(estimate.low_value),
            float(estimate.expected),
            float(estimate.high_value),
        )
    return draws


@dataclass(frozen=True)
class _Frame:
    """The engine's time weights for the case (``accrual.time_weights``), as floats, once."""

    case: Case
    months: tuple[Month, ...]  # the months that count: the horizon and up to the deadline
    deadline: dt.date
    in_horizon: tuple[float, ...]  # per month: weight in the cost over the horizon
    # per month: weight in the NPV of deciding as planned (empty without a solution); the locked
    # variant for a driver whose loss is locked in at go-live (churn)
    benefit: tuple[float, ...] = ()
    locked_benefit: tuple[float, ...] = ()
    investment: float = 0.0  # NPV weight of the investment
    recurring: float = 0.0  # NPV weight of the monthly recurring cost


def _frame(case: Case) -> _Frame:
    weights = time_weights(case)
    frame = _Frame(case, weights.months, weights.deadline, _floats(weights.in_horizon))
    if weights.npv is None:
        return frame
    return replace(
        frame,
        benefit=_floats(weights.benefit),
        locked_benefit=_floats(weights.locked_benefit),
        investment=float(weights.npv.investment),
        recurring=float(weights.npv.recurring),
    )


def _floats(weights: Sequence[Decimal]) -> tuple[float, ...]:
    return tuple(float(w) for w in weights)


def _amounts(frame: _Frame, driver: DriverBase, values: Values) -> Iterator[_Amount]:
    """What the driver accrues, as the engine splits it: each stretch of a month and each
    one-time amount, with its month (None: after the last), the share of the month it covers
    (its days / the month's) and the share of it that lies before the deadline."""
    kind = driver.kind
    window = active_window(frame.case, driver)
    for stretch in stretches(kind, values, frame.months, window):
        covered = 1.0 if stretch.whole else stretch.days / stretch.month.days
        before, days = part_before(stretch.start, stretch.end, frame.deadline)
        yield stretch.position, stretch.monthly, covered, before / days
    for when, lump, position in dated(kind, values, frame.months, window):
        yield position, lump, 1.0, float(when < frame.deadline)


def _driver_figures(
    frame: _Frame, driver: DriverBase, values: Values, share: Figure
) -> tuple[Figure, Figure, Figure]:
    """One driver's (cost to deadline, cost over horizon, discounted addressable benefit).

    Each amount counts in its month with the frame's weights for that month; ``share`` is the
    addressable share (a float, or one draw per sample). The weights are added up per
    distinct amount first (the same array object, or the same number), then each amount is
    multiplied once: sum(a x w) = a x sum(w).
    """
    weights = frame.locked_benefit if driver.kind.locked_in_at_go_live else frame.benefit
    if isinstance(share, float) and not share:
        weights = ()
    # key of the amount -> [amount, weight to deadline, weight over horizon, benefit weight]
    groups: dict[Any, list[Any]] = {}
    for position, amount, covered, before_deadline in _amounts(frame, driver, values):
        key = _operand_key(amount)
        group = groups.get(key)
        if group is None:
            group = groups[key] = [amount, 0.0, 0.0, 0.0]
        group[1] += covered * before_deadline
        if position is not None:
            group[2] += covered * frame.in_horizon[position]
            if weights:
                group[3] += covered * weights[position]
    to_deadline: Figure = 0.0
    over_horizon: Figure = 0.0
    benefit: Figure = 0.0
    for amount, deadline_weight, horizon_weight, benefit_weight in groups.values():
        figure = _as_figure(amount)
        to_deadline = _weighted(to_deadline, figure, deadline_weight)
        over_horizon = _weighted(over_horizon, figure, horizon_weight)
        benefit = _weighted(benefit, figure, benefit_weight)
    return to_deadline, over_horizon, benefit * share if weights else 0.0


def _weighted(total: Figure, amount: Figure, weight: float) -> Figure:
    """``total + amount x weight``; adds in place once ``total`` is an array made here."""
    if not weight:
        return total
    part = amount if weight == 1 else amount * weight
    if isinstance(total, np.ndarray):
        total += part
        return total
    return part + total


def _checked(figure: Figure, samples: int) -> FloatArray:
    array = np.asarray(figure, dtype=np.float64)
    if array.ndim == 0:
        return np.full(samples, float(array))
    if array.shape != (samples,):
        raise ValueError(f"a driver formula gave shape {array.shape}, expected ({samples},)")
    return array


def _evaluate_driver(
    frame: _Frame,
    index: int,
    driver: DriverBase,
    draws: Draws,
    samples: int,
) -> tuple[FloatArray, FloatArray, FloatArray, bool]:
    """The driver's three figures per sample, and whether it had to go sample by sample."""
    base = resolve(driver, "expected", None, index, frame.case.start_date)
    mine = {ref.key: array for ref, array in draws.items() if ref.owner == index}
    drawn_share = mine.pop(ADDRESSABLE.key, None)
    share: Figure = float(driver.addressable.expected) if drawn_share is None else drawn_share
    numbers: dict[str, Any] = dict(base.numbers)
    for key, array in mine.items():
        numbers[key] = np.asarray(array, dtype=np.float64).view(_Sampled)
    try:
        with np.errstate(all="ignore"), _remembering():
            d, h, b = _driver_figures(
                frame, driver, Values(numbers, base.dates, base.texts, base.first_month), share
            )
            return _checked(d, samples), _checked(h, samples), _checked(b, samples), False
    except (TypeError, ValueError, ArithmeticError, AttributeError):
        if not mine and drawn_share is None:
            raise
    # Fallback for a formula that does not broadcast (e.g. branches on an input's value):
    # evaluate it sample by sample with exact Decimal inputs. Correct but slow; no driver
    # type in the registry needs it today (tests/calculators/test_simulation.py checks).
    out = np.empty((3, samples), dtype=np.float64)
    for s in range(samples):
        numbers = dict(base.numbers)
        for key, array in mine.items():
            numbers[key] = Decimal(repr(float(array[s])))
        one_share = share if drawn_share is None else float(drawn_share[s])
        figures = _driver_figures(
            frame, driver, Values(numbers, base.dates, base.texts, base.first_month), one_share
        )
        out[:, s] = [float(f) for f in figures]
    return out[0], out[1], out[2], True


def evaluate(case: Case, draws: Draws, samples: int) -> Outcomes:
    """Cost to the deadline, over the horizon and NPV for each sample of ``draws``.

    Inputs missing from ``draws`` keep their expected value; each array in ``draws`` must
    have shape (samples,).
    """
    frame = _frame(case)
    to_deadline = np.zeros(samples)
    over_horizon = np.zeros(samples)
    benefit = np.zeros(samples)
    slow: list[int] = []
    with localcontext(ENGINE_CONTEXT):
        for index, driver in enumerate(case.drivers):
            if not driver.enabled:
                continue
            checkpoint()
            d, h, b, sample_by_sample = _evaluate_driver(frame, index, driver, draws, samples)
            if sample_by_sample:
                slow.append(index)
            to_deadline += d
            over_horizon += h
            benefit += b
    npv: FloatArray | None = None
    solution = case.solution
    if solution is not None:

        def amount(key: str) -> Figure:
            drawn = draws.get(InputRef.solution(key))
            return float(solution.estimate(key).expected) if drawn is None else drawn

        # Deciding as planned (frame: the plan's weights): the outlay and every recurring cost.
        outlay = amount("investment") + amount("internal_cost")
        monthly = amount("recurring_cost") + amount("internal_recurring_cost")
        npv = _checked(benefit - outlay * frame.investment - monthly * frame.recurring, samples)
    return Outcomes(to_deadline, over_horizon, npv, tuple(slow))


def to_decimal(value: float) -> Decimal:
    """A float result as the Decimal of its shortest repr (display rounding comes later)."""
    return Decimal(repr(float(value)))


_SHARES = np.array([10, 50, 90]) / 100  # P10, P50, P90


def linear_percentiles(values: FloatArray) -> FloatArray:
    """P10, P50 and P90 of ``values``, bit for bit what ``np.percentile(values, [10, 50, 90])``
    gives (its default "linear" method, the same partition and interpolation steps).

    np.percentile calls np.unique, which imports numpy.ma: some 8 ms of every ``coi summary``
    for three numbers. tests/calculators/test_simulation_percentiles.py compares the two.
    """
    ordered = np.asarray(values, dtype=np.float64).flatten()
    count = len(ordered)
    virtual = (count - 1) * _SHARES
    below = np.floor(virtual)
    above = below + 1
    at_end = virtual >= count - 1
    below[at_end] = above[at_end] = -1
    low, high = below.astype(np.intp), above.astype(np.intp)
    ordered.partition(sorted({0, -1, *low.tolist(), *high.tolist()}))
    if np.isnan(ordered[-1]):  # NaN sorts last; numpy's percentile of such values is NaN
        return np.full(len(_SHARES), ordered[-1])
    weight = virtual - low
    start, end = ordered[low], ordered[high]
    step = end - start
    result = start + step * weight
    np.subtract(end, step * (1 - weight), out=result, where=weight >= 0.5)
    return result


def percentiles(values: FloatArray, most_likely: float | None = None) -> Percentiles:
    """P10 / P50 / P90 and the mean of ``values``; with ``most_likely``, the percentile at
    which that figure lies (samples below it, equal ones counting half, x100)."""
    p10, p50, p90 = linear_percentiles(values)
    mean = to_decimal(float(np.mean(values)))
    position = Decimal(50)
    if most_likely is not None and len(values):
        below = np.count_nonzero(values < most_likely)
        equal = np.count_nonzero(values == most_likely)
        share = (below + equal / 2) / len(values) * 100
        position = Decimal(repr(round(float(share), 1)))
    return Percentiles(to_decimal(p10), to_decimal(p50), to_decimal(p90), mean, position)


def simulate(
    case: Case,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    correlation: Decimal | None = None,
) -> Simulation:
    """Mean, P10 / P50 / P90 of the cost to the deadline, over the horizon and of the NPV,
    and where the most likely figure lies among the samples.

    ``correlation`` overrides the case's ``simulation_correlation``. The same case, samples,
    seed and correlation always give the same result (numpy's PCG64 stream).
    """
    if not 1 <= samples <= MAX_SAMPLES:
        raise ValueError(f"samples must be between 1 and {MAX_SAMPLES}")
    if seed < 0:
        raise ValueError("seed must be >= 0")
    rho = case.correlation if correlation is None else correlation
    if not 0 <= rho <= 1:
        raise ValueError("correlation must be between 0 and 1")
    draws = draw(case, samples, seed, float(rho))
    outcomes = evaluate(case, draws, samples)
    # The most likely figures: every input at its most likely value (one undrawn sample).
    point = evaluate(case, {}, 1)
    return Simulation(
        samples=samples,
        seed=seed,
        cost_to_deadline=percentiles(outcomes.cost_to_deadline, float(point.cost_to_deadline[0])),
        cost_over_horizon=percentiles(
            outcomes.cost_over_horizon, float(point.cost_over_horizon[0])
        ),
        npv=None
        if outcomes.npv is None or point.npv is None
        else percentiles(outcomes.npv, float(point.npv[0])),
        ranged_inputs=len(draws),
        correlation=rho,
    )
