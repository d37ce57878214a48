"""Plots draw headless with the Agg backend, and every test closes the figures it made."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib
import pytest

import cocreation as cc

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # after choosing the backend


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def example() -> cc.Ecosystem:
    return cc.example_ecosystem()


@pytest.fixture
def tiny() -> cc.Ecosystem:
    """One bank, a kiosk platform, a segment of walk-in customers and one job.

    The customers buy at the counter, serve themselves at a kiosk (with the partner),
    withdraw cash on their own, and read about a topic.
    """
    return (
        cc.Ecosystem(name="Kiosks")
        .add_partner("kiosk-maker", role=cc.PartnerRole.PLATFORM)
        .add_organisation("bank", name="Retail bank", partners=["kiosk-maker"], discount_rate=0.1)
        .add_offering("account", provider="bank", price=10.0, unit_cost=4.0)
        .add_topic("savings", name="Saving money")
        .add_customer("walk-ins", count=100, value_of_time=30.0, retention=0.8)
        .add_job(
            "get-cash",
            owner="walk-ins",
            value=20.0,
            outcomes=[
                cc.Outcome("queue-time", importance=9.0, satisfaction=2.0),
                cc.Outcome("opening-hours", importance=6.0, satisfaction=8.0),
            ],
        )
        .add_interaction(
            "open-account",
            customer="walk-ins",
            counterpart="bank",
            offering="account",
            units=1,
            job="get-cash",
            achievement=[cc.Achievement("queue-time", 0.5)],
        )
        .add_interaction(
            "kiosk",
            customer="walk-ins",
            counterpart="kiosk-maker",
            level=cc.CoCreationLevel.PRODUCTION,
            transfers=[cc.Transfer("walk-ins", "bank", 2.0, kind=cc.TransferKind.VALUE)],
        )
        .add_interaction(
            "self-withdrawal", customer="walk-ins", level=cc.CoCreationLevel.PRODUCTION
        )
        .add_interaction("reading", customer="walk-ins", counterpart="savings")
    )
