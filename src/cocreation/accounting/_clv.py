"""Customer lifetime value: the three timing conventions, finite and infinite horizons."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, get_args

from cocreation._optional import require
from cocreation.errors import DivergenceError, ValidationError

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]
    Bools = npt.NDArray[Any]

__all__ = [
    "Timing",
    "clv",
    "clv_array",
    "lifetime_factor",
    "lifetime_factor_array",
    "per_period_rate",
    "per_period_retention",
]

Timing: TypeAlias = Literal["retained", "start", "end"]
"""When the first margin arrives.

- ``"retained"``: one period out, and only if the customer is retained: ``m·r/(1+d−r)``.
- ``"start"``: now, certainly: ``m(1+d)/(1+d−r)``.
- ``"end"``: at the end of the first period, certainly: ``m/(1+d−r)``.

Examples:
    >>> from typing import get_args
    >>> get_args(Timing)
    ('retained', 'start', 'end')
"""

_TIMINGS: tuple[str, ...] = get_args(Timing)


def _finite(name: str, value: object, expected: str = "a finite number") -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise ValidationError(name, value, expected)
    return float(value)


def lifetime_factor(
    retention: float,
    discount_rate: float,
    *,
    timing: Timing,
    horizon: int | None = None,
    growth: float = 0.0,
) -> float:
    """The present value of a margin of 1 per period over the customer's lifetime.

    ``clv(m, ...)`` equals ``m * lifetime_factor(...) - acquisition_cost``.

    Args:
        retention: Probability of staying for another period, in [0, 1].
        discount_rate: Discount rate per period (>= 0).
        timing: ``"retained"``, ``"start"`` or ``"end"`` (see [`Timing`][cocreation.accounting.Timing]).
        horizon: How many margins to count, or ``None`` for an infinite horizon.
        growth: Growth of the margin per period (> -1).

    Returns:
        The multiplier of the margin.

    Raises:
        ValidationError: An input outside its range, or an unknown timing.
        DivergenceError: An infinite horizon with ``retention * (1 + growth) >= 1 + discount_rate``.

    Examples:
        >>> lifetime_factor(0.8, 0.12, timing="retained")  # Gupta & Lehmann's margin multiple
        2.5
    """
    r = _finite("retention", retention, "a probability in [0, 1]")
    if not 0.0 <= r <= 1.0:
        raise ValidationError("retention", retention, "a probability in [0, 1]")
    d = _finite("discount_rate", discount_rate, "a finite number >= 0")
    if d < 0.0:
        raise ValidationError("discount_rate", discount_rate, "a finite number >= 0")
    g = _finite("growth", growth, "a finite number > -1")
    if g <= -1.0:
        raise ValidationError("growth", growth, "a finite number > -1")
    if timing not in _TIMINGS:
        raise ValidationError("timing", timing, "one of 'retained', 'start', 'end'")
    if horizon is not None and (
        not isinstance(horizon, int) or isinstance(horizon, bool) or horizon < 0
    ):
        raise ValidationError(
            "horizon", horizon, "an integer >= 0, or None for an infinite horizon"
        )

    if horizon is None and _ratio(r, d, g) >= 1.0:
        raise DivergenceError("retention", retention, _diverging(d, g))
    factor = float(_factor(r, d, g, timing, horizon))
    if not math.isfinite(factor):
        raise DivergenceError("horizon", horizon, "a horizon whose sum stays finite")
    return factor


def _diverging(d: float, g: float) -> str:
    return (
        f"a retention below (1 + discount_rate) / (1 + growth) = {(1.0 + d) / (1.0 + g):g}"
        " for an infinite horizon"
    )


def _factor(r: Any, d: Any, g: Any, timing: str, horizon: int | None) -> Any:
    """The lifetime factor of a margin of 1, over floats or NumPy arrays alike (after the checks).

    The k-th margin (k = 0, 1, ...) is ``m (1+g)^k``; it is weighed by the timing's
    first weight (``r/(1+d)`` retained, ``1`` start, ``1/(1+d)`` end) times ``q^k``
    with ``q = r(1+g)/(1+d)``. Summed to infinity that is ``first / (1 − q)``; a
    horizon of N margins multiplies it by ``1 − q^N``, and where ``q = 1`` the sum is
    N times the first weight.
    """
    inverse = 1.0 / (1.0 + d)
    ratio = r * ((1.0 + g) * inverse)
    first = r * inverse if timing == "retained" else (1.0 if timing == "start" else inverse)
    if horizon is None:
        return first / (1.0 - ratio)
    singular = ratio == 1.0
    if isinstance(singular, bool):
        return (
            first * float(horizon) if singular else first * (1.0 - ratio**horizon) / (1.0 - ratio)
        )
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        regular = first * (1.0 - ratio**horizon) / (1.0 - ratio)
    return np.where(singular, first * float(horizon), regular)


def _ratio(r: Any, d: Any, g: Any) -> Any:
    """``q = r(1+g)/(1+d)``, as [`_factor`][] computes it: 1 or more where an infinite sum diverges."""
    return r * ((1.0 + g) * (1.0 / (1.0 + d)))


def clv(
    margin: float,
    retention: float,
    discount_rate: float,
    *,
    timing: Timing,
    horizon: int | None = None,
    growth: float = 0.0,
    acquisition_cost: float = 0.0,
) -> float:
    """Customer lifetime value of a margin per period (Gupta & Lehmann; Fader & Hardie).

    The three timing conventions give different answers, so ``timing`` has no default:

    - ``"retained"``: first margin one period out, only if retained: ``m·r/(1+d−r)``;
    - ``"start"``: first margin now: ``m(1+d)/(1+d−r)``;
    - ``"end"``: first margin certain at the end of period one: ``m/(1+d−r)``.

    A finite ``horizon=N`` counts N margins (periods 1..N, or 0..N−1 for ``"start"``):
    for ``"retained"`` that is ``m·q(1−q^N)/(1−q)`` with ``q = r/(1+d)``; it rises with
    N toward the infinite form. ``growth`` lets the margin grow by that rate per
    period; ``acquisition_cost`` is paid once, now.

    Args:
        margin: Margin per period (may be negative).
        retention: Probability of staying for another period, in [0, 1].
        discount_rate: Discount rate per period (>= 0); see [`per_period_rate`][cocreation.per_period_rate].
        timing: ``"retained"``, ``"start"`` or ``"end"``.
        horizon: How many margins to count, or ``None`` for an infinite horizon.
        growth: Growth of the margin per period (> -1).
        acquisition_cost: Paid once to win the customer (>= 0).

    Returns:
        The lifetime value, always finite.

    Raises:
        ValidationError: An input outside its range, NaN or infinite, an unknown
            timing, or a negative horizon.
        DivergenceError: An infinite horizon with retention >= 1 + discount rate
            (with growth: ``r(1+g) >= 1+d``).

    Examples:
        >>> clv(100.0, 0.8, 0.12, timing="retained")  # Gupta & Lehmann (2003): multiple 2.5
        250.0
        >>> round(clv(100.0, 0.8, 0.12, timing="start"), 2)
        350.0
        >>> round(clv(100.0, 0.8, 0.12, timing="end"), 2)
        312.5
        >>> round(clv(100.0, 0.8, 0.12, timing="retained", horizon=3), 2)
        158.89
        >>> clv(100.0, 1.0, 0.0, timing="retained")
        Traceback (most recent call last):
        ...
        cocreation.errors.DivergenceError: retention: expected a retention below (1 + discount_rate) / (1 + growth) = 1 for an infinite horizon, got 1.0
    """
    m = _finite("margin", margin)
    cost = _finite("acquisition_cost", acquisition_cost, "a finite number >= 0")
    if cost < 0.0:
        raise ValidationError("acquisition_cost", acquisition_cost, "a finite number >= 0")
    factor = lifetime_factor(
        retention, discount_rate, timing=timing, horizon=horizon, growth=growth
    )
    value = m * factor - cost
    if not math.isfinite(value):
        raise ValidationError("margin", margin, "a margin whose lifetime value is finite")
    return value


def per_period_rate(annual_rate: float, periods_per_year: int) -> float:
    """Convert an annual discount rate into the equivalent rate per period.

    ``(1 + annual_rate) ** (1 / periods_per_year) - 1``, so that compounding the
    per-period rate over a year gives the annual rate.

    Raises:
        ValidationError: A rate <= -1, NaN or infinite, or a non-positive number of periods.

    Examples:
        >>> round(per_period_rate(0.1268250301, 12), 6)  # 1% a month
        0.01
    """
    a = _finite("annual_rate", annual_rate, "a finite number > -1")
    if a <= -1.0:
        raise ValidationError("annual_rate", annual_rate, "a finite number > -1")
    if (
        not isinstance(periods_per_year, int)
        or isinstance(periods_per_year, bool)
        or periods_per_year < 1
    ):
        raise ValidationError("periods_per_year", periods_per_year, "an integer >= 1")
    return float((1.0 + a) ** (1.0 / periods_per_year) - 1.0)


def per_period_retention(annual_retention: float, periods_per_year: int) -> float:
    """Convert an annual retention rate into the equivalent retention per period.

    ``annual_retention ** (1 / periods_per_year)``: staying every period of a year is
    as likely as staying the year.

    Raises:
        ValidationError: A retention outside [0, 1] or a non-positive number of periods.

    Examples:
        >>> round(per_period_retention(0.81, 2), 6)
        0.9
    """
    r = _finite("annual_retention", annual_retention, "a probability in [0, 1]")
    if not 0.0 <= r <= 1.0:
        raise ValidationError("annual_retention", annual_retention, "a probability in [0, 1]")
    if (
        not isinstance(periods_per_year, int)
        or isinstance(periods_per_year, bool)
        or periods_per_year < 1
    ):
        raise ValidationError("periods_per_year", periods_per_year, "an integer >= 1")
    return float(r ** (1.0 / periods_per_year))


# ---------------------------------------------------------------- over arrays


def _float_array(name: str, value: Any) -> Floats:
    import numpy as np

    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValidationError(name, value, "a finite number or an array of them") from None
    if np.asarray(value).dtype.kind == "b":
        raise ValidationError(name, value, "a finite number or an array of them")
    return array


def _where(name: str, array: Floats, bad: Bools) -> tuple[str, Any]:
    import numpy as np

    if array.ndim == 0:
        return name, array.item()
    position = np.unravel_index(int(np.flatnonzero(bad.ravel())[0]), bad.shape)
    label = ", ".join(str(int(i)) for i in position)
    return f"{name}[{label}]", array[position].item()


def _check(
    name: str,
    array: Floats,
    expected: str,
    low: float | None,
    high: float | None,
    *,
    open_low: bool = False,
) -> float:
    """Raise naming the first element that is not finite or outside the bounds; else its maximum."""
    import numpy as np

    if array.size == 0:
        return -math.inf
    smallest, largest = float(array.min()), float(array.max())
    fine = math.isfinite(smallest) and math.isfinite(largest)
    if fine and low is not None:
        fine = smallest > low if open_low else smallest >= low
    if fine and high is not None:
        fine = largest <= high
    if fine:
        return largest
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(array)
        if low is not None:
            bad |= (array <= low) if open_low else (array < low)
        if high is not None:
            bad |= array > high
    field, value = _where(name, array, bad)
    raise ValidationError(field, value, expected)


def _lifetime(
    retention: Any,
    discount_rate: Any,
    *,
    timing: Timing,
    horizon: int | None,
    growth: Any,
    names: Sequence[str] | None = None,
) -> Floats:
    """The lifetime factor of a margin of 1, element by element, after the checks.

    With ``names`` (one per element of a 1-d ``retention``), a diverging retention is
    named ``Customer.retention of '<name>'``, as [`firm_value`][cocreation.firm_value] does.
    """
    r = _float_array("retention", retention)
    _check("retention", r, "a probability in [0, 1]", 0.0, 1.0)
    d = _float_array("discount_rate", discount_rate)
    _check("discount_rate", d, "a finite number >= 0", 0.0, None)
    g = _float_array("growth", growth)
    _check("growth", g, "a finite number > -1", -1.0, None, open_low=True)
    if timing not in _TIMINGS:
        raise ValidationError("timing", timing, "one of 'retained', 'start', 'end'")
    if horizon is not None and (
        not isinstance(horizon, int) or isinstance(horizon, bool) or horizon < 0
    ):
        raise ValidationError(
            "horizon", horizon, "an integer >= 0, or None for an infinite horizon"
        )
    return _chunked(r, d, g, timing, horizon, names)


_CHUNK: Final = 1 << 15
"""How many elements the array path evaluates at a time: its temporaries stay in cache."""


def _chunked(
    r: Floats,
    d: Floats,
    g: Floats,
    timing: str,
    horizon: int | None,
    names: Sequence[str] | None,
) -> Floats:
    """[`_factor`][] over arrays, a cache-sized chunk at a time, into one output array.

    The formula is the scalar one; evaluating it on chunks keeps its temporaries in
    cache and reuses their memory, which on large arrays costs less than the few
    passes over the data the formula makes.
    """
    import numpy as np

    shape = np.broadcast_shapes(r.shape, d.shape, g.shape)
    flat = [x if x.ndim == 0 else np.broadcast_to(x, shape).reshape(-1) for x in (r, d, g)]
    size = int(np.prod(shape)) if shape else 1
    factor = np.empty(size, dtype=np.float64)
    for start in range(0, size, _CHUNK):
        stop = min(start + _CHUNK, size)
        rr, dd, gg = (x if x.ndim == 0 else x[start:stop] for x in flat)
        if horizon is None:
            ratio = _ratio(rr, dd, gg)
            if float(np.max(ratio)) >= 1.0:
                bad = np.zeros(size, dtype=np.bool_)
                bad[start:stop] = np.broadcast_to(ratio >= 1.0, (stop - start,))
                _diverges(bad.reshape(shape), r, d, g, names)
        factor[start:stop] = _factor(rr, dd, gg, timing, horizon)
    if horizon is not None and not np.isfinite(factor).all():
        raise DivergenceError("horizon", horizon, "a horizon whose sum stays finite")
    return factor.reshape(shape)


def _diverges(bad: Bools, r: Floats, d: Floats, g: Floats, names: Sequence[str] | None) -> None:
    """Raise for the first element whose infinite-horizon sum diverges."""
    import numpy as np

    shape = bad.shape
    at = np.unravel_index(int(np.flatnonzero(bad.ravel())[0]), shape) if shape else ()
    rate = float(np.broadcast_to(d, shape)[at])
    grows = float(np.broadcast_to(g, shape)[at])
    value = float(np.broadcast_to(r, shape)[at])
    if names is not None and len(at) == 1:
        field = f"Customer.retention of {names[int(at[0])]!r}"
    elif r.ndim:
        field = "retention[" + ", ".join(str(int(i)) for i in at) + "]"
    else:
        field = "retention"
    raise DivergenceError(field, value, _diverging(rate, grows))


def lifetime_factor_array(
    retention: Any,
    discount_rate: Any,
    *,
    timing: Timing,
    horizon: int | None = None,
    growth: Any = 0.0,
) -> Floats:
    """[`lifetime_factor`][cocreation.lifetime_factor] over arrays, element by element.

    ``retention``, ``discount_rate`` and ``growth`` are numbers or NumPy arrays (or
    anything ``numpy.asarray`` takes) that broadcast together; the checks and the
    timing conventions are those of the scalar function, and an error names the
    first offending element (``retention[3]``).

    Raises:
        ValidationError: An element outside its range, NaN or infinite; an unknown
            timing; a negative horizon.
        DivergenceError: An infinite horizon with ``retention (1 + growth) >= 1 +
            discount_rate`` for some element.
        MissingExtraError: NumPy is not installed.

    Examples:
        >>> lifetime_factor_array([0.8, 0.5], 0.12, timing="retained").round(4).tolist()
        [2.5, 0.8065]
    """
    require("numpy", "pandas", "lifetime_factor_array")
    return _lifetime(retention, discount_rate, timing=timing, horizon=horizon, growth=growth)


def clv_array(
    margin: Any,
    retention: Any,
    discount_rate: Any,
    *,
    timing: Timing,
    horizon: int | None = None,
    growth: Any = 0.0,
    acquisition_cost: Any = 0.0,
) -> Floats:
    """Customer lifetime value over arrays: [`clv`][cocreation.clv] for many customers at once.

    Every argument but ``timing`` and ``horizon`` is a number or a NumPy array (or
    anything ``numpy.asarray`` takes); they broadcast together. The formulas, timing
    conventions and checks are those of [`clv`][cocreation.clv], and an error names
    the first offending element, such as ``retention[41]``.

    Args:
        margin: Margin per period (may be negative).
        retention: Probability of staying for another period, in [0, 1].
        discount_rate: Discount rate per period (>= 0).
        timing: ``"retained"``, ``"start"`` or ``"end"`` (no default).
        horizon: How many margins to count, or ``None`` for an infinite horizon.
        growth: Growth of the margin per period (> -1).
        acquisition_cost: Paid once to win each customer (>= 0).

    Returns:
        A float64 array of lifetime values, always finite.

    Raises:
        ValidationError: An element outside its range, NaN or infinite, an unknown
            timing, or a negative horizon.
        DivergenceError: An infinite horizon with retention >= 1 + discount rate for
            some element.
        MissingExtraError: NumPy is not installed.

    Examples:
        >>> import numpy as np
        >>> values = clv_array(np.array([100.0, 50.0]), np.array([0.8, 0.8]), 0.12, timing="retained")
        >>> values.round(9).tolist()  # equal to clv up to floating-point rounding
        [250.0, 125.0]
        >>> clv_array([100.0], [1.2], 0.12, timing="start")
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: retention[0]: expected a probability in [0, 1], got 1.2
    """
    require("numpy", "pandas", "clv_array")
    import numpy as np

    m = _float_array("margin", margin)
    cost = _float_array("acquisition_cost", acquisition_cost)
    try:
        _check("acquisition_cost", cost, "a finite number >= 0", 0.0, None)
        factor = _lifetime(retention, discount_rate, timing=timing, horizon=horizon, growth=growth)
    except ValidationError:
        _check("margin", m, "a finite number", None, None)  # reported first, as by clv
        raise
    shape = np.broadcast_shapes(factor.shape, m.shape, cost.shape)
    value = np.multiply(factor, m, out=factor) if factor.shape == shape and shape else factor * m
    if cost.ndim or float(cost) != 0.0:
        value = (
            np.subtract(value, cost, out=value) if value.shape == shape and shape else value - cost
        )
    if not math.isfinite(float(np.sum(value))):
        # A margin that is NaN or infinite makes its value so: only now look for it.
        _check("margin", m, "a finite number", None, None)
        bad = ~np.isfinite(value)
        if bad.any():
            field, shown = _where("margin", np.broadcast_to(m, shape), bad)
            raise ValidationError(field, shown, "a margin whose lifetime value is finite")
    return np.asarray(value, dtype=np.float64)
