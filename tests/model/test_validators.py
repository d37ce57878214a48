"""The field validators: each failure names the class, the field and the value."""

from __future__ import annotations

import enum
import math
from typing import Any

import pytest
from attrs import field, frozen

from cocreation.errors import ValidationError
from cocreation.model import _validators as v


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Shape(enum.Enum):
    ROUND = "round"


@frozen
class Item:
    id: str


@frozen
class Probe:
    closed: float = field(default=0.5, validator=v.number(low=0.0, high=1.0))
    open_: float = field(
        default=0.5, validator=v.number(low=0.0, high=1.0, low_open=True, high_open=True)
    )
    above: float = field(default=0.0, validator=v.number(low=0.0))
    strictly_above: float = field(default=1.0, validator=v.number(low=0.0, low_open=True))
    below: float = field(default=0.0, validator=v.number(high=10.0))
    anything: float = field(default=0.0, validator=v.number())
    count: int = field(default=1, validator=v.integer(low=1))
    whole: int = field(default=0, validator=v.integer())
    ident: str = field(default="x", validator=v.identifier)
    maybe_ident: str | None = field(default=None, validator=v.optional_identifier)
    label: str = field(default="", validator=v.text)
    colour: Colour = field(default=Colour.RED, validator=v.enum_member(Colour))
    item: Item | None = field(default=None, validator=v.optional(v.instance_of(Item)))
    items: tuple[Item, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of(Item, unique_by="id")
    )
    mixed: tuple[int | str, ...] = field(
        default=(), converter=v.as_tuple, validator=v.tuple_of((int, str))
    )
    ids: tuple[str, ...] = field(default=(), converter=v.as_tuple, validator=v.identifiers)


def probe(**fields: Any) -> Probe:
    return Probe(**fields)


def rejects(field_name: str, value: Any, expected: str) -> ValidationError:
    """Build a Probe with one bad field; check and return the error."""
    with pytest.raises(ValidationError) as caught:
        probe(**{field_name: value})
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.field == f"Probe.{field_name}"
    assert error.value is value
    assert error.expected == expected
    assert str(error) == f"Probe.{field_name}: expected {expected}, got {value!r}"
    return error


@pytest.mark.parametrize(
    ("field_name", "value", "expected"),
    [
        ("closed", -0.1, "a finite number in [0, 1]"),
        ("closed", 1.0000001, "a finite number in [0, 1]"),
        ("open_", 0.0, "a finite number in (0, 1)"),
        ("open_", 1.0, "a finite number in (0, 1)"),
        ("above", -1e-9, "a finite number >= 0"),
        ("strictly_above", 0.0, "a finite number > 0"),
        ("strictly_above", 0, "a finite number > 0"),
        ("below", 10.5, "a finite number <= 10"),
        ("anything", math.nan, "a finite number"),
        ("anything", math.inf, "a finite number"),
        ("anything", -math.inf, "a finite number"),
        ("anything", "1.5", "a finite number"),
        ("anything", None, "a finite number"),
        ("anything", True, "a finite number"),
        ("anything", False, "a finite number"),
        ("anything", 1 + 0j, "a finite number"),
    ],
)
def test_number_rejects(field_name: str, value: Any, expected: str) -> None:
    rejects(field_name, value, expected)


@pytest.mark.parametrize(
    ("field_name", "value"),
    [
        ("closed", 0.0),
        ("closed", 1.0),
        ("closed", 0),
        ("closed", 1),
        ("open_", 1e-12),
        ("above", 0.0),
        ("above", 1e300),
        ("strictly_above", 5e-324),
        ("below", -1e300),
        ("below", 10),
        ("anything", -3.5),
    ],
)
def test_number_accepts(field_name: str, value: float) -> None:
    assert getattr(probe(**{field_name: value}), field_name) == value


@pytest.mark.parametrize("value", [0, -1, 1.0, 2.0, "2", True, None])
def test_integer_with_a_lower_bound_rejects(value: Any) -> None:
    rejects("count", value, "an integer >= 1")


@pytest.mark.parametrize("value", [False, 0.0, "0"])
def test_integer_without_a_bound_rejects(value: Any) -> None:
    rejects("whole", value, "an integer")


