"""A referral programme: customers co-create in selling, and referrals chain.

Models the third level of co-creation in seed article 000: "referral as a kind of
co-creation in selling", which "can comprise the sales aspect in the form of a
simple purchase recommendation, but also the support aspect in the form of a
precise description of using the recommended offering". The firm's side follows
Kumar, Petersen & Leone: a referrer brings the acquisition cost the firm saves on
each customer it refers and, for those who would not have come otherwise (the
referral's incrementality), their lifetime value.

GreenBox sells a yearly meal-kit subscription. Its 400 founding customers refer 200
friends (wave 1), who refer 80 more (wave 2). Each referrer earns a bonus, each
friend a welcome credit, and a referrer spends half an hour showing a friend how
the kit works; the referrals happen once (``recurring=False``), so firm value counts
their bonuses and credits once rather than capitalising them over a lifetime. The script prints the referral chains, each segment's firm value by
line, the referral value credited to each referrer, the programme against no
programme (where only the customers who would have come anyway come, and GreenBox
pays to win them), the net value flows of the year and the win-win verdict.

Run ``python referral_programme.py [FOLDER]`` to also save the plots into FOLDER (or
set ``COCREATION_PLOTS``); without one, nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from _shared import plots_folder, save_drawings

import cocreation as cc

PRICE = 600.0  # a year of meal kits
ACQUISITION_COST = 60.0  # what winning a customer by advertising costs
BONUS = 30.0  # paid to the referrer for each friend who subscribes
WELCOME_CREDIT = 20.0  # paid to the referred friend
# id: (members, retention, referred by, incrementality)
SEGMENTS: dict[str, tuple[int, float, str | None, float]] = {
    "founders": (400, 0.8, None, 1.0),
    "wave-1": (200, 0.6, "founders", 0.6),
    "wave-2": (80, 0.5, "wave-1", 0.5),
}


def green_box(*, programme: bool = True) -> cc.Ecosystem:
    """GreenBox's first year, with its referral programme or without it.

    Without the programme, only the referred customers who would have come anyway
    subscribe (a share ``1 − incrementality`` of each wave); GreenBox then pays the
    acquisition cost to win each of them (see ``compare``).

    Args:
        programme: Whether customers refer friends.

    Returns:
        The ecosystem.
    """
    eco = (
        cc.Ecosystem(name="GreenBox referral programme")
        .add_organisation(
            "greenbox",
            name="GreenBox",
            discount_rate=0.1,
            fixed_cost=50000.0,
            acquisition_cost=ACQUISITION_COST,
        )
        .add_offering(
            "meal-kit",
            provider="greenbox",
            name="Meal kits for a year",
            price=PRICE,
            pricing=cc.PricingModel.SUBSCRIPTION,
            unit_cost=420.0,
        )
    )
    for segment, (members, retention, referrer, incrementality) in SEGMENTS.items():
        if programme:
            eco = eco.add_customer(
                segment,
                count=members,
                value_of_time=20.0,
                retention=retention,
                referred_by=referrer,
                incrementality=incrementality,
            )
        else:
            members = round(members * (1.0 - incrementality)) if referrer else members
            eco = eco.add_customer(segment, count=members, value_of_time=20.0, retention=retention)
        eco = eco.add_job(
            f"dinner-{segment}",
            owner=segment,
            statement="Get a healthy dinner on the table on weekdays",
            value=1000.0,
            outcomes=[cc.Outcome("dinner-sorted", importance=10.0, satisfaction=4.0)],
        ).add_interaction(
            f"subscription-{segment}",
            customer=segment,
            counterpart="greenbox",
            offering="meal-kit",
            units=1,
            job=f"dinner-{segment}",
            achievement=[cc.Achievement("dinner-sorted", 0.75)],
        )
        if programme and referrer is not None:
            friends_each = members / SEGMENTS[referrer][0]
            eco = eco.add_interaction(
                f"referrals-to-{segment}",
                customer=referrer,
                counterpart=segment,
                level=cc.CoCreationLevel.REFERRAL,
                occurrences=friends_each,
                # Paid once for each friend won, not every year of the referrer's lifetime.
                recurring=False,
                contributions=[
                    cc.Contribution(referrer, cc.ResourceKind.TIME, 0.5, "shows how the kit works")
                ],
                transfers=[
                    cc.Transfer("greenbox", referrer, BONUS, label="referral bonus"),
                    cc.Transfer("greenbox", segment, WELCOME_CREDIT, label="welcome credit"),
                ],
            )
    return eco


def print_chains(eco: cc.Ecosystem) -> None:
    """Print every referral chain, from the first referrer to the last customer referred.

    Args:
        eco: The ecosystem.
    """
    forest = cc.referral_forest(eco)
    leaves = [node for node in forest if forest.out_degree(node) == 0 and forest.in_degree(node)]
    print("Referral chains")
    for leaf in leaves:
        print("  " + " -> ".join(cc.referral_chain(eco, leaf)))


def print_firm_value(eco: cc.Ecosystem, values: cc.FirmValues) -> None:
    """Print each segment's firm value by line and the referral value behind each referrer.

    Args:
        eco: The ecosystem.
        values: Its firm values.
    """
    print()
    print(f"Firm value to {values.organisation} by segment (lifetime at timing 'retained')")
    print(
        f"{'segment':<10}{'members':>8}{'lifetime':>11}{'referral':>10}"
        f"{'co-creation cost':>18}{'total':>11}"
    )
    for customer in eco.customers:
        value = values[customer.id]
        print(
            f"{customer.id:<10}{customer.count:>8,}{value.lifetime_value:>11,.0f}"
            f"{value.referral_value:>10,.0f}{0.0 - value.cocreation_cost:>18,.0f}"
            f"{value.total:>11,.0f}"
        )
    print()
    print("Referral value credited to each referrer")
    print(
        f"{'referred':<10}{'referrer':<10}{'members':>8}{'incremental':>12}"
        f"{'acquisition saved':>19}{'incremental lifetime':>22}"
    )
    acquisition_cost = eco.organisation(values.organisation).acquisition_cost
    for customer in eco.customers:
        if customer.referred_by is None:
            continue
        saved = customer.count * acquisition_cost
        incremental = customer.incrementality * values[customer.id].lifetime_value
        print(
            f"{customer.id:<10}{customer.referred_by:<10}{customer.count:>8,}"
            f"{customer.incrementality:>12.0%}{saved:>19,.0f}{incremental:>22,.0f}"
        )
    print(
        "The co-creation cost counts the bonuses and credits once (one-off, not recurring),"
        " as they are paid."
    )


def compare(with_programme: cc.Ecosystem, without: cc.Ecosystem) -> None:
    """Print the programme against no programme: the cohort's lifetime value and the year.

    Args:
        with_programme: GreenBox with its referral programme.
        without: GreenBox without it: customers who come anyway, won by advertising.
    """
    rows: dict[str, list[float]] = {}
    for eco in (with_programme, without):
        values = cc.firm_value(eco, timing="retained")
        lifetime = sum(value.lifetime_value for value in values.values())
        # Money paid once for the cohort: incentives, or the acquisition cost of the others.
        incentives = (
            cc.account(eco)
            .totals(by="level")
            .get(cc.CoCreationLevel.REFERRAL, {})
            .get("money_received", 0.0)
        )
        advertised = (
            0
            if eco is with_programme
            else sum(c.count for c in eco.customers if SEGMENTS[c.id][2] is not None)
        )
        advertising = advertised * ACQUISITION_COST
        rows.setdefault("customers won", []).append(sum(c.count for c in eco.customers))
        rows.setdefault("lifetime value of customers", []).append(lifetime)
        rows.setdefault("acquisition cost paid", []).append(0.0 - advertising)
        rows.setdefault("referral incentives paid", []).append(0.0 - incentives)
        rows.setdefault("value of the cohort", []).append(lifetime - advertising - incentives)
        year = cc.net_value_flows(eco).net("greenbox") - advertising
        rows.setdefault("greenbox net in year one", []).append(year)
    print()
    print("The programme against no programme (one cohort of customers)")
    print(f"{'':<30}{'with':>12}{'without':>12}")
    for label, (first, second) in rows.items():
        print(f"{label:<30}{first:>12,.0f}{second:>12,.0f}")
    gain = rows["value of the cohort"][0] - rows["value of the cohort"][1]
    print(f"The programme adds {gain:,.0f} to the value of the cohort.")


def save_plots(folder: Path, eco: cc.Ecosystem) -> None:
    """Save the referral ecosystem's graph and the founders' value waterfall into a folder.

    Args:
        folder: Where to write the PNG files.
        eco: The ecosystem to draw.
    """
    from cocreation.plot import ecosystem_graph, value_waterfall

    values = cc.firm_value(eco, timing="retained")
    benefits = cc.net_benefit(eco)
    drawings: dict[str, Callable[[], object]] = {
        "referral_programme_graph.png": lambda: ecosystem_graph(eco, edges="level"),
        "referral_programme_founders.png": lambda: value_waterfall(
            values["founders"].per_member(), benefits["founders"].per_member()
        ),
    }
    save_drawings(folder, drawings)


def main(argv: Sequence[str] | None = None) -> None:
    """Account GreenBox's referral programme and compare it with no programme.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).
    """
    folder = plots_folder("A referral programme on the referral level.", argv)
    eco = green_box()
    print("GreenBox's referral programme: co-creation in selling")
    print()
    print_chains(eco)
    print_firm_value(eco, cc.firm_value(eco, timing="retained"))
    compare(eco, green_box(programme=False))
    verdict = cc.win_win(eco)
    print()
    print("Net value flow of the year with the programme")
    benefits = cc.net_benefit(eco)
    for actor, net in verdict.nets.items():
        member = (
            f"  ({benefits[actor].per_member().net:,.2f} a member)" if actor in benefits else ""
        )
        print(f"  {actor:<10}{net:>12,.2f}{member}")
    print("Win-win: yes, every actor gains." if verdict.sustainable else "Win-win: no.")
    found = verdict.price_ranges["meal-kit"]
    if found is not None:
        high = "no limit" if found.high is None else f"{found.high:,.2f}"
        print(
            f"  meal-kit: every actor gains at a price from {found.low:,.2f} to {high} (now 600.00)"
        )
    if folder is not None:
        save_plots(folder, eco)


if __name__ == "__main__":
    main()
