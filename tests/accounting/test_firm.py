"""Firm value: customer engagement value line by line, computed by hand."""

from __future__ import annotations

import pytest

import cocreation as cc
from cocreation.errors import DivergenceError, UnknownIdError, ValidationError

LEVEL = cc.CoCreationLevel


def co_selling() -> cc.Ecosystem:
    """A telecom provider and two business customers, one referred by the other.

    Modelled on the co-selling workshops in which a provider defines a modular
    offering jointly with the customer's management.
    """
    return (
        cc.Ecosystem(name="Co-selling")
        .add_partner("community", role=cc.PartnerRole.COMMUNITY)
        .add_organisation(
            "telco", partners=["community"], discount_rate=0.12, acquisition_cost=300.0
        )
        .add_offering(
            "connect",
            provider="telco",
            price=150.0,
            unit_cost=50.0,
            modules=[cc.Module("security", price=40.0, cost=10.0)],
        )
        .add_customer("acme", kind=cc.CustomerKind.BUSINESS, retention=0.8)
        .add_customer(
            "beta",
            kind=cc.CustomerKind.BUSINESS,
            retention=0.8,
            referred_by="acme",
            incrementality=0.5,
        )
        .add_interaction(
            "buy-acme", customer="acme", counterpart="telco", offering="connect", units=1
        )
        .add_interaction(
            "buy-beta",
            customer="beta",
            counterpart="telco",
            offering="connect",
            units=1,
            modules=["security"],
        )
        .add_interaction(
            "co-selling-workshop",
            customer="acme",
            counterpart="telco",
            level=LEVEL.REFERRAL,
            transfers=[
                cc.Transfer("acme", "telco", 40.0, cc.TransferKind.VALUE, "offering defined")
            ],
            contributions=[cc.Contribution("telco", cc.ResourceKind.MONEY, 15.0)],
        )
        .add_interaction(
            "idea",
            customer="acme",
            counterpart="telco",
            level=LEVEL.DESIGN,
            transfers=[
                cc.Transfer("acme", "telco", 20.0, cc.TransferKind.VALUE, "adopted idea"),
                cc.Transfer("telco", "acme", 5.0, label="thank-you voucher"),
            ],
        )
        .add_interaction(
            "forum-help",
            customer="acme",
            counterpart="beta",
            level=LEVEL.SUPPORT,
            transfers=[cc.Transfer("acme", "telco", 8.0, cc.TransferKind.VALUE, "support saved")],
        )
        .add_interaction(
            "self-install",
            customer="beta",
            counterpart="telco",
            level=LEVEL.PRODUCTION,
            transfers=[cc.Transfer("beta", "telco", 12.0, cc.TransferKind.VALUE, "installation")],
        )
        .add_interaction(
            "angry-post",
            customer="beta",
            counterpart="community",
            level=LEVEL.SUPPORT,
            transfers=[cc.Transfer("beta", "telco", -4.0, cc.TransferKind.VALUE, "harm")],
        )
    )


def test_lines_computed_by_hand() -> None:
    values = cc.firm_value(co_selling(), timing="retained")
    factor = 0.8 / (1.12 - 0.8)  # Gupta & Lehmann multiple: 2.5
    acme, beta = values["acme"], values["beta"]
    # beta: margin (150 + 40) - (50 + 10) = 130 a period
    assert beta.lifetime_value == pytest.approx(130.0 * factor)
    assert beta.coproduction_savings == pytest.approx(12.0 * factor)
    assert beta.influence_value == pytest.approx(-4.0 * factor)  # harm is negative
    # acme: margin 100; workshop 40 of value; referred beta: 300 saved + 0.5 x CLV(beta)
    assert acme.lifetime_value == pytest.approx(100.0 * factor)
    assert acme.referral_value == pytest.approx(40.0 * factor + 300.0 + 0.5 * 130.0 * factor)
    assert acme.knowledge_value == pytest.approx(20.0 * factor)
    assert acme.influence_value == pytest.approx(8.0 * factor)
    assert acme.referral_cost == pytest.approx(15.0 * factor)
    assert acme.design_cost == pytest.approx(5.0 * factor)
    assert acme.cocreation_cost == pytest.approx(20.0 * factor)


def test_lines_and_levels_sum_to_the_total() -> None:
    for value in cc.firm_value(co_selling(), timing="end").values():
        assert value.total == pytest.approx(sum(value.lines().values()))
        assert value.total == pytest.approx(sum(value.by_level().values()))


def test_timing_changes_the_answer_as_the_conventions_say() -> None:
    eco = co_selling()
    retained = cc.firm_value(eco, timing="retained")["beta"].lifetime_value
    start = cc.firm_value(eco, timing="start")["beta"].lifetime_value
    end = cc.firm_value(eco, timing="end")["beta"].lifetime_value
    assert retained == pytest.approx(130.0 * 0.8 / 0.32)
    assert start == pytest.approx(130.0 * 1.12 / 0.32)
    assert end == pytest.approx(130.0 / 0.32)


