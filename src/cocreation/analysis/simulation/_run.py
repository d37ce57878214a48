"""One chunk of runs, period by period: members stay or churn, rules act, flows occur.

Members are counts per segment and run, never one object per member: each period,
the members of a segment who stay are one binomial draw of its active members at
its retention, which is exactly the number of a member-by-member draw. Newcomers
brought by referrals form cohorts by the period they joined, so that survival
curves and learning follow each cohort's own tenure.

Flows are kept in two parts, as [`firm_value`][cocreation.firm_value] keeps them:
recurring flows, which the timing conventions discount, and one-off flows (one-off
interactions, acquisition cost saved, investment), counted in their own period.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cocreation.accounting import achieved
from cocreation.analysis._runs import Chunk
from cocreation.analysis.simulation._plan import FIRM_MEASURES, Plan

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]

__all__ = ["ChunkResult", "run_chunk"]

_LIFETIME = FIRM_MEASURES.index("lifetime_value")
_REFERRAL = FIRM_MEASURES.index("referral_value")
_KNOWLEDGE = FIRM_MEASURES.index("knowledge_value")


class Part:
    """The flows of one part (recurring or one-off) of every period of a chunk's runs."""

    def __init__(self, runs: int, periods: int, actors: int, customers: int) -> None:
        import numpy as np

        self.net = np.zeros((runs, periods, actors))  # net value flow
        self.money = np.zeros((runs, periods, actors))  # money received minus money paid
        self.firm = np.zeros((runs, periods, customers, len(FIRM_MEASURES)))


class ChunkResult:
    """What one chunk of runs recorded, per run, period and customer or actor."""

    def __init__(self, active: Ints, recurring: Part, once: Part | None) -> None:
        self.active = active  # (runs, periods, customers): members at the start of each period
        self.recurring = recurring
        self.once = once  # None where nothing happens once


def _strength(plan: Plan, source: int, active: Floats) -> Floats | float:
    """How strongly a rule acts: the share of its source customer's members still active."""
    import numpy as np

    where = np.flatnonzero(plan.customer_actor == source)
    if not len(where):
        return 1.0  # the organisation or a partner is always there
    c = int(where[0])
    share: Floats = np.minimum(active[:, c] / float(plan.count[c]), 1.0)
    return share


def _adjusted_use(viu: Floats, up: Floats, down: Floats, seg: Ints) -> Floats:
    """Value-in-use per member of every stream and cohort, with achievement raised and lowered.

    Achievement enters value-in-use linearly, so closing the share ``up`` of the gap
    to full achievement of every judged outcome, then opening the share ``down`` of
    the way to full destruction, moves a member's value-in-use ``v`` between its
    bounds ``±v1`` (every judged outcome achieved, or destroyed) by the engine's
    rule for personalisation, applied to ``v / v1``.
    """
    import numpy as np

    v0, v1 = viu[0][seg], viu[1][seg]
    judged = v1 > 0.0
    ratio = np.divide(v0, v1, out=np.zeros_like(v0), where=judged)
    raised = achieved(ratio[None, :, None], up)
    lowered = -achieved(-raised, down)
    value: Floats = np.where(judged[None, :, None], v1[None, :, None] * lowered, v0[None, :, None])
    return value


class _Period:
    """What one period of a chunk's runs knows when its flows are computed."""

    def __init__(
        self,
        t: int,
        members: Ints,
        by_stream: Ints,
        share: Floats,
        history: Ints,
        use: tuple[Floats, Floats, Ints] | None,
    ) -> None:
        self.t = t
        self.members = members
        self.by_stream = by_stream
        self.share = share
        self.history = history
        self.use = use  # (up, down, stream segments) where achievement moves


