"""The views of the bulk path: net benefit, firm value and net value flows over columns.

Each has the signature of the object view of the same name
([`cocreation.net_benefit`][cocreation.net_benefit] and so on), takes either ledger
(``ledger`` keyword-only), reads the lines and their signs from their one
declaration and computes with the same formulas, over NumPy arrays of every customer
(or actor and period) at once. Results are [`ColumnResult`][cocreation.bulk.ColumnResult]s:
``to_frame()`` gives the tidy DataFrame, ``to_objects()`` the object view's result.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cocreation._optional import require, require_numpy_and_pandas
from cocreation.accounting._clv import Timing, _lifetime
from cocreation.accounting._column_ledger import ColumnLedger
from cocreation.accounting._customer import NetBenefit, NetBenefits
from cocreation.accounting._entries import Block
from cocreation.accounting._firm import FirmValue, FirmValues, focal_organisation
from cocreation.accounting._formulas import (
    capitalised,
    discount_divisor,
    discounted,
    over_periods,
    referral_brought,
    signed_total,
)
from cocreation.accounting._ledger import Ledger
from cocreation.accounting._lines import FIRM_LINES, LEDGER_LINES, LINES, OUTGOING
from cocreation.accounting._network import NetValueFlow, NetValueFlows, _check_periods
from cocreation.accounting._results import ColumnResult
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError
from cocreation.tables import LEVELS, EcosystemArrays, ecosystem_arrays

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]
    Bools = npt.NDArray[Any]

__all__ = [
    "FirmValueColumns",
    "NetBenefitColumns",
    "NetValueFlowColumns",
    "firm_value",
    "net_benefit",
    "net_value_flows",
]

_FIXED = (("fixed_cost", -1), ("investment", -1))


def _columns_of(ledger: ColumnLedger | Ledger) -> ColumnLedger:
    if isinstance(ledger, ColumnLedger):
        return ledger
    if isinstance(ledger, Ledger):
        return ColumnLedger.from_ledger(ledger)
    raise ValidationError("ledger", ledger, "a ColumnLedger or a Ledger")


def _recode(
    vocabulary: tuple[Any, ...], index: Mapping[Any, int], same: tuple[Any, ...], identity: Ints
) -> Ints:
    """Codes of one vocabulary in another's index (-1 where absent)."""
    import numpy as np

    if vocabulary is same or vocabulary == same:
        return identity
    return np.array([index.get(item, -1) for item in vocabulary], dtype=np.int64)


def _own_codes(book: ColumnLedger, arrays: EcosystemArrays) -> Ints | None:
    """The ecosystem's codes of the ledger's customers, or ``None`` where they are the same."""
    import numpy as np

    if book._customers is arrays.customers or book._customers == arrays.customers:
        return None
    index = arrays.customer_index
    return np.array([index.get(item, -1) for item in book._customers], dtype=np.int64)


def _customers_of(block: Block, own: Ints | None, to_customer: Ints) -> Ints:
    """Each entry's customer code (-1 for an actor that is not a customer)."""
    if block.actor is not None:
        codes: Ints = to_customer[block.actor]
        return codes
    customer: Ints = block.key("customer")
    return customer if own is None else own[customer]


def _signed(sums: Mapping[str, Floats], names: list[tuple[str, int]], size: int) -> Floats:
    """The sum of the lines with their signs, over arrays: ``signed_total``, or zeros of none."""
    import numpy as np

    if not names:
        return np.zeros(size)
    total: Floats = signed_total(sums, names)
    return total


