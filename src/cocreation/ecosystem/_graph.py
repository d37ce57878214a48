"""The graph view of an ecosystem: a NetworkX ``MultiDiGraph`` of ids, kinds and numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cocreation.model import (
    Customer,
    Interaction,
    JobToBeDone,
    NetworkPartner,
    Offering,
    Organisation,
    ReferencePoint,
    Topic,
    TransferKind,
)

if TYPE_CHECKING:
    import networkx as nx

    from cocreation.ecosystem._ecosystem import Ecosystem

__all__ = ["EDGE_KINDS", "NODE_KINDS", "to_graph"]

NODE_KINDS = ("customer", "organisation", "partner", "offering", "job", "topic")
"""The ``kind`` attribute of the graph's nodes.

Examples:
    >>> "customer" in NODE_KINDS
    True
"""

EDGE_KINDS = (
    "interaction",
    "transfer",
    "referral",
    "relationship",
    "provides",
    "contributes",
    "integrates",
    "has_job",
)
"""The ``kind`` attribute of the graph's edges.

Examples:
    >>> EDGE_KINDS[:2]
    ('interaction', 'transfer')
"""


def _node_attributes(entity: Any) -> dict[str, Any]:
    if isinstance(entity, Customer):
        attributes: dict[str, Any] = {
            "kind": "customer",
            "name": entity.name,
            "customer_kind": entity.kind.value,
            "count": entity.count,
            "value_of_time": float(entity.value_of_time),
        }
        if entity.retention is not None:  # not modelled: no attribute (graphs hold no None)
            attributes["retention"] = float(entity.retention)
        return attributes
    if isinstance(entity, Organisation):
        return {
            "kind": "organisation",
            "name": entity.name,
            "discount_rate": float(entity.discount_rate),
            "fixed_cost": float(entity.fixed_cost),
            "investment": float(entity.investment),
        }
    if isinstance(entity, NetworkPartner):
        return {
            "kind": "partner",
            "name": entity.name,
            "role": entity.role.value,
            "fixed_cost": float(entity.fixed_cost),
            "variable_cost": float(entity.variable_cost),
            "opportunity_cost": float(entity.opportunity_cost),
            "investment": float(entity.investment),
        }
    if isinstance(entity, Offering):
        return {
            "kind": "offering",
            "name": entity.name,
            "price": float(entity.price),
            "pricing": entity.pricing.value,
            "unit_cost": float(entity.unit_cost),
        }
    if isinstance(entity, JobToBeDone):
        return {
            "kind": "job",
            "name": entity.statement,
            "job_kind": entity.kind.value,
            "step": entity.step.value,
            "value": float(entity.value),
            "outcomes": len(entity.outcomes),
        }
    assert isinstance(entity, Topic)
    return {"kind": "topic", "name": entity.name}


def _interaction_attributes(interaction: Interaction) -> dict[str, Any]:
    point = interaction.reference_point
    assert point is not None  # an ecosystem always derives it
    attributes: dict[str, Any] = {
        "kind": "interaction",
        "reference_point": point.value,
        "sphere": interaction.sphere.value,
        "mode": interaction.mode.value,
        "period": interaction.period,
        "occurrences": float(interaction.occurrences),
        "money": float(
            sum(t.amount for t in interaction.transfers if t.kind is TransferKind.MONEY)
        ),
    }
    # GraphML cannot hold None: absent references are left out, not written as null.
    if interaction.level is not None:
        attributes["level"] = interaction.level.value
    if interaction.offering is not None:
        attributes["offering"] = interaction.offering
    if interaction.job is not None:
        attributes["job"] = interaction.job
    return attributes


def to_graph(ecosystem: Ecosystem) -> nx.MultiDiGraph[str]:
    """The ecosystem as a directed multigraph whose attributes are ids, kind strings and numbers.

    Nodes are the actors, offerings, jobs and topics, each with a ``kind`` attribute
    (one of [`NODE_KINDS`][cocreation.ecosystem.NODE_KINDS]) and its scalar fields.
    Edges carry a ``kind`` (one of [`EDGE_KINDS`][cocreation.ecosystem.EDGE_KINDS]):

    - ``interaction``: customer to counterpart, keyed ``"interaction:<id>"``; an
      interaction with oneself is a self-loop. Attributes: reference point, level,
      sphere, mode, period, occurrences, money moved, offering and job ids.
    - ``transfer``: source to target of each transfer, keyed ``"transfer:<interaction>:<n>"``.
    - ``referral``: referrer to referred customer.
    - ``relationship``: customer to counterpart, with DART scores when known.
    - ``provides``, ``contributes``, ``integrates``, ``has_job``: organisation to
      offering, partner to offering (with its revenue share), organisation to partner,
      customer to job, each keyed by its kind.

    Rich objects stay in the ecosystem, keyed by the same ids, so the graph exports
    to GraphML and node-link JSON as it is.

    Args:
        ecosystem: The ecosystem to view.

    Returns:
        A new graph; changing it does not change the ecosystem.

    Examples:
        >>> from cocreation import Ecosystem
        >>> eco = (
        ...     Ecosystem()
        ...     .add_organisation("telco")
        ...     .add_customer("acme")
        ...     .add_interaction("call", customer="acme", counterpart="telco")
        ... )
        >>> graph = to_graph(eco)
        >>> sorted(graph.nodes(data="kind"))
        [('acme', 'customer'), ('telco', 'organisation')]
        >>> graph.edges["acme", "telco", "interaction:call"]["reference_point"]
        'organisation'
    """
    import networkx as nx  # imported here so that `import cocreation` stays fast

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=ecosystem.name)
    for collection in (ecosystem.actors, ecosystem.offerings, ecosystem.jobs, ecosystem.topics):
        graph.add_nodes_from((entity.id, _node_attributes(entity)) for entity in collection)

    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for actor in ecosystem.actors:
        if isinstance(actor, Organisation):
            edges.extend(
                (actor.id, partner, "integrates", {"kind": "integrates"})
                for partner in actor.partners
            )
        elif isinstance(actor, Customer):
            if actor.referred_by is not None:
                edges.append((actor.referred_by, actor.id, "referral", {"kind": "referral"}))
            for relationship in actor.relationships:
                attributes: dict[str, Any] = {"kind": "relationship"}
                if relationship.dart is not None:
                    attributes.update(
                        dialogue=float(relationship.dart.dialogue),
                        access=float(relationship.dart.access),
                        risk_benefits=float(relationship.dart.risk_benefits),
                        transparency=float(relationship.dart.transparency),
                    )
                edges.append((actor.id, relationship.counterpart, "relationship", attributes))
    for offering in ecosystem.offerings:
        edges.append((offering.provider, offering.id, "provides", {"kind": "provides"}))
        edges.extend(
            (
                share.partner,
                offering.id,
                "contributes",
                {"kind": "contributes", "share": float(share.share)},
            )
            for share in offering.partners
        )
    edges.extend((job.owner, job.id, "has_job", {"kind": "has_job"}) for job in ecosystem.jobs)
    for interaction in ecosystem.interactions:
        target = (
            interaction.customer
            if interaction.reference_point is ReferencePoint.SELF
            else interaction.counterpart
        )
        assert target is not None
        edges.append(
            (
                interaction.customer,
                target,
                f"interaction:{interaction.id}",
                _interaction_attributes(interaction),
            )
        )
        edges.extend(
            (
                transfer.source,
                transfer.target,
                f"transfer:{interaction.id}:{number}",
                {
                    "kind": "transfer",
                    "transfer_kind": transfer.kind.value,
                    "amount": float(transfer.amount),
                    "label": transfer.label,
                    "interaction": interaction.id,
                    "period": interaction.period,
                    "occurrences": float(interaction.occurrences),
                },
            )
            for number, transfer in enumerate(interaction.transfers)
        )
    graph.add_edges_from(edges)  # type: ignore[arg-type]  # the stubs omit keyed 4-tuples
    return graph
