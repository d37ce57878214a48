"""Graph queries over an ecosystem: interactions, support networks, referral chains, integrators.

Each query is a function whose first argument is the ecosystem. Graph algorithms are
the public, dispatchable ones of NetworkX; those that accept it pass ``backend=``
through, so a parallel or GPU backend can be used without changing code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from cocreation._display import Displayed, frame, html_table
from cocreation.ecosystem import Ecosystem
from cocreation.errors import UnknownIdError, ValidationError
from cocreation.model import (
    CoCreationLevel,
    Customer,
    Interaction,
    NetworkPartner,
    Organisation,
    ReferencePoint,
    Topic,
)

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = [
    "Centrality",
    "central_integrator",
    "interactions_of",
    "referral_chain",
    "referral_forest",
    "support_network",
]


def interactions_of(
    ecosystem: Ecosystem,
    actor_id: str,
    *,
    reference_point: ReferencePoint | None = None,
    level: CoCreationLevel | None = None,
) -> tuple[Interaction, ...]:
    """The interactions an actor or topic takes part in, optionally filtered.

    An actor takes part in an interaction as its customer or as its counterpart.

    Args:
        ecosystem: The ecosystem to search.
        actor_id: The id of an actor or topic.
        reference_point: Keep only interactions with this reference point.
        level: Keep only interactions on this co-creation level.

    Returns:
        The matching interactions, in the ecosystem's order.

    Raises:
        UnknownIdError: ``actor_id`` is not in the ecosystem.

    Examples:
        >>> from cocreation import Ecosystem, CoCreationLevel, ReferencePoint
        >>> eco = (
        ...     Ecosystem()
        ...     .add_organisation("telco")
        ...     .add_customer("acme")
        ...     .add_customer("beta")
        ...     .add_interaction("workshop", customer="acme", counterpart="telco",
        ...                      level=CoCreationLevel.REFERRAL)
        ...     .add_interaction("user-group", customer="acme", counterpart="beta",
        ...                      level=CoCreationLevel.SUPPORT)
        ... )
        >>> [i.id for i in interactions_of(eco, "acme")]
        ['workshop', 'user-group']
        >>> [i.id for i in interactions_of(eco, "acme", reference_point=ReferencePoint.OTHER_CUSTOMERS)]
        ['user-group']
        >>> [i.id for i in interactions_of(eco, "beta", level=CoCreationLevel.SUPPORT)]
        ['user-group']
    """
    entity = ecosystem[actor_id]
    if not isinstance(entity, Customer | Organisation | NetworkPartner | Topic):
        raise UnknownIdError("actor_id", actor_id, "the id of an actor or topic")
    return tuple(
        interaction
        for interaction in ecosystem.interactions
        if actor_id in (interaction.customer, interaction.counterpart)
        and (reference_point is None or interaction.reference_point is reference_point)
        and (level is None or interaction.level is level)
    )


def support_network(ecosystem: Ecosystem) -> nx.DiGraph[str]:
    """Customers helping customers: the support network of the ecosystem.

    Every customer is a node (with its ``count``); an edge runs from the customer who
    helps to the customer helped, for interactions on the ``SUPPORT`` level whose
    reference point is ``OTHER_CUSTOMERS``. Its ``weight`` is the number of helping
    occurrences (occurrences times the helper's ``count``), and ``interactions`` how
    many interactions it sums.

    Examples:
        >>> from cocreation import Ecosystem, CoCreationLevel
        >>> eco = (
        ...     Ecosystem()
        ...     .add_customer("expert", count=2)
        ...     .add_customer("newbie")
        ...     .add_interaction("forum-answer", customer="expert", counterpart="newbie",
        ...                      level=CoCreationLevel.SUPPORT, occurrences=3)
        ... )
        >>> network = support_network(eco)
        >>> network.edges["expert", "newbie"]["weight"]
        6.0
    """
    import networkx as nx

    network: nx.DiGraph[str] = nx.DiGraph()
    network.add_nodes_from((c.id, {"count": c.count}) for c in ecosystem.customers)
    totals: dict[tuple[str, str], list[float]] = {}
    for interaction in ecosystem.interactions:
        if (
            interaction.level is CoCreationLevel.SUPPORT
            and interaction.reference_point is ReferencePoint.OTHER_CUSTOMERS
            and interaction.counterpart is not None
        ):
            helper = ecosystem.customer(interaction.customer)
            pair = (interaction.customer, interaction.counterpart)
            weight, count = totals.get(pair, [0.0, 0.0])
            totals[pair] = [weight + interaction.occurrences * helper.count, count + 1]
    network.add_edges_from(
        (helper, helped, {"weight": weight, "interactions": int(count)})
        for (helper, helped), (weight, count) in totals.items()
    )
    return network


def referral_forest(ecosystem: Ecosystem) -> nx.DiGraph[str]:
    """The referral trees: an edge from each referrer to each customer it referred.

    Every customer is a node. Referral chains are the root-to-leaf paths of the trees;
    the ecosystem guarantees there are no cycles, so the graph is a branching.

    Examples:
        >>> from cocreation import Ecosystem
        >>> eco = (
        ...     Ecosystem()
        ...     .add_customer("ann")
        ...     .add_customer("bob", referred_by="ann")
        ...     .add_customer("cy", referred_by="bob")
        ... )
        >>> forest = referral_forest(eco)
        >>> sorted(forest.edges)
        [('ann', 'bob'), ('bob', 'cy')]
        >>> import networkx as nx
        >>> nx.is_branching(forest)
        True
    """
    import networkx as nx

    forest: nx.DiGraph[str] = nx.DiGraph()
    customers = ecosystem.customers
    forest.add_nodes_from((c.id, {"count": c.count}) for c in customers)
    forest.add_edges_from((c.referred_by, c.id) for c in customers if c.referred_by is not None)
    return forest


def referral_chain(ecosystem: Ecosystem, customer_id: str) -> tuple[str, ...]:
    """The chain of referrals that brought a customer, from the first referrer to the customer.

    Raises:
        UnknownIdError: ``customer_id`` is not a customer of the ecosystem.

    Examples:
        >>> from cocreation import Ecosystem
        >>> eco = (
        ...     Ecosystem()
        ...     .add_customer("ann")
        ...     .add_customer("bob", referred_by="ann")
        ...     .add_customer("cy", referred_by="bob")
        ... )
        >>> referral_chain(eco, "cy")
        ('ann', 'bob', 'cy')
        >>> referral_chain(eco, "ann")
        ('ann',)
    """
    chain = [customer_id]
    current = ecosystem.customer(customer_id).referred_by
    while current is not None:
        chain.append(current)
        current = ecosystem.customer(current).referred_by
    return tuple(reversed(chain))


@frozen(repr=False)
class Centrality(Displayed):
    """How much each organisation or partner lies between customers and partners.

    Attributes:
        integrator: The id of the most central organisation or partner, or ``None``
            when the ecosystem has no customer or no partner, or nobody lies between them.
        score: The integrator's score (0.0 when there is none).
        scores: Every organisation's and partner's score, highest first.

    Examples:
        >>> Centrality(integrator="telco", score=1.0, scores=(("telco", 1.0),)).integrator
        'telco'
    """

    integrator: str | None
    score: float
    scores: tuple[tuple[str, float], ...]

    def to_frame(self) -> pd.DataFrame:
        """Every organisation's and partner's score, highest first, as a pandas DataFrame.

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> Centrality("telco", 1.0, (("telco", 1.0), ("cloud", 0.0))).to_frame()["actor"].tolist()
            ['telco', 'cloud']
        """
        return frame(
            [{"actor": actor, "score": score} for actor, score in self.scores],
            "Centrality.to_frame",
            columns=["actor", "score"],
        )

    def _repr_html_(self) -> str:
        title = f"Centrality: central integrator {self.integrator or '(none)'}"
        return html_table(title, ["actor", "score"], [list(row) for row in self.scores])


def central_integrator(ecosystem: Ecosystem, *, backend: str | None = None) -> Centrality:
    """The organisation or partner that integrates the ecosystem from its centre.

    Computes the betweenness of every actor over the shortest paths between
    customers and network partners, in the undirected actor graph whose edges are
    interactions, relationships, referrals, transfers, partner integrations and the
    links between an offering's provider and its partners. The score is the share of
    customer-to-partner pairs whose shortest paths run through the actor (a pair with
    several shortest paths shares its weight between them), so 1.0 means every
    customer reaches every partner through it. Uses
    ``networkx.betweenness_centrality_subset``.

    Args:
        ecosystem: The ecosystem to measure.
        backend: A NetworkX backend name (for example ``"parallel"``), passed through.

    Returns:
        The most central organisation or partner and every one's score.

    Examples:
        >>> from cocreation import Ecosystem
        >>> eco = (
        ...     Ecosystem()
        ...     .add_partner("cloud")
        ...     .add_organisation("telco", partners=["cloud"])
        ...     .add_customer("acme")
        ...     .add_customer("beta")
        ...     .add_interaction("a", customer="acme", counterpart="telco")
        ...     .add_interaction("b", customer="beta", counterpart="telco")
        ... )
        >>> result = central_integrator(eco)
        >>> result.integrator, round(result.score, 3)
        ('telco', 1.0)
    """
    import networkx as nx

    actors = {actor.id for actor in ecosystem.actors}
    graph = ecosystem.graph()
    actor_graph: nx.Graph[str] = nx.Graph()
    actor_graph.add_nodes_from(actors)
    actor_graph.add_edges_from(
        (u, v) for u, v in graph.edges() if u in actors and v in actors and u != v
    )
    for offering in ecosystem.offerings:
        actor_graph.add_edges_from(
            (offering.provider, share.partner) for share in offering.partners
        )
    customers = [c.id for c in ecosystem.customers]
    partners = [p.id for p in ecosystem.partners]
    candidates = [a.id for a in ecosystem.actors if isinstance(a, Organisation | NetworkPartner)]
    if not customers or not partners:
        return Centrality(None, 0.0, tuple((c, 0.0) for c in candidates))
    if backend is not None and not isinstance(backend, str):
        raise ValidationError("backend", backend, "the name of a NetworkX backend or None")
    betweenness: dict[str, float] = nx.betweenness_centrality_subset(  # type: ignore[assignment]
        actor_graph,
        sources=customers,
        targets=partners,
        normalized=False,
        backend=backend,  # type: ignore[arg-type]  # the stubs omit None, the default
    )
    # Unnormalised subset betweenness counts each undirected customer-partner pair as 1/2.
    pairs = 0.5 * len(customers) * len(partners)
    scores = sorted(
        ((c, float(betweenness[c]) / pairs) for c in candidates),
        key=lambda item: (-item[1], item[0]),
    )
    best, score = scores[0]
    # Nobody in between when every customer reaches the partners directly or not at all.
    return Centrality(best if score > 0.0 else None, score, tuple(scores))
