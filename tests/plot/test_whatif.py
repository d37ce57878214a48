"""Pictures of what-if analyses draw the figures of the results they are given."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon, Rectangle

import cocreation as cc
from cocreation.analysis import Uniform
from cocreation.plot import sensitivity_bars, sweep_lines, tornado_chart, uncertainty_intervals


def drawn(ax: Axes) -> list[Line2D]:
    """The labelled lines: the data, not the line at zero."""
    return [line for line in ax.get_lines() if not str(line.get_label()).startswith("_")]


PRICES = np.linspace(600.0, 1800.0, 13)
INPUTS = {
    "business-internet.price": (1000.0, 1400.0),
    "cloud.fixed_cost": (3000.0, 5000.0),
    "small-businesses.retention": (0.7, 0.9),
}


@pytest.fixture
def swept(example: cc.Ecosystem) -> cc.Sweep:
    return cc.sweep(
        example, {"business-internet.price": PRICES, "cloud.fixed_cost": [4000.0, 9000.0]}
    )


def test_a_sweep_draws_one_line_per_actor_and_shades_where_everyone_gains(
    swept: cc.Sweep,
) -> None:
    ax = sweep_lines(swept)
    lines = {line.get_label(): line for line in ax.get_lines()}
    rows = swept.values("cloud.fixed_cost") == 4000.0  # the other address at its first value
    for actor in swept.actors:
        xs, ys = lines[actor].get_data()
        assert np.array_equal(xs, PRICES)
        assert np.allclose(ys, swept.measure("net_value_flow", actor)[rows])
    total = lines["total value created"]
    assert total.get_linestyle() == "--"
    shaded = [p for p in ax.patches if isinstance(p, Polygon | Rectangle)]
    assert len(shaded) == int(swept.measure("win_win")[rows].sum()) > 0
    assert "cloud.fixed_cost = 4,000" in ax.get_title()


def test_a_sweep_at_other_values_and_for_chosen_actors(swept: cc.Sweep) -> None:
    ax = sweep_lines(
        swept,
        measure="net_benefit",
        at={"cloud.fixed_cost": 9000.0},
        actors=["small-businesses"],
    )
    (line,) = drawn(ax)
    rows = swept.values("cloud.fixed_cost") == 9000.0
    assert np.allclose(line.get_ydata(), swept.measure("net_benefit", "small-businesses")[rows])
    assert ax.get_ylabel() == "net benefit"


def test_a_paired_sweep_moves_the_other_address_along(example: cc.Ecosystem) -> None:
    paired = cc.sweep(
        example,
        {"business-internet.price": [1000.0, 1100.0], "cloud.fixed_cost": [1.0, 2.0]},
        zip=True,
    )
    ax = sweep_lines(paired, measure="total_value_created")
    (line,) = drawn(ax)
    assert np.asarray(line.get_ydata()).tolist() == paired.measure("total_value_created").tolist()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"at": {"cloud.fixed_cost": 1.0}}, r"at: expected values of the other addresses"),
        ({"parameter": "cloud.variable_cost"}, r"parameter: expected one of"),
        ({"measure": "profit"}, r"measure: expected one of the measures taken"),
    ],
)
def test_bad_sweep_pictures_are_the_librarys_errors(
    swept: cc.Sweep, options: dict[str, object], message: str
) -> None:
    with pytest.raises(cc.ValidationError, match=message):
        sweep_lines(swept, **options)  # type: ignore[arg-type]
    with pytest.raises(cc.ValidationError, match=r"sweep: expected a Sweep"):
        sweep_lines("a sweep")  # type: ignore[arg-type]


def test_a_tornado_draws_each_swing_from_the_base_widest_on_top(example: cc.Ecosystem) -> None:
    result = cc.sensitivity(
        example, INPUTS, method="one_at_a_time", output=("net_value_flow", "alpine-telecom")
    )
    ax = tornado_chart(result)
    low, high = (c for c in ax.containers if isinstance(c, BarContainer))
    assert result.base is not None
    base = float(result.base[0])
    order = np.argsort(result.indices["swing"][0], kind="stable")
    for container, ends in ((low, "output_low"), (high, "output_high")):
        for patch, i in zip(container.patches, order, strict=True):
            assert patch.get_x() == pytest.approx(base)
            assert patch.get_x() + patch.get_width() == pytest.approx(result.indices[ends][0, i])
    labels = [tick.get_text().split("\n")[0] for tick in ax.get_yticklabels()]
    assert labels[-1] == result.ranking()[0]  # the top row is the widest swing
    with pytest.raises(cc.ValidationError, match=r"a Sensitivity of method 'one_at_a_time'"):
        tornado_chart(cc.sensitivity(example, INPUTS, method="morris", samples=2, seed=1))


def test_index_bars_draw_sobol_indices_with_their_intervals(example: cc.Ecosystem) -> None:
    result = cc.sensitivity(example, INPUTS, samples=256, seed=2, resamples=50)
    ax = sensitivity_bars(result)
    first, total = (c for c in ax.containers if isinstance(c, BarContainer))
    order = np.argsort(result.indices["total_order"][0], kind="stable")
    widths = [patch.get_width() for patch in total.patches]
    assert widths == pytest.approx(result.indices["total_order"][0][order].tolist())
    assert [p.get_width() for p in first.patches] == pytest.approx(
        result.indices["first_order"][0][order].tolist()
    )
    assert first.errorbar is not None
    assert "Sobol" in ax.get_title()


def test_index_bars_draw_morris_effects(example: cc.Ecosystem) -> None:
    result = cc.sensitivity(example, INPUTS, method="morris", samples=10, seed=2)
    ax = sensitivity_bars(result)
    mu_star, sigma = (c for c in ax.containers if isinstance(c, BarContainer))
    order = np.argsort(result.indices["mu_star"][0], kind="stable")
    assert [p.get_width() for p in mu_star.patches] == pytest.approx(
        result.indices["mu_star"][0][order].tolist()
    )
    assert mu_star.get_label() == "mu*"
    assert sigma.get_label() == "sigma"
    with pytest.raises(cc.ValidationError, match=r"label: expected one of"):
        sensitivity_bars(
            cc.sensitivity(
                example, INPUTS, method="morris", samples=2, seed=1, output="net_value_flow"
            )
        )


def test_intervals_span_the_quantiles_and_say_how_often_each_actor_loses(
    example: cc.Ecosystem,
) -> None:
    result = cc.monte_carlo(
        example, {"cloud.fixed_cost": Uniform(3000.0, 9000.0)}, runs=2_000, seed=4
    )
    ax = uncertainty_intervals(result)
    quantiles = result.quantiles([0.05, 0.25, 0.5, 0.75, 0.95])
    segments = [c.get_segments()[0] for c in ax.collections if isinstance(c, LineCollection)]
    cloud = result.labels.index("cloud")
    thin, thick = segments[2 * cloud], segments[2 * cloud + 1]
    assert [thin[0][0], thin[1][0]] == pytest.approx([quantiles["cloud"][0], quantiles["cloud"][4]])
    assert [thick[0][0], thick[1][0]] == pytest.approx(
        [quantiles["cloud"][1], quantiles["cloud"][3]]
    )
    texts = [text.get_text() for text in ax.texts]
    assert f"loses in {result.probability_of_loss()['cloud']:.0%}" in texts
    assert f"everyone gains in {result.probability_win_win:.0%}" in ax.get_title()
    with pytest.raises(cc.ValidationError, match=r"labels: expected one of"):
        uncertainty_intervals(result, labels=["nobody"])
