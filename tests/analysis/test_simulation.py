"""The simulation agrees with the closed forms, conserves money, and follows its rules.

Statistical checks compare a mean over many runs with its expected value within
four standard errors of that mean (the runs' standard deviation over the square
root of their number, or the exact binomial one where it is known); the seeds are
fixed, so every check is deterministic.
"""

from __future__ import annotations

import math
import pickle
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import attrs
import numpy as np
import pytest

import cocreation as cc
from cocreation.analysis import (
    MEASURES,
    Harm,
    Help,
    Ideas,
    Learning,
    Referrals,
    Rule,
    Simulation,
    Survival,
)
from cocreation.errors import UnknownIdError, ValidationError

Z = 4.0
VALUE = cc.TransferKind.VALUE
TIMINGS: tuple[cc.Timing, ...] = ("retained", "start", "end")


def shop(
    *,
    count: int = 200,
    retention: float = 0.8,
    personalisation: float = 0.0,
    setup_fee: bool = True,
) -> cc.Ecosystem:
    """An organisation, a partner with a revenue share, a community, and three customers.

    Every co-creation level is present: purchases with a job, a referral with
    ``referred_by``, support to other customers, an adopted idea, a one-off setup fee.
    """
    eco = (
        cc.Ecosystem(name="shop")
        .add_partner("cloud", variable_cost=2.0, fixed_cost=50.0)
        .add_partner("forum", role=cc.PartnerRole.COMMUNITY, fixed_cost=20.0)
        .add_organisation(
            "firm",
            discount_rate=0.1,
            fixed_cost=1_000.0,
            investment=5_000.0,
            acquisition_cost=30.0,
            partners=["cloud", "forum"],
        )
        .add_offering(
            "plan",
            provider="firm",
            price=100.0,
            unit_cost=40.0,
            partners=[cc.RevenueShare("cloud", 0.1)],
        )
        .add_customer("anchor", retention=0.9, value_of_time=50.0)
        .add_customer("shops", count=count, retention=retention, value_of_time=20.0)
        .add_customer("friends", count=50, retention=0.7, referred_by="anchor", incrementality=0.4)
        .add_job(
            "sell",
            owner="shops",
            value=300.0,
            outcomes=[
                cc.Outcome("uptime", importance=9.0, satisfaction=5.0),
                cc.Outcome("speed", importance=6.0, satisfaction=4.0),
            ],
        )
        .add_interaction(
            "buy",
            customer="shops",
            counterpart="firm",
            offering="plan",
            units=1,
            job="sell",
            personalisation=personalisation,
            achievement=[cc.Achievement("uptime", 0.6), cc.Achievement("speed", -0.2)],
        )
        .add_interaction(
            "buy-anchor", customer="anchor", counterpart="firm", offering="plan", units=2
        )
        .add_interaction(
            "buy-friends", customer="friends", counterpart="firm", offering="plan", units=1
        )
        .add_interaction(
            "idea",
            customer="anchor",
            counterpart="firm",
            level=cc.CoCreationLevel.DESIGN,
            transfers=[cc.Transfer("anchor", "firm", 500.0, kind=VALUE)],
        )
        .add_interaction(
            "answers",
            customer="anchor",
            counterpart="shops",
            level=cc.CoCreationLevel.SUPPORT,
            occurrences=5,
            contributions=[cc.Contribution("anchor", cc.ResourceKind.TIME, 1.0)],
            transfers=[cc.Transfer("anchor", "firm", 20.0, kind=VALUE)],
        )
        .add_interaction(
            "posts",
            customer="shops",
            counterpart="forum",
            level=cc.CoCreationLevel.SUPPORT,
            transfers=[cc.Transfer("firm", "forum", 3.0)],
        )
    )
    if setup_fee:
        eco = eco.add_interaction(
            "setup",
            customer="shops",
            counterpart="firm",
            recurring=False,
            transfers=[cc.Transfer("shops", "firm", 25.0)],
        )
    return eco


