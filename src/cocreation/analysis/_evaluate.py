"""What sweeps, sensitivity analysis and Monte Carlo share: outputs, checks, chunked evaluation.

Each turns the ecosystem into many variants (points of a sweep, designs of a
sensitivity analysis, draws of a Monte Carlo run), checks every value first, and
accounts the variants in seeded chunks ([`chunks`][cocreation.analysis.chunks],
[`run_chunks`][cocreation.analysis.run_chunks]) with
[`cocreation.bulk.variants`][cocreation.bulk.variants], here or on an executor.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cocreation.accounting import MEASURES
from cocreation.accounting.bulk import variants
from cocreation.analysis._distributions import Distribution
from cocreation.analysis._runs import CHUNK_RUNS, Chunk, chunks, run_chunks
from cocreation.ecosystem import Ecosystem, check_values
from cocreation.errors import UnknownIdError, ValidationError

if TYPE_CHECKING:
    import numpy.typing as npt

    from cocreation.accounting import Timing

    Floats = npt.NDArray[Any]

__all__ = ["Options", "Output", "evaluate", "options", "output_of", "within_support"]

PER_ACTOR = ("net_value_flow",)
PER_CUSTOMER = ("net_benefit", "firm_value")
PER_POINT = ("total_value_created", "win_win")


class Options(dict[str, Any]):
    """The accounting options of a what-if question, passed on to [`variants`][cocreation.bulk.variants]."""


def options(
    *,
    timing: Timing | None,
    organisation: str | None,
    horizon: int | None,
    growth: float,
    periods: int | None,
    discount_rate: float,
) -> Options:
    """The options, as keyword arguments of [`variants`][cocreation.bulk.variants]."""
    return Options(
        timing=timing,
        organisation=organisation,
        horizon=horizon,
        growth=growth,
        periods=periods,
        discount_rate=discount_rate,
    )


class Output:
    """One output of a sensitivity analysis or a Monte Carlo run: a measure, of whom.

    Attributes:
        measure: One of [`MEASURES`][cocreation.accounting.MEASURES].
        labels: What each column of the output is: actors' (or customers') ids, or
            the measure's own name for a measure of the whole ecosystem.
        actor: Whether the labels are actors' ids.
    """

    def __init__(self, measure: str, labels: tuple[str, ...], columns: Any, actor: bool) -> None:
        self.measure = measure
        self.labels = labels
        self.columns = columns  # which columns of the measure's array, or None for all
        self.actor = actor

    def of(self, measured: Mapping[str, Floats]) -> Floats:
        """The output's columns from what a pass measured: one row per variant."""
        import numpy as np

        values = np.asarray(measured[self.measure], dtype=np.float64)
        if values.ndim == 1:
            return values[:, None]
        return values if self.columns is None else values[:, self.columns]


def output_of(ecosystem: Ecosystem, output: Any) -> Output:
    """The output a user names: a measure, alone or with an actor's id.

    ``"total_value_created"`` and ``"win_win"`` are one output each; a measure per
    actor (``"net_value_flow"``) or per customer (``"net_benefit"``, ``"firm_value"``)
    alone is one output per actor or customer, and ``(measure, id)`` is one.
    """
    measure, who = (output, None) if isinstance(output, str) else (None, None)
    if isinstance(output, tuple) and len(output) == 2:
        measure, who = output
    if measure not in MEASURES:
        raise ValidationError(
            "output",
            output,
            f"a measure from {list(MEASURES)}, or a (measure, actor id) pair",
        )
    if measure in PER_POINT:
        if who is not None:
            raise ValidationError("output", output, f"{measure!r} alone: it is the ecosystem's")
        return Output(measure, (measure,), None, actor=False)
    ids = (
        tuple(actor.id for actor in ecosystem.actors)
        if measure in PER_ACTOR
        else tuple(customer.id for customer in ecosystem.customers)
    )
    if who is None:
        return Output(measure, ids, None, actor=True)
    if who not in ids:
        what = "an actor" if measure in PER_ACTOR else "a customer"
        raise UnknownIdError("output", who, f"the id of {what} of the ecosystem")
    return Output(measure, (who,), [ids.index(who)], actor=True)


def within_support(
    ecosystem: Ecosystem,
    address: str,
    distribution: Distribution,
    *,
    ends: tuple[float, float] | None = None,
    nearest: bool = False,
) -> None:
    """Refuse a distribution that can draw a value the field rejects, naming address and value.

    Every rule of the model on one number is a range, so the ends of what a
    distribution can draw decide (``ends``, where only part of it is used). An
    unbounded end is tried as the largest finite number: a field without that bound
    accepts it, and a field with one rejects it and is told the end is infinite.
    With ``nearest``, an integer field is tried at the nearest integers of the ends,
    which is what it will take.
    """
    found = ecosystem.parameter(address)
    entity = ecosystem[found.entity]
    support = distribution.support()
    low, high = support if ends is None else ends
    where = "can draw" if (low, high) == support else "takes between its two ends"
    for end in (low, high):
        tried: float = math.copysign(1.7e308, end) if math.isinf(end) else end
        if found.integer and not math.isinf(end) and (nearest or float(end).is_integer()):
            tried = round(end)
        try:
            found.check(tried, entity)
        except ValidationError as error:
            shown = end if math.isinf(end) else tried
            raise ValidationError(
                address, shown, f"{error.expected}, for every value {distribution!r} {where}"
            ) from None


def _task(
    ecosystem: Ecosystem,
    addresses: tuple[str, ...],
    design: Floats,
    measures: tuple[str, ...],
    settings: Options,
    chunk: Chunk,
) -> dict[str, Floats]:
    """Account the variants of one chunk: rows ``chunk.start`` to ``chunk.stop`` of the design."""
    rows = design[chunk.start : chunk.stop]
    values = {address: rows[:, number] for number, address in enumerate(addresses)}
    result = variants(ecosystem, values, measures=measures, **settings)
    return {name: result.measure(name) for name in measures}


def evaluate(
    ecosystem: Ecosystem,
    addresses: Sequence[str],
    design: Floats,
    *,
    measures: Sequence[str],
    settings: Options,
    executor: Any,
    progress: bool,
    description: str,
    size: int = CHUNK_RUNS,
) -> dict[str, Floats]:
    """Account every row of a design (one variant per row), checked first, in chunks.

    Every value is checked by its field's validators before any chunk runs. The
    chunks run here or on ``executor`` and give the same bits either way.
    """
    import functools

    import numpy as np

    addresses = tuple(addresses)
    if addresses:
        checked = check_values(ecosystem, {a: design[:, n] for n, a in enumerate(addresses)})
        del checked
    taken = tuple(m for m in MEASURES if m in measures)
    work = chunks(max(1, len(design)), seed=0, size=size)
    task = functools.partial(_task, ecosystem, addresses, design, taken, settings)
    parts = run_chunks(task, work, executor=executor, progress=progress, description=description)
    return {name: np.concatenate([part[name] for part in parts]) for name in taken}


def measures_for(outputs: Sequence[Output]) -> tuple[str, ...]:
    """The measures a pass must take to give these outputs."""
    wanted = {output.measure for output in outputs}
    return tuple(m for m in MEASURES if m in wanted)
