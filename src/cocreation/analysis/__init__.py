"""The analysis layer: graph metrics and queries over an ecosystem, many seeded runs, simulation.

Graph queries: who supports whom, referral chains, the central integrator. Many
runs: [`chunks`][cocreation.analysis.chunks] and
[`run_chunks`][cocreation.analysis.run_chunks] cut a stochastic computation into
seeded chunks that give the same results here or on any executor. The lifetime of
use: [`simulate`][cocreation.simulate] runs an ecosystem forward period by period,
with rules ([`Help`][cocreation.analysis.Help], [`Harm`][cocreation.analysis.Harm],
[`Referrals`][cocreation.analysis.Referrals] and others) saying what changes.

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
from cocreation.analysis._runs import CHUNK_RUNS, Chunk, chunks, run_chunks
from cocreation.analysis.simulation import (
    MEASURES,
    Harm,
    Help,
    Ideas,
    Learning,
    Referrals,
    Rule,
    Simulation,
    Survival,
    simulate,
)

__all__ = [
    "CHUNK_RUNS",
    "MEASURES",
    "Centrality",
    "Chunk",
    "Harm",
    "Help",
    "Ideas",
    "Learning",
    "Referrals",
    "Rule",
    "Simulation",
    "Survival",
    "central_integrator",
    "chunks",
    "interactions_of",
    "referral_chain",
    "referral_forest",
    "run_chunks",
    "simulate",
    "support_network",
]
