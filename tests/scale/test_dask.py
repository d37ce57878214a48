"""The bulk accounting on a real Dask cluster over partitioned Parquet equals the single-machine one."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cocreation as cc
from cocreation import bulk
from cocreation.frames import account_dask, interaction_frames

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def ecosystem() -> cc.Ecosystem:
    eco = cc.example_ecosystem()
    customers = [c.id for c in eco.customers]
    organisation = eco.organisations[0].id
    offering = eco.offerings[0].id
    extra = [
        cc.Interaction(
            f"crm-{number}",
            customer=customers[number % len(customers)],
            counterpart=organisation,
            offering=offering,
            units=float(number % 3),
            period=number % 4,
            effort=float(number % 7),
            risk_probability=0.1,
            risk_loss=float(number),
            transfers=[cc.Transfer(organisation, customers[number % len(customers)], 1.5)]
            if number % 5 == 0
            else [],
        )
        for number in range(60)
    ]
    return eco.add(*extra)


def write_partitioned(tmp_path: Path, eco: cc.Ecosystem) -> dict[str, pd.DataFrame]:
    """Every table written as Parquet, co-partitioned by the shard of its interaction."""
    frames = interaction_frames(eco)
    shard_of = {i.id: number % 3 for number, i in enumerate(eco.interactions)}
    for name in frames:
        frame = frames[name].copy()
        key = "id" if name == "interactions" else "interaction"
        text = [c for c in frame.columns if frame[c].dtype == object]
        frame = frame.astype(dict.fromkeys(text, "string"))  # one schema for every file
        shard = frame[key].map(shard_of)
        folder = tmp_path / name
        folder.mkdir()
        for number in range(3):  # every partition, even an empty one
            part = frame[shard == number]
            part.to_parquet(folder / f"part-{number}.parquet", index=False)
    return frames


def test_account_dask_on_a_local_cluster_equals_the_single_machine_ledger(tmp_path: Path) -> None:
    eco = ecosystem()
    frames = write_partitioned(tmp_path, eco)
    expected = bulk.account(eco, **frames)
    long = ("transfers", "achievements", "contributions", "modules")
    # The dashboard on any free port: with dashboard_address=None the scheduler still
    # asks for port 8787 and warns when another run on the machine holds it.
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            # Any free port for the scheduler's HTTP server, and no dashboard: with
            # None it tries port 8787, and warns (an error here) when another run
            # on the machine holds it.
            dashboard_address=":0",
            scheduler_kwargs={"dashboard": False},
        ) as cluster,
        distributed.Client(cluster),
    ):
        interactions = dd.read_parquet(str(tmp_path / "interactions"))
        tables = {name: dd.read_parquet(str(tmp_path / name)) for name in long}
        assert interactions.npartitions == 3
        ledger = account_dask(eco, interactions, **tables, split_every=2)
    assert ledger.isclose(expected)
    assert ledger.to_ledger().isclose(cc.account(eco))


def test_account_dask_refuses_long_tables_partitioned_otherwise() -> None:
    eco = ecosystem()
    frames = interaction_frames(eco)
    with pytest.raises(cc.ValidationError, match="npartitions"):
        account_dask(
            eco,
            dd.from_pandas(frames["interactions"], npartitions=2),
            transfers=dd.from_pandas(frames["transfers"], npartitions=1),
        )
    with pytest.raises(cc.ValidationError, match=r"dask\.dataframe\.DataFrame"):
        account_dask(eco, frames["interactions"])


@pytest.mark.parametrize("split_every", [2, 8])
def test_account_dask_reports_an_id_in_two_partitions(split_every: int) -> None:
    eco = ecosystem()
    interactions = interaction_frames(eco)["interactions"]
    # The first row again as the last: partition 0 holds it, and partition 3 its copy.
    copied = pd.concat([interactions, interactions.iloc[:1]], ignore_index=True)
    frame = dd.from_pandas(copied, npartitions=4, sort=False)
    assert frame.npartitions == 4
    last = len(frame.partitions[3].compute()) - 1
    with pytest.raises(cc.ValidationError) as caught:
        account_dask(eco, frame, split_every=split_every)
    assert caught.value.field == "interactions.id"
    assert caught.value.value == interactions["id"].iloc[0]
    assert f"in partition 0 row 0 and in partition 3 row {last})" in str(caught.value)
    # Without the copy, the same partitions account as one machine does.
    distinct = dd.from_pandas(interactions, npartitions=4, sort=False)
    assert account_dask(eco, distinct, split_every=split_every).isclose(
        bulk.account(eco, interactions)
    )
