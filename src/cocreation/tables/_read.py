"""Reading columns of pandas, Arrow, NumPy or plain lists into NumPy arrays.

Every reader takes what a user holds (a pandas Series, an Arrow array, a NumPy array
or masked array, a list) and returns NumPy arrays plus masks of the missing values,
so that the checks and the accounting see one representation whatever the source.
A missing value is what the container calls missing (``None``, ``pd.NA``, an Arrow
null, a masked entry) or a NaN in a float column, as pandas reads an empty cell.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from cocreation._optional import require
from cocreation.errors import ValidationError
from cocreation.tables._specs import COLUMNS, SPECS

if TYPE_CHECKING:
    import numpy.typing as npt

    from cocreation.tables._arrays import EcosystemArrays

    # Dtype-level checking of NumPy arrays is more noise than help here: the names
    # say what each array holds (float64 amounts, integer codes, boolean masks).
    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]
    Bools = npt.NDArray[Any]

__all__ = ["Labels", "Table", "columns_of"]

_FEATURE: Final = "reading tables"


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


def _numbers(column: Any) -> tuple[Floats, Bools | None]:
    """A column as float64 values and a mask of missing values (``None`` if there are none).

    A missing value is what the container calls missing (``None``, ``pd.NA``, an Arrow
    null, a masked entry) or a NaN, which is what pandas gives for an empty cell of a
    float column. A value that is not a real number (a string, a bool, a date) becomes
    NaN in the values, unmasked, which the checks then report with the original value.
    """
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


def _integers(column: Any) -> Ints | None:
    """A column of NumPy integers (in pandas or not) as int64 without a float copy, else ``None``.

    What a period column usually is; any other column (floats, nullable integers,
    Arrow, lists, unsigned 64-bit integers) is read by [`_numbers`][] instead.
    """
    import numpy as np

    if _top_module(column) == "pandas":
        dtype = getattr(column, "dtype", None)
        if not (isinstance(dtype, np.dtype) and dtype.kind in "iu"):
            return None
        values = column.to_numpy()
    elif type(column) is np.ndarray and column.ndim == 1 and column.dtype.kind in "iu":
        values = column
    else:
        return None
    if values.dtype.kind == "u" and values.dtype.itemsize == 8:
        return None
    integers: Ints = values.astype(np.int64, copy=False)
    return integers


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
    was Arrow strings (``None`` otherwise), for [`Labels.lookup`][]. With
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
    if module == "pandas":
        dtype = getattr(column, "dtype", None)
        if isinstance(dtype, np.dtype) and dtype.kind in "iu":
            # A plain integer column: NumPy's own array, for the hash-free paths below.
            column = column.to_numpy()
    else:
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


def columns_of(data: Any, name: str) -> dict[str, Any]:
    """A table as a dict of its columns: the one reader of every table the library takes.

    Args:
        data: A pandas DataFrame, a pyarrow Table, or a mapping of column names to
            arrays (NumPy arrays, lists, pandas Series or pyarrow arrays).
        name: The table's name, for messages.

    Returns:
        The columns by name, in order, as the container holds them.

    Raises:
        ValidationError: A repeated column name, a column that is not an array or
            list, or something that is not a table.

    Examples:
        >>> columns_of({"customer": ["a", "b"]}, "interactions")
        {'customer': ['a', 'b']}
        >>> columns_of({"customer": "ab"}, "interactions")
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: interactions.customer: expected an array or list of values, one per row, got 'ab'
    """
    module = _top_module(data)
    if module in ("dask", "dask_expr"):
        msg = "a pandas DataFrame, a pyarrow Table or a mapping (for Dask use cocreation.frames.account_dask)"
        raise ValidationError(name, type(data).__name__, msg)
    labels: list[Any]
    if module == "pandas" and hasattr(data, "columns"):
        labels = list(data.columns)
    elif module == "pyarrow" and hasattr(data, "column_names"):
        labels = list(data.column_names)
    elif isinstance(data, Mapping):
        columns = dict(data)
        for label, values in columns.items():
            if isinstance(values, str | bytes) or not hasattr(values, "__len__"):
                raise ValidationError(
                    f"{name}.{label}", values, "an array or list of values, one per row"
                )
        return columns
    else:
        raise ValidationError(
            name,
            type(data).__name__,
            "a pandas DataFrame, a pyarrow Table or a mapping of column names to arrays",
        )
    if len(set(labels)) != len(labels):
        raise ValidationError(f"{name}.columns", labels, "distinct column names")
    if module == "pandas":
        return {label: data[label] for label in labels}
    return {label: data.column(label) for label in labels}


class Table:
    """One input table, read column by column, its columns checked against its specs.

    Args:
        name: One of the tables of [`COLUMNS`][cocreation.tables.COLUMNS].
        data: What [`columns_of`][cocreation.tables.columns_of] reads.
        raw: The columns as read before typing (a CSV file's text), whose values
            messages show instead.

    Raises:
        ValidationError: An unknown column, columns of different lengths, or what
            [`columns_of`][cocreation.tables.columns_of] refuses.

    Examples:
        >>> table = Table("interactions", {"customer": ["a", "b"], "effort": [1.0, 2.0]})
        >>> table.length, "effort" in table, table.value_at("customer", 1)
        (2, True, 'b')
        >>> Table("interactions", {"colour": ["red"]})
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: interactions.columns: expected one of the columns id, customer, counterpart, reference_point, level, sphere, mode, period, offering, units, occurrences, job, personalisation, effort, risk_probability, risk_loss, psychic_cost, hours, dart_dialogue, dart_access, dart_risk_benefits, dart_transparency, recurring, got 'colour'
    """

    def __init__(self, name: str, data: Any, raw: Mapping[str, Any] | None = None) -> None:
        self.name = name
        columns = columns_of(data, name)
        known = {spec.name for spec in SPECS[name]}
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
        """The original value of a column at a row, as a plain Python value, for messages.

        Examples:
            >>> Table("interactions", {"customer": ["a"]}).value_at("customer", 0)
            'a'
        """
        return _value_at(self.raw[column], row)


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


class Labels:
    """A factorised id or label column: codes into ``uniques`` (-1 missing, -2 invalid).

    Examples:
        >>> labels = Labels(*_factorise(["b", None, "a", "b"])[:2])
        >>> labels.codes.tolist(), labels.strings()
        ([0, -1, 1, 0], ['b', 'a'])
    """

    def __init__(self, codes: Ints, uniques: npt.NDArray[Any] | None, arrow: Any = None) -> None:
        self.codes = codes
        self._uniques = uniques  # None: not made yet, from ``arrow``
        self.arrow = arrow  # the distinct values as a pyarrow string array, if they came so
        self.size = len(uniques) if uniques is not None else len(arrow)
        self._strings: list[str] | None = None
        self._row_of: Ints | None = None
        # A lookup made ahead (see prefetch): the index, and what find returns.
        self._found: tuple[Mapping[str, int], tuple[Ints, Bools | None]] | None = None

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

    def lookup(self, index: Mapping[str, int], vocab: EcosystemArrays | None = None) -> Ints:
        """Each row's code in ``index`` (-1 missing or unknown, -2 invalid).

        Examples:
            >>> Labels(*_factorise(["b", None, "c"])[:2]).lookup({"a": 0, "b": 1}).tolist()
            [1, -1, -1]
        """
        return self.find(index, vocab)[0]

    def find(
        self, index: Mapping[str, int], vocab: EcosystemArrays | None = None
    ) -> tuple[Ints, Bools | None]:
        """Each row's code in ``index`` (-1 missing or unknown, -2 invalid), and the rows ``index`` lacks.

        Only the distinct values are looked up; Arrow strings with Arrow's hashing
        (``index_in`` against the ecosystem's ids, kept by ``vocab``), which is much
        cheaper than a Python dict lookup of each fresh string. Whether a value is
        unknown is seen among the distinct values too: the second item, the rows of
        a value ``index`` does not hold, is ``None`` when every value is known. A
        lookup made ahead by [`prefetch`][cocreation.tables.Labels.prefetch] in the
        same index is handed over instead, once.

        Examples:
            >>> codes, unknown = Labels(*_factorise(["b", None, "c"])[:2]).find({"a": 0, "b": 1})
            >>> codes.tolist(), unknown.tolist()
            ([1, -1, -1], [False, False, True])
        """
        import numpy as np

        if self._found is not None and self._found[0] is index:
            found = self._found[1]
            self._found = None
            return found
        extended = np.empty(self.size + 2, dtype=np.int32)
        # Arrow's lookup hashes all of the index each time: worth it for many values.
        if self.arrow is not None and vocab is not None and 5 * self.size > len(index):
            pc = require("pyarrow.compute", "parquet", _FEATURE)
            keys, codes = vocab.arrow_keys(index, self.arrow.type)
            position = pc.index_in(self.arrow, value_set=keys)
            if position.null_count:
                position = position.fill_null(-1)
            where = np.asarray(position.to_numpy(zero_copy_only=False), dtype=np.int64)
            extended[: self.size] = np.append(codes, -1)[where]
        else:
            extended[: self.size] = np.fromiter(
                map(index.get, self.strings(), itertools.repeat(-1)),
                dtype=np.int64,
                count=self.size,
            )
        lacking = extended[: self.size] == -1
        extended[self.size :] = (-2, -1)
        looked_up: Ints = extended[self.codes]
        if not lacking.any():
            return looked_up, None
        unknown: Bools = np.append(lacking, (False, False))[self.codes]
        return looked_up, unknown

    def prefetch(self, index: Mapping[str, int], vocab: EcosystemArrays | None = None) -> None:
        """Make the lookup in ``index`` now, for the next [`find`][cocreation.tables.Labels.find] in it.

        A parse on several threads looks each id column up right after factorising
        it, on the same thread, instead of one column after another in the resolve.

        Examples:
            >>> labels = Labels(*_factorise(["b", "a", "b"])[:2])
            >>> index = {"a": 0, "b": 1}
            >>> labels.prefetch(index)
            >>> labels.lookup(index).tolist()
            [1, 0, 1]
        """
        self._found = None
        self._found = (index, self.find(index, vocab))

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
