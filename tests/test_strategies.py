"""The public Hypothesis strategies draw valid models, honour their pins, and register."""

from __future__ import annotations

import importlib.metadata
import os
import string
import subprocess
import sys
import textwrap
from typing import Any

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

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
    ReferencePoint,
    Relationship,
    Resource,
    RevenueShare,
    Topic,
    Transfer,
    TransferKind,
)
from cocreation.strategies import (
    achievements,
    actors,
    customers,
    ecosystems,
    ids,
    interactions,
    jobs,
    offerings,
    organisations,
    revenue_shares,
    transfers,
)

REGISTERED: list[type[Any]] = [
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


def rebuilt(value: Any) -> Any:
    """The value built again from its init fields, so that every validator runs again."""
    fields = attrs.fields(type(value))
    return type(value)(
        **{field.alias: getattr(value, field.name) for field in fields if field.init}
    )


@pytest.mark.parametrize("kind", REGISTERED, ids=lambda kind: kind.__name__)
@settings(deadline=None)
@given(data=st.data())
def test_from_type_draws_valid_instances(kind: type[Any], data: st.DataObject) -> None:
    value = data.draw(st.from_type(kind))
    assert type(value) is kind
    attrs.validate(value)
    assert rebuilt(value) == value


@pytest.mark.parametrize("kind", REGISTERED[:-1], ids=lambda kind: kind.__name__)
def test_strategies_exercise_every_field(kind: type[Any]) -> None:
    # A field the strategy never sets (say, one added to the model later) fails here.
    defaults = {
        field.name: field.default
        for field in attrs.fields(kind)
        if field.init and field.default is not attrs.NOTHING
    }
    varied: set[str] = set()

    @settings(max_examples=60, derandomize=True, database=None, deadline=None)
    @given(st.from_type(kind))
    def collect(value: Any) -> None:
        varied.update(name for name, default in defaults.items() if getattr(value, name) != default)

    collect()
    assert varied == set(defaults)


@given(st.from_type(Customer | Organisation | NetworkPartner), actors())  # type: ignore[arg-type]
def test_actor_unions_resolve_to_actors(first: Any, second: Any) -> None:
    assert isinstance(first, Customer | Organisation | NetworkPartner)
    assert isinstance(second, Customer | Organisation | NetworkPartner)


@given(ids(), st.sets(ids(), max_size=5), st.data())
def test_ids_are_readable_and_avoid_what_is_excluded(
    entity_id: str, taken: set[str], data: st.DataObject
) -> None:
    assert entity_id
    assert entity_id == entity_id.strip()
    assert entity_id.isprintable()
    fresh = data.draw(ids(exclude=taken | {entity_id}))
    assert fresh not in taken | {entity_id}
    assert fresh == fresh.strip()


def test_ids_are_sometimes_non_ascii_or_punctuated() -> None:
    quick = settings(database=None, max_examples=2000)
    assert not find(ids(), lambda s: not s.isascii(), settings=quick).isascii()
    punctuated = find(ids(), lambda s: any(c in string.punctuation for c in s), settings=quick)
    assert set(punctuated) & set(string.punctuation)


@given(
    customers(id="beta", referred_by="acme", counterparts=["telco", "beta"]),
    organisations(id="telco", partners=["cloud"]),
    jobs(id="connect", owner="beta"),
    offerings(provider="telco", partners=["cloud", "forum"], outcomes=["uptime"]),
)
def test_pins_and_pools_are_honoured(
    customer: Customer, organisation: Organisation, job: JobToBeDone, offering: Offering
) -> None:
    assert (customer.id, customer.referred_by) == ("beta", "acme")
    assert {r.counterpart for r in customer.relationships} <= {"telco"}
    assert organisation.id == "telco"
    assert set(organisation.partners) <= {"cloud"}
    assert (job.id, job.owner) == ("connect", "beta")
    assert offering.provider == "telco"
    assert {share.partner for share in offering.partners} <= {"cloud", "forum"}
    assert sum(share.share for share in offering.partners) <= 1 + 1e-12
    assert {claim.outcome for claim in offering.proposition} <= {"uptime"}


@given(customers(id="acme", referred_by=st.just("acme")))
def test_a_customer_is_never_its_own_referrer(customer: Customer) -> None:
    assert customer.referred_by is None


@given(transfers(), transfers(source="acme"), transfers(actors=["acme", "telco"]))
def test_transfers_join_two_actors_and_money_is_never_negative(
    anywhere: Transfer, from_acme: Transfer, between: Transfer
) -> None:
    for transfer in (anywhere, from_acme, between):
        assert transfer.source != transfer.target
        if transfer.kind is TransferKind.MONEY:
            assert transfer.amount >= 0
    assert from_acme.source == "acme"
    assert {between.source, between.target} == {"acme", "telco"}


@given(jobs(owner="acme"), offerings(), st.data())
def test_interactions_score_their_jobs_outcomes_and_choose_their_offerings_modules(
    job: JobToBeDone, offering: Offering, data: st.DataObject
) -> None:
    interaction = data.draw(interactions(job=job, offering=offering, actors=()))
    assert interaction.customer == "acme"
    assert interaction.job == job.id
    assert interaction.offering == offering.id
    outcome_ids = [outcome.id for outcome in job.outcomes]
    assert {achieved.outcome for achieved in interaction.achievement} <= set(outcome_ids)
    assert set(interaction.modules) <= {module.id for module in offering.modules}
    assert not interaction.contributions
    assert not interaction.transfers


@given(interactions(customer="acme", counterpart=st.sampled_from(["acme", "telco", None])))
def test_interaction_counterparts_never_equal_the_customer(interaction: Interaction) -> None:
    assert interaction.customer == "acme"
    assert interaction.counterpart in {None, "telco"}
    if interaction.counterpart is None:
        assert interaction.reference_point is ReferencePoint.SELF
    else:
        assert interaction.reference_point is None


@given(achievements(outcome=st.sampled_from(["a", "b"])), revenue_shares(max_share=0.25))
def test_value_objects_stay_within_their_bounds(
    achievement: Achievement, share: RevenueShare
) -> None:
    assert achievement.outcome in {"a", "b"}
    assert -1 <= achievement.level <= 1
    assert 0 <= share.share <= 0.25


@settings(deadline=None)
@given(ecosystems(min_customers=1, max_customers=3, max_interactions=2, max_topics=0))
def test_ecosystems_are_valid_and_within_their_sizes(eco: Ecosystem) -> None:
    assert rebuilt(eco) == eco
    assert 1 <= len(eco.customers) <= 3
    assert len(eco.interactions) <= 2
    assert not eco.topics
    assert len(eco.organisations) <= 2
    assert len(eco.partners) <= 2
    assert len({entity.id for entity in eco}) == len(eco)
    # Referrals form trees: following referrers from anyone ends within len(customers) steps.
    for customer in eco.customers:
        current: str | None = customer.id
        for _ in range(len(eco.customers)):
            assert current is not None
            current = eco.customer(current).referred_by
            if current is None:
                break
        assert current is None


@settings(deadline=None)
@given(ecosystems(min_customers=2, max_interactions=8))
def test_ecosystem_interactions_refer_to_their_customers_own_jobs(eco: Ecosystem) -> None:
    for interaction in eco.interactions:
        if interaction.job is not None:
            job = eco.job(interaction.job)
            assert job.owner == interaction.customer
            outcome_ids = {outcome.id for outcome in job.outcomes}
            assert {a.outcome for a in interaction.achievement} <= outcome_ids
        for transfer in interaction.transfers:
            assert isinstance(eco[transfer.source], Customer | Organisation | NetworkPartner)


@settings(deadline=None)
@given(
    ecosystems(
        min_customers=2,
        min_organisations=1,
        min_partners=1,
        min_offerings=2,
        min_jobs=2,
        min_outcomes=2,
        min_topics=1,
        min_interactions=3,
        max_interactions=6,
        min_purchases=2,
        min_served=2,
        min_referrals=1,
        priced=True,
        shared=True,
    )
)
def test_ecosystems_honour_every_lower_bound(eco: Ecosystem) -> None:
    assert rebuilt(eco) == eco
    assert len(eco.customers) >= 2
    assert len(eco.organisations) >= 1
    assert len(eco.partners) >= 1
    assert len(eco.offerings) >= 2
    assert len(eco.jobs) >= 2
    assert all(len(job.outcomes) >= 2 for job in eco.jobs)
    assert len(eco.topics) >= 1
    assert 3 <= len(eco.interactions) <= 6
    purchases = [
        i for i in eco.interactions if i.offering is not None and i.units > 0 and i.occurrences > 0
    ]
    assert len(purchases) >= 2
    served = [
        i for i in eco.interactions if i.job is not None and i.achievement and i.occurrences > 0
    ]
    assert len(served) >= 2
    assert sum(customer.referred_by is not None for customer in eco.customers) >= 1
    for offering in eco.offerings:
        assert offering.price > 0
        assert any(share.share > 0 for share in offering.partners)


@settings(deadline=None)
@given(ecosystems(min_purchases=1), ecosystems(min_served=1), ecosystems(min_referrals=2))
def test_ecosystem_bounds_imply_what_they_need(
    buying: Ecosystem, serving: Ecosystem, referring: Ecosystem
) -> None:
    # A purchase needs a customer, an organisation and its offering.
    assert buying.customers
    assert buying.organisations
    assert buying.offerings
    assert any(i.offering is not None and i.units > 0 for i in buying.interactions)
    # An interaction that scores a job's outcome needs a customer owning a job with one.
    judged = [i for i in serving.interactions if i.achievement]
    assert judged
    for interaction in judged:
        job = serving.job(interaction.job) if interaction.job else None
        assert job is not None
        assert job.owner == interaction.customer
        assert {a.outcome for a in interaction.achievement} <= {o.id for o in job.outcomes}
    # Two referred customers need a third one to refer them first.
    assert len(referring.customers) >= 3
    assert sum(c.referred_by is not None for c in referring.customers) >= 2


def test_ecosystems_draw_every_kind_of_reference_point() -> None:
    seen: set[ReferencePoint | None] = set()

    @settings(max_examples=100, derandomize=True, database=None, deadline=None)
    @given(ecosystems(min_customers=1))
    def collect(eco: Ecosystem) -> None:
        seen.update(interaction.reference_point for interaction in eco.interactions)

    collect()
    assert seen == set(ReferencePoint)


@pytest.mark.parametrize(
    ("build", "arguments"),
    [
        (ecosystems, {"max_customers": -1}),
        (ecosystems, {"min_customers": 3, "max_customers": 2}),
        (ecosystems, {"max_jobs": 1.5}),
        (ecosystems, {"min_partners": 3, "max_partners": 2}),
        (ecosystems, {"min_interactions": 6}),
        (ecosystems, {"min_purchases": 1, "max_organisations": 0}),
        (ecosystems, {"min_purchases": 1, "max_offerings": 0}),
        (ecosystems, {"min_served": 1, "max_jobs": 0}),
        (ecosystems, {"min_served": 6}),
        (ecosystems, {"min_referrals": 3}),
        (ecosystems, {"min_jobs": 1, "max_customers": 0}),
        (ecosystems, {"shared": True, "max_partners": 0}),
        (ecosystems, {"min_outcomes": 5}),
        (ecosystems, {"priced": "yes"}),
        (ecosystems, {"min_purchases": -1}),
        (transfers, {"source": "acme", "target": "acme"}),
        (transfers, {"actors": ["acme", "acme"]}),
        (revenue_shares, {"max_share": 1.5}),
    ],
)
def test_invalid_arguments_are_rejected_when_the_strategy_is_built(
    build: Any, arguments: dict[str, Any]
) -> None:
    with pytest.raises(InvalidArgument):
        build(**arguments)


def test_the_hypothesis_entry_point_names_the_setup_hook() -> None:
    (entry,) = [
        entry
        for entry in importlib.metadata.entry_points(group="hypothesis")
        if entry.value.startswith("cocreation.")
    ]
    assert entry.value == "cocreation.strategies:_hypothesis_setup_hook"
    assert callable(entry.load())


def _run(source: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(source)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_importing_cocreation_does_not_import_hypothesis_and_hypothesis_finds_the_strategies() -> (
    None
):
    printed = _run(
        """
        import sys
        import cocreation
        print("hypothesis" in sys.modules, "cocreation.strategies" in sys.modules)
        from hypothesis import given, settings, strategies as st
        print("cocreation.strategies" in sys.modules)
        drawn = []

        @settings(max_examples=20, database=None, derandomize=True)
        @given(st.from_type(cocreation.Ecosystem))
        def collect(eco):
            drawn.append(eco)

        collect()
        print(any(len(eco.customers) >= 2 and eco.interactions for eco in drawn))
        """
    )
    assert printed.split() == ["False", "False", "True", "True"]


def test_importing_the_strategies_before_hypothesis_works() -> None:
    printed = _run(
        """
        import cocreation.strategies
        from hypothesis import given, settings, strategies as st
        from cocreation import Customer
        drawn = []

        @settings(max_examples=20, database=None, derandomize=True)
        @given(st.from_type(Customer))
        def collect(customer):
            drawn.append(customer)

        collect()
        print(all(isinstance(c, Customer) for c in drawn), len({c.id for c in drawn}) > 1)
        """
    )
    assert printed.split() == ["True", "True"]
