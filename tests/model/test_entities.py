"""The entities: customers, organisations, partners, offerings, jobs, topics, interactions."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from cocreation.errors import ReferencePointError, UnknownFieldError, ValidationError
from cocreation.model import (
    DART,
    Achievement,
    CoCreationLevel,
    Contribution,
    Customer,
    CustomerKind,
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
)

# The smallest valid arguments of each entity; a test overrides one field at a time.
VALID: dict[type[Any], dict[str, Any]] = {
    Customer: {"id": "acme"},
    Organisation: {"id": "telco"},
    NetworkPartner: {"id": "cloud"},
    Offering: {"id": "connect", "provider": "telco"},
    JobToBeDone: {"id": "connect-sites", "owner": "acme"},
    Topic: {"id": "green-it"},
    Interaction: {
        "id": "workshop",
        "customer": "acme",
        "counterpart": "telco",
        "offering": "connect",
        "job": "connect-sites",
    },
}


def build(cls: type[Any], **overrides: Any) -> Any:
    return cls(**{**VALID[cls], **overrides})


def check_error(error: ValidationError, field: str, value: Any) -> None:
    """The error is the library's, names the field and the value, and is a ValueError."""
    assert isinstance(error, ValidationError)
    assert isinstance(error, ValueError)
    assert error.field == field
    assert error.value is value or error.value == value
    assert field in str(error)
    assert repr(value) in str(error)


def rejects(cls: type[Any], field: str, value: Any, *, named: str | None = None) -> None:
    with pytest.raises(ValidationError) as caught:
        build(cls, **{field: value})
    check_error(caught.value, named or f"{cls.__name__}.{field}", value)


def numeric_fields() -> list[tuple[type[Any], str]]:
    """Every float or int field of every entity."""
    return [
        (cls, field.name)
        for cls in VALID
        for field in attrs.fields(cls)
        if field.type in ("float", "int", float, int, "float | None", float | None)
    ]


def test_the_numeric_fields_the_brief_names_are_found() -> None:
    found = {(cls.__name__, name) for cls, name in numeric_fields()}
    assert {
        ("Customer", "count"),
        ("Customer", "value_of_time"),
        ("Customer", "retention"),
        ("Organisation", "discount_rate"),
        ("NetworkPartner", "variable_cost"),
        ("Offering", "price"),
        ("Offering", "unit_cost"),
        ("JobToBeDone", "value"),
        ("Interaction", "period"),
        ("Interaction", "occurrences"),
        ("Interaction", "personalisation"),
        ("Interaction", "risk_probability"),
        ("Interaction", "risk_loss"),
        ("Interaction", "psychic_cost"),
        ("Interaction", "effort"),
    } <= found


@pytest.mark.parametrize(("cls", "field"), numeric_fields())
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "1", None, True, [1.0]])
def test_every_numeric_field_rejects_non_finite_and_non_numbers(
    cls: type[Any], field: str, bad: Any
) -> None:
    if bad is None and (cls, field) in OPTIONAL:
        assert getattr(build(cls, **{field: None}), field) is None  # not modelled
        return
    rejects(cls, field, bad)


# Numbers a user may leave out, as not modelled.
OPTIONAL = {(Customer, "retention")}


