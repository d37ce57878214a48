"""The shifted-beta-geometric model of contract duration (Fader & Hardie 2007)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from attrs import field, frozen

from cocreation._optional import require
from cocreation.accounting import Timing, lifetime_factor
from cocreation.errors import DivergenceError, ValidationError
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
from cocreation.estimate._units import FEATURE, Unit, parse_unit

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]

__all__ = ["ShiftedBetaGeometric", "equivalent_retention", "shifted_beta_geometric"]

_NAMES: Final = ("alpha", "beta")
_CAUSES: Final = (
    "a retention rate that never changes (alike customers: alpha and beta both run "
    "to infinity), nobody leaving, or everybody leaving at once"
)
_TIMINGS: Final = ("retained", "start", "end")


def _rate(discount_rate: float) -> float:
    if (
        not isinstance(discount_rate, int | float)
        or isinstance(discount_rate, bool)
        or not math.isfinite(discount_rate)
        or discount_rate < 0.0
    ):
        raise ValidationError("discount_rate", discount_rate, "a finite number >= 0")
    return float(discount_rate)


def _count(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError(name, value, "an integer >= 0")
    return value


def _horizon(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError("horizon", value, "an integer >= 0, or None for an infinite horizon")
    return value


def _timing(value: object) -> Timing:
    if value not in _TIMINGS:
        raise ValidationError("timing", value, "one of 'retained', 'start', 'end'")
    timing: Timing = value
    return timing


def equivalent_retention(
    factor: float, discount_rate: float, *, timing: Timing, horizon: int | None = None
) -> float:
    """The constant retention whose lifetime factor is ``factor``.

    The inverse of [`lifetime_factor`][cocreation.lifetime_factor] in its retention:
    a customer given this retention is worth, to
    [`firm_value`][cocreation.firm_value], what the fitted model says it is worth.

    Args:
        factor: The present value of a margin of 1 per period, from a fitted model.
        discount_rate: Discount rate per period (>= 0).
        timing: ``"retained"``, ``"start"`` or ``"end"``.
        horizon: How many margins count, or ``None`` for an infinite horizon.

    Returns:
        A retention in [0, 1].

    Raises:
        ValidationError: No retention in [0, 1] gives that factor.

    Examples:
        >>> from cocreation import lifetime_factor
        >>> round(equivalent_retention(lifetime_factor(0.8, 0.1, timing="end"), 0.1, timing="end"), 12)
        0.8
        >>> round(equivalent_retention(2.0, 0.1, timing="retained", horizon=5), 6)
        0.779912
    """
    d = _rate(discount_rate)
    timing = _timing(timing)
    horizon = _horizon(horizon)
    if not isinstance(factor, int | float) or not math.isfinite(factor):
        raise ValidationError("factor", factor, "a finite number")

    def at(retention: float) -> float:
        return lifetime_factor(retention, d, timing=timing, horizon=horizon)

    low = at(0.0)
    top = 1.0 if horizon is not None or d > 0.0 else 1.0 - 1e-12
    high = at(top)
    tolerance = 1e-9 * max(1.0, abs(factor))
    if not low - tolerance <= factor <= high + tolerance:
        raise ValidationError(
            "factor",
            factor,
            f"a lifetime factor between {low:g} (retention 0) and {high:g} (retention 1)",
        )
    if factor <= low:
        return 0.0
    if factor >= high:
        return top
    if horizon is None:
        # Closed forms of the infinite sums, solved for r.
        if timing == "retained":
            retention = factor * (1.0 + d) / (1.0 + factor)
        elif timing == "start":
            retention = (1.0 + d) * (1.0 - 1.0 / factor)
        else:
            retention = 1.0 + d - 1.0 / factor
        return min(max(retention, 0.0), 1.0)
    optimize = require("scipy.optimize", "estimate", FEATURE)
    root: float = optimize.brentq(lambda r: at(r) - factor, 0.0, top, xtol=1e-14, rtol=1e-14)
    return root


def _series(b: float, c: float, z: float) -> float:
    """``2F1(1, b; c; z) = sum_j prod_{i<j} (b + i) / (c + i) · z^j`` summed directly, for ``z < 1``.

    Where SciPy's ``hyp2f1`` gives up (``b`` and ``c`` in the millions, retention
    that hardly changes), the terms fall at least as fast as ``z^j``.
    """
    np = numpy()
    total, last, start, chunk = 0.0, 1.0, 0, 65_536
    while True:
        j = np.arange(start, start + chunk, dtype=float)
        terms = last * np.cumprod((b + j) / (c + j) * z)
        total += float(terms.sum())
        last = float(terms[-1])
        start += chunk
        if last <= 1e-17 * (1.0 + total) or start > 1e8:
            return 1.0 + total


@frozen(repr=False)
class ShiftedBetaGeometric(FittedModel):
    """A fitted shifted-beta-geometric (sBG) model of how long customers stay.

    Each customer renews at the end of every period with its own probability
    ``1 - θ``; ``θ`` varies across customers as a Beta(``alpha``, ``beta``)
    distribution (Fader & Hardie 2007). The cohort's retention rate rises over time,
    because the customers most likely to leave leave first:
    ``r(t) = (beta + t - 1) / (alpha + beta + t - 1)``.

    Attributes:
        alpha: The first shape parameter of the Beta distribution of churn probabilities.
        beta: The second shape parameter.
        log_likelihood: The maximised log-likelihood.
        standard_errors: Standard errors of ``alpha`` and ``beta`` from the Hessian of
            the log-likelihood at the fit (the delta method from the log-parameters).
        convergence: The optimiser's report.
        unit: The length of a period.
        size: How many customers the cohort started with.
        periods: How many periods of data the fit saw.
        covariance: The covariance matrix of ``(alpha, beta)``.

    Examples:
        >>> fit = shifted_beta_geometric([1000, 869, 743, 653, 593, 551, 517, 491], unit="year")
        >>> round(fit.alpha, 3), round(fit.beta, 3), round(fit.log_likelihood, 1)
        (0.668, 3.806, -1611.2)
        >>> round(fit.survival(12) * 1000)  # customers left after 12 years, projected
        378
    """

    alpha: float
    beta: float
    log_likelihood: float
    standard_errors: Mapping[str, float] = field(converter=frozen_mapping, eq=False)
    convergence: Convergence
    unit: Unit = field(converter=parse_unit)
    size: float
    periods: int
    covariance: tuple[tuple[float, ...], ...] = field(eq=False)

    def survival(self, t: Any) -> Any:
        """``S(t)``: the share of the cohort still a customer after ``t`` periods.

        ``S(t) = B(alpha, beta + t) / B(alpha, beta)``; ``t`` may be a number or an array.

        Examples:
            >>> fit = ShiftedBetaGeometric.of(alpha=1.0, beta=1.0)
            >>> fit.survival(0), fit.survival(3)
            (1.0, 0.25)
        """
        np = numpy()
        special = scipy_special()
        periods = np.asarray(t, dtype=float)
        if np.any(periods < 0) or not np.all(np.isfinite(periods)):
            raise ValidationError("t", t, "periods >= 0")
        values = np.exp(
            special.betaln(self.alpha, self.beta + periods) - special.betaln(self.alpha, self.beta)
        )
        return float(values) if values.ndim == 0 else values

    def retention(self, t: Any) -> Any:
        """``r(t) = S(t) / S(t - 1)``: the retention rate of period ``t`` (>= 1) of the cohort.

        Examples:
            >>> ShiftedBetaGeometric.of(alpha=1.0, beta=3.0).retention([1, 2, 3]).tolist()
            [0.75, 0.8, 0.8333333333333334]
        """
        np = numpy()
        periods = np.asarray(t, dtype=float)
        if np.any(periods < 1) or not np.all(np.isfinite(periods)):
            raise ValidationError("t", t, "periods >= 1")
        values = (self.beta + periods - 1.0) / (self.alpha + self.beta + periods - 1.0)
        return float(values) if values.ndim == 0 else values

    def lifetime_factor(
        self,
        discount_rate: float,
        *,
        timing: Timing,
        renewals: int = 0,
        horizon: int | None = None,
    ) -> float:
        """The present value of a margin of 1 per period over a customer's remaining lifetime.

        The sBG counterpart of [`cocreation.lifetime_factor`][cocreation.lifetime_factor],
        with the same timing conventions, for a customer who has renewed ``renewals``
        times (0: just acquired). With ``c_j`` the chance to still be a customer ``j``
        periods on and ``z = 1 / (1 + discount_rate)``:

        - ``"retained"``: ``sum_{j>=1} c_j z^j`` (margins one period out, if retained);
        - ``"start"``: ``sum_{j>=0} c_j z^j`` (the first margin now);
        - ``"end"``: ``z sum_{j>=0} c_j z^j`` (the first margin certain, at the end of the period).

        A finite ``horizon`` counts that many margins. Where retention is constant
        (``alpha`` and ``beta`` large, ``beta / (alpha + beta) = r``) this is
        ``cocreation.lifetime_factor(r, ...)``.

        Raises:
            ValidationError: A negative discount rate or renewals, an unknown timing.
            DivergenceError: An infinite horizon with no discounting and ``alpha <= 1``.

        Examples:
            >>> fit = ShiftedBetaGeometric.of(alpha=1.0, beta=3.0)
            >>> round(fit.lifetime_factor(0.1, timing="retained", horizon=2), 4)
            1.1777
            >>> round(0.75 / 1.1 + 0.6 / 1.1**2, 4)  # S(1), S(2) discounted
            1.1777
        """
        np = numpy()
        special = scipy_special()
        d = _rate(discount_rate)
        timing = _timing(timing)
        k = _count(renewals, "renewals")
        horizon = _horizon(horizon)
        z = 1.0 / (1.0 + d)
        b = self.beta + k
        c = self.alpha + self.beta + k
        if horizon is None:
            if d == 0.0:
                if self.alpha <= 1.0:
                    raise DivergenceError(
                        "discount_rate",
                        discount_rate,
                        f"a discount rate > 0: with alpha = {self.alpha:g} <= 1 the expected "
                        "lifetime is infinite",
                    )
                total = (c - 1.0) / (self.alpha - 1.0)
            else:
                total = float(special.hyp2f1(1.0, b, c, z))
                if not math.isfinite(total):
                    total = _series(b, c, z)
            tail = total - 1.0  # without the j = 0 term
        else:
            j = np.arange(horizon + 1, dtype=float)
            # c_j = prod_{i<j} (b + i) / (c + i), as a running product.
            ratios = np.concatenate([[1.0], (b + j[:-1]) / (c + j[:-1])])
            terms = np.cumprod(ratios) * z**j
            total = float(terms[:horizon].sum())
            tail = float(terms[1:].sum())
        if timing == "retained":
            return tail
        if timing == "start":
            return total
        return z * total

    def clv(
        self,
        margin: float,
        discount_rate: float,
        *,
        timing: Timing,
        renewals: int = 0,
        horizon: int | None = None,
        acquisition_cost: float = 0.0,
    ) -> float:
        """Lifetime value of a margin per period under the fitted retention curve.

        ``margin * lifetime_factor(...) - acquisition_cost``: the sBG counterpart of
        [`cocreation.clv`][cocreation.clv], with the same explicit timing conventions.

        Examples:
            >>> fit = ShiftedBetaGeometric.of(alpha=1.0, beta=3.0)
            >>> round(fit.clv(100.0, 0.1, timing="retained", horizon=2), 2)
            117.77
        """
        if not isinstance(margin, int | float) or not math.isfinite(margin):
            raise ValidationError("margin", margin, "a finite number")
        if not isinstance(acquisition_cost, int | float) or not acquisition_cost >= 0.0:
            raise ValidationError("acquisition_cost", acquisition_cost, "a finite number >= 0")
        factor = self.lifetime_factor(
            discount_rate, timing=timing, renewals=renewals, horizon=horizon
        )
        return float(margin) * factor - float(acquisition_cost)

    def derl(self, discount_rate: float, *, renewals: int = 0) -> float:
        """Discounted expected residual lifetime (Fader & Hardie 2010).

        The expected number of further payments of a customer who has renewed
        ``renewals`` times, valued just before its next renewal decision:
        ``(beta + n - 1) / (alpha + beta + n - 1) · 2F1(1, beta + n; alpha + beta + n; 1 / (1 + d))``
        with ``n = renewals + 1``. It is ``(1 + d)`` times the ``"retained"``
        lifetime factor.

        Examples:
            >>> fit = ShiftedBetaGeometric.of(alpha=1.0, beta=3.0)
            >>> round(fit.derl(0.1), 6) == round(1.1 * fit.lifetime_factor(0.1, timing="retained"), 6)
            True
        """
        d = _rate(discount_rate)
        return (1.0 + d) * self.lifetime_factor(d, timing="retained", renewals=renewals)

    def equivalent_retention(
        self,
        discount_rate: float,
        *,
        timing: Timing,
        renewals: int = 0,
        horizon: int | None = None,
    ) -> float:
        """The constant retention that gives the same lifetime value as the fitted curve.

        Written onto a [`Customer`][cocreation.Customer], it makes
        [`firm_value`][cocreation.firm_value] (with the same discount rate, timing and
        horizon) value the customer's margin as this model does.

        Examples:
            >>> from cocreation import clv
            >>> fit = ShiftedBetaGeometric.of(alpha=1.0, beta=3.0)
            >>> r = fit.equivalent_retention(0.1, timing="end")
            >>> round(clv(100.0, r, 0.1, timing="end"), 6) == round(fit.clv(100.0, 0.1, timing="end"), 6)
            True
        """
        factor = self.lifetime_factor(
            discount_rate, timing=timing, renewals=renewals, horizon=horizon
        )
        return equivalent_retention(factor, discount_rate, timing=timing, horizon=horizon)

    def expected_alive(self, t: Any) -> Any:
        """How many of the cohort are expected to be customers after ``t`` periods: ``size · S(t)``.

        Examples:
            >>> fit = shifted_beta_geometric([1000, 631, 468, 382, 326, 289, 262, 241])
            >>> [round(v) for v in fit.expected_alive([8, 12])]
            [220, 170]
        """
        return self.size * self.survival(t)

    @classmethod
    def of(
        cls, *, alpha: float, beta: float, unit: Unit | str = Unit.PERIOD, size: float = 1.0
    ) -> ShiftedBetaGeometric:
        """A model with given parameters, not fitted (no likelihood, no standard errors).

        For projections from published parameters, or from another tool's fit.

        Examples:
            >>> ShiftedBetaGeometric.of(alpha=0.704, beta=1.182, unit="year").retention(1)
            0.6267232237539766
        """
        for name, value in (("alpha", alpha), ("beta", beta)):
            if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
                raise ValidationError(name, value, "a finite number > 0")
        nan = float("nan")
        return cls(
            alpha=float(alpha),
            beta=float(beta),
            log_likelihood=nan,
            standard_errors={"alpha": nan, "beta": nan},
            convergence=Convergence(False, 0, nan, "none", "given, not fitted"),
            unit=unit,
            size=float(size),
            periods=0,
            covariance=((nan, nan), (nan, nan)),
        )


def _check_alive(alive: object) -> Floats:
    np = numpy()
    counts = numbers(alive, "alive", low=0.0)
    if counts.size < 2:
        raise ValidationError(
            "alive", alive, "counts alive at periods 0, 1, ... (at least two periods)"
        )
    if counts[0] <= 0:
        raise ValidationError("alive[0]", counts[0].item(), "a cohort size > 0")
    rises = np.flatnonzero(np.diff(counts) > 0)
    if rises.size:
        i = int(rises[0]) + 1
        raise ValidationError(
            f"alive[{i}]",
            counts[i].item(),
            f"a count <= alive[{i - 1}] = {counts[i - 1].item():g}: a cohort only shrinks",
        )
    return counts


def shifted_beta_geometric(alive: Any, *, unit: Unit | str = Unit.PERIOD) -> ShiftedBetaGeometric:
    """Fit the shifted-beta-geometric model to a cohort's counts alive (Fader & Hardie 2007).

    Contractual settings: customers renew (or not) at the end of each period, and you
    know how many of a cohort acquired at period 0 are still customers at periods
    1, 2, ..., n. The fit maximises
    ``sum_t (alive[t-1] - alive[t]) ln P(T = t) + alive[n] ln S(n)`` with
    ``P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta)`` and
    ``S(t) = B(alpha, beta + t) / B(alpha, beta)``, by an exact trust-region method
    with the analytic gradient and Hessian.

    Args:
        alive: Counts alive at periods 0, 1, ..., n: the cohort's size first, never rising.
        unit: The length of a period (``"month"``, ``"year"``; by default an unnamed period).

    Returns:
        The fitted model, with its parameters, log-likelihood, standard errors and the
        convergence report.

    Raises:
        ValidationError: Fewer than two counts, a negative or non-finite count, an
            empty cohort, or a count that rises.
        EstimationError: The optimiser failed or a parameter ran to a bound (nobody
            ever leaves, say).

    Examples:
        >>> fit = shifted_beta_geometric([1000, 631, 468, 382, 326, 289, 262, 241], unit="year")
        >>> round(fit.alpha, 3), round(fit.beta, 3)  # Fader & Hardie (2007), "regular"
        (0.704, 1.182)
        >>> round(fit.retention(8), 3)
        0.921
    """
    np = numpy()
    special = scipy_special()
    unit = parse_unit(unit)
    counts = _check_alive(alive)
    n = counts.size - 1
    lost = counts[:-1] - counts[1:]
    survivors = counts[-1]
    size = counts[0]
    t = np.arange(1, n + 1, dtype=float)
    # The log-likelihood as a weighted sum of log-gamma terms lgamma(ca·a + cb·b + o).
    weights = np.concatenate(
        [lost, lost, -lost, -lost, -lost, lost, [survivors, -survivors, -survivors, survivors]]
    )
    ones, zeros = np.ones(n), np.zeros(n)
    on_a = np.concatenate([ones, zeros, ones, ones, zeros, ones, [0.0, 1.0, 0.0, 1.0]])
    on_b = np.concatenate([zeros, ones, ones, zeros, ones, ones, [1.0, 1.0, 1.0, 1.0]])
    offset = np.concatenate([ones, t - 1.0, t, zeros, zeros, zeros, [n, n, 0.0, 0.0]])
    keep = weights != 0
    weights, on_a, on_b, offset = weights[keep] / size, on_a[keep], on_b[keep], offset[keep]

    def objective(phi: Floats) -> tuple[float, Floats, Floats]:
        a, b = np.exp(phi)
        arguments = on_a * a + on_b * b + offset
        value = float(weights @ special.gammaln(arguments))
        psi = weights * special.digamma(arguments)
        trigamma = weights * special.polygamma(1, arguments)
        gradient = np.array([psi @ on_a, psi @ on_b])
        hessian = np.array(
            [
                [trigamma @ (on_a * on_a), trigamma @ (on_a * on_b)],
                [trigamma @ (on_a * on_b), trigamma @ (on_b * on_b)],
            ]
        )
        g, h = log_scale(np.array([a, b]), gradient, hessian)
        return value, g, h

    fitted = maximise(
        "shifted_beta_geometric",
        _NAMES,
        objective,
        (1.0, 1.0),
        weight=float(size),
        causes=_CAUSES,
    )
    alpha, beta = fitted.values
    return ShiftedBetaGeometric(
        alpha=alpha,
        beta=beta,
        log_likelihood=fitted.log_likelihood,
        standard_errors=fitted.standard_errors(_NAMES),
        convergence=fitted.convergence,
        unit=unit,
        size=float(size),
        periods=n,
        covariance=fitted.covariance,
    )
