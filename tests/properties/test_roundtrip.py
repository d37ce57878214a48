"""Invariant 11 of DOMAIN.md: serialisation loses nothing.

Every ecosystem round-trips through the JSON exchange format to an equal one, every
document validates against the published JSON Schema, and the graph exports
(node-link JSON and GraphML) give back the same nodes, keyed edges and attributes.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given, settings

from cocreation import Ecosystem, io
from cocreation.strategies import ecosystems

from ._checks import assert_json_round_trip, graph_data


@functools.cache
def _schema_validator() -> Any:
    """A validator for the published schema, which is itself checked to be a valid schema."""
    schema = io.json_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


# Serialising and graph export touch the disk and build graphs: no deadline here.
io_settings = settings(deadline=None)

# Ecosystems with interactions, the entity with the most fields to carry (an empty
# ecosystem's round trip is pinned by example tests of the io package).
WITH_INTERACTIONS = ecosystems(min_interactions=1)


# DOMAIN.md invariant 11: every ecosystem round-trips through JSON to an equal one.
@io_settings
@given(WITH_INTERACTIONS)
def test_invariant_11_every_ecosystem_round_trips_through_json_to_an_equal_one(
    eco: Ecosystem,
) -> None:
    assert_json_round_trip(eco)
    # The text is a function of the ecosystem: writing what was read gives the same text.
    text = io.dumps(eco)
    assert io.dumps(io.loads(text)) == text


# DOMAIN.md invariant 11: what is written is a document of the published format.
@io_settings
@given(WITH_INTERACTIONS)
def test_invariant_11_every_json_document_validates_against_the_published_schema(
    eco: Ecosystem,
) -> None:
    _schema_validator().validate(json.loads(io.dumps(eco)))


# DOMAIN.md invariant 11: node-link JSON keeps the graph's nodes, keyed edges and attributes.
@io_settings
@given(WITH_INTERACTIONS)
def test_invariant_11_node_link_export_round_trips_to_the_same_graph(eco: Ecosystem) -> None:
    document = json.loads(json.dumps(io.to_node_link(eco)))
    assert graph_data(io.from_node_link(document)) == graph_data(eco.graph())


# DOMAIN.md invariant 11: GraphML keeps the graph's nodes, keyed edges and attributes.
@io_settings
@given(WITH_INTERACTIONS)
def test_invariant_11_graphml_export_round_trips_to_the_same_graph(eco: Ecosystem) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ecosystem.graphml"
        io.write_graphml(eco, path)
        assert graph_data(io.read_graphml(path)) == graph_data(eco.graph())
