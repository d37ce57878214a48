"""Graph export: the ecosystem graph as node-link JSON and as GraphML."""

from __future__ import annotations

import io
import json
import math
import re
import warnings
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
    "GRAPH_DOCUMENT",
    "ecosystem_from_graph",
    "from_graphml",
    "from_node_link",
    "read_graphml",
    "read_node_link",
    "to_graphml",
    "to_node_link",
    "write_graphml",
    "write_node_link",
]

GRAPH_DOCUMENT: Final = "cocreation_document"
"""The graph attribute that carries the whole ecosystem, when a graph is exported with it.

Written by ``to_node_link``, ``write_node_link``, ``to_graphml`` and
``write_graphml`` given ``document=True``: the ecosystem's JSON document on one line,
so that [`ecosystem_from_graph`][cocreation.io.ecosystem_from_graph] reads the
ecosystem back from the graph file, every field included.

Examples:
    >>> from cocreation import Ecosystem
    >>> data = to_node_link(Ecosystem(name="Kiosks"), document=True)
    >>> data["graph"][GRAPH_DOCUMENT][:40]
    '{"format":"cocreation.ecosystem","versio'
"""

_NODE_LINK_KEYS: Final = ("directed", "multigraph", "graph", "nodes", "edges")
_RESERVED_NODE: Final = frozenset({"id"})
_RESERVED_EDGE: Final = frozenset({"source", "target", "key"})
# Characters XML 1.0 cannot hold, plus the carriage return, which XML parsers turn into "\n".
_NOT_IN_XML: Final = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SCALAR: Final = "a string, an integer, a finite number or a boolean"


def _graph_of(
    source: Ecosystem | nx.MultiDiGraph[str], *, document: bool = False
) -> nx.MultiDiGraph[str]:
    import networkx as nx

    if isinstance(source, Ecosystem):
        graph = source.graph()
        if document:
            from cocreation.io._json import to_dict

            # ASCII on one line: whatever the ids hold, XML and JSON carry it unchanged.
            graph.graph[GRAPH_DOCUMENT] = json.dumps(
                to_dict(source), ensure_ascii=True, allow_nan=False, separators=(",", ":")
            )
        return graph
    if not isinstance(source, nx.MultiDiGraph):
        msg = "an Ecosystem or a networkx MultiDiGraph"
        raise ValidationError("source", source, msg)
    if document:
        raise ValidationError("document", document, "False when the source is a graph")
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


def to_node_link(
    source: Ecosystem | nx.MultiDiGraph[str], *, document: bool = False
) -> dict[str, Any]:
    """The ecosystem graph as node-link data: a JSON-compatible dict.

    The dict is what ``networkx.node_link_data(graph, edges="edges")`` makes:
    ``directed`` and ``multigraph`` (both true), ``graph`` (the graph's attributes),
    ``nodes`` (each with its ``id`` and attributes) and ``edges`` (each with its
    ``source``, ``target``, ``key`` and attributes).

    Args:
        source: An ecosystem (its [`graph`][cocreation.Ecosystem.graph] is exported) or
            a graph such as it returns.
        document: Also carry the ecosystem's whole JSON document in the graph
            attribute [`GRAPH_DOCUMENT`][cocreation.io.GRAPH_DOCUMENT], so that
            [`ecosystem_from_graph`][cocreation.io.ecosystem_from_graph] reads the
            ecosystem back (an ecosystem source only).

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

    graph = _graph_of(source, document=document)
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


def write_node_link(
    source: Ecosystem | nx.MultiDiGraph[str], path: PathLike, *, document: bool = False
) -> None:
    """Write the ecosystem graph to a node-link JSON file (UTF-8, ending in a newline).

    Args:
        source: An ecosystem, or a graph such as its ``graph()`` returns.
        path: Where to write; an existing file is replaced.
        document: Also carry the ecosystem's JSON document (see
            [`to_node_link`][cocreation.io.to_node_link]).

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
    write_text(path, json_text(to_node_link(source, document=document)) + "\n")


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


def _exportable_graphml(
    source: Ecosystem | nx.MultiDiGraph[str], document: bool
) -> nx.MultiDiGraph[str]:
    graph = _graph_of(source, document=document)
    _check_exportable(graph, xml=True)
    return graph


