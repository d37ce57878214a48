"""Sweeps: every point equals the object path; a price moves value one for one and creates none."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest

import cocreation as cc

from ._cases import riverside


def test_a_price_is_a_transfer_with_the_slopes_units_and_revenue_shares_imply() -> None:
    # DOMAIN.md invariant 2: a price moves value from the customers to the payees one for
    # one (the provider by its share, the partner by its revenue share) and leaves total
    # value created unchanged. 250 subscribers buy one unit each: the provider keeps 90%.
    eco = riverside()
    prices = np.linspace(300.0, 900.0, 13)
    result = cc.sweep(eco, {"home-fibre.price": prices})
    created = result.measure("total_value_created")
    assert np.allclose(created, created[0], rtol=0.0, atol=1e-6)
    slopes = {
        "riverside": 250 * 0.9,
        "router-maker": 250 * 0.1,
        "early-adopters": -200.0,
        "newcomers": -50.0,
    }
    for actor, slope in slopes.items():
        nets = result.measure("net_value_flow", actor)
        fitted, _ = np.polyfit(prices, nets, 1)
        assert math.isclose(fitted, slope, rel_tol=1e-9)
        assert np.allclose(np.diff(nets), slope * np.diff(prices), rtol=1e-9, atol=1e-6)


def test_one_number_over_a_range_is_e3values_sensitivity_analysis() -> None:
    # e3value's sheet: the occurrences of a need over a range, every actor's net value
    # flow at each. Each net is affine in the occurrences.
    eco = riverside()
    result = cc.sweep(eco, {"referrals.occurrences": [0.0, 0.25, 0.5, 1.0]})
    bonus = result.measure("net_value_flow", "riverside")
    assert np.allclose(np.diff(bonus) / np.diff([0.0, 0.25, 0.5, 1.0]), -200 * 50.0)
    adopters = result.measure("net_value_flow", "early-adopters")
    assert np.allclose(np.diff(adopters) / np.diff([0.0, 0.25, 0.5, 1.0]), 200 * 50.0)
    assert np.ptp(result.measure("total_value_created")) < 1e-6


def test_every_point_equals_the_object_path_on_the_changed_ecosystem() -> None:
    eco = riverside()
    values = {
        "home-fibre.price": [450.0, 750.0],
        "early-adopters.retention": [0.6, 0.9],
        "referrals.transfers[0].amount": [0.0, 80.0],
    }
    result = cc.sweep(eco, values, timing="start")
    assert len(result) == 8
    for point, row in enumerate(result.points.tolist()):
        one = eco.with_values(dict(zip(values, row, strict=True)))
        nets = cc.net_value_flows(one).nets()
        for actor in result.actors:
            assert math.isclose(
                result.measure("net_value_flow", actor)[point], nets[actor], abs_tol=1e-6
            )
        firm = cc.firm_value(one, timing="start")
        benefits = cc.net_benefit(one)
        for customer in result.customers:
            assert math.isclose(
                result.measure("firm_value", customer)[point], firm[customer].total, abs_tol=1e-6
            )
            assert math.isclose(
                result.measure("net_benefit", customer)[point], benefits[customer].net, abs_tol=1e-6
            )
        assert bool(result.measure("win_win")[point]) == cc.win_win(one).sustainable


def test_a_grid_varies_the_last_address_fastest_and_zip_pairs_the_values() -> None:
    eco = riverside()
    grid = cc.sweep(eco, {"home-fibre.price": [1.0, 2.0], "riverside.fixed_cost": [3.0, 4.0, 5.0]})
    assert grid.points.tolist() == [
        [1.0, 3.0],
        [1.0, 4.0],
        [1.0, 5.0],
        [2.0, 3.0],
        [2.0, 4.0],
        [2.0, 5.0],
    ]
    paired = cc.sweep(
        eco, {"home-fibre.price": [1.0, 2.0], "riverside.fixed_cost": [3.0, 4.0]}, zip=True
    )
    assert paired.points.tolist() == [[1.0, 3.0], [2.0, 4.0]]
    assert paired.values("riverside.fixed_cost").tolist() == [3.0, 4.0]


def test_the_frame_has_one_row_per_point_and_actor() -> None:
    eco = riverside()
    result = cc.sweep(eco, {"home-fibre.price": [500.0, 700.0]}, timing="retained")
    frame = result.to_frame()
    assert len(frame) == 2 * 4
    assert list(frame.columns) == [
        "point",
        "home-fibre.price",
        "actor",
        "kind",
        "net_value_flow",
        "net_benefit",
        "firm_value",
        "total_value_created",
        "win_win",
    ]
    partner = frame[frame["actor"] == "router-maker"]
    assert partner["net_benefit"].isna().all()
    assert partner["kind"].tolist() == ["partner", "partner"]
    adopters = frame[frame["actor"] == "early-adopters"]
    assert (
        adopters["net_benefit"].tolist() == result.measure("net_benefit", "early-adopters").tolist()
    )
    assert frame.groupby("point")["net_value_flow"].sum().tolist() == pytest.approx(
        result.measure("total_value_created").tolist()
    )


def test_chunks_on_an_executor_give_the_same_bits_and_progress_shows_a_bar(
    capsys: pytest.CaptureFixture[str],
) -> None:
    eco = riverside()
    values = {"home-fibre.price": np.linspace(300.0, 900.0, 2_500)}
    here = cc.sweep(eco, values)
    with ThreadPoolExecutor(2) as pool:
        there = cc.sweep(eco, values, executor=pool, progress=True)
    assert "sweep" in capsys.readouterr().err
    for name in here.measures:
        assert np.array_equal(here.measure(name), there.measure(name))


@pytest.mark.parametrize(
    ("values", "options", "error", "message"),
    [
        (
            {"early-adopters.retention": [0.5, 1.2]},
            {},
            cc.ValidationError,
            r"early-adopters\.retention: expected a finite number in \[0, 1\], got 1\.2",
        ),
        (
            {"early-adopters.count": [100, 150.5]},
            {},
            cc.ValidationError,
            r"early-adopters\.count: expected an integer >= 1, got 150\.5",
        ),
        (
            {"home-fibre.pric": [1.0]},
            {},
            cc.ValidationError,
            r"home-fibre\.pric: expected a field of Offering .* \(did you mean 'price'\?\)",
        ),
        ({"home-fibr.price": [1.0]}, {}, cc.UnknownIdError, r"did you mean 'home-fibre'"),
        (
            {"home-fibre.pricing": [1.0]},
            {},
            cc.ValidationError,
            r"home-fibre\.pricing: expected a field that holds a number",
        ),
        ({"home-fibre.price": ["cheap"]}, {}, cc.ValidationError, r"got 'cheap'"),
        ({"home-fibre.price": []}, {}, cc.ValidationError, r"at least one value"),
        ({}, {}, cc.ValidationError, r"values: expected a mapping"),
        (
            {"home-fibre.price": [1.0], "riverside.fixed_cost": [1.0, 2.0]},
            {"zip": True},
            cc.ValidationError,
            r"sequences of one length",
        ),
        ({"home-fibre.price": [1.0]}, {"measures": ["profit"]}, cc.ValidationError, r"profit"),
        (
            {"home-fibre.price": [1.0]},
            {"measures": ["firm_value"]},
            cc.ValidationError,
            r"timing",
        ),
        ({"home-fibre.price": [1.0]}, {"timing": "soon"}, cc.ValidationError, r"timing"),
        ({"home-fibre.price": [1.0]}, {"periods": 0}, cc.ValidationError, r"periods"),
    ],
)
def test_bad_input_fails_before_any_point_is_accounted(
    values: Any,
    options: dict[str, Any],
    error: type[Exception],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a point was accounted")

    monkeypatch.setattr("cocreation.analysis._evaluate.run_chunks", never)
    with pytest.raises(error, match=message):
        cc.sweep(riverside(), values, **options)


def test_measure_asks_for_what_was_taken() -> None:
    result = cc.sweep(riverside(), {"home-fibre.price": [1.0]}, measures=["win_win"])
    assert list(result.measures) == ["win_win"]
    with pytest.raises(cc.ValidationError, match=r"measure: expected one of the measures taken"):
        result.measure("net_value_flow")
    full = cc.sweep(riverside(), {"home-fibre.price": [1.0]})
    with pytest.raises(cc.ValidationError, match=r"actor: expected None"):
        full.measure("total_value_created", "riverside")
    with pytest.raises(cc.UnknownIdError, match=r"nobody"):
        full.measure("net_benefit", "nobody")
    with pytest.raises(cc.UnknownIdError, match=r"riverside"):
        full.measure("net_benefit", "riverside")  # an actor, but no customer
    with pytest.raises(cc.ValidationError, match=r"parameter: expected one of"):
        full.values("riverside.fixed_cost")
