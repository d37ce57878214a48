"""The entities of an ecosystem: actors, offerings, jobs, topics and interactions."""

from __future__ import annotations

from typing import Any, TypeAlias

import attrs
from attrs import field, frozen

from cocreation.errors import ReferencePointError, ValidationError
from cocreation.model import _validators as v
from cocreation.model._enums import (
    CoCreationLevel,
    CustomerKind,
    JobKind,
    JobStep,
    Mode,
    PartnerRole,
    PricingModel,
    ReferencePoint,
    Sphere,
)
from cocreation.model._fields import suggesting_fields
from cocreation.model._values import (
    DART,
    Achievement,
    Contribution,
    Module,
    Outcome,
    Relationship,
    Resource,
    RevenueShare,
    Transfer,
)

__all__ = [
    "Actor",
    "Customer",
    "Entity",
    "Interaction",
    "JobToBeDone",
    "NetworkPartner",
    "Offering",
    "Organisation",
    "Topic",
]

_NON_NEGATIVE = v.number(low=0.0)
_UNIT = v.number(low=0.0, high=1.0)


# Enum fields accept their members or the members' string values (``level="support"``).
def _customer_kind(value: CustomerKind | str) -> CustomerKind:
    return v.to_member(CustomerKind, value)


def _partner_role(value: PartnerRole | str) -> PartnerRole:
    return v.to_member(PartnerRole, value)


def _pricing(value: PricingModel | str) -> PricingModel:
    return v.to_member(PricingModel, value)


def _job_kind(value: JobKind | str) -> JobKind:
    return v.to_member(JobKind, value)


def _job_step(value: JobStep | str) -> JobStep:
    return v.to_member(JobStep, value)


def _level(value: CoCreationLevel | str | None) -> CoCreationLevel | None:
    return None if value is None else v.to_member(CoCreationLevel, value)


def _sphere(value: Sphere | str) -> Sphere:
    return v.to_member(Sphere, value)


def _mode(value: Mode | str) -> Mode:
    return v.to_member(Mode, value)


@suggesting_fields
@frozen
class Customer:
    """A customer: an individual, a business account, or a segment of alike members.

    A customer with ``count`` n stands for a segment of n alike members; per-member
    figures are multiplied by n wherever the library adds up.

    Args:
        id: Unique within the ecosystem.
        name: A readable name.
        kind: An individual or a business account.
        count: How many alike members the customer stands for (>= 1).
        value_of_time: What an hour of the customer's time is worth, in money.
        retention: The probability that the customer stays for another period, in
            [0, 1], or ``None`` (the default) when it is not modelled: firm value then
            counts the customer's flows over the periods modelled only, with no
            lifetime beyond them, and says so (``FirmValue.retention`` is ``None``).
        resources: Money, time, skills and knowledge the customer can bring.
        relationships: Relationships with other actors or topics, with DART scores.
        referred_by: The id of the customer who referred this one, if any.
        incrementality: For a referred customer, the probability that it would not have
            come without the referral, in [0, 1] (Kumar, Petersen & Leone 2010).
        referred_in: For a referred customer, the contract period in which the referral
            brought it (an integer >= 0; 0 for a customer nobody referred). What it
            brings its referrer is discounted from that period to period 0.

    Examples:
        >>> Customer("acme", name="ACME AG", kind=CustomerKind.BUSINESS, value_of_time=120.0)
        Customer(id='acme', name='ACME AG', kind=<CustomerKind.BUSINESS: 'business'>, count=1, value_of_time=120.0, retention=None, resources=(), relationships=(), referred_by=None, incrementality=1.0, referred_in=0)
        >>> Customer("students", count=2500).count
        2500
    """

    id: str = field(validator=v.identifier)
    name: str = field(default="", validator=v.text)
    kind: CustomerKind = field(
        default=CustomerKind.INDIVIDUAL,
        converter=_customer_kind,
        validator=v.enum_member(CustomerKind),
    )
    count: int = field(default=1, validator=v.integer(low=1))
    value_of_time: float = field(default=0.0, validator=_NON_NEGATIVE)
    retention: float | None = field(default=None, validator=v.optional(_UNIT))
    resources: tuple[Resource, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Resource)
    )
    relationships: tuple[Relationship, ...] = field(
        default=(),
        converter=v.as_tuple,
        validator=v.tuple_of(Relationship, unique_by="counterpart"),
    )
    referred_by: str | None = field(default=None, validator=v.optional_identifier)
    incrementality: float = field(default=1.0, validator=_UNIT)
    referred_in: int = field(default=0, validator=v.integer(low=0))

    def __attrs_post_init__(self) -> None:
        if self.referred_by == self.id:
            raise ValidationError(
                "Customer.referred_by", self.referred_by, "the id of another customer"
            )
        if self.referred_by is None and self.referred_in != 0:
            raise ValidationError(
                "Customer.referred_in",
                self.referred_in,
                "0 for a customer nobody referred (set referred_by first)",
            )
        for number, relationship in enumerate(self.relationships):
            if relationship.counterpart == self.id:
                raise ValidationError(
                    f"Customer.relationships[{number}].counterpart",
                    relationship.counterpart,
                    "the id of another actor or a topic",
                )


