"""Shared behaviour of accounting results: dicts, tidy DataFrames, readable reprs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from cocreation._display import ROWS_SHOWN, html_table
from cocreation._display import record as display_record
from cocreation._optional import require
from cocreation.errors import UnknownIdError, closest

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ResultTable", "record"]

_R = TypeVar("_R")
_K = TypeVar("_K")


def record(result: Any) -> dict[str, Any]:
    """A result object as a flat, JSON-compatible dict: its fields, then its derived totals.

    Examples:
        >>> from cocreation import value_stick
        >>> record(value_stick(100.0, 70.0, 40.0))["firm_share"]
        30.0
    """
    return display_record(result)


class ResultTable(Mapping[_K, _R], Generic[_K, _R]):
    """An immutable mapping of results with ``to_dict`` and ``to_frame``.

    Examples:
        >>> import cocreation as cc
        >>> benefits = cc.net_benefit(cc.example_ecosystem())
        >>> isinstance(benefits, ResultTable)
        True
    """

    _what = "result"

    def __init__(self, items: Mapping[_K, _R]) -> None:
        self._items = dict(items)

    def __getitem__(self, key: _K) -> _R:
        try:
            return self._items[key]
        except KeyError:
            suggestion = closest(key, [item for item in self._items if isinstance(item, str)])
            what = f"the key of a {self._what}"
            raise UnknownIdError(type(self).__name__, key, what, suggestion) from None

    def __iter__(self) -> Iterator[_K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, ResultTable)
        return self._items == other._items

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __repr__(self) -> str:
        first = list(self._items.values())[:3]
        more = f", ... {len(self._items) - 3} more" if len(self._items) > 3 else ""
        return f"{type(self).__name__}([{', '.join(map(repr, first))}{more}])"

    def _repr_html_(self) -> str:
        rows = [record(result) for result in list(self._items.values())[: ROWS_SHOWN + 1]]
        headers = list(rows[0]) if rows else []
        return html_table(
            f"{type(self).__name__}: {len(self._items):,} {self._what}s",
            headers,
            [list(row.values()) for row in rows],
            total=len(self._items),
        )

    def to_dict(self) -> list[dict[str, Any]]:
        """The results as a list of flat, JSON-compatible dicts, one per result.

        Examples:
            >>> import cocreation as cc
            >>> rows = cc.net_benefit(cc.example_ecosystem()).to_dict()
            >>> "net" in rows[0]
            True
        """
        return [record(result) for result in self._items.values()]

    def to_frame(self) -> pd.DataFrame:
        """The results as a tidy pandas DataFrame, one row per result.

        Needs the ``pandas`` extra (``pip install 'cocreation[pandas]'``).

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> import cocreation as cc
            >>> benefits = cc.net_benefit(cc.example_ecosystem())
            >>> frame = benefits.to_frame()
            >>> len(frame) == len(benefits) and "net" in frame.columns
            True
        """
        pandas = require("pandas", "pandas", f"{type(self).__name__}.to_frame")
        frame: pd.DataFrame = pandas.DataFrame.from_records(self.to_dict())
        return frame


class ColumnResult(Mapping[str, Any]):
    """A result held as named NumPy columns, one row per customer (or actor and period).

    What the bulk path's views return: every column is a NumPy array of the same
    length, read by name (``result["net"]``); [`to_frame`][cocreation.bulk.ColumnResult.to_frame]
    makes the tidy DataFrame, [`to_dict`][cocreation.bulk.ColumnResult.to_dict] a list
    of JSON-compatible records, as the object results' methods of the same names do.

    Args:
        columns: The columns by name, NumPy arrays of one length.
        frame_columns: For some of those columns, the same values already as the
            arrays a pandas DataFrame holds, which [`to_frame`][cocreation.bulk.ColumnResult.to_frame]
            takes instead of converting them again.

    Examples:
        >>> import numpy as np
        >>> result = ColumnResult({"customer": np.array(["a", "b"], dtype=object),
        ...                        "net": np.array([1.5, -2.0])})
        >>> result.rows, list(result), result["net"].tolist()
        (2, ['customer', 'net'], [1.5, -2.0])
    """

    _what = "column"

    def __init__(
        self, columns: Mapping[str, Any], *, frame_columns: Mapping[str, Any] | None = None
    ) -> None:
        self._columns = dict(columns)
        # The same values as some columns, already as the arrays a DataFrame holds.
        self._frame_columns = dict(frame_columns or {})
        lengths = {len(values) for values in self._columns.values()}
        self.rows = lengths.pop() if lengths else 0

    def __getitem__(self, name: str) -> Any:
        try:
            return self._columns[name]
        except KeyError:
            suggestion = closest(name, list(self._columns))
            what = "the name of a column"
            raise UnknownIdError(type(self).__name__, name, what, suggestion) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(rows={self.rows}, columns={list(self._columns)})"

    def _repr_html_(self) -> str:
        names = list(self._columns)
        head = [self._columns[name][: ROWS_SHOWN + 1].tolist() for name in names]
        rows = [list(row) for row in zip(*head, strict=True)] if names else []
        return html_table(
            f"{type(self).__name__}: {self.rows:,} rows", names, rows, total=self.rows
        )

    def to_frame(self) -> pd.DataFrame:
        """The columns as a tidy pandas DataFrame, one row per row of the result.

        Id columns come as pandas makes strings (its ``str`` dtype), converted once
        per ecosystem where the view had them already, such as the customer ids.

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> import numpy as np
            >>> ColumnResult({"net": np.array([1.0, 2.0])}).to_frame()["net"].sum()
            np.float64(3.0)
        """
        pandas = require("pandas", "pandas", f"{type(self).__name__}.to_frame")
        columns = {
            name: self._frame_columns.get(name, values) for name, values in self._columns.items()
        }
        frame: pd.DataFrame = pandas.DataFrame(columns, copy=False)
        return frame

    def to_dict(self) -> list[dict[str, Any]]:
        """The rows as a list of flat, JSON-compatible dicts.

        Examples:
            >>> import numpy as np
            >>> ColumnResult({"net": np.array([1.0, 2.0])}).to_dict()
            [{'net': 1.0}, {'net': 2.0}]
        """
        names = list(self._columns)
        values = [self._columns[name].tolist() for name in names]
        return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]
