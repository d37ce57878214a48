"""Many variants of one ecosystem, accounted in one pass of the bulk path.

A what-if question changes a few numbers of an ecosystem (a price, a retention, the
occurrences of an interaction) thousands of times. Rebuilding and accounting an
ecosystem per variant costs a Python loop over every entity each time. Instead, the
variants sit side by side as disjoint copies of the ecosystem's arrays and of its
resolved interactions ([`EcosystemArrays.replicated`][cocreation.tables.EcosystemArrays.replicated],
[`Resolved.replicated`][cocreation.tables.Resolved.replicated]); each copy gets its
own numbers, and the bulk path accounts all of them at once with the formulas every
view uses. Only a number that changes the shape of the accounts (an interaction's
``period``, which decides the periods modelled) needs an ecosystem built per variant.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from cocreation._optional import require_numpy_and_pandas
from cocreation.accounting._bulk_account import _ledger_of
from cocreation.accounting._bulk_views import (
    _firm_value_sums,
    _net_benefit_sums,
    _net_value_flow_sums,
)
from cocreation.accounting._clv import Timing, lifetime_factor
from cocreation.accounting._firm import focal_organisation
from cocreation.accounting._network import _check_periods
from cocreation.accounting._winwin import TOLERANCE
from cocreation.ecosystem import Ecosystem, Parameter, check_values
from cocreation.errors import ValidationError
from cocreation.model import Organisation
from cocreation.tables import (
    ecosystem_arrays,
    interactions_to_tables,
    provider_shares,
    resolve_tables,
)

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]

__all__ = ["MEASURES", "ROWS_PER_PASS", "STRUCTURAL", "Variants", "check_measures", "variants"]

MEASURES: Final = ("net_value_flow", "net_benefit", "firm_value", "total_value_created", "win_win")
"""What [`variants`][cocreation.bulk.variants] measures, in this order.

- ``net_value_flow``: each actor's net value flow over the periods, discounted
  ([`NetValueFlows.nets`][cocreation.NetValueFlows.nets]);
- ``net_benefit``: each customer's net benefit ([`NetBenefit.net`][cocreation.NetBenefit]);
- ``firm_value``: what each customer brings the focal organisation
  ([`FirmValue.total`][cocreation.FirmValue]; needs a ``timing``);
- ``total_value_created``: the sum of every actor's net value flow;
- ``win_win``: whether every actor's net value flow is at least zero
  ([`WinWin.sustainable`][cocreation.WinWin]).

Examples:
    >>> MEASURES[:2]
    ('net_value_flow', 'net_benefit')
"""

STRUCTURAL: Final = frozenset({("interaction", "period")})
"""Numbers that change the shape of the accounts, as ``(kind, field)``: each variant
with one of them is an ecosystem built and accounted of its own.

An interaction's ``period`` decides which periods the net value flows model and
over how many periods firm value spreads recurring flows.

Examples:
    >>> ("interaction", "period") in STRUCTURAL
    True
"""

ROWS_PER_PASS: Final = 1 << 20
"""How many interaction rows (all copies together) one pass of the bulk path takes.

Variants beyond it are accounted in further passes; the results do not depend on
it, only the memory a pass needs does (some 250 MiB at this size: a pass of fewer
rows costs more time per variant).

Examples:
    >>> ROWS_PER_PASS
    1048576
