"""Model customer value co-creation in service ecosystems.

`cocreation` answers "who gains what when customers co-create value with an
organisation and its partners?": typed entities (customers, organisations, network
partners, offerings, jobs to be done, interactions), an ecosystem that checks every
reference and views itself as a NetworkX graph, and an exchange format that loses
nothing.

The package is layered: ``cocreation.model`` (entities), ``cocreation.ecosystem``
(registry and graph), ``cocreation.analysis`` (graph queries), and at the edges
``cocreation.io`` (files), ``cocreation.cli`` and ``cocreation.strategies``
(Hypothesis strategies). The names most people need are re-exported here.

Examples:
    >>> import cocreation as cc
    >>> eco = (
    ...     cc.Ecosystem(name="Self-service kiosks")
    ...     .add_organisation("bank", name="Retail bank")
    ...     .add_customer("walk-ins", count=900, value_of_time=30.0)
    ...     .add_interaction(
    ...         "kiosk-use",
    ...         customer="walk-ins",
    ...         counterpart="bank",
    ...         level=cc.CoCreationLevel.PRODUCTION,
    ...     )
    ... )
    >>> eco.interaction("kiosk-use").reference_point
    <ReferencePoint.ORGANISATION: 'organisation'>
"""

from cocreation.analysis import (
    Centrality,
    central_integrator,
    interactions_of,
    referral_chain,
    referral_forest,
    support_network,
)
from cocreation.ecosystem import Ecosystem, kind_of, to_graph
from cocreation.errors import (
    CocreationError,
    DivergenceError,
    DuplicateIdError,
    FormatError,
    MissingExtraError,
    ReferencePointError,
    SchemaVersionError,
    UnknownIdError,
    ValidationError,
)
from cocreation.model import (
    DART,
    Achievement,
    Actor,
    CoCreationLevel,
    Contribution,
    Customer,
    CustomerKind,
    Entity,
    Interaction,
    JobKind,
    JobStep,
    JobToBeDone,
    Mode,
    Module,
    NetworkPartner,
    Offering,
    Organisation,
    Outcome,
    PartnerRole,
    PricingModel,
    ReferencePoint,
    Relationship,
    Resource,
    ResourceKind,
    RevenueShare,
    Sphere,
    Topic,
    Transfer,
    TransferKind,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "DART",
    "Achievement",
    "Actor",
    "Centrality",
    "CoCreationLevel",
    "CocreationError",
    "Contribution",
    "Customer",
    "CustomerKind",
    "DivergenceError",
    "DuplicateIdError",
    "Ecosystem",
    "Entity",
    "FormatError",
    "Interaction",
    "JobKind",
    "JobStep",
    "JobToBeDone",
    "MissingExtraError",
    "Mode",
    "Module",
    "NetworkPartner",
    "Offering",
    "Organisation",
    "Outcome",
    "PartnerRole",
    "PricingModel",
    "ReferencePoint",
    "ReferencePointError",
    "Relationship",
    "Resource",
    "ResourceKind",
    "RevenueShare",
    "SchemaVersionError",
    "Sphere",
    "Topic",
    "Transfer",
    "TransferKind",
    "UnknownIdError",
    "ValidationError",
    "central_integrator",
    "interactions_of",
    "kind_of",
    "referral_chain",
    "referral_forest",
    "support_network",
    "to_graph",
]
