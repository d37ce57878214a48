"""The ecosystem: every entity by id, with all references checked."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast, overload

import attrs
from attrs import field, frozen

from cocreation.ecosystem._snapshot import (
    ACTORS,
    COLLECTIONS,
    INTERACTIONS,
    JOBS,
    MEMBER_KINDS,
    OFFERINGS,
    POINT_OF_KIND,
    TOPICS,
    Groups,
    Snapshot,
)
from cocreation.errors import (
    DuplicateIdError,
    UnknownFieldError,
    UnknownIdError,
    ValidationError,
    closest,
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
    Topic,
)

if TYPE_CHECKING:
    import networkx as nx

    from cocreation.ecosystem._addresses import Parameter

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

_E = TypeVar("_E", bound=Entity)
_T = TypeVar("_T")


class _NotGiven(tuple[Any, ...]):
    """The default of the constructor's collections: empty, and told apart from ``()``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "()"


_NOT_GIVEN: Final[Any] = _NotGiven()
_NOT_BUILT: Final = object()


def kind_of(entity: Entity) -> str:
    """The kind string of an entity: ``"customer"``, ``"organisation"``, ``"partner"``, ...

    Examples:
        >>> kind_of(NetworkPartner("cloud"))
        'partner'
    """
    return KINDS[type(entity)]


