"""Sweeps: every combination of some numbers' values (or paired values), every measure of each."""

from __future__ import annotations

import builtins
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cocreation.accounting import MEASURES, check_measures
from cocreation.analysis._evaluate import PER_CUSTOMER, PER_POINT, evaluate, options
from cocreation.ecosystem import Ecosystem, kind_of
from cocreation.errors import ValidationError

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    from cocreation.accounting import Timing

    Floats = npt.NDArray[Any]

__all__ = ["Sweep", "sweep"]


class Sweep:
    """Every point of a sweep with its measures: what [`sweep`][cocreation.sweep] returns.

    Attributes:
        parameters: The addresses swept, in the order given.
        points: One row per point, one column per address: the values it was given.
        actors: The actors' ids; ``kinds`` their kind strings; ``customers`` the
            customers' ids.
        measures: Each measure taken, one row per point (and one column per actor
            or customer for the measures of actors and customers).

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.example_ecosystem()
        >>> result = cc.sweep(eco, {"business-internet.price": [1000.0, 1200.0, 1400.0]})
        >>> len(result), result.parameters
        (3, ('business-internet.price',))
        >>> [round(x) for x in result.measure("net_value_flow", "small-businesses")]
        [487500, 407500, 327500]
    """

    def __init__(
        self,
        ecosystem: Ecosystem,
        parameters: tuple[str, ...],
        points: Floats,
        measures: Mapping[str, Floats],
    ) -> None:
        self.parameters = parameters
        self.points = points
        self.actors = tuple(actor.id for actor in ecosystem.actors)
        self.kinds = tuple(kind_of(actor) for actor in ecosystem.actors)
        self.customers = tuple(customer.id for customer in ecosystem.customers)
        self.measures = dict(measures)
        points.flags.writeable = False
        for array in self.measures.values():
            array.flags.writeable = False

    def __len__(self) -> int:
        return len(self.points)

    def __repr__(self) -> str:
        return (
            f"Sweep(points={len(self)}, parameters={list(self.parameters)},"
            f" measures={list(self.measures)})"
        )

    def values(self, parameter: str) -> Floats:
        """The values one address takes, point by point.

        Raises:
            ValidationError: Not an address of the sweep.

        Examples:
            >>> import cocreation as cc
            >>> result = cc.sweep(cc.example_ecosystem(), {"cloud.fixed_cost": [0.0, 500.0]})
            >>> result.values("cloud.fixed_cost").tolist()
            [0.0, 500.0]
        """
        if parameter not in self.parameters:
            raise ValidationError("parameter", parameter, f"one of {list(self.parameters)}")
        values: Floats = self.points[:, self.parameters.index(parameter)]
        return values

    def measure(self, name: str, actor: str | None = None) -> Floats:
        """One measure point by point: of one actor (or customer), or of the ecosystem.

        Args:
            name: The measure (see [`MEASURES`][cocreation.accounting.MEASURES]).
            actor: The actor's (or customer's) id, for the measures of actors and
                customers; ``None`` for all of them (one column each).

        Raises:
            ValidationError: A measure not taken, or an actor for a measure of the
                whole ecosystem.
            UnknownIdError: An id that is not an actor (or customer) of the ecosystem.

        Examples:
            >>> import cocreation as cc
            >>> result = cc.sweep(cc.example_ecosystem(), {"cloud.fixed_cost": [0.0, 500.0]})
            >>> created = result.measure("total_value_created")
            >>> (created[0] - created[1]).item()  # 500 more in each of the two periods
            1000.0
        """
        from cocreation.errors import UnknownIdError

        if name not in self.measures:
            raise ValidationError(
                "measure", name, f"one of the measures taken: {list(self.measures)}"
            )
        values = self.measures[name]
        if actor is None:
            return values
        if name in PER_POINT:
            raise ValidationError("actor", actor, f"None: {name!r} is the ecosystem's")
        ids = self.customers if name in PER_CUSTOMER else self.actors
        if actor not in ids:
            raise UnknownIdError("actor", actor, f"the id of one of {list(ids)}")
        column: Floats = values[:, ids.index(actor)]
        return column

    def to_frame(self) -> pd.DataFrame:
        """The sweep as a tidy DataFrame: one row per point and actor.

        Columns: ``point``, one column per address swept, ``actor``, ``kind``, the
        measures of actors and customers (``NaN`` where an actor is no customer), then
        ``total_value_created`` and ``win_win`` of the point.

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> import cocreation as cc
            >>> result = cc.sweep(cc.example_ecosystem(), {"cloud.fixed_cost": [0.0, 500.0]})
            >>> frame = result.to_frame()
            >>> len(frame) == 2 * len(result.actors), list(frame.columns[:4])
            (True, ['point', 'cloud.fixed_cost', 'actor', 'kind'])
        """
        from cocreation._optional import require

        pandas = require("pandas", "pandas", "Sweep.to_frame")
        import numpy as np

        count, actors = len(self), len(self.actors)
        columns: dict[str, Any] = {"point": np.repeat(np.arange(count), actors)}
        for number, address in enumerate(self.parameters):
            columns[address] = np.repeat(self.points[:, number], actors)
        columns["actor"] = np.tile(np.array(self.actors, dtype=object), count)
        columns["kind"] = np.tile(np.array(self.kinds, dtype=object), count)
        customer_of = [
            self.customers.index(actor) if actor in self.customers else -1 for actor in self.actors
        ]
        where = np.array(customer_of, dtype=np.int64)
        for name in MEASURES:
            if name not in self.measures:
                continue
            values = self.measures[name]
            if name in PER_POINT:
                columns[name] = np.repeat(values, actors)
            elif name in PER_CUSTOMER:
                spread = np.full((count, actors), np.nan)
                spread[:, where >= 0] = values[:, where[where >= 0]]
                columns[name] = spread.reshape(-1)
            else:
                columns[name] = values.reshape(-1)
        frame: pd.DataFrame = pandas.DataFrame(columns)
        return frame


