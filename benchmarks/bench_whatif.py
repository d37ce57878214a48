"""Monte Carlo over a whole ecosystem: ``cocreation.monte_carlo`` against rebuilding ecosystems in a loop.

Run as ``python benchmarks/bench_whatif.py [--runs N] [--customers N] [--loop-runs N]``.
Two ecosystems: the bundled example (seven actors, thirteen interactions) and a
synthetic one of N customers with three interactions each (the CRM tables of
``_synthetic.py``, made into objects). Each run draws five uncertain inputs (prices,
costs, a retention or a value of time, occurrences) and measures every actor's net
value flow, the total value created and whether every actor gains.

The baseline evaluates the same draws (the library's own, so that both compute the
same figures) the way a user would without ``monte_carlo``: for each run,
``ecosystem.with_values(draws)`` rebuilds the ecosystem, and the object path
accounts it (``net_value_flows(...).nets()``; win-win from those nets with the
library's tolerance, without the price ranges ``win_win`` also finds). The first
runs are checked equal before anything is timed. The loop is timed on
``--loop-runs`` runs (all of them for the example by default) and its time per run
multiplied out to all the runs where it ran on fewer, which the table says.
"""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _synthetic as synthetic
from _harness import (
    arguments,
    best_of,
    child_memory,
    machine,
    measure_in_subprocess,
    seconds,
    table,
)

import cocreation as cc
from cocreation.analysis import Triangular, Uniform
from cocreation.tables import tables_to_interactions

SEED = 17
TOLERANCE = 1e-9  # as cocreation.win_win: relative to the largest net, at least 1


def example() -> tuple[cc.Ecosystem, dict[str, Any]]:
    """The bundled example and five uncertain inputs."""
    return cc.example_ecosystem(), {
        "business-internet.price": Triangular(900.0, 1200.0, 1300.0),
        "small-businesses.retention": Uniform(0.7, 0.9),
        "portal-self-service.occurrences": Uniform(4.0, 8.0),
        "alpine-telecom.fixed_cost": Uniform(100_000.0, 140_000.0),
        "cloud.variable_cost": Uniform(80.0, 120.0),
    }


def large(customers: int) -> tuple[cc.Ecosystem, dict[str, Any]]:
    """The synthetic ecosystem of ``customers`` customers, three interactions each, and five inputs."""
    eco = synthetic.ecosystem(customers)
    eco = eco.add(*tables_to_interactions(**synthetic.tables(customers, 3 * customers)))
    return eco, {
        "O3.price": Triangular(25.0, 35.0, 40.0),
        "O5.unit_cost": Uniform(15.0, 22.0),
        f"{synthetic.ORGANISATION}.fixed_cost": Uniform(5_000.0, 20_000.0),
        "cloud.variable_cost": Uniform(1.0, 4.0),
        "C0000001.value_of_time": Uniform(10.0, 80.0),
    }


def library(eco: cc.Ecosystem, inputs: dict[str, Any], runs: int) -> cc.MonteCarlo:
    """Every actor's net value flow over the runs, with the library."""
    return cc.monte_carlo(eco, inputs, runs=runs, seed=SEED)


def loop(
    eco: cc.Ecosystem, result: cc.MonteCarlo, runs: int
) -> list[tuple[list[float], float, bool]]:
    """The same draws, one ecosystem rebuilt and accounted per run, in a Python loop."""
    done = []
    for run in range(runs):
        one = eco.with_values(
            dict(zip(result.parameters, result.samples[run].tolist(), strict=True))
        )
        nets = cc.net_value_flows(one).nets()
        scale = max([1.0, *(abs(net) for net in nets.values())])
        done.append(
            (
                [nets[actor] for actor in result.labels],
                sum(nets.values()),
                min(nets.values()) >= -TOLERANCE * scale,
            )
        )
    return done


def check(result: cc.MonteCarlo, baseline: list[tuple[list[float], float, bool]]) -> None:
    """Stop with status 1 unless the loop's figures are the library's, run by run."""
    for run, (nets, created, gains) in enumerate(baseline):
        scale = max(1.0, *(abs(x) for x in nets))
        same = all(
            math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9 * scale)
            for a, b in zip(result.values[run].tolist(), nets, strict=True)
        )
        same = same and math.isclose(
            float(result.total_value_created[run]), created, rel_tol=1e-9, abs_tol=1e-9 * scale
        )
        assert result.win_win is not None
        if not same or bool(result.win_win[run]) != gains:
            print(f"run {run}: the loop and the library disagree", file=sys.stderr)
            raise SystemExit(1)


def measure(
    name: str, eco: cc.Ecosystem, inputs: dict[str, Any], runs: int, loop_runs: int, repeats: int
) -> list[str]:
    """One row of the table: the library's best of ``repeats`` and the loop's time per run."""
    library(eco, inputs, min(runs, 10))  # the ecosystem's lookup tables, built once
    best, first, result = best_of(lambda: library(eco, inputs, runs), repeats)
    counted = min(loop_runs, runs)
    check(result, loop(eco, result, min(counted, 20)))
    start = time.perf_counter()
    loop(eco, result, counted)
    per_run = (time.perf_counter() - start) / counted
    whole = per_run * runs
    how = "measured" if counted == runs else f"projected from {counted:,} runs"
    target = "<= 10 s" if name == "bundled example" else ""
    return [
        name,
        f"{len(eco.actors):,}",
        f"{len(eco.interactions):,}",
        f"{runs:,}",
        seconds(best),
        seconds(first),
        f"{1e3 * best / runs:.3f} ms",
        f"{1e3 * per_run:.3f} ms",
        f"{seconds(whole)} ({how})",
        f"{whole / best:,.0f}x",
        target,
    ]


def main() -> None:
    """Time the library and the loop on both ecosystems, then the library's memory."""
    parser = arguments(__doc__.splitlines()[0], runs=10_000, customers=10_000, **{"loop-runs": 20})
    options = parser.parse_args()
    if options.child is not None:
        eco, inputs = example() if options.child == "example" else large(options.customers)
        library(eco, inputs, min(options.runs, 10))
        print(json.dumps(child_memory(lambda: library(eco, inputs, options.runs))))
        return
    rows = [
        measure("bundled example", *example(), options.runs, options.runs, options.repeats),
        measure(
            f"synthetic, {options.customers:,} customers",
            *large(options.customers),
            options.runs,
            options.loop_runs,
            options.repeats,
        ),
    ]
    print(
        table(
            f"Monte Carlo: every actor's net value flow, {options.runs:,} runs of five inputs"
            f" (library: best of {options.repeats}; {machine()})",
            [
                "ecosystem",
                "actors",
                "interactions",
                "runs",
                "library best",
                "first run",
                "per run",
                "loop per run",
                "loop, all runs",
                "library speed-up",
                "target",
            ],
            rows,
        )
    )
    if options.no_memory:
        return
    script = Path(__file__).resolve()
    sizes = ["--runs", str(options.runs), "--customers", str(options.customers)]
    memory = [
        [name, f"{measure_in_subprocess(script, [*sizes, '--child', child])['extra_mib']:.0f} MiB"]
        for name, child in (("bundled example", "example"), ("synthetic", "large"))
    ]
    print()
    print(
        table(
            "Memory of monte_carlo beyond the loaded ecosystem (peak RSS in a fresh process)",
            ["ecosystem", "extra peak"],
            memory,
        )
    )


if __name__ == "__main__":
    main()