"""

_PER_ACTOR: Final = ("net_value_flow", "total_value_created", "win_win")


class Variants:
    """The measures of many variants of one ecosystem: what [`variants`][cocreation.bulk.variants] returns.

    Attributes:
        actors: The actors' ids, in the ecosystem's order (the columns of
            ``net_value_flow``).
        kinds: The actors' kind strings.
        customers: The customers' ids, in order (the columns of ``net_benefit`` and
            ``firm_value``).
        values: The numbers each variant was given, one array per address.
        net_value_flow: One row per variant, one column per actor, or ``None`` if
            not measured; likewise ``net_benefit`` and ``firm_value`` (per
            customer), ``total_value_created`` and ``win_win`` (one value per
            variant).

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import bulk
        >>> eco = cc.example_ecosystem()
        >>> result = bulk.variants(eco, {"business-internet.price": [1000.0, 1200.0]})
        >>> len(result), result.net_value_flow.shape
        (2, (2, 7))
        >>> float(result.total_value_created[1] - result.total_value_created[0])  # a transfer
        0.0
    """

    def __init__(
        self,
        ecosystem: Ecosystem,
        values: Mapping[str, Floats],
        measured: Mapping[str, Floats],
    ) -> None:
        arrays = ecosystem_arrays(ecosystem)
        self.actors: tuple[str, ...] = arrays.actors
        self.kinds: tuple[str, ...] = arrays.kinds
        self.customers: tuple[str, ...] = arrays.customers
        self.values: dict[str, Floats] = dict(values)
        self.net_value_flow: Floats | None = measured.get("net_value_flow")
        self.net_benefit: Floats | None = measured.get("net_benefit")
        self.firm_value: Floats | None = measured.get("firm_value")
        self.total_value_created: Floats | None = measured.get("total_value_created")
        self.win_win: Floats | None = measured.get("win_win")
        self._size = len(next(iter(measured.values())))
        for array in measured.values():
            array.flags.writeable = False

    def __len__(self) -> int:
        return self._size

    def __repr__(self) -> str:
        measured = [name for name in MEASURES if getattr(self, name) is not None]
        return f"Variants(variants={len(self)}, actors={len(self.actors)}, measures={measured})"

    def measure(self, name: str) -> Floats:
        """One measure's array, by name.

        Raises:
            ValidationError: Not a measure, or not measured.

        Examples:
            >>> import cocreation as cc
            >>> from cocreation import bulk
            >>> result = bulk.variants(cc.example_ecosystem(), {}, measures=["win_win"])
            >>> result.measure("win_win").tolist()
            [True]
        """
        found: Floats | None = getattr(self, name, None) if name in MEASURES else None
        if found is None:
            measured = [m for m in MEASURES if getattr(self, m) is not None]
            raise ValidationError("measure", name, f"one of the measures taken: {measured}")
        return found


class _Base:
    """What every pass over an ecosystem starts from.

    Its arrays, its interactions resolved, and where each number of an interaction
    sits in them.
    """

    def __init__(self, ecosystem: Ecosystem) -> None:
        self.arrays = ecosystem_arrays(ecosystem)
        self.resolved = resolve_tables(ecosystem, **interactions_to_tables(ecosystem))
        self.row: dict[str, int] = {}
        self.long: dict[tuple[str, str, str | int | None], list[int]] = {}
        by_job_outcome: dict[tuple[str, str], list[int]] = {}
        by_module: dict[tuple[str, str], list[int]] = {}
        counters = {"transfers": 0, "achievement": 0, "contributions": 0, "modules": 0}
        for row, interaction in enumerate(ecosystem.interactions):
            self.row[interaction.id] = row
            for position, _ in enumerate(interaction.transfers):
                self._put(interaction.id, "transfers", position, counters)
            for achieved in interaction.achievement:
                at = self._put(interaction.id, "achievement", achieved.outcome, counters)
                if interaction.job is not None:
                    by_job_outcome.setdefault((interaction.job, achieved.outcome), []).append(at)
            for position, _ in enumerate(interaction.contributions):
                self._put(interaction.id, "contributions", position, counters)
            for module in interaction.modules:
                at = self._put(interaction.id, "modules", module, counters)
                if interaction.offering is not None:
                    by_module.setdefault((interaction.offering, module), []).append(at)
        self.importance_rows = by_job_outcome
        self.module_rows = by_module
        self.share_slots = {
            offering.id: [share.partner for share in offering.partners]
            for offering in ecosystem.offerings
        }
        resolved = self.resolved
        sizes = (
            len(resolved.transfer_row),
            len(resolved.achievement_row),
            len(resolved.contribution_row),
            len(resolved.module_row),
        )
        # The long tables resolve in the order the interactions list their parts.
        assert sizes == tuple(counters.values()), (sizes, counters)

    def _put(self, interaction: str, part: str, key: str | int, counters: dict[str, int]) -> int:
        at = counters[part]
        counters[part] = at + 1
        self.long[interaction, part, key] = [at]
        return at


def _base_of(ecosystem: Ecosystem) -> _Base:
    return ecosystem.derived("accounting.variants", _Base)


# A setter puts each copy's value of one number into the replicated inputs.
Setter = Callable[["_Pass", "Floats"], None]


class _Pass:
    """One pass: ``copies`` copies of the ecosystem's inputs, their numbers being set."""

    def __init__(self, base: _Base, copies: int, focal: Organisation | None) -> None:
        import numpy as np

        self.base = base
        self.copies = copies
        self.arrays = base.arrays.replicated(copies)
        self.resolved = base.resolved.replicated(copies, base.arrays)
        customers = len(base.arrays.customers)
        self.rate: Any = 0.0 if focal is None else focal.discount_rate
        self.acquisition_cost: Any = 0.0 if focal is None else focal.acquisition_cost
        self.shares_changed = False
        self.step = np.arange(copies, dtype=np.int64)
        self.customers = customers

    def entity(self, name: str, code: int, size: int, values: Floats, first: int = 0) -> None:
        """Set copy ``s`` of entity ``code`` of an array of ``size`` entities per copy."""
        target = getattr(self.arrays, name)
        target[first + self.step * size + code] = values

    def rows(self, name: str, positions: Sequence[int], size: int, values: Floats) -> None:
        """Set copy ``s`` of rows ``positions`` of a resolved column of ``size`` rows per copy."""
        import numpy as np

        target = getattr(self.resolved, name)
        at = np.asarray(positions, dtype=np.int64)[None, :] + (self.step * size)[:, None]
        target[at] = values[:, None]

    def focal(self, name: str, values: Floats) -> None:
        """The focal organisation's rate or acquisition cost, per copy, for each customer."""
        import numpy as np

        setattr(self, name, np.repeat(values.astype(np.float64), self.customers))


