"""Ingest: customers and interactions from CSV, Parquet and DataFrames, with every bad row reported.

Reading only parses data: CSV through pandas' parser, Parquet through pyarrow's; no
code from a file is ever executed, and Parquet's pandas metadata is not applied.
Every row that fails a check is reported as a [`Problem`][cocreation.io.Problem]
(table, row, field, value, reason) and left out, never dropped silently;
``strict=True`` raises the library's error for the first bad row instead.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

from cocreation.accounting import ColumnLedger, bulk
from cocreation.ecosystem import Ecosystem
from cocreation.errors import MissingExtraError, ValidationError
from cocreation.model import Customer, CustomerKind, Interaction
from cocreation.tables import (
    COLUMNS,
    LONG_TABLES,
    SPECS,
    Batch,
    Checks,
    Problem,
    Table,
    columns_of,
    parse,
    resolve,
    tables_to_interactions,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

__all__ = [
    "CustomerRecords",
    "InteractionRecords",
    "Problem",
    "read_customers",
    "read_interactions",
]


def _require(module: str, extra: str, feature: str) -> ModuleType:
    """Import an optional module, or raise an error that names the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(module, extra, feature) from error


_FORMATS: Final = ("csv", "parquet")
_CUSTOMER_COLUMNS: Final = (
    "id",
    "name",
    "kind",
    "count",
    "value_of_time",
    "retention",
    "referred_by",
    "incrementality",
    "referred_in",
)


# ----------------------------------------------------------------------------- loading


def _format_of(path: Path, format: str | None) -> str:
    if format is not None:
        if format not in _FORMATS:
            raise ValidationError("format", format, "one of 'csv', 'parquet', or None")
        return format
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise ValidationError(
        "format", None, f"'csv' or 'parquet' (the file name {path.name!r} does not tell)"
    )


def _columns_of(source: Any, name: str) -> dict[str, Any]:
    """A DataFrame, an Arrow table or a mapping as a dict of columns."""
    try:
        return columns_of(source, name)
    except ValidationError as error:
        if error.field != name:
            raise
        raise ValidationError(
            name,
            type(source).__name__,
            "a path to a CSV or Parquet file, a pandas DataFrame, a pyarrow Table or a mapping",
        ) from None


def _rename(
    columns: dict[str, Any], renames: Mapping[str, str | None] | None, name: str
) -> dict[str, Any]:
    if not renames:
        return columns
    renamed: dict[str, Any] = {}
    for label, values in columns.items():
        target = renames.get(label, label)
        if target is None:
            continue
        if target in renamed:
            raise ValidationError(f"{name}.columns", target, "column names that stay distinct")
        renamed[target] = values
    return renamed


