"""Property tests: the accounting invariants 1 to 10 of DOMAIN.md, each named after its number.

Every property draws what it needs (``ecosystems`` bounds such as ``min_purchases``)
or builds it, so that it reaches its assertion on every example, and compares the
library with ``_oracle``, which recomputes the accounting from the entities alone.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from typing import NamedTuple

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cocreation as cc
from cocreation.strategies import ecosystems

from . import _oracle as oracle

ECOSYSTEMS = ecosystems(min_customers=1, min_interactions=1, max_interactions=6)
# Ecosystems where something is bought and some use is worth something to a customer.
TRADING = ecosystems(min_purchases=1, min_served=1, max_interactions=6)
TIMINGS = st.sampled_from(["retained", "start", "end"])
HORIZONS = st.integers(min_value=0, max_value=40)


def close(a: float, b: float, *, scale: Iterable[float] = ()) -> bool:
    """Equal up to rounding relative to the size of the amounts involved."""
    size = max([1.0, abs(a), abs(b), *(abs(x) for x in scale)])
    return abs(a - b) <= 1e-9 * size


def magnitude(ledger: cc.Ledger) -> float:
    return max([1.0, *(abs(v) for _, lines in ledger.rows() for v in lines.values())])


def all_finite(values: Iterable[float]) -> bool:
    return all(math.isfinite(value) for value in values)


def bought_offerings(eco: cc.Ecosystem) -> list[str]:
    """The offerings some interaction buys units of (at least once)."""
    return sorted(
        {i.offering for i in eco.interactions if i.offering and oracle.purchase(eco, i)[0]}
    )


def periods_of(eco: cc.Ecosystem) -> int:
    """The periods the interactions span: 0 to the last interaction's period."""
    return max((i.period for i in eco.interactions), default=0) + 1


# Invariant 1 -------------------------------------------------------------------------


@given(ecosystems(min_purchases=1, priced=True, max_interactions=6))
def test_invariant_1_money_is_conserved(eco: cc.Ecosystem) -> None:
    ledger = cc.account(eco)
    totals = ledger.totals()
    received = sum(lines["money_received"] for lines in totals.values())
    paid = sum(lines["money_paid"] for lines in totals.values())
    # A priced offering is bought: money changes hands, and all of it is accounted.
    moved = sum(oracle.purchase(eco, i)[1] for i in eco.interactions)
    moved += sum(
        t.amount * oracle.scale(eco, i)
        for i in eco.interactions
        for t in i.transfers
        if t.kind is cc.TransferKind.MONEY
    )
    assert paid > 0
    assert close(paid, moved, scale=[magnitude(ledger)])
    assert close(received, paid, scale=[magnitude(ledger)])
    flows = cc.net_value_flows(eco, ledger=ledger)
    assert close(flows.money_balance(), 0.0, scale=[magnitude(ledger)])


# Invariant 2 -------------------------------------------------------------------------


@given(
    ecosystems(min_purchases=1, priced=True, shared=True, max_interactions=6),
    st.floats(min_value=0.0, max_value=1e5),
    st.data(),
)
def test_invariant_2_price_is_a_transfer(
    eco: cc.Ecosystem, new_price: float, data: st.DataObject
) -> None:
    bought = bought_offerings(eco)
    offering = eco.offering(data.draw(st.sampled_from(bought)))
    delta = new_price - offering.price
    changed = eco.replace(attrs.evolve(offering, price=new_price))
    periods = periods_of(eco)
    before = cc.net_value_flows(eco, periods=periods).nets()
    after = cc.net_value_flows(changed, periods=periods).nets()
    scale = [magnitude(cc.account(eco)), magnitude(cc.account(changed))]

    # What the customers pay more, the provider and the partners receive, one for one.
    units = {customer.id: 0.0 for customer in eco.customers}
    for i in eco.interactions:
        if i.offering == offering.id:
            units[i.customer] += oracle.purchase(eco, i)[0]
    shares = {share.partner: share.share for share in offering.partners}
    total_units = sum(units.values())
    assert total_units > 0
    expected = dict.fromkeys(before, 0.0)
    for customer, amount in units.items():
        expected[customer] -= delta * amount
    expected[offering.provider] += delta * total_units * (1.0 - sum(shares.values()))
    for partner, share in shares.items():
        expected[partner] += delta * total_units * share
    for actor in before:
        assert close(after[actor] - before[actor], expected[actor], scale=scale)
    assert close(sum(after.values()) - sum(before.values()), 0.0, scale=scale)
    assert close(
        cc.win_win(changed, periods=periods).total_value_created,
        cc.win_win(eco, periods=periods).total_value_created,
        scale=scale,
    )


