"""Strategies for the entities of `cocreation.model`, one at a time.

An entity drawn on its own refers to arbitrary ids (its owner, its provider, its
counterpart). Pin a reference with a string, or draw it from what an ecosystem holds
with a strategy such as ``sampled_from``; pools of ids (``partners=``, ``outcomes=``,
``actors=``, ``counterparts=``) restrict the references drawn for lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from cocreation.model import (
    Achievement,
    CoCreationLevel,
    Contribution,
    Customer,
    CustomerKind,
    Interaction,
    JobKind,
    JobStep,
    JobToBeDone,
    Mode,
    NetworkPartner,
    Offering,
    Organisation,
    PartnerRole,
    PricingModel,
    ReferencePoint,
    Sphere,
    Topic,
    Transfer,
)
from cocreation.strategies._common import (
    BOOLEANS,
    bounded,
    count,
    draw_id,
    draw_member,
    draw_subset,
    member,
    resolve,
    resolve_optional,
    texts,
)
from cocreation.strategies._values import (
    draw_achievement,
    draw_contribution,
    draw_dart,
    draw_module,
    draw_outcome,
    draw_relationship,
    draw_resource,
    draw_revenue_shares,
    draw_transfer,
)

__all__ = [
    "actors",
    "customers",
    "draw_customer",
    "draw_interaction",
    "draw_job",
    "draw_offering",
    "draw_organisation",
    "draw_partner",
    "draw_topic",
    "interactions",
    "jobs",
    "network_partners",
    "offerings",
    "organisations",
    "topics",
]

_UNIT = bounded(0.0, 1.0)
_CUSTOMER_KINDS = member(tuple(CustomerKind))
_PARTNER_ROLES = member(tuple(PartnerRole))
_PRICING = member(tuple(PricingModel))
_JOB_KINDS = member(tuple(JobKind))
_JOB_STEPS = member(tuple(JobStep))
_LEVELS = member(tuple(CoCreationLevel))
_SPHERES = member(tuple(Sphere))
_MODES = member(tuple(Mode))
_PRICES = bounded(0.0, 1e5)
_POSITIVE_PRICES = bounded(0.01, 1e5)
_UNITS = bounded(0.0, 100.0)
_UNITS_BOUGHT = bounded(0.1, 100.0)
_OCCURRENCES = bounded(0.0, 50.0)
_OCCURRENCES_THAT_HAPPEN = bounded(0.1, 50.0)


def _draw_fresh_ids(draw: st.DrawFn, most: int, taken: set[str], least: int = 0) -> list[str]:
    """Draw ``least`` to ``most`` ids that are neither in ``taken`` nor repeated."""
    fresh: list[str] = []
    for _ in range(draw(count(most, least))):
        fresh.append(draw_id(draw, taken))
        taken.add(fresh[-1])
    return fresh


def draw_customer(
    draw: st.DrawFn,
    customer_id: str,
    *,
    referred_by: str | None,
    counterparts: Sequence[str],
) -> Customer:
    """Draw a customer with this referrer and relationships with some ``counterparts``."""
    related = [
        draw_relationship(draw, counterpart)
        for counterpart in draw_subset(
            draw, [other for other in counterparts if other != customer_id], 3
        )
    ]
    return Customer(
        customer_id,
        name=draw(texts()),
        kind=draw(_CUSTOMER_KINDS),
        count=draw(count(1000, 1)),
        value_of_time=draw(bounded(0.0, 500.0)),
        retention=draw(st.none() | _UNIT),  # None: not modelled
        resources=[draw_resource(draw) for _ in range(draw(count(2)))],
        relationships=related,
        referred_by=referred_by,
        incrementality=draw(_UNIT),
        referred_in=0 if referred_by is None else draw(count(6)),
    )


def draw_organisation(
    draw: st.DrawFn, organisation_id: str, *, partners: Sequence[str]
) -> Organisation:
    """Draw an organisation integrating some of ``partners``."""
    return Organisation(
        organisation_id,
        name=draw(texts()),
        discount_rate=draw(bounded(0.0, 0.5)),
        fixed_cost=draw(bounded(0.0, 1e6)),
        investment=draw(bounded(0.0, 1e6)),
        acquisition_cost=draw(bounded(0.0, 1e4)),
        partners=draw_subset(draw, partners, len(partners)),
    )


def draw_partner(
    draw: st.DrawFn, partner_id: str, role: PartnerRole | None = None
) -> NetworkPartner:
    """Draw a network partner, in this role if given."""
    return NetworkPartner(
        partner_id,
        name=draw(texts()),
        role=role if role is not None else draw(_PARTNER_ROLES),
        resources=[draw_resource(draw) for _ in range(draw(count(2)))],
        fixed_cost=draw(bounded(0.0, 1e6)),
        variable_cost=draw(bounded(0.0, 1e4)),
        opportunity_cost=draw(bounded(0.0, 1e6)),
        investment=draw(bounded(0.0, 1e6)),
    )


def draw_offering(
    draw: st.DrawFn,
    offering_id: str,
    *,
    provider: str,
    partners: Sequence[str],
    outcomes: Sequence[str],
    priced: bool = False,
    shared: bool = False,
) -> Offering:
    """Draw an offering with shares for some ``partners`` and claims over some ``outcomes``.

    With ``priced`` its price is positive (at least 0.01); with ``shared`` (and
    ``partners``) it gives a positive revenue share to at least one partner.
    """
    module_ids = _draw_fresh_ids(draw, 3, set())
    sharing = draw_subset(draw, partners, 3, 1 if shared else 0)
    claimed = draw_subset(draw, outcomes, 4)
    return Offering(
        offering_id,
        provider=provider,
        name=draw(texts()),
        price=draw(_POSITIVE_PRICES if priced else _PRICES),
        pricing=draw(_PRICING),
        unit_cost=draw(bounded(0.0, 1e5)),
        modules=[draw_module(draw, module) for module in module_ids],
        partners=draw_revenue_shares(draw, sharing, positive=shared),
        proposition=[draw_achievement(draw, outcome) for outcome in claimed],
    )


def draw_job(draw: st.DrawFn, job_id: str, *, owner: str, min_outcomes: int = 0) -> JobToBeDone:
    """Draw a job of this owner with ``min_outcomes`` to four outcomes of distinct ids."""
    return JobToBeDone(
        job_id,
        owner=owner,
        statement=draw(texts()),
        kind=draw(_JOB_KINDS),
        step=draw(_JOB_STEPS),
        value=draw(bounded(0.0, 1e5)),
        outcomes=[
            draw_outcome(draw, outcome) for outcome in _draw_fresh_ids(draw, 4, set(), min_outcomes)
        ],
    )


def draw_topic(draw: st.DrawFn, topic_id: str) -> Topic:
    """Draw a topic with this id."""
    return Topic(topic_id, name=draw(texts()), description=draw(texts(60)))


def draw_interaction(
    draw: st.DrawFn,
    interaction_id: str,
    *,
    customer: str,
    counterpart: str | None,
    reference_point: ReferencePoint | None,
    job: JobToBeDone | None,
    offering: Offering | None,
    actors: Sequence[str] | None,
    purchase: bool = False,
    judged: bool = False,
) -> Interaction:
    """Draw an interaction with these endpoints, serving ``job`` and using ``offering``.

    Achievements are drawn over the job's outcomes, modules among the offering's, and
    contributions and transfers among ``actors`` (arbitrary ids for ``None``). With
    ``purchase`` (and an offering) it buys at least 0.1 units; with ``judged`` (and a
    job with outcomes) it scores at least one outcome; either way it happens at least
    0.1 times.
    """
    achievement: list[Achievement] = []
    if job is not None:
        scored = draw_subset(draw, [outcome.id for outcome in job.outcomes], 4, int(judged))
        achievement = [draw_achievement(draw, outcome) for outcome in scored]

    units = 0.0
    chosen: list[str] = []
    buys = purchase and offering is not None
    happens = buys or (judged and bool(achievement))
    if offering is not None:
        units = draw(_UNITS_BOUGHT if buys else _UNITS)
        chosen = draw_subset(draw, [module.id for module in offering.modules], 3)

    given_by: list[Contribution] = []
    moved: list[Transfer] = []
    if actors is None:
        given_by = [draw_contribution(draw, draw_id(draw)) for _ in range(draw(count(2)))]
        for _ in range(draw(count(2))):
            source = draw_id(draw)
            moved.append(draw_transfer(draw, source, draw_id(draw, {source})))
    elif actors:
        given_by = [
            draw_contribution(draw, draw_member(draw, actors)) for _ in range(draw(count(2)))
        ]
        if len(actors) >= 2:
            for _ in range(draw(count(2))):
                source = draw_member(draw, actors)
                target = draw_member(draw, [actor for actor in actors if actor != source])
                moved.append(draw_transfer(draw, source, target))

    return Interaction(
        interaction_id,
        customer=customer,
        counterpart=counterpart,
        reference_point=reference_point,
        level=draw(_LEVELS) if draw(BOOLEANS) else None,
        sphere=draw(_SPHERES),
        mode=draw(_MODES),
        period=draw(count(5)),
        offering=None if offering is None else offering.id,
        units=units,
        modules=chosen,
        job=None if job is None else job.id,
        occurrences=draw(_OCCURRENCES_THAT_HAPPEN if happens else _OCCURRENCES),
        achievement=achievement,
        personalisation=draw(_UNIT),
        contributions=given_by,
        transfers=moved,
        effort=draw(bounded(0.0, 1e3)),
        risk_probability=draw(_UNIT),
        risk_loss=draw(bounded(0.0, 1e4)),
        psychic_cost=draw(bounded(0.0, 1e3)),
        dart=draw_dart(draw) if draw(BOOLEANS) else None,
        recurring=draw(BOOLEANS),
    )


def _pool(ids: Sequence[str] | None) -> tuple[str, ...] | None:
    return None if ids is None else tuple(dict.fromkeys(ids))


def _pick(draw: st.DrawFn, value: str | SearchStrategy[str] | None, taken: set[str]) -> str:
    """The pinned id, one drawn from the pinned strategy, or a fresh id not in ``taken``."""
    return draw_id(draw, taken) if value is None else resolve(draw, value)


@st.composite
def _customers(
    draw: st.DrawFn,
    id: str | SearchStrategy[str] | None,
    referred_by: str | SearchStrategy[str | None] | None,
    counterparts: tuple[str, ...] | None,
) -> Customer:
    customer_id = _pick(draw, id, set())
    if referred_by is None:
        referrer = draw_id(draw, {customer_id}) if draw(BOOLEANS) else None
    else:
        referrer = resolve_optional(draw, referred_by)
        if referrer == customer_id:
            referrer = None  # nobody refers themselves
    pool = counterparts
    if pool is None:
        pool = tuple(_draw_fresh_ids(draw, 2, {customer_id}))
    return draw_customer(draw, customer_id, referred_by=referrer, counterparts=pool)


def customers(
    *,
    id: str | SearchStrategy[str] | None = None,
    referred_by: str | SearchStrategy[str | None] | None = None,
    counterparts: Sequence[str] | None = None,
) -> SearchStrategy[Customer]:
    """Customers: individuals, business accounts and segments of up to 1000 members.

    Args:
        id: Pin the customer's id (a string or a strategy).
        referred_by: Pin the referrer's id, or pass a strategy such as
            ``none() | sampled_from(existing)``; ``none()`` for no referrer. A
            referrer equal to the customer's own id is dropped. By default ``None``
            or an arbitrary other id.
        counterparts: Draw relationships only with some of these ids (never the
            customer's own); ``()`` for none. By default arbitrary ids.

    Returns:
        A strategy for [`Customer`][cocreation.Customer] objects.

    Examples:
        >>> from hypothesis import given, strategies as st
        >>> @given(customers(id="beta", referred_by=st.none() | st.just("acme"), counterparts=["telco"]))
        ... def test(customer):
        ...     assert customer.id == "beta" and customer.referred_by in {None, "acme"}
        ...     assert {r.counterpart for r in customer.relationships} <= {"telco"}
        >>> test()
    """
    return _customers(id, referred_by, _pool(counterparts))


@st.composite
def _organisations(
    draw: st.DrawFn, id: str | SearchStrategy[str] | None, partners: tuple[str, ...] | None
) -> Organisation:
    organisation_id = _pick(draw, id, set())
    pool = partners
    if pool is None:
        pool = tuple(_draw_fresh_ids(draw, 3, set()))
    return draw_organisation(draw, organisation_id, partners=pool)


def organisations(
    *,
    id: str | SearchStrategy[str] | None = None,
    partners: Sequence[str] | None = None,
) -> SearchStrategy[Organisation]:
    """Organisations offering value propositions and integrating network partners.

    Args:
        id: Pin the organisation's id (a string or a strategy).
        partners: Integrate some of these partner ids; ``()`` for none. By default
            arbitrary ids.

    Returns:
        A strategy for [`Organisation`][cocreation.Organisation] objects.

    Examples:
        >>> from hypothesis import given
        >>> @given(organisations(id="telco", partners=["cloud", "forum"]))
        ... def test(organisation):
        ...     assert organisation.id == "telco"
        ...     assert set(organisation.partners) <= {"cloud", "forum"}
        >>> test()
    """
    return _organisations(id, _pool(partners))


@st.composite
def _network_partners(
    draw: st.DrawFn, id: str | SearchStrategy[str] | None, role: PartnerRole | None
) -> NetworkPartner:
    return draw_partner(draw, _pick(draw, id, set()), role)


def network_partners(
    *,
    id: str | SearchStrategy[str] | None = None,
    role: PartnerRole | None = None,
) -> SearchStrategy[NetworkPartner]:
    """Network partners: suppliers, complementors, platforms, communities, infrastructure.

    Args:
        id: Pin the partner's id (a string or a strategy).
        role: Pin the partner's role.

    Returns:
        A strategy for [`NetworkPartner`][cocreation.NetworkPartner] objects.

    Examples:
        >>> from hypothesis import given
        >>> from cocreation import PartnerRole
        >>> @given(network_partners(role=PartnerRole.COMMUNITY))
        ... def test(partner):
        ...     assert partner.role is PartnerRole.COMMUNITY
        >>> test()
    """
    return _network_partners(id, role)


def actors() -> SearchStrategy[Customer | Organisation | NetworkPartner]:
    """Any actor: a customer, an organisation or a network partner.

    Returns:
        A strategy for [`Actor`][cocreation.Actor] objects.

    Examples:
        >>> from hypothesis import given
        >>> from cocreation import Customer, NetworkPartner, Organisation
        >>> @given(actors())
        ... def test(actor):
        ...     assert isinstance(actor, (Customer, Organisation, NetworkPartner))
        >>> test()
    """
    return st.one_of(customers(), organisations(), network_partners())


@st.composite
def _offerings(
    draw: st.DrawFn,
    id: str | SearchStrategy[str] | None,
    provider: str | SearchStrategy[str] | None,
    partners: tuple[str, ...] | None,
    outcomes: tuple[str, ...] | None,
) -> Offering:
    offering_id = _pick(draw, id, set())
    provider_id = _pick(draw, provider, {offering_id})
    partner_pool = partners
    if partner_pool is None:
        partner_pool = tuple(_draw_fresh_ids(draw, 3, set()))
    outcome_pool = outcomes
    if outcome_pool is None:
        outcome_pool = tuple(_draw_fresh_ids(draw, 3, set()))
    return draw_offering(
        draw, offering_id, provider=provider_id, partners=partner_pool, outcomes=outcome_pool
    )


def offerings(
    *,
    id: str | SearchStrategy[str] | None = None,
    provider: str | SearchStrategy[str] | None = None,
    partners: Sequence[str] | None = None,
    outcomes: Sequence[str] | None = None,
) -> SearchStrategy[Offering]:
    """Value propositions, with modules, revenue shares that add up to at most 1, and claims.

    Args:
        id: Pin the offering's id (a string or a strategy).
        provider: Pin the providing organisation's id (a string or a strategy).
        partners: Give revenue shares to some of these partner ids; ``()`` for none.
            By default arbitrary ids.
        outcomes: Claim achievements for some of these outcome ids; ``()`` for none.
            By default arbitrary ids.

    Returns:
        A strategy for [`Offering`][cocreation.Offering] objects.

    Examples:
        >>> from hypothesis import given
        >>> @given(offerings(provider="telco", partners=["cloud", "forum"], outcomes=["uptime"]))
        ... def test(offering):
        ...     assert offering.provider == "telco"
        ...     assert sum(share.share for share in offering.partners) <= 1 + 1e-12
        ...     assert {claim.outcome for claim in offering.proposition} <= {"uptime"}
        >>> test()
    """
    return _offerings(id, provider, _pool(partners), _pool(outcomes))


@st.composite
def _jobs(
    draw: st.DrawFn,
    id: str | SearchStrategy[str] | None,
    owner: str | SearchStrategy[str] | None,
) -> JobToBeDone:
    job_id = _pick(draw, id, set())
    return draw_job(draw, job_id, owner=_pick(draw, owner, {job_id}))


def jobs(
    *,
    id: str | SearchStrategy[str] | None = None,
    owner: str | SearchStrategy[str] | None = None,
) -> SearchStrategy[JobToBeDone]:
    """Jobs to be done, each with up to four desired outcomes of distinct ids.

    Args:
        id: Pin the job's id (a string or a strategy).
        owner: Pin the owning customer's id (a string or a strategy).

    Returns:
        A strategy for [`JobToBeDone`][cocreation.JobToBeDone] objects.

    Examples:
        >>> from hypothesis import given
        >>> @given(jobs(owner="acme"))
        ... def test(job):
        ...     assert job.owner == "acme"
        ...     assert len({outcome.id for outcome in job.outcomes}) == len(job.outcomes)
        >>> test()
    """
    return _jobs(id, owner)


@st.composite
def _topics(draw: st.DrawFn, id: str | SearchStrategy[str] | None) -> Topic:
    return draw_topic(draw, _pick(draw, id, set()))


def topics(*, id: str | SearchStrategy[str] | None = None) -> SearchStrategy[Topic]:
    """Topics customers interact with: themes, brands, causes.

    Args:
        id: Pin the topic's id (a string or a strategy).

    Returns:
        A strategy for [`Topic`][cocreation.Topic] objects.

    Examples:
        >>> from hypothesis import given
        >>> @given(topics(id="green-it"))
        ... def test(topic):
        ...     assert topic.id == "green-it"
        >>> test()
    """
    return _topics(id)


@st.composite
def _interactions(
    draw: st.DrawFn,
    id: str | SearchStrategy[str] | None,
    customer: str | SearchStrategy[str] | None,
    counterpart: str | SearchStrategy[str | None] | None,
    reference_point: ReferencePoint | SearchStrategy[ReferencePoint | None] | None,
    job: JobToBeDone | SearchStrategy[JobToBeDone | None] | None,
    offering: Offering | SearchStrategy[Offering | None] | None,
    actors: tuple[str, ...] | None,
) -> Interaction:
    interaction_id = _pick(draw, id, set())
    served: JobToBeDone | None = None
    if job is None:
        customer_id = _pick(draw, customer, {interaction_id})
        if draw(BOOLEANS):
            served = draw_job(draw, draw_id(draw, {interaction_id, customer_id}), owner=customer_id)
    else:
        served = resolve_optional(draw, job)
        # Serving a job makes its owner the customer, unless the customer is pinned.
        if customer is None and served is not None:
            customer_id = served.owner
        else:
            customer_id = _pick(draw, customer, {interaction_id})

    if counterpart is None:
        other = draw_id(draw, {customer_id}) if draw(BOOLEANS) else None
    else:
        other = resolve_optional(draw, counterpart)
        if other == customer_id:
            other = None  # an interaction with oneself has no counterpart

    point: ReferencePoint | None = None
    if reference_point is not None:
        point = resolve_optional(draw, reference_point)
    elif other is None and draw(BOOLEANS):
        # Only SELF follows from the interaction alone; other points need the ecosystem.
        point = ReferencePoint.SELF

    used: Offering | None = None
    if offering is None:
        if draw(BOOLEANS):
            offering_id = draw_id(draw, {interaction_id, customer_id})
            provider = draw_id(draw, {offering_id})
            used = draw_offering(draw, offering_id, provider=provider, partners=(), outcomes=())
    else:
        used = resolve_optional(draw, offering)

    return draw_interaction(
        draw,
        interaction_id,
        customer=customer_id,
        counterpart=other,
        reference_point=point,
        job=served,
        offering=used,
        actors=actors,
    )


def interactions(
    *,
    id: str | SearchStrategy[str] | None = None,
    customer: str | SearchStrategy[str] | None = None,
    counterpart: str | SearchStrategy[str | None] | None = None,
    reference_point: ReferencePoint | SearchStrategy[ReferencePoint | None] | None = None,
    job: JobToBeDone | SearchStrategy[JobToBeDone | None] | None = None,
    offering: Offering | SearchStrategy[Offering | None] | None = None,
    actors: Sequence[str] | None = None,
) -> SearchStrategy[Interaction]:
    """Interactions between a customer and a reference point, with all their flows.

    Args:
        id: Pin the interaction's id (a string or a strategy).
        customer: Pin the customer's id (a string or a strategy). By default the
            owner of the job served, or an arbitrary id.
        counterpart: Pin the counterpart's id, or pass a strategy such as
            ``none() | sampled_from(others)``; ``none()`` for an interaction with
            oneself. A counterpart equal to the customer becomes ``None``. By
            default ``None`` or an arbitrary other id.
        reference_point: State this reference point (or draw it from a strategy).
            By default ``SELF`` is sometimes stated for an interaction without a
            counterpart and nothing is stated otherwise, since only an ecosystem
            knows what kind of entity the counterpart is.
        job: The job it serves (or a strategy of jobs or ``None``); achievements are
            drawn over that job's outcomes. By default ``None`` or a job of the
            customer drawn like [`jobs`][cocreation.strategies.jobs] does.
        offering: The offering used (or a strategy of offerings or ``None``); the
            modules chosen are drawn from that offering's modules. By default ``None``
            or an offering drawn like [`offerings`][cocreation.strategies.offerings]
            does.
        actors: Draw the actors of contributions and transfers from these ids; ``()``
            for no contributions or transfers. By default arbitrary ids.

    Returns:
        A strategy for [`Interaction`][cocreation.Interaction] objects.

    Examples:
        >>> from hypothesis import given, strategies as st
        >>> from cocreation import ReferencePoint
        >>> @given(
        ...     interactions(
        ...         customer="acme",
        ...         counterpart="telco",
        ...         reference_point=ReferencePoint.ORGANISATION,
        ...         actors=["acme", "telco"],
        ...     )
        ... )
        ... def test(interaction):
        ...     assert (interaction.customer, interaction.counterpart) == ("acme", "telco")
        ...     assert interaction.reference_point is ReferencePoint.ORGANISATION
        ...     assert all(t.source in {"acme", "telco"} for t in interaction.transfers)
        >>> test()
        >>> @given(interactions(counterpart=st.none()))
        ... def test_alone(interaction):
        ...     assert interaction.reference_point is ReferencePoint.SELF
        >>> test_alone()
    """
    return _interactions(id, customer, counterpart, reference_point, job, offering, _pool(actors))
