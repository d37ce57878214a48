"""validate: every problem of a document at once, each with its path."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from cocreation import FormatError, loads
from cocreation.io import (
    dumps,
    example_ecosystem,
    example_names,
    to_graphml,
    to_node_link,
    validate,
)

Document = dict[str, Any]


def document() -> Document:
    data: Document = json.loads(dumps(example_ecosystem()))
    return data


def problems_after(*changes: Callable[[Document], object]) -> tuple[tuple[str, str], ...]:
    data = document()
    for change in changes:
        change(data)
    return validate(data)


@pytest.mark.parametrize("name", example_names())
def test_a_valid_document_has_no_problem_in_any_form(name: str) -> None:
    eco = example_ecosystem(name)
    assert validate(dumps(eco)) == ()
    assert validate(dumps(eco).encode()) == ()
    assert validate(json.loads(dumps(eco))) == ()
    assert validate(to_graphml(eco, document=True)) == ()
    assert validate(json.dumps(to_node_link(eco, document=True))) == ()


def test_the_first_problem_is_the_one_loads_raises() -> None:
    def change(data: Document) -> None:
        data["actors"][6]["count"] = -1
        data["interactions"][2]["counterpart"] = "nobody"

    data = document()
    change(data)
    with pytest.raises(FormatError) as caught:
        loads(json.dumps(data))
    found = validate(data)
    assert found[0] == (caught.value.path, caught.value.reason)
    assert len(found) == 2
    assert found[1][0] == "$.interactions[2].counterpart"


def test_each_kind_of_reference_problem_is_found_at_once() -> None:
    found = problems_after(
        lambda d: d["interactions"][7].__setitem__("counterpart", "nobody"),
        lambda d: d["interactions"][9].__setitem__("id", "user-group-meeting"),  # a duplicate
        lambda d: d["interactions"][8].__setitem__("reference_point", "organisation"),
        lambda d: d["actors"][4].__setitem__("referred_by", "seeland-kliniken"),  # a cycle
    )
    by_path = dict(found)
    assert len(found) == 4
    assert "expected an id not used by another entity" in by_path["$.interactions[10].id"]
    assert "unknown id 'nobody'" in by_path["$.interactions[7].counterpart"]
    assert "NETWORK (from its endpoints)" in by_path["$.interactions[8].reference_point"]
    cycle = [path for path in by_path if path.endswith(".referred_by")]
    assert cycle in (["$.actors[4].referred_by"], ["$.actors[5].referred_by"])
    assert "a cycle" in by_path[cycle[0]]


def test_a_reference_to_an_entity_left_out_for_its_own_problem_is_not_reported_again() -> None:
    # The organisation fails; every offering, interaction and transfer naming it would
    # fail too, but only the organisation's own problem is reported.
    found = problems_after(lambda d: d["actors"][0].__setitem__("discount_rate", -1))
    assert [path for path, _ in found] == ["$.actors[0].discount_rate"]


def test_a_wrong_kind_of_entity_is_reported_even_though_its_id_exists() -> None:
    found = problems_after(lambda d: d["interactions"][3].__setitem__("customer", "cloud"))
    assert found == (
        (
            "$.interactions[3].customer",
            "expected the id of a customer, got unknown id 'cloud'",
        ),
    )


def test_unknown_top_level_keys_and_wrong_collections_are_listed() -> None:
    found = problems_after(
        lambda d: d.__setitem__("actor", []),
        lambda d: d.__setitem__("topics", {}),
        lambda d: d.__setitem__("name", 3),
    )
    assert found[0][0] == "$.actor"
    assert "did you mean 'actors'?" in found[0][1]
    assert ("$.name", "expected a string, got 3") in found
    assert ("$.topics", "expected an array, got an object") in found


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        ("", "$", "empty"),
        ("[1, 2]", "$", "expected an object"),
        ('{"format": "cocreation.ecosystem"}', "$.version", "missing required key 'version'"),
        ('{"format": "other", "version": 1}', "$.format", "expected 'cocreation.ecosystem'"),
        ("<graphml><graph>", "$", "malformed GraphML"),
        ('{"nodes": [], "edges": []}', "$.graph.cocreation_document", "missing"),
    ],
)
def test_a_document_that_cannot_be_read_has_one_problem(text: str, path: str, words: str) -> None:
    ((found_path, reason),) = validate(text)
    assert found_path == path
    assert words in reason


def test_a_broken_document_inside_a_graph_is_checked_with_its_path() -> None:
    text = to_graphml(example_ecosystem(), document=True).replace('"count":400', '"count":0')
    ((path, reason),) = validate(text)
    assert path == "$.graph.cocreation_document: $.actors[6].count"
    assert "Customer.count" in reason
