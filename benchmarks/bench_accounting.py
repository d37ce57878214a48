"""Per-customer net benefit and firm value from a CRM-sized table, against what a user would write.

Run as ``python benchmarks/bench_accounting.py [--interactions N] [--customers N]
[--scaling ROWS,ROWS,...]``. The library's bulk accounting (in ``library``, the one
function that calls it) gives every customer's net benefit and firm value lines.
The baselines compute the same lines from the same tables the way a user would
without the library (``_accounting_baselines.py``): a NumPy pipeline of
Arrow-encoded codes and weighted ``bincount`` s, and, where they are installed
(the ``bench`` extra), polars' lazy API and a DuckDB SQL query. Every baseline is
checked against the library (``check``) before anything is timed, and the script
exits with status 1 if one disagrees. Then come a scaling table (the library and the
NumPy pipeline at several sizes, ``customers = rows / 10``) and the memory each
pipeline needs beyond its loaded input, each measured in a fresh process.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import pandas as pd
from _accounting_baselines import (
    Frames,
    duckdb_pipeline,
    numpy_pipeline,
    polars_pipeline,
    to_duckdb,
    to_polars,
)
from _harness import (
    arguments,
    best_of,
    child_memory,
    machine,
    measure_in_subprocess,
    seconds,
    table,
)
from _synthetic import ecosystem, small_tables, tables

import cocreation as cc

TIMING = "retained"
NET_BENEFIT_LINES = (
    "value_in_use",
    "money_received",
    "money_paid",
    "time_cost",
    "effort",
    "risk",
    "psychic_cost",
    "net",
)
FIRM_VALUE_LINES = (
    "lifetime_value",
    "referral_value",
    "influence_value",
    "knowledge_value",
    "coproduction_savings",
    "design_cost",
    "production_cost",
    "referral_cost",
    "support_cost",
    "total",
)
SCALING = "100000,1000000,3000000"


def library(eco: cc.Ecosystem, data: dict[str, pd.DataFrame]) -> Frames:
    """The library: account the tables, then the two per-customer views.

    The only place that calls the library's bulk accounting, imported here.
    """
    from cocreation import bulk

    ledger = bulk.account(eco, **data)
    return (
        bulk.net_benefit(eco, ledger=ledger).to_frame(),
        bulk.firm_value(eco, ledger=ledger, timing=TIMING).to_frame(),
    )


def check(ours: Frames, theirs: Frames) -> list[str]:
    """The lines on which a baseline disagrees with the library; empty if it agrees.

    ``ours`` are the library's frames (a ``customer`` column, a column per line),
    ``theirs`` a baseline's (indexed by customer). Every line of
    ``NET_BENEFIT_LINES`` and ``FIRM_VALUE_LINES`` must be there, for the same
    customers, equal within a relative 1e-9 or an absolute 1e-6. The library's frames
    give each line with its sign (what a customer gives and what co-creating costs
    negative, so that the lines sum to the total); the baselines give amounts, so
    the library's lines are multiplied by their declared sign before comparing.
    """
    from cocreation.accounting import FIRM_LINES, LEDGER_LINES

    sign = {line.name: line.sign for line in (*LEDGER_LINES, *FIRM_LINES)}
    problems: list[str] = []
    for mine, other, lines in zip(ours, theirs, (NET_BENEFIT_LINES, FIRM_VALUE_LINES), strict=True):
        mine = mine.set_index("customer")
        if len(other) != len(mine) or not other.index.isin(mine.index).all():
            problems.append(f"customers ({len(other)} rows, the library has {len(mine)})")
            continue
        mine = mine.reindex(other.index)
        for line in lines:
            if line not in other.columns:
                problems.append(f"{line} (missing)")
                continue
            expected = mine[line].to_numpy(dtype=np.float64) * sign.get(line, 1)
            got = other[line].to_numpy(dtype=np.float64)
            if not np.allclose(got, expected, rtol=1e-9, atol=1e-6):
                worst = float(np.nanmax(np.abs(got - expected))) if len(got) else math.nan
                problems.append(f"{line} (off by up to {worst:.6g})")
    return problems


class Baseline(NamedTuple):
    """A way to get the same figures without the library."""

    key: str  # the name on the command line of the memory child
    label: str  # the name in the tables
    package: str | None  # the package it needs, beyond NumPy, pandas and pyarrow
    load: Callable[[dict[str, Any], dict[str, pd.DataFrame]], Any]  # once, not timed
    run: Callable[[dict[str, Any], Any], Frames]


BASELINES = (
    Baseline("numpy", "NumPy pipeline", None, lambda _, data: data, numpy_pipeline),
    Baseline("polars", "polars, lazy", "polars", to_polars, polars_pipeline),
    Baseline("duckdb", "DuckDB, SQL", "duckdb", to_duckdb, duckdb_pipeline),
)


def installed() -> list[Baseline]:
    """The baselines whose package is installed, that package imported (outside any timing)."""
    found = [
        b for b in BASELINES if b.package is None or importlib.util.find_spec(b.package) is not None
    ]
    for baseline in found:
        if baseline.package is not None:
            importlib.import_module(baseline.package)
    return found


def one_row(data: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The first interaction and its rows in the long tables."""
    first = data["interactions"].iloc[:1]
    chosen = {"interactions": first}
    for name, frame in data.items():
        if name != "interactions":
            chosen[name] = frame[frame["interaction"].isin(first["id"])]
    return chosen