@pytest.mark.parametrize(
    ("cls", "field", "bad", "good"),
    [
        (Customer, "value_of_time", -1.0, [0.0, 120.0]),
        (Customer, "retention", -0.01, [0.0, 0.85, 1.0]),
        (Customer, "retention", 1.01, [1.0]),
        (Organisation, "discount_rate", -0.08, [0.0, 0.08, 1.5]),
        (Organisation, "fixed_cost", -1.0, [0.0, 5e4]),
        (Organisation, "investment", -1.0, [0.0, 1e6]),
        (NetworkPartner, "fixed_cost", -1.0, [0.0]),
        (NetworkPartner, "variable_cost", -40.0, [0.0, 40.0]),
        (NetworkPartner, "opportunity_cost", -0.5, [0.0]),
        (NetworkPartner, "investment", -1.0, [0.0]),
        (Offering, "price", -1200.0, [0.0, 1200.0]),
        (Offering, "unit_cost", -0.01, [0.0, 450.0]),
        (JobToBeDone, "value", -5000.0, [0.0, 5000.0]),
        (Interaction, "occurrences", -1.0, [0.0, 0.5, 12.0]),
        (Interaction, "personalisation", -0.1, [0.0, 1.0]),
        (Interaction, "personalisation", 1.1, [1.0]),
        (Interaction, "risk_probability", -0.2, [0.0, 0.05, 1.0]),
        (Interaction, "risk_probability", 1.0001, [1.0]),
        (Interaction, "risk_loss", -100.0, [0.0, 100.0]),
        (Interaction, "effort", -1.0, [0.0]),
        (Interaction, "psychic_cost", -1.0, [0.0]),
        (Interaction, "period", -1, [0, 11]),
    ],
)
def test_bounds(cls: type[Any], field: str, bad: float, good: list[float]) -> None:
    rejects(cls, field, bad)
    for value in good:
        assert getattr(build(cls, **{field: value}), field) == value


@pytest.mark.parametrize("bad", [0, -1, -2500])
def test_a_segment_count_below_one_is_rejected(bad: int) -> None:
    rejects(Customer, "count", bad)


@pytest.mark.parametrize("bad", [True, False, 2.0, 1.0, 2.5, "3", None])
def test_a_segment_count_must_be_an_int(bad: Any) -> None:
    rejects(Customer, "count", bad)


@pytest.mark.parametrize("bad", [1.0, 0.5, True, "0"])
def test_a_period_must_be_an_int(bad: Any) -> None:
    rejects(Interaction, "period", bad)


ID_FIELDS = [
    (Customer, "id"),
    (Organisation, "id"),
    (NetworkPartner, "id"),
    (Offering, "id"),
    (Offering, "provider"),
    (JobToBeDone, "id"),
    (JobToBeDone, "owner"),
    (Topic, "id"),
    (Interaction, "id"),
    (Interaction, "customer"),
]
OPTIONAL_ID_FIELDS = [
    (Customer, "referred_by"),
    (Interaction, "counterpart"),
    (Interaction, "offering"),
    (Interaction, "job"),
]
BAD_IDS: list[Any] = ["", "   ", " acme", "acme ", "\tacme", "acme\n", 42, b"acme", ["acme"]]


@pytest.mark.parametrize(("cls", "field"), ID_FIELDS + OPTIONAL_ID_FIELDS)
@pytest.mark.parametrize("bad", BAD_IDS)
def test_id_fields_reject_empty_padded_and_non_string_ids(
    cls: type[Any], field: str, bad: Any
) -> None:
    rejects(cls, field, bad)


@pytest.mark.parametrize(("cls", "field"), ID_FIELDS)
def test_required_id_fields_reject_none(cls: type[Any], field: str) -> None:
    rejects(cls, field, None)


@pytest.mark.parametrize(("cls", "field"), OPTIONAL_ID_FIELDS)
def test_optional_id_fields_accept_none(cls: type[Any], field: str) -> None:
    assert getattr(build(cls, **{field: None}), field) is None


@pytest.mark.parametrize(
    ("cls", "field"),
    [
        (Customer, "name"),
        (Organisation, "name"),
        (NetworkPartner, "name"),
        (Offering, "name"),
        (JobToBeDone, "statement"),
        (Topic, "name"),
        (Topic, "description"),
    ],
)
@pytest.mark.parametrize("bad", [None, 7, ["ACME"]])
def test_text_fields_reject_non_strings(cls: type[Any], field: str, bad: Any) -> None:
    rejects(cls, field, bad)


