"""Hypothesis strategies for every entity, value object and whole ecosystems.

Test your own code against random, valid models: each function returns a
``SearchStrategy`` and takes keyword arguments to pin ids and references, and
[`ecosystems`][cocreation.strategies.ecosystems] draws whole ecosystems that are
valid by construction. Installing `cocreation` registers these strategies with
Hypothesis (through its ``hypothesis`` entry point), so ``st.from_type(Customer)``
and ``st.from_type(Ecosystem)`` just work.

This module needs Hypothesis (``pip install 'cocreation[test]'``); importing
`cocreation` itself does not import it.

Examples:
    >>> from hypothesis import given, strategies as st
    >>> from cocreation import Customer, Ecosystem
    >>> @given(st.from_type(Customer), st.from_type(Ecosystem))
    ... def test(customer, eco):
    ...     assert customer.count >= 1
    ...     assert all(job.owner in eco for job in eco.jobs)
    >>> test()
"""

from __future__ import annotations

# Defined before anything imports Hypothesis, whose entry point calls it (see _hook).
from cocreation.strategies._hook import _hypothesis_setup_hook

# isort: split
from cocreation.strategies._common import ids
from cocreation.strategies._ecosystems import ecosystems
from cocreation.strategies._entities import (
    actors,
    customers,
    interactions,
    jobs,
    network_partners,
    offerings,
    organisations,
    topics,
)
from cocreation.strategies._values import (
    achievements,
    contributions,
    darts,
    modules,
    outcomes,
    relationships,
    resources,
    revenue_shares,
    transfers,
)

__all__ = [
    "achievements",
    "actors",
    "contributions",
    "customers",
    "darts",
    "ecosystems",
    "ids",
    "interactions",
    "jobs",
    "modules",
    "network_partners",
    "offerings",
    "organisations",
    "outcomes",
    "relationships",
    "resources",
    "revenue_shares",
    "topics",
    "transfers",
]


_hypothesis_setup_hook()
