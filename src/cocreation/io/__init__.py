"""The exchange formats: ecosystems as JSON, their JSON Schema, graph export, bundled examples.

- **JSON** of a whole ecosystem ([`dumps`][cocreation.io.dumps],
  [`loads`][cocreation.io.loads], [`save`][cocreation.io.save],
  [`load`][cocreation.io.load], and [`to_dict`][cocreation.io.to_dict] /
  [`from_dict`][cocreation.io.from_dict] for JSON-compatible dicts). A document reads::

      {"format": "cocreation.ecosystem", "version": 1, "name": "...",
       "actors": [{"kind": "customer", "id": "...", ...}, ...],
       "offerings": [...], "jobs": [...], "topics": [...], "interactions": [...]}

  Each actor carries its kind (``"customer"``, ``"organisation"`` or ``"partner"``)
  under ``"kind"``, so a customer's own kind is written as ``"customer_kind"``; enums
  are written as their values. Loading only parses JSON, never executes anything,
  checks everything, and fails with a [`FormatError`][cocreation.errors.FormatError]
  whose ``path`` (such as ``$.actors[2].count``) says where;
  [`validate`][cocreation.io.validate] lists every problem of a document at once. A reference the
  ecosystem cannot resolve (an unknown or duplicate id, a contradictory reference
  point) is reported the same way, as a ``FormatError`` with the path and the
  ecosystem's own error as its ``cause``; nothing is chained to it. A ``version``
  other than 1 raises
  [`SchemaVersionError`][cocreation.errors.SchemaVersionError].
- **JSON Schema** (draft 2020-12) of the format, generated from the model:
  [`json_schema`][cocreation.io.json_schema]; the same schema ships as
  ``ecosystem.schema.json`` ([`shipped_json_schema`][cocreation.io.shipped_json_schema]).
  Regenerate that file with ``python -m cocreation.io > src/cocreation/io/ecosystem.schema.json``.
- **Graph export** of [`Ecosystem.graph`][cocreation.Ecosystem.graph] as node-link
  JSON ([`to_node_link`][cocreation.io.to_node_link],
  [`from_node_link`][cocreation.io.from_node_link],
  [`write_node_link`][cocreation.io.write_node_link],
  [`read_node_link`][cocreation.io.read_node_link]) and GraphML
  ([`to_graphml`][cocreation.io.to_graphml],
  [`from_graphml`][cocreation.io.from_graphml],
  [`write_graphml`][cocreation.io.write_graphml],
  [`read_graphml`][cocreation.io.read_graphml]). Reading GraphML refuses any
  document type declaration, so no entity is ever expanded or fetched. Exported
  with ``document=True``, a graph also carries the whole ecosystem, which
  [`ecosystem_from_graph`][cocreation.io.ecosystem_from_graph] reads back.
- **Examples** shipped with the package: [`example_ecosystem`][cocreation.io.example_ecosystem]
  and [`example_names`][cocreation.io.example_names].

Examples:
    >>> from cocreation.io import dumps, example_ecosystem, loads
    >>> eco = example_ecosystem("co-selling")
    >>> loads(dumps(eco)) == eco
    True
    >>> loads('{"format": "cocreation.ecosystem", "version": 1, "actors": [{"kind": "robot", "id": "r2"}]}')
    Traceback (most recent call last):
    ...
    cocreation.errors.FormatError: $.actors[0].kind: expected one of 'customer', 'organisation', 'partner', got 'robot'
"""

from cocreation.io._check import validate
from cocreation.io._common import FORMAT, FORMAT_VERSION
from cocreation.io._examples import example_description, example_ecosystem, example_names
from cocreation.io._graph_export import (
    GRAPH_DOCUMENT,
    ecosystem_from_graph,
    from_graphml,
    from_node_link,
    read_graphml,
    read_node_link,
    to_graphml,
    to_node_link,
    write_graphml,
    write_node_link,
)
from cocreation.io._ingest import (
    CustomerRecords,
    InteractionRecords,
    Problem,
    read_customers,
    read_interactions,
)
from cocreation.io._json import dumps, from_dict, load, loads, save, to_dict
from cocreation.io._schema import json_schema, shipped_json_schema, write_json_schema
from cocreation.io._tables import graph_columns, graph_tables

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "GRAPH_DOCUMENT",
    "CustomerRecords",
    "InteractionRecords",
    "Problem",
    "dumps",
    "ecosystem_from_graph",
    "example_description",
    "example_ecosystem",
    "example_names",
    "from_dict",
    "from_graphml",
    "from_node_link",
    "graph_columns",
    "graph_tables",
    "json_schema",
    "load",
    "loads",
    "read_customers",
    "read_graphml",
    "read_interactions",
    "read_node_link",
    "save",
    "shipped_json_schema",
    "to_dict",
    "to_graphml",
    "to_node_link",
    "validate",
    "write_graphml",
    "write_json_schema",
    "write_node_link",
]
