"""Firm value: what a customer brings to the organisation, line by line (Kumar et al. 2010)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import attrs
from attrs import frozen

from cocreation._display import Displayed
from cocreation.accounting._clv import Timing, lifetime_factor
from cocreation.accounting._column_ledger import ColumnLedger
from cocreation.accounting._formulas import (
    capitalised,
    discounted,
    over_periods,
    referral_brought,
)
from cocreation.accounting._ledger import Ledger, account
from cocreation.accounting._lines import COST_LINE, FIRM_LINES, LEDGER_LINES, VALUE_LINE
from cocreation.accounting._results import ResultTable
from cocreation.ecosystem import Ecosystem
from cocreation.errors import DivergenceError, ValidationError
from cocreation.model import CoCreationLevel, Organisation

__all__ = ["FirmValue", "FirmValues", "firm_value", "focal_organisation"]


@frozen(repr=False)
class FirmValue(Displayed):
    """The value a customer (or segment) brings to the organisation: customer engagement value.

    One line per co-creation level (Kumar et al. 2010), each a lifetime value of
    its flows, minus the cost of co-creating. Recurring flows are capitalised over
    the customer's lifetime; one-off flows
    ([`Interaction.recurring`][cocreation.Interaction] false) count once, discounted
    to period 0:

    - ``lifetime_value``: margins from purchases and use (CLV);
    - ``referral_value``: the ``REFERRAL`` level's value, plus for each customer it
      referred the acquisition cost saved and, in proportion to the referred
      customer's ``incrementality``, that customer's lifetime value, both discounted
      from the period of the referral (``Customer.referred_in``) to period 0;
    - ``influence_value``: the ``SUPPORT`` level's value (help and word of mouth;
      negative where the customer harms);
    - ``knowledge_value``: the ``DESIGN`` level's value (ideas and feedback adopted);
    - ``coproduction_savings``: the ``PRODUCTION`` level's value (work the customer
      does that the organisation no longer pays for);
    - ``cocreation_cost``: what co-creating costs the organisation on each level
      (incentives paid, workshops, platforms), by level in ``design_cost`` and so on.

    Amounts are totals for the whole segment. ``retention`` is the customer's
    retention the lifetime was capitalised at, or ``None`` where it is not modelled:
    the recurring flows then count over the periods modelled only, with no lifetime
    beyond them.

    Examples:
        >>> value = FirmValue("acme", "telco", 1, "retained", lifetime_value=2500.0,
        ...                   knowledge_value=400.0, design_cost=150.0)
        >>> value.total, value.cocreation_cost
        (2750.0, 150.0)
        >>> value.by_level()[CoCreationLevel.DESIGN]
        250.0
    """

    customer: str
    organisation: str
    count: int
    timing: str
    lifetime_value: float = 0.0
    referral_value: float = 0.0
    influence_value: float = 0.0
    knowledge_value: float = 0.0
    coproduction_savings: float = 0.0
    design_cost: float = 0.0
    production_cost: float = 0.0
    referral_cost: float = 0.0
    support_cost: float = 0.0
    retention: float | None = None

    _derived: ClassVar[tuple[str, ...]] = ("cocreation_cost", "total")
    _keys: ClassVar[tuple[str, ...]] = ("customer", "organisation", "count", "timing", "retention")
    _total: ClassVar[str] = "total"
    _amounts: ClassVar[tuple[str, ...]] = tuple(line.name for line in FIRM_LINES)

    @property
    def cocreation_cost(self) -> float:
        """What co-creating with the customer costs the organisation, on all levels."""
        return float(sum(getattr(self, line) for line in COST_LINE.values()))

    def lines(self) -> dict[str, float]:
        """The lines of firm value with their signs: values positive, costs negative.

        They sum to ``total``; the four costs together are ``cocreation_cost``.

        Examples:
            >>> FirmValue("a", "o", 1, "end", lifetime_value=10.0, support_cost=2.0).lines()
            {'lifetime_value': 10.0, 'referral_value': 0.0, 'influence_value': 0.0, 'knowledge_value': 0.0, 'coproduction_savings': 0.0, 'design_cost': 0.0, 'production_cost': 0.0, 'referral_cost': 0.0, 'support_cost': -2.0}
        """
        return {line.name: line.sign * getattr(self, line.name) + 0.0 for line in FIRM_LINES}

    @property
    def total(self) -> float:
        """Firm value: the sum of the lines."""
        return sum(self.lines().values())

    def by_level(self) -> dict[CoCreationLevel | None, float]:
        """The total read by co-creation level: each level's value minus its cost.

        ``None`` holds the lifetime value of purchases and use. The values sum to
        ``total``.

        Examples:
            >>> FirmValue("a", "o", 1, "end", referral_value=9.0, referral_cost=4.0).by_level()[
            ...     CoCreationLevel.REFERRAL]
            5.0
        """
        levels: dict[CoCreationLevel | None, float] = {None: self.lifetime_value}
        for level in CoCreationLevel:
            levels[level] = getattr(self, VALUE_LINE[level]) - getattr(self, COST_LINE[level])
        return levels

    def per_member(self) -> FirmValue:
        """The same lines for one member of the segment.

        Examples:
            >>> FirmValue("smes", "o", 4, "end", lifetime_value=100.0).per_member().lifetime_value
            25.0
        """
        n = float(self.count)
        return attrs.evolve(
            self, count=1, **{line: getattr(self, line) / n for line in self._amounts}
        )


class FirmValues(ResultTable[str, FirmValue]):
    """Firm values keyed by customer id.

    Examples:
        >>> import cocreation as cc
        >>> values = cc.firm_value(cc.example_ecosystem(), timing="retained")
        >>> values.organisation
        'alpine-telecom'
    """

    _what = "firm value"

    def __init__(self, items: Mapping[str, FirmValue], organisation: str) -> None:
        super().__init__(items)
        self.organisation = organisation

    def total(self) -> float:
        """The sum of every customer's firm value.

        Examples:
            >>> import cocreation as cc
            >>> values = cc.firm_value(cc.example_ecosystem(), timing="retained")
            >>> values.total() == sum(v.total for v in values.values())
            True
        """
        return sum(value.total for value in self.values())


def focal_organisation(ecosystem: Ecosystem, organisation: str | None) -> Organisation:
    """The organisation whose view to take: the given one, or the ecosystem's only one.

    Raises:
        UnknownIdError: ``organisation`` is not an organisation of the ecosystem.
        ValidationError: No organisation is given and the ecosystem has none or several.

    Examples:
        >>> from cocreation import Ecosystem
        >>> focal_organisation(Ecosystem().add_organisation("telco"), None).id
        'telco'
    """
    if organisation is not None:
        return ecosystem.organisation(organisation)
    organisations = ecosystem.organisations
    if len(organisations) != 1:
        ids = [o.id for o in organisations]
        raise ValidationError(
            "organisation", None, f"the id of the focal organisation, one of {ids}"
        )
    return organisations[0]


def firm_value(
    ecosystem: Ecosystem,
    *,
    timing: Timing,
    organisation: str | None = None,
    horizon: int | None = None,
    growth: float = 0.0,
    ledger: Ledger | ColumnLedger | None = None,
) -> FirmValues:
    """What each customer brings to the organisation: customer engagement value by line.

    The organisation's flows in each customer's interactions are attributed to that
    customer and split by co-creation level: purchases and use give the margin (money
    and value received minus money paid and expenses), each co-creation level its
    value (value and money received) and its cost (money paid and expenses).

    Flows of recurring interactions ([`Interaction.recurring`][cocreation.Interaction],
    the default) are averaged over the contract periods of the recurring
    interactions (periods 0 to the last, whatever their amounts): that run rate is
    capitalised over the customer's lifetime with [`clv`][cocreation.clv] at the
    customer's retention and the organisation's discount rate. For a customer whose
    retention is not modelled (``None``), the run rate counts over the periods
    modelled only, discounted ([`over_periods`][cocreation.accounting.over_periods]),
    with no lifetime beyond them; its ``FirmValue.retention`` is ``None`` and the
    report says so. Flows of one-off
    interactions (a setup fee, a one-off bonus) count once, discounted to period 0 at
    the organisation's discount rate, ``amount / (1 + d) ** period``, and are not
    weighted by retention; they join the same line as recurring ones (purchases the
    lifetime value, each level its value or cost). A referred customer's
    contribution to its referrer uses its lifetime value, one-off purchases
    included. See [`FirmValue`][cocreation.FirmValue] for the lines.

    Args:
        ecosystem: The ecosystem to account.
        timing: When the first margin arrives: ``"retained"``, ``"start"`` or ``"end"``
            (no default: the conventions give different answers).
        organisation: The focal organisation (default: the ecosystem's only one).
        horizon: How many periods to count, or ``None`` for an infinite horizon.
        growth: Growth of every flow per period.
        ledger: A ledger already accounted for the ecosystem, a [`Ledger`][cocreation.Ledger]
            or a [`ColumnLedger`][cocreation.bulk.ColumnLedger].

    Returns:
        The firm value of every customer, keyed by customer id.

    Raises:
        ValidationError: No focal organisation can be chosen, or an invalid timing,
            horizon or growth.
        DivergenceError: A customer's retention makes an infinite-horizon sum diverge.

    Examples:
        >>> import cocreation as cc
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_organisation("telco", discount_rate=0.12, acquisition_cost=300.0)
        ...     .add_offering("connect", provider="telco", price=150.0, unit_cost=50.0)
        ...     .add_customer("acme", retention=0.8)
        ...     .add_customer("beta", retention=0.8, referred_by="acme", incrementality=0.5)
        ...     .add_interaction("buy-a", customer="acme", offering="connect", units=1)
        ...     .add_interaction("buy-b", customer="beta", offering="connect", units=1)
        ... )
        >>> values = cc.firm_value(eco, timing="retained")
        >>> values["beta"].lifetime_value  # margin 100, multiple 0.8 / 0.32
        250.0
        >>> values["acme"].referral_value  # 300 saved + 0.5 x 250
        425.0
        >>> values["acme"].total
        675.0

        A one-off flow counts once, discounted by its period:

        >>> eco = eco.add_interaction("bonus", customer="acme", counterpart="telco",
        ...     level=cc.CoCreationLevel.REFERRAL, period=1, recurring=False,
        ...     transfers=[cc.Transfer("telco", "acme", 112.0)])
        >>> round(cc.firm_value(eco, timing="retained")["acme"].referral_cost, 6)  # 112 / 1.12
        100.0
    """
    focal = focal_organisation(ecosystem, organisation)
    # Check timing, horizon and growth even when there is no customer to value.
    lifetime_factor(0.0, focal.discount_rate, timing=timing, horizon=horizon, growth=growth)
    book = account(ecosystem) if ledger is None else ledger
    # The run rate spreads recurring flows over the periods of the recurring
    # interactions; one-off flows in later periods do not dilute it.
    recurring_periods = [period for period, recurring in book.stamps if recurring]
    span = float(max(recurring_periods) + 1) if recurring_periods else 1.0
    rate = focal.discount_rate

    # Per customer and level, what the organisation gains (positive lines) and what it
    # spends (negative lines): recurring flows as they are, one-off flows discounted.
    gains: dict[tuple[str, CoCreationLevel | None], float] = {}
    costs: dict[tuple[str, CoCreationLevel | None], float] = {}
    once_gains: dict[tuple[str, CoCreationLevel | None], float] = {}
    once_costs: dict[tuple[str, CoCreationLevel | None], float] = {}
    totals = book.totals(by=("actor", "customer", "level", "recurring", "period"))
    for (actor, customer_id, level, recurring, period), values in totals.items():
        if actor != focal.id:
            continue
        group = (customer_id, level)
        gained = sum(values[line.name] for line in LEDGER_LINES if line.sign > 0)
        spent = sum(values[line.name] for line in LEDGER_LINES if line.sign < 0)
        if recurring:
            gains[group] = gains.get(group, 0.0) + gained
            costs[group] = costs.get(group, 0.0) + spent
        else:
            once_gains[group] = once_gains.get(group, 0.0) + discounted(gained, rate, period)
            once_costs[group] = once_costs.get(group, 0.0) + discounted(spent, rate, period)

    factors: dict[str, float] = {}
    for customer in ecosystem.customers:
        if customer.retention is None:  # not modelled: the periods modelled, no further
            factors[customer.id] = over_periods(rate, span)
            continue
        try:
            factors[customer.id] = lifetime_factor(
                customer.retention, rate, timing=timing, horizon=horizon, growth=growth
            )
        except DivergenceError as error:
            raise DivergenceError(
                f"Customer.retention of {customer.id!r}", customer.retention, error.expected
            ) from error

    def line(customer_id: str, level: CoCreationLevel | None, sign: int) -> float:
        group = (customer_id, level)
        flows, once = (gains, once_gains) if sign > 0 else (costs, once_costs)
        if level is None:  # the lifetime value of purchases and use: the margin
            flows = {group: gains.get(group, 0.0) - costs.get(group, 0.0)}
            once = {group: once_gains.get(group, 0.0) - once_costs.get(group, 0.0)}
        return capitalised(flows.get(group, 0.0), factors[customer_id], span, once.get(group, 0.0))

    lines = {
        customer.id: {spec.name: line(customer.id, spec.level, spec.sign) for spec in FIRM_LINES}
        for customer in ecosystem.customers
    }
    for customer in ecosystem.customers:
        if customer.referred_by is not None:
            lines[customer.referred_by]["referral_value"] += referral_brought(
                float(customer.count),
                focal.acquisition_cost,
                customer.incrementality,
                lines[customer.id]["lifetime_value"],
                rate,
                float(customer.referred_in),
            )
    return FirmValues(
        {
            customer.id: FirmValue(
                customer.id,
                focal.id,
                customer.count,
                timing,
                **lines[customer.id],
                retention=customer.retention,
            )
            for customer in ecosystem.customers
        },
        focal.id,
    )
