"""An unmoderated forum where complaints spread: value co-destruction over five years.

Models the warning of seed article 000 that customers, "enabled by the
organisations, can express themselves negatively on the organisations' own
platforms", as value co-destruction in the sense of Plé & Chumpitaz Cáceres
(2010): an interaction on a platform the firm provides lowers the well-being of
other customers and, through them, of the firm.

TaskNest sells a planning app to 2,000 members and hosts a forum on a community
platform. Fifty disappointed users post complaints there. Unmoderated, the
complaints reach every member who reads the forum: the members judge the app's
outcomes worse than they would (a share of the way to full destruction of their
outcomes opens) and leave sooner. Moderated, TaskNest pays the platform a
moderation fee per member and a year, answers reach the members instead, and the
complaints reach few. The complainers themselves stay as long as they have
something to complain about.

The script simulates five years of each forum, 2,000 runs each, and prints the
members still there, each actor's discounted net value flow and the members'
firm value, then the cost of the co-destroyed value and what moderation earns.

Run ``python unmoderated_forum.py [FOLDER]`` to also save the plots into FOLDER (or
set ``COCREATION_PLOTS``); without one, nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from _shared import plots_folder, save_drawings

import cocreation as cc
from cocreation.analysis import Harm, Help, Rule, Simulation

YEARS = 5
RUNS = 2_000
SEED = 2010
TIMING: cc.Timing = "end"
MODERATION_FEE = 4.0  # per member and year, paid to the platform


def task_nest(*, moderated: bool) -> cc.Ecosystem:
    """TaskNest's ecosystem for one year, with or without moderation of its forum.

    Args:
        moderated: Whether TaskNest pays the platform to moderate the forum.

    Returns:
        The ecosystem.
    """
    eco = (
        cc.Ecosystem(name="TaskNest forum")
        .add_partner("platform", role=cc.PartnerRole.COMMUNITY, fixed_cost=2_000.0)
        .add_organisation("tasknest", discount_rate=0.1, fixed_cost=60_000.0, partners=["platform"])
        .add_offering(
            "planner",
            provider="tasknest",
            price=60.0,
            pricing=cc.PricingModel.SUBSCRIPTION,
            unit_cost=12.0,
        )
        .add_customer("members", count=2_000, retention=0.85, value_of_time=25.0)
        .add_customer("complainers", count=50, retention=0.9, value_of_time=25.0)
    )
    for segment in ("members", "complainers"):
        eco = eco.add_job(
            f"plan-{segment}",
            owner=segment,
            value=120.0,
            outcomes=[
                cc.Outcome("on-time", importance=9.0, satisfaction=4.0),
                cc.Outcome("shared-lists", importance=7.0, satisfaction=5.0),
            ],
        ).add_interaction(
            f"use-{segment}",
            customer=segment,
            counterpart="tasknest",
            offering="planner",
            units=1,
            job=f"plan-{segment}",
            achievement=[
                cc.Achievement("on-time", 0.8 if segment == "members" else 0.1),
                cc.Achievement("shared-lists", 0.7 if segment == "members" else 0.0),
            ],
        )
    eco = eco.add_interaction(
        "complaints",
        customer="complainers",
        counterpart="platform",
        level=cc.CoCreationLevel.SUPPORT,
        occurrences=12.0,
        contributions=[cc.Contribution("complainers", cc.ResourceKind.TIME, 0.5)],
    )
    if moderated:
        eco = eco.add_interaction(
            "moderation",
            customer="members",
            counterpart="platform",
            level=cc.CoCreationLevel.SUPPORT,
            transfers=[cc.Transfer("tasknest", "platform", MODERATION_FEE, label="moderation")],
        )
    return eco


def rules(*, moderated: bool) -> list[Rule]:
    """How the complaints (and, moderated, the answers) reach the members.

    Args:
        moderated: Whether the forum is moderated.

    Returns:
        The rules of the simulation.
    """
    if not moderated:
        return [Harm("complainers", "members", retention=0.1, achievement=0.3)]
    return [
        Harm("complainers", "members", retention=0.02, achievement=0.05),
        Help("platform", "members", retention=0.03, achievement=0.1),
    ]


def simulate(*, moderated: bool, harmless: bool = False) -> Simulation:
    """Five years of the forum, many runs.

    Args:
        moderated: Whether the forum is moderated.
        harmless: Leave the complaints without effect (the baseline of no harm).

    Returns:
        The simulation.
    """
    return cc.simulate(
        task_nest(moderated=moderated),
        periods=YEARS,
        runs=RUNS,
        seed=SEED,
        rules=[] if harmless else rules(moderated=moderated),
    )


def discounted_means(sim: Simulation, measure: str) -> dict[str, float]:
    """Each actor's (or customer's) mean discounted figure over the runs."""
    totals = sim.discounted(measure, timing=TIMING).mean(axis=0)
    return dict(zip(sim.labels(measure), (float(x) for x in totals), strict=True))


def main(argv: Sequence[str] | None = None) -> None:
    """Simulate the forum unmoderated and moderated, and print what each does.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).
    """
    folder = plots_folder("An unmoderated forum where complaints spread.", argv)
    scenarios = {
        "no harm": simulate(moderated=False, harmless=True),
        "unmoderated": simulate(moderated=False),
        "moderated": simulate(moderated=True),
    }
    print(f"TaskNest's forum over {YEARS} years ({RUNS:,} runs each, '{TIMING}' timing)")
    print()
    print(
        f"{'':<14}{'members left':>14}{'members':>12}{'tasknest':>12}{'platform':>12}"
        f"{'firm value':>12}"
    )
    nets = {}
    for name, sim in scenarios.items():
        left = float(sim.values("active")[:, -1, sim.customers.index("members")].mean())
        nets[name] = discounted_means(sim, "net_value_flow")
        firm = discounted_means(sim, "firm_value")["members"]
        print(
            f"{name:<14}{left:>14,.0f}{nets[name]['members']:>12,.0f}"
            f"{nets[name]['tasknest']:>12,.0f}{nets[name]['platform']:>12,.0f}{firm:>12,.0f}"
        )
    print()
    destroyed = {
        actor: nets["no harm"][actor] - nets["unmoderated"][actor]
        for actor in ("members", "tasknest")
    }
    print(
        "Value co-destruction: unmoderated, the complaints cost the members "
        f"{destroyed['members']:,.0f} and TaskNest {destroyed['tasknest']:,.0f}."
    )
    gain = nets["moderated"]["tasknest"] - nets["unmoderated"]["tasknest"]
    verdict = "pays for itself" if gain > 0 else "does not pay for itself"
    print(f"Moderation {verdict}: TaskNest gains {gain:,.0f} over {YEARS} years.")
    if folder is not None:
        from cocreation.plot import active_members, cumulative_value

        def draw_members() -> None:
            ax = None
            for name, sim in scenarios.items():
                ax = active_members(sim, customers=["members"], label=name, ax=ax)

        def draw_value() -> None:
            ax = None
            for name, sim in scenarios.items():
                ax = cumulative_value(sim, timing=TIMING, actors=["tasknest"], label=name, ax=ax)

        save_drawings(
            folder,
            {
                "unmoderated_forum_members.png": draw_members,
                "unmoderated_forum_value.png": draw_value,
            },
        )


if __name__ == "__main__":
    main()
