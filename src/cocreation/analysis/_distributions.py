"""Distributions of uncertain inputs: simple built-ins, SciPy's frozen ones, and rank correlation.

The built-ins ([`Uniform`][cocreation.analysis.Uniform], [`Normal`][cocreation.analysis.Normal],
[`Triangular`][cocreation.analysis.Triangular], [`Beta`][cocreation.analysis.Beta],
[`LogNormal`][cocreation.analysis.LogNormal]) draw with NumPy's generator and need no
SciPy; any frozen ``scipy.stats`` distribution (``scipy.stats.gamma(2.0)``) works
too. Each says what it can draw (``support``), draws (``draw``) and gives its
quantiles (``ppf``), which sensitivity analysis maps its designs through.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs
from attrs import frozen

from cocreation._optional import require
from cocreation.errors import ValidationError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[Any]

__all__ = [
    "Beta",
    "Distribution",
    "LogNormal",
    "Normal",
    "Triangular",
    "Uniform",
    "as_distribution",
    "correlation_matrix",
    "rank_correlated",
]


@runtime_checkable
class Distribution(Protocol):
    """What an uncertain input's distribution offers: its support, draws and quantiles.

    The built-ins and frozen ``scipy.stats`` distributions (through
    [`as_distribution`][cocreation.analysis.as_distribution]) all do.

    Examples:
        >>> isinstance(Uniform(0.0, 1.0), Distribution)
        True
    """

    def support(self) -> tuple[float, float]:
        """The smallest and the largest value it can draw (``-inf`` or ``inf`` if unbounded)."""

    def draw(self, generator: np.random.Generator, size: int) -> Floats:
        """``size`` independent draws from ``generator``."""

    def ppf(self, q: Floats) -> Floats:
        """The quantiles at probabilities ``q`` in (0, 1)."""


def _finite(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise ValidationError(
            f"{type(instance).__name__}.{attribute.name}", value, "a finite number"
        )


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _finite(instance, attribute, value)
    if value <= 0:
        raise ValidationError(f"{type(instance).__name__}.{attribute.name}", value, "a number > 0")


def _above(other: str) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        _finite(instance, attribute, value)
        low = getattr(instance, other)
        if value <= low:
            raise ValidationError(
                f"{type(instance).__name__}.{attribute.name}",
                value,
                f"a number above {other} = {low!r}",
            )

    return check


def _inverse_normal(q: Floats) -> Floats:
    """The standard normal quantiles at ``q``, without SciPy."""
    import statistics

    import numpy as np

    unit = statistics.NormalDist()
    flat = np.asarray(q, dtype=np.float64).ravel()
    return np.array([unit.inv_cdf(p) for p in flat.tolist()], dtype=np.float64).reshape(np.shape(q))


@frozen
class Uniform:
    """Every value between ``low`` and ``high`` equally likely.

    Examples:
        >>> from cocreation.analysis import chunks
        >>> prices = Uniform(500.0, 700.0)
        >>> prices.support(), prices.mean
        ((500.0, 700.0), 600.0)
        >>> draws = prices.draw(chunks(1, seed=1)[0].generator(), 1000)
        >>> bool(draws.min() >= 500.0 and draws.max() <= 700.0)
        True
        >>> Uniform(1.0, 1.0)
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: Uniform.high: expected a number above low = 1.0, got 1.0
    """

    low: float = attrs.field(validator=_finite)
    high: float = attrs.field(validator=_above("low"))

    @property
    def mean(self) -> float:
        """The mean, ``(low + high) / 2``."""
        return (self.low + self.high) / 2.0

    def support(self) -> tuple[float, float]:
        """``(low, high)``."""
        return (float(self.low), float(self.high))

    def draw(self, generator: np.random.Generator, size: int) -> Floats:
        """``size`` draws."""
        return generator.uniform(self.low, self.high, size)

    def ppf(self, q: Floats) -> Floats:
        """``low + q (high - low)``."""
        result: Floats = self.low + q * (self.high - self.low)
        return result


@frozen
class Normal:
    """The normal distribution of a ``mean`` and a standard deviation ``sd``: unbounded.

    A field with bounds (a retention, a price) rejects it: use a bounded
    distribution, or a truncated one from SciPy (``scipy.stats.truncnorm``).

    Examples:
        >>> Normal(0.8, 0.05).support()
        (-inf, inf)
        >>> round(float(Normal(10.0, 2.0).ppf(0.975)), 3)
        13.92
    """

    mean: float = attrs.field(validator=_finite)
    sd: float = attrs.field(validator=_positive)

    def support(self) -> tuple[float, float]:
        """``(-inf, inf)``."""
        return (-math.inf, math.inf)

    def draw(self, generator: np.random.Generator, size: int) -> Floats:
        """``size`` draws."""
        return generator.normal(self.mean, self.sd, size)

    def ppf(self, q: Floats) -> Floats:
        """``mean + sd z(q)``."""
        result: Floats = self.mean + self.sd * _inverse_normal(q)
        return result


@frozen
class Triangular:
    """The triangular distribution from ``low`` to ``high``, most likely at ``mode``.

    The three-point estimate of the consultant's spreadsheet: lowest, most likely and
    highest.

    Examples:
        >>> Triangular(400.0, 600.0, 650.0).mean
        550.0
        >>> float(Triangular(0.0, 0.0, 1.0).ppf(0.75))
        0.5
    """

    low: float = attrs.field(validator=_finite)
    mode: float = attrs.field(validator=_finite)
    high: float = attrs.field(validator=_above("low"))

    def __attrs_post_init__(self) -> None:
        if not self.low <= self.mode <= self.high:
            raise ValidationError(
                "Triangular.mode", self.mode, f"a number in [low, high] = [{self.low}, {self.high}]"
            )

    @property
    def mean(self) -> float:
        """The mean, ``(low + mode + high) / 3``."""
        return (self.low + self.mode + self.high) / 3.0

    def support(self) -> tuple[float, float]:
        """``(low, high)``."""
        return (float(self.low), float(self.high))

    def draw(self, generator: np.random.Generator, size: int) -> Floats:
        """``size`` draws."""
        return generator.triangular(self.low, self.mode, self.high, size)

    def ppf(self, q: Floats) -> Floats:
        """The quantiles, in closed form."""
        import numpy as np

        low, mode, high = self.low, self.mode, self.high
        width = high - low
        split = (mode - low) / width
        q = np.asarray(q, dtype=np.float64)
        left = low + np.sqrt(q * width * (mode - low))
        right = high - np.sqrt((1.0 - q) * width * (high - mode))
        result: Floats = np.where(q < split, left, right)
        return result


@frozen
class Beta:
    """The beta distribution of shapes ``alpha`` and ``beta``, stretched to ``[low, high]``.

    A share or a probability with a most likely value: ``Beta(8, 2)`` centres on 0.8.
    Its quantiles (``ppf``, for sensitivity analysis) need SciPy (the ``scipy`` extra);
    drawing does not.

    Examples:
        >>> Beta(8.0, 2.0).mean
        0.8
        >>> Beta(2.0, 2.0, low=100.0, high=300.0).support()
        (100.0, 300.0)
    """

    alpha: float = attrs.field(validator=_positive)
    beta: float = attrs.field(validator=_positive)
    low: float = attrs.field(default=0.0, validator=_finite)
    high: float = attrs.field(default=1.0, validator=_above("low"))

    @property
    def mean(self) -> float:
        """The mean, ``low + (high - low) alpha / (alpha + beta)``."""
        return self.low + (self.high - self.low) * self.alpha / (self.alpha + self.beta)

    def support(self) -> tuple[float, float]:
        """``(low, high)``."""
        return (float(self.low), float(self.high))

    def draw(self, generator: np.random.Generator, size: int) -> Floats:
        """``size`` draws."""
        result: Floats = self.low + (self.high - self.low) * generator.beta(
            self.alpha, self.beta, size
        )
        return result

    def ppf(self, q: Floats) -> Floats:
        """The quantiles (SciPy's ``betaincinv``).

        Raises:
            MissingExtraError: SciPy is not installed.
        """
        special = require("scipy.special", "scipy", "Beta.ppf")
        result: Floats = self.low + (self.high - self.low) * special.betaincinv(
            self.alpha, self.beta, q
        )
        return result


@frozen
class LogNormal:
    """A value whose logarithm is normal, of mean ``mu`` and standard deviation ``sigma``.

    Positive and skewed to the right: a customer's value of time, a deal size.

    Examples:
        >>> dist = LogNormal(0.0, 0.5)
        >>> dist.support(), round(dist.mean, 4)
        ((0.0, inf), 1.1331)
        >>> float(dist.ppf(0.5))
        1.0
    """

    mu: float = attrs.field(validator=_finite)
    sigma: float = attrs.field(validator=_positive)

    @property
    def mean(self) -> float:
        """The mean, ``exp(mu + sigma² / 2)``."""
        return math.exp(self.mu + self.sigma**2 / 2.0)

    def support(self) -> tuple[float, float]:
        """``(0, inf)``."""
        return (0.0, math.inf)

    def draw(self, generator: np.random.Generator, size: int) -> Floats:
        """``size`` draws."""
        return generator.lognormal(self.mu, self.sigma, size)

    def ppf(self, q: Floats) -> Floats:
        """``exp(mu + sigma z(q))``."""
        import numpy as np

        result: Floats = np.exp(self.mu + self.sigma * _inverse_normal(q))
        return result


class _Frozen:
    """A frozen ``scipy.stats`` distribution, seen as a [`Distribution`][cocreation.analysis.Distribution]."""

    def __init__(self, frozen: Any) -> None:
        self.frozen = frozen

    def __repr__(self) -> str:
        name = getattr(getattr(self.frozen, "dist", None), "name", "distribution")
        shown = [repr(a) for a in getattr(self.frozen, "args", ())]
        shown += [f"{k}={v!r}" for k, v in getattr(self.frozen, "kwds", {}).items()]
        return f"scipy.stats.{name}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Frozen) and repr(self) == repr(other)

    def __hash__(self) -> int:
        return hash(repr(self))

    def support(self) -> tuple[float, float]:
        low, high = self.frozen.support()
        return (float(low), float(high))

    def draw(self, generator: np.random.Generator, size: int) -> Floats:
        import numpy as np

        return np.asarray(self.frozen.rvs(size=size, random_state=generator), dtype=np.float64)

    def ppf(self, q: Floats) -> Floats:
        import numpy as np

        return np.asarray(self.frozen.ppf(q), dtype=np.float64)


def as_distribution(value: Any, name: str = "distribution") -> Distribution:
    """A distribution from what a user gives: a built-in, a frozen ``scipy.stats`` one, or a range.

    A pair ``(low, high)`` is [`Uniform(low, high)`][cocreation.analysis.Uniform].

    Args:
        value: The distribution, or a ``(low, high)`` pair.
        name: What to call it in an error (the address it is for).

    Returns:
        The distribution.

    Raises:
        ValidationError: Anything else.

    Examples:
        >>> as_distribution((0.6, 0.9))
        Uniform(low=0.6, high=0.9)
        >>> as_distribution("wide", "home-fibre.price")
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: home-fibre.price: expected a distribution (Uniform, Normal, Triangular, Beta, LogNormal, a frozen scipy.stats distribution) or a (low, high) pair, got 'wide'
    """
    if isinstance(value, Uniform | Normal | Triangular | Beta | LogNormal | _Frozen):
        return value
    if isinstance(value, tuple) and len(value) == 2:
        try:
            return Uniform(*(float(v) if isinstance(v, int) else v for v in value))
        except ValidationError as error:
            raise ValidationError(
                name, value, f"a (low, high) pair with low < high ({error})"
            ) from None
    if all(callable(getattr(value, method, None)) for method in ("rvs", "ppf", "support")):
        return _Frozen(value)
    raise ValidationError(
        name,
        value,
        "a distribution (Uniform, Normal, Triangular, Beta, LogNormal, a frozen"
        " scipy.stats distribution) or a (low, high) pair",
    )


def correlation_matrix(
    correlation: Mapping[tuple[str, str], float] | None, names: Sequence[str]
) -> Floats | None:
    """The rank correlation matrix over ``names`` from pairs, checked; ``None`` for no correlation."""
    import numpy as np

    if correlation is None or not correlation:
        return None
    if not isinstance(correlation, Mapping):
        raise ValidationError(
            "correlation", correlation, "a mapping of (address, address) pairs to rank correlations"
        )
    matrix = np.eye(len(names))
    for pair, rho in correlation.items():
        if not isinstance(pair, tuple) or len(pair) != 2 or pair[0] == pair[1]:
            raise ValidationError("correlation", pair, "a pair of two different addresses")
        for address in pair:
            if address not in names:
                raise ValidationError(
                    f"correlation[{pair!r}]", address, f"one of the uncertain inputs {list(names)}"
                )
        if not isinstance(rho, int | float) or isinstance(rho, bool) or not -1.0 <= rho <= 1.0:
            raise ValidationError(f"correlation[{pair!r}]", rho, "a rank correlation in [-1, 1]")
        a, b = names.index(pair[0]), names.index(pair[1])
        matrix[a, b] = matrix[b, a] = float(rho)
    # Spearman's rho of normal scores is (6 / pi) asin(r / 2): ask the scores for the r
    # that gives the rank correlation wanted.
    scores = 2.0 * np.sin(np.pi * matrix / 6.0)
    try:
        np.linalg.cholesky(scores)
    except np.linalg.LinAlgError:
        raise ValidationError(
            "correlation",
            dict(correlation),
            "rank correlations that can hold together (a positive definite matrix)",
        ) from None
    result: Floats = scores
    return result


def rank_correlated(samples: Floats, scores: Floats, generator: np.random.Generator) -> Floats:
    """Reorder each column of ``samples`` so that their ranks correlate as asked (Iman & Conover 1982).

    Each column keeps its values, so each input keeps its distribution exactly; only
    which values meet in one run changes. Van der Waerden scores, shuffled per column,
    are given the correlation ``scores`` through Cholesky factors, and each column of
    samples takes the order of its column of scores.

    Args:
        samples: One row per run, one column per input, drawn independently.
        scores: The correlation the normal scores are given (from the rank
            correlations asked for).
        generator: Where the shuffles come from.

    Returns:
        The samples, each column reordered. Fewer runs than inputs plus two are
        returned as they are.

    Examples:
        >>> import numpy as np
        >>> from cocreation.analysis import chunks
        >>> rng = chunks(1, seed=3)[0].generator()
        >>> x = rng.uniform(size=(2000, 2))
        >>> target = np.array([[1.0, 0.7], [0.7, 1.0]])
        >>> y = rank_correlated(x, 2 * np.sin(np.pi * target / 6), rng)
        >>> ranks = np.argsort(np.argsort(y, axis=0), axis=0)
        >>> round(float(np.corrcoef(ranks, rowvar=False)[0, 1]), 1)
        0.7
        >>> sorted(y[:, 0].tolist()) == sorted(x[:, 0].tolist())
        True
    """
    import numpy as np

    runs, inputs = samples.shape
    if runs < inputs + 2:
        return samples
    quantiles = np.arange(1, runs + 1) / (runs + 1.0)
    normal = _inverse_normal(quantiles)
    table = np.column_stack([generator.permutation(normal) for _ in range(inputs)])
    observed = np.corrcoef(table, rowvar=False)
    try:
        mixed = table @ np.linalg.inv(np.linalg.cholesky(observed)).T @ np.linalg.cholesky(scores).T
    except np.linalg.LinAlgError:
        return samples
    result = np.empty_like(samples)
    for column in range(inputs):
        order = np.argsort(np.argsort(mixed[:, column], kind="stable"), kind="stable")
        result[:, column] = np.sort(samples[:, column], kind="stable")[order]
    return result