def within(mean: float, expected: float, se: float, *, slack: float = 1e-9) -> bool:
    return abs(mean - expected) <= Z * se + slack * max(1.0, abs(expected))


def mean_and_se(values: Any) -> tuple[float, float]:
    array = np.asarray(values, dtype=np.float64)
    return float(array.mean()), float(array.std(ddof=1) / math.sqrt(len(array)))


# ---------------------------------------------------------------- consistency with closed forms


def test_expected_active_members_are_n_r_to_the_t() -> None:
    eco = shop(count=500, retention=0.8)
    sim = cc.simulate(eco, periods=8, runs=3_000, seed=11)
    active = sim.values("active")[:, :, sim.customers.index("shops")]
    assert (active[:, 0] == 500).all()
    for t in range(8):
        p = 0.8**t
        exact_se = math.sqrt(500 * p * (1 - p) / sim.runs)
        assert within(float(active[:, t].mean()), 500 * p, exact_se), t
    assert (np.diff(active, axis=1) <= 0).all()  # without rules, nobody joins


@pytest.mark.parametrize("timing", TIMINGS)
def test_mean_discounted_margins_converge_to_the_finite_horizon_clv(timing: cc.Timing) -> None:
    eco = shop(setup_fee=False)
    sim = cc.simulate(eco, periods=12, runs=3_000, seed=5)
    horizon = sim.horizon(timing)
    shops = sim.customers.index("shops")
    margin = sim.values("lifetime_value")[0, 0, shops] / 200  # per member, period 0
    assert margin == pytest.approx(100 * 0.9 - 40)  # the provider's share less the unit cost
    mean, se = mean_and_se(sim.discounted("lifetime_value", timing=timing)[:, shops])
    expected = 200 * cc.clv(margin, 0.8, 0.1, timing=timing, horizon=horizon)
    assert within(mean, expected, se)


@pytest.mark.parametrize("timing", TIMINGS)
def test_every_firm_value_line_converges_to_the_closed_form(timing: cc.Timing) -> None:
    eco = shop()
    sim = cc.simulate(eco, periods=10, runs=3_000, seed=8)
    closed = cc.firm_value(eco, timing=timing, horizon=sim.horizon(timing))
    for name in (*(line.name for line in cc.accounting.FIRM_LINES), "firm_value"):
        totals = sim.discounted(name, timing=timing)
        for number, customer in enumerate(sim.customers):
            found = closed[customer]
            expected = found.total if name == "firm_value" else getattr(found, name)
            mean, se = mean_and_se(totals[:, number])
            assert within(mean, expected, se), (name, customer)


def test_the_first_period_is_the_engines_accounting_of_the_ecosystem() -> None:
    eco = shop()
    sim = cc.simulate(eco, periods=3, runs=5, seed=1)
    flows = cc.net_value_flows(eco)
    benefits = cc.net_benefit(eco)
    for number, actor in enumerate(sim.actors):
        assert sim.values("net_value_flow")[:, 0, number] == pytest.approx(
            [flows[actor, 0].net] * 5
        )
    for number, customer in enumerate(sim.customers):
        assert sim.values("net_benefit")[:, 0, number] == pytest.approx(
            [benefits[customer].net] * 5
        )


def test_money_is_conserved_in_every_period_of_every_run() -> None:
    eco = shop()
    rules: list[Rule] = [
        Referrals("anchor", "friends", rate=0.5),
        Help("anchor", "shops", retention=0.1, achievement=0.3),
        Harm("friends", "shops", retention=0.05, achievement=0.2),
        Ideas("anchor", lag=2),
        Learning("shops", rate=0.2),
    ]
    sim = cc.simulate(eco, periods=10, runs=200, seed=3, rules=rules)
    money = sim.values("net_money")
    assert np.abs(money.sum(axis=2)).max() < 1e-6
    assert np.abs(money).max() > 1.0  # money does move


