"""Supporting value objects: outcomes, achievements, resources, transfers, DART scores."""

from __future__ import annotations

from attrs import field, frozen

from cocreation.errors import ValidationError
from cocreation.model import _validators as v
from cocreation.model._enums import ResourceKind, TransferKind
from cocreation.model._fields import suggesting_fields

__all__ = [
    "DART",
    "Achievement",
    "Contribution",
    "Module",
    "Outcome",
    "Relationship",
    "Resource",
    "RevenueShare",
    "Transfer",
]


def _resource_kind(value: ResourceKind | str) -> ResourceKind:
    return v.to_member(ResourceKind, value)


def _transfer_kind(value: TransferKind | str) -> TransferKind:
    return v.to_member(TransferKind, value)


_SCALE = v.number(low=0.0, high=10.0)
_UNIT = v.number(low=0.0, high=1.0)
_NON_NEGATIVE = v.number(low=0.0)


@suggesting_fields
@frozen
class Outcome:
    """A desired outcome of a job, with the customer's importance and current satisfaction.

    Importance and satisfaction are on Ulwick's 0-10 scale: the share of respondents
    who rate the outcome 4 or 5 on a five-point scale, divided by ten.

    Args:
        id: Identifies the outcome within its job.
        importance: How much the outcome matters to the customer, in [0, 10].
        satisfaction: How well the outcome is satisfied today, in [0, 10].
        statement: The outcome in the customer's words ("minimise the time to ...").

    Examples:
        >>> Outcome("setup-time", importance=8.5, satisfaction=3.0)
        Outcome(id='setup-time', importance=8.5, satisfaction=3.0, statement='')
        >>> Outcome("setup-time", importance=12, satisfaction=3)
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: Outcome.importance: expected a finite number in [0, 10], got 12
    """

    id: str = field(validator=v.identifier)
    importance: float = field(validator=_SCALE)
    satisfaction: float = field(validator=_SCALE)
    statement: str = field(default="", validator=v.text)


@suggesting_fields
@frozen
class Achievement:
    """The degree to which an outcome is achieved, in [-1, 1].

    On an interaction it is what the customer achieved when using an offering; on an
    offering it is what the offering claims (its value proposition, potential value
    only). A negative level means the offering made the outcome worse: value
    co-destruction.

    Examples:
        >>> Achievement("setup-time", 0.75)
        Achievement(outcome='setup-time', level=0.75)
    """

    outcome: str = field(validator=v.identifier)
    level: float = field(validator=v.number(low=-1.0, high=1.0))


@suggesting_fields
@frozen
class Resource:
    """A resource an actor holds or brings: money, time, skills, knowledge and so on.

    Args:
        kind: What kind of resource.
        amount: How much, in the resource's own unit (money, hours, or a score).
        description: What it is, in words.

    Examples:
        >>> Resource(ResourceKind.KNOWLEDGE, 3.0, "knows the network topology")
        Resource(kind=<ResourceKind.KNOWLEDGE: 'knowledge'>, amount=3.0, description='knows the network topology')
    """

    kind: ResourceKind = field(converter=_resource_kind, validator=v.enum_member(ResourceKind))
    amount: float = field(default=0.0, validator=_NON_NEGATIVE)
    description: str = field(default="", validator=v.text)


@suggesting_fields
@frozen
class Contribution:
    """A resource that one actor contributes to an interaction.

    Time is counted in hours; the customer's time is costed at the customer's value
    of time.

    Examples:
        >>> Contribution("acme", ResourceKind.TIME, 6.0)
        Contribution(actor='acme', kind=<ResourceKind.TIME: 'time'>, amount=6.0, description='')
    """

    actor: str = field(validator=v.identifier)
    kind: ResourceKind = field(converter=_resource_kind, validator=v.enum_member(ResourceKind))
    amount: float = field(default=0.0, validator=_NON_NEGATIVE)
    description: str = field(default="", validator=v.text)


