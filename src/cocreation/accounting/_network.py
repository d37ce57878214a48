"""Net value flows per actor, in the manner of e3value (Gordijn & Akkermans 2001)."""

from __future__ import annotations

import math
from typing import ClassVar

from attrs import frozen

from cocreation._display import Displayed
from cocreation.accounting._column_ledger import ColumnLedger
from cocreation.accounting._formulas import discounted
from cocreation.accounting._ledger import Ledger, account
from cocreation.accounting._lines import LEDGER_LINES, LINES
from cocreation.accounting._results import ResultTable
from cocreation.ecosystem import Ecosystem, kind_of
from cocreation.errors import ValidationError
from cocreation.model import Customer

__all__ = ["NetValueFlow", "NetValueFlows", "net_value_flows"]


@frozen(repr=False)
class NetValueFlow(Displayed):
    """One actor's net value flow in one contract period.

    What the actor receives (value-in-use for a customer, value objects at its own
    valuation, money) minus what it gives (money, and the resources it spends:
    expenses, a customer's time, effort, risk and psychic cost), minus its fixed
    expenses and, in the first period, its investment.

    Examples:
        >>> flow = NetValueFlow("telco", "organisation", 0, money_received=1000.0,
        ...                     expenses=400.0, fixed_cost=100.0, investment=50.0)
        >>> flow.net
        450.0
    """

    actor: str
    kind: str
    period: int
    value_in_use: float = 0.0
    value_received: float = 0.0
    money_received: float = 0.0
    money_paid: float = 0.0
    expenses: float = 0.0
    time_cost: float = 0.0
    effort: float = 0.0
    risk: float = 0.0
    psychic_cost: float = 0.0
    fixed_cost: float = 0.0
    investment: float = 0.0

    _derived: ClassVar[tuple[str, ...]] = ("net",)
    _keys: ClassVar[tuple[str, ...]] = ("actor", "kind", "period")
    _total: ClassVar[str] = "net"

    def lines(self) -> dict[str, float]:
        """Every line with its sign; they sum to ``net``.

        Examples:
            >>> NetValueFlow("a", "customer", 0, value_in_use=3.0, effort=1.0).lines()["effort"]
            -1.0
        """
        signed = {line.name: line.sign * getattr(self, line.name) + 0.0 for line in LEDGER_LINES}
        signed["fixed_cost"] = -self.fixed_cost + 0.0
        signed["investment"] = -self.investment + 0.0
        return signed

    @property
    def net(self) -> float:
        """The net value flow: the sum of the signed lines."""
        return sum(self.lines().values())


class NetValueFlows(ResultTable[tuple[str, int], NetValueFlow]):
    """Net value flows keyed by ``(actor, period)``, with discounted totals per actor.

    Examples:
        >>> import cocreation as cc
        >>> flows = cc.net_value_flows(cc.example_ecosystem())
        >>> abs(flows.money_balance()) < 1e-6  # money is conserved
        True
    """

    _what = "net value flow"

    def __init__(self, items: dict[tuple[str, int], NetValueFlow], discount_rate: float) -> None:
        super().__init__(items)
        self.discount_rate = discount_rate

    @property
    def actors(self) -> tuple[str, ...]:
        """The actors, in the ecosystem's order."""
        return tuple(dict.fromkeys(actor for actor, _ in self))

    @property
    def periods(self) -> tuple[int, ...]:
        """The contract periods, in order."""
        return tuple(sorted({period for _, period in self}))

    def net(self, actor: str) -> float:
        """An actor's net value over all periods, each discounted to the first.

        Examples:
            >>> import cocreation as cc
            >>> flows = cc.net_value_flows(cc.example_ecosystem())
            >>> flows.net("alpine-telecom") > 0
            True
        """
        if actor not in self.actors:
            self[actor, 0]
        return sum(
            discounted(flow.net, self.discount_rate, float(period))
            for (who, period), flow in self.items()
            if who == actor
        )

    def nets(self) -> dict[str, float]:
        """Every actor's discounted net value.

        Examples:
            >>> import cocreation as cc
            >>> nets = cc.net_value_flows(cc.example_ecosystem()).nets()
            >>> "alpine-telecom" in nets
            True
        """
        totals: dict[str, float] = dict.fromkeys(self.actors, 0.0)
        for (actor, period), flow in self.items():
            totals[actor] += discounted(flow.net, self.discount_rate, float(period))
        return totals

    def total_value_created(self) -> float:
        """Total value created: the sum of every actor's discounted net value.

        Examples:
            >>> import cocreation as cc
            >>> flows = cc.net_value_flows(cc.example_ecosystem())
            >>> math.isclose(flows.total_value_created(), sum(flows.nets().values()))
            True
        """
        return sum(self.nets().values())

    def money_balance(self) -> float:
        """Money received minus money paid, over all actors and periods: zero in a closed network.

        Examples:
            >>> import cocreation as cc
            >>> round(cc.net_value_flows(cc.example_ecosystem()).money_balance(), 6)
            0.0
        """
        return sum(flow.money_received - flow.money_paid for flow in self.values())


