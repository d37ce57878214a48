"""Parsing a batch of tables: every value checked on its own, then the references among them.

Nothing here needs an ecosystem; [`resolve`][cocreation.tables.resolve] checks the
ids against one afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

from cocreation._optional import require
from cocreation.errors import ValidationError
from cocreation.model import ReferencePoint
from cocreation.tables._problems import Checks
from cocreation.tables._read import (
    _FEATURE,
    Labels,
    Table,
    _factorise,
    _flags,
    _integers,
    _numbers,
    _out_of_range,
    _valid_ids,
)
from cocreation.tables._specs import _NOT_SELF, _OTHER_THAN_SOURCE, SPECS, ColumnSpec

if TYPE_CHECKING:
    import numpy.typing as npt

    from cocreation.tables._arrays import EcosystemArrays

    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]
    Bools = npt.NDArray[Any]

__all__ = ["Batch", "ParsedTable", "parse"]


def _long_tables(
    transfers: Any, achievements: Any, contributions: Any, modules: Any
) -> dict[str, Any]:
    """The long tables by name, as [`parse`][cocreation.tables.parse] takes them."""
    return {
        "transfers": transfers,
        "achievements": achievements,
        "contributions": contributions,
        "modules": modules,
    }


class ParsedTable:
    """One table after the checks that need no ecosystem: its columns as NumPy arrays.

    Attributes:
        table: The [`Table`][cocreation.tables.Table] read.
        labels: Id, reference and text columns as [`Labels`][cocreation.tables.Labels].
        enums: Enum columns as codes into their spec's ``choices`` (-1 missing).
        numbers: Number columns as float64, defaults filled in.
        nulls: For number columns without a default, where a value is missing.
        flags: Boolean columns.
        period: The ``period`` column as int64, if given.

    Examples:
        >>> batch = parse({"customer": ["a"], "effort": [2.0]}, {}, Checks(collect=False))
        >>> batch.interactions.numbers["effort"].tolist()
        [2.0]
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        self.name = table.name
        self.length = table.length
        self.labels: dict[str, Labels] = {}
        self.enums: dict[str, Ints] = {}
        self.numbers: dict[str, Floats] = {}
        self.nulls: dict[str, Bools] = {}
        self.flags: dict[str, Bools] = {}
        self.period: Ints | None = None

    def has(self, column: str) -> bool:
        """Whether the table was given this column.

        Examples:
            >>> parse({"customer": ["a"]}, {}, Checks(collect=False)).interactions.has("job")
            False
        """
        return column in self.table


_THREADED_ROWS: Final = 100_000
"""From how many rows (over all its tables) the label columns of a batch are factorised on several threads."""


def _factorise_ahead(
    column: Any, *, lazy: bool, index: Mapping[str, int] | None, vocab: EcosystemArrays | None
) -> tuple[Any, Any, Any, Labels | None]:
    """A column factorised, and looked up in ``index`` at once if one is given."""
    codes, uniques, arrow = _factorise(column, lazy=lazy)
    if index is None:
        return codes, uniques, arrow, None
    labels = Labels(codes, uniques, arrow)
    labels.prefetch(index, vocab)
    return codes, uniques, arrow, labels


def _factorised(
    tables: list[Table], *, ids: bool, vocab: EcosystemArrays | None = None
) -> dict[tuple[str, str], Any]:
    """The label columns of large tables factorised at once, on as many threads as cores.

    Factorising (Arrow's dictionary encoding, NumPy's bitmaps) and looking ids up
    (Arrow's hashing, NumPy's gathers) release the GIL, so the columns of a batch
    encode side by side, and with ``vocab`` the id columns are looked up in the
    ecosystem right after, on the same thread. The checks that read them then run
    in column order, one after the other, so that problems come in the same order
    as without threads.
    """
    if sum(table.length for table in tables) < _THREADED_ROWS:
        return {}
    work = [
        (table, spec, not ids and spec.kind in ("id", "ref"))
        for table in tables
        for spec in SPECS[table.name]
        if spec.kind in ("id", "ref", "enum", "text") and spec.name in table
    ]
    workers = min(len(work), os.cpu_count() or 1)
    if workers < 2:
        return {}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {
            (table.name, spec.name): pool.submit(
                _factorise_ahead,
                table.columns[spec.name],
                lazy=lazy,
                index=vocab.index_for(table.name, spec.name) if vocab and lazy else None,
                vocab=vocab,
            )
            for table, spec, lazy in work
        }
        return {key: future.result() for key, future in futures.items()}


def _parse_table(
    table: Table,
    checks: Checks,
    *,
    ids: bool = True,
    factorised: Mapping[tuple[str, str], Any] | None = None,
) -> ParsedTable:
    """Read every column of a table and check each value on its own.

    With ``ids=False`` the form of id values is not checked here: an ecosystem
    lookup follows, which reports any id it does not hold, well-formed or not.
    ``factorised`` holds label columns already factorised, by table and column.
    """
    parsed = ParsedTable(table)
    done = factorised or {}
    for col in SPECS[table.name]:
        _parse_column(table, col, parsed, checks, ids=ids, done=done.get((table.name, col.name)))
    return parsed