def test_a_segment_of_n_behaves_as_n_customers() -> None:
    base = cc.Ecosystem().add_organisation("firm", discount_rate=0.1)
    base = base.add_offering("plan", provider="firm", price=10.0, unit_cost=4.0)
    segment = base.add_customer("seg", count=30, retention=0.7).add_interaction(
        "buy", customer="seg", counterpart="firm", offering="plan", units=1
    )
    singles = base
    for k in range(30):
        singles = singles.add_customer(f"c{k}", retention=0.7).add_interaction(
            f"buy{k}", customer=f"c{k}", counterpart="firm", offering="plan", units=1
        )
    one = cc.simulate(segment, periods=6, runs=4_000, seed=2)
    many = cc.simulate(singles, periods=6, runs=4_000, seed=3)
    for t in range(6):
        a = one.values("active")[:, t, 0]
        b = many.values("active")[:, t, :].sum(axis=1)
        p = 0.7**t
        exact_se = math.sqrt(30 * p * (1 - p) / 4_000)
        assert within(float(a.mean()), float(b.mean()), math.sqrt(2) * exact_se)
        # The spread is that of n independent members: the binomial variance.
        assert a.var() == pytest.approx(30 * p * (1 - p), rel=0.15, abs=1e-9)
        assert b.var() == pytest.approx(30 * p * (1 - p), rel=0.15, abs=1e-9)
    firm = one.actors.index("firm")
    assert one.values("net_value_flow")[0, 0, firm] == pytest.approx(
        many.values("net_value_flow")[0, 0, many.actors.index("firm")]
    )


def test_a_segment_that_never_churns_is_n_times_one_member() -> None:
    one = cc.simulate(shop(count=1, retention=1.0), periods=4, runs=3, seed=0)
    many = cc.simulate(shop(count=17, retention=1.0), periods=4, runs=3, seed=0)
    shops = one.customers.index("shops")
    for measure in ("net_benefit", "lifetime_value", "influence_value", "firm_value"):
        assert many.values(measure)[:, :, shops] == pytest.approx(
            17 * one.values(measure)[:, :, shops]
        )


# ---------------------------------------------------------------- reproducibility


def test_the_same_seed_gives_bit_identical_results() -> None:
    rules: list[Rule] = [
        Referrals("anchor", "friends", rate=0.3),
        Harm("friends", "shops", retention=0.1),
    ]
    first = cc.simulate(shop(), periods=6, runs=300, seed=9, rules=rules, chunk_size=100)
    again = cc.simulate(shop(), periods=6, runs=300, seed=9, rules=rules, chunk_size=100)
    other = cc.simulate(shop(), periods=6, runs=300, seed=10, rules=rules, chunk_size=100)
    for measure in MEASURES:
        assert np.array_equal(first.values(measure), again.values(measure)), measure
    assert not np.array_equal(first.values("active"), other.values("active"))


def test_an_executor_gives_the_same_bits_as_one_process() -> None:
    eco = shop()
    rules: list[Rule] = [Referrals("anchor", "friends", rate=0.3), Learning("shops", rate=0.1)]
    here = cc.simulate(eco, periods=5, runs=250, seed=4, rules=rules, chunk_size=60)
    with ThreadPoolExecutor(2) as pool:
        there = cc.simulate(
            eco, periods=5, runs=250, seed=4, rules=rules, chunk_size=60, executor=pool
        )
    for measure in MEASURES:
        assert np.array_equal(here.values(measure), there.values(measure)), measure


def test_the_first_chunk_does_not_depend_on_how_many_runs_follow() -> None:
    short = cc.simulate(shop(), periods=4, runs=50, seed=6, chunk_size=50)
    long = cc.simulate(shop(), periods=4, runs=150, seed=6, chunk_size=50)
    assert np.array_equal(short.values("active"), long.values("active")[:50])


def test_a_simulation_pickles() -> None:
    sim = cc.simulate(shop(), periods=3, runs=4, seed=0)
    again = pickle.loads(pickle.dumps(sim))
    assert np.array_equal(again.values("firm_value"), sim.values("firm_value"))


