"""Every benchmark script still runs, at a tiny size (the real runs are not tests).

The accounting benchmark also checks every baseline against the library before it
times anything, and stops with status 1 if one disagrees: at the tiny size, the
NumPy, polars and DuckDB baselines (the ``bench`` extra, part of ``test``) must all
pass that check.
"""

from __future__ import annotations

import functools
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import cocreation as cc

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
TINY = {
    "bench_accounting.py": [
        *("--interactions", "3000", "--customers", "300", "--repeats", "1"),
        *("--scaling", "1000,3000"),
    ],
    "bench_building.py": ["--calls", "200", "--repeats", "1"],
    "bench_clv.py": ["--customers", "10000", "--repeats", "1"],
    "bench_estimate.py": ["--customers", "3000", "--rows", "3000", "--repeats", "1"],
    "bench_graph.py": ["--interactions", "3000", "--customers", "300", "--repeats", "1"],
    "bench_import.py": ["--repeats", "1"],
    "bench_simulate.py": [
        *("--runs", "20", "--periods", "5", "--segments", "3", "--members", "100"),
        *("--repeats", "1"),
    ],
    "bench_whatif.py": [
        *("--runs", "200", "--customers", "300", "--loop-runs", "10", "--repeats", "1"),
    ],
}


@functools.cache
def run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *TINY[script]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@functools.cache
def accounting() -> ModuleType:
    """The accounting benchmark as a module (its ``sys.path`` entry undone after loading)."""
    spec = importlib.util.spec_from_file_location(
        "bench_accounting", BENCHMARKS / "bench_accounting.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    saved = list(sys.path)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module


def test_every_script_is_covered() -> None:
    assert {path.name for path in BENCHMARKS.glob("bench_*.py")} == set(TINY)


@pytest.mark.parametrize("script", sorted(TINY))
def test_a_benchmark_script_runs_at_a_tiny_size(script: str) -> None:
    done = run(script)
    assert done.returncode == 0, done.stderr
    assert "best" in done.stdout
    assert "target" in done.stdout


def test_every_accounting_baseline_agrees_with_the_library() -> None:
    done = run("bench_accounting.py")
    assert done.returncode == 0, done.stderr
    # A baseline's timing row is printed only after its check passed.
    for label in ("NumPy pipeline", "polars, lazy", "DuckDB, SQL"):
        assert f"{label} (checked equal)" in done.stdout
    assert "not installed" not in done.stdout
    assert "growth exponent from 1,000 to 3,000 rows" in done.stdout
    assert "Memory beyond the loaded input" in done.stdout


def test_the_accounting_check_names_the_lines_that_disagree() -> None:
    bench = accounting()
    eco = bench.ecosystem(40)
    data = bench.tables(40, 400)
    ours = bench.library(eco, data)
    # The baselines give amounts; the library's frames give each line with its sign.
    sign = {line.name: line.sign for line in cc.accounting.LEDGER_LINES}
    sign.update({line.name: line.sign for line in cc.accounting.FIRM_LINES})
    benefits, values = (
        frame.set_index("customer").apply(
            lambda column: column * sign[column.name] if column.name in sign else column
        )
        for frame in ours
    )
    assert bench.check(ours, (benefits, values)) == []

    moved = benefits.copy()
    moved.loc[moved.index[3], "net"] += 1.0
    assert bench.check(ours, (moved, values)) == ["net (off by up to 1)"]
    assert bench.check(ours, (benefits, values.drop(columns="total"))) == ["total (missing)"]
    assert bench.check(ours, (benefits.iloc[1:], values)) == [
        "customers (39 rows, the library has 40)"
    ]


def test_the_accounting_script_stops_on_a_disagreement() -> None:
    bench = accounting()
    bench.checked_or_exit("a baseline", [])  # agreement: nothing happens
    with pytest.raises(SystemExit) as stopped:
        bench.checked_or_exit("a baseline", ["net (off by up to 1)"])
    assert stopped.value.code == 1