@suggesting_fields
@frozen
class Organisation:
    """The focal organisation (or any firm) that offers value propositions.

    Args:
        id: Unique within the ecosystem.
        name: A readable name.
        discount_rate: The organisation's discount rate per period (>= 0).
        fixed_cost: Fixed expenses per period, in money.
        investment: Investment made in the first period, in money.
        acquisition_cost: What winning one new customer costs, in money.
        partners: Ids of the network partners the organisation integrates.

    Examples:
        >>> Organisation("telco", name="Alpine Telecom", discount_rate=0.08, partners=["cloud"])
        Organisation(id='telco', name='Alpine Telecom', discount_rate=0.08, fixed_cost=0.0, investment=0.0, acquisition_cost=0.0, partners=('cloud',))
    """

    id: str = field(validator=v.identifier)
    name: str = field(default="", validator=v.text)
    discount_rate: float = field(default=0.0, validator=_NON_NEGATIVE)
    fixed_cost: float = field(default=0.0, validator=_NON_NEGATIVE)
    investment: float = field(default=0.0, validator=_NON_NEGATIVE)
    acquisition_cost: float = field(default=0.0, validator=_NON_NEGATIVE)
    partners: tuple[str, ...] = field(default=(), converter=v.as_tuple, validator=v.identifiers)


@suggesting_fields
@frozen
class NetworkPartner:
    """A partner in the organisation's network: supplier, complementor, platform, community.

    Args:
        id: Unique within the ecosystem.
        name: A readable name.
        role: The role the partner plays.
        resources: What the partner contributes to value creation.
        fixed_cost: Fixed expenses per period, in money.
        variable_cost: Expense per occurrence of an interaction it takes part in.
        opportunity_cost: What the partner's resources would earn elsewhere, per period.
        investment: Investment made in the first period, in money.

    Examples:
        >>> NetworkPartner("cloud", role=PartnerRole.COMPLEMENTOR, variable_cost=40.0).role.value
        'complementor'
    """

    id: str = field(validator=v.identifier)
    name: str = field(default="", validator=v.text)
    role: PartnerRole = field(
        default=PartnerRole.COMPLEMENTOR,
        converter=_partner_role,
        validator=v.enum_member(PartnerRole),
    )
    resources: tuple[Resource, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Resource)
    )
    fixed_cost: float = field(default=0.0, validator=_NON_NEGATIVE)
    variable_cost: float = field(default=0.0, validator=_NON_NEGATIVE)
    opportunity_cost: float = field(default=0.0, validator=_NON_NEGATIVE)
    investment: float = field(default=0.0, validator=_NON_NEGATIVE)


@suggesting_fields
@frozen
class Offering:
    """A value proposition: potential value, never realised value.

    What an offering claims (its ``proposition``) never decides a customer's value:
    only the customer's own weights and the outcomes achieved in use do.

    Args:
        id: Unique within the ecosystem.
        provider: The id of the organisation that offers it.
        name: A readable name.
        price: The price per purchase, per period or per unit of outcome (see ``pricing``).
        pricing: One-off, subscription or outcome-based.
        unit_cost: The provider's cost of serving one occurrence.
        modules: Optional modules of a modular offering.
        partners: Revenue shares of the network partners who take part in it.
        proposition: The outcomes it claims to achieve, and how well.

    Examples:
        >>> offering = Offering(
        ...     "connect",
        ...     provider="telco",
        ...     price=1200.0,
        ...     pricing=PricingModel.SUBSCRIPTION,
        ...     partners=[RevenueShare("cloud", 0.2)],
        ... )
        >>> offering.partners
        (RevenueShare(partner='cloud', share=0.2),)
    """

    id: str = field(validator=v.identifier)
    provider: str = field(validator=v.identifier)
    name: str = field(default="", validator=v.text)
    price: float = field(default=0.0, validator=_NON_NEGATIVE)
    pricing: PricingModel = field(
        default=PricingModel.ONE_OFF, converter=_pricing, validator=v.enum_member(PricingModel)
    )
    unit_cost: float = field(default=0.0, validator=_NON_NEGATIVE)
    modules: tuple[Module, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Module, unique_by="id")
    )
    partners: tuple[RevenueShare, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(RevenueShare, unique_by="partner")
    )
    proposition: tuple[Achievement, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Achievement, unique_by="outcome")
    )

    def __attrs_post_init__(self) -> None:
        total = sum(share.share for share in self.partners)
        if total > 1.0 + 1e-12:
            raise ValidationError(
                "Offering.partners", total, "revenue shares that add up to at most 1"
            )


