"""Checks: the holdout calibration table and seeded parametric bootstrap intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cocreation import estimate
from cocreation.errors import ValidationError
from cocreation.estimate import BGNBD, GammaGamma

# Fader & Hardie (2007), "regular" cohort, years 0..7 (see test_sbg.py).
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]
TRUTH = BGNBD.of(r=0.5, alpha=4.0, a=0.8, b=2.5, unit="week")


@pytest.fixture(scope="module")
def sample() -> estimate.RFM:
    ages = np.random.default_rng(31).uniform(10.0, 39.0, 20_000)
    return estimate.simulate_customers(TRUTH, age=ages, seed=32, holdout=39.0)


def test_calibration_groups_customers_by_frequency(sample: estimate.RFM) -> None:
    table = estimate.calibration(sample, TRUTH, largest=5)
    assert table.frequency == (0, 1, 2, 3, 4, 5)
    assert table.labels()[-1] == "5+"
    assert sum(table.customers) == len(sample)
    group = np.minimum(sample.frequency, 5)
    expected = TRUTH.expected_purchases(39.0, sample.frequency, sample.recency, sample.age)
    for k in range(6):
        members = group == k
        assert table.customers[k] == members.sum()
        assert table.actual[k] == pytest.approx(sample.holdout_frequency[members].mean())
        assert table.predicted[k] == pytest.approx(expected[members].mean())
    assert (table.holdout_length, table.unit) == (39.0, sample.unit)


def test_the_true_model_predicts_the_holdout(sample: estimate.RFM) -> None:
    # For the parameters the data came from, each group's prediction is within a few
    # standard errors of its actual mean.
    table = estimate.calibration(sample, TRUTH, largest=4)
    group = np.minimum(sample.frequency, 4)
    for k in range(5):
        spread = sample.holdout_frequency[group == k].std() / np.sqrt(table.customers[k])
        assert abs(table.predicted[k] - table.actual[k]) < 4 * spread, k


def test_the_table_as_a_frame() -> None:
    log = pd.DataFrame({"who": ["a", "a", "b", "a", "b"], "day": [0, 14, 3, 40, 50]})
    summary = estimate.rfm(log, customer="who", time="day", unit="week", end=28)
    frame = estimate.calibration(summary, TRUTH, largest=1).to_frame()
    assert frame["frequency"].tolist() == ["0", "1+"]
    # b bought once (day 3) then once after the end; a twice, then once after the end.
    assert frame["customers"].tolist() == [1, 1]
    assert frame["actual"].tolist() == [1.0, 1.0]
    assert frame.attrs == {"unit": "week", "holdout_length": 22 / 7}


def test_calibration_needs_a_holdout_and_one_unit(sample: estimate.RFM) -> None:
    no_holdout = estimate.simulate_customers(TRUTH, age=[10.0, 20.0], seed=1)
    with pytest.raises(ValidationError, match=r"summary\.holdout_length: expected a holdout"):
        estimate.calibration(no_holdout, TRUTH)
    with pytest.raises(ValidationError, match=r"summary\.unit: expected 'week'"):
        estimate.calibration(sample.to("day"), TRUTH)
    with pytest.raises(ValidationError, match="largest: expected a whole number >= 1"):
        estimate.calibration(sample, TRUTH, largest=0)


def test_the_sbg_bootstrap_spread_matches_the_standard_errors() -> None:
    fit = estimate.shifted_beta_geometric(REGULAR, unit="year")
    boot = estimate.bootstrap(fit, draws=300, seed=7)
    assert len(boot.draws) + boot.failed == 300
    alphas = np.array([draw[0].alpha for draw in boot.draws])
    betas = np.array([draw[0].beta for draw in boot.draws])
    # Two estimates of one uncertainty: the bootstrap's spread and the Hessian's.
    assert alphas.std() == pytest.approx(fit.standard_errors["alpha"], rel=0.25)
    assert betas.std() == pytest.approx(fit.standard_errors["beta"], rel=0.25)
    band = boot.interval(lambda model: model.clv(100.0, 0.1, timing="end"), level=0.9)
    assert band.low < band.estimate < band.high
    assert band.estimate == pytest.approx(fit.clv(100.0, 0.1, timing="end"))


def test_the_bootstrap_is_seeded() -> None:
    fit = estimate.shifted_beta_geometric(REGULAR, unit="year")
    first = estimate.bootstrap(fit, draws=20, seed=3).interval(lambda model: model.alpha)
    again = estimate.bootstrap(fit, draws=20, seed=3).interval(lambda model: model.alpha)
    other = estimate.bootstrap(fit, draws=20, seed=4).interval(lambda model: model.alpha)
    assert (first.low, first.high) == (again.low, again.high)
    assert (first.low, first.high) != (other.low, other.high)


def test_lifetime_value_intervals_for_customers_with_spend() -> None:
    spend = GammaGamma.of(p=4.0, q=5.0, gamma=20.0)
    ages = np.random.default_rng(41).uniform(20.0, 52.0, 3_000)
    sample = estimate.simulate_customers(TRUTH, age=ages, spend=spend, seed=42)
    purchases = estimate.bg_nbd(sample.frequency, sample.recency, sample.age)
    paid = estimate.gamma_gamma(sample.frequency, sample.mean_spend)
    boot = estimate.bootstrap(purchases, summary=sample, spend=paid, draws=30, seed=43)
    assert len(boot.draws) == 30 - boot.failed
    assert all(isinstance(draw[1], GammaGamma) for draw in boot.draws)
    chosen = [0, 1, 2]
    assert sample.mean_spend is not None
    spent = sample.mean_spend[chosen]

    def value(model: BGNBD, money: GammaGamma) -> np.ndarray:
        worth = 0.3 * money.expected_spend(sample.frequency[chosen], spent)
        values: np.ndarray = worth * model.discounted_purchases(
            sample.frequency[chosen],
            sample.recency.values[chosen],
            sample.age.values[chosen],
            discount_rate=0.002,
            timing="end",
            horizon=52,
        )
        return values

    band = boot.interval(value, level=0.8)
    assert band.estimate.shape == band.low.shape == band.high.shape == (3,)
    assert np.all(band.low <= band.estimate)
    assert np.all(band.estimate <= band.high)
    assert np.all(band.low < band.high)


def test_bootstrap_arguments_are_checked() -> None:
    fit = estimate.shifted_beta_geometric(REGULAR)
    with pytest.raises(ValidationError, match="draws: expected a whole number >= 2"):
        estimate.bootstrap(fit, draws=1, seed=1)
    with pytest.raises(ValidationError, match="seed: expected an integer"):
        estimate.bootstrap(fit, draws=5, seed=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="summary: expected the summary"):
        estimate.bootstrap(TRUTH, draws=5, seed=1)
    with pytest.raises(ValidationError, match="model: expected a fitted sBG model"):
        estimate.bootstrap(estimate.ShiftedBetaGeometric.of(alpha=1.0, beta=1.0), draws=5, seed=1)
    boot = estimate.bootstrap(fit, draws=5, seed=1)
    with pytest.raises(ValidationError, match=r"level: expected a share in \(0, 1\)"):
        boot.interval(lambda model: model.alpha, level=1.5)
