"""Customer net benefit: value-in-use and what the customer receives, minus its sacrifices."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import attrs
from attrs import frozen

from cocreation._display import Displayed
from cocreation.accounting._column_ledger import ColumnLedger
from cocreation.accounting._ledger import Ledger, account
from cocreation.accounting._lines import LEDGER_LINES, LINES, OUTGOING
from cocreation.accounting._results import ResultTable
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError

__all__ = ["NetBenefit", "NetBenefits", "net_benefit"]


@frozen(repr=False)
class NetBenefit(Displayed):
    """A customer's (or segment's) net benefit, line by line.

    Benefits are value-in-use, value objects received and money received; sacrifices
    are Kotler's total customer cost: money paid, money spent, time at the customer's
    value of time, effort, expected risk loss and psychic cost. Amounts are totals
    for the whole segment; [`per_member`][cocreation.NetBenefit.per_member] divides
    by its ``count``.

    Attributes:
        customer: The customer's id.
        offering: The offering the lines come from, or ``None`` for all of them.
        count: How many members the customer stands for.

    Examples:
        >>> benefit = NetBenefit("acme", None, 1, value_in_use=900.0, money_paid=500.0,
        ...                      time_cost=100.0)
        >>> benefit.net, benefit.benefits, benefit.sacrifices
        (300.0, 900.0, 600.0)
        >>> benefit.value_to_price_ratio
        1.5
    """

    customer: str
    offering: str | None
    count: int
    value_in_use: float = 0.0
    value_received: float = 0.0
    money_received: float = 0.0
    money_paid: float = 0.0
    expenses: float = 0.0
    time_cost: float = 0.0
    effort: float = 0.0
    risk: float = 0.0
    psychic_cost: float = 0.0

    _derived: ClassVar[tuple[str, ...]] = ("benefits", "sacrifices", "net")
    _keys: ClassVar[tuple[str, ...]] = ("customer", "offering", "count")
    _total: ClassVar[str] = "net"
    _sacrifices: ClassVar[tuple[str, ...]] = tuple(line for line in LINES if line in OUTGOING)

    def lines(self) -> dict[str, float]:
        """Every line with its sign: benefits positive, sacrifices negative. They sum to ``net``.

        Examples:
            >>> NetBenefit("a", None, 1, value_in_use=5.0, effort=2.0).lines()["effort"]
            -2.0
        """
        return {line.name: line.sign * getattr(self, line.name) + 0.0 for line in LEDGER_LINES}

    @property
    def benefits(self) -> float:
        """Kotler's total customer value: value-in-use, value and money received."""
        return float(sum(getattr(self, line) for line in LINES if line not in OUTGOING))

    @property
    def sacrifices(self) -> float:
        """Kotler's total customer cost: money, time, effort, risk and psychic cost."""
        return float(sum(getattr(self, line) for line in self._sacrifices))

    @property
    def net(self) -> float:
        """Net benefit: the sum of the signed lines."""
        return sum(self.lines().values())

    @property
    def delivered_value(self) -> float:
        """Kotler's customer delivered value: total customer value minus total customer cost."""
        return self.benefits - self.sacrifices

    @property
    def value_to_price_ratio(self) -> float | None:
        """Kotler's value-to-price ratio, or ``None`` when the customer sacrifices nothing."""
        sacrifices = self.sacrifices
        return None if sacrifices == 0.0 else self.benefits / sacrifices

    def per_member(self) -> NetBenefit:
        """The same lines for one member of the segment.

        Examples:
            >>> NetBenefit("smes", None, 4, value_in_use=100.0).per_member().value_in_use
            25.0
        """
        n = float(self.count)
        changes = {line: getattr(self, line) / n for line in LINES}
        return attrs.evolve(self, count=1, **changes)

    def versus(self, alternative_value: float, alternative_price: float) -> float:
        """Anderson & Narus's comparison with the next-best alternative: ``(V_f − P_f) − (V_a − P_a)``.

        ``V_f − P_f`` is this net benefit; ``V_a`` and ``P_a`` are the value and price of
        the alternative for the same customer (the whole segment) over the same period.

        Raises:
            ValidationError: An alternative value or price that is NaN or infinite.

        Examples:
            >>> NetBenefit("acme", None, 1, value_in_use=900.0, money_paid=500.0).versus(700.0, 450.0)
            150.0
        """
        for name, value in (
            ("alternative_value", alternative_value),
            ("alternative_price", alternative_price),
        ):
            if (
                not isinstance(value, int | float)
                or isinstance(value, bool)
                or value != value
                or abs(value) == float("inf")
            ):
                raise ValidationError(name, value, "a finite number")
        return self.net - (alternative_value - alternative_price)


