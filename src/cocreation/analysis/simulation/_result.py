"""What a simulation returns: figures per run, period and actor, with frames and summaries."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, get_args

from cocreation._optional import require
from cocreation.accounting import FIRM_LINES, Timing, discounted
from cocreation.analysis.simulation._plan import FIRM_MEASURES, Plan
from cocreation.analysis.simulation._run import ChunkResult
from cocreation.errors import ValidationError

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    Floats = npt.NDArray[Any]

__all__ = ["MEASURES", "Simulation"]

MEASURES: Final[tuple[str, ...]] = (
    "active",
    "net_value_flow",
    "net_money",
    "net_benefit",
    *FIRM_MEASURES,
    "cocreation_cost",
    "firm_value",
)
"""What a simulation records per run, period and actor, in the order of its frames.

- ``active``: a customer's members active in the period (customers only);
- ``net_value_flow``: every actor's net value flow in the period: what it receives
  minus what it gives and spends, fixed costs included, investment in period 0;
- ``net_money``: money received minus money paid (zero summed over the actors);
- ``net_benefit``: a customer's net benefit in the period (its net value flow);
- the firm-value lines of [`FIRM_LINES`][cocreation.accounting.FIRM_LINES], then
  ``cocreation_cost`` (their costs) and ``firm_value`` (their signed sum): what each
  customer brings the organisation in the period (customers only).

Examples:
    >>> MEASURES[:4]
    ('active', 'net_value_flow', 'net_money', 'net_benefit')