def input_bytes(data: dict[str, pd.DataFrame]) -> int:
    """The memory the input tables take, strings included."""
    return int(sum(frame.memory_usage(deep=True).sum() for frame in data.values()))


def per_row(best: float, rows: int) -> str:
    """Seconds for ``rows`` rows as nanoseconds per row."""
    return f"{best / rows * 1e9:,.0f} ns"


def checked_or_exit(name: str, problems: list[str]) -> None:
    """Stop with status 1, naming the lines, if a baseline disagrees with the library."""
    if problems:
        print(f"{name} disagrees with the library: {', '.join(problems)}", file=sys.stderr)
        sys.exit(1)


def child(options: Any) -> None:
    """One memory measurement: build the inputs, then run one pipeline once."""
    eco = ecosystem(options.customers)
    data = tables(options.customers, options.interactions)
    small = small_tables(eco)
    task: Callable[[], Any]
    if options.child == "library":
        # The ecosystem's lookup tables, like the baselines' small tables, are loaded input.
        library(eco, one_row(data))
        task = lambda: library(eco, data)  # noqa: E731
    else:
        baseline = next(b for b in BASELINES if b.key == options.child)
        loaded = baseline.load(small, data)
        task = lambda: baseline.run(small, loaded)  # noqa: E731
    print(json.dumps(child_memory(task)))


