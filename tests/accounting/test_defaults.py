"""What a user leaves out is not modelled, and the results say so: no silent defaults."""

from __future__ import annotations

import io
from contextlib import redirect_stdout

import pytest

import cocreation as cc
from cocreation import bulk
from cocreation.cli import main
from cocreation.tables import interactions_to_tables


def gym(retention: float | None) -> cc.Ecosystem:
    """A gym whose members buy a class 200 times a period, in periods 0 and 1."""
    eco = (
        cc.Ecosystem()
        .add_organisation("gym", discount_rate=0.1)
        .add_offering("class", provider="gym", price=10.0, unit_cost=0.0)
        .add_customer("members", retention=retention)
    )
    for period in (0, 1):
        eco = eco.add_interaction(
            f"classes-{period}",
            customer="members",
            counterpart="gym",
            offering="class",
            units=1,
            occurrences=200,
            period=period,
        )
    return eco


def test_a_customer_leaves_retention_out_by_default() -> None:
    assert cc.Customer("members").retention is None


def test_without_retention_firm_value_counts_the_periods_modelled() -> None:
    # 200 classes at 10 a period, in two periods: 2,000 in period 0 and 2,000 in
    # period 1, worth 2,000 + 2,000 / 1.1 today, and nothing after the data ends.
    value = cc.firm_value(gym(None), timing="retained")["members"]
    assert value.retention is None
    assert value.lifetime_value == pytest.approx(2_000.0 + 2_000.0 / 1.1)
    assert value.total > 0.0  # before, a default retention of 0 made it 0 silently
    eco = gym(None)
    columns = bulk.firm_value(
        eco, ledger=bulk.account(eco, **interactions_to_tables(eco)), timing="retained"
    )
    assert columns["lifetime_value"].tolist() == pytest.approx([value.lifetime_value])
    assert columns.to_objects()["members"].retention is None


def test_a_stated_retention_is_the_users_decision() -> None:
    # Retention 0 with the first margin one period out, only if retained: nothing.
    assert cc.firm_value(gym(0.0), timing="retained")["members"].total == 0.0
    assert cc.firm_value(gym(0.0), timing="retained")["members"].retention == 0.0
    # Retention 0.5: a run rate of 2,000 a period times 0.5 / (1.1 - 0.5).
    value = cc.firm_value(gym(0.5), timing="retained")["members"]
    assert value.lifetime_value == pytest.approx(2_000.0 * 0.5 / 0.6)


def test_the_report_says_what_is_not_modelled(tmp_path: object) -> None:
    eco = gym(None).add_interaction(
        "trial", customer="members", counterpart="gym", offering="class", units=1
    )
    path = f"{tmp_path}/gym.json"
    cc.save(eco, path)
    printed = io.StringIO()
    with redirect_stdout(printed):
        assert main(["report", path]) == 0
    text = " ".join(printed.getvalue().split())
    assert "Retention is not modelled for members" in text
    assert "serve no job (classes-0, classes-1, trial)" in text
    assert cc.net_benefit(eco).unvalued == ("classes-0", "classes-1", "trial")


def test_a_simulation_needs_to_know_who_stays() -> None:
    with pytest.raises(cc.ValidationError, match=r"Customer\.retention of 'members'"):
        cc.simulate(gym(None), periods=3, seed=1)
    curve = cc.analysis.Survival("members", retention=(0.5, 0.8))
    assert cc.simulate(gym(None), periods=3, seed=1, rules=[curve]).runs == 1
