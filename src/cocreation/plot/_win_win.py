"""Each customer's net benefit against the firm value it brings: where co-creation is win-win."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cocreation.accounting import Timing, firm_value, net_benefit, net_value_flows
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError
from cocreation.plot._common import GREY, INK, PALETTE, axes_for, money

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["QUADRANT_WORDS", "win_win_scatter"]

QUADRANT_WORDS: Final = {
    "win-win": "win-win: both gain",
    "customer": "the customer gains, the organisation loses",
    "organisation": "the organisation gains at the customer's expense",
    "neither": "both lose",
}
"""What each quadrant of the scatter says, by who gains.

Examples:
    >>> QUADRANT_WORDS["win-win"]
    'win-win: both gain'
"""

_WIN: Final = PALETTE["green"]
_LOSS: Final = PALETTE["vermillion"]


def _quadrant(value: float, benefit: float) -> str:
    if value >= 0.0 and benefit >= 0.0:
        return "win-win"
    if benefit >= 0.0:
        return "customer"
    if value >= 0.0:
        return "organisation"
    return "neither"


def win_win_scatter(
    ecosystem: Ecosystem,
    *,
    timing: Timing,
    horizon: int | None = None,
    organisation: str | None = None,
    per_member: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Draw each customer's net benefit against the firm value it brings, with the win-win quadrant.

    The picture the library exists for: co-creation is sustainable where the
    customer and the organisation both gain (seed 001). Each customer (or segment)
    is a point at the firm value it brings the organisation (x, from
    [`firm_value`][cocreation.firm_value]) and its own net benefit (y, from
    [`net_benefit`][cocreation.net_benefit]), sized by its number of members and
    labelled with its id. The upper-right quadrant, where both are at least zero, is
    shaded as win-win; a point elsewhere is a relationship in which one side, or
    both, lose. The axes say which horizon each covers: firm value is a lifetime
    value, net benefit the customer's over the periods modelled.

    Needs the ``plot`` extra (``pip install 'cocreation[plot]'``).

    Args:
        ecosystem: The ecosystem whose customers to draw.
        timing: The lifetime-value timing of firm value (see [`clv`][cocreation.clv]).
        horizon: The lifetime horizon of firm value in periods (default: infinite).
        organisation: The organisation whose firm value to draw (default: the only one).
        per_member: Draw one member of each segment instead of the whole segment.
        ax: The axes to draw on (default: a new figure).

    Returns:
        The axes drawn on, with one point collection per quadrant that holds a customer.

    Raises:
        ValidationError: ``ecosystem`` is not an ecosystem, ``per_member`` not a bool,
            or there is no single organisation to take the view of.
        UnknownIdError: ``organisation`` is not an organisation of the ecosystem.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> import cocreation as cc
        >>> from cocreation.plot import win_win_scatter
        >>> ax = win_win_scatter(cc.example_ecosystem("user-community"), timing="retained")
        >>> [text.get_text() for text in ax.get_legend().get_texts()]
        ['win-win: both gain', 'both lose']
        >>> plt.close(ax.figure)
    """
    if not isinstance(ecosystem, Ecosystem):
        raise ValidationError("ecosystem", ecosystem, "an Ecosystem")
    if not isinstance(per_member, bool):
        raise ValidationError("per_member", per_member, "True or False")
    values = firm_value(ecosystem, timing=timing, horizon=horizon, organisation=organisation)
    benefits = net_benefit(ecosystem)
    ax = axes_for(ax, "win_win_scatter", size=(9.0, 7.0))

    import math
    import textwrap

    points: dict[str, list[tuple[float, float, float, str]]] = {}
    for customer in ecosystem.customers:
        value, benefit = values[customer.id], benefits[customer.id]
        if per_member:
            value, benefit = value.per_member(), benefit.per_member()
        x, y = value.total + 0.0, benefit.net + 0.0
        size = 60.0 * (1.0 + 0.6 * math.log10(max(customer.count, 1)))
        points.setdefault(_quadrant(x, y), []).append((x, y, size, customer.id))

    every = [(x, y) for found in points.values() for x, y, _, _ in found]
    xs = [0.0, *(x for x, _ in every)]
    ys = [0.0, *(y for _, y in every)]
    reach_x = max(abs(v) for v in xs) or 1.0
    reach_y = max(abs(v) for v in ys) or 1.0
    # Both axes reach past zero on each side, so every quadrant shows.
    left, right = min(min(xs), -0.35 * reach_x), max(max(xs), 0.35 * reach_x)
    bottom, top = min(min(ys), -0.35 * reach_y), max(max(ys), 0.35 * reach_y)
    pad_x, pad_y = 0.12 * (right - left), 0.12 * (top - bottom)
    left, right, bottom, top = left - pad_x, right + pad_x, bottom - pad_y, top + pad_y

    ax.fill_between([0.0, right], 0.0, top, color=_WIN, alpha=0.10, linewidth=0, zorder=0)
    ax.fill_between([left, 0.0], bottom, 0.0, color=_LOSS, alpha=0.08, linewidth=0, zorder=0)
    ax.axhline(0.0, color=INK, linewidth=0.8, zorder=1)
    ax.axvline(0.0, color=INK, linewidth=0.8, zorder=1)
    corners = {
        "win-win": (right, top, "right", "top", _WIN),
        "customer": (left, top, "left", "top", GREY),
        "organisation": (right, bottom, "right", "bottom", GREY),
        "neither": (left, bottom, "left", "bottom", _LOSS),
    }
    for quadrant, (x, y, ha, va, colour) in corners.items():
        ax.annotate(
            textwrap.fill(QUADRANT_WORDS[quadrant], 24),
            (x, y),
            xytext=(-6 if ha == "right" else 6, -6 if va == "top" else 6),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=9,
            multialignment=ha,
            color=INK if quadrant == "win-win" else colour,
            fontweight="bold" if quadrant == "win-win" else "normal",
        )
    colours = {"win-win": _WIN, "customer": PALETTE["sky"], "organisation": PALETTE["orange"]}
    for quadrant in QUADRANT_WORDS:
        found = points.get(quadrant)
        if not found:
            continue
        ax.scatter(
            [x for x, _, _, _ in found],
            [y for _, y, _, _ in found],
            s=[size for _, _, size, _ in found],
            color=colours.get(quadrant, _LOSS),
            edgecolors=INK,
            linewidths=0.7,
            label=QUADRANT_WORDS[quadrant],
            zorder=3,
        )
        for x, y, _, name in found:
            ax.annotate(
                name,
                (x, y),
                xytext=(7, 5),
                textcoords="offset points",
                fontsize=9,
                color=INK,
                zorder=4,
            )

    from matplotlib.ticker import FuncFormatter

    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda number, _: money(number + 0.0)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda number, _: money(number + 0.0)))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    periods = len(net_value_flows(ecosystem).periods)
    whom = "per member" if per_member else "per customer or segment"
    span = "" if horizon is None else f", {horizon} periods"
    ax.set_xlabel(
        f"firm value it brings to {values.organisation} ({whom}; lifetime value, "
        f"timing {timing!r}{span})"
    )
    ax.set_ylabel(
        f"customer net benefit ({whom}; over the {periods} period"
        f"{'s' if periods != 1 else ''} modelled)"
    )
    ax.set_title(f"{ecosystem.name or 'Ecosystem'}: who gains, customer by customer")
    if points:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    return ax