def test_integer_accepts_large_and_negative_values() -> None:
    assert probe(count=10**12).count == 10**12
    assert probe(whole=-7).whole == -7


ID_EXPECTED = "a non-empty id string without surrounding whitespace"


@pytest.mark.parametrize("value", ["", " ", " a", "a ", "\ta", "a\n", 1, None, b"a", ("a",)])
def test_identifier_rejects(value: Any) -> None:
    rejects("ident", value, ID_EXPECTED)


@pytest.mark.parametrize("value", ["a", "a b", "ACME AG", "x-1", "ü"])
def test_identifier_accepts_inner_spaces_and_any_script(value: str) -> None:
    assert probe(ident=value).ident == value


def test_optional_identifier_accepts_none_and_rejects_bad_ids() -> None:
    assert probe(maybe_ident=None).maybe_ident is None
    assert probe(maybe_ident="b").maybe_ident == "b"
    rejects("maybe_ident", "", ID_EXPECTED)
    rejects("maybe_ident", 0, ID_EXPECTED)


@pytest.mark.parametrize("value", [None, 1, b"text", ["a"]])
def test_text_rejects_non_strings(value: Any) -> None:
    rejects("label", value, "a string")


def test_text_accepts_the_empty_string() -> None:
    assert probe(label="").label == ""


@pytest.mark.parametrize("value", ["red", Shape.ROUND, None, 0])
def test_enum_member_rejects_values_and_other_enums(value: Any) -> None:
    rejects("colour", value, "a Colour (one of 'red', 'blue')")


def test_instance_of_inside_optional() -> None:
    assert probe(item=None).item is None
    assert probe(item=Item("a")).item == Item("a")
    with pytest.raises(ValidationError) as caught:
        probe(item="a")
    assert caught.value.field == "Probe.item"
    assert caught.value.value == "a"
    assert "Item" in caught.value.expected


def test_as_tuple_turns_lists_into_tuples_and_copies() -> None:
    members = [Item("a"), Item("b")]
    made = probe(items=members)
    assert made.items == (Item("a"), Item("b"))
    members.append(Item("c"))
    assert len(made.items) == 2


@pytest.mark.parametrize("value", [Item("a"), {Item("a")}, "ab", None, iter([Item("a")])])
def test_tuple_of_rejects_what_is_not_a_list_or_tuple(value: Any) -> None:
    rejects("items", value, "a list or tuple of Item")


def test_tuple_of_names_the_position_of_a_bad_member() -> None:
    with pytest.raises(ValidationError) as caught:
        probe(items=[Item("a"), "b"])
    assert caught.value.field == "Probe.items[1]"
    assert caught.value.value == "b"
    assert "Probe.items[1]" in str(caught.value)


def test_tuple_of_rejects_a_repeated_key() -> None:
    with pytest.raises(ValidationError) as caught:
        probe(items=[Item("a"), Item("b"), Item("a")])
    assert caught.value.field == "Probe.items[2].id"
    assert caught.value.value == "a"
    assert "'a'" in str(caught.value)


def test_tuple_of_several_kinds_rejects_bools() -> None:
    assert probe(mixed=[1, "a"]).mixed == (1, "a")
    with pytest.raises(ValidationError) as caught:
        probe(mixed=[1, True])
    assert caught.value.field == "Probe.mixed[1]"
    assert caught.value.value is True
    assert "int or str" in caught.value.expected


def test_identifiers_accepts_distinct_ids() -> None:
    assert probe(ids=["a", "b"]).ids == ("a", "b")


@pytest.mark.parametrize(
    ("value", "field_name", "bad"),
    [
        (["a", "a"], "Probe.ids[1]", "a"),
        (["a", ""], "Probe.ids[1]", ""),
        ([" a"], "Probe.ids[0]", " a"),
        (["a", 2], "Probe.ids[1]", 2),
    ],
)
def test_identifiers_rejects(value: list[Any], field_name: str, bad: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        probe(ids=value)
    assert caught.value.field == field_name
    assert caught.value.value == bad
    assert field_name in str(caught.value)
    assert repr(bad) in str(caught.value)


@pytest.mark.parametrize("value", ["ab", None, {"a"}])
def test_identifiers_rejects_what_is_not_a_list_or_tuple(value: Any) -> None:
    rejects("ids", value, "a list or tuple of ids")
