"""Seeded chunks of runs: the same results wherever the chunks run."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest

import cocreation as cc
from cocreation.analysis import Chunk, chunks, run_chunks


def draws(chunk: Chunk) -> list[float]:
    values: list[float] = chunk.generator().normal(size=len(chunk)).tolist()
    return values


def test_chunks_cover_the_runs_in_order_with_a_fixed_size() -> None:
    work = chunks(2_345, seed=3, size=500)
    assert [(c.index, c.start, c.stop) for c in work] == [
        (0, 0, 500),
        (1, 500, 1000),
        (2, 1000, 1500),
        (3, 1500, 2000),
        (4, 2000, 2345),
    ]
    assert sum(len(c) for c in work) == 2_345


def test_a_chunks_draws_depend_on_the_seed_and_its_index_only() -> None:
    one = chunks(3_000, seed=5, size=1_000)
    again = chunks(3_000, seed=5, size=1_000)
    longer = chunks(10_000, seed=5, size=1_000)
    assert [draws(c) for c in one] == [draws(c) for c in again]
    assert [draws(c) for c in one] == [draws(c) for c in longer[:3]]
    other = chunks(3_000, seed=6, size=1_000)
    assert draws(one[0]) != draws(other[0])
    assert draws(one[0]) != draws(one[1])  # chunks are independent streams


@pytest.mark.parametrize("make", [ThreadPoolExecutor, ProcessPoolExecutor])
def test_an_executor_gives_bit_identical_results(make: type) -> None:
    work = chunks(4_000, seed=9, size=1_000)
    here = run_chunks(draws, work)
    with make(2) as pool:
        there = run_chunks(draws, work, executor=pool)
    assert here == there  # exact equality: the same bits


def test_chunks_travel_to_other_processes_intact() -> None:
    chunk = chunks(10, seed=2)[0]
    copy = pickle.loads(pickle.dumps(chunk))
    assert (copy.index, copy.start, copy.stop) == (0, 0, 10)
    assert draws(copy) == draws(chunk)


def test_progress_shows_a_bar_and_changes_no_result(capsys: pytest.CaptureFixture[str]) -> None:
    work = chunks(3_000, seed=1)
    assert run_chunks(draws, work, progress=True, description="draws") == run_chunks(draws, work)
    assert "draws" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: chunks(0, seed=1), r"runs: expected an integer >= 1, got 0"),
        (lambda: chunks(10, seed=-1), r"seed: expected an integer >= 0, got -1"),
        (lambda: chunks(10, seed=1.5), r"seed: expected an integer >= 0, got 1.5"),  # type: ignore[arg-type]
        (lambda: chunks(10, seed=1, size=0), r"size: expected an integer >= 1, got 0"),
        (lambda: run_chunks(draws, chunks(10, seed=1), executor=object()), r"executor: expected"),
    ],
)
def test_bad_arguments_are_the_librarys_errors(call: object, message: str) -> None:
    with pytest.raises(cc.ValidationError, match=message):
        call()  # type: ignore[operator]


def test_the_generator_is_numpys_pcg64() -> None:
    chunk = chunks(5, seed=123)[0]
    expected = np.random.Generator(np.random.PCG64(np.random.SeedSequence(123).spawn(1)[0]))
    assert chunk.generator().random(5).tolist() == expected.random(5).tolist()


def test_a_named_stream_is_its_own_and_the_same_wherever_it_is_asked_for() -> None:
    chunk = chunks(5_000, seed=4, size=1_000)[2]
    price = chunk.generator("home-fibre.price").random(100)
    assert np.array_equal(price, chunk.generator("home-fibre.price").random(100))
    assert np.array_equal(
        price, pickle.loads(pickle.dumps(chunk)).generator("home-fibre.price").random(100)
    )
    others = [chunk.generator(), chunk.generator("early-adopters.retention")]
    others += [chunks(5_000, seed=4, size=1_000)[1].generator("home-fibre.price")]
    for other in others:
        assert not np.array_equal(price, other.random(100))
    with pytest.raises(cc.ValidationError, match=r"stream: expected a string, or None, got 3"):
        chunk.generator(3)  # type: ignore[arg-type]
