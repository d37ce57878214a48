"""Pictures of a simulation: active members, value streams, cumulative discounted value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cocreation.accounting import Timing
from cocreation.analysis import Simulation
from cocreation.errors import UnknownIdError, ValidationError
from cocreation.plot._common import GREY, INK, PALETTE, axes_for, money

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["active_members", "cumulative_value", "value_streams"]

_COLOURS = list(PALETTE.values())


def _check(simulation: object) -> Simulation:
    if not isinstance(simulation, Simulation):
        raise ValidationError(
            "simulation", type(simulation).__name__, "a Simulation from cocreation.simulate"
        )
    return simulation


def _band(band: Sequence[float]) -> tuple[float, float]:
    values = tuple(band)
    if (
        len(values) != 2
        or not all(isinstance(v, int | float) and 0.0 <= v <= 1.0 for v in values)
        or values[0] >= values[1]
    ):
        raise ValidationError("band", band, "two quantiles low < high in [0, 1]")
    return float(values[0]), float(values[1])


def _chosen(labels: Sequence[str], chosen: Sequence[str] | None, name: str) -> list[int]:
    if chosen is None:
        return list(range(len(labels)))
    if isinstance(chosen, str):
        chosen = [chosen]
    picked = []
    for item in chosen:
        if item not in labels:
            raise UnknownIdError(name, item, f"one of {list(labels)}")
        picked.append(list(labels).index(item))
    return picked


def _drawn(ax: Axes) -> int:
    """How many labelled lines the axes hold already: the next colour to take."""
    return len(ax.get_legend_handles_labels()[1])


def _named(label: str | None, name: str) -> str:
    return name if label is None else f"{label}: {name}"


def _periods(ax: Axes, periods: int, band: tuple[float, float] | None = None) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(0, max(periods - 1, 1))
    if band is not None:
        ax.set_xlabel(f"period (lines: mean of the runs; shaded: {band[0]:.0%} to {band[1]:.0%})")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", color=GREY, alpha=0.3, linewidth=0.6)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("period")
    ax.grid(axis="y", color=GREY, alpha=0.3, linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _money_axis(ax: Axes) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: money(value)))


def active_members(
    simulation: Simulation,
    *,
    customers: Sequence[str] | None = None,
    band: Sequence[float] = (0.05, 0.95),
    label: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw each customer's active members over the periods: the mean and a band of the runs.

    Args:
        simulation: The result of [`simulate`][cocreation.simulate].
        customers: The customers to draw (default: every one).
        band: The quantiles of the runs to shade between.
        label: A name for this simulation, put before each line's label, to tell
            scenarios apart when several are drawn on the same axes.
        ax: The axes to draw on (default: the axes of a new figure); lines already
            there keep their colours and the new ones take the next.

    Returns:
        The axes drawn on.

    Raises:
        ValidationError: Not a simulation, or a band that is not two quantiles.
        UnknownIdError: A customer the simulation does not hold.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.plot import active_members
        >>> sim = cc.simulate(cc.example_ecosystem(), periods=8, runs=200, seed=1)
        >>> ax = active_members(sim, customers=["small-businesses"])
        >>> [line.get_label() for line in ax.get_lines()]
        ['small-businesses']
    """
    import numpy as np

    sim = _check(simulation)
    low, high = _band(band)
    picked = _chosen(sim.customers, customers, "customers")
    ax = axes_for(ax, "active_members", size=(7.0, 4.0))
    values = sim.values("active").astype(np.float64)
    x = np.arange(sim.periods)
    first = _drawn(ax)
    for number, c in enumerate(picked):
        colour = _COLOURS[(first + number) % len(_COLOURS)]
        runs = values[:, :, c]
        ax.fill_between(
            x,
            np.quantile(runs, low, axis=0),
            np.quantile(runs, high, axis=0),
            color=colour,
            alpha=0.2,
            linewidth=0,
        )
        ax.plot(
            x, runs.mean(axis=0), color=colour, linewidth=1.8, label=_named(label, sim.customers[c])
        )
    _periods(ax, sim.periods, (low, high))
    ax.set_ylim(bottom=0)
    ax.set_ylabel("active members")
    ax.set_title(f"Active members ({sim.runs:,} runs)", color=INK)
    ax.legend(frameon=False)
    return ax


