"""The bulk path against the object path: same ledger, same views, same errors."""

from __future__ import annotations

import math
import pickle
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cocreation as cc
from cocreation import bulk
from cocreation.bulk import ColumnLedger
from cocreation.frames import interaction_frames
from cocreation.strategies import ecosystems
from cocreation.tables import COLUMNS, interactions_to_tables, tables_to_interactions

from ._helpers import assert_frames_close, split_tables

pa = pytest.importorskip("pyarrow")

BULK = settings(deadline=None)


def bank() -> cc.Ecosystem:
    return (
        cc.Ecosystem()
        .add_partner("cloud", variable_cost=2.0)
        .add_organisation("bank", partners=["cloud"], discount_rate=0.1)
        .add_offering(
            "account",
            provider="bank",
            price=10.0,
            unit_cost=4.0,
            modules=[cc.Module("card", price=3.0, cost=1.0)],
            partners=[cc.RevenueShare("cloud", 0.2)],
        )
        .add_customer("ann", count=2, value_of_time=30.0, retention=0.5)
        .add_customer("bob", retention=0.5, referred_by="ann")
        .add_job(
            "pay",
            owner="ann",
            value=100.0,
            outcomes=[cc.Outcome("fast", importance=8.0, satisfaction=3.0)],
        )
    )


# ------------------------------------------------------------------ equivalence


@BULK
@given(ecosystems(min_interactions=1, max_interactions=8))
def test_the_bulk_ledger_is_the_object_ledger(eco: cc.Ecosystem) -> None:
    ledger = bulk.account(eco, **interactions_to_tables(eco))
    book = cc.account(eco)
    assert ledger.to_ledger().isclose(book)
    assert set(ledger.to_ledger()) == set(book)  # the same rows, zeros left out alike
    assert ledger.periods == book.periods


@BULK
@given(ecosystems(min_interactions=1, max_interactions=8))
def test_the_frame_views_are_the_object_views(eco: cc.Ecosystem) -> None:
    ledger = bulk.account(eco, **interactions_to_tables(eco))
    assert_frames_close(
        bulk.net_benefit(eco, ledger=ledger).to_frame(),
        cc.net_benefit(eco).to_frame(),
        keys=["customer"],
    )
    assert_frames_close(
        bulk.net_benefit(eco, ledger=ledger, by_offering=True).to_frame(),
        cc.net_benefit(eco, by_offering=True).to_frame(),
        keys=["customer", "offering"],
    )
    assert_frames_close(
        bulk.net_value_flows(eco, ledger=ledger, discount_rate=0.1).to_frame(),
        cc.net_value_flows(eco, discount_rate=0.1).to_frame(),
        keys=["actor", "period"],
    )


@BULK
@given(
    ecosystems(min_interactions=1, max_interactions=8, min_organisations=1, max_organisations=1),
    st.sampled_from(["retained", "start", "end"]),
)
def test_a_frame_holds_the_columns_of_its_result(eco: cc.Ecosystem, timing: Any) -> None:
    # The id columns of a frame are converted once per ecosystem and kept: the same
    # values, and the dtypes pandas gives the result's own columns.
    ledger = bulk.account(eco, **interactions_to_tables(eco))
    results: list[Any] = [
        bulk.net_benefit(eco, ledger=ledger),
        bulk.net_benefit(eco, ledger=ledger, by_offering=True),
        bulk.net_value_flows(eco, ledger=ledger, discount_rate=0.1),
        bulk.firm_value(eco, ledger=ledger, timing=timing, horizon=3),
    ]
    for result in results:
        pd.testing.assert_frame_equal(result.to_frame(), pd.DataFrame(dict(result)))


@BULK
@given(
    ecosystems(min_interactions=1, max_interactions=8, min_organisations=1, max_organisations=1),
    st.sampled_from(["retained", "start", "end"]),
    st.sampled_from([None, 3]),
)
def test_the_firm_value_frame_is_firm_value(
    eco: cc.Ecosystem, timing: Any, horizon: int | None
) -> None:
    ledger = bulk.account(eco, **interactions_to_tables(eco))
    try:
        expected = cc.firm_value(eco, timing=timing, horizon=horizon).to_frame()
    except cc.CocreationError as error:
        failure: cc.CocreationError | None = error
    else:
        failure = None
    if failure is not None:
        with pytest.raises(type(failure), match=re.escape(str(failure))):
            bulk.firm_value(eco, ledger=ledger, timing=timing, horizon=horizon).to_frame()
        return
    assert_frames_close(
        bulk.firm_value(eco, ledger=ledger, timing=timing, horizon=horizon).to_frame(),
        expected,
        keys=["customer"],
    )