def to_graphml(source: Ecosystem | nx.MultiDiGraph[str], *, document: bool = False) -> str:
    """The ecosystem graph as a GraphML text, such as [`write_graphml`][cocreation.io.write_graphml] writes.

    Args:
        source: An ecosystem, or a graph such as its ``graph()`` returns.
        document: Also carry the ecosystem's JSON document (see
            [`to_node_link`][cocreation.io.to_node_link]).

    Returns:
        The GraphML document, with its XML declaration, ending in a newline.

    Raises:
        ValidationError: A graph GraphML cannot carry (see
            [`write_graphml`][cocreation.io.write_graphml]).

    Examples:
        >>> from cocreation import Ecosystem
        >>> text = to_graphml(Ecosystem().add_customer("walk-ins", count=900))
        >>> text.splitlines()[0]
        '<?xml version="1.0" encoding="utf-8"?>'
        >>> from_graphml(text).nodes["walk-ins"]["count"]
        900
    """
    import networkx as nx

    graph = _exportable_graphml(source, document)
    lines = nx.generate_graphml(graph, encoding="utf-8")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + "\n".join(lines) + "\n"


def write_graphml(
    source: Ecosystem | nx.MultiDiGraph[str], path: PathLike, *, document: bool = False
) -> None:
    """Write the ecosystem graph to a GraphML file.

    Attribute types are kept: integers (``count``, ``period``) are written as
    ``long``, floats (money, shares, scores) as ``double``, strings as ``string``.

    Args:
        source: An ecosystem, or a graph such as its ``graph()`` returns.
        path: Where to write; an existing file is replaced.
        document: Also carry the ecosystem's JSON document (see
            [`to_node_link`][cocreation.io.to_node_link]).

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

    nx.write_graphml(_exportable_graphml(source, document), Path(path))


class _Declared(Exception):  # noqa: N818  (an internal signal, turned into a FormatError)
    """A document type declaration, an entity declaration or an external entity was met."""


def _refuse_declarations(content: bytes) -> None:
    """Parse the XML once with expat, refusing any document type declaration.

    Entities, internal or external, can only be declared inside a document type
    declaration, so refusing it refuses entity expansion ("billion laughs") and
    external entities, whatever the encoding of the file. This is what
    ``defusedxml``'s ``forbid_dtd`` does, with the parser of the standard library.

    Raises:
        FormatError: A declaration, or XML that is not well-formed.
    """
    from xml.parsers import expat

    def refuse(*_: object) -> None:
        raise _Declared

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(content, True)
    except _Declared:
        reason = (
            "a GraphML file with a document type declaration (<!DOCTYPE>) is not accepted: "
            "it could declare entities that expand or fetch content"
        )
        raise FormatError("$", reason) from None
    except expat.ExpatError as error:
        reason = (
            f"malformed GraphML at line {error.lineno}, column {error.offset}: "
            f"{expat.ErrorString(error.code)}"
        )
        raise FormatError("$", reason) from None


def from_graphml(content: str | bytes) -> nx.MultiDiGraph[str]:
    """The graph a GraphML text describes, checked first.

    Node ids and edge keys are read as strings, attributes with the types the file
    declares. A document type declaration (and with it any entity, internal or
    external) is refused before anything else reads the text, so reading never
    expands or fetches anything.

    Args:
        content: The GraphML document, as text or as bytes in the encoding it declares.

    Returns:
        A new ``MultiDiGraph``.

    Raises:
        FormatError: The text is not well-formed XML (the reason gives the line and
            column), declares a document type, or is not GraphML of a directed graph.

    Examples:
        >>> from_graphml("<graphml><graph>")
        Traceback (most recent call last):
        ...
        cocreation.errors.FormatError: $: malformed GraphML at line 1, column 16: no element found
        >>> from_graphml('<!DOCTYPE g [<!ENTITY x "y">]><graphml/>')
        Traceback (most recent call last):
        ...
        cocreation.errors.FormatError: $: a GraphML file with a document type declaration (<!DOCTYPE>) is not accepted: it could declare entities that expand or fetch content
    """
    import networkx as nx

    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
        if content.startswith(b"<?xml"):
            # The text was decoded already: whatever encoding its declaration names,
            # its bytes are UTF-8 now.
            end = content.find(b"?>")
            content = b'<?xml version="1.0" encoding="utf-8"?>' + content[end + 2 :]
    if not isinstance(content, bytes):
        raise FormatError("$", f"expected GraphML as text or bytes, got {show(content)}")
    _refuse_declarations(content)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            graph = nx.read_graphml(
                io.BytesIO(content), node_type=str, edge_key_type=str, force_multigraph=True
            )
    except ParseError as error:  # expat accepted it above; kept as a safety net
        line, column = error.position
        reason = f"malformed GraphML at line {line}, column {column}: {_parse_message(error)}"
        raise FormatError("$", reason) from None
    except (nx.NetworkXError, ValueError, TypeError, KeyError, AttributeError) as error:
        raise FormatError("$", f"not GraphML that networkx can read: {error}") from None
    if caught:  # such as data under a key the file does not declare
        raise FormatError("$", f"not GraphML that networkx reads as it is: {caught[0].message}")
    if not isinstance(graph, nx.MultiDiGraph):
        raise FormatError("$", "expected a directed graph (edgedefault='directed')")
    for name in ("node_default", "edge_default"):
        if graph.graph.get(name) == {}:
            del graph.graph[name]
    result: nx.MultiDiGraph[str] = graph
    return result


def read_graphml(path: PathLike) -> nx.MultiDiGraph[str]:
    """Read a graph from a GraphML file, such as [`write_graphml`][cocreation.io.write_graphml] writes.

    Reads as [`from_graphml`][cocreation.io.from_graphml] does: a document type
    declaration (and with it any entity) is refused, so reading never fetches or
    expands anything.

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
    return from_graphml(Path(path).read_bytes())


