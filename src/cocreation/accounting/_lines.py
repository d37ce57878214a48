"""The lines of the accounts, declared once: their names, signs and co-creation levels.

Every view (objects, columns, frames, reports, plots) reads its lines, their order,
their signs and the level each firm-value line belongs to from here, so a line is
never a benefit in one place and a cost in another.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from attrs import frozen

from cocreation.model import CoCreationLevel

__all__ = [
    "COST_LINE",
    "FIRM_LINES",
    "LEDGER_LINES",
    "LINES",
    "OUTGOING",
    "VALUE_LINE",
    "FirmLine",
    "Line",
]


@frozen
class Line:
    """One line of a ledger row: what it holds and whether it counts for or against its actor.

    Attributes:
        name: The line's name, a field of the ledger's rows and of the results.
        sign: ``+1`` for what the actor gets, ``-1`` for what it gives or spends.
        meaning: What the line holds, in words.

    Examples:
        >>> LEDGER_LINES[0]
        Line(name='value_in_use', sign=1, meaning="what a customer's use is worth to it (customers only)")
    """

    name: str
    sign: int
    meaning: str


LEDGER_LINES: Final[tuple[Line, ...]] = (
    Line("value_in_use", +1, "what a customer's use is worth to it (customers only)"),
    Line("value_received", +1, "value objects received, valued by the receiver"),
    Line("money_received", +1, "money received from another actor"),
    Line("money_paid", -1, "money paid to another actor"),
    Line(
        "expenses",
        -1,
        "money spent outside the network: unit and module costs, variable costs, money contributed",
    ),
    Line("time_cost", -1, "the customer's hours at its value of time"),
    Line("effort", -1, "the customer's effort, in money"),
    Line("risk", -1, "the customer's expected risk loss, probability times loss"),
    Line("psychic_cost", -1, "the customer's psychic cost, in money"),
)
"""The lines of a ledger row, in order, with their signs.

For a customer the lines with sign ``-1`` are Kotler's total customer cost (its
sacrifices); for every actor they are what it gives in a net value flow.

Examples:
    >>> [line.name for line in LEDGER_LINES if line.sign < 0][:2]
    ['money_paid', 'expenses']
"""

LINES: Final[tuple[str, ...]] = tuple(line.name for line in LEDGER_LINES)
"""The names of the lines of a ledger row, in order.

- ``value_in_use``: what a customer's use is worth to it (customers only);
- ``value_received``: value objects received, valued by the receiver;
- ``money_received`` and ``money_paid``: money moved between actors;
- ``expenses``: money spent outside the network (unit and module costs, partners'
  variable costs, money contributed to an interaction);
- ``time_cost``, ``effort``, ``risk``, ``psychic_cost``: the customer's non-monetary
  sacrifices, in money.

Examples:
    >>> LINES[:3]
    ('value_in_use', 'value_received', 'money_received')
"""

OUTGOING: Final[frozenset[str]] = frozenset(line.name for line in LEDGER_LINES if line.sign < 0)
"""The ledger lines that count against their actor: a customer's sacrifices, anyone's outlays.

Examples:
    >>> sorted(OUTGOING)[:3]
    ['effort', 'expenses', 'money_paid']
"""


@frozen
class FirmLine:
    """One line of firm value: the lifetime value, a level's value, or a level's cost.

    Attributes:
        name: The line's name, a field of [`FirmValue`][cocreation.FirmValue].
        level: The co-creation level whose flows it reads, or ``None`` for the lifetime
            value of purchases and use.
        sign: ``+1`` for value the customer brings, ``-1`` for what co-creating costs.

    Examples:
        >>> FIRM_LINES[1]
        FirmLine(name='referral_value', level=<CoCreationLevel.REFERRAL: 'referral'>, sign=1)
    """

    name: str
    level: CoCreationLevel | None
    sign: int


FIRM_LINES: Final[tuple[FirmLine, ...]] = (
    FirmLine("lifetime_value", None, +1),
    FirmLine("referral_value", CoCreationLevel.REFERRAL, +1),
    FirmLine("influence_value", CoCreationLevel.SUPPORT, +1),
    FirmLine("knowledge_value", CoCreationLevel.DESIGN, +1),
    FirmLine("coproduction_savings", CoCreationLevel.PRODUCTION, +1),
    FirmLine("design_cost", CoCreationLevel.DESIGN, -1),
    FirmLine("production_cost", CoCreationLevel.PRODUCTION, -1),
    FirmLine("referral_cost", CoCreationLevel.REFERRAL, -1),
    FirmLine("support_cost", CoCreationLevel.SUPPORT, -1),
)
"""The lines of firm value (Kumar et al. 2010), in order, each with its level and sign.

The costs together are the ``cocreation_cost``; the signed lines sum to the total.

Examples:
    >>> [line.name for line in FIRM_LINES if line.sign < 0]
    ['design_cost', 'production_cost', 'referral_cost', 'support_cost']
"""

VALUE_LINE: Final[Mapping[CoCreationLevel, str]] = {
    line.level: line.name for line in FIRM_LINES if line.level is not None and line.sign > 0
}
"""The firm-value line that holds each co-creation level's value.

Examples:
    >>> VALUE_LINE[CoCreationLevel.SUPPORT]
    'influence_value'
"""

COST_LINE: Final[Mapping[CoCreationLevel, str]] = {
    line.level: line.name for line in FIRM_LINES if line.level is not None and line.sign < 0
}
"""The firm-value line that holds what each co-creation level costs the organisation.

Examples:
    >>> COST_LINE[CoCreationLevel.DESIGN]
    'design_cost'
"""
