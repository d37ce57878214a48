"""Monte Carlo: uncertain inputs drawn run by run, every actor's figure as a distribution."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cocreation.accounting import check_measures
from cocreation.analysis._distributions import (
    Distribution,
    as_distribution,
    correlation_matrix,
    rank_correlated,
)
from cocreation.analysis._evaluate import (
    Output,
    evaluate,
    measures_for,
    options,
    output_of,
    within_support,
)
from cocreation.analysis._runs import CHUNK_RUNS, chunks
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    from cocreation.accounting import Timing

    Floats = npt.NDArray[Any]

__all__ = ["QUANTILES", "MonteCarlo", "monte_carlo"]

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
"""The quantiles [`MonteCarlo.summary`][cocreation.MonteCarlo.summary] shows by default.

Examples:
    >>> QUANTILES[2]
    0.5
"""


class MonteCarlo:
    """The runs of a Monte Carlo analysis: what [`monte_carlo`][cocreation.monte_carlo] returns.

    Attributes:
        parameters: The uncertain inputs' addresses, in the order given.
        distributions: Each input's distribution.
        samples: One row per run, one column per input: the values drawn.
        measure: The measure of the output.
        labels: What each column of ``values`` is: actors' (or customers') ids, or
            the measure's name for a measure of the whole ecosystem.
        values: One row per run, one column per label: the output's values.
        total_value_created: Each run's total value created.
        win_win: Whether each run is win-win (``None`` for a difference of two
            analyses, see [`difference`][cocreation.MonteCarlo.difference]).
        seed: The seed; ``runs`` and ``chunk_size`` are ``len(self)`` and the
            chunks' size.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.analysis import Uniform
        >>> eco = cc.example_ecosystem()
        >>> result = cc.monte_carlo(
        ...     eco, {"small-businesses.retention": Uniform(0.7, 0.9)}, runs=2_000, seed=1
        ... )
        >>> len(result), result.labels[:2]
        (2000, ('alpine-telecom', 'cloud'))
        >>> result.probability_win_win
        1.0
    """

    def __init__(
        self,
        *,
        parameters: tuple[str, ...],
        distributions: tuple[Distribution, ...],
        samples: Floats,
        output: Output,
        values: Floats,
        total_value_created: Floats,
        win_win: Floats | None,
        seed: int,
        chunk_size: int,
    ) -> None:
        self.parameters = parameters
        self.distributions = distributions
        self.samples = samples
        self.measure = output.measure
        self.labels = output.labels
        self._output = output
        self.values = values
        self.total_value_created = total_value_created
        self.win_win = win_win
        self.seed = seed
        self.chunk_size = chunk_size
        for array in (samples, values, total_value_created, win_win):
            if array is not None:
                array.flags.writeable = False

    def __len__(self) -> int:
        return len(self.values)

    def __repr__(self) -> str:
        return (
            f"MonteCarlo(runs={len(self)}, seed={self.seed}, parameters={list(self.parameters)},"
            f" measure={self.measure!r}, outputs={len(self.labels)})"
        )

    def mean(self) -> dict[str, float]:
        """Each output's mean over the runs.

        Examples:
            >>> import cocreation as cc
            >>> result = cc.monte_carlo(cc.example_ecosystem(), {"cloud.fixed_cost": (3000.0, 5000.0)},
            ...                         runs=4_000, seed=2)
            >>> round(result.mean()["cloud"], -2)  # 3200 at the mean fixed cost of 4000
            3200.0
        """
        return dict(zip(self.labels, self.values.mean(axis=0).tolist(), strict=True))

    def standard_error(self) -> dict[str, float]:
        """Each output's standard error of the mean: its standard deviation over the root of the runs.

        Examples:
            >>> import cocreation as cc
            >>> result = cc.monte_carlo(cc.example_ecosystem(), {"cloud.fixed_cost": (3000.0, 5000.0)},
            ...                         runs=4_000, seed=2)
            >>> 0 < result.standard_error()["cloud"] < 20
            True
        """
        import numpy as np

        runs = len(self)
        spread = self.values.std(axis=0, ddof=1) if runs > 1 else np.zeros(len(self.labels))
        return dict(zip(self.labels, (spread / np.sqrt(runs)).tolist(), strict=True))

    def quantiles(self, q: Sequence[float] = QUANTILES) -> dict[str, list[float]]:
        """Each output's quantiles over the runs (linear interpolation).

        Examples:
            >>> import cocreation as cc
            >>> result = cc.monte_carlo(cc.example_ecosystem(), {"cloud.fixed_cost": (3000.0, 5000.0)},
            ...                         runs=4_000, seed=2)
            >>> low, middle, high = result.quantiles([0.0, 0.5, 1.0])["cloud"]
            >>> 11_200 - 2 * 5000 <= low < middle < high <= 11_200 - 2 * 3000
            True
            >>> round(middle, -3)
            3000.0
        """
        import numpy as np

        found = np.quantile(self.values, list(q), axis=0)
        return {label: found[:, n].tolist() for n, label in enumerate(self.labels)}

    def probability_of_loss(self) -> dict[str, float]:
        """The share of runs in which each output is below zero.

        Examples:
            >>> import cocreation as cc
            >>> result = cc.monte_carlo(cc.example_ecosystem(), {"cloud.fixed_cost": (3000.0, 9000.0)},
            ...                         runs=4_000, seed=2)
            >>> # Cloud nets 11,200 - 2 x its fixed cost over two periods: a loss above 5,600.
            >>> round(result.probability_of_loss()["cloud"], 1)  # (9000 - 5600) / 6000 = 0.57
            0.6
        """
        return dict(zip(self.labels, (self.values < 0.0).mean(axis=0).tolist(), strict=True))

    @property
    def probability_win_win(self) -> float:
        """The share of runs in which every actor's net value flow is at least zero.

        ``NaN`` for a [`difference`][cocreation.MonteCarlo.difference].
        """
        if self.win_win is None:
            return float("nan")
        return float(self.win_win.mean())

    def summary(self, quantiles: Sequence[float] = QUANTILES) -> pd.DataFrame:
        """Each output's distribution over the runs: one row per actor (or output).

        Columns: ``actor``, ``mean``, ``sd``, ``standard_error``, one column per
        quantile (``q5``, ``q50``, ...), and ``probability_of_loss``.

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> import cocreation as cc
            >>> result = cc.monte_carlo(cc.example_ecosystem(), {"cloud.fixed_cost": (3000.0, 5000.0)},
            ...                         runs=1_000, seed=2)
            >>> list(result.summary().columns)
            ['actor', 'mean', 'sd', 'standard_error', 'q5', 'q25', 'q50', 'q75', 'q95', 'probability_of_loss']
        """
        from cocreation._optional import require

        pandas = require("pandas", "pandas", "MonteCarlo.summary")
        import numpy as np

        found = self.quantiles(quantiles)
        errors = self.standard_error()
        columns: dict[str, Any] = {
            "actor": list(self.labels),
            "mean": list(self.mean().values()),
            "sd": [errors[label] * np.sqrt(len(self)) for label in self.labels],
            "standard_error": list(errors.values()),
        }
        for number, q in enumerate(quantiles):
            columns[f"q{100 * q:g}"] = [found[label][number] for label in self.labels]
        columns["probability_of_loss"] = list(self.probability_of_loss().values())
        frame: pd.DataFrame = pandas.DataFrame(columns)
        return frame

    def to_frame(self) -> pd.DataFrame:
        """The runs as a tidy DataFrame: one row per run and actor (or output).

        Columns: ``run``, one column per input with the value drawn, ``actor``, the
        output's measure (its name as the column's), then ``total_value_created`` and
        ``win_win`` of the run.

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> import cocreation as cc
            >>> result = cc.monte_carlo(cc.example_ecosystem(), {"cloud.fixed_cost": (3000.0, 5000.0)},
            ...                         runs=10, seed=2)
            >>> frame = result.to_frame()
            >>> len(frame), list(frame.columns)
            (70, ['run', 'cloud.fixed_cost', 'actor', 'net_value_flow', 'total_value_created', 'win_win'])
        """
        from cocreation._optional import require

        pandas = require("pandas", "pandas", "MonteCarlo.to_frame")
        import numpy as np

        runs, outputs = self.values.shape
        columns: dict[str, Any] = {"run": np.repeat(np.arange(runs), outputs)}
        for number, address in enumerate(self.parameters):
            columns[address] = np.repeat(self.samples[:, number], outputs)
        columns["actor"] = np.tile(np.array(self.labels, dtype=object), runs)
        columns[self.measure] = self.values.reshape(-1)
        if self.measure != "total_value_created":
            columns["total_value_created"] = np.repeat(self.total_value_created, outputs)
        if self.win_win is not None and self.measure != "win_win":
            columns["win_win"] = np.repeat(self.win_win, outputs)
        frame: pd.DataFrame = pandas.DataFrame(columns)
        return frame

    def difference(self, baseline: MonteCarlo) -> MonteCarlo:
        """This analysis minus a baseline, run by run: what the scenario changes, paired.

        Both analyses must draw the same inputs from the same distributions with the
        same seed and chunks: their runs then see the same numbers (common random
        numbers), and each run's difference is the scenario's effect alone, without
        the noise of the draws. Outputs are paired by label; those of one analysis
        only are left out.

        Raises:
            ValidationError: The analyses differ in their inputs, distributions,
                seed, runs, chunks or measure, or share no output.

        Examples:
            >>> import cocreation as cc
            >>> eco = cc.example_ecosystem()
            >>> inputs = {"small-businesses.retention": (0.7, 0.9)}
            >>> before = cc.monte_carlo(eco, inputs, runs=1_000, seed=5)
            >>> after = cc.monte_carlo(eco.with_values({"cloud.fixed_cost": 5000.0}), inputs,
            ...                        runs=1_000, seed=5)
            >>> change = after.difference(before)
            >>> change.mean()["cloud"], change.standard_error()["cloud"]  # two periods of 1000 more
            (-2000.0, 0.0)
        """
        import numpy as np

        if not isinstance(baseline, MonteCarlo):
            raise ValidationError("baseline", baseline, "a MonteCarlo result")
        mine = (self.parameters, self.distributions, self.seed, len(self), self.chunk_size)
        theirs = (
            baseline.parameters,
            baseline.distributions,
            baseline.seed,
            len(baseline),
            baseline.chunk_size,
        )
        if mine != theirs or self.measure != baseline.measure:
            raise ValidationError(
                "baseline",
                baseline,
                "an analysis of the same inputs, distributions, seed, runs, chunks and measure",
            )
        common = [label for label in baseline.labels if label in self.labels]
        if not common:
            raise ValidationError("baseline", baseline, "an analysis with outputs in common")
        mine_at = [self.labels.index(label) for label in common]
        theirs_at = [baseline.labels.index(label) for label in common]
        output = Output(self.measure, tuple(common), None, self._output.actor)
        return MonteCarlo(
            parameters=self.parameters,
            distributions=self.distributions,
            samples=self.samples,
            output=output,
            values=np.asarray(self.values[:, mine_at] - baseline.values[:, theirs_at]),
            total_value_created=np.asarray(self.total_value_created - baseline.total_value_created),
            win_win=None,
            seed=self.seed,
            chunk_size=self.chunk_size,
        )


def draw(
    addresses: Sequence[str],
    distributions: Sequence[Distribution],
    scores: Floats | None,
    correlated: Sequence[int],
    *,
    runs: int,
    seed: int,
    chunk_size: int,
) -> Floats:
    """Every run's inputs, chunk by chunk: each input from its own stream of the chunk."""
    import numpy as np

    samples = np.empty((runs, len(addresses)), dtype=np.float64)
    for chunk in chunks(runs, seed, size=chunk_size):
        block = np.column_stack(
            [
                np.asarray(dist.draw(chunk.generator(address), len(chunk)), dtype=np.float64)
                for address, dist in zip(addresses, distributions, strict=True)
            ]
        )
        if scores is not None:
            names = "rank correlation:" + "|".join(addresses[i] for i in correlated)
            block[:, correlated] = rank_correlated(
                block[:, correlated], scores, chunk.generator(names)
            )
        samples[chunk.start : chunk.stop] = block
    return samples