def _parse_message(error: ParseError) -> str:
    """The expat message without the position, which the caller states once."""
    return str(error).split(":", 1)[0]


def ecosystem_from_graph(graph: nx.MultiDiGraph[str]) -> Ecosystem:
    """The ecosystem a graph carries, when it was exported with ``document=True``.

    A graph holds ids, kinds and numbers only; the ecosystem itself travels in its
    [`GRAPH_DOCUMENT`][cocreation.io.GRAPH_DOCUMENT] attribute. The graph's nodes
    must be the ecosystem's, so a graph edited after its export is not mistaken for
    the ecosystem it came from.

    Args:
        graph: A graph read with [`read_graphml`][cocreation.io.read_graphml],
            [`from_graphml`][cocreation.io.from_graphml] or
            [`from_node_link`][cocreation.io.from_node_link].

    Returns:
        The ecosystem, equal to the one exported.

    Raises:
        FormatError: The graph carries no document, its document is invalid, or its
            nodes are not those of the ecosystem the document describes.

    Examples:
        >>> from cocreation import Ecosystem
        >>> eco = Ecosystem(name="Kiosks").add_customer("walk-ins", count=900)
        >>> ecosystem_from_graph(from_graphml(to_graphml(eco, document=True))) == eco
        True
        >>> ecosystem_from_graph(from_graphml(to_graphml(eco)))
        Traceback (most recent call last):
        ...
        cocreation.errors.FormatError: $.graph.cocreation_document: missing: the graph holds ids, kinds and numbers only; export it with document=True (cocreation export --to graphml does) to read the ecosystem back
    """
    from cocreation.io._json import loads

    where = f"$.graph.{GRAPH_DOCUMENT}"
    text = graph.graph.get(GRAPH_DOCUMENT)
    if text is None:
        reason = (
            "missing: the graph holds ids, kinds and numbers only; export it with "
            "document=True (cocreation export --to graphml does) to read the ecosystem back"
        )
        raise FormatError(where, reason)
    if not isinstance(text, str):
        raise FormatError(where, f"expected the ecosystem's JSON document, got {show(text)}")
    try:
        ecosystem = loads(text)
    except FormatError as error:
        raise FormatError(
            f"{where}: {error.path}", error.reason, error.problems, error.cause
        ) from None
    expected = {
        entity.id
        for collection in (ecosystem.actors, ecosystem.offerings, ecosystem.jobs, ecosystem.topics)
        for entity in collection
    }
    nodes = set(graph.nodes)
    if nodes != expected:
        changed = sorted(nodes.symmetric_difference(expected))
        shown = ", ".join(repr(node) for node in changed[:5])
        reason = (
            "the graph's nodes differ from those of the ecosystem it carries "
            f"(edited after its export?): {shown}"
        )
        raise FormatError("$.nodes", reason)
    return ecosystem
