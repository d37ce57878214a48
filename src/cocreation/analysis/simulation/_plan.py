"""What a simulation reads: the ecosystem's per-member flows and the rules, as arrays.

The ecosystem is accounted once by the engine ([`cocreation.account`][cocreation.account]),
and once more with every outcome it judges fully achieved (which bounds what
achievement rules can do). Each ledger row, divided by its customer's ``count``, is
a flow per member; each period of a run then scales those flows by the members
active. No accounting formula is written here: the lines, their signs and the
firm-value lines they feed are read from their declarations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from cocreation.accounting import (
    FIRM_LINES,
    LEDGER_LINES,
    account,
    focal_organisation,
    signed_total,
)
from cocreation.analysis.simulation._rules import (
    Harm,
    Help,
    Ideas,
    Learning,
    Referrals,
    Rule,
    Survival,
)
from cocreation.ecosystem import Ecosystem, kind_of
from cocreation.errors import UnknownIdError, ValidationError
from cocreation.model import CoCreationLevel, Customer

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]

__all__ = ["FIRM_MEASURES", "Plan"]

_SIGNS = [(line.name, line.sign) for line in LEDGER_LINES]
_GAINS = [(line.name, 1) for line in LEDGER_LINES if line.sign > 0]
_SPENDS = [(line.name, 1) for line in LEDGER_LINES if line.sign < 0]
_MONEY = [("money_received", 1), ("money_paid", -1)]

FIRM_MEASURES: tuple[str, ...] = tuple(line.name for line in FIRM_LINES)
"""The firm-value lines a simulation records per customer, in their declared order."""

_LIFETIME = FIRM_MEASURES.index("lifetime_value")
_REFERRAL = FIRM_MEASURES.index("referral_value")
_KNOWLEDGE = FIRM_MEASURES.index("knowledge_value")


def _firm_amounts(level: CoCreationLevel | None, values: dict[str, float]) -> list[float]:
    """The flows of one ledger row of the focal organisation, by firm-value line.

    As [`firm_value`][cocreation.firm_value] reads them: purchases and use give the
    margin (all lines with their signs), each level its value (what the
    organisation gains) and its cost (what it spends).
    """
    amounts = [0.0] * len(FIRM_LINES)
    for number, spec in enumerate(FIRM_LINES):
        if spec.level != level:
            continue
        if spec.level is None:
            amounts[number] = signed_total(values, _SIGNS)
        elif spec.sign > 0:
            amounts[number] = signed_total(values, _GAINS)
        else:
            amounts[number] = signed_total(values, _SPENDS)
    return amounts


def _where(rules: Sequence[Rule], number: int, name: str) -> str:
    return f"rules[{number}].{name}"


class Plan:
    """An ecosystem and its rules compiled into arrays, for the chunks of runs to read.

    Flows are per member: ``rec`` the run rate of recurring flows (their sum over
    the periods they span, divided by the span, as firm value reads them), and
    ``once[t]`` the one-off flows of period t. Shapes: C customers, A actors,
    F firm-value lines, T the periods of one-off flows.
    """

    def __init__(
        self,
        ecosystem: Ecosystem,
        rules: Sequence[Rule],
        *,
        periods: int,
        organisation: str | None,
    ) -> None:
        import numpy as np

        focal = focal_organisation(ecosystem, organisation)
        self.organisation = focal.id
        self.focal = ecosystem.actors.index(focal)
        self.discount_rate = float(focal.discount_rate)
        self.acquisition_cost = float(focal.acquisition_cost)
        self.periods = periods
        actors = ecosystem.actors
        self.actors: tuple[str, ...] = tuple(actor.id for actor in actors)
        self.kinds: tuple[str, ...] = tuple(kind_of(actor) for actor in actors)
        actor_index = {actor_id: i for i, actor_id in enumerate(self.actors)}
        customers = ecosystem.customers
        self.customers: tuple[str, ...] = tuple(c.id for c in customers)
        index = {customer_id: i for i, customer_id in enumerate(self.customers)}
        c_count, a_count, f_count = len(customers), len(actors), len(FIRM_LINES)
        self.customer_actor = np.array([actor_index[c] for c in self.customers], dtype=np.int64)
        self.count = np.array([c.count for c in customers], dtype=np.int64)
        fixed = [0.0 if isinstance(a, Customer) else a.fixed_cost for a in actors]
        invested = [0.0 if isinstance(a, Customer) else a.investment for a in actors]
        self.fixed_cost = np.array(fixed, dtype=np.float64)
        self.investment = np.array(invested, dtype=np.float64)

        book = account(ecosystem)
        recurring_periods = [period for period, recurring in book.stamps if recurring]
        span = float(max(recurring_periods) + 1) if recurring_periods else 1.0
        once_periods = [p for p, recurring in book.stamps if not recurring and p < periods]
        depth = max(once_periods, default=-1) + 1
        self.once_depth = depth
        self.net_rec = np.zeros((c_count, a_count))
        self.net_once = np.zeros((depth, c_count, a_count))
        self.money_rec = np.zeros((c_count, a_count))
        self.money_once = np.zeros((depth, c_count, a_count))
        self.idea_rec = np.zeros((c_count, a_count))
        self.idea_once = np.zeros((depth, c_count, a_count))
        self.firm_rec = np.zeros((c_count, f_count))
        self.firm_once = np.zeros((depth, c_count, f_count))
        self.viu_rec = np.zeros((2, c_count))  # as judged, and with every outcome achieved
        self.viu_once = np.zeros((2, depth, c_count))

        totals = book.totals(by=("actor", "customer", "level", "recurring", "period"))
        for (actor, customer, level, recurring, period), values in totals.items():
            if not recurring and period >= periods:
                continue
            c = index[customer]
            a = actor_index[actor]
            size = float(self.count[c])
            share = 1.0 / (size * span) if recurring else 1.0 / size
            net = signed_total(values, _SIGNS) * share
            money = signed_total(values, _MONEY) * share
            idea = values["value_received"] * share if level is CoCreationLevel.DESIGN else 0.0
            if recurring:
                self.net_rec[c, a] += net
                self.money_rec[c, a] += money
                self.idea_rec[c, a] += idea
            else:
                self.net_once[period, c, a] += net
                self.money_once[period, c, a] += money
                self.idea_once[period, c, a] += idea
            if actor == customer:
                viu = values["value_in_use"] * share
                if recurring:
                    self.viu_rec[0, c] += viu
                else:
                    self.viu_once[0, period, c] += viu
            if actor == focal.id:
                firm = np.array(_firm_amounts(level, values)) * share
                if recurring:
                    self.firm_rec[c] += firm
                else:
                    self.firm_once[period, c] += firm

        # With every judged outcome fully achieved: personalisation 1 closes every gap.
        judged = [
            attrs.evolve(interaction, personalisation=1.0)
            for interaction in ecosystem.interactions
            if interaction.job is not None and interaction.achievement
        ]
        full = account(ecosystem, judged) if judged else None
        if full is not None:
            by = ("actor", "customer", "recurring", "period")
            for (actor, customer, recurring, period), values in full.totals(by=by).items():
                if actor != customer or (not recurring and period >= periods):
                    continue
                c = index[customer]
                size = float(self.count[c])
                share = 1.0 / (size * span) if recurring else 1.0 / size
                viu = values["value_in_use"] * share
                if recurring:
                    self.viu_rec[1, c] += viu
                else:
                    self.viu_once[1, period, c] += viu

        self._static_referrals(ecosystem, index)
        self._rules(ecosystem, rules, index, actor_index)

    # ---------------------------------------------------------------- referrals

    def _static_referrals(self, ecosystem: Ecosystem, index: dict[str, int]) -> None:
        """Who referred each customer's members at period 0, as the ecosystem says."""
        import numpy as np

        customers = ecosystem.customers
        self.referrer = np.array(
            [-1 if c.referred_by is None else index[c.referred_by] for c in customers],
            dtype=np.int64,
        )
        self.incrementality = np.array([c.incrementality for c in customers], dtype=np.float64)
        self.referred_in = np.array([c.referred_in for c in customers], dtype=np.int64)

    # ---------------------------------------------------------------- rules

    def _rules(
        self,
        ecosystem: Ecosystem,
        rules: Sequence[Rule],
        index: dict[str, int],
        actor_index: dict[str, int],
    ) -> None:
        import numpy as np

        c_count = len(self.customers)
        base = [c.retention for c in ecosystem.customers]
        curves: dict[int, tuple[float, ...]] = {}
        learned: set[int] = set()
        self.helps: list[tuple[int, int, float, float]] = []  # source actor, target, r, a
        self.harms: list[tuple[int, int, float, float]] = []
        self.lags = np.zeros(c_count, dtype=np.int64)
        self.has_lag = np.zeros(c_count, dtype=np.bool_)
        self.learn_rate = np.zeros(c_count)
        self.learn_ceiling = np.zeros(c_count)
        self.streams: list[tuple[int, int, float, float]] = []  # referrer, segment, rate, inc

        def customer_of(number: int, name: str, value: str) -> int:
            if value not in index:
                raise UnknownIdError(_where(rules, number, name), value, "the id of a customer")
            return index[value]

        def actor_of(number: int, name: str, value: str) -> int:
            if value not in actor_index:
                raise UnknownIdError(_where(rules, number, name), value, "the id of an actor")
            return actor_index[value]

        for number, rule in enumerate(rules):
            if isinstance(rule, Survival):
                c = customer_of(number, "customer", rule.customer)
                if c in curves:
                    raise ValidationError(
                        _where(rules, number, "customer"),
                        rule.customer,
                        "a customer with no other survival curve",
                    )
                curves[c] = rule.retention
            elif isinstance(rule, Help | Harm):
                source = actor_of(number, "source", rule.source)
                target = customer_of(number, "target", rule.target)
                if source == self.customer_actor[target]:
                    raise ValidationError(
                        _where(rules, number, "source"),
                        rule.source,
                        "an actor other than the target",
                    )
                entry = (source, target, rule.retention, rule.achievement)
                (self.helps if isinstance(rule, Help) else self.harms).append(entry)
            elif isinstance(rule, Ideas):
                c = customer_of(number, "customer", rule.customer)
                if self.has_lag[c]:
                    raise ValidationError(
                        _where(rules, number, "customer"),
                        rule.customer,
                        "a customer with no other Ideas rule",
                    )
                self.lags[c] = rule.lag
                self.has_lag[c] = True
            elif isinstance(rule, Learning):
                c = customer_of(number, "customer", rule.customer)
                if c in learned:
                    raise ValidationError(
                        _where(rules, number, "customer"),
                        rule.customer,
                        "a customer with no other Learning rule",
                    )
                learned.add(c)
                self.learn_rate[c] = rule.rate
                self.learn_ceiling[c] = rule.ceiling
            elif isinstance(rule, Referrals):
                referrer = customer_of(number, "referrer", rule.referrer)
                segment = customer_of(number, "segment", rule.segment)
                if referrer == segment:
                    raise ValidationError(
                        _where(rules, number, "segment"),
                        rule.segment,
                        "a customer other than the referrer",
                    )
                rate = rule.rate
                if rate is None:
                    rate = self._implied_rate(ecosystem, rule)
                    if rate is None:
                        raise ValidationError(
                            _where(rules, number, "rate"),
                            None,
                            f"a rate of newcomers per member and period: {rule.referrer!r} has "
                            f"no recurring REFERRAL interaction with {rule.segment!r} to imply one",
                        )
                inc = (
                    float(self.incrementality[segment])
                    if rule.incrementality is None
                    else float(rule.incrementality)
                )
                self.streams.append((referrer, segment, float(rate), inc))
            else:
                raise ValidationError(
                    f"rules[{number}]",
                    rule,
                    "a rule: Survival, Referrals, Help, Harm, Ideas or Learning",
                )

        depth = max((len(curve) for curve in curves.values()), default=1)
        self.retention = np.empty((c_count, depth))
        for c in range(c_count):
            retention = base[c]
            if retention is None and c not in curves:
                raise ValidationError(
                    f"Customer.retention of {self.customers[c]!r}",
                    None,
                    "a retention in [0, 1], or a Survival rule for the customer: a"
                    " simulation needs to know who stays",
                )
            curve = curves.get(c, (0.0 if retention is None else retention,))
            self.retention[c, : len(curve)] = curve
            self.retention[c, len(curve) :] = curve[-1]
        self._check_retention(rules)

    def _implied_rate(self, ecosystem: Ecosystem, rule: Referrals) -> float | None:
        """Occurrences of the referrer's recurring REFERRAL interactions with the segment."""
        found = [
            i.occurrences
            for i in ecosystem.interactions
            if i.customer == rule.referrer
            and i.counterpart == rule.segment
            and i.level is CoCreationLevel.REFERRAL
            and i.recurring
        ]
        return sum(found) if found else None

    def _check_retention(self, rules: Sequence[Rule]) -> None:
        """Refuse rules whose rises could lift a retention above 1, or falls push it below 0."""
        for cls in (Help, Harm):
            entries = self.helps if cls is Help else self.harms
            total: dict[int, float] = {}
            for _, target, retention, _ in entries:
                total[target] = total.get(target, 0.0) + retention
            for target, change in total.items():
                curve = self.retention[target]
                if cls is Help:
                    start, extreme, bound = float(curve.max()), float(curve.max()) + change, 1.0
                    fine = extreme <= 1.0 + 1e-12
                else:
                    start, extreme, bound = float(curve.min()), float(curve.min()) - change, 0.0
                    fine = extreme >= -1e-12
                if fine:
                    continue
                name = self.customers[target]
                number, rule = next(
                    (n, r)
                    for n, r in enumerate(rules)
                    if isinstance(r, cls) and r.target == name and r.retention > 0.0
                )
                raise ValidationError(
                    _where(rules, number, "retention"),
                    rule.retention,
                    f"a change that keeps the retention of {name!r} within [0, 1]: from "
                    f"{start:g}, the {cls.__name__} rules on it take it to {extreme:g}, "
                    f"beyond {bound:g}",
                )

    # ---------------------------------------------------------------- flows by period

    def at(self, name: str, period: int, *, once: bool = False) -> Floats | None:
        """A per-member flow of one period: its recurring run rate, or that period's one-offs.

        ``None`` for the one-offs of a period that has none.
        """
        if not once:
            recurring: Floats = getattr(self, f"{name}_rec")
            return recurring
        if period >= self.once_depth:
            return None
        flows: Floats = getattr(self, f"{name}_once")
        return flows[:, period] if name == "viu" else flows[period]

    @property
    def has_once(self) -> bool:
        """Whether anything happens once: one-off flows, an investment, acquisition cost saved."""
        saved = self.acquisition_cost > 0.0 and (
            bool(self.streams)
            or bool(((self.referrer >= 0) & (self.referred_in < self.periods)).any())
        )
        return self.once_depth > 0 or bool(self.investment.any()) or saved
