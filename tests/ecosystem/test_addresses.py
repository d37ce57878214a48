"""Numbers by address: resolved against an ecosystem, changed through the fields' own validators."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cocreation as cc
from cocreation.ecosystem import Parameter, changed_entities
from cocreation.strategies import ecosystems


@pytest.fixture
def eco() -> cc.Ecosystem:
    return cc.example_ecosystem()


def test_every_address_of_the_example_resolves_to_the_number_it_names(eco: cc.Ecosystem) -> None:
    found = [eco.parameter(address) for address in eco.addresses()]
    assert len(found) == len(eco.addresses()) == len(set(eco.addresses()))
    kinds = {parameter.kind for parameter in found}
    assert kinds == {"customer", "organisation", "partner", "offering", "job", "interaction"}
    price = eco.parameter("managed-connectivity.price")
    assert price == Parameter(
        "managed-connectivity.price",
        "managed-connectivity",
        "offering",
        (("price", None),),
        24000.0,
        False,
        _cls="Offering",
    )


@pytest.mark.parametrize(
    ("address", "value", "read"),
    [
        ("small-businesses.retention", 0.7, lambda e: e.customer("small-businesses").retention),
        ("small-businesses.count", 450, lambda e: e.customer("small-businesses").count),
        (
            "alpine-telecom.discount_rate",
            0.1,
            lambda e: e.organisation("alpine-telecom").discount_rate,
        ),
        ("cloud.variable_cost", 80.0, lambda e: e.partner("cloud").variable_cost),
        (
            "managed-connectivity.partners[cloud].share",
            0.2,
            lambda e: e.offering("managed-connectivity").partners[0].share,
        ),
        (
            "managed-connectivity.modules[security].price",
            9500.0,
            lambda e: e.offering("managed-connectivity").modules[1].price,
        ),
        (
            "user-group-help.transfers[1].amount",
            40.0,
            lambda e: e.interaction("user-group-help").transfers[1].amount,
        ),
        (
            "connectivity-alpen-logistik.achievement[uptime].level",
            0.5,
            lambda e: e.interaction("connectivity-alpen-logistik").achievement[0].level,
        ),
        (
            "alpen-logistik.relationships[alpine-telecom].dart.access",
            0.1,
            lambda e: e.customer("alpen-logistik").relationships[0].dart.access,
        ),
        (
            "portal-self-service.occurrences",
            8.0,
            lambda e: e.interaction("portal-self-service").occurrences,
        ),
        (
            "onboarding-seeland-kliniken.period",
            2,
            lambda e: e.interaction("onboarding-seeland-kliniken").period,
        ),
    ],
)
def test_with_values_changes_exactly_the_number_named(
    eco: cc.Ecosystem, address: str, value: float, read: Any
) -> None:
    before = read(eco)
    changed = eco.with_values({address: value})
    assert read(changed) == value
    assert read(eco) == before  # the original is untouched
    assert changed.parameter(address).value == value
    others = [a for a in eco.addresses() if a != address]
    assert [changed.parameter(a).value for a in others] == [eco.parameter(a).value for a in others]


def test_achievement_ids_in_the_example_are_what_the_test_above_names(eco: cc.Ecosystem) -> None:
    assert eco.interaction("connectivity-alpen-logistik").achievement[0].outcome == "uptime"
    assert [m.id for m in eco.offering("managed-connectivity").modules][1] == "security"


def test_several_numbers_of_one_entity_change_together(eco: cc.Ecosystem) -> None:
    # Each share alone is fine; the rule on their sum is checked on the result.
    changed = eco.with_values(
        {"managed-connectivity.price": 20_000.0, "managed-connectivity.unit_cost": 9_000.0}
    )
    offering = changed.offering("managed-connectivity")
    assert (offering.price, offering.unit_cost) == (20_000.0, 9_000.0)
    assert (
        len(changed_entities(eco, {"managed-connectivity.price": 1.0, "cloud.fixed_cost": 1.0}))
        == 2
    )


def test_numpy_scalars_count_as_the_numbers_they_hold(eco: cc.Ecosystem) -> None:
    changed = eco.with_values(
        {"small-businesses.count": np.int64(300), "small-businesses.retention": np.float64(0.5)}
    )
    customer = changed.customer("small-businesses")
    assert (customer.count, customer.retention) == (300, 0.5)
    assert type(customer.count) is int
    assert type(customer.retention) is float


def test_setting_every_number_to_itself_gives_an_equal_ecosystem(eco: cc.Ecosystem) -> None:
    values = {address: eco.parameter(address).value for address in eco.addresses()}
    assert eco.with_values(values) == eco


def test_an_id_with_dots_is_found_by_the_longest_id_the_address_starts_with() -> None:
    eco = cc.Ecosystem().add_customer("acme").add_customer("acme.com", count=2)
    assert eco.parameter("acme.com.count").entity == "acme.com"
    assert eco.parameter("acme.count").entity == "acme"
    assert eco.with_values({"acme.com.count": 5}).customer("acme.com").count == 5


def test_integer_fields_are_marked(eco: cc.Ecosystem) -> None:
    assert eco.parameter("small-businesses.count").integer
    assert eco.parameter("onboarding-seeland-kliniken.period").integer
    assert not eco.parameter("small-businesses.value_of_time").integer


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        (
            {"small-busineses.retention": 0.5},
            cc.UnknownIdError,
            r"small-busineses\.retention: expected the id of an entity of the ecosystem "
            r"\(did you mean 'small-businesses'\?\), got unknown id 'small-busineses'",
        ),
        (
            {"nobody-at-all.price": 1.0},
            cc.UnknownIdError,
            r"nobody-at-all\.price: expected the id of an entity of the ecosystem, got unknown id",
        ),
        (
            {"business-internet.prize": 1.0},
            cc.ValidationError,
            r"business-internet\.prize: expected a field of Offering that holds numbers: "
            r"price, unit_cost, partners, proposition \(did you mean 'price'\?\), got 'prize'",
        ),
        (
            {"business-internet.provider": 1.0},
            cc.ValidationError,
            r"business-internet\.provider: expected a field that holds a number; "
            r"Offering\.provider does not, got 'alpine-telecom'",
        ),
        (
            {"portal-self-service.recurring": 0.0},
            cc.ValidationError,
            r"portal-self-service\.recurring: expected a field that holds a number",
        ),
        (
            {"small-businesses.kind": 1.0},
            cc.ValidationError,
            r"small-businesses\.kind: expected a field that holds a number",
        ),
        (
            {"small-businesses.retention": 1.2},
            cc.ValidationError,
            r"small-businesses\.retention: expected a finite number in \[0, 1\], got 1\.2",
        ),
        (
            {"small-businesses.count": 2.5},
            cc.ValidationError,
            r"small-businesses\.count: expected an integer >= 1, got 2\.5",
        ),
        (
            {"business-internet.price": float("nan")},
            cc.ValidationError,
            r"business-internet\.price: expected a finite number >= 0, got nan",
        ),
        (
            {"managed-connectivity.partners[cloud].share": 1.2},
            cc.ValidationError,
            r"managed-connectivity\.partners\[cloud\]\.share: expected a finite number in \[0, 1\]",
        ),
        (
            {"managed-connectivity.partners[clod].share": 0.2},
            cc.ValidationError,
            r"managed-connectivity\.partners\[clod\]\.share: expected the id of a member of "
            r"Offering\.partners: \['cloud'\] \(did you mean 'cloud'\?\), got 'clod'",
        ),
        (
            {"user-group-help.transfers[5].amount": 1.0},
            cc.ValidationError,
            r"user-group-help\.transfers\[5\]\.amount: expected the position of one of the 2 "
            r"members of Interaction\.transfers, got '5'",
        ),
        (
            {"user-group-help.transfers.amount": 1.0},
            cc.ValidationError,
            r"user-group-help\.transfers\.amount: expected a member of Interaction\.transfers",
        ),
        (
            {"green-it-report.dart.access": 0.5},
            cc.ValidationError,
            r"green-it-report\.dart\.access: expected Interaction\.dart to be set before",
        ),
        (
            {"business-internet": 1.0},
            cc.ValidationError,
            r"address: expected '<entity id>\.<field>', such as 'business-internet\.price'",
        ),
        (
            {"business-internet.partners[portal.share": 1.0},
            cc.ValidationError,
            r"address: expected a '\]' after the member's id",
        ),
        ({7: 1.0}, cc.ValidationError, r"address: expected a string"),
    ],
)
def test_bad_input_is_the_librarys_error_naming_the_address_and_the_value(
    eco: cc.Ecosystem, values: dict[Any, float], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        eco.with_values(values)


def test_a_rule_over_several_fields_names_the_address_that_breaks_it() -> None:
    eco = (
        cc.Ecosystem()
        .add_partner("cloud")
        .add_partner("portal")
        .add_organisation("telco", partners=["cloud", "portal"])
        .add_offering(
            "connect",
            provider="telco",
            partners=[cc.RevenueShare("cloud", 0.4), cc.RevenueShare("portal", 0.4)],
        )
    )
    with pytest.raises(
        cc.ValidationError,
        match=r"connect\.partners\[cloud\]\.share: expected a value that keeps Offering\.partners "
        r"valid \(revenue shares that add up to at most 1; it would be 1\.1\d*\), got 0\.7",
    ):
        eco.with_values({"connect.partners[cloud].share": 0.7})
    both = eco.with_values(
        {"connect.partners[cloud].share": 0.7, "connect.partners[portal].share": 0.1}
    )
    assert [share.share for share in both.offering("connect").partners] == [0.7, 0.1]


def test_values_must_be_a_mapping(eco: cc.Ecosystem) -> None:
    with pytest.raises(cc.ValidationError, match=r"values: expected a mapping"):
        eco.with_values([("business-internet.price", 1.0)])  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(eco=ecosystems(), data=st.data())
def test_every_number_of_any_ecosystem_round_trips_through_its_address(
    eco: cc.Ecosystem, data: st.DataObject
) -> None:
    everything = eco.addresses()
    if not everything:
        return
    address = data.draw(st.sampled_from(everything))
    found = eco.parameter(address)
    assert found.address == address
    assert eco[found.entity].id == found.entity
    # The number set to itself changes nothing; the model's type is kept.
    assert eco.with_values({address: found.value}) == eco
