"""The ledger held as columns: the bulk path's mergeable partial result."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from cocreation._optional import require_numpy_and_pandas
from cocreation.accounting._entries import Block, Keys, Pending, compact
from cocreation.accounting._ledger import Ledger, LedgerKey, _key_positions
from cocreation.accounting._lines import LINES
from cocreation.errors import ValidationError
from cocreation.model import CoCreationLevel
from cocreation.tables import LEVELS, EcosystemArrays, group_codes, union_codes

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]
    Bools = npt.NDArray[Any]

__all__ = ["ColumnLedger"]


class ColumnLedger:
    """A ledger held as columns: the bulk path's mergeable partial result.

    It has the rows and lines of a [`Ledger`][cocreation.Ledger] (one row per actor,
    customer, offering, level, period and recurrence; the lines of [`LINES`][cocreation.LINES]),
    as NumPy arrays. ``a.merge(b)`` (or ``a + b``) adds two ledgers: accounting two
    batches separately and merging equals accounting them together, up to rounding.
    [`to_ledger`][cocreation.bulk.ColumnLedger.to_ledger] gives the
    object path's ledger; the ``*_frame`` functions read it directly.

    A column ledger is immutable: its arrays are read-only.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import bulk
        >>> from cocreation.tables import interactions_to_tables
        >>> eco = cc.example_ecosystem()
        >>> tables = interactions_to_tables(eco)
        >>> ledger = bulk.account(eco, **tables)
        >>> ledger.to_ledger().isclose(cc.account(eco))
        True
        >>> len(ledger) == len(cc.account(eco))
        True
    """

    __slots__ = ("_lock", "_pending", "_rows", "_stamps", "_vocabularies")

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
        self._vocabularies = (actors, customers, offerings)
        self._pending: Pending | None = None
        self._lock = threading.Lock()
        self._rows: dict[str, Any] | None = None
        self._set_rows(
            {
                "actor": actor,
                "customer": customer,
                "offering": offering,
                "level": level,
                "period": period,
                "recurring": recurring,
                "values": values,
            }
        )
        if stamps is None:
            stamps = frozenset(zip(period.tolist(), recurring.astype(bool).tolist(), strict=True))
        self._stamps = frozenset(stamps)

    @classmethod
    def _of_entries(cls, pending: Pending, stamps: frozenset[tuple[int, bool]]) -> ColumnLedger:
        """A ledger whose entries are summed into rows only when something asks for the rows."""
        ledger = cls.__new__(cls)
        arrays = pending.arrays
        ledger._vocabularies = (arrays.actors, arrays.customers, arrays.offerings)
        ledger._pending = pending
        ledger._lock = threading.Lock()
        ledger._rows = None
        ledger._stamps = stamps
        return ledger

    def _set_rows(self, rows: dict[str, Any]) -> None:
        for name in ("actor", "customer", "offering", "level", "period", "recurring"):
            rows[name].flags.writeable = False
        for values in rows["values"]:
            values.flags.writeable = False
        self._rows = rows

    def _canonical(self) -> dict[str, Any]:
        """The rows, summed from the pending entries on first use and kept."""
        rows = self._rows
        if rows is not None:
            return rows
        with self._lock:
            if self._rows is None:
                pending = self._pending
                assert pending is not None
                summed = compact(pending)
                self._vocabularies = (summed["actors"], summed["customers"], summed["offerings"])
                self._set_rows(summed)
                self._pending = None
            assert self._rows is not None
            return self._rows

    def _blocks(self) -> Iterator[Block]:
        """The entries as the views read them: pending streams, or the rows as one block."""
        pending = self._pending
        if pending is not None and self._rows is None:
            yield from pending.blocks()
            return
        rows = self._canonical()
        keys = Keys(
            rows["customer"],
            rows["offering"],
            rows["level"],
            rows["period"],
            rows["recurring"],
            (len(self._customers), len(self._offerings)),
        )
        yield Block(rows["actor"], None, dict(enumerate(rows["values"])), keys)

    @property
    def _actors(self) -> tuple[str, ...]:
        return self._vocabularies[0]

    @property
    def _customers(self) -> tuple[str, ...]:
        return self._vocabularies[1]

    @property
    def _offerings(self) -> tuple[str | None, ...]:
        return self._vocabularies[2]

    @property
    def _actor(self) -> Any:
        return self._canonical()["actor"]

    @property
    def _customer(self) -> Any:
        return self._canonical()["customer"]

    @property
    def _offering(self) -> Any:
        return self._canonical()["offering"]

    @property
    def _level(self) -> Any:
        return self._canonical()["level"]

    @property
    def _period(self) -> Any:
        return self._canonical()["period"]

    @property
    def _recurring(self) -> Any:
        return self._canonical()["recurring"]

    @property
    def _values(self) -> tuple[Floats, ...]:
        values: tuple[Floats, ...] = self._canonical()["values"]
        return values

    @classmethod
    def _empty(
        cls, arrays: EcosystemArrays, stamps: frozenset[tuple[int, bool]] = frozenset()
    ) -> ColumnLedger:
        import numpy as np

        empty = np.zeros(0, dtype=np.int64)
        return cls(
            actors=arrays.actors,
            customers=arrays.customers,
            offerings=arrays.offerings,
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
        require_numpy_and_pandas("ColumnLedger.from_ledger")
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
            level=np.array([LEVELS.index(k.level) for k, _ in rows], dtype=np.int64),
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

        actors = int(np.count_nonzero(np.bincount(self._actor))) if len(self._actor) else 0
        return f"ColumnLedger(rows={len(self)}, actors={actors}, periods={list(self.periods)})"

    def __add__(self, other: ColumnLedger) -> ColumnLedger:
        return self.merge(other)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._state(),))

    def _state(self) -> dict[str, Any]:
        self._canonical()
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
            >>> from cocreation import bulk
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> sorted(bulk.account(eco, {"customer": ["c"], "period": [4]}).stamps)
            [(4, True)]
        """
        return self._stamps

    @property
    def periods(self) -> tuple[int, ...]:
        """The contract periods of the interactions accounted, in order, as [`Ledger.periods`][cocreation.Ledger.periods].

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> bulk.account(eco, {"customer": ["c", "c"], "period": [2, 0],
            ...                       "effort": [1.0, 1.0]}).periods
            (0, 2)
        """
        return tuple(sorted({period for period, _ in self._stamps}))

    def line(self, name: str) -> Floats:
        """One line of every row, as a read-only array in row order.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> bulk.account(eco, {"customer": ["c"], "effort": [2.5]}).line("effort").tolist()
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
        levels = [LEVELS[i] for i in self._level.tolist()]
        return actors, customers, offerings, levels

    def to_ledger(self) -> Ledger:
        """The same rows as an object-path [`Ledger`][cocreation.Ledger].

        Builds one Python object per row: meant for small ledgers and for checking.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> bulk.account(eco, {"customer": ["c"], "effort": [2.5]}).to_ledger().totals()
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

    def totals(self, *, by: str | tuple[str, ...] = "actor") -> dict[Any, dict[str, float]]:
        """Sum the rows by one field of [`LedgerKey`][cocreation.LedgerKey], or by several, as [`Ledger.totals`][cocreation.Ledger.totals].

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> ledger = bulk.account(eco, {"customer": ["c", "c"], "period": [0, 1],
            ...                             "effort": [1.0, 2.0]})
            >>> ledger.totals(by=("actor", "period"))[("c", 1)]["effort"]
            2.0
        """
        import numpy as np

        positions = _key_positions(by)
        names: tuple[str, ...] = (by,) if isinstance(by, str) else tuple(by)
        span = int(self._period.max()) + 1 if len(self) else 1
        keys: dict[str, tuple[Any, int, list[Any]]] = {
            "actor": (self._actor, len(self._actors), list(self._actors)),
            "customer": (self._customer, len(self._customers), list(self._customers)),
            "offering": (self._offering, len(self._offerings), list(self._offerings)),
            "level": (self._level, len(LEVELS), list(LEVELS)),
            "period": (self._period, span, list(range(span))),
            "recurring": (self._recurring.astype(np.int64), 2, [False, True]),
        }
        groups, count, first = group_codes(
            [(keys[name][0], keys[name][1]) for name in names], len(self)
        )
        sums = [
            np.bincount(groups, weights=values, minlength=count).tolist() for values in self._values
        ]
        decoded = [
            [keys[name][2][code] for code in keys[name][0][first].tolist()] for name in names
        ]
        labels = decoded[0] if isinstance(positions, int) else list(zip(*decoded, strict=True))
        return {
            label: dict(zip(LINES, (line[number] for line in sums), strict=True))
            for number, label in enumerate(labels)
        }

    def to_frame(self) -> pd.DataFrame:
        """Every row as a tidy DataFrame: the key columns, then one column per line.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> frame = bulk.account(eco, {"customer": ["c"], "effort": [2.5]}).to_frame()
            >>> list(frame.columns[:5]), frame["effort"].tolist()
            (['actor', 'customer', 'offering', 'level', 'period'], [2.5])
        """
        require_numpy_and_pandas("ColumnLedger.to_frame")
        import numpy as np
        import pandas as pd

        actors = np.array(self._actors, dtype=object)
        customers = np.array(self._customers, dtype=object)
        offerings = np.array(self._offerings, dtype=object)
        levels = np.array([None if lv is None else lv.value for lv in LEVELS], dtype=object)
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
            >>> from cocreation import bulk
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> one = bulk.account(eco, {"customer": ["c"], "effort": [1.0]})
            >>> two = bulk.account(eco, {"customer": ["c"], "effort": [2.0]})
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
        stack = _Stack.of(ledgers)
        groups, count, first = stack.groups()
        return ColumnLedger(
            actors=stack.actors,
            customers=stack.customers,
            offerings=stack.offerings,
            actor=stack.actor[first],
            customer=stack.customer[first],
            offering=stack.offering[first],
            level=stack.level[first],
            period=stack.period[first],
            recurring=stack.recurring[first],
            values=tuple(
                np.bincount(groups, weights=amounts, minlength=count) for amounts in stack.values
            ),
            stamps=frozenset().union(*(x._stamps for x in ledgers)),
        )

    def isclose(self, other: ColumnLedger, *, rel_tol: float = 1e-9, abs_tol: float = 1e-6) -> bool:
        """Whether two ledgers have the same rows with amounts equal up to rounding.

        A row missing from one ledger counts as a row of zeros, as in
        [`Ledger.isclose`][cocreation.Ledger.isclose].

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.Ecosystem().add_customer("c")
            >>> one = bulk.account(eco, {"customer": ["c"], "effort": [1.0]})
            >>> one.isclose(one + one)
            False
        """
        import numpy as np

        if self._stamps != other._stamps:
            return False
        groups, count, _ = _Stack.of((self, other)).groups()
        mine = np.zeros((len(LINES), count))
        theirs = np.zeros((len(LINES), count))
        for number in range(len(LINES)):
            np.add.at(mine[number], groups[: len(self)], self._values[number])
            np.add.at(theirs[number], groups[len(self) :], other._values[number])
        tolerance = np.maximum(rel_tol * np.maximum(np.abs(mine), np.abs(theirs)), abs_tol)
        return bool((np.abs(mine - theirs) <= tolerance).all())


