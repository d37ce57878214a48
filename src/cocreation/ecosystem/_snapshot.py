"""The entities of an ecosystem, shared with the ecosystems it was built from.

Ecosystems built by chaining ``add`` share one append-only log: each ecosystem is a
snapshot that sees the first ``n`` members of each of the log's five collections. An
addition checks only the entities it adds, against what the snapshot already holds,
then appends them to the log, so building entity by entity costs time in proportion
to the number of entities. Adding to a snapshot that is no longer the newest of its
log first copies what the snapshot sees into a log of its own, so no snapshot ever
sees another's additions. An addition that fails a check appends nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from itertools import islice
from operator import add
from typing import Any, Final, NamedTuple

import attrs

from cocreation.errors import (
    DuplicateIdError,
    ReferencePointError,
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
    ReferencePoint,
    Topic,
)

__all__ = [
    "ACTORS",
    "COLLECTIONS",
    "INTERACTIONS",
    "JOBS",
    "MEMBER_KINDS",
    "OFFERINGS",
    "POINT_OF_KIND",
    "TOPICS",
    "Groups",
    "Snapshot",
]

COLLECTIONS: Final = ("actors", "offerings", "jobs", "topics", "interactions")
"""The ecosystem's collections, in the order every check and iteration visits them."""

# Positions of the collections in COLLECTIONS.
ACTORS: Final = 0
OFFERINGS: Final = 1
JOBS: Final = 2
TOPICS: Final = 3
INTERACTIONS: Final = 4

MEMBER_KINDS: Final[tuple[tuple[type[Any], ...], ...]] = (
    (Customer, Organisation, NetworkPartner),
    (Offering,),
    (JobToBeDone,),
    (Topic,),
    (Interaction,),
)
"""The entity classes each collection holds."""

POINT_OF_KIND: Final[dict[type[Any], ReferencePoint]] = {
    Customer: ReferencePoint.OTHER_CUSTOMERS,
    Topic: ReferencePoint.TOPIC,
    NetworkPartner: ReferencePoint.NETWORK,
    Organisation: ReferencePoint.ORGANISATION,
}
"""The reference point of an interaction with a counterpart of each class (seed 000).

An interaction without a counterpart is the customer's interaction with itself,
``SELF``.

Examples:
    >>> POINT_OF_KIND[Topic]
    <ReferencePoint.TOPIC: 'topic'>
"""
_ACTOR_KINDS: Final = (Customer, Organisation, NetworkPartner)
_ENDPOINT_KINDS: Final = (Customer, Organisation, NetworkPartner, Topic)

Lengths = tuple[int, ...]
Place = tuple[int, int]


class Groups(NamedTuple):
    """Entities by collection, each in order."""

    actors: Sequence[Actor] = ()
    offerings: Sequence[Offering] = ()
    jobs: Sequence[JobToBeDone] = ()
    topics: Sequence[Topic] = ()
    interactions: Sequence[Interaction] = ()


class _Log:
    """Every entity appended by a line of snapshots, by collection, in order.

    Appends happen only under ``lock`` and only from the snapshot that sees the whole
    log, so an id occurs at most once in a log.
    """

    __slots__ = ("lock", "members", "outcomes", "places")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.members: tuple[list[Entity], ...] = tuple([] for _ in COLLECTIONS)
        self.places: dict[str, Place] = {}
        self.outcomes: dict[str, int] = {}  # outcome id -> position of its first job

    def lengths(self) -> Lengths:
        return tuple(map(len, self.members))

    def append(self, groups: Groups) -> None:
        first_job = len(self.members[JOBS])
        for collection, group in enumerate(groups):
            entities = self.members[collection]
            for entity in group:
                self.places[entity.id] = (collection, len(entities))
                entities.append(entity)
        for position, job in enumerate(groups.jobs, start=first_job):
            for outcome in job.outcomes:
                self.outcomes.setdefault(outcome.id, position)


