"""Timing, memory and reporting shared by the benchmark scripts.

Timings are the best of several runs with ``time.perf_counter``, in one process (warm:
what a long-running notebook or service sees); the first, cold run is reported too.
Memory is measured in a fresh subprocess per measurement: the child builds its
inputs, resets its peak resident set size (``/proc/self/clear_refs``), runs the task
once and reports the peak (the kernel's ``VmHWM``; ``resource.getrusage`` where
``/proc`` is missing) minus the resident size it started from.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def best_of(task: Callable[[], Any], repeats: int) -> tuple[float, float, Any]:
    """``(best, first, result)``: the fastest and the first of ``repeats`` runs, in seconds."""
    times: list[float] = []
    result: Any = None
    for _ in range(max(repeats, 1)):
        gc.collect()
        start = time.perf_counter()
        result = task()
        times.append(time.perf_counter() - start)
        if len(times) < repeats:
            result = None  # free the previous result before the next run
    return min(times), times[0], result


def _rss_kib() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def _hwm_kib() -> int:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1])
    return 0


def child_memory(task: Callable[[], Any]) -> dict[str, float]:
    """Run ``task`` once and return the peak memory beyond what was resident before, in MiB."""
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # reset the peak to the current resident size
        reset = True
    except OSError:
        reset = False
    start = _rss_kib()
    result = task()
    # The kernel's high-water mark of this process, which the reset above lowered;
    # getrusage's ru_maxrss also keeps the peak of threads that have exited, so it
    # cannot be reset, and is only the fallback where /proc is missing.
    peak = _hwm_kib() if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del result
    return {"extra_mib": max(peak - start, 0) / 1024, "reset": float(reset)}


def measure_in_subprocess(script: Path, arguments: list[str]) -> dict[str, float]:
    """Run ``script --child ...`` in a fresh interpreter and read the JSON it prints last."""
    done = subprocess.run(
        [sys.executable, str(script), *arguments],
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    measured: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return measured


def machine() -> str:
    """One line about the machine: cores, CPU model, Python, NumPy and pandas versions."""
    import numpy as np
    import pandas as pd

    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, "
        f"numpy {np.__version__}, pandas {pd.__version__}"
    )


def table(title: str, header: list[str], rows: list[list[str]]) -> str:
    """A plain-text table with a title, columns aligned."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [title, "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    )
    return "\n".join(lines)


def seconds(value: float) -> str:
    return f"{value:.3f} s"


def arguments(description: str, **defaults: int) -> argparse.ArgumentParser:
    """An argument parser with ``--<size>`` options, ``--repeats`` and the child mode."""
    parser = argparse.ArgumentParser(description=description)
    for name, default in defaults.items():
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--repeats", type=int, default=5, help="timed runs; the best is shown")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory subprocesses")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    return parser
