"""The ecosystem graph from a CRM-sized table: one edge per customer and counterpart.

Run as ``python benchmarks/bench_graph.py [--interactions N] [--customers N]``. Times
``cocreation.frames.relationship_graph`` (check every row, aggregate with NumPy,
build the NetworkX graph with ``add_edges_from``) and, as a reference, building the
object-path graph of the same size is far slower and is not attempted.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import arguments, best_of, machine, seconds, table
from _synthetic import ecosystem, tables

from cocreation.frames import relationship_graph


def main() -> None:
    """Time the relationship graph of a synthetic table."""
    parser = arguments(__doc__.splitlines()[0], interactions=1_000_000, customers=100_000)
    options = parser.parse_args()
    eco = ecosystem(options.customers)
    data = tables(options.customers, options.interactions)
    repeats = min(options.repeats, 3)
    best, first, graph = best_of(
        lambda: relationship_graph(
            eco, data["interactions"], transfers=data["transfers"], modules=data["modules"]
        ),
        repeats,
    )
    print(
        table(
            f"Graph: {options.interactions:,} interactions, {options.customers:,} customers "
            f"(best of {repeats}; {machine()})",
            ["task", "best", "first run", "nodes", "edges", "target"],
            [
                [
                    "relationship_graph",
                    seconds(best),
                    seconds(first),
                    f"{graph.number_of_nodes():,}",
                    f"{graph.number_of_edges():,}",
                    "<= 5 s",
                ]
            ],
        )
    )


if __name__ == "__main__":
    main()