def _rebuild(state: dict[str, Any]) -> ColumnLedger:
    return ColumnLedger(**state)


class _Stack(NamedTuple):
    """The rows of several ledgers, one after the other, their codes in shared vocabularies."""

    actors: tuple[str, ...]
    customers: tuple[str, ...]
    offerings: tuple[str | None, ...]
    actor: Ints
    customer: Ints
    offering: Ints
    level: Ints
    period: Ints
    recurring: Bools
    values: tuple[Floats, ...]

    @classmethod
    def of(cls, ledgers: Sequence[ColumnLedger]) -> _Stack:
        import numpy as np

        actors, actor = union_codes([(x._actors, x._actor) for x in ledgers])
        customers, customer = union_codes([(x._customers, x._customer) for x in ledgers])
        offerings, offering = union_codes([(x._offerings, x._offering) for x in ledgers])
        return cls(
            actors,
            customers,
            offerings,
            actor,
            customer,
            offering,
            np.concatenate([x._level for x in ledgers]),
            np.concatenate([x._period for x in ledgers]),
            np.concatenate([x._recurring for x in ledgers]),
            tuple(
                np.concatenate([x._values[number] for x in ledgers]) for number in range(len(LINES))
            ),
        )

    def groups(self) -> tuple[Ints, int, Ints]:
        """Each row's ledger key as a group, the number of keys, and one row of each."""
        import numpy as np

        span = int(self.period.max()) + 1 if len(self.period) else 1
        return group_codes(
            [
                (self.actor, len(self.actors)),
                (self.customer, len(self.customers)),
                (self.offering, len(self.offerings)),
                (self.level, len(LEVELS)),
                (self.period, span),
                (self.recurring.astype(np.int64), 2),
            ],
            len(self.actor),
        )
