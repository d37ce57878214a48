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


def _account_partition(ecosystem: Ecosystem, interactions: Any, *long: Any) -> ColumnLedger:
    tables = {name: table for name, table in zip(_LONG, long, strict=True) if table is not None}
    return bulk.account(ecosystem, interactions, **tables)


def _merge(*ledgers: ColumnLedger) -> ColumnLedger:
    return ledgers[0].merge(*ledgers[1:])


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
        ValidationError: Not a Dask DataFrame, long tables with other partitions, or
            any bad value (as [`cocreation.bulk.account`][cocreation.bulk.account]
            raises it, with the row counted within its partition).
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
        account(shared, part, *(column[number] for column in long_parts))
        for number, part in enumerate(parts)
    ]
    if not level:
        return bulk.account(ecosystem, {"customer": []})
    while len(level) > 1:
        level = [merge(*level[i : i + split_every]) for i in range(0, len(level), split_every)]
    (ledger,) = dask.compute(level[0])
    if not isinstance(ledger, ColumnLedger):
        raise ValidationError("result", ledger, "a ColumnLedger")
    return ledger
