"""The JSON exchange format: exact round trips, and a FormatError with a path for every bad input."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cocreation import (
    DART,
    Achievement,
    CoCreationLevel,
    Contribution,
    CustomerKind,
    DuplicateIdError,
    Ecosystem,
    FormatError,
    Module,
    Outcome,
    PartnerRole,
    PricingModel,
    ReferencePoint,
    ReferencePointError,
    Resource,
    ResourceKind,
    RevenueShare,
    SchemaVersionError,
    Transfer,
    TransferKind,
    UnknownIdError,
    ValidationError,
)
from cocreation.io import (
    FORMAT,
    FORMAT_VERSION,
    dumps,
    example_ecosystem,
    from_dict,
    load,
    loads,
    save,
    to_dict,
)

Document = dict[str, Any]


def small_ecosystem() -> Ecosystem:
    """Every kind of entity and value object, with references between them."""
    return (
        Ecosystem(name="Small")
        .add_partner("cloud", role=PartnerRole.COMPLEMENTOR, variable_cost=40.0)
        .add_organisation("telco", name="Telco", discount_rate=0.08, partners=["cloud"])
        .add_customer("acme", kind=CustomerKind.BUSINESS, value_of_time=120.0, retention=0.9)
        .add_customer("smes", count=40, referred_by="acme", incrementality=0.5)
        .add_topic("green-it", name="Green IT")
        .add_job("connect", owner="acme", value=5000.0, outcomes=[Outcome("uptime", 9.0, 6.0)])
        .add_offering(
            "link",
            provider="telco",
            price=1200.0,
            pricing=PricingModel.SUBSCRIPTION,
            modules=[Module("backup", price=100.0, cost=40.0)],
            partners=[RevenueShare("cloud", 0.2)],
            proposition=[Achievement("uptime", 0.8)],
        )
        .add_interaction(
            "use",
            customer="acme",
            counterpart="telco",
            offering="link",
            units=1.0,
            modules=["backup"],
            job="connect",
            achievement=[Achievement("uptime", 0.7)],
            contributions=[Contribution("acme", ResourceKind.TIME, 2.0)],
            transfers=[Transfer("acme", "telco", 10.0, TransferKind.VALUE, "idea")],
            risk_probability=0.1,
            risk_loss=500.0,
            dart=DART(0.5, 0.5, 0.5, 0.5),
        )
        .add_interaction("help", customer="acme", counterpart="smes", level=CoCreationLevel.SUPPORT)
        .add_interaction("think", customer="smes", counterpart="green-it")
        .add_interaction("alone", customer="smes")
    )


def document() -> Document:
    return to_dict(small_ecosystem())


def position(data: Document, collection: str, entity_id: str) -> int:
    entities: list[dict[str, Any]] = data[collection]
    return next(index for index, entity in enumerate(entities) if entity["id"] == entity_id)


def load_broken(change: Callable[[Document], object]) -> FormatError:
    data = document()
    change(data)
    with pytest.raises(FormatError) as caught:
        loads(json.dumps(data))
    return caught.value


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize(
    "ecosystem",
    [
        Ecosystem(),
        Ecosystem(name="Zürich 🚀 \u00a0"),
        small_ecosystem(),
        example_ecosystem(),
        Ecosystem().add_customer("a", value_of_time=0.1 + 0.2, retention=1e-300),
        Ecosystem().add_customer("a", value_of_time=2**53 + 1),  # an int in a float field
        Ecosystem().add_customer("a", value_of_time=-0.0),
        Ecosystem().add_customer(
            "a", resources=[Resource(ResourceKind.MONEY, 1.7976931348623157e308)]
        ),
        Ecosystem().add_customer("a", name='quote " backslash \\ newline \n tab \t'),
    ],
    ids=[
        "empty",
        "unicode-name",
        "small",
        "example",
        "float-digits",
        "big-int",
        "minus-zero",
        "max-float",
        "escapes",
    ],
)
def test_loads_dumps_round_trips_exactly(ecosystem: Ecosystem) -> None:
    assert loads(dumps(ecosystem)) == ecosystem
    assert loads(dumps(ecosystem, indent=None)) == ecosystem
    assert from_dict(to_dict(ecosystem)) == ecosystem


def test_an_int_in_a_float_field_stays_an_int_with_every_digit() -> None:
    eco = Ecosystem().add_customer("a", value_of_time=2**53 + 1)
    loaded = loads(dumps(eco)).customer("a").value_of_time
    assert loaded == 2**53 + 1
    assert type(loaded) is int


def test_a_json_integer_in_a_float_field_equals_the_float() -> None:
    data = to_dict(Ecosystem().add_customer("a", value_of_time=100.0))
    data["actors"][0]["value_of_time"] = 100
    assert from_dict(data) == Ecosystem().add_customer("a", value_of_time=100.0)


def test_a_whole_number_with_a_decimal_point_is_an_integer_as_json_schema_says() -> None:
    # JSON has one kind of number, and JSON Schema's "integer" takes 40.0: so does loads.
    import jsonschema

    from cocreation.io import json_schema

    data = document()
    data["actors"][3]["count"] = 40.0
    jsonschema.validate(data, json_schema())
    loaded = from_dict(data)
    assert loaded == from_dict(document())
    assert type(loaded.customer(data["actors"][3]["id"]).count) is int
    data["actors"][3]["count"] = 40.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
    with pytest.raises(FormatError, match=r"actors\[3\]\.count: expected an integer, got 40\.5"):
        from_dict(data)


def test_the_reference_point_is_written_as_derived() -> None:
    data = document()
    points = {i["id"]: i["reference_point"] for i in data["interactions"]}
    assert points == {
        "use": "organisation",
        "help": "other_customers",
        "think": "topic",
        "alone": "self",
    }


def test_a_document_without_reference_points_loads_them_derived() -> None:
    data = document()
    for interaction in data["interactions"]:
        interaction["reference_point"] = None
    assert from_dict(data) == small_ecosystem()


def test_dumps_writes_the_document_shape() -> None:
    data = json.loads(dumps(small_ecosystem()))
    assert list(data) == [
        "format",
        "version",
        "name",
        "actors",
        "offerings",
        "jobs",
        "topics",
        "interactions",
    ]
    assert (
        (data["format"], data["version"]) == (FORMAT, FORMAT_VERSION) == ("cocreation.ecosystem", 1)
    )
    assert [actor["kind"] for actor in data["actors"]] == [
        "partner",
        "organisation",
        "customer",
        "customer",
    ]
    assert all(next(iter(actor)) == "kind" for actor in data["actors"])
    acme = data["actors"][position(data, "actors", "acme")]
    assert acme["customer_kind"] == "business"
    assert data == to_dict(small_ecosystem())


def test_to_dict_holds_only_plain_json_values() -> None:
    def plain(value: Any) -> bool:
        if isinstance(value, dict):
            return all(type(key) is str and plain(member) for key, member in value.items())
        if isinstance(value, list):
            return all(plain(member) for member in value)
        return value is None or type(value) in (str, int, float, bool)

    assert plain(to_dict(example_ecosystem()))


def test_dumps_is_compact_without_indent() -> None:
    assert "\n" not in dumps(small_ecosystem(), indent=None)


def test_loads_accepts_utf8_bytes_with_or_without_a_bom() -> None:
    eco = Ecosystem(name="Grönroos")
    text = dumps(eco)
    assert loads(text.encode("utf-8")) == eco
    assert loads(b"\xef\xbb\xbf" + text.encode("utf-8")) == eco


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "eco.json"
    save(example_ecosystem(), path)
    assert load(path) == example_ecosystem()
    assert load(str(path)) == example_ecosystem()
    assert path.read_text(encoding="utf-8").endswith("}\n")


def test_save_and_load_keep_a_lone_surrogate(tmp_path: Path) -> None:
    eco = Ecosystem(name="broken \ud800 text")
    save(eco, tmp_path / "eco.json")
    assert load(tmp_path / "eco.json") == eco


def test_load_of_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "missing.json")


def test_keys_with_defaults_may_be_left_out() -> None:
    text = '{"format": "cocreation.ecosystem", "version": 1, "actors": [{"kind": "customer", "id": "acme"}]}'
    assert loads(text) == Ecosystem().add_customer("acme")


# ---------------------------------------------------------------- values the model rejects


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (
            lambda d: d["actors"][3].__setitem__("count", -3),
            "$.actors[3].count",
            ["Customer.count", "-3", "integer >= 1"],
        ),
        (
            lambda d: d["jobs"][0]["outcomes"][0].__setitem__("importance", 12),
            "$.jobs[0].outcomes[0].importance",
            ["Outcome.importance", "12", "[0, 10]"],
        ),
        (
            lambda d: d["interactions"][0].__setitem__("risk_probability", 1.5),
            "$.interactions[0].risk_probability",
            ["Interaction.risk_probability", "1.5", "[0, 1]"],
        ),
        (
            lambda d: d["actors"][2].__setitem__("id", ""),
            "$.actors[2].id",
            ["Customer.id", "''", "non-empty"],
        ),
        (
            lambda d: d["actors"][2].__setitem__("id", " acme"),
            "$.actors[2].id",
            ["Customer.id", "' acme'", "whitespace"],
        ),
        (
            lambda d: d["interactions"][0]["transfers"][0].__setitem__("target", "acme"),
            "$.interactions[0].transfers[0].target",
            ["Transfer.target", "'acme'", "other than the source"],
        ),
        (
            lambda d: d["offerings"][0]["partners"][0].__setitem__("share", 1.2),
            "$.offerings[0].partners[0].share",
            ["RevenueShare.share", "1.2"],
        ),
        (
            lambda d: d["actors"][1].__setitem__("partners", ["cloud", "cloud"]),
            "$.actors[1].partners[1]",
            ["Organisation.partners[1]", "'cloud'", "not repeated"],
        ),
        (
            lambda d: d["interactions"][0]["dart"].__setitem__("dialogue", 2.0),
            "$.interactions[0].dart.dialogue",
            ["DART.dialogue", "2.0", "[0, 1]"],
        ),
        (
            lambda d: d["actors"][2].__setitem__("customer_kind", "robot"),
            "$.actors[2].customer_kind",
            ["'robot'", "'individual', 'business'"],
        ),
        (
            lambda d: d["interactions"][1].__setitem__("level", "selling"),
            "$.interactions[1].level",
            ["'selling'", "'design'", "'referral'", "or null"],
        ),
    ],
    ids=[
        "negative-count",
        "importance-12",
        "probability-1.5",
        "empty-id",
        "padded-id",
        "transfer-to-self",
        "share-1.2",
        "repeated-partner",
        "dart-2",
        "unknown-customer-kind",
        "unknown-level",
    ],
)
def test_a_value_the_model_rejects_is_a_format_error_at_its_path(
    change: Callable[[Document], object], path: str, words: list[str]
) -> None:
    error = load_broken(change)
    assert error.path == path
    for word in words:
        assert word in str(error)
    assert str(error).startswith(path + ": ")


def test_a_model_error_is_kept_on_the_format_error_without_chaining() -> None:
    error = load_broken(lambda d: d["actors"][3].__setitem__("count", -3))
    assert isinstance(error.cause, ValidationError)
    assert error.cause.field == "Customer.count"
    assert error.cause.value == -3
    assert error.__cause__ is None
    assert error.__suppress_context__


def test_a_type_error_shows_no_exception_group_of_cattrs() -> None:
    error = load_broken(lambda d: d["actors"][3].__setitem__("count", "3"))
    assert error.cause is None
    assert error.__cause__ is None
    assert error.__suppress_context__
    assert error.problems == (("$.actors[3].count", "expected an integer, got '3'"),)


def test_a_traceback_of_a_bad_document_shows_the_library_error_alone() -> None:
    import traceback

    error = load_broken(lambda d: d["actors"][3].__setitem__("retension", 0.5))
    text = "".join(traceback.format_exception(error))
    assert "ExceptionGroup" not in text
    assert "cattrs" not in text
    assert "direct cause" not in text
    assert "During handling" not in text
    assert text.count("Error:") == 1


def test_every_problem_of_the_structure_is_listed_on_the_error() -> None:
    def change(data: Document) -> None:
        data["actors"][3]["count"] = "3"
        data["actors"][2]["retension"] = 0.5
        data["interactions"][0]["level"] = "suport"

    error = load_broken(change)
    paths = [path for path, _ in error.problems]
    assert paths == ["$.actors[2].retension", "$.actors[3].count", "$.interactions[0].level"]
    assert "did you mean 'retention'?" in error.problems[0][1]
    assert "did you mean 'support'?" in error.problems[2][1]


# ---------------------------------------------------------------- wrong JSON types


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (
            lambda d: d["actors"][3].__setitem__("count", "3"),
            "$.actors[3].count",
            ["an integer", "'3'"],
        ),
        (
            lambda d: d["actors"][3].__setitem__("count", 2.5),
            "$.actors[3].count",
            ["an integer", "2.5"],
        ),
        (
            lambda d: d["actors"][3].__setitem__("count", True),
            "$.actors[3].count",
            ["an integer", "true"],
        ),
        (
            lambda d: d["actors"][2].__setitem__("retention", "0.9"),
            "$.actors[2].retention",
            ["a number", "'0.9'"],
        ),
        (
            lambda d: d["actors"][2].__setitem__("retention", True),
            "$.actors[2].retention",
            ["a number", "true"],
        ),
        (lambda d: d.__setitem__("name", 5), "$.name", ["a string", "5"]),
        (lambda d: d.__setitem__("actors", {"acme": {}}), "$.actors", ["an array", "an object"]),
        (lambda d: d.__setitem__("jobs", "connect"), "$.jobs", ["an array", "'connect'"]),
        (lambda d: d["actors"].__setitem__(0, "cloud"), "$.actors[0]", ["an object", "'cloud'"]),
        (
            lambda d: d["interactions"].__setitem__(0, []),
            "$.interactions[0]",
            ["an object", "an array"],
        ),
        (
            lambda d: d["interactions"][0].__setitem__("dart", 0.5),
            "$.interactions[0].dart",
            ["DART", "or null", "0.5"],
        ),
        (
            lambda d: d["interactions"][0].__setitem__("counterpart", 7),
            "$.interactions[0].counterpart",
            ["a string or null", "7"],
        ),
        (
            lambda d: d["actors"][1].__setitem__("partners", "cloud"),
            "$.actors[1].partners",
            ["an array", "'cloud'"],
        ),
        (
            lambda d: d["actors"][1].__setitem__("partners", [1]),
            "$.actors[1].partners[0]",
            ["a string", "1"],
        ),
    ],
    ids=[
        "count-string",
        "count-float",
        "count-bool",
        "retention-string",
        "retention-bool",
        "name-number",
        "actors-object",
        "jobs-string",
        "actor-string",
        "interaction-array",
        "dart-number",
        "counterpart-number",
        "partners-string",
        "partner-number",
    ],
)
def test_a_value_of_the_wrong_json_type_is_a_format_error_at_its_path(
    change: Callable[[Document], object], path: str, words: list[str]
) -> None:
    error = load_broken(change)
    assert error.path == path
    for word in words:
        assert word in error.reason


# ---------------------------------------------------------------- keys and kinds


def test_an_unknown_key_is_a_format_error_at_that_key() -> None:
    error = load_broken(lambda d: d["actors"][2].__setitem__("colour", "red"))
    assert error.path == "$.actors[2].colour"
    assert "unknown key 'colour'" in error.reason
    assert "customer_kind" in error.reason  # it lists the keys it expects


def test_an_unknown_top_level_key_is_a_format_error() -> None:
    error = load_broken(lambda d: d.__setitem__("comment", "hi"))
    assert error.path == "$.comment"
    assert "format, version, name, actors" in error.reason


def test_an_unknown_key_with_an_odd_name_gets_a_bracketed_path() -> None:
    error = load_broken(lambda d: d["topics"][0].__setitem__("my key", 1))
    assert error.path == "$.topics[0]['my key']"


def test_a_missing_required_key_is_a_format_error_at_that_key() -> None:
    error = load_broken(lambda d: d["offerings"][0].pop("provider"))
    assert error.path == "$.offerings[0].provider"
    assert "missing required key 'provider'" in error.reason


def test_a_wrong_kind_tag_is_a_format_error_at_the_tag() -> None:
    error = load_broken(lambda d: d["actors"][0].__setitem__("kind", "robot"))
    assert error.path == "$.actors[0].kind"
    assert "'robot'" in error.reason
    assert "'customer', 'organisation', 'partner'" in error.reason


def test_a_missing_kind_tag_is_a_format_error_at_the_tag() -> None:
    error = load_broken(lambda d: d["actors"][0].pop("kind"))
    assert error.path == "$.actors[0].kind"
    assert "missing required key 'kind'" in error.reason


def test_a_kind_tag_that_does_not_fit_the_fields_is_a_format_error() -> None:
    # A partner's fields under the customer tag: "role" is not a key of a customer.
    error = load_broken(lambda d: d["actors"][0].__setitem__("kind", "customer"))
    assert error.path.startswith("$.actors[0].")
    assert "'role'" in error.reason
    assert "in Customer" in error.reason


def test_a_customer_kind_under_the_key_kind_is_not_taken_for_the_tag() -> None:
    error = load_broken(lambda d: d["actors"][2].__setitem__("kind", "business"))
    assert error.path == "$.actors[2].kind"
    assert "'business'" in error.reason


def test_several_problems_are_all_named() -> None:
    def change(data: Document) -> None:
        data["actors"][2]["count"] = 0
        data["actors"][3]["count"] = -1
        data["jobs"][0]["outcomes"][0]["importance"] = 11

    error = load_broken(change)
    assert error.path == "$.actors[2].count"
    assert "2 more problems" in error.reason
    assert "$.actors[3].count" in error.reason
    assert "$.jobs[0].outcomes[0].importance" in error.reason


# ---------------------------------------------------------------- references the ecosystem checks


def test_an_unknown_reference_is_a_format_error_kept_with_the_ecosystem_error() -> None:
    error = load_broken(lambda d: d["interactions"][0].__setitem__("counterpart", "nobody"))
    assert error.path == "$.interactions[0].counterpart"
    assert "'nobody'" in error.reason
    assert isinstance(error.cause, UnknownIdError)
    assert error.__cause__ is None


def test_a_duplicate_id_is_a_format_error_kept_with_the_ecosystem_error() -> None:
    def change(data: Document) -> None:
        data["actors"][3]["id"] = "acme"
        data["actors"][3]["referred_by"] = None

    error = load_broken(change)
    assert error.path == "$.actors[3].id"
    assert "'acme'" in error.reason
    assert isinstance(error.cause, DuplicateIdError)


def test_a_duplicate_id_across_collections_is_found_too() -> None:
    error = load_broken(lambda d: d["topics"][0].__setitem__("id", "acme"))
    assert error.path == "$.topics[0].id"


def test_a_contradictory_reference_point_is_a_format_error_kept_with_the_ecosystem_error() -> None:
    error = load_broken(lambda d: d["interactions"][0].__setitem__("reference_point", "topic"))
    assert error.path == "$.interactions[0].reference_point"
    assert "ORGANISATION" in error.reason
    assert isinstance(error.cause, ReferencePointError)


def test_a_reference_point_for_an_interaction_with_oneself_is_checked_by_the_model() -> None:
    index = position(document(), "interactions", "alone")
    error = load_broken(
        lambda d: d["interactions"][index].__setitem__("reference_point", "network")
    )
    assert error.path == f"$.interactions[{index}].reference_point"
    assert isinstance(error.cause, ReferencePointError)


def test_a_referral_cycle_is_a_format_error_at_a_customer_in_it() -> None:
    error = load_broken(lambda d: d["actors"][2].__setitem__("referred_by", "smes"))
    assert error.path in {"$.actors[2].referred_by", "$.actors[3].referred_by"}
    assert "cycle" in error.reason


def test_a_reference_to_the_wrong_kind_of_entity_is_a_format_error() -> None:
    error = load_broken(lambda d: d["offerings"][0].__setitem__("provider", "acme"))
    assert error.path == "$.offerings[0].provider"
    assert "organisation" in error.reason


# ---------------------------------------------------------------- header


@pytest.mark.parametrize("version", [2, 0, -1, "1", 1.5, True, None, [1]])
def test_a_wrong_version_is_a_schema_version_error(version: object) -> None:
    error = load_broken(lambda d: d.__setitem__("version", version))
    assert isinstance(error, SchemaVersionError)
    assert error.path == "$.version"
    assert "expected format version 1" in error.reason


def test_a_missing_version_is_a_schema_version_error() -> None:
    error = load_broken(lambda d: d.pop("version"))
    assert isinstance(error, SchemaVersionError)
    assert error.path == "$.version"


def test_the_version_is_checked_before_anything_else_of_the_body() -> None:
    def change(data: Document) -> None:
        data["version"] = 2
        data["something_new"] = {"from": "the future"}

    error = load_broken(change)
    assert isinstance(error, SchemaVersionError)
    assert "newer release" in error.reason


@pytest.mark.parametrize("value", ["cocreation.ecosystems", "", 1, None])
def test_a_wrong_format_is_a_format_error(value: object) -> None:
    error = load_broken(lambda d: d.__setitem__("format", value))
    assert not isinstance(error, SchemaVersionError)
    assert error.path == "$.format"
    assert "'cocreation.ecosystem'" in error.reason


def test_a_missing_format_is_a_format_error() -> None:
    error = load_broken(lambda d: d.pop("format"))
    assert error.path == "$.format"
    assert "missing" in error.reason


@pytest.mark.parametrize("text", ["[]", "1", '"ecosystem"', "null", "true"])
def test_a_document_that_is_not_an_object_is_a_format_error(text: str) -> None:
    with pytest.raises(FormatError) as caught:
        loads(text)
    assert caught.value.path == "$"
    assert "expected an object" in caught.value.reason


def test_from_dict_rejects_what_is_not_a_mapping() -> None:
    with pytest.raises(FormatError, match=r"\$: expected an object"):
        from_dict([])  # type: ignore[arg-type]


# ---------------------------------------------------------------- JSON text


@pytest.mark.parametrize(
    ("token", "shown"),
    [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity"), ("1e999", "Infinity")],
)
def test_a_non_finite_number_is_a_format_error_at_its_path(token: str, shown: str) -> None:
    data = document()
    data["actors"][2]["value_of_time"] = 12345.5
    text = json.dumps(data).replace("12345.5", token)
    with pytest.raises(FormatError) as caught:
        loads(text)
    assert caught.value.path == "$.actors[2].value_of_time"
    assert f"expected a finite number, got {shown}" in caught.value.reason


def test_nan_in_an_integer_field_is_a_format_error() -> None:
    text = json.dumps(document()).replace('"count": 40', '"count": NaN')
    with pytest.raises(FormatError) as caught:
        loads(text)
    assert caught.value.path == "$.actors[3].count"
    assert "NaN" in caught.value.reason


def test_nan_as_the_version_is_a_schema_version_error() -> None:
    text = json.dumps(document()).replace('"version": 1', '"version": NaN')
    with pytest.raises(SchemaVersionError, match="got NaN"):
        loads(text)


def test_a_python_nan_in_a_dict_is_a_format_error() -> None:
    data = document()
    data["actors"][2]["retention"] = float("nan")
    with pytest.raises(FormatError, match="finite number or null, got NaN"):
        from_dict(data)


def test_a_truncated_file_is_a_format_error_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "eco.json"
    save(example_ecosystem(), path)
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    with pytest.raises(FormatError) as caught:
        load(path)
    assert caught.value.path == "$"
    assert "line " in caught.value.reason
    assert "column " in caught.value.reason
    assert "truncated" in caught.value.reason


def test_a_file_truncated_inside_a_string_is_a_format_error() -> None:
    text = dumps(small_ecosystem())
    cut = text.index('"Small"') + 3
    with pytest.raises(FormatError, match="truncated"):
        loads(text[:cut])


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("{'format': 'cocreation.ecosystem'}", 1, 2),
        ('{\n  "format": "cocreation.ecosystem",\n  "version": 1,,\n}', 3, 16),
        ('{"format": "cocreation.ecosystem"} trailing', 1, 36),
    ],
)
def test_malformed_json_is_a_format_error_with_line_and_column(
    text: str, line: int, column: int
) -> None:
    with pytest.raises(FormatError) as caught:
        loads(text)
    assert caught.value.path == "$"
    assert f"malformed JSON at line {line}, column {column}" in caught.value.reason


@pytest.mark.parametrize("text", ["", "   \n", b""])
def test_an_empty_text_is_a_format_error(text: str | bytes) -> None:
    with pytest.raises(FormatError, match="empty"):
        loads(text)


def test_bytes_that_are_not_utf8_are_a_format_error() -> None:
    with pytest.raises(FormatError, match="UTF-8"):
        loads(b'{"name": "\xff"}')


def test_a_repeated_key_is_a_format_error() -> None:
    text = '{"format": "cocreation.ecosystem", "version": 1, "name": "a", "name": "b"}'
    with pytest.raises(FormatError, match="duplicate key 'name'"):
        loads(text)


def test_deep_nesting_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="nests too deeply"):
        loads("[" * 100_000 + "]" * 100_000)


# ---------------------------------------------------------------- nothing is executed


def test_yaml_python_tags_are_not_json(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    payload = f"!!python/object/apply:os.system ['touch {marker}']"
    with pytest.raises(FormatError):
        loads(payload)
    assert not marker.exists()


def test_a_pickle_is_not_json(tmp_path: Path) -> None:
    import pickle

    with pytest.raises(FormatError):
        loads(pickle.dumps(small_ecosystem()))


def test_reduce_and_class_hints_are_unknown_keys(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    data = document()
    data["actors"][0]["__reduce__"] = ["os.system", [f"touch {marker}"]]
    with pytest.raises(FormatError) as caught:
        from_dict(data)
    assert caught.value.path == "$.actors[0].__reduce__"

    data = document()
    data["actors"].append({"py/object": "os.system", "kind": "customer", "id": "x"})
    with pytest.raises(FormatError, match="unknown key 'py/object'"):
        from_dict(data)
    assert not marker.exists()


def test_code_in_a_string_stays_a_string(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    code = f"__import__('os').system('touch {marker}')"
    data = document()
    data["name"] = code
    data["actors"][2]["name"] = f"!!python/object/apply:os.system ['touch {marker}']"
    eco = from_dict(data)
    assert eco.name == code
    assert not marker.exists()


def test_the_original_document_is_not_changed_by_loading() -> None:
    data = document()
    before = copy.deepcopy(data)
    from_dict(data)
    assert data == before


def test_loads_is_documented_to_reject_nan() -> None:
    assert loads.__doc__ is not None
    assert "NaN" in loads.__doc__


def test_example_reference_points_are_consistent_after_loading() -> None:
    eco = example_ecosystem()
    assert all(i.reference_point is not None for i in eco.interactions)
    assert ReferencePoint.SELF in {i.reference_point for i in eco.interactions}


def test_a_mistyped_reference_suggests_the_closest_id() -> None:
    error = load_broken(lambda d: d["interactions"][0].__setitem__("customer", "acmee"))
    assert error.path == "$.interactions[0].customer"
    assert isinstance(error.cause, UnknownIdError)
    assert error.cause.suggestion == "acme"
    assert "did you mean 'acme'?" in str(error)