@attrs.frozen(eq=False)
class Snapshot:
    """What one ecosystem holds: the first ``lengths[c]`` members of each collection ``c``."""

    log: _Log
    lengths: Lengths

    @classmethod
    def empty(cls) -> Snapshot:
        """A snapshot of a new, empty log."""
        return cls(_Log(), (0,) * len(COLLECTIONS))

    def place(self, entity_id: str) -> Place | None:
        """The collection and position of the entity with this id, if this snapshot sees it."""
        place = self.log.places.get(entity_id)
        if place is None or place[1] >= self.lengths[place[0]]:
            return None
        return place

    def find(self, entity_id: str) -> Entity | None:
        """The entity with this id, if this snapshot sees it."""
        place = self.place(entity_id)
        if place is None:
            return None
        return self.log.members[place[0]][place[1]]

    def has_outcome(self, outcome_id: str) -> bool:
        """Whether some job this snapshot sees has an outcome with this id."""
        return self.log.outcomes.get(outcome_id, self.lengths[JOBS]) < self.lengths[JOBS]

    def members(self, collection: int) -> tuple[Any, ...]:
        """The members of one collection, in order."""
        return tuple(islice(self.log.members[collection], self.lengths[collection]))

    def contents(self) -> Groups:
        """Every member, by collection."""
        return Groups._make(self.members(collection) for collection in range(len(COLLECTIONS)))

    def ids_of(self, kinds: tuple[type[Any], ...]) -> list[str]:
        """The ids of the entities of these classes that this snapshot sees."""
        collections = {
            collection
            for collection, members in enumerate(MEMBER_KINDS)
            if any(kind in members for kind in kinds)
        }
        return [
            entity.id
            for collection in sorted(collections)
            for entity in self.members(collection)
            if isinstance(entity, kinds)
        ]

    def same_as(self, other: Snapshot) -> bool:
        """Whether both snapshots see the same prefix of the same log (so the same entities)."""
        return self.log is other.log and self.lengths == other.lengths

    def extend(self, groups: Groups) -> Snapshot:
        """A snapshot that also holds ``groups[c]`` at the end of each collection ``c``.

        Only the new entities are checked, in the order a check of the whole ecosystem
        would visit them, so the first error is the one that check would report.

        Raises:
            DuplicateIdError: An id already in use.
            UnknownIdError: A reference that does not resolve.
            ReferencePointError: A stated reference point its endpoints contradict.
            ValidationError: A referral cycle, or a job of another customer.
        """
        checked = _Addition(self, groups).check()
        lengths = tuple(map(add, self.lengths, map(len, checked)))
        log = self.log
        with log.lock:
            if log.lengths() == self.lengths:
                log.append(checked)
                return Snapshot(log, lengths)
        # Another snapshot has added to the log since: start a log of this one's own.
        own = _Log()
        own.append(self.contents())
        own.append(checked)
        return Snapshot(own, lengths)


