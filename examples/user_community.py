"""A user community: customers support customers, and a few harm the firm.

Models the fourth level of co-creation in seed article 000 ("organisations
additionally use customers to support other customers in using offerings": user
groups), its warning that customers "enabled by the organisations, can express
themselves negatively on the organisations' own platforms", and the "value in
customer community" that seed article 002 counts on the firm's side.

PhotoForge sells a photo-editing subscription and hosts a user forum with a
community platform. Fifty power users answer newcomers' how-to questions: each
answer is worth something to the newcomer, saves PhotoForge a support ticket and
keeps the newcomer a little longer (influence value, SUPPORT level). PhotoForge
thanks the power users with a rebate, pays the forum host and moderates. Twenty
angry users post rants that put prospects off: their influence value is negative.

The script prints the support network, each segment's net benefit against its firm
value line by line, the net value flows and the win-win verdict, and compares the
ecosystem with and without the community.

Run ``python user_community.py [FOLDER]`` to also save the plots into FOLDER (or set
``COCREATION_PLOTS``); without one, nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from _shared import plots_folder, save_drawings

import cocreation as cc

SUPPORT = cc.CoCreationLevel.SUPPORT
VALUE = cc.TransferKind.VALUE
ANSWERS = 30.0  # answers a power user writes a year
RANTS = 10.0  # rants an angry user posts a year


def photo_forge(*, community: bool = True) -> cc.Ecosystem:
    """PhotoForge's ecosystem for one year, with or without its user community.

    Args:
        community: Whether customers support each other on the forum.

    Returns:
        The ecosystem.
    """
    eco = (
        cc.Ecosystem(name="PhotoForge user community")
        .add_partner(
            "forum-host",
            name="Community platform",
            role=cc.PartnerRole.COMMUNITY,
            fixed_cost=1000.0,
        )
        .add_organisation(
            "photoforge",
            name="PhotoForge",
            discount_rate=0.1,
            fixed_cost=40000.0,
            partners=["forum-host"],
        )
        .add_offering(
            "editor",
            provider="photoforge",
            name="Photo editor, yearly subscription",
            price=120.0,
            pricing=cc.PricingModel.SUBSCRIPTION,
            unit_cost=30.0,
        )
    )
    segments = {  # id: (members, value of time, retention, achievement of good results)
        "power-users": (50, 40.0, 0.95, 0.8),
        "newcomers": (1000, 20.0, 0.6, 0.5),
        "angry-users": (20, 30.0, 0.7, 0.2),
    }
    for segment, (members, value_of_time, retention, achieved) in segments.items():
        job = f"edit-photos-{segment}"
        eco = (
            eco.add_customer(
                segment, count=members, value_of_time=value_of_time, retention=retention
            )
            .add_job(
                job,
                owner=segment,
                statement="Make my photos look professional",
                value=300.0,
                outcomes=[
                    cc.Outcome("good-results", importance=9.0, satisfaction=5.0),
                    cc.Outcome("learn-quickly", importance=8.0, satisfaction=3.0),
                ],
            )
            .add_interaction(
                f"subscription-{segment}",
                customer=segment,
                counterpart="photoforge",
                offering="editor",
                units=1,
                job=job,
                achievement=[
                    cc.Achievement("good-results", achieved),
                    cc.Achievement("learn-quickly", achieved),
                ],
            )
        )
    eco = eco.add_job(
        "be-recognised",
        owner="power-users",
        statement="Be recognised as an expert by my peers",
        kind=cc.JobKind.SOCIAL,
        value=150.0,
        outcomes=[cc.Outcome("recognition", importance=7.0, satisfaction=3.0)],
    )
    if not community:
        return eco
    return (
        eco.add_interaction(
            "forum-answers",
            customer="power-users",
            counterpart="newcomers",
            level=SUPPORT,
            occurrences=ANSWERS,
            contributions=[
                cc.Contribution("power-users", cc.ResourceKind.TIME, 0.1, "six minutes an answer"),
                cc.Contribution("photoforge", cc.ResourceKind.MONEY, 2.0, "moderation"),
            ],
            transfers=[
                cc.Transfer("power-users", "newcomers", 8.0, kind=VALUE, label="how-to answer"),
                cc.Transfer(
                    "power-users", "photoforge", 10.0, kind=VALUE, label="support ticket avoided"
                ),
                cc.Transfer(
                    "power-users", "photoforge", 4.0, kind=VALUE, label="newcomer stays longer"
                ),
                cc.Transfer("photoforge", "forum-host", 1.0, label="hosting fee per answer"),
            ],
        )
        .add_interaction(
            "expert-programme",
            customer="power-users",
            counterpart="photoforge",
            level=SUPPORT,
            job="be-recognised",
            achievement=[cc.Achievement("recognition", 0.6)],
            transfers=[cc.Transfer("photoforge", "power-users", 60.0, label="expert rebate")],
            dart=cc.DART(dialogue=0.9, access=0.8, risk_benefits=0.6, transparency=0.7),
        )
        .add_interaction(
            "forum-rants",
            customer="angry-users",
            counterpart="newcomers",
            level=SUPPORT,
            occurrences=RANTS,
            contributions=[cc.Contribution("angry-users", cc.ResourceKind.TIME, 0.2)],
            psychic_cost=2.0,
            transfers=[
                cc.Transfer(
                    "angry-users", "newcomers", -2.0, kind=VALUE, label="misleading advice"
                ),
                cc.Transfer(
                    "angry-users", "photoforge", -50.0, kind=VALUE, label="prospect put off"
                ),
            ],
        )
    )


def print_support_network(eco: cc.Ecosystem) -> None:
    """Print who helps whom, how often, and what it is worth to those helped.

    Args:
        eco: The ecosystem.
    """
    network = cc.support_network(eco)
    print("Support network: customers helping customers")
    for helper, helped, data in network.edges(data=True):
        worth = sum(
            transfer.amount * interaction.occurrences * eco.customer(helper).count
            for interaction in cc.interactions_of(eco, helper, level=SUPPORT)
            for transfer in interaction.transfers
            if interaction.counterpart == helped and transfer.target == helped
        )
        posts = float(data["weight"])
        print(f"  {helper} -> {helped}: {posts:,.0f} posts a year, worth {worth:,.2f} to {helped}")


def print_value(eco: cc.Ecosystem) -> None:
    """Print net benefit against firm value, then firm value by line, per member.

    Args:
        eco: The ecosystem.
    """
    benefits = cc.net_benefit(eco)
    values = cc.firm_value(eco, timing="retained")
    print()
    print(f"Per member: net benefit of the year against firm value to {values.organisation}")
    print(
        f"{'segment':<14}{'net benefit':>12}{'lifetime':>10}{'influence':>11}"
        f"{'co-creation cost':>18}{'firm value':>12}"
    )
    for customer in eco.customers:
        benefit = benefits[customer.id].per_member()
        value = values[customer.id].per_member()
        print(
            f"{customer.id:<14}{benefit.net:>12,.2f}{value.lifetime_value:>10,.2f}"
            f"{value.influence_value:>11,.2f}{0.0 - value.cocreation_cost:>18,.2f}"
            f"{value.total:>12,.2f}"
        )


def print_verdict(eco: cc.Ecosystem) -> cc.WinWin:
    """Print the net value flows of the year and the win-win verdict.

    Args:
        eco: The ecosystem.

    Returns:
        The verdict.
    """
    verdict = cc.win_win(eco)
    print()
    print("Net value flow of the year")
    for actor, net in verdict.nets.items():
        print(f"  {actor:<14}{net:>12,.2f}")
    print(f"Total value created: {verdict.total_value_created:,.2f}")
    if verdict.sustainable:
        print("Win-win: yes, every actor gains.")
    else:
        print(f"Win-win: no, {', '.join(verdict.losers)} lose.")
    found = verdict.price_ranges["editor"]
    if found is None:
        print("  editor: no price lets every actor gain")
        benefits = cc.net_benefit(eco, by_offering=True)
        for loser in verdict.losers:
            used = benefits[loser, "editor"].per_member().value_in_use
            print(
                f"  {loser} get a value-in-use of {used:,.2f} a member from an editor priced"
                " 120.00:\n  their job is not done, and no price fixes that."
            )
    else:
        high = "no limit" if found.high is None else f"{found.high:.2f}"
        print(f"  editor: every actor gains at a price from {found.low:.2f} to {high} (now 120.00)")
    return verdict


def save_plots(folder: Path, eco: cc.Ecosystem) -> None:
    """Save the community's graph and a power user's value waterfall into a folder.

    Args:
        folder: Where to write the PNG files.
        eco: The ecosystem to draw.
    """
    from cocreation.plot import ecosystem_graph, value_waterfall

    values = cc.firm_value(eco, timing="retained")
    benefits = cc.net_benefit(eco)
    drawings: dict[str, Callable[[], object]] = {
        "user_community_graph.png": lambda: ecosystem_graph(eco, edges="level"),
        "user_community_angry_users.png": lambda: value_waterfall(
            values["angry-users"].per_member(), benefits["angry-users"].per_member()
        ),
    }
    save_drawings(folder, drawings)


def main(argv: Sequence[str] | None = None) -> None:
    """Account the community, then compare PhotoForge with and without it.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).
    """
    folder = plots_folder("A user community on the support level.", argv)
    eco = photo_forge()
    print("PhotoForge's user community: co-creation on the support level")
    print()
    print_support_network(eco)
    print_value(eco)
    with_community = print_verdict(eco)
    without = cc.win_win(photo_forge(community=False))
    print()
    print("With and without the community")
    print(f"{'':<22}{'with':>12}{'without':>12}")
    for actor, net in with_community.nets.items():
        print(f"{actor + ' net':<22}{net:>12,.2f}{without.nets[actor]:>12,.2f}")
    print(
        f"{'total value created':<22}{with_community.total_value_created:>12,.2f}"
        f"{without.total_value_created:>12,.2f}"
    )
    if folder is not None:
        save_plots(folder, eco)


if __name__ == "__main__":
    main()
