"""The lifetime of use: a seeded, vectorised simulation of an ecosystem period by period.

[`simulate`][cocreation.simulate] runs an ecosystem forward: members stay or churn,
referrals bring newcomers, customers help or harm each other, ideas pay off after a
lag, personalisation is learned; each period's flows are the engine's per-member
flows for the members active. Rules say what changes; the results
([`Simulation`][cocreation.analysis.Simulation]) hold every figure per run, period
and actor.

Examples:
    >>> from cocreation.analysis import Help
    >>> Help("community", "shops", retention=0.05).retention
    0.05
"""

from cocreation.analysis.simulation._result import MEASURES, Simulation
from cocreation.analysis.simulation._rules import (
    Harm,
    Help,
    Ideas,
    Learning,
    Referrals,
    Rule,
    Survival,
)
from cocreation.analysis.simulation._simulate import simulate

__all__ = [
    "MEASURES",
    "Harm",
    "Help",
    "Ideas",
    "Learning",
    "Referrals",
    "Rule",
    "Simulation",
    "Survival",
    "simulate",
]
