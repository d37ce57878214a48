"""How long ``import cocreation`` takes in a fresh interpreter, and what it loads.

Run as ``python benchmarks/bench_import.py [--repeats N]``. Each run starts a new
interpreter and times the import alone; NumPy, pandas, pyarrow, Dask and NetworkX
must not be loaded by it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import arguments, machine, seconds, table

HEAVY = ("numpy", "pandas", "pyarrow", "dask", "networkx")
CODE = (
    "import json, sys, time\n"
    "start = time.perf_counter()\n"
    "import cocreation\n"
    "took = time.perf_counter() - start\n"
    "print(json.dumps([took, sorted({m.split('.')[0] for m in sys.modules})]))\n"
)


def main() -> None:
    """Time ``import cocreation`` in fresh interpreters."""
    parser = arguments(__doc__.splitlines()[0])
    options = parser.parse_args()
    times: list[float] = []
    loaded: set[str] = set()
    for _ in range(max(options.repeats, 1)):
        done = subprocess.run(
            [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=120
        )
        took, modules = json.loads(done.stdout)
        times.append(took)
        loaded.update(modules)
    heavy = sorted(loaded.intersection(HEAVY)) or ["none"]
    print(
        table(
            f"import cocreation (fresh interpreter each run, best of {len(times)}; {machine()})",
            ["task", "best", "first run", "heavy modules loaded", "target"],
            [
                [
                    "import cocreation",
                    seconds(min(times)),
                    seconds(times[0]),
                    ", ".join(heavy),
                    "<= 0.15 s",
                ]
            ],
        )
    )


if __name__ == "__main__":
    main()
