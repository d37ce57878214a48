"""The ecosystem graph as vertex and edge tables, as Spark GraphFrames and cuGraph read them."""

from __future__ import annotations

import importlib
import math
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

from cocreation.ecosystem import Ecosystem
from cocreation.errors import MissingExtraError, ValidationError

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = ["graph_columns", "graph_tables"]


def _require(module: str, extra: str, feature: str) -> ModuleType:
    """Import an optional module, or raise an error that names the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(module, extra, feature) from error


_VERTEX_RESERVED: Final = frozenset({"id"})
_EDGE_RESERVED: Final = frozenset({"src", "dst", "key"})
_SCALAR: Final = "a string, an integer, a finite number or a boolean"


def _graph(source: Ecosystem | nx.Graph[Any]) -> nx.Graph[Any]:
    import networkx as nx

    if isinstance(source, Ecosystem):
        return source.graph()
    if not isinstance(source, nx.Graph):
        raise ValidationError("source", source, "an Ecosystem or a networkx graph")
    return source


def _scalar(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, str | int)


def _columns(
    rows: list[tuple[dict[str, Any], dict[Any, Any]]], reserved: frozenset[str], where: str
) -> dict[str, list[Any]]:
    """Rows of fixed fields and attributes as columns; an attribute a row lacks is ``None``."""
    names: dict[str, None] = {}
    for fixed, attributes in rows:
        for name, value in attributes.items():
            if not isinstance(name, str) or name in reserved:
                raise ValidationError(
                    f"{where} attribute",
                    name,
                    "an attribute name that is a string other than " + ", ".join(sorted(reserved)),
                )
            if not _scalar(value):
                raise ValidationError(f"{where}[{fixed!r}][{name!r}]", value, _SCALAR)
            names[name] = None
    fixed_names = list(rows[0][0]) if rows else []
    columns: dict[str, list[Any]] = {name: [] for name in (*fixed_names, *names)}
    for fixed, attributes in rows:
        for name, value in fixed.items():
            columns[name].append(value)
        for name in names:
            columns[name].append(attributes.get(name))
    return columns


def graph_columns(
    source: Ecosystem | nx.Graph[Any],
) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """The graph as vertex and edge columns of plain Python lists.

    The vertex columns are ``id`` and one column per node attribute; the edge columns
    are ``src``, ``dst``, ``key`` (for a multigraph, such as
    [`Ecosystem.graph`][cocreation.Ecosystem.graph]) and one column per edge
    attribute. An attribute a node or edge lacks is ``None``. This is the layout of
    Spark GraphFrames (``GraphFrame(vertices, edges)``) and of cuGraph's
    ``from_cudf_edgelist(edges, source="src", destination="dst")``.

    Args:
        source: An ecosystem (its graph) or any NetworkX graph whose attributes are
            scalars, such as [`relationship_graph`][cocreation.frames.relationship_graph]'s.

    Returns:
        ``(vertices, edges)``, each a dict of equally long lists.

    Raises:
        ValidationError: Not a graph, an attribute named ``id`` (on a node) or
            ``src``, ``dst``, ``key`` (on an edge), or an attribute that is not a
            string, an integer, a finite number or a boolean.

    Examples:
        >>> from cocreation import Ecosystem
        >>> eco = (
        ...     Ecosystem()
        ...     .add_organisation("telco")
        ...     .add_customer("acme")
        ...     .add_interaction("call", customer="acme", counterpart="telco")
        ... )
        >>> vertices, edges = graph_columns(eco)
        >>> vertices["id"], vertices["kind"]
        (['telco', 'acme'], ['organisation', 'customer'])
        >>> edges["src"], edges["dst"], edges["key"]
        (['acme'], ['telco'], ['interaction:call'])
    """
    graph = _graph(source)
    vertex_rows = [({"id": node}, attributes) for node, attributes in graph.nodes(data=True)]
    for fixed, _ in vertex_rows:
        if not _scalar(fixed["id"]) or isinstance(fixed["id"], bool):
            raise ValidationError("graph node", fixed["id"], "a string or integer id")
    if graph.is_multigraph():
        edge_rows = [
            ({"src": u, "dst": v, "key": k}, attributes)
            for u, v, k, attributes in graph.edges(keys=True, data=True)  # type: ignore[call-overload]
        ]
    else:
        edge_rows = [
            ({"src": u, "dst": v}, attributes) for u, v, attributes in graph.edges(data=True)
        ]
    vertices = _columns(vertex_rows, _VERTEX_RESERVED, "graph.nodes")
    edges = _columns(edge_rows, _EDGE_RESERVED, "graph.edges")
    vertices.setdefault("id", [])
    for name in ("src", "dst", *(("key",) if graph.is_multigraph() else ())):
        edges.setdefault(name, [])
    return vertices, edges


def _frame(columns: dict[str, list[Any]]) -> pd.DataFrame:
    """Columns as a DataFrame with one dtype per column: nullable where values are missing."""
    pandas = _require("pandas", "pandas", "graph_tables")
    data: dict[str, Any] = {}
    for name, values in columns.items():
        present = [value for value in values if value is not None]
        if present and all(isinstance(value, bool) for value in present):
            data[name] = pandas.array(values, dtype="boolean")
        elif present and all(
            isinstance(value, int) and not isinstance(value, bool) for value in present
        ):
            data[name] = pandas.array(values, dtype="Int64")
        elif present and all(
            isinstance(value, int | float) and not isinstance(value, bool) for value in present
        ):
            data[name] = pandas.array(
                [None if value is None else float(value) for value in values], dtype="Float64"
            )
        else:
            data[name] = pandas.array(values, dtype=object)
    frame: pd.DataFrame = pandas.DataFrame(data)
    return frame


def graph_tables(source: Ecosystem | nx.Graph[Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The graph as a vertex table and an edge table: pandas DataFrames.

    The columns of [`graph_columns`][cocreation.io.graph_columns], each with one
    dtype: nullable ``Int64``, ``Float64`` or ``boolean`` for numbers and flags
    (missing where a node or edge lacks the attribute), ``object`` for strings and
    mixed values. Hand them to Spark as
    ``GraphFrame(spark.createDataFrame(vertices), spark.createDataFrame(edges))``, or
    to cuGraph through ``cudf.from_pandas``.

    Args:
        source: An ecosystem (its graph) or any NetworkX graph with scalar attributes.

    Returns:
        ``(vertices, edges)``.

    Raises:
        ValidationError: As [`graph_columns`][cocreation.io.graph_columns].
        MissingExtraError: pandas is not installed.

    Examples:
        >>> import cocreation as cc
        >>> vertices, edges = graph_tables(cc.example_ecosystem())
        >>> list(vertices.columns[:2]), list(edges.columns[:4])
        (['id', 'kind'], ['src', 'dst', 'key', 'kind'])
        >>> set(edges["src"]) | set(edges["dst"]) <= set(vertices["id"])
        True
    """
    vertices, edges = graph_columns(source)
    return _frame(vertices), _frame(edges)
