"""The tables layer: one reader, one problem record, one layout."""

from __future__ import annotations

import importlib
import os
from typing import Any

import numpy as np
import pandas as pd
import pytest

import cocreation as cc
from cocreation import bulk
from cocreation.io import read_interactions
from cocreation.tables import (
    COLUMNS,
    LEVELS,
    SPECS,
    Checks,
    Problem,
    Table,
    columns_of,
    parse,
    resolve,
)

pa: Any = importlib.import_module("pyarrow")  # an untyped package: the test extra has it


def shop() -> cc.Ecosystem:
    return cc.Ecosystem().add_organisation("shop").add_customer("ann")


def repeated_pandas() -> pd.DataFrame:
    return pd.DataFrame([["ann", 1.0, 2.0]], columns=["customer", "effort", "effort"])


def repeated_arrow() -> Any:
    return pa.Table.from_arrays(
        [pa.array(["ann"]), pa.array([1.0]), pa.array([2.0])],
        names=["customer", "effort", "effort"],
    )


@pytest.mark.parametrize("source", [repeated_pandas, repeated_arrow])
def test_every_reader_refuses_a_repeated_column_name_the_same_way(source: object) -> None:
    data = source()  # type: ignore[operator]
    message = r"interactions\.columns: expected distinct column names"
    with pytest.raises(cc.ValidationError, match=message):
        bulk.account(shop(), data)
    with pytest.raises(cc.ValidationError, match=message):
        read_interactions(data, ecosystem=shop())
    with pytest.raises(cc.ValidationError, match=message):
        columns_of(data, "interactions")


def test_ingest_and_the_bulk_path_report_the_same_problem_record() -> None:
    data = {"customer": ["ann", "nobody"], "effort": [1.0, -1.0]}
    checks = Checks(collect=True)
    resolve(shop(), parse(data, {}, checks, resolving=True), checks)
    records = read_interactions(data, ecosystem=shop())
    assert all(isinstance(problem, Problem) for problem in records.problems)
    assert {(p.row, p.field) for p in checks.problems} == {
        (p.row, p.field) for p in records.problems
    }
    with pytest.raises(cc.UnknownIdError) as caught:
        bulk.account(shop(), {"customer": ["nobody"]})
    assert str(caught.value) == str(
        Problem(
            "interactions", 0, "customer", "nobody", "expected the id of a customer", True
        ).error()
    )


def test_the_layout_is_declared_once() -> None:
    assert {table: tuple(spec.name for spec in specs) for table, specs in SPECS.items()} == dict(
        COLUMNS
    )
    level = next(spec for spec in SPECS["interactions"] if spec.name == "level")
    assert level.choices == tuple(lv.value for lv in LEVELS if lv is not None)
    assert set(LEVELS[1:]) == set(cc.CoCreationLevel)


def test_a_table_names_a_column_of_the_wrong_length() -> None:
    with pytest.raises(cc.ValidationError, match=r"interactions\.effort: expected a column of 2"):
        Table("interactions", {"customer": ["a", "b"], "effort": [1.0]})


def test_resolving_turns_ids_into_the_ecosystems_codes() -> None:
    eco = shop().add_customer("bob")
    checks = Checks(collect=False)
    batch = parse({"customer": ["bob", "ann"], "counterpart": ["shop", None]}, {}, checks)
    resolved = resolve(eco, batch, checks)
    assert resolved.customer.tolist() == [1, 0]
    assert resolved.counterpart.tolist() == [0, -1]


def shop_with_jobs_and_modules() -> cc.Ecosystem:
    return (
        shop()
        .add_customer("bob")
        .add_offering(
            "card", provider="shop", price=5.0, modules=[cc.Module("chip", price=1.0, cost=0.5)]
        )
        .add_offering("cash", provider="shop", price=1.0)
        .add_job(
            "pay",
            owner="ann",
            value=10.0,
            outcomes=[cc.Outcome("fast", importance=5.0, satisfaction=3.0)],
        )
    )


