"""Accounting over columns: millions of interactions without one Python object per record.

The object path ([`account`][cocreation.account]) walks one
[`Interaction`][cocreation.Interaction] at a time. This module accounts the same
interactions given as flat, relational tables, as a CRM exports them, with vectorised
NumPy: ids are factorised into integer codes once, and every line of the ledger is a
weighted ``bincount`` over those codes. The result, a
[`ColumnLedger`][cocreation.accounting.ColumnLedger], has the same rows and lines as
a [`Ledger`][cocreation.Ledger], merges the same way, and converts to one; the frame
views ([`net_benefit_frame`][cocreation.accounting.net_benefit_frame],
[`firm_value_frame`][cocreation.accounting.firm_value_frame],
[`net_value_flows_frame`][cocreation.accounting.net_value_flows_frame]) give the
figures of [`net_benefit`][cocreation.net_benefit],
[`firm_value`][cocreation.firm_value] and [`net_value_flows`][cocreation.net_value_flows]
as tidy pandas DataFrames.

The tables (see [`COLUMNS`][cocreation.accounting.COLUMNS]):

- ``interactions``: one row per interaction;
- ``transfers``, ``achievements``, ``contributions``, ``modules``: optional long
  tables for an interaction's nested parts, joined to ``interactions.id`` by their
  ``interaction`` column.

Each table is a pandas DataFrame, a pyarrow Table, or a mapping of column names to
arrays (NumPy arrays, lists, pandas Series or pyarrow arrays). A missing value is
what the container calls missing (``None``, ``pd.NA``, an Arrow null, a masked entry)
or a NaN, which is what pandas gives for an empty cell of a float column; it takes
the column's default, and in a required column it is an error.

NumPy and pandas are imported inside the functions that need them
(``pip install 'cocreation[pandas]'``).
"""

from __future__ import annotations

import itertools
import math
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from cocreation._optional import require
from cocreation.accounting._clv import _TIMINGS, Timing
from cocreation.accounting._firm import focal_organisation
from cocreation.accounting._ledger import LINES, Ledger, LedgerKey
from cocreation.ecosystem import Ecosystem, kind_of
from cocreation.errors import DivergenceError, UnknownIdError, ValidationError
from cocreation.model import (
    DART,
    Achievement,
    CoCreationLevel,
    Contribution,
    Customer,
    Interaction,
    Mode,
    NetworkPartner,
    Organisation,
    ReferencePoint,
    ResourceKind,
    Sphere,
    Transfer,
    TransferKind,
)

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    # Dtype-level checking of NumPy arrays is more noise than help here: the names
    # say what each array holds (float64 amounts, integer codes, boolean masks).
    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]
    Bools = npt.NDArray[Any]

__all__ = [
    "COLUMNS",
    "ColumnLedger",
    "account_columns",
    "clv_array",
    "firm_value_frame",
    "interactions_to_tables",
    "lifetime_factor_array",
    "net_benefit_frame",
    "net_value_flows_frame",
    "tables_to_interactions",
]

# ----------------------------------------------------------------------------- schema

COLUMNS: Final[Mapping[str, tuple[str, ...]]] = {
    "interactions": (
        "id",
        "customer",
        "counterpart",
        "reference_point",
        "level",
        "sphere",
        "mode",
        "period",
        "offering",
        "units",
        "occurrences",
        "job",
        "personalisation",
        "effort",
        "risk_probability",
        "risk_loss",
        "psychic_cost",
        "hours",
        "dart_dialogue",
        "dart_access",
        "dart_risk_benefits",
        "dart_transparency",
        "recurring",
    ),
    "transfers": ("interaction", "source", "target", "amount", "kind", "label"),
    "achievements": ("interaction", "outcome", "level"),
    "contributions": ("interaction", "actor", "kind", "amount", "description"),
    "modules": ("interaction", "module"),
}
"""The tables of the bulk path and their columns, in order.

``interactions`` (one row per interaction; only ``customer`` is required, and ``id``
when a long table refers to it; a missing value takes the default):

| column | meaning | default |
|---|---|---|
| ``id`` | unique id of the interaction | — |
| ``customer`` | id of the customer | required |
| ``counterpart`` | id of the other actor or topic | none (the customer alone) |
| ``reference_point`` | derived from ``counterpart``; if given, must agree | derived |
| ``level`` | ``design``, ``production``, ``referral``, ``support`` | none |
| ``sphere``, ``mode`` | Grönroos & Voima's sphere and mode | ``joint``, ``direct`` |
| ``period`` | contract period, an integer >= 0 | 0 |
| ``offering`` | id of the offering used or bought | none |
| ``units`` | units bought per occurrence (>= 0; needs ``offering``) | 0 |
| ``occurrences`` | how often, per member of the customer (>= 0) | 1 |
| ``job`` | id of one of the customer's jobs | none |
| ``personalisation`` | share of the achievement gap closed, in [0, 1] | 0 |
| ``effort``, ``risk_loss``, ``psychic_cost`` | per occurrence, in money (>= 0) | 0 |
| ``risk_probability`` | in [0, 1] | 0 |
| ``hours`` | the customer's own time, hours per occurrence (>= 0) | 0 |
| ``dart_dialogue``, ``dart_access``, ``dart_risk_benefits``, ``dart_transparency`` | DART scores in [0, 1] | none |
| ``recurring`` | ``True`` if it recurs every period of the customer's lifetime, ``False`` if it happens once | ``True`` |

Long tables, each joined by ``interaction`` (an ``interactions.id``):

- ``transfers``: ``source``, ``target`` (actor ids), ``amount`` (per occurrence;
  >= 0 for money), ``kind`` (``money`` or ``value``, default ``money``), ``label``;
- ``achievements``: ``outcome`` (an outcome of the interaction's job), ``level`` in
  [-1, 1]; at most one row per interaction and outcome;
- ``contributions``: ``actor``, ``kind`` (a resource kind), ``amount`` (>= 0, hours
  for time), ``description``;
- ``modules``: ``module`` (a module of the interaction's offering); at most one row
  per interaction and module.

Examples:
    >>> from cocreation.accounting import COLUMNS
    >>> COLUMNS["modules"]
    ('interaction', 'module')
    >>> COLUMNS["interactions"][:3]
    ('id', 'customer', 'counterpart')
"""

_NONE_FIRST_LEVELS: Final[tuple[CoCreationLevel | None, ...]] = (None, *CoCreationLevel)
_LEVEL_CODE: Final[Mapping[str, int]] = {
    level.value: i + 1 for i, level in enumerate(CoCreationLevel)
}
_VIU, _VALUE_IN, _MONEY_IN, _MONEY_OUT, _EXPENSES, _TIME, _EFFORT, _RISK, _PSYCHIC = range(9)
_FEATURE: Final = "bulk accounting"


class _Col(NamedTuple):
    """One column of a table: how to read it and what it accepts."""

    name: str
    kind: str  # "id", "ref", "enum", "number", "period", "text", "bool"
    required: bool = False
    default: Any = None
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()


def _num(name: str, default: float | None = 0.0, *, high: float | None = None) -> _Col:
    return _Col(name, "number", default=default, low=0.0, high=high)


_SCHEMA: Final[Mapping[str, tuple[_Col, ...]]] = {
    "interactions": (
        _Col("id", "id"),
        _Col("customer", "ref", required=True),
        _Col("counterpart", "ref"),
        _Col("reference_point", "enum", choices=tuple(p.value for p in ReferencePoint)),
        _Col("level", "enum", choices=tuple(level.value for level in CoCreationLevel)),
        _Col("sphere", "enum", default="joint", choices=tuple(s.value for s in Sphere)),
        _Col("mode", "enum", default="direct", choices=tuple(m.value for m in Mode)),
        _Col("period", "period", default=0, low=0.0),
        _Col("offering", "ref"),
        _num("units"),
        _num("occurrences", 1.0),
        _Col("job", "ref"),
        _num("personalisation", high=1.0),
        _num("effort"),
        _num("risk_probability", high=1.0),
        _num("risk_loss"),
        _num("psychic_cost"),
        _num("hours"),
        _num("dart_dialogue", None, high=1.0),
        _num("dart_access", None, high=1.0),
        _num("dart_risk_benefits", None, high=1.0),
        _num("dart_transparency", None, high=1.0),
        _Col("recurring", "bool", default=True),
    ),
    "transfers": (
        _Col("interaction", "ref", required=True),
        _Col("source", "ref", required=True),
        _Col("target", "ref", required=True),
        _Col("amount", "number", required=True),
        _Col("kind", "enum", default="money", choices=tuple(k.value for k in TransferKind)),
        _Col("label", "text", default=""),
    ),
    "achievements": (
        _Col("interaction", "ref", required=True),
        _Col("outcome", "ref", required=True),
        _Col("level", "number", required=True, low=-1.0, high=1.0),
    ),
    "contributions": (
        _Col("interaction", "ref", required=True),
        _Col("actor", "ref", required=True),
        _Col("kind", "enum", required=True, choices=tuple(k.value for k in ResourceKind)),
        _num("amount"),
        _Col("description", "text", default=""),
    ),
    "modules": (
        _Col("interaction", "ref", required=True),
        _Col("module", "ref", required=True),
    ),
}
_LONG: Final = ("transfers", "achievements", "contributions", "modules")
_NOT_SELF: Final = (
    "an id other than the customer's (leave it missing for an interaction with oneself)"
)
_OTHER_THAN_SOURCE: Final = "an actor other than the source"


def _expected(col: _Col) -> str:
    """What a column accepts, in the words of the model's validators."""
    if col.kind in ("id", "ref"):
        text = "a non-empty id string without surrounding whitespace"
    elif col.kind == "enum":
        text = "one of " + ", ".join(repr(choice) for choice in col.choices)
    elif col.kind == "period":
        text = "an integer >= 0"
    elif col.kind == "text":
        text = "a string"
    elif col.kind == "bool":
        text = "True or False"
    elif col.low is not None and col.high is not None:
        text = f"a finite number in [{col.low:g}, {col.high:g}]"
    elif col.low is not None:
        text = f"a finite number >= {col.low:g}"
    else:
        text = "a finite number"
    if col.required:
        return text
    if col.default is None or col.kind in ("id", "ref"):
        return f"{text}, or a missing value"
    return f"{text}, or a missing value for the default {col.default!r}"


def _numpy_and_pandas(feature: str) -> None:
    """Fail early, naming the extra, when pandas (and with it NumPy) is absent."""
    require("numpy", "pandas", feature)
    require("pandas", "pandas", feature)


# ----------------------------------------------------------------------------- reading columns


def _top_module(value: object) -> str:
    return type(value).__module__.split(".", 1)[0]


def _plain(value: Any) -> Any:
    """A NumPy or Arrow scalar as the plain Python value, for messages."""
    if hasattr(value, "as_py"):
        return value.as_py()
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    return value


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    pandas = require("pandas", "pandas", _FEATURE)
    return value is pandas.NA or value is pandas.NaT


def _object_numbers(objects: Sequence[Any]) -> tuple[Floats, Bools | None]:
    """Numbers from Python objects: missing values (and NaN) are null, anything else not a number is NaN."""
    import numpy as np

    values = np.empty(len(objects), dtype=np.float64)
    nulls = np.zeros(len(objects), dtype=np.bool_)
    for row, value in enumerate(objects):
        if _is_missing(value):
            nulls[row] = True
            values[row] = 0.0
        elif isinstance(value, int | float | np.integer | np.floating) and not isinstance(
            value, bool | np.bool_
        ):
            if value != value:  # NaN: pandas' missing value in a float column
                nulls[row] = True
                values[row] = 0.0
            else:
                values[row] = float(value)
        else:
            values[row] = math.nan
    return values, (nulls if nulls.any() else None)


def _numbers(column: Any) -> tuple[Floats, Bools | None]:
    """A column as float64 values and a mask of missing values (``None`` if there are none).

    A missing value is what the container calls missing (``None``, ``pd.NA``, an Arrow
    null, a masked entry) or a NaN, which is what pandas gives for an empty cell of a
    float column. A value that is not a real number (a string, a bool, a date) becomes
    NaN in the values, unmasked, which the checks then report with the original value.
    """
    return _raw_numbers(column)


def _nan_is_missing(values: Floats, nulls: Bools | None) -> tuple[Floats, Bools | None]:
    """Move the NaN of a float column into its mask of missing values."""
    import numpy as np

    if not len(values):
        return values, nulls
    total = float(values.sum()) if values.dtype.kind == "f" else 0.0
    if total == total:  # no NaN at all: the common case, in one pass
        return values, nulls
    nan = np.isnan(values)
    if nulls is not None:
        nan &= ~nulls
    if not nan.any():
        return values, nulls
    values = np.where(nan, 0.0, values)
    return values, nan if nulls is None else (nulls | nan)