class NetBenefitColumns(ColumnResult):
    """Every customer's net benefit as columns: what [`net_benefit`][cocreation.bulk.net_benefit] returns.

    Columns: ``customer``, ``offering``, ``count``, the lines of
    [`LINES`][cocreation.LINES] with their signs (what the customer gets positive, what
    it gives negative), then ``net``, their sum.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import bulk
        >>> eco = cc.example_ecosystem()
        >>> result = bulk.net_benefit(eco, ledger=cc.account(eco))
        >>> round(result.total(), 6) == round(cc.net_benefit(eco).total(), 6)
        True
    """

    def __init__(
        self,
        columns: Mapping[str, Any],
        *,
        by_offering: bool = False,
        frame_columns: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(columns, frame_columns=frame_columns)
        self.by_offering = by_offering

    def total(self) -> float:
        """The sum of every net benefit in the result.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.example_ecosystem()
            >>> bulk.net_benefit(eco, ledger=cc.account(eco)).total() > 0
            True
        """
        return math.fsum(self["net"].tolist())

    def to_objects(self) -> NetBenefits:
        """The same figures as the object view's [`NetBenefits`][cocreation.NetBenefits].

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.example_ecosystem()
            >>> objects = bulk.net_benefit(eco, ledger=cc.account(eco)).to_objects()
            >>> sorted(objects) == sorted(cc.net_benefit(eco))
            True
        """
        by_offering = self.by_offering
        items: dict[str | tuple[str, str | None], NetBenefit] = {}
        for row in self.to_dict():
            benefit = NetBenefit(
                row["customer"],
                row["offering"],
                row["count"],
                **{line.name: line.sign * row[line.name] + 0.0 for line in LEDGER_LINES},
            )
            items[(row["customer"], row["offering"]) if by_offering else row["customer"]] = benefit
        return NetBenefits(items)


class FirmValueColumns(ColumnResult):
    """Every customer's firm value as columns: what [`firm_value`][cocreation.bulk.firm_value] returns.

    Columns: ``customer``, ``organisation``, ``count``, ``timing``, the lines of
    firm value with their signs (values positive, costs negative), then ``total``,
    their sum.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import bulk
        >>> eco = cc.example_ecosystem()
        >>> result = bulk.firm_value(eco, ledger=cc.account(eco), timing="retained")
        >>> result.organisation
        'alpine-telecom'
    """

    def __init__(
        self,
        columns: Mapping[str, Any],
        *,
        organisation: str,
        frame_columns: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(columns, frame_columns=frame_columns)
        self.organisation = organisation

    def to_objects(self) -> FirmValues:
        """The same figures as the object view's [`FirmValues`][cocreation.FirmValues].

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.example_ecosystem()
            >>> values = bulk.firm_value(eco, ledger=cc.account(eco), timing="end").to_objects()
            >>> values.organisation, len(values) == len(eco.customers)
            ('alpine-telecom', True)
        """
        return FirmValues(
            {
                row["customer"]: FirmValue(
                    row["customer"],
                    row["organisation"],
                    row["count"],
                    row["timing"],
                    **{line.name: line.sign * row[line.name] + 0.0 for line in FIRM_LINES},
                    retention=None if row["retention"] != row["retention"] else row["retention"],
                )
                for row in self.to_dict()
            },
            self.organisation,
        )


class NetValueFlowColumns(ColumnResult):
    """Every actor's net value flow per period as columns: what [`net_value_flows`][cocreation.bulk.net_value_flows] returns.

    Columns: ``actor``, ``kind``, ``period``, the lines, ``fixed_cost``,
    ``investment``, ``net`` and ``discounted_net`` (the net discounted to period 0).

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import bulk
        >>> eco = cc.example_ecosystem()
        >>> flows = bulk.net_value_flows(eco, ledger=cc.account(eco))
        >>> abs(flows.total_value_created() - cc.net_value_flows(eco).total_value_created()) < 1e-6
        True
    """

    def __init__(
        self,
        columns: Mapping[str, Any],
        *,
        discount_rate: float,
        frame_columns: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(columns, frame_columns=frame_columns)
        self.discount_rate = discount_rate

    def nets(self) -> dict[str, float]:
        """Every actor's net value over the periods, discounted to period 0.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.example_ecosystem()
            >>> "alpine-telecom" in bulk.net_value_flows(eco, ledger=cc.account(eco)).nets()
            True
        """
        totals: dict[str, float] = {}
        for actor, amount in zip(
            self["actor"].tolist(), self["discounted_net"].tolist(), strict=True
        ):
            totals[actor] = totals.get(actor, 0.0) + amount
        return totals

    def total_value_created(self) -> float:
        """Total value created: the sum of every actor's discounted net value.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.example_ecosystem()
            >>> bulk.net_value_flows(eco, ledger=cc.account(eco)).total_value_created() > 0
            True
        """
        return math.fsum(self["discounted_net"].tolist())

    def to_objects(self) -> NetValueFlows:
        """The same figures as the object view's [`NetValueFlows`][cocreation.NetValueFlows].

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> eco = cc.example_ecosystem()
            >>> flows = bulk.net_value_flows(eco, ledger=cc.account(eco)).to_objects()
            >>> abs(flows.money_balance()) < 1e-6
            True
        """
        signs = [*((line.name, line.sign) for line in LEDGER_LINES), *_FIXED]
        items = {
            (row["actor"], row["period"]): NetValueFlow(
                row["actor"],
                row["kind"],
                row["period"],
                **{name: sign * row[name] + 0.0 for name, sign in signs},
            )
            for row in self.to_dict()
        }
        return NetValueFlows(items, self.discount_rate)


def net_benefit(
    ecosystem: Ecosystem, *, ledger: ColumnLedger | Ledger, by_offering: bool = False
) -> NetBenefitColumns:
    """Every customer's net benefit, over columns: [`cocreation.net_benefit`][cocreation.net_benefit] in bulk.

    One row per customer (or per customer and offering), in the ecosystem's order;
    every customer appears, with zeros if it has no rows. The lines are summed with
    one weighted ``bincount`` each.

    Args:
        ecosystem: The ecosystem whose customers to show.
        ledger: A [`ColumnLedger`][cocreation.bulk.ColumnLedger] (or a
            [`Ledger`][cocreation.Ledger]) of the ecosystem's interactions.
        by_offering: One row per customer and offering of the rows (``None`` for
            interactions without one), as ``net_benefit(..., by_offering=True)``.

    Returns:
        The net benefits as columns.

    Raises:
        ValidationError: ``ledger`` is not a ledger.
        MissingExtraError: pandas (and with it NumPy) is not installed.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import bulk
        >>> from cocreation.tables import interactions_to_tables
        >>> eco = cc.example_ecosystem()
        >>> ledger = bulk.account(eco, **interactions_to_tables(eco))
        >>> result = bulk.net_benefit(eco, ledger=ledger)
        >>> objects = cc.net_benefit(eco)
        >>> all(abs(net - objects[c].net) < 1e-6
        ...     for c, net in zip(result["customer"], result["net"]))
        True
    """
    require_numpy_and_pandas("cocreation.bulk.net_benefit")
    book = _columns_of(ledger)
    arrays = ecosystem_arrays(ecosystem)
    columns = _net_benefit_sums(arrays, book, by_offering=by_offering)
    ids = None if by_offering else {"customer": arrays.customer_column()[1]}
    return NetBenefitColumns(columns, by_offering=by_offering, frame_columns=ids)


def _net_benefit_sums(
    arrays: EcosystemArrays,
    book: ColumnLedger,
    *,
    by_offering: bool = False,
    labels: bool = True,
) -> dict[str, Any]:
    """The columns of [`net_benefit`][cocreation.bulk.net_benefit], from the ecosystem's arrays.

    Without ``labels``, the id columns (``customer``, ``offering``) are left out:
    the rows are the customers in the order of ``arrays``.
    """
    import numpy as np

    customers = len(arrays.customers)
    to_customer = _recode(book._actors, arrays.customer_index, arrays.actors, arrays.actor_customer)
    own = _own_codes(book, arrays)
    width = len(book._offerings) if by_offering else 1
    size = customers * width  # one bin per customer (and offering); a spare one after
    sums = {line: np.zeros(size + 1) for line in LINES}
    present = np.zeros(size + 1, dtype=np.bool_)
    for block in book._blocks():
        who = _customers_of(block, own, to_customer)
        if block.actor is not None and int(who.max(initial=-1)) < 0:
            continue  # entries of actors that are no customers: no customer's lines
        if by_offering:
            group = who.astype(np.int64) * width + block.key("offering")
            group[who < 0] = size
            amounts = list(block.lines.values())
            moved = np.zeros(len(group), dtype=np.bool_)
            for values in amounts:
                moved |= values != 0.0
            present[group[moved]] = True
        elif block.actor is None and own is None:
            group = who.astype(np.intp)  # the entries' own customers: every code valid
        else:
            group = np.where(who < 0, size, who).astype(np.intp, copy=False)
        for number, values in block.lines.items():
            if values.any():  # a line that is zero throughout needs no pass
                sums[LINES[number]] += np.bincount(group, weights=values, minlength=size + 1)
    if by_offering:
        grid = present[:size].reshape(customers, width)
        grid[~grid.any(axis=1), 0] = True  # a row of zeros, offering None
        occupied = np.flatnonzero(grid)
        group_customer = occupied // width
        group_offering: Any = np.array(book._offerings, dtype=object)[occupied % width]
    else:
        occupied = group_customer = np.arange(customers, dtype=np.int64)
        group_offering = np.full(customers, None, dtype=object) if labels else None
    rows = len(occupied)
    columns: dict[str, Any] = {}
    if labels:
        ids = arrays.customer_column()[0]  # the result's own copy: never the arrays'
        columns["customer"] = ids.copy() if not by_offering else ids[group_customer]
        columns["offering"] = group_offering
    columns["count"] = arrays.count_int[group_customer]
    for line in LEDGER_LINES:  # with their signs: the lines sum to the net
        columns[line.name] = line.sign * sums[line.name][occupied] + 0.0
    columns["net"] = _signed(columns, [(line.name, 1) for line in LEDGER_LINES], rows)
    return columns


def firm_value(
    ecosystem: Ecosystem,
    *,
    ledger: ColumnLedger | Ledger,
    timing: Timing,
    organisation: str | None = None,
    horizon: int | None = None,
    growth: float = 0.0,
) -> FirmValueColumns:
    """What each customer brings to the organisation, over columns: [`cocreation.firm_value`][cocreation.firm_value] in bulk.

    One row per customer, in the ecosystem's order. As there, recurring rows are
    capitalised as a run rate and one-off rows (``recurring`` false) count once,
    discounted to period 0; referrals bring their referrers the acquisition cost saved
    and the referred customers' lifetime value by incrementality, discounted from the
    period of the referral. The lifetime multiples of all customers are computed at
    once with [`lifetime_factor`][cocreation.bulk.lifetime_factor].

    Args:
        ecosystem: The ecosystem whose customers to value.
        ledger: A [`ColumnLedger`][cocreation.bulk.ColumnLedger] (or a
            [`Ledger`][cocreation.Ledger]) of the ecosystem's interactions.
        timing: When the first margin arrives: ``"retained"``, ``"start"`` or ``"end"``.
        organisation: The focal organisation (default: the ecosystem's only one).
        horizon: How many periods to count, or ``None`` for an infinite horizon.
        growth: Growth of every flow per period.

    Returns:
        The firm values as columns.

    Raises:
        ValidationError: No focal organisation can be chosen, or an invalid timing,
            horizon or growth.
        DivergenceError: A customer's retention makes an infinite-horizon sum diverge.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import bulk
        >>> from cocreation.tables import interactions_to_tables
        >>> eco = cc.example_ecosystem()
        >>> ledger = bulk.account(eco, **interactions_to_tables(eco))
        >>> result = bulk.firm_value(eco, ledger=ledger, timing="retained")
        >>> objects = cc.firm_value(eco, timing="retained")
        >>> all(abs(total - objects[c].total) < 1e-6
        ...     for c, total in zip(result["customer"], result["total"]))
        True
    """
    require_numpy_and_pandas("cocreation.bulk.firm_value")
    import numpy as np

    arrays = ecosystem_arrays(ecosystem)
    if organisation is None and len(arrays.organisations) == 1:
        focal = arrays.organisations[0]  # the common case, without a pass over every actor
    else:
        focal = focal_organisation(ecosystem, organisation)
    book = _columns_of(ledger)
    if book._actors is arrays.actors:
        focal_code = [arrays.actor_index[focal.id]]
    else:
        focal_code = [i for i, actor in enumerate(book._actors) if actor == focal.id]
    customers = len(arrays.customers)
    ids, frame_ids = arrays.customer_column()
    # The result's own columns: writing into one never reaches the ecosystem's arrays.
    columns: dict[str, Any] = {
        "customer": ids.copy(),
        "organisation": np.full(customers, focal.id, dtype=object),
        "count": arrays.count_int.copy(),
        "timing": np.full(customers, timing, dtype=object),
        "retention": arrays.retention.copy(),
    }
    columns.update(
        _firm_value_sums(
            arrays,
            book,
            focal=focal_code,
            rate=focal.discount_rate,
            acquisition_cost=focal.acquisition_cost,
            timing=timing,
            horizon=horizon,
            growth=growth,
        )
    )
    pandas = require("pandas", "pandas", "cocreation.bulk.firm_value")
    rows = pandas.RangeIndex(customers)
    frame_ids = {
        "customer": frame_ids,
        "organisation": pandas.Series(focal.id, index=rows, dtype=frame_ids.dtype).array,
        "timing": pandas.Series(timing, index=rows, dtype=frame_ids.dtype).array,
    }
    return FirmValueColumns(columns, organisation=focal.id, frame_columns=frame_ids)


def _firm_value_sums(
    arrays: EcosystemArrays,
    book: ColumnLedger,
    *,
    focal: list[int] | Bools,
    rate: float | Floats,
    acquisition_cost: float | Floats,
    timing: Timing,
    horizon: int | None,
    growth: float,
) -> dict[str, Floats]:
    """The lines of [`firm_value`][cocreation.bulk.firm_value], one value per customer of ``arrays``.

    ``focal`` is the focal organisation's code in the ledger's actors (a list of
    one code, or none), or a mask over the actors where several copies of an
    ecosystem sit side by side ([`EcosystemArrays.replicated`][cocreation.tables.EcosystemArrays.replicated]);
    ``rate`` and ``acquisition_cost`` are the focal organisation's, one number or
    one per customer (each copy's own).
    """
    import numpy as np

    customers = len(arrays.customers)
    levels = len(LEVELS)
    one = isinstance(focal, list)
    anyone = bool(len(focal)) if isinstance(focal, list) else bool(focal.any())
    own = _own_codes(book, arrays)
    spare = customers * levels
    # What the organisation gains (positive lines) and spends (negative lines), by
    # customer and level; one-off flows discounted to period 0.
    flat: list[Floats] = [np.zeros(spare + 1) for _ in range(4)]
    gains, costs, once_gains, once_costs = flat
    for block in book._blocks():
        if block.actor is None or not anyone:
            continue  # a customer's own entries: never the organisation's
        mine = np.flatnonzero(block.actor == focal[0] if one else focal[block.actor])
        if not len(mine):
            continue
        every = len(mine) == len(block.actor)
        rows = (mine if block.rows is None else block.rows[mine]) if not every else block.rows
        customer = block.keys.customer if rows is None else block.keys.customer[rows]
        who = customer if own is None else own[customer]
        level = block.keys.level if rows is None else block.keys.level[rows]
        group = who.astype(np.intp) * levels + level
        if own is not None:
            group[who < 0] = spare
        chosen = {LINES[n]: v if every else v[mine] for n, v in block.lines.items()}
        gained = _signed(chosen, [(n, 1) for n in chosen if n not in OUTGOING], len(mine))
        spent = _signed(chosen, [(n, 1) for n in chosen if n in OUTGOING], len(mine))
        recurring = block.keys.recurring if rows is None else block.keys.recurring[rows]
        once = np.flatnonzero(~recurring)
        if len(once):
            period = block.keys.period[once if rows is None else rows[once]]
            if isinstance(rate, np.ndarray):
                divisor = discount_divisor(rate[np.maximum(who[once], 0)], period.astype(float))
            else:  # one rate: a divisor per period, looked up
                divisor = discount_divisor(rate, np.arange(int(period.max()) + 1.0))[period]
            at = group[once]
            once_gains += np.bincount(at, weights=gained[once] / divisor, minlength=spare + 1)
            once_costs += np.bincount(at, weights=spent[once] / divisor, minlength=spare + 1)
            group[once] = spare
        gains += np.bincount(group, weights=gained, minlength=spare + 1)
        costs += np.bincount(group, weights=spent, minlength=spare + 1)
    grids: list[Floats] = [totals[:spare].reshape(customers, levels) for totals in flat]
    gains, costs, once_gains, once_costs = grids
    recurring_periods = [period for period, recurring in book.stamps if recurring]
    span = float(max(recurring_periods) + 1) if recurring_periods else 1.0
    # A retention not modelled (NaN here): the periods modelled, no lifetime beyond.
    retention = arrays.retention
    unmodelled = np.isnan(retention)
    factors = _lifetime(
        np.where(unmodelled, 0.0, retention) if unmodelled.any() else retention,
        rate,
        timing=timing,
        horizon=horizon,
        growth=growth,
        names=arrays.customers,
    )
    if unmodelled.any():
        factors = np.where(unmodelled, over_periods(np.asarray(rate, dtype=float), span), factors)
    columns: dict[str, Floats] = {}
    for spec in FIRM_LINES:
        if spec.level is None:  # the lifetime value of purchases and use: the margin
            flows, once = gains[:, 0] - costs[:, 0], once_gains[:, 0] - once_costs[:, 0]
        else:
            code = LEVELS.index(spec.level)
            flows, once = (gains, once_gains) if spec.sign > 0 else (costs, once_costs)
            flows, once = flows[:, code], once[:, code]
        columns[spec.name] = capitalised(flows, factors, span, once)
    referred = arrays.referrer >= 0
    if isinstance(acquisition_cost, np.ndarray):
        acquisition_cost = acquisition_cost[referred]
    brought = referral_brought(
        arrays.count[referred],
        acquisition_cost,
        arrays.incrementality[referred],
        columns["lifetime_value"][referred],
        rate[referred] if isinstance(rate, np.ndarray) else rate,
        arrays.referred_in[referred],
    )
    columns["referral_value"] = columns["referral_value"] + np.bincount(
        arrays.referrer[referred], weights=brought, minlength=customers
    )
    for spec in FIRM_LINES:  # with their signs: the lines sum to the total
        columns[spec.name] = spec.sign * columns[spec.name] + 0.0
    columns["total"] = _signed(columns, [(spec.name, 1) for spec in FIRM_LINES], customers)
    return columns


def net_value_flows(
    ecosystem: Ecosystem,
    *,
    ledger: ColumnLedger | Ledger,
    periods: int | None = None,
    discount_rate: float = 0.0,
) -> NetValueFlowColumns:
    """Every actor's net value flow per period, over columns: [`cocreation.net_value_flows`][cocreation.net_value_flows] in bulk.

    One row per actor (in the ecosystem's order) and period, with ``discounted_net``,
    the net discounted to period 0 at ``discount_rate``. The periods modelled follow
    the interactions accounted (every period up to the last one), never the amounts.

    Raises:
        ValidationError: ``periods`` below 1, or a discount rate that is negative, NaN
            or infinite.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import bulk
        >>> from cocreation.tables import interactions_to_tables
        >>> eco = cc.example_ecosystem()
        >>> flows = bulk.net_value_flows(eco, ledger=bulk.account(eco, **interactions_to_tables(eco)))
        >>> abs(float((flows["money_received"] + flows["money_paid"]).sum())) < 1e-6  # paid is negative
        True
    """
    require_numpy_and_pandas("cocreation.bulk.net_value_flows")

    _check_periods(periods, discount_rate)
    book = _columns_of(ledger)
    arrays = ecosystem_arrays(ecosystem)
    count = periods if periods is not None else max(book.periods, default=0) + 1
    columns = _net_value_flow_sums(arrays, book, periods=count, discount_rate=discount_rate)
    return NetValueFlowColumns(columns, discount_rate=float(discount_rate))


def _net_value_flow_sums(
    arrays: EcosystemArrays,
    book: ColumnLedger,
    *,
    periods: int,
    discount_rate: float,
    labels: bool = True,
) -> dict[str, Any]:
    """The columns of [`net_value_flows`][cocreation.bulk.net_value_flows] for ``periods`` periods.

    One row per actor of ``arrays`` and period, actor by actor; without ``labels``
    the id columns (``actor``, ``kind``) are left out.
    """
    import numpy as np

    actors = len(arrays.actors)
    count = periods
    to_actor = _recode(
        book._actors, arrays.actor_index, arrays.actors, np.arange(actors, dtype=np.int64)
    )
    own = (
        _recode(book._customers, arrays.customer_index, arrays.customers, arrays.customer_actor)
        if len(arrays.customers)
        else np.zeros(len(book._customers), dtype=np.int64) - 1
    )
    size = actors * count
    # Each line's entries from every block, summed by one bincount: many actors times
    # many periods make the groups many, and a pass over them per block costs more
    # than the entries themselves.
    pieces: dict[str, tuple[list[Ints], list[Floats]]] = {line: ([], []) for line in LINES}
    for block in book._blocks():
        actor = own[block.key("customer")] if block.actor is None else to_actor[block.actor]
        period = block.key("period")
        group = actor.astype(np.int64) * count + period
        group[(actor < 0) | (period >= count)] = size
        for number, values in block.lines.items():
            if values.any():  # a line that is zero throughout adds nothing
                where, weights = pieces[LINES[number]]
                where.append(group)
                weights.append(values)
    sums = {
        line: np.bincount(
            np.concatenate(where) if where else np.zeros(0, dtype=np.int64),
            weights=np.concatenate(weights) if weights else None,
            minlength=size + 1,
        ).astype(np.float64, copy=False)
        for line, (where, weights) in pieces.items()
    }
    period = np.tile(np.arange(count, dtype=np.int64), actors)
    actor_of = np.repeat(np.arange(actors, dtype=np.int64), count)
    fixed_cost = arrays.fixed_cost[actor_of]
    invested = np.where(period == 0, arrays.investment[actor_of], 0.0)
    columns: dict[str, Any] = {}
    if labels:
        columns["actor"] = (
            np.array(arrays.actors, dtype=object)[actor_of]
            if actors
            else np.array([], dtype=object)
        )
        columns["kind"] = (
            np.array(arrays.kinds, dtype=object)[actor_of] if actors else np.array([], dtype=object)
        )
    columns["period"] = period
    for line in LEDGER_LINES:  # with their signs: the lines sum to the net
        columns[line.name] = line.sign * sums[line.name][:size] + 0.0
    columns.update(fixed_cost=-fixed_cost + 0.0, investment=-invested + 0.0)
    names = [*LINES, "fixed_cost", "investment"]
    net = _signed(columns, [(name, 1) for name in names], actors * count)
    columns["net"] = net
    rate = float(discount_rate)
    # Undiscounted, each net is itself: dividing by 1.0 ** period changes no bit.
    columns["discounted_net"] = (
        net.copy() if rate == 0.0 else discounted(net, rate, period.astype(np.float64))
    )
    return columns
