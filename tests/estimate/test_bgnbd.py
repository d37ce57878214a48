"""The BG/NBD model: recovery of known parameters, its likelihood, predictions and units."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy.special import gammaln

from cocreation import estimate
from cocreation.errors import EstimationError, ValidationError
from cocreation.estimate import BGNBD, Times, Unit

TRUTH: dict[str, float] = {"r": 0.6, "alpha": 6.0, "a": 0.8, "b": 2.8}


@pytest.fixture(scope="module")
def sample() -> estimate.RFM:
    # 20,000 customers acquired over a year and a half, observed to week 78, then
    # 26 weeks of holdout; seeded, so the same customers every run.
    ages = np.random.default_rng(11).uniform(26.0, 78.0, 20_000)
    model = BGNBD.of(**TRUTH, unit="week")
    return estimate.simulate_customers(model, age=Times(ages, "week"), seed=12, holdout=26.0)


@pytest.fixture(scope="module")
def fit(sample: estimate.RFM) -> BGNBD:
    return estimate.bg_nbd(sample.frequency, sample.recency, sample.age)


def log_likelihood(theta: np.ndarray, x: np.ndarray, tx: np.ndarray, t: np.ndarray) -> float:
    """FHL (2005), eq. 6, written out with its A1..A4 terms, independently of the library."""
    r, alpha, a, b = theta
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + t)
    with np.errstate(divide="ignore"):
        a4 = np.where(
            x > 0,
            np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx),
            -np.inf,
        )
    return float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))


def test_recovers_known_parameters_within_their_standard_errors(fit: BGNBD) -> None:
    for name, value in TRUTH.items():
        estimate_ = getattr(fit, name)
        error = fit.standard_errors[name]
        assert abs(estimate_ - value) < 4 * error, (name, estimate_, error)
        # The standard errors are those of a large sample: a few percent of the value.
        assert 0 < error < 0.2 * value
    assert fit.convergence.converged
    assert fit.unit is Unit.WEEK
    assert fit.customers == 20_000


def test_the_log_likelihood_is_the_published_one_and_maximal(
    fit: BGNBD, sample: estimate.RFM
) -> None:
    x, tx, t = sample.frequency.astype(float), sample.recency.values, sample.age.values
    theta = np.array([fit.r, fit.alpha, fit.a, fit.b])
    best = log_likelihood(theta, x, tx, t)
    assert fit.log_likelihood == pytest.approx(best, rel=1e-10)
    for i in range(4):
        for step in (1e-3, -1e-3):
            moved = theta.copy()
            moved[i] *= 1 + step
            assert log_likelihood(moved, x, tx, t) < best


def test_standard_errors_come_from_the_hessian(fit: BGNBD, sample: estimate.RFM) -> None:
    # Invert a finite-difference Hessian of the independent log-likelihood in log-parameters.
    x, tx, t = sample.frequency.astype(float), sample.recency.values, sample.age.values
    phi = np.log([fit.r, fit.alpha, fit.a, fit.b])
    h = 1e-4

    def at(shift: np.ndarray) -> float:
        return log_likelihood(np.exp(phi + shift), x, tx, t)

    hessian = np.zeros((4, 4))
    eye = np.eye(4) * h
    for i in range(4):
        for j in range(4):
            hessian[i, j] = (
                at(eye[i] + eye[j])
                - at(eye[i] - eye[j])
                - at(-eye[i] + eye[j])
                + at(-eye[i] - eye[j])
            ) / (4 * h * h)
    covariance = np.linalg.inv(-hessian) * np.outer(np.exp(phi), np.exp(phi))
    for i, name in enumerate(["r", "alpha", "a", "b"]):
        assert fit.standard_errors[name] == pytest.approx(np.sqrt(covariance[i, i]), rel=1e-2)


def test_expected_purchases_of_a_new_customer_match_simulation() -> None:
    # E[X(t)]: the mean number of repeat purchases of customers aged t.
    model = BGNBD.of(**TRUTH, unit="week")
    for t in (10.0, 52.0):
        simulated = estimate.simulate_customers(
            model, age=np.full(100_000, t), seed=int(t)
        ).frequency
        standard_error = simulated.std() / np.sqrt(simulated.size)
        assert model.expected_purchases(t) == pytest.approx(
            simulated.mean(), abs=4 * standard_error
        )


def test_conditional_expectations_average_to_the_holdout(sample: estimate.RFM) -> None:
    # The law of total expectation: over customers, E[Y(t) | x, t_x, T] averages to the
    # mean number of purchases in the holdout, for the true parameters.
    model = BGNBD.of(**TRUTH, unit="week")
    predicted = model.expected_purchases(
        sample.holdout_length, sample.frequency, sample.recency, sample.age
    )
    actual = sample.holdout_frequency
    standard_error = actual.std() / np.sqrt(actual.size)
    assert predicted.mean() == pytest.approx(actual.mean(), abs=4 * standard_error)


def test_p_alive_is_one_without_repeat_purchases_and_follows_its_formula() -> None:
    model = BGNBD.of(r=0.243, alpha=4.414, a=0.793, b=2.426, unit="week")
    assert model.p_alive(0, 0.0, 30.0) == 1.0
    # By hand: 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)).
    x, tx, t = 3, 20.0, 38.0
    odds = 0.793 / (2.426 + 2) * ((4.414 + 38.0) / (4.414 + 20.0)) ** (0.243 + 3)
    assert model.p_alive(x, tx, t) == pytest.approx(1 / (1 + odds))
    # The longer the silence since the last purchase, the less likely alive.
    later = model.p_alive([3, 3, 3], [37.0, 20.0, 5.0], [38.0, 38.0, 38.0])
    assert np.all(np.diff(later) < 0)


def test_expected_purchases_broadcast_and_start_at_zero() -> None:
    model = BGNBD.of(r=0.243, alpha=4.414, a=0.793, b=2.426, unit="week")
    grid = model.expected_purchases(
        np.array([0.0, 13.0, 26.0]), [[0], [2]], [[0.0], [30.43]], 38.86
    )
    assert grid.shape == (2, 3)
    assert np.all(grid[:, 0] == 0.0)
    assert np.all(np.diff(grid, axis=1) > 0)


def test_plain_numbers_take_the_unit_given_or_an_unnamed_period(sample: estimate.RFM) -> None:
    x, tx, t = sample.frequency, sample.recency.values, sample.age.values
    assert estimate.bg_nbd(x, tx, t, unit="week").unit is Unit.WEEK
    in_days = estimate.bg_nbd(x, sample.recency.to("day"), sample.age.to("day"))
    assert in_days.unit is Unit.DAY
    # The same customers in days: rates per day, so alpha is 7 times larger; r, a, b do not change.
    weekly = estimate.bg_nbd(x, tx, t, unit="week")
    assert in_days.alpha == pytest.approx(7 * weekly.alpha, rel=1e-5)
    assert in_days.r == pytest.approx(weekly.r, rel=1e-5)
    assert in_days.a == pytest.approx(weekly.a, rel=1e-5)


def test_mixing_units_is_an_error(fit: BGNBD, sample: estimate.RFM) -> None:
    with pytest.raises(ValidationError, match="age: expected durations in days like the others"):
        estimate.bg_nbd(sample.frequency, sample.recency.to("day"), sample.age)
    with pytest.raises(ValidationError, match="recency: expected durations in days"):
        estimate.bg_nbd(sample.frequency, sample.recency, sample.age, unit="day")
    with pytest.raises(ValidationError, match=r"t: expected durations in weeks, like the model"):
        fit.expected_purchases(Times(30.0, "day"), 1, 2.0, 5.0)
    with pytest.raises(ValidationError, match=r"age: expected durations in weeks, like the model"):
        fit.p_alive(1, 2.0, Times(35.0, "day"))


@pytest.mark.parametrize(
    ("frequency", "recency", "age", "message"),
    [
        (
            [1, -1],
            [1.0, 0.0],
            [2.0, 2.0],
            r"frequency\[1\]: expected finite numbers >= 0, got -1.0",
        ),
        ([1, 1.5], [1.0, 1.0], [2.0, 2.0], r"frequency\[1\]: expected a whole number"),
        ([1, 1], [1.0, 3.0], [2.0, 2.0], r"recency\[1\]: expected a recency <= the age 2, got 3.0"),
        ([0, 1], [1.0, 1.0], [2.0, 2.0], r"recency\[0\]: expected 0 for a customer without repeat"),
        ([1, 1], [1.0, -1.0], [2.0, 2.0], r"recency\[1\]: expected finite numbers >= 0"),
        ([1, 1], [1.0, 1.0], [2.0, float("nan")], r"age\[1\]: expected finite numbers"),
        ([1, 1], [1.0, 1.0], [2.0], "recency, age: expected one frequency, recency and age"),
        ([], [], [], "frequency: expected at least one number"),
    ],
)
def test_bad_customers_are_named(frequency: Any, recency: Any, age: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        estimate.bg_nbd(frequency, recency, age)


def test_a_base_without_repeat_purchases_runs_to_a_bound() -> None:
    with pytest.raises(
        EstimationError, match=r"bg_nbd\.\w+: the maximum likelihood lies at a bound"
    ):
        estimate.bg_nbd([0] * 50, [0.0] * 50, np.linspace(10.0, 60.0, 50))


def test_a_degenerate_prediction_is_named() -> None:
    with pytest.raises(ValidationError, match="t: expected durations >= 0"):
        BGNBD.of(r=0.6, alpha=6.0, a=0.8, b=2.8).expected_purchases(-1.0)
    with pytest.raises(ValidationError, match="r: expected a finite number > 0"):
        BGNBD.of(r=0.0, alpha=1.0, a=1.0, b=1.0)
