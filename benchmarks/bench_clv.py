"""Customer lifetime value of many customers: ``bulk.clv`` against the plain NumPy formula.

Run as ``python benchmarks/bench_clv.py [--customers N]``. The plain formula is
Gupta & Lehmann's ``m r / (1 + d - r)`` (first margin one period out, only if
retained); ``bulk.clv`` computes the same values with the checks of ``clv`` (every
margin finite, every retention in [0, 1], a finite sum) and its timing conventions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from _harness import (
    arguments,
    best_of,
    child_memory,
    machine,
    measure_in_subprocess,
    seconds,
    table,
)

from cocreation import bulk

RATE = 0.1


def inputs(customers: int) -> tuple[np.ndarray, np.ndarray]:
    """Margins and retentions of ``customers`` customers, with a fixed seed."""
    rng = np.random.default_rng(3)
    return rng.uniform(-20.0, 200.0, customers), rng.uniform(0.0, 0.95, customers)


def plain(margin: np.ndarray, retention: np.ndarray) -> np.ndarray:
    """The plain NumPy formula, with no checks."""
    return margin * retention / (1.0 + RATE - retention)


def library(margin: np.ndarray, retention: np.ndarray) -> np.ndarray:
    """The library's checked lifetime value."""
    return bulk.clv(margin, retention, RATE, timing="retained")


def main() -> None:
    """Time both, then measure their memory in fresh processes."""
    parser = arguments(__doc__.splitlines()[0], customers=10_000_000)
    options = parser.parse_args()
    margin, retention = inputs(options.customers)
    if options.child is not None:
        task = library if options.child == "library" else plain
        print(json.dumps(child_memory(lambda: task(margin, retention))))
        return
    assert np.allclose(library(margin, retention), plain(margin, retention), rtol=1e-12, atol=1e-9)
    ours, ours_cold, _ = best_of(lambda: library(margin, retention), options.repeats)
    theirs, theirs_cold, _ = best_of(lambda: plain(margin, retention), options.repeats)
    rows = [
        [
            "bulk.clv (checked)",
            seconds(ours),
            seconds(ours_cold),
            f"{ours / theirs:.2f}x",
            "<= 1.5x NumPy",
        ],
        ["plain NumPy formula", seconds(theirs), seconds(theirs_cold), "1.00x", ""],
    ]
    print(
        table(
            f"Lifetime value: {options.customers:,} customers (best of {options.repeats}; {machine()})",
            ["task", "best", "first run", "vs NumPy", "target"],
            rows,
        )
    )
    if options.no_memory:
        return
    script = Path(__file__).resolve()
    size = (margin.nbytes + retention.nbytes) / 2**20
    sizes = ["--customers", str(options.customers)]
    mine = measure_in_subprocess(script, [*sizes, "--child", "library"])
    numpy_memory = measure_in_subprocess(script, [*sizes, "--child", "plain"])
    print()
    print(
        table(
            f"Memory beyond the loaded input (peak RSS in a fresh process; input columns {size:.0f} MiB)",
            ["task", "extra peak", "x input"],
            [
                ["bulk.clv", f"{mine['extra_mib']:.0f} MiB", f"{mine['extra_mib'] / size:.2f}x"],
                [
                    "plain NumPy",
                    f"{numpy_memory['extra_mib']:.0f} MiB",
                    f"{numpy_memory['extra_mib'] / size:.2f}x",
                ],
            ],
        )
    )


if __name__ == "__main__":
    main()
