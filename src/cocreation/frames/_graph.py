"""The ecosystem graph from millions of interaction rows, aggregated into relationships."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cocreation._optional import require
from cocreation.accounting import price_of, scale
from cocreation.ecosystem import Ecosystem, kind_of
from cocreation.tables import ecosystem_arrays, group_codes, resolve_tables

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["relationship_graph"]


def relationship_graph(
    ecosystem: Ecosystem,
    interactions: Any,
    *,
    transfers: Any = None,
    modules: Any = None,
    contributions: Any = None,
    achievements: Any = None,
) -> nx.DiGraph[str]:
    """The graph of who interacts with whom: one edge per customer and counterpart.

    Every actor and topic of the ecosystem is a node with its ``kind`` (and, for a
    customer, its ``count``). The interaction rows (see
    [`COLUMNS`][cocreation.tables.COLUMNS], checked as by
    [`cocreation.bulk.account`][cocreation.bulk.account]) are aggregated with
    vectorised NumPy into one edge from each customer to each counterpart it
    interacts with (to itself for interactions with no counterpart, as in
    [`to_graph`][cocreation.to_graph]), whose attributes are numbers:

    - ``interactions``: how many rows;
    - ``occurrences``: the occurrences, times the customer's ``count``;
    - ``units``: the units bought, times occurrences and ``count``;
    - ``money``: the money those interactions move (purchases at their price with
      chosen modules, and money transfers), times occurrences and ``count``.

    The graph is built with ``add_nodes_from`` and ``add_edges_from`` only, so any
    NetworkX backend (nx-parallel, nx-cugraph) can convert it; pass it to any
    dispatchable algorithm with ``backend=``.

    Args:
        ecosystem: The ecosystem whose actors and topics the rows refer to.
        interactions: The interactions table.
        transfers: The transfers table, for ``money``.
        modules: The chosen modules table, for ``money``.
        contributions: Accepted and checked, as by ``cocreation.bulk.account``.
        achievements: Accepted and checked, as by ``cocreation.bulk.account``.

    Returns:
        A new ``networkx.DiGraph``.

    Raises:
        ValidationError: A bad value, naming table, row and column.
        UnknownIdError: A row refers to an id the ecosystem does not hold.
        MissingExtraError: pandas is not installed.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.frames import relationship_graph
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_organisation("bank")
        ...     .add_offering("account", provider="bank", price=10.0)
        ...     .add_customer("walk-ins", count=100)
        ... )
        >>> graph = relationship_graph(eco, {
        ...     "customer": ["walk-ins", "walk-ins", "walk-ins"],
        ...     "counterpart": ["bank", "bank", None],
        ...     "offering": ["account", None, None],
        ...     "units": [1.0, 0.0, 0.0],
        ... })
        >>> edge = graph.edges["walk-ins", "bank"]
        >>> edge["interactions"], edge["occurrences"], edge["money"]
        (2, 200.0, 1000.0)
        >>> graph.has_edge("walk-ins", "walk-ins")
        True
    """
    require("pandas", "pandas", "relationship_graph")
    import networkx as nx
    import numpy as np

    prepared = resolve_tables(
        ecosystem,
        interactions,
        transfers=transfers,
        achievements=achievements,
        contributions=contributions,
        modules=modules,
    )
    vocab = ecosystem_arrays(ecosystem)
    n = prepared.n
    customer = prepared.customer
    source = vocab.customer_actor[customer] if n else np.zeros(0, dtype=np.int64)
    target = np.where(prepared.counterpart >= 0, prepared.counterpart, source)
    scaled = scale(prepared.occurrences, vocab.count[customer]) if n else np.zeros(0)
    units = price_of(prepared.units, scaled)
    unit_price = vocab.price[prepared.offering] if n else np.zeros(0)
    if len(prepared.module_row):
        unit_price = unit_price + np.bincount(
            prepared.module_row, weights=prepared.module_price, minlength=n
        )
    money = np.where(prepared.offering > 0, price_of(unit_price, units), 0.0)
    if len(prepared.transfer_row):
        paid = prepared.transfer_money
        money = money + np.bincount(
            prepared.transfer_row[paid],
            weights=price_of(prepared.transfer_amount[paid], scaled[prepared.transfer_row[paid]]),
            minlength=n,
        )
    endpoints = len(vocab.endpoints)
    pair, pairs, first = group_codes([(source, endpoints), (target, endpoints)], n)
    counts = np.bincount(pair, minlength=pairs)
    occurrences = np.bincount(pair, weights=scaled, minlength=pairs)
    bought = np.bincount(pair, weights=units, minlength=pairs)
    moved = np.bincount(pair, weights=money, minlength=pairs)
    names = vocab.endpoints
    sources = [names[i] for i in source[first].tolist()]
    targets = [names[i] for i in target[first].tolist()]

    graph: nx.DiGraph[str] = nx.DiGraph(name=ecosystem.name)
    counts_of = dict(zip(vocab.customers, vocab.count_int.tolist(), strict=True))
    graph.add_nodes_from(
        (actor.id, {"kind": kind_of(actor), "count": counts_of[actor.id]})
        if actor.id in counts_of
        else (actor.id, {"kind": kind_of(actor)})
        for actor in ecosystem.actors
    )
    graph.add_nodes_from((topic.id, {"kind": "topic"}) for topic in ecosystem.topics)
    graph.add_edges_from(
        (u, v, {"interactions": c, "occurrences": o, "units": b, "money": m})
        for u, v, c, o, b, m in zip(
            sources,
            targets,
            counts.tolist(),
            occurrences.tolist(),
            bought.tolist(),
            moved.tolist(),
            strict=True,
        )
    )
    return graph