@BULK
@given(ecosystems(min_interactions=1, max_interactions=8), st.data())
def test_batching_and_merging_equals_accounting_at_once(
    eco: cc.Ecosystem, data: st.DataObject
) -> None:
    tables = interactions_to_tables(eco)
    cut = data.draw(st.integers(0, len(eco.interactions)))
    first, second = split_tables(tables, cut)
    merged = bulk.account(eco, **first) + bulk.account(eco, **second)
    whole = bulk.account(eco, **tables)
    assert merged.isclose(whole)
    assert merged.to_ledger().isclose(cc.account(eco))
    assert len(merged) == len(whole)


@BULK
@given(ecosystems(min_interactions=1, max_interactions=8), st.randoms(use_true_random=False))
def test_row_order_does_not_matter(eco: cc.Ecosystem, random: Any) -> None:
    tables = interactions_to_tables(eco)
    order = list(range(len(eco.interactions)))
    random.shuffle(order)
    shuffled = dict(tables)
    shuffled["interactions"] = {c: [v[i] for i in order] for c, v in tables["interactions"].items()}
    assert bulk.account(eco, **shuffled).isclose(bulk.account(eco, **tables))


@BULK
@given(ecosystems(min_interactions=1, max_interactions=8))
def test_tables_round_trip_to_equal_interactions(eco: cc.Ecosystem) -> None:
    assert tables_to_interactions(**interactions_to_tables(eco)) == eco.interactions


@BULK
@given(ecosystems(min_interactions=1, max_interactions=6))
def test_dataframes_and_arrow_tables_give_the_same_ledger(eco: cc.Ecosystem) -> None:
    tables = interactions_to_tables(eco)
    expected = bulk.account(eco, **tables)
    frames = interaction_frames(eco)
    arrow = {
        name: pa.Table.from_pandas(frame, preserve_index=False) for name, frame in frames.items()
    }
    assert bulk.account(eco, **frames).isclose(expected)
    assert bulk.account(eco, **arrow).isclose(expected)


# ------------------------------------------------------------------ the ledger object


def test_writing_into_a_result_leaves_the_next_results_alone() -> None:
    # The views share the ecosystem's lookup arrays; each result has its own columns.
    eco = cc.example_ecosystem()
    ledger = bulk.account(eco, **interactions_to_tables(eco))
    before = (
        bulk.net_benefit(eco, ledger=ledger).to_frame(),
        bulk.firm_value(eco, ledger=ledger, timing="retained").to_frame(),
    )
    first = bulk.net_benefit(eco, ledger=ledger)
    first["customer"][0] = "someone else"
    value = bulk.firm_value(eco, ledger=ledger, timing="retained")
    for column in ("customer", "count", "retention"):
        value[column][0] = value[column][1]
    after = (
        bulk.net_benefit(eco, ledger=ledger).to_frame(),
        bulk.firm_value(eco, ledger=ledger, timing="retained").to_frame(),
    )
    for old, new in zip(before, after, strict=True):
        pd.testing.assert_frame_equal(old, new)


def test_a_column_ledger_keeps_its_own_keys_when_the_tables_change_later() -> None:
    # The entries are summed into rows only when asked for: by then the caller may
    # have changed the frame it accounted.
    eco = cc.example_ecosystem()
    tables: dict[str, Any] = dict(interactions_to_tables(eco))
    interactions = dict(tables["interactions"])
    rows = len(interactions["customer"])
    period = np.arange(rows, dtype=np.int64) % 3  # NumPy columns, read without a copy
    recurring = np.arange(rows) % 2 == 0
    tables["interactions"] = {**interactions, "period": period, "recurring": recurring}
    expected = bulk.account(eco, **tables).to_ledger()
    ledger = bulk.account(eco, **tables)
    period += 5
    recurring[:] = ~recurring
    assert ledger.to_ledger() == expected