def scaling(sizes: list[int], repeats: int, known: dict[int, tuple[float, float]]) -> str:
    """The library and the NumPy pipeline at several sizes: time per row and its growth."""
    rows: list[list[str]] = []
    best: dict[int, tuple[float, float]] = {}
    for size in sizes:
        if size in known:
            best[size] = known[size]
        else:
            customers = max(size // 10, 2)
            eco = ecosystem(customers)
            data = tables(customers, size)
            small = small_tables(eco)
            library(eco, one_row(data))
            result = library(eco, data)
            checked_or_exit(
                f"the NumPy pipeline at {size:,} rows", check(result, numpy_pipeline(small, data))
            )
            del result
            # Turn about, so that the machine's slow spells fall on both alike.
            ours = theirs = math.inf
            for _ in range(repeats):
                ours = min(ours, best_of(lambda: library(eco, data), 1)[0])  # noqa: B023
                theirs = min(theirs, best_of(lambda: numpy_pipeline(small, data), 1)[0])  # noqa: B023
            best[size] = (ours, theirs)
            del eco, data, small
        ours, theirs = best[size]
        rows.append(
            [
                f"{size:,}",
                f"{max(size // 10, 2):,}",
                seconds(ours),
                per_row(ours, size),
                seconds(theirs),
                per_row(theirs, size),
                f"{ours / theirs:.2f}x",
            ]
        )
    lines = [
        table(
            f"Scaling: customers = rows / 10 (best of {repeats}, the two in turn; "
            "library / NumPy is the ratio)",
            ["rows", "customers", "library", "per row", "NumPy", "per row", "library / NumPy"],
            rows,
        )
    ]
    if len(sizes) >= 2:
        low, high = sizes[-2], sizes[-1]
        growth = [math.log(best[high][i] / best[low][i]) / math.log(high / low) for i in range(2)]
        lines.append(
            f"growth exponent from {low:,} to {high:,} rows (log(t2/t1) / log(n2/n1); "
            f"1.00 is linear, target for the library: linear): "
            f"library {growth[0]:.2f}, NumPy {growth[1]:.2f}"
        )
    return "\n".join(lines)


def main() -> None:
    """Check every baseline, time them all, then the scaling and the memory."""
    parser = arguments(__doc__.splitlines()[0], interactions=1_000_000, customers=100_000)
    parser.add_argument(
        "--scaling",
        default=SCALING,
        help="rows of the scaling table, comma-separated (customers = rows / 10); '' skips it",
    )
    options = parser.parse_args()
    if options.child is not None:
        child(options)
        return
    rows = options.interactions
    eco = ecosystem(options.customers)
    data = tables(options.customers, rows)
    small = small_tables(eco)
    size = input_bytes(data) / 2**20
    baselines = installed()

    # The first call on an ecosystem builds its lookup tables (then cached while it lives).
    lookup, _, _ = best_of(lambda: library(eco, one_row(data)), 1)
    ours = library(eco, data)
    loaded: dict[str, Any] = {}
    loading: dict[str, float] = {}
    for baseline in baselines:
        loading[baseline.key], _, loaded[baseline.key] = best_of(
            lambda b=baseline: b.load(small, data), 1
        )
        checked_or_exit(baseline.label, check(ours, baseline.run(small, loaded[baseline.key])))
    del ours

    best, first, _ = best_of(lambda: library(eco, data), options.repeats)
    report = [
        [
            "library",
            seconds(best),
            seconds(first),
            "1.00x",
            per_row(best, rows),
            "<= polars, <= DuckDB, <= 1.5x NumPy",
        ]
    ]
    numpy_best = best
    for baseline in baselines:
        theirs, theirs_first, _ = best_of(
            lambda b=baseline: b.run(small, loaded[b.key]), options.repeats
        )
        if baseline.key == "numpy":
            numpy_best = theirs
        report.append(
            [
                f"{baseline.label} (checked equal)",
                seconds(theirs),
                seconds(theirs_first),
                f"{best / theirs:.2f}x",
                per_row(theirs, rows),
                "",
            ]
        )
    report.append(["library, first call: one row (lookup tables)", seconds(lookup), "", "", "", ""])
    report.extend(
        [f"{baseline.label}: loading the tables", seconds(loading[baseline.key]), "", "", "", ""]
        for baseline in baselines
        if baseline.package is not None
    )
    missing = [b.package for b in BASELINES if b not in baselines]
    print(
        table(
            f"Accounting: {rows:,} interactions, {options.customers:,} customers "
            f"(best of {options.repeats}; {machine()})",
            ["implementation", "best", "first run", "library / this", "per row", "target"],
            report,
        )
    )
    if missing:
        print(f"not installed, so not compared: {', '.join(str(m) for m in missing)}")
    loaded.clear()

    sizes = [int(size) for size in options.scaling.split(",") if size.strip()]
    if sizes:
        known = {rows: (best, numpy_best)} if options.customers == max(rows // 10, 2) else {}
        del data
        print()
        print(scaling(sizes, options.repeats, known))

    if options.no_memory:
        return
    script = Path(__file__).resolve()
    arguments_ = ["--interactions", str(rows), "--customers", str(options.customers)]
    measured = [("library", "library", "<= 2.0x")] + [
        (baseline.key, baseline.label, "") for baseline in baselines
    ]
    memory = []
    for key, label, target in measured:
        extra = measure_in_subprocess(script, [*arguments_, "--child", key])["extra_mib"]
        memory.append([label, f"{extra:.0f} MiB", f"{extra / size:.2f}x", target])
    print()
    print(
        table(
            f"Memory beyond the loaded input (peak RSS in a fresh process; input columns {size:.0f} MiB)",
            ["pipeline", "extra peak", "x input", "target"],
            memory,
        )
    )


if __name__ == "__main__":
    main()