def _setter(base: _Base, found: Parameter, focal: Organisation | None) -> Setter | None:
    """How a number reaches a pass, or ``None`` for one the accounting never reads."""
    arrays = base.arrays
    resolved = base.resolved
    field = found.path[0][0]
    kind = found.kind
    actors, customers = len(arrays.actors), len(arrays.customers)
    offerings = len(arrays.offerings) - 1
    if len(found.path) == 1:
        if kind == "customer":
            code = arrays.customer_index[found.entity]
            names = {
                "count": ("count", "count_int"),
                "value_of_time": ("value_of_time",),
                "retention": ("retention",),
                "incrementality": ("incrementality",),
                "referred_in": ("referred_in",),
            }.get(field, ())
            if not names:
                return None

            def customer(run: _Pass, values: Floats) -> None:
                for name in names:
                    run.entity(name, code, customers, values)

            return customer
        if kind in ("organisation", "partner"):
            code = arrays.actor_index[found.entity]
            name = {
                "fixed_cost": "fixed_cost",
                "investment": "investment",
                "variable_cost": "partner_cost",
            }.get(field)
            if name is not None:
                return lambda run, v: run.entity(name, code, actors, v)
            if kind == "organisation" and focal is not None and focal.id == found.entity:
                attribute = {"discount_rate": "rate", "acquisition_cost": "acquisition_cost"}
                if field in attribute:
                    return lambda run, v: run.focal(attribute[field], v)
            return None
        if kind == "offering" and field in ("price", "unit_cost"):
            code = arrays.offering_index[found.entity] - 1
            return lambda run, v: run.entity(field, code, offerings, v, first=1)
        if kind == "job" and field == "value":
            code = arrays.job_index[found.entity]
            return lambda run, v: run.entity("job_value", code, len(arrays.job_value), v)
        if kind == "interaction" and field != "period" and hasattr(resolved, field):
            row = base.row[found.entity]
            return lambda run, v: run.rows(field, [row], resolved.n, v)
        return None
    key = found.path[0][1]
    leaf = found.path[-1][0]
    if kind == "offering" and field == "partners":
        code = arrays.offering_index[found.entity]
        slot = base.share_slots[found.entity].index(str(key))

        def share(run: _Pass, values: Floats) -> None:
            run.arrays.share[1 + run.step * offerings + (code - 1), slot] = values
            run.shares_changed = True

        return share
    if kind == "offering" and field == "modules":
        positions = base.module_rows.get((found.entity, str(key)), [])
        size = len(resolved.module_row)
        return lambda run, v: run.rows(f"module_{leaf}", positions, size, v)
    if kind == "job" and field == "outcomes" and leaf == "importance":
        positions = base.importance_rows.get((found.entity, str(key)), [])
        size = len(resolved.achievement_row)
        return lambda run, v: run.rows("achievement_importance", positions, size, v)
    if kind == "interaction" and field in ("transfers", "achievement", "contributions"):
        if field == "achievement" and leaf != "level":
            return None
        column = {
            "transfers": "transfer_amount",
            "achievement": "achievement_level",
            "contributions": "contribution_amount",
        }[field]
        positions = base.long[found.entity, field, key]
        size = len(getattr(resolved, column))
        return lambda run, v: run.rows(column, positions, size, v)
    return None


