"""From a raw transaction log to one row per customer: frequency, recency, age and spend."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from cocreation._optional import require
from cocreation.errors import ValidationError
from cocreation.estimate._fit import numpy
from cocreation.estimate._units import FEATURE, Times, Unit, parse_unit

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]

__all__ = ["RFM", "rfm"]

_NS_PER_DAY = 86_400 * 10**9


def _frozen(values: Any) -> Any:
    """A read-only copy of an array (``None`` stays ``None``)."""
    if values is None:
        return None
    array = numpy().array(values, copy=True)
    array.setflags(write=False)
    return array


@frozen(eq=False)
class RFM:
    """A transaction log summarised per customer, in an explicit unit of time.

    What the models of repeat buying read (Fader, Hardie & Lee 2005): each
    customer's number of repeat purchases, when the last one was, how long the
    customer has been observed, and the mean spend of the repeat purchases, up to
    ``end``; and how many purchases each made after ``end`` (the holdout).

    Attributes:
        customer: Customer ids, in the order they first appear in the log.
        frequency: Repeat purchases up to ``end``: distinct purchase days after the
            first (several orders on one day count as one purchase).
        recency: From the first purchase to the last one up to ``end``, in ``unit``.
        age: From the first purchase to ``end``, in ``unit``.
        mean_spend: The mean amount of the repeat purchases (a day's orders summed),
            NaN where there is none; ``None`` when the log has no amounts.
        holdout_frequency: Distinct purchase days after ``end``.
        holdout_length: From ``end`` to the last transaction of the log, in ``unit``:
            the length of the holdout period.
        unit: The unit of ``recency``, ``age`` and ``holdout_length``.

    Examples:
        >>> import pandas as pd
        >>> from cocreation import estimate
        >>> log = pd.DataFrame({
        ...     "who": ["ann", "ann", "ann", "bob"],
        ...     "when": pd.to_datetime(["2024-01-01", "2024-01-15", "2024-01-29", "2024-01-08"]),
        ... })
        >>> summary = estimate.rfm(log, customer="who", time="when", unit="week", end="2024-01-29")
        >>> summary.frequency.tolist(), summary.recency.values.tolist(), summary.age.values.tolist()
        ([2, 0], [4.0, 0.0], [4.0, 3.0])
    """

    customer: Any = field(converter=_frozen)
    frequency: Ints = field(converter=_frozen)
    recency: Times
    age: Times
    mean_spend: Floats | None = field(converter=_frozen)
    holdout_frequency: Ints = field(converter=_frozen)
    holdout_length: float
    unit: Unit = field(converter=parse_unit)

    def __len__(self) -> int:
        return len(self.frequency)

    def to(self, unit: Unit | str) -> RFM:
        """The same summary in another unit of time.

        Examples:
            >>> import pandas as pd
            >>> from cocreation import estimate
            >>> log = pd.DataFrame({"who": ["a", "a"], "day": [0, 14]})
            >>> summary = estimate.rfm(log, customer="who", time="day", unit="day", end=21)
            >>> summary.to("week").age.values.tolist()
            [3.0]
        """
        target = parse_unit(unit)
        factor = self.unit.per(target)
        return RFM(
            customer=self.customer,
            frequency=self.frequency,
            recency=self.recency.to(target),
            age=self.age.to(target),
            mean_spend=self.mean_spend,
            holdout_frequency=self.holdout_frequency,
            holdout_length=self.holdout_length * factor,
            unit=target,
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per customer as a pandas DataFrame; ``frame.attrs["unit"]`` names the unit.

        Examples:
            >>> import pandas as pd
            >>> from cocreation import estimate
            >>> log = pd.DataFrame({"who": ["a", "a"], "day": [0, 14], "spend": [5.0, 7.0]})
            >>> frame = estimate.rfm(log, customer="who", time="day", amount="spend",
            ...                      unit="week", end=21).to_frame()
            >>> frame.attrs["unit"], list(frame.columns)
            ('week', ['customer', 'frequency', 'recency', 'age', 'mean_spend', 'holdout_frequency'])
        """
        pandas = require("pandas", "pandas", "RFM.to_frame")
        np = numpy()
        frame = pandas.DataFrame(
            {
                "customer": self.customer,
                "frequency": self.frequency,
                "recency": self.recency.values,
                "age": self.age.values,
                "mean_spend": (
                    np.full(len(self), np.nan) if self.mean_spend is None else self.mean_spend
                ),
                "holdout_frequency": self.holdout_frequency,
            }
        )
        frame.attrs["unit"] = self.unit.value
        result: pd.DataFrame = frame
        return result


# ----------------------------------------------------------------------------- reading the log


def _columns_of(table: Any) -> list[str]:
    module = type(table).__module__.split(".", 1)[0]
    if module == "pandas" and hasattr(table, "columns"):
        return [str(name) for name in table.columns]
    if module == "pyarrow" and hasattr(table, "column_names"):
        return list(table.column_names)
    raise ValidationError(
        "table",
        type(table).__name__,
        "a pandas DataFrame or a pyarrow Table, one row per transaction",
    )


def _raw(table: Any, name: str) -> tuple[Any, str]:
    """The column as a NumPy array and its kind: ``"datetime"``, ``"number"`` or ``"other"``."""
    np = numpy()
    module = type(table).__module__.split(".", 1)[0]
    if module == "pyarrow":
        pa = require("pyarrow", "parquet", FEATURE)
        pc = require("pyarrow.compute", "parquet", FEATURE)
        column = table.column(name)
        kind = column.type
        if pa.types.is_timestamp(kind) or pa.types.is_date(kind):
            if pa.types.is_timestamp(kind) and kind.tz is not None:
                column = pc.local_timestamp(column)
            filled = pc.is_null(column)
            values = column.cast(pa.timestamp("ns")).to_numpy(zero_copy_only=False)
            values = values.astype("datetime64[ns]")
            values[filled.to_numpy(zero_copy_only=False)] = np.datetime64("NaT")
            return values, "datetime"
        if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
            return column.cast(pa.float64()).to_numpy(zero_copy_only=False), "number"
        return np.asarray(column.to_numpy(zero_copy_only=False), dtype=object), "other"
    pandas = require("pandas", "pandas", FEATURE)
    series = table[name]
    types = pandas.api.types
    if types.is_datetime64_any_dtype(series.dtype):
        if getattr(series.dt, "tz", None) is not None:
            series = series.dt.tz_localize(None)
        return series.to_numpy(dtype="datetime64[ns]", na_value=np.datetime64("NaT")), "datetime"
    if types.is_bool_dtype(series.dtype):
        return series.to_numpy(dtype=object), "other"
    if types.is_numeric_dtype(series.dtype):
        return series.to_numpy(dtype=float, na_value=np.nan), "number"
    values = series.to_numpy(dtype=object)
    if len(values) and all(isinstance(v, dt.date) for v in values[: min(len(values), 64)]):
        try:
            return np.asarray(values, dtype="datetime64[ns]"), "datetime"
        except (TypeError, ValueError):
            pass
    return values, "other"


def _point(value: object, kind: str, name: str) -> float | int:
    """``end`` or ``start`` as nanoseconds (datetimes) or a day number (numbers)."""
    np = numpy()
    if kind == "number":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ValidationError(name, value, "a day number, like the time column")
        if value < 0:
            raise ValidationError(name, value, "a day number >= 0")
        return float(value)
    try:
        if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
            value = value.replace(tzinfo=None)  # type: ignore[attr-defined]
        if hasattr(value, "to_datetime64"):
            value = value.to_datetime64()
        if isinstance(value, bool | int | float):
            raise TypeError(value)
        point = np.datetime64(value, "ns")
    except (TypeError, ValueError) as error:
        raise ValidationError(name, value, "a date or time, like the time column") from error
    if np.isnat(point):
        raise ValidationError(name, value, "a date or time, like the time column")
    nanoseconds: int = point.astype("int64").item()
    return nanoseconds


def _fail_at(name: str, values: Any, positions: Any, expected: str) -> None:
    if len(positions):
        row = int(positions[0])
        value = values[row]
        if hasattr(value, "item"):
            value = value.item()
        raise ValidationError(f"{name}[{row}]", value, expected)


def _factorise(values: Any) -> tuple[Ints, Any]:
    """Integer codes in order of first appearance, and the distinct values."""
    np = numpy()
    try:
        pandas = require("pandas", "pandas", FEATURE)
    except ImportError:
        uniques, first, inverse = np.unique(values, return_index=True, return_inverse=True)
        order = np.argsort(first)
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        return rank[inverse], uniques[order]
    codes, uniques = pandas.factorize(values, use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object)


def rfm(
    table: Any,
    *,
    customer: str,
    time: str,
    amount: str | None = None,
    unit: Unit | str,
    end: Any,
    start: Any = None,
) -> RFM:
    """Summarise a transaction log per customer: frequency, recency, age and mean spend.

    One row per transaction goes in (a pandas DataFrame or a pyarrow Table); one row
    per customer comes out, with durations in ``unit``. Purchases are counted by
    day: several orders on one calendar day are one purchase (their amounts
    summed), so ``frequency`` is the number of distinct purchase days after the
    first. Transactions on days after ``end`` are the holdout: they count only in
    ``holdout_frequency``.

    The time column holds dates or times (NumPy, pandas or Arrow; a time zone, if
    any, is dropped to wall-clock time), or plain numbers read as day numbers since
    an origin of your choosing (``>= 0``; the day is their integer part). ``end`` and
    ``start`` are of the same kind.

    Args:
        table: The log, one row per transaction.
        customer: The name of the column of customer ids.
        time: The name of the column of transaction times.
        amount: The name of the column of amounts (revenue per transaction), if any.
        unit: The unit of every duration of the result: ``"day"``, ``"week"``,
            ``"month"`` or ``"year"`` (see [`Unit`][cocreation.estimate.Unit]).
        end: The end of the calibration period (its whole day included).
        start: If given, only customers whose first purchase is on or after this day
            are summarised (a cohort; earlier customers' history is incomplete).

    Returns:
        The summary, one row per customer whose first purchase is in the
        calibration period.

    Raises:
        ValidationError: An unknown unit or column, an empty log, a missing value, a
            negative or non-finite time or amount, rows of one customer out of time
            order, a duplicated row (same customer, time and amount), ``start``
            after ``end``, or no customer before ``end``. Each message names the
            column, the row (counting from 0) and the value.

    Examples:
        >>> import pandas as pd
        >>> from cocreation import estimate
        >>> log = pd.DataFrame({
        ...     "customer": ["a", "a", "a", "b", "a"],
        ...     "day": [0, 7, 7.5, 3, 30],  # two orders on day 7; day 30 is after `end`
        ...     "amount": [10.0, 4.0, 6.0, 8.0, 9.0],
        ... })
        >>> s = estimate.rfm(log, customer="customer", time="day", amount="amount",
        ...                  unit="day", end=28)
        >>> s.frequency.tolist(), s.recency.values.tolist(), s.age.values.tolist()
        ([1, 0], [7.0, 0.0], [28.0, 25.0])
        >>> s.mean_spend.tolist(), s.holdout_frequency.tolist(), s.holdout_length
        ([10.0, nan], [1, 0], 2.0)
    """
    np = numpy()
    unit = parse_unit(unit)
    if unit is Unit.PERIOD:
        raise ValidationError("unit", unit.value, "one of 'day', 'week', 'month', 'year'")
    names = _columns_of(table)
    for role, name in (("customer", customer), ("time", time), ("amount", amount)):
        if name is None:
            continue
        if name not in names:
            raise ValidationError(role, name, f"the name of a column of the table, one of {names}")
    ids, _ = _raw(table, customer)
    count = len(ids)
    if count == 0:
        raise ValidationError("table", "an empty log", "at least one transaction")

    codes, uniques = _factorise(ids)
    _fail_at(customer, ids, np.flatnonzero(codes < 0), "a customer id")

    stamps, kind = _raw(table, time)
    if kind == "datetime":
        _fail_at(time, stamps, np.flatnonzero(np.isnat(stamps)), "a date or time")
        precise = stamps.astype("int64")
        days = np.floor_divide(precise, _NS_PER_DAY)
    elif kind == "number":
        _fail_at(time, stamps, np.flatnonzero(~np.isfinite(stamps)), "a finite day number")
        _fail_at(time, stamps, np.flatnonzero(stamps < 0), "a day number >= 0")
        precise = stamps
        days = np.floor(stamps).astype("int64")
    else:
        raise ValidationError(
            time, str(stamps[0]), "a column of dates, times or day numbers (numbers >= 0)"
        )
    end_point = _point(end, kind, "end")
    end_day = int(end_point // _NS_PER_DAY) if kind == "datetime" else math.floor(end_point)
    start_day: int | None = None
    if start is not None:
        start_point = _point(start, kind, "start")
        start_day = (
            int(start_point // _NS_PER_DAY) if kind == "datetime" else math.floor(start_point)
        )
        if start_day > end_day:
            raise ValidationError("start", start, f"a day on or before end ({end!r})")

    spent: Floats | None = None
    if amount is not None:
        spent, amount_kind = _raw(table, amount)
        if amount_kind != "number":
            raise ValidationError(amount, str(spent[0]), "a column of numbers")
        _fail_at(amount, spent, np.flatnonzero(~np.isfinite(spent)), "a finite amount")

    # Group the rows by customer, keeping their order within each customer.
    order = np.argsort(codes, kind="stable")
    group = codes[order]
    when = precise[order]
    day = days[order]
    same = group[1:] == group[:-1]
    backwards = np.flatnonzero(same & (when[1:] < when[:-1]))
    if backwards.size:
        row, before = int(order[backwards[0] + 1]), int(order[backwards[0]])
        value = stamps[row].item() if hasattr(stamps[row], "item") else stamps[row]
        raise ValidationError(
            f"{time}[{row}]",
            str(stamps[row]) if kind == "datetime" else value,
            f"a time not before row {before} of the same customer ({stamps[before]}): "
            "sort the log by customer and time",
        )
    repeated = same & (when[1:] == when[:-1])
    if spent is not None:
        repeated &= spent[order][1:] == spent[order][:-1]
    duplicates = np.flatnonzero(repeated)
    if duplicates.size:
        row, before = int(order[duplicates[0] + 1]), int(order[duplicates[0]])
        raise ValidationError(
            f"table[{row}]",
            str(ids[row]),
            f"a transaction that does not repeat row {before} (same customer, time"
            + (" and amount" if spent is not None else "")
            + "); drop duplicated rows, or sum genuine repeat orders into one row",
        )

    customers = len(uniques)
    starts = np.flatnonzero(np.concatenate([[True], ~same]))
    first_day = day[starts]
    new_day = np.concatenate([[True], ~same | (day[1:] != day[:-1])])
    calibration = day <= end_day
    distinct = np.bincount(group, weights=new_day & calibration, minlength=customers)
    holdout = np.bincount(group, weights=new_day & ~calibration, minlength=customers)
    last_day = np.full(customers, np.iinfo("int64").min, dtype="int64")
    np.maximum.at(last_day, group[calibration], day[calibration])

    keep = distinct >= 1
    if start_day is not None:
        keep &= first_day >= start_day
    if not keep.any():
        raise ValidationError(
            "end", end, "a day on or after the first purchase of at least one customer"
        )
    frequency = (distinct - 1).astype("int64")
    to_unit = 1.0 / unit.per(Unit.DAY)
    recency = (last_day - first_day) * to_unit
    age = (end_day - first_day) * to_unit

    mean_spend: Floats | None = None
    if spent is not None:
        by_day = np.cumsum(new_day) - 1
        day_total = np.bincount(by_day, weights=spent[order])
        day_rows = np.flatnonzero(new_day)
        day_group = group[day_rows]
        repeat = calibration[day_rows] & (day[day_rows] != first_day[day_group])
        repeat_spend = np.bincount(
            day_group[repeat], weights=day_total[repeat], minlength=customers
        )
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_spend = np.where(frequency > 0, repeat_spend / frequency, np.nan)[keep]

    log_end = int(day.max())
    return RFM(
        customer=uniques[keep],
        frequency=frequency[keep],
        recency=Times(recency[keep], unit),
        age=Times(age[keep], unit),
        mean_spend=mean_spend,
        holdout_frequency=holdout.astype("int64")[keep],
        holdout_length=max(log_end - end_day, 0) * to_unit,
        unit=unit,
    )
