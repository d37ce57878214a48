"""Large tables are parsed on several threads: the same ledger and the same errors as on one."""

from __future__ import annotations

import os
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cocreation as cc
from cocreation import bulk
from cocreation.strategies import ecosystems
from cocreation.tables import Labels, interactions_to_tables
from cocreation.tables import _parse as parse_module


def arrow_tables(eco: cc.Ecosystem) -> dict[str, Any]:
    """The ecosystem's interactions as pandas tables with Arrow-backed string columns."""
    tables: dict[str, Any] = {}
    for name, columns in interactions_to_tables(eco).items():
        if columns is None:
            continue
        frame = pd.DataFrame(columns)
        for label in frame.columns:
            if frame[label].dtype == object or isinstance(frame[label].dtype, pd.StringDtype):
                frame[label] = frame[label].astype(pd.StringDtype("pyarrow"))
        tables[name] = frame
    return tables


@pytest.fixture
def threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every table counts as large and two threads parse it; the columns looked up ahead."""
    looked_up: list[str] = []
    prefetch = Labels.prefetch

    def counting(self: Labels, index: Any, vocab: Any = None) -> None:
        looked_up.append(str(len(index)))
        prefetch(self, index, vocab)

    monkeypatch.setattr(parse_module, "_THREADED_ROWS", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(Labels, "prefetch", counting)
    return looked_up


def totals(eco: cc.Ecosystem, tables: dict[str, Any]) -> dict[str, dict[str, float]]:
    return bulk.account(eco, **tables).to_ledger().totals()


def test_threads_account_the_example_as_one_thread_does(
    threads: list[str],
) -> None:
    eco = cc.example_ecosystem()
    tables = arrow_tables(eco)
    threaded = totals(eco, tables)
    # customer, counterpart, offering and job; source and target; actor; outcome; module
    assert len(threads) == 9
    with pytest.MonkeyPatch.context() as one_thread:
        one_thread.setattr(parse_module, "_THREADED_ROWS", 10**12)
        assert totals(eco, tables) == threaded
    assert threaded == cc.account(eco).totals()


@pytest.mark.parametrize(
    ("column", "row", "value"),
    [
        ("customer", 3, "nobody"),
        ("counterpart", 5, "no one"),
        ("offering", 7, "no such offering"),
        ("job", 2, "no such job"),
    ],
)
def test_threads_raise_the_error_one_thread_raises(
    threads: list[str], column: str, row: int, value: str
) -> None:
    eco = cc.example_ecosystem()
    tables = arrow_tables(eco)
    interactions = tables["interactions"].copy()
    interactions.loc[row, column] = value
    tables["interactions"] = interactions
    with pytest.raises(cc.UnknownIdError) as threaded:
        bulk.account(eco, **tables)
    assert threads  # the ids were looked up on the threads
    with pytest.MonkeyPatch.context() as one_thread:
        one_thread.setattr(parse_module, "_THREADED_ROWS", 10**12)
        with pytest.raises(cc.UnknownIdError) as single:
            bulk.account(eco, **tables)
    assert str(threaded.value) == str(single.value)
    assert threaded.value.field == f"interactions[{row}].{column}"


@settings(deadline=None, max_examples=60)
@given(
    ecosystems(min_interactions=1, max_interactions=8, min_purchases=1, min_served=1),
    st.data(),
)
def test_threads_and_one_thread_read_any_tables_alike(
    eco: cc.Ecosystem, data: st.DataObject
) -> None:
    # Any ecosystem's tables, with one id column's value made unknown now and then:
    # the same ledger, or the same error, on threads as on one.
    tables = arrow_tables(eco)
    if data.draw(st.booleans(), label="an unknown id"):
        interactions = tables["interactions"].copy()
        column = data.draw(st.sampled_from(["customer", "counterpart", "offering", "job"]))
        row = data.draw(st.integers(0, len(interactions) - 1), label="row")
        interactions.loc[row, column] = "no-such-id"
        tables["interactions"] = interactions

    def outcome(threshold: int) -> object:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(parse_module, "_THREADED_ROWS", threshold)
            patch.setattr(os, "cpu_count", lambda: 2)
            try:
                return totals(eco, tables)
            except cc.CocreationError as error:
                return f"{type(error).__name__}: {error}"

    assert outcome(1) == outcome(10**12)
