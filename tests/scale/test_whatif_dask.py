"""What-if analyses on a real Dask cluster give the same bits as on one core."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import distributed
import numpy as np
import pytest

import cocreation as cc
from cocreation.analysis import Triangular, Uniform


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with (
        distributed.LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            # Any free port for the scheduler's HTTP server, and no dashboard: with
            # None it tries port 8787, and warns (an error here) when another run
            # on the machine holds it.
            dashboard_address=":0",
            scheduler_kwargs={"dashboard": False},
        ) as cluster,
        distributed.Client(cluster) as connected,  # type: ignore[no-untyped-call]
    ):
        yield connected


INPUTS = {
    "business-internet.price": Triangular(900.0, 1200.0, 1300.0),
    "small-businesses.retention": Uniform(0.7, 0.9),
    "portal-self-service.occurrences": Uniform(4.0, 8.0),
}


def test_monte_carlo_over_dask_equals_one_core_bit_for_bit(client: distributed.Client) -> None:
    eco = cc.example_ecosystem()
    options = {
        "runs": 5_000,
        "seed": 21,
        "timing": "retained",
        "output": "firm_value",
        "correlation": {("business-internet.price", "small-businesses.retention"): 0.4},
    }
    here = cc.monte_carlo(eco, INPUTS, **options)  # type: ignore[arg-type]
    there = cc.monte_carlo(eco, INPUTS, executor=client, **options)  # type: ignore[arg-type]
    assert np.array_equal(here.samples, there.samples)
    assert np.array_equal(here.values, there.values)
    assert np.array_equal(here.total_value_created, there.total_value_created)
    assert here.probability_win_win == there.probability_win_win


def test_a_sweep_over_dask_equals_one_core_bit_for_bit(client: distributed.Client) -> None:
    eco = cc.example_ecosystem()
    values: dict[str, Iterable[float]] = {
        "business-internet.price": np.linspace(800.0, 1600.0, 60),
        "small-businesses.count": range(300, 500, 10),
    }
    here = cc.sweep(eco, values)
    there = cc.sweep(eco, values, executor=client)
    for name in here.measures:
        assert np.array_equal(here.measure(name), there.measure(name))


def test_sobol_indices_over_dask_equal_one_core_bit_for_bit(client: distributed.Client) -> None:
    eco = cc.example_ecosystem()
    ranges = {"business-internet.price": (900.0, 1300.0), "cloud.fixed_cost": (3000.0, 5000.0)}
    options = {"samples": 1024, "seed": 4, "resamples": 50, "output": "net_value_flow"}
    here = cc.sensitivity(eco, ranges, **options)  # type: ignore[arg-type]
    there = cc.sensitivity(eco, ranges, executor=client, **options)  # type: ignore[arg-type]
    for name, figures in here.indices.items():
        assert np.array_equal(figures, there.indices[name], equal_nan=True)
