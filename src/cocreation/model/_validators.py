"""Field validators that name the class, the field and the value that failed.

Every validator raises [`ValidationError`][cocreation.errors.ValidationError] with a
field name of the form ``"Class.field"``.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

import attrs

from cocreation.errors import ValidationError, closest

__all__ = [
    "as_tuple",
    "enum_member",
    "identifier",
    "identifiers",
    "instance_of",
    "integer",
    "number",
    "optional",
    "optional_identifier",
    "text",
    "to_member",
    "tuple_of",
]

_E = TypeVar("_E", bound=enum.Enum)

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _a(noun: str) -> str:
    """The noun with its indefinite article."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _name(instance: Any, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Turn a list or tuple into a tuple; leave anything else for the validator to reject."""
    if isinstance(value, list | tuple):
        return tuple(value)
    return value  # type: ignore[return-value]


def _is_real(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def number(
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> Validator:
    """A finite real number (never a bool, NaN or infinity), optionally within bounds."""
    left = "(" if low_open else "["
    right = ")" if high_open else "]"
    if low is not None and high is not None:
        expected = f"a finite number in {left}{low:g}, {high:g}{right}"
    elif low is not None:
        expected = f"a finite number {'>' if low_open else '>='} {low:g}"
    elif high is not None:
        expected = f"a finite number {'<' if high_open else '<='} {high:g}"
    else:
        expected = "a finite number"

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        ok = _is_real(value) and math.isfinite(value)
        if ok and low is not None:
            ok = value > low if low_open else value >= low
        if ok and high is not None:
            ok = value < high if high_open else value <= high
        if not ok:
            raise ValidationError(_name(instance, attribute), value, expected)

    return check


def integer(*, low: int | None = None) -> Validator:
    """An int (never a bool), optionally at least ``low``."""
    expected = "an integer" if low is None else f"an integer >= {low}"

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or (low is not None and value < low)
        ):
            raise ValidationError(_name(instance, attribute), value, expected)

    return check


def identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-empty id string without leading or trailing whitespace."""
    if not isinstance(value, str) or not value or value != value.strip():
        raise ValidationError(
            _name(instance, attribute),
            value,
            "a non-empty id string without surrounding whitespace",
        )


def optional_identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``None`` or an id string."""
    if value is not None:
        identifier(instance, attribute, value)


def text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Any string, possibly empty."""
    if not isinstance(value, str):
        raise ValidationError(_name(instance, attribute), value, "a string")


def to_member(kind: type[_E], value: _E | str) -> _E:
    """The member of ``kind`` whose value is the string ``value``; anything else unchanged.

    The converter of every enum field, so that ``level="support"`` means
    ``CoCreationLevel.SUPPORT``; a value that names no member is left for the field's
    validator to reject, with the valid values and the closest one.

    Examples:
        >>> from cocreation.model import CoCreationLevel
        >>> to_member(CoCreationLevel, "support")
        <CoCreationLevel.SUPPORT: 'support'>
        >>> to_member(CoCreationLevel, "suport")
        'suport'
    """
    if isinstance(value, kind):
        return value
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        for member in kind:
            if member.value == value:
                return member
    return cast("_E", value)


def enum_member(kind: type[enum.Enum]) -> Validator:
    """A member of ``kind``; a mistyped value gets the closest valid one as a suggestion."""
    values = [member.value for member in kind]
    names = ", ".join(repr(value) for value in values)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            raise ValidationError(
                _name(instance, attribute),
                value,
                f"{_a(kind.__name__)} (one of {names})",
                closest(value, values),
            )

    return check


def instance_of(kind: type[Any]) -> Validator:
    """An instance of ``kind``."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            raise ValidationError(_name(instance, attribute), value, _a(kind.__name__))

    return check


def optional(validator: Validator) -> Validator:
    """``None`` or a value that passes ``validator``."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


def tuple_of(kind: type[Any] | tuple[type[Any], ...], *, unique_by: str | None = None) -> Validator:
    """A tuple whose members are all instances of ``kind``.

    With ``unique_by``, no two members may share that attribute (an id, say).
    """
    kinds = kind if isinstance(kind, tuple) else (kind,)
    label = " or ".join(k.__name__ for k in kinds)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = _name(instance, attribute)
        if not isinstance(value, tuple):
            raise ValidationError(name, value, f"a list or tuple of {label}")
        for index, member in enumerate(value):
            if not isinstance(member, kinds) or isinstance(member, bool):
                raise ValidationError(f"{name}[{index}]", member, _a(label))
        if unique_by is not None:
            seen: set[Any] = set()
            for index, member in enumerate(value):
                key = getattr(member, unique_by)
                if key in seen:
                    raise ValidationError(
                        f"{name}[{index}].{unique_by}",
                        key,
                        f"{_a(unique_by)} not repeated in {name}",
                    )
                seen.add(key)

    return check


def identifiers(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A tuple of distinct id strings."""
    name = _name(instance, attribute)
    if not isinstance(value, tuple):
        raise ValidationError(name, value, "a list or tuple of ids")
    seen: set[str] = set()
    for index, member in enumerate(value):
        if not isinstance(member, str) or not member or member != member.strip():
            raise ValidationError(
                f"{name}[{index}]", member, "a non-empty id string without surrounding whitespace"
            )
        if member in seen:
            raise ValidationError(f"{name}[{index}]", member, f"an id not repeated in {name}")
        seen.add(member)