def value_streams(
    simulation: Simulation,
    *,
    measure: str = "net_value_flow",
    actors: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw a measure's mean per period for each actor: who gains what, period by period.

    Args:
        simulation: The result of [`simulate`][cocreation.simulate].
        measure: One of [`MEASURES`][cocreation.analysis.MEASURES] other than
            ``active`` (default: the net value flow of every actor).
        actors: The actors (or customers, for a customer measure) to draw
            (default: every one).
        ax: The axes to draw on (default: the axes of a new figure).

    Returns:
        The axes drawn on.

    Raises:
        ValidationError: Not a simulation, or an unknown measure.
        UnknownIdError: An actor the measure does not hold.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.plot import value_streams
        >>> sim = cc.simulate(cc.example_ecosystem(), periods=8, runs=200, seed=1)
        >>> ax = value_streams(sim, actors=["alpine-telecom", "cloud"])
        >>> ax.get_legend_handles_labels()[1]
        ['alpine-telecom', 'cloud']
    """
    sim = _check(simulation)
    if measure == "active":
        raise ValidationError("measure", measure, "a measure of value, not 'active'")
    labels = sim.labels(measure)
    picked = _chosen(labels, actors, "actors")
    ax = axes_for(ax, "value_streams", size=(7.0, 4.0))
    mean = sim.values(measure).mean(axis=0)
    for number, a in enumerate(picked):
        ax.plot(
            range(sim.periods),
            mean[:, a],
            color=_COLOURS[number % len(_COLOURS)],
            linewidth=1.8,
            marker="o",
            markersize=3,
            label=labels[a],
        )
    ax.axhline(0.0, color=INK, linewidth=0.8)
    _periods(ax, sim.periods)
    _money_axis(ax)
    ax.set_ylabel(measure.replace("_", " ") + " per period")
    ax.set_title(f"{measure.replace('_', ' ').capitalize()}: mean of {sim.runs:,} runs", color=INK)
    ax.legend(frameon=False, fontsize="small")
    return ax


def cumulative_value(
    simulation: Simulation,
    *,
    timing: Timing,
    measure: str = "net_value_flow",
    actors: Sequence[str] | None = None,
    band: Sequence[float] = (0.05, 0.95),
    label: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw cumulative discounted value over the periods: the mean and a band of the runs.

    With ``actors=None`` one line is drawn: the sum over every actor the measure
    holds (for the net value flow, the total value created). The timing says when
    each period's flows arrive (see [`Simulation.weights`][cocreation.analysis.Simulation.weights]).

    Args:
        simulation: The result of [`simulate`][cocreation.simulate].
        timing: ``"retained"``, ``"start"`` or ``"end"`` (no default).
        measure: One of [`MEASURES`][cocreation.analysis.MEASURES] other than ``active``.
        actors: The actors (or customers) to draw one line each for, or ``None``
            for their sum.
        band: The quantiles of the runs to shade between.
        label: A name for this simulation, put before each line's label, to tell
            scenarios apart when several are drawn on the same axes.
        ax: The axes to draw on (default: the axes of a new figure); lines already
            there keep their colours and the new ones take the next.

    Returns:
        The axes drawn on.

    Raises:
        ValidationError: Not a simulation, an unknown measure or timing, or a bad band.
        UnknownIdError: An actor the measure does not hold.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.plot import cumulative_value
        >>> sim = cc.simulate(cc.example_ecosystem(), periods=8, runs=200, seed=1)
        >>> ax = cumulative_value(sim, timing="start")
        >>> ax.get_legend_handles_labels()[1]
        ['every actor']
    """
    sim = _check(simulation)
    low, high = _band(band)
    labels = sim.labels(measure)
    cumulative = sim.cumulative(measure, timing=timing)
    ax = axes_for(ax, "cumulative_value", size=(7.0, 4.0))
    series: list[tuple[str, Any]]
    if actors is None:
        series = [("every actor", cumulative.sum(axis=2))]
    else:
        series = [(labels[a], cumulative[:, :, a]) for a in _chosen(labels, actors, "actors")]
    import numpy as np

    x = np.arange(sim.periods)
    first = _drawn(ax)
    for number, (name, runs) in enumerate(series):
        colour = _COLOURS[(first + number) % len(_COLOURS)]
        ax.fill_between(
            x,
            np.quantile(runs, low, axis=0),
            np.quantile(runs, high, axis=0),
            color=colour,
            alpha=0.2,
            linewidth=0,
        )
        ax.plot(x, runs.mean(axis=0), color=colour, linewidth=1.8, label=_named(label, name))
    ax.axhline(0.0, color=INK, linewidth=0.8)
    _periods(ax, sim.periods, (low, high))
    _money_axis(ax)
    ax.set_ylabel(f"cumulative discounted {measure.replace('_', ' ')}")
    ax.set_title(f"Cumulative discounted value ({timing})", color=INK)
    ax.legend(frameon=False, fontsize="small")
    return ax
