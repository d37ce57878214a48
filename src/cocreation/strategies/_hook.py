"""Registration of the strategies for ``st.from_type``, safe to run while Hypothesis starts.

Hypothesis runs the ``hypothesis`` entry point while it is being imported, which may
happen in the middle of importing `cocreation.strategies` itself. So this module
imports nothing of Hypothesis at module level, and registers functions that look up
the strategy only when ``st.from_type`` first needs it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cocreation.ecosystem import Ecosystem
from cocreation.model import (
    DART,
    Achievement,
    Contribution,
    Customer,
    Interaction,
    JobToBeDone,
    Module,
    NetworkPartner,
    Offering,
    Organisation,
    Outcome,
    Relationship,
    Resource,
    RevenueShare,
    Topic,
    Transfer,
)

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["STRATEGY_OF", "_hypothesis_setup_hook"]

STRATEGY_OF: dict[type[Any], str] = {
    Outcome: "outcomes",
    Achievement: "achievements",
    Resource: "resources",
    Contribution: "contributions",
    Transfer: "transfers",
    DART: "darts",
    Relationship: "relationships",
    RevenueShare: "revenue_shares",
    Module: "modules",
    Customer: "customers",
    Organisation: "organisations",
    NetworkPartner: "network_partners",
    Offering: "offerings",
    JobToBeDone: "jobs",
    Topic: "topics",
    Interaction: "interactions",
    Ecosystem: "ecosystems",
}
"""The name of the public strategy function registered for each class."""


def _deferred(name: str) -> Callable[[type[Any]], SearchStrategy[Any]]:
    def resolve(_: type[Any]) -> SearchStrategy[Any]:
        module = importlib.import_module("cocreation.strategies")
        strategy: SearchStrategy[Any] = getattr(module, name)()
        return strategy

    return resolve


def _hypothesis_setup_hook() -> None:
    """Register the strategies of `cocreation.strategies` for ``st.from_type``.

    Hypothesis calls this through the ``hypothesis`` entry point; importing
    `cocreation.strategies` calls it too. Registering again is harmless.
    """
    from hypothesis import strategies as st

    for kind, name in STRATEGY_OF.items():
        st.register_type_strategy(kind, _deferred(name))
