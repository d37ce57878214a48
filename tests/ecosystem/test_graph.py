"""The graph view of an ecosystem: ids, kind strings and numbers on a MultiDiGraph."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
import pytest

from cocreation.ecosystem import EDGE_KINDS, NODE_KINDS, Ecosystem, to_graph
from cocreation.model import (
    DART,
    CoCreationLevel,
    Customer,
    CustomerKind,
    Interaction,
    JobKind,
    JobStep,
    JobToBeDone,
    Mode,
    NetworkPartner,
    Offering,
    Organisation,
    Outcome,
    PartnerRole,
    PricingModel,
    Relationship,
    RevenueShare,
    Sphere,
    Topic,
    Transfer,
    TransferKind,
)


def community() -> Ecosystem:
    """A telecom provider, its cloud partner, a business customer and a segment it referred."""
    return Ecosystem(
        name="Telecom community",
        actors=[
            NetworkPartner(
                "cloud",
                name="Cloud Co",
                role=PartnerRole.COMPLEMENTOR,
                fixed_cost=1000.0,
                variable_cost=40.0,
                opportunity_cost=5.0,
                investment=200.0,
            ),
            Organisation(
                "telco",
                name="Alpine Telecom",
                discount_rate=0.08,
                fixed_cost=50000.0,
                investment=100000.0,
                partners=["cloud"],
            ),
            Customer(
                "acme",
                name="ACME AG",
                kind=CustomerKind.BUSINESS,
                value_of_time=120.0,
                retention=0.85,
                relationships=[
                    Relationship("telco", DART(0.9, 0.8, 0.6, 0.7)),
                    Relationship("green-it"),
                ],
            ),
            Customer("beta", count=40, referred_by="acme"),
        ],
        offerings=[
            Offering(
                "connect",
                provider="telco",
                name="Connect",
                price=1200.0,
                pricing=PricingModel.SUBSCRIPTION,
                unit_cost=450.0,
                partners=[RevenueShare("cloud", 0.2)],
            )
        ],
        jobs=[
            JobToBeDone(
                "connect-sites",
                owner="acme",
                statement="connect our sites",
                kind=JobKind.FUNCTIONAL,
                step=JobStep.EXECUTE,
                value=5000.0,
                outcomes=[Outcome("uptime", 9.0, 6.0), Outcome("setup-time", 8.0, 3.0)],
            )
        ],
        topics=[Topic("green-it", name="Green IT")],
        interactions=[
            Interaction(
                "workshop",
                customer="acme",
                counterpart="telco",
                level=CoCreationLevel.REFERRAL,
                offering="connect",
                job="connect-sites",
                period=1,
                occurrences=2.0,
                transfers=[
                    Transfer("acme", "telco", 1200.0, label="subscription"),
                    Transfer("telco", "cloud", 240.0, label="revenue share"),
                    Transfer("acme", "telco", 300.0, kind=TransferKind.VALUE, label="idea"),
                ],
            ),
            Interaction(
                "self-setup",
                customer="beta",
                level=CoCreationLevel.PRODUCTION,
                sphere=Sphere.CUSTOMER,
            ),
            Interaction(
                "forum-help", customer="acme", counterpart="beta", level=CoCreationLevel.SUPPORT
            ),
            Interaction("green-talk", customer="beta", counterpart="green-it", mode=Mode.INDIRECT),
            Interaction("cloud-support", customer="acme", counterpart="cloud"),
        ],
    )


def edges_of_kind(graph: nx.MultiDiGraph[str], kind: str) -> dict[tuple[str, str, str], Any]:
    return {
        (u, v, key): data
        for u, v, key, data in graph.edges(keys=True, data=True)
        if data["kind"] == kind
    }


def test_one_node_per_actor_offering_job_and_topic() -> None:
    graph = to_graph(community())
    assert {node: graph.nodes[node]["kind"] for node in graph} == {
        "cloud": "partner",
        "telco": "organisation",
        "acme": "customer",
        "beta": "customer",
        "connect": "offering",
        "connect-sites": "job",
        "green-it": "topic",
    }
    assert set(NODE_KINDS) == {"customer", "organisation", "partner", "offering", "job", "topic"}


def includes(attributes: dict[str, Any], expected: dict[str, Any]) -> bool:
    """Whether ``attributes`` holds every key of ``expected`` with the same value."""
    return {key: attributes.get(key, "<missing>") for key in expected} == expected


def test_node_attributes_are_the_scalar_fields() -> None:
    graph = to_graph(community())
    assert includes(
        graph.nodes["acme"],
        {
            "kind": "customer",
            "name": "ACME AG",
            "customer_kind": "business",
            "count": 1,
            "value_of_time": 120.0,
            "retention": 0.85,
        },
    )
    assert graph.nodes["beta"]["count"] == 40
    assert includes(
        graph.nodes["telco"],
        {
            "kind": "organisation",
            "name": "Alpine Telecom",
            "discount_rate": 0.08,
            "fixed_cost": 50000.0,
            "investment": 100000.0,
        },
    )
    assert includes(
        graph.nodes["cloud"],
        {
            "kind": "partner",
            "name": "Cloud Co",
            "role": "complementor",
            "fixed_cost": 1000.0,
            "variable_cost": 40.0,
            "opportunity_cost": 5.0,
            "investment": 200.0,
        },
    )
    assert includes(
        graph.nodes["connect"],
        {
            "kind": "offering",
            "name": "Connect",
            "price": 1200.0,
            "pricing": "subscription",
            "unit_cost": 450.0,
        },
    )
    assert includes(
        graph.nodes["connect-sites"],
        {
            "kind": "job",
            "name": "connect our sites",
            "job_kind": "functional",
            "step": "execute",
            "value": 5000.0,
            "outcomes": 2,
        },
    )
    assert graph.nodes["green-it"] == {"kind": "topic", "name": "Green IT"}


def test_includes_compares_values_and_notices_missing_keys() -> None:
    assert includes({"a": 1, "b": 2}, {"a": 1})
    assert not includes({"a": 1}, {"a": 2})
    assert not includes({"a": 1}, {"b": None})


def test_the_edge_count_of_each_kind() -> None:
    graph = to_graph(community())
    counts: Counter[str] = Counter(data["kind"] for _, _, data in graph.edges(data=True))
    assert counts == {
        "interaction": 5,
        "transfer": 3,
        "referral": 1,
        "relationship": 2,
        "provides": 1,
        "contributes": 1,
        "integrates": 1,
        "has_job": 1,
    }
    assert set(counts) == set(EDGE_KINDS)


def test_one_edge_per_interaction_keyed_by_its_id() -> None:
    graph = to_graph(community())
    assert set(edges_of_kind(graph, "interaction")) == {
        ("acme", "telco", "interaction:workshop"),
        ("beta", "beta", "interaction:self-setup"),
        ("acme", "beta", "interaction:forum-help"),
        ("beta", "green-it", "interaction:green-talk"),
        ("acme", "cloud", "interaction:cloud-support"),
    }


def test_interaction_edge_attributes() -> None:
    graph = to_graph(community())
    workshop = graph.edges["acme", "telco", "interaction:workshop"]
    assert includes(
        workshop,
        {
            "kind": "interaction",
            "reference_point": "organisation",
            "level": "referral",
            "sphere": "joint",
            "mode": "direct",
            "period": 1,
            "occurrences": 2.0,
            # Money moved: 1200 + 240; the idea is a value object, not money.
            "money": 1440.0,
            "offering": "connect",
            "job": "connect-sites",
        },
    )


@pytest.mark.parametrize(
    ("edge", "point"),
    [
        (("beta", "beta", "interaction:self-setup"), "self"),
        (("acme", "beta", "interaction:forum-help"), "other_customers"),
        (("beta", "green-it", "interaction:green-talk"), "topic"),
        (("acme", "cloud", "interaction:cloud-support"), "network"),
        (("acme", "telco", "interaction:workshop"), "organisation"),
    ],
)
def test_interaction_edges_carry_the_derived_reference_point(
    edge: tuple[str, str, str], point: str
) -> None:
    assert to_graph(community()).edges[edge]["reference_point"] == point


def test_absent_references_are_left_out_not_none() -> None:
    graph = to_graph(community())
    talk = graph.edges["beta", "green-it", "interaction:green-talk"]
    assert "level" not in talk
    assert "offering" not in talk
    assert "job" not in talk
    assert talk["mode"] == "indirect"
    assert talk["money"] == 0.0
    setup = graph.edges["beta", "beta", "interaction:self-setup"]
    assert setup["level"] == "production"
    assert setup["sphere"] == "customer"


def test_an_interaction_with_oneself_is_a_self_loop() -> None:
    graph = to_graph(community())
    assert list(nx.selfloop_edges(graph)) == [("beta", "beta")]
    assert set(graph["beta"]["beta"]) == {"interaction:self-setup"}


def test_parallel_interactions_are_parallel_edges() -> None:
    eco = (
        Ecosystem()
        .add_organisation("bank")
        .add_customer("walk-ins", count=900)
        .add_interaction("kiosk-1", customer="walk-ins", counterpart="bank")
        .add_interaction("kiosk-2", customer="walk-ins", counterpart="bank", period=1)
    )
    graph = to_graph(eco)
    assert graph.number_of_edges("walk-ins", "bank") == 2
    assert set(graph["walk-ins"]["bank"]) == {"interaction:kiosk-1", "interaction:kiosk-2"}


def test_transfer_edges() -> None:
    graph = to_graph(community())
    assert edges_of_kind(graph, "transfer") == {
        ("acme", "telco", "transfer:workshop:0"): {
            "kind": "transfer",
            "transfer_kind": "money",
            "amount": 1200.0,
            "label": "subscription",
            "interaction": "workshop",
            "period": 1,
            "occurrences": 2.0,
        },
        ("telco", "cloud", "transfer:workshop:1"): {
            "kind": "transfer",
            "transfer_kind": "money",
            "amount": 240.0,
            "label": "revenue share",
            "interaction": "workshop",
            "period": 1,
            "occurrences": 2.0,
        },
        ("acme", "telco", "transfer:workshop:2"): {
            "kind": "transfer",
            "transfer_kind": "value",
            "amount": 300.0,
            "label": "idea",
            "interaction": "workshop",
            "period": 1,
            "occurrences": 2.0,
        },
    }


def test_referral_edge_runs_from_referrer_to_referred() -> None:
    graph = to_graph(community())
    assert edges_of_kind(graph, "referral") == {("acme", "beta", "referral"): {"kind": "referral"}}


def test_relationship_edges_carry_dart_scores_when_known() -> None:
    graph = to_graph(community())
    assert edges_of_kind(graph, "relationship") == {
        ("acme", "telco", "relationship"): {
            "kind": "relationship",
            "dialogue": 0.9,
            "access": 0.8,
            "risk_benefits": 0.6,
            "transparency": 0.7,
        },
        ("acme", "green-it", "relationship"): {"kind": "relationship"},
    }


def test_structural_edges() -> None:
    graph = to_graph(community())
    assert edges_of_kind(graph, "provides") == {
        ("telco", "connect", "provides"): {"kind": "provides"}
    }
    assert edges_of_kind(graph, "contributes") == {
        ("cloud", "connect", "contributes"): {"kind": "contributes", "share": 0.2}
    }
    assert edges_of_kind(graph, "integrates") == {
        ("telco", "cloud", "integrates"): {"kind": "integrates"}
    }
    assert edges_of_kind(graph, "has_job") == {
        ("acme", "connect-sites", "has_job"): {"kind": "has_job"}
    }


def test_no_attribute_is_none_and_every_attribute_is_a_scalar() -> None:
    graph = to_graph(community())
    attribute_dicts = [graph.graph]
    attribute_dicts += [data for _, data in graph.nodes(data=True)]
    attribute_dicts += [data for _, _, data in graph.edges(data=True)]
    for attributes in attribute_dicts:
        for key, value in attributes.items():
            assert value is not None, key
            assert isinstance(value, str | int | float), key


def test_every_edge_joins_entity_nodes() -> None:
    graph = to_graph(community())
    for u, v in graph.edges():
        assert graph.nodes[u]["kind"] in NODE_KINDS
        assert graph.nodes[v]["kind"] in NODE_KINDS


def test_the_graph_name_is_the_ecosystems() -> None:
    assert to_graph(community()).graph["name"] == "Telecom community"
    assert to_graph(Ecosystem()).graph["name"] == ""


def test_an_empty_ecosystem_is_an_empty_graph() -> None:
    graph = to_graph(Ecosystem())
    assert graph.number_of_nodes() == 0
    assert graph.number_of_edges() == 0
    assert isinstance(graph, nx.MultiDiGraph)


def test_the_graph_method_agrees_with_to_graph() -> None:
    eco = community()
    by_method, by_function = eco.graph(), to_graph(eco)
    assert list(by_method.nodes(data=True)) == list(by_function.nodes(data=True))
    assert list(by_method.edges(keys=True, data=True)) == list(
        by_function.edges(keys=True, data=True)
    )


def test_editing_the_graph_does_not_change_the_ecosystem() -> None:
    eco = community()
    graph = to_graph(eco)
    graph.nodes["acme"]["value_of_time"] = 0.0
    graph.edges["acme", "telco", "interaction:workshop"]["money"] = -1.0
    graph.remove_node("cloud")
    graph.add_edge("beta", "telco", key="interaction:ghost", kind="interaction")
    graph.graph["name"] = "edited"
    assert eco == community()
    assert eco.customer("acme").value_of_time == 120.0
    fresh = to_graph(eco)
    assert fresh.nodes["acme"]["value_of_time"] == 120.0
    assert fresh.edges["acme", "telco", "interaction:workshop"]["money"] == 1440.0
    assert "cloud" in fresh
    assert not fresh.has_edge("beta", "telco", key="interaction:ghost")
    assert fresh.graph["name"] == "Telecom community"


def test_each_call_returns_a_new_graph() -> None:
    eco = community()
    first, second = eco.graph(), eco.graph()
    assert first is not second
    first.nodes["acme"]["name"] = "changed"
    assert second.nodes["acme"]["name"] == "ACME AG"
