"""The library's own cattrs converter, strict about JSON types, and its error reports.

This module imports cattrs, so the rest of the package imports it only when a
document is read or written, which keeps ``import cocreation`` fast.
"""

from __future__ import annotations

import enum
import functools
import math
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import JsonConverter, make_converter
from cattrs.strategies import configure_tagged_union

from cocreation.ecosystem import KINDS
from cocreation.errors import CocreationError, ValidationError, closest
from cocreation.io._common import (
    ACTOR_CLASSES,
    ACTOR_TAG,
    HEADER,
    MISSING,
    RENAMED,
    Body,
    Invalid,
    NonFinite,
    key_path,
)
from cocreation.model import Actor

__all__ = ["STRUCTURING_ERRORS", "Problem", "converter", "keys_of", "problems"]

Hook = Callable[[Any, Any], Any]


# ---------------------------------------------------------------- primitive hooks


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise Invalid("a string", value)
    return value


def _structure_int(value: Any, _: Any) -> int:
    # JSON has one kind of number: 2.0 is the integer 2, as JSON Schema says too.
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise Invalid("an integer", value)
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid("true or false", value)
    return value


def _structure_float(value: Any, _: Any) -> float:
    # An int stays an int: it equals the float it stands for, and keeps every digit.
    if isinstance(value, NonFinite) or (isinstance(value, float) and not math.isfinite(value)):
        raise Invalid("a finite number", value)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise Invalid("a number", value)
    if isinstance(value, int):
        try:
            float(value)
        except OverflowError:
            raise Invalid("a finite number no larger than a float can hold", value) from None
    return value


@functools.cache
def _members(kind: type[enum.Enum]) -> dict[Any, enum.Enum]:
    return {member.value: member for member in kind}


def _structure_enum(value: Any, kind: type[enum.Enum]) -> enum.Enum:
    members = _members(kind)
    if isinstance(value, str) and value in members:
        return members[value]
    expected = "one of " + ", ".join(repr(member) for member in members)
    raise Invalid(expected, value, suggestion=closest(value, list(members)))


def _enum_value(member: Any) -> Any:
    return member.value


def _is_optional(kind: Any) -> bool:
    if typing.get_origin(kind) not in (typing.Union, types.UnionType):
        return False
    arguments = typing.get_args(kind)
    return len(arguments) == 2 and type(None) in arguments


def _is_homogeneous_tuple(kind: Any) -> bool:
    arguments = typing.get_args(kind)
    return typing.get_origin(kind) is tuple and len(arguments) == 2 and arguments[1] is Ellipsis


def keys_of(cls: type[Any]) -> tuple[str, ...]:
    """The keys an object of this class may have in a document, in field order.

    Examples:
        >>> from cocreation.model import Customer, Topic
        >>> keys_of(Topic)
        ('id', 'name', 'description')
        >>> keys_of(Customer)[:4]
        ('kind', 'id', 'name', 'customer_kind')
    """
    renamed = RENAMED.get(cls, {})
    keys = tuple(renamed.get(field.name, field.name) for field in attrs.fields(cls) if field.init)
    if cls is Body:
        return (*HEADER, *keys)
    return (ACTOR_TAG, *keys) if cls in ACTOR_CLASSES else keys


# ---------------------------------------------------------------- the converter


