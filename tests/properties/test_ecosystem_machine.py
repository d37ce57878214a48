"""An ecosystem built step by step keeps invariants 11 and 12 of DOMAIN.md after every step.

The machine adds customers, organisations, partners, topics, offerings, jobs and
interactions that refer to what exists, replaces customers, removes entities nothing
refers to, and tries steps that must fail with the library's errors and leave the
ecosystem as it was. After every step it checks that every graph edge joins existing
nodes, that reference points agree with their endpoints (invariant 12), and that the
ecosystem round-trips through JSON to an equal one (invariant 11).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from cocreation import (
    Customer,
    Ecosystem,
    Interaction,
    JobToBeDone,
    NetworkPartner,
    Organisation,
    ReferencePoint,
    Topic,
)
from cocreation.errors import (
    DuplicateIdError,
    ReferencePointError,
    UnknownIdError,
    ValidationError,
)
from cocreation.strategies import (
    customers,
    ids,
    interactions,
    jobs,
    network_partners,
    offerings,
    organisations,
    topics,
)

from ._checks import (
    POINT_OF_COUNTERPART,
    assert_graph_invariants,
    assert_json_round_trip,
    snapshot,
)


def referenced_ids(eco: Ecosystem) -> set[str]:
    """The ids that some other entity refers to, so that removing them must fail."""
    referenced: set[str] = set()
    for actor in eco.actors:
        if isinstance(actor, Organisation):
            referenced.update(actor.partners)
        elif isinstance(actor, Customer):
            if actor.referred_by is not None:
                referenced.add(actor.referred_by)
            referenced.update(relationship.counterpart for relationship in actor.relationships)
    claimed: set[str] = set()
    for offering in eco.offerings:
        referenced.add(offering.provider)
        referenced.update(share.partner for share in offering.partners)
        claimed.update(claim.outcome for claim in offering.proposition)
    for job in eco.jobs:
        referenced.add(job.owner)
        # A job is needed while an offering claims an outcome that no other job has.
        others = {
            outcome.id for other in eco.jobs if other is not job for outcome in other.outcomes
        }
        if any(outcome.id in claimed - others for outcome in job.outcomes):
            referenced.add(job.id)
    for interaction in eco.interactions:
        referenced.add(interaction.customer)
        for optional in (interaction.counterpart, interaction.offering, interaction.job):
            if optional is not None:
                referenced.add(optional)
        referenced.update(contribution.actor for contribution in interaction.contributions)
        for transfer in interaction.transfers:
            referenced.update((transfer.source, transfer.target))
    return referenced


IDS = ids()


class EcosystemMachine(RuleBasedStateMachine):
    """Builds an ecosystem step by step through its public, non-mutating API."""

    def __init__(self) -> None:
        super().__init__()
        self.eco = Ecosystem(name="machine")

    # ------------------------------------------------------------------ helpers

    def _ids(self) -> set[str]:
        return {entity.id for entity in self.eco}

    def _fresh(self, data: st.DataObject) -> str:
        """An id no entity has yet (suffixed like ``ids(exclude=...)`` does, but cheaper)."""
        taken = self._ids()
        base = data.draw(IDS)
        fresh, number = base, 2
        while fresh in taken:
            fresh, number = f"{base}-{number}", number + 1
        return fresh

    def _endpoint_ids(self) -> list[str]:
        return [entity.id for entity in (*self.eco.actors, *self.eco.topics)]

    def _step(self, change: Callable[[Ecosystem], Ecosystem]) -> None:
        """Apply ``change``, checking that the ecosystem it was applied to did not change."""
        before = snapshot(self.eco)
        changed = change(self.eco)
        assert snapshot(self.eco) == before
        assert changed is not self.eco
        self.eco = changed

    def _expect_failure(self, error: type[Exception], step: Any, *args: Any, **fields: Any) -> None:
        """``step`` must raise ``error`` and leave the ecosystem as it was."""
        before = snapshot(self.eco)
        with pytest.raises(error):
            step(*args, **fields)
        assert snapshot(self.eco) == before

    # ------------------------------------------------------------------ valid steps

    @initialize(data=st.data())
    def start_with_a_customer(self, data: st.DataObject) -> None:
        # Most steps need a customer; starting with one lets every run reach them.
        self.add_customer(data)

    @rule(data=st.data())
    def add_customer(self, data: st.DataObject) -> None:
        existing = [customer.id for customer in self.eco.customers]
        referrer = st.none() | st.sampled_from(existing) if existing else st.none()
        customer = data.draw(
            customers(id=self._fresh(data), referred_by=referrer, counterparts=self._endpoint_ids())
        )
        self._step(lambda eco: eco.add(customer))
        assert self.eco.customer(customer.id) == customer

    @rule(data=st.data())
    def add_organisation(self, data: st.DataObject) -> None:
        partner_ids = [partner.id for partner in self.eco.partners]
        organisation = data.draw(organisations(id=self._fresh(data), partners=partner_ids))
        self._step(lambda eco: eco.add(organisation))
        assert self.eco.organisation(organisation.id) == organisation

    @rule(data=st.data())
    def add_partner(self, data: st.DataObject) -> None:
        partner = data.draw(network_partners(id=self._fresh(data)))
        self._step(lambda eco: eco.add(partner))
        assert self.eco.partner(partner.id) == partner

    @rule(data=st.data())
    def add_topic(self, data: st.DataObject) -> None:
        topic = data.draw(topics(id=self._fresh(data)))
        self._step(lambda eco: eco.add(topic))
        assert self.eco.topic(topic.id) == topic

    @precondition(lambda self: self.eco.organisations)
    @rule(data=st.data())
    def add_offering(self, data: st.DataObject) -> None:
        offering = data.draw(
            offerings(
                id=self._fresh(data),
                provider=st.sampled_from([org.id for org in self.eco.organisations]),
                partners=[partner.id for partner in self.eco.partners],
                outcomes=sorted({o.id for job in self.eco.jobs for o in job.outcomes}),
            )
        )
        self._step(lambda eco: eco.add(offering))
        assert self.eco.offering(offering.id) == offering

    @precondition(lambda self: self.eco.customers)
    @rule(data=st.data())
    def add_job(self, data: st.DataObject) -> None:
        owner = st.sampled_from([customer.id for customer in self.eco.customers])
        job = data.draw(jobs(id=self._fresh(data), owner=owner))
        self._step(lambda eco: eco.add(job))
        assert self.eco.jobs_of(job.owner)[-1] == job

    @precondition(lambda self: self.eco.customers)
    @rule(data=st.data(), state_it=st.booleans())
    def add_interaction(self, data: st.DataObject, state_it: bool) -> None:
        customer = data.draw(st.sampled_from(self.eco.customers)).id
        others = [other for other in self._endpoint_ids() if other != customer]
        counterpart = data.draw(st.none() | st.sampled_from(others) if others else st.none())
        implied = (
            ReferencePoint.SELF
            if counterpart is None
            else POINT_OF_COUNTERPART[type(self.eco[counterpart])]
        )
        own_jobs = self.eco.jobs_of(customer)
        interaction = data.draw(
            interactions(
                id=self._fresh(data),
                customer=customer,
                counterpart=st.just(counterpart),
                reference_point=st.just(implied if state_it else None),
                job=st.none() | st.sampled_from(own_jobs) if own_jobs else st.none(),
                offering=(
                    st.none() | st.sampled_from(self.eco.offerings)
                    if self.eco.offerings
                    else st.none()
                ),
                actors=[actor.id for actor in self.eco.actors],
            )
        )
        self._step(lambda eco: eco.add(interaction))
        stored = self.eco.interaction(interaction.id)
        assert stored.reference_point is implied
        assert attrs.evolve(stored, reference_point=interaction.reference_point) == interaction

    @precondition(lambda self: self.eco.customers)
    @rule(data=st.data())
    def replace_customer(self, data: st.DataObject) -> None:
        customer = data.draw(st.sampled_from(self.eco.customers))
        changed = attrs.evolve(
            customer,
            name=customer.name + "*",
            count=data.draw(st.integers(1, 50)),
            value_of_time=data.draw(st.floats(0.0, 500.0)),
        )
        position = self.eco.actors.index(customer)
        self._step(lambda eco: eco.replace(changed))
        assert self.eco.customer(customer.id) == changed
        assert self.eco.actors.index(changed) == position

    @precondition(lambda self: any(e.id not in referenced_ids(self.eco) for e in self.eco))
    @rule(data=st.data())
    def remove_unreferenced_entity(self, data: st.DataObject) -> None:
        referenced = referenced_ids(self.eco)
        free = [entity for entity in self.eco if entity.id not in referenced]
        gone = data.draw(st.sampled_from(free))
        size = len(self.eco)
        self._step(lambda eco: eco.remove(gone.id))
        assert gone.id not in self.eco
        assert len(self.eco) == size - 1

    # ------------------------------------------------------------------ invalid steps

    @precondition(lambda self: bool(referenced_ids(self.eco)))
    @rule(data=st.data())
    def removing_a_referenced_entity_fails(self, data: st.DataObject) -> None:
        needed = data.draw(st.sampled_from(sorted(referenced_ids(self.eco))))
        self._expect_failure(UnknownIdError, self.eco.remove, needed)

    @precondition(lambda self: len(self.eco) > 0)
    @rule(data=st.data())
    def adding_a_duplicate_id_fails(self, data: st.DataObject) -> None:
        taken = data.draw(st.sampled_from(sorted(self._ids())))
        self._expect_failure(DuplicateIdError, self.eco.add, Topic(taken))

    @rule(data=st.data())
    def removing_or_replacing_an_unknown_id_fails(self, data: st.DataObject) -> None:
        unknown = self._fresh(data)
        self._expect_failure(UnknownIdError, self.eco.remove, unknown)
        self._expect_failure(UnknownIdError, self.eco.replace, Topic(unknown))

    @rule(data=st.data())
    def an_interaction_of_an_unknown_customer_fails(self, data: st.DataObject) -> None:
        interaction = Interaction(self._fresh(data), customer=self._fresh(data))
        self._expect_failure(UnknownIdError, self.eco.add, interaction)

    @precondition(lambda self: self.eco.organisations or self.eco.partners or self.eco.topics)
    @rule(data=st.data())
    def a_job_owned_by_a_non_customer_fails(self, data: st.DataObject) -> None:
        not_customers: list[Organisation | NetworkPartner | Topic] = [
            *self.eco.organisations,
            *self.eco.partners,
            *self.eco.topics,
        ]
        owners = [entity.id for entity in not_customers]
        job = JobToBeDone(self._fresh(data), owner=data.draw(st.sampled_from(owners)))
        self._expect_failure(UnknownIdError, self.eco.add, job)

    @precondition(lambda self: self.eco.customers)
    @rule(data=st.data())
    def a_contradicting_reference_point_fails(self, data: st.DataObject) -> None:
        customer = data.draw(st.sampled_from(self.eco.customers)).id
        others = [other for other in self._endpoint_ids() if other != customer]
        counterpart = data.draw(st.none() | st.sampled_from(others) if others else st.none())
        implied = (
            ReferencePoint.SELF
            if counterpart is None
            else POINT_OF_COUNTERPART[type(self.eco[counterpart])]
        )
        wrong = data.draw(st.sampled_from([p for p in ReferencePoint if p is not implied]))
        self._expect_failure(
            ReferencePointError,
            self.eco.add_interaction,
            self._fresh(data),
            customer=customer,
            counterpart=counterpart,
            reference_point=wrong,
        )

    @precondition(lambda self: any(c.referred_by for c in self.eco.customers))
    @rule(data=st.data())
    def a_referral_cycle_fails(self, data: st.DataObject) -> None:
        referred = data.draw(st.sampled_from([c for c in self.eco.customers if c.referred_by]))
        assert referred.referred_by is not None
        referrer = self.eco.customer(referred.referred_by)
        cycle = attrs.evolve(referrer, referred_by=referred.id)
        self._expect_failure(ValidationError, self.eco.replace, cycle)

    @precondition(lambda self: self.eco.jobs and len(self.eco.customers) >= 2)
    @rule(data=st.data())
    def serving_another_customers_job_fails(self, data: st.DataObject) -> None:
        job = data.draw(st.sampled_from(self.eco.jobs))
        strangers = [c.id for c in self.eco.customers if c.id != job.owner]
        interaction = Interaction(
            self._fresh(data), customer=data.draw(st.sampled_from(strangers)), job=job.id
        )
        self._expect_failure(ValidationError, self.eco.add, interaction)

    # ------------------------------------------------------------------ invariants

    @invariant()
    def graph_edges_join_existing_nodes_and_reference_points_agree(self) -> None:
        # DOMAIN.md invariant 12.
        assert_graph_invariants(self.eco)

    @invariant()
    def ecosystem_round_trips_through_json(self) -> None:
        # DOMAIN.md invariant 11.
        assert_json_round_trip(self.eco, indent=None)


# DOMAIN.md invariants 11 and 12, after every step of every run.
EcosystemMachine.TestCase.settings = settings(deadline=None)
TestEcosystemMachine = EcosystemMachine.TestCase
