"""Monte Carlo: means converge to the deterministic value, draws are reproducible and paired."""

from __future__ import annotations

import math
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest
import scipy.stats

import cocreation as cc
from cocreation.analysis import LogNormal, Normal, Triangular, Uniform

from ._cases import riverside

INPUTS: dict[str, Any] = {
    "home-fibre.price": Uniform(500.0, 700.0),
    "early-adopters.value_of_time": Triangular(20.0, 40.0, 80.0),
}


def test_means_of_linear_outputs_converge_to_the_deterministic_value() -> None:
    # The adopters' net benefit and every actor's net value flow are affine in the
    # price and the value of time, so their means are the values at the inputs' means;
    # the Monte Carlo mean must lie within four standard errors of it.
    eco = riverside()
    result = cc.monte_carlo(eco, INPUTS, runs=20_000, seed=4)
    at_means = eco.with_values({address: dist.mean for address, dist in INPUTS.items()})
    expected = cc.net_value_flows(at_means).nets()
    means, errors = result.mean(), result.standard_error()
    for actor in result.labels:
        assert abs(means[actor] - expected[actor]) <= 4 * errors[actor] + 1e-6
    adopters = cc.monte_carlo(
        eco, INPUTS, runs=20_000, seed=4, output=("net_benefit", "early-adopters")
    )
    assert adopters.labels == ("early-adopters",)
    net = cc.net_benefit(at_means)["early-adopters"].net
    assert (
        abs(adopters.mean()["early-adopters"] - net)
        <= 4 * adopters.standard_error()["early-adopters"]
    )
    # The price is a pure transfer: total value created depends on the value of time only.
    created = result.total_value_created
    slope = -200 * 1.5  # 200 adopters, 1.5 hours each
    times = result.samples[:, 1]
    assert np.allclose(created - slope * times, created[0] - slope * times[0], atol=1e-6)


def test_every_run_equals_the_object_path_on_its_draws() -> None:
    eco = riverside()
    result = cc.monte_carlo(eco, INPUTS, runs=20, seed=8, output="net_benefit")
    for run in range(len(result)):
        one = eco.with_values(
            dict(zip(result.parameters, result.samples[run].tolist(), strict=True))
        )
        benefits = cc.net_benefit(one)
        for column, customer in enumerate(result.labels):
            assert math.isclose(result.values[run, column], benefits[customer].net, abs_tol=1e-6)
        assert math.isclose(
            result.total_value_created[run],
            cc.net_value_flows(one).total_value_created(),
            abs_tol=1e-6,
        )


def test_the_same_seed_gives_the_same_bits_and_another_seed_other_draws() -> None:
    eco = riverside()
    one = cc.monte_carlo(eco, INPUTS, runs=2_500, seed=1)
    again = cc.monte_carlo(eco, INPUTS, runs=2_500, seed=1)
    other = cc.monte_carlo(eco, INPUTS, runs=2_500, seed=2)
    assert np.array_equal(one.samples, again.samples)
    assert np.array_equal(one.values, again.values)
    assert not np.array_equal(one.samples, other.samples)


@pytest.mark.parametrize("make", [ThreadPoolExecutor, ProcessPoolExecutor])
def test_an_executor_gives_the_same_bits(make: type) -> None:
    eco = riverside()
    here = cc.monte_carlo(eco, INPUTS, runs=3_000, seed=6, timing="retained", output="firm_value")
    with make(2) as pool:
        there = cc.monte_carlo(
            eco, INPUTS, runs=3_000, seed=6, timing="retained", output="firm_value", executor=pool
        )
    assert np.array_equal(here.values, there.values)
    assert np.array_equal(here.win_win, there.win_win)  # type: ignore[arg-type]


def test_each_input_draws_from_its_own_stream_whatever_else_is_drawn() -> None:
    eco = riverside()
    alone = cc.monte_carlo(eco, {"home-fibre.price": Uniform(500.0, 700.0)}, runs=1_500, seed=3)
    beside = cc.monte_carlo(
        eco,
        {"riverside.fixed_cost": Uniform(0.0, 1.0), "home-fibre.price": Uniform(500.0, 700.0)},
        runs=1_500,
        seed=3,
    )
    assert np.array_equal(alone.samples[:, 0], beside.samples[:, 1])


