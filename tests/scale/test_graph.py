"""Graphs at scale: relationship edges from interaction rows, and vertex and edge tables."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings

import cocreation as cc
from cocreation.frames import relationship_graph
from cocreation.io import graph_columns, graph_tables
from cocreation.strategies import ecosystems
from cocreation.tables import interactions_to_tables


@settings(deadline=None)
@given(ecosystems(min_interactions=1, max_interactions=8))
def test_relationship_edges_sum_the_interactions(eco: cc.Ecosystem) -> None:
    tables = interactions_to_tables(eco)
    graph = relationship_graph(
        eco, tables["interactions"], transfers=tables["transfers"], modules=tables["modules"]
    )
    assert set(graph) == {a.id for a in eco.actors} | {t.id for t in eco.topics}
    edges = [data for _, _, data in graph.edges(data=True)]
    assert sum(data["interactions"] for data in edges) == len(eco.interactions)
    for interaction in eco.interactions:
        target = interaction.counterpart or interaction.customer
        assert graph.has_edge(interaction.customer, target)
    total = sum(i.occurrences * eco.customer(i.customer).count for i in eco.interactions)
    assert sum(data["occurrences"] for data in edges) == pytest.approx(total, rel=1e-9)
    money = cc.account(eco).totals()
    paid = sum(lines["money_paid"] for lines in money.values())
    assert sum(data["money"] for data in edges) == pytest.approx(paid, rel=1e-9, abs=1e-6)


def test_relationship_graph_works_with_dispatchable_algorithms() -> None:
    eco = cc.example_ecosystem()
    tables = interactions_to_tables(eco)
    graph = relationship_graph(eco, tables["interactions"])
    scores = nx.degree_centrality(graph)
    assert set(scores) == set(graph)


@settings(deadline=None)
@given(ecosystems(min_interactions=1, max_interactions=6))
def test_graph_tables_hold_every_node_and_edge(eco: cc.Ecosystem) -> None:
    graph = eco.graph()
    vertices, edges = graph_tables(eco)
    assert list(vertices["id"]) == list(graph.nodes)
    assert len(edges) == graph.number_of_edges()
    assert set(edges["src"]) | set(edges["dst"]) <= set(vertices["id"])
    keys = list(zip(edges["src"], edges["dst"], edges["key"], strict=True))
    assert keys == list(graph.edges(keys=True))


def test_graph_columns_fill_missing_attributes_with_none() -> None:
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from([("a", {"weight": 1}), ("b", {})])
    graph.add_edges_from([("a", "b", {"w": 2.5})])
    vertices, edges = graph_columns(graph)
    assert vertices == {"id": ["a", "b"], "weight": [1, None]}
    assert edges == {"src": ["a"], "dst": ["b"], "w": [2.5]}
    frame, _ = graph_tables(graph)
    assert str(frame["weight"].dtype) == "Int64"


@pytest.mark.parametrize(
    ("node", "message"),
    [({"id": 1}, "attribute"), ({"colour": [1, 2]}, "a string, an integer")],
)
def test_graph_columns_refuse_what_tables_cannot_hold(
    node: dict[str, object], message: str
) -> None:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_node("a", **node)
    with pytest.raises(cc.ValidationError, match=message):
        graph_columns(graph)