def test_a_column_ledger_round_trips_through_a_ledger_and_pickle() -> None:
    eco = cc.example_ecosystem()
    ledger = bulk.account(eco, **interactions_to_tables(eco))
    assert ColumnLedger.from_ledger(ledger.to_ledger()).isclose(ledger)
    assert pickle.loads(pickle.dumps(ledger)).isclose(ledger)
    actors = ledger.to_frame()["actor"].nunique()
    assert f"ColumnLedger(rows={len(ledger)}, actors={actors}," in repr(ledger)
    assert "actors=0," in repr(bulk.account(eco, {"customer": []}))
    assert ledger.to_frame().shape == (len(ledger), 6 + len(cc.LINES))


def test_column_ledger_arrays_are_read_only() -> None:
    eco = bank()
    ledger = bulk.account(eco, {"customer": ["ann"], "effort": [1.0]})
    with pytest.raises(ValueError, match="read-only"):
        ledger.line("effort")[0] = 5.0


def test_the_views_accept_an_object_ledger() -> None:
    eco = cc.example_ecosystem()
    objects = bulk.net_benefit(eco, ledger=cc.account(eco)).to_frame()
    columns = bulk.net_benefit(
        eco, ledger=bulk.account(eco, **interactions_to_tables(eco))
    ).to_frame()
    assert np.allclose(objects["net"], columns["net"])


def test_the_object_views_accept_a_column_ledger() -> None:
    # The two ledgers mix: every view, object or bulk, takes either.
    eco = cc.example_ecosystem()
    ledger = bulk.account(eco, **interactions_to_tables(eco))
    assert cc.net_benefit(eco, ledger=ledger).total() == pytest.approx(cc.net_benefit(eco).total())
    split = cc.net_benefit(eco, ledger=ledger, by_offering=True)
    assert sorted(split, key=str) == sorted(cc.net_benefit(eco, by_offering=True), key=str)
    by_columns = cc.firm_value(eco, ledger=ledger, timing="start")
    for customer, value in cc.firm_value(eco, timing="start").items():
        assert by_columns[customer].total == pytest.approx(value.total)
    flows = cc.net_value_flows(eco, ledger=ledger, discount_rate=0.1)
    assert flows.nets() == pytest.approx(cc.net_value_flows(eco, discount_rate=0.1).nets())


def test_column_results_convert_to_the_object_results() -> None:
    eco = cc.example_ecosystem()
    ledger = bulk.account(eco, **interactions_to_tables(eco))
    benefits = bulk.net_benefit(eco, ledger=ledger).to_objects()
    for customer, benefit in cc.net_benefit(eco).items():
        assert benefits[customer].net == pytest.approx(benefit.net)
    values = bulk.firm_value(eco, ledger=ledger, timing="end").to_objects()
    assert values.organisation == cc.firm_value(eco, timing="end").organisation
    flows = bulk.net_value_flows(eco, ledger=ledger).to_objects()
    assert flows.total_value_created() == pytest.approx(
        cc.net_value_flows(eco).total_value_created()
    )


@pytest.mark.parametrize(
    ("module", "name", "new"),
    [
        ("cocreation", "account_columns", "cocreation.bulk.account"),
        ("cocreation", "clv_array", "cocreation.bulk.clv"),
        ("cocreation", "ColumnLedger", "cocreation.bulk.ColumnLedger"),
        ("cocreation", "net_benefit_frame", "cocreation.bulk.net_benefit"),
        ("cocreation.accounting", "account_columns", "cocreation.bulk.account"),
        ("cocreation.accounting", "firm_value_frame", "cocreation.bulk.firm_value"),
        ("cocreation.accounting", "COLUMNS", "cocreation.tables.COLUMNS"),
        ("cocreation.accounting", "opportunity_score", "cocreation.voc.opportunity_score"),
    ],
)
def test_names_that_moved_still_work_for_one_release_with_a_warning(
    module: str, name: str, new: str
) -> None:
    import importlib

    with pytest.warns(DeprecationWarning, match=new.replace(".", r"\.")):
        getattr(importlib.import_module(module), name)


