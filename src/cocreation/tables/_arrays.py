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

__all__ = ["EcosystemArrays", "ecosystem_arrays"]


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
        provider_share = [1.0]
        for number, offering in enumerate(offerings, start=1):
            remaining = 1.0
            for slot, share in enumerate(offering.partners):
                self.share_partner[number, slot] = self.actor_index[share.partner]
                self.share[number, slot] = share.share
                remaining -= share.share
            provider_share.append(remaining)
        self.provider_share = np.array(provider_share, dtype=np.float64)
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
