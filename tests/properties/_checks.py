"""Checks shared by the property tests, written independently of the library's own code.

Each ``assert_*`` function states one invariant of DOMAIN.md for one ecosystem, so the
example-based properties and the stateful machine check exactly the same thing.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from cocreation import (
    Customer,
    Ecosystem,
    Interaction,
    NetworkPartner,
    Organisation,
    ReferencePoint,
    Topic,
    io,
)
from cocreation.ecosystem import EDGE_KINDS, NODE_KINDS

SCALARS = (str, int, float, bool)

# DOMAIN.md, reference points of interaction: what each kind of counterpart makes of it.
POINT_OF_COUNTERPART: dict[type[Any], ReferencePoint] = {
    Customer: ReferencePoint.OTHER_CUSTOMERS,
    Topic: ReferencePoint.TOPIC,
    NetworkPartner: ReferencePoint.NETWORK,
    Organisation: ReferencePoint.ORGANISATION,
}


def implied_reference_point(eco: Ecosystem, interaction: Interaction) -> ReferencePoint:
    """The reference point an interaction's endpoints imply."""
    if interaction.counterpart is None:
        return ReferencePoint.SELF
    return POINT_OF_COUNTERPART[type(eco[interaction.counterpart])]


def snapshot(eco: Ecosystem) -> tuple[Any, ...]:
    """Everything an ecosystem holds, to compare before and after an operation."""
    return (
        eco.name,
        eco.actors,
        eco.offerings,
        eco.jobs,
        eco.topics,
        eco.interactions,
        tuple((entity.id, eco[entity.id]) for entity in eco),
        len(eco),
    )


def assert_graph_edges_join_existing_nodes(eco: Ecosystem, graph: nx.MultiDiGraph[str]) -> None:
    """Invariant 12: both endpoints of every edge are nodes of a known kind."""
    for source, target, key in graph.edges(keys=True):
        for end in (source, target):
            assert graph.has_node(end), (key, end)
            assert graph.nodes[end].get("kind") in NODE_KINDS, (key, end, graph.nodes[end])
            assert end in eco, (key, end)


def assert_graph_kinds_are_known(graph: nx.MultiDiGraph[str]) -> None:
    """Invariant 12: every node and edge has a ``kind`` of the published vocabularies."""
    for node, attributes in graph.nodes(data=True):
        assert attributes.get("kind") in NODE_KINDS, (node, attributes)
    for source, target, key, attributes in graph.edges(keys=True, data=True):
        assert attributes.get("kind") in EDGE_KINDS, (source, target, key, attributes)


def assert_graph_attributes_are_scalars(graph: nx.MultiDiGraph[str]) -> None:
    """Graph attributes are ids, kinds and numbers only (never None, never an object)."""
    for name, value in graph.graph.items():
        assert isinstance(value, SCALARS), ("graph", name, value)
    for node, attributes in graph.nodes(data=True):
        assert isinstance(node, str), node
        for name, value in attributes.items():
            assert isinstance(value, SCALARS), (node, name, value)
    for source, target, key, attributes in graph.edges(keys=True, data=True):
        assert isinstance(key, str), (source, target, key)
        for name, value in attributes.items():
            assert isinstance(value, SCALARS), (source, target, key, name, value)


def assert_graph_holds_every_entity(eco: Ecosystem, graph: nx.MultiDiGraph[str]) -> None:
    """Every actor, offering, job and topic is a node; every interaction an edge."""
    expected_nodes = {entity.id for entity in (*eco.actors, *eco.offerings, *eco.jobs, *eco.topics)}
    assert set(graph.nodes) == expected_nodes
    interaction_keys = {
        key
        for _, _, key, attributes in graph.edges(keys=True, data=True)
        if attributes["kind"] == "interaction"
    }
    assert interaction_keys == {f"interaction:{i.id}" for i in eco.interactions}


def assert_reference_points_agree(eco: Ecosystem, graph: nx.MultiDiGraph[str]) -> None:
    """Invariant 12: each interaction's reference point is the one its endpoints imply.

    SELF exactly when there is no counterpart; otherwise the counterpart's kind decides
    (customer: OTHER_CUSTOMERS, topic: TOPIC, partner: NETWORK, organisation:
    ORGANISATION). The graph's interaction edge joins the same endpoints and says the same.
    """
    for interaction in eco.interactions:
        implied = implied_reference_point(eco, interaction)
        assert interaction.reference_point is implied, interaction
        assert (interaction.reference_point is ReferencePoint.SELF) == (
            interaction.counterpart is None
        )
        target = interaction.counterpart or interaction.customer
        edge = graph.edges[interaction.customer, target, f"interaction:{interaction.id}"]
        assert edge["reference_point"] == implied.value


def assert_graph_invariants(eco: Ecosystem) -> None:
    """Every graph check above, on one fresh graph of ``eco``."""
    graph = eco.graph()
    assert_graph_edges_join_existing_nodes(eco, graph)
    assert_graph_kinds_are_known(graph)
    assert_graph_attributes_are_scalars(graph)
    assert_graph_holds_every_entity(eco, graph)
    assert_reference_points_agree(eco, graph)


def assert_json_round_trip(eco: Ecosystem, *, indent: int | None = 2) -> None:
    """Invariant 11: the JSON exchange format gives back an equal ecosystem.

    ``indent=None`` writes a single line, which is faster to write and read.
    """
    assert io.loads(io.dumps(eco, indent=indent)) == eco


def graph_data(graph: nx.MultiDiGraph[str]) -> tuple[Any, ...]:
    """A graph's nodes, keyed edges and attributes, comparable with ``==``."""
    return (
        graph.is_directed(),
        graph.is_multigraph(),
        dict(graph.graph),
        {node: dict(attributes) for node, attributes in graph.nodes(data=True)},
        {
            (source, target, key): dict(attributes)
            for source, target, key, attributes in graph.edges(keys=True, data=True)
        },
    )
