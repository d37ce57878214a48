"""Pictures of a simulation: what each draws, and the inputs each refuses."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import PolyCollection

import cocreation as cc
from cocreation.errors import UnknownIdError, ValidationError
from cocreation.plot import active_members, cumulative_value, value_streams


@pytest.fixture(scope="module")
def sim() -> cc.analysis.Simulation:
    return cc.simulate(cc.example_ecosystem(), periods=6, runs=300, seed=3)


def test_active_members_draws_each_customers_mean_and_band(sim: cc.analysis.Simulation) -> None:
    ax = active_members(sim)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == list(sim.customers)
    mean = sim.values("active").mean(axis=0)
    for number, line in enumerate(lines):
        assert np.allclose(line.get_ydata(), mean[:, number])
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == len(sim.customers)


def test_value_streams_draws_the_mean_per_period(sim: cc.analysis.Simulation) -> None:
    ax = value_streams(sim, measure="firm_value", actors=["small-businesses"])
    (line,) = [line for line in ax.get_lines() if line.get_label() == "small-businesses"]
    assert np.allclose(line.get_ydata(), sim.values("firm_value")[:, :, 2].mean(axis=0))


def test_cumulative_value_ends_at_the_mean_discounted_total(sim: cc.analysis.Simulation) -> None:
    ax = cumulative_value(sim, timing="end")
    (line,) = [line for line in ax.get_lines() if line.get_label() == "every actor"]
    total = sim.discounted("net_value_flow", timing="end").sum(axis=1).mean()
    assert np.asarray(line.get_ydata())[-1] == pytest.approx(total)
    one = cumulative_value(sim, timing="end", actors=["cloud"], measure="net_value_flow")
    assert one.get_legend_handles_labels()[1] == ["cloud"]


def test_the_pictures_refuse_what_they_cannot_draw(sim: cc.analysis.Simulation) -> None:
    with pytest.raises(ValidationError, match="simulation"):
        active_members("not a simulation")  # type: ignore[arg-type]
    with pytest.raises(UnknownIdError) as caught:
        active_members(sim, customers=["nobody"])
    assert caught.value.field == "customers"
    with pytest.raises(ValidationError) as bad:
        active_members(sim, band=(0.9, 0.1))
    assert bad.value.field == "band"
    with pytest.raises(ValidationError):
        value_streams(sim, measure="active")
    with pytest.raises(ValidationError) as timing:
        cumulative_value(sim, timing="later")  # type: ignore[arg-type]
    assert timing.value.field == "timing"