def _points(values: Mapping[str, Iterable[Any]], paired: bool) -> tuple[tuple[str, ...], Floats]:
    """Every combination of the values (or the values paired), one row per point."""
    import numpy as np

    if not isinstance(values, Mapping) or not values:
        raise ValidationError("values", values, "a mapping of addresses to the values they take")
    lists: dict[str, list[Any]] = {}
    for address, given in values.items():
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise ValidationError(f"values[{address!r}]", given, "a sequence of numbers")
        listed = list(given.tolist() if hasattr(given, "tolist") else given)
        if not listed:
            raise ValidationError(f"values[{address!r}]", given, "at least one value")
        lists[address] = listed
    addresses = tuple(lists)
    if paired:
        lengths = {address: len(listed) for address, listed in lists.items()}
        if len(set(lengths.values())) != 1:
            raise ValidationError(
                "values", lengths, "sequences of one length, to pair with zip=True"
            )
        rows = list(builtins.zip(*lists.values(), strict=True))
    else:
        rows = list(itertools.product(*lists.values()))
    try:
        points = np.array(rows, dtype=np.float64).reshape(len(rows), len(addresses))
    except (TypeError, ValueError):
        bad = next((a, v) for a, listed in lists.items() for v in listed if not _number(v))
        raise ValidationError(f"values[{bad[0]!r}]", bad[1], "a number") from None
    return addresses, points


def _number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return not isinstance(value, bool | str)


def sweep(
    ecosystem: Ecosystem,
    values: Mapping[str, Iterable[float]],
    *,
    zip: bool = False,
    measures: Sequence[str] | None = None,
    timing: Timing | None = None,
    organisation: str | None = None,
    horizon: int | None = None,
    growth: float = 0.0,
    periods: int | None = None,
    discount_rate: float = 0.0,
    progress: bool = False,
    executor: Any = None,
) -> Sweep:
    """Every combination of some numbers' values, with each actor's figures at each point.

    The numbers are named by address ([`Ecosystem.parameter`][cocreation.Ecosystem.parameter]).
    Every point is the ecosystem with those values
    ([`Ecosystem.with_values`][cocreation.Ecosystem.with_values]); all points are
    checked first, then accounted together in one pass of the bulk path
    ([`cocreation.bulk.variants`][cocreation.bulk.variants]), not one ecosystem at a
    time. e3value's sensitivity analysis, one number (the occurrences of a need, the
    count of a segment) over a range with every actor's net value flow, is the case
    of one address.

    Args:
        ecosystem: The ecosystem.
        values: The values each address takes.
        zip: Pair the values (the first point takes every address's first value,
            and so on) instead of taking every combination; the sequences must be
            of one length.
        measures: Which of [`MEASURES`][cocreation.accounting.MEASURES] to take
            (default: all; firm value only with a ``timing``).
        timing: The timing convention of firm value.
        organisation: The focal organisation of firm value (default: the only one).
        horizon: The horizon of firm value (default: infinite).
        growth: The growth of firm value's flows per period.
        periods: The periods of the net value flows (default: up to the last one
            with an interaction).
        discount_rate: The rate that discounts later periods' net value flows.
        progress: Show a progress bar (the ``progress`` extra).
        executor: Where the chunks of points run: ``None`` (here), a
            ``concurrent.futures`` executor or a Dask ``distributed.Client``.

    Returns:
        The points and their measures; ``to_frame()`` gives one row per point and actor.

    Raises:
        UnknownIdError: An address names an id the ecosystem does not hold.
        ValidationError: A bad address, a value its field rejects (naming the
            address and the value), values that cannot be paired, or bad options.
        MissingExtraError: pandas (and with it NumPy) is not installed.

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.example_ecosystem()
        >>> result = cc.sweep(
        ...     eco, {"small-businesses.count": [200, 400], "business-internet.price": [1000.0, 1200.0]}
        ... )
        >>> result.points.tolist()
        [[200.0, 1000.0], [200.0, 1200.0], [400.0, 1000.0], [400.0, 1200.0]]
        >>> [bool(x) for x in result.measure("win_win")]  # half the segment: Alpine Telecom loses
        [False, False, False, True]
        >>> [round(x) for x in result.measure("net_value_flow", "alpine-telecom")]
        [-125200, -87200, -400, 75600]
        >>> cc.sweep(eco, {"small-businesses.retention": [0.8, 1.1]})
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: small-businesses.retention: expected a finite number in [0, 1], got 1.1
    """
    addresses, points = _points(values, bool(zip))
    settings = options(
        timing=timing,
        organisation=organisation,
        horizon=horizon,
        growth=growth,
        periods=periods,
        discount_rate=discount_rate,
    )
    taken = check_measures(ecosystem, measures, **settings)
    measured = evaluate(
        ecosystem,
        addresses,
        points,
        measures=taken,
        settings=settings,
        executor=executor,
        progress=progress,
        description="sweep",
    )
    return Sweep(ecosystem, addresses, points, measured)
