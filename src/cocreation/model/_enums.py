"""Classifications taken from the co-creation literature."""

from __future__ import annotations

import enum

__all__ = [
    "CoCreationLevel",
    "CustomerKind",
    "JobKind",
    "JobStep",
    "Mode",
    "PartnerRole",
    "PricingModel",
    "ReferencePoint",
    "ResourceKind",
    "Sphere",
    "TransferKind",
]


class CoCreationLevel(enum.StrEnum):
    """The four levels on which customers co-create with an organisation.

    From the core definition of co-creation: customers support the *design* of value
    provision, provide a share of the value themselves (*production*), co-create in
    selling (*referral*) and *support* other customers in using offerings.

    Examples:
        >>> CoCreationLevel.REFERRAL.value
        'referral'
        >>> CoCreationLevel("support") is CoCreationLevel.SUPPORT
        True
    """

    DESIGN = "design"
    """Insights, surveys, co-creation workshops, ideas that shape the offering."""
    PRODUCTION = "production"
    """Self-service, co-production, offerings made by users."""
    REFERRAL = "referral"
    """Recommendations, referrals, co-defining an offering with a B2B customer's management."""
    SUPPORT = "support"
    """User groups and communities where customers help other customers."""


class ReferencePoint(enum.StrEnum):
    """With what a customer interacts: the five reference points of interaction.

    An interaction's reference point follows from its endpoints, so the ecosystem
    derives it and rejects a stated one that contradicts them.

    Examples:
        >>> [point.value for point in ReferencePoint]
        ['self', 'other_customers', 'topic', 'network', 'organisation']
    """

    SELF = "self"
    """The customer with themselves (value-in-use, self-service on one's own)."""
    OTHER_CUSTOMERS = "other_customers"
    """The customer with other customers (communities, user groups, referrals)."""
    TOPIC = "topic"
    """The customer with a topic (a theme, a brand, a cause)."""
    NETWORK = "network"
    """The customer with the organisation's network partners."""
    ORGANISATION = "organisation"
    """The customer with the focal organisation."""


class Sphere(enum.StrEnum):
    """Where value is created (Grönroos & Voima 2013).

    Examples:
        >>> Sphere.JOINT.value
        'joint'
    """

    PROVIDER = "provider"
    """The firm facilitates: it produces potential value only."""
    JOINT = "joint"
    """Direct interaction between customer and firm: where co-creation happens."""
    CUSTOMER = "customer"
    """Value-in-use created by the customer alone."""


class Mode(enum.StrEnum):
    """Whether an interaction is direct or mediated (Grönroos & Voima 2013).

    Examples:
        >>> Mode("indirect")
        <Mode.INDIRECT: 'indirect'>
    """

    DIRECT = "direct"
    INDIRECT = "indirect"


class JobStep(enum.StrEnum):
    """The eight steps of the universal job map (Bettencourt & Ulwick 2008).

    Examples:
        >>> len(JobStep), JobStep.EXECUTE.value
        (8, 'execute')
    """

    DEFINE = "define"
    LOCATE = "locate"
    PREPARE = "prepare"
    CONFIRM = "confirm"
    EXECUTE = "execute"
    MONITOR = "monitor"
    MODIFY = "modify"
    CONCLUDE = "conclude"


class JobKind(enum.StrEnum):
    """What kind of job a customer is trying to get done.

    Examples:
        >>> JobKind.EMOTIONAL.value
        'emotional'
    """

    FUNCTIONAL = "functional"
    SOCIAL = "social"
    EMOTIONAL = "emotional"


class CustomerKind(enum.StrEnum):
    """An individual consumer or a business account.

    Examples:
        >>> CustomerKind.BUSINESS.value
        'business'
    """

    INDIVIDUAL = "individual"
    BUSINESS = "business"


class PartnerRole(enum.StrEnum):
    """The role a network partner plays in the ecosystem.

    Examples:
        >>> PartnerRole("community")
        <PartnerRole.COMMUNITY: 'community'>
    """

    SUPPLIER = "supplier"
    COMPLEMENTOR = "complementor"
    PLATFORM = "platform"
    COMMUNITY = "community"
    INFRASTRUCTURE = "infrastructure"


class PricingModel(enum.StrEnum):
    """How an offering is priced.

    Examples:
        >>> PricingModel.OUTCOME_BASED.value
        'outcome_based'
    """

    ONE_OFF = "one_off"
    """One price per purchase."""
    SUBSCRIPTION = "subscription"
    """One price per period of use."""
    OUTCOME_BASED = "outcome_based"
    """The price is paid per unit of outcome achieved."""


class ResourceKind(enum.StrEnum):
    """Kinds of resource an actor can bring into value creation.

    Examples:
        >>> ResourceKind.KNOWLEDGE.value
        'knowledge'
    """

    MONEY = "money"
    TIME = "time"
    SKILLS = "skills"
    KNOWLEDGE = "knowledge"
    INFRASTRUCTURE = "infrastructure"
    RELATIONSHIPS = "relationships"


class TransferKind(enum.StrEnum):
    """What a transfer moves: money, or a value object measured in money.

    Examples:
        >>> TransferKind.VALUE.value
        'value'
    """

    MONEY = "money"
    """Money paid: a price, a fee, a revenue share, an incentive."""
    VALUE = "value"
    """A value object valued in money: an idea, a referral, work done, help given."""
