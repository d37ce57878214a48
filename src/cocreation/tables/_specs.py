"""The bulk path's tables: their columns, what each accepts, and the codes of levels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, NamedTuple

from cocreation.model import (
    CoCreationLevel,
    Mode,
    ReferencePoint,
    ResourceKind,
    Sphere,
    TransferKind,
)

__all__ = ["COLUMNS", "LEVELS", "LONG_TABLES", "SPECS", "ColumnSpec"]


LEVELS: Final[tuple[CoCreationLevel | None, ...]] = (
    None,
    CoCreationLevel.DESIGN,
    CoCreationLevel.PRODUCTION,
    CoCreationLevel.REFERRAL,
    CoCreationLevel.SUPPORT,
)
"""The co-creation levels by their integer code in resolved tables and column ledgers.

Code 0 is no level (plain purchase and use); codes 1 to 4 are the levels, in the
order of the articles. Every columnar view reads levels through this one tuple.

Examples:
    >>> LEVELS.index(CoCreationLevel.REFERRAL)
    3
    >>> LEVELS[0] is None
    True
"""

LONG_TABLES: Final[tuple[str, ...]] = ("transfers", "achievements", "contributions", "modules")
"""The long tables, each joined to ``interactions.id`` by its ``interaction`` column.

Examples:
    >>> LONG_TABLES[0]
    'transfers'