def test_finite_horizon_and_segments() -> None:
    eco = co_selling().replace(
        cc.Customer(
            "beta",
            kind=cc.CustomerKind.BUSINESS,
            retention=0.8,
            referred_by="acme",
            incrementality=0.5,
            count=3,
        )
    )
    values = cc.firm_value(eco, timing="start", horizon=1)
    # One margin, now, for each of three members.
    assert values["beta"].lifetime_value == pytest.approx(3 * 130.0)
    assert values["beta"].per_member().lifetime_value == pytest.approx(130.0)


def test_focal_organisation_must_be_clear() -> None:
    eco = co_selling().add_organisation("rival")
    with pytest.raises(ValidationError) as caught:
        cc.firm_value(eco, timing="end")
    assert caught.value.field == "organisation"
    assert cc.firm_value(eco, timing="end", organisation="telco").organisation == "telco"
    with pytest.raises(UnknownIdError):
        cc.firm_value(eco, timing="end", organisation="nobody")


def test_divergent_retention_names_the_customer() -> None:
    eco = (
        co_selling()
        .replace(cc.Customer("acme", retention=1.0))
        .replace(cc.Organisation("telco", partners=["community"], discount_rate=0.0))
    )
    with pytest.raises(DivergenceError) as caught:
        cc.firm_value(eco, timing="retained")
    assert "acme" in caught.value.field
    assert cc.firm_value(eco, timing="retained", horizon=10)["acme"].lifetime_value == (
        pytest.approx(100.0 * 10)
    )


