"""Accounting interactions given as columns: millions of rows without one Python object each.

The object path ([`cocreation.account`][cocreation.account]) walks one
[`Interaction`][cocreation.Interaction] at a time. [`account`][cocreation.bulk.account]
accounts the same interactions given as flat tables, as a CRM exports them: the
tables layer reads, checks and resolves them into integer codes, and every line of
the ledger is a weighted ``bincount`` over those codes, computed with the same
formulas as the object path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cocreation._optional import require, require_numpy_and_pandas
from cocreation.accounting._column_ledger import ColumnLedger
from cocreation.accounting._formulas import (
    achieved,
    importance_weight,
    price_of,
    scale,
    share_of,
    value_in_use,
    valued,
)
from cocreation.accounting._lines import LINES
from cocreation.ecosystem import Ecosystem
from cocreation.model import ResourceKind
from cocreation.tables import (
    LEVELS,
    EcosystemArrays,
    Resolved,
    ecosystem_arrays,
    group_codes,
    resolve_tables,
)

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]
    Bools = npt.NDArray[Any]

__all__ = ["account"]

_VIU, _VALUE_IN, _MONEY_IN, _MONEY_OUT, _EXPENSES, _TIME, _EFFORT, _RISK, _PSYCHIC = (
    LINES.index(line) for line in LINES
)
_FEATURE = "cocreation.bulk.account"


class _Stream:
    """Ledger entries of one kind: who, for which interaction, and amounts by line."""

    def __init__(self, rows: Ints, actor: Ints | None, lines: Mapping[int, Floats]) -> None:
        self.rows = rows  # the interaction row of each entry
        self.actor = actor  # None: the interaction's own customer
        self.lines = dict(lines)


def _ledger_of(arrays: EcosystemArrays, prepared: Resolved) -> ColumnLedger:
    """Account a resolved batch."""
    import numpy as np

    if prepared.n == 0:
        return ColumnLedger._empty(arrays)
    stamps = _stamps_of(prepared.period, prepared.recurring)
    streams = _streams_of(arrays, prepared)
    prepared.drop_parts()  # the streams hold what the long tables gave
    # Interactions with the same customer, offering, level, period and recurrence share
    # their rows.
    # The grouping is handed over without a name here, so _rows_of can free it early.
    return _rows_of(
        arrays,
        prepared,
        stamps,
        streams,
        group_codes(
            [
                (prepared.customer, len(arrays.customers)),
                (prepared.offering, len(arrays.offerings)),
                (prepared.level, len(LEVELS)),
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


def _streams_of(arrays: EcosystemArrays, prepared: Resolved) -> list[_Stream]:
    """Every ledger entry of a resolved batch, by kind; the temporaries die on return."""
    import numpy as np

    n = prepared.n
    customer = prepared.customer
    scaled = scale(prepared.occurrences, arrays.count[customer])
    all_rows = np.arange(n, dtype=np.int64)
    streams: list[_Stream] = []

    # The customer's own side: value-in-use and sacrifices.
    customer_lines: dict[int, Floats] = {}
    if len(prepared.achievement_row):
        rows = prepared.achievement_row
        level = prepared.achievement_level
        weight = importance_weight(prepared.achievement_importance)
        personalised = achieved(level, prepared.personalisation[rows])
        total = np.bincount(rows, weights=weight * personalised, minlength=n)
        job = prepared.job
        has_job = job >= 0
        safe = np.maximum(job, 0)
        outcomes = np.where(has_job, arrays.job_outcomes[safe], 1.0)
        index = np.divide(total, outcomes, out=np.zeros(n), where=outcomes > 0)
        customer_lines[_VIU] = np.where(
            has_job, value_in_use(arrays.job_value[safe], index, scaled), 0.0
        )
    hours = prepared.hours
    if len(prepared.contribution_row):
        own = (prepared.contribution_kind == list(ResourceKind).index(ResourceKind.TIME)) & (
            prepared.contribution_actor
            == arrays.customer_actor[customer[prepared.contribution_row]]
        )
        if own.any():
            hours = hours + np.bincount(
                prepared.contribution_row[own],
                weights=prepared.contribution_amount[own],
                minlength=n,
            )
    customer_lines[_TIME] = valued(hours, arrays.value_of_time[customer], scaled)
    customer_lines[_EFFORT] = price_of(prepared.effort, scaled)
    customer_lines[_RISK] = valued(prepared.risk_probability, prepared.risk_loss, scaled)
    customer_lines[_PSYCHIC] = price_of(prepared.psychic_cost, scaled)

    # Purchases: the customer pays, the provider and partners receive by their shares.
    offering = prepared.offering
    buying = (offering > 0) & (prepared.units != 0.0)
    if buying.any():
        units = np.where(buying, price_of(prepared.units, scaled), 0.0)
        unit_price = arrays.price[offering]
        unit_cost = arrays.unit_cost[offering]
        if len(prepared.module_row):
            unit_price = unit_price + np.bincount(
                prepared.module_row, weights=prepared.module_price, minlength=n
            )
            unit_cost = unit_cost + np.bincount(
                prepared.module_row, weights=prepared.module_cost, minlength=n
            )
        price = price_of(unit_price, units)
        customer_lines[_MONEY_OUT] = price
        bought = np.flatnonzero(buying)
        streams.append(
            _Stream(
                bought,
                arrays.provider[offering[bought]],
                {
                    _MONEY_IN: share_of(price, arrays.provider_share[offering])[bought],
                    _EXPENSES: price_of(unit_cost, units)[bought],
                },
            )
        )
        for slot in range(arrays.share_partner.shape[1]):
            partner = arrays.share_partner[offering[bought], slot]
            has = partner >= 0
            rows = bought[has]
            partner = partner[has]
            streams.append(
                _Stream(
                    rows,
                    partner,
                    {
                        _MONEY_IN: share_of(price[rows], arrays.share[offering[rows], slot]),
                        _EXPENSES: price_of(arrays.partner_cost[partner], units[rows]),
                    },
                )
            )
    streams.insert(0, _Stream(all_rows, None, customer_lines))

    # A network partner that is the counterpart bears its variable cost per occurrence.
    counterpart = prepared.counterpart
    actors = len(arrays.actors)
    is_partner_counterpart = (counterpart >= 0) & (counterpart < actors)
    if is_partner_counterpart.any():
        rows = np.flatnonzero(is_partner_counterpart)
        rows = rows[arrays.is_partner[counterpart[rows]]]
        if len(rows):
            streams.append(
                _Stream(
                    rows,
                    counterpart[rows],
                    {_EXPENSES: price_of(arrays.partner_cost[counterpart[rows]], scaled[rows])},
                )
            )

    # Transfers: money from source to target; value objects received by the target.
    if len(prepared.transfer_row):
        rows = prepared.transfer_row
        amount = price_of(prepared.transfer_amount, scaled[rows])
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
                {_EXPENSES: price_of(prepared.contribution_amount[paid], scaled[rows])},
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
    arrays: EcosystemArrays,
    prepared: Resolved,
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
    roles = len(arrays.role_actor)
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
        return ColumnLedger._empty(arrays, stamps)

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
    return ColumnLedger(
        actors=arrays.actors,
        customers=arrays.customers,
        offerings=arrays.offerings,
        actor=row_actor,
        customer=row_customer,
        offering=row_offering,
        level=row_level,
        period=row_period,
        recurring=row_recurring,
        values=tuple(values),
        stamps=stamps,
    )


def account(
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
        interactions: The interactions table (see [`COLUMNS`][cocreation.tables.COLUMNS]):
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
        >>> from cocreation import bulk
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_organisation("bank")
        ...     .add_offering("account", provider="bank", price=10.0, unit_cost=4.0)
        ...     .add_customer("walk-ins", count=100)
        ... )
        >>> ledger = bulk.account(eco, {
        ...     "customer": ["walk-ins", "walk-ins"],
        ...     "counterpart": ["bank", None],
        ...     "offering": ["account", None],
        ...     "units": [1.0, 0.0],
        ...     "effort": [0.0, 2.0],
        ... })
        >>> totals = ledger.to_ledger().totals()
        >>> totals["bank"]["money_received"], totals["walk-ins"]["effort"]
        (1000.0, 200.0)
        >>> bulk.account(eco, {"customer": ["walk-ins"], "risk_probability": [1.5]})
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: interactions[0].risk_probability: expected a finite number in [0, 1], or a missing value for the default 0.0, got 1.5
    """
    require_numpy_and_pandas("cocreation.bulk.account")
    prepared = resolve_tables(
        ecosystem,
        interactions,
        transfers=transfers,
        achievements=achievements,
        contributions=contributions,
        modules=modules,
    )
    return _ledger_of(ecosystem_arrays(ecosystem), prepared)
