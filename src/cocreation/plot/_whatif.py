"""Pictures of what-if analyses: sweeps, tornadoes, sensitivity indices, Monte Carlo intervals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from cocreation.analysis import MonteCarlo, Sensitivity, Sweep
from cocreation.errors import ValidationError
from cocreation.plot._common import GREY, INK, PALETTE, axes_for, money

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "MEASURE_WORDS",
    "sensitivity_bars",
    "sweep_lines",
    "tornado_chart",
    "uncertainty_intervals",
]

MEASURE_WORDS: Final = {
    "net_value_flow": "net value flow",
    "net_benefit": "net benefit",
    "firm_value": "firm value",
    "total_value_created": "total value created",
    "win_win": "win-win",
}
"""How the pictures name each measure.

Examples:
    >>> MEASURE_WORDS["net_value_flow"]
    'net value flow'
"""

# Lines in the palette's order of contrast on white: yellow last.
_LINES: Final = tuple(
    PALETTE[name] for name in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow")
)
_STYLES: Final = ("-", "--", "-.", ":")


def _tidy(ax: Axes, axis: str = "y") -> None:
    ax.grid(axis=axis, color="#E5E5E5", linewidth=0.6)  # type: ignore[arg-type]
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _money_axis(ax: Axes, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda value, _: money(value)))


def sweep_lines(
    sweep: Sweep,
    *,
    measure: str = "net_value_flow",
    parameter: str | None = None,
    at: Mapping[str, float] | None = None,
    actors: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw a measure against one swept number: a line per actor, where the ecosystem is win-win shaded.

    With several numbers swept as a grid, the others stay at the values in ``at``
    (by default, each at its first value); swept with ``zip=True``, they move along.
    Zero is marked; the points where every actor gains (``win_win``, if measured) are
    shaded, and for net value flows the total value created is drawn dashed.

    Needs the ``plot`` extra (``pip install 'cocreation[plot]'``).

    Args:
        sweep: A sweep from [`cocreation.sweep`][cocreation.sweep].
        measure: The measure to draw (see [`MEASURES`][cocreation.accounting.MEASURES]).
        parameter: The address on the horizontal axis (default: the first swept).
        at: The values of the other addresses swept as a grid.
        actors: Which actors (or customers) to draw (default: all of them).
        ax: The axes to draw on (default: a new figure).

    Returns:
        The axes drawn on, one line per actor (``label`` the actor's id).

    Raises:
        ValidationError: Not a sweep, a measure or address it does not have, or no
            point at the values of ``at``.
        UnknownIdError: An actor it does not show.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> import cocreation as cc
        >>> from cocreation.plot import sweep_lines
        >>> eco = cc.example_ecosystem()
        >>> result = cc.sweep(eco, {"business-internet.price": [800.0, 1000.0, 1200.0, 1400.0]})
        >>> ax = sweep_lines(result, actors=["alpine-telecom", "small-businesses"])
        >>> [line.get_label() for line in ax.get_lines()][:3]
        ['alpine-telecom', 'small-businesses', 'total value created']
        >>> plt.close(ax.figure)
    """
    import numpy as np

    if not isinstance(sweep, Sweep):
        raise ValidationError("sweep", sweep, "a Sweep from cocreation.sweep")
    chosen = sweep.parameters[0] if parameter is None else parameter
    xs = sweep.values(chosen)
    keep = np.ones(len(sweep), dtype=np.bool_)
    fixed = dict(at or {})
    for address in sweep.parameters:
        if address == chosen:
            continue
        others = sweep.values(address)
        if address not in fixed and np.unique(others).size == np.unique(xs).size == len(sweep):
            continue  # paired with the chosen address: it moves along
        keep &= others == fixed.get(address, others[0])
    if not keep.any():
        raise ValidationError("at", fixed, "values of the other addresses that the sweep has")
    order = np.argsort(xs[keep], kind="stable")
    rows = np.flatnonzero(keep)[order]
    ax = axes_for(ax, "sweep_lines", size=(8.5, 5.0))
    values = sweep.measure(measure)
    if values.ndim == 1:
        series = [(MEASURE_WORDS.get(measure, measure), values)]
    else:
        ids = sweep.customers if measure in ("net_benefit", "firm_value") else sweep.actors
        wanted = list(ids) if actors is None else list(actors)
        series = [(actor, sweep.measure(measure, actor)) for actor in wanted]
    for number, (label, ys) in enumerate(series):
        ax.plot(
            xs[rows],
            ys[rows],
            color=_LINES[number % len(_LINES)],
            linestyle=_STYLES[(number // len(_LINES)) % len(_STYLES)],
            linewidth=1.8,
            marker="o" if len(rows) <= 12 else None,
            markersize=3.5,
            label=label,
        )
    if measure == "net_value_flow" and "total_value_created" in sweep.measures:
        ax.plot(
            xs[rows],
            sweep.measure("total_value_created")[rows],
            color=INK,
            linestyle="--",
            linewidth=1.4,
            label=MEASURE_WORDS["total_value_created"],
        )
    ax.axhline(0.0, color=INK, linewidth=0.8)
    if "win_win" in sweep.measures and len(rows) > 1:
        gains = sweep.measure("win_win")[rows].astype(bool)
        steps = np.diff(xs[rows])
        edges = np.concatenate(
            [
                [xs[rows][0] - steps[0] / 2],
                xs[rows][:-1] + steps / 2,
                [xs[rows][-1] + steps[-1] / 2],
            ]
        )
        for shaded, point in enumerate(np.flatnonzero(gains).tolist()):
            ax.axvspan(
                edges[point],
                edges[point + 1],
                color=PALETTE["green"],
                alpha=0.08,
                linewidth=0,
                label="everyone gains" if shaded == 0 else None,
            )
    ax.set_xlabel(chosen)
    ax.set_ylabel(MEASURE_WORDS.get(measure, measure))
    _money_axis(ax)
    _tidy(ax)
    held = [
        f"{address} = {sweep.values(address)[rows[0]]:,g}"
        for address in sweep.parameters
        if address != chosen and np.unique(sweep.values(address)[rows]).size == 1
    ]
    title = f"{MEASURE_WORDS.get(measure, measure).capitalize()} against {chosen}"
    ax.set_title(title + (f"\n({', '.join(held)})" if held else ""))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
    return ax


def _checked(sensitivity: Sensitivity, methods: Sequence[str]) -> None:
    if not isinstance(sensitivity, Sensitivity) or sensitivity.method not in methods:
        raise ValidationError(
            "sensitivity", sensitivity, f"a Sensitivity of method {' or '.join(map(repr, methods))}"
        )


def _label(sensitivity: Sensitivity, label: str | None) -> tuple[int, str]:
    if label is None:
        if len(sensitivity.labels) != 1:
            raise ValidationError("label", None, f"one of {list(sensitivity.labels)}")
        return 0, sensitivity.labels[0]
    if label not in sensitivity.labels:
        raise ValidationError("label", label, f"one of {list(sensitivity.labels)}")
    return sensitivity.labels.index(label), label


def _output_words(sensitivity: Sensitivity, label: str) -> str:
    words = MEASURE_WORDS.get(sensitivity.measure, sensitivity.measure)
    return words if label == sensitivity.measure else f"{words} of {label}"


def tornado_chart(
    sensitivity: Sensitivity, *, label: str | None = None, ax: Axes | None = None
) -> Axes:
    r"""Draw a tornado: each input's swing of an output, from one end of its range to the other.

    One horizontal pair of bars per input, the widest swing on top: from the output
    at the ecosystem's own values (the vertical line) to the output with the input
    at its low end, and to the output with it at its high end.

    Needs the ``plot`` extra (``pip install 'cocreation[plot]'``).

    Args:
        sensitivity: A one-at-a-time analysis from [`cocreation.sensitivity`][cocreation.sensitivity].
        label: The output to draw (an actor's id), where there are several.
        ax: The axes to draw on (default: a new figure).

    Returns:
        The axes drawn on: two bar containers, the low ends' and the high ends'.

    Raises:
        ValidationError: Not a one-at-a-time analysis, or no such output.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> import cocreation as cc
        >>> from cocreation.plot import tornado_chart
        >>> result = cc.sensitivity(
        ...     cc.example_ecosystem(),
        ...     {"business-internet.price": (1000.0, 1400.0), "cloud.fixed_cost": (3000.0, 5000.0)},
        ...     method="one_at_a_time",
        ...     output=("net_value_flow", "alpine-telecom"),
        ... )
        >>> ax = tornado_chart(result)
        >>> [tick.get_text() for tick in ax.get_yticklabels()]
        ['cloud.fixed_cost\n3,000 to 5,000', 'business-internet.price\n1,000 to 1,400']
        >>> plt.close(ax.figure)
    """
    import numpy as np

    _checked(sensitivity, ("one_at_a_time",))
    row, chosen = _label(sensitivity, label)
    assert sensitivity.base is not None
    assert sensitivity.ends is not None
    base = float(sensitivity.base[row])
    low = sensitivity.indices["output_low"][row]
    high = sensitivity.indices["output_high"][row]
    order = np.argsort(sensitivity.indices["swing"][row], kind="stable")  # widest on top
    ax = axes_for(ax, "tornado_chart", size=(8.5, 1.2 + 0.55 * len(order)))
    ys = np.arange(len(order))
    for ends, colour, words in (
        (low, PALETTE["sky"], "input at its low end"),
        (high, PALETTE["orange"], "input at its high end"),
    ):
        ax.barh(
            ys,
            ends[order] - base,
            left=base,
            height=0.6,
            color=colour,
            edgecolor=INK,
            linewidth=0.5,
            label=words,
        )
    ax.axvline(base, color=INK, linewidth=1.0)
    names = [
        f"{sensitivity.parameters[i]}\n"
        f"{sensitivity.ends[0, i]:,.{_digits(sensitivity.ends[:, i])}f} to "
        f"{sensitivity.ends[1, i]:,.{_digits(sensitivity.ends[:, i])}f}"
        for i in order
    ]
    ax.set_yticks(ys, names, fontsize=9)
    ax.set_xlabel(
        f"{_output_words(sensitivity, chosen)} (at the ecosystem's values: {money(base)})"
    )
    _money_axis(ax, "x")
    _tidy(ax, "x")
    ax.set_title(f"What swings the {_output_words(sensitivity, chosen)}")
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    return ax


def _digits(values: Any) -> int:
    """Decimals enough to tell the two ends apart."""
    import numpy as np

    span = float(np.ptp(values)) or 1.0
    return 0 if span >= 10 else (2 if span >= 0.1 else 3)


def sensitivity_bars(
    sensitivity: Sensitivity, *, label: str | None = None, ax: Axes | None = None
) -> Axes:
    """Draw each input's sensitivity index for an output, the most influential on top.

    Sobol: the first-order index (what the input explains alone) and the total index
    (alone and with the others) with their bootstrap intervals; the gap between them
    is what the input explains with others. Morris: ``mu*``, the mean absolute
    elementary effect, and ``sigma``, their spread (non-linearity or interactions).

    Needs the ``plot`` extra (``pip install 'cocreation[plot]'``).

    Args:
        sensitivity: A Sobol or Morris analysis from [`cocreation.sensitivity`][cocreation.sensitivity].
        label: The output to draw (an actor's id), where there are several.
        ax: The axes to draw on (default: a new figure).

    Returns:
        The axes drawn on: two bar containers.

    Raises:
        ValidationError: Not a Sobol or Morris analysis, or no such output.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> import cocreation as cc
        >>> from cocreation.plot import sensitivity_bars
        >>> result = cc.sensitivity(
        ...     cc.example_ecosystem(),
        ...     {"cloud.fixed_cost": (0.0, 1000.0), "portal.fixed_cost": (0.0, 2000.0)},
        ...     samples=256, seed=1, resamples=50,
        ... )
        >>> ax = sensitivity_bars(result)
        >>> [bars.get_label() for bars in ax.containers if hasattr(bars, "patches")]
        ['first order', 'total']
        >>> plt.close(ax.figure)
    """
    import numpy as np

    _checked(sensitivity, ("sobol", "morris"))
    row, chosen = _label(sensitivity, label)
    figures = sensitivity.indices
    key = sensitivity.key
    order = np.argsort(np.nan_to_num(figures[key][row], nan=-1.0), kind="stable")
    ax = axes_for(ax, "sensitivity_bars", size=(8.5, 1.2 + 0.6 * len(order)))
    ys = np.arange(len(order))
    if sensitivity.method == "sobol":
        pairs = (
            ("first_order", "first order", PALETTE["sky"]),
            ("total_order", "total", PALETTE["blue"]),
        )
    else:
        pairs = (("mu_star", "mu*", PALETTE["blue"]), ("sigma", "sigma", PALETTE["orange"]))
    for offset, (name, words, colour) in zip((0.2, -0.2), pairs, strict=True):
        values = figures[name][row][order]
        errors = None
        if f"{name}_low" in figures:
            low, high = figures[f"{name}_low"][row][order], figures[f"{name}_high"][row][order]
            errors = np.vstack([np.maximum(values - low, 0.0), np.maximum(high - values, 0.0)])
        ax.barh(
            ys + offset,
            np.nan_to_num(values),
            height=0.38,
            color=colour,
            edgecolor=INK,
            linewidth=0.5,
            xerr=None if errors is None else np.nan_to_num(errors),
            error_kw={"ecolor": INK, "elinewidth": 0.8, "capsize": 2},
            label=words,
        )
    ax.set_yticks(ys, [sensitivity.parameters[i] for i in order], fontsize=9)
    output = _output_words(sensitivity, chosen)
    if sensitivity.method == "sobol":
        ax.set_xlabel(f"share of the variance of the {output}")
        ax.set_xlim(0.0, max(1.0, float(np.nanmax(figures["total_order_high"][row], initial=1.0))))
        title = f"Sobol indices of the {output} ({sensitivity.runs:,} runs)"
    else:
        ax.set_xlabel(f"{output} per full range of the input")
        _money_axis(ax, "x")
        title = f"Morris elementary effects on the {output} ({sensitivity.runs:,} runs)"
    ax.axvline(0.0, color=GREY, linewidth=0.8)
    _tidy(ax, "x")
    ax.set_title(title)
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    return ax


def uncertainty_intervals(
    monte_carlo: MonteCarlo, *, labels: Sequence[str] | None = None, ax: Axes | None = None
) -> Axes:
    """Draw each actor's figure over the Monte Carlo runs: median, 50% and 90% intervals, mean.

    One row per actor (or output): a thin line from the 5% to the 95% quantile, a
    thick one from 25% to 75%, a dot at the median and a diamond at the mean; zero
    is marked, and each row says how often the actor loses. The title gives how
    often the whole ecosystem is win-win.

    Needs the ``plot`` extra (``pip install 'cocreation[plot]'``).

    Args:
        monte_carlo: A Monte Carlo analysis from [`cocreation.monte_carlo`][cocreation.monte_carlo].
        labels: Which outputs to draw (default: all), top to bottom.
        ax: The axes to draw on (default: a new figure).

    Returns:
        The axes drawn on.

    Raises:
        ValidationError: Not a Monte Carlo analysis, or an output it does not have.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> import cocreation as cc
        >>> result = cc.monte_carlo(cc.example_ecosystem(), {"cloud.fixed_cost": (3000.0, 9000.0)},
        ...                         runs=500, seed=1)
        >>> from cocreation.plot import uncertainty_intervals
        >>> ax = uncertainty_intervals(result, labels=["cloud", "alpine-telecom"])
        >>> [tick.get_text() for tick in ax.get_yticklabels()]  # top to bottom
        ['cloud', 'alpine-telecom']
        >>> plt.close(ax.figure)
    """
    import numpy as np

    if not isinstance(monte_carlo, MonteCarlo):
        raise ValidationError(
            "monte_carlo", monte_carlo, "a MonteCarlo from cocreation.monte_carlo"
        )
    chosen = list(monte_carlo.labels if labels is None else labels)
    for label in chosen:
        if label not in monte_carlo.labels:
            raise ValidationError("labels", label, f"one of {list(monte_carlo.labels)}")
    ax = axes_for(ax, "uncertainty_intervals", size=(8.5, 1.3 + 0.5 * len(chosen)))
    found = monte_carlo.quantiles([0.05, 0.25, 0.5, 0.75, 0.95])
    means = monte_carlo.mean()
    losses = monte_carlo.probability_of_loss()
    ys = np.arange(len(chosen))[::-1]
    for y, label in zip(ys, chosen, strict=True):
        q5, q25, q50, q75, q95 = found[label]
        ax.hlines(y, q5, q95, color=PALETTE["blue"], linewidth=1.2)
        ax.hlines(y, q25, q75, color=PALETTE["blue"], linewidth=6.0, alpha=0.55)
        ax.plot([q50], [y], "o", color=INK, markersize=4.5)
        ax.plot(
            [means[label]],
            [y],
            "D",
            markerfacecolor="none",
            markeredgecolor=PALETTE["vermillion"],
            markeredgewidth=1.4,
            markersize=6.5,
        )
        ax.annotate(
            f"loses in {losses[label]:.0%}",
            xy=(1.0, y),
            xycoords=("axes fraction", "data"),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color=INK if losses[label] == 0 else PALETTE["vermillion"],
        )
    ax.axvline(0.0, color=INK, linewidth=0.8)
    ax.set_yticks(ys, chosen, fontsize=9)
    ax.set_ylim(-0.7, len(chosen) - 0.3)
    ax.set_xlabel(
        f"{MEASURE_WORDS.get(monte_carlo.measure, monte_carlo.measure)}: 90% and 50% of the runs,"
        " median (dot) and mean (diamond)"
    )
    _money_axis(ax, "x")
    _tidy(ax, "x")
    share = monte_carlo.probability_win_win
    tail = "" if share != share else f": everyone gains in {share:.0%} of them"
    words = MEASURE_WORDS.get(monte_carlo.measure, monte_carlo.measure).capitalize()
    ax.set_title(f"{words} over {len(monte_carlo):,} runs{tail}")
    return ax
