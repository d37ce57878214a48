"""An independent oracle: the accounting of DOMAIN.md recomputed from the entities alone.

Nothing here calls the library's accounting (no ledger, no result object): each
function walks the ecosystem's interactions and applies the formulas of DOMAIN.md
directly, so a property comparing the library with these functions can fail when
the library adds, drops or double-counts a term.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import cocreation as cc

Timing = Literal["retained", "start", "end"]

# DOMAIN.md, "customer side": the lines of net benefit that are sacrifices.
SACRIFICES = ("money_paid", "expenses", "time_cost", "effort", "risk", "psychic_cost")


def firms(eco: cc.Ecosystem) -> list[cc.Organisation | cc.NetworkPartner]:
    """The organisations and partners: the actors with fixed costs and investment."""
    return [*eco.organisations, *eco.partners]


def scale(eco: cc.Ecosystem, interaction: cc.Interaction) -> float:
    """Need occurrences times the segment's count: what every per-occurrence amount is worth."""
    return interaction.occurrences * eco.customer(interaction.customer).count


def achievement(eco: cc.Ecosystem, interaction: cc.Interaction) -> float:
    """The importance-weighted degree to which the interaction achieves its job's outcomes.

    Each outcome the customer judged counts its importance (on 0-10, as a share of 10)
    times the level achieved, raised toward 1 by personalisation; an outcome not judged
    counts zero; the sum is averaged over all the job's outcomes.
    """
    if interaction.job is None:
        return 0.0
    outcomes = eco.job(interaction.job).outcomes
    if not outcomes:
        return 0.0
    levels = {judged.outcome: judged.level for judged in interaction.achievement}
    p = interaction.personalisation
    weighted = [
        outcome.importance / 10.0 * (levels[outcome.id] + p * (1.0 - levels[outcome.id]))
        for outcome in outcomes
        if outcome.id in levels
    ]
    return sum(weighted) / len(outcomes)


def value_in_use(eco: cc.Ecosystem, interaction: cc.Interaction) -> float:
    """What the interaction's use is worth to its customer: job value times achievement."""
    if interaction.job is None:
        return 0.0
    return eco.job(interaction.job).value * achievement(eco, interaction) * scale(eco, interaction)


def purchase(eco: cc.Ecosystem, interaction: cc.Interaction) -> tuple[float, float, float]:
    """``(units bought, price paid, cost borne)`` of the interaction's purchase, all scaled.

    The price paid includes the prices of the modules chosen; the cost borne is the
    provider's unit cost and the modules' costs.
    """
    if interaction.offering is None:
        return 0.0, 0.0, 0.0
    offering = eco.offering(interaction.offering)
    chosen = [module for module in offering.modules if module.id in interaction.modules]
    units = interaction.units * scale(eco, interaction)
    price = offering.price + sum(module.price for module in chosen)
    cost = offering.unit_cost + sum(module.cost for module in chosen)
    return units, price * units, cost * units


def hours(customer: cc.Customer, interaction: cc.Interaction) -> float:
    """The hours the interaction's own customer contributes to it."""
    if interaction.customer != customer.id:
        return 0.0
    return sum(
        given.amount
        for given in interaction.contributions
        if given.actor == customer.id and given.kind is cc.ResourceKind.TIME
    )


def customer_lines(
    eco: cc.Ecosystem, customer: cc.Customer, interactions: Iterable[cc.Interaction] | None = None
) -> dict[str, float]:
    """The customer's value-in-use, what it receives, and each of its sacrifices (positive)."""
    lines = dict.fromkeys(("value_in_use", "value_received", "money_received", *SACRIFICES), 0.0)
    for interaction in eco.interactions if interactions is None else interactions:
        size = scale(eco, interaction)
        if interaction.customer == customer.id:
            lines["value_in_use"] += value_in_use(eco, interaction)
            lines["money_paid"] += purchase(eco, interaction)[1]
            lines["time_cost"] += hours(customer, interaction) * customer.value_of_time * size
            lines["effort"] += interaction.effort * size
            lines["risk"] += interaction.risk_probability * interaction.risk_loss * size
            lines["psychic_cost"] += interaction.psychic_cost * size
        for transfer in interaction.transfers:
            money = transfer.kind is cc.TransferKind.MONEY
            if transfer.target == customer.id:
                lines["money_received" if money else "value_received"] += transfer.amount * size
            if transfer.source == customer.id and money:
                lines["money_paid"] += transfer.amount * size
        for given in interaction.contributions:
            if given.actor == customer.id and given.kind is cc.ResourceKind.MONEY:
                lines["expenses"] += given.amount * size
    return lines


