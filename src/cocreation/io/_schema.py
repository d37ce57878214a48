"""The JSON Schema of the exchange format, generated from the model's attrs classes."""

from __future__ import annotations

import enum
import functools
import inspect
import json
import re
import types
import typing
from collections.abc import Mapping
from importlib import resources
from typing import Any, Final

import attrs

from cocreation.ecosystem import KINDS
from cocreation.errors import CocreationError
from cocreation.io._common import (
    ACTOR_CLASSES,
    ACTOR_TAG,
    FORMAT,
    FORMAT_VERSION,
    RENAMED,
    Body,
    PathLike,
    json_text,
    write_text,
)
from cocreation.model import Customer, Transfer, TransferKind

__all__ = ["SCHEMA_FILE", "json_schema", "schema_text", "shipped_json_schema", "write_json_schema"]

SCHEMA_FILE: Final = "ecosystem.schema.json"
"""The name of the schema file shipped in the ``cocreation.io`` package."""

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_ID_PATTERN: Final = r"^\S(?:[\s\S]*\S)?$"

# Rules that span two fields of one class: written out, since no validator holds them.
_RULES: Final[Mapping[type[Any], Mapping[str, Any]]] = {
    Customer: {
        "if": {
            "anyOf": [
                {"not": {"required": ["referred_by"]}},
                {"properties": {"referred_by": {"type": "null"}}},
            ]
        },
        "then": {"properties": {"referred_in": {"const": 0}}},
    },
    Transfer: {
        "if": {"properties": {"kind": {"const": TransferKind.MONEY.value}}},
        "then": {"properties": {"amount": {"minimum": 0}}},
    },
}


class _Probe:
    """Stands in for an instance when a field's validator is asked about a value."""

    def __getattr__(self, name: str) -> None:
        return None


def _accepts(attribute: attrs.Attribute[Any], value: Any) -> bool:
    """Whether the field's own validator accepts the value (the model is the source of truth)."""
    if attribute.validator is None:
        return True
    try:
        attribute.validator(_Probe(), attribute, value)
    except CocreationError:
        return False
    except Exception:  # a validator that needs a real instance: assume nothing
        return True
    return True


def _number_bounds(attribute: attrs.Attribute[Any], *, integer: bool) -> dict[str, Any]:
    """The bounds a numeric field's validator enforces, found by asking it at the usual bounds."""
    step = 1 if integer else 1e-9
    bounds: dict[str, Any] = {}
    for low in (-1, 0, 1):
        if _accepts(attribute, low) and not _accepts(attribute, low - step):
            bounds["minimum"] = low
            break
        if not integer and not _accepts(attribute, low) and _accepts(attribute, low + step):
            bounds["exclusiveMinimum"] = low
            break
    for high in (1, 10):
        if _accepts(attribute, high) and not _accepts(attribute, high + step):
            bounds["maximum"] = high
            break
        if not integer and not _accepts(attribute, high) and _accepts(attribute, high - step):
            bounds["exclusiveMaximum"] = high
            break
    return bounds


def _is_id(attribute: attrs.Attribute[Any]) -> bool:
    """Whether a string field holds ids: its validator rejects the empty string."""
    return _accepts(attribute, "x") and not _accepts(attribute, "")


def _plain(text: str) -> str:
    """Docstring markup as plain text: ``code`` as `code`, [`Name`][target] as `Name`."""
    text = re.sub(r"\[(`[^`]+`)\]\[[^\]]*\]", r"\1", text)
    return text.replace("``", "`")


def _summary(obj: Any) -> str:
    doc = inspect.getdoc(obj) or ""
    return _plain(doc.split("\n\n", 1)[0].replace("\n", " ").strip())


def _argument_docs(cls: type[Any]) -> dict[str, str]:
    """The ``Args:`` section of a class docstring, by argument name."""
    doc = inspect.getdoc(cls) or ""
    found: dict[str, str] = {}
    lines = iter(doc.splitlines())
    for line in lines:
        if line.strip() == "Args:":
            break
    current: str | None = None
    for line in lines:
        if not line.strip():
            break
        if not line.startswith(" "):
            break
        match = re.match(r"^ {4}(\w+): (.*)$", line)
        if match:
            current = match.group(1)
            found[current] = match.group(2).strip()
        elif current is not None:
            found[current] += " " + line.strip()
    return found