class NetBenefits(ResultTable[str | tuple[str, str | None], NetBenefit]):
    """Net benefits keyed by customer id, or by ``(customer, offering)`` when split by offering.

    Attributes:
        unvalued: The ids of the ecosystem's interactions that buy units of an offering
            but serve no job: their value-in-use is not modelled (it counts as
            nothing), so they show only what the customer gives. A report says so.

    Examples:
        >>> import cocreation as cc
        >>> benefits = cc.net_benefit(cc.example_ecosystem())
        >>> sorted(benefits)[:2]
        ['alpen-logistik', 'seeland-kliniken']
        >>> benefits.unvalued  # buys the onboarding package, serves no job
        ('onboarding-seeland-kliniken',)
    """

    _what = "net benefit"

    def __init__(
        self,
        items: Mapping[str | tuple[str, str | None], NetBenefit],
        unvalued: tuple[str, ...] = (),
    ) -> None:
        super().__init__(items)
        self.unvalued = unvalued

    def total(self) -> float:
        """The sum of every net benefit in the table.

        Examples:
            >>> import cocreation as cc
            >>> benefits = cc.net_benefit(cc.example_ecosystem())
            >>> round(benefits.total(), 6) == round(sum(b.net for b in benefits.values()), 6)
            True
        """
        return sum(benefit.net for benefit in self.values())


def net_benefit(
    ecosystem: Ecosystem, *, by_offering: bool = False, ledger: Ledger | ColumnLedger | None = None
) -> NetBenefits:
    """Every customer's net benefit: what it gets minus what it gives.

    ``net benefit = value-in-use + value received + money received − sacrifices``,
    where value-in-use comes from the customer's own jobs, outcome importances and
    the outcomes it achieved (never from what an offering claims), and sacrifices
    are money paid and spent, time at the customer's value of time, effort, expected
    risk loss and psychic cost. A segment of ``count`` n counts as n members.

    Args:
        ecosystem: The ecosystem to account.
        by_offering: Split each customer's lines by the offering of the interactions
            they come from (``None`` for interactions without one).
        ledger: A ledger already accounted for the ecosystem, a [`Ledger`][cocreation.Ledger]
            or a [`ColumnLedger`][cocreation.bulk.ColumnLedger] (default: account all of
            its interactions).

    Returns:
        Net benefits keyed by customer id, or by ``(customer, offering)``. Every
        customer appears, with zeros if it has no interactions.

    Examples:
        >>> import cocreation as cc
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_organisation("bank")
        ...     .add_offering("kiosk", provider="bank", price=2.0)
        ...     .add_customer("walk-ins", count=100, value_of_time=30.0)
        ...     .add_job("withdraw-cash", owner="walk-ins", value=20.0,
        ...              outcomes=[cc.Outcome("queue-time", importance=10.0, satisfaction=3.0)])
        ...     .add_interaction(
        ...         "self-service", customer="walk-ins", counterpart="bank",
        ...         level=cc.CoCreationLevel.PRODUCTION, offering="kiosk", units=1,
        ...         job="withdraw-cash", achievement=[cc.Achievement("queue-time", 0.9)],
        ...         contributions=[cc.Contribution("walk-ins", cc.ResourceKind.TIME, 0.1)],
        ...     )
        ... )
        >>> benefit = cc.net_benefit(eco)["walk-ins"]
        >>> benefit.value_in_use, benefit.money_paid, benefit.time_cost
        (1800.0, 200.0, 300.0)
        >>> benefit.net, benefit.per_member().net
        (1300.0, 13.0)
    """
    book = account(ecosystem) if ledger is None else ledger
    sums = book.totals(by=("actor", "offering"))
    groups_of: dict[str, list[tuple[str, str | None]]] = {}
    for actor, offering in sums:
        groups_of.setdefault(actor, []).append((actor, offering))
    zeros = dict.fromkeys(LINES, 0.0)
    items: dict[str | tuple[str, str | None], NetBenefit] = {}
    for customer in ecosystem.customers:
        groups = groups_of.get(customer.id, [])
        if by_offering:
            for group in groups or [(customer.id, None)]:
                lines = sums.get(group, zeros)
                items[group] = NetBenefit(customer.id, group[1], customer.count, **lines)
        else:
            lines = {line: sum((sums[group][line] for group in groups), 0.0) for line in LINES}
            items[customer.id] = NetBenefit(customer.id, None, customer.count, **lines)
    unvalued = tuple(
        interaction.id
        for interaction in ecosystem.interactions
        if interaction.offering is not None and interaction.units and interaction.job is None
    )
    return NetBenefits(items, unvalued)
