"""The value objects: outcomes, achievements, resources, transfers, DART scores, modules."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest

from cocreation.errors import ValidationError
from cocreation.model import (
    DART,
    Achievement,
    Contribution,
    Module,
    Outcome,
    Relationship,
    Resource,
    ResourceKind,
    RevenueShare,
    Transfer,
    TransferKind,
)

# The smallest valid arguments of each value class; a test overrides one field at a time.
VALID: dict[type[Any], dict[str, Any]] = {
    Outcome: {"id": "uptime", "importance": 9.0, "satisfaction": 6.0},
    Achievement: {"outcome": "uptime", "level": 0.5},
    Resource: {"kind": ResourceKind.KNOWLEDGE},
    Contribution: {"actor": "acme", "kind": ResourceKind.TIME},
    Transfer: {"source": "acme", "target": "telco", "amount": 1200.0},
    DART: {},
    Relationship: {"counterpart": "telco"},
    RevenueShare: {"partner": "cloud", "share": 0.2},
    Module: {"id": "managed-security"},
}


def build(cls: type[Any], **overrides: Any) -> Any:
    return cls(**{**VALID[cls], **overrides})


def check_error(error: ValidationError, field: str, value: Any) -> None:
    """The error is the library's, names the field and the value, and is a ValueError."""
    assert isinstance(error, ValidationError)
    assert isinstance(error, ValueError)
    assert error.field == field
    assert error.value is value or error.value == value
    assert field in str(error)
    assert repr(value) in str(error)


def rejects(cls: type[Any], field: str, value: Any, *, named: str | None = None) -> None:
    with pytest.raises(ValidationError) as caught:
        build(cls, **{field: value})
    check_error(caught.value, named or f"{cls.__name__}.{field}", value)


def numeric_fields() -> list[tuple[type[Any], str]]:
    """Every float or int field of every value class."""
    return [
        (cls, field.name)
        for cls in VALID
        for field in attrs.fields(cls)
        if field.type in ("float", "int", float, int)
    ]


def test_every_value_class_has_numeric_fields_found() -> None:
    found = {(cls.__name__, name) for cls, name in numeric_fields()}
    assert {
        ("Outcome", "importance"),
        ("Outcome", "satisfaction"),
        ("Achievement", "level"),
        ("Transfer", "amount"),
        ("DART", "dialogue"),
        ("DART", "transparency"),
        ("RevenueShare", "share"),
        ("Module", "price"),
        ("Module", "cost"),
    } <= found


@pytest.mark.parametrize(("cls", "field"), numeric_fields())
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "1", None, True, [1.0]])
def test_every_numeric_field_rejects_non_finite_and_non_numbers(
    cls: type[Any], field: str, bad: Any
) -> None:
    rejects(cls, field, bad)


@pytest.mark.parametrize(
    ("cls", "field", "bad", "good"),
    [
        # Ulwick's 0-10 scale.
        (Outcome, "importance", -0.1, [0.0, 10.0, 7]),
        (Outcome, "importance", 10.01, [0.0, 10.0]),
        (Outcome, "satisfaction", -1.0, [0.0, 10.0]),
        (Outcome, "satisfaction", 11, [0.0, 10.0]),
        # An achievement in [-1, 1]: negative is value co-destruction.
        (Achievement, "level", -1.01, [-1.0, 0.0, 1.0]),
        (Achievement, "level", 1.5, [-1.0, 1.0]),
        # Probabilities and shares in [0, 1].
        (DART, "dialogue", -0.01, [0.0, 1.0]),
        (DART, "access", 1.01, [0.0, 1.0]),
        (DART, "risk_benefits", 2.0, [0.0, 1.0]),
        (DART, "transparency", -1.0, [0.0, 1.0]),
        (RevenueShare, "share", -0.2, [0.0, 1.0]),
        (RevenueShare, "share", 1.2, [0.0, 1.0]),
        # Amounts that cannot be negative.
        (Resource, "amount", -1.0, [0.0, 3.0]),
        (Contribution, "amount", -0.5, [0.0, 6.0]),
        (Module, "price", -300.0, [0.0, 300.0]),
        (Module, "cost", -1e-9, [0.0, 120.0]),
    ],
)
def test_bounds(cls: type[Any], field: str, bad: float, good: list[float]) -> None:
    rejects(cls, field, bad)
    for value in good:
        assert getattr(build(cls, **{field: value}), field) == value


ID_FIELDS = [
    (Outcome, "id"),
    (Achievement, "outcome"),
    (Contribution, "actor"),
    (Transfer, "source"),
    (Transfer, "target"),
    (Relationship, "counterpart"),
    (RevenueShare, "partner"),
    (Module, "id"),
]


@pytest.mark.parametrize(("cls", "field"), ID_FIELDS)
@pytest.mark.parametrize("bad", ["", "  ", " acme", "acme ", "acme\n", 42, None, b"acme"])
def test_id_fields_reject_empty_padded_and_non_string_ids(
    cls: type[Any], field: str, bad: Any
) -> None:
    rejects(cls, field, bad)


