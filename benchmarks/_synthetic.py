"""Synthetic ecosystems and CRM-like interaction tables of a given size, with a fixed seed.

Shared by the benchmark scripts. The ecosystem holds the actors, offerings and jobs
(one job per customer, with three outcomes); the interactions are flat tables as a CRM
exports them: one row per interaction with integer ids, plus long tables of
achievements, transfers and chosen modules. One interaction in ten happens once
(``recurring`` false); the others recur every period.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

import cocreation as cc

ORGANISATION = "org"
PARTNERS = ("cloud", "logistics", "community")
OUTCOMES = ("speed", "cost", "ease")
OFFERINGS = 10
MODULES = 3
LEVELS = np.array([None, "design", "production", "referral", "support"], dtype=object)


def customer_ids(customers: int) -> np.ndarray[Any, np.dtype[Any]]:
    """The customers' ids, ``C0000000`` and so on."""
    return np.array([f"C{i:07d}" for i in range(customers)], dtype=object)


def ecosystem(customers: int, *, seed: int = 7) -> cc.Ecosystem:
    """An ecosystem of one organisation, three partners, ten offerings and ``customers`` customers."""
    rng = np.random.default_rng(seed)
    ids = customer_ids(customers)
    partners = [
        cc.NetworkPartner(p, variable_cost=float(c), fixed_cost=1000.0)
        for p, c in zip(PARTNERS, (2.0, 5.0, 0.5), strict=True)
    ]
    organisation = cc.Organisation(
        ORGANISATION,
        discount_rate=0.1,
        acquisition_cost=50.0,
        fixed_cost=10_000.0,
        partners=list(PARTNERS),
    )
    counts = rng.integers(1, 4, customers)
    value_of_time = rng.uniform(10.0, 80.0, customers).round(2)
    retention = rng.uniform(0.3, 0.9, customers).round(3)
    referrer = rng.integers(0, np.maximum(np.arange(customers), 1))
    referred = (rng.random(customers) < 0.1) & (np.arange(customers) > 0)
    people = [
        cc.Customer(
            str(ids[i]),
            count=int(counts[i]),
            value_of_time=float(value_of_time[i]),
            retention=float(retention[i]),
            referred_by=str(ids[referrer[i]]) if referred[i] else None,
            incrementality=0.5,
        )
        for i in range(customers)
    ]
    offerings = [
        cc.Offering(
            f"O{k}",
            provider=ORGANISATION,
            price=float(20 + 5 * k),
            unit_cost=float(8 + 2 * k),
            modules=[
                cc.Module(f"M{k}-{m}", price=float(3 + m), cost=float(1 + m))
                for m in range(MODULES)
            ],
            partners=[cc.RevenueShare(PARTNERS[k % 2], 0.1)] if k % 3 else [],
        )
        for k in range(OFFERINGS)
    ]
    importance = rng.uniform(2.0, 10.0, (customers, len(OUTCOMES))).round(1)
    jobs = [
        cc.JobToBeDone(
            f"J{i:07d}",
            owner=str(ids[i]),
            value=float(50 + (i % 50)),
            outcomes=[
                cc.Outcome(o, importance=float(importance[i, j]), satisfaction=5.0)
                for j, o in enumerate(OUTCOMES)
            ],
        )
        for i in range(customers)
    ]
    return cc.Ecosystem(
        name="synthetic",
        actors=[organisation, *partners, *people],
        offerings=offerings,
        jobs=jobs,
    )


