"""The model layer: typed, immutable entities, value objects and classifications.

Everything here is a frozen, slotted [attrs](https://www.attrs.org) class: hashable,
compared by value, changed only with `attrs.evolve`. Validators on the fields reject
bad input with a [`ValidationError`][cocreation.errors.ValidationError] that names the
field and the value.

Money and value are plain Python ``float`` everywhere: finite, checked on every field,
and the same number type that numpy and pandas use, so per-record objects and bulk
columns agree exactly. Value-in-use is a judgement, not a ledger entry, so the exact
decimal arithmetic of ``decimal.Decimal`` buys nothing here and would cost both speed
and interoperability; compare sums with a tolerance.

This layer imports nothing else of the library but its errors.

Examples:
    >>> from cocreation.model import Customer, Organisation
    >>> import attrs
    >>> acme = Customer("acme", value_of_time=80.0)
    >>> attrs.evolve(acme, value_of_time=95.0).value_of_time
    95.0
    >>> acme.value_of_time  # the original is untouched
    80.0
"""

from cocreation.model._entities import (
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
from cocreation.model._enums import (
    CoCreationLevel,
    CustomerKind,
    JobKind,
    JobStep,
    Mode,
    PartnerRole,
    PricingModel,
    ReferencePoint,
    ResourceKind,
    Sphere,
    TransferKind,
)
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
    "DART",
    "Achievement",
    "Actor",
    "CoCreationLevel",
    "Contribution",
    "Customer",
    "CustomerKind",
    "Entity",
    "Interaction",
    "JobKind",
    "JobStep",
    "JobToBeDone",
    "Mode",
    "Module",
    "NetworkPartner",
    "Offering",
    "Organisation",
    "Outcome",
    "PartnerRole",
    "PricingModel",
    "ReferencePoint",
    "Relationship",
    "Resource",
    "ResourceKind",
    "RevenueShare",
    "Sphere",
    "Topic",
    "Transfer",
    "TransferKind",
]