@pytest.mark.parametrize(
    ("cls", "field", "text", "member"),
    [
        (Customer, "kind", "business", CustomerKind.BUSINESS),
        (NetworkPartner, "role", "platform", PartnerRole.PLATFORM),
        (Offering, "pricing", "subscription", PricingModel.SUBSCRIPTION),
        (JobToBeDone, "kind", "social", JobKind.SOCIAL),
        (JobToBeDone, "step", "execute", JobStep.EXECUTE),
        (Interaction, "level", "referral", CoCreationLevel.REFERRAL),
        (Interaction, "sphere", "joint", Sphere.JOINT),
        (Interaction, "mode", "indirect", Mode.INDIRECT),
    ],
)
def test_enum_fields_accept_the_string_value_of_a_member(
    cls: type[Any], field: str, text: str, member: Any
) -> None:
    assert getattr(build(cls, **{field: text}), field) is member


def test_a_reference_point_given_as_its_string_is_the_member() -> None:
    interaction = Interaction("i", customer="a", counterpart="t", reference_point="organisation")
    assert interaction.reference_point is ReferencePoint.ORGANISATION


@pytest.mark.parametrize(
    ("cls", "field", "bad"),
    [
        (Customer, "kind", "Business AG"),
        (Customer, "kind", PartnerRole.SUPPLIER),
        (NetworkPartner, "role", CustomerKind.BUSINESS),
        (Offering, "pricing", None),
        (JobToBeDone, "step", 4),
        (Interaction, "level", ReferencePoint.ORGANISATION),
        (Interaction, "mode", Sphere.JOINT),
        (Interaction, "reference_point", "nowhere"),
    ],
)
def test_enum_fields_reject_other_strings_and_other_enums(
    cls: type[Any], field: str, bad: Any
) -> None:
    rejects(cls, field, bad)


