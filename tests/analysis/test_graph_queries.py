"""Graph queries: interactions, support networks, referral chains and the central integrator."""

from __future__ import annotations

from typing import Any

import attrs
import networkx as nx
import pytest

from cocreation.analysis import (
    Centrality,
    central_integrator,
    interactions_of,
    referral_chain,
    referral_forest,
    support_network,
)
from cocreation.ecosystem import Ecosystem
from cocreation.errors import UnknownIdError, ValidationError
from cocreation.model import (
    CoCreationLevel,
    PartnerRole,
    ReferencePoint,
    RevenueShare,
    Transfer,
)

DESIGN = CoCreationLevel.DESIGN
PRODUCTION = CoCreationLevel.PRODUCTION
REFERRAL = CoCreationLevel.REFERRAL
SUPPORT = CoCreationLevel.SUPPORT


def kiosks() -> Ecosystem:
    """A bank whose walk-in customers serve themselves at kiosks (co-production, seed 003)."""
    return (
        Ecosystem(name="Self-service kiosks")
        .add_organisation("bank", name="Retail bank")
        .add_customer("walk-ins", count=900, value_of_time=30.0)
        .add_customer("regulars", count=50)
        .add_interaction("kiosk-use", customer="walk-ins", level=PRODUCTION, occurrences=4.0)
        .add_interaction("teller-visit", customer="walk-ins", counterpart="bank")
        .add_interaction("kiosk-feedback", customer="walk-ins", counterpart="bank", level=DESIGN)
        .add_interaction("queue-help", customer="regulars", counterpart="walk-ins", level=SUPPORT)
        .add_interaction("regular-visit", customer="regulars", counterpart="bank")
    )


def ids(interactions: tuple[Any, ...]) -> list[str]:
    return [interaction.id for interaction in interactions]


# ---------------------------------------------------------------- interactions_of


def test_interactions_of_a_customer_in_order() -> None:
    assert ids(interactions_of(kiosks(), "walk-ins")) == [
        "kiosk-use",
        "teller-visit",
        "kiosk-feedback",
        "queue-help",  # as the counterpart helped by regulars
    ]


def test_interactions_of_the_organisation() -> None:
    assert ids(interactions_of(kiosks(), "bank")) == [
        "teller-visit",
        "kiosk-feedback",
        "regular-visit",
    ]


@pytest.mark.parametrize(
    ("actor", "point", "level", "expected"),
    [
        ("walk-ins", ReferencePoint.SELF, None, ["kiosk-use"]),
        ("walk-ins", None, PRODUCTION, ["kiosk-use"]),
        ("walk-ins", ReferencePoint.ORGANISATION, None, ["teller-visit", "kiosk-feedback"]),
        ("walk-ins", ReferencePoint.ORGANISATION, DESIGN, ["kiosk-feedback"]),
        ("walk-ins", ReferencePoint.SELF, DESIGN, []),
        ("walk-ins", ReferencePoint.OTHER_CUSTOMERS, SUPPORT, ["queue-help"]),
        ("regulars", None, SUPPORT, ["queue-help"]),
        ("bank", None, REFERRAL, []),
        ("bank", ReferencePoint.NETWORK, None, []),
    ],
)
def test_interactions_of_with_filters(
    actor: str,
    point: ReferencePoint | None,
    level: CoCreationLevel | None,
    expected: list[str],
) -> None:
    assert ids(interactions_of(kiosks(), actor, reference_point=point, level=level)) == expected


def test_interactions_of_a_topic_in_an_idea_workshop() -> None:
    # Open innovation (seed 003): customers bring ideas to the firm and to a topic.
    eco = (
        Ecosystem(name="Idea workshop")
        .add_organisation("telco")
        .add_topic("green-it", name="Green IT")
        .add_customer("ideas-club", count=25)
        .add_customer("acme")
        .add_interaction("idea-workshop", customer="ideas-club", counterpart="telco", level=DESIGN)
        .add_interaction("green-forum", customer="ideas-club", counterpart="green-it", level=DESIGN)
        .add_interaction("green-survey", customer="acme", counterpart="green-it", level=DESIGN)
    )
    assert ids(interactions_of(eco, "green-it")) == ["green-forum", "green-survey"]
    assert ids(interactions_of(eco, "ideas-club", level=DESIGN)) == [
        "idea-workshop",
        "green-forum",
    ]
    assert ids(interactions_of(eco, "ideas-club", reference_point=ReferencePoint.TOPIC)) == [
        "green-forum"
    ]


