"""The JSON exchange format of a whole ecosystem."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from cocreation.ecosystem import Ecosystem
from cocreation.errors import (
    CocreationError,
    FormatError,
    SchemaVersionError,
    UnknownIdError,
    ValidationError,
)
from cocreation.io._common import (
    ACTOR_TAG,
    FORMAT,
    FORMAT_VERSION,
    HEADER,
    Body,
    PathLike,
    json_text,
    parse_json,
    show,
    write_text,
)
from cocreation.model import Actor, Customer

if TYPE_CHECKING:
    from cocreation.io._converter import Problem

__all__ = [
    "dumps",
    "from_dict",
    "is_graph_document",
    "is_xml",
    "load",
    "loads",
    "save",
    "to_dict",
]

_MORE_SHOWN: Final = 5


def to_dict(ecosystem: Ecosystem) -> dict[str, Any]:
    """The ecosystem as a JSON-compatible dict: the document that `dumps` writes.

    Every field of every entity is written, defaults included, enums as their string
    values; each actor carries its kind (``"customer"``, ``"organisation"`` or
    ``"partner"``) under the key ``"kind"``, and a customer's own kind is written as
    ``"customer_kind"``.

    Args:
        ecosystem: The ecosystem to write.

    Returns:
        A new dict of dicts, lists, strings, numbers, booleans and ``None``.

    Examples:
        >>> eco = Ecosystem(name="Kiosks").add_customer("walk-ins", count=900)
        >>> document = to_dict(eco)
        >>> document["format"], document["version"], document["name"]
        ('cocreation.ecosystem', 1, 'Kiosks')
        >>> actor = document["actors"][0]
        >>> actor["kind"], actor["id"], actor["customer_kind"], actor["count"]
        ('customer', 'walk-ins', 'individual', 900)
    """
    from cocreation.io._converter import converter

    json_converter = converter()

    def actor(entity: Actor) -> dict[str, Any]:
        raw: dict[str, Any] = json_converter.unstructure(entity, unstructure_as=Actor)
        return {ACTOR_TAG: raw.pop(ACTOR_TAG), **raw}

    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "name": ecosystem.name,
        "actors": [actor(entity) for entity in ecosystem.actors],
        "offerings": [json_converter.unstructure(entity) for entity in ecosystem.offerings],
        "jobs": [json_converter.unstructure(entity) for entity in ecosystem.jobs],
        "topics": [json_converter.unstructure(entity) for entity in ecosystem.topics],
        "interactions": [json_converter.unstructure(entity) for entity in ecosystem.interactions],
    }


def _check_header(data: Mapping[str, Any]) -> None:
    if "format" not in data:
        raise FormatError("$.format", f"missing required key 'format': expected {FORMAT!r}")
    if not isinstance(data["format"], str) or data["format"] != FORMAT:
        reason = f"expected {FORMAT!r} (a cocreation ecosystem), got {show(data['format'])}"
        raise FormatError("$.format", reason)
    if "version" not in data:
        reason = f"missing required key 'version': expected format version {FORMAT_VERSION}"
        raise SchemaVersionError("$.version", reason)
    version = data["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version != FORMAT_VERSION:
        reason = f"expected format version {FORMAT_VERSION}, got {show(version)}"
        if isinstance(version, int) and not isinstance(version, bool):
            newer = version > FORMAT_VERSION
            reason += (
                " (written by a newer release of cocreation: upgrade to read it)"
                if newer
                else " (not a version of this format)"
            )
        raise SchemaVersionError("$.version", reason)


def _summary(found: Sequence[Problem]) -> FormatError:
    first = found[0]
    reason = first.reason
    if len(found) > 1:
        others = [problem.path for problem in found[1:]]
        shown = ", ".join(others[:_MORE_SHOWN]) + (", ..." if len(others) > _MORE_SHOWN else "")
        reason += f" (and {len(others)} more problem{'s' if len(others) > 1 else ''}: {shown})"
    cause = first.error if isinstance(first.error, CocreationError) else None
    every = [(problem.path, problem.reason) for problem in found]
    return FormatError(first.path, reason, every, cause)


def _ecosystem_path(field: str, body: Body) -> str:
    """The JSON path of the field an ecosystem error names, such as ``Ecosystem.actors[2].id``."""
    prefix = "Ecosystem."
    if field.startswith(prefix):
        return f"$.{field[len(prefix) :]}"
    for position, actor in enumerate(body.actors):
        if isinstance(actor, Customer) and field == f"Customer.referred_by of {actor.id!r}":
            return f"$.actors[{position}].referred_by"
    return "$"


def from_dict(data: Mapping[str, Any]) -> Ecosystem:
    """The ecosystem a JSON-compatible document describes, validated throughout.

    This is what [`loads`][cocreation.io.loads] does after parsing the text. Keys with
    a default in the model may be left out; unknown keys are errors.

    Args:
        data: A document such as [`to_dict`][cocreation.io.to_dict] returns.

    Returns:
        A new, valid ecosystem.

    Raises:
        SchemaVersionError: The ``version`` is missing or not one this release reads.
        FormatError: Anything else: the wrong ``format``, a missing or unknown key, a
            value of the wrong type, a value the model rejects, or a reference the
            ecosystem cannot resolve. Its ``path`` says where (``$.actors[2].count``);
            its ``problems`` list every problem the document's structure has; its
            ``cause`` is the model's own error where the model found the problem (a
            [`ValidationError`][cocreation.errors.ValidationError], a
            [`DuplicateIdError`][cocreation.errors.DuplicateIdError], an
            [`UnknownIdError`][cocreation.errors.UnknownIdError], a
            [`ReferencePointError`][cocreation.errors.ReferencePointError]), else
            ``None``. Nothing is chained to it: a traceback shows this error alone.

    Examples:
        >>> eco = from_dict(
        ...     {
        ...         "format": "cocreation.ecosystem",
        ...         "version": 1,
        ...         "actors": [{"kind": "customer", "id": "acme", "count": 3}],
        ...     }
        ... )
        >>> eco.customer("acme").count
        3
        >>> from_dict({"format": "cocreation.ecosystem", "version": 2})
        Traceback (most recent call last):
        ...
        cocreation.errors.SchemaVersionError: $.version: expected format version 1, got 2 (written by a newer release of cocreation: upgrade to read it)
    """
    from cocreation.io._converter import STRUCTURING_ERRORS, converter, problems

    if not isinstance(data, Mapping):
        reason = f"expected an object (an ecosystem document), got {show(data)}"
        raise FormatError("$", reason)
    _check_header(data)
    rest = {key: value for key, value in data.items() if key not in HEADER}
    try:
        body = converter().structure(rest, Body)
    except STRUCTURING_ERRORS as error:
        # The exception groups of cattrs stay out of the traceback: every problem
        # they hold is on the error's `problems`, the model's own error on `cause`.
        summary = _summary(problems(error))
    else:
        try:
            return Ecosystem(
                name=body.name,
                actors=body.actors,
                offerings=body.offerings,
                jobs=body.jobs,
                topics=body.topics,
                interactions=body.interactions,
            )
        except (ValidationError, UnknownIdError) as error:
            summary = FormatError(_ecosystem_path(error.field, body), str(error), cause=error)
    raise summary from None


def dumps(ecosystem: Ecosystem, *, indent: int | None = 2) -> str:
    """The ecosystem as a JSON text in the exchange format.

    ``loads(dumps(eco)) == eco`` holds for every ecosystem: floats are written with
    every digit, integers stay integers, and every field is written.

    Args:
        ecosystem: The ecosystem to write.
        indent: Spaces per nesting level, or ``None`` for a single line.

    Returns:
        The JSON text (strict JSON: never ``NaN``), without a trailing newline.

    Examples:
        >>> print(dumps(Ecosystem(name="Empty")))
        {
          "format": "cocreation.ecosystem",
          "version": 1,
          "name": "Empty",
          "actors": [],
          "offerings": [],
          "jobs": [],
          "topics": [],
          "interactions": []
        }
    """
    return json_text(to_dict(ecosystem), indent=indent)


def is_graph_document(data: Any) -> bool:
    """Whether parsed JSON is node-link data of a graph rather than an ecosystem document.

    Examples:
        >>> is_graph_document({"nodes": [], "edges": []}), is_graph_document({"format": "x"})
        (True, False)
    """
    return isinstance(data, Mapping) and "format" not in data and {"nodes", "edges"} <= data.keys()


def is_xml(text: str | bytes) -> bool:
    """Whether a text is XML (GraphML, say) rather than JSON: it starts with ``<`` or a UTF-16 mark.

    Examples:
        >>> is_xml(b'  <?xml version="1.0"?><graphml/>'), is_xml('{"format": 1}')
        (True, False)
    """
    if isinstance(text, str):
        return text.lstrip().startswith("<")
    return text.lstrip().startswith((b"<", b"\xef\xbb\xbf<", b"\xff\xfe", b"\xfe\xff"))


def loads(text: str | bytes) -> Ecosystem:
    """The ecosystem a text describes, validated throughout.

    The text is a JSON document in the exchange format or, for a graph exported
    with ``document=True``, its GraphML or node-link JSON: the ecosystem the graph
    carries is read (see [`ecosystem_from_graph`][cocreation.io.ecosystem_from_graph]).
    Loading only parses JSON or XML and builds model objects: nothing in the text is
    ever executed, imported, expanded or fetched. ``NaN`` and ``Infinity``, which
    Python's ``json`` module would accept, are rejected like any other invalid number.

    Args:
        text: The text, as a string or as bytes (UTF-8 for JSON; for GraphML, the
            encoding its XML declaration names).

    Returns:
        A new, valid ecosystem.

    Raises:
        FormatError: The text is not JSON (the reason gives line and column) or is
            truncated, or the document is invalid (see [`from_dict`][cocreation.io.from_dict]).
        SchemaVersionError: The document's ``version`` is not one this release reads.

    Examples:
        >>> eco = Ecosystem(name="Kiosks").add_customer("walk-ins", count=900)
        >>> loads(dumps(eco)) == eco
        True
        >>> loads('{"format": "cocreation.ecosystem", "version": 1, "actors": [{"kind": "customer", "id": "a", "count": -3}]}')
        Traceback (most recent call last):
        ...
        cocreation.errors.FormatError: $.actors[0].count: Customer.count: expected an integer >= 1, got -3
        >>> from cocreation.io import to_graphml
        >>> loads(to_graphml(eco, document=True)) == eco
        True
    """
    from cocreation.io._graph_export import ecosystem_from_graph, from_graphml, from_node_link

    if is_xml(text):
        return ecosystem_from_graph(from_graphml(text))
    data = parse_json(text)
    if is_graph_document(data):
        return ecosystem_from_graph(from_node_link(data))
    return from_dict(data)


def save(ecosystem: Ecosystem, path: PathLike) -> None:
    """Write the ecosystem to a file in the exchange format (UTF-8, ending in a newline).

    Args:
        ecosystem: The ecosystem to write.
        path: Where to write it; an existing file is replaced.

    Examples:
        >>> import pathlib, tempfile
        >>> eco = Ecosystem(name="Kiosks").add_customer("walk-ins", count=900)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "kiosks.json"
        ...     save(eco, path)
        ...     load(path) == eco
        True
    """
    write_text(path, dumps(ecosystem) + "\n")


def load(path: PathLike) -> Ecosystem:
    """Read an ecosystem from a file in the exchange format.

    As [`loads`][cocreation.io.loads] does, it also reads a GraphML or node-link
    file of a graph exported with ``document=True``.

    Args:
        path: The file to read.

    Returns:
        A new, valid ecosystem.

    Raises:
        OSError: The file cannot be read (``FileNotFoundError`` if it is missing).
        FormatError: The file is not a valid document (see [`loads`][cocreation.io.loads]).
        SchemaVersionError: The document's ``version`` is not one this release reads.

    Examples:
        >>> load("no/such/file.json")
        Traceback (most recent call last):
        ...
        FileNotFoundError: [Errno 2] No such file or directory: 'no/such/file.json'
    """
    return loads(Path(path).read_bytes())
