"""Simulating an ecosystem over its lifetime: ``cocreation.simulate`` at scale.

Run as ``python benchmarks/bench_simulate.py [--runs N] [--periods N] [--segments N]
[--members N]``. The ecosystem: one organisation, a cloud partner with a revenue
share, a community, and ``segments`` customer segments of ``members`` members each
(100,000 members by default), every segment buying a subscription that serves a job
of two outcomes, a tenth of them helping others in the forum. Two simulations are
timed: retention alone, and with rules (community help and harm, learning,
referrals into the first segment, ideas paying off after a lag). Memory is the peak
beyond what the process held before, measured in a fresh process.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

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
from cocreation.analysis import Harm, Help, Ideas, Learning, Referrals, Rule

VALUE = cc.TransferKind.VALUE


def ecosystem(segments: int, members: int) -> cc.Ecosystem:
    """The ecosystem of the benchmark: ``segments`` segments of ``members`` members."""
    eco = (
        cc.Ecosystem(name="simulation benchmark")
        .add_partner("cloud", variable_cost=3.0, fixed_cost=10_000.0)
        .add_partner("forum", role=cc.PartnerRole.COMMUNITY, fixed_cost=5_000.0)
        .add_organisation(
            "firm",
            discount_rate=0.08,
            fixed_cost=500_000.0,
            acquisition_cost=50.0,
            partners=["cloud", "forum"],
        )
        .add_offering(
            "plan",
            provider="firm",
            price=240.0,
            unit_cost=90.0,
            partners=[cc.RevenueShare("cloud", 0.1)],
        )
    )
    for k in range(segments):
        name = f"seg-{k}"
        eco = (
            eco.add_customer(name, count=members, retention=0.7 + 0.2 * k / max(segments, 1))
            .add_job(
                f"job-{k}",
                owner=name,
                value=400.0,
                outcomes=[cc.Outcome("uptime", 9.0, 5.0), cc.Outcome("ease", 6.0, 4.0)],
            )
            .add_interaction(
                f"buy-{k}",
                customer=name,
                counterpart="firm",
                offering="plan",
                units=1,
                job=f"job-{k}",
                achievement=[cc.Achievement("uptime", 0.7), cc.Achievement("ease", 0.4)],
            )
            .add_interaction(
                f"forum-{k}",
                customer=name,
                counterpart="forum",
                level=cc.CoCreationLevel.SUPPORT,
                occurrences=0.1,
                transfers=[cc.Transfer(name, "firm", 10.0, kind=VALUE)],
            )
        )
    return eco.add_interaction(
        "ideas",
        customer="seg-0",
        counterpart="firm",
        level=cc.CoCreationLevel.DESIGN,
        occurrences=0.01,
        transfers=[cc.Transfer("seg-0", "firm", 200.0, kind=VALUE)],
    )


def rules(segments: int) -> list[Rule]:
    """Rules touching every segment: help, harm, learning; referrals and ideas on a few."""
    found: list[Rule] = [Ideas("seg-0", lag=3)]
    for k in range(segments):
        found.append(Help("forum", f"seg-{k}", retention=0.05, achievement=0.1))
        found.append(Learning(f"seg-{k}", rate=0.1, ceiling=0.5))
        if k:
            found.append(Harm(f"seg-{k - 1}", f"seg-{k}", retention=0.02, achievement=0.05))
    if segments > 1:
        found.append(Referrals("seg-1", "seg-0", rate=0.02, incrementality=0.6))
    return found


def main() -> None:
    """Time both simulations, then measure their memory in fresh processes."""
    parser = arguments(__doc__.splitlines()[0], runs=1_000, periods=40, segments=20, members=5_000)
    options = parser.parse_args()
    eco = ecosystem(options.segments, options.members)
    cases = {"retention alone": [], "with rules": rules(options.segments)}

    def run(name: str) -> cc.analysis.Simulation:
        return cc.simulate(
            eco, periods=options.periods, runs=options.runs, seed=1, rules=cases[name]
        )

    if options.child is not None:
        print(json.dumps(child_memory(lambda: run(options.child))))
        return
    total = options.segments * options.members
    rows = []
    for name in cases:
        best, first, sim = best_of(lambda name=name: run(name), options.repeats)
        active = sim.values("active")[:, -1, :].sum(axis=1).mean()
        rows.append(
            [
                name,
                seconds(best),
                seconds(first),
                f"{options.runs * options.periods / best:,.0f}",
                f"{active:,.0f}",
                "<= 10 s",
            ]
        )
    print(
        table(
            f"Simulation: {options.runs:,} runs x {options.periods} periods, {total:,} members "
            f"in {options.segments} segments (best of {options.repeats}; {machine()})",
            ["task", "best", "first run", "run-periods/s", "active at the end", "target"],
            rows,
        )
    )
    if options.no_memory:
        return
    script = Path(__file__).resolve()
    sizes = [
        *("--runs", str(options.runs), "--periods", str(options.periods)),
        *("--segments", str(options.segments), "--members", str(options.members)),
    ]
    memory = [
        [name, f"{measure_in_subprocess(script, [*sizes, '--child', name])['extra_mib']:.0f} MiB"]
        for name in cases
    ]
    print()
    print(
        table(
            "Memory: peak beyond the process before (fresh process)", ["task", "extra peak"], memory
        )
    )


if __name__ == "__main__":
    main()
