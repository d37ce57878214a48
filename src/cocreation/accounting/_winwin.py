"""Win-win analysis: who loses, the value created, and the prices at which everyone gains."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar, Final

import attrs
from attrs import frozen

from cocreation._display import Displayed, frame, html_table
from cocreation.accounting._network import net_value_flows
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PriceRange", "ValueStick", "WinWin", "price_range", "value_stick", "win_win"]


def _finite(name: str, value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise ValidationError(name, value, "a finite number")
    return float(value)


@frozen(repr=False)
class ValueStick(Displayed):
    """Brandenburger & Stuart's value stick: who captures which share of the value created.

    ``willingness_to_pay − price`` goes to the customer, ``price − cost`` to the firm,
    ``cost − opportunity_cost`` to the supplier or partner; together they are the
    value created, ``willingness_to_pay − opportunity_cost``, whatever the price.

    Examples:
        >>> stick = value_stick(willingness_to_pay=100.0, price=70.0, cost=40.0,
        ...                     opportunity_cost=25.0)
        >>> stick.customer_share, stick.firm_share, stick.supplier_share, stick.total
        (30.0, 30.0, 15.0, 75.0)
    """

    willingness_to_pay: float
    price: float
    cost: float
    opportunity_cost: float = 0.0

    _derived: ClassVar[tuple[str, ...]] = (
        "customer_share",
        "firm_share",
        "supplier_share",
        "total",
    )

    @property
    def customer_share(self) -> float:
        """Willingness to pay minus price: the customer's delight."""
        return self.willingness_to_pay - self.price

    @property
    def firm_share(self) -> float:
        """Price minus cost: the firm's margin."""
        return self.price - self.cost

    @property
    def supplier_share(self) -> float:
        """Cost minus the supplier's opportunity cost: the supplier's surplus."""
        return self.cost - self.opportunity_cost

    @property
    def total(self) -> float:
        """Total value created: willingness to pay minus opportunity cost."""
        return self.willingness_to_pay - self.opportunity_cost


def value_stick(
    willingness_to_pay: float, price: float, cost: float, opportunity_cost: float = 0.0
) -> ValueStick:
    """The value stick of one unit of an offering (Brandenburger & Stuart 1996).

    Args:
        willingness_to_pay: The most the customer would pay.
        price: What the customer pays.
        cost: What serving the customer costs the firm (what it pays its supplier).
        opportunity_cost: What the supplier's resources would earn elsewhere.

    Returns:
        The shares of customer, firm and supplier, and the total value created.

    Raises:
        ValidationError: An input that is NaN, infinite or not a number.

    Examples:
        >>> value_stick(120.0, 90.0, 50.0).total
        120.0
    """
    return ValueStick(
        _finite("willingness_to_pay", willingness_to_pay),
        _finite("price", price),
        _finite("cost", cost),
        _finite("opportunity_cost", opportunity_cost),
    )


@frozen(repr=False)
class PriceRange(Displayed):
    """The prices of an offering at which every actor's net value is at least zero.

    Attributes:
        offering: The offering's id.
        low: The lowest such price (never below 0).
        high: The highest such price, or ``None`` if it has no upper bound.

    Examples:
        >>> PriceRange("connect", 80.0, 120.0).contains(100.0)
        True
    """

    offering: str
    low: float
    high: float | None

    def contains(self, price: float) -> bool:
        """Whether every actor gains at this price.

        Examples:
            >>> PriceRange("connect", 80.0, None).contains(1e6)
            True
        """
        return self.low <= price and (self.high is None or price <= self.high)


TOLERANCE: Final = 1e-9
"""How far below zero a net value may lie, relative to the largest net value (at least 1),
and still count as zero: rounding, not a loss.

Examples:
    >>> TOLERANCE
    1e-09
"""


def _tolerance(values: Mapping[str, float]) -> float:
    return TOLERANCE * max([1.0, *(abs(value) for value in values.values())])


def price_range(
    ecosystem: Ecosystem,
    offering: str,
    *,
    periods: int | None = None,
    discount_rate: float = 0.0,
) -> PriceRange | None:
    """The range of an offering's price in which every actor's net value is at least zero.

    Each actor's net value is affine in the price (the price is a transfer from the
    customers to the provider and its partners), so the range is found exactly from
    each actor's net value and its slope.

    Args:
        ecosystem: The ecosystem.
        offering: The id of the offering whose price varies.
        periods: As in [`net_value_flows`][cocreation.net_value_flows].
        discount_rate: As in [`net_value_flows`][cocreation.net_value_flows].

    Returns:
        The price range, or ``None`` if no price lets every actor gain.

    Raises:
        UnknownIdError: ``offering`` is not an offering of the ecosystem.

    Examples:
        >>> import cocreation as cc
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_organisation("telco", fixed_cost=200.0)
        ...     .add_offering("connect", provider="telco", price=100.0, unit_cost=30.0)
        ...     .add_customer("smes", count=10)
        ...     .add_job("stay-online", owner="smes", value=150.0,
        ...              outcomes=[cc.Outcome("uptime", importance=10.0, satisfaction=5.0)])
        ...     .add_interaction("subscribe", customer="smes", counterpart="telco",
        ...                      offering="connect", units=1, job="stay-online",
        ...                      achievement=[cc.Achievement("uptime", 1.0)])
        ... )
        >>> cc.price_range(eco, "connect")  # telco needs 30 + 200/10; smes gain up to 150
        PriceRange(offering='connect', low=50.0, high=150.0)
    """
    current = ecosystem.offering(offering)
    step = max(1.0, abs(current.price))
    base = net_value_flows(ecosystem, periods=periods, discount_rate=discount_rate).nets()
    moved = net_value_flows(
        ecosystem.replace(attrs.evolve(current, price=current.price + step)),
        periods=periods,
        discount_rate=discount_rate,
    ).nets()
    tolerance = _tolerance(base)
    low, high = 0.0, math.inf
    for actor, net in base.items():
        slope = (moved[actor] - net) / step
        if abs(slope) <= 1e-12 * max(1.0, abs(net)):
            if net < -tolerance:
                return None
        elif slope > 0:
            low = max(low, current.price - net / slope)
        else:
            high = min(high, current.price - net / slope)
    if low > high + tolerance:
        return None
    return PriceRange(offering, low, None if math.isinf(high) else max(high, low))