def test_an_actor_without_interactions_has_none() -> None:
    assert interactions_of(kiosks().add_customer("newcomer"), "newcomer") == ()


@pytest.mark.parametrize("bad", ["ghost", "", 7])
def test_interactions_of_an_unknown_id(bad: Any) -> None:
    with pytest.raises(UnknownIdError) as caught:
        interactions_of(kiosks(), bad)
    assert caught.value.value == bad
    assert repr(bad) in str(caught.value)


# ---------------------------------------------------------------- support_network


def user_community() -> Ecosystem:
    """A user community where customers help each other (seed 000: supporting other customers)."""
    return (
        Ecosystem(name="User community")
        .add_organisation("vendor")
        .add_partner("forum", role=PartnerRole.PLATFORM)
        .add_customer("expert")
        .add_customer("regulars", count=5)
        .add_customer("newbies", count=40)
        .add_customer("lurkers", count=300)
        .add_interaction(
            "answer", customer="expert", counterpart="newbies", level=SUPPORT, occurrences=3.0
        )
        .add_interaction("meetup", customer="expert", counterpart="newbies", level=SUPPORT)
        .add_interaction(
            "tips", customer="regulars", counterpart="newbies", level=SUPPORT, occurrences=2.0
        )
        .add_interaction(
            "mentoring", customer="newbies", counterpart="lurkers", level=SUPPORT, occurrences=0.5
        )
        # Not customers helping customers: excluded from the support network.
        .add_interaction("recommend", customer="expert", counterpart="lurkers", level=REFERRAL)
        .add_interaction("chat", customer="regulars", counterpart="expert")
        .add_interaction("vendor-help", customer="expert", counterpart="vendor", level=SUPPORT)
        .add_interaction("forum-post", customer="newbies", counterpart="forum", level=SUPPORT)
    )


def test_support_network_edges_and_weights() -> None:
    network = support_network(user_community())
    # weight = occurrences x the helper's count, summed over the pair's interactions:
    # expert -> newbies: 3.0 x 1 + 1.0 x 1 = 4.0 over 2 interactions
    # regulars -> newbies: 2.0 x 5 = 10.0
    # newbies -> lurkers: 0.5 x 40 = 20.0
    assert dict(network.edges) == {
        ("expert", "newbies"): {"weight": 4.0, "interactions": 2},
        ("regulars", "newbies"): {"weight": 10.0, "interactions": 1},
        ("newbies", "lurkers"): {"weight": 20.0, "interactions": 1},
    }


def test_support_network_nodes_are_every_customer_with_its_count() -> None:
    network = support_network(user_community())
    assert isinstance(network, nx.DiGraph)
    assert {node: network.nodes[node]["count"] for node in network} == {
        "expert": 1,
        "regulars": 5,
        "newbies": 40,
        "lurkers": 300,
    }


def test_support_network_without_support_has_no_edges() -> None:
    network = support_network(kiosks().remove("queue-help"))
    assert set(network.nodes) == {"walk-ins", "regulars"}
    assert network.number_of_edges() == 0


def test_who_helps_most() -> None:
    network = support_network(user_community())
    given = dict(network.out_degree(weight="weight"))
    received = dict(network.in_degree(weight="weight"))
    assert given == {"expert": 4.0, "regulars": 10.0, "newbies": 20.0, "lurkers": 0}
    assert received == {"expert": 0, "regulars": 0, "newbies": 14.0, "lurkers": 20.0}


# ---------------------------------------------------------------- referrals


def referrals() -> Ecosystem:
    return (
        Ecosystem(name="Referrals")
        .add_organisation("telco")
        .add_customer("ann")
        .add_customer("bob", referred_by="ann")
        .add_customer("cy", referred_by="ann", count=3)
        .add_customer("dee", referred_by="bob")
        .add_customer("eve")
        .add_customer("fay", referred_by="eve")
    )


