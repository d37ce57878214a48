"""Every benchmark script still runs, at a tiny size (the real runs are not tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
TINY = {
    "bench_accounting.py": ["--interactions", "3000", "--customers", "300", "--repeats", "1"],
    "bench_building.py": ["--calls", "200", "--repeats", "1"],
    "bench_clv.py": ["--customers", "10000", "--repeats", "1"],
    "bench_estimate.py": ["--customers", "3000", "--rows", "3000", "--repeats", "1"],
    "bench_graph.py": ["--interactions", "3000", "--customers", "300", "--repeats", "1"],
    "bench_import.py": ["--repeats", "1"],
}


def test_every_script_is_covered() -> None:
    assert {path.name for path in BENCHMARKS.glob("bench_*.py")} == set(TINY)


@pytest.mark.parametrize("script", sorted(TINY))
def test_a_benchmark_script_runs_at_a_tiny_size(script: str) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *TINY[script]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "best" in done.stdout
    assert "target" in done.stdout