def _parse_column(
    table: Table,
    col: ColumnSpec,
    parsed: ParsedTable,
    checks: Checks,
    *,
    ids: bool,
    done: Any = None,
) -> None:
    """Read one column of a table into ``parsed`` and check each value on its own.

    ``done`` is the column already factorised, if it was.
    """
    import numpy as np

    name = table.name
    if col.name not in table:
        if col.required:
            raise ValidationError(f"{name}.{col.name}", None, f"a column of {name}")
        return
    data = table.columns[col.name]

    def value(row: int, column: str = col.name) -> Any:
        return table.value_at(column, row)

    expected = col.expected
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
        codes, uniques, arrow, ahead = (
            (*_factorise(data, lazy=lazy), None) if done is None else done
        )
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
        parsed.labels[col.name] = (
            ahead if ahead is not None and ahead.codes is codes else Labels(codes, uniques, arrow)
        )
        return
    if col.kind == "period":
        integers = _integers(data)
        if integers is not None:  # whole numbers already: only their range to check
            if len(integers) and int(integers.min()) < (col.low or 0):
                checks.flag(name, col.name, integers < (col.low or 0), expected, value)
            if len(integers) and int(integers.max()) > 2**53:
                checks.flag(name, col.name, integers > 2**53, expected, value)
            parsed.period = integers
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


def _same(left: Labels, right: Labels) -> Bools:
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


def _join(ids: Labels, length: int, refs: Labels) -> Ints:
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


class Batch:
    """Every table of a batch, parsed, with the long tables joined to their interactions.

    Attributes:
        interactions: The interactions table.
        long: The long tables given, by name.
        rows: For each long table, the interaction row of each of its rows (-1 for
            an interaction id the interactions table does not hold).

    Examples:
        >>> batch = parse({"id": ["x", "y"], "customer": ["a", "a"], "offering": [None, "o"]},
        ...               {"modules": {"interaction": ["y"], "module": ["m"]}},
        ...               Checks(collect=False))
        >>> batch.rows["modules"].tolist()
        [1]
    """

    def __init__(self, interactions: ParsedTable, long: Mapping[str, ParsedTable]) -> None:
        self.interactions = interactions
        self.long = long
        self.rows: dict[str, Ints] = {}


def _has_parts(rows: Ints, n: int) -> Any:
    """Which of ``n`` interactions a long table has rows for (``rows``: their positions)."""
    np = require("numpy", "pandas", _FEATURE)
    found = np.zeros(n, dtype=np.bool_)
    found[rows[rows >= 0]] = True
    return found


def parse(
    interactions: Any,
    long_tables: Mapping[str, Any],
    checks: Checks,
    *,
    resolving: bool = False,
    vocab: EcosystemArrays | None = None,
) -> Batch:
    """Read and check every table on its own, then the references among them.

    Args:
        interactions: The interactions table (see [`COLUMNS`][cocreation.tables.COLUMNS]),
            or a [`Table`][cocreation.tables.Table].
        long_tables: The long tables by name (``None`` for one not given).
        checks: Where problems go: raised at once or collected.
        resolving: Whether an ecosystem lookup follows
            ([`resolve`][cocreation.tables.resolve]): the checks it makes better with
            integer codes (ids' form, an interaction with oneself, a transfer to
            oneself) are then left to it.
        vocab: With ``resolving``, the arrays of the ecosystem the resolve looks ids
            up in: large tables' id columns are then looked up on the threads that
            factorise them, and the resolve takes those codes.

    Returns:
        The parsed batch.

    Raises:
        ValidationError: A bad value, naming table, row and column (unless ``checks``
            collects).
        UnknownIdError: A long-table row naming an interaction the table does not hold.

    Examples:
        >>> checks = Checks(collect=True)
        >>> batch = parse({"customer": ["a", "b"], "risk_probability": [0.5, 2.0]}, {}, checks)
        >>> [(p.row, p.field) for p in checks.problems]
        [(1, 'risk_probability')]
    """
    import numpy as np

    def table(name: str, data: Any) -> Table:
        return data if isinstance(data, Table) else Table(name, data)

    read = {
        name: table(name, data)
        for name, data in {"interactions": interactions, **long_tables}.items()
        if data is not None
    }
    done = _factorised(list(read.values()), ids=not resolving, vocab=vocab if resolving else None)
    main = _parse_table(read.pop("interactions"), checks, ids=not resolving, factorised=done)
    long = {
        name: _parse_table(one, checks, ids=not resolving, factorised=done)
        for name, one in read.items()
    }
    batch = Batch(main, long)
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


def _reader(table: Table, column: str) -> Callable[[int], Any]:
    """A function that reads the original value of one column at a row, for messages."""

    def read(row: int) -> Any:
        return table.value_at(column, row)

    return read


def _flag_repeated(batch: Batch, name: str, column: str, checks: Checks) -> None:
    """Flag a long-table row that repeats the interaction and ``column`` of an earlier row."""
    import numpy as np

    pandas = require("pandas", "pandas", _FEATURE)
    parsed = batch.long[name]
    rows = batch.rows[name]
    labels = parsed.labels[column]
    usable = (rows >= 0) & (labels.codes >= 0)
    if not usable.any():
        return
    width = labels.size + 1
    composite = rows.astype(np.int64) * width + labels.codes
    pairs = composite if usable.all() else composite[usable]
    if len(pairs) < 2 or bool((np.diff(pairs) > 0).all()):
        return  # in order of interaction and value, as exports often are: none twice
    space = batch.interactions.length * width
    if space <= max(8 * len(rows), 1 << 22):
        # Mark each pair; as many marks as pairs means none came twice.
        seen = np.zeros(space, dtype=np.bool_)
        seen[pairs] = True
        if int(np.count_nonzero(seen)) == len(pairs):
            return
    del pairs
    # A pair seen twice marks its later rows (the error path, or a table too sparse to mark).
    composite = np.where(usable, composite, -1 - np.arange(len(rows), dtype=np.int64))
    repeated = np.asarray(pandas.Series(composite).duplicated(keep="first"), dtype=np.bool_)
    checks.flag(
        name,
        column,
        repeated & usable,
        f"{'a module' if name == 'modules' else 'an outcome'} not repeated for its interaction",
        lambda row: parsed.table.value_at(column, row),
    )
