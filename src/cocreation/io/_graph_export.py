"""Graph export: the ecosystem graph as node-link JSON and as GraphML."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from xml.etree.ElementTree import ParseError

from cocreation.ecosystem import Ecosystem
from cocreation.errors import FormatError, ValidationError
from cocreation.io._common import (
    PathLike,
    json_text,
    key_path,
    parse_json,
    show,
    write_text,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "from_node_link",
    "read_graphml",
    "read_node_link",
    "to_node_link",
    "write_graphml",
    "write_node_link",
]

_NODE_LINK_KEYS: Final = ("directed", "multigraph", "graph", "nodes", "edges")
_RESERVED_NODE: Final = frozenset({"id"})
_RESERVED_EDGE: Final = frozenset({"source", "target", "key"})
# Characters XML 1.0 cannot hold, plus the carriage return, which XML parsers turn into "\n".
_NOT_IN_XML: Final = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SCALAR: Final = "a string, an integer, a finite number or a boolean"


def _graph_of(source: Ecosystem | nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    import networkx as nx

    if isinstance(source, Ecosystem):
        return source.graph()
    if not isinstance(source, nx.MultiDiGraph):
        msg = "an Ecosystem or a networkx MultiDiGraph"
        raise ValidationError("source", source, msg)
    return source


def _is_scalar(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | int)  # bool is an int


def _check_exportable(graph: nx.MultiDiGraph[str], *, xml: bool) -> None:
    """Reject what the formats would lose or garble, naming where it is."""

    def check_text(where: str, text: str) -> None:
        if xml and _NOT_IN_XML.search(text):
            expected = "a string without control characters other than tab and newline (XML)"
            raise ValidationError(where, text, expected)

    def check_attributes(
        where: str, attributes: Mapping[Any, Any], reserved: frozenset[str]
    ) -> None:
        for name, value in attributes.items():
            if not isinstance(name, str) or name in reserved:
                expected = "an attribute name that is a string other than " + ", ".join(
                    sorted(reserved) or ["''"]
                )
                raise ValidationError(f"{where} attribute", name, expected)
            check_text(f"{where} attribute", name)
            if not _is_scalar(value):
                raise ValidationError(f"{where}[{name!r}]", value, _SCALAR)
            if isinstance(value, str):
                check_text(f"{where}[{name!r}]", value)

    check_attributes("graph.graph", graph.graph, frozenset())
    for node, attributes in graph.nodes(data=True):
        if not isinstance(node, str):
            raise ValidationError("graph node", node, "a string id")
        check_text("graph node", node)
        check_attributes(f"graph.nodes[{node!r}]", attributes, _RESERVED_NODE)
    for source, target, key, attributes in graph.edges(keys=True, data=True):
        where = f"graph.edges[{source!r}, {target!r}, {key!r}]"
        if not isinstance(key, str):
            raise ValidationError(f"{where} key", key, "a string key")
        check_text(f"{where} key", key)
        check_attributes(where, attributes, _RESERVED_EDGE)


# ---------------------------------------------------------------- node-link JSON


def to_node_link(source: Ecosystem | nx.MultiDiGraph[str]) -> dict[str, Any]:
    """The ecosystem graph as node-link data: a JSON-compatible dict.

    The dict is what ``networkx.node_link_data(graph, edges="edges")`` makes:
    ``directed`` and ``multigraph`` (both true), ``graph`` (the graph's attributes),
    ``nodes`` (each with its ``id`` and attributes) and ``edges`` (each with its
    ``source``, ``target``, ``key`` and attributes).

    Args:
        source: An ecosystem (its [`graph`][cocreation.Ecosystem.graph] is exported) or
            a graph such as it returns.

    Returns:
        A new dict of JSON values; integers stay integers and floats floats.

    Raises:
        ValidationError: A graph whose node ids or edge keys are not strings, or whose
            attributes are not strings, integers, finite numbers or booleans.

    Examples:
        >>> from cocreation import Ecosystem
        >>> eco = Ecosystem().add_organisation("telco").add_customer("acme", count=3)
        >>> data = to_node_link(eco)
        >>> data["directed"], data["multigraph"]
        (True, True)
        >>> [(node["id"], node["kind"]) for node in data["nodes"]]
        [('telco', 'organisation'), ('acme', 'customer')]
    """
    import networkx as nx

    graph = _graph_of(source)
    _check_exportable(graph, xml=False)
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data


def _check_attributes(path: str, item: Mapping[str, Any], reserved: tuple[str, ...]) -> None:
    for name, value in item.items():
        if name in reserved:
            continue
        if not _is_scalar(value):  # a NonFinite marker is no scalar either
            raise FormatError(key_path(path, name), f"expected {_SCALAR}, got {show(value)}")


def _expect_string(path: str, item: Mapping[str, Any], key: str) -> str:
    if key not in item:
        raise FormatError(key_path(path, key), f"missing required key {key!r}")
    value = item[key]
    if not isinstance(value, str):
        raise FormatError(key_path(path, key), f"expected a string, got {show(value)}")
    return value


def _check_node_link(data: Any) -> None:
    if not isinstance(data, Mapping):
        raise FormatError("$", f"expected an object (node-link data), got {show(data)}")
    for key in data:
        if key not in _NODE_LINK_KEYS:
            hint = " (write edges under 'edges', not 'links')" if key == "links" else ""
            reason = f"unknown key {key!r}: expected only {', '.join(_NODE_LINK_KEYS)}{hint}"
            raise FormatError(key_path("$", str(key)), reason)
    for flag in ("directed", "multigraph"):
        if flag in data and data[flag] is not True:
            raise FormatError(f"$.{flag}", f"expected true, got {show(data[flag])}")
    attributes = data.get("graph", {})
    if not isinstance(attributes, Mapping):
        raise FormatError("$.graph", f"expected an object, got {show(attributes)}")
    _check_attributes("$.graph", attributes, ())
    nodes: set[str] = set()
    for collection in ("nodes", "edges"):
        if collection not in data:
            raise FormatError(f"$.{collection}", f"missing required key {collection!r}")
        if not isinstance(data[collection], list):
            reason = f"expected an array, got {show(data[collection])}"
            raise FormatError(f"$.{collection}", reason)
    for index, node in enumerate(data["nodes"]):
        path = f"$.nodes[{index}]"
        if not isinstance(node, Mapping):
            raise FormatError(path, f"expected an object (a node), got {show(node)}")
        node_id = _expect_string(path, node, "id")
        if node_id in nodes:
            raise FormatError(f"{path}.id", f"expected a node id not used before, got {node_id!r}")
        nodes.add(node_id)
        _check_attributes(path, node, ("id",))
    edges: set[tuple[str, str, str]] = set()
    for index, edge in enumerate(data["edges"]):
        path = f"$.edges[{index}]"
        if not isinstance(edge, Mapping):
            raise FormatError(path, f"expected an object (an edge), got {show(edge)}")
        ends = []
        for end in ("source", "target"):
            node_id = _expect_string(path, edge, end)
            if node_id not in nodes:
                reason = f"expected the id of a node, got unknown id {node_id!r}"
                raise FormatError(f"{path}.{end}", reason)
            ends.append(node_id)
        key = _expect_string(path, edge, "key")
        if (ends[0], ends[1], key) in edges:
            reason = (
                f"expected a key not used before between {ends[0]!r} and {ends[1]!r}, got {key!r}"
            )
            raise FormatError(f"{path}.key", reason)
        edges.add((ends[0], ends[1], key))
        _check_attributes(path, edge, ("source", "target", "key"))


def from_node_link(data: Mapping[str, Any]) -> nx.MultiDiGraph[str]:
    """The graph that node-link data describes, checked first.

    Args:
        data: Node-link data such as [`to_node_link`][cocreation.io.to_node_link] makes.

    Returns:
        A new ``MultiDiGraph`` with the same nodes, edges, keys and attributes.

    Raises:
        FormatError: The data is not node-link data of a directed multigraph with
            string ids and keys and scalar attributes; its ``path`` says where.

    Examples:
        >>> from cocreation import Ecosystem
        >>> eco = Ecosystem().add_organisation("telco").add_customer("acme")
        >>> eco = eco.add_interaction("call", customer="acme", counterpart="telco")
        >>> graph = from_node_link(to_node_link(eco))
        >>> sorted(graph.edges(keys=True))
        [('acme', 'telco', 'interaction:call')]
        >>> from_node_link({"nodes": [{"id": "a"}], "edges": [{"source": "a", "target": "b", "key": "k"}]})
        Traceback (most recent call last):
        ...
        cocreation.errors.FormatError: $.edges[0].target: expected the id of a node, got unknown id 'b'
    """
    import networkx as nx

    _check_node_link(data)
    graph = nx.node_link_graph(dict(data), directed=True, multigraph=True, edges="edges")
    assert isinstance(graph, nx.MultiDiGraph)  # the checks above ask for a directed multigraph
    return graph


def write_node_link(source: Ecosystem | nx.MultiDiGraph[str], path: PathLike) -> None:
    """Write the ecosystem graph to a node-link JSON file (UTF-8, ending in a newline).

    Args:
        source: An ecosystem, or a graph such as its ``graph()`` returns.
        path: Where to write; an existing file is replaced.

    Raises:
        ValidationError: A graph node-link JSON cannot carry (see [`to_node_link`][cocreation.io.to_node_link]).

    Examples:
        >>> import pathlib, tempfile
        >>> from cocreation import Ecosystem
        >>> eco = Ecosystem().add_organisation("telco")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "graph.json"
        ...     write_node_link(eco, path)
        ...     list(read_node_link(path).nodes(data="kind"))
        [('telco', 'organisation')]
    """
    write_text(path, json_text(to_node_link(source)) + "\n")


def read_node_link(path: PathLike) -> nx.MultiDiGraph[str]:
    """Read a graph from a node-link JSON file.

    Args:
        path: The file to read.

    Returns:
        A new ``MultiDiGraph``.

    Raises:
        OSError: The file cannot be read.
        FormatError: The file is not JSON, or not node-link data of a graph the
            library writes (see [`from_node_link`][cocreation.io.from_node_link]).

    Examples:
        >>> read_node_link("no/such/graph.json")
        Traceback (most recent call last):
        ...
        FileNotFoundError: [Errno 2] No such file or directory: 'no/such/graph.json'
    """
    return from_node_link(parse_json(Path(path).read_bytes()))


# ---------------------------------------------------------------- GraphML


def write_graphml(source: Ecosystem | nx.MultiDiGraph[str], path: PathLike) -> None:
    """Write the ecosystem graph to a GraphML file.

    Attribute types are kept: integers (``count``, ``period``) are written as
    ``long``, floats (money, shares, scores) as ``double``, strings as ``string``.

    Args:
        source: An ecosystem, or a graph such as its ``graph()`` returns.
        path: Where to write; an existing file is replaced.

    Raises:
        ValidationError: A graph GraphML cannot carry: ids, keys or attributes that
            are not scalars, or strings with characters XML cannot hold (control
            characters, and the carriage return, which XML turns into a newline).

    Examples:
        >>> import pathlib, tempfile
        >>> from cocreation import Ecosystem
        >>> eco = Ecosystem().add_customer("walk-ins", count=900)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "kiosks.graphml"
        ...     write_graphml(eco, path)
        ...     read_graphml(path).nodes["walk-ins"]["count"]
        900
    """
    import networkx as nx

    graph = _graph_of(source)
    _check_exportable(graph, xml=True)
    nx.write_graphml(graph, Path(path))


def read_graphml(path: PathLike) -> nx.MultiDiGraph[str]:
    """Read a graph from a GraphML file, such as [`write_graphml`][cocreation.io.write_graphml] writes.

    Node ids and edge keys are read as strings, attributes with the types the file
    declares. A document type declaration (and with it any entity) is refused, so
    reading never fetches or expands anything.

    Args:
        path: The file to read.

    Returns:
        A new ``MultiDiGraph``.

    Raises:
        OSError: The file cannot be read.
        FormatError: The file is not well-formed GraphML of a directed graph; the
            reason gives the line and column where the XML is broken.

    Examples:
        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "broken.graphml"
        ...     _ = path.write_text("<graphml><graph>")
        ...     read_graphml(path)
        Traceback (most recent call last):
        ...
        cocreation.errors.FormatError: $: malformed GraphML at line 1, column 16: no element found
    """
    import networkx as nx

    content = Path(path).read_bytes()
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise FormatError("$", "a GraphML file with a document type declaration is not accepted")
    try:
        graph = nx.read_graphml(
            io.BytesIO(content), node_type=str, edge_key_type=str, force_multigraph=True
        )
    except ParseError as error:
        line, column = error.position
        reason = f"malformed GraphML at line {line}, column {column}: {_parse_message(error)}"
        raise FormatError("$", reason) from error
    except (nx.NetworkXError, ValueError, TypeError, KeyError, AttributeError) as error:
        raise FormatError("$", f"not GraphML that networkx can read: {error}") from error
    if not isinstance(graph, nx.MultiDiGraph):
        raise FormatError("$", "expected a directed graph (edgedefault='directed')")
    for name in ("node_default", "edge_default"):
        if graph.graph.get(name) == {}:
            del graph.graph[name]
    result: nx.MultiDiGraph[str] = graph
    return result


def _parse_message(error: ParseError) -> str:
    """The expat message without the position, which the caller states once."""
    return str(error).split(":", 1)[0]