def test_referral_forest() -> None:
    forest = referral_forest(referrals())
    assert sorted(forest.edges) == [
        ("ann", "bob"),
        ("ann", "cy"),
        ("bob", "dee"),
        ("eve", "fay"),
    ]
    assert {node: forest.nodes[node]["count"] for node in forest} == {
        "ann": 1,
        "bob": 1,
        "cy": 3,
        "dee": 1,
        "eve": 1,
        "fay": 1,
    }
    assert nx.is_branching(forest)
    assert sorted(node for node, degree in forest.in_degree() if degree == 0) == ["ann", "eve"]
    assert sorted(nx.descendants(forest, "ann")) == ["bob", "cy", "dee"]


def test_an_ecosystem_without_referrals_is_a_forest_of_single_nodes() -> None:
    forest = referral_forest(kiosks())
    assert set(forest.nodes) == {"walk-ins", "regulars"}
    assert forest.number_of_edges() == 0


@pytest.mark.parametrize(
    ("customer", "chain"),
    [
        ("ann", ("ann",)),
        ("bob", ("ann", "bob")),
        ("cy", ("ann", "cy")),
        ("dee", ("ann", "bob", "dee")),
        ("fay", ("eve", "fay")),
    ],
)
def test_referral_chain(customer: str, chain: tuple[str, ...]) -> None:
    assert referral_chain(referrals(), customer) == chain


@pytest.mark.parametrize("bad", ["ghost", "telco"])
def test_referral_chain_of_what_is_not_a_customer(bad: str) -> None:
    with pytest.raises(UnknownIdError) as caught:
        referral_chain(referrals(), bad)
    assert type(caught.value) is UnknownIdError
    assert caught.value.value == bad
    assert repr(bad) in str(caught.value)


# ---------------------------------------------------------------- central_integrator


def co_selling() -> Ecosystem:
    """A telecom provider integrates two partners; a reseller integrates one of them.

    Seed 001: the organisation integrates partners "from the centre". Seed 000: the
    telecom provider (Swisscom in the article) co-defines modular offerings with the
    customer's management in co-selling workshops.
    """
    return (
        Ecosystem(name="Co-selling")
        .add_partner("cloud", role=PartnerRole.COMPLEMENTOR)
        .add_partner("security", role=PartnerRole.SUPPLIER)
        .add_organisation("telco", partners=["cloud", "security"])
        .add_organisation("reseller", partners=["cloud"])
        .add_customer("acme")
        .add_customer("beta")
        .add_interaction("workshop", customer="acme", counterpart="telco", level=REFERRAL)
        .add_interaction("purchase", customer="acme", counterpart="reseller")
        .add_interaction("support-call", customer="beta", counterpart="telco")
    )


def test_central_integrator_with_split_shortest_paths() -> None:
    # Actor graph: acme-telco, acme-reseller, beta-telco, telco-cloud, telco-security,
    # reseller-cloud. Customer-partner pairs and their shortest paths:
    #   acme-cloud:     acme-telco-cloud and acme-reseller-cloud -> telco 1/2, reseller 1/2
    #   acme-security:  acme-telco-security                      -> telco 1
    #   beta-cloud:     beta-telco-cloud                         -> telco 1
    #   beta-security:  beta-telco-security                      -> telco 1
    # telco = (1/2 + 1 + 1 + 1) / 4 = 0.875; reseller = (1/2) / 4 = 0.125; partners 0.
    result = central_integrator(co_selling(), backend=None)
    assert result.integrator == "telco"
    assert result.score == pytest.approx(0.875)
    assert [name for name, _ in result.scores] == ["telco", "reseller", "cloud", "security"]
    assert [score for _, score in result.scores] == pytest.approx([0.875, 0.125, 0.0, 0.0])


def test_a_direct_link_to_a_partner_bypasses_the_integrator() -> None:
    # acme now also talks to cloud directly, so acme-cloud is one hop and runs through
    # no one. telco keeps acme-security, beta-cloud and beta-security: 3 / 4 = 0.75.
    eco = co_selling().add_interaction("cloud-ticket", customer="acme", counterpart="cloud")
    result = central_integrator(eco)
    assert result.integrator == "telco"
    assert dict(result.scores) == pytest.approx(
        {"telco": 0.75, "reseller": 0.0, "cloud": 0.0, "security": 0.0}
    )


