"""A strategy for whole, valid ecosystems: entities first, then references between them."""

from __future__ import annotations

from typing import NamedTuple

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from cocreation.ecosystem import POINT_OF_KIND, Ecosystem
from cocreation.model import (
    Actor,
    Interaction,
    JobToBeDone,
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


class _Plan(NamedTuple):
    """How many of each kind to draw, with every implied minimum already applied."""

    name: str | SearchStrategy[str] | None
    customers: tuple[int, int]
    organisations: tuple[int, int]
    partners: tuple[int, int]
    offerings: tuple[int, int]
    jobs: tuple[int, int]
    topics: tuple[int, int]
    interactions: tuple[int, int]
    outcomes: int
    purchases: int
    served: int
    referrals: int
    priced: bool
    shared: bool


def _draw_fresh_ids(draw: st.DrawFn, how_many: int, taken: set[str]) -> list[str]:
    """``how_many`` ids not in ``taken``, which they join."""
    fresh: list[str] = []
    for _ in range(how_many):
        fresh.append(draw_id(draw, taken))
        taken.add(fresh[-1])
    return fresh


def _draw_size(draw: st.DrawFn, bounds: tuple[int, int]) -> int:
    return draw(count(bounds[1], bounds[0]))


@st.composite
def _ecosystems(draw: st.DrawFn, plan: _Plan) -> Ecosystem:
    # How many of each, then distinct ids for all of them. The plan's minimums already
    # hold what the other bounds imply (an offering needs an organisation, and so on).
    n_customers = _draw_size(draw, plan.customers)
    n_organisations = _draw_size(draw, plan.organisations)
    n_partners = _draw_size(draw, plan.partners)
    n_topics = _draw_size(draw, plan.topics)
    n_offerings = _draw_size(draw, plan.offerings) if n_organisations else 0
    n_jobs = _draw_size(draw, plan.jobs) if n_customers else 0
    n_interactions = _draw_size(draw, plan.interactions) if n_customers else 0
    taken: set[str] = set()
    partner_ids = _draw_fresh_ids(draw, n_partners, taken)
    organisation_ids = _draw_fresh_ids(draw, n_organisations, taken)
    customer_ids = _draw_fresh_ids(draw, n_customers, taken)
    topic_ids = _draw_fresh_ids(draw, n_topics, taken)
    job_ids = _draw_fresh_ids(draw, n_jobs, taken)
    offering_ids = _draw_fresh_ids(draw, n_offerings, taken)
    interaction_ids = _draw_fresh_ids(draw, n_interactions, taken)

    # Actors and topics, referring only to drawn ids. A customer is referred only by an
    # earlier one, so referrals form a forest; the first ``plan.referrals`` customers
    # after the first are always referred.
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
            referred_by=(
                draw_member(draw, customer_ids[:position])
                if 0 < position <= plan.referrals
                else draw_optional(draw, customer_ids[:position])
            ),
            counterparts=related_to,
        )
        for position, customer in enumerate(customer_ids)
    ]
    topics = [draw_topic(draw, topic) for topic in topic_ids]

    # Jobs belong to drawn customers (the first has an outcome when interactions must
    # score one); offerings to drawn organisations, with shares for drawn partners and
    # claims over the outcomes of the drawn jobs.
    jobs = [
        draw_job(
            draw,
            job,
            owner=draw_member(draw, customer_ids),
            min_outcomes=max(plan.outcomes, 1) if position == 0 and plan.served else plan.outcomes,
        )
        for position, job in enumerate(job_ids)
    ]
    outcome_ids = sorted({outcome.id for job in jobs for outcome in job.outcomes})
    offerings = [
        draw_offering(
            draw,
            offering,
            provider=draw_member(draw, organisation_ids),
            partners=partner_ids,
            outcomes=outcome_ids,
            priced=plan.priced,
            shared=plan.shared,
        )
        for offering in offering_ids
    ]

    # Interactions: a drawn customer with a drawn actor or topic or nobody, serving one
    # of its own jobs, sometimes stating the reference point its endpoints imply. The
    # first ``plan.served`` serve a job with outcomes and score some (their customer is
    # that job's owner); the first ``plan.purchases`` buy units of a drawn offering.
    endpoints: list[Actor | Topic] = [*partners, *organisations, *customers, *topics]
    kind_of = {entity.id: type(entity) for entity in endpoints}
    jobs_of: dict[str, list[JobToBeDone]] = {customer: [] for customer in customer_ids}
    for job in jobs:
        jobs_of[job.owner].append(job)
    judgeable = [job for job in jobs if job.outcomes]
    actor_ids = [*partner_ids, *organisation_ids, *customer_ids]
    interactions: list[Interaction] = []
    for position, interaction in enumerate(interaction_ids):
        judged = position < plan.served
        purchase = position < plan.purchases
        served: JobToBeDone | None
        if judged:
            served = draw_member(draw, judgeable)
            customer = served.owner
        else:
            customer = draw_member(draw, customer_ids)
            served = draw_optional(draw, jobs_of[customer])
        others = [other for other in related_to if other != customer]
        counterpart = draw_member(draw, [None, *others])
        implied = (
            ReferencePoint.SELF if counterpart is None else POINT_OF_KIND[kind_of[counterpart]]
        )
        interactions.append(
            draw_interaction(
                draw,
                interaction,
                customer=customer,
                counterpart=counterpart,
                reference_point=implied if draw(BOOLEANS) else None,
                job=served,
                offering=draw_member(draw, offerings)
                if purchase
                else draw_optional(draw, offerings),
                actors=actor_ids,
                purchase=purchase,
                judged=judged,
            )
        )

    # Actors and interactions in any order: an ecosystem does not depend on it.
    actors: list[Actor] = draw(st.permutations([*customers, *organisations, *partners]))
    if plan.purchases or plan.served:
        interactions = draw(st.permutations(interactions))
    return Ecosystem(
        name=draw(texts()) if plan.name is None else resolve(draw, plan.name),
        actors=actors,
        offerings=offerings,
        jobs=jobs,
        topics=topics,
        interactions=interactions,
    )


