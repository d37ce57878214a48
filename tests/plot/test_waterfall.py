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
        "co-creation cost",
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


def test_net_benefit_stands_beside_firm_value(
    values: cc.FirmValues, benefits: cc.NetBenefits
) -> None:
    value, benefit = values["small-businesses"], benefits["small-businesses"]
    ax = value_waterfall(value, benefit)
    firm, customer = bars(ax)
    assert len(firm) == len(value.lines()) + 1
    assert len(customer) == len(benefit.lines()) + 1
    assert spans(customer)[-1] == pytest.approx((0.0, benefit.net))
    labels = tick_labels(ax)
    assert labels[len(firm) :] == [*(LINE_WORDS[line] for line in benefit.lines()), "net benefit"]
    # The second waterfall starts to the right of the first.
    assert min(p.get_x() for p in customer.patches) > max(p.get_x() for p in firm.patches)


def test_titles_name_the_customer_and_the_organisation(
    values: cc.FirmValues, benefits: cc.NetBenefits
) -> None:
    ax = value_waterfall(values["small-businesses"], benefits["small-businesses"])
    assert ax.get_title() == (
        "small-businesses (a segment of 400): firm value to alpine-telecom and net benefit"
    )
    headings = [text.get_text() for text in ax.texts if text.get_gid() == "heading"]
    assert headings[0].startswith("firm value to alpine-telecom")
    assert "'retained'" in headings[0]
    assert headings[1].startswith("net benefit of small-businesses")
    alone = value_waterfall(values["seeland-kliniken"])
    assert alone.get_title() == "Firm value of seeland-kliniken to alpine-telecom"


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
    low, high = ax.get_ylim()
    assert low < min(value.total, benefit.net)
    assert high >= 0.0
    assert [label.get_text() for label in ax.texts if label.get_text().startswith("-")]


def test_a_member_of_a_segment(values: cc.FirmValues, benefits: cc.NetBenefits) -> None:
    member = values["small-businesses"].per_member()
    ax = value_waterfall(member, benefits["small-businesses"].per_member())
    assert spans(bars(ax)[0])[-1][1] == pytest.approx(member.total)
    assert "segment" not in ax.get_title()


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