def tables(customers: int, interactions: int, *, seed: int = 11) -> dict[str, pd.DataFrame]:
    """CRM-like tables of ``interactions`` rows over ``customers`` customers."""
    rng = np.random.default_rng(seed)
    n = interactions
    ids = customer_ids(customers)
    who = rng.integers(0, customers, n)
    kind = rng.random(n)
    counterpart = np.where(kind < 0.7, ORGANISATION, None).astype(object)
    partner = (kind >= 0.7) & (kind < 0.8)
    counterpart[partner] = np.array(PARTNERS, dtype=object)[rng.integers(0, len(PARTNERS), n)][
        partner
    ]
    other = (kind >= 0.8) & (kind < 0.9)
    counterpart[other] = ids[(who + 1 + rng.integers(0, customers - 1, n)) % customers][other]
    buys = rng.random(n) < 0.7
    offering_code = rng.integers(0, OFFERINGS, n)
    offering = np.where(
        buys, np.array([f"O{k}" for k in range(OFFERINGS)], dtype=object)[offering_code], None
    )
    has_job = rng.random(n) < 0.5
    job = np.where(
        has_job, np.array([f"J{i:07d}" for i in range(customers)], dtype=object)[who], None
    )
    level = LEVELS[np.where(rng.random(n) < 0.6, 0, rng.integers(1, 5, n))]
    frame = pd.DataFrame(
        {
            "id": np.arange(n, dtype=np.int64),
            "customer": pd.array(ids[who], dtype="str"),
            "counterpart": pd.array(counterpart, dtype="str"),
            "level": pd.array(level, dtype="str"),
            "period": rng.integers(0, 12, n),
            "offering": pd.array(offering, dtype="str"),
            "units": np.where(buys, rng.integers(1, 5, n), 0).astype(np.float64),
            "occurrences": rng.integers(1, 4, n).astype(np.float64),
            "job": pd.array(job, dtype="str"),
            "personalisation": rng.random(n).round(2),
            "effort": rng.uniform(0.0, 20.0, n).round(2),
            "risk_probability": rng.random(n).round(3),
            "risk_loss": rng.uniform(0.0, 100.0, n).round(2),
            "psychic_cost": rng.uniform(0.0, 5.0, n).round(2),
            "hours": rng.uniform(0.0, 2.0, n).round(2),
        }
    )
    # Two achieved outcomes for each interaction that serves a job.
    with_job = np.flatnonzero(has_job)
    first = rng.integers(0, len(OUTCOMES), len(with_job))
    second = (first + 1 + rng.integers(0, len(OUTCOMES) - 1, len(with_job))) % len(OUTCOMES)
    outcome_names = np.array(OUTCOMES, dtype=object)
    achievements = pd.DataFrame(
        {
            "interaction": np.concatenate([with_job, with_job]).astype(np.int64),
            "outcome": pd.array(
                np.concatenate([outcome_names[first], outcome_names[second]]), dtype="str"
            ),
            "level": rng.uniform(-0.2, 1.0, 2 * len(with_job)).round(2),
        }
    )
    # An incentive from the organisation to 5% of the interactions' customers.
    paid = np.flatnonzero(rng.random(n) < 0.05)
    transfers = pd.DataFrame(
        {
            "interaction": paid.astype(np.int64),
            "source": pd.array([ORGANISATION] * len(paid), dtype="str"),
            "target": pd.array(ids[who[paid]], dtype="str"),
            "amount": rng.uniform(1.0, 10.0, len(paid)).round(2),
        }
    )
    # One module for a fifth of the purchases.
    chosen = np.flatnonzero(buys & (rng.random(n) < 0.2))
    modules = pd.DataFrame(
        {
            "interaction": chosen.astype(np.int64),
            "module": pd.array(
                [
                    f"M{offering_code[i]}-{m}"
                    for i, m in zip(chosen, rng.integers(0, MODULES, len(chosen)), strict=True)
                ],
                dtype="str",
            ),
        }
    )
    # One interaction in ten happens once; drawn last, so the columns above keep their values.
    frame["recurring"] = rng.random(n) >= 0.1
    return {
        "interactions": frame,
        "achievements": achievements,
        "transfers": transfers,
        "modules": modules,
    }


def small_tables(eco: cc.Ecosystem) -> dict[str, Any]:
    """The ecosystem's small tables as a pandas pipeline would hold them."""
    customers = eco.customers
    organisation = eco.organisation(ORGANISATION)
    offerings = eco.offerings
    return {
        "customer_ids": pd.Index([c.id for c in customers], name="customer"),
        "customers": pd.DataFrame(
            {
                "customer": pd.array([c.id for c in customers], dtype="str"),
                "count": [c.count for c in customers],
                "value_of_time": [c.value_of_time for c in customers],
                "retention": [c.retention for c in customers],
                "incrementality": [c.incrementality for c in customers],
                "referred_by": [c.referred_by for c in customers],
            }
        ),
        "offerings": pd.DataFrame(
            {
                "offering": pd.array([o.id for o in offerings], dtype="str"),
                "price": [o.price for o in offerings],
                "unit_cost": [o.unit_cost for o in offerings],
                "provider": pd.array([o.provider for o in offerings], dtype="str"),
                "provider_share": [1.0 - sum(s.share for s in o.partners) for o in offerings],
            }
        ),
        "modules": pd.DataFrame(
            {
                "module": pd.array([m.id for o in offerings for m in o.modules], dtype="str"),
                "module_price": [m.price for o in offerings for m in o.modules],
                "module_cost": [m.cost for o in offerings for m in o.modules],
            }
        ),
        "outcomes": pd.DataFrame(
            {
                "job": pd.array([j.id for j in eco.jobs for _ in j.outcomes], dtype="str"),
                "outcome": pd.array([o.id for j in eco.jobs for o in j.outcomes], dtype="str"),
                "importance": [o.importance for j in eco.jobs for o in j.outcomes],
                "outcomes": [float(len(j.outcomes)) for j in eco.jobs for _ in j.outcomes],
                "job_value": [j.value for j in eco.jobs for _ in j.outcomes],
            }
        ),
        "organisation": organisation.id,
        "discount_rate": organisation.discount_rate,
        "acquisition_cost": organisation.acquisition_cost,
    }
