"""The simulation of an ecosystem over the lifetime of use: seeded, vectorised, in chunks."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from cocreation._optional import require_numpy_and_pandas
from cocreation.analysis._runs import CHUNK_RUNS, chunks, run_chunks
from cocreation.analysis.simulation._plan import Plan
from cocreation.analysis.simulation._result import Simulation
from cocreation.analysis.simulation._rules import Rule
from cocreation.analysis.simulation._run import run_chunk
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError

__all__ = ["simulate"]


def _whole(name: str, value: object, low: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise ValidationError(name, value, f"an integer >= {low}")
    return value


def simulate(
    ecosystem: Ecosystem,
    *,
    periods: int,
    runs: int = 1,
    seed: int,
    rules: Sequence[Rule] = (),
    progress: bool = False,
    organisation: str | None = None,
    executor: Any = None,
    chunk_size: int = CHUNK_RUNS,
) -> Simulation:
    """Simulate the ecosystem period by period, over many seeded runs.

    In every period of every run:

    - each customer's members active at the start of the period use what they use:
      every interaction's flows occur for them, per member as the engine accounts
      them ([`cocreation.account`][cocreation.account]), recurring interactions at
      their run rate every period, one-off interactions in their own period;
    - the rules act ([`Survival`][cocreation.analysis.Survival],
      [`Referrals`][cocreation.analysis.Referrals], [`Help`][cocreation.analysis.Help],
      [`Harm`][cocreation.analysis.Harm], [`Ideas`][cocreation.analysis.Ideas],
      [`Learning`][cocreation.analysis.Learning]);
    - then each segment's members stay for the next period with its retention
      (one binomial draw per segment, cohort and run: exactly the number that one
      draw per member would give), and newcomers brought by referrals join.

    Without rules, the members stay with [`Customer.retention`][cocreation.Customer]
    and nothing else changes: the expected active members of a segment of n are
    ``n·r^t`` in period t, and the mean discounted margins converge to the
    finite-horizon [`clv`][cocreation.clv] of the same timing
    ([`Simulation.horizon`][cocreation.analysis.Simulation.horizon]). A customer
    referred by another (``Customer.referred_by``) counts for its referrer as in
    [`firm_value`][cocreation.firm_value]: the acquisition cost saved on its members
    in the period of the referral, and its margins in proportion to its
    incrementality, as they occur.

    The runs are cut into chunks of ``chunk_size`` runs, each drawing from its own
    generator spawned from ``seed`` ([`chunks`][cocreation.analysis.chunks]); the
    same seed and chunk size give bit-identical results, here or on any executor.

    Args:
        ecosystem: The ecosystem, as it stands in period 0.
        periods: How many periods to simulate (>= 1).
        runs: How many runs (>= 1).
        seed: The seed of the whole simulation (an integer >= 0).
        rules: What changes, when and by how much (default: nothing but retention).
        progress: Show a progress bar of the chunks done (the ``progress`` extra).
        organisation: The focal organisation whose firm-value lines and discount rate
            the results use (default: the ecosystem's only one).
        executor: ``None`` to run here, or anything with ``submit``: a
            ``concurrent.futures`` pool, a Dask ``distributed.Client``.
        chunk_size: Runs per chunk (>= 1); the results depend on it, never on where
            the chunks run.

    Returns:
        The figures per run, period and actor.

    Raises:
        ValidationError: ``periods``, ``runs``, ``seed`` or ``chunk_size`` out of
            range; a rule that is not a rule, or that would lift a retention above 1
            (or push it below 0); no focal organisation can be chosen.
        UnknownIdError: A rule names an id the ecosystem does not hold.
        MissingExtraError: pandas (and with it NumPy) is not installed.

    Examples:
        >>> import cocreation as cc
        >>> eco = (
        ...     cc.Ecosystem()
        ...     .add_organisation("gym", discount_rate=0.1)
        ...     .add_offering("pass", provider="gym", price=100.0, unit_cost=40.0)
        ...     .add_customer("members", count=1_000, retention=0.8)
        ...     .add_interaction("subscribe", customer="members", counterpart="gym",
        ...                      offering="pass", units=1)
        ... )
        >>> sim = cc.simulate(eco, periods=5, runs=2_000, seed=7)
        >>> sim.values("active").mean(axis=0)[:, 0].round(0).tolist()  # 1,000 x 0.8^t
        [1000.0, 800.0, 640.0, 512.0, 409.0]
        >>> mean = sim.discounted("lifetime_value", timing="start").mean() / 1_000
        >>> round(float(mean), 0), round(cc.clv(60.0, 0.8, 0.1, timing="start", horizon=5), 0)
        (175.0, 175.0)
        >>> cc.simulate(eco, periods=-1, seed=7)
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: periods: expected an integer >= 1, got -1
    """
    if not isinstance(ecosystem, Ecosystem):
        raise ValidationError("ecosystem", type(ecosystem).__name__, "an Ecosystem")
    _whole("periods", periods, 1)
    _whole("runs", runs, 1)
    _whole("seed", seed, 0)
    _whole("chunk_size", chunk_size, 1)
    if isinstance(rules, str | bytes) or not isinstance(rules, Sequence):
        raise ValidationError("rules", rules, "a sequence of rules")
    require_numpy_and_pandas("simulate")
    plan = Plan(ecosystem, tuple(rules), periods=periods, organisation=organisation)
    work = chunks(runs, seed, size=chunk_size)
    parts = run_chunks(
        functools.partial(run_chunk, plan),
        work,
        executor=executor,
        progress=progress,
        description="simulation",
    )
    return Simulation(plan, parts, seed=seed)