@frozen(repr=False)
class WinWin(Displayed):
    """Whether co-creation leaves every actor better off.

    Attributes:
        nets: Each actor's net value over the periods, discounted.
        total_value_created: The sum of every actor's net value.
        losers: The actors whose net value is below zero.
        price_ranges: For each offering that is bought, the price range in which every
            actor gains, or ``None`` if there is none.

    Examples:
        >>> import cocreation as cc
        >>> verdict = cc.win_win(cc.example_ecosystem())
        >>> verdict.sustainable == (not verdict.losers)
        True
    """

    nets: Mapping[str, float]
    total_value_created: float
    losers: tuple[str, ...]
    price_ranges: Mapping[str, PriceRange | None]

    @property
    def sustainable(self) -> bool:
        """Whether every actor's net value is at least zero."""
        return not self.losers

    def to_frame(self) -> pd.DataFrame:
        """Each actor's net value and whether it gains, as a pandas DataFrame.

        One row per actor, in the ecosystem's order: ``actor``, ``net`` and ``gains``
        (its net value is at least zero). The price ranges are each a
        [`PriceRange`][cocreation.PriceRange] with a ``to_frame`` of its own.

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> import cocreation as cc
            >>> frame = cc.win_win(cc.example_ecosystem()).to_frame()
            >>> list(frame.columns), bool(frame["gains"].all())
            (['actor', 'net', 'gains'], True)
        """
        return frame(
            [
                {"actor": actor, "net": net, "gains": actor not in self.losers}
                for actor, net in self.nets.items()
            ],
            "WinWin.to_frame",
            columns=["actor", "net", "gains"],
        )

    def _repr_html_(self) -> str:
        verdict = "yes, every actor gains" if self.sustainable else "no"
        tables = [
            html_table(
                f"WinWin: {verdict}; total value created {self.total_value_created:,.2f}",
                ["actor", "net", "gains"],
                [[actor, net, actor not in self.losers] for actor, net in self.nets.items()],
            )
        ]
        if self.price_ranges:
            tables.append(
                html_table(
                    "Prices at which every actor gains",
                    ["offering", "low", "high"],
                    [
                        [offering, None, None]
                        if found is None
                        else [offering, found.low, found.high]
                        for offering, found in self.price_ranges.items()
                    ],
                )
            )
        return "\n".join(tables)

    def to_dict(self) -> dict[str, object]:
        """The verdict as a JSON-compatible dict.

        Examples:
            >>> import cocreation as cc
            >>> sorted(cc.win_win(cc.example_ecosystem()).to_dict())
            ['losers', 'nets', 'price_ranges', 'sustainable', 'total_value_created']
        """
        return {
            "nets": dict(self.nets),
            "total_value_created": self.total_value_created,
            "losers": list(self.losers),
            "sustainable": self.sustainable,
            "price_ranges": {
                offering: None if found is None else {"low": found.low, "high": found.high}
                for offering, found in self.price_ranges.items()
            },
        }


def win_win(
    ecosystem: Ecosystem, *, periods: int | None = None, discount_rate: float = 0.0
) -> WinWin:
    """Who gains and who loses, the total value created, and the prices where all gain.

    Co-creation is sustainable for an actor when its net value is at least zero, and
    for the ecosystem when it is for every actor.

    Args:
        ecosystem: The ecosystem.
        periods: As in [`net_value_flows`][cocreation.net_value_flows].
        discount_rate: As in [`net_value_flows`][cocreation.net_value_flows].

    Returns:
        The verdict.

    Examples:
        >>> import cocreation as cc
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_organisation("telco", fixed_cost=5000.0)
        ...     .add_offering("connect", provider="telco", price=100.0, unit_cost=30.0)
        ...     .add_customer("smes", count=10)
        ...     .add_interaction("subscribe", customer="smes", counterpart="telco",
        ...                      offering="connect", units=1)
        ... )
        >>> verdict = cc.win_win(eco)
        >>> verdict.losers, verdict.price_ranges["connect"]
        (('telco', 'smes'), None)
    """
    flows = net_value_flows(ecosystem, periods=periods, discount_rate=discount_rate)
    nets = flows.nets()
    tolerance = _tolerance(nets)
    bought = dict.fromkeys(
        interaction.offering
        for interaction in ecosystem.interactions
        if interaction.offering is not None and interaction.units
    )
    return WinWin(
        nets=nets,
        total_value_created=sum(nets.values()),
        losers=tuple(actor for actor, net in nets.items() if net < -tolerance),
        price_ranges={
            offering: price_range(ecosystem, offering, periods=periods, discount_rate=discount_rate)
            for offering in bought
            if offering is not None
        },
    )
