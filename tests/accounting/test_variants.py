"""Many variants in one pass: each equals the object path on the ecosystem changed by address."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from typing import Any, Final, get_args

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import cocreation as cc
from cocreation import bulk
from cocreation.accounting import MEASURES, STRUCTURAL
from cocreation.strategies import ecosystems

TIMING: Final[cc.Timing] = "retained"
TIMINGS: tuple[cc.Timing, ...] = get_args(cc.Timing)


def referral_programme() -> cc.Ecosystem:
    """Riverside Fibre with its referral programme (docs/how-to/compare-scenarios.md).

    Adds a partner with a revenue share, a module, a one-off bonus in period 1 and a
    money contribution, so that every kind of number the accounting reads is present.
    """
    return (
        cc.Ecosystem(name="Riverside Fibre")
        .add_partner("router-maker", variable_cost=5.0, fixed_cost=1_000.0, investment=500.0)
        .add_organisation(
            "riverside",
            discount_rate=0.08,
            fixed_cost=20_000.0,
            acquisition_cost=150.0,
            investment=2_000.0,
            partners=["router-maker"],
        )
        .add_offering(
            "home-fibre",
            provider="riverside",
            price=600.0,
            pricing=cc.PricingModel.SUBSCRIPTION,
            unit_cost=250.0,
            partners=[cc.RevenueShare("router-maker", 0.1)],
            modules=[cc.Module("tv", price=120.0, cost=40.0)],
        )
        .add_customer("early-adopters", count=200, retention=0.85, value_of_time=30.0)
        .add_job(
            "work-from-home",
            owner="early-adopters",
            value=900.0,
            outcomes=[
                cc.Outcome("stable-calls", importance=9.0, satisfaction=4.0),
                cc.Outcome("fast-upload", importance=6.0, satisfaction=5.0),
            ],
        )
        .add_interaction(
            "adopters-subscribe",
            customer="early-adopters",
            counterpart="riverside",
            offering="home-fibre",
            units=1,
            modules=["tv"],
            job="work-from-home",
            achievement=[cc.Achievement("stable-calls", 0.8), cc.Achievement("fast-upload", 0.5)],
            personalisation=0.2,
            effort=3.0,
            risk_probability=0.1,
            risk_loss=50.0,
            psychic_cost=2.0,
            contributions=[cc.Contribution("early-adopters", cc.ResourceKind.TIME, 2.0)],
        )
        .add_customer(
            "newcomers",
            count=50,
            retention=0.8,
            referred_by="early-adopters",
            incrementality=0.6,
            referred_in=1,
        )
        .add_interaction(
            "referrals",
            customer="early-adopters",
            counterpart="riverside",
            level=cc.CoCreationLevel.REFERRAL,
            occurrences=0.25,
            transfers=[cc.Transfer("riverside", "early-adopters", 50.0, label="referral bonus")],
        )
        .add_interaction(
            "welcome",
            customer="newcomers",
            counterpart="router-maker",
            level=cc.CoCreationLevel.PRODUCTION,
            period=1,
            recurring=False,
            contributions=[cc.Contribution("router-maker", cc.ResourceKind.MONEY, 30.0)],
            transfers=[cc.Transfer("riverside", "newcomers", 20.0)],
        )
        .add_job(
            "stream-films",
            owner="newcomers",
            value=900.0,
            outcomes=[cc.Outcome("no-buffering", importance=8.0, satisfaction=3.0)],
        )
        .add_interaction(
            "newcomers-subscribe",
            customer="newcomers",
            counterpart="riverside",
            offering="home-fibre",
            units=1,
            job="stream-films",
            achievement=[cc.Achievement("no-buffering", 0.9)],
        )
    )


# Every kind of number the accounting reads, with a range of valid values.
RANGES: dict[str, tuple[float, float]] = {
    "early-adopters.count": (50, 400),
    "early-adopters.value_of_time": (0.0, 80.0),
    "early-adopters.retention": (0.3, 0.95),
    "newcomers.incrementality": (0.0, 1.0),
    "newcomers.referred_in": (0, 3),
    "riverside.discount_rate": (0.0, 0.2),
    "riverside.fixed_cost": (0.0, 40_000.0),
    "riverside.investment": (0.0, 5_000.0),
    "riverside.acquisition_cost": (0.0, 300.0),
    "router-maker.variable_cost": (0.0, 20.0),
    "router-maker.fixed_cost": (0.0, 3_000.0),
    "router-maker.opportunity_cost": (0.0, 100.0),
    "home-fibre.price": (300.0, 900.0),
    "home-fibre.unit_cost": (100.0, 400.0),
    "home-fibre.partners[router-maker].share": (0.0, 0.5),
    "home-fibre.modules[tv].price": (0.0, 200.0),
    "home-fibre.modules[tv].cost": (0.0, 100.0),
    "work-from-home.value": (0.0, 2_000.0),
    "work-from-home.outcomes[stable-calls].importance": (0.0, 10.0),
    "work-from-home.outcomes[fast-upload].satisfaction": (0.0, 10.0),
    "adopters-subscribe.units": (0.0, 3.0),
    "adopters-subscribe.occurrences": (0.0, 2.0),
    "adopters-subscribe.personalisation": (0.0, 1.0),
    "adopters-subscribe.effort": (0.0, 10.0),
    "adopters-subscribe.risk_probability": (0.0, 1.0),
    "adopters-subscribe.risk_loss": (0.0, 200.0),
    "adopters-subscribe.psychic_cost": (0.0, 10.0),
    "adopters-subscribe.achievement[stable-calls].level": (-1.0, 1.0),
    "adopters-subscribe.contributions[0].amount": (0.0, 5.0),
    "referrals.occurrences": (0.0, 1.0),
    "referrals.transfers[0].amount": (0.0, 100.0),
    "welcome.contributions[0].amount": (0.0, 60.0),
    "welcome.transfers[0].amount": (0.0, 40.0),
}


def draw(address: str, rng: random.Random, eco: cc.Ecosystem) -> float:
    low, high = RANGES[address]
    if eco.parameter(address).integer:
        return rng.randint(int(low), int(high))
    return rng.uniform(low, high)


def close(a: float, b: float, scale: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b), scale)


def check_equal(
    eco: cc.Ecosystem,
    values: Mapping[str, Sequence[Any]],
    result: bulk.Variants,
    *,
    timing: cc.Timing | None,
) -> None:
    """Every variant's measures equal the object path's on the ecosystem with its values."""
    size = len(next(iter(values.values()))) if values else 1
    assert len(result) == size
    for number in range(size):
        one = eco.with_values({address: column[number] for address, column in values.items()})
        flows = cc.net_value_flows(one)
        nets = flows.nets()
        scale = max([1.0, *(abs(x) for x in nets.values())])
        assert result.net_value_flow is not None
        for position, actor in enumerate(result.actors):
            assert close(result.net_value_flow[number, position], nets[actor], scale)
        assert result.total_value_created is not None
        assert close(result.total_value_created[number], flows.total_value_created(), scale)
        assert result.win_win is not None
        assert bool(result.win_win[number]) == cc.win_win(one).sustainable
        benefits = cc.net_benefit(one)
        assert result.net_benefit is not None
        for position, customer in enumerate(result.customers):
            assert close(result.net_benefit[number, position], benefits[customer].net, scale)
        if timing is not None:
            values_of = cc.firm_value(one, timing=timing)
            assert result.firm_value is not None
            big = max([scale, *(abs(v.total) for v in values_of.values())])
            for position, customer in enumerate(result.customers):
                assert close(result.firm_value[number, position], values_of[customer].total, big)


def test_the_test_ecosystem_has_every_kind_of_number() -> None:
    eco = referral_programme()
    kinds = {eco.parameter(a).kind for a in RANGES}
    assert kinds == {"customer", "organisation", "partner", "offering", "job", "interaction"}


@pytest.mark.parametrize("address", sorted(RANGES))
def test_each_number_alone_gives_the_object_paths_figures(address: str) -> None:
    eco = referral_programme()
    rng = random.Random(address)
    values = {address: [draw(address, rng, eco) for _ in range(5)]}
    result = bulk.variants(eco, values, timing=TIMING)
    check_equal(eco, values, result, timing=TIMING)


@pytest.mark.parametrize("seed", range(6))
def test_random_numbers_together_give_the_object_paths_figures(seed: int) -> None:
    eco = referral_programme()
    rng = random.Random(seed)
    chosen = rng.sample(sorted(RANGES), 6)
    values = {a: [draw(a, rng, eco) for _ in range(8)] for a in chosen}
    result = bulk.variants(eco, values, timing=rng.choice(TIMINGS))
    check_equal(eco, values, result, timing=None)
    timing = rng.choice(TIMINGS)
    check_equal(eco, values, bulk.variants(eco, values, timing=timing), timing=timing)


def test_the_example_ecosystem_with_every_number_at_once() -> None:
    eco = cc.example_ecosystem()
    rng = random.Random(11)
    values: dict[str, list[Any]] = {}
    for address in eco.addresses():
        found = eco.parameter(address)
        if (found.kind, found.path[0][0]) in STRUCTURAL or found.kind == "customer":
            continue
        now = found.value
        if found.integer or now is None:
            continue
        if "share" in address:
            values[address] = [now * rng.uniform(0.5, 1.0) for _ in range(4)]
        elif any(
            word in address
            for word in ("level", "retention", "probability", "dart", "importance", "satisfaction")
        ):
            values[address] = [now * rng.uniform(0.8, 1.0) for _ in range(4)]
        elif "personalisation" in address or "incrementality" in address:
            values[address] = [rng.uniform(0.0, 1.0) for _ in range(4)]
        else:
            values[address] = [now * rng.uniform(0.5, 1.5) for _ in range(4)]
    assert len(values) > 100
    result = bulk.variants(eco, values, timing=TIMING)
    check_equal(eco, values, result, timing=TIMING)


def test_a_period_changes_the_shape_and_is_built_variant_by_variant() -> None:
    eco = referral_programme()
    values: dict[str, list[Any]] = {
        "welcome.period": [0, 1, 3],
        "home-fibre.price": [500.0, 600.0, 700.0],
    }
    result = bulk.variants(eco, values, timing=TIMING)
    check_equal(eco, values, result, timing=TIMING)


def test_passes_of_any_size_give_the_same_bits(monkeypatch: pytest.MonkeyPatch) -> None:
    eco = referral_programme()
    rng = random.Random(3)
    values = {a: [draw(a, rng, eco) for _ in range(50)] for a in sorted(RANGES)[:8]}
    whole = bulk.variants(eco, values, timing=TIMING)
    monkeypatch.setattr("cocreation.accounting._variants.ROWS_PER_PASS", 7)
    pieces = bulk.variants(eco, values, timing=TIMING)
    for name in MEASURES:
        assert np.array_equal(whole.measure(name), pieces.measure(name))


def test_no_values_measure_the_ecosystem_as_it_is() -> None:
    eco = referral_programme()
    result = bulk.variants(eco, {}, timing=TIMING)
    check_equal(eco, {}, result, timing=TIMING)
    assert result.values == {}


def test_measures_can_be_chosen_and_firm_value_needs_a_timing() -> None:
    eco = referral_programme()
    only = bulk.variants(eco, {"home-fibre.price": [1.0]}, measures=["win_win"])
    assert only.net_value_flow is None
    assert only.win_win is not None
    assert bulk.variants(eco, {}).firm_value is None  # no timing: not measured
    with pytest.raises(cc.ValidationError, match=r"timing: expected 'retained', 'start' or 'end'"):
        bulk.variants(eco, {}, measures=["firm_value"])
    with pytest.raises(cc.ValidationError, match=r"measures: expected one of"):
        bulk.variants(eco, {}, measures=["profit"])
    with pytest.raises(cc.ValidationError, match=r"measure: expected one of the measures taken"):
        only.measure("net_benefit")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"early-adopters.retention": [0.5, 1.5]}, r"early-adopters\.retention: .* got 1\.5"),
        ({"early-adopters.count": [10, 10.5]}, r"early-adopters\.count: .*integer.* got 10\.5"),
        ({"home-fibre.price": [1.0], "riverside.fixed_cost": [1.0, 2.0]}, r"2 values|1 values"),
        ({"home-fibre.price": [[1.0]]}, r"values\['home-fibre\.price'\]: expected a 1-d sequence"),
        ({"home-fibre.price": []}, r"values\['home-fibre\.price'\]: expected a 1-d sequence"),
        ({"home-fibre.prize": [1.0]}, r"home-fibre\.prize: expected a field of Offering"),
    ],
)
def test_bad_values_fail_before_anything_is_accounted(
    values: dict[str, Any], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("accounted")

    monkeypatch.setattr("cocreation.accounting._variants._account", never)
    with pytest.raises(cc.ValidationError, match=message):
        bulk.variants(referral_programme(), values)


def test_shares_of_one_offering_are_checked_together() -> None:
    eco = (
        cc.Ecosystem()
        .add_partner("a")
        .add_partner("b")
        .add_organisation("o", partners=["a", "b"])
        .add_offering(
            "x", provider="o", partners=[cc.RevenueShare("a", 0.3), cc.RevenueShare("b", 0.3)]
        )
    )
    fine = {"x.partners[a].share": [0.7, 0.2], "x.partners[b].share": [0.2, 0.7]}
    assert len(bulk.variants(eco, fine)) == 2
    with pytest.raises(cc.ValidationError, match=r"x\.partners\[a\]\.share: expected a value that"):
        bulk.variants(eco, {"x.partners[a].share": [0.7, 0.7], "x.partners[b].share": [0.2, 0.7]})


def test_a_diverging_retention_is_a_divergence_error_naming_the_customer() -> None:
    eco = referral_programme()
    with pytest.raises(cc.DivergenceError, match=r"Customer\.retention of 'early-adopters'"):
        bulk.variants(
            eco,
            {"early-adopters.retention": [0.5, 1.0], "riverside.discount_rate": [0.1, 0.0]},
            timing=TIMING,
        )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(eco=ecosystems(min_customers=1, min_interactions=1, max_interactions=5), data=st.data())
def test_any_ecosystem_and_any_valid_numbers_give_the_object_paths_figures(
    eco: cc.Ecosystem, data: st.DataObject
) -> None:
    everything = [
        a
        for a in eco.addresses()
        if (eco.parameter(a).kind, eco.parameter(a).path[0][0]) not in STRUCTURAL
    ]
    assume(everything)
    chosen = data.draw(st.lists(st.sampled_from(everything), min_size=1, max_size=3, unique=True))
    values: dict[str, list[Any]] = {}
    for address in chosen:
        found = eco.parameter(address)
        assert found.value is not None
        factors = data.draw(st.lists(st.floats(0.0, 2.0), min_size=3, max_size=3))
        if found.integer:
            values[address] = [max(1, round(found.value * f)) for f in factors]
        else:
            values[address] = [found.value * f for f in factors]
    try:
        for number in range(3):
            eco.with_values({a: v[number] for a, v in values.items()})
    except cc.ValidationError:
        assume(False)
    timing: cc.Timing | None = TIMING if len(eco.organisations) == 1 else None
    try:
        result = bulk.variants(eco, values, timing=timing)
    except cc.DivergenceError:

        def object_path() -> None:
            for number in range(3):
                one = eco.with_values({a: v[number] for a, v in values.items()})
                cc.firm_value(one, timing=TIMING)

        with pytest.raises(cc.DivergenceError):
            object_path()
        return
    check_equal(eco, values, result, timing=timing)
    assert all(math.isfinite(x) for x in result.total_value_created.tolist())  # type: ignore[union-attr]
