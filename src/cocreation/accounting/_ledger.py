"""The ledger: what every interaction gives and costs every actor, as mergeable sums.

Accounting runs in two steps. [`account`][cocreation.account] turns interactions into a
[`Ledger`][cocreation.Ledger]: sums of value and money lines keyed by who they belong
to. Ledgers of separate batches of interactions merge, by addition, into the ledger
of all of them, in any order; this is what lets accounting spread over partitions
and machines. The views ([`net_benefit`][cocreation.net_benefit],
[`firm_value`][cocreation.firm_value], [`net_value_flows`][cocreation.net_value_flows])
then read a ledger together with the ecosystem's per-actor figures (fixed costs,
investment, retention), which belong to no interaction and so are never in a ledger.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, NamedTuple

import attrs
from attrs import frozen

from cocreation.accounting._formulas import (
    achieved,
    importance_weight,
    price_of,
    scale,
    share_of,
    value_in_use,
    valued,
)
from cocreation.accounting._lines import LINES
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError
from cocreation.model import (
    CoCreationLevel,
    Customer,
    Interaction,
    ResourceKind,
    TransferKind,
)

__all__ = ["Ledger", "LedgerKey", "account", "achievement_index"]

_INDEX: Final[Mapping[str, int]] = {line: number for number, line in enumerate(LINES)}
_VIU, _VALUE_IN, _MONEY_IN, _MONEY_OUT, _EXPENSES, _TIME, _EFFORT, _RISK, _PSYCHIC = (
    _INDEX[line] for line in LINES
)


class LedgerKey(NamedTuple):
    """Who a ledger row belongs to, and what it came from.

    Attributes:
        actor: The actor whose lines these are.
        customer: The customer of the interactions the lines come from.
        offering: Their offering, or ``None``.
        level: Their co-creation level, or ``None`` for plain purchase and use.
        period: Their contract period.
        recurring: Whether they recur every period of the customer's lifetime
            ([`Interaction.recurring`][cocreation.Interaction]) or happen once;
            [`firm_value`][cocreation.firm_value] capitalises only the recurring ones.

    Examples:
        >>> LedgerKey("telco", "acme", "connect", None, 0).actor
        'telco'
        >>> LedgerKey("telco", "acme", "connect", None, 0).recurring
        True
    """

    actor: str
    customer: str
    offering: str | None
    level: CoCreationLevel | None
    period: int
    recurring: bool = True


def achievement_index(interaction: Interaction, outcomes: Iterable[tuple[str, float]]) -> float:
    """The importance-weighted degree to which an interaction achieves a job's outcomes.

    ``Σ (importance/10) · achieved / number of outcomes``, where ``achieved`` is the
    customer's own judgement of the outcome, raised by personalisation toward full
    achievement (``a + p(1 − a)``); an outcome not judged counts as not achieved,
    personalised or not.
    Importance weighs on its absolute 0-10 scale, so a more important outcome never
    counts for less. The index lies in [-1, 1]; it is 1 when every outcome is fully
    achieved and of top importance.

    Args:
        interaction: The interaction, with its ``achievement`` and ``personalisation``.
        outcomes: ``(outcome id, importance)`` for each outcome of the job.

    Examples:
        >>> from cocreation import Interaction, Achievement
        >>> use = Interaction("use", customer="c", job="j", achievement=[Achievement("fast", 0.5)],
        ...                   personalisation=0.5)
        >>> achievement_index(use, [("fast", 10.0), ("cheap", 6.0)])  # (1.0·0.75 + 0.6·0) / 2
        0.375
    """
    pairs = list(outcomes)
    if not pairs:
        return 0.0
    levels = {item.outcome: item.level for item in interaction.achievement}
    p = interaction.personalisation
    total = 0.0
    for outcome, importance in pairs:
        level = levels.get(outcome)
        if level is not None:
            total += importance_weight(importance) * achieved(level, p)
    return total / len(pairs)


def _frozen_stamps(stamps: Iterable[tuple[int, bool]]) -> frozenset[tuple[int, bool]]:
    return frozenset(stamps)


@frozen(repr=False)
class Ledger:
    """Sums of value and money lines per actor, customer, offering, level, period and recurrence.

    A ledger is immutable. ``a.merge(b)`` (or ``a + b``) adds two ledgers, and
    accounting two batches separately then merging equals accounting them together,
    up to floating-point rounding.

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.example_ecosystem()
        >>> half = len(eco.interactions) // 2
        >>> first = cc.account(eco, eco.interactions[:half])
        >>> second = cc.account(eco, eco.interactions[half:])
        >>> (first + second).isclose(cc.account(eco))
        True
    """

    _rows: Mapping[LedgerKey, tuple[float, ...]]
    _stamps: frozenset[tuple[int, bool]] = attrs.field(converter=_frozen_stamps)

    @_stamps.default
    def _stamps_of_rows(self) -> frozenset[tuple[int, bool]]:
        return frozenset((key.period, key.recurring) for key in self._rows)

    def __repr__(self) -> str:
        actors = len({key.actor for key in self._rows})
        return f"Ledger(rows={len(self._rows)}, actors={actors}, periods={list(self.periods)})"

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[LedgerKey]:
        return iter(self._rows)

    def __add__(self, other: Ledger) -> Ledger:
        return self.merge(other)

    def rows(self) -> Iterator[tuple[LedgerKey, Mapping[str, float]]]:
        """Every row as its key and a mapping of line to amount.

        Examples:
            >>> import cocreation as cc
            >>> key, lines = next(cc.account(cc.example_ecosystem()).rows())
            >>> sorted(lines) == sorted(cc.LINES)
            True
        """
        for key, values in self._rows.items():
            yield key, dict(zip(LINES, values, strict=True))

    def get(self, key: LedgerKey) -> tuple[float, ...] | None:
        """The amounts of one row, in the order of [`LINES`][cocreation.LINES], or ``None``.

        Examples:
            >>> Ledger({}).get(LedgerKey("telco", "acme", None, None, 0)) is None
            True
        """
        return self._rows.get(key)

    @property
    def periods(self) -> tuple[int, ...]:
        """The contract periods of the interactions accounted, in order.

        A period counts even when every amount of its interactions is zero (a free
        trial, say): the periods modelled follow the interactions, never the amounts.

        Examples:
            >>> import cocreation as cc
            >>> eco = cc.Ecosystem().add_customer("c").add_interaction("visit", customer="c",
            ...                                                         period=2)
            >>> len(cc.account(eco)), cc.account(eco).periods
            (0, (2,))
        """
        return tuple(sorted({period for period, _ in self._stamps}))

    @property
    def stamps(self) -> frozenset[tuple[int, bool]]:
        """The ``(period, recurring)`` pairs of the interactions accounted.

        [`firm_value`][cocreation.firm_value] spreads recurring flows over the periods
        of the recurring interactions; [`net_value_flows`][cocreation.net_value_flows]
        models every period up to the last one.

        Examples:
            >>> sorted(Ledger({LedgerKey("a", "a", None, None, 1, False): (0.0,) * 9}).stamps)
            [(1, False)]
        """
        return self._stamps

    def merge(self, *others: Ledger) -> Ledger:
        """The ledger of these ledgers' interactions together.

        Examples:
            >>> Ledger({}).merge(Ledger({})) == Ledger({})
            True
        """
        rows: dict[LedgerKey, list[float]] = {key: list(v) for key, v in self._rows.items()}
        stamps = set(self._stamps)
        for other in others:
            stamps |= other._stamps
            for key, values in other._rows.items():
                row = rows.get(key)
                if row is None:
                    rows[key] = list(values)
                else:
                    for number, amount in enumerate(values):
                        row[number] += amount
        return Ledger({key: tuple(values) for key, values in rows.items()}, stamps)

    def totals(self, *, by: str | tuple[str, ...] = "actor") -> dict[Any, dict[str, float]]:
        """Sum the rows by one field of [`LedgerKey`][cocreation.LedgerKey], or by several.

        Args:
            by: A field name (the groups are its values) or a tuple of field names
                (the groups are tuples of their values).

        Raises:
            ValidationError: A name that is not a field of ``LedgerKey``.

        Examples:
            >>> import cocreation as cc
            >>> totals = cc.account(cc.example_ecosystem()).totals(by="actor")
            >>> totals["alpine-telecom"]["money_received"] > 0
            True
            >>> pairs = cc.account(cc.example_ecosystem()).totals(by=("actor", "period"))
            >>> ("alpine-telecom", 0) in pairs
            True
        """
        positions = _key_positions(by)
        sums: dict[Any, list[float]] = {}
        for key, values in self._rows.items():
            group = key[positions] if isinstance(positions, int) else _pick(key, positions)
            row = sums.setdefault(group, [0.0] * len(LINES))
            for number, amount in enumerate(values):
                row[number] += amount
        return {group: dict(zip(LINES, row, strict=True)) for group, row in sums.items()}

    def isclose(self, other: Ledger, *, rel_tol: float = 1e-9, abs_tol: float = 1e-6) -> bool:
        """Whether two ledgers have the same rows with amounts equal up to rounding.

        Examples:
            >>> Ledger({}).isclose(Ledger({}))
            True
        """
        if self._stamps != other._stamps:
            return False
        zero = (0.0,) * len(LINES)
        for key in self._rows.keys() | other._rows.keys():
            mine = self._rows.get(key, zero)
            theirs = other._rows.get(key, zero)
            if not all(
                math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)
                for a, b in zip(mine, theirs, strict=True)
            ):
                return False
        return True


def _key_positions(by: str | tuple[str, ...]) -> int | tuple[int, ...]:
    """The positions in a ledger key of the fields a ledger is summed by."""
    names = (by,) if isinstance(by, str) else by
    if not isinstance(names, tuple) or not names:
        raise ValidationError("by", by, "a field of LedgerKey, or a tuple of them")
    for name in names:
        if name not in LedgerKey._fields:
            raise ValidationError("by", name, f"one of {', '.join(LedgerKey._fields)}")
    positions = tuple(LedgerKey._fields.index(name) for name in names)
    return positions[0] if isinstance(by, str) else positions


def _pick(key: LedgerKey, positions: tuple[int, ...]) -> tuple[Any, ...]:
    return tuple(key[position] for position in positions)


class _Builder:
    """Accumulates ledger rows for the interactions of one ecosystem."""

    def __init__(self, ecosystem: Ecosystem) -> None:
        self.ecosystem = ecosystem
        self.rows: dict[LedgerKey, list[float]] = {}
        self.jobs = {job.id: [(o.id, o.importance) for o in job.outcomes] for job in ecosystem.jobs}
        self.job_value = {job.id: job.value for job in ecosystem.jobs}
        self.partner_cost = {p.id: p.variable_cost for p in ecosystem.partners}
        self.stamps: set[tuple[int, bool]] = set()

    def add(self, actor: str, key: LedgerKey, line: int, amount: float) -> None:
        if amount == 0.0:
            return
        full = key._replace(actor=actor)
        row = self.rows.get(full)
        if row is None:
            row = self.rows[full] = [0.0] * len(LINES)
        row[line] += amount

    def interaction(self, interaction: Interaction) -> None:
        ecosystem = self.ecosystem
        customer = ecosystem.customer(interaction.customer)
        scaled = scale(interaction.occurrences, float(customer.count))
        self.stamps.add((interaction.period, interaction.recurring))
        key = LedgerKey(
            customer.id,
            customer.id,
            interaction.offering,
            interaction.level,
            interaction.period,
            interaction.recurring,
        )
        self._customer_side(interaction, customer, key, scaled)
        if interaction.offering is not None and interaction.units:
            self._purchase(interaction, customer.id, key, scaled)
        counterpart = interaction.counterpart
        if counterpart is not None and counterpart in self.partner_cost:
            self.add(counterpart, key, _EXPENSES, price_of(self.partner_cost[counterpart], scaled))
        for transfer in interaction.transfers:
            amount = price_of(transfer.amount, scaled)
            if transfer.kind is TransferKind.MONEY:
                self.add(transfer.source, key, _MONEY_OUT, amount)
                self.add(transfer.target, key, _MONEY_IN, amount)
            else:
                self.add(transfer.target, key, _VALUE_IN, amount)
        for contribution in interaction.contributions:
            if contribution.kind is ResourceKind.MONEY:
                self.add(contribution.actor, key, _EXPENSES, price_of(contribution.amount, scaled))

    def _customer_side(
        self, interaction: Interaction, customer: Customer, key: LedgerKey, scaled: float
    ) -> None:
        if interaction.job is not None:
            index = achievement_index(interaction, self.jobs[interaction.job])
            self.add(
                customer.id, key, _VIU, value_in_use(self.job_value[interaction.job], index, scaled)
            )
        hours = sum(
            c.amount
            for c in interaction.contributions
            if c.actor == customer.id and c.kind is ResourceKind.TIME
        )
        self.add(customer.id, key, _TIME, valued(hours, customer.value_of_time, scaled))
        self.add(customer.id, key, _EFFORT, price_of(interaction.effort, scaled))
        self.add(
            customer.id,
            key,
            _RISK,
            valued(interaction.risk_probability, interaction.risk_loss, scaled),
        )
        self.add(customer.id, key, _PSYCHIC, price_of(interaction.psychic_cost, scaled))

    def _purchase(
        self, interaction: Interaction, customer: str, key: LedgerKey, scaled: float
    ) -> None:
        assert interaction.offering is not None
        offering = self.ecosystem.offering(interaction.offering)
        chosen = set(interaction.modules)
        modules = [module for module in offering.modules if module.id in chosen]
        units = price_of(interaction.units, scaled)
        price = price_of(offering.price + sum(m.price for m in modules), units)
        cost = price_of(offering.unit_cost + sum(m.cost for m in modules), units)
        self.add(customer, key, _MONEY_OUT, price)
        provider_share = 1.0
        for share in offering.partners:
            provider_share -= share.share
            self.add(share.partner, key, _MONEY_IN, share_of(price, share.share))
            self.add(
                share.partner, key, _EXPENSES, price_of(self.partner_cost[share.partner], units)
            )
        self.add(offering.provider, key, _MONEY_IN, share_of(price, provider_share))
        self.add(offering.provider, key, _EXPENSES, cost)


def account(ecosystem: Ecosystem, interactions: Iterable[Interaction] | None = None) -> Ledger:
    """Account interactions into a ledger of value and money lines.

    For each interaction of a customer with ``count`` n, every per-occurrence amount
    is scaled by ``occurrences × n``:

    - the customer's **value-in-use**: its job's ``value`` times the
      [`achievement_index`][cocreation.achievement_index] of the outcomes it achieved;
    - a **purchase** of ``units`` of an offering (with chosen modules): the customer
      pays the price, the provider and the partners receive it by their revenue
      shares, the provider bears the unit and module costs, each partner its
      variable cost per unit;
    - each **transfer**: money moves from source to target; a value object is
      received by the target at the target's valuation;
    - **contributions**: money an actor contributes is its expense; the customer's
      hours cost its value of time;
    - the customer's **effort**, expected **risk** loss (probability × loss) and
      **psychic cost**; a network partner that is the counterpart bears its variable
      cost per occurrence.

    Args:
        ecosystem: The ecosystem that holds the interactions' references.
        interactions: The interactions to account (default: all of the ecosystem's).
            Each must be valid in ``ecosystem``; they need not be in it, so a batch
            read from elsewhere can be accounted against the ecosystem of its actors.

    Returns:
        The ledger of those interactions.

    Raises:
        UnknownIdError: An interaction refers to an id that is not in the ecosystem.

    Examples:
        >>> import cocreation as cc
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_organisation("bank")
        ...     .add_offering("account", provider="bank", price=10.0, unit_cost=4.0)
        ...     .add_customer("walk-ins", count=100)
        ...     .add_interaction("open", customer="walk-ins", counterpart="bank",
        ...                      offering="account", units=1)
        ... )
        >>> totals = cc.account(eco).totals()
        >>> totals["bank"]["money_received"], totals["bank"]["expenses"]
        (1000.0, 400.0)
        >>> totals["walk-ins"]["money_paid"]
        1000.0
    """
    builder = _Builder(ecosystem)
    if interactions is None:
        batch: Iterable[Interaction] = ecosystem.interactions
    else:
        batch = tuple(interactions)
        if not all(ecosystem.get(i.id) == i for i in batch):
            # A batch from elsewhere is checked against the ecosystem's entities once.
            batch = attrs.evolve(ecosystem, interactions=batch).interactions
    for interaction in batch:
        builder.interaction(interaction)
    return Ledger({key: tuple(values) for key, values in builder.rows.items()}, builder.stamps)
