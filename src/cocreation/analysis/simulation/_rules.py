"""The rules of a simulation: small typed objects saying what changes, when and by how much.

Each rule is a frozen attrs class whose fields are checked when it is made (a rate
outside [0, 1], a negative lag, an empty id), and again against the ecosystem when
[`simulate`][cocreation.simulate] runs (an id the ecosystem does not hold, a rise
that would lift a retention above 1). A rule holds no state and calls nothing: the
simulation reads it.
"""

from __future__ import annotations

import math
from typing import Any, TypeAlias

from attrs import field, frozen

from cocreation.errors import ValidationError

__all__ = ["Harm", "Help", "Ideas", "Learning", "Referrals", "Rule", "Survival"]


def _identifier(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        name = f"{type(instance).__name__}.{attribute.name}"
        raise ValidationError(name, value, "a non-empty id")


def _unit(instance: Any, attribute: Any, value: Any) -> None:
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or not 0.0 <= value <= 1.0
    ):
        name = f"{type(instance).__name__}.{attribute.name}"
        raise ValidationError(name, value, "a rate in [0, 1]")


def _optional_unit(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _unit(instance, attribute, value)


def _optional_non_negative(instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or value < 0.0
    ):
        name = f"{type(instance).__name__}.{attribute.name}"
        raise ValidationError(name, value, "a finite number >= 0, or None")


def _as_floats(value: Any) -> tuple[Any, ...]:
    try:
        return tuple(float(item) if isinstance(item, int | float) else item for item in value)
    except TypeError:
        return (value,)


def _curve(instance: Any, attribute: Any, value: tuple[Any, ...]) -> None:
    name = f"{type(instance).__name__}.{attribute.name}"
    if not value:
        raise ValidationError(name, value, "at least one retention rate")
    for number, item in enumerate(value):
        if (
            not isinstance(item, float)
            or isinstance(item, bool)
            or not math.isfinite(item)
            or not 0.0 <= item <= 1.0
        ):
            raise ValidationError(f"{name}[{number}]", item, "a rate in [0, 1]")


def _lag(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        name = f"{type(instance).__name__}.{attribute.name}"
        raise ValidationError(name, value, "a whole number of periods >= 0")


@frozen
class Survival:
    """A segment's retention by tenure: a survival curve instead of one constant rate.

    A member in the k-th period of its tenure (k = 0 for its first) stays for the
    next with ``retention[k]``; past the end of the tuple, the last rate holds. A fit
    of the shifted-beta-geometric model gives such a curve:
    ``tuple(fit.retention(range(1, 11)))`` (see [`cocreation.estimate`](../reference/estimate.md)).

    Attributes:
        customer: The id of the customer (segment) whose members follow the curve.
        retention: Retention rates in [0, 1], by period of tenure.

    Examples:
        >>> Survival("shops", (0.6, 0.75, 0.85)).retention
        (0.6, 0.75, 0.85)
        >>> Survival("shops", (0.6, 1.2))
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: Survival.retention[1]: expected a rate in [0, 1], got 1.2
    """

    customer: str = field(validator=_identifier)
    retention: tuple[float, ...] = field(converter=_as_floats, validator=_curve)


@frozen
class Referrals:
    """Referrals bring newcomers into a segment, in proportion to the referrer's active members.

    Each period, every active member of ``referrer`` brings on average ``rate``
    newcomers (a Poisson draw); they join ``segment`` at the start of the next
    period, behave as its members from then on, and count for the referrer's
    referral value: the acquisition cost saved on each, and the margins they bring
    in proportion to their ``incrementality``, the probability that they would not
    have come otherwise (Kumar, Petersen & Leone 2010). The newcomers who would have
    come anyway arrive too: incrementality decides what the referrer is credited
    with, not who arrives.

    Attributes:
        referrer: The id of the referring customer.
        segment: The id of the customer (segment) the newcomers join.
        rate: Newcomers per active member of the referrer and period (>= 0), or
            ``None`` for the rate the referral interactions imply: the occurrences
            of the referrer's recurring ``REFERRAL`` interactions with ``segment``.
        incrementality: In [0, 1], or ``None`` for the segment's own
            ([`Customer.incrementality`][cocreation.Customer]).

    Examples:
        >>> Referrals("harbour", "meadow", rate=0.1).incrementality is None
        True
    """

    referrer: str = field(validator=_identifier)
    segment: str = field(validator=_identifier)
    rate: float | None = field(default=None, validator=_optional_non_negative)
    incrementality: float | None = field(default=None, validator=_optional_unit)


@frozen
class Help:
    """Support between customers or community help: the helped customer's achievement and retention rise.

    At full strength the helped customer's retention rises by ``retention`` and
    ``achievement`` of the gap to full achievement of its outcomes is closed
    (``a + s(1 − a)``, the rule by which personalisation raises achievement). The
    strength is the share of the helper's members still active (its members at
    period 0 are full strength) when the helper is a customer, and full when it is
    the organisation or a partner (a community platform, say). Several rules on one
    customer add their retention rises and compose their shares.

    Attributes:
        source: The id of the helper: a customer, the organisation or a partner.
        target: The id of the customer helped.
        retention: Rise of the target's retention at full strength, in [0, 1].
        achievement: Share of the gap to full achievement closed at full strength, in [0, 1].

    Examples:
        >>> Help("community", "shops", retention=0.1, achievement=0.2)
        Help(source='community', target='shops', retention=0.1, achievement=0.2)
        >>> Help("community", "shops", retention=-0.1)
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: Help.retention: expected a rate in [0, 1], got -0.1
    """

    source: str = field(validator=_identifier)
    target: str = field(validator=_identifier)
    retention: float = field(default=0.0, validator=_unit)
    achievement: float = field(default=0.0, validator=_unit)


@frozen
class Harm:
    """Harmful support and negative word of mouth: the target's achievement and retention fall.

    Value co-destruction (Plé & Chumpitaz Cáceres 2010): at full strength the
    target's retention falls by ``retention`` and ``achievement`` of the way from
    what it achieves to full destruction (an achievement of −1) is opened
    (``a − s(1 + a)``). Strength as for [`Help`][cocreation.analysis.Help].

    Attributes:
        source: The id of who harms: a customer, the organisation or a partner.
        target: The id of the customer harmed.
        retention: Fall of the target's retention at full strength, in [0, 1].
        achievement: Share of the way to full destruction opened at full strength, in [0, 1].

    Examples:
        >>> Harm("complainers", "members", retention=0.05).achievement
        0.0
    """

    source: str = field(validator=_identifier)
    target: str = field(validator=_identifier)
    retention: float = field(default=0.0, validator=_unit)
    achievement: float = field(default=0.0, validator=_unit)


@frozen
class Ideas:
    """Ideas adopted pay off after a lag: a customer's ``DESIGN`` value objects arrive later.

    The value objects that the customer's ``DESIGN`` interactions give (ideas and
    feedback, valued by whoever receives them) in period t are received in period
    t + ``lag``, from the members active in period t; those due after the last
    period are not counted. Money paid for them (an incentive) stays in its period.

    Attributes:
        customer: The id of the customer whose ideas pay off later.
        lag: Periods between the idea and its payoff (>= 0).

    Examples:
        >>> Ideas("harbour", lag=2).lag
        2
    """

    customer: str = field(validator=_identifier)
    lag: int = field(validator=_lag)


@frozen
class Learning:
    """Personalisation learned over the lifetime of use raises achievement period by period.

    After k periods of use (k = 0 in a member's first period) the share
    ``ceiling · (1 − (1 − rate)^k)`` of the gap to full achievement is closed, on
    top of the personalisation the interactions state.

    Attributes:
        customer: The id of the customer (segment) that learns.
        rate: Share of the remaining gap to the ceiling closed per period of use, in [0, 1].
        ceiling: The share of the gap closed in the long run, in [0, 1].

    Examples:
        >>> Learning("shops", rate=0.3, ceiling=0.5)
        Learning(customer='shops', rate=0.3, ceiling=0.5)
    """

    customer: str = field(validator=_identifier)
    rate: float = field(validator=_unit)
    ceiling: float = field(default=1.0, validator=_unit)


Rule: TypeAlias = Survival | Referrals | Help | Harm | Ideas | Learning
"""Any rule of a simulation.

Examples:
    >>> isinstance(Ideas("harbour", lag=1), Rule)
    True
"""
