"""Maximum likelihood shared by every model: the optimiser, its report, standard errors."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from attrs import frozen

from cocreation._display import Displayed, frame, html_table, tidy
from cocreation._optional import require
from cocreation.errors import EstimationError, ValidationError
from cocreation.estimate._units import FEATURE

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    Floats = npt.NDArray[Any]
    Objective = Callable[[Floats], tuple[float, Floats, Floats]]

__all__ = [
    "BOUND",
    "FLAT",
    "Convergence",
    "Fitted",
    "frozen_mapping",
    "maximise",
    "numbers",
    "numpy",
    "scipy_special",
]

BOUND: Final = math.log(1e7)
"""How far a log-parameter may go before the fit counts as running to a bound (10^±7)."""

FLAT: Final = math.log(1e4)
"""Beyond 10^±4, a parameter along which the likelihood is flat counts as at a bound."""

_GRADIENT_TOLERANCE: Final = 1e-6


def numpy() -> Any:
    """NumPy, or an error naming the ``estimate`` extra."""
    return require("numpy", "estimate", FEATURE)


def scipy_special() -> Any:
    """``scipy.special``, or an error naming the ``estimate`` extra."""
    return require("scipy.special", "estimate", FEATURE)


def frozen_mapping(items: Mapping[str, float]) -> Mapping[str, float]:
    """A read-only copy of ``items``."""
    return MappingProxyType(dict(items))


@frozen(repr=False)
class Convergence(Displayed):
    """How the optimiser ended: the convergence report of a fit.

    The fit maximises the mean log-likelihood per customer (or per member of a
    cohort) over the logarithms of the parameters, with the analytic gradient and
    Hessian, by SciPy's exact trust-region method. A fit that does not converge, or
    whose parameters run to a bound, raises
    [`EstimationError`][cocreation.errors.EstimationError] instead of returning.

    Attributes:
        converged: The optimiser reported success and the gradient vanished.
        iterations: Iterations the optimiser took.
        gradient_norm: The largest absolute component of the gradient of the mean
            log-likelihood (with respect to the log-parameters) at the fit.
        method: The optimiser used.
        message: The optimiser's own words.

    Examples:
        >>> from cocreation.estimate import shifted_beta_geometric
        >>> report = shifted_beta_geometric([1000, 631, 468, 382, 326, 289, 262, 241]).convergence
        >>> report.converged, report.gradient_norm < 1e-6
        (True, True)
    """

    converged: bool
    iterations: int
    gradient_norm: float
    method: str
    message: str


class FittedModel(Displayed):
    """What a fitted model shows: its parameters with their standard errors, as a table.

    A mixin for the frozen attrs classes of fitted models, declared with
    ``repr=False``; each has a ``standard_errors`` mapping keyed by parameter name, a
    field of each name, a ``log_likelihood`` and a ``convergence`` report.

    Examples:
        >>> from cocreation.estimate import shifted_beta_geometric
        >>> fit = shifted_beta_geometric([1000, 869, 743, 653, 593, 551, 517, 491], unit="year")
        >>> fit.to_frame()["parameter"].tolist()
        ['alpha', 'beta']
        >>> "log-likelihood -1,611.16" in fit._repr_html_()
        True
    """

    __slots__ = ()

    def _parameters(self) -> list[dict[str, Any]]:
        errors: Mapping[str, float] = getattr(self, "standard_errors")  # noqa: B009
        return [
            {"parameter": name, "estimate": getattr(self, name), "standard_error": error}
            for name, error in errors.items()
        ]

    def to_frame(self) -> pd.DataFrame:
        """The fitted parameters as a pandas DataFrame: parameter, estimate, standard error.

        Raises:
            MissingExtraError: pandas is not installed.
        """
        return frame(self._parameters(), f"{type(self).__name__}.to_frame")

    def _repr_html_(self) -> str:
        log_likelihood = tidy(getattr(self, "log_likelihood"))  # noqa: B009
        report: Convergence = getattr(self, "convergence")  # noqa: B009
        state = "converged" if report.converged else "did not converge"
        title = (
            f"{type(self).__name__}: log-likelihood {log_likelihood:,.2f}, {state} "
            f"after {report.iterations} iterations"
        )
        # Parameters are not money: four significant digits, not two decimals.
        rows = [
            [row["parameter"], f"{row['estimate']:.4g}", f"{row['standard_error']:.4g}"]
            for row in self._parameters()
        ]
        return html_table(title, ["parameter", "estimate", "standard error"], rows)


@frozen
class Fitted:
    """What ``maximise`` returns: parameters, log-likelihood, covariance and the report."""

    values: tuple[float, ...]
    log_likelihood: float
    covariance: tuple[tuple[float, ...], ...]
    convergence: Convergence

    def standard_errors(self, names: Sequence[str]) -> Mapping[str, float]:
        """The square roots of the covariance's diagonal, by parameter name."""
        return frozen_mapping(
            {name: math.sqrt(self.covariance[i][i]) for i, name in enumerate(names)}
        )


