"""The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005; Colombo & Jiang 1999)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from attrs import field, frozen

from cocreation.errors import ValidationError
from cocreation.estimate._fit import (
    Convergence,
    FittedModel,
    frozen_mapping,
    log_scale,
    maximise,
    numbers,
    numpy,
    scipy_special,
)

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]

__all__ = ["GammaGamma", "gamma_gamma"]

_NAMES: Final = ("p", "q", "gamma")
_CAUSES: Final = (
    "every customer spending alike (q and gamma both run to infinity), or every "
    "transaction of a customer the same amount (p runs to infinity)"
)
_NEGATIVE_SPEND: Final = (
    "a spend > 0: the Gamma-Gamma model describes positive amounts per transaction. "
    "Fit it to revenue per transaction and turn revenue into margin afterwards "
    "(lifetime_value's margin and cost_per_purchase), never to net profit or to "
    "margins that can be negative"
)


def _spend(frequency: Any, mean_spend: Any) -> tuple[Floats, Floats]:
    """Frequency and mean spend of customers with repeat purchases, checked."""
    np = numpy()
    x = numbers(frequency, "frequency", low=0.0)
    whole = np.flatnonzero(x != np.floor(x))
    if whole.size:
        i = int(whole[0])
        raise ValidationError(f"frequency[{i}]", x[i].item(), "a whole number of repeat purchases")
    try:
        m = np.asarray(mean_spend, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValidationError("mean_spend", mean_spend, "a sequence of numbers") from error
    if m.shape != x.shape:
        raise ValidationError(
            "mean_spend", m.shape, f"one mean spend per customer ({x.size} of them)"
        )
    buyers = x > 0
    bad = np.flatnonzero(buyers & ~np.isfinite(m))
    if bad.size:
        i = int(bad[0])
        raise ValidationError(f"mean_spend[{i}]", m[i].item(), "a finite mean spend")
    negative = np.flatnonzero(buyers & (m <= 0))
    if negative.size:
        i = int(negative[0])
        raise ValidationError(f"mean_spend[{i}]", m[i].item(), _NEGATIVE_SPEND)
    return x, m


@frozen(repr=False)
class GammaGamma(FittedModel):
    """A fitted Gamma-Gamma model of what customers spend per transaction.

    A customer's transactions are Gamma(``p``, ``nu``) amounts around its own mean
    ``p / nu``; across customers ``nu`` is Gamma(``q``, ``gamma``), so the mean spend
    of the customer base is ``p · gamma / (q - 1)`` (Fader, Hardie & Lee 2005 note;
    Colombo & Jiang 1999). Spend is assumed independent of how often a customer
    buys. The model takes positive amounts only: fit it to revenue, and apply
    margins (which may be negative) afterwards.

    Attributes:
        p: Shape of the Gamma distribution of a customer's transaction values.
        q: Shape of the Gamma distribution of ``nu`` across customers.
        gamma: Scale of that distribution (in money).
        log_likelihood: The maximised log-likelihood (of the mean spends).
        standard_errors: Standard errors of ``p``, ``q`` and ``gamma`` from the Hessian.
        convergence: The optimiser's report.
        customers: How many customers with repeat purchases the fit saw.
        covariance: The covariance matrix of ``(p, q, gamma)``.

    Examples:
        >>> model = GammaGamma.of(p=6.25, q=3.74, gamma=15.44)
        >>> round(model.mean_spend, 2)  # the customer base's mean spend per transaction
        35.22
        >>> model.expected_spend([0, 1, 10], [0.0, 50.0, 50.0]).round(2).tolist()
        [35.22, 45.49, 49.38]
    """

    p: float
    q: float
    gamma: float
    log_likelihood: float
    standard_errors: Mapping[str, float] = field(converter=frozen_mapping, eq=False)
    convergence: Convergence
    customers: int
    covariance: tuple[tuple[float, ...], ...] = field(eq=False)

    @property
    def mean_spend(self) -> float:
        """The mean spend per transaction across customers: ``p · gamma / (q - 1)``, for ``q > 1``.

        Examples:
            >>> GammaGamma.of(p=2.0, q=3.0, gamma=10.0).mean_spend
            10.0
        """
        if self.q <= 1.0:
            raise ValidationError(
                "GammaGamma.q", self.q, "q > 1 (with q <= 1 the mean spend is infinite)"
            )
        return self.p * self.gamma / (self.q - 1.0)

    def expected_spend(self, frequency: Any, mean_spend: Any) -> Any:
        """The expected spend per transaction of customers, given what they have spent.

        ``(gamma + x · m) · p / (p · x + q - 1)``: a weighted mean of the customer
        base's mean and the customer's own mean spend ``m``, the weight of its own
        growing with its number of repeat purchases ``x``. Customers without repeat
        purchases get the customer base's mean.

        Raises:
            ValidationError: A spend <= 0 for a customer with repeat purchases, or ``q <= 1``.

        Examples:
            >>> GammaGamma.of(p=2.0, q=3.0, gamma=10.0).expected_spend(2, 25.0)
            20.0
        """
        np = numpy()
        x, m = _spend(np.atleast_1d(frequency), np.atleast_1d(mean_spend))
        base = self.mean_spend
        with np.errstate(invalid="ignore"):
            value = np.where(
                x > 0, (self.gamma + x * m) * self.p / (self.p * x + self.q - 1.0), base
            )
        return float(value[0]) if np.ndim(frequency) == 0 else value

    @classmethod
    def of(cls, *, p: float, q: float, gamma: float) -> GammaGamma:
        """A model with given parameters, not fitted: for published or simulated parameters.

        Examples:
            >>> GammaGamma.of(p=6.25, q=3.74, gamma=15.44).q
            3.74
        """
        for name, value in (("p", p), ("q", q), ("gamma", gamma)):
            if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
                raise ValidationError(name, value, "a finite number > 0")
        nan = float("nan")
        return cls(
            p=float(p),
            q=float(q),
            gamma=float(gamma),
            log_likelihood=nan,
            standard_errors=dict.fromkeys(_NAMES, nan),
            convergence=Convergence(False, 0, nan, "none", "given, not fitted"),
            customers=0,
            covariance=tuple(tuple(nan for _ in _NAMES) for _ in _NAMES),
        )


def gamma_gamma(frequency: Any, mean_spend: Any) -> GammaGamma:
    """Fit the Gamma-Gamma model of spend to customers' repeat purchases and mean spend.

    Only customers with repeat purchases (``frequency > 0``) enter the fit; the
    mean spend of a customer with ``x`` repeat purchases is Gamma(``p x``, ``nu x``)
    given ``nu``, which integrates to the likelihood maximised here (over the
    logarithms of ``p``, ``q`` and ``gamma``, with the analytic gradient and Hessian).

    Negative or zero amounts (returns, refunds, net margins) do not fit the model:
    fit it to revenue per transaction (positive), then turn the expected revenue
    into margin with a margin rate and a cost per purchase, which may make it
    negative (see [`lifetime_value`][cocreation.estimate.lifetime_value]).

    Args:
        frequency: Repeat purchases of each customer.
        mean_spend: Each customer's mean spend per repeat purchase (ignored, and may
            be NaN, where ``frequency`` is 0).

    Returns:
        The fitted model.

    Raises:
        ValidationError: A mean spend <= 0 or missing for a customer with repeat
            purchases (with the reason and the way out), or inconsistent arrays.
        EstimationError: The optimiser failed or a parameter ran to a bound.

    Examples:
        >>> from cocreation import estimate
        >>> truth = estimate.GammaGamma.of(p=6.0, q=4.0, gamma=15.0)
        >>> purchases = estimate.BGNBD.of(r=2.0, alpha=10.0, a=0.5, b=5.0, unit="week")
        >>> sample = estimate.simulate_customers(purchases, age=[52.0] * 3000, spend=truth, seed=2)
        >>> fit = estimate.gamma_gamma(sample.frequency, sample.mean_spend)
        >>> abs(fit.mean_spend - truth.mean_spend) < 2.0
        True
        >>> estimate.gamma_gamma([1, 2], [10.0, -4.0])
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: mean_spend[1]: expected a spend > 0: the Gamma-Gamma model describes positive amounts per transaction. Fit it to revenue per transaction and turn revenue into margin afterwards (lifetime_value's margin and cost_per_purchase), never to net profit or to margins that can be negative, got -4.0
    """
    np = numpy()
    special = scipy_special()
    x_all, m_all = _spend(frequency, mean_spend)
    buyers = x_all > 0
    if not buyers.any():
        raise ValidationError(
            "frequency", "no repeat purchases", "at least one customer with repeat purchases"
        )
    x, m = x_all[buyers], m_all[buyers]
    count = float(x.size)
    w = np.full(x.size, 1.0 / count)
    # What does not depend on the parameters is summed once; the log-gamma terms
    # depend on x alone, so they are evaluated once per distinct x, with weights.
    xu, x_at = np.unique(x, return_inverse=True)
    wx = np.bincount(x_at, weights=w)
    log_m = np.log(m)
    spent = float(w @ (x * (np.log(x) + log_m)))
    constant = -float(w @ log_m)
    xm = x * m
    wxm = w * x

    def objective(phi: Floats) -> tuple[float, Floats, Floats]:
        p, q, g = np.exp(phi)
        pxu = p * xu
        grand = g + xm
        log_grand = np.log(grand)
        inv_grand = 1.0 / grand
        on_row = w * (p * x + q)  # w (p x + q), row by row
        value = (
            float(wx @ (special.gammaln(pxu + q) - special.gammaln(pxu)))
            + p * spent
            + constant
            - float(on_row @ log_grand)
            + q * np.log(g)
            - special.gammaln(q)
        )
        psi = special.digamma(pxu + q)
        tri = special.polygamma(1, pxu + q)
        gradient = np.array(
            [
                float(wx @ (xu * (psi - special.digamma(pxu)))) + spent - float(wxm @ log_grand),
                float(wx @ psi) - float(w @ log_grand) + np.log(g) - special.digamma(q),
                q / g - float(on_row @ inv_grand),
            ]
        )
        hessian = np.empty((3, 3))
        hessian[0, 0] = float(wx @ (xu * xu * (tri - special.polygamma(1, pxu))))
        hessian[0, 1] = float(wx @ (xu * tri))
        hessian[0, 2] = -float(wxm @ inv_grand)
        hessian[1, 1] = float(wx @ tri) - special.polygamma(1, q)
        hessian[1, 2] = 1.0 / g - float(w @ inv_grand)
        hessian[2, 2] = -q / g**2 + float(on_row @ inv_grand**2)
        hessian[1, 0], hessian[2, 0], hessian[2, 1] = hessian[0, 1], hessian[0, 2], hessian[1, 2]
        gl, hl = log_scale(np.array([p, q, g]), gradient, hessian)
        return float(value), gl, hl

    mean = float(m.mean())
    fitted = maximise(
        "gamma_gamma", _NAMES, objective, (1.0, 2.0, mean), weight=count, causes=_CAUSES
    )
    p, q, g = fitted.values
    return GammaGamma(
        p=p,
        q=q,
        gamma=g,
        log_likelihood=fitted.log_likelihood,
        standard_errors=fitted.standard_errors(_NAMES),
        convergence=fitted.convergence,
        customers=int(count),
        covariance=fitted.covariance,
    )
