"""Grouping rows by integer codes, and merging the vocabularies codes point into."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cocreation._optional import require
from cocreation.tables._read import _FEATURE

if TYPE_CHECKING:
    import numpy.typing as npt

    Ints = npt.NDArray[Any]

__all__ = ["group_codes", "union_codes"]


def group_codes(columns: Sequence[tuple[Ints, int]], length: int) -> tuple[Ints, int, Ints]:
    """Group rows by several integer code columns, each with codes in ``[0, size)``.

    Dense key spaces are numbered with a bitmap of the keys present (no hashing, no
    sort); sparse ones are factorised with a hash table.

    Args:
        columns: ``(codes, size)`` for each column to group by.
        length: The number of rows.

    Returns:
        Each row's group, the number of groups and one row of each group. Groups are
        numbered in the order of their composite key.

    Examples:
        >>> import numpy as np
        >>> groups, count, first = group_codes(
        ...     [(np.array([1, 0, 1]), 2), (np.array([0, 0, 0]), 1)], 3)
        >>> groups.tolist(), count, first.tolist()
        ([1, 0, 1], 2, [1, 2])
    """
    import numpy as np

    pandas = require("pandas", "pandas", _FEATURE)
    composite = np.zeros(length, dtype=np.int64)
    space = 1
    for codes, size in columns:
        size = max(int(size), 1)
        if size > max(length, 1):
            compressed, uniques = pandas.factorize(codes)
            codes = np.asarray(compressed, dtype=np.int64)
            size = max(len(uniques), 1)
        if space * size >= 2**62:
            composite, uniques = pandas.factorize(composite)
            composite = np.asarray(composite, dtype=np.int64)
            space = max(len(uniques), 1)
        composite = composite * size + codes
        space *= size
    if space <= max(4 * length, 1 << 16):
        present = np.zeros(space, dtype=np.bool_)
        present[composite] = True
        number = np.cumsum(present, dtype=np.int64) - 1
        groups = number[composite]
        count = int(number[-1]) + 1 if space else 0
    else:
        codes, uniques = pandas.factorize(composite)
        groups = np.asarray(codes, dtype=np.int64)
        count = len(uniques)
    del composite
    narrow = np.int32 if length < 2**31 - 1 else np.int64
    representative = np.empty(count, dtype=narrow)
    representative[groups] = np.arange(length, dtype=narrow)
    return groups.astype(narrow, copy=False), count, representative


def union_codes(parts: Sequence[tuple[tuple[Any, ...], Ints]]) -> tuple[tuple[Any, ...], Ints]:
    """One vocabulary for several, and the codes of each part re-mapped into it.

    Examples:
        >>> import numpy as np
        >>> union_codes([(("a", "b"), np.array([1])), (("b", "c"), np.array([1, 0]))])
        (('a', 'b', 'c'), array([1, 2, 1]))
    """
    import numpy as np

    first = parts[0][0]
    if all(vocab is first or vocab == first for vocab, _ in parts):
        return first, np.concatenate([codes for _, codes in parts])
    merged: dict[Any, int] = {}
    for vocab, _ in parts:
        for item in vocab:
            merged.setdefault(item, len(merged))
    remapped = [
        np.array([merged[item] for item in vocab], dtype=np.int64)[codes] if len(codes) else codes
        for vocab, codes in parts
    ]
    return tuple(merged), np.concatenate(remapped)
