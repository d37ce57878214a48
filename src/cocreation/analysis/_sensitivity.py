"""Global sensitivity analysis: which uncertain inputs drive an output, and how much.

Three methods, from cheapest to most thorough (Saltelli et al. 2010; Morris 1991):

- ``"one_at_a_time"``: each input swung from one end to the other, the others at
  the ecosystem's values: the tornado of a spreadsheet, ``2k + 1`` accounts;
- ``"morris"``: elementary effects along random one-at-a-time trajectories through
  the inputs' ranges (Morris 1991; ``mu_star`` after Campolongo et al. 2007), a
  screening that sees non-linearity and interactions, ``r (k + 1)`` accounts;
- ``"sobol"``: first-order and total variance shares (Saltelli et al. 2010), with
  bootstrap confidence intervals, through ``scipy.stats.sobol_indices``,
  ``n (k + 2)`` accounts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from cocreation._optional import require
from cocreation.accounting import check_measures
from cocreation.analysis._distributions import Distribution, Uniform, as_distribution
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

__all__ = ["METHODS", "Sensitivity", "sensitivity"]

METHODS: Final = ("sobol", "morris", "one_at_a_time")
"""The methods of [`sensitivity`][cocreation.sensitivity].

Examples:
    >>> METHODS
    ('sobol', 'morris', 'one_at_a_time')