def monte_carlo(
    ecosystem: Ecosystem,
    distributions: Mapping[str, Any],
    *,
    runs: int,
    seed: int,
    output: str | tuple[str, str] = "net_value_flow",
    correlation: Mapping[tuple[str, str], float] | None = None,
    timing: Timing | None = None,
    organisation: str | None = None,
    horizon: int | None = None,
    growth: float = 0.0,
    periods: int | None = None,
    discount_rate: float = 0.0,
    chunk_size: int = CHUNK_RUNS,
    progress: bool = False,
    executor: Any = None,
) -> MonteCarlo:
    """Draw uncertain inputs run by run and get every actor's figure as a distribution.

    Each run draws every input from its distribution and accounts the ecosystem with
    those values ([`Ecosystem.with_values`][cocreation.Ecosystem.with_values]); the
    runs are accounted together by the bulk path ([`cocreation.bulk.variants`][cocreation.bulk.variants]),
    in chunks of ``chunk_size`` runs. Each chunk draws from generators spawned from
    ``seed`` ([`chunks`][cocreation.analysis.chunks]), one stream per input named by
    its address ([`Chunk.generator`][cocreation.analysis.Chunk.generator]): the same
    seed gives bit-identical results here or on any executor, and two analyses with
    the same inputs and seed draw the same numbers (common random numbers), so that
    two scenarios compared run by run ([`difference`][cocreation.MonteCarlo.difference])
    differ only by the scenario.

    Before any run, each distribution is checked against its field: one that can
    draw a value the field rejects (a retention above 1) fails, naming the address
    and the value; then every value drawn is checked as well. An integer field (a
    segment's ``count``) takes a distribution of integers, such as
    ``scipy.stats.randint(150, 251)``.

    Args:
        ecosystem: The ecosystem.
        distributions: The distribution of each uncertain input, by address: a
            built-in ([`Uniform`][cocreation.analysis.Uniform],
            [`Normal`][cocreation.analysis.Normal], [`Triangular`][cocreation.analysis.Triangular],
            [`Beta`][cocreation.analysis.Beta], [`LogNormal`][cocreation.analysis.LogNormal]),
            a frozen ``scipy.stats`` distribution, or a ``(low, high)`` range (uniform).
        runs: How many runs (>= 1).
        seed: The seed (an integer >= 0).
        output: The measure to keep for every run: a measure of actors
            (``"net_value_flow"``, the default) or of customers (``"net_benefit"``,
            ``"firm_value"``) for each of them, ``(measure, id)`` for one of them,
            or ``"total_value_created"``.
        correlation: Rank (Spearman) correlations between inputs, by pair of
            addresses, imposed within each chunk by the method of Iman & Conover
            (each input keeps its distribution).
        timing: The timing convention of firm value.
        organisation: The focal organisation of firm value (default: the only one).
        horizon: The horizon of firm value (default: infinite).
        growth: The growth of firm value's flows per period.
        periods: The periods of the net value flows.
        discount_rate: The rate that discounts later periods' net value flows.
        chunk_size: Runs per chunk; the draws depend on it, never on where chunks run.
        progress: Show a progress bar (the ``progress`` extra).
        executor: Where the chunks run: ``None`` (here), a ``concurrent.futures``
            executor or a Dask ``distributed.Client``.

    Returns:
        The runs: each output's mean, standard error, quantiles and probability of a
        loss, and the probability that the ecosystem is win-win.

    Raises:
        UnknownIdError: An address or an output names an id the ecosystem does not hold.
        ValidationError: A bad address, a distribution that can draw a value its
            field rejects, impossible correlations, or bad options; named, before
            any run.
        MissingExtraError: pandas (and with it NumPy) is not installed.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.analysis import Triangular, Uniform
        >>> eco = cc.example_ecosystem()
        >>> result = cc.monte_carlo(
        ...     eco, {"business-internet.price": Triangular(900.0, 1200.0, 1300.0)},
        ...     runs=1_000, seed=7, output=("net_value_flow", "alpine-telecom"),
        ... )
        >>> round(result.probability_of_loss()["alpine-telecom"], 2)  # a price below about 1000
        0.07
        >>> cc.monte_carlo(eco, {"small-businesses.retention": Uniform(0.7, 1.1)}, runs=10, seed=1)
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: small-businesses.retention: expected a finite number in [0, 1], for every value Uniform(low=0.7, high=1.1) can draw, got 1.1
    """
    import numpy as np

    if not isinstance(distributions, Mapping) or not distributions:
        raise ValidationError(
            "distributions", distributions, "a mapping of addresses to distributions"
        )
    addresses = tuple(distributions)
    chosen = tuple(as_distribution(distributions[a], a) for a in addresses)
    for address, dist in zip(addresses, chosen, strict=True):
        within_support(ecosystem, address, dist)
    target = output_of(ecosystem, output)
    settings = options(
        timing=timing,
        organisation=organisation,
        horizon=horizon,
        growth=growth,
        periods=periods,
        discount_rate=discount_rate,
    )
    taken = measures_for([target])
    taken = check_measures(ecosystem, [*taken, "total_value_created", "win_win"], **settings)
    scores = correlation_matrix(correlation, addresses)
    correlated: list[int] = []
    if scores is not None:
        correlated = sorted({addresses.index(a) for pair in correlation or {} for a in pair})
        scores = scores[np.ix_(correlated, correlated)]
    chunks(runs, seed, size=chunk_size)  # checks runs, seed and chunk size
    samples = draw(
        addresses, chosen, scores, correlated, runs=runs, seed=seed, chunk_size=chunk_size
    )
    measured = evaluate(
        ecosystem,
        addresses,
        samples,
        measures=taken,
        settings=settings,
        executor=executor,
        progress=progress,
        description="monte carlo",
        size=chunk_size,
    )
    return MonteCarlo(
        parameters=addresses,
        distributions=chosen,
        samples=samples,
        output=target,
        values=target.of(measured),
        total_value_created=measured["total_value_created"],
        win_win=measured["win_win"],
        seed=seed,
        chunk_size=chunk_size,
    )
