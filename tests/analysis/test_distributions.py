"""The built-in distributions: their draws, means and quantiles agree; bad shapes are refused."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import scipy.stats

import cocreation as cc
from cocreation.analysis import (
    Beta,
    Distribution,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
    as_distribution,
    chunks,
    rank_correlated,
)

BUILT_INS: list[Any] = [
    Uniform(2.0, 5.0),
    Normal(10.0, 2.0),
    Triangular(1.0, 2.0, 6.0),
    Beta(2.0, 5.0, low=10.0, high=20.0),
    LogNormal(0.5, 0.3),
]
# The same distributions in SciPy, as the reference for means and quantiles.
REFERENCES = [
    scipy.stats.uniform(2.0, 3.0),
    scipy.stats.norm(10.0, 2.0),
    scipy.stats.triang(0.2, loc=1.0, scale=5.0),
    scipy.stats.beta(2.0, 5.0, loc=10.0, scale=10.0),
    scipy.stats.lognorm(0.3, scale=np.exp(0.5)),
]
Q = np.array([0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99])


@pytest.mark.parametrize(("dist", "reference"), list(zip(BUILT_INS, REFERENCES, strict=True)))
def test_quantiles_and_means_match_scipy(dist: Any, reference: Any) -> None:
    assert dist.mean == pytest.approx(reference.mean(), rel=1e-12)
    assert isinstance(dist, Distribution)
    assert np.allclose(dist.ppf(Q), reference.ppf(Q), rtol=1e-9, atol=1e-9)
    low, high = dist.support()
    assert (low, high) == pytest.approx(tuple(reference.support()))


@pytest.mark.parametrize(("dist", "reference"), list(zip(BUILT_INS, REFERENCES, strict=True)))
def test_draws_follow_the_distribution(dist: Any, reference: Any) -> None:
    draws = dist.draw(chunks(1, seed=3)[0].generator(), 20_000)
    assert scipy.stats.kstest(draws, reference.cdf).pvalue > 0.001
    low, high = dist.support()
    assert low <= draws.min()
    assert draws.max() <= high


def test_scipy_frozen_distributions_and_ranges_are_accepted() -> None:
    frozen = as_distribution(scipy.stats.gamma(2.0, scale=3.0))
    assert frozen.support() == (0.0, np.inf)
    assert repr(frozen) == "scipy.stats.gamma(2.0, scale=3.0)"
    assert frozen == as_distribution(scipy.stats.gamma(2.0, scale=3.0))
    assert as_distribution((1, 3)) == Uniform(1.0, 3.0)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Uniform(2.0, 1.0), r"Uniform\.high: expected a number above low = 2\.0, got 1\.0"),
        (lambda: Uniform(float("nan"), 1.0), r"Uniform\.low: expected a finite number, got nan"),
        (lambda: Normal(0.0, 0.0), r"Normal\.sd: expected a number > 0, got 0\.0"),
        (
            lambda: Triangular(0.0, 2.0, 1.0),
            r"Triangular\.mode: expected a number in \[low, high\]",
        ),
        (lambda: Beta(0.0, 1.0), r"Beta\.alpha: expected a number > 0, got 0\.0"),
        (lambda: LogNormal(0.0, -1.0), r"LogNormal\.sigma: expected a number > 0"),
        (
            lambda: as_distribution((2.0, 1.0), "x.price"),
            r"x\.price: expected a \(low, high\) pair",
        ),
        (lambda: as_distribution(3.0, "x.price"), r"x\.price: expected a distribution"),
    ],
)
def test_bad_shapes_are_the_librarys_errors(make: Any, message: str) -> None:
    with pytest.raises(cc.ValidationError, match=message):
        make()


def test_rank_correlation_keeps_each_column_and_imposes_the_ranks() -> None:
    rng = chunks(1, seed=8)[0].generator()
    x = np.column_stack(
        [rng.lognormal(size=3_000), rng.uniform(size=3_000), rng.normal(size=3_000)]
    )
    target = np.array([[1.0, 0.5, -0.3], [0.5, 1.0, 0.0], [-0.3, 0.0, 1.0]])
    y = rank_correlated(x, 2 * np.sin(np.pi * target / 6), rng)
    assert np.array_equal(np.sort(x, axis=0), np.sort(y, axis=0))
    rho = scipy.stats.spearmanr(y).statistic
    assert np.allclose(rho, target, atol=0.04)
    few = x[:3]
    assert np.array_equal(rank_correlated(few, target, rng), few)  # too few runs to reorder