def test_unknown_timing_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        cc.firm_value(co_selling(), timing="monthly")  # type: ignore[arg-type]
    assert caught.value.field == "timing"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"timing": "bogus"}, "timing"),
        ({"timing": "end", "horizon": -3}, "horizon"),
        ({"timing": "end", "growth": -2.0}, "growth"),
    ],
)
def test_arguments_are_checked_even_without_customers(
    kwargs: dict[str, object], field: str
) -> None:
    eco = cc.Ecosystem().add_organisation("o")
    with pytest.raises(ValidationError) as caught:
        cc.firm_value(eco, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


# ----------------------------------------------------------------------------- one-off flows


def shop(*extra: cc.Interaction) -> cc.Ecosystem:
    """One provider, a referrer and a referred customer buying every period (multiple 2.5)."""
    eco = (
        cc.Ecosystem()
        .add_organisation("telco", discount_rate=0.12, acquisition_cost=300.0)
        .add_offering("connect", provider="telco", price=150.0, unit_cost=50.0)
        .add_offering("setup", provider="telco", price=400.0, unit_cost=100.0)
        .add_customer("acme", retention=0.8)
        .add_customer("beta", retention=0.8, referred_by="acme", incrementality=0.5)
        .add_interaction("buy-a", customer="acme", offering="connect", units=1)
        .add_interaction("buy-b", customer="beta", offering="connect", units=1)
    )
    for interaction in extra:
        eco = eco.add(interaction)
    return eco


def bonus(period: int = 0, *, recurring: bool = False, amount: float = 100.0) -> cc.Interaction:
    return cc.Interaction(
        f"bonus-{period}-{recurring}",
        customer="acme",
        counterpart="telco",
        level=LEVEL.REFERRAL,
        period=period,
        recurring=recurring,
        transfers=[cc.Transfer("telco", "acme", amount, label="referral bonus")],
    )


def test_interactions_recur_unless_told_otherwise() -> None:
    assert cc.Interaction("use", customer="acme").recurring is True
    assert cc.Interaction("fee", customer="acme", recurring=False).recurring is False
    for bad in (1, 0, "false", None):
        with pytest.raises(ValidationError, match=r"Interaction\.recurring"):
            cc.Interaction("fee", customer="acme", recurring=bad)  # type: ignore[arg-type]


def test_the_ledger_keeps_one_off_and_recurring_rows_apart() -> None:
    book = cc.account(shop(bonus(recurring=False), bonus(recurring=True)))
    keys = [key for key in book if key.actor == "telco" and key.level is LEVEL.REFERRAL]
    assert sorted(key.recurring for key in keys) == [False, True]
    assert book.totals(by="recurring")[False]["money_paid"] == 100.0
    assert book.totals(by="recurring")[True]["money_paid"] == 100.0 + 300.0


def test_a_one_off_referral_bonus_counts_once() -> None:
    plain = cc.firm_value(shop(), timing="retained")["acme"]
    value = cc.firm_value(shop(bonus()), timing="retained")["acme"]
    assert value.referral_cost == pytest.approx(100.0)
    assert value.cocreation_cost == pytest.approx(100.0)
    assert value.total == pytest.approx(plain.total - 100.0)
    # The rest is untouched: the purchases and the referral of beta.
    assert value.lifetime_value == pytest.approx(plain.lifetime_value) == 250.0
    assert value.referral_value == pytest.approx(plain.referral_value) == 425.0


def test_a_one_off_flow_in_a_later_period_is_discounted_not_retained() -> None:
    value = cc.firm_value(shop(bonus(2)), timing="retained")["acme"]
    assert value.referral_cost == pytest.approx(100.0 / 1.12**2)
    # One-off flows in later periods do not stretch the run rate of recurring ones.
    assert value.lifetime_value == pytest.approx(250.0)
    for timing in ("start", "end"):
        other = cc.firm_value(shop(bonus(2)), timing=timing)["acme"]
        assert other.referral_cost == pytest.approx(100.0 / 1.12**2)


def test_a_recurring_bonus_is_capitalised_as_before() -> None:
    value = cc.firm_value(shop(bonus(recurring=True)), timing="retained")["acme"]
    assert value.referral_cost == pytest.approx(100.0 * 0.8 / 0.32)
    both = cc.firm_value(shop(bonus(recurring=True), bonus(1)), timing="retained")["acme"]
    assert both.referral_cost == pytest.approx(250.0 + 100.0 / 1.12)


def test_a_one_off_setup_purchase_joins_the_lifetime_value() -> None:
    setup = cc.Interaction("setup-b", customer="beta", offering="setup", units=1, recurring=False)
    values = cc.firm_value(shop(setup), timing="retained")
    # 250 from the recurring subscription, plus the setup's margin 300 once.
    assert values["beta"].lifetime_value == pytest.approx(250.0 + 300.0)
    # The referrer is credited with half of the referred customer's lifetime value.
    assert values["acme"].referral_value == pytest.approx(300.0 + 0.5 * 550.0)


def test_lines_still_sum_to_the_total_with_one_off_flows() -> None:
    setup = cc.Interaction(
        "setup-a", customer="acme", offering="setup", units=1, period=1, recurring=False
    )
    values = cc.firm_value(shop(setup, bonus(1), bonus(recurring=True)), timing="end")
    for value in values.values():
        assert sum(value.lines().values()) == pytest.approx(value.total)
        assert sum(value.by_level().values()) == pytest.approx(value.total)


def test_referral_value_is_discounted_from_the_period_of_the_referral() -> None:
    # Kumar, Petersen & Leone (2007), "How valuable is word of mouth?", Harvard Business
    # Review 85(10), and Kumar, Petersen & Leone (2010), Journal of Marketing 74(5):
    # CRV = sum over periods t of (margins of referred customers who would not have come
    # otherwise + acquisition cost saved) / (1 + r)^t, plus the acquisition cost saved on
    # those who would have come anyway, also / (1 + r)^t.
    # Here r = 0.12 and the acquisition cost is 300. "beta" (incremental) arrives in
    # period 2 and is worth 250 from then on (margin 100, multiple 0.8 / 0.32), so it
    # brings (300 + 250) / 1.12^2 = 438.4566...; "gamma" (would have come anyway)
    # arrives in period 1 and brings only 300 / 1.12 = 267.8571...
    eco = (
        cc.Ecosystem()
        .add_organisation("telco", discount_rate=0.12, acquisition_cost=300.0)
        .add_offering("connect", provider="telco", price=150.0, unit_cost=50.0)
        .add_customer("acme", retention=0.8)
        .add_customer("beta", retention=0.8, referred_by="acme", referred_in=2)
        .add_customer("gamma", retention=0.8, referred_by="acme", referred_in=1, incrementality=0.0)
        .add_interaction("buy-b", customer="beta", offering="connect", units=1)
    )
    value = cc.firm_value(eco, timing="retained")
    assert value["beta"].lifetime_value == pytest.approx(250.0)
    assert value["acme"].referral_value == pytest.approx(550.0 / 1.12**2 + 300.0 / 1.12, rel=1e-12)
    assert value["acme"].referral_value == pytest.approx(706.3138, abs=1e-4)


def test_a_referral_in_period_zero_is_not_discounted() -> None:
    eco = co_selling()
    now = cc.firm_value(eco, timing="retained")["acme"].referral_value
    later = cc.firm_value(
        eco.replace(
            cc.Customer(
                "beta",
                kind=cc.CustomerKind.BUSINESS,
                retention=0.8,
                referred_by="acme",
                incrementality=0.5,
                referred_in=3,
            )
        ),
        timing="retained",
    )["acme"].referral_value
    assert eco.customer("beta").referred_in == 0
    brought = 300.0 + 0.5 * cc.firm_value(eco, timing="retained")["beta"].lifetime_value
    assert now - later == pytest.approx(brought - brought / 1.12**3)


def test_only_a_referred_customer_has_a_referral_period() -> None:
    with pytest.raises(ValidationError, match=r"Customer\.referred_in: .*got 2"):
        cc.Customer("acme", referred_in=2)
    with pytest.raises(ValidationError, match=r"Customer\.referred_in"):
        cc.Customer("acme", referred_by="beta", referred_in=-1)