def test_two_scenarios_on_common_random_numbers_differ_only_by_the_scenario() -> None:
    eco = riverside()
    before = cc.monte_carlo(eco, INPUTS, runs=4_000, seed=9)
    after = cc.monte_carlo(
        eco.with_values({"riverside.fixed_cost": 25_000.0}), INPUTS, runs=4_000, seed=9
    )
    assert np.array_equal(before.samples, after.samples)
    change = after.difference(before)
    assert change.mean()["riverside"] == pytest.approx(-5_000.0)
    assert change.standard_error()["riverside"] < 1e-9
    assert change.standard_error()["early-adopters"] < 1e-9
    assert math.isnan(change.probability_win_win)
    # Without common random numbers, the noise of the draws would swamp the effect.
    unpaired = (
        after.values[:, 0].mean()
        - cc.monte_carlo(eco, INPUTS, runs=4_000, seed=10).values[:, 0].mean()
    )
    assert unpaired != pytest.approx(-5_000.0, abs=1.0)


def test_a_difference_needs_the_same_inputs_seed_and_runs() -> None:
    eco = riverside()
    base = cc.monte_carlo(eco, INPUTS, runs=100, seed=1)
    for other in (
        cc.monte_carlo(eco, INPUTS, runs=100, seed=2),
        cc.monte_carlo(eco, INPUTS, runs=101, seed=1),
        cc.monte_carlo(eco, {"home-fibre.price": Uniform(500.0, 700.0)}, runs=100, seed=1),
        cc.monte_carlo(eco, INPUTS, runs=100, seed=1, output="total_value_created"),
    ):
        with pytest.raises(cc.ValidationError, match=r"baseline: expected an analysis"):
            other.difference(base)


def test_rank_correlation_is_imposed_and_each_input_keeps_its_draws() -> None:
    eco = riverside()
    independent = cc.monte_carlo(eco, INPUTS, runs=4_000, seed=12)
    correlated = cc.monte_carlo(
        eco,
        INPUTS,
        runs=4_000,
        seed=12,
        correlation={("home-fibre.price", "early-adopters.value_of_time"): -0.6},
    )
    for start in range(0, 4_000, 1_000):  # within each chunk, the same values, reordered
        block = slice(start, start + 1_000)
        assert np.array_equal(
            np.sort(independent.samples[block], axis=0), np.sort(correlated.samples[block], axis=0)
        )
    rho = scipy.stats.spearmanr(correlated.samples[:, 0], correlated.samples[:, 1]).statistic
    assert rho == pytest.approx(-0.6, abs=0.03)
    rho0 = scipy.stats.spearmanr(independent.samples[:, 0], independent.samples[:, 1]).statistic
    assert abs(rho0) < 0.05


def test_scipy_frozen_distributions_work_discrete_ones_on_integer_fields() -> None:
    eco = riverside()
    result = cc.monte_carlo(
        eco,
        {
            "early-adopters.retention": scipy.stats.truncnorm(-2.0, 2.0, loc=0.8, scale=0.05),
            "early-adopters.count": scipy.stats.randint(150, 251),
        },
        runs=1_000,
        seed=5,
        timing="retained",
        output=("firm_value", "early-adopters"),
    )
    counts = result.samples[:, 1]
    assert counts.min() >= 150
    assert counts.max() <= 250
    assert np.array_equal(counts, np.round(counts))
    assert result.probability_of_loss()["early-adopters"] == 0.0


def test_summary_frame_and_the_probability_of_win_win() -> None:
    eco = riverside()
    result = cc.monte_carlo(
        eco, {"riverside.fixed_cost": Uniform(0.0, 80_000.0)}, runs=2_000, seed=3
    )
    # Riverside nets 57,000 + 20,000 - fixed cost (see _cases): a loss above 77,000.
    base = cc.net_value_flows(eco).nets()["riverside"] + 20_000.0
    share = (80_000.0 - base) / 80_000.0
    assert result.probability_of_loss()["riverside"] == pytest.approx(share, abs=0.03)
    assert result.probability_win_win == pytest.approx(1 - share, abs=0.03)
    summary = result.summary()
    assert summary["actor"].tolist() == list(result.labels)
    row = summary[summary["actor"] == "riverside"].iloc[0]
    assert row["q50"] == pytest.approx(base - 40_000.0, rel=0.05)
    assert row["standard_error"] == pytest.approx(row["sd"] / math.sqrt(2_000))
    frame = result.to_frame()
    assert len(frame) == 2_000 * len(result.labels)
    assert frame.groupby("run")["net_value_flow"].sum().to_numpy() == pytest.approx(
        result.total_value_created
    )