def check_measures(
    ecosystem: Ecosystem,
    measures: Sequence[str] | None = None,
    *,
    timing: Timing | None = None,
    organisation: str | None = None,
    horizon: int | None = None,
    growth: float = 0.0,
    periods: int | None = None,
    discount_rate: float = 0.0,
) -> tuple[str, ...]:
    """The measures [`variants`][cocreation.bulk.variants] takes with these options, every option checked.

    What-if analyses call it before they account anything, so that a bad option
    fails at once. By default every measure is taken, firm value only with a timing.

    Returns:
        The measures, in the order of [`MEASURES`][cocreation.accounting.MEASURES].

    Raises:
        ValidationError: An unknown measure, firm value without a timing, no focal
            organisation to choose, or a bad timing, horizon, growth, number of
            periods or discount rate.
        UnknownIdError: ``organisation`` is not an organisation of the ecosystem.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.accounting import check_measures
        >>> check_measures(cc.example_ecosystem())
        ('net_value_flow', 'net_benefit', 'total_value_created', 'win_win')
        >>> check_measures(cc.example_ecosystem(), ["firm_value"])
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: timing: expected 'retained', 'start' or 'end' to measure firm_value, got None
    """
    if measures is None:
        taken = tuple(m for m in MEASURES if m != "firm_value" or timing is not None)
    else:
        if isinstance(measures, str) or not all(isinstance(m, str) for m in measures):
            raise ValidationError("measures", measures, f"a list of measures from {list(MEASURES)}")
        for name in measures:
            if name not in MEASURES:
                raise ValidationError("measures", name, f"one of {list(MEASURES)}")
        taken = tuple(m for m in MEASURES if m in measures)
    _check_periods(periods, discount_rate)
    if "firm_value" in taken:
        if timing is None:
            raise ValidationError(
                "timing", None, "'retained', 'start' or 'end' to measure firm_value"
            )
        focal = focal_organisation(ecosystem, organisation)
        lifetime_factor(0.0, focal.discount_rate, timing=timing, horizon=horizon, growth=growth)
    return taken


