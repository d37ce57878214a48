"""The bulk accounting on Dask: one partial ledger per partition, merged in a tree."""

from __future__ import annotations

import uuid
from typing import Any

from cocreation._optional import require
from cocreation.accounting import ColumnLedger, bulk
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError

__all__ = ["account_dask"]

_LONG = ("transfers", "achievements", "contributions", "modules")


# A partial result: the ledger, and the interaction ids of each partition it covers.
_Partial = tuple[ColumnLedger, list[tuple[int, Any]]]


def _account_partition(
    ecosystem: Ecosystem, number: int, interactions: Any, *long: Any
) -> _Partial:
    tables = {name: table for name, table in zip(_LONG, long, strict=True) if table is not None}
    ledger = bulk.account(ecosystem, interactions, **tables)
    columns = getattr(interactions, "columns", ())
    ids = [(number, interactions["id"].to_numpy())] if "id" in columns else []
    return ledger, ids


def _merge(*partials: _Partial) -> _Partial:
    """Merge partial ledgers, once no interaction id stands in two of their partitions.

    Each partition's ids are distinct (its accounting checked them); the ids of the
    partitions merged here are checked against one another, so that a tree of merges
    checks every pair of partitions once.
    """
    import numpy as np

    pandas = require("pandas", "pandas", "account_dask")
    ids = [part for _, parts in partials for part in parts]
    if len(ids) > 1:
        values = np.concatenate([np.asarray(values, dtype=object) for _, values in ids])
        repeated = np.flatnonzero(pandas.Index(values).duplicated(keep="first"))
        if len(repeated):
            value = values[repeated[0]]
            where = [
                f"partition {number} row {int(row)}"
                for number, part in ids
                for row in np.flatnonzero(np.asarray(part, dtype=object) == value)
            ]
            raise ValidationError(
                "interactions.id",
                value.item() if hasattr(value, "item") else value,
                f"an id not repeated in interactions (it is in {' and in '.join(where)})",
            )
    ledgers = [ledger for ledger, _ in partials]
    return ledgers[0].merge(*ledgers[1:]), ids


def account_dask(
    ecosystem: Ecosystem,
    interactions: Any,
    *,
    transfers: Any = None,
    achievements: Any = None,
    contributions: Any = None,
    modules: Any = None,
    split_every: int = 8,
) -> ColumnLedger:
    """Account a Dask DataFrame of interactions: one partial ledger per partition, merged.

    Each partition of ``interactions`` is accounted with
    [`cocreation.bulk.account`][cocreation.bulk.account] where it lives, into a
    partial [`ColumnLedger`][cocreation.bulk.ColumnLedger]; the partials are
    merged in a tree of at most ``split_every`` at a time. Since accounting batches
    separately and merging equals accounting them together, the result equals the
    single-machine one up to rounding. The ecosystem (actors, offerings, jobs) travels
    once to every worker.

    The computation runs on the current Dask scheduler: with a
    ``distributed.Client`` active, on its cluster.

    Long tables, if any, are Dask DataFrames *co-partitioned* with ``interactions``:
    the same number of partitions, partition ``i`` holding the rows of the
    interactions in partition ``i`` (write them partitioned by the same key). A row
    whose interaction is in another partition is reported as an unknown interaction.
    An interaction id in two partitions is reported as a repeated id, naming both;
    the ids travel with the partial ledgers to the merges that check them (a
    million string ids are some tens of MiB at the last merge).

    Args:
        ecosystem: The ecosystem the rows refer to.
        interactions: A ``dask.dataframe.DataFrame`` of interactions (see
            [`COLUMNS`][cocreation.tables.COLUMNS]).
        transfers: Co-partitioned transfers, if any.
        achievements: Co-partitioned achievements, if any.
        contributions: Co-partitioned contributions, if any.
        modules: Co-partitioned chosen modules, if any.
        split_every: How many partial ledgers to merge in one task (>= 2).

    Returns:
        The column ledger of all the interactions.

    Raises:
        ValidationError: Not a Dask DataFrame, long tables with other partitions,
            any bad value (as [`cocreation.bulk.account`][cocreation.bulk.account]
            raises it, with the row counted within its partition), or an interaction
            id in two partitions.
        UnknownIdError: A row refers to an id the ecosystem does not hold.
        MissingExtraError: Dask is not installed (``pip install 'cocreation[dask]'``).

    Examples:
        >>> import dask.dataframe as dd
        >>> import cocreation as cc
        >>> from cocreation import bulk
        >>> from cocreation.frames import account_dask, interaction_frames
        >>> eco = cc.example_ecosystem()
        >>> frames = interaction_frames(eco)
        >>> flat = frames["interactions"].drop(columns="id")  # no long tables here
        >>> ledger = account_dask(eco, dd.from_pandas(flat, npartitions=3),
        ...                       split_every=2)
        >>> ledger.isclose(bulk.account(eco, flat))
        True
    """
    dask = require("dask", "dask", "account_dask")
    dataframe = require("dask.dataframe", "dask", "account_dask")
    if not isinstance(ecosystem, Ecosystem):
        raise ValidationError("ecosystem", ecosystem, "an Ecosystem")
    if not isinstance(interactions, dataframe.DataFrame):
        raise ValidationError("interactions", interactions, "a dask.dataframe.DataFrame")
    if isinstance(split_every, bool) or not isinstance(split_every, int) or split_every < 2:
        raise ValidationError("split_every", split_every, "an integer >= 2")
    given = {
        "transfers": transfers,
        "achievements": achievements,
        "contributions": contributions,
        "modules": modules,
    }
    parts = interactions.to_delayed()
    long_parts: list[list[Any]] = []
    for name in _LONG:
        table = given[name]
        if table is None:
            long_parts.append([None] * len(parts))
            continue
        if not isinstance(table, dataframe.DataFrame):
            raise ValidationError(
                name, table, "a dask.dataframe.DataFrame co-partitioned with interactions"
            )
        if table.npartitions != interactions.npartitions:
            raise ValidationError(
                f"{name}.npartitions",
                table.npartitions,
                f"{interactions.npartitions} partitions, as many as interactions has",
            )
        long_parts.append(table.to_delayed())
    # A named, untraversed delayed object: the ecosystem is neither hashed nor walked.
    shared = dask.delayed(
        ecosystem, name=f"cocreation-ecosystem-{uuid.uuid4().hex}", traverse=False
    )
    account = dask.delayed(_account_partition, pure=True)
    merge = dask.delayed(_merge, pure=True)
    level = [
        account(shared, number, part, *(column[number] for column in long_parts))
        for number, part in enumerate(parts)
    ]
    if not level:
        return bulk.account(ecosystem, {"customer": []})
    while len(level) > 1:
        level = [merge(*level[i : i + split_every]) for i in range(0, len(level), split_every)]
    ((ledger, _),) = dask.compute(level[0])
    if not isinstance(ledger, ColumnLedger):
        raise ValidationError("result", ledger, "a ColumnLedger")
    return ledger
