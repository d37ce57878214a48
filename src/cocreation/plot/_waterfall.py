"""Waterfalls of a customer's value: firm value line by line, beside its net benefit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from cocreation.accounting import FirmValue, NetBenefit
from cocreation.errors import ValidationError
from cocreation.plot._common import GREY, INK, PALETTE, axes_for, money, pyplot

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["LINE_WORDS", "value_waterfall"]

LINE_WORDS: Final[Mapping[str, str]] = {
    "lifetime_value": "lifetime",
    "referral_value": "referral",
    "influence_value": "influence",
    "knowledge_value": "knowledge",
    "coproduction_savings": "co-production",
    "design_cost": "design cost",
    "production_cost": "production cost",
    "referral_cost": "referral cost",
    "support_cost": "support cost",
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


def _horizon_words(firm_value: FirmValue, horizon: int | None) -> str:
    span = f", over {horizon} period{'s' if horizon != 1 else ''}" if horizon is not None else ""
    return f"lifetime value, timing {firm_value.timing!r}{span}"


def _period_words(periods: int | None) -> str:
    if periods is None:
        return "over the periods modelled"
    return f"over the {periods} period{'s' if periods != 1 else ''} modelled"


def _style(ax: Axes, ticks: list[float], names: list[str], low: float, high: float) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.axhline(0.0, color=INK, linewidth=0.8)
    ax.set_xticks(ticks, names, rotation=35, ha="right", fontsize=9)
    ax.set_xlim(ticks[0] - 0.7, ticks[-1] + 0.7)
    # Room for the labels of the bars: stacked bars stop matplotlib's own margins.
    span = (high - low) or 1.0
    ax.set_ylim(low - (0.08 * span if low < 0 else 0.0), high + 0.1 * span)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value + 0.0:,.0f}"))
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _one(
    ax: Axes,
    lines: list[tuple[str, float]],
    total: tuple[str, float],
    heading: str,
    ylabel: str,
) -> None:
    *xs, low, high = _waterfall(ax, 0.0, lines, total)
    _style(ax, xs, [*(_words(line) for line, _ in lines), total[0]], low, high)
    ax.set_ylabel(ylabel)
    ax.set_title(heading, fontsize=9, color=INK, gid="heading")


def _axes_pair(ax: object) -> tuple[Axes, Axes] | None:
    from matplotlib.axes import Axes

    if isinstance(ax, tuple | list) and len(ax) == 2 and all(isinstance(a, Axes) for a in ax):
        return ax[0], ax[1]
    return None


def value_waterfall(
    firm_value: FirmValue,
    net_benefit: NetBenefit | None = None,
    *,
    ax: Axes | tuple[Axes, Axes] | None = None,
    periods: int | None = None,
    horizon: int | None = None,
) -> Axes:
    """Draw a customer's firm value as a waterfall and, beside it, the customer's net benefit.

    The firm-value waterfall steps through
    [`FirmValue.lines`][cocreation.FirmValue.lines] (lifetime, referral, influence and
    knowledge value, co-production savings, minus the co-creation cost) and ends in
    the total. Given the same customer's [`NetBenefit`][cocreation.NetBenefit], a
    second waterfall steps through its benefits and sacrifices and ends in the net
    benefit: the organisation's and the customer's view of one relationship. The two
    cover different horizons (firm value a lifetime, net benefit the periods
    modelled), so each has axes and a scale of its own, and its heading says which
    horizon it covers. Increases are green, decreases red, totals blue. Pass
    ``firm_value.per_member()`` and ``net_benefit.per_member()`` to show one member
    of a segment.

    Needs the ``plot`` extra (``pip install 'cocreation[plot]'``).

    Args:
        firm_value: One customer's firm value, from [`firm_value`][cocreation.firm_value].
        net_benefit: The same customer's net benefit, from
            [`net_benefit`][cocreation.net_benefit], or ``None``.
        ax: The axes to draw on: one for the firm value alone, a pair (firm value, net
            benefit) with a net benefit (default: a new figure).
        periods: How many periods the net benefit covers, for its heading (default:
            "the periods modelled").
        horizon: The lifetime horizon of the firm value in periods, as given to
            ``firm_value``, for its heading (default: none named).

    Returns:
        The axes of the firm value, with one bar container; with a net benefit, the
        axes of the net benefit is the other of the pair (for a new figure,
        ``ax.get_figure(root=True).axes[1]``).

    Raises:
        ValidationError: ``firm_value`` is not a firm value, ``net_benefit`` is not a
            net benefit of the same customer, or ``ax`` is not one axes (without a
            net benefit) or a pair of axes (with one).
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
        >>> ax = value_waterfall(values["alpen-logistik"], benefits["alpen-logistik"], periods=2)
        >>> ax.get_figure(root=True).get_suptitle()
        'alpen-logistik: firm value to alpine-telecom and net benefit'
        >>> for axes in ax.get_figure(root=True).axes:
        ...     print(axes.get_title().replace(chr(10), " / "))
        firm value to alpine-telecom / lifetime value, timing 'retained'
        net benefit of alpen-logistik / over the 2 periods modelled
        >>> [len(axes.containers[0]) for axes in ax.get_figure(root=True).axes]
        [10, 10]
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
    for name, number in (("periods", periods), ("horizon", horizon)):
        if number is not None and (
            not isinstance(number, int) or isinstance(number, bool) or number < 1
        ):
            raise ValidationError(name, number, "None or an integer >= 1")
    pyplot("value_waterfall")

    from matplotlib.axes import Axes
    from matplotlib.patches import Patch

    customer, organisation = firm_value.customer, firm_value.organisation
    segment = f" (a segment of {firm_value.count:,})" if firm_value.count > 1 else ""
    firm_heading = f"firm value to {organisation}\n{_horizon_words(firm_value, horizon)}"
    if net_benefit is None:
        if ax is not None and not isinstance(ax, Axes):
            raise ValidationError("ax", ax, "None or one matplotlib Axes")
        firm_ax = axes_for(ax, "value_waterfall", size=(7.5, 5.0))
        legend_ax = firm_ax
        title = f"Firm value of {customer}{segment} to {organisation}"
        firm_heading = f"{title}\n{_horizon_words(firm_value, horizon)}"
    else:
        pair = _axes_pair(ax)
        if ax is not None and pair is None:
            raise ValidationError(
                "ax", ax, "None or a pair of matplotlib Axes (firm value, net benefit)"
            )
        if pair is None:
            import matplotlib.pyplot as plt

            widths = [len(firm_value.lines()) + 1, len(net_benefit.lines()) + 1]
            _, made = plt.subplots(
                1, 2, figsize=(12.0, 5.5), layout="constrained", width_ratios=widths
            )
            pair = (made[0], made[1])
        firm_ax, legend_ax = pair
        _one(
            legend_ax,
            list(net_benefit.lines().items()),
            ("net benefit", net_benefit.net),
            f"net benefit of {customer}\n{_period_words(periods)}",
            "net benefit (money)",
        )
        firm_ax.figure.suptitle(
            f"{customer}{segment}: firm value to {organisation} and net benefit"
        )
    _one(
        firm_ax,
        list(firm_value.lines().items()),
        ("firm value", firm_value.total),
        firm_heading,
        "firm value (money)",
    )
    if net_benefit is None:  # the heading is the title
        firm_ax.set_title(firm_heading, fontsize=11, color=INK, gid="heading")
    legend_ax.legend(
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
    return firm_ax