def _raw_numbers(column: Any) -> tuple[Floats, Bools | None]:
    """A column as float64 values and the container's own mask of missing values."""
    import numpy as np

    if isinstance(column, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(column)
        values = np.asarray(column.filled(0.0), dtype=np.float64)
        return _nan_is_missing(values, mask.copy() if mask.any() else None)
    module = _top_module(column)
    if module == "pyarrow":
        pa = require("pyarrow", "parquet", _FEATURE)
        kind = column.type
        if pa.types.is_dictionary(kind):
            column = column.cast(kind.value_type)
            kind = column.type
        if pa.types.is_null(kind):
            return np.zeros(len(column)), np.ones(len(column), dtype=np.bool_)
        if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
            nulls = np.asarray(column.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
            filled = column.fill_null(0).cast(pa.float64())
            values = np.asarray(filled.to_numpy(zero_copy_only=False), dtype=np.float64)
            return _nan_is_missing(values, nulls if nulls.any() else None)
        return _object_numbers(column.to_pylist())
    if module == "pandas":
        pandas = require("pandas", "pandas", _FEATURE)
        dtype = column.dtype
        if isinstance(dtype, np.dtype):
            if dtype.kind in "iuf":
                return _nan_is_missing(np.asarray(column.to_numpy(dtype=np.float64)), None)
            return _object_numbers(list(column.to_numpy(dtype=object)))
        if pandas.api.types.is_numeric_dtype(dtype) and not pandas.api.types.is_bool_dtype(dtype):
            nulls = np.asarray(column.isna(), dtype=np.bool_)
            values = np.asarray(column.to_numpy(dtype=np.float64, na_value=0.0))
            return _nan_is_missing(values, nulls if nulls.any() else None)
        return _object_numbers(list(column.to_numpy(dtype=object)))
    if not isinstance(column, np.ndarray):
        # A list keeps each value's own type: 0.0 and "cheap" stay what they are.
        return _object_numbers(list(column))
    if column.ndim == 1 and column.dtype.kind in "iuf":
        return _nan_is_missing(column.astype(np.float64, copy=False), None)
    return _object_numbers(list(column.astype(object).ravel()))


def _arrow_strings(column: Any) -> Any:
    """The pyarrow array behind a pandas column of Arrow-backed strings, or ``None``.

    pandas' default ``str`` dtype (with pyarrow installed) and ``pd.ArrowDtype``
    string columns hold an Arrow array: dictionary-encoding it directly is the
    cheapest factorisation, and keeps the distinct values as Arrow strings for a
    hashed lookup in the ecosystem.
    """
    pandas = require("pandas", "pandas", _FEATURE)
    dtype = getattr(column, "dtype", None)
    if isinstance(dtype, pandas.StringDtype):
        if dtype.storage != "pyarrow":
            return None
    elif isinstance(dtype, pandas.ArrowDtype):
        pa = require("pyarrow", "parquet", _FEATURE)
        if not (
            pa.types.is_string(dtype.pyarrow_dtype) or pa.types.is_large_string(dtype.pyarrow_dtype)
        ):
            return None
    else:
        return None
    array = getattr(column, "array", column)
    if not hasattr(array, "__arrow_array__"):
        return None
    return array.__arrow_array__()


def _factorise(column: Any, *, lazy: bool = False) -> tuple[Ints, npt.NDArray[Any] | None, Any]:
    """A column factorised: codes (-1 missing), the distinct values, and those as Arrow strings.

    The third item is the distinct values as a pyarrow string array when the column
    was Arrow strings (``None`` otherwise), for [`_Labels.lookup`][]. With
    ``lazy=True`` such a column's distinct values are not made Python strings (the
    second item is then ``None``): an ecosystem lookup needs only the Arrow ones.
    """
    import numpy as np

    pandas = require("pandas", "pandas", _FEATURE)
    module = _top_module(column)
    if module == "pandas":
        arrow = _arrow_strings(column)
        if arrow is not None:
            column = arrow
            module = "pyarrow"
    if module == "pyarrow":
        pa = require("pyarrow", "parquet", _FEATURE)
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if pa.types.is_null(column.type):
            return np.full(len(column), -1, dtype=np.int64), np.empty(0, dtype=object), None
        encoded = column.dictionary_encode()
        indices = encoded.indices
        if indices.null_count:
            indices = indices.fill_null(-1)
        codes = np.asarray(indices.to_numpy(zero_copy_only=False))
        if (
            codes.dtype.kind not in "iu"
            or codes.dtype.itemsize > 4
            or len(encoded.dictionary) >= 2**31 - 2
        ):
            codes = codes.astype(np.int64)
        else:
            # A copy in NumPy's memory: Arrow's pool keeps what it frees for itself.
            codes = codes.astype(np.int32, copy=True)
        del indices
        dictionary = encoded.dictionary
        kind = dictionary.type
        strings = pa.types.is_string(kind) or pa.types.is_large_string(kind)
        if lazy and strings:
            return codes, None, dictionary
        uniques = np.asarray(dictionary.to_numpy(zero_copy_only=False))
        return codes, uniques, dictionary if strings else None
    if module != "pandas":
        array = np.asarray(column)
        if array.ndim != 1:
            array = np.asarray(list(column), dtype=object)
        if array.dtype.kind in "US":
            array = array.astype(object)
        column = array
    if isinstance(column, np.ndarray) and column.dtype.kind in "iu" and len(column):
        # A sorted integer column (a common primary key) needs no hashing.
        steps = np.diff(column)
        if (steps > 0).all():
            return np.arange(len(column), dtype=np.int64), column, None
        if (steps >= 0).all():
            # Sorted with repeats (a long table's references): first rows start groups.
            first = np.empty(len(column), dtype=np.bool_)
            first[0] = True
            np.greater(steps, 0, out=first[1:])
            del steps
            small = len(column) < 2**31 - 2
            codes = np.cumsum(first, dtype=np.int32 if small else np.int64)
            codes -= 1
            return codes, column[first], None
        del steps
        low, high = int(column.min()), int(column.max())
        span = high - low + 1
        if span <= 2 * len(column) and len(column) < 2**31 - 2:
            # A dense range (references to integer ids): a bitmap instead of a hash
            # table; the distinct values come in ascending order.
            shifted = column - column.dtype.type(low)
            present = np.zeros(span, dtype=np.bool_)
            present[shifted] = True
            number = np.cumsum(present, dtype=np.int32)
            number -= 1
            codes = number[shifted]
            del shifted, number
            uniques = (np.flatnonzero(present) + low).astype(column.dtype)
            return codes, uniques, None
    codes, uniques = pandas.factorize(column, use_na_sentinel=True)
    # 32-bit codes halve what every factorised column keeps in memory.
    small = len(uniques) < 2**31 - 2
    return np.asarray(codes, dtype=np.int32 if small else np.int64), np.asarray(uniques), None


def _value_at(column: Any, row: int) -> Any:
    """The original value of a column at a row, for messages."""
    if _top_module(column) == "pandas":
        return _plain(column.iloc[row])
    return _plain(column[row])


class _Table:
    """One input table, read column by column."""

    def __init__(self, name: str, data: Any, raw: Mapping[str, Any] | None = None) -> None:
        self.name = name
        module = _top_module(data)
        columns: dict[str, Any]
        if module == "dask" or module == "dask_expr":
            msg = "a pandas DataFrame, a pyarrow Table or a mapping (for Dask use cocreation.frames.account_dask)"
            raise ValidationError(name, type(data).__name__, msg)
        if module == "pandas" and hasattr(data, "columns"):
            labels = list(data.columns)
            if len(set(labels)) != len(labels):
                raise ValidationError(f"{name}.columns", labels, "distinct column names")
            columns = {label: data[label] for label in labels}
        elif module == "pyarrow" and hasattr(data, "column_names"):
            labels = list(data.column_names)
            if len(set(labels)) != len(labels):
                raise ValidationError(f"{name}.columns", labels, "distinct column names")
            columns = {label: data.column(label) for label in labels}
        elif isinstance(data, Mapping):
            columns = dict(data)
            for label, values in columns.items():
                if isinstance(values, str | bytes) or not hasattr(values, "__len__"):
                    raise ValidationError(
                        f"{name}.{label}", values, "an array or list of values, one per row"
                    )
        else:
            raise ValidationError(
                name,
                type(data).__name__,
                "a pandas DataFrame, a pyarrow Table or a mapping of column names to arrays",
            )
        known = {col.name for col in _SCHEMA[name]}
        for label in columns:
            if not isinstance(label, str) or label not in known:
                raise ValidationError(
                    f"{name}.columns", label, f"one of the columns {', '.join(COLUMNS[name])}"
                )
        lengths = {label: len(values) for label, values in columns.items()}
        self.length = max(lengths.values(), default=0)
        for label, length in lengths.items():
            if length != self.length:
                raise ValidationError(
                    f"{name}.{label}",
                    length,
                    f"a column of {self.length} values, as long as the others",
                )
        self.columns = columns
        self.raw: Mapping[str, Any] = columns if raw is None else {**columns, **raw}

    def __contains__(self, column: str) -> bool:
        return column in self.columns

    def value_at(self, column: str, row: int) -> Any:
        return _value_at(self.raw[column], row)


# ----------------------------------------------------------------------------- checks


class _Found(NamedTuple):
    """One problem found in one row."""

    table: str
    row: int
    column: str
    value: Any
    expected: str
    unknown: bool


def _error(found: _Found) -> ValidationError | UnknownIdError:
    field = f"{found.table}[{found.row}].{found.column}"
    if found.unknown:
        return UnknownIdError(field, found.value, found.expected)
    return ValidationError(field, found.value, found.expected)


class _Checks:
    """Runs vectorised checks: raises on the first bad row, or collects every one."""

    def __init__(self, *, collect: bool) -> None:
        self.collect = collect
        self.found: list[_Found] = []

    def flag(
        self,
        table: str,
        column: str,
        bad: Bools,
        expected: str,
        value: Callable[[int], Any],
        *,
        unknown: bool = False,
    ) -> None:
        import numpy as np

        if not bad.any():
            return
        rows = np.flatnonzero(bad)
        if not self.collect:
            row = int(rows[0])
            raise _error(_Found(table, row, column, value(row), expected, unknown))
        self.found.extend(
            _Found(table, int(row), column, value(int(row)), expected, unknown) for row in rows
        )


# ----------------------------------------------------------------------------- parsing (no ecosystem)


class _Labels:
    """A factorised id or label column: codes into ``uniques`` (-1 missing, -2 invalid)."""

    def __init__(self, codes: Ints, uniques: npt.NDArray[Any] | None, arrow: Any = None) -> None:
        self.codes = codes
        self._uniques = uniques  # None: not made yet, from ``arrow``
        self.arrow = arrow  # the distinct values as a pyarrow string array, if they came so
        self.size = len(uniques) if uniques is not None else len(arrow)
        self._strings: list[str] | None = None
        self._row_of: Ints | None = None

    @property
    def uniques(self) -> npt.NDArray[Any]:
        """The distinct values, as a NumPy array (object for strings)."""
        import numpy as np

        if self._uniques is None:
            self._uniques = np.asarray(self.arrow.to_numpy(zero_copy_only=False))
        return self._uniques

    def row_of(self, length: int) -> Ints:
        """The first row of each distinct value (-1 for none), computed once."""
        import numpy as np

        if self._row_of is None or len(self.codes) != length:
            codes = self.codes
            row_of = np.full(len(self.uniques), -1, dtype=np.int64)
            if len(self.uniques) == length and (length == 0 or int(codes.min()) >= 0):
                row_of[codes] = np.arange(length, dtype=np.int64)  # every row a distinct value
            else:
                valid = codes >= 0
                rows = np.arange(length, dtype=np.int64)
                row_of[codes[valid][::-1]] = rows[valid][::-1]  # the first row of a repeated id
            self._row_of = row_of
        return self._row_of

    def strings(self) -> list[str]:
        """The distinct values as id strings (integers written in decimal)."""
        if self._strings is None:
            values = self.uniques.tolist()
            if self.uniques.dtype.kind in "iu":
                self._strings = [str(value) for value in values]
            elif require("pandas", "pandas", _FEATURE).api.types.infer_dtype(
                self.uniques, skipna=False
            ) in ("string", "empty"):
                self._strings = values  # already strings: no copy, no conversion
            else:
                self._strings = [
                    value if isinstance(value, str) else str(value) for value in values
                ]
        return self._strings

    def lookup(self, index: Mapping[str, int], vocab: _Vocab | None = None) -> Ints:
        """Each row's code in ``index`` (-1 missing or unknown, -2 invalid).

        Only the distinct values are looked up; Arrow strings with Arrow's hashing
        (``index_in`` against the ecosystem's ids, kept by ``vocab``), which is much
        cheaper than a Python dict lookup of each fresh string.
        """
        import numpy as np

        extended = np.empty(self.size + 2, dtype=np.int32)
        # Arrow's lookup hashes all of the index each time: worth it for many values.
        if self.arrow is not None and vocab is not None and 5 * self.size > len(index):
            pc = require("pyarrow.compute", "parquet", _FEATURE)
            keys, codes = vocab.arrow_keys(index, self.arrow.type)
            position = pc.index_in(self.arrow, value_set=keys)
            if position.null_count:
                position = position.fill_null(-1)
            found = np.asarray(position.to_numpy(zero_copy_only=False), dtype=np.int64)
            extended[: self.size] = np.append(codes, -1)[found]
        else:
            extended[: self.size] = np.fromiter(
                map(index.get, self.strings(), itertools.repeat(-1)),
                dtype=np.int64,
                count=self.size,
            )
        extended[self.size :] = (-2, -1)
        return extended[self.codes]

    def values(self) -> npt.NDArray[Any]:
        """The values as an object array of strings, ``None`` where missing or invalid."""
        import numpy as np

        table = np.array([*self.strings(), None, None], dtype=object)
        return table[self.codes]


def _valid_ids(uniques: npt.NDArray[Any]) -> Bools:
    """Which distinct values are ids: strings without surrounding whitespace, or integers."""
    import numpy as np

    if uniques.dtype.kind in "iu":
        return np.ones(len(uniques), dtype=np.bool_)
    return np.fromiter(
        (
            (isinstance(value, str) and bool(value) and value == value.strip())
            or (isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_))
            for value in uniques.tolist()
        ),
        dtype=np.bool_,
        count=len(uniques),
    )


class _Parsed:
    """One table after the checks that need no ecosystem."""

    def __init__(self, table: _Table) -> None:
        self.table = table
        self.name = table.name
        self.length = table.length
        self.labels: dict[str, _Labels] = {}
        self.enums: dict[str, Ints] = {}
        self.numbers: dict[str, Floats] = {}
        self.nulls: dict[str, Bools] = {}
        self.flags: dict[str, Bools] = {}
        self.period: Ints | None = None

    def has(self, column: str) -> bool:
        return column in self.table


def _parse_table(table: _Table, checks: _Checks, *, ids: bool = True) -> _Parsed:
    """Read every column of a table and check each value on its own.

    With ``ids=False`` the form of id values is not checked here: an ecosystem
    lookup follows, which reports any id it does not hold, well-formed or not.
    """
    parsed = _Parsed(table)
    for col in _SCHEMA[table.name]:
        _parse_column(table, col, parsed, checks, ids=ids)
    return parsed


def _parse_column(
    table: _Table,
    col: _Col,
    parsed: _Parsed,
    checks: _Checks,
    *,
    ids: bool,
) -> None:
    """Read one column of a table into ``parsed`` and check each value on its own."""
    import numpy as np

    name = table.name
    if col.name not in table:
        if col.required:
            raise ValidationError(f"{name}.{col.name}", None, f"a column of {name}")
        return
    data = table.columns[col.name]

    def value(row: int, column: str = col.name) -> Any:
        return table.value_at(column, row)

    expected = _expected(col)
    if col.kind == "bool":
        flags, invalid, nulls = _flags(data)
        checks.flag(name, col.name, invalid, expected, value)
        if nulls is not None:
            if col.required:
                checks.flag(name, col.name, nulls, expected, value)
            flags = np.where(nulls, bool(col.default), flags)
        parsed.flags[col.name] = flags
        return
    if col.kind in ("id", "ref", "enum", "text"):
        # Ids the ecosystem lookup checks need no Python strings for their distinct values.
        lazy = not ids and col.kind in ("id", "ref")
        codes, uniques, arrow = _factorise(data, lazy=lazy)
        size = len(uniques) if uniques is not None else len(arrow)
        if col.kind == "enum":
            assert uniques is not None
            position = {choice: i for i, choice in enumerate(col.choices)}
            mapped = np.fromiter(
                (
                    position.get(value, -2) if isinstance(value, str) else -2
                    for value in uniques.tolist()
                ),
                dtype=np.int64,
                count=len(uniques),
            )
            enum_codes = np.concatenate([mapped, np.array([-1], dtype=np.int64)]).astype(np.int8)[
                codes
            ]
            checks.flag(name, col.name, enum_codes == -2, expected, value)
            if col.required:
                checks.flag(name, col.name, enum_codes == -1, expected, value)
            parsed.enums[col.name] = enum_codes
            return
        if col.kind == "text":
            assert uniques is not None
            valid = np.fromiter(
                (isinstance(value, str) for value in uniques.tolist()),
                dtype=np.bool_,
                count=len(uniques),
            )
        elif ids:
            assert uniques is not None
            valid = _valid_ids(uniques)
        else:
            valid = np.ones(size, dtype=np.bool_)
        if not valid.all():
            invalid = np.concatenate([~valid, np.array([False])])[codes]
            checks.flag(name, col.name, invalid, expected, value)
            codes = np.where(invalid, -2, codes)
        if col.required:
            checks.flag(name, col.name, codes == -1, expected, value)
        parsed.labels[col.name] = _Labels(codes, uniques, arrow)
        return
    values, nulls = _numbers(data)
    if nulls is not None:
        if col.required:
            checks.flag(name, col.name, nulls, expected, value)
        if col.default is None:
            parsed.nulls[col.name] = nulls
        else:
            values = np.where(nulls, float(col.default), values)
    bad = _out_of_range(values, col.low, col.high)
    if bad is not None:
        if nulls is not None:
            bad &= ~nulls
        checks.flag(name, col.name, bad, expected, value)
    if col.kind == "period":
        with np.errstate(invalid="ignore"):
            fractional = np.isfinite(values) & (values != np.floor(values))
        checks.flag(name, col.name, fractional | (values > 2.0**53), expected, value)
        parsed.period = np.where(np.isfinite(values), values, 0).astype(np.int64)
        return
    parsed.numbers[col.name] = values


def _object_flags(objects: Sequence[Any]) -> tuple[Bools, Bools, Bools | None]:
    """Flags from Python objects: a bool or NumPy bool is one, a missing value is null."""
    import numpy as np

    n = len(objects)
    values = np.zeros(n, dtype=np.bool_)
    invalid = np.zeros(n, dtype=np.bool_)
    nulls = np.zeros(n, dtype=np.bool_)
    for row, value in enumerate(objects):
        if isinstance(value, bool | np.bool_):
            values[row] = bool(value)
        elif _is_missing(value):
            nulls[row] = True
        else:
            invalid[row] = True
    return values, invalid, (nulls if nulls.any() else None)


def _flags(column: Any) -> tuple[Bools, Bools, Bools | None]:
    """A column of bools: the values, the rows that are not bools, and the missing ones.

    Only real bools are flags: ``1``, ``0`` and ``"true"`` are refused, as the
    model's validator refuses them.
    """
    import numpy as np

    if isinstance(column, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(column)
        if column.dtype.kind == "b":
            values = np.asarray(column.filled(False), dtype=np.bool_)
            return values, np.zeros(len(values), dtype=np.bool_), (mask if mask.any() else None)
        objects = [None if masked else item for item, masked in zip(column.data, mask, strict=True)]
        return _object_flags(objects)
    module = _top_module(column)
    if module == "pyarrow":
        pa = require("pyarrow", "parquet", _FEATURE)
        if pa.types.is_boolean(column.type):
            nulls = np.asarray(column.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
            filled = column.fill_null(False)
            values = np.asarray(filled.to_numpy(zero_copy_only=False), dtype=np.bool_)
            return values, np.zeros(len(values), dtype=np.bool_), (nulls if nulls.any() else None)
        return _object_flags(column.to_pylist())
    if module == "pandas":
        pandas = require("pandas", "pandas", _FEATURE)
        dtype = column.dtype
        if pandas.api.types.is_bool_dtype(dtype):
            nulls = np.asarray(column.isna(), dtype=np.bool_)
            values = np.asarray(column.to_numpy(dtype=np.bool_, na_value=False))
            return values, np.zeros(len(values), dtype=np.bool_), (nulls if nulls.any() else None)
        return _object_flags(list(column.to_numpy(dtype=object)))
    if isinstance(column, np.ndarray) and column.ndim == 1 and column.dtype.kind == "b":
        return column.astype(np.bool_, copy=False), np.zeros(len(column), dtype=np.bool_), None
    if isinstance(column, np.ndarray):
        return _object_flags(list(column.astype(object).ravel()))
    return _object_flags(list(column))


def _out_of_range(values: Floats, low: float | None, high: float | None) -> Bools | None:
    """The rows whose value is not finite or outside [low, high], or ``None`` if none is."""
    import numpy as np

    if not len(values):
        return None
    smallest, largest = values.min(), values.max()
    if (
        math.isfinite(smallest)
        and math.isfinite(largest)
        and (low is None or smallest >= low)
        and (high is None or largest <= high)
    ):
        return None
    bad = ~np.isfinite(values)
    with np.errstate(invalid="ignore"):
        if low is not None:
            bad |= values < low
        if high is not None:
            bad |= values > high
    return bad


def _same(left: _Labels, right: _Labels) -> Bools:
    """Rows where two id columns of one table hold the same id."""
    import numpy as np

    position = {value: i for i, value in enumerate(left.strings())}
    mapped = np.fromiter(
        (position.get(value, -3) for value in right.strings()),
        dtype=np.int64,
        count=len(right.uniques),
    )
    right_in_left = np.concatenate([mapped, np.array([-4, -5], dtype=np.int64)])[right.codes]
    same: Bools = (left.codes >= 0) & (right_in_left == left.codes)
    return same


def _join(ids: _Labels, length: int, refs: _Labels) -> Ints:
    """The interaction row each reference names (-1 unknown or missing, -2 invalid)."""
    import numpy as np

    pandas = require("pandas", "pandas", _FEATURE)
    row_of = ids.row_of(length)
    left, right = ids.uniques, refs.uniques
    if left.dtype.kind in "iu" and right.dtype.kind in "iu":
        contiguous = len(left) > 0 and int(left[-1]) - int(left[0]) == len(left) - 1
        if contiguous and (len(left) == 1 or (np.diff(left) > 0).all()):
            position = right.astype(np.int64) - int(left[0])
            position[(position < 0) | (position >= len(left))] = -1
        elif len(left) > 1 and (np.diff(left) > 0).all():
            found = np.searchsorted(left, right)
            found = np.minimum(found, len(left) - 1) if len(left) else found
            position = np.where(left[found] == right, found, -1) if len(left) else found - 1
        else:
            position = pandas.Index(left).get_indexer(right)
    else:
        position = pandas.Index(np.array(ids.strings(), dtype=object)).get_indexer(
            np.array(refs.strings(), dtype=object)
        )
    position = np.asarray(position, dtype=np.int64)
    mapped = np.where(position >= 0, row_of[position], -1)
    return np.concatenate([mapped, np.array([-2, -1], dtype=np.int64)])[refs.codes]


class _Batch:
    """Every table of a batch, parsed, with the long tables joined to their interactions."""

    def __init__(self, interactions: _Parsed, long: Mapping[str, _Parsed]) -> None:
        self.interactions = interactions
        self.long = long
        self.rows: dict[str, Ints] = {}


def _has_parts(rows: Ints, n: int) -> Any:
    """Which of ``n`` interactions a long table has rows for (``rows``: their positions)."""
    np = require("numpy", "pandas", _FEATURE)
    found = np.zeros(n, dtype=np.bool_)
    found[rows[rows >= 0]] = True
    return found


def _parse(
    interactions: Any,
    long_tables: Mapping[str, Any],
    checks: _Checks,
    *,
    resolving: bool = False,
) -> _Batch:
    """Read and check every table on its own, then the references among them.

    With ``resolving=True`` an ecosystem lookup follows: the checks it makes better
    with integer codes (ids' form, an interaction with oneself, a transfer to
    oneself) are left to it.
    """
    import numpy as np

    def table(name: str, data: Any) -> _Table:
        return data if isinstance(data, _Table) else _Table(name, data)

    main = _parse_table(table("interactions", interactions), checks, ids=not resolving)
    long = {
        name: _parse_table(table(name, data), checks, ids=not resolving)
        for name, data in long_tables.items()
        if data is not None
    }
    batch = _Batch(main, long)
    n = main.length
    ids = main.labels.get("id")
    if ids is not None:
        valid = ids.codes >= 0
        if len(ids.uniques) != int(valid.sum()):
            seen = np.zeros(len(ids.uniques), dtype=np.bool_)
            repeated = np.zeros(n, dtype=np.bool_)
            for row in np.flatnonzero(valid):
                code = ids.codes[row]
                repeated[row] = seen[code]
                seen[code] = True
            checks.flag(
                "interactions",
                "id",
                repeated,
                "an id not repeated in interactions",
                lambda row: main.table.value_at("id", row),
            )
    if long and ids is None:
        raise ValidationError(
            "interactions.id",
            None,
            f"a column of interaction ids, which {', '.join(long)} refer to",
        )
    for name, parsed in long.items():
        assert ids is not None
        rows = _join(ids, n, parsed.labels["interaction"])
        checks.flag(
            name,
            "interaction",
            rows == -1,
            "the id of an interaction in the interactions table",
            _reader(parsed.table, "interaction"),
            unknown=True,
        )
        batch.rows[name] = rows

    # Cross-column checks that need no ecosystem, in the model's words.
    customer = main.labels["customer"]
    counterpart = main.labels.get("counterpart")
    if counterpart is not None and not resolving:
        checks.flag(
            "interactions",
            "counterpart",
            _same(customer, counterpart),
            _NOT_SELF,
            lambda row: main.table.value_at("counterpart", row),
        )
    offering = main.labels.get("offering")
    no_offering = np.ones(n, dtype=np.bool_) if offering is None else offering.codes == -1
    if "units" in main.numbers:
        checks.flag(
            "interactions",
            "offering",
            no_offering & (main.numbers["units"] != 0.0),
            "the id of the offering whose units or modules it buys",
            lambda row: None,
        )
    if "modules" in batch.rows:
        checks.flag(
            "interactions",
            "offering",
            no_offering & _has_parts(batch.rows["modules"], n),
            "the id of the offering whose units or modules it buys",
            lambda row: None,
        )
        _flag_repeated(batch, "modules", "module", checks)
    if "achievements" in batch.rows:
        job = main.labels.get("job")
        no_job = np.ones(n, dtype=np.bool_) if job is None else job.codes == -1
        checks.flag(
            "interactions",
            "job",
            no_job & _has_parts(batch.rows["achievements"], n),
            "the id of the job whose outcomes `achievement` scores",
            lambda row: None,
        )
        _flag_repeated(batch, "achievements", "outcome", checks)
    if "reference_point" in main.enums:
        given = main.enums["reference_point"]
        is_self = np.ones(n, dtype=np.bool_) if counterpart is None else counterpart.codes == -1
        self_code = list(ReferencePoint).index(ReferencePoint.SELF)
        checks.flag(
            "interactions",
            "reference_point",
            (given >= 0) & (is_self != (given == self_code)),
            "the reference point its endpoints imply (self exactly when there is no counterpart)",
            lambda row: main.table.value_at("reference_point", row),
        )
    if "transfers" in long:
        transfers = long["transfers"]
        if not resolving:
            checks.flag(
                "transfers",
                "target",
                _same(transfers.labels["source"], transfers.labels["target"]),
                _OTHER_THAN_SOURCE,
                lambda row: transfers.table.value_at("target", row),
            )
        kind = transfers.enums.get("kind")
        money = np.ones(transfers.length, dtype=np.bool_) if kind is None else kind <= 0
        amount = transfers.numbers["amount"]
        checks.flag(
            "transfers",
            "amount",
            money & (amount < 0.0),
            "a finite number >= 0 for a money transfer",
            lambda row: transfers.table.value_at("amount", row),
        )
    return batch


def _reader(table: _Table, column: str) -> Callable[[int], Any]:
    """A function that reads the original value of one column at a row, for messages."""

    def read(row: int) -> Any:
        return table.value_at(column, row)

    return read


def _flag_repeated(batch: _Batch, name: str, column: str, checks: _Checks) -> None:
    """Flag a long-table row that repeats the interaction and ``column`` of an earlier row."""
    import numpy as np

    pandas = require("pandas", "pandas", _FEATURE)
    parsed = batch.long[name]
    rows = batch.rows[name]
    labels = parsed.labels[column]
    usable = (rows >= 0) & (labels.codes >= 0)
    if not usable.any():
        return
    width = len(labels.uniques) + 1
    composite = rows.astype(np.int64) * width + labels.codes
    space = batch.interactions.length * width
    if space <= max(8 * len(rows), 1 << 22):
        # Count each pair; a pair seen twice marks its later rows (error path only).
        counts = np.bincount(composite[usable], minlength=space)
        if counts.max(initial=0) <= 1:
            return
        composite = np.where(usable, composite, -1 - np.arange(len(rows), dtype=np.int64))
    else:
        composite = np.where(usable, composite, -1 - np.arange(len(rows), dtype=np.int64))
    repeated = np.asarray(pandas.Series(composite).duplicated(keep="first"), dtype=np.bool_)
    checks.flag(
        name,
        column,
        repeated & usable,
        f"{'a module' if name == 'modules' else 'an outcome'} not repeated for its interaction",
        lambda row: parsed.table.value_at(column, row),
    )


# ----------------------------------------------------------------------------- the ecosystem as arrays


class _Vocab:
    """An ecosystem's entities as lookup tables and arrays, built once and cached."""

    def __init__(self, ecosystem: Ecosystem) -> None:
        import numpy as np

        actors = ecosystem.actors
        self.actors: tuple[str, ...] = tuple(actor.id for actor in actors)
        self.actor_index = {actor_id: i for i, actor_id in enumerate(self.actors)}
        customers = [actor for actor in actors if isinstance(actor, Customer)]
        self.customers: tuple[str, ...] = tuple(c.id for c in customers)
        self.customer_index = {customer_id: i for i, customer_id in enumerate(self.customers)}
        self.customer_actor = np.array(
            [self.actor_index[c] for c in self.customers], dtype=np.int64
        )
        self.actor_customer = np.full(len(actors), -1, dtype=np.int64)
        self.actor_customer[self.customer_actor] = np.arange(len(customers), dtype=np.int64)
        self.count = np.array([float(c.count) for c in customers], dtype=np.float64)
        self.count_int = np.array([c.count for c in customers], dtype=np.int64)
        self.value_of_time = np.array([c.value_of_time for c in customers], dtype=np.float64)
        self.retention = np.array([c.retention for c in customers], dtype=np.float64)
        self.incrementality = np.array([c.incrementality for c in customers], dtype=np.float64)
        self.referred_in = np.array([c.referred_in for c in customers], dtype=np.float64)
        self.referrer = np.array(
            [
                -1 if c.referred_by is None else self.customer_index[c.referred_by]
                for c in customers
            ],
            dtype=np.int64,
        )
        self.kinds = tuple(kind_of(actor) for actor in actors)
        self.organisations = tuple(a for a in actors if isinstance(a, Organisation))
        self.partner_cost = np.array(
            [actor.variable_cost if isinstance(actor, NetworkPartner) else 0.0 for actor in actors],
            dtype=np.float64,
        )
        self.is_partner = np.array(
            [isinstance(actor, NetworkPartner) for actor in actors], dtype=np.bool_
        )
        # Organisations and partners get roles 1..K; a customer is role 0 of its own rows.
        others = [i for i, actor in enumerate(actors) if not isinstance(actor, Customer)]
        self.role_actor = np.array([-1, *others], dtype=np.int64)
        self.actor_role = np.full(len(actors), -1, dtype=np.int64)
        self.actor_role[np.array(others, dtype=np.int64)] = np.arange(1, len(others) + 1)

        # Endpoints of an interaction: actors, then topics.
        self.endpoint_index = dict(self.actor_index)
        for number, topic in enumerate(ecosystem.topics):
            self.endpoint_index[topic.id] = len(actors) + number
        point = {
            Customer: ReferencePoint.OTHER_CUSTOMERS,
            Organisation: ReferencePoint.ORGANISATION,
            NetworkPartner: ReferencePoint.NETWORK,
        }
        points = [*(point[type(actor)] for actor in actors)] + [ReferencePoint.TOPIC] * len(
            ecosystem.topics
        )
        order = list(ReferencePoint)
        self.endpoint_point = np.array([order.index(p) for p in points], dtype=np.int64)
        self.endpoints: tuple[str, ...] = (*self.actors, *(t.id for t in ecosystem.topics))

        offerings = ecosystem.offerings
        self.offerings: tuple[str | None, ...] = (None, *(o.id for o in offerings))
        self.offering_index = {o.id: i + 1 for i, o in enumerate(offerings)}
        self.price = np.array([0.0, *(o.price for o in offerings)], dtype=np.float64)
        self.unit_cost = np.array([0.0, *(o.unit_cost for o in offerings)], dtype=np.float64)
        self.provider = np.array(
            [-1, *(self.actor_index[o.provider] for o in offerings)], dtype=np.int64
        )
        slots = max((len(o.partners) for o in offerings), default=0)
        self.share_partner = np.full((len(offerings) + 1, slots), -1, dtype=np.int64)
        self.share = np.zeros((len(offerings) + 1, slots), dtype=np.float64)
        provider_share = [1.0]
        for number, offering in enumerate(offerings, start=1):
            remaining = 1.0
            for slot, share in enumerate(offering.partners):
                self.share_partner[number, slot] = self.actor_index[share.partner]
                self.share[number, slot] = share.share
                remaining -= share.share
            provider_share.append(remaining)
        self.provider_share = np.array(provider_share, dtype=np.float64)
        module_ids = sorted({m.id for o in offerings for m in o.modules})
        self.module_vocab = {module: i for i, module in enumerate(module_ids)}
        self.module_price: dict[tuple[int, int], tuple[float, float]] = {}
        for number, offering in enumerate(offerings, start=1):
            for module in offering.modules:
                self.module_price[number, self.module_vocab[module.id]] = (
                    module.price,
                    module.cost,
                )

        jobs = ecosystem.jobs
        self.job_index = {job.id: i for i, job in enumerate(jobs)}
        self.job_value = np.array([job.value for job in jobs], dtype=np.float64)
        self.job_owner = np.array([self.customer_index[job.owner] for job in jobs], dtype=np.int64)
        self.job_outcomes = np.array([float(len(job.outcomes)) for job in jobs], dtype=np.float64)
        outcome_ids = sorted({o.id for job in jobs for o in job.outcomes})
        self.outcome_vocab = {outcome: i for i, outcome in enumerate(outcome_ids)}
        self.importance_pairs = np.array(
            [
                (number, self.outcome_vocab[o.id])
                for number, job in enumerate(jobs)
                for o in job.outcomes
            ],
            dtype=np.int64,
        ).reshape(-1, 2)
        self.importance = np.array(
            [float(o.importance) for job in jobs for o in job.outcomes], dtype=np.float64
        )
        self.module_pairs = np.array(list(self.module_price), dtype=np.int64).reshape(-1, 2)
        self.module_prices = np.array([p for p, _ in self.module_price.values()], dtype=np.float64)
        self.module_costs = np.array([c for _, c in self.module_price.values()], dtype=np.float64)
        self._arrow_keys: dict[tuple[int, Any], tuple[Any, Ints]] = {}

    def arrow_keys(self, index: Mapping[str, int], kind: Any) -> tuple[Any, Ints]:
        """One of the id indexes as a pyarrow array of ids of type ``kind`` and their codes.

        Built on first use for each index and string type, and kept with the vocabulary.
        """
        import numpy as np

        key = (id(index), kind)
        cached = self._arrow_keys.get(key)
        if cached is None:
            pa = require("pyarrow", "parquet", _FEATURE)
            ids = pa.array(list(index), type=kind)
            codes = np.fromiter(index.values(), dtype=np.int64, count=len(index))
            cached = self._arrow_keys[key] = (ids, codes)
        return cached


_VOCABS: dict[int, tuple[weakref.ref[Ecosystem], _Vocab]] = {}


def _vocab(ecosystem: Ecosystem) -> _Vocab:
    """The ecosystem's lookup tables, cached for as long as the ecosystem lives."""
    key = id(ecosystem)
    cached = _VOCABS.get(key)
    if cached is not None and cached[0]() is ecosystem:
        return cached[1]
    vocab = _Vocab(ecosystem)
    if len(_VOCABS) >= 8:
        _VOCABS.clear()
    _VOCABS[key] = (weakref.ref(ecosystem, lambda _: _VOCABS.pop(key, None)), vocab)
    return vocab


def _pair_lookup(pairs: Ints, left: Ints, right: Ints, width: int) -> Ints:
    """Positions of ``(left, right)`` among the rows of ``pairs`` (-1 where absent)."""
    import numpy as np

    pandas = require("pandas", "pandas", _FEATURE)
    keys = pairs[:, 0] * width + pairs[:, 1]
    known = (left >= 0) & (right >= 0)
    composite = np.where(known, left.astype(np.int64) * width + right, -1)
    if not len(keys):
        return np.full(len(left), -1, dtype=np.int64)
    space = int(keys.max()) + 1
    if space <= max(8 * len(left), 1 << 22):
        position = np.full(space + 1, -1, dtype=np.int64)
        position[keys] = np.arange(len(keys), dtype=np.int64)
        return position[np.where(composite < space, composite, -1)]
    return np.asarray(pandas.Index(keys).get_indexer(composite), dtype=np.int64)


# ----------------------------------------------------------------------------- resolving ids


class _Prepared:
    """A batch resolved against an ecosystem: every id an integer code, every default filled."""

    def __init__(self, n: int) -> None:
        import numpy as np

        self.n = n
        zeros = np.zeros(n, dtype=np.float64)
        self.customer = np.zeros(n, dtype=np.int64)
        self.counterpart = np.full(n, -1, dtype=np.int64)
        self.offering = np.zeros(n, dtype=np.int64)
        self.level = np.zeros(n, dtype=np.int64)
        self.period = np.zeros(n, dtype=np.int64)
        self.recurring = np.ones(n, dtype=np.bool_)
        self.job = np.full(n, -1, dtype=np.int64)
        self.units = zeros
        self.occurrences = np.ones(n, dtype=np.float64)
        self.personalisation = zeros
        self.effort = zeros
        self.risk_probability = zeros
        self.risk_loss = zeros
        self.psychic_cost = zeros
        self.hours = zeros
        empty_i = np.zeros(0, dtype=np.int64)
        empty_f = np.zeros(0, dtype=np.float64)
        self.transfer_row, self.transfer_source, self.transfer_target = empty_i, empty_i, empty_i
        self.transfer_amount, self.transfer_money = empty_f, np.zeros(0, dtype=np.bool_)
        self.achievement_row, self.achievement_weight, self.achievement_level = (
            empty_i,
            empty_f,
            empty_f,
        )
        self.contribution_row, self.contribution_actor, self.contribution_kind = (
            empty_i,
            empty_i,
            empty_i,
        )
        self.contribution_amount = empty_f
        self.module_row, self.module_price, self.module_cost = empty_i, empty_f, empty_f

    def release(self) -> None:
        """Let go of every column once the ledger's rows have what they need."""
        fresh = _Prepared(0)
        for name in vars(fresh):
            if name != "n":
                setattr(self, name, getattr(fresh, name))

    def drop_parts(self) -> None:
        """Let go of the long tables' arrays once the entries are built."""
        fresh = _Prepared(0)
        for name in vars(fresh):
            if name.startswith(("transfer_", "achievement_", "contribution_", "module_")):
                setattr(self, name, getattr(fresh, name))


def _resolve(ecosystem: Ecosystem, batch: _Batch, checks: _Checks) -> _Prepared:
    """Map every id of a batch to the ecosystem's codes and check what needs the ecosystem."""
    import numpy as np

    vocab = _vocab(ecosystem)
    main = batch.interactions
    n = main.length
    prepared = _Prepared(n)
    table = main.table

    def ref(column: str, index: Mapping[str, int], expected: str) -> Ints | None:
        labels = main.labels.get(column)
        if labels is None:
            return None
        codes = labels.lookup(index, vocab)
        unknown = (codes == -1) & (labels.codes >= 0)
        checks.flag(
            "interactions",
            column,
            unknown,
            expected,
            lambda row: table.value_at(column, row),
            unknown=True,
        )
        return codes

    customer = ref("customer", vocab.customer_index, "the id of a customer")
    assert customer is not None
    prepared.customer = np.maximum(customer, 0)
    counterpart = ref("counterpart", vocab.endpoint_index, "the id of an actor or topic")
    if counterpart is not None:
        prepared.counterpart = np.where(counterpart >= 0, counterpart, -1).astype(np.int32)
        checks.flag(
            "interactions",
            "counterpart",
            (customer >= 0) & (counterpart == vocab.customer_actor[np.maximum(customer, 0)])
            if len(vocab.customer_actor)
            else np.zeros(n, dtype=np.bool_),
            _NOT_SELF,
            lambda row: table.value_at("counterpart", row),
        )
    offering = ref("offering", vocab.offering_index, "the id of an offering")
    if offering is not None:
        prepared.offering = np.maximum(offering, 0)
    job = ref("job", vocab.job_index, "the id of a job")
    if job is not None:
        known = (job >= 0) & (customer >= 0)
        owner = np.where(
            known, vocab.job_owner[np.maximum(job, 0)] if len(vocab.job_owner) else -1, -1
        )
        checks.flag(
            "interactions",
            "job",
            known & (owner != customer),
            "a job of the interaction's customer",
            lambda row: table.value_at("job", row),
        )
        prepared.job = np.where(job >= 0, job, -1).astype(np.int32)
    if "reference_point" in main.enums and counterpart is not None:
        given = main.enums["reference_point"]
        known = (given >= 0) & (counterpart >= 0)
        implied = np.where(
            known,
            vocab.endpoint_point[np.maximum(counterpart, 0)] if len(vocab.endpoint_point) else -1,
            -1,
        )
        checks.flag(
            "interactions",
            "reference_point",
            known & (implied != given),
            "the reference point its endpoints imply",
            lambda row: table.value_at("reference_point", row),
        )
    if "level" in main.enums:
        prepared.level = (main.enums["level"] + 1).astype(np.int8)  # -1 (none) becomes 0
    if main.period is not None:
        prepared.period = main.period
    if "recurring" in main.flags:
        prepared.recurring = main.flags["recurring"]
    for name in (
        "units",
        "occurrences",
        "personalisation",
        "effort",
        "risk_probability",
        "risk_loss",
        "psychic_cost",
        "hours",
    ):
        if name in main.numbers:
            setattr(prepared, name, main.numbers[name])

    rows_of = batch.rows
    if "transfers" in batch.long:
        parsed = batch.long["transfers"]
        source = _long_ref(parsed, "source", vocab.actor_index, "the id of an actor", checks, vocab)
        target = _long_ref(parsed, "target", vocab.actor_index, "the id of an actor", checks, vocab)
        kind = parsed.enums.get("kind")
        checks.flag(
            "transfers",
            "target",
            (source >= 0) & (source == target),
            _OTHER_THAN_SOURCE,
            lambda row: parsed.table.value_at("target", row),
        )
        keep = (rows_of["transfers"] >= 0) & (source >= 0) & (target >= 0)
        prepared.transfer_row = rows_of["transfers"][keep]
        prepared.transfer_source = source[keep]
        prepared.transfer_target = target[keep]
        prepared.transfer_amount = parsed.numbers["amount"][keep]
        prepared.transfer_money = (
            np.ones(int(keep.sum()), dtype=np.bool_) if kind is None else (kind <= 0)[keep]
        )
    if "contributions" in batch.long:
        parsed = batch.long["contributions"]
        actor = _long_ref(parsed, "actor", vocab.actor_index, "the id of an actor", checks, vocab)
        keep = (rows_of["contributions"] >= 0) & (actor >= 0) & (parsed.enums["kind"] >= 0)
        prepared.contribution_row = rows_of["contributions"][keep]
        prepared.contribution_actor = actor[keep]
        prepared.contribution_kind = parsed.enums["kind"][keep]
        amount = parsed.numbers.get("amount")
        prepared.contribution_amount = np.zeros(int(keep.sum())) if amount is None else amount[keep]
    if "achievements" in batch.long:
        parsed = batch.long["achievements"]
        rows = rows_of["achievements"]
        labels = parsed.labels["outcome"]
        outcome = labels.lookup(vocab.outcome_vocab, vocab)
        row_job = np.where(rows >= 0, prepared.job[np.maximum(rows, 0)] if n else -1, -1)
        position = _pair_lookup(
            vocab.importance_pairs, row_job, outcome, len(vocab.outcome_vocab) + 1
        )
        importance_of = vocab.importance
        checks.flag(
            "achievements",
            "outcome",
            (row_job >= 0) & (labels.codes >= 0) & (np.asarray(position) < 0),
            "the id of an outcome of the interaction's job",
            lambda row: parsed.table.value_at("outcome", row),
            unknown=True,
        )
        keep = (row_job >= 0) & (np.asarray(position) >= 0)
        prepared.achievement_row = rows[keep]
        prepared.achievement_weight = importance_of[np.asarray(position)[keep]] / 10.0
        prepared.achievement_level = parsed.numbers["level"][keep]
    if "modules" in batch.long:
        parsed = batch.long["modules"]
        rows = rows_of["modules"]
        labels = parsed.labels["module"]
        module = labels.lookup(vocab.module_vocab, vocab)
        row_offering = np.where(rows >= 0, prepared.offering[np.maximum(rows, 0)] if n else 0, 0)
        position = np.asarray(
            _pair_lookup(vocab.module_pairs, row_offering, module, len(vocab.module_vocab) + 1)
        )
        checks.flag(
            "modules",
            "module",
            (rows >= 0) & (row_offering > 0) & (labels.codes >= 0) & (position < 0),
            "the id of a module of the interaction's offering",
            lambda row: parsed.table.value_at("module", row),
            unknown=True,
        )
        prices = vocab.module_prices
        costs = vocab.module_costs
        keep = (rows >= 0) & (position >= 0)
        prepared.module_row = rows[keep]
        prepared.module_price = prices[position[keep]]
        prepared.module_cost = costs[position[keep]]
    return prepared


def _long_ref(
    parsed: _Parsed,
    column: str,
    index: Mapping[str, int],
    expected: str,
    checks: _Checks,
    vocab: _Vocab | None = None,
) -> Ints:
    labels = parsed.labels[column]
    codes = labels.lookup(index, vocab)
    checks.flag(
        parsed.name,
        column,
        (codes == -1) & (labels.codes >= 0),
        expected,
        lambda row: parsed.table.value_at(column, row),
        unknown=True,
    )
    return codes


# ----------------------------------------------------------------------------- grouping


def _group(columns: Sequence[tuple[Ints, int]], length: int) -> tuple[Ints, int, Ints]:
    """Group rows by several integer code columns, each with codes in ``[0, size)``.

    Returns each row's group, the number of groups and one row of each group.
    """
    import numpy as np

    pandas = require("pandas", "pandas", _FEATURE)
    composite = np.zeros(length, dtype=np.int64)
    space = 1
    for codes, size in columns:
        size = max(int(size), 1)
        if size > max(length, 1):
            compressed, uniques = pandas.factorize(codes)
            codes = np.asarray(compressed, dtype=np.int64)
            size = max(len(uniques), 1)
        if space * size >= 2**62:
            composite, uniques = pandas.factorize(composite)
            composite = np.asarray(composite, dtype=np.int64)
            space = max(len(uniques), 1)
        composite = composite * size + codes
        space *= size
    if space <= max(4 * length, 1 << 16):
        present = np.zeros(space, dtype=np.bool_)
        present[composite] = True
        number = np.cumsum(present, dtype=np.int64) - 1
        groups = number[composite]
        count = int(number[-1]) + 1 if space else 0
    else:
        codes, uniques = pandas.factorize(composite)
        groups = np.asarray(codes, dtype=np.int64)
        count = len(uniques)
    del composite
    narrow = np.int32 if length < 2**31 - 1 else np.int64
    representative = np.empty(count, dtype=narrow)
    representative[groups] = np.arange(length, dtype=narrow)
    return groups.astype(narrow, copy=False), count, representative


# ----------------------------------------------------------------------------- the columnar ledger


class ColumnLedger:
    """A ledger held as columns: the bulk path's mergeable partial result.

    It has the rows and lines of a [`Ledger`][cocreation.Ledger] (one row per actor,
    customer, offering, level, period and recurrence; the lines of [`LINES`][cocreation.LINES]),
    as NumPy arrays. ``a.merge(b)`` (or ``a + b``) adds two ledgers: accounting two
    batches separately and merging equals accounting them together, up to rounding.
    [`to_ledger`][cocreation.accounting.ColumnLedger.to_ledger] gives the
    object path's ledger; the ``*_frame`` functions read it directly.

    A column ledger is immutable: its arrays are read-only.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.accounting import account_columns, interactions_to_tables
        >>> eco = cc.example_ecosystem()
        >>> tables = interactions_to_tables(eco)
        >>> ledger = account_columns(eco, **tables)
        >>> ledger.to_ledger().isclose(cc.account(eco))
        True
        >>> len(ledger) == len(cc.account(eco))
        True
    """

    __slots__ = (
        "_actor",
        "_actors",
        "_customer",
        "_customers",
        "_level",
        "_offering",
        "_offerings",
        "_period",
        "_recurring",
        "_stamps",
        "_values",
    )

    def __init__(
        self,
        *,
        actors: tuple[str, ...],
        customers: tuple[str, ...],
        offerings: tuple[str | None, ...],
        actor: Ints,
        customer: Ints,
        offering: Ints,
        level: Ints,
        period: Ints,
        recurring: Bools,
        values: tuple[Floats, ...],
        stamps: frozenset[tuple[int, bool]] | None = None,
    ) -> None:
        self._actors = actors
        self._customers = customers
        self._offerings = offerings
        self._actor = actor
        self._customer = customer
        self._offering = offering
        self._level = level
        self._period = period
        self._recurring = recurring
        self._values = values
        for array in (actor, customer, offering, level, period, recurring, *values):
            array.flags.writeable = False
        if stamps is None:
            stamps = frozenset(zip(period.tolist(), recurring.astype(bool).tolist(), strict=True))
        self._stamps = frozenset(stamps)

    @classmethod
    def _empty(
        cls, vocab: _Vocab, stamps: frozenset[tuple[int, bool]] = frozenset()
    ) -> ColumnLedger:
        import numpy as np

        empty = np.zeros(0, dtype=np.int64)
        return cls(
            actors=vocab.actors,
            customers=vocab.customers,
            offerings=vocab.offerings,
            actor=empty,
            customer=empty.copy(),
            offering=empty.copy(),
            level=empty.copy(),
            period=empty.copy(),
            recurring=np.zeros(0, dtype=np.bool_),
            values=tuple(np.zeros(0, dtype=np.float64) for _ in LINES),
            stamps=stamps,
        )

    @classmethod
    def from_ledger(cls, ledger: Ledger) -> ColumnLedger:
        """The column ledger of an object-path ledger.

        Examples:
            >>> import cocreation as cc
            >>> book = cc.account(cc.example_ecosystem())
            >>> ColumnLedger.from_ledger(book).to_ledger() == book
            True
        """
        _numpy_and_pandas("ColumnLedger.from_ledger")
        import numpy as np

        rows = list(ledger.rows())
        actors = tuple(dict.fromkeys(key.actor for key, _ in rows))
        customers = tuple(dict.fromkeys(key.customer for key, _ in rows))
        offerings = (None, *dict.fromkeys(k.offering for k, _ in rows if k.offering is not None))
        actor_of = {a: i for i, a in enumerate(actors)}
        customer_of = {c: i for i, c in enumerate(customers)}
        offering_of = {o: i for i, o in enumerate(offerings)}
        return cls(
            actors=actors,
            customers=customers,
            offerings=offerings,
            actor=np.array([actor_of[k.actor] for k, _ in rows], dtype=np.int64),
            customer=np.array([customer_of[k.customer] for k, _ in rows], dtype=np.int64),
            offering=np.array([offering_of[k.offering] for k, _ in rows], dtype=np.int64),
            level=np.array([_NONE_FIRST_LEVELS.index(k.level) for k, _ in rows], dtype=np.int64),
            period=np.array([k.period for k, _ in rows], dtype=np.int64),
            recurring=np.array([bool(k.recurring) for k, _ in rows], dtype=np.bool_),
            values=tuple(
                np.array([lines[line] for _, lines in rows], dtype=np.float64) for line in LINES
            ),
            stamps=ledger.stamps,
        )

    def __len__(self) -> int:
        return len(self._actor)

    def __repr__(self) -> str:
        import numpy as np

        actors = len(np.unique(self._actor))
        return f"ColumnLedger(rows={len(self)}, actors={actors}, periods={list(self.periods)})"

    def __add__(self, other: ColumnLedger) -> ColumnLedger:
        return self.merge(other)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._state(),))

    def _state(self) -> dict[str, Any]:
        return {
            "actors": self._actors,
            "customers": self._customers,
            "offerings": self._offerings,
            "actor": self._actor,
            "customer": self._customer,
            "offering": self._offering,
            "level": self._level,
            "period": self._period,
            "recurring": self._recurring,
            "values": self._values,
            "stamps": self._stamps,
        }

    @property
    def stamps(self) -> frozenset[tuple[int, bool]]:
        """The ``(period, recurring)`` pairs of the interactions accounted, as [`Ledger.stamps`][cocreation.Ledger.stamps].

        Examples:
            >>> import cocreation as cc
            >>> from cocreation.accounting import account_columns
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> sorted(account_columns(eco, {"customer": ["c"], "period": [4]}).stamps)
            [(4, True)]
        """
        return self._stamps

    @property
    def periods(self) -> tuple[int, ...]:
        """The contract periods of the interactions accounted, in order, as [`Ledger.periods`][cocreation.Ledger.periods].

        Examples:
            >>> import cocreation as cc
            >>> from cocreation.accounting import account_columns
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> account_columns(eco, {"customer": ["c", "c"], "period": [2, 0],
            ...                       "effort": [1.0, 1.0]}).periods
            (0, 2)
        """
        return tuple(sorted({period for period, _ in self._stamps}))

    def line(self, name: str) -> Floats:
        """One line of every row, as a read-only array in row order.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation.accounting import account_columns
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> account_columns(eco, {"customer": ["c"], "effort": [2.5]}).line("effort").tolist()
            [2.5]
        """
        if name not in LINES:
            raise ValidationError("line", name, f"one of {', '.join(LINES)}")
        return self._values[LINES.index(name)]

    def _decoded(
        self,
    ) -> tuple[list[str], list[str], list[str | None], list[CoCreationLevel | None]]:
        actors = [self._actors[i] for i in self._actor.tolist()]
        customers = [self._customers[i] for i in self._customer.tolist()]
        offerings = [self._offerings[i] for i in self._offering.tolist()]
        levels = [_NONE_FIRST_LEVELS[i] for i in self._level.tolist()]
        return actors, customers, offerings, levels

    def to_ledger(self) -> Ledger:
        """The same rows as an object-path [`Ledger`][cocreation.Ledger].

        Builds one Python object per row: meant for small ledgers and for checking.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation.accounting import account_columns
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> account_columns(eco, {"customer": ["c"], "effort": [2.5]}).to_ledger().totals()
            {'c': {'value_in_use': 0.0, 'value_received': 0.0, 'money_received': 0.0, 'money_paid': 0.0, 'expenses': 0.0, 'time_cost': 0.0, 'effort': 2.5, 'risk': 0.0, 'psychic_cost': 0.0}}
        """
        actors, customers, offerings, levels = self._decoded()
        periods = self._period.tolist()
        recurring = self._recurring.tolist()
        columns = list(zip(*(values.tolist() for values in self._values), strict=True))
        return Ledger(
            {
                LedgerKey(a, c, o, lv, p, r): tuple(values)
                for a, c, o, lv, p, r, values in zip(
                    actors, customers, offerings, levels, periods, recurring, columns, strict=True
                )
            },
            self._stamps,
        )

    def to_frame(self) -> pd.DataFrame:
        """Every row as a tidy DataFrame: the key columns, then one column per line.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation.accounting import account_columns
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> frame = account_columns(eco, {"customer": ["c"], "effort": [2.5]}).to_frame()
            >>> list(frame.columns[:5]), frame["effort"].tolist()
            (['actor', 'customer', 'offering', 'level', 'period'], [2.5])
        """
        _numpy_and_pandas("ColumnLedger.to_frame")
        import numpy as np
        import pandas as pd

        actors = np.array(self._actors, dtype=object)
        customers = np.array(self._customers, dtype=object)
        offerings = np.array(self._offerings, dtype=object)
        levels = np.array(
            [None if lv is None else lv.value for lv in _NONE_FIRST_LEVELS], dtype=object
        )
        data: dict[str, Any] = {
            "actor": actors[self._actor] if len(actors) else np.array([], dtype=object),
            "customer": customers[self._customer] if len(customers) else np.array([], dtype=object),
            "offering": offerings[self._offering],
            "level": levels[self._level],
            "period": np.asarray(self._period),
            "recurring": np.asarray(self._recurring),
        }
        for number, line in enumerate(LINES):
            data[line] = np.asarray(self._values[number])
        return pd.DataFrame(data)

    def merge(self, *others: ColumnLedger) -> ColumnLedger:
        """The ledger of these ledgers' interactions together.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation.accounting import account_columns
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> one = account_columns(eco, {"customer": ["c"], "effort": [1.0]})
            >>> two = account_columns(eco, {"customer": ["c"], "effort": [2.0]})
            >>> (one + two).line("effort").tolist()
            [3.0]
        """
        import numpy as np

        ledgers = (self, *others)
        for other in others:
            if not isinstance(other, ColumnLedger):
                raise ValidationError("other", other, "a ColumnLedger")
        if len(ledgers) == 1:
            return self
        stamps = frozenset().union(*(x._stamps for x in ledgers))
        actors, actor = _union([(x._actors, x._actor) for x in ledgers])
        customers, customer = _union([(x._customers, x._customer) for x in ledgers])
        offerings, offering = _union([(x._offerings, x._offering) for x in ledgers])
        level = np.concatenate([x._level for x in ledgers])
        period = np.concatenate([x._period for x in ledgers])
        recurring = np.concatenate([x._recurring for x in ledgers])
        values = tuple(
            np.concatenate([x._values[number] for x in ledgers]) for number in range(len(LINES))
        )
        return _collapse(
            actors,
            customers,
            offerings,
            actor,
            customer,
            offering,
            level,
            period,
            recurring,
            values,
            stamps,
        )

    def isclose(self, other: ColumnLedger, *, rel_tol: float = 1e-9, abs_tol: float = 1e-6) -> bool:
        """Whether two ledgers have the same rows with amounts equal up to rounding.

        A row missing from one ledger counts as a row of zeros, as in
        [`Ledger.isclose`][cocreation.Ledger.isclose].

        Examples:
            >>> import cocreation as cc
            >>> from cocreation.accounting import account_columns
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> one = account_columns(eco, {"customer": ["c"], "effort": [1.0]})
            >>> one.isclose(one + one)
            False
        """
        import numpy as np

        if self._stamps != other._stamps:
            return False
        pair = (self, other)
        actors, actor = _union([(x._actors, x._actor) for x in pair])
        customers, customer = _union([(x._customers, x._customer) for x in pair])
        offerings, offering = _union([(x._offerings, x._offering) for x in pair])
        level = np.concatenate([x._level for x in pair])
        period = np.concatenate([x._period for x in pair])
        recurring = np.concatenate([x._recurring for x in pair])
        span = int(period.max()) + 1 if len(period) else 1
        groups, count, _ = _group(
            [
                (actor, len(actors)),
                (customer, len(customers)),
                (offering, len(offerings)),
                (level, len(_NONE_FIRST_LEVELS)),
                (period, span),
                (recurring.astype(np.int64), 2),
            ],
            len(actor),
        )
        mine = np.zeros((len(LINES), count))
        theirs = np.zeros((len(LINES), count))
        for number in range(len(LINES)):
            np.add.at(mine[number], groups[: len(self)], self._values[number])
            np.add.at(theirs[number], groups[len(self) :], other._values[number])
        tolerance = np.maximum(rel_tol * np.maximum(np.abs(mine), np.abs(theirs)), abs_tol)
        return bool((np.abs(mine - theirs) <= tolerance).all())


def _rebuild(state: dict[str, Any]) -> ColumnLedger:
    return ColumnLedger(**state)


def _union(parts: Sequence[tuple[tuple[Any, ...], Ints]]) -> tuple[tuple[Any, ...], Ints]:
    """One vocabulary for several, and the codes of each part re-mapped into it."""
    import numpy as np

    first = parts[0][0]
    if all(vocab is first or vocab == first for vocab, _ in parts):
        return first, np.concatenate([codes for _, codes in parts])
    merged: dict[Any, int] = {}
    for vocab, _ in parts:
        for item in vocab:
            merged.setdefault(item, len(merged))
    remapped = [
        np.array([merged[item] for item in vocab], dtype=np.int64)[codes] if len(codes) else codes
        for vocab, codes in parts
    ]
    return tuple(merged), np.concatenate(remapped)


def _collapse(
    actors: tuple[str, ...],
    customers: tuple[str, ...],
    offerings: tuple[str | None, ...],
    actor: Ints,
    customer: Ints,
    offering: Ints,
    level: Ints,
    period: Ints,
    recurring: Bools,
    values: tuple[Floats, ...],
    stamps: frozenset[tuple[int, bool]],
) -> ColumnLedger:
    """Sum rows with equal keys."""
    import numpy as np

    span = int(period.max()) + 1 if len(period) else 1
    groups, count, representative = _group(
        [
            (actor, len(actors)),
            (customer, len(customers)),
            (offering, len(offerings)),
            (level, len(_NONE_FIRST_LEVELS)),
            (period, span),
            (recurring.astype(np.int64), 2),
        ],
        len(actor),
    )
    summed = tuple(
        np.bincount(groups, weights=values[number], minlength=count) for number in range(len(LINES))
    )
    return ColumnLedger(
        actors=actors,
        customers=customers,
        offerings=offerings,
        actor=actor[representative],
        customer=customer[representative],
        offering=offering[representative],
        level=level[representative],
        period=period[representative],
        recurring=recurring[representative],
        values=summed,
        stamps=stamps,
    )


# ----------------------------------------------------------------------------- accounting


class _Stream:
    """Ledger entries of one kind: who, for which interaction, and amounts by line."""

    def __init__(self, rows: Ints, actor: Ints | None, lines: Mapping[int, Floats]) -> None:
        self.rows = rows  # the interaction row of each entry
        self.actor = actor  # None: the interaction's own customer
        self.lines = dict(lines)


def _ledger_of(vocab: _Vocab, prepared: _Prepared) -> ColumnLedger:
    """Account a resolved batch."""
    import numpy as np

    if prepared.n == 0:
        return ColumnLedger._empty(vocab)
    stamps = _stamps_of(prepared.period, prepared.recurring)
    streams = _streams_of(vocab, prepared)
    prepared.drop_parts()  # the streams hold what the long tables gave
    # Interactions with the same customer, offering, level, period and recurrence share
    # their rows.
    # The grouping is handed over without a name here, so _rows_of can free it early.
    return _rows_of(
        vocab,
        prepared,
        stamps,
        streams,
        _group(
            [
                (prepared.customer, len(vocab.customers)),
                (prepared.offering, len(vocab.offerings)),
                (prepared.level, len(_NONE_FIRST_LEVELS)),
                (prepared.period, int(prepared.period.max()) + 1),
                (prepared.recurring.astype(np.int8), 2),
            ],
            prepared.n,
        ),
    )


def _stamps_of(period: Ints, recurring: Bools) -> frozenset[tuple[int, bool]]:
    """The distinct ``(period, recurring)`` pairs of a batch's interactions."""
    import numpy as np

    if not len(period):
        return frozenset()
    present = np.bincount(period.astype(np.int64) * 2 + recurring, minlength=2)
    return frozenset((int(code) // 2, bool(code % 2)) for code in np.flatnonzero(present))


def _streams_of(vocab: _Vocab, prepared: _Prepared) -> list[_Stream]:
    """Every ledger entry of a resolved batch, by kind; the temporaries die on return."""
    import numpy as np

    n = prepared.n
    customer = prepared.customer
    scale = prepared.occurrences * vocab.count[customer]
    all_rows = np.arange(n, dtype=np.int64)
    streams: list[_Stream] = []

    # The customer's own side: value-in-use and sacrifices.
    customer_lines: dict[int, Floats] = {}
    if len(prepared.achievement_row):
        rows = prepared.achievement_row
        level = prepared.achievement_level
        personalised = level + prepared.personalisation[rows] * (1.0 - level)
        total = np.bincount(rows, weights=prepared.achievement_weight * personalised, minlength=n)
        job = prepared.job
        has_job = job >= 0
        safe = np.maximum(job, 0)
        outcomes = np.where(has_job, vocab.job_outcomes[safe], 1.0)
        index = np.divide(total, outcomes, out=np.zeros(n), where=outcomes > 0)
        customer_lines[_VIU] = np.where(has_job, vocab.job_value[safe] * index * scale, 0.0)
    hours = prepared.hours
    if len(prepared.contribution_row):
        own = (prepared.contribution_kind == list(ResourceKind).index(ResourceKind.TIME)) & (
            prepared.contribution_actor == vocab.customer_actor[customer[prepared.contribution_row]]
        )
        if own.any():
            hours = hours + np.bincount(
                prepared.contribution_row[own],
                weights=prepared.contribution_amount[own],
                minlength=n,
            )
    customer_lines[_TIME] = hours * vocab.value_of_time[customer] * scale
    customer_lines[_EFFORT] = prepared.effort * scale
    customer_lines[_RISK] = prepared.risk_probability * prepared.risk_loss * scale
    customer_lines[_PSYCHIC] = prepared.psychic_cost * scale

    # Purchases: the customer pays, the provider and partners receive by their shares.
    offering = prepared.offering
    buying = (offering > 0) & (prepared.units != 0.0)
    if buying.any():
        units = np.where(buying, prepared.units * scale, 0.0)
        unit_price = vocab.price[offering]
        unit_cost = vocab.unit_cost[offering]
        if len(prepared.module_row):
            unit_price = unit_price + np.bincount(
                prepared.module_row, weights=prepared.module_price, minlength=n
            )
            unit_cost = unit_cost + np.bincount(
                prepared.module_row, weights=prepared.module_cost, minlength=n
            )
        price = unit_price * units
        customer_lines[_MONEY_OUT] = price
        bought = np.flatnonzero(buying)
        streams.append(
            _Stream(
                bought,
                vocab.provider[offering[bought]],
                {
                    _MONEY_IN: (price * vocab.provider_share[offering])[bought],
                    _EXPENSES: (unit_cost * units)[bought],
                },
            )
        )
        for slot in range(vocab.share_partner.shape[1]):
            partner = vocab.share_partner[offering[bought], slot]
            has = partner >= 0
            rows = bought[has]
            partner = partner[has]
            streams.append(
                _Stream(
                    rows,
                    partner,
                    {
                        _MONEY_IN: price[rows] * vocab.share[offering[rows], slot],
                        _EXPENSES: vocab.partner_cost[partner] * units[rows],
                    },
                )
            )
    streams.insert(0, _Stream(all_rows, None, customer_lines))

    # A network partner that is the counterpart bears its variable cost per occurrence.
    counterpart = prepared.counterpart
    actors = len(vocab.actors)
    is_partner_counterpart = (counterpart >= 0) & (counterpart < actors)
    if is_partner_counterpart.any():
        rows = np.flatnonzero(is_partner_counterpart)
        rows = rows[vocab.is_partner[counterpart[rows]]]
        if len(rows):
            streams.append(
                _Stream(
                    rows,
                    counterpart[rows],
                    {_EXPENSES: vocab.partner_cost[counterpart[rows]] * scale[rows]},
                )
            )

    # Transfers: money from source to target; value objects received by the target.
    if len(prepared.transfer_row):
        rows = prepared.transfer_row
        amount = prepared.transfer_amount * scale[rows]
        money = prepared.transfer_money
        streams.append(
            _Stream(rows[money], prepared.transfer_source[money], {_MONEY_OUT: amount[money]})
        )
        streams.append(
            _Stream(rows[money], prepared.transfer_target[money], {_MONEY_IN: amount[money]})
        )
        value = ~money
        streams.append(
            _Stream(rows[value], prepared.transfer_target[value], {_VALUE_IN: amount[value]})
        )

    # Money an actor contributes is its expense.
    if len(prepared.contribution_row):
        paid = prepared.contribution_kind == list(ResourceKind).index(ResourceKind.MONEY)
        rows = prepared.contribution_row[paid]
        streams.append(
            _Stream(
                rows,
                prepared.contribution_actor[paid],
                {_EXPENSES: prepared.contribution_amount[paid] * scale[rows]},
            )
        )

    return streams


def _narrow(periods: Ints) -> Ints:
    """Periods in 32 bits when they fit, as they nearly always do."""
    import numpy as np

    if len(periods) and int(periods.max()) >= 2**31:
        return periods
    return periods.astype(np.int32)


def _rows_of(
    vocab: _Vocab,
    prepared: _Prepared,
    stamps: frozenset[tuple[int, bool]],
    streams: list[_Stream],
    grouping: tuple[Ints, int, Ints],
) -> ColumnLedger:
    """Sum the entries of every stream into ledger rows keyed by actor and base key.

    An entry's row is its slot ``(base, role)``: role 0 is the base's own customer,
    roles 1..K the organisations and partners. Another customer (a transfer to a
    peer, say) gets a slot of its own after those. Slots are numbered densely, so no
    hashing or sorting of the entries is needed. Everything stays in 32-bit integers
    where it fits: on large batches, memory is what costs time.
    """
    import numpy as np

    pandas = require("pandas", "pandas", _FEATURE)
    base, bases, representative = grouping
    del grouping
    customer = prepared.customer
    roles = len(vocab.role_actor)
    space = bases * roles
    total = sum(len(stream.rows) for stream in streams)
    wide = np.int64 if space + total >= 2**31 - 1 else np.int32
    dense = space <= max(8 * prepared.n, 1 << 22)
    slots: list[Ints] = []
    foreign_keys: list[Ints] = []
    foreign_at: list[tuple[int, Ints]] = []
    kept: list[_Stream] = []
    streams.reverse()
    while streams:
        # Popped, so that a stream's unfiltered arrays are freed once it is filtered.
        stream = streams.pop()
        nonzero: Bools | None = None
        for amounts in stream.lines.values():
            nonzero = amounts != 0.0 if nonzero is None else (nonzero | (amounts != 0.0))
        if nonzero is not None and not nonzero.all():
            stream = _Stream(
                stream.rows[nonzero],
                None if stream.actor is None else stream.actor[nonzero],
                {line: amounts[nonzero] for line, amounts in stream.lines.items()},
            )
        if not len(stream.rows):
            continue
        kept.append(stream)
        entry_base = base[stream.rows]
        if not dense:
            actor = (
                vocab.customer_actor[customer[stream.rows]]
                if stream.actor is None
                else stream.actor
            )
            slots.append(actor.astype(np.int64) * bases + entry_base)
            continue
        slot: Ints = entry_base.astype(wide) * roles
        if stream.actor is not None:
            role = vocab.actor_role[stream.actor]
            customers_here = np.flatnonzero(role < 0)
            if len(customers_here):
                actor = stream.actor[customers_here]
                own = actor == vocab.customer_actor[customer[stream.rows[customers_here]]]
                role[customers_here[own]] = 0
                others = customers_here[~own]
                if len(others):
                    foreign_at.append((len(slots), others))
                    foreign_keys.append(
                        stream.actor[others].astype(np.int64) * bases + entry_base[others]
                    )
                    role[others] = 0
            slot += role
        slots.append(slot)
    del base
    if not kept:
        return ColumnLedger._empty(vocab, stamps)

    foreign = np.zeros(0, dtype=np.int64)
    if dense:
        if foreign_keys:
            codes, uniques = pandas.factorize(np.concatenate(foreign_keys))
            codes = np.asarray(codes, dtype=wide) + space
            start = 0
            for position, others in foreign_at:
                slots[position][others] = codes[start : start + len(others)]
                start += len(others)
            foreign = np.asarray(uniques, dtype=np.int64)
        every = np.concatenate(slots)
        del slots
        present = np.zeros(space + len(foreign), dtype=np.bool_)
        present[every] = True
        number: Ints = np.cumsum(present, dtype=wide)
        del present
        number -= 1
        entry_row = number[every]
        count = int(number[-1]) + 1
        del number
        row_slot: Ints = np.empty(count, dtype=wide)
        row_slot[entry_row] = every
        del every
        row_base = row_slot // roles
        row_role = row_slot - row_base * roles
        row_actor = vocab.role_actor.astype(np.int32)[row_role]
        outer = np.flatnonzero(row_slot >= space) if len(foreign) else np.zeros(0, np.int64)
        del row_slot
        if len(outer):
            keys = foreign[(row_base[outer] * roles + row_role[outer]) - space]
            row_actor[outer] = keys // bases
            row_base[outer] = keys % bases
            row_role[outer] = -1
        source = representative[row_base]
        del row_base, representative
        row_customer = customer[source]
        own = np.flatnonzero(row_role == 0)
        row_actor[own] = vocab.customer_actor[row_customer[own]]
        del row_role, own
    else:
        codes, uniques = pandas.factorize(np.concatenate(slots))
        entry_row = np.asarray(codes, dtype=np.int64)
        keys = np.asarray(uniques, dtype=np.int64)
        count = len(keys)
        row_actor = (keys // bases).astype(np.int32)
        source = representative[keys % bases]
        del representative, keys
        row_customer = customer[source]

    # The rows' keys, before the sums: then the interactions' columns can go.
    row_offering = prepared.offering[source].astype(np.int32, copy=False)
    row_level = prepared.level[source].astype(np.int8, copy=False)
    periods = prepared.period
    row_period = (
        _narrow(periods)[source]
        if len(periods) and int(periods.max()) < 2**31
        else _narrow(periods[source])
    )
    row_recurring = prepared.recurring[source]
    del source, periods, customer
    prepared.release()
    row_actor = row_actor.astype(np.int32, copy=False)
    row_customer = row_customer.astype(np.int32, copy=False)

    pieces: dict[int, tuple[list[Ints], list[Floats]]] = {}
    start = 0
    for stream in kept:
        stop = start + len(stream.rows)
        for line, amounts in stream.lines.items():
            where, weights = pieces.setdefault(line, ([], []))
            where.append(entry_row[start:stop])
            weights.append(amounts)
        start = stop
    # From here on only ``pieces`` holds the amounts: each line's are freed once summed.
    kept.clear()
    del stream, entry_row
    values: list[Floats] = []
    for line in range(len(LINES)):
        if line not in pieces:
            values.append(np.zeros(count, dtype=np.float64))
            continue
        where, weights = pieces.pop(line)
        values.append(
            np.bincount(
                where[0] if len(where) == 1 else np.concatenate(where),
                weights=weights[0] if len(weights) == 1 else np.concatenate(weights),
                minlength=count,
            )
        )
    return ColumnLedger(
        actors=vocab.actors,
        customers=vocab.customers,
        offerings=vocab.offerings,
        actor=row_actor,
        customer=row_customer,
        offering=row_offering,
        level=row_level,
        period=row_period,
        recurring=row_recurring,
        values=tuple(values),
        stamps=stamps,
    )


def account_columns(
    ecosystem: Ecosystem,
    interactions: Any,
    *,
    transfers: Any = None,
    achievements: Any = None,
    contributions: Any = None,
    modules: Any = None,
) -> ColumnLedger:
    """Account interactions given as columns, with the meaning of [`account`][cocreation.account].

    Every interaction row, with its rows in the long tables, is accounted exactly as
    [`account`][cocreation.account] accounts the [`Interaction`][cocreation.Interaction]
    it stands for, but with vectorised NumPy over the whole table: ids become integer
    codes once, and each line of the ledger is a weighted ``bincount``. The ecosystem
    supplies the actors, offerings (prices, costs, revenue shares, modules) and jobs
    (values, outcome importances); its own interactions are not accounted.

    Every value is checked first; nothing is dropped or turned into NaN silently.

    Args:
        ecosystem: The ecosystem whose actors, offerings and jobs the rows refer to.
        interactions: The interactions table (see [`COLUMNS`][cocreation.accounting.COLUMNS]):
            a pandas DataFrame, a pyarrow Table, or a mapping of column names to arrays.
        transfers: The transfers table, if any.
        achievements: The achievements table, if any.
        contributions: The contributions table, if any.
        modules: The chosen modules table, if any.

    Returns:
        The column ledger of those interactions.

    Raises:
        ValidationError: A missing required column or an unknown one, or a value a
            column does not accept; the error's ``field`` names the table, the row
            (counted from 0) and the column, such as ``interactions[7].risk_probability``.
        UnknownIdError: A row refers to an id the ecosystem (or the interactions
            table) does not hold.
        MissingExtraError: pandas is not installed.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.accounting import account_columns, net_benefit_frame
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_organisation("bank")
        ...     .add_offering("account", provider="bank", price=10.0, unit_cost=4.0)
        ...     .add_customer("walk-ins", count=100)
        ... )
        >>> ledger = account_columns(eco, {
        ...     "customer": ["walk-ins", "walk-ins"],
        ...     "counterpart": ["bank", None],
        ...     "offering": ["account", None],
        ...     "units": [1.0, 0.0],
        ...     "effort": [0.0, 2.0],
        ... })
        >>> totals = ledger.to_ledger().totals()
        >>> totals["bank"]["money_received"], totals["walk-ins"]["effort"]
        (1000.0, 200.0)
        >>> account_columns(eco, {"customer": ["walk-ins"], "risk_probability": [1.5]})
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: interactions[0].risk_probability: expected a finite number in [0, 1], or a missing value for the default 0.0, got 1.5
    """
    _numpy_and_pandas("account_columns")
    if not isinstance(ecosystem, Ecosystem):
        raise ValidationError("ecosystem", ecosystem, "an Ecosystem")
    checks = _Checks(collect=False)
    batch = _parse(
        interactions,
        {
            "transfers": transfers,
            "achievements": achievements,
            "contributions": contributions,
            "modules": modules,
        },
        checks,
        resolving=True,
    )
    prepared = _resolve(ecosystem, batch, checks)
    del batch  # the parsed columns are no longer needed: let the ledger reuse their memory
    return _ledger_of(_vocab(ecosystem), prepared)


# ----------------------------------------------------------------------------- conversions


def interactions_to_tables(
    source: Ecosystem | Iterable[Interaction],
) -> dict[str, dict[str, list[Any]]]:
    """Interactions as the bulk path's tables: plain dicts of column lists.

    The inverse of [`tables_to_interactions`][cocreation.accounting.tables_to_interactions]:
    every field of every interaction is kept, nested parts in the long tables. Pass
    the result to [`account_columns`][cocreation.accounting.account_columns] with
    ``**tables``, or each table to ``pandas.DataFrame``.

    Args:
        source: An ecosystem (its interactions) or any interactions.

    Returns:
        ``{"interactions": {...}, "transfers": {...}, "achievements": {...},
        "contributions": {...}, "modules": {...}}``, each mapping a column name to a
        list of values (enums as their values, missing values as ``None``).

    Examples:
        >>> import cocreation as cc
        >>> tables = interactions_to_tables(cc.example_ecosystem())
        >>> sorted(tables)
        ['achievements', 'contributions', 'interactions', 'modules', 'transfers']
        >>> tables["interactions"]["id"][:2]
        ['ideas-workshop', 'co-selling-workshop']
    """
    interactions = source.interactions if isinstance(source, Ecosystem) else tuple(source)
    tables: dict[str, dict[str, list[Any]]] = {
        name: {column: [] for column in COLUMNS[name]} for name in COLUMNS
    }
    tables["interactions"].pop("hours")
    main = tables["interactions"]
    for position, interaction in enumerate(interactions):
        if not isinstance(interaction, Interaction):
            raise ValidationError(f"interactions[{position}]", interaction, "an Interaction")
        point = interaction.reference_point
        dart = interaction.dart
        row = {
            "id": interaction.id,
            "customer": interaction.customer,
            "counterpart": interaction.counterpart,
            "reference_point": None if point is None else point.value,
            "level": None if interaction.level is None else interaction.level.value,
            "sphere": interaction.sphere.value,
            "mode": interaction.mode.value,
            "period": interaction.period,
            "offering": interaction.offering,
            "units": float(interaction.units),
            "occurrences": float(interaction.occurrences),
            "job": interaction.job,
            "personalisation": float(interaction.personalisation),
            "effort": float(interaction.effort),
            "risk_probability": float(interaction.risk_probability),
            "risk_loss": float(interaction.risk_loss),
            "psychic_cost": float(interaction.psychic_cost),
            "dart_dialogue": None if dart is None else float(dart.dialogue),
            "dart_access": None if dart is None else float(dart.access),
            "dart_risk_benefits": None if dart is None else float(dart.risk_benefits),
            "dart_transparency": None if dart is None else float(dart.transparency),
            "recurring": interaction.recurring,
        }
        for column, value in row.items():
            main[column].append(value)
        for transfer in interaction.transfers:
            _append(
                tables["transfers"],
                interaction=interaction.id,
                source=transfer.source,
                target=transfer.target,
                amount=float(transfer.amount),
                kind=transfer.kind.value,
                label=transfer.label,
            )
        for achieved in interaction.achievement:
            _append(
                tables["achievements"],
                interaction=interaction.id,
                outcome=achieved.outcome,
                level=float(achieved.level),
            )
        for contribution in interaction.contributions:
            _append(
                tables["contributions"],
                interaction=interaction.id,
                actor=contribution.actor,
                kind=contribution.kind.value,
                amount=float(contribution.amount),
                description=contribution.description,
            )
        for module in interaction.modules:
            _append(tables["modules"], interaction=interaction.id, module=module)
    return tables


def _append(table: dict[str, list[Any]], **row: Any) -> None:
    for column, value in row.items():
        table[column].append(value)


def tables_to_interactions(
    interactions: Any,
    *,
    transfers: Any = None,
    achievements: Any = None,
    contributions: Any = None,
    modules: Any = None,
) -> tuple[Interaction, ...]:
    """Build [`Interaction`][cocreation.Interaction] objects from the bulk path's tables.

    The inverse of [`interactions_to_tables`][cocreation.accounting.interactions_to_tables].
    Every value is checked as by [`account_columns`][cocreation.accounting.account_columns],
    except the references to an ecosystem, which the ecosystem checks when the
    interactions join it. An ``hours`` value becomes a time contribution of the
    customer, after its other contributions.

    Raises:
        ValidationError: A value a column does not accept, naming table, row and column.
        UnknownIdError: A long-table row that names no interaction of the table.

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.example_ecosystem()
        >>> tables_to_interactions(**interactions_to_tables(eco)) == eco.interactions
        True
    """
    _numpy_and_pandas("tables_to_interactions")
    checks = _Checks(collect=False)
    batch = _parse(
        interactions,
        {
            "transfers": transfers,
            "achievements": achievements,
            "contributions": contributions,
            "modules": modules,
        },
        checks,
    )
    if "id" not in batch.interactions.labels:
        raise ValidationError("interactions.id", None, "a column of interaction ids")
    return _build_interactions(batch, None)


def _build_interactions(batch: _Batch, keep: Bools | None) -> tuple[Interaction, ...]:
    """Interaction objects for the (kept) rows of a parsed batch."""
    import numpy as np

    main = batch.interactions
    n = main.length
    wanted = np.ones(n, dtype=np.bool_) if keep is None else keep

    def strings(column: str) -> list[Any]:
        labels = main.labels.get(column)
        return [None] * n if labels is None else labels.values().tolist()

    def enums(column: str, kind: Any, default: Any) -> list[Any]:
        codes = main.enums.get(column)
        members = list(kind)
        if codes is None:
            return [default] * n
        return [default if code < 0 else members[code] for code in codes.tolist()]

    def numbers(column: str, default: float) -> list[float]:
        values = main.numbers.get(column)
        return [default] * n if values is None else values.tolist()

    def flags(column: str, default: bool) -> list[Any]:
        values = main.flags.get(column)
        return [default] * n if values is None else values.tolist()

    parts: dict[str, list[list[Any]]] = {name: [[] for _ in range(n)] for name in _LONG}
    for name, parsed in batch.long.items():
        rows = batch.rows[name].tolist()
        if name == "transfers":
            kinds = parsed.enums.get("kind")
            kind_list = [0] * parsed.length if kinds is None else kinds.tolist()
            labels = parsed.labels.get("label")
            label_list = [""] * parsed.length if labels is None else labels.values().tolist()
            for row, source, target, amount, kind, label in zip(
                rows,
                parsed.labels["source"].values().tolist(),
                parsed.labels["target"].values().tolist(),
                parsed.numbers["amount"].tolist(),
                kind_list,
                label_list,
                strict=True,
            ):
                if row >= 0:
                    parts[name][row].append(
                        Transfer(
                            source, target, amount, list(TransferKind)[max(kind, 0)], label or ""
                        )
                    )
        elif name == "achievements":
            for row, outcome, level in zip(
                rows,
                parsed.labels["outcome"].values().tolist(),
                parsed.numbers["level"].tolist(),
                strict=True,
            ):
                if row >= 0:
                    parts[name][row].append(Achievement(outcome, level))
        elif name == "contributions":
            amounts = parsed.numbers.get("amount")
            amount_list = [0.0] * parsed.length if amounts is None else amounts.tolist()
            descriptions = parsed.labels.get("description")
            text = [""] * parsed.length if descriptions is None else descriptions.values().tolist()
            for row, actor, kind, amount, description in zip(
                rows,
                parsed.labels["actor"].values().tolist(),
                parsed.enums["kind"].tolist(),
                amount_list,
                text,
                strict=True,
            ):
                if row >= 0:
                    parts[name][row].append(
                        Contribution(actor, list(ResourceKind)[kind], amount, description or "")
                    )
        else:
            for row, module in zip(rows, parsed.labels["module"].values().tolist(), strict=True):
                if row >= 0:
                    parts[name][row].append(module)

    darts = [
        main.numbers.get(f"dart_{name}")
        for name in ("dialogue", "access", "risk_benefits", "transparency")
    ]
    dart_nulls = [
        main.nulls.get(f"dart_{name}")
        for name in ("dialogue", "access", "risk_benefits", "transparency")
    ]
    hours = numbers("hours", 0.0)
    periods = [0] * n if main.period is None else main.period.tolist()
    columns = {
        "id": strings("id"),
        "customer": strings("customer"),
        "counterpart": strings("counterpart"),
        "reference_point": enums("reference_point", ReferencePoint, None),
        "level": enums("level", CoCreationLevel, None),
        "sphere": enums("sphere", Sphere, Sphere.JOINT),
        "mode": enums("mode", Mode, Mode.DIRECT),
        "offering": strings("offering"),
        "units": numbers("units", 0.0),
        "occurrences": numbers("occurrences", 1.0),
        "job": strings("job"),
        "personalisation": numbers("personalisation", 0.0),
        "effort": numbers("effort", 0.0),
        "risk_probability": numbers("risk_probability", 0.0),
        "risk_loss": numbers("risk_loss", 0.0),
        "psychic_cost": numbers("psychic_cost", 0.0),
        "recurring": flags("recurring", True),
    }
    built: list[Interaction] = []
    for row in np.flatnonzero(wanted).tolist():
        scores = [
            None if values is None or (nulls is not None and nulls[row]) else float(values[row])
            for values, nulls in zip(darts, dart_nulls, strict=True)
        ]
        dart = (
            None
            if all(score is None for score in scores)
            else DART(*(0.0 if score is None else score for score in scores))
        )
        given = parts["contributions"][row]
        if hours[row]:
            given = [*given, Contribution(columns["customer"][row], ResourceKind.TIME, hours[row])]
        try:
            built.append(
                Interaction(
                    **{column: values[row] for column, values in columns.items()},
                    period=periods[row],
                    modules=parts["modules"][row],
                    achievement=parts["achievements"][row],
                    contributions=given,
                    transfers=parts["transfers"][row],
                    dart=dart,
                )
            )
        except ValidationError as error:
            column = error.field.split(".", 1)[-1]
            raise ValidationError(
                f"interactions[{row}].{column}", error.value, error.expected
            ) from error
    return tuple(built)


# ----------------------------------------------------------------------------- lifetime value over arrays


def _float_array(name: str, value: Any) -> Floats:
    import numpy as np

    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValidationError(name, value, "a finite number or an array of them") from None
    if np.asarray(value).dtype.kind == "b":
        raise ValidationError(name, value, "a finite number or an array of them")
    return array


def _where(name: str, array: Floats, bad: Bools) -> tuple[str, Any]:
    import numpy as np

    if array.ndim == 0:
        return name, array.item()
    position = np.unravel_index(int(np.flatnonzero(bad.ravel())[0]), bad.shape)
    label = ", ".join(str(int(i)) for i in position)
    return f"{name}[{label}]", array[position].item()


def _check(
    name: str,
    array: Floats,
    expected: str,
    low: float | None,
    high: float | None,
    *,
    open_low: bool = False,
) -> float:
    """Raise naming the first element that is not finite or outside the bounds; else its maximum."""
    import numpy as np

    if array.size == 0:
        return -math.inf
    smallest, largest = float(array.min()), float(array.max())
    fine = math.isfinite(smallest) and math.isfinite(largest)
    if fine and low is not None:
        fine = smallest > low if open_low else smallest >= low
    if fine and high is not None:
        fine = largest <= high
    if fine:
        return largest
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(array)
        if low is not None:
            bad |= (array <= low) if open_low else (array < low)
        if high is not None:
            bad |= array > high
    field, value = _where(name, array, bad)
    raise ValidationError(field, value, expected)


def _lifetime(
    retention: Any,
    discount_rate: Any,
    *,
    timing: Timing,
    horizon: int | None,
    growth: Any,
    names: Sequence[str] | None = None,
) -> Floats:
    """The lifetime factor of a margin of 1, element by element, after the checks.

    With ``names`` (one per element of a 1-d ``retention``), a diverging retention is
    named ``Customer.retention of '<name>'``, as [`firm_value`][cocreation.firm_value] does.
    """
    import numpy as np

    r = _float_array("retention", retention)
    highest = _check("retention", r, "a probability in [0, 1]", 0.0, 1.0)
    d = _float_array("discount_rate", discount_rate)
    _check("discount_rate", d, "a finite number >= 0", 0.0, None)
    g = _float_array("growth", growth)
    _check("growth", g, "a finite number > -1", -1.0, None, open_low=True)
    if timing not in _TIMINGS:
        raise ValidationError("timing", timing, "one of 'retained', 'start', 'end'")
    if horizon is not None and (
        not isinstance(horizon, int) or isinstance(horizon, bool) or horizon < 0
    ):
        raise ValidationError(
            "horizon", horizon, "an integer >= 0, or None for an infinite horizon"
        )
    if horizon is None and d.ndim == 0 and g.ndim == 0 and r.ndim:
        # The textbook form, in one buffer changed in place: r / (1 + d - r (1 + g)) and
        # so on, as fast as the plain formula, with the checks done by two reductions.
        one_d, one_g = 1.0 + float(d), 1.0 + float(g)
        if highest * one_g / one_d >= 1.0:
            _diverges(r * (one_g / one_d), r, d, g, names)
        denominator = r * -one_g
        denominator += one_d
        numerator: Any = r if timing == "retained" else (one_d if timing == "start" else 1.0)
        factor: Floats = np.divide(numerator, denominator, out=denominator)
        return factor
    ratio = r * (1.0 + g) / (1.0 + d)
    if horizon is None:
        if (ratio >= 1.0).any():
            _diverges(ratio, r, d, g, names)
        series = 1.0 / (1.0 - ratio)
        return np.asarray(_first(timing, r, d) * series, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        plain = (1.0 - ratio**horizon) / (1.0 - ratio)
    series = np.where(ratio == 1.0, float(horizon), plain)
    factor = _first(timing, r, d) * series
    if not np.isfinite(factor).all():
        raise DivergenceError("horizon", horizon, "a horizon whose sum stays finite")
    return np.asarray(factor, dtype=np.float64)


def _first(timing: str, r: Floats, d: Floats) -> Floats:
    """The weight of the first margin under a timing convention."""
    import numpy as np

    if timing == "retained":
        return np.asarray(r / (1.0 + d))
    if timing == "end":
        return np.asarray(1.0 / (1.0 + d))
    return np.ones_like(r)


def _diverges(ratio: Floats, r: Floats, d: Floats, g: Floats, names: Sequence[str] | None) -> None:
    """Raise for the first element whose infinite-horizon sum diverges."""
    import numpy as np

    bad = np.asarray(ratio >= 1.0)
    shape = ratio.shape
    at = np.unravel_index(int(np.flatnonzero(bad.ravel())[0]), shape) if shape else ()
    rate = float(np.broadcast_to(d, shape)[at])
    grows = float(np.broadcast_to(g, shape)[at])
    value = float(np.broadcast_to(r, shape)[at])
    if names is not None and len(at) == 1:
        field = f"Customer.retention of {names[int(at[0])]!r}"
    elif r.ndim:
        field = "retention[" + ", ".join(str(int(i)) for i in at) + "]"
    else:
        field = "retention"
    raise DivergenceError(
        field,
        value,
        f"a retention below (1 + discount_rate) / (1 + growth) = {(1.0 + rate) / (1.0 + grows):g}"
        " for an infinite horizon",
    )


def lifetime_factor_array(
    retention: Any,
    discount_rate: Any,
    *,
    timing: Timing,
    horizon: int | None = None,
    growth: Any = 0.0,
) -> Floats:
    """[`lifetime_factor`][cocreation.lifetime_factor] over arrays, element by element.

    ``retention``, ``discount_rate`` and ``growth`` are numbers or NumPy arrays (or
    anything ``numpy.asarray`` takes) that broadcast together; the checks and the
    timing conventions are those of the scalar function, and an error names the
    first offending element (``retention[3]``).

    Raises:
        ValidationError: An element outside its range, NaN or infinite; an unknown
            timing; a negative horizon.
        DivergenceError: An infinite horizon with ``retention (1 + growth) >= 1 +
            discount_rate`` for some element.
        MissingExtraError: NumPy is not installed.

    Examples:
        >>> lifetime_factor_array([0.8, 0.5], 0.12, timing="retained").round(4).tolist()
        [2.5, 0.8065]
    """
    require("numpy", "pandas", "lifetime_factor_array")
    return _lifetime(retention, discount_rate, timing=timing, horizon=horizon, growth=growth)


def clv_array(
    margin: Any,
    retention: Any,
    discount_rate: Any,
    *,
    timing: Timing,
    horizon: int | None = None,
    growth: Any = 0.0,
    acquisition_cost: Any = 0.0,
) -> Floats:
    """Customer lifetime value over arrays: [`clv`][cocreation.clv] for many customers at once.

    Every argument but ``timing`` and ``horizon`` is a number or a NumPy array (or
    anything ``numpy.asarray`` takes); they broadcast together. The formulas, timing
    conventions and checks are those of [`clv`][cocreation.clv], and an error names
    the first offending element, such as ``retention[41]``.

    Args:
        margin: Margin per period (may be negative).
        retention: Probability of staying for another period, in [0, 1].
        discount_rate: Discount rate per period (>= 0).
        timing: ``"retained"``, ``"start"`` or ``"end"`` (no default).
        horizon: How many margins to count, or ``None`` for an infinite horizon.
        growth: Growth of the margin per period (> -1).
        acquisition_cost: Paid once to win each customer (>= 0).

    Returns:
        A float64 array of lifetime values, always finite.

    Raises:
        ValidationError: An element outside its range, NaN or infinite, an unknown
            timing, or a negative horizon.
        DivergenceError: An infinite horizon with retention >= 1 + discount rate for
            some element.
        MissingExtraError: NumPy is not installed.

    Examples:
        >>> import numpy as np
        >>> values = clv_array(np.array([100.0, 50.0]), np.array([0.8, 0.8]), 0.12, timing="retained")
        >>> values.round(9).tolist()  # equal to clv up to floating-point rounding
        [250.0, 125.0]
        >>> clv_array([100.0], [1.2], 0.12, timing="start")
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: retention[0]: expected a probability in [0, 1], got 1.2
    """
    require("numpy", "pandas", "clv_array")
    import numpy as np

    m = _float_array("margin", margin)
    cost = _float_array("acquisition_cost", acquisition_cost)
    try:
        _check("acquisition_cost", cost, "a finite number >= 0", 0.0, None)
        factor = _lifetime(retention, discount_rate, timing=timing, horizon=horizon, growth=growth)
    except ValidationError:
        _check("margin", m, "a finite number", None, None)  # reported first, as by clv
        raise
    shape = np.broadcast_shapes(factor.shape, m.shape, cost.shape)
    value = np.multiply(factor, m, out=factor) if factor.shape == shape and shape else factor * m
    if cost.ndim or float(cost) != 0.0:
        value = (
            np.subtract(value, cost, out=value) if value.shape == shape and shape else value - cost
        )
    if not math.isfinite(float(np.sum(value))):
        # A margin that is NaN or infinite makes its value so: only now look for it.
        _check("margin", m, "a finite number", None, None)
        bad = ~np.isfinite(value)
        if bad.any():
            field, shown = _where("margin", np.broadcast_to(m, shape), bad)
            raise ValidationError(field, shown, "a margin whose lifetime value is finite")
    return np.asarray(value, dtype=np.float64)


# ----------------------------------------------------------------------------- frame views


def _as_column_ledger(ledger: ColumnLedger | Ledger) -> ColumnLedger:
    if isinstance(ledger, ColumnLedger):
        return ledger
    if isinstance(ledger, Ledger):
        return ColumnLedger.from_ledger(ledger)
    raise ValidationError("ledger", ledger, "a ColumnLedger or a Ledger")


def _map_vocab(
    vocab: tuple[Any, ...], index: Mapping[Any, int], same: tuple[Any, ...], identity: Ints
) -> Ints:
    """Codes of one vocabulary in another's index (-1 where absent)."""
    import numpy as np

    if vocab is same or vocab == same:
        return identity
    return np.array([index.get(item, -1) for item in vocab], dtype=np.int64)


_SACRIFICES: Final = ("money_paid", "expenses", "time_cost", "effort", "risk", "psychic_cost")


def net_benefit_frame(
    ecosystem: Ecosystem, ledger: ColumnLedger | Ledger, *, by_offering: bool = False
) -> pd.DataFrame:
    """Every customer's net benefit as a tidy DataFrame: [`net_benefit`][cocreation.net_benefit] in bulk.

    One row per customer (or per customer and offering), in the ecosystem's order,
    with the columns of ``net_benefit(...).to_frame()``: ``customer``, ``offering``,
    ``count``, the lines of [`LINES`][cocreation.LINES], then ``benefits``,
    ``sacrifices`` and ``net``. Every customer appears, with zeros if it has no rows.

    Args:
        ecosystem: The ecosystem whose customers to show.
        ledger: A [`ColumnLedger`][cocreation.accounting.ColumnLedger] (or a
            [`Ledger`][cocreation.Ledger]) of the ecosystem's interactions.
        by_offering: One row per customer and offering of the rows (``None`` for
            interactions without one), as ``net_benefit(..., by_offering=True)``.

    Returns:
        A pandas DataFrame.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.accounting import account_columns, interactions_to_tables, net_benefit_frame
        >>> eco = cc.example_ecosystem()
        >>> frame = net_benefit_frame(eco, account_columns(eco, **interactions_to_tables(eco)))
        >>> objects = cc.net_benefit(eco).to_frame()
        >>> bool(((frame["net"] - objects["net"]).abs() < 1e-6).all())
        True
    """
    _numpy_and_pandas("net_benefit_frame")
    import numpy as np
    import pandas as pd

    book = _as_column_ledger(ledger)
    vocab = _vocab(ecosystem)
    to_customer = _map_vocab(book._actors, vocab.customer_index, vocab.actors, vocab.actor_customer)
    customers = len(vocab.customers)
    # Rows of other actors go to a spare last bin, which is dropped: no copies.
    who = to_customer[book._actor] if len(to_customer) else np.zeros(0, dtype=np.int64)
    if not by_offering:
        group = who  # a fresh array: changed in place
        group[group < 0] = customers
        del who
        groups = customers
        group_customer = np.arange(customers, dtype=np.int64)
        group_offering = np.full(customers, None, dtype=object)
    else:
        mine = who >= 0
        width = len(book._offerings)
        present = np.zeros(customers * width, dtype=np.bool_)
        composite = who.astype(np.int64) * width + book._offering
        present[composite[mine]] = True
        has_rows = present.reshape(customers, width).any(axis=1)
        present[np.flatnonzero(~has_rows) * width] = True  # a zero row (customer, None)
        occupied = np.flatnonzero(present)
        number = np.cumsum(present, dtype=np.int64) - 1
        groups = len(occupied)
        group = np.where(mine, number[np.where(mine, composite, 0)], groups)
        group_customer = occupied // width
        group_offering = np.array(book._offerings, dtype=object)[occupied % width]
    sums = {
        # A line that is zero throughout (often value_received) needs no pass.
        line: np.bincount(group, weights=book._values[number], minlength=groups + 1)[:groups]
        if book._values[number].any()
        else np.zeros(groups)
        for number, line in enumerate(LINES)
    }
    benefits = sums["value_in_use"] + sums["value_received"] + sums["money_received"]
    sacrifices = np.zeros(groups)
    for line in _SACRIFICES:
        sacrifices = sacrifices + sums[line]
    net = np.zeros(groups)
    for line in LINES:
        net = net - sums[line] if line in _SACRIFICES else net + sums[line]
    data: dict[str, Any] = {
        "customer": np.array(vocab.customers, dtype=object)[group_customer]
        if customers
        else np.array([], dtype=object),
        "offering": group_offering,
        "count": vocab.count_int[group_customer],
    }
    data.update(sums)
    data.update(benefits=benefits, sacrifices=sacrifices, net=net)
    return pd.DataFrame(data)


def _plus(left: Floats, right: Floats) -> Floats:
    """``left + right``, without the new array when ``right`` is zero throughout."""
    return left + right if right.any() else left


_VALUE_LINES: Final = (
    "knowledge_value",
    "coproduction_savings",
    "referral_value",
    "influence_value",
)
_COST_LINES: Final = ("design_cost", "production_cost", "referral_cost", "support_cost")


def firm_value_frame(
    ecosystem: Ecosystem,
    ledger: ColumnLedger | Ledger,
    *,
    timing: Timing,
    organisation: str | None = None,
    horizon: int | None = None,
    growth: float = 0.0,
) -> pd.DataFrame:
    """What each customer brings to the organisation, as a tidy DataFrame: [`firm_value`][cocreation.firm_value] in bulk.

    One row per customer, in the ecosystem's order, with the columns of
    ``firm_value(...).to_frame()``: ``customer``, ``organisation``, ``count``,
    ``timing``, the lines (``lifetime_value``, ``referral_value``,
    ``influence_value``, ``knowledge_value``, ``coproduction_savings``, the cost of
    each level), then ``cocreation_cost`` and ``total``. As there, recurring rows are
    capitalised as a run rate and one-off rows (``recurring`` false) count once,
    discounted to period 0. The lifetime multiples are computed for all customers
    at once with
    [`lifetime_factor_array`][cocreation.accounting.lifetime_factor_array].

    Args:
        ecosystem: The ecosystem whose customers to value.
        ledger: A [`ColumnLedger`][cocreation.accounting.ColumnLedger] (or a
            [`Ledger`][cocreation.Ledger]) of the ecosystem's interactions.
        timing: When the first margin arrives: ``"retained"``, ``"start"`` or ``"end"``.
        organisation: The focal organisation (default: the ecosystem's only one).
        horizon: How many periods to count, or ``None`` for an infinite horizon.
        growth: Growth of every flow per period.

    Returns:
        A pandas DataFrame.

    Raises:
        ValidationError: No focal organisation can be chosen, or an invalid timing,
            horizon or growth.
        DivergenceError: A customer's retention makes an infinite-horizon sum diverge.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.accounting import account_columns, interactions_to_tables, firm_value_frame
        >>> eco = cc.example_ecosystem()
        >>> ledger = account_columns(eco, **interactions_to_tables(eco))
        >>> frame = firm_value_frame(eco, ledger, timing="retained")
        >>> objects = cc.firm_value(eco, timing="retained").to_frame()
        >>> bool(((frame["total"] - objects["total"]).abs() < 1e-6).all())
        True
    """
    _numpy_and_pandas("firm_value_frame")
    import numpy as np
    import pandas as pd

    vocab = _vocab(ecosystem)
    if organisation is None and len(vocab.organisations) == 1:
        focal = vocab.organisations[0]  # the common case, without a pass over every actor
    else:
        focal = focal_organisation(ecosystem, organisation)
    book = _as_column_ledger(ledger)
    vocab = _vocab(ecosystem)
    customers = len(vocab.customers)
    levels = len(_NONE_FIRST_LEVELS)
    if book._actors is vocab.actors:
        focal_code = [vocab.actor_index[focal.id]]
    else:
        focal_code = [i for i, actor in enumerate(book._actors) if actor == focal.id]
    customer_codes = _map_vocab(
        book._customers,
        vocab.customer_index,
        vocab.customers,
        np.arange(customers, dtype=np.int64),
    )
    if focal_code and len(book):
        # Rows of other actors (and unknown customers) go to a spare last bin.
        # In place, on one fresh array: on millions of rows temporaries cost.
        group = customer_codes[book._customer].astype(np.int64, copy=False)
        outside = group < 0
        outside |= book._actor != focal_code[0]
        spare = customers * levels
        group *= levels
        group += book._level
        group[outside] = spare
        del outside
        values = book._values
        gained = _plus(values[_MONEY_IN], values[_VALUE_IN])
        spent = _plus(values[_MONEY_OUT], values[_EXPENSES])
        once_gains: Floats = np.zeros((customers, levels), dtype=np.float64)
        once_costs: Floats = np.zeros((customers, levels), dtype=np.float64)
        if not book._recurring.all():
            # One-off rows count once, discounted to period 0; recurring rows as a run rate.
            once = ~book._recurring
            once_group = np.where(once, group, spare)
            group[once] = spare
            discount = (1.0 + focal.discount_rate) ** book._period.astype(np.float64)
            once_gains = np.bincount(once_group, weights=gained / discount, minlength=spare + 1)
            once_gains = once_gains[:spare].reshape(customers, levels)
            once_costs = np.bincount(once_group, weights=spent / discount, minlength=spare + 1)
            once_costs = once_costs[:spare].reshape(customers, levels)
            del once, once_group, discount
        gains: Floats = np.bincount(group, weights=gained, minlength=spare + 1)[:spare].reshape(
            customers, levels
        )
        costs: Floats = np.bincount(group, weights=spent, minlength=spare + 1)[:spare].reshape(
            customers, levels
        )
        del group, gained, spent
    else:
        gains = np.zeros((customers, levels), dtype=np.float64)
        costs = np.zeros((customers, levels), dtype=np.float64)
        once_gains = np.zeros((customers, levels), dtype=np.float64)
        once_costs = np.zeros((customers, levels), dtype=np.float64)
    # The run rate averages recurring flows over the periods they span.
    recurring_periods = [period for period, recurring in book.stamps if recurring]
    span = float(max(recurring_periods) + 1) if recurring_periods else 1.0

    factors = _lifetime(
        vocab.retention,
        focal.discount_rate,
        timing=timing,
        horizon=horizon,
        growth=growth,
        names=vocab.customers,
    )
    lifetime = factors * (gains[:, 0] - costs[:, 0]) / span + (once_gains[:, 0] - once_costs[:, 0])
    factor = factors / span
    lines: dict[str, Floats] = {"lifetime_value": lifetime}
    value_of = dict(zip(_VALUE_LINES, range(1, 5), strict=True))
    cost_of = dict(zip(_COST_LINES, range(1, 5), strict=True))
    referred = vocab.referrer >= 0
    brought = (
        vocab.count[referred] * focal.acquisition_cost
        + vocab.incrementality[referred] * lifetime[referred]
    ) / (1.0 + focal.discount_rate) ** vocab.referred_in[referred]
    referral = np.bincount(vocab.referrer[referred], weights=brought, minlength=customers)
    for name in ("referral_value", "influence_value", "knowledge_value", "coproduction_savings"):
        lines[name] = factor * gains[:, value_of[name]] + once_gains[:, value_of[name]]
    lines["referral_value"] = lines["referral_value"] + referral
    for name in _COST_LINES:
        lines[name] = factor * costs[:, cost_of[name]] + once_costs[:, cost_of[name]]
    cocreation_cost = np.zeros(customers)
    for name in _COST_LINES:
        cocreation_cost = cocreation_cost + lines[name]
    total = np.zeros(customers)
    for name in (
        "lifetime_value",
        "referral_value",
        "influence_value",
        "knowledge_value",
        "coproduction_savings",
    ):
        total = total + lines[name]
    total = total + -cocreation_cost
    data: dict[str, Any] = {
        "customer": np.array(vocab.customers, dtype=object),
        "organisation": np.full(customers, focal.id, dtype=object),
        "count": vocab.count_int,
        "timing": np.full(customers, timing, dtype=object),
    }
    for name in (
        "lifetime_value",
        "referral_value",
        "influence_value",
        "knowledge_value",
        "coproduction_savings",
        *_COST_LINES,
    ):
        data[name] = lines[name]
    data.update(cocreation_cost=cocreation_cost, total=total)
    return pd.DataFrame(data)


def net_value_flows_frame(
    ecosystem: Ecosystem,
    ledger: ColumnLedger | Ledger,
    *,
    periods: int | None = None,
    discount_rate: float = 0.0,
) -> pd.DataFrame:
    """Every actor's net value flow per period, as a tidy DataFrame: [`net_value_flows`][cocreation.net_value_flows] in bulk.

    One row per actor (in the ecosystem's order) and period, with the columns of
    ``net_value_flows(...).to_frame()`` (``actor``, ``kind``, ``period``, the lines,
    ``fixed_cost``, ``investment``, ``net``) and ``discounted_net``, the net
    discounted to the first period at ``discount_rate``.

    Raises:
        ValidationError: ``periods`` below 1, or a discount rate that is negative, NaN
            or infinite.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.accounting import account_columns, interactions_to_tables, net_value_flows_frame
        >>> eco = cc.example_ecosystem()
        >>> frame = net_value_flows_frame(eco, account_columns(eco, **interactions_to_tables(eco)))
        >>> abs(float((frame["money_received"] - frame["money_paid"]).sum())) < 1e-6
        True
    """
    _numpy_and_pandas("net_value_flows_frame")
    import numpy as np
    import pandas as pd

    if periods is not None and (
        not isinstance(periods, int) or isinstance(periods, bool) or periods < 1
    ):
        raise ValidationError("periods", periods, "an integer >= 1, or None")
    if (
        not isinstance(discount_rate, int | float)
        or isinstance(discount_rate, bool)
        or not math.isfinite(discount_rate)
        or discount_rate < 0.0
    ):
        raise ValidationError("discount_rate", discount_rate, "a finite number >= 0")
    book = _as_column_ledger(ledger)
    vocab = _vocab(ecosystem)
    actors = len(vocab.actors)
    seen = max(book.periods, default=0) + 1
    count = periods if periods is not None else seen
    to_actor = _map_vocab(
        book._actors, vocab.actor_index, vocab.actors, np.arange(actors, dtype=np.int64)
    )
    who = to_actor[book._actor] if len(to_actor) else np.zeros(0, dtype=np.int64)
    keep = (who >= 0) & (book._period < count)
    group = who[keep] * count + book._period[keep]
    sums = {
        line: np.bincount(group, weights=book._values[number][keep], minlength=actors * count)
        for number, line in enumerate(LINES)
    }
    entities = {actor.id: actor for actor in ecosystem.actors}
    fixed = np.array(
        [0.0 if isinstance(a, Customer) else a.fixed_cost for a in entities.values()],
        dtype=np.float64,
    )
    investment = np.array(
        [0.0 if isinstance(a, Customer) else a.investment for a in entities.values()],
        dtype=np.float64,
    )
    period = np.tile(np.arange(count, dtype=np.int64), actors)
    actor_of = np.repeat(np.arange(actors, dtype=np.int64), count)
    fixed_cost = fixed[actor_of]
    invested = np.where(period == 0, investment[actor_of], 0.0)
    net = np.zeros(actors * count)
    outgoing = {"money_paid", "expenses", "time_cost", "effort", "risk", "psychic_cost"}
    for line in LINES:
        net = net - sums[line] if line in outgoing else net + sums[line]
    net = net + -fixed_cost + -invested
    data: dict[str, Any] = {
        "actor": np.array(vocab.actors, dtype=object)[actor_of]
        if actors
        else np.array([], dtype=object),
        "kind": np.array(vocab.kinds, dtype=object)[actor_of]
        if actors
        else np.array([], dtype=object),
        "period": period,
    }
    data.update(sums)
    data.update(
        fixed_cost=fixed_cost,
        investment=invested,
        net=net,
        discounted_net=net / (1.0 + float(discount_rate)) ** period,
    )
    return pd.DataFrame(data)