@suggesting_fields
@frozen
class Transfer:
    """Money or a value object that moves from one actor to another.

    Money is conserved: what one actor pays another receives. A value object (an
    idea, a referral, work done, help given) is valued in money by its receiver; it
    costs its giver only the resources spent on it, which the interaction records as
    contributions, effort and expenses. A value object may be worth less than nothing
    to its receiver (a customer who harms the organisation on its own platform), so
    only money must be non-negative.

    Args:
        source: The id of the actor who gives.
        target: The id of the actor who receives.
        amount: How much, in money, per occurrence of the interaction (per member of a
            segment). Non-negative for money.
        kind: Money or a value object.
        label: What moves ("subscription fee", "adopted idea").

    Examples:
        >>> Transfer("acme", "telco", 1200.0, label="subscription")
        Transfer(source='acme', target='telco', amount=1200.0, kind=<TransferKind.MONEY: 'money'>, label='subscription')
        >>> Transfer("acme", "acme", 1.0)
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: Transfer.target: expected an actor other than the source 'acme', got 'acme'
    """

    source: str = field(validator=v.identifier)
    target: str = field(validator=v.identifier)
    amount: float = field(validator=v.number())
    kind: TransferKind = field(
        default=TransferKind.MONEY, converter=_transfer_kind, validator=v.enum_member(TransferKind)
    )
    label: str = field(default="", validator=v.text)

    def __attrs_post_init__(self) -> None:
        if self.kind is TransferKind.MONEY and self.amount < 0:
            raise ValidationError(
                "Transfer.amount", self.amount, "a finite number >= 0 for a money transfer"
            )
        if self.source == self.target:
            raise ValidationError(
                "Transfer.target", self.target, f"an actor other than the source {self.source!r}"
            )


@suggesting_fields
@frozen
class DART:
    """Dialogue, access, risk-benefits and transparency (Prahalad & Ramaswamy 2004).

    Each building block of co-creation is scored in [0, 1] on a relationship or an
    interaction.

    Examples:
        >>> scores = DART(dialogue=0.8, access=0.6, risk_benefits=0.5, transparency=0.9)
        >>> round(scores.mean, 3)
        0.7
    """

    dialogue: float = field(default=0.0, validator=_UNIT)
    access: float = field(default=0.0, validator=_UNIT)
    risk_benefits: float = field(default=0.0, validator=_UNIT)
    transparency: float = field(default=0.0, validator=_UNIT)

    @property
    def mean(self) -> float:
        """The unweighted mean of the four scores."""
        return (self.dialogue + self.access + self.risk_benefits + self.transparency) / 4.0


@suggesting_fields
@frozen
class Relationship:
    """A customer's relationship with another actor or a topic, with its DART scores.

    Examples:
        >>> Relationship("telco", DART(dialogue=0.9))
        Relationship(counterpart='telco', dart=DART(dialogue=0.9, access=0.0, risk_benefits=0.0, transparency=0.0))
    """

    counterpart: str = field(validator=v.identifier)
    dart: DART | None = field(default=None, validator=v.optional(v.instance_of(DART)))


@suggesting_fields
@frozen
class RevenueShare:
    """The share of an offering's price that goes to a network partner.

    Examples:
        >>> RevenueShare("cloud-partner", 0.2)
        RevenueShare(partner='cloud-partner', share=0.2)
    """

    partner: str = field(validator=v.identifier)
    share: float = field(validator=_UNIT)


@suggesting_fields
@frozen
class Module:
    """A module of a modular offering, with its own price and cost.

    Examples:
        >>> Module("security", price=300.0, cost=120.0, name="Managed security")
        Module(id='security', price=300.0, cost=120.0, name='Managed security')
    """

    id: str = field(validator=v.identifier)
    price: float = field(default=0.0, validator=_NON_NEGATIVE)
    cost: float = field(default=0.0, validator=_NON_NEGATIVE)
    name: str = field(default="", validator=v.text)
