"""The classifications taken from the co-creation literature."""

from __future__ import annotations

import enum

import pytest

from cocreation.model import (
    CoCreationLevel,
    CustomerKind,
    JobKind,
    JobStep,
    Mode,
    PartnerRole,
    PricingModel,
    ReferencePoint,
    ResourceKind,
    Sphere,
    TransferKind,
    _enums,
)

ALL_ENUMS: list[type[enum.StrEnum]] = [
    CoCreationLevel,
    CustomerKind,
    JobKind,
    JobStep,
    Mode,
    PartnerRole,
    PricingModel,
    ReferencePoint,
    ResourceKind,
    Sphere,
    TransferKind,
]


def test_the_list_covers_every_enum_of_the_module() -> None:
    assert {getattr(_enums, name) for name in _enums.__all__} == set(ALL_ENUMS)


@pytest.mark.parametrize("kind", ALL_ENUMS)
def test_values_are_the_lower_case_member_names(kind: type[enum.StrEnum]) -> None:
    for member in kind:
        assert member.value == member.name.lower()
        assert kind(member.value) is member
        assert member == member.value  # a StrEnum compares equal to its value


@pytest.mark.parametrize("kind", ALL_ENUMS)
def test_an_unknown_value_is_rejected(kind: type[enum.StrEnum]) -> None:
    with pytest.raises(ValueError, match="not a valid"):
        kind("no-such-value")


@pytest.mark.parametrize("kind", ALL_ENUMS)
def test_every_enum_has_a_docstring(kind: type[enum.StrEnum]) -> None:
    assert kind.__doc__
    assert kind.__doc__.strip()


def test_the_four_co_creation_levels() -> None:
    # Seed 000: design, a share of provision, referral (co-selling), supporting other customers.
    assert [level.value for level in CoCreationLevel] == [
        "design",
        "production",
        "referral",
        "support",
    ]


def test_the_five_reference_points_of_interaction() -> None:
    # Seed 000: with oneself, other customers, a topic, the network, the organisation.
    assert [point.value for point in ReferencePoint] == [
        "self",
        "other_customers",
        "topic",
        "network",
        "organisation",
    ]


def test_the_job_map_has_eight_steps_in_order() -> None:
    # Bettencourt & Ulwick 2008, the universal job map.
    assert [step.value for step in JobStep] == [
        "define",
        "locate",
        "prepare",
        "confirm",
        "execute",
        "monitor",
        "modify",
        "conclude",
    ]


def test_the_three_spheres_and_two_modes() -> None:
    # Grönroos & Voima 2013.
    assert [sphere.value for sphere in Sphere] == ["provider", "joint", "customer"]
    assert [mode.value for mode in Mode] == ["direct", "indirect"]


def test_the_smaller_classifications() -> None:
    assert [kind.value for kind in JobKind] == ["functional", "social", "emotional"]
    assert [kind.value for kind in CustomerKind] == ["individual", "business"]
    assert [model.value for model in PricingModel] == ["one_off", "subscription", "outcome_based"]
    assert [kind.value for kind in TransferKind] == ["money", "value"]
    assert {role.value for role in PartnerRole} >= {
        "supplier",
        "complementor",
        "platform",
        "community",
    }
    assert {kind.value for kind in ResourceKind} >= {"money", "time", "skills", "knowledge"}


def test_members_of_different_enums_are_distinct_types() -> None:
    assert not isinstance(Sphere.JOINT, Mode)
    assert not isinstance("self", ReferencePoint)
