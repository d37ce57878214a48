"""The BG/NBD model of repeat buying in non-contractual settings (Fader, Hardie & Lee 2005)."""

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
from cocreation.estimate._units import Times, Unit, as_times, parse_unit

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]

__all__ = ["BGNBD", "bg_nbd", "check_customers", "resolve_unit"]

_NAMES: Final = ("r", "alpha", "a", "b")
_CAUSES: Final = (
    "customers who all buy at the same rate (r and alpha both run to infinity), "
    "nobody dropping out (a runs to zero or b to infinity), or too few repeat "
    "purchases to tell rates from dropout"
)


def resolve_unit(unit: object, *durations: tuple[str, object]) -> Unit:
    """The unit of some durations: the one they carry, or ``unit``, or an unnamed period.

    Raises:
        ValidationError: Two durations, or a duration and ``unit``, in different units.
    """
    chosen = None if unit is None else parse_unit(unit)
    for name, value in durations:
        if isinstance(value, Times):
            if chosen is not None and value.unit is not chosen:
                raise ValidationError(
                    name,
                    value,
                    f"durations in {chosen.value}s like the others (mixing units is an error; "
                    f"convert with Times.to({chosen.value!r}))",
                )
            chosen = value.unit
    return Unit.PERIOD if chosen is None else chosen


def check_customers(
    frequency: object, recency: object, age: object, unit: Unit
) -> tuple[Floats, Floats, Floats]:
    """Frequency, recency and age as float arrays of one length, each checked.

    Raises:
        ValidationError: A frequency that is not a whole number >= 0, a negative
            recency or age, a recency beyond the age, a recency > 0 without repeat
            purchases, or arrays of different lengths.
    """
    np = numpy()
    x = numbers(frequency, "frequency", low=0.0)
    whole = np.flatnonzero(x != np.floor(x))
    if whole.size:
        i = int(whole[0])
        raise ValidationError(f"frequency[{i}]", x[i].item(), "a whole number of repeat purchases")
    tx = numbers(as_times(recency, unit, "recency"), "recency", low=0.0)
    t = numbers(as_times(age, unit, "age"), "age", low=0.0)
    if not x.size == tx.size == t.size:
        raise ValidationError(
            "recency, age",
            (x.size, tx.size, t.size),
            "one frequency, recency and age per customer (arrays of one length)",
        )
    beyond = np.flatnonzero(tx > t * (1.0 + 1e-12))
    if beyond.size:
        i = int(beyond[0])
        raise ValidationError(
            f"recency[{i}]", tx[i].item(), f"a recency <= the age {t[i].item():g}"
        )
    idle = np.flatnonzero((x == 0) & (tx > 0))
    if idle.size:
        i = int(idle[0])
        raise ValidationError(
            f"recency[{i}]", tx[i].item(), "0 for a customer without repeat purchases"
        )
    return x, tx, t


def _group(x: Floats, tx: Floats, t: Floats, *, inverse: bool = False) -> Any:
    """Distinct ``(x, tx, t)`` rows and how many customers share each: the sufficient statistics.

    With ``inverse``, the last array maps each customer to its distinct row instead.
    """
    np = numpy()
    order = np.lexsort((t, tx, x))
    xs, txs, ts = x[order], tx[order], t[order]
    new = np.ones(xs.size, dtype=bool)
    new[1:] = (xs[1:] != xs[:-1]) | (txs[1:] != txs[:-1]) | (ts[1:] != ts[:-1])
    starts = np.flatnonzero(new)
    if inverse:
        back = np.empty(xs.size, dtype="int64")
        back[order] = np.cumsum(new) - 1
        return xs[starts], txs[starts], ts[starts], back
    counts = np.diff(np.append(starts, xs.size)).astype(float)
    return xs[starts], txs[starts], ts[starts], counts