# ---------------------------------------------------------------- rules


def test_help_raises_retention_and_harm_lowers_it() -> None:
    eco = shop(count=400, retention=0.6)
    shops = 1
    helped = cc.simulate(
        eco, periods=5, runs=2_000, seed=1, rules=[Help("forum", "shops", retention=0.2)]
    )
    harmed = cc.simulate(
        eco, periods=5, runs=2_000, seed=1, rules=[Harm("forum", "shops", retention=0.2)]
    )
    for sim, rate in ((helped, 0.8), (harmed, 0.4)):
        active = sim.values("active")[:, 4, shops]
        p = rate**4
        assert within(float(active.mean()), 400 * p, math.sqrt(400 * p * (1 - p) / 2_000))


def test_help_from_a_customer_fades_as_its_members_leave() -> None:
    eco = shop(count=300, retention=0.5)
    sim = cc.simulate(
        eco, periods=2, runs=2_000, seed=7, rules=[Help("friends", "shops", retention=0.4)]
    )
    # The friends (50 members at retention 0.7) are all there in period 0: full strength.
    active = sim.values("active")[:, 1, 1]
    assert within(float(active.mean()), 300 * 0.9, math.sqrt(300 * 0.9 * 0.1 / 2_000))


def value_in_use(eco: cc.Ecosystem, customer: str) -> float:
    return cc.net_benefit(eco)[customer].value_in_use


def test_help_closes_a_share_of_the_gap_as_personalisation_does() -> None:
    eco = shop(personalisation=0.25, retention=1.0, setup_fee=False)
    sim = cc.simulate(
        eco, periods=2, runs=2, seed=0, rules=[Help("forum", "shops", achievement=0.4)]
    )
    # Closing 0.25 of the gap, then 0.4 of what remains: 1 - 0.75 x 0.6 = 0.55 in all.
    same = eco.replace(attrs.evolve(eco.interaction("buy"), personalisation=0.55))
    base = value_in_use(eco, "shops")
    target = value_in_use(same, "shops")
    assert target > base
    shops = sim.customers.index("shops")
    gained = sim.values("net_benefit")[:, :, shops] - cc.net_benefit(eco)["shops"].net
    assert gained == pytest.approx(np.full((2, 2), target - base))


def test_harm_opens_a_share_of_the_way_to_full_destruction() -> None:
    eco = shop(retention=1.0, setup_fee=False)
    sim = cc.simulate(
        eco, periods=1, runs=1, seed=0, rules=[Harm("forum", "shops", achievement=0.5)]
    )
    # Each judged outcome a becomes a - 0.5 (1 + a): 0.6 -> -0.2, -0.2 -> -0.6.
    worse = eco.replace(
        attrs.evolve(
            eco.interaction("buy"),
            achievement=[cc.Achievement("uptime", -0.2), cc.Achievement("speed", -0.6)],
        )
    )
    shops = sim.customers.index("shops")
    lost = sim.values("net_benefit")[0, 0, shops] - cc.net_benefit(eco)["shops"].net
    assert lost == pytest.approx(value_in_use(worse, "shops") - value_in_use(eco, "shops"))
    assert lost < 0  # value co-destruction


def test_learning_raises_achievement_with_the_periods_of_use() -> None:
    eco = shop(retention=1.0, setup_fee=False)
    sim = cc.simulate(
        eco, periods=4, runs=1, seed=0, rules=[Learning("shops", rate=0.5, ceiling=0.8)]
    )
    shops = sim.customers.index("shops")
    for t in range(4):
        closed = 0.8 * (1 - 0.5**t)
        learned = eco.replace(attrs.evolve(eco.interaction("buy"), personalisation=closed))
        gained = sim.values("net_benefit")[0, t, shops] - cc.net_benefit(eco)["shops"].net
        assert gained == pytest.approx(value_in_use(learned, "shops") - value_in_use(eco, "shops"))


