"""Ecosystems the what-if tests share."""

from __future__ import annotations

import cocreation as cc


def riverside() -> cc.Ecosystem:
    """Riverside Fibre's referral programme (docs/how-to/compare-scenarios.md), with a router partner.

    The router maker takes a 10% revenue share of the subscription, so that a price
    moves money to two payees.
    """
    return (
        cc.Ecosystem(name="Riverside Fibre")
        .add_partner("router-maker", variable_cost=5.0, fixed_cost=1_000.0)
        .add_organisation(
            "riverside",
            name="Riverside Fibre",
            discount_rate=0.08,
            fixed_cost=20_000.0,
            acquisition_cost=150.0,
            partners=["router-maker"],
        )
        .add_offering(
            "home-fibre",
            provider="riverside",
            price=600.0,
            pricing=cc.PricingModel.SUBSCRIPTION,
            unit_cost=250.0,
            partners=[cc.RevenueShare("router-maker", 0.1)],
        )
        .add_customer("early-adopters", count=200, retention=0.85, value_of_time=40.0)
        .add_job(
            "work-from-home",
            owner="early-adopters",
            value=900.0,
            outcomes=[cc.Outcome("stable-calls", importance=9.0, satisfaction=4.0)],
        )
        .add_interaction(
            "adopters-subscribe",
            customer="early-adopters",
            counterpart="riverside",
            offering="home-fibre",
            units=1,
            job="work-from-home",
            achievement=[cc.Achievement("stable-calls", 0.8)],
            contributions=[cc.Contribution("early-adopters", cc.ResourceKind.TIME, 1.5)],
        )
        .add_customer(
            "newcomers", count=50, retention=0.8, referred_by="early-adopters", incrementality=0.6
        )
        .add_interaction(
            "referrals",
            customer="early-adopters",
            counterpart="riverside",
            level=cc.CoCreationLevel.REFERRAL,
            occurrences=0.25,
            transfers=[cc.Transfer("riverside", "early-adopters", 50.0, label="referral bonus")],
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
