"""The opportunity landscape: a point per outcome, coloured by its class, in Ulwick's zones."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba

import cocreation as cc
from cocreation.errors import UnknownIdError, ValidationError
from cocreation.plot import OPPORTUNITY_COLOURS, opportunity_landscape


def points(ax: Axes) -> dict[str, list[tuple[float, float]]]:
    """The points of each collection, by the collection's legend label."""
    return {
        str(collection.get_label()): [
            (float(x), float(y)) for x, y in np.asarray(collection.get_offsets())
        ]
        for collection in ax.collections
        if isinstance(collection, PathCollection)
    }


def words_of(opportunity: cc.Opportunity) -> str:
    return {
        cc.Opportunity.EXTREME: "extreme (above 15)",
        cc.Opportunity.STRONG: "strong (12 to 15)",
        cc.Opportunity.WORTH_CONSIDERING: "worth considering (10 to 12)",
        cc.Opportunity.UNATTRACTIVE: "unattractive (below 10)",
        cc.Opportunity.OVER_SERVED: "over-served",
    }[opportunity]


def test_one_point_per_outcome_coloured_by_its_opportunity(example: cc.Ecosystem) -> None:
    ax = opportunity_landscape(example)
    assert isinstance(ax, Axes)
    drawn = points(ax)
    outcomes = [outcome for job in example.jobs for outcome in job.outcomes]
    assert sum(len(found) for found in drawn.values()) == len(outcomes) == 9
    for outcome in outcomes:
        opportunity = cc.opportunity_score(outcome.importance, outcome.satisfaction).opportunity
        assert (outcome.importance, outcome.satisfaction) in drawn[words_of(opportunity)]
    for collection in ax.collections:
        label = str(collection.get_label())
        opportunity = next(o for o in cc.Opportunity if words_of(o) == label)
        colour = OPPORTUNITY_COLOURS[opportunity]
        assert tuple(np.asarray(collection.get_facecolor())[0].tolist()) == to_rgba(colour)


def test_legend_lists_the_classes_present(tiny: cc.Ecosystem) -> None:
    legend = opportunity_landscape(tiny).get_legend()
    assert legend is not None
    # queue-time: 9 + 7 = 16, extreme; opening-hours: satisfaction 8 above importance 6.
    assert [t.get_text() for t in legend.get_texts()] == ["extreme (above 15)", "over-served"]


def test_labels_name_the_outcomes_and_share_a_point(example: cc.Ecosystem) -> None:
    ax = opportunity_landscape(example)
    labels = {text.get_text() for text in ax.texts if text.get_text()[0].isalpha()}
    # Both at importance 6 and satisfaction 3, each with its job.
    assert "connect-branches: it-effort\nget-online: peer-help" in labels
    assert "connect-branches: setup-time\nfeel-safe: worry" in labels
    # Two jobs have an outcome called uptime: each label says whose.
    assert {"connect-branches: uptime", "secure-clinic-it: uptime"} <= labels
    assert {"secure-clinic-it: data-security", "get-online: self-service"} <= labels


def test_zones_are_bounded_by_the_diagonal_and_the_thresholds(tiny: cc.Ecosystem) -> None:
    ax = opportunity_landscape(tiny)
    lines = [np.asarray(line.get_xydata()) for line in ax.get_lines()]
    assert len(lines) == 5
    diagonal, *thresholds, frame = lines
    assert frame.tolist() == [[0.0, 10.0], [10.0, 10.0], [10.0, 0.0]]  # the square's far edges
    assert diagonal.tolist() == [[0.0, 0.0], [10.0, 10.0]]
    for line, threshold in zip(thresholds, (10.0, 12.0, 15.0), strict=True):
        for importance, satisfaction in line:
            score = cc.opportunity_score(importance, satisfaction).score
            assert score == pytest.approx(threshold)
    # The axes reach beyond the 0-10 square, so a point on its edge shows whole.
    low, high = ax.get_xlim()
    assert low < 0.0 < 10.0 < high
    assert ax.get_ylim() == (low, high)


def test_one_customer_only(example: cc.Ecosystem) -> None:
    ax = opportunity_landscape(example, customer="seeland-kliniken")
    drawn = points(ax)
    assert sorted(p for found in drawn.values() for p in found) == [(9.0, 7.0), (10.0, 5.0)]
    assert "seeland-kliniken" in ax.get_title()


def test_an_ecosystem_without_jobs_draws_only_the_zones() -> None:
    ax = opportunity_landscape(cc.Ecosystem(name="Empty"))
    assert points(ax) == {}
    assert ax.get_legend() is None
    assert ax.get_title() == "Opportunity landscape: Empty"


def test_draws_on_the_axes_it_is_given(tiny: cc.Ecosystem) -> None:
    _, ax = plt.subplots()
    assert opportunity_landscape(tiny, ax=ax) is ax


def test_rejects_an_unknown_customer(example: cc.Ecosystem) -> None:
    with pytest.raises(UnknownIdError, match="nobody"):
        opportunity_landscape(example, customer="nobody")


def test_rejects_what_is_not_an_ecosystem() -> None:
    with pytest.raises(ValidationError, match="ecosystem: expected an Ecosystem"):
        opportunity_landscape([cc.Outcome("x", 5, 5)])  # type: ignore[arg-type]


def test_an_outcome_of_importance_10_lies_inside_the_axes(example: cc.Ecosystem) -> None:
    ax = opportunity_landscape(example)
    figure = ax.get_figure(root=True)
    assert figure is not None
    figure.draw_without_rendering()
    inside = ax.get_window_extent()
    for collection in ax.collections:
        offsets = np.asarray(collection.get_offsets())
        if not len(offsets) or not isinstance(collection, PathCollection):
            continue
        radius = np.sqrt(collection.get_sizes()[0]) / 2.0 * figure.dpi / 72.0
        for x, y in ax.transData.transform(offsets):
            assert inside.x0 < x - radius
            assert x + radius < inside.x1
            assert inside.y0 < y - radius
            assert y + radius < inside.y1
    assert any(
        tuple(point) == (10.0, 5.0)
        for collection in ax.collections
        for point in np.asarray(collection.get_offsets())
    )
