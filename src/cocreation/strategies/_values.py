"""Strategies for the value objects of `cocreation.model`.

Each ``draw_*`` function draws one object from plain arguments; the public function
wraps it in a strategy that resolves the pins first. Whole ecosystems call the
``draw_*`` functions directly, so no strategy is built while drawing.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

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
from cocreation.strategies._common import (
    BOOLEANS,
    bounded,
    draw_id,
    draw_member,
    member,
    resolve,
    texts,
)

__all__ = [
    "achievements",
    "contributions",
    "darts",
    "draw_achievement",
    "draw_contribution",
    "draw_dart",
    "draw_module",
    "draw_outcome",
    "draw_relationship",
    "draw_resource",
    "draw_revenue_shares",
    "draw_transfer",
    "modules",
    "outcomes",
    "relationships",
    "resources",
    "revenue_shares",
    "transfers",
]

_SCALE = bounded(0.0, 10.0)
_UNIT = bounded(0.0, 1.0)
_LEVEL = bounded(-1.0, 1.0)
_RESOURCE_KINDS = member(tuple(ResourceKind))
_TRANSFER_KINDS = member(tuple(TransferKind))


def draw_outcome(draw: st.DrawFn, outcome_id: str) -> Outcome:
    """Draw an outcome with this id."""
    return Outcome(
        outcome_id,
        importance=draw(_SCALE),
        satisfaction=draw(_SCALE),
        statement=draw(texts()),
    )


def draw_achievement(draw: st.DrawFn, outcome_id: str) -> Achievement:
    """Draw a degree of achievement of this outcome."""
    return Achievement(outcome_id, draw(_LEVEL))


def draw_resource(draw: st.DrawFn, kind: ResourceKind | None = None) -> Resource:
    """Draw a resource, of this kind if given."""
    return Resource(
        kind if kind is not None else draw(_RESOURCE_KINDS),
        draw(bounded(0.0, 1e4)),
        draw(texts()),
    )


def draw_contribution(
    draw: st.DrawFn, actor: str, kind: ResourceKind | None = None
) -> Contribution:
    """Draw a contribution of this actor."""
    return Contribution(
        actor,
        kind if kind is not None else draw(_RESOURCE_KINDS),
        draw(bounded(0.0, 1e4)),
        draw(texts()),
    )


def draw_transfer(
    draw: st.DrawFn, source: str, target: str, kind: TransferKind | None = None
) -> Transfer:
    """Draw a transfer between two distinct actors."""
    drawn_kind: TransferKind = kind if kind is not None else draw(_TRANSFER_KINDS)
    # Money is never negative; a value object may be worth less than nothing to its receiver.
    low = 0.0 if drawn_kind is TransferKind.MONEY else -1e6
    return Transfer(source, target, draw(bounded(low, 1e6)), kind=drawn_kind, label=draw(texts()))


def draw_dart(draw: st.DrawFn) -> DART:
    """Draw DART scores."""
    return DART(draw(_UNIT), draw(_UNIT), draw(_UNIT), draw(_UNIT))


def draw_relationship(draw: st.DrawFn, counterpart: str) -> Relationship:
    """Draw a relationship with this counterpart, with DART scores or none."""
    return Relationship(counterpart, draw_dart(draw) if draw(BOOLEANS) else None)


def draw_module(draw: st.DrawFn, module_id: str) -> Module:
    """Draw a module with this id."""
    return Module(
        module_id,
        price=draw(bounded(0.0, 1e5)),
        cost=draw(bounded(0.0, 1e5)),
        name=draw(texts()),
    )


_FIRST_POSITIVE_SHARE = bounded(0.01, 1.0)


def draw_revenue_shares(
    draw: st.DrawFn, partners: Sequence[str], *, positive: bool = False
) -> list[RevenueShare]:
    """Draw a revenue share for each partner; together they add up to at most 1.

    With ``positive``, the first partner's share is at least 0.01.
    """
    shares: list[RevenueShare] = []
    left = 1.0
    for position, partner in enumerate(partners):
        if positive and position == 0:
            share = draw(_FIRST_POSITIVE_SHARE)
        else:
            share = draw(bounded(0.0, max(left, 0.0)))
        shares.append(RevenueShare(partner, share))
        left -= share
    return shares


@st.composite
def _outcomes(draw: st.DrawFn, id: str | SearchStrategy[str] | None) -> Outcome:
    return draw_outcome(draw, draw_id(draw) if id is None else resolve(draw, id))


def outcomes(*, id: str | SearchStrategy[str] | None = None) -> SearchStrategy[Outcome]:
    """Desired outcomes of a job, with importance and satisfaction in [0, 10].

    Args:
        id: Pin the outcome's id (a string or a strategy); drawn with
            [`ids`][cocreation.strategies.ids] by default.

    Returns:
        A strategy for [`Outcome`][cocreation.Outcome] objects.

    Examples:
        >>> from hypothesis import given
        >>> @given(outcomes(id="uptime"))
        ... def test(outcome):
        ...     assert outcome.id == "uptime"
        ...     assert 0 <= outcome.importance <= 10 and 0 <= outcome.satisfaction <= 10
        >>> test()
    """
    return _outcomes(id)


@st.composite
def _achievements(draw: st.DrawFn, outcome: str | SearchStrategy[str] | None) -> Achievement:
    return draw_achievement(draw, draw_id(draw) if outcome is None else resolve(draw, outcome))


def achievements(
    *, outcome: str | SearchStrategy[str] | None = None
) -> SearchStrategy[Achievement]:
    """Degrees of achievement of an outcome, in [-1, 1] (negative: value co-destruction).

    Args:
        outcome: Pin the id of the outcome achieved (a string or a strategy).

    Returns:
        A strategy for [`Achievement`][cocreation.Achievement] objects.

    Examples:
        >>> from hypothesis import given
        >>> @given(achievements(outcome="uptime"))
        ... def test(achievement):
        ...     assert achievement.outcome == "uptime" and -1 <= achievement.level <= 1
        >>> test()
    """
    return _achievements(outcome)


@st.composite
def _resources(draw: st.DrawFn, kind: ResourceKind | None) -> Resource:
    return draw_resource(draw, kind)


def resources(*, kind: ResourceKind | None = None) -> SearchStrategy[Resource]:
    """Resources an actor holds: money, time, skills, knowledge and so on.

    Args:
        kind: Pin the kind of resource.

    Returns:
        A strategy for [`Resource`][cocreation.Resource] objects.

    Examples:
        >>> from hypothesis import given
        >>> from cocreation import ResourceKind
        >>> @given(resources(kind=ResourceKind.TIME))
        ... def test(resource):
        ...     assert resource.kind is ResourceKind.TIME and resource.amount >= 0
        >>> test()
    """
    return _resources(kind)


@st.composite
def _contributions(
    draw: st.DrawFn, actor: str | SearchStrategy[str] | None, kind: ResourceKind | None
) -> Contribution:
    return draw_contribution(draw, draw_id(draw) if actor is None else resolve(draw, actor), kind)


def contributions(
    *,
    actor: str | SearchStrategy[str] | None = None,
    kind: ResourceKind | None = None,
) -> SearchStrategy[Contribution]:
    """Resources an actor contributes to an interaction.

    Args:
        actor: Pin the contributing actor's id (a string or a strategy, such as
            ``sampled_from`` the actors of an ecosystem).
        kind: Pin the kind of resource.

    Returns:
        A strategy for [`Contribution`][cocreation.Contribution] objects.

    Examples:
        >>> from hypothesis import given, strategies as st
        >>> @given(contributions(actor=st.sampled_from(["acme", "telco"])))
        ... def test(contribution):
        ...     assert contribution.actor in {"acme", "telco"}
        >>> test()
    """
    return _contributions(actor, kind)


@st.composite
def _transfers(
    draw: st.DrawFn,
    source: str | None,
    target: str | None,
    actors: tuple[str, ...] | None,
    kind: TransferKind | None,
) -> Transfer:
    if source is None:
        if actors:
            source = draw_member(draw, [actor for actor in actors if actor != target])
        else:
            source = draw_id(draw, () if target is None else {target})
    if target is None:
        if actors:
            target = draw_member(draw, [actor for actor in actors if actor != source])
        else:
            target = draw_id(draw, {source})
    return draw_transfer(draw, source, target, kind)


def transfers(
    *,
    source: str | None = None,
    target: str | None = None,
    actors: Sequence[str] | None = None,
    kind: TransferKind | None = None,
) -> SearchStrategy[Transfer]:
    """Money or value objects moving from one actor to another (never to itself).

    Args:
        source: Pin the id of the actor who gives.
        target: Pin the id of the actor who receives.
        actors: Draw the source and target (those not pinned) from these ids; they
            always differ, so at least two distinct ids are needed. By default any ids.
        kind: Pin money or value objects. Money is never negative; a value object
            may be.

    Returns:
        A strategy for [`Transfer`][cocreation.Transfer] objects.

    Raises:
        InvalidArgument: ``source`` equals ``target``, or ``actors`` holds fewer than
            two distinct ids.

    Examples:
        >>> from hypothesis import given
        >>> @given(transfers(actors=["acme", "telco", "cloud"]))
        ... def test(transfer):
        ...     assert transfer.source != transfer.target
        ...     assert {transfer.source, transfer.target} <= {"acme", "telco", "cloud"}
        >>> test()
    """
    if source is not None and source == target:
        msg = f"transfers() needs a source other than its target, got {source!r} for both"
        raise InvalidArgument(msg)
    pool: tuple[str, ...] | None = None
    if actors is not None:
        pool = tuple(dict.fromkeys(actors))
        if len(pool) < 2:
            msg = f"transfers() needs at least two distinct actors, got {list(actors)!r}"
            raise InvalidArgument(msg)
    return _transfers(source, target, pool, kind)


@st.composite
def _darts(draw: st.DrawFn) -> DART:
    return draw_dart(draw)


def darts() -> SearchStrategy[DART]:
    """DART scores (dialogue, access, risk-benefits, transparency), each in [0, 1].

    Returns:
        A strategy for [`DART`][cocreation.DART] objects.

    Examples:
        >>> from hypothesis import given
        >>> @given(darts())
        ... def test(scores):
        ...     assert 0 <= scores.mean <= 1
        >>> test()
    """
    return _darts()


@st.composite
def _relationships(draw: st.DrawFn, counterpart: str | SearchStrategy[str] | None) -> Relationship:
    return draw_relationship(
        draw, draw_id(draw) if counterpart is None else resolve(draw, counterpart)
    )


def relationships(
    *, counterpart: str | SearchStrategy[str] | None = None
) -> SearchStrategy[Relationship]:
    """A customer's relationships with an actor or topic, with DART scores or none.

    Args:
        counterpart: Pin the id of the other actor or topic (a string or a strategy).

    Returns:
        A strategy for [`Relationship`][cocreation.Relationship] objects.

    Examples:
        >>> from hypothesis import given
        >>> @given(relationships(counterpart="telco"))
        ... def test(relationship):
        ...     assert relationship.counterpart == "telco"
        >>> test()
    """
    return _relationships(counterpart)


@st.composite
def _revenue_shares(
    draw: st.DrawFn, partner: str | SearchStrategy[str] | None, max_share: float
) -> RevenueShare:
    partner_id = draw_id(draw) if partner is None else resolve(draw, partner)
    return RevenueShare(partner_id, draw(bounded(0.0, max_share)))


def revenue_shares(
    *,
    partner: str | SearchStrategy[str] | None = None,
    max_share: float = 1.0,
) -> SearchStrategy[RevenueShare]:
    """Shares of an offering's price that go to a network partner.

    Args:
        partner: Pin the partner's id (a string or a strategy).
        max_share: The largest share drawn, in [0, 1].

    Returns:
        A strategy for [`RevenueShare`][cocreation.RevenueShare] objects.

    Raises:
        InvalidArgument: ``max_share`` is outside [0, 1].

    Examples:
        >>> from hypothesis import given
        >>> @given(revenue_shares(partner="cloud", max_share=0.3))
        ... def test(share):
        ...     assert share.partner == "cloud" and 0 <= share.share <= 0.3
        >>> test()
    """
    if not 0.0 <= max_share <= 1.0:
        msg = f"max_share must be in [0, 1], got {max_share!r}"
        raise InvalidArgument(msg)
    return _revenue_shares(partner, float(max_share))


@st.composite
def _modules(draw: st.DrawFn, id: str | SearchStrategy[str] | None) -> Module:
    return draw_module(draw, draw_id(draw) if id is None else resolve(draw, id))


def modules(*, id: str | SearchStrategy[str] | None = None) -> SearchStrategy[Module]:
    """Modules of a modular offering, each with a price and a cost.

    Args:
        id: Pin the module's id (a string or a strategy).

    Returns:
        A strategy for [`Module`][cocreation.Module] objects.

    Examples:
        >>> from hypothesis import given
        >>> @given(modules(id="security"))
        ... def test(module):
        ...     assert module.id == "security" and module.price >= 0 and module.cost >= 0
        >>> test()
    """
    return _modules(id)
