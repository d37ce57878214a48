"""The ecosystem: every entity by id, with all references checked."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar, overload

import attrs
from attrs import field, frozen

from cocreation.errors import (
    DuplicateIdError,
    ReferencePointError,
    UnknownIdError,
    ValidationError,
)
from cocreation.model import (
    Actor,
    Customer,
    Entity,
    Interaction,
    JobToBeDone,
    NetworkPartner,
    Offering,
    Organisation,
    ReferencePoint,
    Topic,
)
from cocreation.model import _validators as v

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["KINDS", "Ecosystem", "kind_of"]

KINDS: Final[Mapping[type[Any], str]] = {
    Customer: "customer",
    Organisation: "organisation",
    NetworkPartner: "partner",
    Offering: "offering",
    JobToBeDone: "job",
    Topic: "topic",
    Interaction: "interaction",
}
"""The kind string of each entity class, as used in graphs and files.

Examples:
    >>> KINDS[NetworkPartner]
    'partner'
"""

_POINT_OF_KIND: Final[Mapping[type[Any], ReferencePoint]] = {
    Customer: ReferencePoint.OTHER_CUSTOMERS,
    Topic: ReferencePoint.TOPIC,
    NetworkPartner: ReferencePoint.NETWORK,
    Organisation: ReferencePoint.ORGANISATION,
}

_E = TypeVar("_E", bound=Entity)


def kind_of(entity: Entity) -> str:
    """The kind string of an entity: ``"customer"``, ``"organisation"``, ``"partner"``, ...

    Examples:
        >>> kind_of(NetworkPartner("cloud"))
        'partner'
    """
    return KINDS[type(entity)]


@frozen(repr=False)
class Ecosystem:
    """A service ecosystem: actors, offerings, jobs, topics and interactions, by id.

    An ecosystem is immutable and always valid: every id is unique, every reference
    resolves, and every interaction carries the reference point its endpoints imply.
    ``add`` and the ``add_*`` builders return a new ecosystem, so a notebook can
    chain them, and no object a caller already holds ever changes.

    Args:
        name: A readable name.
        actors: Customers, organisations and network partners, in any order.
        offerings: Value propositions of the organisations.
        jobs: The customers' jobs to be done.
        topics: Topics customers interact with.
        interactions: Events between customers and their reference points.

    Raises:
        DuplicateIdError: Two entities share an id.
        UnknownIdError: A reference names an id the ecosystem does not hold, or an
            entity of the wrong kind.
        ReferencePointError: An interaction states a reference point its endpoints
            contradict.
        ValidationError: Any other inconsistency, such as a referral cycle.

    Examples:
        >>> from cocreation.model import CoCreationLevel, Outcome
        >>> eco = (
        ...     Ecosystem(name="Co-selling")
        ...     .add_organisation("telco", name="Alpine Telecom")
        ...     .add_customer("acme", name="ACME AG", value_of_time=120.0)
        ...     .add_interaction(
        ...         "workshop", customer="acme", counterpart="telco", level=CoCreationLevel.REFERRAL
        ...     )
        ... )
        >>> eco
        Ecosystem(name='Co-selling', customers=1, organisations=1, partners=0, offerings=0, jobs=0, topics=0, interactions=1)
        >>> eco["workshop"].reference_point
        <ReferencePoint.ORGANISATION: 'organisation'>
        >>> eco.add_customer("acme")
        Traceback (most recent call last):
        ...
        cocreation.errors.DuplicateIdError: Ecosystem.actors[2].id: expected an id not used by another entity, got 'acme'
    """

    name: str = field(default="", validator=v.text)
    actors: tuple[Actor, ...] = field(
        default=(),
        converter=v.as_tuple,
        validator=v.tuple_of((Customer, Organisation, NetworkPartner)),
    )
    offerings: tuple[Offering, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Offering)
    )
    jobs: tuple[JobToBeDone, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(JobToBeDone)
    )
    topics: tuple[Topic, ...] = field(default=(), converter=v.as_tuple, validator=v.tuple_of(Topic))
    interactions: tuple[Interaction, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Interaction)
    )
    _index: dict[str, Entity] = field(init=False, eq=False, hash=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        index = self._index
        for collection in ("actors", "offerings", "jobs", "topics", "interactions"):
            members: tuple[Entity, ...] = getattr(self, collection)
            for position, entity in enumerate(members):
                if entity.id in index:
                    raise DuplicateIdError(
                        f"Ecosystem.{collection}[{position}].id",
                        entity.id,
                        "an id not used by another entity",
                    )
                index[entity.id] = entity
        self._check_actors()
        self._check_offerings()
        self._check_jobs()
        normalised = tuple(
            self._check_interaction(position, interaction)
            for position, interaction in enumerate(self.interactions)
        )
        if any(a is not b for a, b in zip(normalised, self.interactions, strict=True)):
            object.__setattr__(self, "interactions", normalised)
            for interaction in normalised:
                index[interaction.id] = interaction

    # ------------------------------------------------------------------ checks

    def _expect(self, where: str, entity_id: str, kinds: tuple[type[Any], ...], what: str) -> Any:
        entity = self._index.get(entity_id)
        if entity is None or not isinstance(entity, kinds):
            raise UnknownIdError(where, entity_id, what)
        return entity

    def _check_actors(self) -> None:
        for position, actor in enumerate(self.actors):
            where = f"Ecosystem.actors[{position}]"
            if isinstance(actor, Organisation):
                for number, partner in enumerate(actor.partners):
                    self._expect(
                        f"{where}.partners[{number}]",
                        partner,
                        (NetworkPartner,),
                        "the id of a network partner",
                    )
            elif isinstance(actor, Customer):
                if actor.referred_by is not None:
                    self._expect(
                        f"{where}.referred_by",
                        actor.referred_by,
                        (Customer,),
                        "the id of a customer",
                    )
                for number, relationship in enumerate(actor.relationships):
                    self._expect(
                        f"{where}.relationships[{number}].counterpart",
                        relationship.counterpart,
                        (Customer, Organisation, NetworkPartner, Topic),
                        "the id of an actor or topic",
                    )
        self._check_referral_cycles()

    def _check_referral_cycles(self) -> None:
        settled: set[str] = set()
        for actor in self.actors:
            if not isinstance(actor, Customer) or actor.id in settled:
                continue
            path: list[str] = []
            on_path: set[str] = set()
            current: str | None = actor.id
            while current is not None and current not in settled:
                if current in on_path:
                    raise ValidationError(
                        f"Customer.referred_by of {current!r}",
                        " -> ".join([*path[path.index(current) :], current]),
                        "referrals that form a tree, not a cycle",
                    )
                path.append(current)
                on_path.add(current)
                customer = self._index[current]
                assert isinstance(customer, Customer)
                current = customer.referred_by
            settled.update(path)

    def _check_offerings(self) -> None:
        outcome_ids = {outcome.id for job in self.jobs for outcome in job.outcomes}
        for position, offering in enumerate(self.offerings):
            where = f"Ecosystem.offerings[{position}]"
            self._expect(
                f"{where}.provider", offering.provider, (Organisation,), "the id of an organisation"
            )
            for number, share in enumerate(offering.partners):
                self._expect(
                    f"{where}.partners[{number}].partner",
                    share.partner,
                    (NetworkPartner,),
                    "the id of a network partner",
                )
            for number, claim in enumerate(offering.proposition):
                if claim.outcome not in outcome_ids:
                    raise UnknownIdError(
                        f"{where}.proposition[{number}].outcome",
                        claim.outcome,
                        "the id of an outcome of some job",
                    )

    def _check_jobs(self) -> None:
        for position, job in enumerate(self.jobs):
            self._expect(
                f"Ecosystem.jobs[{position}].owner", job.owner, (Customer,), "the id of a customer"
            )

    def _check_interaction(self, position: int, interaction: Interaction) -> Interaction:
        where = f"Ecosystem.interactions[{position}]"
        self._expect(f"{where}.customer", interaction.customer, (Customer,), "the id of a customer")
        if interaction.counterpart is None:
            derived = ReferencePoint.SELF
        else:
            counterpart = self._expect(
                f"{where}.counterpart",
                interaction.counterpart,
                (Customer, Organisation, NetworkPartner, Topic),
                "the id of an actor or topic",
            )
            derived = _POINT_OF_KIND[type(counterpart)]
        if interaction.offering is not None:
            offering: Offering = self._expect(
                f"{where}.offering", interaction.offering, (Offering,), "the id of an offering"
            )
            known_modules = {module.id for module in offering.modules}
            for number, module in enumerate(interaction.modules):
                if module not in known_modules:
                    raise UnknownIdError(
                        f"{where}.modules[{number}]",
                        module,
                        f"the id of a module of offering {offering.id!r}",
                    )
        if interaction.job is not None:
            job: JobToBeDone = self._expect(
                f"{where}.job", interaction.job, (JobToBeDone,), "the id of a job"
            )
            if job.owner != interaction.customer:
                raise ValidationError(
                    f"{where}.job",
                    interaction.job,
                    f"a job of the interaction's customer {interaction.customer!r}",
                )
            known = {outcome.id for outcome in job.outcomes}
            for number, achieved in enumerate(interaction.achievement):
                if achieved.outcome not in known:
                    raise UnknownIdError(
                        f"{where}.achievement[{number}].outcome",
                        achieved.outcome,
                        f"the id of an outcome of job {job.id!r}",
                    )
        actor_kinds = (Customer, Organisation, NetworkPartner)
        for number, contribution in enumerate(interaction.contributions):
            self._expect(
                f"{where}.contributions[{number}].actor",
                contribution.actor,
                actor_kinds,
                "the id of an actor",
            )
        for number, transfer in enumerate(interaction.transfers):
            self._expect(
                f"{where}.transfers[{number}].source",
                transfer.source,
                actor_kinds,
                "the id of an actor",
            )
            self._expect(
                f"{where}.transfers[{number}].target",
                transfer.target,
                actor_kinds,
                "the id of an actor",
            )
        if interaction.reference_point is None:
            return attrs.evolve(interaction, reference_point=derived)
        if interaction.reference_point is not derived:
            raise ReferencePointError(
                f"{where}.reference_point",
                interaction.reference_point,
                f"{derived.name} (from its endpoints)",
            )
        return interaction

    # ------------------------------------------------------------------ access

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{label}={count}"
            for label, count in (
                ("customers", len(self.customers)),
                ("organisations", len(self.organisations)),
                ("partners", len(self.partners)),
                ("offerings", len(self.offerings)),
                ("jobs", len(self.jobs)),
                ("topics", len(self.topics)),
                ("interactions", len(self.interactions)),
            )
        )
        return f"Ecosystem(name={self.name!r}, {counts})"

    def __getitem__(self, entity_id: str) -> Entity:
        try:
            return self._index[entity_id]
        except (KeyError, TypeError):
            raise UnknownIdError("Ecosystem", entity_id, "the id of an entity") from None

    def __contains__(self, entity_id: object) -> bool:
        return isinstance(entity_id, str) and entity_id in self._index

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[Entity]:
        """Every entity: actors, offerings, jobs, topics, then interactions."""
        yield from self.actors
        yield from self.offerings
        yield from self.jobs
        yield from self.topics
        yield from self.interactions

    @overload
    def get(self, entity_id: str) -> Entity | None: ...
    @overload
    def get(self, entity_id: str, default: _E) -> Entity | _E: ...
    def get(self, entity_id: str, default: Any = None) -> Any:
        """The entity with this id, or ``default``.

        Examples:
            >>> Ecosystem().add_customer("acme").get("nobody") is None
            True
        """
        if not isinstance(entity_id, str):
            return default
        return self._index.get(entity_id, default)

    def _typed(self, entity_id: str, kind: type[_E], what: str) -> _E:
        entity = self._index.get(entity_id)
        if not isinstance(entity, kind):
            raise UnknownIdError(f"Ecosystem.{KINDS[kind]}", entity_id, what)
        return entity

    def customer(self, customer_id: str) -> Customer:
        """The customer with this id.

        Raises:
            UnknownIdError: No customer has this id.

        Examples:
            >>> Ecosystem().add_customer("acme", count=3).customer("acme").count
            3
        """
        return self._typed(customer_id, Customer, "the id of a customer")

    def organisation(self, organisation_id: str) -> Organisation:
        """The organisation with this id.

        Examples:
            >>> Ecosystem().add_organisation("telco").organisation("telco").id
            'telco'
        """
        return self._typed(organisation_id, Organisation, "the id of an organisation")

    def partner(self, partner_id: str) -> NetworkPartner:
        """The network partner with this id.

        Examples:
            >>> Ecosystem().add_partner("cloud").partner("cloud").id
            'cloud'
        """
        return self._typed(partner_id, NetworkPartner, "the id of a network partner")

    def offering(self, offering_id: str) -> Offering:
        """The offering with this id.

        Examples:
            >>> eco = Ecosystem().add_organisation("t").add_offering("o", provider="t", price=9.0)
            >>> eco.offering("o").price
            9.0
        """
        return self._typed(offering_id, Offering, "the id of an offering")

    def job(self, job_id: str) -> JobToBeDone:
        """The job to be done with this id.

        Examples:
            >>> Ecosystem().add_customer("c").add_job("j", owner="c").job("j").owner
            'c'
        """
        return self._typed(job_id, JobToBeDone, "the id of a job")

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id.

        Examples:
            >>> Ecosystem().add_topic("green-it").topic("green-it").id
            'green-it'
        """
        return self._typed(topic_id, Topic, "the id of a topic")

    def interaction(self, interaction_id: str) -> Interaction:
        """The interaction with this id.

        Examples:
            >>> Ecosystem().add_customer("c").add_interaction("i", customer="c").interaction("i").id
            'i'
        """
        return self._typed(interaction_id, Interaction, "the id of an interaction")

    @property
    def customers(self) -> tuple[Customer, ...]:
        """The customers and segments, in order."""
        return tuple(actor for actor in self.actors if isinstance(actor, Customer))

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        """The organisations, in order."""
        return tuple(actor for actor in self.actors if isinstance(actor, Organisation))

    @property
    def partners(self) -> tuple[NetworkPartner, ...]:
        """The network partners, in order."""
        return tuple(actor for actor in self.actors if isinstance(actor, NetworkPartner))

    def jobs_of(self, customer_id: str) -> tuple[JobToBeDone, ...]:
        """The jobs a customer is trying to get done.

        Examples:
            >>> eco = Ecosystem().add_customer("c").add_job("j1", owner="c").add_job("j2", owner="c")
            >>> [job.id for job in eco.jobs_of("c")]
            ['j1', 'j2']
        """
        self.customer(customer_id)
        return tuple(job for job in self.jobs if job.owner == customer_id)

    # ------------------------------------------------------------------ changes

    def add(self, *entities: Entity) -> Ecosystem:
        """A new ecosystem with these entities added.

        Raises:
            ValidationError: Something that is not an entity.
            DuplicateIdError: An id already in use.
            UnknownIdError: A reference that does not resolve.

        Examples:
            >>> eco = Ecosystem().add(Customer("a"), Customer("b"))
            >>> [customer.id for customer in eco.customers]
            ['a', 'b']
        """
        grouped: dict[str, list[Entity]] = {
            name: list(getattr(self, name))
            for name in ("actors", "offerings", "jobs", "topics", "interactions")
        }
        for position, entity in enumerate(entities):
            kind = KINDS.get(type(entity))
            if kind is None:
                raise ValidationError(
                    f"Ecosystem.add(entities[{position}])", entity, "an entity of the model"
                )
            grouped[_COLLECTION[kind]].append(entity)
        return attrs.evolve(self, **grouped)  # type: ignore[arg-type]

    def replace(self, *entities: Entity) -> Ecosystem:
        """A new ecosystem in which each entity replaces the one with its id.

        Raises:
            UnknownIdError: No entity of that kind has the id.

        Examples:
            >>> eco = Ecosystem().add_customer("a", count=1)
            >>> eco.replace(Customer("a", count=5)).customer("a").count
            5
        """
        by_id: dict[str, Entity] = {}
        for position, entity in enumerate(entities):
            if type(entity) not in KINDS:
                raise ValidationError(
                    f"Ecosystem.replace(entities[{position}])", entity, "an entity of the model"
                )
            current = self._index.get(entity.id)
            if current is None or type(current) is not type(entity):
                raise UnknownIdError(
                    f"Ecosystem.{_COLLECTION.get(KINDS.get(type(entity), ''), 'entities')}",
                    entity.id,
                    f"the id of an existing {KINDS.get(type(entity), 'entity')}",
                )
            if entity.id in by_id:
                raise DuplicateIdError(
                    f"Ecosystem.replace(entities[{position}]).id",
                    entity.id,
                    "an id not replaced twice in one call",
                )
            by_id[entity.id] = entity
        changes = {
            name: [by_id.get(entity.id, entity) for entity in getattr(self, name)]
            for name in ("actors", "offerings", "jobs", "topics", "interactions")
        }
        return attrs.evolve(self, **changes)  # type: ignore[arg-type]

    def remove(self, *entity_ids: str) -> Ecosystem:
        """A new ecosystem without these entities.

        Removing an entity that others still refer to fails: remove those first.

        Raises:
            UnknownIdError: An id that is not in the ecosystem, or a reference left dangling.

        Examples:
            >>> eco = Ecosystem().add_customer("a").add_customer("b")
            >>> [customer.id for customer in eco.remove("a").customers]
            ['b']
        """
        for entity_id in entity_ids:
            self[entity_id]
        gone = set(entity_ids)
        changes = {
            name: [entity for entity in getattr(self, name) if entity.id not in gone]
            for name in ("actors", "offerings", "jobs", "topics", "interactions")
        }
        return attrs.evolve(self, **changes)  # type: ignore[arg-type]

    def add_customer(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with a customer built from these fields (see [`Customer`][cocreation.Customer]).

        Examples:
            >>> Ecosystem().add_customer("acme", count=12).customer("acme").count
            12
        """
        return self.add(Customer(id, **fields))

    def add_organisation(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with an organisation built from these fields.

        Examples:
            >>> len(Ecosystem().add_organisation("telco", discount_rate=0.1).organisations)
            1
        """
        return self.add(Organisation(id, **fields))

    def add_partner(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with a network partner built from these fields.

        Examples:
            >>> Ecosystem().add_partner("cloud", variable_cost=4.0).partner("cloud").variable_cost
            4.0
        """
        return self.add(NetworkPartner(id, **fields))

    def add_offering(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with an offering built from these fields.

        Examples:
            >>> eco = Ecosystem().add_organisation("t").add_offering("o", provider="t")
            >>> eco.offering("o").provider
            't'
        """
        return self.add(Offering(id, **fields))

    def add_job(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with a job to be done built from these fields.

        Examples:
            >>> Ecosystem().add_customer("c").add_job("j", owner="c", value=10.0).job("j").value
            10.0
        """
        return self.add(JobToBeDone(id, **fields))

    def add_topic(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with a topic built from these fields.

        Examples:
            >>> Ecosystem().add_topic("green-it", name="Green IT").topic("green-it").name
            'Green IT'
        """
        return self.add(Topic(id, **fields))

    def add_interaction(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with an interaction built from these fields.

        Examples:
            >>> eco = Ecosystem().add_customer("a").add_customer("b")
            >>> eco = eco.add_interaction("help", customer="a", counterpart="b")
            >>> eco.interaction("help").reference_point
            <ReferencePoint.OTHER_CUSTOMERS: 'other_customers'>
        """
        return self.add(Interaction(id, **fields))

    # ------------------------------------------------------------------ views

    def graph(self) -> nx.MultiDiGraph[str]:
        """The ecosystem as a NetworkX ``MultiDiGraph`` (see [`to_graph`][cocreation.to_graph]).

        Examples:
            >>> Ecosystem().add_customer("a").graph().nodes["a"]["kind"]
            'customer'
        """
        from cocreation.ecosystem._graph import to_graph

        return to_graph(self)

    def entities(self, kind: str | None = None) -> Iterable[Entity]:
        """Every entity, or only those of one kind string.

        Examples:
            >>> eco = Ecosystem().add_customer("a").add_topic("t")
            >>> [entity.id for entity in eco.entities("topic")]
            ['t']
        """
        if kind is None:
            return iter(self)
        if not isinstance(kind, str) or kind not in _COLLECTION:
            raise ValidationError("kind", kind, f"one of {sorted(_COLLECTION)}")
        return (entity for entity in self if KINDS[type(entity)] == kind)


_COLLECTION: Final[Mapping[str, str]] = {
    "customer": "actors",
    "organisation": "actors",
    "partner": "actors",
    "offering": "offerings",
    "job": "jobs",
    "topic": "topics",
    "interaction": "interactions",
}
