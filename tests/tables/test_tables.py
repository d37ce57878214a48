"""The tables layer: one reader, one problem record, one layout."""

from __future__ import annotations

import importlib
from typing import Any

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
