"""Building an ecosystem one call at a time against adding everything at once.

Run as ``python benchmarks/bench_building.py [--calls N]``. A bank and N/2 customers,
each with one interaction with the bank, built by N chained ``add_customer`` and
``add_interaction`` calls (each call builds its entity and a new ecosystem), against
one ``add`` of the same entities built beforehand, at N/10 and N calls. Each addition
checks only what it adds and successive ecosystems share their storage, so the chained
build stays within a few times the single ``add`` at every size.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import arguments, best_of, machine, seconds, table

from cocreation import Customer, Ecosystem, Entity, Interaction


def chained(customers: int) -> Ecosystem:
    """The ecosystem built by ``2 * customers`` chained ``add_*`` calls."""
    eco = Ecosystem(name="Bank").add_organisation("bank")
    for number in range(customers):
        eco = eco.add_customer(f"c{number}").add_interaction(
            f"i{number}", customer=f"c{number}", counterpart="bank"
        )
    return eco


def entities(customers: int) -> list[Entity]:
    """The customers and interactions ``chained`` adds, in the same order."""
    built: list[Entity] = []
    for number in range(customers):
        built.append(Customer(f"c{number}"))
        built.append(Interaction(f"i{number}", customer=f"c{number}", counterpart="bank"))
    return built


def main() -> None:
    """Time chained building against one addition at two sizes."""
    parser = arguments(__doc__.splitlines()[0], calls=20_000)
    options = parser.parse_args()
    repeats = min(options.repeats, 3)
    rows: list[list[str]] = []
    for calls in (options.calls // 10, options.calls):
        customers = max(calls // 2, 1)
        everything = entities(customers)
        base = Ecosystem(name="Bank").add_organisation("bank")
        step_best, step_first, step_eco = best_of(lambda: chained(customers), repeats)  # noqa: B023
        once_best, once_first, once_eco = best_of(lambda: base.add(*everything), repeats)  # noqa: B023
        if step_eco != once_eco:
            raise SystemExit("the chained build and the single add differ")
        rows.append(
            [
                f"{2 * customers:,}",
                seconds(step_best),
                seconds(step_first),
                seconds(once_best),
                seconds(once_first),
                f"{step_best / max(once_best, 1e-9):.1f}x",
                "<= 5x",
            ]
        )
    print(
        table(
            f"Building: a bank and its customers, one interaction each (best of {repeats}; "
            f"{machine()})",
            [
                "add_* calls",
                "chained best",
                "chained first",
                "add(*all) best",
                "add(*all) first",
                "ratio",
                "target",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