@pytest.mark.parametrize("threaded", [False, True])
def test_every_check_against_the_ecosystem_reports_its_row(
    threaded: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cocreation.tables import _parse

    monkeypatch.setattr(_parse, "_THREADED_ROWS", 1 if threaded else 10**12)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    interactions = {
        "id": ["i0", "i1", "i2", "i3", "i4", "i5"],
        "customer": ["ann", "bob", "ann", "zed", "bob", "ann"],
        "counterpart": ["shop", "shop", "ann", "shop", "bob", "shop"],
        "offering": ["card", None, None, None, None, "cash"],
        "units": [1.0, 0.0, 0.0, 0.0, 0.0, 1.0],
        "job": ["pay", "pay", None, "pay", None, None],
    }
    long = {
        "achievements": {
            "interaction": ["i0", "i0", "i9", "i1"],
            "outcome": ["fast", "slow", "fast", "fast"],
            "level": [0.5, 0.5, 0.5, 0.5],
        },
        "modules": {"interaction": ["i0", "i0", "i5"], "module": ["chip", "gem", "chip"]},
    }
    checks = Checks(collect=True)
    resolved = resolve(
        shop_with_jobs_and_modules(), parse(interactions, long, checks, resolving=True), checks
    )
    found = [(p.table, p.row, p.field, p.unknown_id) for p in checks.problems]
    assert sorted(found) == sorted(
        [
            ("interactions", 1, "job", False),  # ann's job, bob's interaction
            ("interactions", 2, "counterpart", False),  # ann with herself
            ("interactions", 3, "customer", True),  # no such customer: no job check
            ("interactions", 4, "counterpart", False),  # bob with himself
            ("achievements", 1, "outcome", True),  # not an outcome of pay
            ("achievements", 2, "interaction", True),  # no such interaction
            ("modules", 1, "module", True),  # not a module of card
            ("modules", 2, "module", True),  # cash has no modules
        ]
    )
    # What is valid is kept: i0's achievement of fast and its chip, i1's achievement.
    assert resolved.achievement_row.tolist() == [0, 1]
    assert resolved.module_row.tolist() == [0]
    assert resolved.module_price.tolist() == [1.0]


@pytest.mark.parametrize(
    ("outcomes", "repeated"),
    [
        (["fast", "slow", "fast", "slow"], []),  # in order of interaction: none twice
        (["slow", "fast", "fast", "slow"], []),  # out of order: none twice
        (["fast", "slow", "fast", "fast"], [3]),  # in order, i1's fast twice
        (["fast", "fast", "slow", "fast"], [1]),  # i0's fast twice
    ],
)
def test_an_achievement_of_an_outcome_twice_for_one_interaction_is_reported(
    outcomes: list[str], repeated: list[int]
) -> None:
    eco = (
        shop()
        .add_offering("card", provider="shop", modules=[cc.Module("chip"), cc.Module("pin")])
        .add_job(
            "pay",
            owner="ann",
            value=10.0,
            outcomes=[
                cc.Outcome("fast", importance=5.0, satisfaction=3.0),
                cc.Outcome("slow", importance=5.0, satisfaction=3.0),
            ],
        )
    )
    interactions = {
        "id": ["i0", "i1"],
        "customer": ["ann", "ann"],
        "job": ["pay", "pay"],
        "offering": ["card", "card"],
        "units": [1.0, 1.0],
    }
    modules = ["chip" if outcome == "fast" else "pin" for outcome in outcomes]
    long = {
        "achievements": {
            "interaction": ["i0", "i0", "i1", "i1"],
            "outcome": outcomes,
            "level": [0.5] * 4,
        },
        "modules": {"interaction": ["i0", "i0", "i1", "i1"], "module": modules},
    }
    checks = Checks(collect=True)
    resolve(eco, parse(interactions, long, checks, resolving=True), checks)
    found = [(p.table, p.row, p.field) for p in checks.problems]
    assert found == [
        *(("modules", row, "module") for row in repeated),
        *(("achievements", row, "outcome") for row in repeated),
    ]


@pytest.mark.parametrize(
    "periods",
    [
        [-1, 3, 2**53 + 2, 0],  # a list: read value by value
        np.array([-1, 3, 2**53 + 2, 0]),  # NumPy integers: read without floats
        pd.Series([-1, 3, 2**53 + 2, 0]),
        pd.Series([-1.0, 3.0, 2.0**54, 0.0]),  # floats: whole numbers in range
        pd.Series([-1, 3, 2**53 + 2, None], dtype="Int64"),  # nullable: missing is 0
    ],
)
def test_a_period_is_a_whole_number_from_0_to_2_to_the_53(periods: Any) -> None:
    checks = Checks(collect=True)
    batch = parse({"customer": ["ann"] * 4, "period": periods}, {}, checks)
    assert [(p.row, p.field) for p in checks.problems] == [(0, "period"), (2, "period")]
    assert batch.interactions.period is not None
    assert batch.interactions.period.tolist()[1::2] == [3, 0]