def test_ideas_pay_off_after_their_lag() -> None:
    eco = shop()
    plain = cc.simulate(eco, periods=5, runs=1, seed=0)
    lagged = cc.simulate(eco, periods=5, runs=1, seed=0, rules=[Ideas("anchor", lag=2)])
    anchor = plain.customers.index("anchor")
    firm = plain.actors.index("firm")
    before = plain.values("knowledge_value")[0, :, anchor]
    after = lagged.values("knowledge_value")[0, :, anchor]
    assert after[:2].tolist() == [0.0, 0.0]
    assert after[2:] == pytest.approx(before[:3])
    moved = plain.values("net_value_flow")[0, :, firm] - lagged.values("net_value_flow")[0, :, firm]
    assert moved[:2] == pytest.approx(before[:2])


def test_referrals_bring_newcomers_at_their_rate() -> None:
    eco = shop()
    eco = eco.replace(attrs.evolve(eco.customer("anchor"), retention=1.0))
    eco = eco.replace(attrs.evolve(eco.customer("friends"), retention=1.0))
    sim = cc.simulate(
        eco,
        periods=4,
        runs=3_000,
        seed=12,
        rules=[Referrals("anchor", "friends", rate=2.0, incrementality=0.5)],
    )
    friends = sim.customers.index("friends")
    anchor = sim.customers.index("anchor")
    for t in range(4):
        active = sim.values("active")[:, t, friends]
        # One anchor bringing Poisson(2) newcomers a period, who join the next period.
        assert within(float(active.mean()), 50 + 2.0 * t, math.sqrt(2.0 * t / 3_000))
    margin = 100 * 0.9 - 40
    referral = sim.values("referral_value")[:, :, anchor]
    # Period 0: the static referral (50 x 30 saved, 0.4 of 50 members' margins) and
    # the newcomers brought this period, 30 saved on each.
    expected = 50 * 30 + 0.4 * 50 * margin + 2.0 * 30
    assert within(float(referral[:, 0].mean()), expected, mean_and_se(referral[:, 0])[1])
    # Later: plus half of the margins of the newcomers who joined.
    expected = 0.4 * 50 * margin + 0.5 * 2.0 * 3 * margin + 2.0 * 30
    assert within(float(referral[:, 3].mean()), expected, mean_and_se(referral[:, 3])[1])


def test_the_referral_rate_defaults_to_what_the_referral_interactions_imply() -> None:
    eco = shop().add_interaction(
        "recommend",
        customer="anchor",
        counterpart="friends",
        level=cc.CoCreationLevel.REFERRAL,
        occurrences=3.0,
    )
    implied = cc.simulate(eco, periods=3, runs=50, seed=1, rules=[Referrals("anchor", "friends")])
    stated = cc.simulate(
        eco, periods=3, runs=50, seed=1, rules=[Referrals("anchor", "friends", rate=3.0)]
    )
    assert np.array_equal(implied.values("active"), stated.values("active"))
    with pytest.raises(ValidationError) as caught:
        cc.simulate(shop(), periods=3, seed=1, rules=[Referrals("anchor", "friends")])
    assert caught.value.field == "rules[0].rate"


def test_a_survival_curve_sets_retention_by_tenure() -> None:
    eco = shop(count=1_000)
    curve = (0.5, 0.8, 0.9)
    sim = cc.simulate(eco, periods=5, runs=2_000, seed=4, rules=[Survival("shops", curve)])
    active = sim.values("active")[:, :, 1]
    alive = 1.0
    for t in range(5):
        assert within(
            float(active[:, t].mean()),
            1_000 * alive,
            math.sqrt(1_000 * alive * (1 - alive) / 2_000),
        )
        alive *= curve[min(t, 2)]


# ---------------------------------------------------------------- results


