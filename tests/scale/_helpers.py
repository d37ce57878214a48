"""Helpers shared by the scale tests: comparing frames and splitting tables into batches."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd


def assert_frames_close(bulk: pd.DataFrame, objects: pd.DataFrame, *, keys: list[str]) -> None:
    """The bulk frame has the object frame's rows (in any order) and values, up to rounding."""
    if len(objects) == 0:
        assert len(bulk) == 0
        return
    assert list(bulk.columns)[: len(objects.columns)] == list(objects.columns)
    left = bulk.sort_values(keys, key=lambda s: s.astype(str)).reset_index(drop=True)
    right = objects.sort_values(keys, key=lambda s: s.astype(str)).reset_index(drop=True)
    assert len(left) == len(right)
    for column in objects.columns:
        for a, b in zip(left[column], right[column], strict=True):
            if pd.isna(a) or pd.isna(b):
                assert pd.isna(a), (column, a, b)
                assert pd.isna(b), (column, a, b)
            elif isinstance(b, float):
                assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6), (column, a, b)
            else:
                assert a == b, (column, a, b)


def split_tables(
    tables: dict[str, dict[str, list[Any]]], cut: int
) -> tuple[dict[str, dict[str, list[Any]]], dict[str, dict[str, list[Any]]]]:
    """Two batches: the interactions before ``cut`` and after, each with its long-table rows."""
    ids = tables["interactions"]["id"]
    first_ids = set(ids[:cut])
    batches: list[dict[str, dict[str, list[Any]]]] = [{}, {}]
    main = tables["interactions"]
    batches[0]["interactions"] = {column: values[:cut] for column, values in main.items()}
    batches[1]["interactions"] = {column: values[cut:] for column, values in main.items()}
    for name, table in tables.items():
        if name == "interactions":
            continue
        owners = table["interaction"]
        for number, wanted in enumerate((True, False)):
            keep = [(owner in first_ids) is wanted for owner in owners]
            batches[number][name] = {
                column: [value for value, k in zip(values, keep, strict=True) if k]
                for column, values in table.items()
            }
    return batches[0], batches[1]
