"""Net value flows in the manner of e3value: a profitability sheet computed by hand."""

from __future__ import annotations

import pytest

import cocreation as cc
from cocreation.errors import UnknownIdError, ValidationError


def newspaper(periods: int = 1) -> cc.Ecosystem:
    """A publisher, its printer and 1,000 subscribing readers.

    A reader pays 20 a period for the paper; the publisher pays the printer 5 a copy,
    bears 2 a copy itself, 5,000 fixed a period and 2,000 of investment up front; the
    printer spends 3 a copy and 1,000 fixed. Reading is worth 30 to a reader when its
    one outcome is fully achieved; it is achieved to 0.8, and takes half an hour at 10
    an hour.
    """
    eco = (
        cc.Ecosystem(name="Newspaper")
        .add_partner("printer", role=cc.PartnerRole.SUPPLIER, fixed_cost=1000.0)
        .add_organisation("publisher", partners=["printer"], fixed_cost=5000.0, investment=2000.0)
        .add_offering(
            "paper",
            provider="publisher",
            price=20.0,
            unit_cost=2.0,
            pricing=cc.PricingModel.SUBSCRIPTION,
        )
        .add_customer("readers", count=1000, value_of_time=10.0)
        .add_job(
            "stay-informed",
            owner="readers",
            value=30.0,
            outcomes=[cc.Outcome("coverage", importance=10.0, satisfaction=4.0)],
        )
    )
    for period in range(periods):
        eco = eco.add_interaction(
            f"read-{period}",
            customer="readers",
            counterpart="publisher",
            period=period,
            offering="paper",
            units=1,
            job="stay-informed",
            achievement=[cc.Achievement("coverage", 0.8)],
            contributions=[
                cc.Contribution("readers", cc.ResourceKind.TIME, 0.5),
                cc.Contribution("printer", cc.ResourceKind.MONEY, 3.0),
            ],
            transfers=[cc.Transfer("publisher", "printer", 5.0, label="printing")],
        )
    return eco


def test_one_period_profitability_sheet() -> None:
    # By hand, for 1,000 readers in one period:
    #   readers:   value-in-use 30 x 0.8 x 1000 = 24,000; pay 20,000; time 5,000 -> -1,000
    #   publisher: receives 20,000; pays printer 5,000; unit cost 2,000; fixed 5,000;
    #              investment 2,000                                         ->  6,000
    #   printer:   receives 5,000; spends 3,000; fixed 1,000                ->  1,000
    flows = cc.net_value_flows(newspaper())
    assert flows["readers", 0].net == pytest.approx(-1000.0)
    assert flows["publisher", 0].net == pytest.approx(6000.0)
    assert flows["printer", 0].net == pytest.approx(1000.0)
    assert flows.total_value_created() == pytest.approx(6000.0)
    assert flows.money_balance() == pytest.approx(0.0)
    assert flows["publisher", 0].investment == 2000.0
    assert flows["readers", 0].value_in_use == pytest.approx(24000.0)


def test_several_periods_discount_each_period_to_the_first() -> None:
    flows = cc.net_value_flows(newspaper(periods=2), discount_rate=0.1)
    assert flows.periods == (0, 1)
    # The investment falls in period 0 only: 6,000 then 8,000.
    assert flows["publisher", 1].net == pytest.approx(8000.0)
    assert flows.net("publisher") == pytest.approx(6000.0 + 8000.0 / 1.1)


def test_periods_argument_shows_empty_periods_with_fixed_costs() -> None:
    flows = cc.net_value_flows(newspaper(), periods=3)
    assert flows["printer", 2].net == pytest.approx(-1000.0)
    assert flows["readers", 2].net == 0.0


def test_customer_who_gains_shows_a_gain() -> None:
    # e3value would value what the reader receives at nothing; here it is valued
    # with the reader's own value-in-use, so a cheaper paper shows the gain.
    cheaper = newspaper().replace(
        cc.Offering(
            "paper",
            provider="publisher",
            price=15.0,
            unit_cost=2.0,
            pricing=cc.PricingModel.SUBSCRIPTION,
        )
    )
    assert cc.net_value_flows(cheaper)["readers", 0].net == pytest.approx(4000.0)