@frozen(init=False, repr=False, eq=False)
class Ecosystem:
    """A service ecosystem: actors, offerings, jobs, topics and interactions, by id.

    An ecosystem is immutable and always valid: every id is unique, every reference
    resolves, and every interaction carries the reference point its endpoints imply.
    ``add`` and the ``add_*`` builders return a new ecosystem, so a notebook can
    chain them, and no object a caller already holds ever changes.

    Building is linear: ``add`` checks only the entities it adds against those already
    there, and an ecosystem shares its storage with the one it was built from, so
    adding one entity at a time costs no more than a few times adding them all at once.
    An interaction given without a reference point is stored with the one its
    endpoints imply, as it enters the ecosystem. [`derived`][cocreation.Ecosystem.derived]
    keeps views computed from an ecosystem with it. A collection left out is empty.

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

    name: str
    """A readable name."""
    # What the ecosystem holds, shared with the ecosystems it was built from.
    _snapshot: Snapshot = field(alias="_snapshot")
    # Views computed once per ecosystem: its collections as tuples, its hash, and
    # those built with `derived`. They take no part in equality, hashing or repr.
    _views: dict[str, Any] = field(init=False, factory=dict)
    _derived: dict[str, Any] = field(init=False, factory=dict)

    def __init__(
        self,
        name: str = "",
        actors: Iterable[Actor] = _NOT_GIVEN,
        offerings: Iterable[Offering] = _NOT_GIVEN,
        jobs: Iterable[JobToBeDone] = _NOT_GIVEN,
        topics: Iterable[Topic] = _NOT_GIVEN,
        interactions: Iterable[Interaction] = _NOT_GIVEN,
        *,
        _snapshot: Snapshot | None = None,
    ) -> None:
        # `_snapshot` is what `attrs.evolve` passes on; a collection not given is then
        # taken from it, and one given replaces it (and the whole is checked again).
        if not isinstance(name, str):
            raise ValidationError(f"{type(self).__name__}.name", name, "a string")
        given = (actors, offerings, jobs, topics, interactions)
        if _snapshot is None or not all(value is _NOT_GIVEN for value in given):
            collections = []
            for number, value in enumerate(given):
                if value is _NOT_GIVEN and _snapshot is not None:
                    collections.append(_snapshot.members(number))
                else:
                    collections.append(_checked_collection(number, value))
            _snapshot = Snapshot.empty().extend(Groups._make(collections))
        self.__attrs_init__(name, _snapshot)

    def _members(self, collection: int) -> tuple[Any, ...]:
        key = COLLECTIONS[collection]
        members: tuple[Any, ...] | None = self._views.get(key)
        if members is None:
            members = self._views.setdefault(key, self._snapshot.members(collection))
        return members

    def _actors_of(self, kind: type[Any]) -> tuple[Any, ...]:
        key = kind.__name__
        members: tuple[Any, ...] | None = self._views.get(key)
        if members is None:
            members = tuple(actor for actor in self.actors if isinstance(actor, kind))
            members = self._views.setdefault(key, members)
        return members

    @property
    def actors(self) -> tuple[Actor, ...]:
        """Customers, organisations and network partners, in the order they came.

        Examples:
            >>> [actor.id for actor in Ecosystem().add_partner("p").add_customer("c").actors]
            ['p', 'c']
        """
        return self._members(ACTORS)

    @property
    def offerings(self) -> tuple[Offering, ...]:
        """The offerings, in order."""
        return self._members(OFFERINGS)

    @property
    def jobs(self) -> tuple[JobToBeDone, ...]:
        """The jobs to be done, in order."""
        return self._members(JOBS)

    @property
    def topics(self) -> tuple[Topic, ...]:
        """The topics, in order."""
        return self._members(TOPICS)

    @property
    def interactions(self) -> tuple[Interaction, ...]:
        """The interactions, in order, each with its reference point."""
        return self._members(INTERACTIONS)

    def derived(self, key: str, build: Callable[[Ecosystem], _T]) -> _T:
        """A view of this ecosystem, built on first use and kept with it.

        The first call with a key returns ``build(self)`` and keeps it with this
        ecosystem; later calls with that key return the same object without building
        again. An ecosystem never changes, so a view of it never goes stale, and it
        lives exactly as long as the ecosystem. An ecosystem made from this one (by
        ``add``, ``replace``, ``remove`` or ``attrs.evolve``) keeps none of its views.
        Views take no part in equality, hashing, ``repr`` or pickling.

        Name the layer in the key (``"accounting.lookups"``, say), so that the views
        of different layers never collide. When two threads ask for a missing key at
        once, both may build it; both get the view kept first.

        Args:
            key: The name of the view.
            build: Builds the view from the ecosystem.

        Returns:
            The view kept under ``key``.

        Raises:
            ValidationError: ``key`` is not a string, or ``build`` is not callable.

        Examples:
            >>> eco = Ecosystem().add_customer("a", count=3).add_customer("b", count=4)
            >>> builds = []
            >>> def members(ecosystem):
            ...     builds.append(ecosystem.name)
            ...     return sum(customer.count for customer in ecosystem.customers)
            >>> eco.derived("example.members", members), eco.derived("example.members", members)
            (7, 7)
            >>> len(builds)
            1
            >>> eco.add_customer("c", count=5).derived("example.members", members)
            12
        """
        if not isinstance(key, str):
            raise ValidationError("Ecosystem.derived(key)", key, "a string")
        view = self._derived.get(key, _NOT_BUILT)
        if view is _NOT_BUILT:
            if not callable(build):
                raise ValidationError("Ecosystem.derived(build)", build, "a callable")
            view = self._derived.setdefault(key, build(self))
        return cast("_T", view)

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

    def _repr_html_(self) -> str:
        """A compact table for notebooks: how many entities of each kind, and their first ids."""
        from cocreation._display import html_table

        shown = 5
        rows: list[list[Any]] = []
        for label, members in (
            ("customers", self.customers),
            ("organisations", self.organisations),
            ("partners", self.partners),
            ("offerings", self.offerings),
            ("jobs", self.jobs),
            ("topics", self.topics),
            ("interactions", self.interactions),
        ):
            ids = ", ".join(entity.id for entity in members[:shown])
            if len(members) > shown:
                ids += f", ... ({len(members) - shown:,} more)"
            rows.append([label, len(members), ids])
        people = sum(customer.count for customer in self.customers)
        title = f"Ecosystem {self.name or '(unnamed)'}: {people:,} customer members"
        return html_table(title, ["kind", "count", "ids"], rows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ecosystem) or type(other) is not type(self):
            return NotImplemented
        if self.name != other.name or self._snapshot.lengths != other._snapshot.lengths:
            return False
        return self._snapshot.same_as(other._snapshot) or all(
            self._members(number) == other._members(number) for number in range(len(COLLECTIONS))
        )

    def __hash__(self) -> int:
        value = self._views.get("#hash")
        if value is None:
            contents = tuple(self._members(number) for number in range(len(COLLECTIONS)))
            value = self._views.setdefault("#hash", hash((self.name, contents)))
        return cast("int", value)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its fields; loading checks them again into storage of its own.
        fields = tuple(self._members(number) for number in range(len(COLLECTIONS)))
        return (type(self), (self.name, *fields))

    def __getitem__(self, entity_id: str) -> Entity:
        try:
            entity = self._snapshot.find(entity_id)
        except TypeError:
            entity = None
        if entity is None:
            suggestion = closest(entity_id, [entity.id for entity in self])
            raise UnknownIdError("Ecosystem", entity_id, "the id of an entity", suggestion)
        return entity

    def __contains__(self, entity_id: object) -> bool:
        return isinstance(entity_id, str) and self._snapshot.place(entity_id) is not None

    def __len__(self) -> int:
        return sum(self._snapshot.lengths)

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
        entity = self._snapshot.find(entity_id)
        return default if entity is None else entity

    def _typed(self, entity_id: str, kind: type[_E], what: str) -> _E:
        entity = self._snapshot.find(entity_id)
        if not isinstance(entity, kind):
            suggestion = closest(entity_id, self._snapshot.ids_of((kind,)))
            raise UnknownIdError(f"Ecosystem.{KINDS[kind]}", entity_id, what, suggestion)
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
        return self._actors_of(Customer)

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        """The organisations, in order."""
        return self._actors_of(Organisation)

    @property
    def partners(self) -> tuple[NetworkPartner, ...]:
        """The network partners, in order."""
        return self._actors_of(NetworkPartner)

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

        Only the new entities are checked, against each other and against those
        already there, so building one entity at a time stays linear.

        Raises:
            ValidationError: Something that is not an entity.
            DuplicateIdError: An id already in use.
            UnknownIdError: A reference that does not resolve.

        Examples:
            >>> eco = Ecosystem().add(Customer("a"), Customer("b"))
            >>> [customer.id for customer in eco.customers]
            ['a', 'b']
        """
        grouped: tuple[list[Any], ...] = tuple([] for _ in COLLECTIONS)
        for position, entity in enumerate(entities):
            number = _NUMBER_OF_KIND.get(type(entity))
            if number is None:
                raise ValidationError(
                    f"Ecosystem.add(entities[{position}])", entity, "an entity of the model"
                )
            grouped[number].append(entity)
        return type(self)(self.name, _snapshot=self._snapshot.extend(Groups._make(grouped)))

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
            current = self._snapshot.find(entity.id)
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
        changed = (
            [by_id.get(entity.id, entity) for entity in self._members(number)]
            for number in range(len(COLLECTIONS))
        )
        return type(self)(self.name, *changed)

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
        kept = (
            [entity for entity in self._members(number) if entity.id not in gone]
            for number in range(len(COLLECTIONS))
        )
        return type(self)(self.name, *kept)

    def add_customer(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with a customer built from these fields (see [`Customer`][cocreation.Customer]).

        Examples:
            >>> Ecosystem().add_customer("acme", count=12).customer("acme").count
            12
        """
        return self.add(Customer(id, **_known_fields(Customer, fields)))

    def add_organisation(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with an organisation built from these fields.

        Examples:
            >>> len(Ecosystem().add_organisation("telco", discount_rate=0.1).organisations)
            1
        """
        return self.add(Organisation(id, **_known_fields(Organisation, fields)))

    def add_partner(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with a network partner built from these fields.

        Examples:
            >>> Ecosystem().add_partner("cloud", variable_cost=4.0).partner("cloud").variable_cost
            4.0
        """
        return self.add(NetworkPartner(id, **_known_fields(NetworkPartner, fields)))

    def add_offering(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with an offering built from these fields.

        Examples:
            >>> eco = Ecosystem().add_organisation("t").add_offering("o", provider="t")
            >>> eco.offering("o").provider
            't'
        """
        return self.add(Offering(id, **_known_fields(Offering, fields)))

    def add_job(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with a job to be done built from these fields.

        Examples:
            >>> Ecosystem().add_customer("c").add_job("j", owner="c", value=10.0).job("j").value
            10.0
        """
        return self.add(JobToBeDone(id, **_known_fields(JobToBeDone, fields)))

    def add_topic(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with a topic built from these fields.

        Examples:
            >>> Ecosystem().add_topic("green-it", name="Green IT").topic("green-it").name
            'Green IT'
        """
        return self.add(Topic(id, **_known_fields(Topic, fields)))

    def add_interaction(self, id: str, **fields: Any) -> Ecosystem:
        """A new ecosystem with an interaction built from these fields.

        Examples:
            >>> eco = Ecosystem().add_customer("a").add_customer("b")
            >>> eco = eco.add_interaction("help", customer="a", counterpart="b")
            >>> eco.interaction("help").reference_point
            <ReferencePoint.OTHER_CUSTOMERS: 'other_customers'>
        """
        counterpart = fields.get("counterpart")
        if fields.get("reference_point") is None and isinstance(counterpart, str):
            # Built with the reference point its counterpart implies, so that adding it
            # need not build it a second time; `add` still checks it.
            point = POINT_OF_KIND.get(type(self._snapshot.find(counterpart)))
            if point is not None:
                fields["reference_point"] = point
        return self.add(Interaction(id, **_known_fields(Interaction, fields)))

    # ------------------------------------------------------------------ numbers by address

    def parameter(self, address: str) -> Parameter:
        """The number an address names: ``"<entity id>.<field>"``, resolved and checked.

        An address names a number field of an entity (``"home-fibre.price"``,
        ``"early-adopters.retention"``, ``"riverside.discount_rate"``,
        ``"harbour-helps-shops.occurrences"``); a field of a member of one of its
        collections, by the member's id (``"work-from-home.outcomes[stable-calls].importance"``,
        ``"home-fibre.partners[cloud].share"``, ``"subscribe.achievement[uptime].level"``,
        ``"connect.modules[security].price"``) or, where members have no id, by
        position (``"referrals.transfers[0].amount"``, ``"workshop.contributions[1].amount"``);
        or a DART score (``"workshop.dart.access"``). An id that contains dots is
        found too: the longest id the address starts with wins.

        Args:
            address: The address.

        Returns:
            The [`Parameter`][cocreation.ecosystem.Parameter]: the entity, the path to
            the number, and its value now.

        Raises:
            UnknownIdError: The address starts with no id of the ecosystem (the
                closest id is suggested).
            ValidationError: A malformed address, a field the entity does not have
                (the closest is suggested), a member it does not hold, or a field
                that holds no number (an id, a flag, an enum).

        Examples:
            >>> import cocreation as cc
            >>> eco = cc.example_ecosystem()
            >>> eco.parameter("alpine-telecom.discount_rate").value
            0.08
            >>> eco.parameter("small-busineses.retention")
            Traceback (most recent call last):
            ...
            cocreation.errors.UnknownIdError: small-busineses.retention: expected the id of an entity of the ecosystem (did you mean 'small-businesses'?), got unknown id 'small-busineses'
            >>> eco.parameter("small-businesses.retension")
            Traceback (most recent call last):
            ...
            cocreation.errors.ValidationError: small-businesses.retension: expected a field of Customer that holds numbers: count, value_of_time, retention, resources, relationships, incrementality, referred_in (did you mean 'retention'?), got 'retension'
            >>> eco.parameter("small-businesses.name")
            Traceback (most recent call last):
            ...
            cocreation.errors.ValidationError: small-businesses.name: expected a field that holds a number; Customer.name does not, got 'Small businesses'
        """
        from cocreation.ecosystem._addresses import parameter

        return parameter(self, address)

    def addresses(self, entity_id: str | None = None) -> tuple[str, ...]:
        """The address of every number of the ecosystem, or of one entity's numbers.

        Raises:
            UnknownIdError: ``entity_id`` is not in the ecosystem.

        Examples:
            >>> import cocreation as cc
            >>> for address in cc.example_ecosystem().addresses("managed-security"):
            ...     print(address)
            managed-security.price
            managed-security.unit_cost
            managed-security.partners[cloud].share
            managed-security.proposition[data-security].level
            >>> len(cc.example_ecosystem().addresses())
            249
        """
        from cocreation.ecosystem._addresses import addresses

        return addresses(self, entity_id)

    def with_values(self, values: Mapping[str, Any]) -> Ecosystem:
        """A new ecosystem with numbers changed by address, each checked by its field's validators.

        The one-line way to a scenario: ``eco.with_values({"home-fibre.price": 550.0})``
        instead of ``eco.replace(attrs.evolve(eco.offering("home-fibre"), price=550.0))``.
        Several numbers of one entity change together (two revenue shares of one
        offering, say), so a rule that spans fields is checked on the result. NumPy
        scalars count as the Python numbers they hold; integer fields (a segment's
        ``count``, an interaction's ``period``) take integers only.

        Args:
            values: New numbers by address (see [`parameter`][cocreation.Ecosystem.parameter]).

        Returns:
            The changed ecosystem; this one is untouched.

        Raises:
            UnknownIdError: An address names an id the ecosystem does not hold.
            ValidationError: A malformed address, a field that holds no number, or a
                value the field rejects; the error names the address and the value.

        Examples:
            >>> import cocreation as cc
            >>> eco = cc.example_ecosystem()
            >>> cheaper = eco.with_values(
            ...     {"business-internet.price": 900.0, "small-businesses.count": 450}
            ... )
            >>> cheaper.offering("business-internet").price, cheaper.customer("small-businesses").count
            (900.0, 450)
            >>> eco.offering("business-internet").price
            1200.0
            >>> eco.with_values({"small-businesses.retention": 1.2})
            Traceback (most recent call last):
            ...
            cocreation.errors.ValidationError: small-businesses.retention: expected a finite number in [0, 1], got 1.2
        """
        from cocreation.ecosystem._addresses import changed_entities

        return self.replace(*changed_entities(self, values))

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


_NUMBER_OF_KIND: Final[Mapping[type[Any], int]] = {
    kind: COLLECTIONS.index(_COLLECTION[name]) for kind, name in KINDS.items()
}


_FIELDS: Final[dict[type[Any], frozenset[str]]] = {}


def _known_fields(kind: type[Any], fields: dict[str, Any]) -> dict[str, Any]:
    """The keywords of a builder, each checked to name a field of ``kind``.

    Raises:
        UnknownFieldError: A keyword that names no field, with the closest field.
    """
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS.setdefault(
            kind, frozenset(field.alias for field in attrs.fields(kind) if field.init)
        )
    if fields.keys() <= names:
        return fields
    name = next(name for name in fields if name not in names)
    listed = ", ".join(sorted(names - {"id"}))
    raise UnknownFieldError(
        f"{kind.__name__}.{name}",
        fields[name],
        f"a field of {kind.__name__} ({listed})",
        closest(name, sorted(names)),
    )


def _checked_collection(number: int, value: Any) -> tuple[Any, ...]:
    """A collection argument of the constructor as a tuple, each member of the right class."""
    name = f"Ecosystem.{COLLECTIONS[number]}"
    kinds = MEMBER_KINDS[number]
    label = " or ".join(kind.__name__ for kind in kinds)
    if isinstance(value, list | tuple):
        value = tuple(value)
    if not isinstance(value, tuple):
        raise ValidationError(name, value, f"a list or tuple of {label}")
    for position, member in enumerate(value):
        if not isinstance(member, kinds):
            article = "an" if label[0] in "AEIOU" else "a"
            raise ValidationError(f"{name}[{position}]", member, f"{article} {label}")
    return value