def test_the_frame_is_tidy() -> None:
    sim = cc.simulate(shop(), periods=3, runs=4, seed=0)
    frame = sim.to_frame()
    assert list(frame.columns) == ["run", "period", "actor", "kind", *MEASURES]
    assert len(frame) == 4 * 3 * len(sim.actors)
    assert not frame.duplicated(["run", "period", "actor"]).any()
    firm = frame[frame["actor"] == "firm"]
    assert firm["active"].isna().all()
    assert firm["net_value_flow"].notna().all()
    row = frame[(frame["run"] == 2) & (frame["period"] == 1) & (frame["actor"] == "shops")]
    assert row["firm_value"].item() == sim.values("firm_value")[2, 1, 1]


def test_the_summary_gives_mean_standard_error_and_quantiles() -> None:
    sim = cc.simulate(shop(), periods=3, runs=40, seed=0)
    table = sim.summary(quantiles=(0.1, 0.9))
    assert list(table.columns) == ["period", "actor", "measure", "mean", "se", "q0.1", "q0.9"]
    row = table[
        (table["period"] == 2) & (table["actor"] == "shops") & (table["measure"] == "active")
    ]
    values = sim.values("active")[:, 2, 1]
    assert row["mean"].item() == pytest.approx(values.mean())
    assert row["se"].item() == pytest.approx(values.std(ddof=1) / math.sqrt(40))
    assert row["q0.1"].item() <= row["mean"].item() <= row["q0.9"].item()
    single = cc.simulate(shop(), periods=2, runs=1, seed=0).summary(timing="end")
    assert single["se"].isna().all()
    assert "active" not in set(single["measure"])


def test_cumulative_value_ends_at_the_discounted_total() -> None:
    sim = cc.simulate(shop(), periods=5, runs=10, seed=0)
    cumulative = sim.cumulative("net_value_flow", timing="end")
    assert cumulative[:, -1, :] == pytest.approx(sim.discounted("net_value_flow", timing="end"))


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("options", "field", "value"),
    [
        ({"periods": -3}, "periods", -3),
        ({"periods": 0}, "periods", 0),
        ({"runs": 0}, "runs", 0),
        ({"seed": -1}, "seed", -1),
        ({"chunk_size": 0}, "chunk_size", 0),
        ({"rules": Help("forum", "shops")}, "rules", Help("forum", "shops")),
        ({"rules": ["not a rule"]}, "rules[0]", "not a rule"),
    ],
)
def test_bad_options_are_named(options: dict[str, Any], field: str, value: Any) -> None:
    arguments: dict[str, Any] = {"periods": 3, "seed": 0, **options}
    with pytest.raises(ValidationError) as caught:
        cc.simulate(shop(), **arguments)
    assert caught.value.field == field
    assert caught.value.value == value
    assert field in str(caught.value)


@pytest.mark.parametrize(
    ("rule", "field", "value"),
    [
        (Help("forum", "shop"), "rules[0].target", "shop"),
        (Harm("nobody", "shops"), "rules[0].source", "nobody"),
        (Survival("forum", (0.5,)), "rules[0].customer", "forum"),
        (Referrals("anchor", "strangers", rate=1.0), "rules[0].segment", "strangers"),
        (Ideas("ghost", lag=1), "rules[0].customer", "ghost"),
        (Learning("ghost", rate=0.1), "rules[0].customer", "ghost"),
    ],
)
def test_a_rule_on_an_unknown_id_is_named(rule: Any, field: str, value: str) -> None:
    with pytest.raises(UnknownIdError) as caught:
        cc.simulate(shop(), periods=2, seed=0, rules=[rule])
    assert caught.value.field == field
    assert caught.value.value == value
    assert isinstance(caught.value, KeyError)


