"""Fuzzing the loaders: arbitrary and mutated documents raise only the library's errors.

Whatever a file holds, ``loads`` either returns a valid ecosystem or raises a
[`FormatError`][cocreation.errors.FormatError] (a ``SchemaVersionError`` for a wrong
version): never a ``KeyError``, ``TypeError``, ``RecursionError`` or an exception
group from a parser. ``validate`` agrees with it: no problem exactly when it loads.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import cocreation as cc
from cocreation.errors import FormatError
from cocreation.io import example_names, from_graphml, to_graphml, validate

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
"""Any JSON value (with NaN and infinities, which the loader must reject)."""

DOCUMENTS = {name: json.loads(cc.dumps(cc.example_ecosystem(name))) for name in example_names()}
KEYS = sorted(
    {
        key
        for document in DOCUMENTS.values()
        for collection in ("actors", "offerings", "jobs", "interactions")
        for item in document[collection]
        for key in item
    }
)


def loads_or_library_error(text: str | bytes) -> cc.Ecosystem | None:
    """The ecosystem the text describes, or ``None`` when it raised a FormatError."""
    try:
        return cc.loads(text)
    except FormatError as error:  # SchemaVersionError is one
        raised = error
    assert raised.path.startswith("$")
    assert raised.problems
    assert raised.__cause__ is None
    return None


def error_of(text: str) -> str | None:
    """What ``loads`` raises for a text, if anything: for the message of a failed assertion."""
    try:
        cc.loads(text)
    except FormatError as error:
        return repr(error)
    return None


def places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a JSON value, as a path of keys and indices."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(places(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(places(item, (*path, index)))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A bundled example with a few random changes: values replaced, keys dropped or added."""
    document: dict[str, Any] = json.loads(
        json.dumps(DOCUMENTS[draw(st.sampled_from(sorted(DOCUMENTS)))])
    )
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(places(document)))
        if not path:
            continue
        *parent_path, last = path
        parent: Any = document
        for step in parent_path:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "drop", "add", "copy"]))
        if action == "replace":
            parent[last] = draw(JSON)
        elif action == "drop":
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from([*KEYS, "extra"]))] = draw(JSON)
        elif action == "copy" and isinstance(parent, list):
            parent.append(parent[last])  # a duplicate id, or a second reference
    return document


@settings(max_examples=200)
@given(JSON)
def test_any_json_value_loads_or_raises_a_format_error(value: Any) -> None:
    text = json.dumps(value)
    loaded = loads_or_library_error(text)
    assert (validate(text) == ()) == (loaded is not None)


@settings(max_examples=200)
@given(st.dictionaries(st.sampled_from([*KEYS, "format", "version", "actors"]), JSON, max_size=6))
def test_any_object_with_the_format_s_keys_loads_or_raises_a_format_error(
    value: dict[str, Any],
) -> None:
    value = {"format": "cocreation.ecosystem", "version": 1, **value}
    loads_or_library_error(json.dumps(value))


@settings(max_examples=300)
@given(mutated())
def test_a_mutated_document_loads_or_raises_a_format_error(document: dict[str, Any]) -> None:
    text = json.dumps(document)
    loaded = loads_or_library_error(text)
    found = validate(document)
    assert (found == ()) == (loaded is not None), (found, error_of(text))
    if loaded is not None:
        assert cc.loads(cc.dumps(loaded)) == loaded


@settings(max_examples=200)
@given(st.text(max_size=200) | st.binary(max_size=200))
def test_any_text_loads_or_raises_a_format_error(text: str | bytes) -> None:
    loads_or_library_error(text)
    assert isinstance(validate(text), tuple)


@settings(max_examples=100)
@given(st.sampled_from(sorted(DOCUMENTS)), st.data())
def test_a_mutated_graphml_file_reads_or_raises_a_format_error(
    name: str, data: st.DataObject
) -> None:
    text = to_graphml(cc.example_ecosystem(name), document=True).encode("utf-8")
    position = data.draw(st.integers(0, len(text) - 1))
    cut = data.draw(st.integers(0, 40))
    inserted = data.draw(st.binary(max_size=20) | st.sampled_from([b"<!DOCTYPE x>", b"&x;", b"<"]))
    changed = text[:position] + inserted + text[position + cut :]
    raised: FormatError | None = None
    try:
        from_graphml(changed)
    except FormatError as error:
        raised = error
    assert raised is None or raised.path == "$"
    loads_or_library_error(changed)


@settings(max_examples=100)
@given(st.text(alphabet="<>/!&;=\"' abcdefghijklmnopqrstuvwxyz", max_size=120))
def test_any_xml_like_text_reads_or_raises_a_format_error(text: str) -> None:
    raised: FormatError | None = None
    try:
        from_graphml("<" + text)
    except FormatError as error:
        raised = error
    assert raised is None or raised.path == "$"
