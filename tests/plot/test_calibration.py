"""The holdout calibration chart: one line of actual, one of predicted purchases, by frequency."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.axes import Axes

from cocreation import estimate
from cocreation.errors import ValidationError
from cocreation.plot import holdout_calibration


@pytest.fixture
def table() -> estimate.Calibration:
    model = estimate.BGNBD.of(r=0.5, alpha=4.0, a=0.8, b=2.5, unit="week")
    sample = estimate.simulate_customers(model, age=[26.0] * 800, seed=9, holdout=26.0)
    return estimate.calibration(sample, model, largest=4)


def test_two_lines_follow_the_table(table: estimate.Calibration) -> None:
    ax = holdout_calibration(table)
    assert isinstance(ax, Axes)
    actual, model = ax.get_lines()
    assert np.asarray(actual.get_ydata()).tolist() == list(table.actual)
    assert np.asarray(model.get_ydata()).tolist() == list(table.predicted)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        f"{label}\n({count:,})"
        for label, count in zip(table.labels(), table.customers, strict=True)
    ]
    assert ax.get_ylabel() == "purchases per customer in the next 26 weeks"


def test_draws_on_the_axes_it_is_given(table: estimate.Calibration) -> None:
    import matplotlib.pyplot as plt

    _, given = plt.subplots()
    assert holdout_calibration(table, ax=given) is given


def test_anything_else_is_rejected() -> None:
    with pytest.raises(ValidationError, match="calibration: expected a table"):
        holdout_calibration({"actual": [1.0]})  # type: ignore[arg-type]
