"""Numbers of an ecosystem named by address: ``"<entity id>.<field>"``, resolved and changed.

An address names one number of one entity: a field (``"home-fibre.price"``), a field
of a member of one of its collections, by the member's id (``"work-from-home.outcomes
[stable-calls].importance"``, ``"home-fibre.partners[cloud].share"``) or, for
collections without ids, by position (``"referrals.transfers[0].amount"``), or a DART
score (``"workshop.dart.access"``). Changing a number goes through the field's own
validators, so a value the model rejects is rejected here too, naming the address.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NoReturn

import attrs
from attrs import frozen

from cocreation.errors import UnknownIdError, ValidationError
from cocreation.model import (
    DART,
    Achievement,
    Contribution,
    Entity,
    Module,
    Outcome,
    Relationship,
    Resource,
    RevenueShare,
    Transfer,
)

if TYPE_CHECKING:
    from cocreation.ecosystem._ecosystem import Ecosystem

__all__ = ["Parameter", "Step", "addresses", "changed_entities", "check_values", "parameter"]

Step = tuple[str, str | int | None]
"""One step of an address after the entity id: a field name, and the member's id or
position in that field's collection (``None`` for a plain field)."""

# The attribute that identifies a member of a collection; members of the others are
# found by position.
_KEYS: Final[Mapping[type[Any], str]] = {
    Outcome: "id",
    Module: "id",
    RevenueShare: "partner",
    Achievement: "outcome",
    Relationship: "counterpart",
}
_BY_POSITION: Final = (Transfer, Contribution, Resource)
_NESTED: Final = (DART,)


@frozen
class Parameter:
    """One number of an ecosystem, resolved from its address.

    Attributes:
        address: The address as given, such as ``"early-adopters.retention"``.
        entity: The id of the entity that holds the number.
        kind: The entity's kind string (``"customer"``, ``"offering"``, ...).
        path: The steps from the entity to the number: field names, each with the
            id or position of a collection's member (``None`` for a plain field).
        value: The number the ecosystem holds now, or ``None`` for a number it does
            not model yet (a customer's ``retention``).
        integer: Whether the field holds integers (a segment's ``count``, a ``period``).

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.example_ecosystem()
        >>> found = eco.parameter("small-businesses.retention")
        >>> found.kind, found.path, found.value, found.integer
        ('customer', (('retention', None),), 0.8, False)
        >>> found.field
        'Customer.retention'
    """

    address: str
    entity: str
    kind: str
    path: tuple[Step, ...]
    value: float | None
    integer: bool
    _cls: str = attrs.field(alias="_cls", repr=False)

    @property
    def field(self) -> str:
        """The field's qualified name, as the model's validators name it.

        Examples:
            >>> import cocreation as cc
            >>> cc.example_ecosystem().parameter("managed-security.partners[cloud].share").field
            'Offering.partners[cloud].share'
        """
        return self._cls + "".join(_show(step) for step in self.path)

    def check(self, value: Any, entity: Entity) -> Entity:
        """The entity with this number set to ``value``, through the field's validators.

        Args:
            value: The new number; a NumPy scalar counts as the Python number it holds.
            entity: The entity that holds the number (as the ecosystem holds it).

        Returns:
            The changed entity.

        Raises:
            ValidationError: The field rejects the value; the error names the address.

        Examples:
            >>> import cocreation as cc
            >>> eco = cc.example_ecosystem()
            >>> found = eco.parameter("small-businesses.retention")
            >>> found.check(0.7, eco["small-businesses"]).retention
            0.7
            >>> found.check(1.2, eco["small-businesses"])
            Traceback (most recent call last):
            ...
            cocreation.errors.ValidationError: small-businesses.retention: expected a finite number in [0, 1], got 1.2
        """
        changed: Entity = _apply(entity, [(self, _python(value))])
        return changed


def _show(step: Step) -> str:
    name, key = step
    return f".{name}" if key is None else f".{name}[{key}]"


def _python(value: Any) -> Any:
    """A NumPy scalar as the Python number it holds; anything else as it is."""
    if hasattr(value, "dtype") and hasattr(value, "item"):
        return value.item()
    return value


_OPTIONAL_NUMBERS: Final = ("float | None", "int | None")
"""Declared types of fields that hold a number or ``None`` (not modelled), as strings."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fields(value: Any) -> dict[str, attrs.Attribute[Any]]:
    return {a.name: a for a in attrs.fields(type(value))} if attrs.has(type(value)) else {}


def _numbers_of(value: Any) -> list[str]:
    """The names of a value object's fields that hold numbers or lead to them."""
    names = []
    for name in _fields(value):
        held = getattr(value, name)
        if _is_number(held) or isinstance(held, _NESTED) or _members(held):
            names.append(name)
    return names