def _account(
    base: _Base,
    setters: Sequence[Setter | None],
    values: Sequence[Floats],
    *,
    measures: tuple[str, ...],
    focal: Organisation | None,
    timing: Timing | None,
    horizon: int | None,
    growth: float,
    periods: int | None,
    discount_rate: float,
) -> dict[str, Floats]:
    """One pass: every copy's numbers set, the copies accounted together, each measure per copy."""
    import numpy as np

    copies = len(values[0]) if values else 1
    run = _Pass(base, copies, focal)
    for setter, given in zip(setters, values, strict=True):
        if setter is not None:
            setter(run, given.astype(np.float64))
    if run.shares_changed:
        run.arrays.provider_share = provider_shares(run.arrays.share)
    arrays = run.arrays
    ledger = _ledger_of(arrays, run.resolved)
    actors, customers = len(base.arrays.actors), len(base.arrays.customers)
    out: dict[str, Floats] = {}
    if any(name in measures for name in _PER_ACTOR):
        count = periods if periods is not None else max(ledger.periods, default=0) + 1
        columns = _net_value_flow_sums(
            arrays, ledger, periods=count, discount_rate=discount_rate, labels=False
        )
        nets = columns["discounted_net"].reshape(copies, actors, count).sum(axis=2)
        if "net_value_flow" in measures:
            out["net_value_flow"] = nets
        if "total_value_created" in measures:
            out["total_value_created"] = nets.sum(axis=1)
        if "win_win" in measures:
            tolerance = TOLERANCE * np.maximum(1.0, np.abs(nets).max(axis=1, initial=0.0))
            out["win_win"] = (nets >= -tolerance[:, None]).all(axis=1)
    if "net_benefit" in measures:
        columns = _net_benefit_sums(arrays, ledger, labels=False)
        out["net_benefit"] = columns["net"].reshape(copies, customers)
    if "firm_value" in measures and focal is not None and timing is not None:
        mask = np.zeros(actors * copies, dtype=np.bool_)
        mask[base.arrays.actor_index[focal.id] + run.step * actors] = True
        lines = _firm_value_sums(
            arrays,
            ledger,
            focal=mask,
            rate=run.rate,
            acquisition_cost=run.acquisition_cost,
            timing=timing,
            horizon=horizon,
            growth=growth,
        )
        out["firm_value"] = lines["total"].reshape(copies, customers)
    return out