@pytest.mark.parametrize(
    ("cls", "field"),
    [
        (Outcome, "statement"),
        (Resource, "description"),
        (Contribution, "description"),
        (Transfer, "label"),
        (Module, "name"),
    ],
)
@pytest.mark.parametrize("bad", [None, 3, ["text"]])
def test_text_fields_reject_non_strings(cls: type[Any], field: str, bad: Any) -> None:
    rejects(cls, field, bad)


@pytest.mark.parametrize(
    ("cls", "field", "text", "member"),
    [
        (Resource, "kind", "knowledge", ResourceKind.KNOWLEDGE),
        (Contribution, "kind", "time", ResourceKind.TIME),
        (Transfer, "kind", "value", TransferKind.VALUE),
    ],
)
def test_enum_fields_accept_the_string_value_of_a_member(
    cls: type[Any], field: str, text: str, member: Any
) -> None:
    assert getattr(build(cls, **{field: text}), field) is member


@pytest.mark.parametrize(
    ("cls", "field", "bad"),
    [
        (Resource, "kind", "knowhow"),
        (Resource, "kind", TransferKind.MONEY),
        (Contribution, "kind", "hours"),
        (Contribution, "kind", None),
        (Transfer, "kind", "cash"),
        (Transfer, "kind", ResourceKind.MONEY),
    ],
)
def test_enum_fields_reject_other_strings_and_other_enums(
    cls: type[Any], field: str, bad: Any
) -> None:
    rejects(cls, field, bad)


@pytest.mark.parametrize("bad", ["dart", {"dialogue": 0.5}, 0.5])
def test_relationship_dart_must_be_a_dart(bad: Any) -> None:
    rejects(Relationship, "dart", bad)


def test_outcome_defaults_and_equality() -> None:
    outcome = Outcome("setup-time", importance=8.5, satisfaction=3.0)
    assert outcome.statement == ""
    assert outcome == Outcome("setup-time", 8.5, 3.0)
    assert outcome != Outcome("setup-time", 8.5, 3.5)
    assert hash(outcome) == hash(Outcome("setup-time", 8.5, 3.0))


def test_transfer_from_an_actor_to_itself_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        Transfer("acme", "acme", 10.0)
    check_error(caught.value, "Transfer.target", "acme")


def test_a_money_transfer_is_never_negative() -> None:
    with pytest.raises(ValidationError) as caught:
        Transfer("acme", "telco", -5.0)
    check_error(caught.value, "Transfer.amount", -5.0)
    with pytest.raises(ValidationError):
        Transfer("acme", "telco", -5.0, kind=TransferKind.MONEY)


def test_a_value_object_may_be_worth_less_than_nothing() -> None:
    # A customer who harms the organisation on its own platform (seed 000).
    harm = Transfer("troll", "telco", -50.0, kind=TransferKind.VALUE, label="harmful posts")
    assert harm.amount == -50.0


def test_transfer_defaults_to_money() -> None:
    fee = Transfer("acme", "telco", 1200.0, label="subscription")
    assert fee.kind is TransferKind.MONEY
    assert fee.amount == 1200.0


def test_dart_defaults_to_zero_and_its_mean() -> None:
    assert DART().mean == 0.0
    scores = DART(dialogue=0.8, access=0.6, risk_benefits=0.5, transparency=0.9)
    # (0.8 + 0.6 + 0.5 + 0.9) / 4 = 2.8 / 4 = 0.7
    assert scores.mean == pytest.approx(0.7)
    assert DART(1.0, 1.0, 1.0, 1.0).mean == 1.0


def test_relationship_without_dart() -> None:
    assert Relationship("telco").dart is None
    assert Relationship("telco", DART(dialogue=0.9)).dart == DART(dialogue=0.9)


def test_module_and_resource_defaults() -> None:
    assert Module("base") == Module("base", price=0.0, cost=0.0, name="")
    assert Resource(ResourceKind.SKILLS).amount == 0.0


@pytest.mark.parametrize("cls", list(VALID))
def test_values_are_frozen(cls: type[Any]) -> None:
    value = build(cls)
    name = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, name, getattr(value, name))


@pytest.mark.parametrize("cls", list(VALID))
def test_values_are_hashable_and_compared_by_value(cls: type[Any]) -> None:
    assert build(cls) == build(cls)
    assert len({build(cls), build(cls)}) == 1


def test_evolve_validates_again_and_leaves_the_original_alone() -> None:
    outcome = Outcome("uptime", 9.0, 6.0)
    assert attrs.evolve(outcome, satisfaction=7.0).satisfaction == 7.0
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(outcome, importance=12.0)
    check_error(caught.value, "Outcome.importance", 12.0)
    assert outcome.importance == 9.0