@frozen(repr=False)
class BGNBD(FittedModel):
    """A fitted BG/NBD model: how often customers buy, and when they silently drop out.

    While alive, a customer buys as a Poisson process of rate ``λ``; after each
    repeat purchase it drops out with probability ``p``. Across customers ``λ`` is
    Gamma(``r``, ``alpha``) and ``p`` is Beta(``a``, ``b``) (Fader, Hardie & Lee 2005).
    Rates are per ``unit``: ``alpha`` is in that unit, so durations handed to the
    methods must be in it too (plain numbers are read as in it; a
    [`Times`][cocreation.estimate.Times] in another unit is an error).

    Attributes:
        r: Shape of the Gamma distribution of purchase rates.
        alpha: Scale of the Gamma distribution (in ``unit``).
        a: First shape parameter of the Beta distribution of dropout probabilities.
        b: Second shape parameter.
        log_likelihood: The maximised log-likelihood.
        standard_errors: Standard errors of ``r``, ``alpha``, ``a`` and ``b`` from the
            Hessian at the fit.
        convergence: The optimiser's report.
        unit: The unit of time of the data and the rates.
        customers: How many customers the fit saw.
        covariance: The covariance matrix of ``(r, alpha, a, b)``.

    Examples:
        >>> model = BGNBD.of(r=0.243, alpha=4.414, a=0.793, b=2.426, unit="week")
        >>> round(model.expected_purchases(52), 3)  # a new customer's first year
        1.446
        >>> round(model.p_alive(2, 30.43, 38.86), 3)  # 2 repeat purchases, the last at week 30.43
        0.727
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    standard_errors: Mapping[str, float] = field(converter=frozen_mapping, eq=False)
    convergence: Convergence
    unit: Unit = field(converter=parse_unit)
    customers: int
    covariance: tuple[tuple[float, ...], ...] = field(eq=False)

    def p_alive(self, frequency: Any, recency: Any, age: Any) -> Any:
        """The probability that a customer is still alive at its age (the end of observation).

        ``1 / (1 + [x > 0] · a / (b + x - 1) · ((alpha + T) / (alpha + t_x))^(r + x))``;
        arrays broadcast against each other.

        Examples:
            >>> model = BGNBD.of(r=0.243, alpha=4.414, a=0.793, b=2.426, unit="week")
            >>> model.p_alive([0, 2], [0.0, 30.43], [38.86, 38.86]).round(3).tolist()
            [1.0, 0.727]
        """
        np = numpy()
        special = scipy_special()
        x, tx, t, shape = self._history(frequency, recency, age)
        value = np.where(x > 0, special.expit(-self._dropped_odds(x, tx, t)), 1.0)
        return float(value[0]) if shape == () else value.reshape(shape)

    def _history(
        self, frequency: Any, recency: Any, age: Any
    ) -> tuple[Floats, Floats, Floats, tuple[int, ...]]:
        """Frequency, recency and age broadcast together, checked, flattened; and their shape."""
        np = numpy()
        arrays = [
            np.asarray(as_times(value, self.unit, name), dtype=float)
            for name, value in (("frequency", frequency), ("recency", recency), ("age", age))
        ]
        try:
            x, tx, t = np.broadcast_arrays(*arrays)
        except ValueError as error:
            shapes = tuple(a.shape for a in arrays)
            raise ValidationError(
                "frequency, recency, age", shapes, "arrays that broadcast together"
            ) from error
        shape: tuple[int, ...] = x.shape
        checked = check_customers(x.ravel(), tx.ravel(), t.ravel(), self.unit)
        return checked[0], checked[1], checked[2], shape

    def _dropped_odds(self, x: Floats, tx: Floats, t: Floats) -> Floats:
        """``log`` of the odds of having dropped out, for customers with repeat purchases."""
        np = numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            odds: Floats = (
                np.log(self.a)
                - np.log(np.maximum(self.b + x - 1.0, 1e-300))
                + (self.r + x) * (np.log(self.alpha + t) - np.log(self.alpha + tx))
            )
        return odds

    def expected_purchases(
        self, t: Any, frequency: Any = 0, recency: Any = 0.0, age: Any = 0.0
    ) -> Any:
        """Expected repeat purchases in the next ``t`` units, given a customer's history.

        The conditional expectation of Fader, Hardie & Lee (2005, eq. 10); with the
        default history (no purchase, age 0) it is ``E[X(t)]`` for a customer just
        acquired. Arrays broadcast against each other.

        Args:
            t: The length of the period ahead, in the model's unit.
            frequency: Repeat purchases so far.
            recency: Time of the last repeat purchase, from the first purchase.
            age: Time from the first purchase to now.

        Raises:
            ValidationError: Durations in another unit, a negative ``t``, or an
                inconsistent history.

        Examples:
            >>> model = BGNBD.of(r=0.243, alpha=4.414, a=0.793, b=2.426, unit="week")
            >>> round(model.expected_purchases(39, 2, 30.43, 38.86), 3)
            1.226
        """
        np = numpy()
        special = scipy_special()
        ahead = np.asarray(as_times(t, self.unit, "t"), dtype=float)
        if np.any(ahead < 0) or not np.all(np.isfinite(ahead)):
            raise ValidationError("t", t, f"durations >= 0 in {self.unit.value}s")
        x, tx, tt, history = self._history(frequency, recency, age)
        try:
            shape = np.broadcast_shapes(ahead.shape, history)
        except ValueError as error:
            raise ValidationError(
                "t", ahead.shape, f"durations that broadcast with the history's shape {history}"
            ) from error
        ahead = np.broadcast_to(ahead, shape)
        x, tx, tt = (np.broadcast_to(v.reshape(history), shape) for v in (x, tx, tt))
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            z = ahead / (alpha + tt + ahead)
            hyper = special.hyp2f1(r + x, b + x, a + b + x - 1.0, z)
            shrink = np.exp((r + x) * (np.log(alpha + tt) - np.log(alpha + tt + ahead)))
            alive = np.where(x > 0, special.expit(-self._dropped_odds(x, tx, tt)), 1.0)
            value = (a + b + x - 1.0) / (a - 1.0) * (1.0 - shrink * hyper) * alive
        value = np.where(ahead == 0, 0.0, value)
        if not np.all(np.isfinite(value)):
            raise ValidationError(
                "BGNBD.a", self.a, "a != 1 (the closed form of expected purchases divides by a - 1)"
            )
        return float(value) if value.ndim == 0 else value

    def discounted_purchases(
        self,
        frequency: Any,
        recency: Any,
        age: Any,
        *,
        discount_rate: float,
        timing: str,
        horizon: int,
    ) -> Any:
        """Expected purchases of the next ``horizon`` periods, each discounted to now.

        A period is one ``unit`` of the model and ``discount_rate`` is per unit. The
        purchases expected in period ``k`` (``E[Y(k)] - E[Y(k - 1)]``, given the
        customer's history) are valued at the end of the period with ``"end"`` or
        ``"retained"`` (discounted ``k`` periods: purchases stop by themselves when a
        customer drops out, so the two agree), at its start with ``"start"``
        (``k - 1`` periods). Times a margin per purchase, this is the customer's
        lifetime value over the horizon.

        Raises:
            ValidationError: An unknown timing, a negative discount rate, a horizon
                that is not a whole number >= 1, or a bad history.

        Examples:
            >>> model = BGNBD.of(r=0.243, alpha=4.414, a=0.793, b=2.426, unit="week")
            >>> weekly = model.discounted_purchases(2, 30.43, 38.86, discount_rate=0.0,
            ...                                     timing="end", horizon=39)
            >>> round(weekly, 3) == round(model.expected_purchases(39, 2, 30.43, 38.86), 3)
            True
        """
        np = numpy()
        if timing not in ("retained", "start", "end"):
            raise ValidationError("timing", timing, "one of 'retained', 'start', 'end'")
        if (
            isinstance(discount_rate, bool)
            or not isinstance(discount_rate, int | float)
            or not math.isfinite(discount_rate)
            or discount_rate < 0.0
        ):
            raise ValidationError("discount_rate", discount_rate, "a finite number >= 0")
        if not isinstance(horizon, int) or isinstance(horizon, bool) or horizon < 1:
            raise ValidationError("horizon", horizon, f"a whole number of {self.unit.value}s >= 1")
        x, tx, t, shape = self._history(frequency, recency, age)
        # Customers who share a history share its value: evaluate each once.
        x, tx, t, back = _group(x, tx, t, inverse=True)
        periods = np.arange(1, horizon + 1, dtype=float)
        weights = (1.0 + discount_rate) ** -(periods - (1.0 if timing == "start" else 0.0))
        values = np.empty(x.size)
        chunk = max(1, 2_000_000 // (horizon + 1))
        for first in range(0, x.size, chunk):
            rows = slice(first, first + chunk)
            cumulative = self.expected_purchases(
                np.concatenate([[0.0], periods]),
                x[rows, None],
                tx[rows, None],
                t[rows, None],
            )
            values[rows] = np.diff(cumulative, axis=1) @ weights
        result = values[back]
        return float(result[0]) if shape == () else result.reshape(shape)

    @classmethod
    def of(
        cls, *, r: float, alpha: float, a: float, b: float, unit: Unit | str = Unit.PERIOD
    ) -> BGNBD:
        """A model with given parameters, not fitted: for published or simulated parameters.

        Examples:
            >>> BGNBD.of(r=0.243, alpha=4.414, a=0.793, b=2.426, unit="week").unit
            <Unit.WEEK: 'week'>
        """
        for name, value in (("r", r), ("alpha", alpha), ("a", a), ("b", b)):
            if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
                raise ValidationError(name, value, "a finite number > 0")
        nan = float("nan")
        return cls(
            r=float(r),
            alpha=float(alpha),
            a=float(a),
            b=float(b),
            log_likelihood=nan,
            standard_errors=dict.fromkeys(_NAMES, nan),
            convergence=Convergence(False, 0, nan, "none", "given, not fitted"),
            unit=unit,
            customers=0,
            covariance=tuple(tuple(nan for _ in _NAMES) for _ in _NAMES),
        )


def bg_nbd(frequency: Any, recency: Any, age: Any, *, unit: Unit | str | None = None) -> BGNBD:
    """Fit the BG/NBD model to customers' frequency, recency and age (Fader, Hardie & Lee 2005).

    Non-contractual settings: customers buy when they like and leave without
    saying so. The fit maximises the model's log-likelihood (FHL 2005, eq. 6) over
    the logarithms of ``r``, ``alpha``, ``a`` and ``b`` by an exact trust-region
    method with the analytic gradient and Hessian, on the distinct
    ``(frequency, recency, age)`` rows weighted by how many customers share them
    (a day-level log of a million customers has far fewer distinct rows).

    Args:
        frequency: Repeat purchases of each customer (whole numbers >= 0).
        recency: Time from each customer's first purchase to its last, in its unit.
        age: Time from each customer's first purchase to the end of observation.
        unit: The unit of plain numbers; ``Times`` (such as an
            [`RFM`][cocreation.estimate.RFM]'s ``recency`` and ``age``) carry their own.
            By default an unnamed period.

    Returns:
        The fitted model in the unit of the data.

    Raises:
        ValidationError: Bad or inconsistent data, or durations in different units.
        EstimationError: The optimiser failed or a parameter ran to a bound.

    Examples:
        >>> from cocreation import estimate
        >>> truth = estimate.BGNBD.of(r=0.5, alpha=8.0, a=0.7, b=3.0, unit="week")
        >>> sample = estimate.simulate_customers(truth, age=[52.0] * 2000, seed=1)
        >>> fit = estimate.bg_nbd(sample.frequency, sample.recency, sample.age)
        >>> fit.unit, fit.convergence.converged
        (<Unit.WEEK: 'week'>, True)
        >>> abs(fit.r - 0.5) < 3 * fit.standard_errors["r"]
        True
    """
    np = numpy()
    special = scipy_special()
    chosen = resolve_unit(unit, ("recency", recency), ("age", age))
    x, tx, t = check_customers(frequency, recency, age, chosen)
    x, tx, t, counts = _group(x, tx, t)
    total = float(counts.sum())
    w = counts / total
    # Sufficient statistics: the log-gamma terms depend on x alone and the log(alpha + T)
    # terms on T alone, so they are evaluated once per distinct value, with weights.
    xu, x_at = np.unique(x, return_inverse=True)
    wx = np.bincount(x_at, weights=w)
    tu, t_at = np.unique(t, return_inverse=True)
    wt = np.bincount(t_at, weights=w)
    wxt = np.bincount(t_at, weights=w * x)
    # Customers with repeat purchases also have a dropped-out branch, row by row.
    buyers = x > 0
    xb, txb, tb, wb = x[buyers], tx[buyers], t[buyers], w[buyers]
    shift = xb - 1.0

    def objective(phi: Floats) -> tuple[float, Floats, Floats]:
        r, alpha, a, b = np.exp(phi)
        log_t = np.log(alpha + tu)
        inv_t = 1.0 / (alpha + tu)
        on_t = r * wt + wxt  # sum of w (r + x) per distinct T
        value = float(
            wx @ (special.gammaln(r + xu) + special.gammaln(b + xu) - special.gammaln(a + b + xu))
            - on_t @ log_t
        ) + (-special.gammaln(r) + r * np.log(alpha) + special.gammaln(a + b) - special.gammaln(b))
        psi_abx = wx @ special.digamma(a + b + xu)
        tri_abx = wx @ special.polygamma(1, a + b + xu)
        psi_ab = special.digamma(a + b)
        tri_ab = special.polygamma(1, a + b)
        g = np.array(
            [
                wx @ special.digamma(r + xu) - special.digamma(r) + np.log(alpha) - wt @ log_t,
                r / alpha - on_t @ inv_t,
                psi_ab - psi_abx,
                psi_ab + wx @ special.digamma(b + xu) - special.digamma(b) - psi_abx,
            ]
        )
        h = np.zeros((4, 4))
        h[0, 0] = wx @ special.polygamma(1, r + xu) - special.polygamma(1, r)
        h[0, 1] = 1.0 / alpha - wt @ inv_t
        h[1, 1] = -r / alpha**2 + on_t @ inv_t**2
        h[2, 2] = tri_ab - tri_abx
        h[2, 3] = h[2, 2]
        h[3, 3] = tri_ab + wx @ special.polygamma(1, b + xu) - special.polygamma(1, b) - tri_abx
        if xb.size:
            # The dropped-out branch: log(A3 + A4) = log A3 + softplus(u), with
            # u = log a - log(b + x - 1) + (r + x) log((alpha + T) / (alpha + t_x)).
            inv_tx = 1.0 / (alpha + txb)
            inv_tb = 1.0 / (alpha + tb)
            rx = r + xb
            inv_shift = 1.0 / (b + shift)
            spread_log = np.log(alpha + tb) - np.log(alpha + txb)
            u = np.log(a) + np.log(inv_shift) + rx * spread_log
            q = special.expit(u)
            wq = wb * q
            ws = wq * (1.0 - q)
            gap = inv_tx - inv_tb
            du = {0: spread_log, 1: -rx * gap, 3: -inv_shift}
            value += float(wb @ np.logaddexp(0.0, u))
            g += np.array([wq @ du[0], wq @ du[1], float(wq.sum()) / a, wq @ du[3]])
            for i in (0, 1, 3):
                h[min(i, 2), max(i, 2)] += float(ws @ du[i]) / a
                for j in (0, 1, 3):
                    if j >= i:
                        h[i, j] += float(ws @ (du[i] * du[j]))
            h[2, 2] += float(ws.sum()) / a**2 - float(wq.sum()) / a**2
            h[0, 1] -= wq @ gap
            h[1, 1] += wq @ (rx * (inv_tx**2 - inv_tb**2))
            h[3, 3] += wq @ inv_shift**2
        h = np.triu(h) + np.triu(h, 1).T
        theta = np.array([r, alpha, a, b])
        gl, hl = log_scale(theta, g, h)
        return value, gl, hl

    mean_x = float(w @ x)
    mean_t = max(float(w @ t), 1e-9)
    start = (1.0, max(mean_t / max(mean_x, 0.1), 1e-3), 1.0, 1.0)
    fitted = maximise("bg_nbd", _NAMES, objective, start, weight=total, causes=_CAUSES)
    r, alpha, a, b = fitted.values
    return BGNBD(
        r=r,
        alpha=alpha,
        a=a,
        b=b,
        log_likelihood=fitted.log_likelihood,
        standard_errors=fitted.standard_errors(_NAMES),
        convergence=fitted.convergence,
        unit=chosen,
        customers=int(total),
        covariance=fitted.covariance,
    )