def test_a_partner_can_be_the_integrator() -> None:
    # A community platform: three customers meet on the forum, which pays moderators.
    # Edges: c1-forum, c2-forum, c3-forum, vendor-forum, forum-moderators (a transfer).
    # Pairs: (ci, forum) are direct; (ci, moderators) run ci-forum-moderators.
    # forum = 3 / 6 = 0.5; vendor and moderators 0.
    eco = (
        Ecosystem(name="User community")
        .add_partner("forum", role=PartnerRole.PLATFORM)
        .add_partner("moderators", role=PartnerRole.COMMUNITY)
        .add_organisation("vendor", partners=["forum"])
        .add_customer("c1")
        .add_customer("c2")
        .add_customer("c3")
        .add_interaction(
            "post",
            customer="c1",
            counterpart="forum",
            level=SUPPORT,
            transfers=[Transfer("forum", "moderators", 50.0, label="moderation fee")],
        )
        .add_interaction("reply", customer="c2", counterpart="forum", level=SUPPORT)
        .add_interaction("read", customer="c3", counterpart="forum")
    )
    result = central_integrator(eco)
    assert result.integrator == "forum"
    assert result.score == pytest.approx(0.5)
    assert dict(result.scores) == pytest.approx({"forum": 0.5, "vendor": 0.0, "moderators": 0.0})


def test_an_offering_links_its_provider_and_its_partners() -> None:
    # No integrates edge: the revenue share on the offering alone links telco and cloud.
    # Pair acme-cloud runs acme-telco-cloud: telco = 1 / 1.
    eco = (
        Ecosystem()
        .add_partner("cloud")
        .add_organisation("telco")
        .add_customer("acme")
        .add_offering("connect", provider="telco", partners=[RevenueShare("cloud", 0.2)])
        .add_interaction("buy", customer="acme", counterpart="telco", offering="connect")
    )
    result = central_integrator(eco)
    assert result.integrator == "telco"
    assert result.score == pytest.approx(1.0)


def test_customers_on_the_way_are_not_candidates() -> None:
    # bob reaches cloud only through the customer who referred him:
    #   ann-cloud: ann-telco-cloud        -> telco 1
    #   bob-cloud: bob-ann-telco-cloud    -> telco 1 (and ann, who is no candidate)
    # telco = 2 / 2 = 1.0.
    eco = (
        Ecosystem()
        .add_partner("cloud")
        .add_organisation("telco", partners=["cloud"])
        .add_customer("ann")
        .add_customer("bob", referred_by="ann")
        .add_interaction("visit", customer="ann", counterpart="telco")
    )
    result = central_integrator(eco)
    assert [name for name, _ in result.scores] == ["telco", "cloud"]
    assert [score for _, score in result.scores] == pytest.approx([1.0, 0.0])


def test_an_unreachable_pair_still_counts() -> None:
    # beta has no link at all: acme-cloud runs through telco, beta-cloud has no path.
    # telco = 1 / 2 = 0.5.
    eco = (
        Ecosystem()
        .add_partner("cloud")
        .add_organisation("telco", partners=["cloud"])
        .add_customer("acme")
        .add_customer("beta")
        .add_interaction("visit", customer="acme", counterpart="telco")
    )
    assert central_integrator(eco).score == pytest.approx(0.5)


@pytest.mark.parametrize(
    "eco",
    [
        kiosks(),  # customers but no partner
        Ecosystem().add_partner("cloud").add_organisation("telco", partners=["cloud"]),
        Ecosystem(),
    ],
)
def test_no_customer_or_no_partner_means_no_integrator(eco: Ecosystem) -> None:
    result = central_integrator(eco, backend=None)
    assert result.integrator is None
    assert result.score == 0.0
    assert all(score == 0.0 for _, score in result.scores)
    expected = {actor.id for actor in eco.organisations} | {actor.id for actor in eco.partners}
    assert {name for name, _ in result.scores} == expected


def test_the_kiosk_bank_has_no_integrator() -> None:
    result = central_integrator(kiosks())
    assert result == Centrality(None, 0.0, (("bank", 0.0),))


@pytest.mark.parametrize("bad", [1, ["parallel"]])
def test_a_backend_must_be_a_name(bad: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        central_integrator(co_selling(), backend=bad)
    assert caught.value.field == "backend"
    assert caught.value.value == bad


def test_centrality_is_a_frozen_value() -> None:
    result = central_integrator(co_selling())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.score = 0.0  # type: ignore[misc]
    assert result == central_integrator(co_selling())