# Invariant 3 -------------------------------------------------------------------------


@given(TRADING, st.integers(min_value=1, max_value=6))
def test_invariant_3_total_value_created_is_the_sum_of_every_actors_net(
    eco: cc.Ecosystem, periods: int
) -> None:
    flows = cc.net_value_flows(eco, periods=periods)
    fixed = sum(a.fixed_cost * periods + a.investment for a in oracle.firms(eco))
    scale = [magnitude(cc.account(eco)) * periods, fixed]
    # Each actor's net computed from the interactions and the actors themselves.
    expected = oracle.nets(eco, periods)
    for actor, net in flows.nets().items():
        assert close(net, expected[actor], scale=scale), actor
    assert close(flows.total_value_created(), sum(expected.values()), scale=scale)
    # And again another way: money cancels out, so value created is what is received
    # as value minus every resource spent.
    assert close(flows.total_value_created(), oracle.total_value_created(eco, periods), scale=scale)


# Invariant 4 -------------------------------------------------------------------------


@given(TRADING)
def test_invariant_4_net_benefit_is_the_sum_of_its_lines(eco: cc.Ecosystem) -> None:
    benefits = cc.net_benefit(eco)
    tolerance = [magnitude(cc.account(eco))]
    for customer in eco.customers:
        benefit = benefits[customer.id]
        # Each line computed from the interactions themselves, not read from the result.
        lines = oracle.customer_lines(eco, customer)
        for line, amount in lines.items():
            assert close(getattr(benefit, line), amount, scale=tolerance), line
        expected = oracle.net_benefit(eco, customer)
        assert close(benefit.net, expected, scale=tolerance)
        assert close(benefit.benefits - benefit.sacrifices, expected, scale=tolerance)
        assert all_finite(benefit.lines().values())


def _every_interaction_moves_something(eco: cc.Ecosystem) -> cc.Ecosystem:
    """Each interaction happens and costs its customer some effort.

    Firm value averages recurring flows over the periods they span; with every
    interaction moving something in its own period, the periods spanned are those of
    the interactions, however the periods a ledger models are read.
    """
    return eco.replace(
        *(
            attrs.evolve(i, occurrences=max(i.occurrences, 0.5), effort=i.effort + 1.0)
            for i in eco.interactions
        )
    )


@given(
    ecosystems(min_purchases=1, min_served=1, min_referrals=1, max_interactions=6),
    TIMINGS,
    HORIZONS,
)
def test_invariant_4_firm_value_is_the_sum_of_its_lines(
    eco: cc.Ecosystem, timing: oracle.Timing, horizon: int
) -> None:
    eco = _every_interaction_moves_something(eco)
    for organisation in eco.organisations:
        values = cc.firm_value(eco, timing=timing, horizon=horizon, organisation=organisation.id)
        expected = oracle.firm_value_lines(eco, organisation, timing, horizon)
        tolerance = [magnitude(cc.account(eco)) * max(1.0, float(horizon))]
        for customer in eco.customers:
            value = values[customer.id]
            lines = expected[customer.id]
            # Each line computed from the interactions, the customers and the organisation.
            for line, amount in lines.items():
                assert close(getattr(value, line), amount, scale=tolerance), line
            total = oracle.firm_value_total(lines)
            assert close(value.total, total, scale=tolerance)
            # The level-by-level reading adds up to the same total.
            assert close(sum(value.by_level().values()), total, scale=tolerance)
            assert all_finite(value.lines().values())


# Invariant 5 -------------------------------------------------------------------------

SERVED = ecosystems(min_offerings=1, min_served=1, max_interactions=6)


