"""The win-win scatter: each customer's net benefit against the firm value it brings."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection

import cocreation as cc
from cocreation.errors import UnknownIdError, ValidationError
from cocreation.plot import QUADRANT_WORDS, win_win_scatter


def points(ax: Axes) -> dict[str, list[tuple[float, float]]]:
    """The points of each quadrant, by the legend label of its collection."""
    return {
        str(collection.get_label()): [
            (float(x), float(y)) for x, y in np.asarray(collection.get_offsets())
        ]
        for collection in ax.collections
        if isinstance(collection, PathCollection)
    }


def labels(ax: Axes) -> set[str]:
    return {text.get_text() for text in ax.texts}


def test_each_customer_is_a_point_at_its_firm_value_and_net_benefit(
    example: cc.Ecosystem,
) -> None:
    ax = win_win_scatter(example, timing="retained")
    values = cc.firm_value(example, timing="retained")
    benefits = cc.net_benefit(example)
    expected = sorted((values[c.id].total, benefits[c.id].net) for c in example.customers)
    drawn = sorted(point for found in points(ax).values() for point in found)
    assert len(drawn) == len(expected)
    for point, wanted in zip(drawn, expected, strict=True):
        assert point == pytest.approx(wanted)
    assert {c.id for c in example.customers} <= labels(ax)


def test_customers_fall_in_the_quadrant_of_who_gains() -> None:
    eco = cc.example_ecosystem("user-community")
    ax = win_win_scatter(eco, timing="retained")
    values = cc.firm_value(eco, timing="retained")
    benefits = cc.net_benefit(eco)
    found = points(ax)
    for customer in eco.customers:
        x, y = values[customer.id].total, benefits[customer.id].net
        if x >= 0 and y >= 0:
            quadrant = "win-win"
        elif y >= 0:
            quadrant = "customer"
        elif x >= 0:
            quadrant = "organisation"
        else:
            quadrant = "neither"
        assert (x, y) in [pytest.approx(p) for p in found[QUADRANT_WORDS[quadrant]]]
    # The angry users lose and cost the firm: the community is no win-win for them.
    assert QUADRANT_WORDS["neither"] in found


def test_every_quadrant_shows_and_is_named(example: cc.Ecosystem) -> None:
    ax = win_win_scatter(example, timing="retained")
    (left, right), (bottom, top) = ax.get_xlim(), ax.get_ylim()
    assert left < 0 < right
    assert bottom < 0 < top
    texts = {text.get_text().replace("\n", " ") for text in ax.texts}
    assert set(QUADRANT_WORDS.values()) <= texts


def test_per_member_divides_by_the_segment_size(example: cc.Ecosystem) -> None:
    ax = win_win_scatter(example, timing="retained", per_member=True)
    member = cc.firm_value(example, timing="retained")["small-businesses"].per_member()
    drawn = [point for found in points(ax).values() for point in found]
    assert any(x == pytest.approx(member.total) for x, _ in drawn)
    assert "per member" in ax.get_xlabel()


def test_the_axes_name_each_horizon(example: cc.Ecosystem) -> None:
    ax = win_win_scatter(example, timing="end", horizon=5)
    assert "lifetime value, timing 'end', 5 periods" in ax.get_xlabel()
    assert "over the 2 periods modelled" in ax.get_ylabel()


def test_bigger_segments_draw_bigger_points(example: cc.Ecosystem) -> None:
    ax = win_win_scatter(example, timing="retained")
    sizes = [
        size
        for collection in ax.collections
        if isinstance(collection, PathCollection)
        for size in collection.get_sizes()
    ]
    assert max(sizes) > min(sizes)


def test_draws_on_the_axes_it_is_given(example: cc.Ecosystem) -> None:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert win_win_scatter(example, timing="retained", ax=ax) is ax


def test_rejects_bad_input(example: cc.Ecosystem) -> None:
    with pytest.raises(ValidationError, match="ecosystem"):
        win_win_scatter("eco", timing="retained")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="per_member"):
        win_win_scatter(example, timing="retained", per_member=1)  # type: ignore[arg-type]
    with pytest.raises(UnknownIdError):
        win_win_scatter(example, timing="retained", organisation="nobody")
    with pytest.raises(ValidationError, match="timing"):
        win_win_scatter(example, timing="yearly")  # type: ignore[arg-type]
