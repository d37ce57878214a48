"""An ecosystem as arrays: the lookup tables every columnar computation resolves ids with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cocreation._optional import require
from cocreation.ecosystem import POINT_OF_KIND, Ecosystem, kind_of
from cocreation.model import Customer, NetworkPartner, Organisation, ReferencePoint
from cocreation.tables._read import _FEATURE

if TYPE_CHECKING:
    import numpy.typing as npt

    Ints = npt.NDArray[Any]
    Floats = npt.NDArray[Any]

__all__ = ["EcosystemArrays", "ecosystem_arrays", "provider_shares"]


class EcosystemArrays:
    """An ecosystem's entities as lookup tables and NumPy arrays, for the bulk path.

    Ids become integer codes: actors in the ecosystem's order, customers in theirs,
    offerings from 1 (0 is no offering), jobs, outcomes and modules. Per-entity
    figures (counts, values of time, retention, prices, costs, revenue shares, job
    values, outcome importances) are arrays indexed by those codes. Build it with
    [`ecosystem_arrays`][cocreation.tables.ecosystem_arrays], which keeps one per
    ecosystem.

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.Ecosystem().add_organisation("bank").add_customer("ann", count=3)
        >>> arrays = ecosystem_arrays(eco)
        >>> arrays.customers, arrays.count.tolist(), arrays.actor_index["bank"]
        (('ann',), [3.0], 0)
    """

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
        self.fixed_cost = np.array(
            [0.0 if isinstance(actor, Customer) else actor.fixed_cost for actor in actors],
            dtype=np.float64,
        )
        self.investment = np.array(
            [0.0 if isinstance(actor, Customer) else actor.investment for actor in actors],
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
        points = [*(POINT_OF_KIND[type(actor)] for actor in actors)] + [ReferencePoint.TOPIC] * len(
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
        for number, offering in enumerate(offerings, start=1):
            for slot, share in enumerate(offering.partners):
                self.share_partner[number, slot] = self.actor_index[share.partner]
                self.share[number, slot] = share.share
        self.provider_share = provider_shares(self.share)
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
        self._customer_column: tuple[Any, Any] | None = None

    def customer_column(self) -> tuple[Any, Any]:
        """The customer ids as a read-only NumPy object array, and as the pandas array a frame holds.

        Made on first use and kept with the arrays, so that the views of one
        ecosystem and their DataFrames do not convert every id again.

        Examples:
            >>> import cocreation as cc
            >>> arrays = ecosystem_arrays(cc.Ecosystem().add_customer("ann"))
            >>> ids, frame_ids = arrays.customer_column()
            >>> ids.tolist(), list(frame_ids)
            (['ann'], ['ann'])
        """
        if self._customer_column is None:
            import numpy as np

            pandas = require("pandas", "pandas", _FEATURE)
            ids = np.array(self.customers, dtype=object)
            ids.setflags(write=False)
            self._customer_column = (ids, pandas.Series(ids, copy=True).array)
        return self._customer_column

    def replicated(self, copies: int) -> EcosystemArrays:
        """``copies`` disjoint copies of the ecosystem, side by side, as one set of arrays.

        Copy ``s`` of the actor with code ``a`` has code ``s * A + a`` (``A`` actors),
        and likewise for customers and jobs; offerings keep 0 for "no offering", and
        copy ``s`` of offering ``o >= 1`` has code ``1 + s * O + (o - 1)``. Every
        per-entity array is repeated, every code shifted into its copy, so the copies
        never meet: accounting interactions of copy ``s`` (see
        [`Resolved.replicated`][cocreation.tables.Resolved.replicated]) moves only
        copy ``s``'s figures. Changing a copy's numbers (a price, a retention) gives
        many variants of one ecosystem in one pass of the bulk path.

        The id tuples (``actors``, ``customers``, ``offerings``, ``kinds``) repeat the
        names; the id indexes (``actor_index``, ...) and the vocabularies that only
        reading tables needs (outcomes, modules, endpoints' names) are those of the
        first copy: resolve tables against the ecosystem, then replicate the result.

        Args:
            copies: How many copies (>= 1).

        Returns:
            The arrays of the copies.

        Examples:
            >>> import cocreation as cc
            >>> eco = cc.Ecosystem().add_organisation("bank").add_customer("ann", count=3)
            >>> twice = ecosystem_arrays(eco).replicated(2)
            >>> twice.actors, twice.customer_actor.tolist(), twice.count.tolist()
            (('bank', 'ann', 'bank', 'ann'), [1, 3], [3.0, 3.0])
        """
        import numpy as np

        copy = EcosystemArrays.__new__(EcosystemArrays)
        actors, customers = len(self.actors), len(self.customers)

        def tiled(values: Any) -> Any:
            return np.tile(values, (copies,) + (1,) * (values.ndim - 1))

        def shifted(codes: Ints, size: int) -> Ints:
            """Codes (-1 for none) moved into each copy's range."""
            moved: Ints = tiled(codes)
            rows = len(codes)
            step = np.repeat(np.arange(copies, dtype=np.int64) * size, rows)
            step = step.reshape((copies * rows,) + (1,) * (codes.ndim - 1))
            return np.where(moved >= 0, moved + step, moved)

        def behind_none(values: Any, codes: int | None = None) -> Any:
            """Offering arrays: the "no offering" row, then every copy's offerings."""
            rest = values[1:] if codes is None else shifted(values[1:], codes)
            return np.concatenate([values[:1], tiled(rest) if codes is None else rest])

        copy.actors = self.actors * copies
        copy.actor_index = self.actor_index
        copy.customers = self.customers * copies
        copy.customer_index = self.customer_index
        copy.customer_actor = shifted(self.customer_actor, actors)
        copy.actor_customer = shifted(self.actor_customer, customers)
        for name in ("count", "count_int", "value_of_time", "retention", "incrementality"):
            setattr(copy, name, tiled(getattr(self, name)))
        copy.referred_in = tiled(self.referred_in)
        copy.referrer = shifted(self.referrer, customers)
        copy.kinds = self.kinds * copies
        copy.organisations = self.organisations * copies
        for name in ("partner_cost", "fixed_cost", "investment", "is_partner"):
            setattr(copy, name, tiled(getattr(self, name)))
        others = self.role_actor[1:]
        copy.role_actor = np.concatenate([self.role_actor[:1], shifted(others, actors)])
        copy.actor_role = np.full(actors * copies, -1, dtype=np.int64)
        copy.actor_role[copy.role_actor[1:]] = np.arange(1, len(copy.role_actor))
        copy.endpoint_index = self.endpoint_index
        copy.endpoint_point = np.concatenate(
            [tiled(self.endpoint_point[:actors]), self.endpoint_point[actors:]]
        )
        copy.endpoints = self.actors * copies + self.endpoints[actors:]
        copy.offerings = (None, *(self.offerings[1:] * copies))
        copy.offering_index = self.offering_index
        copy.price = behind_none(self.price)
        copy.unit_cost = behind_none(self.unit_cost)
        copy.provider = behind_none(self.provider, actors)
        copy.share_partner = behind_none(self.share_partner, actors)
        copy.share = behind_none(self.share)
        copy.provider_share = behind_none(self.provider_share)
        copy.module_vocab = self.module_vocab
        copy.module_price = self.module_price
        copy.module_pairs = self.module_pairs
        copy.module_prices = self.module_prices
        copy.module_costs = self.module_costs
        copy.job_index = self.job_index
        copy.job_value = tiled(self.job_value)
        copy.job_owner = shifted(self.job_owner, customers)
        copy.job_outcomes = tiled(self.job_outcomes)
        copy.outcome_vocab = self.outcome_vocab
        copy.importance_pairs = self.importance_pairs
        copy.importance = self.importance
        copy._arrow_keys = {}
        copy._customer_column = None
        return copy

    def index_for(self, table: str, column: str) -> Mapping[str, int] | None:
        """The id index a column's values are looked up in, or ``None`` for a column of no lookup.

        The one place that says which codes each id column resolves to: customers,
        endpoints (actors, then topics), offerings, jobs, actors, outcomes, modules.

        Examples:
            >>> import cocreation as cc
            >>> arrays = ecosystem_arrays(cc.Ecosystem().add_customer("ann"))
            >>> arrays.index_for("interactions", "customer")
            {'ann': 0}
            >>> arrays.index_for("interactions", "effort") is None
            True
        """
        indexes: dict[tuple[str, str], Mapping[str, int]] = {
            ("interactions", "customer"): self.customer_index,
            ("interactions", "counterpart"): self.endpoint_index,
            ("interactions", "offering"): self.offering_index,
            ("interactions", "job"): self.job_index,
            ("transfers", "source"): self.actor_index,
            ("transfers", "target"): self.actor_index,
            ("contributions", "actor"): self.actor_index,
            ("achievements", "outcome"): self.outcome_vocab,
            ("modules", "module"): self.module_vocab,
        }
        return indexes.get((table, column))

    def arrow_keys(self, index: Mapping[str, int], kind: Any) -> tuple[Any, Ints]:
        """One of the id indexes as a pyarrow array of ids of type ``kind`` and their codes.

        Built on first use for each index and string type, and kept with the arrays.

        Examples:
            >>> import cocreation as cc
            >>> import pyarrow as pa
            >>> arrays = ecosystem_arrays(cc.Ecosystem().add_customer("ann"))
            >>> keys, codes = arrays.arrow_keys(arrays.customer_index, pa.string())
            >>> keys.to_pylist(), codes.tolist()
            (['ann'], [0])
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


def provider_shares(share: Floats) -> Floats:
    """What the provider keeps of each offering's price: 1 minus its partners' revenue shares.

    Args:
        share: One row per offering code, one column per partner slot (0 where the
            offering has fewer partners), as in [`EcosystemArrays`][cocreation.tables.EcosystemArrays].

    Returns:
        The provider's share of each offering, the shares subtracted slot by slot.

    Examples:
        >>> import numpy as np
        >>> provider_shares(np.array([[0.0, 0.0], [0.2, 0.05]])).tolist()
        [1.0, 0.75]
    """
    import numpy as np

    remaining: Floats = np.ones(len(share), dtype=np.float64)
    for slot in range(share.shape[1]):
        remaining = remaining - share[:, slot]
    return remaining


def ecosystem_arrays(ecosystem: Ecosystem) -> EcosystemArrays:
    """The ecosystem's [`EcosystemArrays`][cocreation.tables.EcosystemArrays], built once per ecosystem.

    They are kept with the ecosystem itself ([`Ecosystem.derived`][cocreation.Ecosystem.derived])
    and live as long as it does.

    Raises:
        MissingExtraError: pandas (and with it NumPy) is not installed.

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.Ecosystem().add_customer("ann")
        >>> ecosystem_arrays(eco) is ecosystem_arrays(eco)
        True
    """
    require("numpy", "pandas", "ecosystem_arrays")
    return ecosystem.derived("tables.arrays", EcosystemArrays)
