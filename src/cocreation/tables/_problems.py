"""One record for a bad row, and the checks that find them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import frozen

from cocreation.errors import UnknownIdError, ValidationError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["Checks", "Problem"]


@frozen
class Problem:
    """One invalid value in one row: where it is, what is wrong, and the value that is.

    Attributes:
        table: The table (``"interactions"``, ``"transfers"``, ``"customers"``, ...).
        row: The row, counted from 0 among the data rows (a CSV file's header is not
            a row: row 0 is its second line).
        field: The column.
        value: The value found (as read; for CSV, the text of the cell).
        reason: What the column expects, in words.
        unknown_id: Whether the value is an id that the ecosystem (or the table
            referred to) does not hold.

    Examples:
        >>> problem = Problem("interactions", 3, "risk_probability", 1.5,
        ...                   "expected a finite number in [0, 1]")
        >>> str(problem)
        'interactions row 3, risk_probability: expected a finite number in [0, 1], got 1.5'
        >>> problem.error()
        ValidationError('interactions[3].risk_probability: expected a finite number in [0, 1], got 1.5')
    """

    table: str
    row: int
    field: str
    value: Any
    reason: str
    unknown_id: bool = False

    def __str__(self) -> str:
        return f"{self.table} row {self.row}, {self.field}: {self.reason}, got {self.value!r}"

    def error(self) -> ValidationError | UnknownIdError:
        """The library's error for this problem, as a strict reader raises it.

        Examples:
            >>> Problem("transfers", 0, "source", "nobody", "expected the id of an actor",
            ...         unknown_id=True).error()
            UnknownIdError("transfers[0].source: expected the id of an actor, got unknown id 'nobody'")
        """
        field = f"{self.table}[{self.row}].{self.field}"
        expected = self.reason.removeprefix("expected ")
        if self.unknown_id:
            return UnknownIdError(field, self.value, expected)
        return ValidationError(field, self.value, expected)


class Checks:
    """Runs vectorised checks over a table: raises on the first bad row, or collects every one.

    Args:
        collect: Keep a [`Problem`][cocreation.tables.Problem] for every bad row in
            ``problems`` instead of raising the error of the first.

    Examples:
        >>> import numpy as np
        >>> checks = Checks(collect=True)
        >>> checks.flag("interactions", "effort", np.array([False, True]), "a finite number >= 0",
        ...             lambda row: -1.0)
        >>> print(checks.problems[0])
        interactions row 1, effort: expected a finite number >= 0, got -1.0
        >>> Checks(collect=False).flag("interactions", "effort", np.array([True]),
        ...                            "a finite number >= 0", lambda row: -1.0)
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: interactions[0].effort: expected a finite number >= 0, got -1.0
    """

    def __init__(self, *, collect: bool) -> None:
        self.collect = collect
        self.problems: list[Problem] = []

    def flag(
        self,
        table: str,
        column: str,
        bad: npt.NDArray[Any],
        expected: str,
        value: Callable[[int], Any],
        *,
        unknown: bool = False,
    ) -> None:
        """Report the rows where ``bad`` is true, reading each one's value with ``value(row)``.

        Examples:
            >>> import numpy as np
            >>> checks = Checks(collect=True)
            >>> checks.flag("t", "c", np.array([False]), "anything", lambda row: None)
            >>> checks.problems
            []
        """
        import numpy as np

        if not bad.any():
            return
        rows = np.flatnonzero(bad)
        reason = f"expected {expected}"
        if not self.collect:
            row = int(rows[0])
            raise Problem(table, row, column, value(row), reason, unknown).error()
        self.problems.extend(
            Problem(table, int(row), column, value(int(row)), reason, unknown) for row in rows
        )
