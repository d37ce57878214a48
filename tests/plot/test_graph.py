"""The ecosystem graph plot: every node drawn once, edges by category, a legend, bad input."""

from __future__ import annotations

import io
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import FancyArrowPatch

import cocreation as cc
from cocreation.errors import ValidationError
from cocreation.plot import EDGE_COLOURS, HARM, NODE_STYLES, ecosystem_graph


def node_collections(ax: Axes) -> list[PathCollection]:
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def drawn_nodes(ax: Axes) -> int:
    return sum(len(np.asarray(c.get_offsets())) for c in node_collections(ax))


def legend_labels(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [text.get_text() for text in legend.get_texts()]


def arrows(ax: Axes, colour: str) -> list[FancyArrowPatch]:
    wanted = to_rgba(colour)
    return [
        patch
        for patch in ax.patches
        if isinstance(patch, FancyArrowPatch) and to_rgba(patch.get_edgecolor()) == wanted
    ]


def test_draws_every_node_once_with_its_kind(example: cc.Ecosystem) -> None:
    ax = ecosystem_graph(example)
    assert isinstance(ax, Axes)
    graph = example.graph()
    collections = node_collections(ax)
    assert drawn_nodes(ax) == graph.number_of_nodes()
    kinds = {str(kind) for _, kind in graph.nodes(data="kind")}
    assert sorted(str(c.get_label()) for c in collections) == sorted(kinds)


def test_labels_every_node_with_its_id(example: cc.Ecosystem) -> None:
    ax = ecosystem_graph(example)
    assert sorted(text.get_text() for text in ax.texts) == sorted(example.graph())


def test_legend_names_node_kinds_reference_points_and_structure(example: cc.Ecosystem) -> None:
    labels = legend_labels(ecosystem_graph(example))
    assert labels[:6] == list(NODE_STYLES)  # every kind occurs in the example
    for words in (
        "with the organisation",
        "with the network",
        "with other customers",
        "with a topic",
        "with oneself",
        "offers and integrates",
        "has a job",
        "referred",
        "relationship",
        "transfer",
    ):
        assert words in labels


def test_colours_interactions_by_level(example: cc.Ecosystem) -> None:
    ax = ecosystem_graph(example, edges="level")
    labels = legend_labels(ax)
    for words in ("design", "production", "referral", "support", "use (no co-creation)"):
        assert words in labels
    assert "with the organisation" not in labels
    # The design workshop is the only design interaction: one design arrow.
    assert len(arrows(ax, EDGE_COLOURS["level"]["design"])) == 1


def test_one_arrow_per_pair_and_reference_point(tiny: cc.Ecosystem) -> None:
    ax = ecosystem_graph(tiny, structure=False)
    colours = EDGE_COLOURS["reference_point"]
    # walk-ins -> bank, -> kiosk-maker, -> savings, and a loop for the self-service.
    for point in ("organisation", "network", "topic", "self"):
        assert len(arrows(ax, colours[point])) == 1, point
    assert len(arrows(ax, colours["other_customers"])) == 0
    assert len(ax.patches) == 4


def test_structure_can_be_left_out(tiny: cc.Ecosystem) -> None:
    with_structure = ecosystem_graph(tiny)
    without = ecosystem_graph(tiny, structure=False)
    assert len(with_structure.patches) > len(without.patches)
    assert "offers and integrates" in legend_labels(with_structure)
    assert "offers and integrates" not in legend_labels(without)
    assert "has a job" not in legend_labels(without)


def test_a_segment_node_grows_with_its_count(tiny: cc.Ecosystem) -> None:
    single = tiny.replace(cc.Customer("walk-ins", count=1))
    sizes = []
    for eco in (single, tiny):
        ax = ecosystem_graph(eco)
        customers = next(c for c in node_collections(ax) if c.get_label() == "customer")
        sizes.append(float(customers.get_sizes()[0]))
    assert sizes[1] == pytest.approx(2.0 * sizes[0])  # log10(100) = 2: twice as large


def test_the_layout_is_reproducible_with_a_seed(tiny: cc.Ecosystem) -> None:
    def positions(seed: int) -> list[list[float]]:
        ax = ecosystem_graph(tiny, seed=seed)
        return [np.asarray(c.get_offsets()).tolist() for c in node_collections(ax)]

    assert positions(3) == positions(3)
    assert positions(3) != positions(4)


def test_draws_on_the_axes_it_is_given(tiny: cc.Ecosystem) -> None:
    _, (left, right) = plt.subplots(1, 2)
    assert ecosystem_graph(tiny, ax=right) is right
    assert not node_collections(left)
    assert node_collections(right)


def test_draws_an_empty_ecosystem_and_a_lonely_customer() -> None:
    ax = ecosystem_graph(cc.Ecosystem())
    assert ax.get_title() == "Ecosystem: interactions by reference point"
    assert not node_collections(ax)
    lonely = cc.Ecosystem().add_customer("solo").add_interaction("diy", customer="solo")
    ax = ecosystem_graph(lonely)
    assert drawn_nodes(ax) == 1
    assert len(ax.patches) == 1  # the loop
    figure = ax.get_figure(root=True)
    assert figure is not None
    figure.savefig(io.BytesIO(), format="png")  # the loop draws


@pytest.mark.parametrize("edges", ["kind", "", None, "REFERENCE_POINT"])
def test_rejects_an_unknown_edge_colouring(tiny: cc.Ecosystem, edges: object) -> None:
    with pytest.raises(ValidationError, match="edges: expected one of 'reference_point', 'level'"):
        ecosystem_graph(tiny, edges=edges)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("keyword", "value"),
    [("structure", "yes"), ("seed", 1.5), ("seed", True)],
)
def test_rejects_bad_options(tiny: cc.Ecosystem, keyword: str, value: object) -> None:
    with pytest.raises(ValidationError, match=keyword):
        ecosystem_graph(tiny, **{keyword: value})  # type: ignore[arg-type]


