"""Ingest: CSV, Parquet and DataFrames, with every invalid row reported and none dropped silently."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cocreation as cc
from cocreation import bulk
from cocreation.frames import interaction_frames
from cocreation.io import Problem, read_customers, read_interactions
from cocreation.tables import interactions_to_tables

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def shop() -> cc.Ecosystem:
    return (
        cc.Ecosystem()
        .add_organisation("shop")
        .add_offering("box", provider="shop", price=20.0, unit_cost=8.0)
        .add_customer("ann", count=3)
        .add_customer("bob")
    )


CSV = """id,customer,counterpart,offering,units,period,risk_probability,effort
1,ann,shop,box,2,0,0.1,
2,bob,,,,1,,3.5
3,ann,shop,box,-1,0,0.1,
4,nobody,shop,,,0,,
5,bob,shop,box,1,0.5,1.2,lots
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_file_gives_the_valid_rows_and_reports_every_bad_one(tmp_path: Path) -> None:
    records = read_interactions(write(tmp_path, "crm.csv", CSV), ecosystem=shop())
    assert records.rows_read == {"interactions": 5}
    assert list(records.interactions.index) == [0, 1]
    assert list(records.interactions["id"]) == ["1", "2"]
    assert records.interactions["effort"].tolist() == [0.0, 3.5]  # an empty cell is the default
    found = [(p.row, p.field, p.value) for p in records.problems]
    assert found == [
        (2, "units", "-1"),
        (3, "customer", "nobody"),
        (4, "period", "0.5"),
        (4, "effort", "lots"),
        (4, "risk_probability", "1.2"),
    ]
    assert records.problems[1].unknown_id
    assert not records.ok
    ledger = records.account(shop())
    assert ledger.to_ledger().totals()["shop"]["money_received"] == 120.0


def test_nan_in_a_csv_number_is_a_missing_value_as_pandas_reads_it(tmp_path: Path) -> None:
    text = "customer,effort,units,offering\nann,nan,,\nbob,NaN,,\nann,2.5,nan,\n"
    records = read_interactions(write(tmp_path, "crm.csv", text), ecosystem=shop())
    assert records.ok
    assert records.interactions["effort"].tolist() == [0.0, 0.0, 2.5]
    assert records.interactions["units"].tolist() == [0.0, 0.0, 0.0]


def test_strict_mode_raises_the_error_of_the_first_bad_row(tmp_path: Path) -> None:
    path = write(tmp_path, "crm.csv", CSV)
    with pytest.raises(cc.ValidationError, match=r"interactions\[2\]\.units: .*got '-1'"):
        read_interactions(path, ecosystem=shop(), strict=True)


def test_a_problem_becomes_the_library_error() -> None:
    problem = Problem("interactions", 4, "customer", "x", "expected the id of a customer", True)
    assert isinstance(problem.error(), cc.UnknownIdError)
    assert "interactions row 4, customer" in str(problem)


def test_parquet_and_dataframes_read_like_csv(tmp_path: Path) -> None:
    eco = cc.example_ecosystem()
    frames = interaction_frames(eco)
    paths = {}
    for name, frame in frames.items():
        paths[name] = tmp_path / f"{name}.parquet"
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), paths[name])
    from_files = read_interactions(
        paths["interactions"],
        ecosystem=eco,
        transfers=paths["transfers"],
        achievements=paths["achievements"],
        contributions=paths["contributions"],
        modules=paths["modules"],
    )
    from_frames = read_interactions(
        frames["interactions"],
        ecosystem=eco,
        transfers=frames["transfers"],
        achievements=frames["achievements"],
        contributions=frames["contributions"],
        modules=frames["modules"],
    )
    expected = bulk.account(eco, **interactions_to_tables(eco))
    for records in (from_files, from_frames):
        assert records.ok
        assert records.account(eco).isclose(expected)
        assert records.to_interactions() == eco.interactions


