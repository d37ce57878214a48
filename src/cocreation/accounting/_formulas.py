"""Every formula of the accounting, written once over floats or NumPy arrays.

The object path calls these with Python floats, one interaction or customer at a
time; the bulk path calls them with NumPy arrays, every row at once. The same
operators serve both, so a formula cannot drift between the two paths, and NumPy
stays optional for the object path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = [
    "achieved",
    "capitalised",
    "discount_divisor",
    "discounted",
    "importance_weight",
    "over_periods",
    "price_of",
    "referral_brought",
    "scale",
    "share_of",
    "signed_total",
    "value_in_use",
    "valued",
]

Amount = TypeVar("Amount", float, "npt.NDArray[Any]")
"""A Python float, or a NumPy array of them: every formula takes either."""


def scale(occurrences: Amount, count: Amount) -> Amount:
    """How many times an interaction's per-occurrence amounts count: occurrences × segment count.

    Examples:
        >>> scale(2.0, 400.0)
        800.0
    """
    result: Amount = occurrences * count
    return result


def importance_weight(importance: Amount) -> Amount:
    """An outcome's weight in the achievement index: its importance on the 0-10 scale, / 10.

    Examples:
        >>> importance_weight(8.0)
        0.8
    """
    result: Amount = importance / 10.0
    return result


def achieved(level: Amount, personalisation: Amount) -> Amount:
    """An outcome's achievement raised by personalisation toward full: ``a + p(1 − a)``.

    Examples:
        >>> achieved(0.5, 0.5)
        0.75
    """
    result: Amount = level + personalisation * (1.0 - level)
    return result


def value_in_use(job_value: Amount, index: Amount, scaled: Amount) -> Amount:
    """Value-in-use: the job's value times its achievement index, for every occurrence counted.

    Examples:
        >>> value_in_use(20.0, 0.9, 100.0)
        1800.0
    """
    result: Amount = job_value * index * scaled
    return result


def valued(quantity: Amount, unit_value: Amount, scaled: Amount) -> Amount:
    """A sacrifice valued in money, for every occurrence counted: quantity × its unit value.

    The customer's time is its hours at its value of time; its expected risk loss is
    the probability of the loss at the loss.

    Examples:
        >>> valued(0.1, 30.0, 100.0)  # 0.1 hours at 30 an hour, 100 times
        300.0
        >>> valued(0.25, 40.0, 2.0)  # a 25% risk of losing 40, twice
        20.0
    """
    result: Amount = quantity * unit_value * scaled
    return result


def price_of(unit_amount: Amount, units: Amount) -> Amount:
    """What units cost at a unit amount (a price with its modules, or a unit cost).

    Examples:
        >>> price_of(150.0, 4.0)
        600.0
    """
    result: Amount = unit_amount * units
    return result


def share_of(amount: Amount, share: Amount) -> Amount:
    """A revenue share of an amount.

    Examples:
        >>> share_of(600.0, 0.2)
        120.0
    """
    result: Amount = amount * share
    return result


def discount_divisor(rate: float | Amount, period: Amount) -> Amount:
    """What an amount of a later period is divided by to be money of period 0: ``(1 + rate) ** period``.

    A table of it by period serves many amounts of few periods.

    Examples:
        >>> round(discount_divisor(0.12, 2.0), 6)
        1.2544
    """
    result: Amount = (1.0 + rate) ** period
    return result


def discounted(amount: Amount, rate: float | Amount, period: Amount) -> Amount:
    """An amount of a later period in money of period 0: ``amount / (1 + rate) ** period``.

    Examples:
        >>> round(discounted(112.0, 0.12, 1.0), 6)
        100.0
    """
    result: Amount = amount / discount_divisor(rate, period)
    return result


def capitalised(recurring: Amount, factor: Amount, span: float, once: Amount) -> Amount:
    """A firm-value line: recurring flows as a run rate over the lifetime, plus one-off flows.

    ``factor × recurring / span + once``, where ``recurring`` sums the recurring flows
    over the ``span`` periods they are spread over, ``factor`` is the lifetime factor
    of a margin of 1 per period, and ``once`` the one-off flows already discounted.

    Examples:
        >>> capitalised(200.0, 2.5, 2.0, 10.0)
        260.0
    """
    result: Amount = factor * recurring / span + once
    return result


def over_periods(rate: Amount, periods: float) -> Amount:
    """A margin of 1 in each of the periods modelled, in money of period 0: ``Σ (1 + d)^-k``.

    The lifetime factor of a customer whose retention is not modelled: its flows
    count over the ``periods`` modelled (k = 0 .. periods − 1), and not beyond.

    Examples:
        >>> over_periods(0.0, 3.0)
        3.0
        >>> round(over_periods(0.1, 2.0), 6)  # 1 + 1/1.1
        1.909091
    """
    result: Amount = 1.0 + 0.0 * rate  # keeps the type of rate: a float or an array
    for k in range(1, int(periods)):
        result = result + (1.0 + rate) ** -float(k)
    return result


def referral_brought(
    count: Amount,
    acquisition_cost: float | Amount,
    incrementality: Amount,
    lifetime: Amount,
    rate: float | Amount,
    referred_in: Amount,
) -> Amount:
    """What a referred customer brings its referrer (Kumar, Petersen & Leone 2007, 2010).

    The acquisition cost saved on its members, plus its lifetime value in proportion to
    the probability that it would not have come otherwise, discounted from the period
    of the referral to period 0.

    Examples:
        >>> referral_brought(1.0, 300.0, 0.5, 250.0, 0.12, 0.0)
        425.0
    """
    result: Amount = discounted(
        count * acquisition_cost + incrementality * lifetime, rate, referred_in
    )
    return result


def signed_total(amounts: Mapping[str, Amount], signs: Iterable[tuple[str, int]]) -> Amount:
    """The sum of lines with their signs: what the lines come to, and nothing else.

    Examples:
        >>> signed_total({"value_in_use": 9.0, "effort": 2.0}, [("value_in_use", 1), ("effort", -1)])
        7.0
    """
    pairs = iter(signs)
    name, sign = next(pairs)
    total: Amount = amounts[name] if sign > 0 else -amounts[name]
    for name, sign in pairs:
        total = total + amounts[name] if sign > 0 else total - amounts[name]
    return total
