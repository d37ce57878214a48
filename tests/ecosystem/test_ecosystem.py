"""The ecosystem: a registry of entities by id, with every reference checked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

from cocreation.ecosystem import KINDS, Ecosystem, kind_of
from cocreation.errors import (
    DuplicateIdError,
    ReferencePointError,
    UnknownFieldError,
    UnknownIdError,
    ValidationError,
)
from cocreation.model import (
    DART,
    Achievement,
    CoCreationLevel,
    Contribution,
    Customer,
    CustomerKind,
    Interaction,
    JobToBeDone,
    Module,
    NetworkPartner,
    Offering,
    Organisation,
    Outcome,
    PartnerRole,
    ReferencePoint,
    Relationship,
    ResourceKind,
    RevenueShare,
    Topic,
    Transfer,
)

Change = Callable[[Ecosystem], Ecosystem]


def co_selling() -> Ecosystem:
    """A telecom provider that co-defines a modular offering with its business customers.

    Seed 000 names Swisscom's co-creation process for selling: the offering is
    defined with the customer's management in workshops. No interaction yet, so a test
    that adds one finds it at position 0; a new actor lands at position 5.
    """
    return Ecosystem(
        name="Co-selling",
        actors=[
            NetworkPartner("cloud", role=PartnerRole.COMPLEMENTOR),
            NetworkPartner("security", role=PartnerRole.SUPPLIER),
            Organisation("telco", name="Alpine Telecom", partners=["cloud", "security"]),
            Customer("acme", name="ACME AG", kind=CustomerKind.BUSINESS, value_of_time=120.0),
            Customer("beta", kind=CustomerKind.BUSINESS),
        ],
        offerings=[
            Offering(
                "connect",
                provider="telco",
                price=1200.0,
                modules=[Module("base", 800.0), Module("managed-security", 400.0)],
                partners=[RevenueShare("cloud", 0.2)],
                proposition=[Achievement("uptime", 0.9)],
            )
        ],
        jobs=[
            JobToBeDone(
                "connect-sites",
                owner="acme",
                value=5000.0,
                outcomes=[Outcome("uptime", 9.0, 6.0), Outcome("setup-time", 8.0, 3.0)],
            ),
            JobToBeDone("secure-data", owner="beta", outcomes=[Outcome("no-breach", 10.0, 4.0)]),
        ],
        topics=[Topic("green-it", name="Green IT")],
    )


def check_error(error: ValidationError | UnknownIdError, field: str, value: Any) -> None:
    assert error.field == field
    assert error.value == value
    assert field in str(error)
    assert repr(value) in str(error)


# ---------------------------------------------------------------- a valid ecosystem


def test_a_valid_ecosystem_holds_every_entity_by_id() -> None:
    eco = co_selling()
    assert len(eco) == 9
    assert eco["acme"] == Customer(
        "acme", name="ACME AG", kind=CustomerKind.BUSINESS, value_of_time=120.0
    )
    assert eco["connect"].id == "connect"
    assert "green-it" in eco
    assert "ghost" not in eco
    assert 42 not in eco
    assert eco.get("ghost") is None
    assert eco.get("ghost", eco["acme"]) is eco["acme"]
    assert eco.get("telco") is eco["telco"]


def test_iteration_order_is_actors_offerings_jobs_topics_interactions() -> None:
    eco = co_selling().add_interaction("call", customer="beta", counterpart="telco")
    assert [entity.id for entity in eco] == [
        "cloud",
        "security",
        "telco",
        "acme",
        "beta",
        "connect",
        "connect-sites",
        "secure-data",
        "green-it",
        "call",
    ]


def test_actor_views_keep_their_order_among_mixed_actors() -> None:
    eco = co_selling().add_customer("gamma").add_partner("forum", role=PartnerRole.COMMUNITY)
    assert [c.id for c in eco.customers] == ["acme", "beta", "gamma"]
    assert [o.id for o in eco.organisations] == ["telco"]
    assert [p.id for p in eco.partners] == ["cloud", "security", "forum"]


def test_jobs_of_a_customer() -> None:
    eco = co_selling().add_job("cut-costs", owner="acme")
    assert [job.id for job in eco.jobs_of("acme")] == ["connect-sites", "cut-costs"]
    assert [job.id for job in eco.jobs_of("beta")] == ["secure-data"]
    assert eco.add_customer("gamma").jobs_of("gamma") == ()


@pytest.mark.parametrize("wrong", ["telco", "ghost", "connect-sites"])
def test_jobs_of_rejects_what_is_not_a_customer(wrong: str) -> None:
    with pytest.raises(UnknownIdError) as caught:
        co_selling().jobs_of(wrong)
    check_error(caught.value, "Ecosystem.customer", wrong)


@pytest.mark.parametrize(
    ("kind", "ids"),
    [
        ("customer", ["acme", "beta"]),
        ("organisation", ["telco"]),
        ("partner", ["cloud", "security"]),
        ("offering", ["connect"]),
        ("job", ["connect-sites", "secure-data"]),
        ("topic", ["green-it"]),
        ("interaction", ["call"]),
    ],
)
def test_entities_of_one_kind(kind: str, ids: list[str]) -> None:
    eco = co_selling().add_interaction("call", customer="beta", counterpart="telco")
    assert [entity.id for entity in eco.entities(kind)] == ids


def test_entities_without_a_kind_is_everything() -> None:
    eco = co_selling()
    assert [entity.id for entity in eco.entities()] == [entity.id for entity in eco]


@pytest.mark.parametrize("bad", ["customers", "Customer", "actor", ""])
def test_entities_rejects_an_unknown_kind(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        co_selling().entities(bad)
    check_error(caught.value, "kind", bad)


def test_kind_of_each_entity() -> None:
    eco = co_selling().add_interaction("call", customer="beta", counterpart="telco")
    assert {entity.id: kind_of(entity) for entity in eco} == {
        "cloud": "partner",
        "security": "partner",
        "telco": "organisation",
        "acme": "customer",
        "beta": "customer",
        "connect": "offering",
        "connect-sites": "job",
        "secure-data": "job",
        "green-it": "topic",
        "call": "interaction",
    }
    assert sorted(KINDS.values()) == sorted(
        ["customer", "organisation", "partner", "offering", "job", "topic", "interaction"]
    )


def test_repr_counts_each_collection() -> None:
    eco = co_selling().add_interaction("call", customer="beta", counterpart="telco")
    assert repr(eco) == (
        "Ecosystem(name='Co-selling', customers=2, organisations=1, partners=2, "
        "offerings=1, jobs=2, topics=1, interactions=1)"
    )
    assert repr(Ecosystem()) == (
        "Ecosystem(name='', customers=0, organisations=0, partners=0, "
        "offerings=0, jobs=0, topics=0, interactions=0)"
    )


def test_equality_and_hashing() -> None:
    first, second = co_selling(), co_selling()
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1
    assert first != attrs.evolve(first, name="Other")
    assert first != first.add_topic("sustainability")


def test_builders_and_the_constructor_agree() -> None:
    built = (
        Ecosystem(name="Kiosks")
        .add_organisation("bank")
        .add_customer("walk-ins", count=900, value_of_time=30.0)
        .add_interaction("kiosk-use", customer="walk-ins", level=CoCreationLevel.PRODUCTION)
    )
    direct = Ecosystem(
        name="Kiosks",
        actors=[Organisation("bank"), Customer("walk-ins", count=900, value_of_time=30.0)],
        interactions=[
            Interaction("kiosk-use", customer="walk-ins", level=CoCreationLevel.PRODUCTION)
        ],
    )
    assert built == direct
    assert built == Ecosystem(name="Kiosks").add(*direct)
    assert built != direct.remove("kiosk-use")


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"name": 3}, "Ecosystem.name"),
        ({"actors": [Topic("t")]}, "Ecosystem.actors[0]"),
        ({"actors": Customer("a")}, "Ecosystem.actors"),
        ({"offerings": [Customer("a")]}, "Ecosystem.offerings[0]"),
        ({"topics": ["t"]}, "Ecosystem.topics[0]"),
        ({"interactions": "i"}, "Ecosystem.interactions"),
    ],
)
def test_the_constructor_checks_its_collections(bad: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Ecosystem(**bad)
    assert caught.value.field == field
    assert field in str(caught.value)


@pytest.mark.parametrize("bad", ["acme", 3, None, Outcome("o", 1.0, 1.0)])
def test_add_rejects_what_is_not_an_entity(bad: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        co_selling().add(Customer("gamma"), bad)
    check_error(caught.value, "Ecosystem.add(entities[1])", bad)


@pytest.mark.parametrize(
    ("change", "field", "value"),
    [
        (lambda e: e.add_customer("acme"), "Ecosystem.actors[5].id", "acme"),
        (lambda e: e.add_organisation("beta"), "Ecosystem.actors[5].id", "beta"),
        (lambda e: e.add_partner("telco"), "Ecosystem.actors[5].id", "telco"),
        (lambda e: e.add_offering("acme", provider="telco"), "Ecosystem.offerings[1].id", "acme"),
        (lambda e: e.add_job("connect", owner="acme"), "Ecosystem.jobs[2].id", "connect"),
        (lambda e: e.add_topic("connect-sites"), "Ecosystem.topics[1].id", "connect-sites"),
        (
            lambda e: e.add_interaction("green-it", customer="acme"),
            "Ecosystem.interactions[0].id",
            "green-it",
        ),
        (
            lambda e: e.add_interaction("x", customer="acme").add_interaction("x", customer="beta"),
            "Ecosystem.interactions[1].id",
            "x",
        ),
    ],
)
def test_duplicate_ids_across_collections(change: Change, field: str, value: str) -> None:
    with pytest.raises(DuplicateIdError) as caught:
        change(co_selling())
    assert isinstance(caught.value, ValidationError)
    assert isinstance(caught.value, ValueError)
    check_error(caught.value, field, value)


def test_duplicate_ids_in_the_constructor() -> None:
    with pytest.raises(DuplicateIdError) as caught:
        Ecosystem(actors=[Customer("a"), Customer("b"), Organisation("a")])
    check_error(caught.value, "Ecosystem.actors[2].id", "a")


def interaction(**fields: Any) -> Change:
    """Add interaction "i" from acme to telco, with these fields changed."""
    return lambda eco: eco.add_interaction(
        "i", **{"customer": "acme", "counterpart": "telco", **fields}
    )


TIME = ResourceKind.TIME
INTERACTION_REFERENCES: list[tuple[dict[str, Any], str, str]] = [
    ({"customer": "ghost"}, "customer", "ghost"),
    ({"customer": "telco", "counterpart": "beta"}, "customer", "telco"),  # not a customer
    ({"customer": "cloud"}, "customer", "cloud"),
    ({"customer": "green-it", "counterpart": None}, "customer", "green-it"),
    ({"counterpart": "ghost"}, "counterpart", "ghost"),
    ({"counterpart": "connect"}, "counterpart", "connect"),  # an offering is no counterpart
    ({"counterpart": "connect-sites"}, "counterpart", "connect-sites"),
    ({"offering": "ghost"}, "offering", "ghost"),
    ({"offering": "telco"}, "offering", "telco"),
    ({"offering": "connect", "modules": ["base", "gold"]}, "modules[1]", "gold"),
    ({"job": "ghost"}, "job", "ghost"),
    ({"job": "connect"}, "job", "connect"),
    (
        {"job": "connect-sites", "achievement": [Achievement("latency", 0.5)]},
        "achievement[0].outcome",
        "latency",
    ),
    (
        # An outcome of another customer's job is not an outcome of this job.
        {
            "job": "connect-sites",
            "achievement": [Achievement("uptime", 0.5), Achievement("no-breach", 0.5)],
        },
        "achievement[1].outcome",
        "no-breach",
    ),
    ({"contributions": [Contribution("ghost", TIME, 1.0)]}, "contributions[0].actor", "ghost"),
    (
        {"contributions": [Contribution("acme", TIME, 1.0), Contribution("green-it", TIME, 1.0)]},
        "contributions[1].actor",
        "green-it",
    ),
    ({"transfers": [Transfer("ghost", "telco", 1.0)]}, "transfers[0].source", "ghost"),
    (
        {"transfers": [Transfer("acme", "telco", 1.0), Transfer("acme", "ghost", 1.0)]},
        "transfers[1].target",
        "ghost",
    ),
    ({"transfers": [Transfer("acme", "connect", 1.0)]}, "transfers[0].target", "connect"),
    ({"transfers": [Transfer("green-it", "telco", 1.0)]}, "transfers[0].source", "green-it"),
]


@pytest.mark.parametrize(("fields", "where", "value"), INTERACTION_REFERENCES)
def test_unknown_references_of_an_interaction(
    fields: dict[str, Any], where: str, value: str
) -> None:
    with pytest.raises(UnknownIdError) as caught:
        interaction(**fields)(co_selling())
    assert isinstance(caught.value, KeyError)
    check_error(caught.value, f"Ecosystem.interactions[0].{where}", value)


def test_a_job_of_another_customer_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        interaction(job="secure-data")(co_selling())
    check_error(caught.value, "Ecosystem.interactions[0].job", "secure-data")
    assert "acme" in str(caught.value)


OTHER_REFERENCES: list[tuple[Change, str, str]] = [
    (lambda e: e.add_offering("o", provider="ghost"), "Ecosystem.offerings[1].provider", "ghost"),
    (lambda e: e.add_offering("o", provider="cloud"), "Ecosystem.offerings[1].provider", "cloud"),
    (lambda e: e.add_offering("o", provider="acme"), "Ecosystem.offerings[1].provider", "acme"),
    (
        lambda e: e.add_offering("o", provider="telco", partners=[RevenueShare("ghost", 0.1)]),
        "Ecosystem.offerings[1].partners[0].partner",
        "ghost",
    ),
    (
        lambda e: e.add_offering(
            "o",
            provider="telco",
            partners=[RevenueShare("cloud", 0.1), RevenueShare("telco", 0.1)],
        ),
        "Ecosystem.offerings[1].partners[1].partner",
        "telco",
    ),
    (
        lambda e: e.add_offering("o", provider="telco", proposition=[Achievement("latency", 0.5)]),
        "Ecosystem.offerings[1].proposition[0].outcome",
        "latency",
    ),
    (lambda e: e.add_job("j", owner="ghost"), "Ecosystem.jobs[2].owner", "ghost"),
    (lambda e: e.add_job("j", owner="telco"), "Ecosystem.jobs[2].owner", "telco"),
    (lambda e: e.add_job("j", owner="green-it"), "Ecosystem.jobs[2].owner", "green-it"),
    (
        lambda e: e.add_organisation("reseller", partners=["ghost"]),
        "Ecosystem.actors[5].partners[0]",
        "ghost",
    ),
    (
        lambda e: e.add_organisation("reseller", partners=["cloud", "acme"]),
        "Ecosystem.actors[5].partners[1]",
        "acme",
    ),
    (
        lambda e: e.add_organisation("reseller", partners=["telco"]),
        "Ecosystem.actors[5].partners[0]",
        "telco",
    ),
    (
        lambda e: e.add_customer("gamma", referred_by="ghost"),
        "Ecosystem.actors[5].referred_by",
        "ghost",
    ),
    (
        lambda e: e.add_customer("gamma", referred_by="telco"),
        "Ecosystem.actors[5].referred_by",
        "telco",
    ),
    (
        lambda e: e.add_customer("gamma", relationships=[Relationship("ghost")]),
        "Ecosystem.actors[5].relationships[0].counterpart",
        "ghost",
    ),
    (
        lambda e: e.add_customer(
            "gamma", relationships=[Relationship("telco"), Relationship("connect")]
        ),
        "Ecosystem.actors[5].relationships[1].counterpart",
        "connect",
    ),
    (
        lambda e: e.add_customer("gamma", relationships=[Relationship("connect-sites")]),
        "Ecosystem.actors[5].relationships[0].counterpart",
        "connect-sites",
    ),
]


@pytest.mark.parametrize(("change", "field", "value"), OTHER_REFERENCES)
def test_unknown_references_of_actors_offerings_and_jobs(
    change: Change, field: str, value: str
) -> None:
    with pytest.raises(UnknownIdError) as caught:
        change(co_selling())
    assert isinstance(caught.value, KeyError)
    check_error(caught.value, field, value)


@pytest.mark.parametrize("counterpart", ["acme", "telco", "cloud", "green-it"])
def test_a_relationship_may_name_any_actor_or_topic(counterpart: str) -> None:
    eco = co_selling().add_customer(
        "gamma", relationships=[Relationship(counterpart, DART(dialogue=0.7))]
    )
    assert eco.customer("gamma").relationships[0].counterpart == counterpart


def test_a_referral_tree_is_accepted() -> None:
    eco = (
        Ecosystem()
        .add_customer("ann")
        .add_customer("bob", referred_by="ann")
        .add_customer("cy", referred_by="ann")
        .add_customer("dee", referred_by="bob")
    )
    assert eco.customer("dee").referred_by == "bob"


def test_a_referral_cycle_of_two_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        Ecosystem(actors=[Customer("ann", referred_by="bob"), Customer("bob", referred_by="ann")])
    assert not isinstance(caught.value, UnknownIdError)
    check_error(caught.value, "Customer.referred_by of 'ann'", "ann -> bob -> ann")


def test_a_referral_cycle_behind_a_tail_is_rejected() -> None:
    # eve -> ann -> bob -> cy -> ann: the cycle is reported without eve's tail.
    actors = [
        Customer("eve", referred_by="ann"),
        Customer("ann", referred_by="cy"),
        Customer("bob", referred_by="ann"),
        Customer("cy", referred_by="bob"),
    ]
    with pytest.raises(ValidationError) as caught:
        Ecosystem(actors=actors)
    assert caught.value.field.startswith("Customer.referred_by")
    assert caught.value.value == "ann -> cy -> bob -> ann"


def test_replace_cannot_close_a_referral_cycle() -> None:
    eco = Ecosystem().add_customer("ann").add_customer("bob", referred_by="ann")
    with pytest.raises(ValidationError) as caught:
        eco.replace(Customer("ann", referred_by="bob"))
    assert "ann" in str(caught.value.value)
    assert "bob" in str(caught.value.value)


# ---------------------------------------------------------------- reference points

COUNTERPART_POINTS = [
    (None, ReferencePoint.SELF),
    ("beta", ReferencePoint.OTHER_CUSTOMERS),
    ("green-it", ReferencePoint.TOPIC),
    ("cloud", ReferencePoint.NETWORK),
    ("telco", ReferencePoint.ORGANISATION),
]


@pytest.mark.parametrize(("counterpart", "point"), COUNTERPART_POINTS)
def test_the_reference_point_is_derived_from_the_counterpart(
    counterpart: str | None, point: ReferencePoint
) -> None:
    eco = co_selling().add_interaction("i", customer="acme", counterpart=counterpart)
    assert eco.interaction("i").reference_point is point
    assert eco.interactions[0].reference_point is point


@pytest.mark.parametrize(("counterpart", "point"), COUNTERPART_POINTS)
def test_a_stated_correct_reference_point_is_accepted(
    counterpart: str | None, point: ReferencePoint
) -> None:
    stated = co_selling().add_interaction(
        "i", customer="acme", counterpart=counterpart, reference_point=point
    )
    derived = co_selling().add_interaction("i", customer="acme", counterpart=counterpart)
    assert stated.interaction("i").reference_point is point
    assert stated == derived
    assert hash(stated) == hash(derived)


@pytest.mark.parametrize(
    ("counterpart", "derived", "stated"),
    [
        (counterpart, derived, stated)
        for counterpart, derived in COUNTERPART_POINTS
        if counterpart is not None
        for stated in ReferencePoint
        if stated not in (derived, ReferencePoint.SELF)
    ],
)
def test_a_contradicting_reference_point_is_rejected(
    counterpart: str, derived: ReferencePoint, stated: ReferencePoint
) -> None:
    with pytest.raises(ReferencePointError) as caught:
        co_selling().add_interaction(
            "i", customer="acme", counterpart=counterpart, reference_point=stated
        )
    assert isinstance(caught.value, ValidationError)
    check_error(caught.value, "Ecosystem.interactions[0].reference_point", stated)
    assert derived.name in str(caught.value)


def test_a_stated_self_with_a_counterpart_is_rejected_by_the_model() -> None:
    with pytest.raises(ReferencePointError) as caught:
        co_selling().add_interaction(
            "i", customer="acme", counterpart="telco", reference_point=ReferencePoint.SELF
        )
    check_error(caught.value, "Interaction.reference_point", ReferencePoint.SELF)


def test_replace_re_derives_the_reference_point() -> None:
    eco = co_selling().add_interaction("i", customer="acme", counterpart="telco")
    moved = eco.replace(Interaction("i", customer="acme", counterpart="cloud"))
    assert moved.interaction("i").reference_point is ReferencePoint.NETWORK
    assert eco.interaction("i").reference_point is ReferencePoint.ORGANISATION


def test_replacing_a_counterpart_whose_point_was_stated_is_checked_again() -> None:
    eco = co_selling().add_interaction("i", customer="acme", counterpart="telco")
    stale = attrs.evolve(eco.interaction("i"), counterpart="cloud")
    assert stale.reference_point is ReferencePoint.ORGANISATION
    with pytest.raises(ReferencePointError):
        eco.replace(stale)


def test_an_interaction_with_modules_of_its_offering() -> None:
    eco = interaction(offering="connect", modules=["base", "managed-security"], units=1.0)(
        co_selling()
    )
    assert eco.interaction("i").modules == ("base", "managed-security")


# ---------------------------------------------------------------- immutability


def test_add_returns_a_new_ecosystem_and_leaves_the_original() -> None:
    original = co_selling()
    snapshot = co_selling()
    bigger = original.add_customer("gamma")
    assert bigger is not original
    assert "gamma" in bigger
    assert "gamma" not in original
    assert original == snapshot
    assert len(original) == 9


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.add_customer("gamma"),
        lambda e: e.add_organisation("reseller"),
        lambda e: e.add_partner("forum"),
        lambda e: e.add_offering("o", provider="telco"),
        lambda e: e.add_job("j", owner="beta"),
        lambda e: e.add_topic("t"),
        lambda e: e.add_interaction("i", customer="acme", counterpart="telco"),
        lambda e: e.add(Customer("gamma"), Topic("t")),
        lambda e: e.replace(Customer("acme", count=3)),
        lambda e: e.remove("green-it"),
    ],
)
def test_no_change_touches_the_original(change: Change) -> None:
    original = co_selling()
    entities = list(original)
    changed = change(original)
    assert changed != original
    assert original == co_selling()
    assert list(original) == entities
    assert all(a is b for a, b in zip(original, entities, strict=True))


def test_an_interaction_the_caller_holds_is_not_changed_by_joining() -> None:
    held = Interaction("workshop", customer="acme", counterpart="telco")
    eco = co_selling().add(held)
    assert held.reference_point is None
    assert eco.interaction("workshop").reference_point is ReferencePoint.ORGANISATION
    assert eco.interaction("workshop") is not held


def test_the_callers_list_is_copied() -> None:
    actors: list[Customer | Organisation | NetworkPartner] = [Customer("acme")]
    eco = Ecosystem(actors=actors)
    actors.append(Customer("beta"))
    assert [c.id for c in eco.customers] == ["acme"]


def test_an_ecosystem_is_frozen() -> None:
    eco = co_selling()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        eco.name = "renamed"  # type: ignore[misc]


def test_a_failed_change_leaves_the_original_intact() -> None:
    eco = co_selling()
    with pytest.raises(UnknownIdError):
        eco.add_interaction("i", customer="ghost")
    assert eco == co_selling()
    assert "i" not in eco


# ---------------------------------------------------------------- replace and remove


def test_replace_swaps_the_entity_in_place() -> None:
    eco = co_selling()
    bigger = eco.replace(Customer("acme", count=40, kind=CustomerKind.BUSINESS))
    assert bigger.customer("acme").count == 40
    assert [c.id for c in bigger.customers] == ["acme", "beta"]
    assert eco.customer("acme").count == 1


@pytest.mark.parametrize(
    ("entity", "field"),
    [
        (Customer("ghost"), "Ecosystem.actors"),
        (Organisation("acme"), "Ecosystem.actors"),  # an id of another kind
        (Topic("ghost"), "Ecosystem.topics"),
        (Topic("connect"), "Ecosystem.topics"),
        (Interaction("ghost", customer="acme"), "Ecosystem.interactions"),
    ],
)
def test_replace_needs_an_existing_entity_of_the_same_kind(entity: Any, field: str) -> None:
    with pytest.raises(UnknownIdError) as caught:
        co_selling().replace(entity)
    check_error(caught.value, field, entity.id)


def test_replace_checks_references_again() -> None:
    with pytest.raises(UnknownIdError) as caught:
        co_selling().replace(JobToBeDone("secure-data", owner="ghost"))
    check_error(caught.value, "Ecosystem.jobs[1].owner", "ghost")


def test_remove_drops_the_entities() -> None:
    eco = co_selling().remove("green-it", "secure-data")
    assert "green-it" not in eco
    assert "secure-data" not in eco
    assert len(eco) == 7


@pytest.mark.parametrize(
    ("setup", "gone", "field", "value"),
    [
        (
            interaction(customer="beta"),
            ("beta", "secure-data"),
            "Ecosystem.interactions[0].customer",
            "beta",
        ),
        (interaction(), ("telco", "connect"), "Ecosystem.interactions[0].counterpart", "telco"),
        (lambda e: e, ("telco",), "Ecosystem.offerings[0].provider", "telco"),
        (lambda e: e, ("cloud",), "Ecosystem.actors[1].partners[0]", "cloud"),
        (lambda e: e, ("acme",), "Ecosystem.jobs[0].owner", "acme"),
        (
            interaction(customer="beta", job="secure-data"),
            ("secure-data",),
            "Ecosystem.interactions[0].job",
            "secure-data",
        ),
        (
            interaction(offering="connect"),
            ("connect",),
            "Ecosystem.interactions[0].offering",
            "connect",
        ),
        (
            lambda e: e.add_customer("gamma", referred_by="beta"),
            ("beta", "secure-data"),
            "Ecosystem.actors[4].referred_by",
            "beta",
        ),
    ],
)
def test_remove_of_a_referenced_entity_fails(
    setup: Change, gone: tuple[str, ...], field: str, value: str
) -> None:
    eco = setup(co_selling())
    with pytest.raises(UnknownIdError) as caught:
        eco.remove(*gone)
    check_error(caught.value, field, value)
    assert all(entity_id in eco for entity_id in gone)


def test_remove_the_referencing_and_the_referenced_together() -> None:
    eco = interaction()(co_selling()).remove("i", "beta", "secure-data")
    assert [c.id for c in eco.customers] == ["acme"]
    assert eco.interactions == ()


@pytest.mark.parametrize("bad", ["ghost", "", 7])
def test_remove_of_an_unknown_id_fails(bad: Any) -> None:
    with pytest.raises(UnknownIdError) as caught:
        co_selling().remove("green-it", bad)
    check_error(caught.value, "Ecosystem", bad)


# ---------------------------------------------------------------- lookups


@pytest.mark.parametrize("bad", ["ghost", "", " acme", 42, None, ("acme",), ["acme"]])
def test_getitem_of_an_unknown_id_raises_the_librarys_error(bad: Any) -> None:
    with pytest.raises(KeyError) as caught:
        co_selling()[bad]
    error = caught.value
    assert type(error) is not KeyError
    assert isinstance(error, UnknownIdError)
    check_error(error, "Ecosystem", bad)


GETTERS = [
    ("customer", "acme", "Customer"),
    ("organisation", "telco", "Organisation"),
    ("partner", "cloud", "NetworkPartner"),
    ("offering", "connect", "Offering"),
    ("job", "connect-sites", "JobToBeDone"),
    ("topic", "green-it", "Topic"),
    ("interaction", "i", "Interaction"),
]


@pytest.mark.parametrize(("getter", "entity_id", "class_name"), GETTERS)
def test_typed_getters_return_their_kind(getter: str, entity_id: str, class_name: str) -> None:
    eco = interaction()(co_selling())
    entity = getattr(eco, getter)(entity_id)
    assert type(entity).__name__ == class_name
    assert entity is eco[entity_id]


@pytest.mark.parametrize(("getter", "entity_id", "class_name"), GETTERS)
def test_typed_getters_reject_ids_of_another_kind(
    getter: str, entity_id: str, class_name: str
) -> None:
    eco = interaction()(co_selling())
    for _, other_id, other_class in GETTERS:
        if other_class == class_name:
            continue
        with pytest.raises(UnknownIdError) as caught:
            getattr(eco, getter)(other_id)
        assert type(caught.value) is UnknownIdError
        check_error(caught.value, f"Ecosystem.{KINDS[type(eco[entity_id])]}", other_id)
    with pytest.raises(UnknownIdError):
        getattr(eco, getter)("ghost")


@pytest.mark.parametrize("bad", ["acme", Outcome("o", 1.0, 1.0)])
def test_replace_rejects_what_is_not_an_entity(bad: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        co_selling().replace(bad)
    assert caught.value.field.startswith("Ecosystem.replace")


def test_get_and_entities_reject_unhashable_input_without_a_bare_type_error() -> None:
    eco = co_selling()
    assert eco.get(["x"]) is None  # type: ignore[call-overload]
    with pytest.raises(ValidationError):
        eco.entities(["customer"])  # type: ignore[arg-type]


def test_replace_rejects_the_same_id_twice() -> None:
    eco = Ecosystem().add(Customer("a"))
    with pytest.raises(DuplicateIdError) as caught:
        eco.replace(Customer("a", count=2), Customer("a", count=3))
    assert caught.value.value == "a"


# ---------------------------------------------------------------- typos and strings


def harbour_and_lakeside() -> Ecosystem:
    return (
        Ecosystem()
        .add_organisation("lakeside")
        .add_partner("cloud")
        .add_customer("harbour")
        .add_customer("hillside")
        .add_job("moor-boats", owner="harbour", outcomes=[Outcome("berth-time", 8.0, 4.0)])
        .add_offering("moorings", provider="lakeside", modules=[Module("winter", 10.0)])
    )


@pytest.mark.parametrize(
    ("build", "field", "value", "suggested"),
    [
        (
            lambda eco: eco.add_interaction("i", customer="harbor"),
            "Ecosystem.interactions[0].customer",
            "harbor",
            "harbour",
        ),
        (
            lambda eco: eco.add_interaction("i", customer="harbour", counterpart="lakesde"),
            "Ecosystem.interactions[0].counterpart",
            "lakesde",
            "lakeside",
        ),
        (
            lambda eco: eco.add_interaction(
                "i", customer="harbour", offering="moorings", modules=["wintr"]
            ),
            "Ecosystem.interactions[0].modules[0]",
            "wintr",
            "winter",
        ),
        (
            lambda eco: eco.add_interaction(
                "i",
                customer="harbour",
                job="moor-boats",
                achievement=[Achievement("berth_time", 0.5)],
            ),
            "Ecosystem.interactions[0].achievement[0].outcome",
            "berth_time",
            "berth-time",
        ),
        (
            lambda eco: eco.add_offering("o", provider="lakesid"),
            "Ecosystem.offerings[1].provider",
            "lakesid",
            "lakeside",
        ),
        (lambda eco: eco.customer("harbor"), "Ecosystem.customer", "harbor", "harbour"),
        (lambda eco: eco["lakesid"], "Ecosystem", "lakesid", "lakeside"),
    ],
)
def test_an_unknown_id_names_the_closest_id_of_its_kind(
    build: Callable[[Ecosystem], object], field: str, value: str, suggested: str
) -> None:
    with pytest.raises(UnknownIdError) as caught:
        build(harbour_and_lakeside())
    assert (caught.value.field, caught.value.value) == (field, value)
    assert caught.value.suggestion == suggested
    assert f"(did you mean {suggested!r}?)" in str(caught.value)


def test_an_id_of_another_kind_is_not_suggested() -> None:
    # "cloud" is a partner: no customer id is close to it.
    with pytest.raises(UnknownIdError) as caught:
        harbour_and_lakeside().add_interaction("i", customer="cloud")
    assert caught.value.suggestion is None
    assert "did you mean" not in str(caught.value)


@pytest.mark.parametrize(
    ("builder", "keyword", "suggested"),
    [
        ("add_customer", "retension", "retention"),
        ("add_organisation", "discount_rat", "discount_rate"),
        ("add_partner", "rol", "role"),
        ("add_offering", "prise", "price"),
        ("add_job", "outcome", "outcomes"),
        ("add_topic", "nme", "name"),
        ("add_interaction", "occurences", "occurrences"),
    ],
)
def test_a_builder_names_an_unknown_field_and_the_closest_one(
    builder: str, keyword: str, suggested: str
) -> None:
    eco = harbour_and_lakeside()
    with pytest.raises(UnknownFieldError) as caught:
        getattr(eco, builder)("new", **{keyword: 0.5})
    error = caught.value
    assert isinstance(error, TypeError)
    assert isinstance(error, ValidationError)
    assert error.field.endswith(f".{keyword}")
    assert error.value == 0.5
    assert error.suggestion == suggested
    assert f"did you mean {suggested!r}?" in str(error)


def test_builders_accept_enum_values_by_their_string() -> None:
    eco = (
        harbour_and_lakeside()
        .add_customer("fleet", kind="business")
        .add_partner("marina", role="platform")
        .add_interaction(
            "help", customer="harbour", counterpart="hillside", level="support", mode="indirect"
        )
    )
    assert eco.customer("fleet").kind is CustomerKind.BUSINESS
    assert eco.partner("marina").role is PartnerRole.PLATFORM
    assert eco.interaction("help").level is CoCreationLevel.SUPPORT
    assert eco.interaction("help").reference_point is ReferencePoint.OTHER_CUSTOMERS


def test_a_builder_names_the_valid_values_of_a_mistyped_enum() -> None:
    with pytest.raises(ValidationError) as caught:
        harbour_and_lakeside().add_interaction("help", customer="harbour", level="suport")
    assert caught.value.field == "Interaction.level"
    assert caught.value.value == "suport"
    for level in CoCreationLevel:
        assert repr(level.value) in str(caught.value)
    assert caught.value.suggestion == "support"
