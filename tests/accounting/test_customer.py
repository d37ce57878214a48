"""Customer net benefit: lines, segments, offerings, Kotler and Anderson & Narus."""

from __future__ import annotations

import attrs
import pytest

import cocreation as cc
from cocreation.errors import UnknownIdError, ValidationError


def kiosks() -> cc.Ecosystem:
    """Self-service kiosks: a bank's walk-in customers withdraw cash themselves."""
    return (
        cc.Ecosystem(name="Self-service kiosks")
        .add_organisation("bank")
        .add_offering("kiosk", provider="bank", price=2.0, unit_cost=0.5)
        .add_offering("counter", provider="bank", price=3.0, unit_cost=4.0)
        .add_customer("walk-ins", count=100, value_of_time=30.0)
        .add_job(
            "withdraw-cash",
            owner="walk-ins",
            value=20.0,
            outcomes=[
                cc.Outcome("queue-time", importance=10.0, satisfaction=3.0),
                cc.Outcome("privacy", importance=6.0, satisfaction=5.0),
            ],
        )
        .add_interaction(
            "self-service",
            customer="walk-ins",
            counterpart="bank",
            level=cc.CoCreationLevel.PRODUCTION,
            offering="kiosk",
            units=1,
            job="withdraw-cash",
            achievement=[cc.Achievement("queue-time", 0.9), cc.Achievement("privacy", 0.5)],
            contributions=[cc.Contribution("walk-ins", cc.ResourceKind.TIME, 0.1)],
            effort=0.5,
            risk_probability=0.01,
            risk_loss=50.0,
            psychic_cost=0.2,
            transfers=[cc.Transfer("walk-ins", "bank", 1.5, cc.TransferKind.VALUE, "labour")],
        )
        .add_interaction(
            "teller",
            customer="walk-ins",
            counterpart="bank",
            offering="counter",
            units=1,
            occurrences=0.5,
            job="withdraw-cash",
            achievement=[cc.Achievement("queue-time", 0.2), cc.Achievement("privacy", 0.9)],
        )
    )


def test_lines_computed_by_hand() -> None:
    benefit = cc.net_benefit(kiosks())["walk-ins"]
    # kiosk index: (1.0 x 0.9 + 0.6 x 0.5) / 2 = 0.6 -> 20 x 0.6 x 100 = 1,200
    # teller index: (1.0 x 0.2 + 0.6 x 0.9) / 2 = 0.37 -> 20 x 0.37 x 50 = 370
    assert benefit.value_in_use == pytest.approx(1570.0)
    assert benefit.money_paid == pytest.approx(2.0 * 100 + 3.0 * 50)
    assert benefit.time_cost == pytest.approx(0.1 * 30.0 * 100)
    assert benefit.effort == pytest.approx(50.0)
    assert benefit.risk == pytest.approx(0.01 * 50.0 * 100)
    assert benefit.psychic_cost == pytest.approx(20.0)
    assert benefit.sacrifices == pytest.approx(350.0 + 300.0 + 50.0 + 50.0 + 20.0)
    assert benefit.net == pytest.approx(1570.0 - 770.0)
    assert benefit.net == pytest.approx(sum(benefit.lines().values()))
    assert benefit.delivered_value == pytest.approx(benefit.net)
    assert benefit.value_to_price_ratio == pytest.approx(1570.0 / 770.0)


def test_per_member_divides_by_the_segment_count() -> None:
    benefit = cc.net_benefit(kiosks())["walk-ins"]
    member = benefit.per_member()
    assert member.count == 1
    assert member.net == pytest.approx(benefit.net / 100)


def test_split_by_offering_sums_to_the_whole() -> None:
    eco = kiosks()
    whole = cc.net_benefit(eco)["walk-ins"]
    split = cc.net_benefit(eco, by_offering=True)
    assert set(split) == {("walk-ins", "kiosk"), ("walk-ins", "counter")}
    assert split["walk-ins", "kiosk"].value_in_use == pytest.approx(1200.0)
    assert sum(b.net for b in split.values()) == pytest.approx(whole.net)


def test_personalisation_raises_achievement_toward_full() -> None:
    eco = kiosks()
    personalised = eco.replace(attrs.evolve(eco.interaction("teller"), personalisation=0.5))
    before = cc.net_benefit(eco)["walk-ins"].value_in_use
    after = cc.net_benefit(personalised)["walk-ins"].value_in_use
    # teller achievements 0.2 -> 0.6 and 0.9 -> 0.95: index (0.6 + 0.57) / 2 = 0.585
    assert after - before == pytest.approx(20.0 * (0.585 - 0.37) * 50)


def test_negative_achievement_is_value_codestruction() -> None:
    eco = (
        cc.Ecosystem()
        .add_organisation("shop")
        .add_customer("ann")
        .add_job(
            "fix-laptop",
            owner="ann",
            value=100.0,
            outcomes=[cc.Outcome("works", importance=10.0, satisfaction=2.0)],
        )
        .add_interaction(
            "botched-repair",
            customer="ann",
            counterpart="shop",
            job="fix-laptop",
            achievement=[cc.Achievement("works", -0.5)],
        )
    )
    assert cc.net_benefit(eco)["ann"].value_in_use == pytest.approx(-50.0)


def test_comparison_with_next_best_alternative() -> None:
    # Anderson & Narus: (V_f - P_f) - (V_a - P_a).
    benefit = cc.net_benefit(kiosks())["walk-ins"]
    assert benefit.versus(900.0, 400.0) == pytest.approx(benefit.net - 500.0)
    with pytest.raises(ValidationError):
        benefit.versus(float("inf"), 0.0)


def test_customer_without_interactions_has_zero_lines_and_no_ratio() -> None:
    eco = kiosks().add_customer("newcomer")
    benefit = cc.net_benefit(eco)["newcomer"]
    assert benefit.net == 0.0
    assert benefit.value_to_price_ratio is None


def test_unknown_customer_in_results_raises_library_error() -> None:
    with pytest.raises(UnknownIdError):
        cc.net_benefit(kiosks())["nobody"]


def test_results_convert_to_dicts_and_frames() -> None:
    benefits = cc.net_benefit(kiosks())
    rows = benefits.to_dict()
    assert rows[0]["customer"] == "walk-ins"
    assert rows[0]["net"] == pytest.approx(benefits["walk-ins"].net)
    frame = benefits.to_frame()
    assert list(frame["customer"]) == ["walk-ins"]
    assert frame.loc[0, "net"] == pytest.approx(benefits["walk-ins"].net)


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(cc.MissingExtraError) as caught:
        cc.net_benefit(kiosks()).to_frame()
    assert "cocreation[pandas]" in str(caught.value)
    assert isinstance(caught.value, ImportError)
