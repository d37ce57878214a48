"""What a user would write instead of the library: the accounting benchmark's baselines.

Each baseline computes, from the CRM-like tables of ``_synthetic.py`` and the
ecosystem's small tables (``small_tables``), the per-customer lines the library's
bulk accounting gives: the net benefit lines (value-in-use, money received, money
paid, time cost, effort, risk, psychic cost, net) and the firm value lines under the
``retained`` timing (lifetime value, referral, influence and knowledge value,
co-production savings, the cost of each level, total), with recurring interactions
capitalised as a run rate over the periods they span and one-off ones counted once,
discounted to period 0. Each returns two pandas DataFrames indexed by customer id.

All three weight each of the organisation's flows, row by row, by what it is worth
today before summing: a recurring flow by its customer's lifetime multiple
``r / (1 + d - r)`` over the number of periods the recurring rows span, a one-off
flow by ``(1 + d) ** -period``. A firm value line is then one sum per customer
(the library sums the flows first and weights the sums: the same figures).

- ``numpy_pipeline``: ids dictionary-encoded with Arrow into integer codes, the
  small tables as arrays indexed by those codes, and every per-customer sum a
  weighted ``np.bincount``; no merge, no sort, no groupby.
- ``polars_pipeline``: the polars lazy API, joining the interactions to the small
  dimension tables and summing with ``group_by``; its tables are loaded into polars
  once (``to_polars``), outside the timing.
- ``duckdb_pipeline``: one SQL query in DuckDB over the tables, registered once
  (``to_duckdb``) as Arrow tables.

They are written for this data: the only organisation provides every offering, and
every transfer is money.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

Frames = tuple[pd.DataFrame, pd.DataFrame]
LEVELS = ("design", "production", "referral", "support")
# The firm value lines of the co-creation levels, in the order of LEVELS.
LEVEL_VALUES = ("knowledge_value", "coproduction_savings", "referral_value", "influence_value")
LEVEL_COSTS = ("design_cost", "production_cost", "referral_cost", "support_cost")
SACRIFICES = ("money_paid", "time_cost", "effort", "risk", "psychic_cost")
VALUES = (
    "lifetime_value",
    "referral_value",
    "influence_value",
    "knowledge_value",
    "coproduction_savings",
)


# ----------------------------------------------------------------------------- NumPy


def _strings(column: Any) -> Any:
    """A column of strings as one Arrow array (no copy for pandas' Arrow-backed ``str``)."""
    import pyarrow as pa

    array = pa.array(column)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _encode(column: Any) -> tuple[np.ndarray[Any, Any], Any]:
    """A column dictionary-encoded by Arrow: codes (-1 where missing) and the distinct values."""
    encoded = _strings(column).dictionary_encode()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    return codes.astype(np.int64, copy=False), encoded.dictionary


def _codes(column: Any, ids: Any) -> np.ndarray[Any, Any]:
    """Each value's position in the Arrow array ``ids`` (-1 where missing or unknown).

    The column is dictionary-encoded, and only its distinct values are looked up in
    a hash of ``ids``.
    """
    import pyarrow.compute as pc

    codes, distinct = _encode(column)
    where = pc.index_in(distinct, value_set=ids).fill_null(-1).to_numpy(zero_copy_only=False)
    return np.append(where.astype(np.int64), -1)[codes]


def _rows(ids: np.ndarray[Any, Any], references: Any) -> np.ndarray[Any, Any]:
    """The row of each referenced interaction id.

    Arithmetic when the ids are consecutive (as a CRM export's usually are), a hash
    lookup otherwise.
    """
    wanted = np.asarray(references, dtype=np.int64)
    if len(ids) and (len(ids) == 1 or bool((np.diff(ids) == 1).all())):
        return wanted - int(ids[0])
    return np.asarray(pd.Index(ids).get_indexer(wanted), dtype=np.int64)


def numpy_pipeline(small: dict[str, Any], data: dict[str, pd.DataFrame]) -> Frames:
    """The per-customer lines with Arrow-encoded codes and weighted ``np.bincount``."""
    import pyarrow.compute as pc

    interactions = data["interactions"]
    n = len(interactions)
    ids = interactions["id"].to_numpy()
    people = small["customers"]
    customers = len(people)
    customer_ids = _strings(people["customer"])
    customer = _codes(interactions["customer"], customer_ids)
    count = people["count"].to_numpy(dtype=np.float64)
    scale = interactions["occurrences"].to_numpy() * count[customer]

    def per_customer(weights: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        return np.bincount(customer, weights=weights, minlength=customers)

    # Value-in-use: the job's worth times the importance-weighted achievement.
    outcomes = small["outcomes"]
    job_of, job_ids = _encode(outcomes["job"])
    outcome_of, outcome_ids = _encode(outcomes["outcome"])
    importance = np.zeros((len(job_ids), len(outcome_ids)))
    importance[job_of, outcome_of] = outcomes["importance"].to_numpy() / 10.0
    worth = np.zeros(len(job_ids))
    worth[job_of] = outcomes["job_value"].to_numpy() / outcomes["outcomes"].to_numpy()
    job = _codes(interactions["job"], job_ids)
    achieved = data["achievements"]
    row = _rows(ids, achieved["interaction"])
    level = achieved["level"].to_numpy()
    personalised = level + interactions["personalisation"].to_numpy()[row] * (1.0 - level)
    weight = importance[job[row], _codes(achieved["outcome"], outcome_ids)]
    index = np.bincount(row, weights=weight * personalised, minlength=n)
    value_in_use = np.where(job >= 0, index * worth[job] * scale, 0.0)

    # Purchases, with the chosen modules' prices and costs added to the unit's.
    offerings = small["offerings"]
    offering = _codes(interactions["offering"], _strings(offerings["offering"]))
    units = interactions["units"].to_numpy()
    bought = np.where((offering >= 0) & (units != 0.0), units * scale, 0.0)
    ours = (offerings["provider"] == small["organisation"]).to_numpy(dtype=np.float64)
    price = np.append(offerings["price"].to_numpy(), 0.0)  # code -1: no offering
    unit_cost = np.append(offerings["unit_cost"].to_numpy() * ours, 0.0)
    share = np.append(offerings["provider_share"].to_numpy() * ours, 0.0)
    catalogue = small["modules"]
    chosen = data["modules"]
    module_row = _rows(ids, chosen["interaction"])
    module = _codes(chosen["module"], _strings(catalogue["module"]))
    module_price = catalogue["module_price"].to_numpy()[module]
    module_cost = catalogue["module_cost"].to_numpy()[module] * ours[offering[module_row]]
    unit_price = price[offering] + np.bincount(module_row, weights=module_price, minlength=n)
    money_paid = unit_price * bought
    gain = money_paid * share[offering]
    cost = (
        unit_cost[offering] + np.bincount(module_row, weights=module_cost, minlength=n)
    ) * bought

    # Money transfers: received by the target, paid out by the organisation.
    transfers = data["transfers"]
    moved_row = _rows(ids, transfers["interaction"])
    money = transfers["amount"].to_numpy() * scale[moved_row]
    target = _codes(transfers["target"], customer_ids)
    to_customer = target >= 0
    received = np.bincount(target[to_customer], weights=money[to_customer], minlength=customers)
    paid_out = pc.equal(_strings(transfers["source"]), small["organisation"])
    paid_out = paid_out.to_numpy(zero_copy_only=False)
    cost += np.bincount(moved_row[paid_out], weights=money[paid_out], minlength=n)

    hours = interactions["hours"].to_numpy()
    value_of_time = people["value_of_time"].to_numpy()
    benefits = {
        "value_in_use": per_customer(value_in_use),
        "money_received": received,
        "money_paid": per_customer(money_paid),
        "time_cost": per_customer(hours * value_of_time[customer] * scale),
        "effort": per_customer(interactions["effort"].to_numpy() * scale),
        "risk": per_customer(
            interactions["risk_probability"].to_numpy()
            * interactions["risk_loss"].to_numpy()
            * scale
        ),
        "psychic_cost": per_customer(interactions["psychic_cost"].to_numpy() * scale),
    }
    benefits["net"] = (
        benefits["value_in_use"]
        + benefits["money_received"]
        - sum(benefits[line] for line in SACRIFICES)
    )

    # Firm value: the organisation's flows, worth today, by customer and level (0: none).
    rate = small["discount_rate"]
    period = interactions["period"].to_numpy()
    recurring = interactions["recurring"].to_numpy()
    retention = people["retention"].to_numpy()
    multiple = retention / (1.0 + rate - retention) / float(period[recurring].max() + 1)
    discount = (1.0 + rate) ** -np.arange(int(period.max()) + 1, dtype=np.float64)
    today = np.where(recurring, multiple[customer], discount[period])
    levels = len(LEVELS) + 1
    group = customer * levels
    group += _codes(interactions["level"], _strings(pd.Series(LEVELS))) + 1
    gains = np.bincount(group, weights=gain * today, minlength=customers * levels)
    costs = np.bincount(group, weights=cost * today, minlength=customers * levels)
    gains = gains.reshape(customers, levels)
    costs = costs.reshape(customers, levels)
    values = {"lifetime_value": gains[:, 0] - costs[:, 0]}
    for number, (value, expense) in enumerate(zip(LEVEL_VALUES, LEVEL_COSTS, strict=True), 1):
        values[value] = gains[:, number]
        values[expense] = costs[:, number]
    referrer = _codes(people["referred_by"], customer_ids)
    referred = referrer >= 0
    brought = (
        count[referred] * small["acquisition_cost"]
        + people["incrementality"].to_numpy()[referred] * values["lifetime_value"][referred]
    )
    values["referral_value"] = values["referral_value"] + np.bincount(
        referrer[referred], weights=brought, minlength=customers
    )
    values["total"] = sum(values[line] for line in VALUES) - sum(
        values[line] for line in LEVEL_COSTS
    )
    index_ = pd.Index(people["customer"], name="customer")
    return pd.DataFrame(benefits, index=index_), pd.DataFrame(values, index=index_)


# ----------------------------------------------------------------------------- polars


def to_polars(small: dict[str, Any], data: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """The tables as polars DataFrames, as a polars user would have loaded them."""
    import polars as pl

    frames = {name: pl.from_pandas(frame) for name, frame in data.items()}
    frames.update(
        customers=pl.from_pandas(small["customers"]),
        offerings=pl.from_pandas(small["offerings"]),
        catalogue=pl.from_pandas(small["modules"]),
        outcomes=pl.from_pandas(small["outcomes"]),
    )
    return frames


def polars_pipeline(small: dict[str, Any], frames: dict[str, Any]) -> Frames:
    """The per-customer lines with polars' lazy API: joins to the small tables, ``group_by``."""
    import polars as pl

    col = pl.col
    organisation = small["organisation"]
    rate = small["discount_rate"]
    interactions = frames["interactions"].lazy()
    people = frames["customers"].lazy()
    # Per interaction: the chosen modules' prices and costs, the organisation's incentives.
    extra = (
        frames["modules"]
        .lazy()
        .join(frames["catalogue"].lazy(), on="module")
        .group_by("interaction")
        .agg(col("module_price").sum(), col("module_cost").sum())
    )
    paid = (
        frames["transfers"]
        .lazy()
        .filter(col("source") == organisation)
        .group_by("interaction")
        .agg(col("amount").sum().alias("paid_out"))
    )
    buying = col("price").is_not_null() & (col("units") != 0.0)
    ours = col("provider") == organisation
    span = col("period").filter(col("recurring")).max() + 1
    retention = col("retention")
    rows = (
        interactions.join(
            people.select("customer", "count", "value_of_time", "retention"),
            on="customer",
            how="left",
        )
        .join(frames["offerings"].lazy(), on="offering", how="left")
        .join(extra, left_on="id", right_on="interaction", how="left")
        .join(paid, left_on="id", right_on="interaction", how="left")
        .with_columns(
            scale=col("occurrences") * col("count"),
            today=pl.when(col("recurring"))
            .then(retention / (1.0 + rate - retention) / span)
            .otherwise(pl.lit(1.0 + rate).pow(-col("period"))),
            share=pl.when(ours).then(col("provider_share")).otherwise(0.0),
            ours=pl.when(ours).then(1.0).otherwise(0.0),
        )
        .with_columns(bought=pl.when(buying).then(col("units") * col("scale")).otherwise(0.0))
        .with_columns(
            money_paid=(
                (col("price") + col("module_price").fill_null(0.0)) * col("bought")
            ).fill_null(0.0),
            cost=(
                (col("unit_cost") + col("module_cost").fill_null(0.0)) * col("bought") * col("ours")
            )
            .fill_null(0.0)
            .add(col("paid_out").fill_null(0.0) * col("scale")),
        )
        .with_columns(gain=col("money_paid") * col("share"))
    )
    flows = [
        pl.when(col("level").is_null())
        .then((col("gain") - col("cost")) * col("today"))
        .otherwise(0.0)
        .sum()
        .alias("lifetime_value")
    ]
    for level, value, expense in zip(LEVELS, LEVEL_VALUES, LEVEL_COSTS, strict=True):
        for line, amount in ((value, "gain"), (expense, "cost")):
            flows.append(
                pl.when(col("level") == level)
                .then(col(amount) * col("today"))
                .otherwise(0.0)
                .sum()
                .alias(line)
            )
    by_customer = rows.group_by("customer").agg(
        col("money_paid").sum(),
        (col("hours") * col("value_of_time") * col("scale")).sum().alias("time_cost"),
        (col("effort") * col("scale")).sum(),
        (col("risk_probability") * col("risk_loss") * col("scale")).sum().alias("risk"),
        (col("psychic_cost") * col("scale")).sum(),
        *flows,
    )
    achieved = (
        frames["achievements"]
        .lazy()
        .join(
            rows.select("id", "customer", "job", "personalisation", "scale"),
            left_on="interaction",
            right_on="id",
        )
        .join(frames["outcomes"].lazy(), on=["job", "outcome"])
        .group_by("customer")
        .agg(
            (
                col("importance")
                / 10.0
                * (col("level") + col("personalisation") * (1.0 - col("level")))
                / col("outcomes")
                * col("job_value")
                * col("scale")
            )
            .sum()
            .alias("value_in_use")
        )
    )
    received = (
        frames["transfers"]
        .lazy()
        .join(rows.select("id", "scale"), left_on="interaction", right_on="id")
        .group_by("target")
        .agg((col("amount") * col("scale")).sum().alias("money_received"))
    )
    table = (
        people.select("customer", "count", "incrementality", "referred_by")
        .join(by_customer, on="customer", how="left")
        .join(achieved, on="customer", how="left")
        .join(received, left_on="customer", right_on="target", how="left")
        .fill_null(0.0)
        .with_columns(
            net=col("value_in_use")
            + col("money_received")
            - pl.sum_horizontal(col(line) for line in SACRIFICES)
        )
    )
    brought = (
        table.filter(col("referred_by").is_not_null())
        .group_by("referred_by")
        .agg(
            (
                col("count") * small["acquisition_cost"]
                + col("incrementality") * col("lifetime_value")
            )
            .sum()
            .alias("brought")
        )
    )
    result = (
        table.join(brought, left_on="customer", right_on="referred_by", how="left")
        .with_columns(referral_value=col("referral_value") + col("brought").fill_null(0.0))
        .with_columns(
            total=pl.sum_horizontal(col(line) for line in VALUES)
            - pl.sum_horizontal(col(line) for line in LEVEL_COSTS)
        )
        .select(
            "customer",
            "value_in_use",
            "money_received",
            *SACRIFICES,
            "net",
            *VALUES,
            *LEVEL_COSTS,
            "total",
        )
        .collect()
        .to_pandas()
        .set_index("customer")
    )
    return _split(result)


def _split(frame: pd.DataFrame) -> Frames:
    """The net benefit lines and the firm value lines of a frame holding both."""
    return (
        frame[["value_in_use", "money_received", *SACRIFICES, "net"]],
        frame[[*VALUES, *LEVEL_COSTS, "total"]],
    )


# ----------------------------------------------------------------------------- DuckDB


def to_duckdb(small: dict[str, Any], data: dict[str, pd.DataFrame]) -> Any:
    """A DuckDB connection with the tables registered as Arrow tables."""
    import duckdb
    import pyarrow as pa

    connection = duckdb.connect()
    tables = {
        **data,
        "customers": small["customers"],
        "offerings": small["offerings"],
        "catalogue": small["modules"],
        "outcomes": small["outcomes"],
    }
    for name, frame in tables.items():
        connection.register(name, pa.Table.from_pandas(frame, preserve_index=False))
    return connection


def _flow_sums() -> str:
    """The firm value lines of the levels as SQL aggregates of the flows worth today."""
    sums = ["sum((gain - cost) * today) FILTER (WHERE level IS NULL) AS lifetime_value"]
    for level, value, expense in zip(LEVELS, LEVEL_VALUES, LEVEL_COSTS, strict=True):
        sums.append(f"sum(gain * today) FILTER (WHERE level = '{level}') AS {value}")
        sums.append(f"sum(cost * today) FILTER (WHERE level = '{level}') AS {expense}")
    return ",\n           ".join(sums)


def _zero_if_missing(lines: tuple[str, ...]) -> str:
    return ",\n       ".join(f"coalesce({line}, 0) AS {line}" for line in lines)


QUERY = f"""
WITH extra AS (
    SELECT m.interaction,
           sum(c.module_price) AS module_price,
           sum(c.module_cost) AS module_cost
    FROM modules AS m JOIN catalogue AS c USING (module)
    GROUP BY m.interaction
), paid AS (
    SELECT interaction, sum(amount) AS paid_out
    FROM transfers WHERE source = $organisation
    GROUP BY interaction
), span AS (
    SELECT max(period) + 1 AS span FROM interactions WHERE recurring
), base AS (
    SELECT i.id, i.customer, i.level,
           i.occurrences * p.count AS scale,
           CASE WHEN i.recurring THEN p.retention / (1 + $rate - p.retention) / s.span
                ELSE power(1 + $rate, -i.period) END AS today,
           CASE WHEN o.offering IS NOT NULL AND i.units <> 0
                THEN i.units * i.occurrences * p.count ELSE 0 END AS bought,
           o.price + coalesce(e.module_price, 0) AS unit_price,
           o.unit_cost + coalesce(e.module_cost, 0) AS unit_cost,
           CASE WHEN o.provider = $organisation THEN o.provider_share ELSE 0 END AS share,
           CASE WHEN o.provider = $organisation THEN 1 ELSE 0 END AS ours,
           coalesce(t.paid_out, 0) AS paid_out,
           i.hours * p.value_of_time AS hourly,
           i.effort, i.risk_probability * i.risk_loss AS risk, i.psychic_cost
    FROM interactions AS i
    JOIN customers AS p USING (customer)
    CROSS JOIN span AS s
    LEFT JOIN offerings AS o USING (offering)
    LEFT JOIN extra AS e ON e.interaction = i.id
    LEFT JOIN paid AS t ON t.interaction = i.id
), flows AS (
    SELECT customer, level, today,
           coalesce(unit_price * bought, 0) AS money_paid,
           hourly * scale AS time_cost,
           effort * scale AS effort,
           risk * scale AS risk,
           psychic_cost * scale AS psychic_cost,
           coalesce(unit_price * bought * share, 0) AS gain,
           coalesce(unit_cost * bought * ours, 0) + paid_out * scale AS cost
    FROM base
), by_customer AS (
    SELECT customer,
           sum(money_paid) AS money_paid, sum(time_cost) AS time_cost,
           sum(effort) AS effort, sum(risk) AS risk, sum(psychic_cost) AS psychic_cost,
           {_flow_sums()}
    FROM flows GROUP BY customer
), achieved AS (
    SELECT i.customer,
           sum(o.importance / 10 * (a.level + i.personalisation * (1 - a.level))
               / o.outcomes * o.job_value * i.occurrences * p.count) AS value_in_use
    FROM achievements AS a
    JOIN interactions AS i ON i.id = a.interaction
    JOIN customers AS p ON p.customer = i.customer
    JOIN outcomes AS o ON o.job = i.job AND o.outcome = a.outcome
    GROUP BY i.customer
), received AS (
    SELECT t.target AS customer,
           sum(t.amount * i.occurrences * p.count) AS money_received
    FROM transfers AS t
    JOIN interactions AS i ON i.id = t.interaction
    JOIN customers AS p ON p.customer = i.customer
    GROUP BY t.target
), lines AS (
    SELECT p.customer, p.referred_by, p.count, p.incrementality,
       {_zero_if_missing(("value_in_use", "money_received", *SACRIFICES, *VALUES, *LEVEL_COSTS))}
    FROM customers AS p
    LEFT JOIN by_customer USING (customer)
    LEFT JOIN achieved USING (customer)
    LEFT JOIN received USING (customer)
), brought AS (
    SELECT referred_by AS customer,
           sum(count * $acquisition + incrementality * lifetime_value) AS brought
    FROM lines WHERE referred_by IS NOT NULL GROUP BY referred_by
)
SELECT l.customer, l.value_in_use, l.money_received,
       l.money_paid, l.time_cost, l.effort, l.risk, l.psychic_cost,
       l.value_in_use + l.money_received
           - (l.money_paid + l.time_cost + l.effort + l.risk + l.psychic_cost) AS net,
       l.lifetime_value,
       l.referral_value + coalesce(b.brought, 0) AS referral_value,
       l.influence_value, l.knowledge_value, l.coproduction_savings,
       l.design_cost, l.production_cost, l.referral_cost, l.support_cost,
       l.lifetime_value + l.referral_value + coalesce(b.brought, 0) + l.influence_value
           + l.knowledge_value + l.coproduction_savings
           - (l.design_cost + l.production_cost + l.referral_cost + l.support_cost) AS total
FROM lines AS l LEFT JOIN brought AS b USING (customer)
"""


def duckdb_pipeline(small: dict[str, Any], connection: Any) -> Frames:
    """The per-customer lines as one DuckDB SQL query over the registered tables."""
    frame = (
        connection.execute(
            QUERY,
            {
                "rate": small["discount_rate"],
                "organisation": small["organisation"],
                "acquisition": small["acquisition_cost"],
            },
        )
        .df()
        .set_index("customer")
    )
    return _split(frame)