def _build() -> JsonConverter:
    json_converter = make_converter(forbid_extra_keys=True, detailed_validation=True)
    json_converter.register_structure_hook(str, _structure_str)
    json_converter.register_structure_hook(int, _structure_int)
    json_converter.register_structure_hook(bool, _structure_bool)
    json_converter.register_structure_hook(float, _structure_float)
    # By class, so that the most specific class wins: a StrEnum is also a str.
    json_converter.register_structure_hook(enum.Enum, _structure_enum)
    json_converter.register_structure_hook(enum.StrEnum, _structure_enum)
    json_converter.register_unstructure_hook(enum.Enum, _enum_value)
    json_converter.register_unstructure_hook(enum.StrEnum, _enum_value)

    def optional_hook(kind: Any) -> Hook:
        inner = next(argument for argument in typing.get_args(kind) if argument is not type(None))
        structure_inner = json_converter.get_structure_hook(inner)

        def structure(value: Any, _: Any) -> Any:
            if value is None:
                return None
            try:
                return structure_inner(value, inner)
            except Invalid as error:
                raise Invalid(
                    f"{error.expected} or null",
                    error.value,
                    key=error.key,
                    suggestion=error.suggestion,
                ) from None

        return structure

    def tuple_hook(kind: Any) -> Hook:
        member = typing.get_args(kind)[0]
        structure_member = json_converter.get_structure_hook(member)

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise Invalid("an array", value)
            members: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    members.append(structure_member(item, member))
                except Exception as error:  # collected, as cattrs does, to report them all
                    error.add_note(IterableValidationNote(f"@ index {index}", index, member))
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While structuring {kind!r}", errors, kind)
            return tuple(members)

        return structure

    def tuple_unstructure_hook(kind: Any) -> Callable[[Any], list[Any]]:
        member = typing.get_args(kind)[0]
        unstructure_member = json_converter.get_unstructure_hook(member)
        return lambda value: [unstructure_member(item) for item in value]

    def class_hook(cls: type[Any]) -> Hook:
        renames: dict[str, Any] = {
            name: override(rename=key) for name, key in RENAMED.get(cls, {}).items()
        }
        generated = make_dict_structure_fn(cls, json_converter, **renames)

        def structure(value: Any, _: Any) -> Any:
            if not isinstance(value, Mapping):
                raise Invalid(f"an object ({cls.__name__})", value)
            return generated(value, cls)

        return structure

    json_converter.register_structure_hook_factory(_is_optional, optional_hook)
    json_converter.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)
    json_converter.register_unstructure_hook_factory(_is_homogeneous_tuple, tuple_unstructure_hook)
    json_converter.register_structure_hook_factory(attrs.has, class_hook)
    for cls, renamed in RENAMED.items():
        overrides: dict[str, Any] = {name: override(rename=key) for name, key in renamed.items()}
        json_converter.register_unstructure_hook(
            cls, make_dict_unstructure_fn(cls, json_converter, **overrides)
        )

    configure_tagged_union(
        Actor, json_converter, tag_generator=KINDS.__getitem__, tag_name=ACTOR_TAG
    )
    tagged = json_converter.get_structure_hook(Actor)
    tags = {KINDS[cls]: cls for cls in ACTOR_CLASSES}
    expected = ", ".join(repr(tag) for tag in tags)

    def structure_actor(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise Invalid("an object (an actor)", value)
        tag = value.get(ACTOR_TAG, MISSING)
        if not isinstance(tag, str) or tag not in tags:
            suggestion = closest(tag, list(tags))
            raise Invalid(f"one of {expected}", tag, key=ACTOR_TAG, suggestion=suggestion)
        return tagged(dict(value), Actor)

    json_converter.register_structure_hook(Actor, structure_actor)
    return json_converter


@functools.cache
def converter() -> JsonConverter:
    """The converter of the exchange format, built once on first use.

    Examples:
        >>> from cocreation.model import Topic
        >>> converter().structure({"id": "green-it"}, Topic)
        Topic(id='green-it', name='', description='')
    """
    return _build()


# ---------------------------------------------------------------- error reports


@attrs.frozen
class Problem:
    """One thing wrong with a document: where, what, and the exception that said so.

    Examples:
        >>> Problem("$.actors[0].count", "expected an integer, got '3'", ValueError()).path
        '$.actors[0].count'
    """

    path: str
    reason: str
    error: BaseException


def _relative(field: str, cls: type[Any]) -> str:
    """Where a model error's field (``"Customer.count"``) is, relative to its object."""
    prefix = f"{cls.__name__}."
    if not field.startswith(prefix):
        return ""
    rest = field[len(prefix) :]
    name_end = len(rest)
    for stop in ".[":
        position = rest.find(stop)
        if position != -1:
            name_end = min(name_end, position)
    name = RENAMED.get(cls, {}).get(rest[:name_end], rest[:name_end])
    return f".{name}{rest[name_end:]}"


def problems(error: BaseException, path: str = "$") -> list[Problem]:
    """Every problem a cattrs exception group reports, each with its JSON path.

    Examples:
        >>> from cocreation.model import Customer
        >>> try:
        ...     converter().structure({"id": "acme", "count": -3}, Customer)
        ... except Exception as error:
        ...     print(problems(error, "$.actors[0]")[0].path)
        $.actors[0].count
    """
    found: list[Problem] = []
    if isinstance(error, IterableValidationError):
        by_index, without_index = error.group_exceptions()
        for sub, index_note in by_index:
            found.extend(problems(sub, f"{path}[{index_note.index}]"))
        for sub in without_index:
            found.extend(problems(sub, path))
    elif isinstance(error, ClassValidationError):
        cls = error.cl
        by_attribute, attribute_free = error.group_exceptions()
        for sub, attribute_note in by_attribute:
            key = RENAMED.get(cls, {}).get(attribute_note.name, attribute_note.name)
            found.extend(problems(sub, key_path(path, key)))
        for sub in attribute_free:
            if isinstance(sub, ValidationError):  # raised by the class's own validators
                found.append(Problem(path + _relative(sub.field, cls), str(sub), sub))
            else:
                found.extend(problems(sub, path))
    elif isinstance(error, ForbiddenExtraKeysError):
        extra = sorted(error.extra_fields, key=repr)  # keys of a dict need not be strings
        allowed = ", ".join(keys_of(error.cl))
        listed = ", ".join(repr(key) for key in extra)
        noun = "key" if len(extra) == 1 else "keys"
        where = "the document" if error.cl is Body else error.cl.__name__
        suggestion = closest(extra[0], keys_of(error.cl))
        hint = "" if suggestion is None else f" (did you mean {suggestion!r}?)"
        reason = f"unknown {noun} {listed} in {where}{hint}: expected only {allowed}"
        found.append(Problem(key_path(path, extra[0]), reason, error))
    elif isinstance(error, Invalid):
        where = path if error.key is None else key_path(path, error.key)
        found.append(Problem(where, error.reason, error))
    elif isinstance(error, KeyError) and not isinstance(error, CocreationError):
        # The generated structuring code reads a required key that is not there.
        found.append(Problem(path, f"missing required key {error.args[0]!r}", error))
    elif isinstance(error, CocreationError):
        found.append(Problem(path, str(error), error))
    else:
        found.append(Problem(path, f"invalid value: {error}", error))
    return found


STRUCTURING_ERRORS: Final[tuple[type[Exception], ...]] = (BaseValidationError, Invalid)
"""What structuring a document raises on bad input: cattrs' exception groups and `Invalid`."""