class _Addition:
    """The checks of entities added to a snapshot, which holds a valid ecosystem.

    What the snapshot holds is never checked again: adding entities cannot break a
    reference that resolved, and a referral cycle can only run through new customers.
    """

    def __init__(self, base: Snapshot, groups: Groups) -> None:
        self.base = base
        self.groups = groups
        self.fresh: dict[str, Entity] = {}

    def position(self, collection: int, offset: int) -> str:
        return f"Ecosystem.{COLLECTIONS[collection]}[{self.base.lengths[collection] + offset}]"

    def check(self) -> Groups:
        """Check every new entity; return them, each interaction with its reference point."""
        groups = self.groups
        self.check_ids()
        for offset, actor in enumerate(groups.actors):
            self.check_actor(self.position(ACTORS, offset), actor)
        self.check_referral_cycles()
        if groups.offerings:
            outcomes = {outcome.id for job in groups.jobs for outcome in job.outcomes}
            for offset, offering in enumerate(groups.offerings):
                self.check_offering(self.position(OFFERINGS, offset), offering, outcomes)
        for offset, job in enumerate(groups.jobs):
            self.expect(
                f"{self.position(JOBS, offset)}.owner",
                job.owner,
                (Customer,),
                "the id of a customer",
            )
        if not groups.interactions:
            return groups
        interactions = [
            self.check_interaction(self.position(INTERACTIONS, offset), interaction)
            for offset, interaction in enumerate(groups.interactions)
        ]
        return groups._replace(interactions=interactions)

    def check_ids(self) -> None:
        fresh = self.fresh
        clashes = False
        for group in self.groups:
            for entity in group:
                if entity.id in fresh or self.base.place(entity.id) is not None:
                    clashes = True
                fresh[entity.id] = entity
        if clashes:
            self.report_first_clash()

    def report_first_clash(self) -> None:
        """Raise for the entity a check of the whole ecosystem would find first.

        That check visits the collections in order and reports the second occurrence
        of an id, so it reports the earliest second occurrence of any id.
        """
        places: dict[str, list[Place]] = {}
        for collection, group in enumerate(self.groups):
            for offset, entity in enumerate(group):
                held = places.setdefault(entity.id, [])
                if not held and (old := self.base.place(entity.id)) is not None:
                    held.append(old)
                held.append((collection, self.base.lengths[collection] + offset))
        collection, position, entity_id = min(
            (*sorted(held)[1], entity_id) for entity_id, held in places.items() if len(held) > 1
        )
        raise DuplicateIdError(
            f"Ecosystem.{COLLECTIONS[collection]}[{position}].id",
            entity_id,
            "an id not used by another entity",
        )

    def expect(self, where: str, entity_id: str, kinds: tuple[type[Any], ...], what: str) -> Any:
        entity = self.fresh.get(entity_id)
        if entity is None:
            entity = self.base.find(entity_id)
        if entity is None or not isinstance(entity, kinds):
            known = [
                *self.base.ids_of(kinds),
                *(key for key, fresh in self.fresh.items() if isinstance(fresh, kinds)),
            ]
            raise UnknownIdError(where, entity_id, what, closest(entity_id, known))
        return entity

    def check_actor(self, where: str, actor: Actor) -> None:
        if isinstance(actor, Organisation):
            for number, partner in enumerate(actor.partners):
                self.expect(
                    f"{where}.partners[{number}]",
                    partner,
                    (NetworkPartner,),
                    "the id of a network partner",
                )
        elif isinstance(actor, Customer):
            if actor.referred_by is not None:
                self.expect(
                    f"{where}.referred_by", actor.referred_by, (Customer,), "the id of a customer"
                )
            for number, relationship in enumerate(actor.relationships):
                self.expect(
                    f"{where}.relationships[{number}].counterpart",
                    relationship.counterpart,
                    _ENDPOINT_KINDS,
                    "the id of an actor or topic",
                )

    def check_referral_cycles(self) -> None:
        """Referrals form a tree: follow each new customer's referrer up to an old one."""
        settled: set[str] = set()
        for actor in self.groups.actors:
            if not isinstance(actor, Customer) or actor.id in settled:
                continue
            path: list[str] = []
            on_path: set[str] = set()
            current: str | None = actor.id
            # A customer the snapshot held already leads to no cycle.
            while current is not None and current not in settled and current in self.fresh:
                if current in on_path:
                    raise ValidationError(
                        f"Customer.referred_by of {current!r}",
                        " -> ".join([*path[path.index(current) :], current]),
                        "referrals that form a tree, not a cycle",
                    )
                path.append(current)
                on_path.add(current)
                customer = self.fresh[current]
                assert isinstance(customer, Customer)
                current = customer.referred_by
            settled.update(path)

    def check_offering(self, where: str, offering: Offering, outcomes: set[str]) -> None:
        self.expect(
            f"{where}.provider", offering.provider, (Organisation,), "the id of an organisation"
        )
        for number, share in enumerate(offering.partners):
            self.expect(
                f"{where}.partners[{number}].partner",
                share.partner,
                (NetworkPartner,),
                "the id of a network partner",
            )
        for number, claim in enumerate(offering.proposition):
            if claim.outcome not in outcomes and not self.base.has_outcome(claim.outcome):
                known = {*outcomes, *filter(self.base.has_outcome, self.base.log.outcomes)}
                raise UnknownIdError(
                    f"{where}.proposition[{number}].outcome",
                    claim.outcome,
                    "the id of an outcome of some job",
                    closest(claim.outcome, sorted(known)),
                )

    def check_interaction(self, where: str, interaction: Interaction) -> Interaction:
        """Check an interaction; return it with the reference point its endpoints imply."""
        self.expect(f"{where}.customer", interaction.customer, (Customer,), "the id of a customer")
        if interaction.counterpart is None:
            derived = ReferencePoint.SELF
        else:
            counterpart = self.expect(
                f"{where}.counterpart",
                interaction.counterpart,
                _ENDPOINT_KINDS,
                "the id of an actor or topic",
            )
            derived = POINT_OF_KIND[type(counterpart)]
        if interaction.offering is not None:
            offering: Offering = self.expect(
                f"{where}.offering", interaction.offering, (Offering,), "the id of an offering"
            )
            known_modules = {module.id for module in offering.modules}
            for number, module in enumerate(interaction.modules):
                if module not in known_modules:
                    raise UnknownIdError(
                        f"{where}.modules[{number}]",
                        module,
                        f"the id of a module of offering {offering.id!r}",
                        closest(module, sorted(known_modules)),
                    )
        if interaction.job is not None:
            job: JobToBeDone = self.expect(
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
                        closest(achieved.outcome, sorted(known)),
                    )
        for number, contribution in enumerate(interaction.contributions):
            self.expect(
                f"{where}.contributions[{number}].actor",
                contribution.actor,
                _ACTOR_KINDS,
                "the id of an actor",
            )
        for number, transfer in enumerate(interaction.transfers):
            self.expect(
                f"{where}.transfers[{number}].source",
                transfer.source,
                _ACTOR_KINDS,
                "the id of an actor",
            )
            self.expect(
                f"{where}.transfers[{number}].target",
                transfer.target,
                _ACTOR_KINDS,
                "the id of an actor",
            )
        if interaction.reference_point is None:
            # Derived as the interaction enters: the stored one is a new, complete value.
            return attrs.evolve(interaction, reference_point=derived)
        if interaction.reference_point is not derived:
            raise ReferencePointError(
                f"{where}.reference_point",
                interaction.reference_point,
                f"{derived.name} (from its endpoints)",
            )
        return interaction