def variants(
    ecosystem: Ecosystem,
    values: Mapping[str, Any],
    *,
    measures: Sequence[str] | None = None,
    timing: Timing | None = None,
    organisation: str | None = None,
    horizon: int | None = None,
    growth: float = 0.0,
    periods: int | None = None,
    discount_rate: float = 0.0,
) -> Variants:
    """Account many variants of an ecosystem at once: each a set of numbers changed by address.

    Variant ``i`` is ``ecosystem.with_values({address: values[address][i], ...})``
    ([`Ecosystem.with_values`][cocreation.Ecosystem.with_values]); its measures equal
    those of the object path on that ecosystem ([`net_value_flows`][cocreation.net_value_flows],
    [`net_benefit`][cocreation.net_benefit], [`firm_value`][cocreation.firm_value],
    [`win_win`][cocreation.win_win]), up to floating-point rounding. Every value is
    checked first ([`check_values`][cocreation.ecosystem.check_values]), so a bad one
    fails before anything is accounted, naming its address and the value.

    No ecosystem is built per variant: the variants are disjoint copies of the
    ecosystem's arrays and interactions, each with its own numbers, accounted
    together by the bulk path, in passes of at most
    [`ROWS_PER_PASS`][cocreation.accounting.ROWS_PER_PASS] interaction rows. Numbers
    the accounting never reads (a DART score, an outcome's satisfaction, what an
    offering claims) change nothing. Only an interaction's ``period``
    ([`STRUCTURAL`][cocreation.accounting.STRUCTURAL]) changes the shape of the
    accounts: variants that change one are built and accounted one by one.

    Args:
        ecosystem: The ecosystem.
        values: For each address, one number per variant (a sequence or a 1-d
            array; all of one length). An empty mapping measures the ecosystem as
            it is, as one variant.
        measures: Which of [`MEASURES`][cocreation.accounting.MEASURES] to take
            (default: all of them, firm value only when ``timing`` is given).
        timing: The timing convention of firm value (see [`clv`][cocreation.clv]).
        organisation: The focal organisation of firm value (default: the only one).
        horizon: The horizon of firm value, or ``None`` for an infinite one.
        growth: The growth of firm value's flows per period.
        periods: The periods of the net value flows (default: up to the last one
            with an interaction).
        discount_rate: The rate at which net value flows of later periods are
            discounted to the first.

    Returns:
        The measures of every variant.

    Raises:
        UnknownIdError: An address names an id the ecosystem does not hold.
        ValidationError: A bad address, a value its field rejects, values of unequal
            lengths, an unknown measure, or firm value without a timing.
        DivergenceError: A variant's retention makes a lifetime value diverge.
        MissingExtraError: pandas (and with it NumPy) is not installed.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import bulk
        >>> eco = cc.example_ecosystem()
        >>> result = bulk.variants(
        ...     eco, {"small-businesses.retention": [0.7, 0.8]}, timing="retained"
        ... )
        >>> objects = cc.firm_value(eco, timing="retained")["small-businesses"].total
        >>> bulk_value = result.firm_value[1, result.customers.index("small-businesses")]
        >>> bool(abs(bulk_value - objects) < 1e-6)
        True
        >>> bulk.variants(eco, {"small-businesses.retention": [0.7, 1.2]})
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: small-businesses.retention: expected a finite number in [0, 1], got 1.2
    """
    require_numpy_and_pandas("cocreation.bulk.variants")
    import numpy as np

    if not isinstance(ecosystem, Ecosystem):
        raise ValidationError("ecosystem", ecosystem, "an Ecosystem")
    taken = check_measures(
        ecosystem,
        measures,
        timing=timing,
        organisation=organisation,
        horizon=horizon,
        growth=growth,
        periods=periods,
        discount_rate=discount_rate,
    )
    listed = check_values(ecosystem, values) if values else {}
    found = [ecosystem.parameter(address) for address in listed]
    checked = {
        one.address: np.asarray(listed[one.address], np.int64 if one.integer else np.float64)
        for one in found
    }
    focal = None
    if "firm_value" in taken:
        focal = focal_organisation(ecosystem, organisation)
    options: dict[str, Any] = {
        "measures": taken,
        "timing": timing,
        "horizon": horizon,
        "growth": growth,
        "periods": periods,
        "discount_rate": float(discount_rate),
    }
    size = len(next(iter(checked.values()))) if checked else 1
    if any((one.kind, one.path[0][0]) in STRUCTURAL for one in found):
        parts = []
        for number in range(size):
            one = ecosystem.with_values({a: v[number] for a, v in checked.items()})
            focal_here = None if focal is None else one.organisation(focal.id)
            parts.append(_account(_base_of(one), [], [], focal=focal_here, **options))
        measured = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}
        return Variants(ecosystem, checked, measured)
    base = _base_of(ecosystem)
    setters = [_setter(base, one, focal) for one in found]
    resolved = base.resolved
    rows = max(
        1,
        resolved.n
        + len(resolved.transfer_row)
        + len(resolved.achievement_row)
        + len(resolved.contribution_row)
        + len(resolved.module_row),
    )
    step = max(1, ROWS_PER_PASS // rows)
    columns = list(checked.values())
    parts = [
        _account(
            base,
            setters,
            [column[start : start + step] for column in columns],
            focal=focal,
            **options,
        )
        for start in range(0, size, step)
    ]
    measured = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}
    return Variants(ecosystem, checked, measured)
