"""The bulk path's ledger entries before they are summed into rows, and their summing.

[`cocreation.bulk.account`][cocreation.bulk.account] leaves its entries pending: one
stream of entries per kind (the customer's own lines, purchases, revenue shares,
transfers, contributions), each entry an interaction row, an actor and its amounts.
The views sum the entries they need straight into their groups; the ledger's
canonical rows (one per actor, customer, offering, level, period and recurrence)
are summed only when something asks for them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cocreation._optional import require
from cocreation.accounting._lines import LINES
from cocreation.tables import LEVELS, EcosystemArrays, group_codes

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]
    Bools = npt.NDArray[Any]

__all__ = ["Block", "Keys", "Pending", "Stream", "compact"]


class Stream:
    """Ledger entries of one kind: who, for which interaction, and amounts by line."""

    def __init__(
        self, rows: Ints, actor: Ints | None, lines: Mapping[int, Floats], *, every: bool = False
    ) -> None:
        self.rows = rows  # the interaction row of each entry
        self.actor = actor  # None: the interaction's own customer
        self.lines = dict(lines)
        self.every = every  # whether rows are every interaction row, in order


class Keys:
    """The key columns of a batch's interactions, one value per interaction row."""

    def __init__(
        self,
        customer: Ints,
        offering: Ints,
        level: Ints,
        period: Ints,
        recurring: Bools,
        sizes: tuple[int, int],
    ) -> None:
        self.customer = customer
        self.offering = offering
        self.level = level
        self.period = period
        self.recurring = recurring
        self.n = len(customer)
        self._sizes = sizes  # how many customers and offerings the codes range over

    def grouping(self) -> tuple[Ints, int, Ints]:
        """Interactions with the same customer, offering, level, period and recurrence grouped."""
        import numpy as np

        customers, offerings = self._sizes
        return group_codes(
            [
                (self.customer, customers),
                (self.offering, offerings),
                (self.level, len(LEVELS)),
                (self.period, int(self.period.max()) + 1 if self.n else 1),
                (self.recurring.astype(np.int8), 2),
            ],
            self.n,
        )

    def release(self) -> None:
        """Let go of the columns once the rows have what they need."""
        import numpy as np

        empty = np.zeros(0, dtype=np.int64)
        self.customer = self.offering = self.level = self.period = empty
        self.recurring = np.zeros(0, dtype=np.bool_)


class Block:
    """Entries of one kind as the views read them: actors, interaction rows, amounts by line.

    ``actor`` is ``None`` where every entry is its interaction's own customer; ``rows``
    is ``None`` where the entries are every interaction row in order. ``keys`` are the
    key columns the rows index.
    """

    def __init__(
        self, actor: Ints | None, rows: Ints | None, lines: Mapping[int, Floats], keys: Keys
    ) -> None:
        self.actor = actor
        self.rows = rows
        self.lines = dict(lines)
        self.keys = keys

    def key(self, name: str) -> Any:
        """One key column (``customer``, ``offering``, ``level``, ``period``, ``recurring``) per entry."""
        column = getattr(self.keys, name)
        return column if self.rows is None else column[self.rows]


class Pending:
    """A batch's entries, not yet summed into rows."""

    def __init__(self, arrays: EcosystemArrays, keys: Keys, streams: Sequence[Stream]) -> None:
        self.arrays = arrays
        self.keys = keys
        self.streams: Sequence[Stream] = tuple(streams)

    def blocks(self) -> Iterator[Block]:
        """Every stream as a [`Block`][]: what the views sum."""
        for stream in self.streams:
            rows = None if stream.every else stream.rows
            yield Block(stream.actor, rows, stream.lines, self.keys)


def _empty(arrays: EcosystemArrays) -> dict[str, Any]:
    import numpy as np

    empty = np.zeros(0, dtype=np.int64)
    return {
        "actors": arrays.actors,
        "customers": arrays.customers,
        "offerings": arrays.offerings,
        "actor": empty,
        "customer": empty.copy(),
        "offering": empty.copy(),
        "level": empty.copy(),
        "period": empty.copy(),
        "recurring": np.zeros(0, dtype=np.bool_),
        "values": tuple(np.zeros(0, dtype=np.float64) for _ in LINES),
    }


def _narrow(periods: Ints) -> Ints:
    """Periods in 32 bits when they fit, as they nearly always do."""
    import numpy as np

    if len(periods) and int(periods.max()) >= 2**31:
        return periods
    return periods.astype(np.int32)


def compact(pending: Pending) -> dict[str, Any]:
    """Sum the entries of every stream into ledger rows keyed by actor and base key.

    An entry's row is its slot ``(base, role)``: role 0 is the base's own customer,
    roles 1..K the organisations and partners. Another customer (a transfer to a
    peer, say) gets a slot of its own after those. Slots are numbered densely, so no
    hashing or sorting of the entries is needed. Everything stays in 32-bit integers
    where it fits: on large batches, memory is what costs time.
    """
    import numpy as np

    pandas = require("pandas", "pandas", "ColumnLedger")
    arrays, prepared, streams = pending.arrays, pending.keys, list(pending.streams)
    pending.streams = ()  # popped below, so that each stream is freed once it is summed
    base, bases, representative = prepared.grouping()
    customer = prepared.customer
    roles = len(arrays.role_actor)
    space = bases * roles
    total = sum(len(stream.rows) for stream in streams)
    wide = np.int64 if space + total >= 2**31 - 1 else np.int32
    dense = space <= max(8 * prepared.n, 1 << 22)
    slots: list[Ints] = []
    foreign_keys: list[Ints] = []
    foreign_at: list[tuple[int, Ints]] = []
    kept: list[Stream] = []
    streams.reverse()
    while streams:
        # Popped, so that a stream's unfiltered arrays are freed once it is filtered.
        stream = streams.pop()
        nonzero: Bools | None = None
        for amounts in stream.lines.values():
            nonzero = amounts != 0.0 if nonzero is None else (nonzero | (amounts != 0.0))
        if nonzero is not None and not nonzero.all():
            stream = Stream(
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
                arrays.customer_actor[customer[stream.rows]]
                if stream.actor is None
                else stream.actor
            )
            slots.append(actor.astype(np.int64) * bases + entry_base)
            continue
        slot: Ints = entry_base.astype(wide) * roles
        if stream.actor is not None:
            role = arrays.actor_role[stream.actor]
            customers_here = np.flatnonzero(role < 0)
            if len(customers_here):
                actor = stream.actor[customers_here]
                own = actor == arrays.customer_actor[customer[stream.rows[customers_here]]]
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
        return _empty(arrays)

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
        row_actor = arrays.role_actor.astype(np.int32)[row_role]
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
        row_actor[own] = arrays.customer_actor[row_customer[own]]
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
    return {
        "actors": arrays.actors,
        "customers": arrays.customers,
        "offerings": arrays.offerings,
        "actor": row_actor,
        "customer": row_customer,
        "offering": row_offering,
        "level": row_level,
        "period": row_period,
        "recurring": row_recurring,
        "values": tuple(values),
    }