def test_unknown_actor_and_invalid_arguments_are_rejected() -> None:
    flows = cc.net_value_flows(newspaper())
    with pytest.raises(UnknownIdError):
        flows.net("nobody")
    with pytest.raises(ValidationError) as caught:
        cc.net_value_flows(newspaper(), periods=0)
    assert caught.value.field == "periods"
    with pytest.raises(ValidationError) as caught:
        cc.net_value_flows(newspaper(), discount_rate=float("nan"))
    assert caught.value.field == "discount_rate"


def test_win_win_and_price_range_on_the_newspaper() -> None:
    verdict = cc.win_win(newspaper())
    assert verdict.losers == ("readers",)
    assert not verdict.sustainable
    found = verdict.price_ranges["paper"]
    # Readers gain up to 19 (net -1,000 at 20, slope -1,000 per unit of price);
    # the publisher needs at least 14 (net 6,000 at 20, slope 1,000).
    assert found is not None
    assert found.low == pytest.approx(14.0)
    assert found.high == pytest.approx(19.0)
    assert found.contains(16.0)
    assert not found.contains(20.0)


def test_value_stick_shares_add_up_to_value_created() -> None:
    # Brandenburger & Stuart (1996): WTP 100, price 70, cost 40, opportunity cost 25.
    stick = cc.value_stick(100.0, 70.0, 40.0, 25.0)
    assert (stick.customer_share, stick.firm_share, stick.supplier_share) == (30.0, 30.0, 15.0)
    assert stick.total == 75.0
    with pytest.raises(ValidationError):
        cc.value_stick(float("nan"), 70.0, 40.0)


def test_e3value_user_guide_net_value_flow_sheets_of_a_train_trip() -> None:
    # e3value user guide, chapter 6 "Net value flow analysis", tables 6.1 and 6.2: a
    # traveller buys a train trip (200) and a meal (10) five times from a railway
    # company whose expenses are 70 K. The railway's net value flow is -68.95 K, the
    # traveller's -1050 (e3value values what a customer receives at nothing; here the
    # traveller has no job to value either).
    eco = (
        cc.Ecosystem()
        .add_organisation("railway", fixed_cost=70_000.0)
        .add_offering("train-trip", provider="railway", price=200.0)
        .add_offering("meal", provider="railway", price=10.0)
        .add_customer("traveller")
        .add_interaction(
            "trip",
            customer="traveller",
            counterpart="railway",
            offering="train-trip",
            units=1,
            occurrences=5,
        )
        .add_interaction(
            "dinner",
            customer="traveller",
            counterpart="railway",
            offering="meal",
            units=1,
            occurrences=5,
        )
    )
    nets = cc.net_value_flows(eco).nets()
    assert nets["railway"] == pytest.approx(-68_950.0)
    assert nets["traveller"] == pytest.approx(-1_050.0)


def test_e3value_user_guide_partnership_caterer() -> None:
    # e3value user guide, section 6.5, table 6.9: a caterer sells food 10 times at 10
    # with variable expenses of 5 each: its net value flow is 50.
    eco = (
        cc.Ecosystem()
        .add_partner("caterer", variable_cost=5.0)
        .add_organisation("railway", partners=["caterer"])
        .add_offering(
            "food", provider="railway", price=10.0, partners=[cc.RevenueShare("caterer", 1.0)]
        )
        .add_customer("traveller")
        .add_interaction("lunch", customer="traveller", offering="food", units=1, occurrences=10)
    )
    assert cc.net_value_flows(eco).nets()["caterer"] == pytest.approx(50.0)


def test_e3value_user_guide_naive_net_present_cash_flow() -> None:
    # e3value user guide, section 7.2, table 7.1: an investment of 1,000 in period 0,
    # then revenues of 500 and expenses of 100 in periods 1, 2 and 3: 200 in total.
    eco = (
        cc.Ecosystem()
        .add_organisation("provider", investment=1000.0)
        .add_offering("service", provider="provider", price=500.0, unit_cost=100.0)
        .add_customer("client")
    )
    for period in (1, 2, 3):
        eco = eco.add_interaction(
            f"use-{period}", customer="client", offering="service", units=1, period=period
        )
    flows = cc.net_value_flows(eco)
    assert [flows["provider", p].net for p in range(4)] == pytest.approx(
        [-1000.0, 400.0, 400.0, 400.0]
    )
    assert flows.net("provider") == pytest.approx(200.0)
