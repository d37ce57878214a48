"""Accounting interactions given as columns: millions of rows without one Python object each.

The object path ([`cocreation.account`][cocreation.account]) walks one
[`Interaction`][cocreation.Interaction] at a time. [`account`][cocreation.bulk.account]
accounts the same interactions given as flat tables, as a CRM exports them: the
tables layer reads, checks and resolves them into integer codes, and every line of
the ledger is a weighted ``bincount`` over those codes, computed with the same
formulas as the object path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cocreation._optional import require_numpy_and_pandas
from cocreation.accounting._column_ledger import ColumnLedger
from cocreation.accounting._entries import Keys, Pending, Stream
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
    EcosystemArrays,
    Resolved,
    ecosystem_arrays,
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


def _ledger_of(arrays: EcosystemArrays, prepared: Resolved) -> ColumnLedger:
    """Account a resolved batch: its entries, summed into rows only when asked for."""
    import numpy as np

    if prepared.n == 0:
        return ColumnLedger._empty(arrays)
    stamps = _stamps_of(prepared.period, prepared.recurring)
    streams = _streams_of(arrays, prepared)
    prepared.drop_parts()  # the streams hold what the long tables gave
    period = prepared.period
    # The ledger sums its entries later: its keys are its own arrays, never the
    # caller's columns (a period or recurring column is read without a copy).
    keys = Keys(
        prepared.customer.astype(np.int32, copy=False),
        prepared.offering.astype(np.int32, copy=False),
        prepared.level.astype(np.int8, copy=False),
        period.astype(np.int32 if int(period.max()) < 2**31 else np.int64),
        np.array(prepared.recurring, dtype=np.bool_),
        (len(arrays.customers), len(arrays.offerings)),
    )
    return ColumnLedger._of_entries(Pending(arrays, keys, streams), stamps)


def _stamps_of(period: Ints, recurring: Bools) -> frozenset[tuple[int, bool]]:
    """The distinct ``(period, recurring)`` pairs of a batch's interactions."""
    import numpy as np

    if not len(period):
        return frozenset()
    present = np.bincount(period.astype(np.int64) * 2 + recurring, minlength=2)
    return frozenset((int(code) // 2, bool(code % 2)) for code in np.flatnonzero(present))


def _streams_of(arrays: EcosystemArrays, prepared: Resolved) -> list[Stream]:
    """Every ledger entry of a resolved batch, by kind; the temporaries die on return."""
    import numpy as np

    n = prepared.n
    customer = prepared.customer
    scaled = scale(prepared.occurrences, arrays.count[customer])
    all_rows = np.arange(n, dtype=np.int64)
    streams: list[Stream] = []

    # The customer's own side: value-in-use and sacrifices.
    customer_lines: dict[int, Floats] = {}
    if len(prepared.achievement_row):
        rows = prepared.achievement_row
        level = prepared.achievement_level
        weight = importance_weight(prepared.achievement_importance)
        personalised = achieved(level, prepared.personalisation[rows])
        total = np.bincount(rows, weights=weight * personalised, minlength=n)
        # Job code -1 (none) reads the spare entry: no value, one outcome. A job of no
        # outcomes has no achievements, so its total is 0 and divides by one as well.
        job = prepared.job
        outcomes = np.append(np.maximum(arrays.job_outcomes, 1.0), 1.0)[job]
        worth = np.append(arrays.job_value, 0.0)[job]
        customer_lines[_VIU] = value_in_use(worth, np.divide(total, outcomes, out=total), scaled)
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
    bought = np.flatnonzero((offering > 0) & (prepared.units != 0.0))
    if len(bought):
        chosen = offering[bought]
        units = price_of(prepared.units[bought], scaled[bought])
        unit_price = arrays.price[chosen]
        unit_cost = arrays.unit_cost[chosen]
        if len(prepared.module_row):
            unit_price += np.bincount(
                prepared.module_row, weights=prepared.module_price, minlength=n
            )[bought]
            unit_cost += np.bincount(
                prepared.module_row, weights=prepared.module_cost, minlength=n
            )[bought]
        price = price_of(unit_price, units)
        paid = np.zeros(n)
        paid[bought] = price
        customer_lines[_MONEY_OUT] = paid
        streams.append(
            Stream(
                bought,
                arrays.provider[chosen],
                {
                    _MONEY_IN: share_of(price, arrays.provider_share[chosen]),
                    _EXPENSES: price_of(unit_cost, units),
                },
            )
        )
        for slot in range(arrays.share_partner.shape[1]):
            partner = arrays.share_partner[:, slot][chosen]
            has = np.flatnonzero(partner >= 0)
            partner = partner[has]
            streams.append(
                Stream(
                    bought[has],
                    partner,
                    {
                        _MONEY_IN: share_of(price[has], arrays.share[:, slot][chosen[has]]),
                        _EXPENSES: price_of(arrays.partner_cost[partner], units[has]),
                    },
                )
            )
    streams.insert(0, Stream(all_rows, None, customer_lines, every=True))

    # A network partner that is the counterpart bears its variable cost per occurrence.
    counterpart = prepared.counterpart
    if arrays.is_partner.any():
        # Every endpoint code (actors, then topics) and -1 (none): whether it is a partner.
        is_partner = np.zeros(len(arrays.endpoints) + 1, dtype=np.bool_)
        is_partner[: len(arrays.actors)] = arrays.is_partner
        rows = np.flatnonzero(is_partner[counterpart])
        if len(rows):
            streams.append(
                Stream(
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
            Stream(rows[money], prepared.transfer_source[money], {_MONEY_OUT: amount[money]})
        )
        streams.append(
            Stream(rows[money], prepared.transfer_target[money], {_MONEY_IN: amount[money]})
        )
        value = ~money
        streams.append(
            Stream(rows[value], prepared.transfer_target[value], {_VALUE_IN: amount[value]})
        )

    # Money an actor contributes is its expense.
    if len(prepared.contribution_row):
        paid = prepared.contribution_kind == list(ResourceKind).index(ResourceKind.MONEY)
        rows = prepared.contribution_row[paid]
        streams.append(
            Stream(
                rows,
                prepared.contribution_actor[paid],
                {_EXPENSES: price_of(prepared.contribution_amount[paid], scaled[rows])},
            )
        )

    return streams


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