def test_a_bad_long_row_leaves_out_its_interaction_with_all_its_rows() -> None:
    eco = shop()
    records = read_interactions(
        {"id": ["a", "b"], "customer": ["ann", "bob"], "counterpart": ["shop", "shop"]},
        transfers={
            "interaction": ["a", "a", "b"],
            "source": ["ann", "ann", "bob"],
            "target": ["shop", "ghost", "shop"],
            "amount": [1.0, 2.0, 3.0],
        },
        ecosystem=eco,
    )
    assert list(records.interactions["id"]) == ["b"]
    assert list(records.transfers.index) == [2]
    reported = {(p.table, p.row, p.field) for p in records.problems}
    assert reported == {
        ("interactions", 0, "id"),
        ("transfers", 0, "interaction"),
        ("transfers", 1, "target"),
    }


def test_columns_can_be_renamed_or_left_out() -> None:
    frame = pd.DataFrame({"Kunde": ["ann"], "Aufwand": [2.0], "Notiz": ["vip"]})
    records = read_interactions(
        frame, columns={"Kunde": "customer", "Aufwand": "effort", "Notiz": None}
    )
    assert records.ok
    assert records.interactions["effort"].tolist() == [2.0]
    with pytest.raises(
        cc.ValidationError, match=r"interactions\.columns: expected one of the columns"
    ):
        read_interactions(frame)


def test_reading_never_executes_what_a_file_holds(tmp_path: Path) -> None:
    text = "id,customer,effort\n1,\"__import__('os').system('false')\",=1+1\n"
    records = read_interactions(write(tmp_path, "evil.csv", text), ecosystem=shop())
    assert [(p.field, p.value) for p in records.problems] == [
        ("customer", "__import__('os').system('false')"),
        ("effort", "=1+1"),
    ]


def test_a_file_of_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(cc.ValidationError, match="format"):
        read_interactions(write(tmp_path, "crm.xlsx", "x"))


def test_customers_from_csv_with_their_problems(tmp_path: Path) -> None:
    text = (
        "id,kind,count,value_of_time,retention,referred_by\n"
        "ann,individual,3,20,0.8,\n"
        "bob,business,two,,,\n"
        "cy,,1,,1.5,\n"
        "ann,,1,,,\n"
        "dee,,1,,,bob\n"
        "eve,,1,,,ann\n"
    )
    records = read_customers(write(tmp_path, "customers.csv", text))
    assert [c.id for c in records.customers] == ["ann", "eve"]
    assert records.customers[0].count == 3
    assert records.customers[0].value_of_time == 20.0
    assert [(p.row, p.field) for p in records.problems] == [
        (1, "count"),
        (2, "retention"),
        (3, "id"),
        (4, "referred_by"),
    ]
    eco = cc.Ecosystem(actors=records.customers)
    assert len(eco.customers) == 2
    with pytest.raises(cc.ValidationError, match=r"customers\[1\]\.count"):
        read_customers(write(tmp_path, "customers.csv", text), strict=True)


def test_customers_from_a_dataframe() -> None:
    frame = pd.DataFrame({"id": ["ann", "bob"], "count": pd.array([2, None], dtype="Int64")})
    records = read_customers(frame)
    assert [(c.id, c.count) for c in records.customers] == [("ann", 2), ("bob", 1)]


def test_the_recurring_column_reads_from_csv_and_parquet(tmp_path: Path) -> None:
    path = tmp_path / "interactions.csv"
    path.write_text(
        "id,customer,recurring\n1,ann,true\n2,ann,FALSE\n3,ann,\n4,ann,yes\n",
        encoding="utf-8",
    )
    records = read_interactions(path, ecosystem=shop())
    assert records.interactions["recurring"].tolist() == [True, False, True]
    assert records.interactions["recurring"].dtype.name == "bool"
    [problem] = records.problems
    assert (problem.row, problem.field, problem.value) == (3, "recurring", "yes")
    parquet = tmp_path / "interactions.parquet"
    records.interactions.reset_index(drop=True).to_parquet(parquet)
    again = read_interactions(parquet, ecosystem=shop())
    assert again.interactions["recurring"].tolist() == [True, False, True]
    assert not again.problems
