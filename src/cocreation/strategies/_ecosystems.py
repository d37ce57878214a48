"""A strategy for whole, valid ecosystems: entities first, then references between them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from cocreation.ecosystem import Ecosystem
from cocreation.model import (
    Actor,
    Customer,
    Interaction,
    JobToBeDone,
    NetworkPartner,
    Organisation,
    ReferencePoint,
    Topic,
)
from cocreation.strategies._common import (
    BOOLEANS,
    check_size,
    count,
    draw_id,
    draw_member,
    draw_optional,
    resolve,
    texts,
)
from cocreation.strategies._entities import (
    draw_customer,
    draw_interaction,
    draw_job,
    draw_offering,
    draw_organisation,
    draw_partner,
    draw_topic,
)

__all__ = ["ecosystems"]

# What each kind of counterpart makes of an interaction (DOMAIN.md, reference points).
_POINT_OF: Final[Mapping[type[Any], ReferencePoint]] = {
    Customer: ReferencePoint.OTHER_CUSTOMERS,
    Topic: ReferencePoint.TOPIC,
    NetworkPartner: ReferencePoint.NETWORK,
    Organisation: ReferencePoint.ORGANISATION,
}


def _draw_fresh_ids(draw: st.DrawFn, how_many: int, taken: set[str]) -> list[str]:
    """``how_many`` ids not in ``taken``, which they join."""
    fresh: list[str] = []
    for _ in range(how_many):
        fresh.append(draw_id(draw, taken))
        taken.add(fresh[-1])
    return fresh


@st.composite
def _ecosystems(
    draw: st.DrawFn,
    name: str | SearchStrategy[str] | None,
    min_customers: int,
    max_customers: int,
    max_organisations: int,
    max_partners: int,
    max_offerings: int,
    max_jobs: int,
    max_topics: int,
    max_interactions: int,
) -> Ecosystem:
    # How many of each, then distinct ids for all of them.
    n_customers = draw(count(max_customers, min_customers))
    n_organisations = draw(count(max_organisations))
    n_partners = draw(count(max_partners))
    n_topics = draw(count(max_topics))
    n_offerings = draw(count(max_offerings)) if n_organisations else 0
    n_jobs = draw(count(max_jobs)) if n_customers else 0
    n_interactions = draw(count(max_interactions)) if n_customers else 0
    taken: set[str] = set()
    partner_ids = _draw_fresh_ids(draw, n_partners, taken)
    organisation_ids = _draw_fresh_ids(draw, n_organisations, taken)
    customer_ids = _draw_fresh_ids(draw, n_customers, taken)
    topic_ids = _draw_fresh_ids(draw, n_topics, taken)
    job_ids = _draw_fresh_ids(draw, n_jobs, taken)
    offering_ids = _draw_fresh_ids(draw, n_offerings, taken)
    interaction_ids = _draw_fresh_ids(draw, n_interactions, taken)

    # Actors and topics, referring only to drawn ids. A customer is referred only by an
    # earlier one, so referrals form a forest.
    partners = [draw_partner(draw, partner) for partner in partner_ids]
    organisations = [
        draw_organisation(draw, organisation, partners=partner_ids)
        for organisation in organisation_ids
    ]
    related_to = [*partner_ids, *organisation_ids, *customer_ids, *topic_ids]
    customers = [
        draw_customer(
            draw,
            customer,
            referred_by=draw_optional(draw, customer_ids[:position]),
            counterparts=related_to,
        )
        for position, customer in enumerate(customer_ids)
    ]
    topics = [draw_topic(draw, topic) for topic in topic_ids]

    # Jobs belong to drawn customers; offerings to drawn organisations, with shares for
    # drawn partners and claims over the outcomes of the drawn jobs.
    jobs = [draw_job(draw, job, owner=draw_member(draw, customer_ids)) for job in job_ids]
    outcome_ids = sorted({outcome.id for job in jobs for outcome in job.outcomes})
    offerings = [
        draw_offering(
            draw,
            offering,
            provider=draw_member(draw, organisation_ids),
            partners=partner_ids,
            outcomes=outcome_ids,
        )
        for offering in offering_ids
    ]

    # Interactions: a drawn customer with a drawn actor or topic or nobody, serving one
    # of its own jobs, sometimes stating the reference point its endpoints imply.
    endpoints: list[Actor | Topic] = [*partners, *organisations, *customers, *topics]
    kind_of = {entity.id: type(entity) for entity in endpoints}
    jobs_of: dict[str, list[JobToBeDone]] = {customer: [] for customer in customer_ids}
    for job in jobs:
        jobs_of[job.owner].append(job)
    actor_ids = [*partner_ids, *organisation_ids, *customer_ids]
    interactions: list[Interaction] = []
    for interaction in interaction_ids:
        customer = draw_member(draw, customer_ids)
        others = [other for other in related_to if other != customer]
        counterpart = draw_member(draw, [None, *others])
        implied = ReferencePoint.SELF if counterpart is None else _POINT_OF[kind_of[counterpart]]
        interactions.append(
            draw_interaction(
                draw,
                interaction,
                customer=customer,
                counterpart=counterpart,
                reference_point=implied if draw(BOOLEANS) else None,
                job=draw_optional(draw, jobs_of[customer]),
                offering=draw_optional(draw, offerings),
                actors=actor_ids,
            )
        )

    # Actors in any order: an ecosystem does not depend on it.
    actors: list[Actor] = draw(st.permutations([*customers, *organisations, *partners]))
    return Ecosystem(
        name=draw(texts()) if name is None else resolve(draw, name),
        actors=actors,
        offerings=offerings,
        jobs=jobs,
        topics=topics,
        interactions=interactions,
    )


def ecosystems(
    *,
    name: str | SearchStrategy[str] | None = None,
    min_customers: int = 0,
    max_customers: int = 3,
    max_organisations: int = 2,
    max_partners: int = 2,
    max_offerings: int = 2,
    max_jobs: int = 3,
    max_topics: int = 2,
    max_interactions: int = 5,
) -> SearchStrategy[Ecosystem]:
    """Whole ecosystems, valid by construction.

    Entities are drawn first, with distinct ids; every reference then names a drawn
    entity of the right kind: organisations integrate drawn partners; offerings have a
    drawn provider, revenue shares of drawn partners that add up to at most 1, and
    claims over the outcomes of drawn jobs; jobs belong to drawn customers; a customer
    is referred only by an earlier customer (so referrals form trees) and relates to
    drawn actors and topics; an interaction joins a drawn customer with a drawn actor
    or topic (or nobody), serves one of the customer's own jobs with achievements over
    that job's outcomes, chooses modules of the offering it uses, moves money and
    value between drawn actors, and sometimes states the reference point its endpoints
    imply. Nothing is filtered or rejected.

    Offerings need an organisation, and jobs and interactions a customer: with none
    drawn, there are none of those either.

    Args:
        name: Pin the ecosystem's name (a string or a strategy).
        min_customers: The fewest customers drawn.
        max_customers: The most customers drawn.
        max_organisations: The most organisations drawn.
        max_partners: The most network partners drawn.
        max_offerings: The most offerings drawn.
        max_jobs: The most jobs to be done drawn.
        max_topics: The most topics drawn.
        max_interactions: The most interactions drawn.

    Returns:
        A strategy for [`Ecosystem`][cocreation.Ecosystem] objects.

    Raises:
        InvalidArgument: A size is negative or not an int, or ``min_customers``
            exceeds ``max_customers``.

    Examples:
        >>> from hypothesis import given
        >>> @given(ecosystems(min_customers=1, max_interactions=3))
        ... def test(eco):
        ...     assert 1 <= len(eco.customers) <= 3 and len(eco.interactions) <= 3
        ...     graph = eco.graph()
        ...     assert all(u in graph and v in graph for u, v in graph.edges())
        >>> test()
    """
    sizes = {
        "min_customers": min_customers,
        "max_customers": max_customers,
        "max_organisations": max_organisations,
        "max_partners": max_partners,
        "max_offerings": max_offerings,
        "max_jobs": max_jobs,
        "max_topics": max_topics,
        "max_interactions": max_interactions,
    }
    for label, size in sizes.items():
        check_size(label, size)
    if min_customers > max_customers:
        msg = f"min_customers={min_customers} exceeds max_customers={max_customers}"
        raise InvalidArgument(msg)
    return _ecosystems(
        name,
        min_customers,
        max_customers,
        max_organisations,
        max_partners,
        max_offerings,
        max_jobs,
        max_topics,
        max_interactions,
    )
