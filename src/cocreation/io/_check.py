"""Every problem of a document at once: its structure, its values and its references."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from cocreation.ecosystem import Ecosystem
from cocreation.errors import FormatError, UnknownIdError, ValidationError, closest
from cocreation.io._common import HEADER, Body, key_path, parse_json, show
from cocreation.model import Customer, Interaction, JobToBeDone, Offering, Topic

__all__ = ["validate"]

_COLLECTIONS: Final = ("actors", "offerings", "jobs", "topics", "interactions")
_MEMBER: Final[Mapping[str, Any]] = {
    "offerings": Offering,
    "jobs": JobToBeDone,
    "topics": Topic,
    "interactions": Interaction,
}
_POSITION: Final = re.compile(r"^Ecosystem\.(\w+)\[(\d+)\](.*)$")
_CYCLE: Final = re.compile(r"^Customer\.referred_by of '(.*)'$")
_MOST: Final = 1000


def validate(document: str | bytes | Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """Every problem of an ecosystem document, not only the first: what ``loads`` would reject.

    [`loads`][cocreation.io.loads] stops at the first problem it cannot read past;
    this reads on. It takes what ``loads`` takes (a graph exported with its document
    included: the graph is checked, then the document it carries). It checks the header, then each entity on its own (unknown keys,
    JSON types, values the model rejects), then the references between the entities
    that passed: unknown ids, duplicate ids, contradictory reference points,
    referral cycles. An entity with a problem is left out of the later checks, with
    its first bad reference reported, and a reference to an entity that was left out
    is not reported again. A document
    that is not JSON, or whose header is wrong, has that one problem.

    Args:
        document: The text (string or bytes) or a JSON-compatible dict.

    Returns:
        Every problem as a ``(path, reason)`` pair, in document order within each
        kind of check, at most 1000; empty when the document loads.

    Examples:
        >>> validate('{"format": "cocreation.ecosystem", "version": 1}')
        ()
        >>> document = {
        ...     "format": "cocreation.ecosystem",
        ...     "version": 1,
        ...     "actors": [
        ...         {"kind": "customer", "id": "harbour", "count": 0},
        ...         {"kind": "customer", "id": "meadow", "retension": 0.9},
        ...         {"kind": "organisation", "id": "lakeside"},
        ...     ],
        ...     "interactions": [
        ...         {"id": "call", "customer": "harbour", "counterpart": "lakeside"},
        ...         {"id": "visit", "customer": "medow", "counterpart": "lakeside"},
        ...     ],
        ... }
        >>> for path, reason in validate(document):
        ...     print(path, "-", reason)
        $.actors[0].count - Customer.count: expected an integer >= 1, got 0
        $.actors[1].retension - unknown key 'retension' in Customer (did you mean 'retention'?): expected only kind, id, name, customer_kind, count, value_of_time, retention, resources, relationships, referred_by, incrementality, referred_in
        $.interactions[1].customer - expected the id of a customer, got unknown id 'medow'
    """
    from cocreation.io._converter import STRUCTURING_ERRORS, converter, keys_of, problems
    from cocreation.io._graph_export import GRAPH_DOCUMENT, from_graphml, from_node_link
    from cocreation.io._json import _check_header, is_graph_document, is_xml
    from cocreation.model import Actor

    try:
        if isinstance(document, str | bytes) and is_xml(document):
            return _validate_graph(from_graphml(document), GRAPH_DOCUMENT)
        data = parse_json(document) if isinstance(document, str | bytes) else document
        if is_graph_document(data):
            return _validate_graph(from_node_link(data), GRAPH_DOCUMENT)
        if not isinstance(data, Mapping):
            reason = f"expected an object (an ecosystem document), got {show(data)}"
            raise FormatError("$", reason)
        _check_header(data)
    except FormatError as error:
        return ((error.path, error.reason),)

    found: list[tuple[str, str]] = []
    allowed = ("name", *_COLLECTIONS)
    for key in data:
        if key not in HEADER and key not in allowed:
            suggestion = closest(key, allowed)
            hint = "" if suggestion is None else f" (did you mean {suggestion!r}?)"
            reason = f"unknown key {key!r} in the document{hint}: expected only " + ", ".join(
                keys_of(Body)
            )
            found.append((key_path("$", key), reason))
    name = data.get("name", "")
    if not isinstance(name, str):
        found.append(("$.name", f"expected a string, got {show(name)}"))
        name = ""

    json_converter = converter()
    kept: dict[str, list[tuple[int, Any]]] = {collection: [] for collection in _COLLECTIONS}
    for collection in _COLLECTIONS:
        items = data.get(collection, [])
        if not isinstance(items, list):
            found.append((f"$.{collection}", f"expected an array, got {show(items)}"))
            continue
        member = _MEMBER.get(collection, Actor)
        for index, item in enumerate(items):
            path = f"$.{collection}[{index}]"
            try:
                entity = json_converter.structure(item, member)
            except STRUCTURING_ERRORS as error:
                found.extend((problem.path, problem.reason) for problem in problems(error, path))
            except (ValidationError, UnknownIdError) as error:  # a model check of the whole
                found.append((path, str(error)))
            else:
                kept[collection].append((index, entity))
    documented = _ids(data)
    found.extend(_references(name, kept, documented))
    return tuple(found[:_MOST])


def _ids(data: Mapping[str, Any]) -> set[str]:
    """Every id a document names for an entity, a job's outcome or an offering's module."""
    found: set[str] = set()

    def add(items: Any, nested: str | None = None) -> None:
        for item in items if isinstance(items, list) else ():
            if isinstance(item, Mapping):
                if isinstance(item.get("id"), str):
                    found.add(item["id"])
                if nested is not None:
                    add(item.get(nested))

    for collection in _COLLECTIONS:
        add(data.get(collection), {"jobs": "outcomes", "offerings": "modules"}.get(collection))
    return found


def _validate_graph(graph: Any, key: str) -> tuple[tuple[str, str], ...]:
    """The problems of the document a graph carries, then of the graph against it."""
    from cocreation.io._graph_export import ecosystem_from_graph

    document = graph.graph.get(key)
    if isinstance(document, str):
        found = validate(document)
        if found:
            return tuple((f"$.graph.{key}: {path}", reason) for path, reason in found)
    try:
        ecosystem_from_graph(graph)
    except FormatError as error:
        return error.problems
    return ()


def _references(
    name: str, kept: dict[str, list[tuple[int, Any]]], documented: set[str]
) -> list[tuple[str, str]]:
    """Build the ecosystem again and again, leaving out each entity with a bad reference.

    A reference to an id the document holds, on an entity left out for a problem of
    its own, is a consequence of that problem: the entity is left out unreported.
    """
    found: list[tuple[str, str]] = []
    for _ in range(_MOST):
        try:
            Ecosystem(
                name,
                *([entity for _, entity in kept[collection]] for collection in _COLLECTIONS),
            )
        except (ValidationError, UnknownIdError) as error:
            place = _place(error.field, kept)
            if place is None:  # nothing left to leave out: report it and stop
                found.append(("$", str(error)))
                return found
            collection, position, rest = place
            index, _ = kept[collection].pop(position)
            consequence = (
                isinstance(error, UnknownIdError)
                and error.value in documented
                and error.value not in _present(kept)
            )
            if not consequence:
                reason = f"expected {error.expected}, got "
                reason += (
                    f"unknown id {error.value!r}"
                    if isinstance(error, UnknownIdError)
                    else repr(error.value)
                )
                if error.suggestion is not None:
                    reason += f" (did you mean {error.suggestion!r}?)"
                found.append((f"$.{collection}[{index}]{rest}", reason))
        else:
            return found
    return found


def _present(kept: dict[str, list[tuple[int, Any]]]) -> set[str]:
    """The ids the kept entities hold: their own, their jobs' outcomes, their modules."""
    present: set[str] = set()
    for members in kept.values():
        for _, entity in members:
            present.add(entity.id)
            present.update(outcome.id for outcome in getattr(entity, "outcomes", ()))
            if isinstance(entity, Offering):
                present.update(module.id for module in entity.modules)
    return present


def _place(field: str, kept: dict[str, list[tuple[int, Any]]]) -> tuple[str, int, str] | None:
    """The collection, position among the kept entities, and the rest of an error's field."""
    match = _POSITION.match(field)
    if match is not None and match.group(1) in kept:
        collection, position = match.group(1), int(match.group(2))
        if position < len(kept[collection]):
            return collection, position, match.group(3)
    cycle = _CYCLE.match(field)
    if cycle is not None:
        for position, (_, actor) in enumerate(kept["actors"]):
            if isinstance(actor, Customer) and actor.id == cycle.group(1):
                return "actors", position, ".referred_by"
    return None
