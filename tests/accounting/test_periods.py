"""The periods modelled follow the interactions, never which of their amounts are zero."""

from __future__ import annotations

import pytest

import cocreation as cc
from cocreation import bulk
from cocreation.tables import interactions_to_tables


def late_sale(price: float) -> cc.Ecosystem:
    """An organisation with a fixed cost of 100 a period whose only sale is in period 3."""
    return (
        cc.Ecosystem()
        .add_organisation("shop", fixed_cost=100.0)
        .add_offering("trial", provider="shop", price=price)
        .add_customer("ann", retention=0.5)
        .add_interaction(
            "buy", customer="ann", counterpart="shop", offering="trial", units=1, period=3
        )
    )


@pytest.mark.parametrize("price", [0.0, 10.0])
def test_fixed_costs_are_due_in_every_period_up_to_the_last_interaction(price: float) -> None:
    flows = cc.net_value_flows(late_sale(price))
    assert flows.periods == (0, 1, 2, 3)
    assert [flows["shop", period].fixed_cost for period in range(4)] == [100.0] * 4
    assert flows.total_value_created() == pytest.approx(-400.0)


def test_a_price_change_is_a_pure_transfer_when_a_period_has_only_zero_amounts() -> None:
    free, priced = cc.net_value_flows(late_sale(0.0)), cc.net_value_flows(late_sale(10.0))
    assert free.total_value_created() == pytest.approx(priced.total_value_created())
    moved = {actor: priced.net(actor) - free.net(actor) for actor in ("ann", "shop")}
    assert moved == pytest.approx({"ann": -10.0, "shop": 10.0})


def test_the_ledger_knows_the_periods_of_interactions_whose_amounts_are_all_zero() -> None:
    eco = late_sale(0.0)
    assert len(cc.account(eco)) == 0
    assert cc.account(eco).periods == (3,)
    tables = interactions_to_tables(eco)
    assert bulk.account(eco, **tables).periods == (3,)
    assert cc.account(eco, []).periods == ()


@pytest.mark.parametrize("price", [0.0, 10.0])
def test_the_bulk_path_models_the_same_periods(price: float) -> None:
    eco = late_sale(price)
    ledger = bulk.account(eco, **interactions_to_tables(eco))
    frame = bulk.net_value_flows(eco, ledger=ledger).to_frame()
    assert sorted(set(frame["period"])) == [0, 1, 2, 3]
    assert float(frame["net"].sum()) == pytest.approx(-400.0)


def test_the_run_rate_spans_the_recurring_periods_whatever_their_amounts() -> None:
    # Two recurring purchases, in periods 0 and 3; the one in period 3 is free. The run rate
    # is 10 over 4 periods; the lifetime multiple at r = 0.5, d = 0 ("end") is 1 / 0.5 = 2.
    eco = (
        late_sale(0.0)
        .add_offering("paid", provider="shop", price=10.0)
        .add_interaction("first", customer="ann", counterpart="shop", offering="paid", units=1)
    )
    value = cc.firm_value(eco, timing="end")["ann"]
    assert value.lifetime_value == pytest.approx(10.0 / 4 * 2.0)
    frame = bulk.firm_value(
        eco, ledger=bulk.account(eco, **interactions_to_tables(eco)), timing="end"
    ).to_frame()
    assert float(frame["lifetime_value"].iloc[0]) == pytest.approx(value.lifetime_value)