def test_rejects_what_is_not_an_ecosystem() -> None:
    with pytest.raises(ValidationError, match="ecosystem: expected an Ecosystem"):
        ecosystem_graph("co-selling")  # type: ignore[arg-type]


def arrowheads(
    ax: Axes, colours: set[tuple[float, float, float, float]] | None = None
) -> list[np.ndarray[Any, Any]]:
    """The corners of every arrowhead drawn, in display units (after a draw)."""
    heads = []
    for patch in ax.patches:
        if not isinstance(patch, FancyArrowPatch):
            continue
        if colours is not None and to_rgba(patch.get_edgecolor()) not in colours:
            continue
        vertices = np.asarray(patch.get_path().vertices)
        if len(vertices) >= 6:  # a curve, then the arrowhead's three corners
            heads.append(patch.get_transform().transform(vertices[3:6]))
    return heads


@pytest.mark.parametrize("name", cc.io.example_names())
@pytest.mark.parametrize("edges", ["reference_point", "level"])
def test_no_label_hides_an_arrowhead(name: str, edges: str) -> None:
    ax = ecosystem_graph(cc.example_ecosystem(name), edges=edges)  # type: ignore[arg-type]
    figure = ax.get_figure(root=True)
    assert figure is not None
    figure.draw_without_rendering()
    boxes = {text.get_text(): text.get_window_extent() for text in ax.texts}
    for corners in arrowheads(ax):
        for label, box in boxes.items():
            assert not any(box.contains(x, y) for x, y in corners), label


def test_labels_lie_over_the_edges(example: cc.Ecosystem) -> None:
    ax = ecosystem_graph(example)
    top_edge = max(patch.get_zorder() for patch in ax.patches)
    assert all(text.get_zorder() > top_edge for text in ax.texts)


def test_the_central_organisation_is_labelled_clear_of_its_interactions(
    example: cc.Ecosystem,
) -> None:
    ax = ecosystem_graph(example)
    figure = ax.get_figure(root=True)
    assert figure is not None
    figure.draw_without_rendering()
    (label,) = [text for text in ax.texts if text.get_text() == "alpine-telecom"]
    box = label.get_window_extent()
    interaction_colours = {to_rgba(colour) for colour in EDGE_COLOURS["reference_point"].values()}
    heads = arrowheads(ax, interaction_colours)
    assert len(heads) >= 3  # customers' interactions point at it
    for corners in heads:
        assert not any(box.contains(x, y) for x, y in corners)


def harmful_community() -> cc.Ecosystem:
    return (
        cc.Ecosystem(name="Forum")
        .add_organisation("photoforge")
        .add_customer("helpers")
        .add_customer("trolls")
        .add_customer("newcomers")
        .add_interaction(
            "help",
            customer="helpers",
            counterpart="newcomers",
            level="support",
            transfers=[cc.Transfer("helpers", "newcomers", 8.0, kind="value")],
        )
        .add_interaction(
            "rant",
            customer="trolls",
            counterpart="newcomers",
            level="support",
            transfers=[cc.Transfer("trolls", "newcomers", -2.0, kind="value")],
        )
    )


@pytest.mark.parametrize("edges", ["reference_point", "level"])
def test_harmful_support_is_drawn_apart_from_help(edges: str) -> None:
    ax = ecosystem_graph(harmful_community(), edges=edges, structure=False)  # type: ignore[arg-type]
    palette = EDGE_COLOURS[edges]
    (harm,) = arrows(ax, HARM)
    assert harm.get_linestyle() == "--"
    helping = "support" if edges == "level" else "other_customers"
    (help_,) = arrows(ax, palette[helping])
    assert to_rgba(help_.get_edgecolor()) != to_rgba(harm.get_edgecolor())
    assert "harmful (destroys value)" in legend_labels(ax)


def test_harm_has_a_colour_of_its_own_in_both_colourings() -> None:
    for palette in EDGE_COLOURS.values():
        others = [colour for category, colour in palette.items() if category != "harmful"]
        assert palette["harmful"] == HARM
        assert HARM not in others