def _default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_default(member) for member in value]
    return value


class _Builder:
    def __init__(self) -> None:
        self.definitions: dict[str, Any] = {}

    def reference(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def enumeration(self, kind: type[enum.Enum]) -> dict[str, Any]:
        if kind.__name__ not in self.definitions:
            self.definitions[kind.__name__] = {
                "description": _summary(kind),
                "type": "string",
                "enum": [member.value for member in kind],
            }
        return self.reference(kind.__name__)

    def identifier(self) -> dict[str, Any]:
        if "Id" not in self.definitions:
            self.definitions["Id"] = {
                "description": "An id: a non-empty string without surrounding whitespace.",
                "type": "string",
                "minLength": 1,
                "pattern": _ID_PATTERN,
            }
        return self.reference("Id")

    def actor(self) -> dict[str, Any]:
        if "Actor" not in self.definitions:
            self.definitions["Actor"] = {}  # reserve the name before recursing
            self.definitions["Actor"] = {
                "description": (
                    f"A customer, organisation or network partner, told apart by {ACTOR_TAG!r}."
                ),
                "oneOf": [self.attrs_class(cls) for cls in ACTOR_CLASSES],
            }
        return self.reference("Actor")

    def of_type(self, kind: Any, attribute: attrs.Attribute[Any]) -> dict[str, Any]:
        origin = typing.get_origin(kind)
        arguments = typing.get_args(kind)
        if origin in (typing.Union, types.UnionType):
            members = [argument for argument in arguments if argument is not type(None)]
            if set(members) == set(ACTOR_CLASSES):
                return self.actor()
            options = [self.of_type(member, attribute) for member in members]
            if len(members) < len(arguments):
                options.append({"type": "null"})
            return {"anyOf": options}
        if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
            array: dict[str, Any] = {"type": "array", "items": self.member(arguments[0], attribute)}
            if arguments[0] is str and not _accepts(attribute, ("x", "x")):
                array["uniqueItems"] = True
            return array
        if kind is str:
            return self.identifier() if _is_id(attribute) else {"type": "string"}
        if kind is bool:
            return {"type": "boolean"}
        if kind is int:
            return {"type": "integer", **_number_bounds(attribute, integer=True)}
        if kind is float:
            return {"type": "number", **_number_bounds(attribute, integer=False)}
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return self.enumeration(kind)
        if attrs.has(kind):
            return self.attrs_class(kind)
        msg = f"no JSON Schema for the type {kind!r} of field {attribute.name!r}"
        raise TypeError(msg)

    def member(self, kind: Any, attribute: attrs.Attribute[Any]) -> dict[str, Any]:
        """The schema of a tuple's members, judged by the validator of the whole tuple."""
        if kind is str:
            is_id = _accepts(attribute, ("x",)) and not _accepts(attribute, ("",))
            return self.identifier() if is_id else {"type": "string"}
        return self.of_type(kind, attribute)

    def properties(self, cls: type[Any]) -> tuple[dict[str, Any], list[str]]:
        hints = typing.get_type_hints(cls)
        documented = _argument_docs(cls)
        renamed = RENAMED.get(cls, {})
        properties: dict[str, Any] = {}
        required: list[str] = []
        for attribute in attrs.fields(cls):
            if not attribute.init:
                continue
            key = renamed.get(attribute.name, attribute.name)
            schema = self.of_type(hints[attribute.name], attribute)
            if attribute.name in documented:
                schema = {"description": _plain(documented[attribute.name]), **schema}
            if attribute.default is attrs.NOTHING:
                required.append(key)
            elif not isinstance(attribute.default, attrs.Factory):  # type: ignore[arg-type]
                schema["default"] = _default(attribute.default)
            properties[key] = schema
        return properties, required

    def attrs_class(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # reserve the name before recursing
            properties, required = self.properties(cls)
            if cls in ACTOR_CLASSES:
                properties = {ACTOR_TAG: {"const": KINDS[cls]}, **properties}
                required = [ACTOR_TAG, *required]
            definition: dict[str, Any] = {
                "description": _summary(cls),
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            }
            definition.update(_RULES.get(cls, {}))
            self.definitions[name] = definition
        return self.reference(name)


@functools.cache
def _generated() -> str:
    builder = _Builder()
    properties, _ = builder.properties(Body)
    schema = {
        "$schema": _DIALECT,
        "$id": f"urn:cocreation:schema:ecosystem:{FORMAT_VERSION}",
        "title": "cocreation ecosystem",
        "description": (
            "A service ecosystem in the exchange format of the cocreation library: actors, "
            "offerings, jobs to be done, topics and interactions. The schema checks each "
            "value; the library also checks that every id is unique and every reference "
            "resolves."
        ),
        "type": "object",
        "properties": {
            "format": {"description": "What the document is.", "const": FORMAT},
            "version": {
                "description": "The version of the format.",
                "type": "integer",
                "const": FORMAT_VERSION,
            },
            **properties,
        },
        "required": ["format", "version"],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.definitions.items())),
    }
    return schema_text(schema)


