"""Waterfalls of a customer's value: firm value line by line, beside its net benefit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from cocreation.accounting import FirmValue, NetBenefit
from cocreation.errors import ValidationError
from cocreation.plot._common import GREY, INK, PALETTE, axes_for, money

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["LINE_WORDS", "value_waterfall"]

LINE_WORDS: Final[Mapping[str, str]] = {
    "lifetime_value": "lifetime",
    "referral_value": "referral",
    "influence_value": "influence",
    "knowledge_value": "knowledge",
    "coproduction_savings": "co-production",
    "cocreation_cost": "co-creation cost",
    "value_in_use": "value-in-use",
    "value_received": "value received",
    "money_received": "money received",
    "money_paid": "money paid",
    "expenses": "money spent",
    "time_cost": "time",
    "effort": "effort",
    "risk": "risk",
    "psychic_cost": "psychic cost",
}
"""The words a waterfall shows for each line of a firm value or a net benefit.

Examples:
    >>> LINE_WORDS["lifetime_value"]
    'lifetime'
"""

_UP: Final = PALETTE["green"]
_DOWN: Final = PALETTE["vermillion"]
_TOTAL: Final = PALETTE["blue"]
_WIDTH: Final = 0.7


def _words(line: str) -> str:
    return LINE_WORDS.get(line, line.replace("_", " "))


def _waterfall(
    ax: Axes, start: float, lines: Sequence[tuple[str, float]], total: tuple[str, float]
) -> list[float]:
    """Draw one waterfall from x = ``start``: a bar per line, then the total from zero.

    Returns the x positions of its bars, then the lowest and the highest level it reaches.
    """
    xs = [start + number for number in range(len(lines) + 1)]
    lines = [(line, amount + 0.0) for line, amount in lines]  # -0.0 reads as 0
    bottoms: list[float] = []
    heights: list[float] = []
    running = 0.0
    for _, amount in lines:
        bottoms.append(running)
        heights.append(amount)
        running += amount
    bottoms.append(0.0)
    heights.append(total[1])
    colours = [_UP if amount >= 0 else _DOWN for _, amount in lines] + [_TOTAL]
    bars = ax.bar(
        xs, heights, bottom=bottoms, width=_WIDTH, color=colours, edgecolor=INK, linewidth=0.6
    )
    ax.bar_label(
        bars,
        labels=[money(height) for height in heights],
        label_type="edge",
        padding=2,
        fontsize=8,
        color=INK,
    )
    # Thin connectors carry the running total from one bar to the next.
    levels = [bottom + height for bottom, height in zip(bottoms, heights, strict=True)]
    for number in range(len(lines)):
        ax.hlines(
            levels[number],
            xs[number] + _WIDTH / 2,
            xs[number + 1] - _WIDTH / 2,
            colors=GREY,
            linewidth=0.8,
            linestyles=":",
        )
    return [*xs, min(0.0, *levels), max(0.0, *levels)]


def value_waterfall(
    firm_value: FirmValue, net_benefit: NetBenefit | None = None, *, ax: Axes | None = None
) -> Axes:
    """Draw a customer's firm value as a waterfall and, beside it, the customer's net benefit.

    The firm-value waterfall steps through
    [`FirmValue.lines`][cocreation.FirmValue.lines] (lifetime, referral, influence and
    knowledge value, co-production savings, minus the co-creation cost) and ends in
    the total. Given the same customer's
    [`NetBenefit`][cocreation.NetBenefit], a second waterfall on the same axes and
    scale steps through its benefits and sacrifices and ends in the net benefit: the
    organisation's and the customer's view of one relationship, side by side.
    Increases are green, decreases red, totals blue. Pass
    ``firm_value.per_member()`` and ``net_benefit.per_member()`` to show one member
    of a segment.

    Needs the ``plot`` extra (``pip install 'cocreation[plot]'``).

    Args:
        firm_value: One customer's firm value, from [`firm_value`][cocreation.firm_value].
        net_benefit: The same customer's net benefit, from
            [`net_benefit`][cocreation.net_benefit], or ``None``.
        ax: The axes to draw on (default: a new figure).

    Returns:
        The axes drawn on, with one bar container per waterfall.

    Raises:
        ValidationError: ``firm_value`` is not a firm value, or ``net_benefit`` is not a
            net benefit of the same customer.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> import cocreation as cc
        >>> from cocreation.plot import value_waterfall
        >>> eco = cc.example_ecosystem()
        >>> values = cc.firm_value(eco, timing="retained")
        >>> benefits = cc.net_benefit(eco)
        >>> ax = value_waterfall(values["alpen-logistik"], benefits["alpen-logistik"])
        >>> ax.get_title()
        'alpen-logistik: firm value to alpine-telecom and net benefit'
        >>> [len(bars) for bars in ax.containers]  # six lines + total, nine lines + net
        [7, 10]
        >>> plt.close(ax.figure)
    """
    if not isinstance(firm_value, FirmValue):
        raise ValidationError("firm_value", firm_value, "a FirmValue")
    if net_benefit is not None and (
        not isinstance(net_benefit, NetBenefit) or net_benefit.customer != firm_value.customer
    ):
        raise ValidationError(
            "net_benefit", net_benefit, f"None or the NetBenefit of {firm_value.customer!r}"
        )
    size = (11.0, 5.5) if net_benefit is not None else (7.5, 5.0)
    ax = axes_for(ax, "value_waterfall", size=size)

    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    customer, organisation = firm_value.customer, firm_value.organisation
    groups: list[tuple[str, list[tuple[str, float]], tuple[str, float]]] = [
        (
            f"firm value to {organisation}\n(lifetime value with timing {firm_value.timing!r})",
            list(firm_value.lines().items()),
            ("firm value", firm_value.total),
        )
    ]
    if net_benefit is not None:
        groups.append(
            (
                f"net benefit of {customer}\n(benefits, then sacrifices)",
                list(net_benefit.lines().items()),
                ("net benefit", net_benefit.net),
            )
        )
    ticks: list[float] = []
    names: list[str] = []
    low = high = 0.0
    start = 0.0
    for number, (heading, lines, total) in enumerate(groups):
        *xs, lowest, highest = _waterfall(ax, start, lines, total)
        low, high = min(low, lowest), max(high, highest)
        ticks.extend(xs)
        names.extend([*(_words(line) for line, _ in lines), total[0]])
        middle = (xs[0] + xs[-1]) / 2.0
        ax.text(
            middle,
            1.0,
            heading,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=9,
            color=INK,
            gid="heading",
        )
        if number:
            ax.axvline(xs[0] - 1.0, color=GREY, linewidth=0.8, linestyle="--")
        start = xs[-1] + 2.0

    ax.axhline(0.0, color=INK, linewidth=0.8)
    ax.set_xticks(ticks, names, rotation=35, ha="right", fontsize=9)
    ax.set_xlim(ticks[0] - 0.7, ticks[-1] + 0.7)
    # Room for the labels of the bars: stacked bars stop matplotlib's own margins.
    span = (high - low) or 1.0
    ax.set_ylim(low - (0.08 * span if low < 0 else 0.0), high + 0.1 * span)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.set_ylabel("money")
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    segment = f" (a segment of {firm_value.count:,})" if firm_value.count > 1 else ""
    if net_benefit is None:
        title = f"Firm value of {customer}{segment} to {organisation}"
    else:
        title = f"{customer}{segment}: firm value to {organisation} and net benefit"
    ax.set_title(title, pad=32)
    ax.legend(
        handles=[
            Patch(facecolor=_UP, edgecolor=INK, label="increase"),
            Patch(facecolor=_DOWN, edgecolor=INK, label="decrease"),
            Patch(facecolor=_TOTAL, edgecolor=INK, label="total"),
        ],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=9,
    )
    return ax