@given(SERVED, st.data())
def test_invariant_5_the_customer_decides(eco: cc.Ecosystem, data: st.DataObject) -> None:
    # Whatever the offerings claim, no customer's value-in-use changes.
    outcome_ids = [o.id for job in eco.jobs for o in job.outcomes]
    claims = [
        attrs.evolve(
            offering,
            proposition=[
                cc.Achievement(outcome, data.draw(st.floats(-1.0, 1.0)))
                for outcome in data.draw(
                    st.lists(st.sampled_from(outcome_ids), unique=True, min_size=1)
                )
            ],
        )
        for offering in eco.offerings
    ]
    reclaimed = eco.replace(*claims)
    before = cc.net_benefit(eco)
    after = cc.net_benefit(reclaimed)
    for customer in eco.customers:
        assert after[customer.id].value_in_use == before[customer.id].value_in_use
        # Only the customer's own jobs and judgements decide it.
        own = sum(
            oracle.value_in_use(eco, i) for i in eco.interactions if i.customer == customer.id
        )
        assert close(after[customer.id].value_in_use, own, scale=[magnitude(cc.account(eco))])


# Invariant 6 -------------------------------------------------------------------------


def _non_negative_achievements(eco: cc.Ecosystem) -> cc.Ecosystem:
    return eco.replace(
        *(
            attrs.evolve(
                i, achievement=[attrs.evolve(a, level=abs(a.level)) for a in i.achievement]
            )
            for i in eco.interactions
        )
    )


@given(SERVED, st.data())
def test_invariant_6_more_achievement_or_importance_never_lowers_value_in_use(
    eco: cc.Ecosystem, data: st.DataObject
) -> None:
    eco = _non_negative_achievements(eco)
    before = cc.net_benefit(eco)
    judged = [i for i in eco.interactions if i.job is not None and i.achievement]
    interaction = data.draw(st.sampled_from(judged))
    raised = [
        attrs.evolve(a, level=min(1.0, a.level + data.draw(st.floats(0.01, 1.0))))
        for a in interaction.achievement
    ]
    better = eco.replace(attrs.evolve(interaction, achievement=raised))
    after = cc.net_benefit(better)
    for customer in before:
        assert after[customer].value_in_use >= before[customer].value_in_use - 1e-9

    # A job some interaction judges, whose outcomes become more important.
    job = eco.job(data.draw(st.sampled_from(sorted({i.job for i in judged if i.job}))))
    outcomes = [
        attrs.evolve(o, importance=min(10.0, o.importance + data.draw(st.floats(0.01, 10.0))))
        for o in job.outcomes
    ]
    weightier = eco.replace(attrs.evolve(job, outcomes=outcomes))
    after = cc.net_benefit(weightier)
    for customer in before:
        assert after[customer].value_in_use >= before[customer].value_in_use - 1e-9


SACRIFICES = ("effort", "risk_loss", "psychic_cost")


@given(TRADING, st.sampled_from(SACRIFICES), st.floats(0.01, 1e4), st.data())
def test_invariant_6_every_sacrifice_lowers_net_benefit(
    eco: cc.Ecosystem, field: str, more: float, data: st.DataObject
) -> None:
    interaction = data.draw(st.sampled_from(eco.interactions))
    heavier = eco.replace(attrs.evolve(interaction, **{field: getattr(interaction, field) + more}))
    before = cc.net_benefit(eco)[interaction.customer]
    after = cc.net_benefit(heavier)[interaction.customer]
    # The customer sacrifices exactly the extra amount, once per occurrence and member.
    weight = interaction.risk_probability if field == "risk_loss" else 1.0
    extra = more * weight * oracle.scale(eco, interaction)
    scale = [magnitude(cc.account(eco)), extra]
    assert close(after.sacrifices - before.sacrifices, extra, scale=scale)
    assert close(before.net - after.net, extra, scale=scale)
    assert after.net <= before.net + 1e-9 * max(1.0, abs(before.net))


