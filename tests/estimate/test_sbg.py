"""The shifted-beta-geometric model: Fader & Hardie's published fits, projections, lifetime value."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import betaln

import cocreation as cc
from cocreation import estimate
from cocreation.errors import DivergenceError, EstimationError, ValidationError
from cocreation.estimate import ShiftedBetaGeometric, Unit

# Fader & Hardie (2007), "How to project customer retention", Journal of Interactive
# Marketing 21(1): 76-90, Table 1. Customers of 1,000 still subscribed at the start
# of years 0..12, for the "regular" and the "high end" cohorts. The fits use years
# 0..7 (calibration); years 8..12 are the holdout the paper projects.
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]

# The paper's maximum likelihood estimates for the calibration years:
# regular alpha = 0.704, beta = 1.182; high end alpha = 0.668, beta = 3.806
# (reported to three decimals). The log-likelihoods, -1680.3 (regular) and -1611.2
# (high end), are computed here at the fit (to one decimal).
PUBLISHED = {
    "regular": (REGULAR, 0.704, 1.182, -1680.3),
    "high end": (HIGH_END, 0.668, 3.806, -1611.2),
}


def log_likelihood(alpha: float, beta: float, alive: list[int]) -> float:
    """The sBG log-likelihood written out independently of the library."""
    n = len(alive) - 1
    total = 0.0
    for t in range(1, n + 1):
        lost = alive[t - 1] - alive[t]
        total += lost * (betaln(alpha + 1, beta + t - 1) - betaln(alpha, beta))
    return float(total + alive[n] * (betaln(alpha, beta + n) - betaln(alpha, beta)))


@pytest.mark.parametrize("cohort", sorted(PUBLISHED))
def test_reproduces_the_published_fit(cohort: str) -> None:
    alive, alpha, beta, ll = PUBLISHED[cohort]
    fit = estimate.shifted_beta_geometric(alive[:8], unit="year")
    assert round(fit.alpha, 3) == alpha
    assert round(fit.beta, 3) == beta
    assert round(fit.log_likelihood, 1) == ll
    assert fit.log_likelihood == pytest.approx(log_likelihood(fit.alpha, fit.beta, alive[:8]))
    assert fit.convergence.converged
    assert fit.convergence.gradient_norm < 1e-6
    assert fit.unit is Unit.YEAR
    assert (fit.size, fit.periods) == (1000.0, 7)


@pytest.mark.parametrize("cohort", sorted(PUBLISHED))
def test_the_fit_is_a_maximum(cohort: str) -> None:
    alive = PUBLISHED[cohort][0][:8]
    fit = estimate.shifted_beta_geometric(alive)
    best = log_likelihood(fit.alpha, fit.beta, alive)
    for da, db in [(1e-3, 0), (-1e-3, 0), (0, 1e-3), (0, -1e-3)]:
        assert log_likelihood(fit.alpha * (1 + da), fit.beta * (1 + db), alive) < best


@pytest.mark.parametrize("cohort", sorted(PUBLISHED))
def test_standard_errors_come_from_the_hessian(cohort: str) -> None:
    # Invert a finite-difference Hessian of the independent log-likelihood.
    alive = PUBLISHED[cohort][0][:8]
    fit = estimate.shifted_beta_geometric(alive)
    theta = np.array([fit.alpha, fit.beta])
    h = 1e-4 * theta
    hessian = np.zeros((2, 2))

    def at(i: int, j: int, si: float, sj: float) -> float:
        point = theta.copy()
        point[i] += si * h[i]
        point[j] += sj * h[j]
        return log_likelihood(point[0], point[1], alive)

    for i in range(2):
        for j in range(2):
            corners = at(i, j, 1, 1) - at(i, j, 1, -1) - at(i, j, -1, 1) + at(i, j, -1, -1)
            hessian[i, j] = corners / (4 * h[i] * h[j])
    errors = np.sqrt(np.diag(np.linalg.inv(-hessian)))
    assert fit.standard_errors["alpha"] == pytest.approx(errors[0], rel=1e-3)
    assert fit.standard_errors["beta"] == pytest.approx(errors[1], rel=1e-3)
    assert fit.covariance[0][1] == pytest.approx(fit.covariance[1][0])


@pytest.mark.parametrize("cohort", sorted(PUBLISHED))
def test_projected_survival_tracks_the_holdout_years(cohort: str) -> None:
    # The paper's point: fitted on years 0..7, the sBG projects years 8..12 closely.
    # Derived here, not typed in: within 5% of the actual counts in every holdout year.
    alive = PUBLISHED[cohort][0]
    fit = estimate.shifted_beta_geometric(alive[:8], unit="year")
    projected = fit.expected_alive(np.arange(8, 13))
    actual = np.array(alive[8:], dtype=float)
    assert np.all(np.abs(projected / actual - 1) < 0.05)
    # ... the same as projecting from the published parameters.
    published = ShiftedBetaGeometric.of(alpha=PUBLISHED[cohort][1], beta=PUBLISHED[cohort][2])
    np.testing.assert_allclose(
        published.survival(np.arange(13)), fit.survival(np.arange(13)), rtol=2e-3
    )


def test_survival_and_retention_follow_their_closed_forms() -> None:
    fit = ShiftedBetaGeometric.of(alpha=0.704, beta=1.182)
    t = np.arange(1, 13)
    s = fit.survival(np.arange(13))
    assert s[0] == 1.0
    np.testing.assert_allclose(fit.retention(t), s[1:] / s[:-1])
    np.testing.assert_allclose(fit.retention(t), (1.182 + t - 1) / (0.704 + 1.182 + t - 1))
    # Retention rises with tenure: the heterogeneity story of the paper.
    assert np.all(np.diff(fit.retention(t)) > 0)


def test_derl_is_the_discounted_sum_of_survival() -> None:
    # Fader & Hardie (2010): DERL of a customer with n - 1 renewals is
    # sum_{t >= n} S(t) / S(n - 1) / (1 + d)^(t - n), written here as a long sum.
    fit = ShiftedBetaGeometric.of(alpha=0.704, beta=1.182)
    d = 0.1
    for renewals in (0, 1, 4):
        n = renewals + 1
        t = np.arange(n, n + 3000)
        brute = np.sum(fit.survival(t) / fit.survival(n - 1) / (1 + d) ** (t - n))
        assert fit.derl(d, renewals=renewals) == pytest.approx(brute, rel=1e-10)


@pytest.mark.parametrize("timing", ["retained", "start", "end"])
def test_lifetime_value_reduces_to_clv_where_retention_is_constant(timing: Any) -> None:
    # With alpha = K (1 - r) and beta = K r, every customer's churn probability is
    # close to 1 - r, so retention is constant; the error falls like 1 / K.
    r, d, margin = 0.8, 0.1, 100.0
    for horizon in (None, 5):
        expected = cc.clv(margin, r, d, timing=timing, horizon=horizon)
        for k, tolerance in ((1e4, 1e-3), (1e7, 1e-6)):
            fit = ShiftedBetaGeometric.of(alpha=k * (1 - r), beta=k * r)
            value = fit.clv(margin, d, timing=timing, horizon=horizon)
            assert value == pytest.approx(expected, rel=tolerance)


@pytest.mark.parametrize("timing", ["retained", "start", "end"])
def test_equivalent_retention_gives_the_same_clv(timing: Any) -> None:
    fit = estimate.shifted_beta_geometric(REGULAR[:8], unit="year")
    for horizon in (None, 3, 10):
        r = fit.equivalent_retention(0.1, timing=timing, horizon=horizon)
        assert 0.0 <= r <= 1.0
        assert cc.clv(100.0, r, 0.1, timing=timing, horizon=horizon) == pytest.approx(
            fit.clv(100.0, 0.1, timing=timing, horizon=horizon), rel=1e-9
        )


def test_finite_horizons_sum_the_survival_curve() -> None:
    fit = ShiftedBetaGeometric.of(alpha=2.0, beta=5.0)
    s = fit.survival(np.arange(6))
    z = 1 / 1.1
    assert fit.lifetime_factor(0.1, timing="retained", horizon=5) == pytest.approx(
        sum(s[j] * z**j for j in range(1, 6))
    )
    assert fit.lifetime_factor(0.1, timing="start", horizon=5) == pytest.approx(
        sum(s[j] * z**j for j in range(5))
    )
    assert fit.lifetime_factor(0.1, timing="end", horizon=5) == pytest.approx(
        sum(s[j] * z ** (j + 1) for j in range(5))
    )


def test_no_discounting_gives_the_expected_lifetime() -> None:
    # E[T] - 1 further periods = (alpha + beta - 1) / (alpha - 1) - 1 for alpha > 1.
    fit = ShiftedBetaGeometric.of(alpha=3.0, beta=2.0)
    assert fit.lifetime_factor(0.0, timing="start") == pytest.approx(4.0 / 2.0)
    with pytest.raises(DivergenceError, match="discount_rate"):
        ShiftedBetaGeometric.of(alpha=0.7, beta=1.2).lifetime_factor(0.0, timing="start")


@given(
    alpha=st.floats(0.05, 50.0),
    beta=st.floats(0.05, 50.0),
    discount=st.floats(0.01, 0.5),
    margin=st.floats(0.0, 1e4),
)
def test_the_timing_conventions_are_ordered(
    alpha: float, beta: float, discount: float, margin: float
) -> None:
    # DOMAIN.md invariant 7, for a fitted curve: retained <= end <= start for m >= 0,
    # and a finite horizon rises toward the infinite one.
    fit = ShiftedBetaGeometric.of(alpha=alpha, beta=beta)
    retained = fit.clv(margin, discount, timing="retained")
    end = fit.clv(margin, discount, timing="end")
    start = fit.clv(margin, discount, timing="start")
    slack = 1e-9 * (1 + start)
    assert retained <= end + slack
    assert end <= start + slack
    finite = [fit.clv(margin, discount, timing="retained", horizon=n) for n in (1, 5, 25)]
    assert finite[0] <= finite[1] + slack <= finite[2] + 2 * slack <= retained + 3 * slack


# ----------------------------------------------------------------------------- bad input


def test_a_cohort_whose_counts_rise_is_rejected() -> None:
    with pytest.raises(
        ValidationError, match=r"alive\[3\]: expected a count <= alive\[2\] = 468.*got 500"
    ):
        estimate.shifted_beta_geometric([1000, 631, 468, 500, 326])


@pytest.mark.parametrize(
    ("alive", "message"),
    [
        ([1000], "alive: expected counts alive at periods 0, 1"),
        ([], "alive: expected at least one number"),
        ([0, 0, 0], r"alive\[0\]: expected a cohort size > 0, got 0.0"),
        ([1000, -3], r"alive\[1\]: expected finite numbers >= 0, got -3.0"),
        ([1000, float("nan")], r"alive\[1\]: expected finite numbers >= 0, got nan"),
        ("many", "alive: expected a sequence of numbers"),
    ],
)
def test_bad_cohorts_are_named(alive: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        estimate.shifted_beta_geometric(alive)


def test_an_unknown_unit_is_rejected() -> None:
    with pytest.raises(ValidationError, match="unit: expected one of"):
        estimate.shifted_beta_geometric(REGULAR[:8], unit="quarter")


@pytest.mark.parametrize(
    ("alive", "parameter"),
    [
        ([1000, 1000, 1000, 1000], "alpha runs to zero|beta runs to infinity"),  # nobody leaves
        ([1000, 0, 0], "alpha runs to infinity|beta runs to zero"),  # everybody leaves at once
        # Constant retention 0.8: customers alike, no heterogeneity to fit.
        ([1000, 800, 640, 512, 409.6, 327.68], "alpha runs to infinity, beta runs to infinity"),
    ],
)
def test_a_parameter_at_a_bound_is_an_estimation_error(alive: list[float], parameter: str) -> None:
    with pytest.raises(
        EstimationError,
        match=r"shifted_beta_geometric\.(alpha|beta): the maximum likelihood lies at a bound",
    ) as caught:
        estimate.shifted_beta_geometric(alive)
    assert isinstance(caught.value, RuntimeError)
    assert re.search(parameter, caught.value.reason)


def test_an_optimiser_failure_is_an_estimation_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import scipy.optimize

    def fails(fun: Any, x0: Any, **options: Any) -> scipy.optimize.OptimizeResult:
        return scipy.optimize.OptimizeResult(
            x=np.asarray(x0), success=False, nit=0, message="gave up"
        )

    monkeypatch.setattr(scipy.optimize, "minimize", fails)
    with pytest.raises(
        EstimationError,
        match=r"shifted_beta_geometric: the optimiser did not converge.*got 'gave up'",
    ):
        estimate.shifted_beta_geometric(REGULAR[:8])


def test_bad_arguments_of_projections_are_named() -> None:
    fit = ShiftedBetaGeometric.of(alpha=1.0, beta=2.0)
    with pytest.raises(ValidationError, match="t: expected periods >= 1"):
        fit.retention(0)
    with pytest.raises(ValidationError, match="t: expected periods >= 0"):
        fit.survival(-1)
    with pytest.raises(ValidationError, match="discount_rate: expected a finite number >= 0"):
        fit.clv(1.0, -0.1, timing="end")
    with pytest.raises(ValidationError, match="timing: expected one of"):
        fit.clv(1.0, 0.1, timing="later")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="renewals: expected an integer >= 0"):
        fit.derl(0.1, renewals=-1)
    with pytest.raises(ValidationError, match="alpha: expected a finite number > 0"):
        ShiftedBetaGeometric.of(alpha=0.0, beta=1.0)
    with pytest.raises(ValidationError, match="factor: expected a lifetime factor between"):
        estimate.equivalent_retention(50.0, 0.1, timing="retained")


def test_results_are_immutable() -> None:
    fit = estimate.shifted_beta_geometric(REGULAR[:8])
    with pytest.raises(AttributeError):
        fit.alpha = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        fit.standard_errors["alpha"] = 0.0  # type: ignore[index]
    assert math.isfinite(hash(fit))