@suggesting_fields
@frozen
class JobToBeDone:
    """What a customer is trying to get done, with its desired outcomes.

    Args:
        id: Unique within the ecosystem.
        owner: The id of the customer whose job it is.
        statement: The job in the customer's words.
        kind: Functional, social or emotional.
        step: Its step on the job map.
        value: What getting the job done once is worth to one member of the customer,
            in money, when every outcome is fully achieved and of top importance (10).
            An interaction serving the job is worth ``value`` times its achievement
            index (the importance-weighted achievement of the outcomes, from -1 to 1)
            for each occurrence and member: ``value × index × occurrences × count``.
        outcomes: The desired outcomes, with importance and satisfaction.

    Examples:
        >>> job = JobToBeDone(
        ...     "connect-sites",
        ...     owner="acme",
        ...     value=5000.0,
        ...     outcomes=[Outcome("uptime", importance=9.0, satisfaction=6.0)],
        ... )
        >>> [outcome.id for outcome in job.outcomes]
        ['uptime']
    """

    id: str = field(validator=v.identifier)
    owner: str = field(validator=v.identifier)
    statement: str = field(default="", validator=v.text)
    kind: JobKind = field(
        default=JobKind.FUNCTIONAL, converter=_job_kind, validator=v.enum_member(JobKind)
    )
    step: JobStep = field(
        default=JobStep.EXECUTE, converter=_job_step, validator=v.enum_member(JobStep)
    )
    value: float = field(default=0.0, validator=_NON_NEGATIVE)
    outcomes: tuple[Outcome, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Outcome, unique_by="id")
    )

    def outcome(self, outcome_id: str) -> Outcome | None:
        """The outcome with this id, or ``None``.

        Examples:
            >>> JobToBeDone("j", owner="c", outcomes=[Outcome("o", 5, 5)]).outcome("o").importance
            5
        """
        for candidate in self.outcomes:
            if candidate.id == outcome_id:
                return candidate
        return None


@suggesting_fields
@frozen
class Topic:
    """A topic a customer can interact with: a theme, a brand, a cause.

    Examples:
        >>> Topic("sustainability", name="Sustainable IT")
        Topic(id='sustainability', name='Sustainable IT', description='')
    """

    id: str = field(validator=v.identifier)
    name: str = field(default="", validator=v.text)
    description: str = field(default="", validator=v.text)