@given(
    ecosystems(min_purchases=1, max_interactions=6),
    st.floats(0.01, 500.0),
    st.floats(0.1, 10.0),
    st.data(),
)
def test_invariant_6_a_higher_value_of_time_or_price_lowers_net_benefit(
    eco: cc.Ecosystem, more: float, hours_given: float, data: st.DataObject
) -> None:
    # A customer gives some of its own time to an interaction that happens.
    use = data.draw(st.sampled_from([i for i in eco.interactions if i.occurrences > 0]))
    customer = eco.customer(use.customer)
    time = cc.Contribution(customer.id, cc.ResourceKind.TIME, hours_given)
    eco = eco.replace(attrs.evolve(use, contributions=[*use.contributions, time]))
    scale = [magnitude(cc.account(eco))]
    before = cc.net_benefit(eco)

    slower = eco.replace(attrs.evolve(customer, value_of_time=customer.value_of_time + more))
    # Every hour the customer gives its own interactions costs ``more`` on top.
    hours = sum(oracle.hours(customer, i) * oracle.scale(eco, i) for i in eco.interactions)
    after = cc.net_benefit(slower)[customer.id]
    assert after.net <= before[customer.id].net + 1e-9 * max(1.0, abs(before[customer.id].net))
    assert close(before[customer.id].net - after.net, more * hours, scale=scale)

    offering = eco.offering(data.draw(st.sampled_from(bought_offerings(eco))))
    dearer = eco.replace(attrs.evolve(offering, price=offering.price + more))
    after_all = cc.net_benefit(dearer)
    for who in eco.customers:
        # Every unit bought costs ``more`` on top.
        units = sum(
            oracle.purchase(eco, i)[0]
            for i in eco.interactions
            if i.customer == who.id and i.offering == offering.id
        )
        net = before[who.id].net
        assert after_all[who.id].net <= net + 1e-9 * max(1.0, abs(net))
        assert close(net - after_all[who.id].net, more * units, scale=scale)


MARGINS = st.floats(min_value=0.0, max_value=1e6)
RETENTIONS = st.floats(min_value=0.0, max_value=0.99)
RATES = st.floats(min_value=0.0, max_value=1.0)


@given(MARGINS, MARGINS, RETENTIONS, RATES, TIMINGS)
def test_invariant_6_clv_rises_with_margin(
    m1: float, m2: float, r: float, d: float, timing: cc.Timing
) -> None:
    low, high = sorted((m1, m2))
    assert cc.clv(low, r, d, timing=timing) <= cc.clv(high, r, d, timing=timing)


@given(MARGINS, RETENTIONS, RETENTIONS, RATES, TIMINGS)
def test_invariant_6_clv_rises_with_retention(
    m: float, r1: float, r2: float, d: float, timing: cc.Timing
) -> None:
    low, high = sorted((r1, r2))
    assert cc.clv(m, low, d, timing=timing) <= cc.clv(m, high, d, timing=timing) * (1 + 1e-12)


@given(MARGINS, RETENTIONS, RATES, RATES, TIMINGS)
def test_invariant_6_clv_falls_with_the_discount_rate(
    m: float, r: float, d1: float, d2: float, timing: cc.Timing
) -> None:
    low, high = sorted((d1, d2))
    assert cc.clv(m, r, high, timing=timing) <= cc.clv(m, r, low, timing=timing) * (1 + 1e-12)


# Invariant 7 -------------------------------------------------------------------------


@given(MARGINS, RETENTIONS, RATES, TIMINGS, st.integers(0, 200))
def test_invariant_7_finite_horizon_rises_with_n_toward_the_infinite_form(
    m: float, r: float, d: float, timing: cc.Timing, n: int
) -> None:
    shorter = cc.clv(m, r, d, timing=timing, horizon=n)
    longer = cc.clv(m, r, d, timing=timing, horizon=n + 1)
    infinite = cc.clv(m, r, d, timing=timing)
    assert shorter <= longer * (1 + 1e-12) + 1e-9
    assert longer <= infinite * (1 + 1e-12) + 1e-9
    assert cc.clv(m, r, d, timing=timing, horizon=5000) == pytest.approx(infinite, rel=1e-6)


