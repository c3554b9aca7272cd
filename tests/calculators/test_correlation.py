"""Convention 12 of issue 11: correlated draws (Gaussian copula), mean and the percentile of the
most likely figure. The worked examples are those of docs/simulation.md section 3."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from calculators import cli
from calculators.inputs import InputRef
from calculators.model import Case
from calculators.simulation import draw, normal_cdf, simulate, triangular_quantile
from calculators.storage import case_from_json, case_to_json

SAMPLES = 10_000

# One driver, one ranged input: 1,000 / 2,000 / 6,000 a month over a 12-month horizon.
SUPPORT: dict[str, Any] = {
    "type": "recurring_cost",
    "name": "Support",
    "inputs": {"amount": {"expected": "2000", "low": "1000", "high": "6000"}},
}


def copies_case(copies: int, correlation: str | None = None) -> Case:
    data: dict[str, Any] = {
        "buyer": {"company": "Buyer"},
        "start_date": "2027-01-01",
        "deadline": "2027-04-01",
        "horizon_months": 12,
        "drivers": [{**SUPPORT, "name": f"Support {n + 1}"} for n in range(copies)],
    }
    if correlation is not None:
        data["simulation_correlation"] = correlation
    return Case.model_validate(data)


def relative_width(case: Case, correlation: str | None = None) -> float:
    rho = None if correlation is None else Decimal(correlation)
    p = simulate(case, SAMPLES, correlation=rho).cost_over_horizon
    return float((p.p90 - p.p10) / p.mean)


def test_worked_example_one_input_driver() -> None:
    # Triangular(1,000, 2,000, 6,000) x 12 months. Mean (1,000 + 2,000 + 6,000) / 3 x 12 =
    # 36,000. The most likely figure 2,000 x 12 = 24,000 lies at the CDF at the mode,
    # (2,000 - 1,000) / (6,000 - 1,000) = 20 %. P10 = 1,000 + sqrt(0.1 x 5,000 x 1,000) =
    # 1,707.11 a month; P50 = 6,000 - sqrt(0.5 x 5,000 x 4,000) = 2,837.72; P90 = 6,000 -
    # sqrt(0.1 x 5,000 x 4,000) = 4,585.79; x 12 = 20,485 / 34,053 / 55,029.
    p = simulate(copies_case(1)).cost_over_horizon
    assert float(p.mean) == pytest.approx(36_000, rel=0.01)
    assert float(p.most_likely_percentile) == pytest.approx(20, abs=1.5)
    assert float(p.p10) == pytest.approx(20_485, rel=0.02)
    assert float(p.p50) == pytest.approx(34_053, rel=0.02)
    assert float(p.p90) == pytest.approx(55_029, rel=0.02)


@pytest.mark.parametrize("correlation", ["0", "0.3", "1"])
def test_the_mean_of_a_one_input_driver_is_the_triangular_mean(correlation: str) -> None:
    p = simulate(copies_case(1, correlation)).cost_over_horizon
    assert float(p.mean) == pytest.approx((1000 + 2000 + 6000) / 3 * 12, rel=0.01)


def test_with_rho_1_forty_copies_are_as_wide_as_one() -> None:
    one = relative_width(copies_case(1), "1")
    forty = relative_width(copies_case(40), "1")
    assert forty == pytest.approx(one, rel=0.02)
    assert one == pytest.approx((55_029 - 20_485) / 36_000, rel=0.03)


def test_with_rho_0_forty_copies_are_narrower() -> None:
    one = relative_width(copies_case(1), "0")
    forty = relative_width(copies_case(40), "0")
    assert forty < one / 4
    # independent: the sum's sd is sqrt(40) x one copy's (1,080.12 a month, x 12 = 12,961);
    # P10-P90 of the near-normal sum is 2 x 1.2816 x 12,961 x sqrt(40) = 210,133, 14.6 % of
    # the mean 1,440,000
    assert forty == pytest.approx(210_133 / 1_440_000, rel=0.05)


def test_the_default_correlation_lies_in_between() -> None:
    default = relative_width(copies_case(40))
    assert relative_width(copies_case(40), "0") < default < relative_width(copies_case(40), "1")
    assert simulate(copies_case(1), 100).correlation == Decimal("0.3")


def test_the_case_sets_the_correlation_and_keeps_it_in_its_file() -> None:
    case = copies_case(2, "0.6")
    assert case.correlation == Decimal("0.6")
    assert simulate(case, 200).correlation == Decimal("0.6")
    assert json.loads(case_to_json(case))["simulation_correlation"] == "0.6"
    assert "simulation_correlation" not in json.loads(case_to_json(copies_case(2)))
    assert case_from_json(case_to_json(case)) == case


@pytest.mark.parametrize(
    ("value", "message"),
    [("1.2", "simulation_correlation: must be <= 1"), ("-0.1", "must be >= 0")],
)
def test_a_bad_correlation_is_named(value: str, message: str) -> None:
    data = json.loads(case_to_json(copies_case(1)))
    data["simulation_correlation"] = value
    with pytest.raises(Exception) as caught:
        case_from_json(json.dumps(data))
    assert message in str(caught.value)


def test_rho_1_draws_every_input_at_the_same_quantile() -> None:
    case = copies_case(3, "1")
    draws = draw(case, 500, 9)
    a, b = draws[InputRef(0, "amount")], draws[InputRef(2, "amount")]
    assert np.array_equal(a, b)


def test_the_copula_keeps_each_input_triangular() -> None:
    draws = draw(copies_case(2, "0.8"), 20_000, 5)
    for values in draws.values():
        assert values.min() >= 1000 and values.max() <= 6000
        assert float(values.mean()) == pytest.approx(3000, rel=0.01)
        assert float(np.mean(values < 2000)) == pytest.approx(0.2, abs=0.01)
    first, second = draws.values()
    assert 0.7 < float(np.corrcoef(first, second)[0, 1]) < 0.85


def test_the_normal_cdf_and_the_triangular_quantile() -> None:
    z = np.array([-3.0, -1.2815516, 0.0, 1.2815516, 3.0])
    assert normal_cdf(z) == pytest.approx([0.0013499, 0.1, 0.5, 0.9, 0.9986501], abs=1e-6)
    u = np.array([0.0, 0.1, 0.2, 0.5, 1.0])
    assert triangular_quantile(u, 1000.0, 2000.0, 6000.0) == pytest.approx(
        [1000, 1707.107, 2000, 2837.722, 6000], abs=1e-3
    )


def test_without_ranges_the_most_likely_figure_is_the_median() -> None:
    case = Case.model_validate(
        {
            **json.loads(case_to_json(copies_case(1))),
            "drivers": [{**SUPPORT, "inputs": {"amount": "2000"}}],
        }
    )
    p = simulate(case, 100).cost_over_horizon
    assert (p.mean, p.p50, p.most_likely_percentile) == (Decimal(24000), Decimal(24000), 50)


def test_summary_json_has_mean_and_most_likely_percentile(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.coi"
    path.write_text(case_to_json(copies_case(1)), encoding="utf-8")
    assert cli.main(["summary", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    spread = data["simulation"]["cost_over_horizon"]
    assert set(spread) == {"mean", "p10", "p50", "p90", "most_likely_percentile"}
    assert Decimal(spread["mean"]) == pytest.approx(Decimal(36000), rel=Decimal("0.01"))
    assert Decimal(spread["most_likely_percentile"]) == pytest.approx(Decimal(20), abs=2)
    assert data["simulation"]["correlation"] == "0.3"
    assert data["simulation"]["npv"] is None


def test_summary_text_says_most_likely(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "case.coi"
    path.write_text(case_to_json(copies_case(1)), encoding="utf-8")
    assert cli.main(["summary", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Most likely" in out and "Expected" not in out
    assert "Mean" in out and "Most likely at" in out and "P20" in out
    assert "correlation 0.3" in out
