"""The bundled example ecosystems: built here with the public API, shipped as JSON.

``build_co_selling`` is the source of ``src/cocreation/io/examples/co-selling.json``.
After changing it (or the model), regenerate the file with::

    python tests/io/test_io_example.py

The tests check that the shipped file loads, equals what this builder builds, and is
byte for byte what ``dumps`` writes.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import pytest

from cocreation import (
    DART,
    Achievement,
    CoCreationLevel,
    Contribution,
    Customer,
    CustomerKind,
    Ecosystem,
    Interaction,
    JobKind,
    JobStep,
    JobToBeDone,
    Mode,
    Module,
    NetworkPartner,
    Offering,
    Organisation,
    Outcome,
    PartnerRole,
    PricingModel,
    ReferencePoint,
    Relationship,
    Resource,
    ResourceKind,
    RevenueShare,
    Sphere,
    Topic,
    Transfer,
    TransferKind,
    ValidationError,
)
from cocreation.io import dumps, example_ecosystem, example_names, loads

TELECOM = "alpine-telecom"
LOGISTICS = "alpen-logistik"
CLINICS = "seeland-kliniken"
SMALL = "small-businesses"

MONEY = TransferKind.MONEY
VALUE = TransferKind.VALUE
TIME = ResourceKind.TIME
KNOWLEDGE = ResourceKind.KNOWLEDGE


def build_co_selling() -> Ecosystem:
    """Alpine Telecom co-creates with business customers and partners on all four levels.

    A fictional B2B telecom provider co-defines modular offerings with its business
    customers' management in co-selling workshops (the source articles cite Swisscom
    doing this), integrates a cloud complementor that takes a revenue share, a user
    community where customers help customers, and a self-service portal platform.
    One period is one year; money is in Swiss francs.
    """
    partners = [
        NetworkPartner(
            "cloud",
            name="Helvetic Cloud",
            role=PartnerRole.COMPLEMENTOR,
            resources=[
                Resource(ResourceKind.INFRASTRUCTURE, 1.0, "data centres for hosting and backup")
            ],
            fixed_cost=4_000.0,
            variable_cost=100.0,
            opportunity_cost=2_000.0,
        ),
        NetworkPartner(
            "user-community",
            name="Alpine Telecom user group",
            role=PartnerRole.COMMUNITY,
            resources=[
                Resource(KNOWLEDGE, 1.0, "moderators who know the products in depth"),
                Resource(ResourceKind.RELATIONSHIPS, 1.0, "a network of business users"),
            ],
            fixed_cost=2_000.0,
            variable_cost=1.0,
        ),
        NetworkPartner(
            "portal",
            name="Self-service portal platform",
            role=PartnerRole.PLATFORM,
            resources=[Resource(ResourceKind.INFRASTRUCTURE, 1.0, "the self-service portal")],
            fixed_cost=5_000.0,
            variable_cost=1.0,
            investment=10_000.0,
        ),
    ]
    organisation = Organisation(
        TELECOM,
        name="Alpine Telecom",
        discount_rate=0.08,
        fixed_cost=120_000.0,
        investment=60_000.0,
        acquisition_cost=8_000.0,
        partners=["cloud", "user-community", "portal"],
    )
    customers = [
        Customer(
            LOGISTICS,
            name="Alpen Logistik AG",
            kind=CustomerKind.BUSINESS,
            value_of_time=120.0,
            retention=0.9,
            resources=[
                Resource(ResourceKind.MONEY, 60_000.0, "yearly connectivity budget"),
                Resource(ResourceKind.SKILLS, 2.0, "two network engineers"),
                Resource(KNOWLEDGE, 1.0, "knows what logistics branches need"),
            ],
            relationships=[
                Relationship(
                    TELECOM, DART(dialogue=0.8, access=0.7, risk_benefits=0.6, transparency=0.8)
                ),
                Relationship("sustainable-it"),
            ],
        ),
        Customer(
            CLINICS,
            name="Seeland Kliniken AG",
            kind=CustomerKind.BUSINESS,
            value_of_time=150.0,
            retention=0.85,
            resources=[
                Resource(ResourceKind.MONEY, 80_000.0, "yearly IT security budget"),
                Resource(KNOWLEDGE, 1.0, "clinical security requirements"),
            ],
            relationships=[
                Relationship(
                    TELECOM, DART(dialogue=0.7, access=0.6, risk_benefits=0.5, transparency=0.7)
                ),
                Relationship(LOGISTICS),
            ],
            referred_by=LOGISTICS,
            incrementality=0.6,
        ),
        Customer(
            SMALL,
            name="Small businesses",
            kind=CustomerKind.BUSINESS,
            count=400,
            value_of_time=80.0,
            retention=0.8,
            resources=[Resource(TIME, 10.0, "hours a year to spend on IT")],
            relationships=[
                Relationship(
                    "user-community",
                    DART(dialogue=0.6, access=0.8, risk_benefits=0.5, transparency=0.7),
                )
            ],
        ),
    ]
    jobs = [
        JobToBeDone(
            "connect-branches",
            owner=LOGISTICS,
            statement="Keep every branch and warehouse connected",
            kind=JobKind.FUNCTIONAL,
            step=JobStep.EXECUTE,
            value=80_000.0,
            outcomes=[
                Outcome("uptime", 9.0, 6.0, "Minimise the time a branch is offline"),
                Outcome("setup-time", 7.0, 4.0, "Minimise the time it takes to connect a new site"),
                Outcome("it-effort", 6.0, 3.0, "Minimise the effort of our own IT staff"),
            ],
        ),
        JobToBeDone(
            "green-logistics",
            owner=LOGISTICS,
            statement="Be seen as a sustainable logistics company",
            kind=JobKind.SOCIAL,
            step=JobStep.MONITOR,
            value=10_000.0,
            outcomes=[
                Outcome("co2-footprint", 7.0, 3.0, "Minimise the carbon footprint of our IT")
            ],
        ),
        JobToBeDone(
            "secure-clinic-it",
            owner=CLINICS,
            statement="Run secure, always available clinical IT",
            kind=JobKind.FUNCTIONAL,
            step=JobStep.EXECUTE,
            value=120_000.0,
            outcomes=[
                Outcome("data-security", 10.0, 5.0, "Minimise the likelihood of a data breach"),
                Outcome("uptime", 9.0, 7.0, "Minimise the time clinical systems are offline"),
            ],
        ),
        JobToBeDone(
            "get-online",
            owner=SMALL,
            statement="Get and stay online without an IT department",
            kind=JobKind.FUNCTIONAL,
            step=JobStep.PREPARE,
            value=5_000.0,
            outcomes=[
                Outcome(
                    "self-service",
                    8.0,
                    4.0,
                    "Minimise the wait for the provider to change the setup",
                ),
                Outcome(
                    "peer-help", 6.0, 3.0, "Minimise the time to get an answer to a how-to question"
                ),
            ],
        ),
        JobToBeDone(
            "feel-safe",
            owner=SMALL,
            statement="Feel sure that the business stays online",
            kind=JobKind.EMOTIONAL,
            step=JobStep.MONITOR,
            value=1_000.0,
            outcomes=[Outcome("worry", 7.0, 4.0, "Minimise worry about outages")],
        ),
    ]
    offerings = [
        Offering(
            "managed-connectivity",
            provider=TELECOM,
            name="Modular managed connectivity",
            price=24_000.0,
            pricing=PricingModel.SUBSCRIPTION,
            unit_cost=10_000.0,
            modules=[
                Module("sd-wan", price=12_000.0, cost=5_000.0, name="SD-WAN across all sites"),
                Module(
                    "security", price=9_000.0, cost=4_000.0, name="Managed firewall and monitoring"
                ),
                Module("cloud-backup", price=3_000.0, cost=1_800.0, name="Cloud backup"),
            ],
            partners=[RevenueShare("cloud", 0.15)],
            proposition=[
                Achievement("uptime", 0.8),
                Achievement("setup-time", 0.6),
                Achievement("it-effort", 0.5),
            ],
        ),
        Offering(
            "onboarding",
            provider=TELECOM,
            name="Site onboarding",
            price=5_000.0,
            pricing=PricingModel.ONE_OFF,
            unit_cost=3_000.0,
            proposition=[Achievement("setup-time", 0.7)],
        ),
        Offering(
            "managed-security",
            provider=TELECOM,
            name="Managed security, paid per month without an incident",
            price=1_500.0,
            pricing=PricingModel.OUTCOME_BASED,
            unit_cost=600.0,
            partners=[RevenueShare("cloud", 0.1)],
            proposition=[Achievement("data-security", 0.8)],
        ),
        Offering(
            "business-internet",
            provider=TELECOM,
            name="Business internet with self-service",
            price=1_200.0,
            pricing=PricingModel.SUBSCRIPTION,
            unit_cost=500.0,
            partners=[RevenueShare("portal", 0.05)],
            proposition=[Achievement("self-service", 0.7), Achievement("worry", 0.5)],
        ),
    ]
    topics = [
        Topic(
            "sustainable-it",
            name="Sustainable IT",
            description="Lowering the carbon footprint of connectivity and IT",
        )
    ]
    interactions = [
        # DESIGN: an ideas workshop; the idea Alpine Telecom adopts is a value object.
        Interaction(
            "ideas-workshop",
            customer=LOGISTICS,
            counterpart=TELECOM,
            level=CoCreationLevel.DESIGN,
            offering="managed-connectivity",
            job="connect-branches",
            contributions=[
                Contribution(LOGISTICS, TIME, 16.0, "two network engineers for a day"),
                Contribution(TELECOM, TIME, 24.0, "product managers and engineers"),
                Contribution(TELECOM, ResourceKind.MONEY, 2_000.0, "venue and facilitation"),
            ],
            transfers=[
                Transfer(
                    LOGISTICS,
                    TELECOM,
                    15_000.0,
                    VALUE,
                    "adopted idea: a roll-out kit for new branches",
                )
            ],
            effort=200.0,
            dart=DART(dialogue=0.9, access=0.7, risk_benefits=0.6, transparency=0.8),
        ),
        # REFERRAL: co-defining a modular offering with the customer's management.
        Interaction(
            "co-selling-workshop",
            customer=CLINICS,
            counterpart=TELECOM,
            level=CoCreationLevel.REFERRAL,
            offering="managed-security",
            job="secure-clinic-it",
            contributions=[
                Contribution(
                    CLINICS, TIME, 12.0, "the clinics' management co-defines the offering"
                ),
                Contribution(CLINICS, KNOWLEDGE, 1.0, "clinical security requirements"),
                Contribution(TELECOM, ResourceKind.MONEY, 3_000.0, "account and security experts"),
            ],
            effort=300.0,
            dart=DART(dialogue=0.9, access=0.8, risk_benefits=0.7, transparency=0.9),
        ),
        # REFERRAL: one customer recommends Alpine Telecom to another, for a bonus.
        Interaction(
            "recommendation",
            customer=LOGISTICS,
            counterpart=CLINICS,
            level=CoCreationLevel.REFERRAL,
            contributions=[
                Contribution(LOGISTICS, TIME, 2.0, "a reference call with the clinics' CIO")
            ],
            transfers=[Transfer(TELECOM, LOGISTICS, 2_000.0, MONEY, "referral bonus")],
        ),
        # Purchases and use: the subscription fee and the partners' revenue shares follow
        # from the offering's price, modules and revenue shares times the units bought.
        Interaction(
            "connectivity-alpen-logistik",
            customer=LOGISTICS,
            counterpart=TELECOM,
            sphere=Sphere.CUSTOMER,
            mode=Mode.INDIRECT,
            offering="managed-connectivity",
            units=1.0,
            modules=["sd-wan", "cloud-backup"],
            job="connect-branches",
            achievement=[
                Achievement("uptime", 0.9),
                Achievement("setup-time", 0.7),
                Achievement("it-effort", 0.5),
            ],
            personalisation=0.4,
            contributions=[Contribution(LOGISTICS, TIME, 20.0, "own staff running the sites")],
            effort=1_000.0,
            risk_probability=0.05,
            risk_loss=20_000.0,
        ),
        Interaction(
            "onboarding-seeland-kliniken",
            customer=CLINICS,
            counterpart=TELECOM,
            period=1,
            offering="onboarding",
            units=1.0,
            contributions=[Contribution(CLINICS, TIME, 8.0, "site survey with the clinics' IT")],
            effort=500.0,
        ),
        Interaction(
            "connectivity-seeland-kliniken",
            customer=CLINICS,
            counterpart=TELECOM,
            period=1,
            sphere=Sphere.CUSTOMER,
            mode=Mode.INDIRECT,
            offering="managed-connectivity",
            units=1.0,
            modules=["security"],
            job="secure-clinic-it",
            achievement=[Achievement("uptime", 0.8)],
            risk_probability=0.02,
            risk_loss=50_000.0,
        ),
        Interaction(
            "security-seeland-kliniken",
            customer=CLINICS,
            counterpart=TELECOM,
            period=1,
            sphere=Sphere.CUSTOMER,
            mode=Mode.INDIRECT,
            offering="managed-security",
            units=12.0,
            job="secure-clinic-it",
            achievement=[Achievement("data-security", 0.8)],
            personalisation=0.5,
        ),
        Interaction(
            "internet-small-businesses",
            customer=SMALL,
            counterpart=TELECOM,
            sphere=Sphere.CUSTOMER,
            mode=Mode.INDIRECT,
            offering="business-internet",
            units=1.0,
            job="get-online",
            achievement=[Achievement("self-service", 0.7), Achievement("peer-help", 0.5)],
            personalisation=0.3,
            psychic_cost=50.0,
        ),
        # PRODUCTION: customers serve themselves on the partner's portal and at home.
        Interaction(
            "portal-self-service",
            customer=SMALL,
            counterpart="portal",
            level=CoCreationLevel.PRODUCTION,
            sphere=Sphere.CUSTOMER,
            mode=Mode.INDIRECT,
            occurrences=6.0,
            offering="business-internet",
            contributions=[Contribution(SMALL, TIME, 0.25, "changes the setup in the portal")],
            transfers=[
                Transfer(SMALL, TELECOM, 20.0, VALUE, "support call saved"),
                Transfer(TELECOM, "portal", 1.0, MONEY, "platform fee per self-service change"),
            ],
            effort=5.0,
        ),
        Interaction(
            "self-installation",
            customer=SMALL,
            level=CoCreationLevel.PRODUCTION,
            sphere=Sphere.CUSTOMER,
            offering="business-internet",
            contributions=[
                Contribution(SMALL, TIME, 1.0, "installs the router without a technician")
            ],
            transfers=[Transfer(SMALL, TELECOM, 80.0, VALUE, "technician visit saved")],
            effort=20.0,
        ),
        # SUPPORT: a user group hosted by the community partner; customers help customers.
        Interaction(
            "user-group-meeting",
            customer=SMALL,
            counterpart="user-community",
            level=CoCreationLevel.SUPPORT,
            job="feel-safe",
            achievement=[Achievement("worry", 0.4)],
            contributions=[
                Contribution(SMALL, TIME, 4.0, "two evenings a year at the user group"),
                Contribution("user-community", KNOWLEDGE, 1.0, "moderators answer questions"),
            ],
            transfers=[
                Transfer(TELECOM, "user-community", 20.0, MONEY, "hosting fee per member and year")
            ],
            dart=DART(dialogue=0.8, access=0.9, risk_benefits=0.6, transparency=0.7),
        ),
        Interaction(
            "user-group-help",
            customer=LOGISTICS,
            counterpart=SMALL,
            level=CoCreationLevel.SUPPORT,
            occurrences=10.0,
            contributions=[
                Contribution(LOGISTICS, TIME, 1.5, "answers VPN questions in the user group"),
                Contribution(LOGISTICS, KNOWLEDGE, 1.0, "experience with branch networks"),
            ],
            transfers=[
                Transfer(LOGISTICS, SMALL, 150.0, VALUE, "help with a VPN setup"),
                Transfer(LOGISTICS, TELECOM, 60.0, VALUE, "support call saved"),
            ],
        ),
        # A customer with a topic.
        Interaction(
            "green-it-report",
            customer=LOGISTICS,
            counterpart="sustainable-it",
            sphere=Sphere.CUSTOMER,
            mode=Mode.INDIRECT,
            job="green-logistics",
            achievement=[Achievement("co2-footprint", 0.3)],
            contributions=[Contribution(LOGISTICS, TIME, 3.0, "reads the sustainability report")],
        ),
    ]
    return Ecosystem(
        name="Co-selling at Alpine Telecom",
        actors=[organisation, *partners, *customers],
        offerings=offerings,
        jobs=jobs,
        topics=topics,
        interactions=interactions,
    )


def shipped_text(name: str) -> str:
    folder = resources.files("cocreation.io").joinpath("examples")
    return folder.joinpath(f"{name}.json").read_text(encoding="utf-8")


def example_file() -> Path:
    import cocreation.io

    return Path(cocreation.io.__file__).parent / "examples" / "co-selling.json"


def test_the_example_names_list_the_shipped_files() -> None:
    # co-selling is built here; the others are the ecosystems of the scripts in examples/
    # (tests/test_examples.py checks that each file equals what its script builds).
    assert example_names() == (
        "co-selling",
        "open-innovation",
        "outcome-based-contract",
        "referral-programme",
        "self-service-kiosks",
        "user-community",
    )


@pytest.mark.parametrize("name", example_names())
def test_every_example_is_described_and_loads(name: str) -> None:
    from cocreation.io import example_description

    assert len(example_description(name)) > 80
    assert example_ecosystem(name).customers


def test_an_unknown_example_name_suggests_the_closest() -> None:
    with pytest.raises(ValidationError) as caught:
        example_ecosystem("user-comunity")
    assert caught.value.suggestion == "user-community"


def test_the_shipped_example_equals_the_built_one() -> None:
    assert example_ecosystem("co-selling") == build_co_selling()


def test_the_shipped_file_is_exactly_what_dumps_writes() -> None:
    assert shipped_text("co-selling") == dumps(build_co_selling()) + "\n"


def test_the_default_example_is_co_selling() -> None:
    assert example_ecosystem() == example_ecosystem("co-selling")


def test_the_example_round_trips() -> None:
    eco = example_ecosystem()
    assert loads(dumps(eco)) == eco


def test_an_unknown_example_name_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="co-selling") as caught:
        example_ecosystem("../../etc/passwd")
    assert caught.value.value == "../../etc/passwd"
    assert "'co-selling'" in caught.value.expected


def test_the_example_covers_every_level_and_reference_point() -> None:
    eco = example_ecosystem()
    levels = {i.level for i in eco.interactions}
    assert set(CoCreationLevel) <= levels
    assert {i.reference_point for i in eco.interactions} == set(ReferencePoint)


def test_the_example_has_the_actors_the_articles_describe() -> None:
    eco = example_ecosystem()
    telecom = eco.organisation(TELECOM)
    assert telecom.name == "Alpine Telecom"
    assert telecom.discount_rate == pytest.approx(0.08)
    roles = {partner.id: partner.role for partner in eco.partners}
    assert roles == {
        "cloud": PartnerRole.COMPLEMENTOR,
        "user-community": PartnerRole.COMMUNITY,
        "portal": PartnerRole.PLATFORM,
    }
    assert eco.customer(SMALL).count == 400
    assert eco.customer(CLINICS).referred_by == LOGISTICS
    assert {o.pricing for o in eco.offerings} == set(PricingModel)
    assert any(share.partner == "cloud" for o in eco.offerings for share in o.partners)
    assert eco.topic("sustainable-it").name == "Sustainable IT"


def test_the_example_moves_money_and_value_both_ways() -> None:
    eco = example_ecosystem()
    transfers = [t for i in eco.interactions for t in i.transfers]
    kinds = {(t.kind, eco[t.source].__class__, eco[t.target].__class__) for t in transfers}
    assert (VALUE, Customer, Organisation) in kinds  # adopted idea, work and help
    assert (MONEY, Organisation, NetworkPartner) in kinds  # fees to partners
    assert (MONEY, Organisation, Customer) in kinds  # the referral bonus
    assert any(i.units > 0 for i in eco.interactions)  # purchases pay the price


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else example_file()
    target.write_text(dumps(build_co_selling()) + "\n", encoding="utf-8")
