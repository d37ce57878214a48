"""Model customer value co-creation in service ecosystems.

`cocreation` answers "who gains what when customers co-create value with an
organisation and its partners?": typed entities (customers, organisations, network
partners, offerings, jobs to be done, interactions), an ecosystem that checks every
reference and views itself as a NetworkX graph, and an exchange format that loses
nothing.

The package is layered: ``cocreation.model`` (entities), ``cocreation.ecosystem``
(registry and graph), ``cocreation.tables`` (interactions as columns), ``cocreation.accounting`` (who
gains what; its bulk path is ``cocreation.bulk``), ``cocreation.voc``
(voice-of-customer measures), ``cocreation.analysis`` (what-if analysis, simulation
and graph queries), and at the
edges ``cocreation.io`` (files), ``cocreation.frames`` (pandas, Arrow and Dask),
``cocreation.plot``, ``cocreation.cli`` and ``cocreation.strategies`` (Hypothesis
strategies). The names most people need are re-exported here.

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

from typing import Any

from cocreation import bulk
from cocreation.accounting import (
    LINES,
    FirmValue,
    FirmValues,
    Ledger,
    LedgerKey,
    NetBenefit,
    NetBenefits,
    NetValueFlow,
    NetValueFlows,
    PriceRange,
    Timing,
    ValueStick,
    WinWin,
    account,
    achievement_index,
    clv,
    firm_value,
    lifetime_factor,
    net_benefit,
    net_value_flows,
    per_period_rate,
    per_period_retention,
    price_range,
    value_stick,
    win_win,
)
from cocreation.analysis import (
    Centrality,
    MonteCarlo,
    Sensitivity,
    Sweep,
    central_integrator,
    interactions_of,
    monte_carlo,
    referral_chain,
    referral_forest,
    sensitivity,
    simulate,
    support_network,
    sweep,
)
from cocreation.ecosystem import Ecosystem, kind_of, to_graph
from cocreation.errors import (
    CocreationError,
    DivergenceError,
    DuplicateIdError,
    EstimationError,
    FormatError,
    MissingExtraError,
    ReferencePointError,
    SchemaVersionError,
    UnknownFieldError,
    UnknownIdError,
    ValidationError,
)
from cocreation.io import (
    dumps,
    example_ecosystem,
    from_node_link,
    graph_tables,
    json_schema,
    load,
    loads,
    read_customers,
    read_graphml,
    read_interactions,
    save,
    to_node_link,
    write_graphml,
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
from cocreation.voc import (
    NetPromoterScore,
    Opportunity,
    OpportunityScore,
    net_promoter_score,
    opportunity_score,
    top_two_box,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "DART",
    "LINES",
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
    "EstimationError",
    "FirmValue",
    "FirmValues",
    "FormatError",
    "Interaction",
    "JobKind",
    "JobStep",
    "JobToBeDone",
    "Ledger",
    "LedgerKey",
    "MissingExtraError",
    "Mode",
    "Module",
    "MonteCarlo",
    "NetBenefit",
    "NetBenefits",
    "NetPromoterScore",
    "NetValueFlow",
    "NetValueFlows",
    "NetworkPartner",
    "Offering",
    "Opportunity",
    "OpportunityScore",
    "Organisation",
    "Outcome",
    "PartnerRole",
    "PriceRange",
    "PricingModel",
    "ReferencePoint",
    "ReferencePointError",
    "Relationship",
    "Resource",
    "ResourceKind",
    "RevenueShare",
    "SchemaVersionError",
    "Sensitivity",
    "Sphere",
    "Sweep",
    "Timing",
    "Topic",
    "Transfer",
    "TransferKind",
    "UnknownFieldError",
    "UnknownIdError",
    "ValidationError",
    "ValueStick",
    "WinWin",
    "account",
    "achievement_index",
    "bulk",
    "central_integrator",
    "clv",
    "dumps",
    "example_ecosystem",
    "firm_value",
    "from_node_link",
    "graph_tables",
    "interactions_of",
    "json_schema",
    "kind_of",
    "lifetime_factor",
    "load",
    "loads",
    "monte_carlo",
    "net_benefit",
    "net_promoter_score",
    "net_value_flows",
    "opportunity_score",
    "per_period_rate",
    "per_period_retention",
    "price_range",
    "read_customers",
    "read_graphml",
    "read_interactions",
    "referral_chain",
    "referral_forest",
    "save",
    "sensitivity",
    "simulate",
    "support_network",
    "sweep",
    "to_graph",
    "to_node_link",
    "top_two_box",
    "value_stick",
    "win_win",
    "write_graphml",
]


def __getattr__(name: str) -> Any:
    from cocreation._deprecated import moved

    return moved(
        __name__,
        name,
        {
            "ColumnLedger": ("cocreation.bulk.ColumnLedger", bulk.ColumnLedger),
            "account_columns": ("cocreation.bulk.account", bulk.account),
            "clv_array": ("cocreation.bulk.clv", bulk.clv),
            "net_benefit_frame": (
                "cocreation.bulk.net_benefit(ecosystem, ledger=...).to_frame()",
                _frame(bulk.net_benefit),
            ),
            "firm_value_frame": (
                "cocreation.bulk.firm_value(ecosystem, ledger=..., timing=...).to_frame()",
                _frame(bulk.firm_value),
            ),
            "net_value_flows_frame": (
                "cocreation.bulk.net_value_flows(ecosystem, ledger=...).to_frame()",
                _frame(bulk.net_value_flows),
            ),
        },
    )


def _frame(view: Any) -> Any:
    def frame(ecosystem: Any, ledger: Any, **options: Any) -> Any:
        return view(ecosystem, ledger=ledger, **options).to_frame()

    return frame
