"""The JSON Schema: valid draft 2020-12, shipped as generated, and in agreement with the model."""

from __future__ import annotations

import enum
import io
import json
import math
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

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
    ResourceKind,
    RevenueShare,
    Topic,
    Transfer,
    TransferKind,
    ValidationError,
)
from cocreation.io import (
    example_ecosystem,
    json_schema,
    loads,
    shipped_json_schema,
    to_dict,
    write_json_schema,
)
from cocreation.io.__main__ import main
from cocreation.io._converter import converter

REGENERATE = "python -m cocreation.io > src/cocreation/io/ecosystem.schema.json"


def validator(schema: dict[str, Any] | None = None) -> Any:
    full = json_schema()
    return jsonschema.Draft202012Validator(
        full if schema is None else {"$defs": full["$defs"], **schema}
    )


def is_valid(document: Any, schema: dict[str, Any] | None = None) -> bool:
    result: bool = validator(schema).is_valid(document)
    return result


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_shipped_schema_file_equals_the_generated_one() -> None:
    assert shipped_json_schema() == json_schema(), f"regenerate it: {REGENERATE}"


def test_the_shipped_schema_file_is_exactly_what_the_module_writes() -> None:
    out = io.StringIO()
    assert main(out) == 0
    shipped = Path(__file__).parents[2] / "src" / "cocreation" / "io" / "ecosystem.schema.json"
    if shipped.exists():  # a source checkout
        assert shipped.read_text(encoding="utf-8") == out.getvalue(), f"regenerate it: {REGENERATE}"
    assert json.loads(out.getvalue()) == json_schema()


def test_write_json_schema_writes_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "schema.json"
    write_json_schema(path)
    assert json.loads(path.read_text(encoding="utf-8")) == json_schema()


def test_json_schema_returns_a_new_dict_each_time() -> None:
    first = json_schema()
    first["title"] = "changed"
    assert json_schema()["title"] == "cocreation ecosystem"


@pytest.mark.parametrize(
    "ecosystem",
    [example_ecosystem(), Ecosystem(), Ecosystem(name="x").add_customer("a").add_topic("t")],
    ids=["example", "empty", "tiny"],
)
def test_documents_the_library_writes_are_valid(ecosystem: Ecosystem) -> None:
    validator().validate(to_dict(ecosystem))


def test_the_schema_has_the_promised_shape() -> None:
    schema = json_schema()
    assert schema["properties"]["format"]["const"] == "cocreation.ecosystem"
    assert schema["properties"]["version"]["const"] == 1
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["format", "version"]
    actor = schema["$defs"]["Actor"]["oneOf"]
    assert [option["$ref"] for option in actor] == [
        "#/$defs/Customer",
        "#/$defs/Organisation",
        "#/$defs/NetworkPartner",
    ]
    for name, kind in [
        ("Customer", "customer"),
        ("Organisation", "organisation"),
        ("NetworkPartner", "partner"),
    ]:
        definition = schema["$defs"][name]
        assert definition["properties"]["kind"] == {"const": kind}
        assert "kind" in definition["required"]
        assert definition["additionalProperties"] is False
    customer = schema["$defs"]["Customer"]["properties"]
    assert customer["customer_kind"]["$ref"] == "#/$defs/CustomerKind"
    assert customer["count"]["type"] == "integer"
    assert customer["count"]["minimum"] == 1
    assert schema["$defs"]["CustomerKind"]["enum"] == ["individual", "business"]
    outcome = schema["$defs"]["Outcome"]["properties"]
    assert (outcome["importance"]["minimum"], outcome["importance"]["maximum"]) == (0, 10)
    assert (outcome["satisfaction"]["minimum"], outcome["satisfaction"]["maximum"]) == (0, 10)
    interaction = schema["$defs"]["Interaction"]["properties"]
    assert (
        interaction["risk_probability"]["minimum"],
        interaction["risk_probability"]["maximum"],
    ) == (0, 1)
    assert interaction["period"] == {
        "description": interaction["period"]["description"],
        "type": "integer",
        "minimum": 0,
        "default": 0,
    }
    assert interaction["effort"]["minimum"] == 0
    for definition in schema["$defs"].values():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False


def test_every_enum_lists_its_values() -> None:
    schema = json_schema()
    from cocreation import model

    for name in model.__all__:
        kind = getattr(model, name)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            assert schema["$defs"][name]["enum"] == [member.value for member in kind]


# ---------------------------------------------------------------- the schema rejects what the loader rejects


def small_document() -> dict[str, Any]:
    return to_dict(
        Ecosystem()
        .add_organisation("telco")
        .add_customer("acme", count=3)
        .add_job("j", owner="acme", outcomes=[Outcome("o", 5.0, 5.0)])
        .add_interaction("i", customer="acme", counterpart="telco", risk_probability=0.5)
    )


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("actors", 1, "count"), -3),
        (("actors", 1, "count"), 2.5),
        (("actors", 1, "count"), "3"),
        (("jobs", 0, "outcomes", 0, "importance"), 12),
        (("interactions", 0, "risk_probability"), 1.5),
        (("actors", 1, "id"), ""),
        (("actors", 1, "id"), " acme"),
        (("actors", 1, "kind"), "robot"),
        (("actors", 1, "customer_kind"), "robot"),
        (("actors", 1, "colour"), "red"),
        (("version",), 2),
        (("format",), "other"),
        (("interactions", 0, "level"), "selling"),
        (("name",), None),
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(
    path: tuple[str | int, ...], value: object
) -> None:
    data = small_document()
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    assert not is_valid(data)
    with pytest.raises(ValueError, match=r"^\$"):
        loads(json.dumps(data))


