"""Customer lifetime value: the three timing conventions, finite and infinite horizons."""

from __future__ import annotations

import math
from typing import Literal, TypeAlias, get_args

from cocreation.errors import DivergenceError, ValidationError

__all__ = ["Timing", "clv", "lifetime_factor", "per_period_rate", "per_period_retention"]

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

    # The k-th margin (k = 0, 1, ...) is m (1+g)^k; its weight is a first factor times Q^k.
    ratio = r * (1.0 + g) / (1.0 + d)
    first = {"retained": r / (1.0 + d), "start": 1.0, "end": 1.0 / (1.0 + d)}[timing]
    if horizon is None:
        if ratio >= 1.0:
            raise DivergenceError(
                "retention",
                retention,
                f"a retention below (1 + discount_rate) / (1 + growth) = {(1.0 + d) / (1.0 + g):g}"
                " for an infinite horizon",
            )
        series = 1.0 / (1.0 - ratio)
    elif ratio == 1.0:
        series = float(horizon)
    else:
        series = (1.0 - ratio**horizon) / (1.0 - ratio)
    factor = first * series
    if not math.isfinite(factor):
        raise DivergenceError("horizon", horizon, "a horizon whose sum stays finite")
    return factor


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
