"""Models fitted to a million customers: the log summary, the fits and the predictions.

Run as ``python benchmarks/bench_estimate.py [--customers N] [--lifetimes PYTHON]``.
The customers are simulated from BG/NBD and Gamma-Gamma models of known parameters
(a day-level log: recency and age in whole days, expressed in weeks). Timed are
``rfm`` on a transaction log (against a pandas pipeline that computes the same
summary), ``bg_nbd`` and ``gamma_gamma`` on the customers, and the conditional
expectation of purchases for every customer. With ``--lifetimes`` naming a Python
interpreter in whose environment the archived ``lifetimes`` package is installed
(never a dependency of this library), the same fits run there on the same data, in
a subprocess, and the table shows the ratio.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import pandas as pd
from _harness import (
    arguments,
    best_of,
    child_memory,
    machine,
    measure_in_subprocess,
    seconds,
    table,
)

from cocreation import estimate

PURCHASES = {"r": 0.6, "alpha": 6.0, "a": 0.8, "b": 2.8}
SPEND = {"p": 4.0, "q": 5.0, "gamma": 20.0}
LIFETIMES = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import numpy as np
from lifetimes import BetaGeoFitter, GammaGammaFitter
data = np.load(sys.argv[1])
x, tx, t, m = data["x"], data["tx"], data["t"], data["m"]
times = {}
start = time.perf_counter()
fit = BetaGeoFitter().fit(x, tx, t)
times["bg_nbd"] = time.perf_counter() - start
buyers = x > 0
start = time.perf_counter()
spend = GammaGammaFitter().fit(x[buyers], m[buyers])
times["gamma_gamma"] = time.perf_counter() - start
start = time.perf_counter()
fit.conditional_expected_number_of_purchases_up_to_time(26.0, x, tx, t)
times["expected_purchases"] = time.perf_counter() - start
times["params"] = [float(v) for v in fit.params_[["r", "alpha", "a", "b"]]]
print(json.dumps(times))
"""


def customers(count: int) -> estimate.RFM:
    """``count`` customers of known parameters, their times in whole days, in weeks."""
    rng = np.random.default_rng(17)
    ages = np.floor(rng.uniform(28.0, 546.0, count)) / 7.0
    model = estimate.BGNBD.of(**PURCHASES, unit="week")
    sample = estimate.simulate_customers(
        model, age=ages, spend=estimate.GammaGamma.of(**SPEND), seed=18
    )
    recency = np.floor(sample.recency.values * 7.0) / 7.0
    return estimate.RFM(
        customer=sample.customer,
        frequency=sample.frequency,
        recency=estimate.Times(recency, "week"),
        age=sample.age,
        mean_spend=sample.mean_spend,
        holdout_frequency=sample.holdout_frequency,
        holdout_length=0.0,
        unit="week",
    )


def transaction_log(rows: int) -> pd.DataFrame:
    """A log of about ``rows`` orders of ``rows // 5`` customers over 2024, in time order."""
    rng = np.random.default_rng(19)
    count = rows // 5
    orders = rng.poisson(4.0, count) + 1
    who = np.repeat(np.arange(count), orders)
    first = np.repeat(rng.integers(0, 300, count), orders)
    day = first + np.floor(rng.uniform(0.0, 66.0, who.size) * rng.random(who.size) * 1.5)
    seconds_ = rng.integers(0, 86_400, who.size)
    when = pd.Timestamp("2024-01-01") + pd.to_timedelta(day * 86_400 + seconds_, unit="s")
    frame = pd.DataFrame(
        {
            "customer": pd.array([f"c{i}" for i in who], dtype="str"),
            "time": when,
            "amount": np.round(rng.gamma(4.0, 10.0, who.size), 2),
        }
    )
    return frame.sort_values("time", kind="stable", ignore_index=True)


def rfm_library(log: pd.DataFrame) -> estimate.RFM:
    """The library's summary of the log, in weeks, up to 30 September 2024."""
    return estimate.rfm(
        log, customer="customer", time="time", amount="amount", unit="week", end="2024-09-30"
    )


def rfm_pandas(log: pd.DataFrame) -> pd.DataFrame:
    """The same summary with pandas: distinct purchase days, first and last, repeat spend."""
    end = pd.Timestamp("2024-09-30")
    days = log.assign(day=log["time"].dt.floor("D"))
    calibration = days[days["day"] <= end]
    daily = calibration.groupby(["customer", "day"], sort=False, as_index=False)["amount"].sum()
    grouped = daily.groupby("customer", sort=False)
    first = grouped["day"].transform("min")
    repeat = daily[daily["day"] != first]
    summary = grouped.agg(first=("day", "min"), last=("day", "max"), days=("day", "size"))
    summary["frequency"] = summary["days"] - 1
    week = pd.Timedelta(days=7)
    summary["recency"] = (summary["last"] - summary["first"]) / week
    summary["age"] = (end - summary["first"]) / week
    spend = repeat.groupby("customer", sort=False)["amount"].mean()
    summary["mean_spend"] = spend.reindex(summary.index)
    return summary