@given(MARGINS, st.floats(0.0, 1.0), st.integers(0, 60))
def test_invariant_7_zero_discount_is_the_plain_sum(m: float, r: float, n: int) -> None:
    plain = sum(m * r**t for t in range(1, n + 1))
    assert cc.clv(m, r, 0.0, timing="retained", horizon=n) == pytest.approx(
        plain, rel=1e-9, abs=1e-6
    )
    plain_start = sum(m * r**t for t in range(n))
    assert cc.clv(m, r, 0.0, timing="start", horizon=n) == pytest.approx(
        plain_start, rel=1e-9, abs=1e-6
    )


@given(MARGINS, RETENTIONS, RATES)
def test_invariant_7_the_timing_conventions_are_ordered(m: float, r: float, d: float) -> None:
    retained = cc.clv(m, r, d, timing="retained")
    end = cc.clv(m, r, d, timing="end")
    start = cc.clv(m, r, d, timing="start")
    assert retained <= end * (1 + 1e-12) <= start * (1 + 1e-12) ** 2
    assert retained == pytest.approx(m * r / (1 + d - r), rel=1e-9, abs=1e-9)
    assert end == pytest.approx(m / (1 + d - r), rel=1e-9, abs=1e-9)
    assert start == pytest.approx(m * (1 + d) / (1 + d - r), rel=1e-9, abs=1e-9)


# Invariant 8 -------------------------------------------------------------------------


AT_LEAST_TWO = ecosystems(min_customers=1, min_interactions=2, max_interactions=6)


@given(AT_LEAST_TWO, st.randoms(use_true_random=False))
def test_invariant_8_accounting_is_invariant_under_permutation(
    eco: cc.Ecosystem, rng: random.Random
) -> None:
    shuffled = list(eco.interactions)
    rng.shuffle(shuffled)
    assert cc.account(eco, shuffled).isclose(cc.account(eco))
    permuted = attrs.evolve(eco, interactions=shuffled)
    for customer, benefit in cc.net_benefit(eco).items():
        assert close(
            cc.net_benefit(permuted)[customer].net, benefit.net, scale=[magnitude(cc.account(eco))]
        )


@given(AT_LEAST_TWO, st.data())
def test_invariant_8_batches_merge_into_the_whole(eco: cc.Ecosystem, data: st.DataObject) -> None:
    # Two batches of at least one interaction each.
    cut = data.draw(st.integers(1, len(eco.interactions) - 1))
    first = cc.account(eco, eco.interactions[:cut])
    second = cc.account(eco, eco.interactions[cut:])
    whole = cc.account(eco)
    assert first.merge(second).isclose(whole)
    assert (second + first).isclose(whole)
    merged = first + second
    periods = periods_of(eco)
    assert cc.net_value_flows(eco, ledger=merged, periods=periods).nets() == pytest.approx(
        cc.net_value_flows(eco, ledger=whole, periods=periods).nets(), rel=1e-9, abs=1e-6
    )


# Invariant 9 -------------------------------------------------------------------------


