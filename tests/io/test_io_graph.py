"""Graph export: node-link JSON and GraphML round trips, and malformed input as a FormatError."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import networkx as nx
import pytest

from cocreation import Ecosystem, FormatError, ValidationError
from cocreation.io import (
    GRAPH_DOCUMENT,
    ecosystem_from_graph,
    example_ecosystem,
    example_names,
    from_graphml,
    from_node_link,
    read_graphml,
    read_node_link,
    to_graphml,
    to_node_link,
    write_graphml,
    write_node_link,
)

if TYPE_CHECKING:
    Graph: TypeAlias = nx.MultiDiGraph[str]


def snapshot(graph: Graph) -> tuple[Any, ...]:
    """Everything a round trip must keep: nodes, edges, keys and attributes with their types."""

    def typed(attributes: dict[str, Any]) -> dict[str, tuple[type, Any]]:
        return {name: (type(value), value) for name, value in attributes.items()}

    nodes = sorted((node, typed(data)) for node, data in graph.nodes(data=True))
    edges = sorted(
        ((u, v, k, typed(data)) for u, v, k, data in graph.edges(keys=True, data=True)),
        key=lambda edge: (edge[0], edge[1], edge[2]),
    )
    return (type(graph), nodes, edges, typed(graph.graph))


def example_graph() -> Graph:
    graph: Graph = example_ecosystem().graph()
    return graph


def test_the_example_graph_has_ints_floats_and_strings() -> None:
    graph = example_graph()
    assert type(graph.nodes["small-businesses"]["count"]) is int
    assert type(graph.nodes["alpine-telecom"]["fixed_cost"]) is float
    periods = {type(data["period"]) for _, _, data in graph.edges(data=True) if "period" in data}
    assert periods == {int}


# ---------------------------------------------------------------- node-link JSON


def test_node_link_round_trips_in_memory() -> None:
    graph = example_graph()
    assert snapshot(from_node_link(to_node_link(graph))) == snapshot(graph)


def test_node_link_round_trips_through_json_text() -> None:
    graph = example_graph()
    text = json.dumps(to_node_link(example_ecosystem()))
    assert snapshot(from_node_link(json.loads(text))) == snapshot(graph)


def test_node_link_round_trips_through_a_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    write_node_link(example_ecosystem(), path)
    assert snapshot(read_node_link(path)) == snapshot(example_graph())


def test_node_link_data_has_the_networkx_shape() -> None:
    data = to_node_link(example_ecosystem())
    assert set(data) == {"directed", "multigraph", "graph", "nodes", "edges"}
    assert data["directed"] is True
    assert data["multigraph"] is True
    assert data["graph"] == {"name": "Co-selling at Alpine Telecom"}
    assert {"source", "target", "key", "kind"} <= set(data["edges"][0])
    assert data == nx.node_link_data(example_graph(), edges="edges")


def test_an_empty_ecosystem_round_trips(tmp_path: Path) -> None:
    graph = Ecosystem().graph()
    assert snapshot(from_node_link(to_node_link(graph))) == snapshot(graph)
    write_graphml(graph, tmp_path / "empty.graphml")
    assert snapshot(read_graphml(tmp_path / "empty.graphml")) == snapshot(graph)


def valid_node_link() -> dict[str, Any]:
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"name": "g"},
        "nodes": [{"id": "a", "count": 3}, {"id": "b"}],
        "edges": [{"source": "a", "target": "b", "key": "k", "amount": 1.5}],
    }


def test_a_hand_written_node_link_document_loads() -> None:
    graph = from_node_link(valid_node_link())
    assert graph.edges["a", "b", "k"]["amount"] == 1.5
    assert graph.nodes["a"]["count"] == 3


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda d: d.pop("nodes"), "$.nodes", ["missing"]),
        (lambda d: d.__setitem__("edges", {}), "$.edges", ["an array"]),
        (lambda d: d.__setitem__("directed", False), "$.directed", ["true", "false"]),
        (lambda d: d.__setitem__("multigraph", False), "$.multigraph", ["true"]),
        (lambda d: d.__setitem__("links", []), "$.links", ["unknown key", "'edges'"]),
        (lambda d: d.__setitem__("graph", []), "$.graph", ["an object"]),
        (lambda d: d["graph"].__setitem__("meta", {"a": 1}), "$.graph.meta", ["an object"]),
        (lambda d: d["nodes"].__setitem__(1, "b"), "$.nodes[1]", ["an object", "'b'"]),
        (lambda d: d["nodes"][1].pop("id"), "$.nodes[1].id", ["missing"]),
        (lambda d: d["nodes"][1].__setitem__("id", 2), "$.nodes[1].id", ["a string", "2"]),
        (lambda d: d["nodes"][1].__setitem__("id", "a"), "$.nodes[1].id", ["'a'"]),
        (lambda d: d["nodes"][0].__setitem__("tags", ["x"]), "$.nodes[0].tags", ["an array"]),
        (lambda d: d["nodes"][0].__setitem__("count", None), "$.nodes[0].count", ["null"]),
        (lambda d: d["nodes"][0].__setitem__("count", float("nan")), "$.nodes[0].count", ["NaN"]),
        (
            lambda d: d["edges"][0].__setitem__("target", "c"),
            "$.edges[0].target",
            ["unknown id 'c'"],
        ),
        (lambda d: d["edges"][0].pop("source"), "$.edges[0].source", ["missing"]),
        (lambda d: d["edges"][0].pop("key"), "$.edges[0].key", ["missing"]),
        (lambda d: d["edges"][0].__setitem__("key", 0), "$.edges[0].key", ["a string", "0"]),
        (lambda d: d["edges"].append(dict(d["edges"][0])), "$.edges[1].key", ["'k'"]),
        (lambda d: d["edges"][0].__setitem__("amount", {}), "$.edges[0].amount", ["an object"]),
    ],
)
def test_malformed_node_link_data_is_a_format_error(
    change: Any, path: str, words: list[str]
) -> None:
    data = valid_node_link()
    change(data)
    with pytest.raises(FormatError) as caught:
        from_node_link(data)
    assert caught.value.path == path
    for word in words:
        assert word in caught.value.reason


@pytest.mark.parametrize("data", [[], "graph", None, 1])
def test_node_link_data_that_is_not_an_object_is_a_format_error(data: Any) -> None:
    with pytest.raises(FormatError) as caught:
        from_node_link(data)
    assert caught.value.path == "$"


def test_a_node_link_file_with_nan_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(valid_node_link()).replace("1.5", "NaN"), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_node_link(path)
    assert caught.value.path == "$.edges[0].amount"
    assert "NaN" in caught.value.reason


def test_a_truncated_node_link_file_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    write_node_link(example_ecosystem(), path)
    path.write_bytes(path.read_bytes()[:500])
    with pytest.raises(FormatError, match="truncated"):
        read_node_link(path)


# ---------------------------------------------------------------- GraphML


def test_graphml_round_trips_with_types(tmp_path: Path) -> None:
    path = tmp_path / "eco.graphml"
    write_graphml(example_ecosystem(), path)
    graph = read_graphml(path)
    assert snapshot(graph) == snapshot(example_graph())
    assert type(graph.nodes["small-businesses"]["count"]) is int
    assert type(graph.nodes["alpine-telecom"]["discount_rate"]) is float


def test_graphml_round_trips_a_graph_argument(tmp_path: Path) -> None:
    graph: Graph = nx.MultiDiGraph(name="")
    graph.add_node("a", name="", flag=True, big=2**40, x=0.1 + 0.2, label="  padded ")
    graph.add_node("b", count=2.5)
    graph.add_edge("a", "b", key="12", period=1)
    graph.add_edge("a", "b", key="k", period=2)
    graph.add_edge("a", "a", key="self")
    path = tmp_path / "g.graphml"
    write_graphml(graph, path)
    assert snapshot(read_graphml(path)) == snapshot(graph)
    assert snapshot(from_node_link(to_node_link(graph))) == snapshot(graph)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("<graphml><graph>", ["line 1, column 16"]),
        ("not xml at all", ["malformed GraphML", "line 1"]),
        ("", ["malformed GraphML"]),
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">'
            '<node id="a"/></graph></graphml>',
            ["directed"],
        ),
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            '<key id="d0" for="node" attr.name="count" attr.type="long"/>'
            '<graph edgedefault="directed"><node id="a"><data key="d0">many</data></node></graph></graphml>',
            ["not GraphML that networkx can read"],
        ),
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            '<key id="d0" for="node" attr.name="x" attr.type="complex"/>'
            '<graph edgedefault="directed"><node id="a"><data key="d0">1</data></node></graph></graphml>',
            ["not GraphML that networkx can read"],
        ),
    ],
    ids=["truncated", "not-xml", "empty", "undirected", "bad-long", "bad-type"],
)
def test_malformed_graphml_is_a_format_error(tmp_path: Path, text: str, words: list[str]) -> None:
    path = tmp_path / "bad.graphml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_graphml(path)
    assert caught.value.path == "$"
    for word in words:
        assert word in caught.value.reason


def test_a_truncated_graphml_file_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "eco.graphml"
    write_graphml(example_ecosystem(), path)
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(FormatError, match="malformed GraphML at line"):
        read_graphml(path)


def test_graphml_with_entities_is_refused_unexpanded(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        '<graphml><graph edgedefault="directed"><node id="&lol2;"/></graph></graphml>'
    )
    path = tmp_path / "laughs.graphml"
    path.write_text(laughs, encoding="utf-8")
    with pytest.raises(FormatError, match="document type declaration"):
        read_graphml(path)


def test_read_graphml_of_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_graphml(tmp_path / "missing.graphml")


# ---------------------------------------------------------------- what the formats cannot carry


@pytest.mark.parametrize("text", ["carriage\rreturn", "bell\x07", "nul\x00"])
def test_graphml_refuses_text_xml_cannot_hold(tmp_path: Path, text: str) -> None:
    eco = Ecosystem().add_customer("a", name=text)
    with pytest.raises(ValidationError, match="XML"):
        write_graphml(eco, tmp_path / "g.graphml")
    # Node-link JSON carries it.
    graph = from_node_link(json.loads(json.dumps(to_node_link(eco))))
    assert graph.nodes["a"]["name"] == text


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda g: g.add_node("a", tags=["x"]), ["graph.nodes['a']['tags']"]),
        (lambda g: g.add_node("a", missing=None), ["graph.nodes['a']['missing']"]),
        (lambda g: g.add_node("a", score=float("inf")), ["inf"]),
        (lambda g: g.add_node(3), ["graph node", "a string id"]),
        (lambda g: g.add_node("a", id="x"), ["attribute", "id"]),
        (lambda g: g.add_edge("a", "b", key=0), ["key", "a string key"]),
        (lambda g: g.add_edge("a", "b", key="k", source="x"), ["attribute", "source"]),
        (lambda g: g.graph.__setitem__("meta", {}), ["graph.graph['meta']"]),
    ],
)
def test_exporting_a_graph_with_rich_attributes_is_a_validation_error(
    tmp_path: Path, change: Any, words: list[str]
) -> None:
    graph: Graph = nx.MultiDiGraph()
    change(graph)
    for export in (
        lambda: to_node_link(graph),
        lambda: write_graphml(graph, tmp_path / "g.graphml"),
    ):
        with pytest.raises(ValidationError) as caught:
            export()
        for word in words:
            assert word in str(caught.value)


def test_only_an_ecosystem_or_a_multidigraph_is_exported() -> None:
    with pytest.raises(ValidationError, match="MultiDiGraph"):
        to_node_link(nx.DiGraph())  # type: ignore[arg-type]


# ---------------------------------------------------------------- GraphML as text, hostile XML

BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
    '<graphml><graph edgedefault="directed"><node id="&lol2;"/></graph></graphml>'
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    '<graphml><graph edgedefault="directed"><node id="&secret;"/></graph></graphml>'
)
EXTERNAL_DTD = (
    '<?xml version="1.0"?>\n<!DOCTYPE graphml SYSTEM "http://example.com/g.dtd">\n<graphml/>'
)
PARAMETER = (
    '<?xml version="1.0"?>\n<!DOCTYPE graphml [<!ENTITY % p SYSTEM "http://example.com/p">%p;]>'
    "\n<graphml/>"
)


@pytest.mark.parametrize(
    "content",
    [
        BILLION_LAUGHS.format(encoding="utf-8").encode("utf-8"),
        # In UTF-16 the bytes of "<!DOCTYPE" never occur: the parser itself must refuse.
        BILLION_LAUGHS.format(encoding="utf-16").encode("utf-16"),
        BILLION_LAUGHS.format(encoding="utf-8"),
        EXTERNAL.encode("utf-8"),
        EXTERNAL_DTD.encode("utf-8"),
        PARAMETER.encode("utf-8"),
    ],
    ids=["laughs", "laughs-utf-16", "laughs-text", "external", "external-dtd", "parameter"],
)
def test_entities_and_document_types_are_refused_before_anything_is_expanded(
    content: str | bytes,
) -> None:
    with pytest.raises(FormatError) as caught:
        from_graphml(content)
    assert caught.value.path == "$"
    assert "document type declaration" in caught.value.reason
    assert caught.value.__cause__ is None


def test_an_undeclared_entity_is_malformed_xml() -> None:
    with pytest.raises(FormatError, match="undefined entity"):
        from_graphml('<graphml><graph edgedefault="directed"><node id="&x;"/></graph></graphml>')


def test_graphml_text_round_trips_like_the_file(tmp_path: Path) -> None:
    path = tmp_path / "eco.graphml"
    write_graphml(example_ecosystem(), path)
    assert snapshot(from_graphml(to_graphml(example_ecosystem()))) == snapshot(read_graphml(path))
    assert snapshot(from_graphml(path.read_bytes())) == snapshot(example_graph())


def test_graphml_in_utf_16_reads_as_its_declaration_says() -> None:
    text = to_graphml(example_ecosystem()).replace('encoding="utf-8"', 'encoding="utf-16"')
    assert snapshot(from_graphml(text.encode("utf-16"))) == snapshot(example_graph())


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("form", ["graphml", "node-link"])
def test_a_graph_exported_with_its_document_reads_back_as_the_ecosystem(
    name: str, form: str
) -> None:
    eco = example_ecosystem(name)
    if form == "graphml":
        graph = from_graphml(to_graphml(eco, document=True))
    else:
        graph = from_node_link(json.loads(json.dumps(to_node_link(eco, document=True))))
    assert ecosystem_from_graph(graph) == eco
    # The document rides along as one graph attribute; the rest is the plain graph.
    del graph.graph[GRAPH_DOCUMENT]
    assert snapshot(graph) == snapshot(eco.graph())


def test_a_graph_without_its_document_names_what_is_missing() -> None:
    with pytest.raises(FormatError) as caught:
        ecosystem_from_graph(from_graphml(to_graphml(example_ecosystem())))
    assert caught.value.path == f"$.graph.{GRAPH_DOCUMENT}"
    assert "document=True" in caught.value.reason


def test_a_graph_edited_after_its_export_is_not_taken_for_its_ecosystem() -> None:
    graph = from_graphml(to_graphml(example_ecosystem(), document=True))
    graph.add_node("intruder", kind="customer")
    with pytest.raises(FormatError, match="'intruder'"):
        ecosystem_from_graph(graph)


def test_a_broken_embedded_document_names_its_path_inside_the_graph() -> None:
    graph = from_graphml(to_graphml(example_ecosystem(), document=True))
    graph.graph[GRAPH_DOCUMENT] = graph.graph[GRAPH_DOCUMENT].replace('"count":400', '"count":0')
    with pytest.raises(FormatError) as caught:
        ecosystem_from_graph(graph)
    assert caught.value.path.startswith(f"$.graph.{GRAPH_DOCUMENT}: $.actors[")
    assert caught.value.path.endswith("].count")


def test_only_an_ecosystem_carries_its_document() -> None:
    with pytest.raises(ValidationError, match="document"):
        to_graphml(example_graph(), document=True)
