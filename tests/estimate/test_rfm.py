"""From a transaction log to frequency, recency, age and spend: figures worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from cocreation import estimate
from cocreation.errors import ValidationError
from cocreation.estimate import Times, Unit

pa = pytest.importorskip("pyarrow")


def hand_made_log() -> pd.DataFrame:
    """Four customers over January and February 2024; the calibration period ends on 31 January.

    ann  1 Jan 09:00  20  first purchase
         1 Jan 17:30   5  same day: still the first purchase (day total 25)
         8 Jan         30  repeat 1
        22 Jan 12:00  10  repeat 2 ...
        22 Jan 15:00  20  ... same day (day total 30)
         5 Feb 10:00  40  holdout ...
         5 Feb 11:00   1  ... same day: one holdout purchase
        12 Feb         7  holdout: the last transaction of the log
    bob 10 Jan         15  only purchase
    cat  3 Jan         12  first purchase
        31 Jan         18  repeat on the end day itself: still calibration
    dan  7 Feb          9  first purchase after the end: not summarised
    """
    rows = [
        ("ann", "2024-01-01 09:00", 20.0),
        ("ann", "2024-01-01 17:30", 5.0),
        ("bob", "2024-01-10 08:00", 15.0),
        ("cat", "2024-01-03 10:00", 12.0),
        ("ann", "2024-01-08 10:00", 30.0),
        ("ann", "2024-01-22 12:00", 10.0),
        ("ann", "2024-01-22 15:00", 20.0),
        ("cat", "2024-01-31 23:00", 18.0),
        ("ann", "2024-02-05 10:00", 40.0),
        ("ann", "2024-02-05 11:00", 1.0),
        ("dan", "2024-02-07 12:00", 9.0),
        ("ann", "2024-02-12 09:00", 7.0),
    ]
    return pd.DataFrame(
        {
            "customer": [r[0] for r in rows],
            "time": pd.to_datetime([r[1] for r in rows]),
            "amount": [r[2] for r in rows],
        }
    )


def summarise(log: object, unit: str = "day", **options: object) -> estimate.RFM:
    return estimate.rfm(
        log,
        customer="customer",
        time="time",
        amount="amount",
        unit=unit,
        end=options.pop("end", "2024-01-31"),
        **options,
    )


def test_hand_made_log_in_days() -> None:
    s = summarise(hand_made_log())
    assert s.customer.tolist() == ["ann", "bob", "cat"]  # dan starts after the end
    # ann: purchase days 1, 8, 22 Jan -> 2 repeat purchases; last 22 Jan - 1 Jan = 21 days;
    #      observed 31 Jan - 1 Jan = 30 days; repeat spend (30 + 10 + 20) / 2 = 30.
    # bob: one purchase; age 31 - 10 = 21 days; no repeat spend.
    # cat: days 3 and 31 Jan -> 1 repeat; recency = age = 28 days; spend 18.
    assert s.frequency.tolist() == [2, 0, 1]
    assert s.recency.values.tolist() == [21.0, 0.0, 28.0]
    assert s.age.values.tolist() == [30.0, 21.0, 28.0]
    assert s.mean_spend is not None
    assert s.mean_spend[0] == 30.0
    assert math.isnan(s.mean_spend[1])
    assert s.mean_spend[2] == 18.0
    # ann buys on 5 Feb (twice: once) and 12 Feb; the log ends 12 days after the end.
    assert s.holdout_frequency.tolist() == [2, 0, 0]
    assert s.holdout_length == 12.0
    assert s.unit is Unit.DAY
    assert s.recency.unit is Unit.DAY
    assert s.age.unit is Unit.DAY


def test_hand_made_log_in_weeks_and_months() -> None:
    weeks = summarise(hand_made_log(), "week")
    # 21 days = 3 weeks, 30 days = 30/7 weeks, 28 days = 4 weeks; holdout 12/7 weeks.
    assert weeks.recency.values.tolist() == pytest.approx([3.0, 0.0, 4.0])
    assert weeks.age.values.tolist() == pytest.approx([30 / 7, 3.0, 4.0])
    assert weeks.holdout_length == pytest.approx(12 / 7)
    assert weeks.frequency.tolist() == [2, 0, 1]  # counts do not depend on the unit
    months = summarise(hand_made_log(), "month")
    # A month is a twelfth of 365.2425 days: 30.436875 days.
    assert months.age.values.tolist() == pytest.approx(
        [30 / 30.436875, 21 / 30.436875, 28 / 30.436875]
    )
    years = summarise(hand_made_log(), "year")
    assert years.recency.values[0] == pytest.approx(21 / 365.2425)


def test_changing_the_unit_afterwards_equals_summarising_in_it() -> None:
    days = summarise(hand_made_log(), "day")
    weeks = summarise(hand_made_log(), "week")
    converted = days.to("week")
    assert converted.unit is Unit.WEEK
    np.testing.assert_allclose(converted.recency.values, weeks.recency.values)
    np.testing.assert_allclose(converted.age.values, weeks.age.values)
    assert converted.holdout_length == pytest.approx(weeks.holdout_length)


def test_an_arrow_table_gives_the_same_summary() -> None:
    s = summarise(pa.Table.from_pandas(hand_made_log(), preserve_index=False))
    assert s.customer.tolist() == ["ann", "bob", "cat"]
    assert s.frequency.tolist() == [2, 0, 1]
    assert s.age.values.tolist() == [30.0, 21.0, 28.0]
    assert s.holdout_frequency.tolist() == [2, 0, 0]


def test_a_log_sorted_by_customer_gives_the_same_summary() -> None:
    log = hand_made_log().sort_values(["customer", "time"], kind="stable")
    s = summarise(log)
    assert s.frequency.tolist() == [2, 0, 1]
    assert s.recency.values.tolist() == [21.0, 0.0, 28.0]


def test_start_keeps_only_customers_acquired_from_then_on() -> None:
    # ann (1 Jan) and cat (3 Jan) were customers before 5 Jan: left out.
    s = summarise(hand_made_log(), start="2024-01-05")
    assert s.customer.tolist() == ["bob"]


def test_the_end_day_is_included_whole() -> None:
    # Ending on 22 Jan: ann's two orders that day are a repeat purchase; cat's 31 Jan is holdout.
    s = summarise(hand_made_log(), end="2024-01-22")
    assert s.frequency.tolist() == [2, 0, 0]
    assert s.age.values.tolist() == [21.0, 12.0, 19.0]
    assert s.holdout_frequency.tolist() == [2, 0, 1]
    assert s.holdout_length == 21.0  # 22 Jan to 12 Feb


def test_day_numbers_and_no_amounts() -> None:
    log = pd.DataFrame({"customer": ["x", "y", "x", "x"], "time": [2, 5, 2.9, 11]})
    s = estimate.rfm(log, customer="customer", time="time", unit="day", end=10)
    # x: days 2 (twice) -> first purchase; day 11 is holdout; y: day 5.
    assert s.frequency.tolist() == [0, 0]
    assert s.age.values.tolist() == [8.0, 5.0]
    assert s.mean_spend is None
    assert s.holdout_frequency.tolist() == [1, 0]


def test_time_zones_count_calendar_days_on_the_wall_clock() -> None:
    times = pd.to_datetime(["2024-01-01 23:30", "2024-01-02 00:30"]).tz_localize("Europe/Zurich")
    log = pd.DataFrame({"customer": ["a", "a"], "time": times})
    s = estimate.rfm(log, customer="customer", time="time", unit="day", end="2024-01-03")
    assert s.frequency.tolist() == [1]


def test_the_summary_is_immutable() -> None:
    s = summarise(hand_made_log())
    with pytest.raises(AttributeError):
        s.unit = Unit.WEEK  # type: ignore[misc]
    for values in (s.frequency, s.recency.values, s.age.values, s.mean_spend, s.customer):
        with pytest.raises(ValueError, match="read-only"):
            values[0] = values[1]  # type: ignore[index]


def test_to_frame_names_the_unit() -> None:
    frame = summarise(hand_made_log(), "week").to_frame()
    assert frame.attrs["unit"] == "week"
    assert frame["customer"].tolist() == ["ann", "bob", "cat"]
    assert frame["recency"].tolist() == pytest.approx([3.0, 0.0, 4.0])


# ----------------------------------------------------------------------------- bad input


def test_an_unknown_unit_is_named() -> None:
    with pytest.raises(ValidationError, match=r"unit: expected one of 'day'.*got 'fortnight'"):
        summarise(hand_made_log(), "fortnight")


def test_an_unnamed_period_is_no_unit_of_a_log() -> None:
    with pytest.raises(ValidationError, match=r"unit: .*got 'period'"):
        summarise(hand_made_log(), "period")


def test_an_empty_log_is_rejected() -> None:
    with pytest.raises(ValidationError, match="table: expected at least one transaction"):
        summarise(hand_made_log().iloc[:0])


def test_a_missing_column_is_named() -> None:
    with pytest.raises(ValidationError, match=r"time: expected the name of a column.*got 'when'"):
        estimate.rfm(hand_made_log(), customer="customer", time="when", unit="day", end=3)


def test_negative_day_numbers_are_rejected_with_their_row() -> None:
    log = pd.DataFrame({"customer": ["a", "b"], "time": [3.0, -1.0]})
    with pytest.raises(ValidationError, match=r"time\[1\]: expected a day number >= 0, got -1.0"):
        estimate.rfm(log, customer="customer", time="time", unit="day", end=10)


def test_a_negative_end_is_rejected() -> None:
    log = pd.DataFrame({"customer": ["a"], "time": [3.0]})
    with pytest.raises(ValidationError, match="end: expected a day number >= 0, got -2"):
        estimate.rfm(log, customer="customer", time="time", unit="day", end=-2)


def test_rows_out_of_time_order_within_a_customer_are_rejected() -> None:
    log = pd.DataFrame({"customer": ["a", "b", "a"], "time": [5.0, 1.0, 2.0]})
    with pytest.raises(ValidationError, match=r"time\[2\]: expected a time not before row 0"):
        estimate.rfm(log, customer="customer", time="time", unit="day", end=10)


def test_duplicated_rows_are_rejected() -> None:
    log = hand_made_log()
    doubled = pd.concat([log.iloc[:5], log.iloc[[4]], log.iloc[5:]], ignore_index=True)
    with pytest.raises(
        ValidationError, match=r"table\[5\]: expected a transaction that does not repeat row 4"
    ):
        summarise(doubled)


def test_the_same_time_with_another_amount_is_two_orders() -> None:
    log = pd.DataFrame(
        {"customer": ["a", "a", "a"], "time": [1.0, 4.0, 4.0], "amount": [1.0, 2.0, 3.0]}
    )
    s = estimate.rfm(log, customer="customer", time="time", amount="amount", unit="day", end=9)
    assert s.frequency.tolist() == [1]
    assert s.mean_spend is not None
    assert s.mean_spend.tolist() == [5.0]


def test_missing_values_are_named_with_their_row() -> None:
    log = hand_made_log()
    log.loc[3, "customer"] = None
    with pytest.raises(ValidationError, match=r"customer\[3\]: expected a customer id"):
        summarise(log)
    log = hand_made_log()
    log.loc[2, "time"] = pd.NaT
    with pytest.raises(ValidationError, match=r"time\[2\]: expected a date or time"):
        summarise(log)
    log = hand_made_log()
    log.loc[1, "amount"] = float("inf")
    with pytest.raises(ValidationError, match=r"amount\[1\]: expected a finite amount, got inf"):
        summarise(log)


def test_an_end_of_the_wrong_kind_is_rejected() -> None:
    with pytest.raises(ValidationError, match="end: expected a date or time"):
        summarise(hand_made_log(), end=31)
    log = pd.DataFrame({"customer": ["a"], "time": [3.0]})
    with pytest.raises(ValidationError, match="end: expected a day number"):
        estimate.rfm(log, customer="customer", time="time", unit="day", end="2024-01-01")


def test_start_after_end_and_an_end_before_everyone_are_rejected() -> None:
    with pytest.raises(ValidationError, match="start: expected a day on or before end"):
        summarise(hand_made_log(), start="2024-02-01")
    with pytest.raises(ValidationError, match="end: expected a day on or after the first purchase"):
        summarise(hand_made_log(), end="2023-12-01")


def test_a_table_of_another_kind_is_rejected() -> None:
    with pytest.raises(
        ValidationError, match="table: expected a pandas DataFrame or a pyarrow Table"
    ):
        estimate.rfm({"customer": ["a"]}, customer="customer", time="time", unit="day", end=1)


def test_mixing_units_is_an_error() -> None:
    with pytest.raises(ValidationError, match="expected a unit that converts into days"):
        Times([1.0], "period").to("day")
