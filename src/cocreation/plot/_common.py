"""What the plots share: loading matplotlib on demand, new axes, colours and number formats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cocreation._optional import require

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["GREY", "INK", "PALETTE", "axes_for", "money", "pyplot"]

# The colour-blind-safe palette of Okabe & Ito (2008).
PALETTE: Final = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
"""The colours every plot of the package draws with."""

INK: Final = "#333333"
"""Text and outlines."""

GREY: Final = "#9A9A9A"
"""Structure and neutral marks."""


def pyplot(feature: str) -> None:
    """Make sure ``matplotlib.pyplot`` can be imported, or name the extra that installs it.

    Raises:
        MissingExtraError: matplotlib is not installed.
    """
    require("matplotlib.pyplot", "plot", feature)


def axes_for(ax: Axes | None, feature: str, *, size: tuple[float, float]) -> Axes:
    """The axes to draw on: ``ax`` itself, or the axes of a new figure of this size.

    Raises:
        MissingExtraError: matplotlib is not installed.
    """
    pyplot(feature)
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def money(amount: float) -> str:
    """A short label for an amount of money: ``40.9k``, ``1.25M``, ``-300``, ``7.50``.

    Examples:
        >>> [money(x) for x in (40875.0, -10000.0, 1_250_000.0, 300.0, 7.5, 0.0)]
        ['40.9k', '-10.0k', '1.25M', '300', '7.50', '0']
    """
    size = abs(amount)
    if size >= 1e6:
        return f"{amount / 1e6:.2f}M"
    if size >= 1e4:
        return f"{amount / 1e3:.1f}k"
    if size >= 10 or size == 0:
        return f"{amount:,.0f}"
    return f"{amount:.2f}"