"""

_TIMINGS: Final = get_args(Timing)
_NETWORK: Final = frozenset({"net_value_flow", "net_money"})
_COSTS: Final = [number for number, line in enumerate(FIRM_LINES) if line.sign < 0]
_SIGNS: Final = [line.sign for line in FIRM_LINES]


def _timing(value: object) -> Timing:
    if value not in _TIMINGS:
        raise ValidationError("timing", value, "one of 'retained', 'start', 'end'")
    timing: Timing = value  # type: ignore[assignment]
    return timing


class Simulation:
    """The figures of a simulation, per run, period and actor.

    Attributes:
        runs: How many runs.
        periods: How many periods each run lasted (0 is the first).
        seed: The seed the runs were drawn from.
        actors: Every actor's id, in the ecosystem's order.
        kinds: Each actor's kind (``"customer"``, ``"organisation"``, ``"partner"``).
        customers: The customers' ids, in the ecosystem's order.
        organisation: The focal organisation, whose view the firm-value lines take.
        discount_rate: Its discount rate per period, used to discount later periods.

    Build it with [`simulate`][cocreation.simulate].

    Examples:
        >>> import cocreation as cc
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_organisation("gym", discount_rate=0.1)
        ...     .add_offering("pass", provider="gym", price=100.0, unit_cost=40.0)
        ...     .add_customer("members", count=500, retention=0.8)
        ...     .add_interaction("subscribe", customer="members", counterpart="gym",
        ...                      offering="pass", units=1)
        ... )
        >>> sim = cc.simulate(eco, periods=3, runs=4, seed=1)
        >>> sim.runs, sim.periods, sim.actors
        (4, 3, ('gym', 'members'))
        >>> sim.values("active").shape  # runs, periods, customers
        (4, 3, 1)
    """

    def __init__(self, plan: Plan, parts: Sequence[ChunkResult], *, seed: int) -> None:
        import numpy as np

        self.seed = seed
        self.periods = plan.periods
        self.actors = plan.actors
        self.kinds = plan.kinds
        self.customers = plan.customers
        self.organisation = plan.organisation
        self.discount_rate = plan.discount_rate
        self._customer_actor = plan.customer_actor
        self._active = np.concatenate([part.active for part in parts])
        self.runs = len(self._active)
        self._parts: list[dict[str, Floats]] = [
            {
                name: np.concatenate([getattr(part.recurring, name) for part in parts])
                for name in ("net", "money", "firm")
            }
        ]
        if parts[0].once is not None:
            self._parts.append(
                {
                    name: np.concatenate([getattr(part.once, name) for part in parts])
                    for name in ("net", "money", "firm")
                }
            )

    def __repr__(self) -> str:
        return (
            f"Simulation(runs={self.runs}, periods={self.periods}, actors={len(self.actors)}, "
            f"seed={self.seed})"
        )

    # ---------------------------------------------------------------- arrays

    def labels(self, measure: str) -> tuple[str, ...]:
        """Whose figures a measure holds: every actor's, or the customers' only.

        Examples:
            >>> import cocreation as cc
            >>> sim = cc.simulate(cc.example_ecosystem(), periods=2, seed=0)
            >>> sim.labels("net_value_flow") == sim.actors, sim.labels("firm_value") == sim.customers
            (True, True)
        """
        _measure(measure)
        return self.actors if measure in _NETWORK else self.customers

    def values(self, measure: str) -> Floats:
        """A measure as an array of shape (runs, periods, len(labels(measure))).

        Each period's figure holds its recurring and its one-off flows.

        Raises:
            ValidationError: ``measure`` is not one of [`MEASURES`][cocreation.analysis.MEASURES].

        Examples:
            >>> import cocreation as cc
            >>> sim = cc.simulate(cc.example_ecosystem(), periods=2, seed=0)
            >>> float(abs(sim.values("net_money").sum(axis=2)).max()) < 1e-6  # money is conserved
            True
        """
        _measure(measure)
        if measure == "active":
            return self._active
        total = self._part(measure, 0)
        for number in range(1, len(self._parts)):
            total = total + self._part(measure, number)
        return total

    def _part(self, measure: str, number: int) -> Floats:
        """One part of a measure: 0 its recurring flows, 1 its one-off flows."""
        import numpy as np

        part = self._parts[number]
        if measure == "net_value_flow":
            return part["net"]
        if measure == "net_money":
            return part["money"]
        if measure == "net_benefit":
            return part["net"][:, :, self._customer_actor]
        firm = part["firm"]
        if measure == "cocreation_cost":
            costs: Floats = firm[:, :, :, _COSTS].sum(axis=3)
            return costs
        if measure == "firm_value":
            total: Floats = firm @ np.array(_SIGNS, dtype=np.float64)
            return total
        line: Floats = firm[:, :, :, FIRM_MEASURES.index(measure)]
        return line

    def horizon(self, timing: Timing) -> int:
        """How many periods' flows a timing counts: the ``horizon`` of the matching closed form.

        ``"start"`` and ``"end"`` count every period; ``"retained"`` counts the flows
        from period 1 on, those of the members retained through the period before.

        Examples:
            >>> import cocreation as cc
            >>> sim = cc.simulate(cc.example_ecosystem(), periods=10, seed=0)
            >>> sim.horizon("start"), sim.horizon("retained")
            (10, 9)
        """
        return self.periods - 1 if _timing(timing) == "retained" else self.periods

    def weights(self, timing: Timing, *, once: bool = False) -> Floats:
        """What one unit of each period's flows is worth in money of period 0, by timing.

        Recurring flows follow the timing: ``"start"``, a period's flows arrive at its
        start, ``1/(1+d)^t``; ``"end"``, at its end, ``1/(1+d)^(t+1)``;
        ``"retained"``, period t's flows are those of the members retained through
        period t − 1, at its end, so ``1/(1+d)^t`` from period 1 on and nothing for
        period 0 (the period of acquisition). With retention alone these are the
        conventions of [`clv`][cocreation.clv]. One-off flows (``once=True``) count
        in their own period whatever the timing, ``1/(1+d)^t``, as
        [`firm_value`][cocreation.firm_value] counts them.

        Examples:
            >>> import cocreation as cc
            >>> sim = cc.simulate(cc.example_ecosystem(), periods=3, seed=0)
            >>> sim.weights("retained").round(4).tolist(), sim.discount_rate
            ([0.0, 0.9259, 0.8573], 0.08)
            >>> sim.weights("retained", once=True).round(4).tolist()
            [1.0, 0.9259, 0.8573]
        """
        import numpy as np

        timing = _timing(timing)
        period = np.arange(self.periods, dtype=np.float64)
        shifted = period + 1.0 if timing == "end" and not once else period
        weights: Floats = discounted(np.ones(self.periods), self.discount_rate, shifted)
        if timing == "retained" and not once:
            weights[0] = 0.0
        return weights

    def cumulative(self, measure: str, *, timing: Timing) -> Floats:
        """A measure discounted to period 0 and summed up to each period: (runs, periods, labels).

        Recurring and one-off flows are discounted as
        [`weights`][cocreation.analysis.Simulation.weights] says.

        Examples:
            >>> import cocreation as cc
            >>> sim = cc.simulate(cc.example_ecosystem(), periods=4, runs=3, seed=0)
            >>> sim.cumulative("firm_value", timing="start").shape[:2]
            (3, 4)
        """
        import numpy as np

        _measure(measure)
        if measure == "active":
            raise ValidationError("measure", measure, "a measure of value, not 'active'")
        total: Floats | None = None
        for number in range(len(self._parts)):
            weights = self.weights(timing, once=number == 1)
            part = self._part(measure, number) * weights[None, :, None]
            total = part if total is None else total + part
        assert total is not None
        summed: Floats = np.cumsum(total, axis=1)
        return summed

    def discounted(self, measure: str, *, timing: Timing) -> Floats:
        """A measure discounted to period 0 and summed over the periods: (runs, labels).

        For a customer's ``lifetime_value`` with retention alone, its mean over many
        runs is the finite-horizon [`clv`][cocreation.clv] of the same timing and
        ``horizon=sim.horizon(timing)``.

        Examples:
            >>> import cocreation as cc
            >>> sim = cc.simulate(cc.example_ecosystem(), periods=4, runs=3, seed=0)
            >>> sim.discounted("net_value_flow", timing="end").shape == (3, len(sim.actors))
            True
        """
        total: Floats = self.cumulative(measure, timing=timing)[:, -1, :]
        return total

    # ---------------------------------------------------------------- frames

    def to_frame(self) -> pd.DataFrame:
        """Every figure as a tidy DataFrame: one row per run, period and actor.

        Columns: ``run``, ``period``, ``actor``, ``kind``, then the
        [`MEASURES`][cocreation.analysis.MEASURES]; a measure of customers only is
        missing (NaN) on the rows of the organisation and the partners.

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> import cocreation as cc
            >>> sim = cc.simulate(cc.example_ecosystem(), periods=2, runs=3, seed=0)
            >>> frame = sim.to_frame()
            >>> list(frame.columns[:6])
            ['run', 'period', 'actor', 'kind', 'active', 'net_value_flow']
            >>> len(frame) == 3 * 2 * len(sim.actors)
            True
        """
        import numpy as np

        pandas = require("pandas", "pandas", "Simulation.to_frame")
        runs, periods, width = self.runs, self.periods, len(self.actors)
        size = runs * periods * width
        columns: dict[str, Any] = {
            "run": np.repeat(np.arange(runs, dtype=np.int64), periods * width),
            "period": np.tile(np.repeat(np.arange(periods, dtype=np.int64), width), runs),
            "actor": pandas.Categorical.from_codes(
                np.tile(np.arange(width), runs * periods), categories=list(self.actors)
            ),
            "kind": np.tile(np.array(self.kinds, dtype=object), runs * periods),
        }
        for measure in MEASURES:
            values = self.values(measure)
            if measure in _NETWORK:
                columns[measure] = values.reshape(size).astype(np.float64)
                continue
            full = np.full((runs, periods, width), np.nan)
            full[:, :, self._customer_actor] = values
            columns[measure] = full.reshape(size)
        frame: pd.DataFrame = pandas.DataFrame(columns)
        return frame

    def summary(
        self, *, timing: Timing | None = None, quantiles: Sequence[float] = (0.05, 0.5, 0.95)
    ) -> pd.DataFrame:
        """Every measure across runs: mean, standard error of the mean and quantiles.

        Without ``timing``, one row per period, actor and measure; with a timing, one
        row per actor and measure of its figures discounted to period 0 and summed
        over the periods (``active`` is then left out). The standard error is the
        runs' standard deviation over the square root of their number (NaN for a
        single run).

        Args:
            timing: ``None`` for the figures of each period, or how to discount
                them (see [`weights`][cocreation.analysis.Simulation.weights]).
            quantiles: The quantiles to add, each in [0, 1]; columns ``q0.05`` and so on.

        Raises:
            ValidationError: A quantile outside [0, 1], or an unknown timing.
            MissingExtraError: pandas is not installed.

        Examples:
            >>> import cocreation as cc
            >>> sim = cc.simulate(cc.example_ecosystem(), periods=3, runs=50, seed=2)
            >>> table = sim.summary(timing="start")
            >>> list(table.columns)
            ['actor', 'measure', 'mean', 'se', 'q0.05', 'q0.5', 'q0.95']
        """
        import numpy as np

        pandas = require("pandas", "pandas", "Simulation.summary")
        levels = [float(q) if isinstance(q, int | float) else q for q in quantiles]
        for number, q in enumerate(levels):
            if not isinstance(q, float) or not math.isfinite(q) or not 0.0 <= q <= 1.0:
                raise ValidationError(f"quantiles[{number}]", q, "a number in [0, 1]")
        if timing is not None:
            _timing(timing)
        pieces = []
        for measure in MEASURES:
            if timing is not None and measure == "active":
                continue
            labels = self.labels(measure)
            values = (
                self.values(measure).astype(np.float64)
                if timing is None
                else self.discounted(measure, timing=timing)[:, None, :]
            )
            periods = values.shape[1]
            mean = values.mean(axis=0)
            if self.runs > 1:
                se = values.std(axis=0, ddof=1) / math.sqrt(self.runs)
            else:
                se = np.full_like(mean, np.nan)
            piece: dict[str, Any] = {
                "period": np.repeat(np.arange(periods), len(labels)),
                "actor": np.tile(np.array(labels, dtype=object), periods),
                "measure": measure,
                "mean": mean.reshape(-1),
                "se": se.reshape(-1),
            }
            if levels:
                found = np.quantile(values, levels, axis=0)
                for q, column in zip(levels, found, strict=True):
                    piece[f"q{q:g}"] = column.reshape(-1)
            pieces.append(pandas.DataFrame(piece))
        table: pd.DataFrame = pandas.concat(pieces, ignore_index=True)
        if timing is not None:
            table = table.drop(columns="period")
        return table


def _measure(name: object) -> str:
    if name not in MEASURES:
        raise ValidationError("measure", name, f"one of {', '.join(MEASURES)}")
    return str(name)