@given(
    count=st.integers(1, 6),
    units=st.floats(0.0, 10.0),
    price=st.floats(0.0, 1e4),
    level=st.floats(-1.0, 1.0),
    hours=st.floats(0.0, 10.0),
    value_of_time=st.floats(0.0, 200.0),
    idea=st.floats(-1e3, 1e3),
    retention=st.floats(0.0, 0.95),
    timing=TIMINGS,
)
def test_invariant_9_a_segment_of_n_accounts_as_n_identical_customers(
    count: int,
    units: float,
    price: float,
    level: float,
    hours: float,
    value_of_time: float,
    idea: float,
    retention: float,
    timing: cc.Timing,
) -> None:
    def build(members: list[tuple[str, int]]) -> cc.Ecosystem:
        eco = (
            cc.Ecosystem()
            .add_partner("community")
            .add_organisation("firm", partners=["community"], discount_rate=0.1)
            .add_offering(
                "service",
                provider="firm",
                price=price,
                unit_cost=price / 3,
                partners=[cc.RevenueShare("community", 0.1)],
            )
        )
        for customer, n in members:
            eco = (
                eco.add_customer(
                    customer, count=n, value_of_time=value_of_time, retention=retention
                )
                .add_job(
                    f"{customer}-job",
                    owner=customer,
                    value=500.0,
                    outcomes=[cc.Outcome("speed", importance=8.0, satisfaction=3.0)],
                )
                .add_interaction(
                    f"{customer}-use",
                    customer=customer,
                    counterpart="firm",
                    offering="service",
                    units=units,
                    job=f"{customer}-job",
                    achievement=[cc.Achievement("speed", level)],
                    contributions=[cc.Contribution(customer, cc.ResourceKind.TIME, hours)],
                )
                .add_interaction(
                    f"{customer}-idea",
                    customer=customer,
                    counterpart="firm",
                    level=cc.CoCreationLevel.DESIGN,
                    transfers=[cc.Transfer(customer, "firm", idea, cc.TransferKind.VALUE)],
                )
            )
        return eco

    segment = build([("segment", count)])
    alike = build([(f"member-{k}", 1) for k in range(count)])
    benefit = cc.net_benefit(segment)["segment"]
    members = cc.net_benefit(alike)
    for line in cc.LINES:
        assert getattr(benefit, line) == pytest.approx(
            sum(getattr(members[f"member-{k}"], line) for k in range(count)), rel=1e-9, abs=1e-6
        )
    value = cc.firm_value(segment, timing=timing)["segment"]
    values = cc.firm_value(alike, timing=timing)
    assert value.total == pytest.approx(
        sum(values[f"member-{k}"].total for k in range(count)), rel=1e-9, abs=1e-6
    )
    flows = cc.net_value_flows(segment).nets()
    member_flows = cc.net_value_flows(alike).nets()
    assert flows["firm"] == pytest.approx(member_flows["firm"], rel=1e-9, abs=1e-6)
    assert flows["community"] == pytest.approx(member_flows["community"], rel=1e-9, abs=1e-6)


# Invariant 10 ------------------------------------------------------------------------

SCALE = st.floats(min_value=0.0, max_value=10.0)


@given(SCALE, SCALE)
def test_invariant_10_opportunity_score(importance: float, satisfaction: float) -> None:
    result = cc.opportunity_score(importance, satisfaction)
    assert 0.0 <= result.score <= 20.0
    if satisfaction >= importance:
        assert result.score == pytest.approx(importance)
    else:
        assert result.score == pytest.approx(2 * importance - satisfaction)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=300))
def test_invariant_10_net_promoter_score_lies_in_range(scores: list[int]) -> None:
    nps = cc.net_promoter_score(scores)
    assert -100.0 <= nps.score <= 100.0
    assert nps.respondents == len(scores)
    assert 0.0 <= nps.standard_error <= 100.0
    low, high = nps.interval()
    assert -100.0 <= low <= nps.score <= high <= 100.0


# No NaN and no infinity ever come out ------------------------------------------------


@settings(max_examples=30)
@given(ECOSYSTEMS, TIMINGS, HORIZONS)
def test_results_are_always_finite(eco: cc.Ecosystem, timing: cc.Timing, horizon: int) -> None:
    for benefit in cc.net_benefit(eco).values():
        assert all_finite(benefit.lines().values())
    for flow in cc.net_value_flows(eco).values():
        assert all_finite(flow.lines().values())
    verdict = cc.win_win(eco)
    assert all_finite(verdict.nets.values())
    for found in verdict.price_ranges.values():
        if found is not None:
            assert math.isfinite(found.low)
            assert found.high is None or math.isfinite(found.high)
    for organisation in eco.organisations:
        for value in cc.firm_value(
            eco, timing=timing, horizon=horizon, organisation=organisation.id
        ).values():
            assert all_finite(value.lines().values())


# Win-win -----------------------------------------------------------------------------


class PricedToGain(NamedTuple):
    """An ecosystem built so that every actor gains at some price of ``service``.

    ``low`` and ``high`` are the range of prices at which every actor gains, worked out
    from the amounts the ecosystem was built from: the provider and each partner need
    a price of at least their break-even, each customer at most its own.
    """

    eco: cc.Ecosystem
    periods: int
    discount_rate: float
    low: float
    high: float


