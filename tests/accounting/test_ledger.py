"""The ledger: merging batches, foreign batches, and invalid input."""

from __future__ import annotations

import pytest

import cocreation as cc
from cocreation.errors import UnknownIdError, ValidationError


def shop() -> cc.Ecosystem:
    return (
        cc.Ecosystem()
        .add_partner("courier", variable_cost=2.0)
        .add_organisation("shop", partners=["courier"])
        .add_offering(
            "box",
            provider="shop",
            price=30.0,
            unit_cost=10.0,
            partners=[cc.RevenueShare("courier", 0.1)],
        )
        .add_customer("ann")
        .add_customer("bob", count=2)
        .add_interaction("a1", customer="ann", counterpart="shop", offering="box", units=2)
        .add_interaction(
            "b1", customer="bob", counterpart="courier", offering="box", units=1, period=1
        )
    )


def test_purchase_splits_price_by_revenue_share_and_books_costs() -> None:
    totals = cc.account(shop()).totals()
    # ann buys 2 boxes (60), bob's two members one each (60): 120 in all.
    assert totals["shop"]["money_received"] == pytest.approx(108.0)
    assert totals["courier"]["money_received"] == pytest.approx(12.0)
    assert totals["shop"]["expenses"] == pytest.approx(40.0)
    # courier: 2 per box delivered (4 boxes) + 2 per occurrence as counterpart (2 members)
    assert totals["courier"]["expenses"] == pytest.approx(8.0 + 4.0)
    assert totals["ann"]["money_paid"] + totals["bob"]["money_paid"] == pytest.approx(120.0)


def test_batches_merge_into_the_whole_in_any_order() -> None:
    eco = shop()
    first = cc.account(eco, eco.interactions[:1])
    second = cc.account(eco, eco.interactions[1:])
    whole = cc.account(eco)
    assert (first + second).isclose(whole)
    assert second.merge(first).isclose(whole)
    assert first.periods == (0,)
    assert whole.periods == (0, 1)


def test_foreign_batch_is_checked_against_the_ecosystem() -> None:
    eco = shop()
    extra = cc.Interaction("c1", customer="ann", counterpart="shop", offering="box", units=1)
    assert cc.account(eco, [extra]).totals()["ann"]["money_paid"] == pytest.approx(30.0)
    stray = cc.Interaction("c2", customer="carol", counterpart="shop")
    with pytest.raises(UnknownIdError) as caught:
        cc.account(eco, [stray])
    assert "carol" in str(caught.value)


def test_totals_by_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        cc.account(shop()).totals(by="colour")
    assert caught.value.field == "by"


def test_views_accept_a_precomputed_ledger() -> None:
    eco = shop()
    ledger = cc.account(eco)
    assert cc.net_benefit(eco, ledger=ledger) == cc.net_benefit(eco)
    assert cc.net_value_flows(eco, ledger=ledger) == cc.net_value_flows(eco)
