"""The analysis layer: graph metrics and queries over an ecosystem.

Examples:
    >>> from cocreation import Ecosystem
    >>> from cocreation.analysis import referral_chain
    >>> eco = Ecosystem().add_customer("ann").add_customer("bob", referred_by="ann")
    >>> referral_chain(eco, "bob")
    ('ann', 'bob')
"""

from cocreation.analysis._graph_queries import (
    Centrality,
    central_integrator,
    interactions_of,
    referral_chain,
    referral_forest,
    support_network,
)

__all__ = [
    "Centrality",
    "central_integrator",
    "interactions_of",
    "referral_chain",
    "referral_forest",
    "support_network",
]