def _bounds(label: str, low: int, high: int, needed: int, because: str) -> tuple[int, int]:
    """``(max(low, needed), high)``, or ``InvalidArgument`` when that is empty."""
    if low > high:
        msg = f"min_{label}={low} exceeds max_{label}={high}"
        raise InvalidArgument(msg)
    least = max(low, needed)
    if least > high:
        msg = f"{because} needs at least {needed} {label}, but max_{label}={high}"
        raise InvalidArgument(msg)
    return least, high


def _check_flag(name: str, value: object) -> None:
    if not isinstance(value, bool):
        msg = f"{name} must be True or False, got {value!r}"
        raise InvalidArgument(msg)


def _why(**needs: int | bool) -> tuple[int, str]:
    """The largest of the minimums implied, and the bounds that imply it."""
    most = max((int(need) for need in needs.values()), default=0)
    names = [f"{name}={need!r}" for name, need in needs.items() if need and int(need) == most]
    return most, " and ".join(names) or "nothing"


def ecosystems(
    *,
    name: str | SearchStrategy[str] | None = None,
    min_customers: int = 0,
    max_customers: int = 3,
    min_organisations: int = 0,
    max_organisations: int = 2,
    min_partners: int = 0,
    max_partners: int = 2,
    min_offerings: int = 0,
    max_offerings: int = 2,
    min_jobs: int = 0,
    max_jobs: int = 3,
    min_outcomes: int = 0,
    min_topics: int = 0,
    max_topics: int = 2,
    min_interactions: int = 0,
    max_interactions: int = 5,
    min_purchases: int = 0,
    min_served: int = 0,
    min_referrals: int = 0,
    priced: bool = False,
    shared: bool = False,
) -> SearchStrategy[Ecosystem]:
    """Whole ecosystems, valid by construction, with bounds that ask for what a test needs.

    Entities are drawn first, with distinct ids; every reference then names a drawn
    entity of the right kind: organisations integrate drawn partners; offerings have a
    drawn provider, revenue shares of drawn partners that add up to at most 1, and
    claims over the outcomes of drawn jobs; jobs belong to drawn customers; a customer
    is referred only by an earlier customer (so referrals form trees) and relates to
    drawn actors and topics; an interaction joins a drawn customer with a drawn actor
    or topic (or nobody), serves one of the customer's own jobs with achievements over
    that job's outcomes, chooses modules of the offering it uses, moves money and
    value between drawn actors, and sometimes states the reference point its endpoints
    imply. Nothing is filtered or rejected: a bound is met by how the ecosystem is
    built, never by discarding what misses it.

    Offerings need an organisation, and jobs and interactions a customer: with none
    drawn, there are none of those either. A bound raises the minimums it implies:
    ``min_offerings`` or ``min_purchases`` at least one organisation; ``min_purchases``
    at least one offering; ``min_jobs``, ``min_interactions``, ``min_purchases`` or
    ``min_served`` at least one customer; ``min_referrals=k`` at least ``k + 1``
    customers; ``min_served`` at least one job; ``min_purchases`` and ``min_served``
    at least that many interactions; ``shared`` at least one partner.

    Args:
        name: Pin the ecosystem's name (a string or a strategy).
        min_customers: The fewest customers drawn.
        max_customers: The most customers drawn.
        min_organisations: The fewest organisations drawn.
        max_organisations: The most organisations drawn.
        min_partners: The fewest network partners drawn.
        max_partners: The most network partners drawn.
        min_offerings: The fewest offerings drawn.
        max_offerings: The most offerings drawn.
        min_jobs: The fewest jobs to be done drawn.
        max_jobs: The most jobs to be done drawn.
        min_outcomes: The fewest desired outcomes of every job (at most 4, the most
            a job is drawn with).
        min_topics: The fewest topics drawn.
        max_topics: The most topics drawn.
        min_interactions: The fewest interactions drawn.
        max_interactions: The most interactions drawn.
        min_purchases: The fewest purchases: interactions that buy at least 0.1 units
            of an offering, at least 0.1 times, so that money changes hands whenever
            the offering or a module chosen has a price.
        min_served: The fewest interactions that serve a job with outcomes, at least
            0.1 times, and score at least one of its outcomes, so that the customer's
            value-in-use depends on them.
        min_referrals: The fewest customers referred by another customer.
        priced: Give every offering a positive price (at least 0.01).
        shared: Have every offering give a positive revenue share (at least 0.01) to
            at least one partner.

    Returns:
        A strategy for [`Ecosystem`][cocreation.Ecosystem] objects.

    Raises:
        InvalidArgument: A size is negative or not an int, a flag is not a bool, a
            minimum exceeds its maximum, or a bound implies more of some kind than
            its maximum allows.

    Examples:
        Bounds on sizes:

        >>> from hypothesis import given
        >>> @given(ecosystems(min_customers=1, max_interactions=3))
        ... def test(eco):
        ...     assert 1 <= len(eco.customers) <= 3 and len(eco.interactions) <= 3
        ...     graph = eco.graph()
        ...     assert all(u in graph and v in graph for u, v in graph.edges())
        >>> test()

        Bounds on what the ecosystem holds: here a priced offering some customer buys,
        shared with a partner, and an interaction the customer's value-in-use depends on.

        >>> @given(ecosystems(min_purchases=1, priced=True, shared=True, min_served=1))
        ... def test_what_is_asked_for(eco):
        ...     assert any(i.offering and i.units > 0 < i.occurrences for i in eco.interactions)
        ...     assert all(o.price > 0 and o.partners[0].share > 0 for o in eco.offerings)
        ...     assert any(i.job is not None and i.achievement for i in eco.interactions)
        >>> test_what_is_asked_for()
    """
    sizes = {
        "min_customers": min_customers,
        "max_customers": max_customers,
        "min_organisations": min_organisations,
        "max_organisations": max_organisations,
        "min_partners": min_partners,
        "max_partners": max_partners,
        "min_offerings": min_offerings,
        "max_offerings": max_offerings,
        "min_jobs": min_jobs,
        "max_jobs": max_jobs,
        "min_outcomes": min_outcomes,
        "min_topics": min_topics,
        "max_topics": max_topics,
        "min_interactions": min_interactions,
        "max_interactions": max_interactions,
        "min_purchases": min_purchases,
        "min_served": min_served,
        "min_referrals": min_referrals,
    }
    for label, size in sizes.items():
        check_size(label, size)
    _check_flag("priced", priced)
    _check_flag("shared", shared)
    if min_outcomes > 4:
        msg = f"min_outcomes={min_outcomes} exceeds 4, the most outcomes a job is drawn with"
        raise InvalidArgument(msg)

    needs_customer = {
        "min_jobs": min(min_jobs, 1),
        "min_interactions": min(min_interactions, 1),
        "min_purchases": min(min_purchases, 1),
        "min_served": min(min_served, 1),
        "min_referrals": min_referrals + 1 if min_referrals else 0,
    }
    return _ecosystems(
        _Plan(
            name=name,
            customers=_bounds("customers", min_customers, max_customers, *_why(**needs_customer)),
            organisations=_bounds(
                "organisations",
                min_organisations,
                max_organisations,
                *_why(min_offerings=min(min_offerings, 1), min_purchases=min(min_purchases, 1)),
            ),
            partners=_bounds("partners", min_partners, max_partners, *_why(shared=shared)),
            offerings=_bounds(
                "offerings",
                min_offerings,
                max_offerings,
                *_why(min_purchases=min(min_purchases, 1)),
            ),
            jobs=_bounds("jobs", min_jobs, max_jobs, *_why(min_served=min(min_served, 1))),
            topics=_bounds("topics", min_topics, max_topics, 0, "nothing"),
            interactions=_bounds(
                "interactions",
                min_interactions,
                max_interactions,
                *_why(min_purchases=min_purchases, min_served=min_served),
            ),
            outcomes=min_outcomes,
            purchases=min_purchases,
            served=min_served,
            referrals=min_referrals,
            priced=priced,
            shared=shared,
        )
    )
