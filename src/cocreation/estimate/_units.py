"""Units of time: every duration a fit reads or returns says what it is measured in."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Final

from attrs import field, frozen

from cocreation._optional import require
from cocreation.errors import ValidationError

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]

__all__ = ["DAYS_PER_YEAR", "Times", "Unit", "as_times", "parse_unit"]

DAYS_PER_YEAR: Final = 365.2425
"""Days in a year of the Gregorian calendar; a month is a twelfth of it (30.436875 days).

Examples:
    >>> DAYS_PER_YEAR / 12
    30.436875
"""

FEATURE: Final = "cocreation.estimate"


class Unit(enum.Enum):
    """The unit of time of a duration, a rate or a fitted model.

    ``DAY``, ``WEEK`` (7 days), ``MONTH`` (a twelfth of a Gregorian year, 30.436875
    days) and ``YEAR`` (365.2425 days) convert into one another; ``PERIOD`` is an
    unnamed period (a contract period, or whatever unit plain numbers are in) and
    converts into nothing. Fits keep the unit of their data, and mixing two units is
    an error: convert explicitly with [`Times.to`][cocreation.estimate.Times.to].

    Examples:
        >>> Unit("week").days
        7.0
        >>> Unit.WEEK.per(Unit.DAY)  # days in a week
        7.0
        >>> round(Unit.MONTH.per(Unit.WEEK), 4)
        4.3481
    """

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    PERIOD = "period"

    @property
    def days(self) -> float | None:
        """The length of the unit in days, or ``None`` for an unnamed ``PERIOD``.

        Examples:
            >>> Unit.YEAR.days, Unit.PERIOD.days
            (365.2425, None)
        """
        return _DAYS[self]

    def per(self, other: Unit) -> float:
        """How many ``other`` one of this unit holds: the factor from this unit to ``other``.

        Raises:
            ValidationError: One unit is an unnamed ``PERIOD`` and the other is not.

        Examples:
            >>> Unit.YEAR.per(Unit.MONTH)
            12.0
            >>> Unit.PERIOD.per(Unit.DAY)
            Traceback (most recent call last):
            ...
            cocreation.errors.ValidationError: unit: expected a unit that converts into days (an unnamed period does not), got 'period'
        """
        if self is other:
            return 1.0
        mine, theirs = self.days, other.days
        if mine is None or theirs is None:
            raise ValidationError(
                "unit",
                Unit.PERIOD.value,
                "a unit that converts into days (an unnamed period does not)",
            )
        return mine / theirs


_DAYS: Final[dict[Unit, float | None]] = {
    Unit.DAY: 1.0,
    Unit.WEEK: 7.0,
    Unit.MONTH: DAYS_PER_YEAR / 12.0,
    Unit.YEAR: DAYS_PER_YEAR,
    Unit.PERIOD: None,
}


def parse_unit(value: object, name: str = "unit") -> Unit:
    """A [`Unit`][cocreation.estimate.Unit] from a unit or its name, or an error naming ``name``.

    Raises:
        ValidationError: Not one of ``"day"``, ``"week"``, ``"month"``, ``"year"``, ``"period"``.

    Examples:
        >>> parse_unit("month")
        <Unit.MONTH: 'month'>
        >>> parse_unit("days")
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: unit: expected one of 'day', 'week', 'month', 'year', 'period', got 'days'
    """
    if isinstance(value, Unit):
        return value
    for unit in Unit:
        if value == unit.value:
            return unit
    choices = ", ".join(repr(unit.value) for unit in Unit)
    raise ValidationError(name, value, f"one of {choices}")


def _readonly(values: Any) -> Floats:
    np = require("numpy", "estimate", FEATURE)
    array = np.array(values, dtype=float, copy=True)
    array.setflags(write=False)
    result: Floats = array
    return result


@frozen(eq=False)
class Times:
    """Durations or points in time, with their unit: a NumPy array that knows what it measures.

    Recency and age from [`rfm`][cocreation.estimate.rfm] are ``Times``, so a model fitted
    to them knows its unit, and handing it durations in another unit is an error
    rather than a silent mix-up. ``numpy.asarray(times)`` gives the plain numbers.

    Args:
        values: A number or an array of numbers (copied, read-only).
        unit: Their unit: a [`Unit`][cocreation.estimate.Unit] or its name.

    Examples:
        >>> weeks = Times([1.0, 2.5], "week")
        >>> weeks.to("day").values.tolist()
        [7.0, 17.5]
        >>> weeks
        Times([1.0, 2.5], unit='week')
    """

    values: Floats = field(converter=_readonly)
    unit: Unit = field(converter=parse_unit)

    def to(self, unit: Unit | str) -> Times:
        """The same durations in another unit.

        Raises:
            ValidationError: An unknown unit, or a conversion to or from an unnamed ``PERIOD``.

        Examples:
            >>> Times(14.0, "day").to(Unit.WEEK).values.item()
            2.0
        """
        target = parse_unit(unit)
        return Times(self.values * self.unit.per(target), target)

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> Floats:
        if dtype is None:
            result: Floats = self.values
            return result.copy() if copy else result
        converted: Floats = self.values.astype(dtype)
        return converted

    def __len__(self) -> int:
        return len(self.values)

    def __repr__(self) -> str:
        return f"Times({self.values.tolist()!r}, unit={self.unit.value!r})"


def as_times(value: object, unit: Unit, name: str) -> Floats:
    """Plain numbers in ``unit``: a ``Times`` must already be in ``unit``; other values are read as in it.

    Raises:
        ValidationError: A ``Times`` in another unit (mixing units), or values that are
            not numbers.

    Examples:
        >>> as_times(Times([7.0], "day"), Unit.DAY, "age").tolist()
        [7.0]
        >>> as_times(Times([7.0], "day"), Unit.WEEK, "age")
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: age: expected durations in weeks, like the model (convert them with Times.to('week')), got Times([7.0], unit='day')
    """
    np = require("numpy", "estimate", FEATURE)
    if isinstance(value, Times):
        if value.unit is not unit:
            raise ValidationError(
                name,
                value,
                f"durations in {unit.value}s, like the model (convert them with Times.to({unit.value!r}))",
            )
        result: Floats = value.values
        return result
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValidationError(name, value, f"numbers in {unit.value}s") from error
    plain: Floats = array
    return plain