def _check_not_self(instance: Interaction, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.optional_identifier(instance, attribute, value)
    if value is not None and value == instance.customer:
        raise ValidationError(
            "Interaction.counterpart",
            value,
            "an id other than the customer's (leave it None for an interaction with oneself)",
        )


def _self_when_alone(point: Any, interaction: Any) -> Any:
    """An interaction without a counterpart is the customer's with itself: ``SELF``.

    A reference point given as its string value (``"organisation"``) becomes the member.
    """
    if point is None and interaction.counterpart is None:
        return ReferencePoint.SELF
    return None if point is None else v.to_member(ReferencePoint, point)


@suggesting_fields
@frozen
class Interaction:
    """An event between a customer and a reference point, in a period.

    The reference point follows from the endpoints: with no ``counterpart`` it is
    ``SELF``; otherwise the ecosystem derives it from the counterpart's kind and rejects
    a stated one that contradicts it.

    Args:
        id: Unique within the ecosystem.
        customer: The id of the customer.
        counterpart: The id of the other actor or topic, or ``None`` for the customer alone.
        reference_point: Derived from the endpoints; stating it is optional.
        level: The co-creation level, or ``None`` for plain purchase or use.
        sphere: Provider, joint or customer sphere.
        mode: Direct or indirect.
        period: The contract period (0 is the first).
        offering: The id of the offering used, bought or discussed, if any.
        units: Units of ``offering`` bought per occurrence (for an outcome-based
            offering, units of outcome paid for); 0 when nothing is bought.
        modules: Ids of the offering's modules chosen with it.
        job: The id of the customer's job it serves, if any.
        occurrences: How often it happens in the period, per member of the customer.
        achievement: Outcomes of ``job`` achieved, as the customer judges them.
        personalisation: Share of the gap to full achievement closed by co-creation, in [0, 1].
        contributions: Resources each side contributes.
        transfers: Money and value objects it moves, per occurrence.
        effort: The customer's effort, in money, per occurrence.
        risk_probability: Probability of a loss for the customer, in [0, 1].
        risk_loss: The size of that loss, in money.
        psychic_cost: Stress and frustration, in money, per occurrence.
        dart: DART scores of the interaction.
        recurring: Whether the interaction recurs every period of the customer's
            lifetime (use, a subscription) or happens once (a setup fee, a one-off
            bonus, a single workshop). Firm value capitalises recurring flows over the
            customer's lifetime and counts one-off flows once.

    Examples:
        >>> workshop = Interaction(
        ...     "workshop-1",
        ...     customer="acme",
        ...     counterpart="telco",
        ...     level=CoCreationLevel.REFERRAL,
        ...     transfers=[Transfer("acme", "telco", 1200.0)],
        ... )
        >>> workshop.reference_point is None  # derived once it joins an ecosystem
        True
        >>> Interaction("diy", customer="acme").reference_point
        <ReferencePoint.SELF: 'self'>
    """

    id: str = field(validator=v.identifier)
    customer: str = field(validator=v.identifier)
    counterpart: str | None = field(default=None, validator=_check_not_self)
    reference_point: ReferencePoint | None = field(
        default=None,
        # The mypy plugin of attrs does not know Converter objects yet.
        converter=attrs.Converter(_self_when_alone, takes_self=True),  # type: ignore[misc]
        validator=v.optional(v.enum_member(ReferencePoint)),
    )
    level: CoCreationLevel | None = field(
        default=None, converter=_level, validator=v.optional(v.enum_member(CoCreationLevel))
    )
    sphere: Sphere = field(default=Sphere.JOINT, converter=_sphere, validator=v.enum_member(Sphere))
    mode: Mode = field(default=Mode.DIRECT, converter=_mode, validator=v.enum_member(Mode))
    period: int = field(default=0, validator=v.integer(low=0))
    offering: str | None = field(default=None, validator=v.optional_identifier)
    units: float = field(default=0.0, validator=_NON_NEGATIVE)
    modules: tuple[str, ...] = field(default=(), converter=v.as_tuple, validator=v.identifiers)
    job: str | None = field(default=None, validator=v.optional_identifier)
    occurrences: float = field(default=1.0, validator=_NON_NEGATIVE)
    achievement: tuple[Achievement, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Achievement, unique_by="outcome")
    )
    personalisation: float = field(default=0.0, validator=_UNIT)
    contributions: tuple[Contribution, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Contribution)
    )
    transfers: tuple[Transfer, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Transfer)
    )
    effort: float = field(default=0.0, validator=_NON_NEGATIVE)
    risk_probability: float = field(default=0.0, validator=_UNIT)
    risk_loss: float = field(default=0.0, validator=_NON_NEGATIVE)
    psychic_cost: float = field(default=0.0, validator=_NON_NEGATIVE)
    dart: DART | None = field(default=None, validator=v.optional(v.instance_of(DART)))
    recurring: bool = field(default=True, validator=v.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.counterpart is None:
            if self.reference_point is not ReferencePoint.SELF:
                raise ReferencePointError(
                    "Interaction.reference_point",
                    self.reference_point,
                    "ReferencePoint.SELF for an interaction without a counterpart",
                )
        elif self.reference_point is ReferencePoint.SELF:
            raise ReferencePointError(
                "Interaction.reference_point",
                self.reference_point,
                f"a reference point other than SELF, since the counterpart is {self.counterpart!r}",
            )
        if (self.units or self.modules) and self.offering is None:
            raise ValidationError(
                "Interaction.offering",
                None,
                "the id of the offering whose units or modules it buys",
            )
        if self.achievement and self.job is None:
            raise ValidationError(
                "Interaction.job", None, "the id of the job whose outcomes `achievement` scores"
            )


Actor: TypeAlias = Customer | Organisation | NetworkPartner
"""Any actor of an ecosystem.

Examples:
    >>> isinstance(Customer("acme"), Actor)
    True
"""

Entity: TypeAlias = (
    Customer | Organisation | NetworkPartner | Offering | JobToBeDone | Topic | Interaction
)
"""Anything an ecosystem holds by id.

Examples:
    >>> isinstance(Topic("green-it"), Entity), isinstance(Outcome("o", 1, 1), Entity)
    (True, False)
"""