def _flows(plan: Plan, now: _Period, out: Part, *, once: bool) -> None:
    """One part of a period's flows for the members active, into ``out``."""
    import numpy as np

    t, share = now.t, now.share
    net_unit, money_unit = plan.at("net", t, once=once), plan.at("money", t, once=once)
    firm_unit = plan.at("firm", t, once=once)
    c_count = len(plan.customers)
    net = out.net[:, t]
    firm = out.firm[:, t]
    if net_unit is not None and money_unit is not None and firm_unit is not None:
        net += share @ net_unit
        out.money[:, t] = share @ money_unit
        firm += share[:, :, None] * firm_unit[None, :, :]
        viu = plan.at("viu", t, once=once)
        if now.use is not None and viu is not None:
            up, down, seg = now.use
            per_member = _adjusted_use(viu, up, down, seg)
            use = (now.members * per_member).sum(axis=2)
            total = use[:, :c_count].copy()
            for j, (_, segment, _, _) in enumerate(plan.streams):
                total[:, segment] += use[:, c_count + j]
            net[:, plan.customer_actor] += total - share * viu[0][None, :]
        margin = firm_unit[:, _LIFETIME]
        for c in np.flatnonzero(plan.referrer >= 0):
            firm[:, plan.referrer[c], _REFERRAL] += (
                plan.incrementality[c] * now.by_stream[:, c] * margin[c]
            )
        for j, (referrer, segment, _, incremental) in enumerate(plan.streams):
            firm[:, referrer, _REFERRAL] += (
                incremental * now.by_stream[:, c_count + j] * margin[segment]
            )
    for c in np.flatnonzero(plan.has_lag):
        idea = plan.at("idea", t, once=once)
        if idea is not None:
            net -= share[:, c, None] * idea[c][None, :]
            firm[:, c, _KNOWLEDGE] -= share[:, c] * idea[c, plan.focal]
        lag = int(plan.lags[c])
        earlier = plan.at("idea", t - lag, once=once) if t >= lag else None
        if earlier is not None:
            before = now.history[:, t - lag, c].astype(np.float64)
            net += before[:, None] * earlier[c][None, :]
            firm[:, c, _KNOWLEDGE] += before * earlier[c, plan.focal]
    if not once:
        net -= plan.fixed_cost
        return
    if t == 0:
        net -= plan.investment
    for c in np.flatnonzero((plan.referrer >= 0) & (plan.referred_in == t)):
        firm[:, plan.referrer[c], _REFERRAL] += float(plan.count[c]) * plan.acquisition_cost


def run_chunk(plan: Plan, chunk: Chunk) -> ChunkResult:
    """Simulate the runs of one chunk with its own generator; see [`simulate`][cocreation.simulate]."""
    import numpy as np

    rng = chunk.generator()
    n, periods = len(chunk), plan.periods
    c_count, a_count = len(plan.customers), len(plan.actors)
    streams = plan.streams
    seg = np.array([*range(c_count), *(s[1] for s in streams)], dtype=np.int64)
    cohorts = periods if streams else 1
    members = np.zeros((n, len(seg), cohorts), dtype=np.int64)
    members[:, :c_count, 0] = plan.count
    joined = np.arange(cohorts)
    depth = plan.retention.shape[1]
    moves_use = (
        any(a > 0.0 for *_, a in plan.helps)
        or any(a > 0.0 for *_, a in plan.harms)
        or bool((plan.learn_rate * plan.learn_ceiling > 0.0).any())
    )

    history = np.zeros((n, periods, c_count), dtype=np.int64)
    recurring = Part(n, periods, a_count, c_count)
    once = Part(n, periods, a_count, c_count) if plan.has_once else None

    for t in range(periods):
        by_stream = members.sum(axis=2)
        active = by_stream[:, :c_count].copy()
        for j, (_, segment, _, _) in enumerate(streams):
            active[:, segment] += by_stream[:, c_count + j]
        history[:, t] = active
        share = active.astype(np.float64)

        # The rules' strengths this period, and what they do to retention and achievement.
        shift = np.zeros((n, c_count))
        keep_up = np.ones((n, c_count))
        keep_down = np.ones((n, c_count))
        for entries, sign, keep in ((plan.helps, 1.0, keep_up), (plan.harms, -1.0, keep_down)):
            for source, target, retention, achievement in entries:
                strength = _strength(plan, source, share)
                shift[:, target] += sign * retention * strength
                keep[:, target] *= 1.0 - achievement * strength
        use = None
        if moves_use:
            age = np.maximum(t - joined, 0)
            learned = plan.learn_ceiling[seg, None] * (
                1.0 - (1.0 - plan.learn_rate[seg, None]) ** age[None, :]
            )
            up = 1.0 - keep_up[:, seg, None] * (1.0 - learned[None, :, :])
            use = (up, 1.0 - keep_down[:, seg, None], seg)

        now = _Period(t, members, by_stream, share, history, use)
        _flows(plan, now, recurring, once=False)
        brought = [rng.poisson(rate * share[:, referrer]) for referrer, _, rate, _ in streams]
        if once is not None:
            _flows(plan, now, once, once=True)
            for (referrer, *_), new in zip(streams, brought, strict=True):
                once.firm[:, t, referrer, _REFERRAL] += new * plan.acquisition_cost

        if t == periods - 1:
            break
        # Who stays for the next period: a binomial draw per stream and cohort.
        live = min(t + 1, cohorts)
        age = t - joined[:live]
        rate = plan.retention[seg[:, None], np.minimum(age, depth - 1)[None, :]]
        chance = np.clip(rate[None, :, :] + shift[:, seg, None], 0.0, 1.0)
        members[:, :, :live] = rng.binomial(members[:, :, :live], chance)
        if t + 1 < cohorts:
            for j, new in enumerate(brought):
                members[:, c_count + j, t + 1] += new

    return ChunkResult(history, recurring, once)
