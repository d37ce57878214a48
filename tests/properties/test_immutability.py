"""Entities and ecosystems are values: frozen, hashable, and never changed in place.

DOMAIN.md does not number this: it is the model's contract (STYLE.md: values are
``@frozen`` and changed only with ``attrs.evolve``) that invariants 11 and 12 rest on,
since a model that could change under its holder could not stay equal or consistent.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from attrs.exceptions import FrozenInstanceError
from hypothesis import given, settings
from hypothesis import strategies as st

from cocreation import (
    DART,
    Achievement,
    Contribution,
    Customer,
    Ecosystem,
    Interaction,
    JobToBeDone,
    Module,
    NetworkPartner,
    Offering,
    Organisation,
    Outcome,
    Relationship,
    Resource,
    RevenueShare,
    Topic,
    Transfer,
)
from cocreation.errors import CocreationError, DuplicateIdError, UnknownIdError
from cocreation.strategies import customers, ecosystems, ids, topics

from ._checks import graph_data, snapshot

VALUE_CLASSES: list[type[Any]] = [
    Outcome,
    Achievement,
    Resource,
    Contribution,
    Transfer,
    DART,
    Relationship,
    RevenueShare,
    Module,
    Customer,
    Organisation,
    NetworkPartner,
    Offering,
    JobToBeDone,
    Topic,
    Interaction,
    Ecosystem,
]


# Not numbered in DOMAIN.md: the frozen-value contract behind invariants 11 and 12.
@pytest.mark.parametrize("kind", VALUE_CLASSES, ids=lambda kind: kind.__name__)
@settings(deadline=None)
@given(data=st.data())
def test_entities_are_immutable(kind: type[Any], data: st.DataObject) -> None:
    value = data.draw(st.from_type(kind))
    for field in attrs.fields(kind):
        with pytest.raises(FrozenInstanceError):
            setattr(value, field.name, getattr(value, field.name))
        with pytest.raises(FrozenInstanceError):
            delattr(value, field.name)


# Not numbered in DOMAIN.md: the frozen-value contract behind invariants 11 and 12.
@pytest.mark.parametrize("kind", VALUE_CLASSES, ids=lambda kind: kind.__name__)
@settings(deadline=None)
@given(data=st.data())
def test_entities_are_hashable_and_equal_to_an_unchanged_copy(
    kind: type[Any], data: st.DataObject
) -> None:
    value = data.draw(st.from_type(kind))
    copy = attrs.evolve(value)
    assert copy == value
    assert hash(copy) == hash(value)
    assert {value, copy} == {value}


def _all_ids(eco: Ecosystem) -> set[str]:
    return {entity.id for entity in eco}


# Not numbered in DOMAIN.md: Ecosystem.add/replace/remove return a new ecosystem and
# leave the one they are called on as it was (what invariant 12 relies on).
@settings(deadline=None)
@given(ecosystems(min_customers=1), st.data())
def test_ecosystem_changes_never_mutate_the_original(eco: Ecosystem, data: st.DataObject) -> None:
    before = snapshot(eco)
    graph_before = graph_data(eco.graph())

    fresh = data.draw(ids(exclude=_all_ids(eco)))
    topic = data.draw(topics(id=fresh))
    bigger = eco.add(topic)
    assert bigger is not eco
    assert bigger.topic(fresh) == topic
    assert fresh not in eco
    assert snapshot(eco) == before

    bigger_before = snapshot(bigger)
    renamed = attrs.evolve(topic, name=topic.name + "!")
    changed = bigger.replace(renamed)
    assert changed.topic(fresh) == renamed
    assert bigger.topic(fresh) == topic
    assert snapshot(bigger) == bigger_before

    smaller = changed.remove(fresh)
    assert smaller == eco
    assert changed.topic(fresh) == renamed

    customer = data.draw(st.sampled_from(eco.customers))
    recounted = attrs.evolve(customer, count=customer.count + 1)
    assert eco.replace(recounted).customer(customer.id) == recounted
    assert eco.customer(customer.id) == customer

    # Steps that fail leave the ecosystem as it was, too.
    with pytest.raises(DuplicateIdError):
        bigger.add(data.draw(customers(id=fresh)))
    with pytest.raises(UnknownIdError):
        eco.remove(fresh)
    with pytest.raises(UnknownIdError):
        eco.replace(topic)
    with pytest.raises(CocreationError):
        eco.add(object())  # type: ignore[arg-type]

    assert snapshot(eco) == before
    assert snapshot(bigger) == bigger_before
    # The graph is a fresh view: changing it does not reach the ecosystem.
    graph = eco.graph()
    graph.add_edge(fresh, fresh, key="x", kind="x")
    graph.clear()
    assert graph_data(eco.graph()) == graph_before
