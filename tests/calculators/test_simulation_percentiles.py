"""The simulation's own P10/P50/P90 give exactly what np.percentile gives, without numpy.ma."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from calculators.simulation import FloatArray, linear_percentiles


def _samples(size: int, kind: str, seed: int) -> FloatArray:
    rng = np.random.default_rng(seed)
    values = rng.normal(size=size) * 10.0 ** float(rng.integers(-5, 12))
    if kind == "whole":
        values = np.round(values)
    elif kind == "signed zeros":
        values[rng.integers(0, size, size=max(1, size // 3))] = 0.0
        values[rng.integers(0, size, size=max(1, size // 3))] = -0.0
    elif kind == "infinite":
        values[rng.integers(0, size)] = -np.inf
        values[rng.integers(0, size)] = np.inf
    elif kind == "nan":
        values[rng.integers(0, size)] = np.nan
    elif kind == "constant":
        values = np.full(size, 3.3)
    elif kind == "triangular":
        values = rng.triangular(-1e6, 2e5, 3e7, size=size)
    samples: FloatArray = np.asarray(values, dtype=np.float64)
    return samples


def _bits(values: FloatArray) -> list[str]:
    return [repr(float(v)) for v in values]  # -0.0 and nan spelled out


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 7, 10, 11, 19, 20, 21, 99, 1000, 1001, 10000])
@pytest.mark.parametrize(
    "kind", ["normal", "whole", "signed zeros", "infinite", "nan", "constant", "triangular"]
)
def test_same_as_numpy_percentile(size: int, kind: str) -> None:
    values = _samples(size, kind, seed=size)
    with np.errstate(invalid="ignore"):  # inf - inf: numpy warns as well
        expected = np.percentile(values.copy(), [10, 50, 90])
        ours = linear_percentiles(values.copy())
    assert _bits(ours) == _bits(expected)


def test_input_left_unchanged() -> None:
    values = np.array([3.0, 1.0, 2.0])
    linear_percentiles(values)
    assert values.tolist() == [3.0, 1.0, 2.0]


def test_simulation_does_not_import_numpy_ma() -> None:
    code = (
        "import sys\n"
        "from calculators.simulation import simulate\n"
        "from calculators.storage import load\n"
        "from calculators.resources import resource_path\n"
        "simulate(load(resource_path('examples', 'acme-order-automation.coi')))\n"
        "print('numpy.ma' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "False"
