"""Customers simulated from a fitted (or given) model: for recovery checks, bootstraps and what-ifs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cocreation.errors import ValidationError
from cocreation.estimate._bgnbd import BGNBD
from cocreation.estimate._fit import numbers, numpy
from cocreation.estimate._gamma_gamma import GammaGamma
from cocreation.estimate._rfm import RFM
from cocreation.estimate._units import Times, as_times

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]

__all__ = ["simulate_customers"]


def simulate_customers(
    purchases: BGNBD,
    *,
    age: Any,
    seed: int,
    spend: GammaGamma | None = None,
    holdout: float = 0.0,
) -> RFM:
    """Simulate customers of a BG/NBD model (and their spend): what their summary would be.

    Each customer draws a purchase rate ``λ ~ Gamma(r, alpha)`` and a dropout
    probability ``p ~ Beta(a, b)``, buys as a Poisson process from its first purchase
    at time 0, and after each repeat purchase drops out with probability ``p``. With
    ``spend``, each draws ``nu ~ Gamma(q, gamma)`` and its repeat purchases' mean
    spend from ``Gamma(p x, nu x)``. Times are continuous (no two purchases share a
    day), in the model's unit.

    Args:
        purchases: The model of repeat buying to draw from.
        age: Each customer's age at the end of the calibration period (its length
            gives the number of customers).
        seed: The seed of NumPy's random generator: the same seed, the same customers.
        spend: The model of spend to draw mean spends from, if any.
        holdout: The length of a holdout period after the calibration period, in
            the model's unit, whose purchases are counted apart.

    Returns:
        A summary as [`rfm`][cocreation.estimate.rfm] would give it, customers
        numbered from 0.

    Raises:
        ValidationError: A negative age or holdout, ages in another unit, or a seed
            that is not an integer.

    Examples:
        >>> model = BGNBD.of(r=0.5, alpha=4.0, a=0.8, b=2.5, unit="week")
        >>> sample = simulate_customers(model, age=[30.0, 40.0, 50.0], seed=7, holdout=10.0)
        >>> len(sample), sample.unit.value, sample.holdout_length
        (3, 'week', 10.0)
    """
    np = numpy()
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValidationError("seed", seed, "an integer")
    unit = purchases.unit
    ages = numbers(as_times(age, unit, "age"), "age", low=0.0)
    if (
        isinstance(holdout, bool)
        or not isinstance(holdout, int | float)
        or not holdout >= 0.0
        or holdout == float("inf")
    ):
        raise ValidationError("holdout", holdout, f"a finite duration >= 0 in {unit.value}s")
    rng = np.random.default_rng(seed)
    n = ages.size
    rate = rng.gamma(purchases.r, 1.0 / purchases.alpha, n)
    dropout = rng.beta(purchases.a, purchases.b, n)
    ends = ages + float(holdout)

    frequency = np.zeros(n, dtype="int64")
    recency = np.zeros(n)
    later = np.zeros(n, dtype="int64")
    clock = np.zeros(n)
    active = np.flatnonzero(rate > 0)
    while active.size:
        clock[active] += rng.exponential(1.0, active.size) / rate[active]
        inside = clock[active] <= ends[active]
        active = active[inside]
        if not active.size:
            break
        calibration = clock[active] <= ages[active]
        early, late = active[calibration], active[~calibration]
        frequency[early] += 1
        recency[early] = clock[early]
        later[late] += 1
        survives = rng.random(active.size) >= dropout[active]
        active = active[survives]

    mean_spend: Floats | None = None
    if spend is not None:
        nu = rng.gamma(spend.q, 1.0 / spend.gamma, n)
        buyers = frequency > 0
        mean_spend = np.full(n, np.nan)
        x = frequency[buyers].astype(float)
        mean_spend[buyers] = rng.gamma(spend.p * x, 1.0 / (nu[buyers] * x))

    return RFM(
        customer=np.arange(n),
        frequency=frequency,
        recency=Times(recency, unit),
        age=Times(ages, unit),
        mean_spend=mean_spend,
        holdout_frequency=later,
        holdout_length=float(holdout),
        unit=unit,
    )
