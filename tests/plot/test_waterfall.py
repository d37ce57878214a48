"""The value waterfall: a bar per line plus the total, running sums, titles, bad input."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes
from matplotlib.container import BarContainer

import cocreation as cc
from cocreation.errors import ValidationError
from cocreation.plot import LINE_WORDS, value_waterfall


def bars(ax: Axes) -> list[BarContainer]:
    return [c for c in ax.containers if isinstance(c, BarContainer)]


def tick_labels(ax: Axes) -> list[str]:
    return [label.get_text() for label in ax.get_xticklabels()]


def spans(container: BarContainer) -> list[tuple[float, float]]:
    """Each bar as (bottom, top) in data units, in order."""
    return [
        (float(patch.get_y()), float(patch.get_y() + patch.get_height()))
        for patch in container.patches
    ]


@pytest.fixture
def values(example: cc.Ecosystem) -> cc.FirmValues:
    return cc.firm_value(example, timing="retained")


@pytest.fixture
def benefits(example: cc.Ecosystem) -> cc.NetBenefits:
    return cc.net_benefit(example)


def test_one_bar_per_firm_value_line_and_the_total(values: cc.FirmValues) -> None:
    value = values["alpen-logistik"]
    ax = value_waterfall(value)
    assert isinstance(ax, Axes)
    (container,) = bars(ax)
    assert len(container) == len(value.lines()) + 1
    assert tick_labels(ax) == [
        "lifetime",
        "referral",
        "influence",
        "knowledge",
        "co-production",
        "design cost",
        "production cost",
        "referral cost",
        "support cost",
        "firm value",
    ]


def test_bars_step_through_the_running_total_and_end_in_the_total(
    values: cc.FirmValues,
) -> None:
    value = values["alpen-logistik"]
    (container,) = bars(value_waterfall(value))
    running = 0.0
    for (bottom, top), amount in zip(spans(container), value.lines().values(), strict=False):
        assert bottom == pytest.approx(running)
        assert top == pytest.approx(running + amount)
        running += amount
    assert spans(container)[-1] == pytest.approx((0.0, value.total))
    assert running == pytest.approx(value.total)


def benefit_axes(ax: Axes) -> Axes:
    """The axes of the net benefit: the other axes of the figure."""
    figure = ax.get_figure(root=True)
    assert figure is not None
    (other,) = [axes for axes in figure.axes if axes is not ax]
    return other


def test_net_benefit_stands_beside_firm_value_on_axes_of_its_own(
    values: cc.FirmValues, benefits: cc.NetBenefits
) -> None:
    value, benefit = values["alpen-logistik"], benefits["alpen-logistik"]
    ax = value_waterfall(value, benefit)
    beside = benefit_axes(ax)
    (firm,) = bars(ax)
    (customer,) = bars(beside)
    assert len(firm) == len(value.lines()) + 1
    assert len(customer) == len(benefit.lines()) + 1
    assert spans(customer)[-1] == pytest.approx((0.0, benefit.net))
    assert tick_labels(beside) == [
        *(LINE_WORDS[line] for line in benefit.lines()),
        "net benefit",
    ]
    # Two horizons, two scales: each axes reaches its own total, not the other's.
    assert ax.get_ylim()[1] >= value.total
    assert beside.get_ylim()[1] < value.total
    assert beside.get_ylim()[1] >= benefit.net
    assert ax.get_ylabel() == "firm value (money)"
    assert beside.get_ylabel() == "net benefit (money)"
    # The net benefit is drawn to the right of the firm value.
    assert beside.get_position().x0 > ax.get_position().x1


def test_titles_name_the_customer_the_organisation_and_each_horizon(
    values: cc.FirmValues, benefits: cc.NetBenefits
) -> None:
    ax = value_waterfall(values["small-businesses"], benefits["small-businesses"])
    figure = ax.get_figure(root=True)
    assert figure is not None
    assert figure.get_suptitle() == (
        "small-businesses (a segment of 400): firm value to alpine-telecom and net benefit"
    )
    assert ax.get_title() == "firm value to alpine-telecom\nlifetime value, timing 'retained'"
    assert benefit_axes(ax).get_title() == (
        "net benefit of small-businesses\nover the periods modelled"
    )
    alone = value_waterfall(values["seeland-kliniken"], horizon=5)
    assert alone.get_title() == (
        "Firm value of seeland-kliniken to alpine-telecom\n"
        "lifetime value, timing 'retained', over 5 periods"
    )


def test_the_periods_of_the_net_benefit_are_named(
    values: cc.FirmValues, benefits: cc.NetBenefits
) -> None:
    ax = value_waterfall(values["alpen-logistik"], benefits["alpen-logistik"], periods=1)
    assert benefit_axes(ax).get_title().endswith("over the 1 period modelled")


def test_draws_on_a_pair_of_axes_it_is_given(
    values: cc.FirmValues, benefits: cc.NetBenefits
) -> None:
    _, (left, right) = plt.subplots(1, 2)
    assert (
        value_waterfall(values["alpen-logistik"], benefits["alpen-logistik"], ax=(left, right))
        is left
    )
    assert len(bars(left)) == len(bars(right)) == 1


def test_rejects_one_axes_for_two_horizons(values: cc.FirmValues, benefits: cc.NetBenefits) -> None:
    _, ax = plt.subplots()
    with pytest.raises(ValidationError, match="ax: expected None or a pair"):
        value_waterfall(values["alpen-logistik"], benefits["alpen-logistik"], ax=ax)


def test_rejects_a_pair_of_axes_for_the_firm_value_alone(values: cc.FirmValues) -> None:
    _, (left, right) = plt.subplots(1, 2)
    with pytest.raises(ValidationError, match="ax: expected None or one"):
        value_waterfall(values["alpen-logistik"], ax=(left, right))


@pytest.mark.parametrize(
    ("keyword", "value"), [("periods", 0), ("horizon", 2.5), ("periods", True)]
)
def test_rejects_bad_horizons(values: cc.FirmValues, keyword: str, value: object) -> None:
    with pytest.raises(ValidationError, match=keyword):
        value_waterfall(values["alpen-logistik"], **{keyword: value})  # type: ignore[arg-type]


def test_legend_names_increase_decrease_and_total(values: cc.FirmValues) -> None:
    legend = value_waterfall(values["alpen-logistik"]).get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["increase", "decrease", "total"]


def test_a_loss_shows_below_zero() -> None:
    eco = (
        cc.Ecosystem()
        .add_organisation("shop", discount_rate=0.1)
        .add_offering("gadget", provider="shop", price=50.0, unit_cost=80.0)
        .add_customer("bargain-hunter", retention=0.5, value_of_time=20.0)
        .add_interaction(
            "buy",
            customer="bargain-hunter",
            counterpart="shop",
            offering="gadget",
            units=1,
            contributions=[cc.Contribution("bargain-hunter", cc.ResourceKind.TIME, 2.0)],
        )
    )
    value = cc.firm_value(eco, timing="end")["bargain-hunter"]
    benefit = cc.net_benefit(eco)["bargain-hunter"]
    assert value.total < 0
    assert benefit.net < 0
    ax = value_waterfall(value, benefit)
    for axes, total in ((ax, value.total), (benefit_axes(ax), benefit.net)):
        low, high = axes.get_ylim()
        assert low < total
        assert high >= 0.0
        assert [label.get_text() for label in axes.texts if label.get_text().startswith("-")]


def test_a_member_of_a_segment(values: cc.FirmValues, benefits: cc.NetBenefits) -> None:
    member = values["small-businesses"].per_member()
    ax = value_waterfall(member, benefits["small-businesses"].per_member())
    assert spans(bars(ax)[0])[-1][1] == pytest.approx(member.total)
    figure = ax.get_figure(root=True)
    assert figure is not None
    assert "segment" not in figure.get_suptitle()


def test_draws_on_the_axes_it_is_given(values: cc.FirmValues) -> None:
    _, ax = plt.subplots()
    assert value_waterfall(values["alpen-logistik"], ax=ax) is ax
    assert len(bars(ax)) == 1


def test_rejects_a_net_benefit_of_another_customer(
    values: cc.FirmValues, benefits: cc.NetBenefits
) -> None:
    with pytest.raises(ValidationError, match="NetBenefit of 'alpen-logistik'"):
        value_waterfall(values["alpen-logistik"], benefits["seeland-kliniken"])


@pytest.mark.parametrize("wrong", [None, 105.0, "alpen-logistik"])
def test_rejects_what_is_not_a_firm_value(wrong: object) -> None:
    with pytest.raises(ValidationError, match="firm_value: expected a FirmValue"):
        value_waterfall(wrong)  # type: ignore[arg-type]


def test_rejects_a_firm_value_as_net_benefit(values: cc.FirmValues) -> None:
    value = values["alpen-logistik"]
    with pytest.raises(ValidationError, match="net_benefit"):
        value_waterfall(value, value)  # type: ignore[arg-type]