def _read(
    source: Any, name: str, format: str | None, renames: Mapping[str, str | None] | None
) -> tuple[dict[str, Any], dict[str, Any] | None, int]:
    """Columns of one table, the raw text for messages (CSV only), and the row count."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        kind = _format_of(path, format)
        if kind == "parquet":
            parquet = _require("pyarrow.parquet", "parquet", f"reading {path.name}")
            table = parquet.read_table(path)
            columns = _rename(_columns_of(table, name), renames, name)
            return columns, None, int(table.num_rows)
        pandas = _require("pandas", "pandas", f"reading {path.name}")
        frame = pandas.read_csv(
            path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8"
        )
        raw = _rename(_columns_of(frame, name), renames, name)
        return _typed(raw, name), raw, len(frame)
    columns = _rename(_columns_of(source, name), renames, name)
    length = max((len(values) for values in columns.values()), default=0)
    return columns, None, length


def _typed(raw: Mapping[str, Any], name: str) -> dict[str, Any]:
    """CSV text as typed columns: an empty cell is a missing value, a number is parsed."""
    import numpy as np

    pandas = _require("pandas", "pandas", "reading CSV")
    kinds = {spec.name: spec.kind for spec in SPECS.get(name, ())}
    typed: dict[str, Any] = {}
    for label, text in raw.items():
        empty = np.asarray(text == "", dtype=np.bool_)
        if kinds.get(label) in ("number", "period"):
            parsed = pandas.to_numeric(text.where(~empty), errors="coerce")
            values = np.array(parsed, dtype=np.float64)
            # "nan" is a missing value, as pandas reads it; text that is no number at all
            # becomes infinite, which the checks report with the text itself.
            spelled_nan = np.asarray(text.str.strip().str.lower() == "nan", dtype=np.bool_)
            values[np.isnan(values) & ~empty & ~spelled_nan] = np.inf
            typed[label] = np.ma.MaskedArray(values, mask=empty)
        elif kinds.get(label) == "bool":
            # "true" and "false" (in any case) are the flags; anything else is reported.
            words = {"true": True, "false": False}
            cells = np.array(
                [words.get(cell.strip().lower(), cell) for cell in text.tolist()], dtype=object
            )
            cells[empty] = None
            typed[label] = cells
        else:
            cells = np.array(text, dtype=object)
            cells[empty] = None
            typed[label] = cells
    return typed


# ----------------------------------------------------------------------------- interactions


class InteractionRecords:
    """The valid rows of an ingest, the problems of the others, and how many were read.

    Each table is a pandas DataFrame of the valid rows with every column of
    [`COLUMNS`][cocreation.tables.COLUMNS] (defaults filled in, missing ids as
    ``None``), indexed by the row number in the source, so that a row can be traced
    back. An interaction with an invalid row in a long table is left out with all its
    rows, and each row left out so is reported too.

    Attributes:
        interactions: The valid interaction rows.
        transfers: The valid transfer rows (empty if none were given).
        achievements: The valid achievement rows.
        contributions: The valid contribution rows.
        modules: The valid chosen-module rows.
        problems: One [`Problem`][cocreation.io.Problem] per invalid value or row,
            in table order, then row order.
        rows_read: How many rows each table had.

    Examples:
        >>> from cocreation.io import read_interactions
        >>> records = read_interactions({"customer": ["a", "b"], "effort": [1.0, -1.0]})
        >>> len(records.interactions), records.ok
        (1, False)
        >>> print(records.problems[0])
        interactions row 1, effort: expected a finite number >= 0, or a missing value for the default 0.0, got -1.0
    """

    def __init__(
        self,
        tables: Mapping[str, pd.DataFrame],
        problems: tuple[Problem, ...],
        rows_read: Mapping[str, int],
    ) -> None:
        self.interactions = tables["interactions"]
        self.transfers = tables["transfers"]
        self.achievements = tables["achievements"]
        self.contributions = tables["contributions"]
        self.modules = tables["modules"]
        self.problems = problems
        self.rows_read = dict(rows_read)

    def __repr__(self) -> str:
        return (
            f"InteractionRecords(interactions={len(self.interactions)}, "
            f"problems={len(self.problems)}, rows_read={self.rows_read})"
        )

    @property
    def ok(self) -> bool:
        """Whether every row read was valid."""
        return not self.problems

    def tables(self) -> dict[str, pd.DataFrame]:
        """The valid tables by name, to pass on with ``**``.

        Examples:
            >>> from cocreation.io import read_interactions
            >>> sorted(read_interactions({"customer": ["a"]}).tables())
            ['achievements', 'contributions', 'interactions', 'modules', 'transfers']
        """
        return {
            "interactions": self.interactions,
            "transfers": self.transfers,
            "achievements": self.achievements,
            "contributions": self.contributions,
            "modules": self.modules,
        }

    def to_interactions(self) -> tuple[Interaction, ...]:
        """The valid rows as [`Interaction`][cocreation.Interaction] objects.

        Needs the ``id`` column. One object per row: for the object path and small data.

        Raises:
            ValidationError: The interactions have no ``id`` column.

        Examples:
            >>> from cocreation.io import read_interactions
            >>> records = read_interactions({"id": ["visit"], "customer": ["acme"]})
            >>> records.to_interactions()[0].customer
            'acme'
        """
        if self.interactions["id"].isna().any():
            raise ValidationError("interactions.id", None, "an id on every interaction row")
        return tables_to_interactions(**self.tables())

    def account(self, ecosystem: Ecosystem) -> ColumnLedger:
        """Account the valid rows in bulk with [`cocreation.bulk.account`][cocreation.bulk.account].

        Examples:
            >>> import cocreation as cc
            >>> from cocreation.io import read_interactions
            >>> eco = cc.Ecosystem().add_customer("acme")
            >>> records = read_interactions({"customer": ["acme"], "effort": [3.0]}, ecosystem=eco)
            >>> records.account(eco).line("effort").tolist()
            [3.0]
        """
        return bulk.account(ecosystem, **self.tables())


def read_interactions(
    source: Any,
    *,
    ecosystem: Ecosystem | None = None,
    transfers: Any = None,
    achievements: Any = None,
    contributions: Any = None,
    modules: Any = None,
    strict: bool = False,
    columns: Mapping[str, str | None] | None = None,
    format: str | None = None,
) -> InteractionRecords:
    """Read interaction records, keep the valid rows and report every invalid one.

    Each table is a path to a CSV file (UTF-8, with a header row; an empty cell is a
    missing value) or a Parquet file, a pandas DataFrame, a pyarrow Table, or a
    mapping of column names to arrays, laid out as
    [`COLUMNS`][cocreation.tables.COLUMNS] describes. Every value is checked as
    [`cocreation.bulk.account`][cocreation.bulk.account] checks it; with an
    ``ecosystem``, so is every reference (customers, counterparts, offerings, jobs,
    outcomes, modules, actors).

    Args:
        source: The interactions table.
        ecosystem: The ecosystem whose ids the rows must name; without one, only the
            form of ids is checked.
        transfers: The transfers table, if any (needs the ``id`` column).
        achievements: The achievements table, if any.
        contributions: The contributions table, if any.
        modules: The chosen modules table, if any.
        strict: Raise the error of the first invalid row instead of reporting it.
        columns: Rename the source's columns: ``{"Kunde": "customer", ...}``; a name
            mapped to ``None`` is left out. Applies to every table.
        format: ``"csv"`` or ``"parquet"`` for a path whose suffix does not tell.

    Returns:
        The valid rows and the problems.

    Raises:
        ValidationError: A column that is unknown (rename or leave it out with
            ``columns``), a required column that is missing, or, with ``strict``,
            the first invalid value.
        UnknownIdError: With ``strict``, the first reference to an unknown id.
        MissingExtraError: pandas (or, for Parquet, pyarrow) is not installed.

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.Ecosystem().add_organisation("bank").add_customer("walk-ins")
        >>> records = read_interactions(
        ...     {"id": ["a", "b", "c"],
        ...      "customer": ["walk-ins", "walk-ins", "nobody"],
        ...      "counterpart": ["bank", None, "bank"],
        ...      "risk_probability": [0.1, 2.0, 0.0]},
        ...     ecosystem=eco,
        ... )
        >>> list(records.interactions["id"])
        ['a']
        >>> for problem in records.problems:
        ...     print(problem.row, problem.field, repr(problem.value))
        1 risk_probability 2.0
        2 customer 'nobody'
        >>> read_interactions({"customer": ["walk-ins"], "effort": [-1.0]}, strict=True)
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: interactions[0].effort: expected a finite number >= 0, or a missing value for the default 0.0, got -1.0
    """
    _require("pandas", "pandas", "read_interactions")
    import numpy as np

    if ecosystem is not None and not isinstance(ecosystem, Ecosystem):
        raise ValidationError("ecosystem", ecosystem, "an Ecosystem or None")
    given = {
        "transfers": transfers,
        "achievements": achievements,
        "contributions": contributions,
        "modules": modules,
    }
    rows_read: dict[str, int] = {}
    tables: dict[str, Table] = {}
    for name, data in {"interactions": source, **given}.items():
        if data is None:
            continue
        values, raw, length = _read(data, name, format, columns)
        tables[name] = Table(name, values, raw)
        rows_read[name] = length

    checks = Checks(collect=True)
    batch = parse(tables["interactions"], {name: tables.get(name) for name in LONG_TABLES}, checks)
    if ecosystem is not None:
        resolve(ecosystem, batch, checks)
    found = checks.problems
    problems = sorted(found, key=_order)
    if strict and problems:
        raise problems[0].error()

    # Leave out every bad row, with the interaction it belongs to and all its rows.
    bad: dict[str, npt.NDArray[np.bool_]] = {
        name: np.zeros(rows_read[name], dtype=np.bool_) for name in rows_read
    }
    for problem in found:
        bad[problem.table][problem.row] = True
    main_bad = bad["interactions"]
    ids = batch.interactions.labels.get("id")
    id_values = ids.values() if ids is not None else None
    for name in batch.long:
        rows = batch.rows[name]
        for row in np.flatnonzero(bad[name] & (rows >= 0)).tolist():
            interaction = int(rows[row])
            if not main_bad[interaction]:
                main_bad[interaction] = True
                problems.append(
                    Problem(
                        "interactions",
                        interaction,
                        "id",
                        None if id_values is None else id_values[interaction],
                        f"expected no invalid rows in {name}, found row {row}",
                    )
                )
    for name in batch.long:
        rows = batch.rows[name]
        dropped = ~bad[name] & (rows >= 0) & main_bad[np.maximum(rows, 0)]
        for row in np.flatnonzero(dropped).tolist():
            bad[name][row] = True
            problems.append(
                Problem(
                    name,
                    row,
                    "interaction",
                    tables[name].value_at("interaction", row),
                    f"expected an interaction without problems, found row {int(rows[row])}",
                )
            )
    problems.sort(key=_order)
    frames = {
        name: _valid_frame(batch, name, ~bad[name] if name in bad else None) for name in COLUMNS
    }
    return InteractionRecords(frames, tuple(problems), rows_read)


def _order(problem: Problem) -> tuple[int, int, int]:
    """Problems in table order, then row order, then column order."""
    tables = ["interactions", *LONG_TABLES]
    columns = COLUMNS[problem.table]
    position = columns.index(problem.field) if problem.field in columns else len(columns)
    return tables.index(problem.table), problem.row, position


def _valid_frame(batch: Batch, name: str, keep: npt.NDArray[np.bool_] | None) -> pd.DataFrame:
    """The kept rows of one parsed table, every column of the schema with defaults filled."""
    import numpy as np
    import pandas as pd

    array: Any = pd.array  # the stubs know no dtype given as a string variable
    parsed = batch.interactions if name == "interactions" else batch.long.get(name)
    if parsed is None or keep is None:
        return pd.DataFrame(
            {column: array([], dtype=_dtype(name, column)) for column in COLUMNS[name]}
        )
    rows = np.flatnonzero(keep)
    data: dict[str, Any] = {}
    for col in SPECS[name]:
        values: Any
        dtype = _dtype(name, col.name)
        if col.kind in ("id", "ref", "text"):
            labels = parsed.labels.get(col.name)
            if labels is None:
                values = np.full(len(rows), col.default, dtype=object)
            else:
                values = labels.values()[rows]
                if col.kind == "text":
                    values = np.where(values == None, col.default, values)  # noqa: E711
        elif col.kind == "enum":
            codes = parsed.enums.get(col.name)
            choices = np.array([*col.choices, col.default], dtype=object)
            values = (
                np.full(len(rows), col.default, dtype=object)
                if codes is None
                else choices[np.where(codes[rows] >= 0, codes[rows], len(col.choices))]
            )
        elif col.kind == "period":
            values = (
                np.zeros(len(rows), dtype=np.int64)
                if parsed.period is None
                else parsed.period[rows]
            )
        elif col.kind == "bool":
            flags = parsed.flags.get(col.name)
            values = (
                np.full(len(rows), bool(col.default), dtype=np.bool_)
                if flags is None
                else flags[rows]
            )
        elif col.default is None:
            numbers = parsed.numbers.get(col.name)
            nulls = parsed.nulls.get(col.name)
            if numbers is None:
                values = pd.array([None] * len(rows), dtype="Float64")
            else:
                mask = np.zeros(len(rows), dtype=np.bool_) if nulls is None else nulls[rows]
                values = pd.arrays.FloatingArray(numbers[rows].copy(), mask.copy())
        else:
            numbers = parsed.numbers.get(col.name)
            values = (
                np.full(len(rows), float(col.default), dtype=np.float64)
                if numbers is None
                else numbers[rows]
            )
        data[col.name] = array(values, dtype=dtype) if dtype != "Float64" else values
    return pd.DataFrame(data, index=pd.Index(rows, name="row"))


def _dtype(name: str, column: str) -> str:
    for col in SPECS[name]:
        if col.name == column:
            if col.kind == "period":
                return "int64"
            if col.kind == "bool":
                return "bool"
            if col.kind == "number":
                return "Float64" if col.default is None else "float64"
    return "object"


# ----------------------------------------------------------------------------- customers


class CustomerRecords:
    """The customers of an ingest, the problems of the invalid rows, and how many were read.

    Attributes:
        customers: One [`Customer`][cocreation.Customer] per valid row, in order.
        problems: One [`Problem`][cocreation.io.Problem] per invalid row.
        rows_read: How many rows the source had.

    Examples:
        >>> from cocreation.io import read_customers
        >>> records = read_customers({"id": ["acme", "beta"], "count": [3, 0]})
        >>> [c.id for c in records.customers], records.problems[0].field
        (['acme'], 'count')
    """

    def __init__(
        self, customers: tuple[Customer, ...], problems: tuple[Problem, ...], rows_read: int
    ) -> None:
        self.customers = customers
        self.problems = problems
        self.rows_read = rows_read

    def __repr__(self) -> str:
        return (
            f"CustomerRecords(customers={len(self.customers)}, problems={len(self.problems)}, "
            f"rows_read={self.rows_read})"
        )

    @property
    def ok(self) -> bool:
        """Whether every row read was valid."""
        return not self.problems


def _cell(column: Any, row: int) -> Any:
    """A plain Python value from any column kind; ``None`` for a missing one."""
    value = column[row] if not hasattr(column, "iloc") else column.iloc[row]
    if hasattr(value, "as_py"):
        value = value.as_py()
    elif type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()
    if value is None:
        return None
    pandas = _require("pandas", "pandas", "read_customers")
    if value is pandas.NA:
        return None
    return value


def _customer_field(field: str, value: Any, text: bool) -> Any:
    """A cell as the value a Customer field takes (CSV text is parsed)."""
    if not text or not isinstance(value, str):
        if field == "kind" and isinstance(value, str):
            return CustomerKind(value)
        return value
    if field in ("count", "referred_in"):
        return int(value)
    if field in ("value_of_time", "retention", "incrementality"):
        return float(value)
    if field == "kind":
        return CustomerKind(value)
    return value


def read_customers(
    source: Any,
    *,
    ecosystem: Ecosystem | None = None,
    strict: bool = False,
    columns: Mapping[str, str | None] | None = None,
    format: str | None = None,
) -> CustomerRecords:
    """Read customers, one per row, keep the valid ones and report every invalid row.

    Columns: ``id`` (required), ``name``, ``kind`` (``individual`` or ``business``),
    ``count``, ``value_of_time``, ``retention``, ``referred_by``, ``incrementality``,
    ``referred_in``;
    a missing value takes the field's default. Each row is checked by
    [`Customer`][cocreation.Customer] itself, so the rules are the model's. An id
    repeated in the file, or a ``referred_by`` that names no customer of the file or
    of ``ecosystem``, is a problem too.

    Args:
        source: A path to a CSV or Parquet file, a pandas DataFrame, a pyarrow Table
            or a mapping of column names to arrays.
        ecosystem: Customers already known, whom ``referred_by`` may name.
        strict: Raise the error of the first invalid row instead of reporting it.
        columns: Rename the source's columns; a name mapped to ``None`` is left out.
        format: ``"csv"`` or ``"parquet"`` for a path whose suffix does not tell.

    Returns:
        The customers and the problems.

    Raises:
        ValidationError: An unknown or missing ``id`` column, or, with ``strict``,
            the first invalid value.
        UnknownIdError: With ``strict``, a ``referred_by`` naming nobody.
        MissingExtraError: pandas (or, for Parquet, pyarrow) is not installed.

    Examples:
        >>> records = read_customers({"id": ["acme", "beta"], "referred_by": [None, "acme"],
        ...                           "retention": [0.8, 1.5]})
        >>> [c.id for c in records.customers]
        ['acme']
        >>> print(records.problems[0])
        customers row 1, retention: expected a finite number in [0, 1], got 1.5
    """
    _require("pandas", "pandas", "read_customers")
    values, raw, length = _read(source, "customers", format, columns)
    text = raw is not None
    if raw is not None:
        values = raw  # CSV: parse each cell as its field requires
    for label in values:
        if label not in _CUSTOMER_COLUMNS:
            raise ValidationError(
                "customers.columns", label, f"one of the columns {', '.join(_CUSTOMER_COLUMNS)}"
            )
    if "id" not in values:
        raise ValidationError("customers.id", None, "a column of customer ids")
    known = {c.id for c in ecosystem.customers} if ecosystem is not None else set()
    built: list[tuple[int, Customer]] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for row in range(length):
        fields: dict[str, Any] = {}
        problem: Problem | None = None
        for label, column in values.items():
            cell = _cell(column, row)
            if cell is None or (text and cell == ""):
                continue
            try:
                fields[label] = _customer_field(label, cell, text)
            except ValueError:
                expected = {
                    "count": "an integer >= 1",
                    "referred_in": "an integer >= 0",
                    "kind": "one of 'individual', 'business'",
                }.get(label, "a finite number")
                problem = Problem("customers", row, label, cell, f"expected {expected}")
                break
        if problem is None:
            try:
                customer = Customer(**fields)
            except ValidationError as error:
                field = error.field.removeprefix("Customer.")
                problem = Problem(
                    "customers", row, field, error.value, f"expected {error.expected}"
                )
            except TypeError:
                problem = Problem("customers", row, "id", None, "expected a customer id")
            else:
                if customer.id in seen:
                    problem = Problem(
                        "customers",
                        row,
                        "id",
                        customer.id,
                        "expected an id not repeated in customers",
                    )
        if problem is not None:
            if strict:
                raise problem.error()
            problems.append(problem)
            continue
        seen.add(customer.id)
        built.append((row, customer))
    # A referrer must be a valid customer of the file or of the ecosystem; leaving one
    # out can leave out those it referred, so repeat until nothing changes.
    while True:
        valid = {customer.id for _, customer in built} | known
        dropped = [
            (row, customer)
            for row, customer in built
            if customer.referred_by is not None and customer.referred_by not in valid
        ]
        if not dropped:
            break
        for row, customer in dropped:
            problem = Problem(
                "customers",
                row,
                "referred_by",
                customer.referred_by,
                "expected the id of a valid customer",
                unknown_id=True,
            )
            if strict:
                raise problem.error()
            problems.append(problem)
        gone = {row for row, _ in dropped}
        built = [(row, customer) for row, customer in built if row not in gone]
    problems.sort(key=lambda p: p.row)
    customers = [customer for _, customer in built]
    return CustomerRecords(tuple(customers), tuple(problems), length)