def net_benefit(eco: cc.Ecosystem, customer: cc.Customer) -> float:
    """Value-in-use plus value and money received, minus every sacrifice."""
    lines = customer_lines(eco, customer)
    gained = lines["value_in_use"] + lines["value_received"] + lines["money_received"]
    return gained - sum(lines[line] for line in SACRIFICES)


def customer_effort(eco: cc.Ecosystem, interaction: cc.Interaction) -> float:
    """The customer's non-monetary sacrifices: time at its value of time, effort, risk, psychic cost."""
    size = scale(eco, interaction)
    customer = eco.customer(interaction.customer)
    spent = hours(customer, interaction) * customer.value_of_time * size
    spent += interaction.effort * size
    spent += interaction.risk_probability * interaction.risk_loss * size
    spent += interaction.psychic_cost * size
    return spent


def resources_spent(eco: cc.Ecosystem, interaction: cc.Interaction) -> float:
    """Everything the interaction uses up, whoever spends it (money only moving excluded).

    Unit and module costs; every partner's variable cost per unit it shares in, and
    per occurrence when it is the counterpart; money contributed; and the customer's
    time, effort, expected risk loss and psychic cost.
    """
    size = scale(eco, interaction)
    units, _, cost = purchase(eco, interaction)
    spent = cost
    if interaction.offering is not None:
        for share in eco.offering(interaction.offering).partners:
            spent += eco.partner(share.partner).variable_cost * units
    partner_ids = {partner.id for partner in eco.partners}
    if interaction.counterpart in partner_ids:
        spent += eco.partner(interaction.counterpart).variable_cost * size
    spent += sum(
        given.amount * size
        for given in interaction.contributions
        if given.kind is cc.ResourceKind.MONEY
    )
    return spent + customer_effort(eco, interaction)


def value_created(eco: cc.Ecosystem, interaction: cc.Interaction) -> float:
    """What the interaction creates: value-in-use and value objects received, minus resources."""
    received = sum(
        transfer.amount * scale(eco, interaction)
        for transfer in interaction.transfers
        if transfer.kind is not cc.TransferKind.MONEY
    )
    return value_in_use(eco, interaction) + received - resources_spent(eco, interaction)


def total_value_created(eco: cc.Ecosystem, periods: int) -> float:
    """Value created over ``periods`` undiscounted periods, money cancelling out.

    Every interaction in those periods creates its value; every organisation and partner
    bears its fixed cost each period and its investment once.
    """
    created = sum(value_created(eco, i) for i in eco.interactions if i.period < periods)
    for actor in firms(eco):
        created -= actor.fixed_cost * periods + actor.investment
    return created


def flows(eco: cc.Ecosystem, actor: str, interaction: cc.Interaction) -> tuple[float, float]:
    """``(gained, spent)`` by an organisation or partner in one interaction, scaled.

    Gained: money and value objects it receives, including its share of a purchase
    (the provider keeps what the partners' revenue shares leave). Spent: money it pays
    or contributes, the costs of what it provides, and a partner's variable cost per
    unit it shares in and per occurrence it is the counterpart of.
    """
    size = scale(eco, interaction)
    gained = spent = 0.0
    if interaction.offering is not None:
        offering = eco.offering(interaction.offering)
        units, paid, cost = purchase(eco, interaction)
        if offering.provider == actor:
            gained += paid * (1.0 - sum(share.share for share in offering.partners))
            spent += cost
        for share in offering.partners:
            if share.partner == actor:
                gained += paid * share.share
                spent += eco.partner(actor).variable_cost * units
    if interaction.counterpart == actor and isinstance(eco[actor], cc.NetworkPartner):
        spent += eco.partner(actor).variable_cost * size
    for transfer in interaction.transfers:
        if transfer.target == actor:
            gained += transfer.amount * size
        if transfer.source == actor and transfer.kind is cc.TransferKind.MONEY:
            spent += transfer.amount * size
    for given in interaction.contributions:
        if given.actor == actor and given.kind is cc.ResourceKind.MONEY:
            spent += given.amount * size
    return gained, spent