def test_an_old_frame_function_gives_the_frame_of_its_new_view() -> None:
    eco = cc.example_ecosystem()
    ledger = bulk.account(eco, **interactions_to_tables(eco))
    with pytest.warns(DeprecationWarning, match="firm_value_frame"):
        old = cc.firm_value_frame(eco, ledger, timing="end")
    new = bulk.firm_value(eco, ledger=ledger, timing="end").to_frame()
    assert old.equals(new)


def test_an_empty_table_gives_an_empty_ledger() -> None:
    eco = bank()
    ledger = bulk.account(eco, {"customer": []})
    assert len(ledger) == 0
    assert ledger.periods == ()
    frame = bulk.net_benefit(eco, ledger=ledger).to_frame()
    assert list(frame["customer"]) == ["ann", "bob"]
    assert (frame["net"] == 0.0).all()


def test_purchases_shares_modules_and_customer_time() -> None:
    eco = bank()
    ledger = bulk.account(
        eco,
        {
            "id": ["i1"],
            "customer": ["ann"],
            "counterpart": ["bank"],
            "offering": ["account"],
            "units": [1.0],
            "hours": [0.5],
            "job": ["pay"],
            "personalisation": [0.5],
        },
        modules={"interaction": ["i1"], "module": ["card"]},
        achievements={"interaction": ["i1"], "outcome": ["fast"], "level": [0.5]},
    )
    totals = ledger.to_ledger().totals()
    assert totals["ann"]["money_paid"] == 26.0  # (10 + 3) x 2 members
    assert totals["cloud"]["money_received"] == pytest.approx(5.2)
    assert totals["bank"]["expenses"] == 10.0  # (4 + 1) x 2
    assert totals["ann"]["time_cost"] == 30.0  # 0.5 h x 30 x 2
    assert totals["ann"]["value_in_use"] == pytest.approx(100 * 0.8 * 0.75 * 2)


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "risk_probability",
            1.5,
            r"interactions\[1\]\.risk_probability: expected a finite number in \[0, 1\]",
        ),
        ("effort", -2.0, r"interactions\[1\]\.effort: expected a finite number >= 0.*got -2\.0"),
        ("units", float("-inf"), r"interactions\[1\]\.units: .*got -inf"),
        ("occurrences", float("inf"), r"interactions\[1\]\.occurrences: .*got inf"),
        ("period", 1.5, r"interactions\[1\]\.period: expected an integer >= 0"),
        ("level", "selling", r"interactions\[1\]\.level: expected one of 'design'"),
        ("effort", "cheap", r"interactions\[1\]\.effort: .*got 'cheap'"),
        ("effort", True, r"interactions\[1\]\.effort: .*got True"),
    ],
)
def test_a_bad_value_names_table_row_column_and_value(
    column: str, value: Any, message: str
) -> None:
    eco = bank()
    columns: dict[str, list[Any]] = {
        "customer": ["ann", "ann"],
        column: [0.0 if column != "level" else None, value],
    }
    with pytest.raises(cc.ValidationError, match=message):
        bulk.account(eco, columns)


def test_a_nan_in_an_optional_number_is_missing_and_takes_the_default() -> None:
    # pandas' convention: read_csv gives NaN for an empty cell of a float column.
    eco = bank()
    for effort in (
        np.array([np.nan, 1.0]),
        [float("nan"), 1.0],
        pd.Series([np.nan, 1.0]),
        pa.array([float("nan"), 1.0]),
        np.ma.MaskedArray([np.nan, 1.0], mask=[False, False]),
    ):
        ledger = bulk.account(eco, {"customer": ["ann", "ann"], "effort": effort})
        assert ledger.line("effort").tolist() == [2.0]  # 0 + 1, times count 2
    dart = pd.DataFrame({"customer": ["ann"], "dart_access": [np.nan]})
    assert bulk.account(eco, dart).line("effort").tolist() == []