@pytest.mark.parametrize(
    ("make", "field", "value"),
    [
        (lambda: Help("forum", "shops", retention=1.5), "Help.retention", 1.5),
        (lambda: Help("forum", "shops", achievement=-0.1), "Help.achievement", -0.1),
        (lambda: Harm("forum", "shops", retention=float("nan")), "Harm.retention", None),
        (lambda: Learning("shops", rate=2.0), "Learning.rate", 2.0),
        (lambda: Learning("shops", rate=0.5, ceiling=1.1), "Learning.ceiling", 1.1),
        (lambda: Referrals("a", "b", incrementality=1.2), "Referrals.incrementality", 1.2),
        (lambda: Referrals("a", "b", rate=-1.0), "Referrals.rate", -1.0),
        (lambda: Survival("shops", (0.9, 1.01)), "Survival.retention[1]", 1.01),
        (lambda: Survival("shops", ()), "Survival.retention", ()),
        (lambda: Ideas("anchor", lag=-1), "Ideas.lag", -1),
        (lambda: Help("", "shops"), "Help.source", ""),
    ],
)
def test_a_rate_outside_its_range_is_named(make: Any, field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        make()
    assert caught.value.field == field
    if value is not None:
        assert caught.value.value == value
    assert field in str(caught.value)


def test_a_rule_that_would_lift_retention_above_one_is_named() -> None:
    rules = [Help("forum", "shops", retention=0.15), Help("anchor", "shops", retention=0.1)]
    with pytest.raises(ValidationError) as caught:
        cc.simulate(shop(retention=0.8), periods=2, seed=0, rules=rules)
    assert caught.value.field == "rules[0].retention"
    assert caught.value.value == 0.15
    assert "'shops'" in str(caught.value)
    assert "1.05" in str(caught.value)
    curve: list[Rule] = [Survival("shops", (0.5, 0.95)), Help("forum", "shops", retention=0.1)]
    with pytest.raises(ValidationError) as caught:
        cc.simulate(shop(), periods=2, seed=0, rules=curve)
    assert caught.value.field == "rules[1].retention"


@pytest.mark.parametrize(
    "twice",
    [
        [Survival("shops", (0.5,)), Survival("shops", (0.6,))],
        [Ideas("anchor", lag=1), Ideas("anchor", lag=2)],
        [Learning("shops", rate=0.1), Learning("shops", rate=0.2)],
    ],
)
def test_a_second_rule_of_one_kind_on_a_customer_is_named(twice: list[Rule]) -> None:
    with pytest.raises(ValidationError) as caught:
        cc.simulate(shop(), periods=2, seed=0, rules=twice)
    assert caught.value.field == "rules[1].customer"


def test_progress_shows_a_bar_of_the_chunks(capsys: pytest.CaptureFixture[str]) -> None:
    cc.simulate(shop(), periods=2, runs=30, seed=0, chunk_size=10, progress=True)
    assert "3/3" in capsys.readouterr().err


def test_a_rule_that_would_push_retention_below_zero_is_named() -> None:
    with pytest.raises(ValidationError) as caught:
        cc.simulate(
            shop(retention=0.3), periods=2, seed=0, rules=[Harm("forum", "shops", retention=0.4)]
        )
    assert caught.value.field == "rules[0].retention"


def test_unknown_measures_and_timings_are_named() -> None:
    sim = cc.simulate(shop(), periods=2, seed=0)
    with pytest.raises(ValidationError, match="measure: expected one of active"):
        sim.values("profit")
    with pytest.raises(ValidationError) as caught:
        sim.weights("now")  # type: ignore[arg-type]
    assert caught.value.field == "timing"
    with pytest.raises(ValidationError) as caught:
        sim.summary(quantiles=(0.5, 1.5))
    assert caught.value.field == "quantiles[1]"
    with pytest.raises(ValidationError):
        sim.cumulative("active", timing="start")


def test_a_simulation_says_what_it_holds() -> None:
    sim = cc.simulate(shop(), periods=2, runs=3, seed=5)
    assert isinstance(sim, Simulation)
    assert repr(sim) == "Simulation(runs=3, periods=2, actors=6, seed=5)"
    assert sim.organisation == "firm"
    assert sim.labels("net_money") == sim.actors