def test_the_measure_of_the_whole_ecosystem_is_one_output() -> None:
    result = cc.monte_carlo(riverside(), INPUTS, runs=50, seed=1, output="total_value_created")
    assert result.labels == ("total_value_created",)
    assert np.array_equal(result.values[:, 0], result.total_value_created)
    assert list(result.to_frame().columns) == [
        "run",
        *INPUTS,
        "actor",
        "total_value_created",
        "win_win",
    ]


@pytest.mark.parametrize(
    ("inputs", "options", "error", "message"),
    [
        (
            {"early-adopters.retention": Uniform(0.5, 1.2)},
            {},
            cc.ValidationError,
            r"early-adopters\.retention: expected a finite number in \[0, 1\], for every value "
            r"Uniform\(low=0\.5, high=1\.2\) can draw, got 1\.2",
        ),
        (
            {"early-adopters.retention": Normal(0.8, 0.05)},
            {},
            cc.ValidationError,
            r"early-adopters\.retention: .* Normal\(mean=0\.8, sd=0\.05\) can draw, got -inf",
        ),
        (
            {"home-fibre.price": Normal(600.0, 50.0)},
            {},
            cc.ValidationError,
            r"home-fibre\.price: expected a finite number >= 0, for every value .* got -inf",
        ),
        (
            {"early-adopters.count": Uniform(150.0, 250.0)},
            {},
            cc.ValidationError,
            r"early-adopters\.count: expected an integer >= 1, got 1\d\d\.\d+",
        ),
        ({"home-fibre.prize": Uniform(1.0, 2.0)}, {}, cc.ValidationError, r"did you mean 'price'"),
        ({"nobody.price": Uniform(1.0, 2.0)}, {}, cc.UnknownIdError, r"nobody\.price"),
        (
            {"home-fibre.pricing": Uniform(1.0, 2.0)},
            {},
            cc.ValidationError,
            r"home-fibre\.pricing: expected a field that holds a number",
        ),
        (
            {"home-fibre.price": "wide"},
            {},
            cc.ValidationError,
            r"home-fibre\.price: expected a distribution",
        ),
        ({}, {}, cc.ValidationError, r"distributions: expected a mapping"),
        (INPUTS, {"runs": 0}, cc.ValidationError, r"runs: expected an integer >= 1, got 0"),
        (INPUTS, {"seed": -1}, cc.ValidationError, r"seed: expected an integer >= 0, got -1"),
        (INPUTS, {"output": "profit"}, cc.ValidationError, r"output: expected a measure"),
        (INPUTS, {"output": ("net_benefit", "riverside")}, cc.UnknownIdError, r"a customer"),
        (INPUTS, {"output": "firm_value"}, cc.ValidationError, r"timing"),
        (
            INPUTS,
            {"correlation": {("home-fibre.price", "riverside.fixed_cost"): 0.5}},
            cc.ValidationError,
            r"one of the uncertain inputs",
        ),
        (
            INPUTS,
            {"correlation": {("home-fibre.price", "early-adopters.value_of_time"): 1.5}},
            cc.ValidationError,
            r"a rank correlation in \[-1, 1\], got 1\.5",
        ),
        (
            {**INPUTS, "riverside.fixed_cost": Uniform(0.0, 1.0)},
            {
                "correlation": {
                    ("home-fibre.price", "early-adopters.value_of_time"): 0.9,
                    ("home-fibre.price", "riverside.fixed_cost"): 0.9,
                    ("early-adopters.value_of_time", "riverside.fixed_cost"): -0.9,
                }
            },
            cc.ValidationError,
            r"correlation: expected rank correlations that can hold together",
        ),
    ],
)
def test_bad_input_is_named_before_any_run(
    inputs: dict[str, Any],
    options: dict[str, Any],
    error: type[Exception],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a run was accounted")

    monkeypatch.setattr("cocreation.analysis._evaluate.run_chunks", never)
    settings = {"runs": 100, "seed": 1, **options}
    with pytest.raises(error, match=message):
        cc.monte_carlo(riverside(), inputs, **settings)


def test_an_unbounded_distribution_is_fine_where_the_field_has_no_bound_there() -> None:
    result = cc.monte_carlo(
        riverside(), {"early-adopters.value_of_time": LogNormal(3.5, 0.4)}, runs=500, seed=2
    )
    assert result.samples.min() > 0.0