"""

_TAIL: Final = 0.05  # the ends of an unbounded or peaked distribution: 5% and 95%
_EDGE: Final = 2.0**-53  # keeps a uniform draw of exactly 0 off an infinite quantile


class Sensitivity:
    """How much each uncertain input drives each output: what [`sensitivity`][cocreation.sensitivity] returns.

    Attributes:
        method: ``"sobol"``, ``"morris"`` or ``"one_at_a_time"``.
        parameters: The inputs' addresses, in the order given.
        distributions: Each input's distribution (a range is a uniform one).
        measure: The output's measure; ``labels`` what each output is (actors' ids,
            or the measure's name for a measure of the whole ecosystem).
        indices: The method's figures, each one row per output and one column per
            input: ``first_order``, ``total_order`` and their intervals
            ``first_order_low`` ... ``total_order_high`` (Sobol); ``mu``,
            ``mu_star`` and ``sigma`` (Morris, in the output's unit per full range
            of the input); ``output_low``, ``output_high`` and ``swing`` (one at a
            time).
        ends: For one at a time and Morris, each input's two ends (one row each).
        base: For one at a time, each output at the ecosystem's own values.
        runs: How many variants were accounted.

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.example_ecosystem()
        >>> result = cc.sensitivity(
        ...     eco,
        ...     {"business-internet.price": (1000.0, 1400.0), "cloud.fixed_cost": (3000.0, 5000.0)},
        ...     output=("net_value_flow", "alpine-telecom"),
        ...     method="one_at_a_time",
        ... )
        >>> result.ranking("alpine-telecom")
        ('business-internet.price', 'cloud.fixed_cost')
        >>> [round(x) for x in result.indices["swing"][0]]
        [152000, 0]
    """

    def __init__(
        self,
        *,
        method: str,
        parameters: tuple[str, ...],
        distributions: tuple[Distribution, ...],
        output: Output,
        indices: Mapping[str, Floats],
        ends: Floats | None,
        base: Floats | None,
        runs: int,
        seed: int | None,
    ) -> None:
        self.method = method
        self.parameters = parameters
        self.distributions = distributions
        self.measure = output.measure
        self.labels = output.labels
        self.indices = dict(indices)
        self.ends = ends
        self.base = base
        self.runs = runs
        self.seed = seed
        for array in self.indices.values():
            array.flags.writeable = False

    def __repr__(self) -> str:
        return (
            f"Sensitivity(method={self.method!r}, parameters={list(self.parameters)},"
            f" measure={self.measure!r}, outputs={len(self.labels)}, runs={self.runs})"
        )

    @property
    def key(self) -> str:
        """The figure that ranks the inputs: ``total_order``, ``mu_star`` or ``swing``."""
        return {"sobol": "total_order", "morris": "mu_star"}.get(self.method, "swing")

    def ranking(self, label: str | None = None) -> tuple[str, ...]:
        """The inputs from the one that drives an output most to the one that drives it least.

        Args:
            label: The output (an actor's id); ``None`` where there is one output.

        Raises:
            ValidationError: Not an output of the analysis.

        Examples:
            >>> import cocreation as cc
            >>> result = cc.sensitivity(
            ...     cc.example_ecosystem(),
            ...     {"cloud.fixed_cost": (0.0, 1000.0), "portal.fixed_cost": (0.0, 4000.0)},
            ...     method="one_at_a_time",
            ... )
            >>> result.ranking()
            ('portal.fixed_cost', 'cloud.fixed_cost')
        """
        import numpy as np

        row = self._row(label)
        figures = np.nan_to_num(self.indices[self.key][row], nan=-1.0)
        order = sorted(range(len(self.parameters)), key=lambda i: -figures[i])
        return tuple(self.parameters[i] for i in order)

    def _row(self, label: str | None) -> int:
        if label is None and len(self.labels) == 1:
            return 0
        if label not in self.labels:
            raise ValidationError("label", label, f"one of {list(self.labels)}")
        return self.labels.index(label)

    def to_frame(self) -> pd.DataFrame:
        """The figures as a tidy DataFrame: one row per output (actor) and input.

        Columns: ``actor``, ``parameter``, then the method's figures (see ``indices``);
        for one at a time and Morris also ``low`` and ``high``, the input's ends, and
        for one at a time ``base``, the output at the ecosystem's own values.

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> import cocreation as cc
            >>> result = cc.sensitivity(cc.example_ecosystem(), {"cloud.fixed_cost": (0.0, 1000.0)},
            ...                         method="one_at_a_time")
            >>> list(result.to_frame().columns)
            ['actor', 'parameter', 'low', 'high', 'base', 'output_low', 'output_high', 'swing']
        """
        pandas = require("pandas", "pandas", "Sensitivity.to_frame")
        import numpy as np

        outputs, inputs = len(self.labels), len(self.parameters)
        columns: dict[str, Any] = {
            "actor": np.repeat(np.array(self.labels, dtype=object), inputs),
            "parameter": np.tile(np.array(self.parameters, dtype=object), outputs),
        }
        if self.ends is not None:
            columns["low"] = np.tile(self.ends[0], outputs)
            columns["high"] = np.tile(self.ends[1], outputs)
        if self.base is not None:
            columns["base"] = np.repeat(self.base, inputs)
        for name, figures in self.indices.items():
            columns[name] = figures.reshape(-1)
        frame: pd.DataFrame = pandas.DataFrame(columns)
        return frame


def _quantiles(dist: Distribution, u: Floats) -> Floats:
    """Values of an input at probabilities ``u`` in [0, 1] between its two ends."""
    import numpy as np

    if isinstance(dist, Uniform):
        low, high = 0.0, 1.0
    else:
        low, high = _TAIL, 1.0 - _TAIL
    return np.asarray(dist.ppf(low + np.asarray(u) * (high - low)), dtype=np.float64)


def _to_fields(values: Floats, integer: Sequence[bool]) -> Floats:
    """Design values as the fields take them: integer fields at the nearest integer."""
    import numpy as np

    rounded = values.copy()
    for column, whole in enumerate(integer):
        if whole:
            rounded[:, column] = np.round(rounded[:, column])
    return rounded


def _one_at_a_time(dists: Sequence[Distribution], base: Sequence[float]) -> tuple[Floats, Floats]:
    import numpy as np

    inputs = len(dists)
    ends = np.array([[_quantiles(d, np.array([0.0, 1.0]))[e] for d in dists] for e in (0, 1)])
    design = np.tile(np.asarray(base, dtype=np.float64), (2 * inputs + 1, 1))
    for i in range(inputs):
        design[1 + i, i] = ends[0, i]
        design[1 + inputs + i, i] = ends[1, i]
    return design, ends


def _morris_design(
    dists: Sequence[Distribution], trajectories: int, levels: int, seed: int, size: int
) -> tuple[Floats, Floats, Floats]:
    """Morris trajectories: the unit-cube points, each step's input, and its direction."""
    import numpy as np

    inputs = len(dists)
    delta = levels / (2.0 * (levels - 1))
    points = np.empty((trajectories, inputs + 1, inputs))
    moved = np.empty((trajectories, inputs), dtype=np.int64)
    sign = np.empty((trajectories, inputs))
    for chunk in chunks(trajectories, seed, size=size):
        rng = chunk.generator("morris")
        for t in range(chunk.start, chunk.stop):
            start = rng.integers(0, levels // 2, inputs) / (levels - 1.0)
            direction = rng.choice([-1.0, 1.0], inputs)
            order = rng.permutation(inputs)
            x = np.where(direction > 0, start, start + delta)
            points[t, 0] = x
            for step, i in enumerate(order, start=1):
                x = x.copy()
                x[i] += direction[i] * delta
                points[t, step] = x
            moved[t] = order
            sign[t] = direction[order]
    return points, moved, sign * delta


def _sobol(
    f_a: Floats, f_b: Floats, f_ab: Floats, *, confidence: float, resamples: int, rng: Any
) -> dict[str, Floats]:
    """First and total indices with bootstrap intervals; ``NaN`` where an output never varies."""
    import numpy as np

    stats = require("scipy.stats", "scipy", "sensitivity(method='sobol')")
    outputs, inputs, n = f_a.shape[0], f_ab.shape[0], f_a.shape[1]
    found = {
        name: np.full((outputs, inputs), np.nan)
        for name in (
            "first_order",
            "total_order",
            "first_order_low",
            "first_order_high",
            "total_order_low",
            "total_order_high",
        )
    }
    both = np.concatenate([f_a, f_b], axis=1)
    varies = (both != both[:, :1]).any(axis=1)  # a variance of a constant need not be 0.0
    if not varies.any():
        return found
    a, b, ab = f_a[varies], f_b[varies], f_ab[:, varies]
    shape = (int(varies.sum()), inputs)

    def indices(rows: Floats) -> Floats:
        result = stats.sobol_indices(
            func={"f_A": a[:, rows], "f_B": b[:, rows], "f_AB": ab[..., rows]}, n=n
        )
        return np.stack(
            [
                np.reshape(result.first_order, shape),
                np.reshape(result.total_order, shape),
            ]
        )

    whole = indices(np.arange(n))
    found["first_order"][varies], found["total_order"][varies] = whole
    boot = stats.bootstrap(
        (np.arange(n),),
        indices,
        n_resamples=resamples,
        confidence_level=confidence,
        method="percentile",
        vectorized=False,
        rng=rng,
    )
    low, high = boot.confidence_interval.low, boot.confidence_interval.high
    found["first_order_low"][varies], found["total_order_low"][varies] = low
    found["first_order_high"][varies], found["total_order_high"][varies] = high
    return found


def _count(name: str, value: Any, low: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise ValidationError(name, value, f"an integer >= {low}")
    return value


def sensitivity(
    ecosystem: Ecosystem,
    parameters: Mapping[str, Any],
    *,
    output: str | tuple[str, str] = "total_value_created",
    method: str = "sobol",
    samples: int | None = None,
    seed: int | None = None,
    levels: int = 4,
    confidence: float = 0.95,
    resamples: int = 999,
    timing: Timing | None = None,
    organisation: str | None = None,
    horizon: int | None = None,
    growth: float = 0.0,
    periods: int | None = None,
    discount_rate: float = 0.0,
    chunk_size: int = CHUNK_RUNS,
    progress: bool = False,
    executor: Any = None,
) -> Sensitivity:
    """Which uncertain inputs drive an output (any actor's figure, or the ecosystem's), and how much.

    The inputs are numbers named by address, each with a range ``(low, high)`` or a
    distribution. Every design point is the ecosystem with those values; all are
    checked first, then accounted together by the bulk path
    ([`cocreation.bulk.variants`][cocreation.bulk.variants]) in seeded chunks, here or
    on an executor.

    - ``"sobol"``: first-order indices (the share of the output's variance an input
      explains alone) and total indices (alone and with every other input), after
      Saltelli et al. (2010), with percentile bootstrap intervals, through
      ``scipy.stats.sobol_indices`` (the ``scipy`` extra). The design draws
      ``samples`` (a power of two) rows of two independent matrices, each input from
      its own stream, through the inputs' quantile functions. Inputs are taken as
      independent.
    - ``"morris"``: ``samples`` random trajectories on a grid of ``levels`` levels
      (Morris 1991): ``mu`` and ``sigma``, the mean and spread of each input's
      elementary effects, and ``mu_star``, the mean of their absolute values
      (Campolongo et al. 2007), in the output's unit per full range of the input.
    - ``"one_at_a_time"``: each input at each end, the others at the ecosystem's own
      values; ``swing`` is the distance between the two outputs (a tornado).

    An input's two ends are a range's own ends (and a uniform distribution's); for
    any other distribution, its 5% and 95% quantiles. Integer fields (a segment's
    ``count``) take the nearest integer of each design value.

    Args:
        ecosystem: The ecosystem.
        parameters: The uncertain inputs by address: ``(low, high)`` or a
            distribution (see [`monte_carlo`][cocreation.monte_carlo]).
        output: ``"total_value_created"`` (the default), a measure of actors or
            customers for each of them (``"net_value_flow"``, ``"net_benefit"``,
            ``"firm_value"``), or ``(measure, id)`` for one of them.
        method: ``"sobol"``, ``"morris"`` or ``"one_at_a_time"``.
        samples: Sobol's base samples (a power of two; default 1024) or Morris's
            trajectories (default 20).
        seed: The seed of Sobol's and Morris's designs (an integer >= 0; required
            by them).
        levels: Morris's grid levels (even, >= 2).
        confidence: The confidence level of Sobol's intervals.
        resamples: The bootstrap resamples of Sobol's intervals.
        timing: The timing convention of firm value.
        organisation: The focal organisation of firm value (default: the only one).
        horizon: The horizon of firm value (default: infinite).
        growth: The growth of firm value's flows per period.
        periods: The periods of the net value flows.
        discount_rate: The rate that discounts later periods' net value flows.
        chunk_size: Design rows per chunk.
        progress: Show a progress bar (the ``progress`` extra).
        executor: Where the chunks run: ``None`` (here), a ``concurrent.futures``
            executor or a Dask ``distributed.Client``.

    Returns:
        The figures of every input for every output.

    Raises:
        UnknownIdError: An address or an output names an id the ecosystem does not hold.
        ValidationError: A bad address, a range or distribution whose values the
            field rejects, an unknown method, a bad number of samples, a missing
            seed, or bad options; named, before anything is accounted.
        MissingExtraError: pandas is not installed; for Sobol, SciPy (the ``scipy`` extra).

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.example_ecosystem()
        >>> inputs = {"cloud.fixed_cost": (0.0, 1000.0), "portal.fixed_cost": (0.0, 2000.0)}
        >>> result = cc.sensitivity(eco, inputs, samples=2048, seed=1, resamples=99)
        >>> [round(x, 1) for x in result.indices["first_order"][0].tolist()]  # shares 1 to 4
        [0.2, 0.8]
        >>> cc.sensitivity(eco, {"small-businesses.retention": (0.5, 1.5)}, method="one_at_a_time")
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: small-businesses.retention: expected a finite number in [0, 1], for every value Uniform(low=0.5, high=1.5) can draw, got 1.5
    """
    import numpy as np

    if not isinstance(parameters, Mapping) or not parameters:
        raise ValidationError("parameters", parameters, "a mapping of addresses to ranges")
    if method not in METHODS:
        raise ValidationError("method", method, f"one of {list(METHODS)}")
    addresses = tuple(parameters)
    dists = tuple(as_distribution(parameters[a], a) for a in addresses)
    for address, dist in zip(addresses, dists, strict=True):
        # Sobol draws from the whole distribution; the others use it between its ends.
        low, high = _quantiles(dist, np.array([0.0, 1.0])).tolist()
        used = None if method == "sobol" else (low, high)
        within_support(ecosystem, address, dist, ends=used, nearest=True)
    found = [ecosystem.parameter(address) for address in addresses]
    integer = [one.integer for one in found]
    target = output_of(ecosystem, output)
    settings = options(
        timing=timing,
        organisation=organisation,
        horizon=horizon,
        growth=growth,
        periods=periods,
        discount_rate=discount_rate,
    )
    taken = check_measures(ecosystem, measures_for([target]), **settings)
    _count("chunk_size", chunk_size, 1)
    if method != "one_at_a_time":
        if seed is None:
            raise ValidationError("seed", seed, f"an integer >= 0: {method!r} draws its design")
        _count("seed", seed, 0)
    if method == "sobol":
        require("scipy.stats", "scipy", "sensitivity(method='sobol')")
        size = _count("samples", 1024 if samples is None else samples, 2)
        if size & (size - 1):
            raise ValidationError("samples", size, "a power of two (Sobol's balance)")
        if not isinstance(confidence, float) or not 0.0 < confidence < 1.0:
            raise ValidationError("confidence", confidence, "a number in (0, 1)")
        _count("resamples", resamples, 1)
    if method == "morris":
        size = _count("samples", 20 if samples is None else samples, 1)
        if _count("levels", levels, 2) % 2:
            raise ValidationError("levels", levels, "an even number of levels")

    def run(design: Floats) -> Floats:
        measured = evaluate(
            ecosystem,
            addresses,
            _to_fields(design, integer),
            measures=taken,
            settings=settings,
            executor=executor,
            progress=progress,
            description="sensitivity",
            size=chunk_size,
        )
        return target.of(measured)

    inputs = len(addresses)
    ends: Floats | None = None
    base: Floats | None = None
    if method == "one_at_a_time":
        current: list[float] = []
        for one in found:
            if one.value is None:
                raise ValidationError(
                    one.address,
                    None,
                    "a number the ecosystem holds, to swing from one at a time (it models"
                    " none: set it first, or use Sobol or Morris)",
                )
            current.append(one.value)
        design, ends = _one_at_a_time(dists, current)
        ends = _to_fields(ends, integer)
        y = run(design)
        low, high = y[1 : 1 + inputs].T, y[1 + inputs :].T
        indices = {"output_low": low, "output_high": high, "swing": np.abs(high - low)}
        base = y[0]
        runs = len(design)
    elif method == "morris":
        points, moved, step = _morris_design(dists, size, levels, seed or 0, chunk_size)
        flat = points.reshape(-1, inputs)
        values = np.column_stack([_quantiles(d, flat[:, i]) for i, d in enumerate(dists)])
        y = run(values).reshape(size, inputs + 1, -1)
        effects = np.empty((size, inputs, y.shape[2]))
        rows = np.arange(size)[:, None]
        effects[rows, moved] = (y[:, 1:] - y[:, :-1]) / step[:, :, None]
        spread = effects.std(axis=0, ddof=1) if size > 1 else np.full(effects.shape[1:], np.nan)
        indices = {
            "mu": effects.mean(axis=0).T,
            "mu_star": np.abs(effects).mean(axis=0).T,
            "sigma": spread.T,
        }
        ends = _to_fields(
            np.array([[_quantiles(d, np.array([e]))[0] for d in dists] for e in (0.0, 1.0)]),
            integer,
        )
        runs = len(values)
    else:
        a = np.empty((size, inputs))
        b = np.empty((size, inputs))
        for chunk in chunks(size, seed or 0, size=chunk_size):
            for i, (address, dist) in enumerate(zip(addresses, dists, strict=True)):
                u = chunk.generator(address).random((len(chunk), 2))
                a[chunk.start : chunk.stop, i] = dist.ppf(np.clip(u[:, 0], _EDGE, 1 - _EDGE))
                b[chunk.start : chunk.stop, i] = dist.ppf(np.clip(u[:, 1], _EDGE, 1 - _EDGE))
        mixed = [a.copy() for _ in range(inputs)]
        for i in range(inputs):
            mixed[i][:, i] = b[:, i]
        y = run(np.concatenate([a, b, *mixed]))
        f_a, f_b = y[:size].T, y[size : 2 * size].T
        f_ab = np.stack([y[(2 + i) * size : (3 + i) * size].T for i in range(inputs)])
        rng = chunks(1, seed or 0)[0].generator("bootstrap")
        indices = _sobol(f_a, f_b, f_ab, confidence=confidence, resamples=resamples, rng=rng)
        runs = len(y)
    return Sensitivity(
        method=method,
        parameters=addresses,
        distributions=dists,
        output=target,
        indices=indices,
        ends=ends,
        base=base,
        runs=runs,
        seed=seed,
    )
