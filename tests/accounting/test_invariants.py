"""Property tests: the accounting invariants 1 to 10 of DOMAIN.md, each named after its number."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cocreation as cc
from cocreation.strategies import ecosystems

ECOSYSTEMS = ecosystems(min_customers=1, max_interactions=6)
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


# Invariant 1 -------------------------------------------------------------------------


@given(ECOSYSTEMS)
def test_invariant_1_money_is_conserved(eco: cc.Ecosystem) -> None:
    ledger = cc.account(eco)
    totals = ledger.totals()
    received = sum(lines["money_received"] for lines in totals.values())
    paid = sum(lines["money_paid"] for lines in totals.values())
    assert close(received, paid, scale=[magnitude(ledger)])
    flows = cc.net_value_flows(eco, ledger=ledger)
    assert close(flows.money_balance(), 0.0, scale=[magnitude(ledger)])


# Invariant 2 -------------------------------------------------------------------------


@given(ECOSYSTEMS, st.floats(min_value=-50.0, max_value=500.0), st.data())
def test_invariant_2_price_is_a_transfer(
    eco: cc.Ecosystem, change: float, data: st.DataObject
) -> None:
    if not eco.offerings:
        return
    offering = data.draw(st.sampled_from(eco.offerings))
    new_price = max(0.0, offering.price + change)
    delta = new_price - offering.price
    changed = eco.replace(attrs.evolve(offering, price=new_price))
    before = cc.net_value_flows(eco).nets()
    after = cc.net_value_flows(changed).nets()
    scale = [magnitude(cc.account(eco)), magnitude(cc.account(changed))]

    # What the customers pay more, the provider and the partners receive, one for one.
    bought = {i.customer: 0.0 for i in eco.interactions if i.offering == offering.id and i.units}
    for i in eco.interactions:
        if i.offering == offering.id and i.units:
            bought[i.customer] += i.units * i.occurrences * eco.customer(i.customer).count
    shares = {share.partner: share.share for share in offering.partners}
    units = sum(bought.values())
    expected = dict.fromkeys(before, 0.0)
    for customer, amount in bought.items():
        expected[customer] -= delta * amount
    expected[offering.provider] += delta * units * (1.0 - sum(shares.values()))
    for partner, share in shares.items():
        expected[partner] += delta * units * share
    for actor in before:
        assert close(after[actor] - before[actor], expected[actor], scale=scale)
    assert close(sum(after.values()) - sum(before.values()), 0.0, scale=scale)
    assert close(
        cc.win_win(changed).total_value_created, cc.win_win(eco).total_value_created, scale=scale
    )


# Invariant 3 -------------------------------------------------------------------------


@given(ECOSYSTEMS, st.integers(min_value=1, max_value=6))
def test_invariant_3_total_value_created_is_the_sum_of_every_actors_net(
    eco: cc.Ecosystem, periods: int
) -> None:
    flows = cc.net_value_flows(eco, periods=periods)
    nets = flows.nets()
    assert close(flows.total_value_created(), sum(nets.values()), scale=nets.values())
    # Computed independently: money cancels out, so value created is what is received
    # as value minus every resource spent.
    independent = 0.0
    for flow in flows.values():
        independent += flow.value_in_use + flow.value_received
        independent -= flow.expenses + flow.time_cost + flow.effort + flow.risk
        independent -= flow.psychic_cost + flow.fixed_cost + flow.investment
    assert close(flows.total_value_created(), independent, scale=[magnitude(cc.account(eco))])


# Invariant 4 -------------------------------------------------------------------------


@given(ECOSYSTEMS, TIMINGS, HORIZONS)
def test_invariant_4_net_benefit_and_firm_value_are_the_sums_of_their_lines(
    eco: cc.Ecosystem, timing: cc.Timing, horizon: int
) -> None:
    for benefit in cc.net_benefit(eco).values():
        lines = benefit.lines()
        assert set(lines) == set(cc.LINES)
        assert benefit.net == pytest.approx(sum(lines.values()), rel=1e-12, abs=1e-9)
        assert benefit.net == pytest.approx(
            benefit.benefits - benefit.sacrifices, rel=1e-9, abs=1e-6
        )
        assert all_finite(lines.values())
    for organisation in eco.organisations:
        values = cc.firm_value(eco, timing=timing, horizon=horizon, organisation=organisation.id)
        for value in values.values():
            assert value.total == pytest.approx(sum(value.lines().values()), rel=1e-12, abs=1e-9)
            assert value.total == pytest.approx(sum(value.by_level().values()), rel=1e-9, abs=1e-6)
            assert all_finite(value.lines().values())


# Invariant 5 -------------------------------------------------------------------------


@given(ECOSYSTEMS, st.data())
def test_invariant_5_the_customer_decides(eco: cc.Ecosystem, data: st.DataObject) -> None:
    # Whatever the offerings claim, no customer's value-in-use changes.
    outcome_ids = [o.id for job in eco.jobs for o in job.outcomes]
    claims = [
        attrs.evolve(
            offering,
            proposition=[
                cc.Achievement(outcome, data.draw(st.floats(-1.0, 1.0)))
                for outcome in data.draw(st.lists(st.sampled_from(outcome_ids), unique=True))
            ]
            if outcome_ids
            else [],
        )
        for offering in eco.offerings
    ]
    reclaimed = eco.replace(*claims)
    before = cc.net_benefit(eco)
    after = cc.net_benefit(reclaimed)
    for customer in before:
        assert after[customer].value_in_use == before[customer].value_in_use


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


@given(ECOSYSTEMS, st.data())
def test_invariant_6_more_achievement_or_importance_never_lowers_value_in_use(
    eco: cc.Ecosystem, data: st.DataObject
) -> None:
    eco = _non_negative_achievements(eco)
    before = cc.net_benefit(eco)
    judged = [i for i in eco.interactions if i.achievement]
    if judged:
        interaction = data.draw(st.sampled_from(judged))
        raised = [
            attrs.evolve(a, level=min(1.0, a.level + data.draw(st.floats(0.0, 1.0))))
            for a in interaction.achievement
        ]
        better = eco.replace(attrs.evolve(interaction, achievement=raised))
        after = cc.net_benefit(better)
        for customer in before:
            assert after[customer].value_in_use >= before[customer].value_in_use - 1e-9
    if eco.jobs:
        job = data.draw(st.sampled_from(eco.jobs))
        outcomes = [
            attrs.evolve(o, importance=min(10.0, o.importance + data.draw(st.floats(0.0, 10.0))))
            for o in job.outcomes
        ]
        weightier = eco.replace(attrs.evolve(job, outcomes=outcomes))
        after = cc.net_benefit(weightier)
        for customer in before:
            assert after[customer].value_in_use >= before[customer].value_in_use - 1e-9


SACRIFICES = ("effort", "risk_loss", "psychic_cost")


@given(ECOSYSTEMS, st.sampled_from(SACRIFICES), st.floats(0.0, 1e4), st.data())
def test_invariant_6_every_sacrifice_lowers_net_benefit(
    eco: cc.Ecosystem, field: str, more: float, data: st.DataObject
) -> None:
    if not eco.interactions:
        return
    interaction = data.draw(st.sampled_from(eco.interactions))
    heavier = eco.replace(attrs.evolve(interaction, **{field: getattr(interaction, field) + more}))
    before = cc.net_benefit(eco)[interaction.customer]
    after = cc.net_benefit(heavier)[interaction.customer]
    assert after.net <= before.net + 1e-9 * max(1.0, abs(before.net))
    assert after.sacrifices >= before.sacrifices - 1e-9 * max(1.0, abs(before.sacrifices))


@given(ECOSYSTEMS, st.floats(0.0, 500.0), st.data())
def test_invariant_6_a_higher_value_of_time_or_price_lowers_net_benefit(
    eco: cc.Ecosystem, more: float, data: st.DataObject
) -> None:
    customer = data.draw(st.sampled_from(eco.customers))
    slower = eco.replace(attrs.evolve(customer, value_of_time=customer.value_of_time + more))
    assert cc.net_benefit(slower)[customer.id].net <= cc.net_benefit(eco)[customer.id].net + 1e-6
    for offering in eco.offerings:
        dearer = eco.replace(attrs.evolve(offering, price=offering.price + more))
        before, after = cc.net_benefit(eco), cc.net_benefit(dearer)
        for who in before:
            assert after[who].net <= before[who].net + 1e-6 * max(1.0, abs(before[who].net))


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


@given(ECOSYSTEMS, st.randoms(use_true_random=False))
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


@given(ECOSYSTEMS, st.data())
def test_invariant_8_batches_merge_into_the_whole(eco: cc.Ecosystem, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(eco.interactions)))
    first = cc.account(eco, eco.interactions[:cut])
    second = cc.account(eco, eco.interactions[cut:])
    whole = cc.account(eco)
    assert first.merge(second).isclose(whole)
    assert (second + first).isclose(whole)
    merged = first + second
    assert cc.net_value_flows(eco, ledger=merged).nets() == pytest.approx(
        cc.net_value_flows(eco, ledger=whole).nets(), rel=1e-9, abs=1e-6
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


@given(ECOSYSTEMS, st.data())
def test_every_actor_gains_at_any_price_in_the_range_found(
    eco: cc.Ecosystem, data: st.DataObject
) -> None:
    if not eco.offerings:
        return
    offering = data.draw(st.sampled_from(eco.offerings))
    found = cc.price_range(eco, offering.id)
    if found is None:
        return
    high = found.low + 1000.0 if found.high is None else found.high
    price = data.draw(st.floats(found.low, high))
    repriced = eco.replace(attrs.evolve(offering, price=price))
    nets = cc.net_value_flows(repriced).nets()
    tolerance = 1e-6 * max([1.0, magnitude(cc.account(repriced)), abs(price)])
    assert all(net >= -tolerance for net in nets.values())


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_the_value_stick_total_does_not_depend_on_the_price(
    wtp: float, price: float, other_price: float, cost: float
) -> None:
    stick = cc.value_stick(wtp, price, cost, 0.0)
    other = cc.value_stick(wtp, other_price, cost, 0.0)
    assert stick.total == other.total
    parts = stick.customer_share + stick.firm_share + stick.supplier_share
    assert parts == pytest.approx(stick.total, rel=1e-9, abs=1e-6)
