"""Sensitivity analysis against analytic answers: variance shares, elementary effects, swings."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest
import scipy.stats

import cocreation as cc
from cocreation.analysis import Normal

from ._cases import riverside

# Two fixed costs of two actors: total value created is additive in them.
ADDITIVE = {"riverside.fixed_cost": (0.0, 1_000.0), "router-maker.fixed_cost": (0.0, 2_000.0)}


def near(value: float, expected: float, low: float, high: float) -> bool:
    """Within 0.03 of the analytic value, or inside the bootstrap interval."""
    return abs(value - expected) <= 0.03 or low <= expected <= high


def test_sobol_indices_of_an_additive_output_are_the_analytic_variance_shares() -> None:
    # y = c - x1 - x2 with x1 ~ U(0, 1000), x2 ~ U(0, 2000): Var xi = range² / 12, so
    # S1 = 1 / (1 + 4) = 0.2 and S2 = 0.8, and total indices equal first-order ones.
    result = cc.sensitivity(riverside(), ADDITIVE, samples=4096, seed=3, resamples=200)
    first, total = result.indices["first_order"][0], result.indices["total_order"][0]
    for i, share in enumerate([0.2, 0.8]):
        assert near(
            first[i],
            share,
            result.indices["first_order_low"][0, i],
            result.indices["first_order_high"][0, i],
        )
        assert near(
            total[i],
            share,
            result.indices["total_order_low"][0, i],
            result.indices["total_order_high"][0, i],
        )
        assert (
            result.indices["first_order_low"][0, i]
            <= first[i]
            <= result.indices["first_order_high"][0, i]
        )
    assert result.ranking() == ("router-maker.fixed_cost", "riverside.fixed_cost")
    assert result.runs == 4096 * 4


def test_sobol_indices_of_a_product_show_the_interaction() -> None:
    # The newcomers pay price x units x 50: for X ~ U(0, 1000) (the price) and
    # Y ~ U(0, 2) (the units), Var(XY) = E[X²]E[Y²] - (E[X]E[Y])², V_X = E[Y]² Var X,
    # V_Y = E[X]² Var Y; the rest (1/7 here) is the interaction.
    x, y = scipy.stats.uniform(0.0, 1000.0), scipy.stats.uniform(0.0, 2.0)
    total = (x.var() + x.mean() ** 2) * (y.var() + y.mean() ** 2) - (x.mean() * y.mean()) ** 2
    s_x, s_y = y.mean() ** 2 * x.var() / total, x.mean() ** 2 * y.var() / total
    interaction = 1.0 - s_x - s_y
    result = cc.sensitivity(
        riverside(),
        {"home-fibre.price": (0.0, 1000.0), "newcomers-subscribe.units": (0.0, 2.0)},
        output=("net_benefit", "newcomers"),
        samples=8192,
        seed=5,
        resamples=100,
    )
    first, total_order = result.indices["first_order"][0], result.indices["total_order"][0]
    assert first.tolist() == pytest.approx([s_x, s_y], abs=0.03)
    assert total_order.tolist() == pytest.approx([s_x + interaction, s_y + interaction], abs=0.03)
    assert interaction == pytest.approx(1 / 7)  # the analytic case is far from additive


def test_per_actor_outputs_see_only_what_moves_them() -> None:
    result = cc.sensitivity(
        riverside(), ADDITIVE, output="net_value_flow", samples=256, seed=1, resamples=50
    )
    rows = {label: n for n, label in enumerate(result.labels)}
    # An input that does not touch an actor has exactly no effect on it; the other
    # explains all its variance, up to the estimator's sampling error.
    riverside_first = result.indices["first_order"][rows["riverside"]].tolist()
    assert riverside_first == pytest.approx([1.0, 0.0], abs=0.05)
    assert riverside_first[1] == 0.0
    partner_total = result.indices["total_order"][rows["router-maker"]].tolist()
    assert partner_total == pytest.approx([0.0, 1.0], abs=0.05)
    assert partner_total[0] == 0.0
    # Customers do not bear fixed costs: their figures never vary, so no share is defined.
    assert np.isnan(result.indices["first_order"][rows["newcomers"]]).all()


def test_morris_effects_of_an_additive_linear_output_are_its_slopes() -> None:
    # Each fixed cost lowers total value created one for one: over the full range the
    # elementary effect is minus the range, the same everywhere (sigma 0).
    result = cc.sensitivity(riverside(), ADDITIVE, method="morris", samples=30, seed=2)
    assert result.indices["mu"][0].tolist() == pytest.approx([-1_000.0, -2_000.0])
    assert result.indices["mu_star"][0].tolist() == pytest.approx([1_000.0, 2_000.0])
    assert result.indices["sigma"][0].tolist() == pytest.approx([0.0, 0.0], abs=1e-6)
    assert result.runs == 30 * 3
    frame = result.to_frame()
    assert list(frame.columns) == ["actor", "parameter", "low", "high", "mu", "mu_star", "sigma"]
    assert frame["high"].tolist() == [1_000.0, 2_000.0]


def test_morris_sees_an_interaction_as_spread() -> None:
    result = cc.sensitivity(
        riverside(),
        {"home-fibre.price": (400.0, 800.0), "newcomers-subscribe.units": (0.5, 1.5)},
        output=("net_benefit", "newcomers"),
        method="morris",
        samples=40,
        seed=4,
    )
    assert (result.indices["sigma"][0] > 0.0).all()
    # The mean effect of the price is minus the mean units (1) times 50 newcomers times
    # the range of 400, exactly, since each effect is linear in the other input's level.
    assert result.indices["mu"][0, 0] == pytest.approx(-50 * 400.0, rel=0.35)


def test_one_at_a_time_swings_are_slope_times_range_around_the_ecosystem() -> None:
    eco = riverside()
    result = cc.sensitivity(
        eco,
        {
            "home-fibre.price": (500.0, 700.0),
            "riverside.fixed_cost": (10_000.0, 30_000.0),
            "early-adopters.value_of_time": Normal(40.0, 10.0),
        },
        output=("net_value_flow", "riverside"),
        method="one_at_a_time",
    )
    base = cc.net_value_flows(eco).nets()["riverside"]
    assert result.base is not None
    assert result.base[0] == pytest.approx(base)
    swing = result.indices["swing"][0]
    assert swing[0] == pytest.approx(250 * 0.9 * 200.0)  # 250 subscribers, 90% of the price
    assert swing[1] == pytest.approx(20_000.0)
    assert swing[2] == pytest.approx(0.0)  # the adopters' time costs Riverside nothing
    assert result.ranking() == (
        "home-fibre.price",
        "riverside.fixed_cost",
        "early-adopters.value_of_time",
    )
    assert result.ends is not None
    z = scipy.stats.norm.ppf(0.95)
    assert result.ends[:, 2].tolist() == pytest.approx([40.0 - 10.0 * z, 40.0 + 10.0 * z])
    assert result.runs == 7


def test_an_integer_field_takes_the_nearest_integer() -> None:
    result = cc.sensitivity(
        riverside(), {"early-adopters.count": (100.4, 300.4)}, method="one_at_a_time"
    )
    assert result.ends is not None
    assert result.ends[:, 0].tolist() == [100.0, 300.0]


def test_the_same_seed_gives_the_same_bits_here_or_on_an_executor() -> None:
    eco = riverside()
    here = cc.sensitivity(eco, ADDITIVE, samples=512, seed=8, resamples=20, chunk_size=300)
    with ThreadPoolExecutor(2) as pool:
        there = cc.sensitivity(
            eco, ADDITIVE, samples=512, seed=8, resamples=20, chunk_size=300, executor=pool
        )
    for name, figures in here.indices.items():
        assert np.array_equal(figures, there.indices[name], equal_nan=True)
    other = cc.sensitivity(eco, ADDITIVE, samples=512, seed=9, resamples=20, chunk_size=300)
    assert not np.array_equal(here.indices["first_order"], other.indices["first_order"])


def test_sobol_frame_has_the_indices_and_their_intervals() -> None:
    result = cc.sensitivity(riverside(), ADDITIVE, samples=64, seed=1, resamples=20)
    assert list(result.to_frame().columns) == [
        "actor",
        "parameter",
        "first_order",
        "total_order",
        "first_order_low",
        "first_order_high",
        "total_order_low",
        "total_order_high",
    ]
    assert result.to_frame()["actor"].tolist() == ["total_value_created"] * 2


@pytest.mark.parametrize(
    ("parameters", "options", "error", "message"),
    [
        (
            {"early-adopters.retention": (0.5, 1.2)},
            {"method": "one_at_a_time"},
            cc.ValidationError,
            r"early-adopters\.retention: expected a finite number in \[0, 1\], for every value "
            r"Uniform\(low=0\.5, high=1\.2\) can draw, got 1\.2",
        ),
        (
            {"early-adopters.retention": Normal(0.8, 0.1)},
            {"seed": 1},
            cc.ValidationError,
            r"early-adopters\.retention: .* got -inf",
        ),
        (ADDITIVE, {"method": "fast"}, cc.ValidationError, r"method: expected one of"),
        (ADDITIVE, {}, cc.ValidationError, r"seed: expected an integer >= 0: 'sobol' draws"),
        (ADDITIVE, {"method": "morris"}, cc.ValidationError, r"seed: expected .* 'morris'"),
        (
            ADDITIVE,
            {"seed": 1, "samples": 1000},
            cc.ValidationError,
            r"samples: expected a power of two",
        ),
        (
            ADDITIVE,
            {"seed": 1, "method": "morris", "levels": 3},
            cc.ValidationError,
            r"levels: expected an even number",
        ),
        (ADDITIVE, {"seed": 1, "confidence": 1.5}, cc.ValidationError, r"confidence"),
        (ADDITIVE, {"seed": 1, "output": "profit"}, cc.ValidationError, r"output"),
        (ADDITIVE, {"seed": 1, "output": ("net_value_flow", "bank")}, cc.UnknownIdError, r"bank"),
        ({}, {"seed": 1}, cc.ValidationError, r"parameters: expected a mapping"),
        (
            {"home-fibre.prize": (1.0, 2.0)},
            {"seed": 1},
            cc.ValidationError,
            r"did you mean 'price'",
        ),
        ({"home-fibre.price": (2.0, 1.0)}, {"seed": 1}, cc.ValidationError, r"\(low, high\) pair"),
    ],
)
def test_bad_input_is_named_before_anything_is_accounted(
    parameters: dict[str, Any],
    options: dict[str, Any],
    error: type[Exception],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a design point was accounted")

    monkeypatch.setattr("cocreation.analysis._evaluate.run_chunks", never)
    with pytest.raises(error, match=message):
        cc.sensitivity(riverside(), parameters, **options)


def test_ranking_needs_an_output_where_there_are_several() -> None:
    result = cc.sensitivity(riverside(), ADDITIVE, output="net_value_flow", method="one_at_a_time")
    assert result.ranking("router-maker")[0] == "router-maker.fixed_cost"
    with pytest.raises(cc.ValidationError, match=r"label: expected one of"):
        result.ranking()
    assert math.isfinite(result.indices["swing"].sum())
