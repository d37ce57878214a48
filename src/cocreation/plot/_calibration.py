"""The holdout check of a model of repeat buying: predicted against actual purchases."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from cocreation.errors import ValidationError
from cocreation.estimate import Calibration
from cocreation.plot._common import INK, PALETTE, axes_for

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["holdout_calibration"]


def holdout_calibration(calibration: Calibration, *, ax: Axes | None = None) -> Axes:
    """Draw a model's expected purchases in the holdout period against the actual ones.

    One line of actual and one of predicted mean purchases per customer in the
    holdout, by the customers' repeat purchases in the calibration period (Fader,
    Hardie & Lee 2005, fig. 4); each group's size is written under its tick. A model
    that describes the customers well keeps the two lines together.

    Args:
        calibration: The table from [`cocreation.estimate.calibration`][cocreation.estimate.calibration].
        ax: The axes to draw on (default: the axes of a new figure).

    Returns:
        The axes drawn on.

    Raises:
        ValidationError: Not a calibration table.
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> from cocreation import estimate
        >>> from cocreation.plot import holdout_calibration
        >>> model = estimate.BGNBD.of(r=0.5, alpha=4.0, a=0.8, b=2.5, unit="week")
        >>> sample = estimate.simulate_customers(model, age=[39.0] * 500, seed=4, holdout=39.0)
        >>> ax = holdout_calibration(estimate.calibration(sample, model))
        >>> [line.get_label() for line in ax.get_lines()]
        ['actual', 'model']
    """
    if not isinstance(calibration, Calibration):
        raise ValidationError(
            "calibration",
            type(calibration).__name__,
            "a table from cocreation.estimate.calibration",
        )
    ax = axes_for(ax, "holdout_calibration", size=(7.0, 4.5))
    xs = list(range(len(calibration.frequency)))
    ax.plot(
        xs,
        calibration.actual,
        color=INK,
        marker="o",
        linewidth=1.6,
        label="actual",
    )
    ax.plot(
        xs,
        calibration.predicted,
        color=PALETTE["vermillion"],
        marker="s",
        linestyle="--",
        linewidth=1.6,
        label="model",
    )
    names = [
        f"{label}\n({count:,})"
        for label, count in zip(calibration.labels(), calibration.customers, strict=True)
    ]
    ax.set_xticks(xs, names, fontsize=9)
    unit = calibration.unit.value
    length = calibration.holdout_length
    shown = f"{length:g}" if math.isclose(length, round(length)) else f"{length:.1f}"
    ax.set_xlabel("repeat purchases in the calibration period (customers)")
    ax.set_ylabel(f"purchases per customer in the next {shown} {unit}s")
    ax.set_ylim(bottom=0.0)
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title("Holdout check: expected against actual repeat purchases")
    ax.legend(frameon=False, fontsize=9, loc="upper left")
    return ax
