"""The Gamma-Gamma model of spend: recovery of known parameters, its likelihood, bad spend."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from scipy.special import gammaln

from cocreation import estimate
from cocreation.errors import EstimationError, ValidationError
from cocreation.estimate import BGNBD, GammaGamma

TRUTH = {"p": 4.0, "q": 5.0, "gamma": 20.0}


@pytest.fixture(scope="module")
def sample() -> estimate.RFM:
    purchases = BGNBD.of(r=1.5, alpha=6.0, a=0.6, b=4.0, unit="week")
    ages = np.random.default_rng(21).uniform(20.0, 60.0, 15_000)
    return estimate.simulate_customers(purchases, age=ages, spend=GammaGamma.of(**TRUTH), seed=22)


@pytest.fixture(scope="module")
def fit(sample: estimate.RFM) -> GammaGamma:
    return estimate.gamma_gamma(sample.frequency, sample.mean_spend)


def log_likelihood(theta: np.ndarray, x: np.ndarray, m: np.ndarray) -> float:
    """The density of a mean spend m of x purchases (FHL 2005 note), written out independently."""
    p, q, g = theta
    return float(
        np.sum(
            gammaln(p * x + q)
            - gammaln(p * x)
            - gammaln(q)
            + q * np.log(g)
            + p * x * np.log(x)
            + (p * x - 1) * np.log(m)
            - (p * x + q) * np.log(g + x * m)
        )
    )


def test_recovers_known_parameters_within_their_standard_errors(fit: GammaGamma) -> None:
    for name, value in TRUTH.items():
        error = fit.standard_errors[name]
        assert abs(getattr(fit, name) - value) < 4 * error, (name, getattr(fit, name), error)
        assert 0 < error < 0.3 * value
    assert fit.convergence.converged
    assert fit.mean_spend == pytest.approx(4.0 * 20.0 / 4.0, rel=0.05)


def test_the_log_likelihood_is_the_published_one_and_maximal(
    fit: GammaGamma, sample: estimate.RFM
) -> None:
    assert sample.mean_spend is not None
    buyers = sample.frequency > 0
    x, m = sample.frequency[buyers].astype(float), sample.mean_spend[buyers]
    theta = np.array([fit.p, fit.q, fit.gamma])
    best = log_likelihood(theta, x, m)
    assert fit.log_likelihood == pytest.approx(best, rel=1e-10)
    assert fit.customers == int(buyers.sum())
    for i in range(3):
        for step in (1e-3, -1e-3):
            moved = theta.copy()
            moved[i] *= 1 + step
            assert log_likelihood(moved, x, m) < best


def test_standard_errors_come_from_the_hessian(fit: GammaGamma, sample: estimate.RFM) -> None:
    assert sample.mean_spend is not None
    buyers = sample.frequency > 0
    x, m = sample.frequency[buyers].astype(float), sample.mean_spend[buyers]
    phi = np.log([fit.p, fit.q, fit.gamma])
    h = 1e-4
    eye = np.eye(3) * h

    def at(shift: np.ndarray) -> float:
        return log_likelihood(np.exp(phi + shift), x, m)

    hessian = np.array(
        [
            [
                (
                    at(eye[i] + eye[j])
                    - at(eye[i] - eye[j])
                    - at(eye[j] - eye[i])
                    + at(-eye[i] - eye[j])
                )
                / (4 * h * h)
                for j in range(3)
            ]
            for i in range(3)
        ]
    )
    covariance = np.linalg.inv(-hessian) * np.outer(np.exp(phi), np.exp(phi))
    for i, name in enumerate(["p", "q", "gamma"]):
        assert fit.standard_errors[name] == pytest.approx(np.sqrt(covariance[i, i]), rel=1e-2)


def test_expected_spend_weighs_the_customer_against_the_base() -> None:
    model = GammaGamma.of(p=6.25, q=3.74, gamma=15.44)
    base = 6.25 * 15.44 / 2.74
    assert model.mean_spend == pytest.approx(base)
    # By hand: (gamma + x m) p / (p x + q - 1) for x = 4, m = 20.
    assert model.expected_spend(4, 20.0) == pytest.approx((15.44 + 80.0) * 6.25 / (25.0 + 2.74))
    # Without repeat purchases: the base's mean, whatever the spend column holds.
    assert model.expected_spend(0, float("nan")) == pytest.approx(base)
    # The more purchases, the closer to the customer's own mean.
    spend = model.expected_spend([1, 10, 1000], [100.0, 100.0, 100.0])
    assert np.all(np.diff(spend) > 0)
    assert spend[-1] == pytest.approx(100.0, rel=0.01)


def test_a_mean_spend_needs_q_above_one() -> None:
    with pytest.raises(ValidationError, match=r"GammaGamma\.q: expected q > 1"):
        _ = GammaGamma.of(p=1.0, q=0.9, gamma=1.0).mean_spend


@pytest.mark.parametrize(
    ("frequency", "spend", "message"),
    [
        ([1, 2], [10.0, -4.0], r"mean_spend\[1\]: expected a spend > 0: the Gamma-Gamma model"),
        ([3, 1], [0.0, 4.0], r"mean_spend\[0\]: expected a spend > 0.*got 0.0"),
        ([1, 1], [10.0, float("nan")], r"mean_spend\[1\]: expected a finite mean spend, got nan"),
        ([1, 1], [10.0], r"mean_spend: expected one mean spend per customer"),
        ([0, 0], [float("nan")] * 2, "frequency: expected at least one customer with repeat"),
        ([1, -1], [1.0, 1.0], r"frequency\[1\]: expected finite numbers >= 0"),
    ],
)
def test_bad_spend_is_named_with_the_reason(frequency: Any, spend: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        estimate.gamma_gamma(frequency, spend)


def test_the_error_for_negative_spend_shows_the_way_out() -> None:
    with pytest.raises(ValidationError) as caught:
        estimate.gamma_gamma([1, 2], [10.0, -4.0])
    assert "Fit it to revenue per transaction" in str(caught.value)
    assert "never to net profit" in str(caught.value)


def test_customers_without_repeat_purchases_are_left_out_of_the_fit(sample: estimate.RFM) -> None:
    assert sample.mean_spend is not None
    with_nan = estimate.gamma_gamma(sample.frequency, sample.mean_spend)
    buyers = sample.frequency > 0
    only = estimate.gamma_gamma(sample.frequency[buyers], sample.mean_spend[buyers])
    assert with_nan.p == pytest.approx(only.p)
    assert with_nan.customers == only.customers


def test_identical_spend_runs_to_a_bound() -> None:
    # Everyone spends exactly 10 on every purchase: no spread to fit.
    with pytest.raises(
        EstimationError, match=r"gamma_gamma\.\w+: the maximum likelihood lies at a bound"
    ):
        estimate.gamma_gamma([1, 2, 3, 4] * 50, [10.0] * 200)