def test_a_negative_money_transfer_is_rejected_by_schema_and_model() -> None:
    transfer = {"$ref": "#/$defs/Transfer"}
    assert is_valid({"source": "a", "target": "b", "amount": -1.0, "kind": "value"}, transfer)
    assert not is_valid({"source": "a", "target": "b", "amount": -1.0, "kind": "money"}, transfer)
    assert not is_valid(
        {"source": "a", "target": "b", "amount": -1.0}, transfer
    )  # money by default
    with pytest.raises(ValidationError):
        Transfer("a", "b", -1.0)
    assert Transfer("a", "b", -1.0, TransferKind.VALUE).amount == -1.0


# ---------------------------------------------------------------- the schema cannot drift from the model

# A valid instance of every class the format holds; each field is varied in turn.
SAMPLES: list[Any] = [
    Customer("c"),
    Organisation("o"),
    NetworkPartner("p"),
    Offering("f", provider="o"),
    JobToBeDone("j", owner="c"),
    Topic("t"),
    Interaction("i", customer="c", counterpart="o", offering="f"),
    Outcome("u", 5.0, 5.0),
    Achievement("u", 0.5),
    Resource(ResourceKind.TIME, 1.0),
    Contribution("c", ResourceKind.TIME, 1.0),
    Transfer("c", "o", 1.0),
    Transfer("c", "o", 1.0, TransferKind.VALUE),
    DART(),
    Relationship("o"),
    RevenueShare("p", 0.5),
    Module("m"),
]
NUMBERS = [
    -1e6,
    -2.0,
    -1.0,
    -1.0 - 1e-9,
    -0.5,
    -1e-9,
    0.0,
    1e-9,
    0.5,
    1.0,
    1.0 + 1e-9,
    5.0,
    10.0,
    10.0 + 1e-9,
    12.0,
    1e6,
]
INTEGERS = [-5, -1, 0, 1, 2, 10, 11, 1000]
STRINGS = ["", " ", "x", " x", "x ", "a b", "\n", "\u00a0x"]


def model_accepts(sample: Any, name: str, value: Any) -> bool:
    try:
        attrs.evolve(sample, **{name: value})
    except ValidationError:
        return False
    return True


def schema_accepts(sample: Any, name: str, value: Any) -> bool:
    document: dict[str, Any] = converter().unstructure(sample)
    key = "customer_kind" if (type(sample), name) == (Customer, "kind") else name
    document[key] = list(value) if isinstance(value, tuple) else value  # JSON arrays
    if isinstance(sample, Customer | Organisation | NetworkPartner):
        document["kind"] = {
            Customer: "customer",
            Organisation: "organisation",
            NetworkPartner: "partner",
        }[type(sample)]
    return is_valid(document, {"$ref": f"#/$defs/{type(sample).__name__}"})


def field_cases() -> list[Any]:
    cases = []
    for sample in SAMPLES:
        hints = attrs.resolve_types(type(sample))
        for field in attrs.fields(hints):
            values: list[Any]
            if field.type is float:
                values = NUMBERS
            elif field.type is int:
                values = INTEGERS
            elif field.type in (str, str | None):
                values = STRINGS
            elif field.type == tuple[str, ...]:
                values = [("x",), ("",), ("x", "x"), ("x", "y")]
            else:
                continue
            label = f"{type(sample).__name__}.{field.name}"
            if type(sample) is Transfer and sample.kind is TransferKind.VALUE:
                label += "(value)"
            cases.append(pytest.param(sample, field.name, values, id=label))
    return cases


@pytest.mark.parametrize(("sample", "name", "values"), field_cases())
def test_the_schema_accepts_exactly_what_the_model_accepts(
    sample: Any, name: str, values: list[Any]
) -> None:
    for value in values:
        expected = model_accepts(sample, name, value)
        assert schema_accepts(sample, name, value) == expected, (name, value, expected)


def test_the_drift_check_covers_every_numeric_field_of_the_format() -> None:
    covered = {case.id.removesuffix("(value)") for case in field_cases()}
    for sample in SAMPLES:
        for field in attrs.fields(attrs.resolve_types(type(sample))):
            if field.type in (int, float):
                assert f"{type(sample).__name__}.{field.name}" in covered


def test_the_probe_values_are_finite() -> None:
    assert all(math.isfinite(value) for value in NUMBERS)


def test_the_drift_check_has_a_sample_of_every_object_of_the_format() -> None:
    objects = {name for name, d in json_schema()["$defs"].items() if d.get("type") == "object"}
    assert objects == {type(sample).__name__ for sample in SAMPLES}
