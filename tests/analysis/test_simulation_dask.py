"""A simulation spread over a Dask cluster gives the same bits as one process."""

from __future__ import annotations

import distributed
import numpy as np

import cocreation as cc
from cocreation.analysis import MEASURES, Help, Referrals


def test_dask_gives_the_same_results_as_one_process() -> None:
    eco = cc.example_ecosystem()
    rules = [
        Referrals("alpen-logistik", "seeland-kliniken", rate=0.2),
        Help("user-community", "small-businesses", retention=0.05, achievement=0.2),
    ]
    options = {"periods": 6, "runs": 900, "seed": 21, "rules": rules, "chunk_size": 200}
    here = cc.simulate(eco, **options)  # type: ignore[arg-type]
    with (
        distributed.LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        there = cc.simulate(eco, executor=client, **options)  # type: ignore[arg-type]
    assert there.runs == 900
    for measure in MEASURES:
        assert np.array_equal(here.values(measure), there.values(measure)), measure
