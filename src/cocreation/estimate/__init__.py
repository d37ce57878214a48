"""Models fitted to data: from a transaction log to retention, purchases, spend and lifetime value.

Import it explicitly (``from cocreation import estimate``); it needs the ``estimate``
extra (NumPy and SciPy), which it loads only when a function is called, so
``import cocreation`` stays light.

- [`rfm`][cocreation.estimate.rfm]: a transaction log to one row per customer
  (frequency, recency, age, mean spend, holdout purchases) in an explicit
  [`Unit`][cocreation.estimate.Unit] of time;
- [`shifted_beta_geometric`][cocreation.estimate.shifted_beta_geometric]: contract
  renewals of a cohort (Fader & Hardie 2007);
- [`bg_nbd`][cocreation.estimate.bg_nbd] and [`gamma_gamma`][cocreation.estimate.gamma_gamma]:
  repeat buying, dropout and spend where customers buy when they like (Fader,
  Hardie & Lee 2005);
- [`lifetime_value`][cocreation.estimate.lifetime_value],
  [`with_retention`][cocreation.estimate.with_retention] and
  [`with_segments`][cocreation.estimate.with_segments]: the fitted models in firm value;
- [`calibration`][cocreation.estimate.calibration] and
  [`bootstrap`][cocreation.estimate.bootstrap]: checks.

Every result is immutable, carries its unit, and every fit reports its standard
errors and convergence or raises [`EstimationError`][cocreation.errors.EstimationError].

Examples:
    >>> from cocreation import estimate
    >>> fit = estimate.shifted_beta_geometric([1000, 631, 468, 382, 326, 289, 262, 241], unit="year")
    >>> round(fit.alpha, 3), round(fit.beta, 3)
    (0.704, 1.182)
"""

from cocreation.estimate._bgnbd import BGNBD, bg_nbd
from cocreation.estimate._checks import Bootstrap, Calibration, Interval, bootstrap, calibration
from cocreation.estimate._fit import Convergence
from cocreation.estimate._gamma_gamma import GammaGamma, gamma_gamma
from cocreation.estimate._rfm import RFM, rfm
from cocreation.estimate._sbg import (
    ShiftedBetaGeometric,
    equivalent_retention,
    shifted_beta_geometric,
)
from cocreation.estimate._simulate import simulate_customers
from cocreation.estimate._units import Times, Unit
from cocreation.estimate._value import lifetime_value, with_retention, with_segments

__all__ = [
    "BGNBD",
    "RFM",
    "Bootstrap",
    "Calibration",
    "Convergence",
    "GammaGamma",
    "Interval",
    "ShiftedBetaGeometric",
    "Times",
    "Unit",
    "bg_nbd",
    "bootstrap",
    "calibration",
    "equivalent_retention",
    "gamma_gamma",
    "lifetime_value",
    "rfm",
    "shifted_beta_geometric",
    "simulate_customers",
    "with_retention",
    "with_segments",
]
