"""Many runs of a stochastic computation: seeded chunks, run here or on any executor.

Monte Carlo, sensitivity analysis and simulation all repeat one computation many
times with random draws. They share one way of doing it, so that the same seed gives
bit-identical results however the work is spread:

- the runs are cut into chunks of a fixed size ([`chunks`][cocreation.analysis.chunks]);
  each chunk draws from its own generator, spawned from the seed with
  ``numpy.random.SeedSequence.spawn``, so a chunk's draws depend only on the seed and
  the chunk's index, never on which process or machine computes it;
- the chunks run in this process, one after the other, or on an executor
  ([`run_chunks`][cocreation.analysis.run_chunks]): anything with a
  ``submit(function, argument)`` method whose futures have ``result()``, such as a
  ``concurrent.futures`` pool or a Dask ``distributed.Client``;
- a progress bar shows the chunks done, with ``progress=True`` (the ``progress``
  extra, tqdm).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar

from cocreation._optional import require
from cocreation.errors import ValidationError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Chunk", "chunks", "run_chunks"]

_T = TypeVar("_T")

CHUNK_RUNS: Final = 1_000
"""How many runs a chunk holds unless told otherwise.

Examples:
    >>> CHUNK_RUNS
    1000
"""


class Chunk:
    """A contiguous block of runs with its own random generator.

    Attributes:
        index: The chunk's position among the chunks of a computation.
        start: The first run of the chunk.
        stop: One past its last run.
        seed: The ``numpy.random.SeedSequence`` spawned for this chunk.

    Examples:
        >>> first = chunks(2_500, seed=7, size=1_000)[0]
        >>> first.index, first.start, first.stop, len(first)
        (0, 0, 1000, 1000)
        >>> float(first.generator().random()) == float(chunks(2_500, seed=7)[0].generator().random())
        True
    """

    __slots__ = ("index", "seed", "start", "stop")

    def __init__(self, index: int, start: int, stop: int, seed: np.random.SeedSequence) -> None:
        self.index = index
        self.start = start
        self.stop = stop
        self.seed = seed

    def __len__(self) -> int:
        return self.stop - self.start

    def __repr__(self) -> str:
        return f"Chunk(index={self.index}, start={self.start}, stop={self.stop})"

    def generator(self, stream: str | None = None) -> np.random.Generator:
        """A fresh generator for this chunk's draws, the same every time it is asked for.

        With ``stream``, a generator of its own for that name within the chunk,
        independent of the chunk's other streams: the seed sequence of the chunk with
        a key derived from the name (its CRC-32) appended. Drawing each input of a
        computation from the stream named after it keeps its draws the same whatever
        other inputs are drawn beside it: two computations with the same seed then
        see the same numbers for the inputs they share (common random numbers).

        Args:
            stream: The stream's name, or ``None`` for the chunk's own stream.

        Examples:
            >>> chunk = chunks(10, seed=1)[0]
            >>> float(chunk.generator().random()) == float(chunk.generator().random())
            True
            >>> price = float(chunk.generator("home-fibre.price").random())
            >>> price == float(chunk.generator("home-fibre.price").random())
            True
            >>> price == float(chunk.generator("early-adopters.retention").random())
            False
        """
        import numpy as np

        seed = self.seed
        if stream is not None:
            if not isinstance(stream, str):
                raise ValidationError("stream", stream, "a string, or None")
            key = zlib.crc32(stream.encode("utf-8"))
            seed = np.random.SeedSequence(seed.entropy, spawn_key=(*seed.spawn_key, key))
        return np.random.Generator(np.random.PCG64(seed))


def _count(name: str, value: object, low: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise ValidationError(name, value, f"an integer >= {low}")
    return value


def chunks(runs: int, seed: int, *, size: int = CHUNK_RUNS) -> list[Chunk]:
    """Cut ``runs`` runs into chunks of ``size`` runs, each with a generator spawned from ``seed``.

    Args:
        runs: How many runs in all (>= 1).
        seed: The seed of the whole computation (an integer >= 0).
        size: How many runs a chunk holds (>= 1); the last one may hold fewer. The
            results depend on it, never on where the chunks run.

    Returns:
        The chunks, in order.

    Raises:
        ValidationError: ``runs``, ``seed`` or ``size`` is not an integer in range.
        MissingExtraError: NumPy is not installed.

    Examples:
        >>> [(c.start, c.stop) for c in chunks(2_500, seed=7, size=1_000)]
        [(0, 1000), (1000, 2000), (2000, 2500)]
        >>> chunks(0, seed=7)
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: runs: expected an integer >= 1, got 0
    """
    _count("runs", runs, 1)
    _count("seed", seed, 0)
    _count("size", size, 1)
    np = require("numpy", "pandas", "chunks")
    number = -(-runs // size)
    seeds = np.random.SeedSequence(seed).spawn(number)
    return [
        Chunk(index, index * size, min((index + 1) * size, runs), seeds[index])
        for index in range(number)
    ]


def run_chunks(
    task: Callable[[Chunk], _T],
    work: Sequence[Chunk],
    *,
    executor: Any = None,
    progress: bool = False,
    description: str = "runs",
) -> list[_T]:
    """Run ``task`` on every chunk, here or on an executor, and return the results in chunk order.

    Args:
        task: A function of one chunk. On an executor of processes or machines it
            must be picklable: a module-level function, or a ``functools.partial``
            of one.
        work: The chunks, from [`chunks`][cocreation.analysis.chunks].
        executor: ``None`` to run here, one chunk after the other; or anything with
            ``submit(function, argument)`` returning futures with ``result()``: a
            ``concurrent.futures`` executor, a Dask ``distributed.Client``.
        progress: Show a progress bar of the chunks done (the ``progress`` extra).
        description: The progress bar's label.

    Returns:
        One result per chunk, in the chunks' order, whatever order they finish in.

    Raises:
        ValidationError: ``executor`` has no ``submit`` method.
        MissingExtraError: ``progress`` without tqdm installed.

    Examples:
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> def total(chunk):
        ...     return float(chunk.generator().random(len(chunk)).sum())
        >>> work = chunks(3_000, seed=11)
        >>> here = run_chunks(total, work)
        >>> with ThreadPoolExecutor(2) as pool:
        ...     there = run_chunks(total, work, executor=pool)
        >>> here == there
        True
    """
    bar: Any = None
    if progress:
        tqdm = require("tqdm", "progress", "progress=True")
        bar = tqdm.tqdm(total=len(work), desc=description, unit="chunk")
    try:
        if executor is None:
            results = []
            for chunk in work:
                results.append(task(chunk))
                if bar is not None:
                    bar.update(1)
            return results
        submit = getattr(executor, "submit", None)
        if not callable(submit):
            raise ValidationError("executor", executor, "None, or an executor with a submit method")
        futures = [submit(task, chunk) for chunk in work]
        done = []
        for future in futures:
            done.append(future.result())
            if bar is not None:
                bar.update(1)
        return done
    finally:
        if bar is not None:
            bar.close()
