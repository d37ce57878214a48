"""Per-customer net benefit and firm value from a CRM-sized table, against plain pandas.

Run as ``python benchmarks/bench_accounting.py [--interactions N] [--customers N]``.
The library accounts the tables with ``cocreation.bulk.account`` and reads the per-customer
figures with ``bulk.net_benefit`` and ``bulk.firm_value``; the baseline is an
idiomatic pandas pipeline (merges and groupbys) that computes the same figures for
the same tables. Both results are checked to agree before anything is timed.
"""

from __future__ import annotations

import json
import sys
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
from _synthetic import ecosystem, small_tables, tables

import cocreation as cc
from cocreation import bulk
from cocreation.tables import EcosystemArrays

TIMING = "retained"


def library(eco: cc.Ecosystem, data: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The library: account the tables, then the two per-customer views."""
    ledger = bulk.account(eco, **data)
    return (
        bulk.net_benefit(eco, ledger=ledger).to_frame(),
        bulk.firm_value(eco, ledger=ledger, timing=TIMING).to_frame(),
    )


def baseline(
    small: dict[str, Any], data: dict[str, pd.DataFrame]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Plain pandas: the same per-customer figures with merges and groupbys."""
    interactions = data["interactions"]
    frame = interactions.merge(small["customers"], on="customer", how="left")
    scale = frame["occurrences"] * frame["count"]

    # Value-in-use: importance-weighted achievement of the job's outcomes.
    achieved = data["achievements"].merge(
        frame[["id", "job", "personalisation"]], left_on="interaction", right_on="id"
    )
    achieved = achieved.merge(small["outcomes"], on=["job", "outcome"], how="left")
    achieved["term"] = (
        achieved["importance"]
        / 10.0
        * (achieved["level"] + achieved["personalisation"] * (1.0 - achieved["level"]))
        / achieved["outcomes"]
        * achieved["job_value"]
    )
    index = achieved.groupby("interaction")["term"].sum()
    value_in_use = frame["id"].map(index).fillna(0.0) * scale

    # Purchases with their chosen modules.
    chosen = data["modules"].merge(small["modules"], on="module")
    extra = chosen.groupby("interaction")[["module_price", "module_cost"]].sum()
    frame = frame.merge(small["offerings"], on="offering", how="left")
    buying = frame["offering"].notna() & (frame["units"] != 0.0)
    units = frame["units"] * scale
    unit_price = frame["price"].fillna(0.0) + frame["id"].map(extra["module_price"]).fillna(0.0)
    unit_cost = frame["unit_cost"].fillna(0.0) + frame["id"].map(extra["module_cost"]).fillna(0.0)
    price = (unit_price * units).where(buying, 0.0)
    lines = pd.DataFrame(
        {
            "customer": frame["customer"],
            "level": frame["level"],
            "value_in_use": value_in_use,
            "money_paid": price,
            "time_cost": frame["hours"] * frame["value_of_time"] * scale,
            "effort": frame["effort"] * scale,
            "risk": frame["risk_probability"] * frame["risk_loss"] * scale,
            "psychic_cost": frame["psychic_cost"] * scale,
            "gain": price * frame["provider_share"].fillna(1.0),
            "cost": (unit_cost * units).where(buying, 0.0),
        }
    )

    # Money transfers (all from the organisation to a customer in this data).
    moved = data["transfers"].merge(
        pd.DataFrame(
            {
                "id": frame["id"],
                "customer": frame["customer"],
                "level": frame["level"],
                "scale": scale,
            }
        ),
        left_on="interaction",
        right_on="id",
    )
    moved["money"] = moved["amount"] * moved["scale"]
    received = moved.groupby("target")["money"].sum()

    # Net benefit per customer.
    sums = lines.groupby("customer")[
        ["value_in_use", "money_paid", "time_cost", "effort", "risk", "psychic_cost"]
    ].sum()
    benefits = sums.reindex(small["customer_ids"], fill_value=0.0)
    benefits["money_received"] = received.reindex(benefits.index, fill_value=0.0)
    benefits["net"] = (
        benefits["value_in_use"]
        + benefits["money_received"]
        - benefits[["money_paid", "time_cost", "effort", "risk", "psychic_cost"]].sum(axis=1)
    )

    # Firm value per customer: the organisation's flows by customer and level.
    lines["cost"] = lines["cost"]
    by_level = lines.groupby(["customer", "level"], dropna=False)[["gain", "cost"]].sum()
    paid_out = moved.groupby(["customer", "level"], dropna=False)["money"].sum()
    by_level["cost"] = by_level["cost"].add(paid_out, fill_value=0.0)
    flows = by_level.unstack("level", fill_value=0.0)
    flows = flows.reindex(small["customer_ids"], fill_value=0.0)
    customers = small["customers"].set_index("customer").reindex(small["customer_ids"])
    span = float(interactions["period"].max() + 1)
    rate = small["discount_rate"]
    retention = customers["retention"]
    factor = retention / (1.0 + rate - retention)
    margin = flows["gain"].get(np.nan, 0.0) - flows["cost"].get(np.nan, 0.0)
    values = pd.DataFrame(index=customers.index)
    values["lifetime_value"] = factor * margin / span
    for level, line, cost in (
        ("design", "knowledge_value", "design_cost"),
        ("production", "coproduction_savings", "production_cost"),
        ("referral", "referral_value", "referral_cost"),
        ("support", "influence_value", "support_cost"),
    ):
        values[line] = factor / span * flows["gain"].get(level, 0.0)
        values[cost] = factor / span * flows["cost"].get(level, 0.0)
    referred = customers[customers["referred_by"].notna()]
    brought = (
        referred["count"] * small["acquisition_cost"]
        + referred["incrementality"] * values.loc[referred.index, "lifetime_value"]
    )
    values["referral_value"] += (
        brought.groupby(referred["referred_by"]).sum().reindex(values.index, fill_value=0.0)
    )
    values["total"] = values[
        [
            "lifetime_value",
            "referral_value",
            "influence_value",
            "knowledge_value",
            "coproduction_savings",
        ]
    ].sum(axis=1) - values[["design_cost", "production_cost", "referral_cost", "support_cost"]].sum(
        axis=1
    )
    return benefits, values


def check(
    ours: tuple[pd.DataFrame, pd.DataFrame], theirs: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    """Both pipelines give the same per-customer net benefit and firm value."""
    benefits, values = ours
    assert np.allclose(
        benefits["net"].to_numpy(), theirs[0]["net"].to_numpy(), rtol=1e-9, atol=1e-6
    )
    assert np.allclose(
        values["total"].to_numpy(), theirs[1]["total"].to_numpy(), rtol=1e-9, atol=1e-6
    )


def input_bytes(data: dict[str, pd.DataFrame]) -> int:
    """The memory the input tables take, strings included."""
    return int(sum(frame.memory_usage(deep=True).sum() for frame in data.values()))


def main() -> None:
    """Time both pipelines, then measure their memory in fresh processes."""
    parser = arguments(__doc__.splitlines()[0], interactions=1_000_000, customers=100_000)
    options = parser.parse_args()
    eco = ecosystem(options.customers)
    data = tables(options.customers, options.interactions)
    small = small_tables(eco)

    if options.child is not None:
        # The ecosystem's lookup tables, like the baseline's small tables, are loaded input.
        bulk.account(eco, {"customer": []})
        task = (
            (lambda: library(eco, data))
            if options.child == "library"
            else (lambda: baseline(small, data))
        )
        print(json.dumps(child_memory(task)))
        return

    check(library(eco, data), baseline(small, data))
    vocab_time, _, _ = best_of(lambda: EcosystemArrays(eco), 1)
    ours, ours_cold, _ = best_of(lambda: library(eco, data), options.repeats)
    account, _, _ = best_of(lambda: bulk.account(eco, **data), options.repeats)
    theirs, theirs_cold, _ = best_of(lambda: baseline(small, data), options.repeats)
    size = input_bytes(data) / 2**20
    rows = [
        [
            "net benefit + firm value (library)",
            seconds(ours),
            seconds(ours_cold),
            f"{ours / theirs:.2f}x",
            "<= 1 s, <= 1.0x pandas",
        ],
        ["  of which bulk.account", seconds(account), "", "", ""],
        ["net benefit + firm value (pandas)", seconds(theirs), seconds(theirs_cold), "1.00x", ""],
        ["ecosystem lookup tables (once)", seconds(vocab_time), "", "", ""],
    ]
    print(
        table(
            f"Accounting: {options.interactions:,} interactions, {options.customers:,} customers "
            f"(best of {options.repeats}; {machine()})",
            ["task", "best", "first run", "vs pandas", "target"],
            rows,
        )
    )
    if options.no_memory:
        return
    script = Path(__file__).resolve()
    sizes = ["--interactions", str(options.interactions), "--customers", str(options.customers)]
    mine = measure_in_subprocess(script, [*sizes, "--child", "library"])
    pandas_memory = measure_in_subprocess(script, [*sizes, "--child", "baseline"])
    print()
    print(
        table(
            f"Memory beyond the loaded input (peak RSS in a fresh process; input columns {size:.0f} MiB)",
            ["pipeline", "extra peak", "x input", "target"],
            [
                [
                    "library",
                    f"{mine['extra_mib']:.0f} MiB",
                    f"{mine['extra_mib'] / size:.2f}x",
                    "<= 2.0x",
                ],
                [
                    "pandas",
                    f"{pandas_memory['extra_mib']:.0f} MiB",
                    f"{pandas_memory['extra_mib'] / size:.2f}x",
                    "",
                ],
            ],
        )
    )


if __name__ == "__main__":
    main()