def numbers(value: object, name: str, *, low: float | None = None, strict: bool = False) -> Floats:
    """A one-dimensional float array of finite numbers (optionally ``>= low`` or ``> low``).

    Raises:
        ValidationError: Not one-dimensional, empty, not numbers, not finite, or out of range;
            the message names the position and the value.
    """
    np = numpy()
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValidationError(name, value, "a sequence of numbers") from error
    if array.ndim != 1:
        raise ValidationError(name, value, "a one-dimensional sequence of numbers")
    if array.size == 0:
        raise ValidationError(name, value, "at least one number")
    bad = ~np.isfinite(array)
    if low is not None:
        bad |= array <= low if strict else array < low
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        sign = ">" if strict else ">="
        expected = "finite numbers" if low is None else f"finite numbers {sign} {low:g}"
        raise ValidationError(f"{name}[{position}]", array[position].item(), expected)
    result: Floats = array
    return result


def log_scale(theta: Floats, gradient: Floats, hessian: Floats) -> tuple[Floats, Floats]:
    """Gradient and Hessian with respect to ``log(theta)`` from those with respect to ``theta``."""
    np = numpy()
    g = theta * gradient
    h = np.outer(theta, theta) * hessian + np.diag(g)
    return g, h


def maximise(
    model: str,
    names: Sequence[str],
    objective: Objective,
    start: Sequence[float],
    *,
    weight: float,
    causes: str,
) -> Fitted:
    """Maximise a mean log-likelihood over log-parameters; check the result.

    Args:
        model: The model's name, for messages (``"bg_nbd"``).
        names: The parameters' published names, in order.
        objective: ``log(theta) -> (mean log-likelihood, gradient, Hessian)``, the
            derivatives with respect to ``log(theta)``.
        start: Starting values of the parameters (not their logarithms).
        weight: The number of observations the mean is over (customers).
        causes: What in the data drives the model's parameters to a bound, in words.

    Raises:
        EstimationError: The optimiser failed, a parameter ran to a bound, or the
            likelihood is not concave at the fit (no standard errors).
    """
    np = numpy()
    optimize = require("scipy.optimize", "estimate", FEATURE)
    cache: dict[bytes, tuple[float, Floats, Floats]] = {}

    def evaluate(phi: Floats) -> tuple[float, Floats, Floats]:
        key = phi.tobytes()
        if key not in cache:
            cache.clear()
            size = len(phi)
            if np.any(np.abs(phi) > 3.0 * BOUND):
                # Far outside any sensible range: worse than anything, so the trust
                # region shrinks back.
                cache[key] = (-1e300, np.zeros(size), -np.eye(size))
            else:
                value, gradient, hessian = objective(phi)
                if not (np.isfinite(value) and np.all(np.isfinite(gradient))):
                    value, gradient, hessian = -1e300, np.zeros(size), -np.eye(size)
                cache[key] = (float(value), gradient, hessian)
        return cache[key]

    phi0 = np.log(np.asarray(start, dtype=float))
    with np.errstate(all="ignore"):
        result = optimize.minimize(
            lambda phi: -evaluate(phi)[0],
            phi0,
            jac=lambda phi: -evaluate(phi)[1],
            hess=lambda phi: -evaluate(phi)[2],
            method="trust-exact",
            options={"gtol": _GRADIENT_TOLERANCE * 1e-2, "maxiter": 500},
        )
        phi = np.asarray(result.x, dtype=float)
        value, gradient, hessian = evaluate(phi)
    theta = np.exp(phi)
    norm = float(np.max(np.abs(gradient)))
    information = -hessian * weight
    try:
        eigenvalues = np.linalg.eigvalsh(information)
        covariance_phi = np.linalg.inv(information)
        concave = bool(eigenvalues.min() > 1e-12 * max(eigenvalues.max(), 1e-300))
    except np.linalg.LinAlgError:
        covariance_phi, concave = None, False
    # A parameter beyond the bound, or a flat likelihood along a large one, means the
    # maximum lies at the edge of the parameter space.
    extreme = int(np.argmax(np.abs(phi)))
    if abs(phi[extreme]) > BOUND or (not concave and abs(phi[extreme]) > FLAT):
        runaway = ", ".join(
            f"{name} runs to {'infinity' if phi[i] > 0 else 'zero'}"
            for i, name in enumerate(names)
            if abs(phi[i]) > FLAT
        )
        raise EstimationError(
            f"{model}.{names[extreme]}",
            float(theta[extreme]),
            f"the maximum likelihood lies at a bound of the parameter space ({runaway}), "
            f"as it does with {causes}; the model does not describe these data",
        )
    converged = bool(np.isfinite(value) and norm < _GRADIENT_TOLERANCE)
    if not converged:
        raise EstimationError(
            model,
            str(result.message),
            f"the optimiser did not converge (gradient {norm:.3g} after {result.nit} "
            f"iterations, log-likelihood {value * weight:.6g}); check the data for "
            "degenerate cases (everyone alike, nobody leaving, a handful of customers)",
        )
    if covariance_phi is None or not concave:
        raise EstimationError(
            model,
            [float(t) for t in theta],
            "the log-likelihood is not concave at the fit, so the parameters are not "
            "identified and have no standard errors",
        )
    covariance = covariance_phi * np.outer(theta, theta)
    report = Convergence(
        converged=converged,
        iterations=int(result.nit),
        gradient_norm=norm,
        method="trust-exact",
        message=str(result.message),
    )
    return Fitted(
        values=tuple(float(t) for t in theta),
        log_likelihood=float(value * weight),
        covariance=tuple(tuple(float(c) for c in row) for row in covariance),
        convergence=report,
    )
