"""The opportunity landscape: importance against satisfaction of every desired outcome."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError
from cocreation.plot._common import INK, axes_for
from cocreation.voc import Opportunity, opportunity_score

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.transforms import Bbox

__all__ = ["OPPORTUNITY_COLOURS", "opportunity_landscape"]

OPPORTUNITY_COLOURS: Final[Mapping[Opportunity, str]] = {
    Opportunity.EXTREME: "#B2182B",
    Opportunity.STRONG: "#E66101",
    Opportunity.WORTH_CONSIDERING: "#F1B543",
    Opportunity.UNATTRACTIVE: "#A6A6A6",
    Opportunity.OVER_SERVED: "#4393C3",
}
"""The colour of each class of Ulwick's opportunity score, for points and zones.

Examples:
    >>> OPPORTUNITY_COLOURS[Opportunity.EXTREME]
    '#B2182B'
"""

_WORDS: Final[Mapping[Opportunity, str]] = {
    Opportunity.EXTREME: "extreme (above 15)",
    Opportunity.STRONG: "strong (12 to 15)",
    Opportunity.WORTH_CONSIDERING: "worth considering (10 to 12)",
    Opportunity.UNATTRACTIVE: "unattractive (below 10)",
    Opportunity.OVER_SERVED: "over-served",
}

# The zones tile the square: importance + max(importance - satisfaction, 0) = c is the
# line satisfaction = 2 * importance - c below the diagonal.
_ZONES: Final[Mapping[Opportunity, tuple[tuple[float, float], ...]]] = {
    Opportunity.OVER_SERVED: ((0, 0), (10, 10), (0, 10)),
    Opportunity.UNATTRACTIVE: ((0, 0), (5, 0), (10, 10)),
    Opportunity.WORTH_CONSIDERING: ((5, 0), (6, 0), (10, 8), (10, 10)),
    Opportunity.STRONG: ((6, 0), (7.5, 0), (10, 5), (10, 8)),
    Opportunity.EXTREME: ((7.5, 0), (10, 0), (10, 5)),
}
_THRESHOLDS: Final = (10.0, 12.0, 15.0)

# Where a label may go, in points from its point: right, left, above, below.
_PLACES: Final = (
    (6, 3, "left", "bottom"),
    (6, -3, "left", "top"),
    (-6, 3, "right", "bottom"),
    (-6, -3, "right", "top"),
    (0, 7, "center", "bottom"),
    (0, -7, "center", "top"),
)


_MARKER_RADIUS: Final = 5.0  # points: a marker of size 70 square points, with its edge
_MARGIN: Final = 0.6  # data units around the 0-10 square


def _place_labels(
    ax: Axes, labels: Mapping[tuple[float, float], list[str]], avoid: Sequence[Artist] = ()
) -> None:
    """Label each point where its text overlaps no other label or point, if there is room.

    Tries the places of ``_PLACES`` in order and keeps the first that is free and
    inside the axes; a label that fits nowhere takes the place that overlaps least.
    """
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox

    figure = ax.figure.figure  # the top-level figure, also for axes on a subfigure
    figure.draw_without_rendering()  # settle the layout before measuring text
    inside = ax.get_window_extent()
    marker = _MARKER_RADIUS * figure.dpi / 72.0
    taken: list[Bbox] = [artist.get_window_extent() for artist in avoid]
    for x, y in labels:  # every point is taken by its marker
        cx, cy = ax.transData.transform((x, y))
        taken.append(Bbox.from_extents(cx - marker, cy - marker, cx + marker, cy + marker))

    def put(where: tuple[float, float], text: str, place: int) -> Annotation:
        dx, dy, ha, va = _PLACES[place]
        return ax.annotate(
            text,
            where,
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=9,
            color=INK,
            zorder=4,
        )

    for where, names in sorted(labels.items()):
        text = "\n".join(names)
        costs: list[float] = []
        for place in range(len(_PLACES)):
            trial = put(where, text, place)
            box = trial.get_window_extent()
            trial.remove()
            overlap = sum(_area(box, other) for other in taken)
            outside = box.width * box.height - _area(box, inside)
            costs.append(overlap + 10.0 * outside)
            if costs[-1] == 0.0:
                break
        label = put(where, text, costs.index(min(costs)))
        taken.append(label.get_window_extent())


def _area(first: Bbox, second: Bbox) -> float:
    """The area two display boxes share."""
    width = float(min(first.x1, second.x1) - max(first.x0, second.x0))
    height = float(min(first.y1, second.y1) - max(first.y0, second.y0))
    return max(width, 0.0) * max(height, 0.0)


def opportunity_landscape(
    ecosystem: Ecosystem, *, customer: str | None = None, ax: Axes | None = None
) -> Axes:
    """Draw every desired outcome as importance against satisfaction, in Ulwick's zones.

    Each outcome of each job (of one customer, or of all) is a point at its
    importance (x) and satisfaction (y) on the 0-10 scale,
    coloured by the class of its [`opportunity_score`][cocreation.opportunity_score].
    Each point is labelled ``job: outcome``, since outcomes of different jobs may share
    an id; the axes reach a little beyond the 0-10 square, so an outcome of importance
    or satisfaction 10 shows whole.
    The background shows the zones: over-served above the diagonal, and below it the
    lines where ``importance + max(importance − satisfaction, 0)`` equals 10, 12 and
    15, which bound the unattractive, worth-considering, strong and extreme
    opportunities. Outcomes at the same point share one label.

    Needs the ``plot`` extra (``pip install 'cocreation[plot]'``).

    Args:
        ecosystem: The ecosystem whose jobs to draw.
        customer: Draw only this customer's jobs (default: every customer's).
        ax: The axes to draw on (default: a new figure).

    Returns:
        The axes drawn on, with one point collection per class of opportunity.

    Raises:
        ValidationError: ``ecosystem`` is not an ecosystem.
        UnknownIdError: ``customer`` is not a customer of the ecosystem.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> import cocreation as cc
        >>> from cocreation.plot import opportunity_landscape
        >>> eco = cc.example_ecosystem()
        >>> ax = opportunity_landscape(eco)
        >>> sum(len(points.get_offsets()) for points in ax.collections)  # one per outcome
        9
        >>> [text.get_text() for text in ax.get_legend().get_texts()]
        ['strong (12 to 15)', 'worth considering (10 to 12)', 'unattractive (below 10)']
        >>> plt.close(ax.figure)
    """
    if not isinstance(ecosystem, Ecosystem):
        raise ValidationError("ecosystem", ecosystem, "an Ecosystem")
    jobs = ecosystem.jobs if customer is None else ecosystem.jobs_of(customer)
    ax = axes_for(ax, "opportunity_landscape", size=(7.5, 7.5))

    # Every outcome, classified and labelled "job: outcome"; outcomes at one point
    # share a label.
    points: dict[Opportunity, list[tuple[float, float]]] = {}
    labels: dict[tuple[float, float], list[str]] = {}
    for job in jobs:
        for outcome in job.outcomes:
            score = opportunity_score(outcome.importance, outcome.satisfaction)
            where = (float(outcome.importance), float(outcome.satisfaction))
            points.setdefault(score.opportunity, []).append(where)
            names = labels.setdefault(where, [])
            name = f"{job.id}: {outcome.id}"
            if name not in names:
                names.append(name)

    for opportunity, corners in _ZONES.items():
        xs, ys = zip(*corners, strict=True)
        ax.fill(xs, ys, color=OPPORTUNITY_COLOURS[opportunity], alpha=0.12, linewidth=0, zorder=0)
    ax.plot([0, 10], [0, 10], color=INK, linewidth=0.8, zorder=1)
    for threshold in _THRESHOLDS:
        # satisfaction = 2 * importance - threshold, from the x axis to the right edge.
        end = min(10.0, 2 * 10.0 - threshold)
        ax.plot(
            [threshold / 2, 10.0], [0.0, end], color=INK, linewidth=0.6, linestyle="--", zorder=1
        )
        ax.annotate(
            f"{threshold:g}",
            (threshold / 2, 0.0),
            xytext=(0, 3),
            textcoords="offset points",
            ha="right",
            fontsize=8,
            color=INK,
        )
    served = ax.text(
        1.8,
        2.5,
        "over-served: satisfaction above importance",
        rotation=45,
        rotation_mode="anchor",
        fontsize=9,
        color=OPPORTUNITY_COLOURS[Opportunity.OVER_SERVED],
    )

    for opportunity in _WORDS:
        found = points.get(opportunity)
        if not found:
            continue
        xs, ys = zip(*found, strict=True)
        ax.scatter(
            xs,
            ys,
            s=70,
            color=OPPORTUNITY_COLOURS[opportunity],
            edgecolors=INK,
            linewidths=0.7,
            label=_WORDS[opportunity],
            zorder=3,
        )
    # A margin around the 0-10 square, so that an outcome on its edge shows whole and
    # its label fits; the square itself is framed.
    ax.set_xlim(-_MARGIN, 10.0 + _MARGIN)
    ax.set_ylim(-_MARGIN, 10.0 + _MARGIN)
    ax.set_xticks(range(0, 11, 2))
    ax.set_yticks(range(0, 11, 2))
    for side in ("left", "bottom"):  # the axes run along the square's edges
        ax.spines[side].set_position(("data", 0.0))
        ax.spines[side].set_bounds(0.0, 10.0)
        ax.spines[side].set_color(INK)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.plot([0, 10, 10], [10, 10, 0], color=INK, linewidth=0.8, zorder=1)
    ax.set_aspect("equal")
    _place_labels(ax, labels, avoid=[served])

    ax.set_xlabel("importance (0–10)")
    ax.set_ylabel("satisfaction (0–10)")
    whose = f" of {customer}" if customer is not None else ""
    ax.set_title(f"Opportunity landscape{whose}: {ecosystem.name or 'ecosystem'}")
    if points:
        ax.legend(
            title="opportunity score",
            loc="upper left",
            # Inside the square's over-served corner, clear of the axes' ticks.
            bbox_to_anchor=(
                (0.3 + _MARGIN) / (10 + 2 * _MARGIN),
                1 - (0.3 + _MARGIN) / (10 + 2 * _MARGIN),
            ),
            framealpha=0.9,
            fontsize=9,
            title_fontsize=9,
        )
    return ax
