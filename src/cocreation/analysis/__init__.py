"""The analysis layer: what-if questions, simulation, graph queries, and many seeded runs.

What if: [`sweep`][cocreation.sweep] (every combination of some numbers' values),
[`sensitivity`][cocreation.sensitivity] (which inputs drive an output: Sobol,
Morris, one at a time) and [`monte_carlo`][cocreation.monte_carlo] (every actor's
figure as a distribution), over numbers named by address, with the distributions
of uncertain inputs ([`Uniform`][cocreation.analysis.Uniform] and the others).
The lifetime of use: [`simulate`][cocreation.simulate] runs an ecosystem forward
period by period, with rules ([`Help`][cocreation.analysis.Help],
[`Harm`][cocreation.analysis.Harm], [`Referrals`][cocreation.analysis.Referrals]
and others) saying what changes.
Graph queries: who supports whom, referral chains, the central integrator. Many
runs: [`chunks`][cocreation.analysis.chunks] and
[`run_chunks`][cocreation.analysis.run_chunks] cut a stochastic computation into
seeded chunks that give the same results here or on any executor.

Examples:
    >>> from cocreation import Ecosystem
    >>> from cocreation.analysis import referral_chain
    >>> eco = Ecosystem().add_customer("ann").add_customer("bob", referred_by="ann")
    >>> referral_chain(eco, "bob")
    ('ann', 'bob')
"""

from cocreation.analysis._distributions import (
    Beta,
    Distribution,
    LogNormal,
    Normal,
    Triangular,
    Uniform,
    as_distribution,
    rank_correlated,
)
from cocreation.analysis._graph_queries import (
    Centrality,
    central_integrator,
    interactions_of,
    referral_chain,
    referral_forest,
    support_network,
)
from cocreation.analysis._monte_carlo import QUANTILES, MonteCarlo, monte_carlo
from cocreation.analysis._runs import CHUNK_RUNS, Chunk, chunks, run_chunks
from cocreation.analysis._sensitivity import METHODS, Sensitivity, sensitivity
from cocreation.analysis._sweep import Sweep, sweep
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
    "METHODS",
    "QUANTILES",
    "Beta",
    "Centrality",
    "Chunk",
    "Distribution",
    "Harm",
    "Help",
    "Ideas",
    "Learning",
    "LogNormal",
    "MonteCarlo",
    "Normal",
    "Referrals",
    "Rule",
    "Sensitivity",
    "Simulation",
    "Survival",
    "Sweep",
    "Triangular",
    "Uniform",
    "as_distribution",
    "central_integrator",
    "chunks",
    "interactions_of",
    "monte_carlo",
    "rank_correlated",
    "referral_chain",
    "referral_forest",
    "run_chunks",
    "sensitivity",
    "simulate",
    "support_network",
    "sweep",
]