def nets(eco: cc.Ecosystem, periods: int) -> dict[str, float]:
    """Every actor's net value over ``periods`` undiscounted periods.

    A customer's is its net benefit from the interactions in those periods; an
    organisation's or partner's what it gains minus what it spends, minus its fixed
    cost every period and its investment once.
    """
    window = [i for i in eco.interactions if i.period < periods]
    result: dict[str, float] = {}
    for customer in eco.customers:
        lines = customer_lines(eco, customer, window)
        gained = lines["value_in_use"] + lines["value_received"] + lines["money_received"]
        result[customer.id] = gained - sum(lines[line] for line in SACRIFICES)
    for actor in firms(eco):
        moved = [flows(eco, actor.id, interaction) for interaction in window]
        result[actor.id] = sum(gained - spent for gained, spent in moved)
        result[actor.id] -= actor.fixed_cost * periods + actor.investment
    return result


def lifetime_factor(retention: float, discount_rate: float, timing: Timing, horizon: int) -> float:
    """The present value of a margin of 1 per period over ``horizon`` periods, term by term.

    The k-th margin (k = 0, 1, ...) is weighed by the chance of still being a customer
    and discounted to now: one period out and only if retained (``"retained"``), now
    (``"start"``), or one period out for certain (``"end"``).
    """
    q = retention / (1.0 + discount_rate)
    first = {
        "retained": retention / (1.0 + discount_rate),
        "start": 1.0,
        "end": 1.0 / (1.0 + discount_rate),
    }[timing]
    return sum(first * q**k for k in range(horizon))


# DOMAIN.md, "firm side": the line each co-creation level's value and cost go to.
VALUE_LINE = {
    cc.CoCreationLevel.DESIGN: "knowledge_value",
    cc.CoCreationLevel.PRODUCTION: "coproduction_savings",
    cc.CoCreationLevel.REFERRAL: "referral_value",
    cc.CoCreationLevel.SUPPORT: "influence_value",
}
COST_LINE = {
    cc.CoCreationLevel.DESIGN: "design_cost",
    cc.CoCreationLevel.PRODUCTION: "production_cost",
    cc.CoCreationLevel.REFERRAL: "referral_cost",
    cc.CoCreationLevel.SUPPORT: "support_cost",
}


def firm_value_lines(
    eco: cc.Ecosystem, organisation: cc.Organisation, timing: Timing, horizon: int
) -> dict[str, dict[str, float]]:
    """Every customer's firm value lines for the organisation, over a finite horizon.

    Recurring flows are averaged over the periods from 0 to the last period of a
    recurring interaction, and that run rate is capitalised with the customer's
    retention and the organisation's discount rate; one-off flows count once,
    discounted by their period. Purchases and use (no level) give the lifetime value;
    each level its value and its cost; a referrer gets, for each customer it referred,
    the acquisition cost saved and the referred customer's lifetime value in
    proportion to its incrementality, discounted from the period of the referral.
    """
    d = organisation.discount_rate
    recurring = [i.period for i in eco.interactions if i.recurring]
    span = max(recurring) + 1 if recurring else 1
    levels: list[cc.CoCreationLevel | None] = [None, *cc.CoCreationLevel]
    values: dict[str, dict[str, float]] = {}
    lifetime: dict[str, float] = {}
    for customer in eco.customers:
        if customer.retention is None:  # not modelled: the periods modelled, no further
            factor = sum((1.0 + d) ** -k for k in range(span))
        else:
            factor = lifetime_factor(customer.retention, d, timing, horizon)
        gains = dict.fromkeys(levels, 0.0)
        costs = dict.fromkeys(levels, 0.0)
        for interaction in eco.interactions:
            if interaction.customer != customer.id:
                continue
            gained, spent = flows(eco, organisation.id, interaction)
            weight = factor / span if interaction.recurring else (1.0 + d) ** -interaction.period
            gains[interaction.level] += gained * weight
            costs[interaction.level] += spent * weight
        lifetime[customer.id] = gains[None] - costs[None]
        lines = {"lifetime_value": lifetime[customer.id]}
        for level in cc.CoCreationLevel:
            lines[VALUE_LINE[level]] = gains[level]
            lines[COST_LINE[level]] = costs[level]
        values[customer.id] = lines
    for customer in eco.customers:
        if customer.referred_by is not None:
            values[customer.referred_by]["referral_value"] += (
                customer.count * organisation.acquisition_cost
                + customer.incrementality * lifetime[customer.id]
            ) * (1.0 + d) ** -customer.referred_in
    return values


def firm_value_total(lines: dict[str, float]) -> float:
    """The total of firm value lines: every value line minus every cost line."""
    return sum(lines[line] for line in ("lifetime_value", *VALUE_LINE.values())) - sum(
        lines[line] for line in COST_LINE.values()
    )