def schema_text(schema: Mapping[str, Any]) -> str:
    """A schema as the text of a schema file: indented JSON ending in a newline.

    Examples:
        >>> print(schema_text({"type": "object"}), end="")
        {
          "type": "object"
        }
    """
    return json_text(schema, indent=2) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the exchange format, generated from the model.

    The schema is built by walking the fields and types of the model's attrs classes,
    and asks each field's validator for its bounds, so it cannot drift from the model:
    enums list their values, ids must be non-empty strings without surrounding
    whitespace, numbers carry the bounds their validators enforce (importance and
    satisfaction in [0, 10], probabilities and shares in [0, 1], ``count >= 1``,
    amounts ``>= 0``), objects allow no other keys, and ``actors`` is a ``oneOf``
    keyed on ``"kind"``. What a schema cannot say (unique ids, references that
    resolve, revenue shares that add up to at most 1) the loader checks.

    The same schema ships with the package as ``ecosystem.schema.json`` (see
    [`shipped_json_schema`][cocreation.io.shipped_json_schema]); after a change to the
    model, regenerate it with ``python -m cocreation.io > src/cocreation/io/ecosystem.schema.json``
    or [`write_json_schema`][cocreation.io.write_json_schema].

    Returns:
        A new dict on every call.

    Examples:
        >>> schema = json_schema()
        >>> schema["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> schema["properties"]["version"]["const"]
        1
        >>> outcome = schema["$defs"]["Outcome"]["properties"]["importance"]
        >>> outcome["minimum"], outcome["maximum"]
        (0, 10)
        >>> [option["$ref"] for option in schema["$defs"]["Actor"]["oneOf"]]
        ['#/$defs/Customer', '#/$defs/Organisation', '#/$defs/NetworkPartner']
    """
    result: dict[str, Any] = json.loads(_generated())
    return result


def shipped_json_schema() -> dict[str, Any]:
    """The JSON Schema file shipped in the package, as a dict.

    It equals [`json_schema`][cocreation.io.json_schema]; the tests make sure of that.

    Examples:
        >>> shipped_json_schema()["title"]
        'cocreation ecosystem'
    """
    text = resources.files("cocreation.io").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def write_json_schema(path: PathLike) -> None:
    """Write the JSON Schema of the exchange format to a file.

    Regenerate the schema shipped with the package after a change to the model with
    ``write_json_schema("src/cocreation/io/ecosystem.schema.json")`` from the root of a
    source checkout, or ``python -m cocreation.io > src/cocreation/io/ecosystem.schema.json``.

    Args:
        path: Where to write the schema; an existing file is replaced.

    Examples:
        >>> import json, pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "ecosystem.schema.json"
        ...     write_json_schema(path)
        ...     json.loads(path.read_text(encoding="utf-8")) == json_schema()
        True
    """
    write_text(path, _generated())