def _amount(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


@st.composite
def priced_to_gain(draw: st.DrawFn) -> PricedToGain:
    """Draw costs first, then a price that covers them, then values that make customers gain.

    One organisation sells ``service`` (with an optional module) to one to three
    customers, sharing its revenue with up to two partners; each customer buys in one
    or two interactions over one to three periods and spends time, effort, risk and
    psychic cost. Every net value is affine in the price ``p``, ``a + b·p``: the
    provider's and the partners' rise with it (``b > 0``), the customers' fall; the
    range where all gain runs from the highest break-even ``-a/b`` of the former to
    the lowest of the latter.
    """
    periods = draw(st.integers(1, 3))
    d = draw(_amount(0.0, 0.2))

    def weight(period: int) -> float:
        return float((1.0 + d) ** -period)

    every_period = sum(weight(t) for t in range(periods))

    # Costs: the firm's, the module's (priced at most at its cost), the partners'.
    unit_cost = draw(_amount(1.0, 100.0))
    module_cost = draw(_amount(0.0, 50.0))
    module_price = draw(_amount(0.0, module_cost))
    eco = cc.Ecosystem()
    partners = []
    for k in range(draw(st.integers(0, 2))):
        partner = cc.NetworkPartner(
            f"partner-{k}",
            fixed_cost=draw(_amount(0.0, 1e3)),
            variable_cost=draw(_amount(0.0, 20.0)),
            investment=draw(_amount(0.0, 1e3)),
        )
        partners.append((partner, draw(_amount(0.05, 0.4))))
        eco = eco.add(partner)
    firm = cc.Organisation(
        "firm",
        fixed_cost=draw(_amount(0.0, 1e3)),
        investment=draw(_amount(0.0, 1e3)),
        partners=[partner.id for partner, _ in partners],
    )
    service = cc.Offering(
        "service",
        provider="firm",
        price=1.0,  # replaced below, once the price every actor gains at is known
        unit_cost=unit_cost,
        modules=[cc.Module("extra", price=module_price, cost=module_cost)],
        partners=[cc.RevenueShare(partner.id, share) for partner, share in partners],
    )
    eco = eco.add(firm, service)

    # Customers and what they buy and spend; value-in-use is set last.
    buyers = []
    for c in range(draw(st.integers(1, 3))):
        customer = cc.Customer(
            f"customer-{c}", count=draw(st.integers(1, 20)), value_of_time=draw(_amount(0, 50))
        )
        job = cc.JobToBeDone(
            f"job-{c}",
            owner=customer.id,
            value=1.0,  # replaced below
            outcomes=[
                cc.Outcome(
                    f"outcome-{o}",
                    importance=draw(_amount(1.0, 10.0)),
                    satisfaction=draw(_amount(0.0, 10.0)),
                )
                for o in range(draw(st.integers(1, 3)))
            ],
        )
        uses = [
            cc.Interaction(
                f"buys-{c}-{n}",
                customer=customer.id,
                counterpart="firm",
                period=draw(st.integers(0, periods - 1)),
                offering="service",
                units=draw(_amount(0.5, 10.0)),
                occurrences=draw(_amount(0.5, 5.0)),
                modules=["extra"] if draw(st.booleans()) else [],
                job=job.id,
                achievement=[
                    cc.Achievement(outcome.id, draw(_amount(0.1, 1.0))) for outcome in job.outcomes
                ],
                personalisation=draw(_amount(0.0, 1.0)),
                contributions=[
                    cc.Contribution(customer.id, cc.ResourceKind.TIME, draw(_amount(0, 5)))
                ],
                effort=draw(_amount(0.0, 100.0)),
                risk_probability=draw(_amount(0.0, 1.0)),
                risk_loss=draw(_amount(0.0, 100.0)),
                psychic_cost=draw(_amount(0.0, 100.0)),
            )
            for n in range(draw(st.integers(1, 2)))
        ]
        eco = eco.add(customer, job, *uses)
        buyers.append((customer, job, uses))

    # Every unit bought, weighted by its period's discount, and the module revenue and
    # costs that come with it.
    units = revenue = costs = 0.0
    for _, _, uses in buyers:
        for use in uses:
            bought = use.units * oracle.scale(eco, use) * weight(use.period)
            units += bought
            extra = bool(use.modules)
            revenue += bought * (module_price if extra else 0.0)
            costs += bought * (unit_cost + (module_cost if extra else 0.0))

    # The provider keeps what the partners do not share; each side needs its break-even.
    kept = 1.0 - sum(share for _, share in partners)
    floors = [
        (costs + firm.fixed_cost * every_period + firm.investment - kept * revenue) / (kept * units)
    ]
    for partner, share in partners:
        needs = (
            partner.variable_cost * units + partner.fixed_cost * every_period + partner.investment
        )
        floors.append((needs - share * revenue) / (share * units))
    low = max(0.0, *floors)
    price = low + draw(_amount(0.0, 100.0))

    # Each customer values its job so that its own break-even is at or above the price.
    ceilings = []
    for _, job, uses in buyers:
        ceiling = price + draw(_amount(0.0, 100.0))
        bought = paid_for_modules = sacrificed = achieved = 0.0
        for use in uses:
            w = weight(use.period)
            size = oracle.scale(eco, use)
            bought += use.units * size * w
            paid_for_modules += use.units * size * w * (module_price if use.modules else 0.0)
            sacrificed += w * oracle.customer_effort(eco, use)
            achieved += w * oracle.achievement(eco, use) * size
        value = (ceiling * bought + paid_for_modules + sacrificed) / achieved
        eco = eco.replace(attrs.evolve(job, value=value))
        ceilings.append(ceiling)
    eco = eco.replace(attrs.evolve(service, price=price))
    return PricedToGain(eco, periods, d, low, min(ceilings))


def _nets_at(case: PricedToGain, price: float) -> dict[str, float]:
    repriced = case.eco.replace(attrs.evolve(case.eco.offering("service"), price=price))
    flows = cc.net_value_flows(repriced, periods=case.periods, discount_rate=case.discount_rate)
    return flows.nets()


@given(priced_to_gain(), st.data())
def test_every_actor_gains_at_any_price_in_the_range_found(
    case: PricedToGain, data: st.DataObject
) -> None:
    found = cc.price_range(
        case.eco, "service", periods=case.periods, discount_rate=case.discount_rate
    )
    assert found is not None
    assert found.high is not None
    assert found.low == pytest.approx(case.low, rel=1e-6, abs=1e-6)
    assert found.high == pytest.approx(case.high, rel=1e-6, abs=1e-6)

    # Inside the range, every actor gains.
    price = data.draw(st.floats(found.low, found.high))
    nets = _nets_at(case, price)
    tolerance = 1e-6 * max([1.0, magnitude(cc.account(case.eco)), price])
    assert all(net >= -tolerance for net in nets.values()), nets

    # Just outside each bound, some actor loses.
    assert min(_nets_at(case, found.high * (1 + 1e-4) + 1e-4).values()) < 0
    assert found.low > 0
    assert min(_nets_at(case, found.low * (1 - 1e-4)).values()) < 0


@given(ecosystems(min_purchases=1, priced=True, max_interactions=6), st.data())
def test_where_no_price_range_is_found_some_actor_loses_at_any_price(
    eco: cc.Ecosystem, data: st.DataObject
) -> None:
    offering = eco.offering(data.draw(st.sampled_from(bought_offerings(eco))))
    periods = periods_of(eco)
    found = cc.price_range(eco, offering.id, periods=periods)
    price = data.draw(st.floats(0.0, 2.0 * offering.price + 1e3))
    repriced = eco.replace(attrs.evolve(offering, price=price))
    nets = cc.net_value_flows(repriced, periods=periods).nets()
    tolerance = 1e-6 * max([1.0, magnitude(cc.account(repriced)), price])
    if found is None or not found.contains(price):
        assert min(nets.values()) < tolerance
    else:
        assert min(nets.values()) >= -tolerance


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_the_value_stick_total_does_not_depend_on_the_price(
    wtp: float, price: float, other_price: float, cost: float
) -> None:
    stick = cc.value_stick(wtp, price, cost, 0.0)
    other = cc.value_stick(wtp, other_price, cost, 0.0)
    assert stick.total == other.total
    parts = stick.customer_share + stick.firm_share + stick.supplier_share
    assert parts == pytest.approx(stick.total, rel=1e-9, abs=1e-6)