def _members(held: Any) -> bool:
    return isinstance(held, tuple) and any(isinstance(m, (*_KEYS, *_BY_POSITION)) for m in held)


def _malformed(address: str) -> ValidationError:
    return ValidationError("address", address, "'<entity id>.<field>', such as 'home-fibre.price'")


def _walk(address: str, entity: Entity, rest: str) -> tuple[Any, list[Step], Any]:
    """Follow the part of an address after the entity id.

    Returns what it leads to, its steps (each member's id or position resolved), and
    the object that holds it. A member's id may contain dots and brackets: of the
    ``]`` that could close it, the first that names a member wins.
    """
    current: Any = entity
    holder: Any = entity
    owner = type(entity).__name__
    resolved: list[Step] = []
    position = 0
    while True:
        stop = position
        while stop < len(rest) and rest[stop] not in ".[":
            stop += 1
        name = rest[position:stop]
        if not name.isidentifier():
            raise _malformed(address)
        holder = current
        fields = _fields(current)
        if name not in fields:
            candidates = _numbers_of(current)
            near = difflib.get_close_matches(name, candidates, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            raise ValidationError(
                address,
                name,
                f"a field of {owner} that holds numbers: {', '.join(candidates)}{hint}",
            )
        held = getattr(current, name)
        if stop < len(rest) and rest[stop] == "[":
            closes = [
                at
                for at in range(stop + 1, len(rest))
                if rest[at] == "]" and (at + 1 == len(rest) or rest[at + 1] == ".")
            ]
            if not closes:
                raise ValidationError("address", address, "a ']' after the member's id")
            if not isinstance(held, tuple):
                raise ValidationError(address, name, f"a field of {owner} without [...]")
            for close in closes:
                found = _find(held, rest[stop + 1 : close])
                if found is not None:
                    break
            else:
                close = closes[0]
                _member(address, owner, name, held, rest[stop + 1 : close])
            held, key = found
            resolved.append((name, key))
            stop = close + 1
        else:
            if _members(held):
                raise ValidationError(
                    address, name, f"a member of {owner}.{name}, as {name}[<id or position>]"
                )
            resolved.append((name, None))
        if stop == len(rest):
            return held, resolved, holder
        if rest[stop] != ".":
            raise _malformed(address)
        if held is None:
            raise ValidationError(
                address, None, f"{owner}.{name} to be set before its numbers can change"
            )
        owner = type(held).__name__
        current = held
        position = stop + 1


def _find(members: tuple[Any, ...], key: str) -> tuple[Any, str | int] | None:
    """The member a key names (its id, or its position where members have none), or ``None``."""
    if members and isinstance(members[0], _BY_POSITION):
        if key.isdigit() and int(key) < len(members):
            return members[int(key)], int(key)
        return None
    attribute = _KEYS.get(type(members[0])) if members else None
    for member in members:
        if attribute is not None and getattr(member, attribute) == key:
            return member, key
    return None


def _member(address: str, owner: str, name: str, members: tuple[Any, ...], key: str) -> NoReturn:
    """Raise: no member of a collection has this id or position."""
    if members and isinstance(members[0], _BY_POSITION):
        raise ValidationError(
            address, key, f"the position of one of the {len(members)} members of {owner}.{name}"
        )
    attribute = _KEYS.get(type(members[0])) if members else None
    ids = [getattr(member, attribute) for member in members] if attribute else []
    near = difflib.get_close_matches(key, [str(i) for i in ids], n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    raise ValidationError(address, key, f"the id of a member of {owner}.{name}: {ids}{hint}")


def _starts(ecosystem: Ecosystem, address: str) -> list[tuple[Entity, str]]:
    """Every entity the address may start with, the longest id first, and what follows it."""
    dots = [position for position, char in enumerate(address) if char == "."]
    found = []
    for position in reversed(dots):
        entity = ecosystem.get(address[:position])
        if entity is not None and position + 1 < len(address):
            found.append((entity, address[position + 1 :]))
    if found:
        return found
    head = address.split(".", 1)[0] if dots else address
    ids = [entity.id for entity in ecosystem]
    near = difflib.get_close_matches(head, ids, n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    if not dots:
        raise ValidationError(
            "address", address, f"'<entity id>.<field>', such as '{head}.price'{hint}"
        )
    raise UnknownIdError(address, head, f"the id of an entity of the ecosystem{hint}")


def parameter(ecosystem: Ecosystem, address: str) -> Parameter:
    """Resolve an address against an ecosystem (see [`Ecosystem.parameter`][cocreation.Ecosystem.parameter])."""
    from cocreation.ecosystem._ecosystem import kind_of

    if not isinstance(address, str):
        raise ValidationError("address", address, "a string '<entity id>.<field>'")
    first: ValidationError | None = None
    for entity, rest in _starts(ecosystem, address):
        try:
            value, resolved, holder = _walk(address, entity, rest)
        except ValidationError as error:
            first = first or error
            continue
        declared = _fields(holder)[resolved[-1][0]].type
        optional = value is None and str(declared) in _OPTIONAL_NUMBERS
        if not _is_number(value) and not optional:
            raise ValidationError(
                address,
                value,
                f"a field that holds a number; {type(entity).__name__}"
                f"{''.join(_show(step) for step in resolved)} does not",
            )
        return Parameter(
            address,
            entity.id,
            kind_of(entity),
            tuple(resolved),
            value,
            declared in (int, "int"),
            _cls=type(entity).__name__,
        )
    assert first is not None
    raise first


def _apply(target: Any, changes: Sequence[tuple[Parameter, Any]], depth: int = 0) -> Any:
    """``target`` with every change applied at once: one ``attrs.evolve`` per object changed."""
    plain: dict[str, Any] = {}
    nested: dict[Step, list[tuple[Parameter, Any]]] = {}
    for change in changes:
        name, key = change[0].path[depth]
        if depth == len(change[0].path) - 1:
            plain[name] = change[1]
        else:
            nested.setdefault((name, key), []).append(change)
    for (name, key), inner in nested.items():
        held = plain.get(name, getattr(target, name))  # earlier members changed already
        if key is None:
            plain[name] = _apply(held, inner, depth + 1)
            continue
        members = list(held)
        attribute = _KEYS.get(type(members[0]))
        ids: list[Any] = list(range(len(members)))
        if attribute is not None:
            ids = [getattr(member, attribute) for member in members]
        position = ids.index(key)
        members[position] = _apply(members[position], inner, depth + 1)
        plain[name] = tuple(members)
    try:
        return attrs.evolve(target, **plain)
    except ValidationError as error:
        raise _blame(error, type(target).__name__, changes, depth) from error


def _blame(
    error: ValidationError, owner: str, changes: Sequence[tuple[Parameter, Any]], depth: int
) -> ValidationError:
    """The model's error restated for the address whose value it rejects."""
    for found, value in changes:
        if depth == len(found.path) - 1 and error.field == f"{owner}.{found.path[depth][0]}":
            return type(error)(found.address, value, error.expected)
    found, value = changes[0]
    return type(error)(
        found.address,
        value,
        f"a value that keeps {error.field} valid ({error.expected}; it would be {error.value!r})",
    )


def changed_entities(ecosystem: Ecosystem, values: Mapping[str, Any]) -> tuple[Entity, ...]:
    """The entities of an ecosystem with numbers changed by address, each checked by its validators.

    What [`Ecosystem.with_values`][cocreation.Ecosystem.with_values] puts into the
    ecosystem it returns, without building it: one entity per entity changed, in the
    order of the first address that changes it. Checking many sets of values this way
    costs one small ``attrs.evolve`` per entity, whatever the size of the ecosystem.

    Args:
        ecosystem: The ecosystem.
        values: New numbers by address.

    Returns:
        The changed entities.

    Raises:
        UnknownIdError: An address names an id the ecosystem does not hold.
        ValidationError: A malformed address, a field that holds no number, or a
            value the field rejects; the error names the address and the value.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.ecosystem import changed_entities
        >>> eco = cc.example_ecosystem()
        >>> [entity.price for entity in changed_entities(eco, {"business-internet.price": 900.0})]
        [900.0]
    """
    if not isinstance(values, Mapping):
        raise ValidationError("values", values, "a mapping of addresses to numbers")
    grouped: dict[str, list[tuple[Parameter, Any]]] = {}
    for address, value in values.items():
        found = parameter(ecosystem, address)
        grouped.setdefault(found.entity, []).append((found, _python(value)))
    return tuple(_apply(ecosystem[entity], changes) for entity, changes in grouped.items())


def check_values(ecosystem: Ecosystem, values: Mapping[str, Any]) -> dict[str, Any]:
    """Many values for each address, every one checked as [`with_values`][cocreation.Ecosystem.with_values] would check it.

    The values of each address are a sequence (or 1-d array) of numbers, one per
    variant of the ecosystem; every address has as many. Where an entity has one
    number changed, its field's validators see the smallest and the largest value:
    every rule of the model on one number given the others is a range, so those two
    decide for all. Where an entity has several numbers changed, each variant's
    values are checked together (a rule may span them, as revenue shares do). No
    ecosystem is built.

    Args:
        ecosystem: The ecosystem.
        values: A sequence of numbers for each address, all of one length (>= 1).

    Returns:
        One list of Python numbers per address (integers for integer fields), in
        the order given.

    Raises:
        UnknownIdError: An address names an id the ecosystem does not hold.
        ValidationError: A malformed address, a field that holds no number, values
            that are not a 1-d sequence of numbers of the common length, or a value
            the field rejects; the error names the address and the value.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.ecosystem import check_values
        >>> eco = cc.example_ecosystem()
        >>> checked = check_values(eco, {"small-businesses.count": [300, 400]})
        >>> checked["small-businesses.count"]
        [300, 400]
        >>> check_values(eco, {"small-businesses.retention": [0.5, 0.9, 1.3]})
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: small-businesses.retention: expected a finite number in [0, 1], got 1.3
    """
    if not isinstance(values, Mapping):
        raise ValidationError("values", values, "a mapping of addresses to sequences of numbers")
    found = {address: parameter(ecosystem, address) for address in values}
    lists: dict[str, list[Any]] = {}
    length: int | None = None
    for address, given in values.items():
        listed = _listed(given)
        if listed is None:
            raise ValidationError(f"values[{address!r}]", given, "a 1-d sequence of numbers")
        if length is None:
            length = len(listed)
        elif len(listed) != length:
            raise ValidationError(
                f"values[{address!r}]",
                len(listed),
                f"{length} values, as many as the first address",
            )
        one = found[address]
        for value in listed:
            if not _is_number(value) or not math.isfinite(value):
                one.check(value, ecosystem[one.entity])  # the field says what it expects
        if one.integer:
            for position, value in enumerate(listed):
                if isinstance(value, float) and value.is_integer():
                    listed[position] = int(value)
        lists[address] = listed
    grouped: dict[str, list[Parameter]] = {}
    for one in found.values():
        grouped.setdefault(one.entity, []).append(one)
    for entity_id, group in grouped.items():
        entity = ecosystem[entity_id]
        if len(group) == 1:
            one = group[0]
            listed = lists[one.address]
            # A float where an integer is due is the value to show, whatever its size.
            odd = [v for v in listed if one.integer and not isinstance(v, int)]
            for extreme in odd[:1] or (min(listed), max(listed)):
                one.check(extreme, entity)
            continue
        columns = [lists[one.address] for one in group]
        for row in dict.fromkeys(zip(*columns, strict=True)):
            _apply(entity, list(zip(group, row, strict=True)))
    return lists


def _listed(given: Any) -> list[Any] | None:
    """A 1-d sequence of values as a list of Python scalars, or ``None``."""
    if isinstance(given, str | bytes | Mapping) or not hasattr(given, "__len__"):
        return None
    if hasattr(given, "tolist") and getattr(given, "ndim", 1) == 1:
        given = given.tolist()
    try:
        listed = [_python(value) for value in given]
    except TypeError:
        return None
    if not listed or any(isinstance(v, list | tuple) or hasattr(v, "__len__") for v in listed):
        return None
    return listed


def addresses(ecosystem: Ecosystem, entity_id: str | None = None) -> tuple[str, ...]:
    """Every address of a number of the ecosystem, or of one entity (see [`Ecosystem.addresses`][cocreation.Ecosystem.addresses])."""
    entities: Iterable[Entity] = ecosystem if entity_id is None else (ecosystem[entity_id],)
    return tuple(address for entity in entities for address in _addresses_under(entity, entity.id))


def _addresses_under(value: Any, prefix: str) -> Iterator[str]:
    for name in _fields(value):
        held = getattr(value, name)
        if _is_number(held):
            yield f"{prefix}.{name}"
        elif isinstance(held, _NESTED):
            yield from _addresses_under(held, f"{prefix}.{name}")
        elif _members(held):
            for position, member in enumerate(held):
                attribute = _KEYS.get(type(member))
                key = position if attribute is None else getattr(member, attribute)
                yield from _addresses_under(member, f"{prefix}.{name}[{key}]")