def run_lifetimes(python: str, data: estimate.RFM) -> dict[str, Any]:
    """Fit with ``lifetimes`` in another interpreter, on the same customers."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "customers.npz"
        np.savez(
            path,
            x=data.frequency.astype(float),
            tx=data.recency.values,
            t=data.age.values,
            m=data.mean_spend if data.mean_spend is not None else np.zeros(len(data)),
        )
        done = subprocess.run(
            [python, "-c", LIFETIMES, str(path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=7200,
        )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    """Time the summary, the fits and the predictions; compare with pandas and lifetimes."""
    parser = arguments(__doc__.splitlines()[0], customers=1_000_000, rows=1_000_000)
    parser.add_argument("--lifetimes", default=None, help="a Python with lifetimes installed")
    options = parser.parse_args()
    data = customers(options.customers)
    log = transaction_log(options.rows)
    if options.child is not None:
        if options.child == "bg_nbd":
            task: Any = lambda: estimate.bg_nbd(data.frequency, data.recency, data.age)  # noqa: E731
        else:
            task = lambda: rfm_library(log)  # noqa: E731
        print(json.dumps(child_memory(task)))
        return

    # Same figures before anything is timed.
    ours_summary, theirs_summary = rfm_library(log), rfm_pandas(log)
    theirs_summary = theirs_summary.reindex(ours_summary.customer)
    assert np.array_equal(ours_summary.frequency, theirs_summary["frequency"].to_numpy())
    assert np.allclose(ours_summary.recency.values, theirs_summary["recency"].to_numpy())
    assert np.allclose(ours_summary.age.values, theirs_summary["age"].to_numpy())
    assert ours_summary.mean_spend is not None
    assert np.allclose(
        ours_summary.mean_spend, theirs_summary["mean_spend"].to_numpy(), equal_nan=True
    )

    # Load SciPy's optimiser and special functions once, outside the timings.
    estimate.bg_nbd(
        data.frequency[:500], data.recency.values[:500], data.age.values[:500], unit="week"
    )
    rows: list[list[str]] = []
    summary_time, summary_first, _ = best_of(lambda: rfm_library(log), options.repeats)
    pandas_time, pandas_first, _ = best_of(lambda: rfm_pandas(log), options.repeats)
    rows.append(
        [
            f"rfm ({len(log):,} orders)",
            seconds(summary_time),
            seconds(summary_first),
            f"{summary_time / pandas_time:.2f}x of pandas",
            "<= 1.0x pandas",
        ]
    )
    rows.append(["  pandas pipeline", seconds(pandas_time), seconds(pandas_first), "1.00x", ""])

    fit_time, fit_first, fit = best_of(
        lambda: estimate.bg_nbd(data.frequency, data.recency, data.age), options.repeats
    )
    spend_time, spend_first, _ = best_of(
        lambda: estimate.gamma_gamma(data.frequency, data.mean_spend), options.repeats
    )
    predict_time, predict_first, _ = best_of(
        lambda: fit.expected_purchases(26.0, data.frequency, data.recency, data.age),
        options.repeats,
    )
    theirs: dict[str, Any] = {}
    if options.lifetimes:
        theirs = run_lifetimes(options.lifetimes, data)
        mine = [fit.r, fit.alpha, fit.a, fit.b]
        assert np.allclose(mine, theirs["params"], rtol=1e-3), (mine, theirs["params"])

    def versus(task: str, ours: float) -> str:
        return f"{theirs[task] / ours:.1f}x faster than lifetimes" if task in theirs else ""

    n = f"{len(data):,}"
    rows.append(
        [
            f"bg_nbd ({n} customers)",
            seconds(fit_time),
            seconds(fit_first),
            versus("bg_nbd", fit_time),
            "<= 5 s",
        ]
    )
    rows.append(
        [
            "gamma_gamma (repeat buyers)",
            seconds(spend_time),
            seconds(spend_first),
            versus("gamma_gamma", spend_time),
            "<= 5 s",
        ]
    )
    rows.append(
        [
            "expected_purchases (26 weeks)",
            seconds(predict_time),
            seconds(predict_first),
            versus("expected_purchases", predict_time),
            "",
        ]
    )
    print(
        table(
            f"Estimation: {n} customers, a log of {len(log):,} orders "
            f"(best of {options.repeats}; {machine()})",
            ["task", "best", "first run", "vs", "target"],
            rows,
        )
    )
    if theirs:
        print()
        print(
            table(
                "lifetimes, same customers, its own interpreter (one run each)",
                ["task", "lifetimes", "library"],
                [
                    ["bg_nbd", seconds(theirs["bg_nbd"]), seconds(fit_time)],
                    ["gamma_gamma", seconds(theirs["gamma_gamma"]), seconds(spend_time)],
                    [
                        "expected_purchases",
                        seconds(theirs["expected_purchases"]),
                        seconds(predict_time),
                    ],
                ],
            )
        )
    if options.no_memory:
        return
    script = Path(__file__).resolve()
    sizes = ["--customers", str(options.customers), "--rows", str(options.rows)]
    fitting = measure_in_subprocess(script, [*sizes, "--child", "bg_nbd"])
    summarising = measure_in_subprocess(script, [*sizes, "--child", "rfm"])
    size = (data.frequency.nbytes + data.recency.values.nbytes + data.age.values.nbytes) / 2**20
    print()
    print(
        table(
            f"Memory beyond the loaded input (peak RSS in a fresh process; customers' columns {size:.0f} MiB)",
            ["task", "extra peak"],
            [
                ["bg_nbd", f"{fitting['extra_mib']:.0f} MiB"],
                ["rfm", f"{summarising['extra_mib']:.0f} MiB"],
            ],
        )
    )


if __name__ == "__main__":
    main()