def _check_periods(periods: object, discount_rate: object) -> None:
    """Refuse a number of periods or a discount rate that a net value flow sheet cannot have."""
    if periods is not None and (
        not isinstance(periods, int) or isinstance(periods, bool) or periods < 1
    ):
        raise ValidationError("periods", periods, "an integer >= 1, or None")
    if (
        not isinstance(discount_rate, int | float)
        or isinstance(discount_rate, bool)
        or not math.isfinite(discount_rate)
        or discount_rate < 0.0
    ):
        raise ValidationError("discount_rate", discount_rate, "a finite number >= 0")


def net_value_flows(
    ecosystem: Ecosystem,
    *,
    periods: int | None = None,
    discount_rate: float = 0.0,
    ledger: Ledger | ColumnLedger | None = None,
) -> NetValueFlows:
    """Every actor's net value flow per contract period (e3value's profitability sheets).

    For each actor and period: value received (a customer's own value-in-use, value
    objects at the receiver's valuation) and money received, minus money paid and
    the resources spent (expenses; a customer's time, effort, risk and psychic cost),
    minus fixed expenses every period and investment in period 0. Need occurrences
    and segment counts scale every transfer. Unlike e3value, which values what a
    customer receives at nothing, a customer here values it with its own
    value-in-use, so a customer who gains shows a gain.

    Args:
        ecosystem: The ecosystem to account.
        periods: How many periods to show (default: up to the last period with an
            interaction, and at least one).
        discount_rate: Rate per period used by ``net`` and ``nets`` to discount later
            periods to the first.
        ledger: A ledger already accounted for the ecosystem, a [`Ledger`][cocreation.Ledger]
            or a [`ColumnLedger`][cocreation.bulk.ColumnLedger].

    Returns:
        Net value flows keyed by ``(actor, period)``.

    Raises:
        ValidationError: ``periods`` below 1, or a discount rate that is negative, NaN
            or infinite.

    Examples:
        >>> import cocreation as cc
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_partner("cloud", fixed_cost=100.0)
        ...     .add_organisation("telco", partners=["cloud"], fixed_cost=200.0)
        ...     .add_offering("connect", provider="telco", price=100.0, unit_cost=30.0,
        ...                   partners=[cc.RevenueShare("cloud", 0.2)])
        ...     .add_customer("smes", count=10)
        ...     .add_job("stay-online", owner="smes", value=150.0,
        ...              outcomes=[cc.Outcome("uptime", importance=10.0, satisfaction=5.0)])
        ...     .add_interaction("subscribe", customer="smes", counterpart="telco",
        ...                      offering="connect", units=1, job="stay-online",
        ...                      achievement=[cc.Achievement("uptime", 1.0)])
        ... )
        >>> flows = cc.net_value_flows(eco)
        >>> [round(flows[actor, 0].net, 2) for actor in ("smes", "telco", "cloud")]
        [500.0, 300.0, 100.0]
        >>> flows.total_value_created()  # value-in-use 1500 - unit costs 300 - fixed costs 300
        900.0
    """
    _check_periods(periods, discount_rate)
    book = account(ecosystem) if ledger is None else ledger
    count = periods if periods is not None else max(book.periods, default=0) + 1
    sums = book.totals(by=("actor", "period"))
    zeros = dict.fromkeys(LINES, 0.0)
    items: dict[tuple[str, int], NetValueFlow] = {}
    for actor in ecosystem.actors:
        fixed = 0.0 if isinstance(actor, Customer) else actor.fixed_cost
        investment = 0.0 if isinstance(actor, Customer) else actor.investment
        for period in range(count):
            items[actor.id, period] = NetValueFlow(
                actor.id,
                kind_of(actor),
                period,
                **sums.get((actor.id, period), zeros),
                fixed_cost=fixed,
                investment=investment if period == 0 else 0.0,
            )
    return NetValueFlows(items, float(discount_rate))
