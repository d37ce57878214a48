"""A picture of the ecosystem graph: who interacts with whom, on which level."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError
from cocreation.model import Interaction, TransferKind
from cocreation.plot._common import GREY, INK, PALETTE, axes_for

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.transforms import Bbox

__all__ = ["EDGE_COLOURS", "HARM", "NODE_STYLES", "ecosystem_graph"]

NODE_STYLES: Final[Mapping[str, tuple[str, str, float]]] = {
    "organisation": ("s", PALETTE["blue"], 1100.0),
    "partner": ("D", PALETTE["green"], 650.0),
    "customer": ("o", PALETTE["sky"], 420.0),
    "offering": ("p", PALETTE["orange"], 520.0),
    "job": ("^", PALETTE["yellow"], 420.0),
    "topic": ("h", PALETTE["purple"], 520.0),
}
"""Marker, colour and base size of each node kind; a customer grows with its ``count``.

Examples:
    >>> NODE_STYLES["organisation"][0]  # a square
    's'
"""

HARM: Final = "#000000"
"""The colour of a harmful interaction: one that moves a value object worth less than nothing.

A customer who harms (seed 000: customers "can express themselves negatively on the
organisations' own platforms") destroys value; its interactions are drawn in black
and dashed, whatever their reference point or level, so they never read as help.

Examples:
    >>> EDGE_COLOURS["level"]["harmful"] == HARM
    True
"""

EDGE_COLOURS: Final[Mapping[str, Mapping[str, str]]] = {
    "reference_point": {
        "organisation": PALETTE["blue"],
        "network": PALETTE["green"],
        "other_customers": PALETTE["vermillion"],
        "topic": PALETTE["purple"],
        "self": PALETTE["orange"],
        "harmful": HARM,
    },
    "level": {
        "design": PALETTE["purple"],
        "production": PALETTE["orange"],
        "referral": PALETTE["vermillion"],
        "support": PALETTE["green"],
        "use": GREY,
        "harmful": HARM,
    },
}
"""The colour of an interaction edge by its reference point, or by its co-creation level.

A harmful interaction (one whose value transfers are worth less than nothing to
their receivers) takes the colour ``"harmful"`` in either colouring.

Examples:
    >>> sorted(EDGE_COLOURS)
    ['level', 'reference_point']
"""

_EDGE_WORDS: Final[Mapping[str, str]] = {
    "organisation": "with the organisation",
    "network": "with the network",
    "other_customers": "with other customers",
    "topic": "with a topic",
    "self": "with oneself",
    "design": "design",
    "production": "production",
    "referral": "referral",
    "support": "support",
    "use": "use (no co-creation)",
    "harmful": "harmful (destroys value)",
}

# Structural edges: lighter, with a line style (and legend entry) per group of kinds.
_Style: TypeAlias = Literal["-", "--", "-.", ":"]

_STRUCTURE: Final[Mapping[str, tuple[str, _Style, str]]] = {
    "provides": ("offers and integrates", "-", "#C8C8C8"),
    "contributes": ("offers and integrates", "-", "#C8C8C8"),
    "integrates": ("offers and integrates", "-", "#C8C8C8"),
    "has_job": ("has a job", "-", "#E0D890"),
    "referral": ("referred", "--", "#7A7A7A"),
    "relationship": ("relationship", ":", "#A8A8A8"),
    "transfer": ("transfer", "-.", "#BDBDBD"),
}

_STRUCTURE_LAYER: Final = 1.0
_EDGE_LAYER: Final = 1.8  # nodes lie at 2, over every edge
_LABEL_LAYER: Final = 2.5  # labels lie over everything, where the fewest edges pass

_SEPARATION: Final = 0.18  # arc curvature between parallel edges of one pair


def _node_size(kind: str, count: float) -> float:
    base = NODE_STYLES[kind][2]
    if kind != "customer":
        return base
    # A segment of n members grows with log10(n): 1 -> base, 100 -> 2 x base.
    return base * (1.0 + 0.5 * math.log10(max(count, 1.0)))


def _layout(graph: nx.MultiDiGraph[str], seed: int) -> dict[str, tuple[float, float]]:
    import networkx as nx

    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    count = max(simple.number_of_nodes(), 1)
    placed = nx.spring_layout(simple, k=2.2 / math.sqrt(count), iterations=300, seed=seed)
    return {node: (float(x), float(y)) for node, (x, y) in placed.items()}


def _is_harmful(interaction: Interaction) -> bool:
    """Whether an interaction moves value worth less than nothing in all (value co-destruction)."""
    values = [t.amount for t in interaction.transfers if t.kind is TransferKind.VALUE]
    return bool(values) and sum(values) < 0.0


# Where a label may go around its node: (x, y) direction, horizontal and vertical alignment,
# in the order tried when two places are as free: below, above, right, left.
_Horizontal: TypeAlias = Literal["left", "center", "right"]
_Vertical: TypeAlias = Literal["bottom", "center", "top"]
_SIDES: Final[tuple[tuple[tuple[float, float], _Horizontal, _Vertical], ...]] = (
    ((0.0, -1.0), "center", "top"),
    ((0.0, 1.0), "center", "bottom"),
    ((1.0, 0.0), "left", "center"),
    ((-1.0, 0.0), "right", "center"),
)


def _crosses(start: tuple[float, float], end: tuple[float, float], box: Bbox) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through ``box`` (display units)."""
    (x0, y0), (x1, y1) = start, end
    low, high = 0.0, 1.0
    for delta, origin, lower, upper in (
        (x1 - x0, x0, box.x0, box.x1),
        (y1 - y0, y0, box.y0, box.y1),
    ):
        if delta == 0.0:
            if not lower <= origin <= upper:
                return False
            continue
        t0, t1 = (lower - origin) / delta, (upper - origin) / delta
        low, high = max(low, min(t0, t1)), min(high, max(t0, t1))
        if low > high:
            return False
    return True


def _label_place(
    centre: tuple[float, float],
    size: tuple[float, float],
    gap: float,
    ends: Sequence[tuple[tuple[float, float], int]],
    obstacles: Sequence[Bbox],
    *,
    heads: Sequence[tuple[float, float]] = (),
    margin: float = 0.0,
) -> int:
    """The side of ``_SIDES`` where a label of ``size`` crosses the fewest edges and marks.

    ``ends`` are the far ends of the node's edges with their weights (an interaction
    weighs more than a structural edge); ``obstacles`` the boxes of the other nodes;
    ``heads`` the middles of the arrowheads that point at the node, which a label must
    not cover. Everything is in display units.
    """
    from matplotlib.transforms import Bbox

    width, height = size
    costs = []
    for (dx, dy), _, _ in _SIDES:
        x = centre[0] + dx * gap - (width / 2.0 if dx == 0.0 else (0.0 if dx > 0 else width))
        y = centre[1] + dy * gap - (height / 2.0 if dy == 0.0 else (0.0 if dy > 0 else height))
        box = Bbox.from_bounds(x, y, width, height)
        # Edges curve and arrowheads are wide: keep a margin around the label.
        wide = Bbox.from_bounds(x - margin, y - margin, width + 2 * margin, height + 2 * margin)
        cost = sum(weight for end, weight in ends if _crosses(centre, end, wide))
        cost += sum(2 for obstacle in obstacles if box.overlaps(obstacle))
        cost += sum(10 for x, y in heads if wide.contains(x, y))
        costs.append(cost)
    return costs.index(min(costs))


def _arc(position: int, parallel: int) -> float:
    """The curvature of the n-th of ``parallel`` edges between one pair of nodes."""
    if parallel == 1:
        return 0.08
    return 0.08 + _SEPARATION * position


def _loop_style(ax: Axes, height: float, angle: float) -> Any:
    """A connection style that draws a loop of ``height`` points from a node back to itself.

    The loop points up, turned counter-clockwise by ``angle`` degrees; the arrow
    shrinks it to the node's edge as it does any edge.
    """
    import numpy as np
    from matplotlib.patches import ConnectionStyle
    from matplotlib.path import Path

    class Loop(ConnectionStyle.Arc3):
        def connect(self, posA: tuple[float, float], posB: tuple[float, float]) -> Path:  # noqa: N803
            # Called at draw time in display units: read the dpi then, for any savefig dpi.
            size = height * ax.figure.dpi / 72.0 / 1.2  # a Bezier peak reaches 0.75 x 1.6 x size
            turn = math.radians(angle)
            rotation = np.array(
                [[math.cos(turn), -math.sin(turn)], [math.sin(turn), math.cos(turn)]]
            )
            controls = np.array([[-0.8, 1.6], [0.8, 1.6]]) * size @ rotation.T
            x, y = posA
            vertices = [(x, y), (x + controls[0, 0], y + controls[0, 1])]
            vertices += [(x + controls[1, 0], y + controls[1, 1]), (x, y)]
            return Path(vertices, [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4])

    return Loop()


def ecosystem_graph(
    ecosystem: Ecosystem,
    *,
    ax: Axes | None = None,
    edges: Literal["reference_point", "level"] = "reference_point",
    structure: bool = True,
    seed: int = 0,
) -> Axes:
    """Draw the ecosystem graph: actors, offerings, jobs and topics, and how they interact.

    Nodes are shaped and coloured by kind (see
    [`NODE_STYLES`][cocreation.plot.NODE_STYLES]); a customer segment's node grows
    with the logarithm of its ``count``. Interaction edges run from the customer to
    its counterpart (a loop for an interaction with oneself), coloured by reference
    point or by co-creation level, one arrow per pair and colour, thicker the more
    interactions it stands for. Structural edges (an organisation provides an
    offering or integrates a partner, a partner contributes to an offering, a
    customer has a job, referrals, relationships and transfers) are drawn lighter,
    or left out with ``structure=False``. The layout is NetworkX's spring layout,
    reproducible with ``seed``.

    Needs the ``plot`` extra (``pip install 'cocreation[plot]'``).

    Args:
        ecosystem: The ecosystem to draw (through [`Ecosystem.graph`][cocreation.Ecosystem.graph]).
        ax: The axes to draw on (default: a new figure).
        edges: Colour interactions by ``"reference_point"`` or by co-creation ``"level"``.
        structure: Whether to draw the structural edges.
        seed: The seed of the layout.

    Returns:
        The axes drawn on.

    Raises:
        ValidationError: ``ecosystem`` is not an ecosystem, or ``edges`` is neither
            ``"reference_point"`` nor ``"level"``.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> import cocreation as cc
        >>> from cocreation.plot import ecosystem_graph
        >>> ax = ecosystem_graph(cc.example_ecosystem(), edges="level")
        >>> ax.get_title()
        'Co-selling at Alpine Telecom: interactions by co-creation level'
        >>> sorted(text.get_text() for text in ax.get_legend().get_texts())[:3]
        ['customer', 'design', 'has a job']
        >>> plt.close(ax.figure)
    """
    if not isinstance(ecosystem, Ecosystem):
        raise ValidationError("ecosystem", ecosystem, "an Ecosystem")
    if edges not in EDGE_COLOURS:
        raise ValidationError("edges", edges, "one of 'reference_point', 'level'")
    if not isinstance(structure, bool):
        raise ValidationError("structure", structure, "True or False")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValidationError("seed", seed, "an integer")
    ax = axes_for(ax, "ecosystem_graph", size=(12.0, 8.5))

    import networkx as nx
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.transforms import Bbox, offset_copy

    graph = ecosystem.graph()
    positions = _layout(graph, seed)
    kinds = {node: str(data["kind"]) for node, data in graph.nodes(data=True)}
    sizes = {node: _node_size(kinds[node], graph.nodes[node].get("count", 1)) for node in graph}
    order = list(graph)
    # NetworkX stops an arrow at a circle of the node's size: give angular markers more room.
    room = {"s": 1.9, "D": 1.6, "^": 1.6, "p": 1.2, "h": 1.2}
    all_sizes = [sizes[node] * room.get(NODE_STYLES[kinds[node]][0], 1.0) for node in order]
    handles: list[Artist] = []

    # Every edge to draw: (source, target, colour, width, style, curvature, layer).
    # Labels lie over the structure and under the interactions, so no arrowhead hides.
    drawn: list[tuple[str, str, str, float, _Style, float, float]] = []
    shown_structure: dict[str, tuple[_Style, str]] = {}
    if structure:
        pairs: dict[tuple[str, str], str] = {}
        for u, v, data in graph.edges(data=True):
            if data["kind"] in _STRUCTURE and u != v:
                pairs.setdefault((u, v), data["kind"])
        for (u, v), kind in pairs.items():
            label, style, colour = _STRUCTURE[kind]
            drawn.append((u, v, colour, 1.0, style, 0.0, _STRUCTURE_LAYER))
            shown_structure.setdefault(label, (style, colour))

    # Interaction edges: one per pair and colour, thicker the more interactions it stands for.
    palette = EDGE_COLOURS[edges]
    harmful = {
        f"interaction:{interaction.id}"
        for interaction in ecosystem.interactions
        if _is_harmful(interaction)
    }
    groups: dict[tuple[str, str], dict[str, int]] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        if data["kind"] != "interaction":
            continue
        if key in harmful:
            category = "harmful"
        elif edges == "reference_point":
            category = data["reference_point"]
        else:
            category = data.get("level", "use")
        by_category = groups.setdefault((u, v), {})
        by_category[category] = by_category.get(category, 0) + 1
    shown_edges: set[str] = set()
    for (u, v), by_category in groups.items():
        present = [category for category in palette if category in by_category]
        for position, category in enumerate(present):
            width = 1.6 + 1.2 * math.log2(by_category[category])
            line: _Style = "--" if category == "harmful" else "-"
            drawn.append(
                (u, v, palette[category], width, line, _arc(position, len(present)), _EDGE_LAYER)
            )
            shown_edges.add(category)

    loops: dict[str, int] = {}
    for u, v, colour, width, style, rad, layer in drawn:
        if u == v:
            # NetworkX sizes a loop by the extent of the edges drawn with it: draw it here.
            radius = math.sqrt(sizes[u]) / 2.0
            angle = 50.0 * loops.get(u, 0)
            loops[u] = loops.get(u, 0) + 1
            ax.add_patch(
                FancyArrowPatch(
                    positions[u],
                    positions[u],
                    connectionstyle=_loop_style(ax, radius + 30.0, angle),
                    arrowstyle="-|>",
                    mutation_scale=12,
                    color=colour,
                    linewidth=width,
                    linestyle="--" if style == "--" else "-",
                    shrinkA=radius + 1.0,
                    shrinkB=radius + 1.0,
                    zorder=layer,
                )
            )
            continue
        arrows = nx.draw_networkx_edges(
            graph,
            positions,
            edgelist=[(u, v)],
            nodelist=order,
            node_size=all_sizes,
            edge_color=colour,
            width=width,
            style=style,
            arrows=True,
            arrowstyle="-|>",
            arrowsize=12,
            connectionstyle=f"arc3,rad={rad}",
            ax=ax,
        )
        for arrow in arrows:
            arrow.set_zorder(layer)

    # Nodes by kind, over the edges.
    for kind, (marker, colour, _) in NODE_STYLES.items():
        members = [node for node in order if kinds[node] == kind]
        if not members:
            continue
        nx.draw_networkx_nodes(
            graph,
            positions,
            nodelist=members,
            node_shape=marker,
            node_color=colour,
            node_size=[sizes[node] for node in members],
            edgecolors=INK,
            linewidths=0.8,
            label=kind,
            ax=ax,
        )
        handles.append(
            Line2D(
                [],
                [],
                marker=marker,
                linestyle="",
                markersize=9,
                markerfacecolor=colour,
                markeredgecolor=INK,
                label=kind,
            )
        )
    texts = nx.draw_networkx_labels(
        graph,
        positions,
        labels={node: node for node in order},
        font_size=9,
        font_color=INK,
        bbox={
            "boxstyle": "round,pad=0.15",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.85,
        },
        ax=ax,
    )
    # Each label sits beside its node, on the side where it crosses the fewest edges
    # (an interaction weighs double, an arrowhead double again) and other nodes, over
    # them all.
    ax.margins(x=0.1, y=0.08)
    ax.autoscale_view()
    figure: Any = ax.figure
    renderer = figure.canvas.get_renderer()
    points = figure.dpi / 72.0
    centres = {node: tuple(ax.transData.transform(positions[node])) for node in order}
    radii = {node: math.sqrt(sizes[node]) / 2.0 * points for node in order}
    marks = {
        node: Bbox.from_extents(
            centres[node][0] - radii[node],
            centres[node][1] - radii[node],
            centres[node][0] + radii[node],
            centres[node][1] + radii[node],
        )
        for node in order
    }
    ends: dict[str, list[tuple[tuple[float, float], int]]] = {node: [] for node in order}
    for u, v, _, _, _, _, layer in drawn:
        # An arrowhead lies at the node an edge points to: there, an edge weighs double.
        weight = 2 if layer == _EDGE_LAYER else 1
        if u == v:  # a loop rises above its node
            x, y = centres[u]
            ends[u].append(((x, y + radii[u] + 40.0 * points), 2 * weight))
        else:
            ends[u].append((centres[v], weight))
            ends[v].append((centres[u], 2 * weight))
    # The middle of each arrowhead: where NetworkX stops the edge (a circle of the node's
    # size with the room its marker needs), then half an arrowhead further out.
    heads: dict[str, list[tuple[float, float]]] = {node: [] for node in order}
    stops = dict(zip(order, (math.sqrt(size) / 2.0 * points for size in all_sizes), strict=True))
    for u, v, _, _, _, _, _ in drawn:
        if u == v:
            continue
        (x0, y0), (x1, y1) = centres[u], centres[v]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        reach = stops[v] + 6.0 * points
        heads[v].append((x1 - (x1 - x0) / length * reach, y1 - (y1 - y0) / length * reach))
    for node, text in texts.items():
        extent = text.get_window_extent(renderer)
        gap = radii[node] + 3.0 * points
        others = [marks[other] for other in order if other != node]
        side = _label_place(
            centres[node],
            (extent.width, extent.height),
            gap,
            ends[node],
            others,
            heads=heads[node],
            margin=8.0 * points,
        )
        (dx, dy), horizontal, vertical = _SIDES[side]
        shift = radii[node] / points + 3.0
        text.set_transform(
            offset_copy(ax.transData, fig=figure, x=dx * shift, y=dy * shift, units="points")
        )
        text.set_horizontalalignment(horizontal)
        text.set_verticalalignment(vertical)
        text.set_zorder(_LABEL_LAYER)

    # One legend: node kinds, then interactions, then structure.
    handles.extend(
        Line2D([], [], color=colour, linewidth=2.5, label=_EDGE_WORDS[category])
        for category, colour in palette.items()
        if category in shown_edges
    )
    handles.extend(
        Line2D([], [], color=colour, linestyle=style, linewidth=1.5, label=label)
        for label, (style, colour) in shown_structure.items()
    )
    if handles:
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize=9,
            frameon=False,
            title="nodes and edges",
            title_fontsize=9,
        )
    words = "reference point" if edges == "reference_point" else "co-creation level"
    ax.set_title(f"{ecosystem.name or 'Ecosystem'}: interactions by {words}")
    ax.set_axis_off()
    return ax
