"""Models fitted to data: from a transaction log to retention, purchases, spend and lifetime value.

Import it explicitly (``from cocreation import estimate``); it needs the ``estimate``
extra (NumPy and SciPy), which it loads only when a function is called, so
``import cocreation`` stays light.

Examples:
    >>> from cocreation import estimate
    >>> fit = estimate.shifted_beta_geometric([1000, 631, 468, 382, 326, 289, 262, 241], unit="year")
    >>> round(fit.alpha, 3), round(fit.beta, 3)
    (0.704, 1.182)
"""

from cocreation.estimate._fit import Convergence
from cocreation.estimate._rfm import RFM, rfm
from cocreation.estimate._sbg import (
    ShiftedBetaGeometric,
    equivalent_retention,
    shifted_beta_geometric,
)
from cocreation.estimate._units import Times, Unit

__all__ = [
    "RFM",
    "Convergence",
    "ShiftedBetaGeometric",
    "Times",
    "Unit",
    "equivalent_retention",
    "rfm",
    "shifted_beta_geometric",
]
