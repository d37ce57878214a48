"""Checks users need: predictions against a holdout period, and parametric bootstrap intervals."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from cocreation._display import Displayed
from cocreation._optional import require
from cocreation.errors import EstimationError, ValidationError
from cocreation.estimate._bgnbd import BGNBD, bg_nbd
from cocreation.estimate._fit import numpy
from cocreation.estimate._gamma_gamma import GammaGamma, gamma_gamma
from cocreation.estimate._rfm import RFM
from cocreation.estimate._sbg import ShiftedBetaGeometric, shifted_beta_geometric
from cocreation.estimate._simulate import simulate_customers
from cocreation.estimate._units import Unit, parse_unit

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    Floats = npt.NDArray[Any]

__all__ = ["Bootstrap", "Calibration", "Interval", "bootstrap", "calibration"]


@frozen(eq=False)
class Calibration:
    """Predicted against actual repeat purchases in a holdout period, by calibration frequency.

    The check of Fader, Hardie & Lee (2005, fig. 4): group customers by their
    repeat purchases up to the end of the calibration period (the last group
    collects ``largest`` and more), and compare the purchases each group made in the
    holdout period with those the model expected, given each customer's history.

    Attributes:
        frequency: The groups' calibration frequencies; the last means "or more".
        customers: How many customers each group has.
        actual: Mean purchases per customer in the holdout, by group.
        predicted: Mean expected purchases per customer in the holdout, by group.
        holdout_length: The length of the holdout period, in ``unit``.
        unit: The unit of time.

    Examples:
        >>> from cocreation import estimate
        >>> model = estimate.BGNBD.of(r=0.5, alpha=4.0, a=0.8, b=2.5, unit="week")
        >>> sample = estimate.simulate_customers(model, age=[39.0] * 3000, seed=4, holdout=39.0)
        >>> check = estimate.calibration(sample, model, largest=3)
        >>> check.frequency, check.labels()
        ((0, 1, 2, 3), ('0', '1', '2', '3+'))
        >>> sum(check.customers)
        3000
    """

    frequency: tuple[int, ...]
    customers: tuple[int, ...]
    actual: tuple[float, ...]
    predicted: tuple[float, ...]
    holdout_length: float
    unit: Unit = field(converter=parse_unit)

    def labels(self) -> tuple[str, ...]:
        """The groups' names: the frequencies, the last with a ``+``.

        Examples:
            >>> Calibration((0, 1, 2), (5, 3, 1), (0.1, 0.5, 1.0), (0.1, 0.4, 1.1), 26.0, "week").labels()
            ('0', '1', '2+')
        """
        names = [str(f) for f in self.frequency]
        names[-1] += "+"
        return tuple(names)

    def to_frame(self) -> pd.DataFrame:
        """The table as a pandas DataFrame; ``frame.attrs["unit"]`` names the unit.

        Examples:
            >>> table = Calibration((0, 1), (5, 3), (0.1, 0.5), (0.2, 0.4), 26.0, "week")
            >>> table.to_frame()["frequency"].tolist()
            ['0', '1+']
        """
        pandas = require("pandas", "pandas", "Calibration.to_frame")
        frame = pandas.DataFrame(
            {
                "frequency": list(self.labels()),
                "customers": list(self.customers),
                "actual": list(self.actual),
                "predicted": list(self.predicted),
            }
        )
        frame.attrs["unit"] = self.unit.value
        frame.attrs["holdout_length"] = self.holdout_length
        result: pd.DataFrame = frame
        return result


def calibration(summary: RFM, purchases: BGNBD, *, largest: int = 7) -> Calibration:
    """Compare a BG/NBD model's predictions with what customers bought in the holdout period.

    Fit the model to the calibration period (``estimate.rfm(..., end=...)``), then
    check it against the purchases after ``end``: for each group of customers by
    calibration frequency, the mean purchases in the holdout against the mean of
    [`BGNBD.expected_purchases`][cocreation.estimate.BGNBD.expected_purchases] over
    the holdout's length. [`cocreation.plot.holdout_calibration`][cocreation.plot.holdout_calibration]
    draws it.

    Args:
        summary: The customers' calibration histories and holdout purchases.
        purchases: The model fitted to the calibration period.
        largest: The last group collects customers with this many repeat purchases or more.

    Raises:
        ValidationError: A summary without a holdout period, units that differ, or
            ``largest`` not a whole number >= 1.

    Examples:
        >>> import pandas as pd
        >>> from cocreation import estimate
        >>> log = pd.DataFrame({"who": ["a", "a", "b", "a"], "day": [0, 14, 3, 40]})
        >>> summary = estimate.rfm(log, customer="who", time="day", unit="week", end=28)
        >>> model = estimate.BGNBD.of(r=0.5, alpha=4.0, a=0.8, b=2.5, unit="week")
        >>> check = estimate.calibration(summary, model, largest=1)
        >>> check.customers, check.actual
        ((1, 1), (0.0, 1.0))
    """
    np = numpy()
    if not isinstance(largest, int) or isinstance(largest, bool) or largest < 1:
        raise ValidationError("largest", largest, "a whole number >= 1")
    if summary.unit is not purchases.unit:
        raise ValidationError(
            "summary.unit",
            summary.unit.value,
            f"{purchases.unit.value!r}, the unit of the model (mixing units is an error)",
        )
    if not summary.holdout_length > 0.0:
        raise ValidationError(
            "summary.holdout_length",
            summary.holdout_length,
            "a holdout period > 0: summarise a log with transactions after `end`",
        )
    expected = purchases.expected_purchases(
        summary.holdout_length, summary.frequency, summary.recency, summary.age
    )
    group = np.minimum(summary.frequency, largest)
    counts = np.bincount(group, minlength=largest + 1)
    actual = np.bincount(group, weights=summary.holdout_frequency, minlength=largest + 1)
    predicted = np.bincount(group, weights=expected, minlength=largest + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        actual_mean = np.where(counts > 0, actual / counts, np.nan)
        predicted_mean = np.where(counts > 0, predicted / counts, np.nan)
    return Calibration(
        frequency=tuple(range(largest + 1)),
        customers=tuple(int(c) for c in counts),
        actual=tuple(float(v) for v in actual_mean),
        predicted=tuple(float(v) for v in predicted_mean),
        holdout_length=summary.holdout_length,
        unit=summary.unit,
    )


@frozen(eq=False, repr=False)
class Interval(Displayed):
    """A bootstrap interval of a statistic: its estimate and the bounds at a level.

    Attributes:
        estimate: The statistic at the fitted parameters.
        low: The lower bound (the ``(1 - level) / 2`` quantile of the draws).
        high: The upper bound (the ``(1 + level) / 2`` quantile).
        level: The share of the draws between the bounds.

    Examples:
        >>> Interval(10.0, 8.0, 12.5, 0.9).high
        12.5
    """

    estimate: Any
    low: Any
    high: Any
    level: float


@frozen(eq=False)
class Bootstrap:
    """Models refitted to data simulated from a fitted model: a parametric bootstrap.

    Attributes:
        fitted: The models fitted to the data: ``(sbg,)`` or ``(bg_nbd, gamma_gamma or None)``.
        draws: The models refitted to each simulated data set, in the same shape.
        failed: How many simulated data sets could not be fitted (and were left out).
        seed: The seed the draws came from.

    Examples:
        >>> from cocreation import estimate
        >>> fit = estimate.shifted_beta_geometric([1000, 631, 468, 382, 326, 289, 262, 241])
        >>> boot = estimate.bootstrap(fit, draws=50, seed=1)
        >>> band = boot.interval(lambda model: model.survival(12))
        >>> bool(band.low < band.estimate < band.high)
        True
    """

    fitted: tuple[Any, ...]
    draws: tuple[tuple[Any, ...], ...]
    failed: int
    seed: int

    def interval(self, statistic: Callable[..., Any], *, level: float = 0.9) -> Interval:
        """The bootstrap interval of any statistic of the models, such as a customer's lifetime value.

        ``statistic`` is called with the models of each draw (as in ``fitted``) and
        may return a number or an array (one value per customer, say); the bounds
        are the quantiles of its values over the draws.

        Raises:
            ValidationError: A level outside (0, 1).

        Examples:
            >>> from cocreation import estimate
            >>> fit = estimate.shifted_beta_geometric([1000, 869, 743, 653, 593, 551, 517, 491])
            >>> band = estimate.bootstrap(fit, draws=40, seed=2).interval(
            ...     lambda model: model.clv(100.0, 0.1, timing="end"), level=0.8)
            >>> band.level, bool(band.low < band.high)
            (0.8, True)
        """
        np = numpy()
        if isinstance(level, bool) or not isinstance(level, int | float) or not 0 < level < 1:
            raise ValidationError("level", level, "a share in (0, 1), such as 0.9")
        values = np.asarray([statistic(*draw) for draw in self.draws], dtype=float)
        low, high = np.quantile(values, [(1 - level) / 2, (1 + level) / 2], axis=0)
        point = np.asarray(statistic(*self.fitted), dtype=float)
        if point.ndim == 0:
            return Interval(float(point), float(low), float(high), float(level))
        return Interval(point, low, high, float(level))


def _cohort(model: ShiftedBetaGeometric, rng: Any) -> Any:
    np = numpy()
    periods = np.arange(1, model.periods + 1)
    survival = model.survival(np.arange(model.periods + 1))
    probabilities = np.append(survival[:-1] - survival[1:], survival[-1])
    probabilities = np.clip(probabilities, 0.0, None)
    lost = rng.multinomial(round(model.size), probabilities / probabilities.sum())
    return round(model.size) - np.concatenate([[0], np.cumsum(lost[: len(periods)])])


def bootstrap(
    model: ShiftedBetaGeometric | BGNBD,
    *,
    draws: int = 200,
    seed: int,
    summary: RFM | None = None,
    spend: GammaGamma | None = None,
) -> Bootstrap:
    """Simulate data sets from a fitted model, refit each: a seeded parametric bootstrap.

    For an sBG model, each draw is a cohort of the same size over the same periods;
    for a BG/NBD model, customers of the summary's ages (and, with ``spend``, their
    mean spend from the Gamma-Gamma model), refitted with both models. The spread
    of any statistic over the refitted models
    ([`Bootstrap.interval`][cocreation.estimate.Bootstrap.interval]) shows how
    uncertain it is, parameter uncertainty included. A draw costs a fit: a few
    hundred draws of a large base take a while.

    Args:
        model: The fitted model to draw from.
        draws: How many data sets to simulate.
        seed: The seed: the same seed, the same draws.
        summary: For a BG/NBD model, the customers whose ages the draws keep.
        spend: For a BG/NBD model, a fitted spend model to draw and refit too.

    Raises:
        ValidationError: A bad number of draws or seed, or a BG/NBD model without its summary.
        EstimationError: More than half the simulated data sets could not be fitted.

    Examples:
        >>> from cocreation import estimate
        >>> truth = estimate.BGNBD.of(r=0.5, alpha=4.0, a=0.8, b=2.5, unit="week")
        >>> sample = estimate.simulate_customers(truth, age=[52.0] * 1000, seed=5)
        >>> fit = estimate.bg_nbd(sample.frequency, sample.recency, sample.age)
        >>> boot = estimate.bootstrap(fit, summary=sample, draws=20, seed=6)
        >>> len(boot.draws), boot.failed
        (20, 0)
    """
    np = numpy()
    if not isinstance(draws, int) or isinstance(draws, bool) or draws < 2:
        raise ValidationError("draws", draws, "a whole number >= 2")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValidationError("seed", seed, "an integer")
    children = np.random.SeedSequence(seed).spawn(draws)
    results: list[tuple[Any, ...]] = []
    failed = 0
    if isinstance(model, ShiftedBetaGeometric):
        if model.periods < 1:
            raise ValidationError("model", model, "a fitted sBG model (not one made with .of)")
        fitted: tuple[Any, ...] = (model,)
        for child in children:
            alive = _cohort(model, np.random.default_rng(child))
            try:
                results.append((shifted_beta_geometric(alive, unit=model.unit),))
            except (EstimationError, ValidationError):
                failed += 1
    else:
        if summary is None:
            raise ValidationError(
                "summary", None, "the summary the BG/NBD model was fitted to (for its ages)"
            )
        fitted = (model, spend)
        for child in children:
            child_seed = int(child.generate_state(1)[0])
            sample = simulate_customers(model, age=summary.age, seed=child_seed, spend=spend)
            try:
                again = bg_nbd(sample.frequency, sample.recency, sample.age)
                paid = None if spend is None else gamma_gamma(sample.frequency, sample.mean_spend)
            except (EstimationError, ValidationError):
                failed += 1
                continue
            results.append((again, paid))
    if failed * 2 > draws:
        raise EstimationError(
            "bootstrap",
            failed,
            f"more than half of {draws} simulated data sets could not be fitted",
        )
    return Bootstrap(fitted=fitted, draws=tuple(results), failed=failed, seed=seed)