@pytest.mark.parametrize(
    ("cls", "field", "typo", "kind", "suggested"),
    [
        (Interaction, "level", "suport", CoCreationLevel, "support"),
        (Interaction, "level", "SUPPORT", CoCreationLevel, "support"),
        (Customer, "kind", "bussiness", CustomerKind, "business"),
        (Offering, "pricing", "outcome-based", PricingModel, "outcome_based"),
    ],
)
def test_a_mistyped_enum_value_is_named_with_the_valid_ones_and_the_closest(
    cls: type[Any], field: str, typo: str, kind: type[Any], suggested: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        build(cls, **{field: typo})
    check_error(caught.value, f"{cls.__name__}.{field}", typo)
    assert caught.value.suggestion == suggested
    assert f"did you mean {suggested!r}?" in str(caught.value)
    for member in kind:
        assert repr(member.value) in str(caught.value)


@pytest.mark.parametrize(
    ("cls", "field", "member"),
    [
        (Customer, "resources", Resource(ResourceKind.SKILLS)),
        (Customer, "relationships", Relationship("telco")),
        (NetworkPartner, "resources", Resource(ResourceKind.INFRASTRUCTURE)),
        (Offering, "modules", Module("base")),
        (Offering, "partners", RevenueShare("cloud", 0.2)),
        (Offering, "proposition", Achievement("uptime", 0.9)),
        (JobToBeDone, "outcomes", Outcome("uptime", 9.0, 6.0)),
        (Interaction, "achievement", Achievement("uptime", 0.8)),
        (Interaction, "contributions", Contribution("acme", ResourceKind.TIME, 6.0)),
        (Interaction, "transfers", Transfer("acme", "telco", 1200.0)),
    ],
)
def test_tuple_fields_take_lists_and_reject_bare_members_and_wrong_members(
    cls: type[Any], field: str, member: Any
) -> None:
    members = [member]
    built = build(cls, **{field: members})
    assert getattr(built, field) == (member,)
    members.append(member)  # the caller's list is copied, not shared
    assert getattr(built, field) == (member,)
    rejects(cls, field, member)
    with pytest.raises(ValidationError) as caught:
        build(cls, **{field: [member, "not-a-member"]})
    check_error(caught.value, f"{cls.__name__}.{field}[1]", "not-a-member")


@pytest.mark.parametrize(
    ("cls", "field", "members", "named", "value"),
    [
        (
            JobToBeDone,
            "outcomes",
            [Outcome("uptime", 9.0, 6.0), Outcome("uptime", 5.0, 5.0)],
            "JobToBeDone.outcomes[1].id",
            "uptime",
        ),
        (
            Offering,
            "modules",
            [Module("base"), Module("security"), Module("base", price=1.0)],
            "Offering.modules[2].id",
            "base",
        ),
        (
            Offering,
            "partners",
            [RevenueShare("cloud", 0.1), RevenueShare("cloud", 0.2)],
            "Offering.partners[1].partner",
            "cloud",
        ),
        (
            Offering,
            "proposition",
            [Achievement("uptime", 0.9), Achievement("uptime", 0.5)],
            "Offering.proposition[1].outcome",
            "uptime",
        ),
        (
            Organisation,
            "partners",
            ["cloud", "security", "cloud"],
            "Organisation.partners[2]",
            "cloud",
        ),
        (
            Customer,
            "relationships",
            [Relationship("telco"), Relationship("telco", DART(dialogue=0.9))],
            "Customer.relationships[1].counterpart",
            "telco",
        ),
        (
            Interaction,
            "achievement",
            [Achievement("uptime", 0.8), Achievement("uptime", 0.2)],
            "Interaction.achievement[1].outcome",
            "uptime",
        ),
        (Interaction, "modules", ["base", "base"], "Interaction.modules[1]", "base"),
    ],
)
def test_duplicate_ids_inside_one_entity_are_rejected(
    cls: type[Any], field: str, members: list[Any], named: str, value: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        build(cls, **{field: members})
    check_error(caught.value, named, value)


@pytest.mark.parametrize("bad", ["cloud", ["cloud", ""], ["cloud", " security"], [3]])
def test_organisation_partner_ids_are_checked(bad: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        Organisation("telco", partners=bad)
    assert caught.value.field.startswith("Organisation.partners")


def test_revenue_shares_above_one_are_rejected() -> None:
    shares = [RevenueShare("cloud", 0.6), RevenueShare("security", 0.5)]
    with pytest.raises(ValidationError) as caught:
        Offering("connect", provider="telco", partners=shares)
    check_error(caught.value, "Offering.partners", 0.6 + 0.5)
    assert caught.value.value == pytest.approx(1.1)


def test_revenue_shares_just_above_one_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Offering(
            "connect",
            provider="telco",
            partners=[RevenueShare("cloud", 1.0), RevenueShare("security", 1e-9)],
        )


@pytest.mark.parametrize(
    "shares",
    [[1.0], [0.5, 0.3, 0.2], [0.7, 0.2, 0.1], [0.0, 0.0], []],
)
def test_revenue_shares_up_to_one_are_accepted(shares: list[float]) -> None:
    partners = [RevenueShare(f"partner-{n}", share) for n, share in enumerate(shares)]
    offering = Offering("connect", provider="telco", partners=partners)
    assert [share.share for share in offering.partners] == shares


def test_a_customer_cannot_refer_itself() -> None:
    rejects(Customer, "referred_by", "acme")


def test_customer_defaults_and_a_segment() -> None:
    acme = Customer("acme")
    assert (acme.count, acme.kind, acme.referred_by) == (1, CustomerKind.INDIVIDUAL, None)
    assert (acme.resources, acme.relationships) == ((), ())
    students = Customer("students", count=2500, value_of_time=15.0)
    assert students.count == 2500


def test_an_interaction_with_oneself_has_no_counterpart() -> None:
    with pytest.raises(ValidationError) as caught:
        Interaction("diy", customer="acme", counterpart="acme")
    check_error(caught.value, "Interaction.counterpart", "acme")


def test_without_a_counterpart_the_reference_point_is_self() -> None:
    diy = Interaction("kiosk-use", customer="walk-ins", level=CoCreationLevel.PRODUCTION)
    assert diy.reference_point is ReferencePoint.SELF
    stated = Interaction("kiosk-use", customer="walk-ins", reference_point=ReferencePoint.SELF)
    assert stated.reference_point is ReferencePoint.SELF


def test_with_a_counterpart_the_reference_point_waits_for_the_ecosystem() -> None:
    assert build(Interaction).reference_point is None


@pytest.mark.parametrize(
    "point", [point for point in ReferencePoint if point is not ReferencePoint.SELF]
)
def test_a_point_other_than_self_needs_a_counterpart(point: ReferencePoint) -> None:
    with pytest.raises(ReferencePointError) as caught:
        Interaction("diy", customer="acme", reference_point=point)
    check_error(caught.value, "Interaction.reference_point", point)


def test_self_contradicts_a_counterpart() -> None:
    with pytest.raises(ReferencePointError) as caught:
        build(Interaction, reference_point=ReferencePoint.SELF)
    check_error(caught.value, "Interaction.reference_point", ReferencePoint.SELF)


def test_achievement_without_a_job_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        build(Interaction, job=None, achievement=[Achievement("uptime", 0.8)])
    check_error(caught.value, "Interaction.job", None)


@pytest.mark.parametrize("fields", [{"units": 2.0}, {"modules": ["base"]}])
def test_units_or_modules_without_an_offering_are_rejected(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        build(Interaction, offering=None, **fields)
    check_error(caught.value, "Interaction.offering", None)


def test_interaction_defaults() -> None:
    plain = Interaction("call", customer="acme", counterpart="telco")
    assert plain.level is None
    assert (plain.sphere, plain.mode, plain.period) == (Sphere.JOINT, Mode.DIRECT, 0)
    assert plain.occurrences == 1.0
    assert plain.dart is None


def test_job_outcome_lookup() -> None:
    job = JobToBeDone(
        "connect-sites",
        owner="acme",
        kind=JobKind.FUNCTIONAL,
        step=JobStep.EXECUTE,
        value=5000.0,
        outcomes=[Outcome("uptime", 9.0, 6.0), Outcome("setup-time", 8.0, 3.0)],
    )
    assert job.outcome("setup-time") == Outcome("setup-time", 8.0, 3.0)
    assert job.outcome("latency") is None


def test_an_offering_with_modules_and_partners() -> None:
    # Seed 000: a telecom provider's modular offering, defined with the customer's
    # management in a co-selling workshop.
    offering = Offering(
        "connect",
        provider="telco",
        price=1200.0,
        pricing=PricingModel.SUBSCRIPTION,
        modules=[Module("base", 800.0, 300.0), Module("managed-security", 400.0, 150.0)],
        partners=[RevenueShare("cloud", 0.2)],
        proposition=[Achievement("uptime", 0.9)],
    )
    assert [module.id for module in offering.modules] == ["base", "managed-security"]
    assert offering.pricing is PricingModel.SUBSCRIPTION


@pytest.mark.parametrize("cls", list(VALID))
def test_entities_are_frozen_hashable_and_compared_by_value(cls: type[Any]) -> None:
    entity = build(cls)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        entity.id = "other"
    assert entity == build(cls)
    assert hash(entity) == hash(build(cls))
    assert entity != build(cls, id="other")


def test_evolve_validates_again() -> None:
    acme = Customer("acme", retention=0.8)
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(acme, retention=1.2)
    check_error(caught.value, "Customer.retention", 1.2)
    assert acme.retention == 0.8


def construct(cls: type[Any], *args: Any, **kwargs: Any) -> Any:
    """Build with keywords a type checker does not check, as a user's typo is."""
    return cls(*args, **kwargs)


@pytest.mark.parametrize(
    ("make", "field", "meant"),
    [
        (lambda: construct(Customer, "acme", retension=0.9), "Customer.retension", "retention"),
        (
            lambda: construct(Interaction, "i", customer="c", ocurrences=2),
            "Interaction.ocurrences",
            "occurrences",
        ),
        (lambda: construct(Outcome, "fast", importanse=8.0), "Outcome.importanse", "importance"),
    ],
)
def test_a_mistyped_keyword_names_the_field_it_likely_meant(
    make: Callable[[], object], field: str, meant: str
) -> None:
    with pytest.raises(UnknownFieldError) as caught:
        make()
    assert caught.value.field == field
    assert caught.value.suggestion == meant
    assert isinstance(caught.value, TypeError)  # as Python's own error for the keyword is
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__
