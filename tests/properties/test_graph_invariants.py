"""Invariant 12 of DOMAIN.md: an interaction's form agrees with its endpoints, and every
edge of the graph joins nodes that exist."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocreation import Ecosystem, ReferencePoint
from cocreation.errors import ReferencePointError
from cocreation.strategies import ecosystems, ids

from ._checks import (
    assert_graph_attributes_are_scalars,
    assert_graph_edges_join_existing_nodes,
    assert_graph_holds_every_entity,
    assert_graph_kinds_are_known,
    assert_reference_points_agree,
    implied_reference_point,
)

# Building graphs may import heavy dependencies the first time: no deadline here.
graph_settings = settings(deadline=None)

# Ecosystems with interactions, whose edges are the ones these properties are about (an
# empty ecosystem's graph is pinned by an example test of the ecosystem package).
WITH_INTERACTIONS = ecosystems(min_interactions=1)


# DOMAIN.md invariant 12: every edge of the graph joins nodes that exist.
@graph_settings
@given(WITH_INTERACTIONS)
def test_invariant_12_every_graph_edge_joins_existing_nodes(eco: Ecosystem) -> None:
    assert_graph_edges_join_existing_nodes(eco, eco.graph())


# DOMAIN.md invariant 12: nodes and edges carry only the published kinds.
@graph_settings
@given(WITH_INTERACTIONS)
def test_invariant_12_every_node_and_edge_kind_is_known(eco: Ecosystem) -> None:
    assert_graph_kinds_are_known(eco.graph())


# DOMAIN.md invariant 12 (with STYLE.md: graph attributes are ids, kinds and numbers).
@graph_settings
@given(WITH_INTERACTIONS)
def test_invariant_12_every_graph_attribute_is_a_scalar(eco: Ecosystem) -> None:
    assert_graph_attributes_are_scalars(eco.graph())


# DOMAIN.md invariant 12: the graph is a view of the whole ecosystem, no more, no less.
@graph_settings
@given(WITH_INTERACTIONS)
def test_invariant_12_graph_holds_every_entity_as_a_node_or_edge(eco: Ecosystem) -> None:
    assert_graph_holds_every_entity(eco, eco.graph())


# DOMAIN.md invariant 12: an interaction's reference point agrees with its endpoints.
@graph_settings
@given(WITH_INTERACTIONS)
def test_invariant_12_interaction_reference_point_agrees_with_its_endpoints(eco: Ecosystem) -> None:
    assert_reference_points_agree(eco, eco.graph())


# DOMAIN.md invariant 12: the library never stores a form that contradicts the endpoints.
@given(ecosystems(min_customers=1, max_interactions=4), st.data())
def test_invariant_12_contradicting_reference_point_is_rejected(
    eco: Ecosystem, data: st.DataObject
) -> None:
    customer = data.draw(st.sampled_from(eco.customers)).id
    others = [entity.id for entity in (*eco.actors, *eco.topics) if entity.id != customer]
    counterpart = data.draw(st.none() | st.sampled_from(others) if others else st.none())
    fresh = data.draw(ids(exclude={entity.id for entity in eco}))
    added = eco.add_interaction(fresh, customer=customer, counterpart=counterpart)
    implied = implied_reference_point(added, added.interaction(fresh))
    wrong = data.draw(st.sampled_from([point for point in ReferencePoint if point is not implied]))

    with pytest.raises(ReferencePointError):
        eco.add_interaction(
            fresh, customer=customer, counterpart=counterpart, reference_point=wrong
        )
    with pytest.raises(ReferencePointError):
        added.replace(attrs.evolve(added.interaction(fresh), reference_point=wrong))
    # Stating the implied point is accepted and changes nothing.
    stated = eco.add_interaction(
        fresh, customer=customer, counterpart=counterpart, reference_point=implied
    )
    assert stated == added


# DOMAIN.md invariant 12: no interaction of an ecosystem can be given a contradicting form.
@given(WITH_INTERACTIONS)
def test_invariant_12_no_interaction_takes_a_contradicting_reference_point(eco: Ecosystem) -> None:
    for interaction in eco.interactions:
        implied = implied_reference_point(eco, interaction)
        for wrong in ReferencePoint:
            if wrong is implied:
                continue
            with pytest.raises(ReferencePointError):
                eco.replace(attrs.evolve(interaction, reference_point=wrong))
