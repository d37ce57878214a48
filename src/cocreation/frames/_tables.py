"""Interactions as pandas DataFrames in the bulk path's table layout."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from cocreation._optional import require
from cocreation.ecosystem import Ecosystem
from cocreation.model import Interaction
from cocreation.tables import interactions_to_tables

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["interaction_frames"]

_NUMBERS = frozenset(
    {
        "units",
        "occurrences",
        "personalisation",
        "effort",
        "risk_probability",
        "risk_loss",
        "psychic_cost",
        "amount",
    }
)
_DART = ("dart_dialogue", "dart_access", "dart_risk_benefits", "dart_transparency")


def interaction_frames(source: Ecosystem | Iterable[Interaction]) -> dict[str, pd.DataFrame]:
    """Interactions as the bulk path's tables, one pandas DataFrame per table.

    The tables of [`interactions_to_tables`][cocreation.tables.interactions_to_tables]
    with explicit dtypes, so that they write to Parquet and CSV as they are: ids and
    labels as strings (missing values as ``None``), amounts as ``float64``, DART
    scores as nullable ``Float64``, periods as ``int64``, ``recurring`` as ``bool``.

    Args:
        source: An ecosystem (its interactions) or any interactions.

    Returns:
        ``{"interactions": ..., "transfers": ..., "achievements": ...,
        "contributions": ..., "modules": ...}``.

    Raises:
        MissingExtraError: pandas is not installed.

    Examples:
        >>> import cocreation as cc
        >>> frames = interaction_frames(cc.example_ecosystem())
        >>> frames["interactions"]["period"].dtype.name, frames["transfers"]["amount"].dtype.name
        ('int64', 'float64')
    """
    pandas = require("pandas", "pandas", "interaction_frames")
    tables = interactions_to_tables(source)
    frames: dict[str, pd.DataFrame] = {}
    for name, columns in tables.items():
        data = {}
        for column, values in columns.items():
            if column in _DART:
                data[column] = pandas.array(values, dtype="Float64")
            elif column == "period":
                data[column] = pandas.array(values, dtype="int64")
            elif column == "recurring":
                data[column] = pandas.array(values, dtype="bool")
            elif column in _NUMBERS or (name == "achievements" and column == "level"):
                data[column] = pandas.array(values, dtype="float64")
            else:
                data[column] = pandas.array(values, dtype=object)
        frames[name] = pandas.DataFrame(data)
    return frames