def test_a_nan_in_a_required_number_is_rejected() -> None:
    eco = bank()
    with pytest.raises(cc.ValidationError, match=r"transfers\[0\]\.amount: .*got nan"):
        bulk.account(
            eco,
            {"id": ["a"], "customer": ["ann"]},
            transfers=pd.DataFrame(
                {"interaction": ["a"], "source": ["bank"], "target": ["ann"], "amount": [np.nan]}
            ),
        )
    with pytest.raises(cc.ValidationError, match=r"achievements\[0\]\.level: .*got nan"):
        bulk.account(
            eco,
            {"id": ["a"], "customer": ["ann"], "job": ["pay"]},
            achievements={"interaction": ["a"], "outcome": ["fast"], "level": [np.nan]},
        )


def test_a_missing_value_in_a_nullable_column_takes_the_default() -> None:
    eco = bank()
    ledger = bulk.account(
        eco,
        pd.DataFrame(
            {"customer": ["ann"], "occurrences": pd.array([None], dtype="Float64"), "effort": [1.0]}
        ),
    )
    assert ledger.line("effort").tolist() == [2.0]  # occurrences default 1 x count 2
    arrow = pa.table(
        {"customer": ["ann"], "occurrences": pa.array([None], type=pa.float64()), "effort": [1.0]}
    )
    assert bulk.account(eco, arrow).line("effort").tolist() == [2.0]