"""


class ColumnSpec(NamedTuple):
    """One column of a table: how it is read and what it accepts.

    Attributes:
        name: The column's name.
        kind: ``"id"`` (the table's own ids), ``"ref"`` (an id of something else),
            ``"enum"``, ``"number"``, ``"period"`` (an integer >= 0), ``"text"`` or
            ``"bool"``.
        required: Whether the column must be there, with a value on every row.
        default: The value a missing one takes (``None``: stays missing).
        low: The smallest number accepted, if any.
        high: The largest number accepted, if any.
        choices: The accepted values of an ``"enum"`` column.

    Examples:
        >>> spec = ColumnSpec("risk_probability", "number", default=0.0, low=0.0, high=1.0)
        >>> spec.expected
        'a finite number in [0, 1], or a missing value for the default 0.0'
    """

    name: str
    kind: str
    required: bool = False
    default: Any = None
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def expected(self) -> str:
        """What the column accepts, in the words of the model's validators."""
        if self.kind in ("id", "ref"):
            text = "a non-empty id string without surrounding whitespace"
        elif self.kind == "enum":
            text = "one of " + ", ".join(repr(choice) for choice in self.choices)
        elif self.kind == "period":
            text = "an integer >= 0"
        elif self.kind == "text":
            text = "a string"
        elif self.kind == "bool":
            text = "True or False"
        elif self.low is not None and self.high is not None:
            text = f"a finite number in [{self.low:g}, {self.high:g}]"
        elif self.low is not None:
            text = f"a finite number >= {self.low:g}"
        else:
            text = "a finite number"
        if self.required:
            return text
        if self.default is None or self.kind in ("id", "ref"):
            return f"{text}, or a missing value"
        return f"{text}, or a missing value for the default {self.default!r}"


def _number(name: str, default: float | None = 0.0, *, high: float | None = None) -> ColumnSpec:
    return ColumnSpec(name, "number", default=default, low=0.0, high=high)


SPECS: Final[Mapping[str, tuple[ColumnSpec, ...]]] = {
    "interactions": (
        ColumnSpec("id", "id"),
        ColumnSpec("customer", "ref", required=True),
        ColumnSpec("counterpart", "ref"),
        ColumnSpec("reference_point", "enum", choices=tuple(p.value for p in ReferencePoint)),
        ColumnSpec("level", "enum", choices=tuple(level.value for level in LEVELS if level)),
        ColumnSpec("sphere", "enum", default="joint", choices=tuple(s.value for s in Sphere)),
        ColumnSpec("mode", "enum", default="direct", choices=tuple(m.value for m in Mode)),
        ColumnSpec("period", "period", default=0, low=0.0),
        ColumnSpec("offering", "ref"),
        _number("units"),
        _number("occurrences", 1.0),
        ColumnSpec("job", "ref"),
        _number("personalisation", high=1.0),
        _number("effort"),
        _number("risk_probability", high=1.0),
        _number("risk_loss"),
        _number("psychic_cost"),
        _number("hours"),
        _number("dart_dialogue", None, high=1.0),
        _number("dart_access", None, high=1.0),
        _number("dart_risk_benefits", None, high=1.0),
        _number("dart_transparency", None, high=1.0),
        ColumnSpec("recurring", "bool", default=True),
    ),
    "transfers": (
        ColumnSpec("interaction", "ref", required=True),
        ColumnSpec("source", "ref", required=True),
        ColumnSpec("target", "ref", required=True),
        ColumnSpec("amount", "number", required=True),
        ColumnSpec("kind", "enum", default="money", choices=tuple(k.value for k in TransferKind)),
        ColumnSpec("label", "text", default=""),
    ),
    "achievements": (
        ColumnSpec("interaction", "ref", required=True),
        ColumnSpec("outcome", "ref", required=True),
        ColumnSpec("level", "number", required=True, low=-1.0, high=1.0),
    ),
    "contributions": (
        ColumnSpec("interaction", "ref", required=True),
        ColumnSpec("actor", "ref", required=True),
        ColumnSpec("kind", "enum", required=True, choices=tuple(k.value for k in ResourceKind)),
        _number("amount"),
        ColumnSpec("description", "text", default=""),
    ),
    "modules": (
        ColumnSpec("interaction", "ref", required=True),
        ColumnSpec("module", "ref", required=True),
    ),
}
"""Every table's columns as [`ColumnSpec`][cocreation.tables.ColumnSpec]s, in order.

Examples:
    >>> [spec.name for spec in SPECS["achievements"]]
    ['interaction', 'outcome', 'level']
    >>> SPECS["interactions"][1].required
    True
"""

COLUMNS: Final[Mapping[str, tuple[str, ...]]] = {
    table: tuple(spec.name for spec in specs) for table, specs in SPECS.items()
}
"""The tables of the bulk path and their columns, in order.

``interactions`` (one row per interaction; only ``customer`` is required, and ``id``
when a long table refers to it; a missing value takes the default):

| column | meaning | default |
|---|---|---|
| ``id`` | unique id of the interaction | — |
| ``customer`` | id of the customer | required |
| ``counterpart`` | id of the other actor or topic | none (the customer alone) |
| ``reference_point`` | derived from ``counterpart``; if given, must agree | derived |
| ``level`` | ``design``, ``production``, ``referral``, ``support`` | none |
| ``sphere``, ``mode`` | Grönroos & Voima's sphere and mode | ``joint``, ``direct`` |
| ``period`` | contract period, an integer >= 0 | 0 |
| ``offering`` | id of the offering used or bought | none |
| ``units`` | units bought per occurrence (>= 0; needs ``offering``) | 0 |
| ``occurrences`` | how often, per member of the customer (>= 0) | 1 |
| ``job`` | id of one of the customer's jobs | none |
| ``personalisation`` | share of the achievement gap closed, in [0, 1] | 0 |
| ``effort``, ``risk_loss``, ``psychic_cost`` | per occurrence, in money (>= 0) | 0 |
| ``risk_probability`` | in [0, 1] | 0 |
| ``hours`` | the customer's own time, hours per occurrence (>= 0) | 0 |
| ``dart_dialogue``, ``dart_access``, ``dart_risk_benefits``, ``dart_transparency`` | DART scores in [0, 1] | none |
| ``recurring`` | ``True`` if it recurs every period of the customer's lifetime, ``False`` if it happens once | ``True`` |

Long tables, each joined by ``interaction`` (an ``interactions.id``):

- ``transfers``: ``source``, ``target`` (actor ids), ``amount`` (per occurrence;
  >= 0 for money), ``kind`` (``money`` or ``value``, default ``money``), ``label``;
- ``achievements``: ``outcome`` (an outcome of the interaction's job), ``level`` in
  [-1, 1]; at most one row per interaction and outcome;
- ``contributions``: ``actor``, ``kind`` (a resource kind), ``amount`` (>= 0, hours
  for time), ``description``;
- ``modules``: ``module`` (a module of the interaction's offering); at most one row
  per interaction and module.

Examples:
    >>> from cocreation.tables import COLUMNS
    >>> COLUMNS["modules"]
    ('interaction', 'module')
    >>> COLUMNS["interactions"][:3]
    ('id', 'customer', 'counterpart')
"""

# Messages shared by the checks with and without an ecosystem.
_NOT_SELF: Final = (
    "an id other than the customer's (leave it missing for an interaction with oneself)"
)
_OTHER_THAN_SOURCE: Final = "an actor other than the source"