@pytest.mark.parametrize(
    ("tables", "error", "message"),
    [
        (
            {"interactions": {"customer": ["nobody"]}},
            cc.UnknownIdError,
            r"interactions\[0\]\.customer: expected the id of a customer, got unknown id 'nobody'",
        ),
        (
            {"interactions": {"customer": ["ann"], "counterpart": ["ann"]}},
            cc.ValidationError,
            r"interactions\[0\]\.counterpart: expected an id other than the customer's",
        ),
        (
            {"interactions": {"customer": ["bob"], "job": ["pay"]}},
            cc.ValidationError,
            r"interactions\[0\]\.job: expected a job of the interaction's customer",
        ),
        (
            {"interactions": {"customer": ["ann"], "units": [1.0]}},
            cc.ValidationError,
            r"interactions\[0\]\.offering",
        ),
        (
            {"interactions": {"id": ["a", "a"], "customer": ["ann", "ann"]}},
            cc.ValidationError,
            r"interactions\[1\]\.id: expected an id not repeated",
        ),
        (
            {
                "interactions": {"id": ["a"], "customer": ["ann"]},
                "transfers": {
                    "interaction": ["b"],
                    "source": ["bank"],
                    "target": ["ann"],
                    "amount": [1.0],
                },
            },
            cc.UnknownIdError,
            r"transfers\[0\]\.interaction",
        ),
        (
            {
                "interactions": {"id": ["a"], "customer": ["ann"]},
                "transfers": {
                    "interaction": ["a"],
                    "source": ["bank"],
                    "target": ["bank"],
                    "amount": [1.0],
                },
            },
            cc.ValidationError,
            r"transfers\[0\]\.target: expected an actor other than the source",
        ),
        (
            {
                "interactions": {"id": ["a"], "customer": ["ann"]},
                "transfers": {
                    "interaction": ["a"],
                    "source": ["bank"],
                    "target": ["ann"],
                    "amount": [-1.0],
                },
            },
            cc.ValidationError,
            r"transfers\[0\]\.amount",
        ),
        (
            {
                "interactions": {"id": ["a"], "customer": ["ann"], "job": ["pay"]},
                "achievements": {"interaction": ["a"], "outcome": ["cheap"], "level": [0.5]},
            },
            cc.UnknownIdError,
            r"achievements\[0\]\.outcome",
        ),
        (
            {
                "interactions": {"id": ["a"], "customer": ["ann"], "job": ["pay"]},
                "achievements": {
                    "interaction": ["a", "a"],
                    "outcome": ["fast", "fast"],
                    "level": [0.5, 0.2],
                },
            },
            cc.ValidationError,
            r"achievements\[1\]\.outcome: expected an outcome not repeated",
        ),
        (
            {
                "interactions": {"id": ["a"], "customer": ["ann"]},
                "achievements": {"interaction": ["a"], "outcome": ["fast"], "level": [0.5]},
            },
            cc.ValidationError,
            r"interactions\[0\]\.job",
        ),
        (
            {
                "interactions": {"id": ["a"], "customer": ["ann"], "offering": ["account"]},
                "modules": {"interaction": ["a"], "module": ["gold"]},
            },
            cc.UnknownIdError,
            r"modules\[0\]\.module",
        ),
        (
            {
                "interactions": {"id": ["a"], "customer": ["ann"]},
                "contributions": {"interaction": ["a"], "actor": ["ann"], "kind": ["gold"]},
            },
            cc.ValidationError,
            r"contributions\[0\]\.kind",
        ),
        (
            {"interactions": {"customer": ["ann"], "colour": ["red"]}},
            cc.ValidationError,
            r"interactions\.columns: expected one of the columns",
        ),
        (
            {"interactions": {"counterpart": ["bank"]}},
            cc.ValidationError,
            r"interactions\.customer: expected a column",
        ),
        (
            {
                "interactions": {"customer": ["ann"]},
                "modules": {"interaction": ["a"], "module": ["card"]},
            },
            cc.ValidationError,
            r"interactions\.id",
        ),
        (
            {"interactions": {"customer": ["ann", "bob"], "effort": [1.0]}},
            cc.ValidationError,
            r"interactions\.effort: expected a column of 2 values",
        ),
    ],
)
def test_bad_references_and_tables_raise_the_library_errors(
    tables: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        bulk.account(bank(), **tables)


def test_not_a_table_is_rejected() -> None:
    with pytest.raises(
        cc.ValidationError, match="a pandas DataFrame, a pyarrow Table or a mapping"
    ):
        bulk.account(bank(), [("ann",)])
    with pytest.raises(cc.ValidationError, match="an array or list of values"):
        bulk.account(bank(), {"customer": "ann"})


def test_integer_ids_are_read_as_their_decimal_text() -> None:
    eco = cc.Ecosystem().add_customer("17").add_customer("18")
    ledger = bulk.account(eco, {"customer": np.array([17, 18, 17]), "effort": [1.0, 2.0, 3.0]})
    # Effort is a sacrifice: negative, as in NetBenefit.lines().
    assert bulk.net_benefit(eco, ledger=ledger).to_frame()["effort"].tolist() == [-4.0, -2.0]


# ------------------------------------------------------------------ lifetime value over arrays


@settings(deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-1e6, 1e6), st.floats(0.0, 0.99), st.floats(0.0, 1.0)),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(["retained", "start", "end"]),
    st.sampled_from([None, 0, 1, 12]),
    st.floats(0.0, 100.0),
)
def test_clv_array_is_clv_element_by_element(
    rows: list[tuple[float, float, float]], timing: Any, horizon: int | None, cost: float
) -> None:
    margin, retention, rate = (np.array(column) for column in zip(*rows, strict=True))
    values = bulk.clv(
        margin, retention, rate, timing=timing, horizon=horizon, acquisition_cost=cost
    )
    for m, r, d, value in zip(margin, retention, rate, values, strict=True):
        expected = cc.clv(
            float(m), float(r), float(d), timing=timing, horizon=horizon, acquisition_cost=cost
        )
        assert math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-6)


def test_lifetime_factor_array_matches_the_scalar() -> None:
    factors = bulk.lifetime_factor(np.array([0.0, 0.5, 0.8]), 0.12, timing="retained", growth=0.05)
    for r, factor in zip([0.0, 0.5, 0.8], factors, strict=True):
        assert math.isclose(factor, cc.lifetime_factor(r, 0.12, timing="retained", growth=0.05))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"margin": [1.0, np.nan]},
            cc.ValidationError,
            r"margin\[1\]: expected a finite number, got nan",
        ),
        (
            {"retention": [0.5, -0.1]},
            cc.ValidationError,
            r"retention\[1\]: expected a probability in \[0, 1\]",
        ),
        (
            {"retention": [0.5, 1.0], "discount_rate": 0.0},
            cc.DivergenceError,
            r"retention\[1\]: expected a retention below",
        ),
        (
            {"discount_rate": -0.1},
            cc.ValidationError,
            r"discount_rate: expected a finite number >= 0",
        ),
        ({"acquisition_cost": [0.0, -1.0]}, cc.ValidationError, r"acquisition_cost\[1\]"),
        ({"timing": "later"}, cc.ValidationError, r"timing: expected one of"),
        ({"horizon": -1}, cc.ValidationError, r"horizon"),
        ({"growth": -1.0}, cc.ValidationError, r"growth: expected a finite number > -1"),
    ],
)
def test_clv_array_checks_like_clv(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    arguments: dict[str, Any] = {
        "margin": [1.0, 2.0],
        "retention": [0.5, 0.5],
        "discount_rate": 0.1,
        "timing": "end",
    }
    arguments.update(kwargs)
    with pytest.raises(error, match=message):
        bulk.clv(**arguments)


def test_clv_array_broadcasts_rates_and_shapes() -> None:
    values = bulk.clv(np.full((2, 3), 100.0), 0.8, np.array([0.12, 0.2, 0.0]), timing="retained")
    assert values.shape == (2, 3)
    assert math.isclose(values[1, 0], 250.0)


def test_the_schema_lists_every_table() -> None:
    assert set(COLUMNS) == {"interactions", "transfers", "achievements", "contributions", "modules"}
    assert "customer" in COLUMNS["interactions"]


# ------------------------------------------------------------------ one-off interactions


@pytest.mark.parametrize("value", [1, 0, "false", 1.0])
def test_a_recurring_value_that_is_not_a_bool_names_row_and_value(value: Any) -> None:
    columns = {"customer": ["ann", "ann"], "recurring": [True, value]}
    with pytest.raises(
        cc.ValidationError, match=r"interactions\[1\]\.recurring: expected True or False"
    ):
        bulk.account(bank(), columns)


@pytest.mark.parametrize(
    "recurring",
    [
        [True, False, None],
        np.array([True, False, True]),
        pd.array([True, False, None], dtype="boolean"),
        pa.array([True, False, None]),
    ],
    ids=["list", "numpy", "pandas-boolean", "arrow"],
)
def test_the_recurring_column_keeps_one_off_rows_apart(recurring: Any) -> None:
    eco = bank()
    columns = {
        "customer": ["ann", "ann", "ann"],
        "offering": ["account"] * 3,
        "units": [1.0, 1.0, 1.0],
        "recurring": recurring,
    }
    ledger = bulk.account(eco, columns)
    book = ledger.to_ledger()
    bank_rows = {key.recurring: values for key, values in book.rows() if key.actor == "bank"}
    assert bank_rows[True]["money_received"] == pytest.approx(2 * 2 * 10.0 * 0.8)
    assert bank_rows[False]["money_received"] == pytest.approx(2 * 10.0 * 0.8)
    assert ColumnLedger.from_ledger(book).isclose(ledger)
    assert (ledger + ledger).to_ledger().isclose(book.merge(book))
    assert ledger.to_frame()["recurring"].tolist().count(False) == len(
        [key for key in book if not key.recurring]
    )


def test_one_off_rows_round_trip_and_value_as_the_object_path() -> None:
    eco = bank()
    interactions = [
        cc.Interaction("a", customer="ann", offering="account", units=1),
        cc.Interaction("b", customer="bob", offering="account", units=2, period=1, recurring=False),
        cc.Interaction("c", customer="ann", offering="account", units=1, recurring=False),
    ]
    tables = interactions_to_tables(interactions)
    assert tables["interactions"]["recurring"] == [True, False, False]
    assert tables_to_interactions(**tables) == tuple(interactions)
    assert interaction_frames(interactions)["interactions"]["recurring"].dtype.name == "bool"
    ledger = bulk.account(eco, **tables)
    assert ledger.to_ledger().isclose(cc.account(eco, interactions))
    with_them = eco
    for interaction in interactions:
        with_them = with_them.add(interaction)
    objects = cc.firm_value(with_them, timing="retained").to_frame()
    assert_frames_close(
        bulk.firm_value(eco, ledger=ledger, timing="retained").to_frame(),
        objects,
        keys=["customer"],
    )
    # bob's one-off purchase in period 1: the bank's margin once, discounted a period.
    assert objects.set_index("customer").loc["bob", "lifetime_value"] == pytest.approx(
        2 * (10.0 * 0.8 - 4.0) / 1.1
    )
