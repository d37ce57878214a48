"""Open innovation: customers and a supplier shape the design of an offering.

Models the first level of co-creation in seed article 000 (customers "support the
organisation regarding the design of value provision": customer insights and
co-creation workshops), the open-innovation platform of seed article 003, on which
a consumer-goods brand "communicates their specific challenges to the public and
encourages people or businesses to submit responses", and seed article 004's
co-creation with customers and with other companies, built on the DART model
(dialogue, access, risk-benefits, transparency).

CleanCo, a household brand, runs an idea challenge on an open-innovation platform,
where 500 community members submit ideas and five are adopted (each wins a prize),
and holds two workshops a year with twelve lead users, who also test prototypes at
the lab of an enzyme supplier that co-develops the product. The adopted ideas and
insights are CleanCo's knowledge value; the workshops, prizes and platform fees are
its co-creation cost. The script prints the DART scores, the knowledge value
against the cost of each design activity, each segment's firm value and net
benefit, the opportunity scores of the product's outcomes, and the win-win verdict.

Run ``python open_innovation.py [FOLDER]`` to also save the plots into FOLDER (or set
``COCREATION_PLOTS``); without one, nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from _shared import plots_folder, save_drawings

import cocreation as cc

DESIGN = cc.CoCreationLevel.DESIGN
VALUE = cc.TransferKind.VALUE
TIME = cc.ResourceKind.TIME
USE = (  # segment, refills a year, outcomes achieved, personalisation
    ("lead-users", 24.0, 0.8, 0.3),
    ("community", 12.0, 0.7, 0.0),
)
ACTIVITIES = {  # what CleanCo runs: its interactions
    "idea challenge": ("idea-challenge", "adopted-ideas"),
    "lead-user workshops": ("lead-user-workshops",),
}


def clean_co() -> cc.Ecosystem:
    """CleanCo's open-innovation ecosystem for one year.

    Returns:
        The ecosystem.
    """
    eco = (
        cc.Ecosystem(name="CleanCo open innovation")
        .add_partner(
            "ideas-platform",
            name="Open-innovation platform",
            role=cc.PartnerRole.PLATFORM,
            fixed_cost=1000.0,
        )
        .add_partner(
            "enzyme-lab",
            name="Enzyme supplier",
            role=cc.PartnerRole.SUPPLIER,
            fixed_cost=2000.0,
            variable_cost=0.5,
        )
        .add_organisation(
            "cleanco",
            name="CleanCo",
            discount_rate=0.1,
            fixed_cost=120000.0,
            partners=["ideas-platform", "enzyme-lab"],
        )
        .add_customer(
            "lead-users",
            count=12,
            value_of_time=60.0,
            retention=0.9,
            relationships=[
                cc.Relationship(
                    "cleanco",
                    cc.DART(dialogue=0.9, access=0.7, risk_benefits=0.8, transparency=0.8),
                )
            ],
        )
        .add_customer(
            "community",
            count=500,
            value_of_time=20.0,
            retention=0.7,
            relationships=[
                cc.Relationship(
                    "cleanco",
                    cc.DART(dialogue=0.5, access=0.8, risk_benefits=0.3, transparency=0.4),
                )
            ],
        )
    )
    for segment, *_ in USE:
        eco = eco.add_job(
            f"clean-green-{segment}",
            owner=segment,
            statement="Get the home spotless without harming nature",
            value=14.0,
            outcomes=[
                cc.Outcome("spotless", importance=9.0, satisfaction=6.0),
                cc.Outcome("gentle-on-nature", importance=8.0, satisfaction=3.0),
            ],
        ).add_job(
            f"be-heard-{segment}",
            owner=segment,
            statement="Shape the products I use",
            kind=cc.JobKind.EMOTIONAL,
            value=1000.0 if segment == "lead-users" else 40.0,
            outcomes=[cc.Outcome("ideas-taken-up", importance=8.0, satisfaction=3.0)],
        )
    eco = eco.add_offering(
        "eco-refill",
        provider="cleanco",
        name="Enzyme cleaner refill",
        price=8.0,
        unit_cost=3.0,
        partners=[cc.RevenueShare("enzyme-lab", 0.1)],
    )
    for segment, refills, achieved, personalised in USE:
        eco = eco.add_interaction(
            f"refills-{segment}",
            customer=segment,
            counterpart="cleanco",
            offering="eco-refill",
            units=1,
            occurrences=refills,
            job=f"clean-green-{segment}",
            achievement=[
                cc.Achievement("spotless", achieved),
                cc.Achievement("gentle-on-nature", achieved + 0.1),
            ],
            # Lead users shaped the product: it fits them better.
            personalisation=personalised,
        )
    return (
        eco.add_interaction(
            "idea-challenge",
            customer="community",
            counterpart="ideas-platform",
            level=DESIGN,
            job="be-heard-community",
            achievement=[cc.Achievement("ideas-taken-up", 0.5)],
            contributions=[cc.Contribution("community", TIME, 1.5, "writes up an idea")],
            transfers=[cc.Transfer("cleanco", "ideas-platform", 10.0, label="fee per idea")],
            dart=cc.DART(dialogue=0.4, access=0.9, risk_benefits=0.3, transparency=0.5),
        )
        .add_interaction(
            "adopted-ideas",
            customer="community",
            counterpart="cleanco",
            level=DESIGN,
            occurrences=0.01,  # five of 500 ideas are adopted
            transfers=[
                cc.Transfer("community", "cleanco", 20000.0, kind=VALUE, label="adopted idea"),
                cc.Transfer("cleanco", "community", 2000.0, label="prize for an adopted idea"),
            ],
        )
        .add_interaction(
            "lead-user-workshops",
            customer="lead-users",
            counterpart="cleanco",
            level=DESIGN,
            occurrences=2.0,
            job="be-heard-lead-users",
            achievement=[cc.Achievement("ideas-taken-up", 0.8)],
            contributions=[
                cc.Contribution("lead-users", TIME, 6.0, "a workshop day"),
                cc.Contribution("cleanco", cc.ResourceKind.MONEY, 500.0, "venue and facilitation"),
            ],
            transfers=[
                cc.Transfer("lead-users", "cleanco", 2500.0, kind=VALUE, label="insight adopted"),
            ],
            dart=cc.DART(dialogue=0.9, access=0.8, risk_benefits=0.7, transparency=0.6),
        )
        .add_interaction(
            "lab-days",
            customer="lead-users",
            counterpart="enzyme-lab",
            level=DESIGN,
            contributions=[cc.Contribution("lead-users", TIME, 4.0, "tests prototypes")],
            transfers=[
                cc.Transfer(
                    "lead-users", "enzyme-lab", 500.0, kind=VALUE, label="prototype feedback"
                )
            ],
            dart=cc.DART(dialogue=0.8, access=0.5, risk_benefits=0.6, transparency=0.7),
        )
    )


def print_dart(eco: cc.Ecosystem) -> None:
    """Print the DART scores of relationships and interactions, and the weakest block.

    Args:
        eco: The ecosystem.
    """
    rows: list[tuple[str, cc.DART]] = [
        (f"{customer.id} with {relationship.counterpart}", relationship.dart)
        for customer in eco.customers
        for relationship in customer.relationships
        if relationship.dart is not None
    ]
    rows += [(i.id, i.dart) for i in eco.interactions if i.dart is not None]
    print("DART: dialogue, access, risk-benefits, transparency (Prahalad & Ramaswamy)")
    print(f"{'where':<28}{'D':>6}{'A':>6}{'R':>6}{'T':>6}{'mean':>7}  weakest")
    for where, dart in rows:
        blocks = {
            "dialogue": dart.dialogue,
            "access": dart.access,
            "risk-benefits": dart.risk_benefits,
            "transparency": dart.transparency,
        }
        weakest = min(blocks, key=lambda block: blocks[block])
        print(
            f"{where:<28}{dart.dialogue:>6.1f}{dart.access:>6.1f}{dart.risk_benefits:>6.1f}"
            f"{dart.transparency:>6.1f}{dart.mean:>7.2f}  {weakest}"
        )


def print_activities(eco: cc.Ecosystem) -> None:
    """Print what each design activity brings CleanCo in a year, and what it costs.

    Args:
        eco: The ecosystem.
    """
    print()
    print("Design activities in a year: knowledge value to CleanCo against its cost")
    print(f"{'activity':<22}{'knowledge':>11}{'cost':>9}{'return':>9}")
    for activity, interactions in ACTIVITIES.items():
        batch = [eco.interaction(interaction) for interaction in interactions]
        lines = cc.account(eco, batch).totals()["cleanco"]
        gained = lines["value_received"]
        cost = lines["money_paid"] + lines["expenses"]
        print(f"{activity:<22}{gained:>11,.0f}{cost:>9,.0f}{gained / cost:>8.1f}x")
    lab = cc.account(eco, [eco.interaction("lab-days")]).totals()["enzyme-lab"]
    print(f"Lab days: the lead users' prototype feedback is worth {lab['value_received']:,.0f}")
    print("to the enzyme supplier, which co-develops the refill (co-creation with a company).")


def print_value(eco: cc.Ecosystem) -> None:
    """Print each segment's firm value by line against its net benefit, per member.

    Args:
        eco: The ecosystem.
    """
    values = cc.firm_value(eco, timing="retained")
    benefits = cc.net_benefit(eco)
    print()
    print("Per member: firm value to CleanCo (timing 'retained') against net benefit of the year")
    print(
        f"{'segment':<12}{'lifetime':>10}{'knowledge':>11}{'co-creation cost':>18}"
        f"{'firm value':>12}{'net benefit':>13}"
    )
    for customer in eco.customers:
        value = values[customer.id].per_member()
        benefit = benefits[customer.id].per_member()
        print(
            f"{customer.id:<12}{value.lifetime_value:>10,.2f}{value.knowledge_value:>11,.2f}"
            f"{0.0 - value.cocreation_cost:>18,.2f}{value.total:>12,.2f}{benefit.net:>13,.2f}"
        )


def print_opportunities(eco: cc.Ecosystem) -> None:
    """Print the opportunity score of each outcome the next ideas should target.

    Args:
        eco: The ecosystem.
    """
    print()
    print("Opportunity scores of the cleaning job: where the next ideas should go")
    for outcome in eco.job("clean-green-community").outcomes:
        score = cc.opportunity_score(outcome.importance, outcome.satisfaction)
        print(f"  {outcome.id:<18}{score.score:>6.1f}  {score.opportunity.value.replace('_', ' ')}")


def print_verdict(eco: cc.Ecosystem) -> None:
    """Print the net value flows of the year and the win-win verdict.

    Args:
        eco: The ecosystem.
    """
    verdict = cc.win_win(eco)
    print()
    print("Net value flow of the year")
    for actor, net in verdict.nets.items():
        print(f"  {actor:<16}{net:>12,.2f}")
    if verdict.sustainable:
        print("Win-win: yes, every actor gains.")
    else:
        print(f"Win-win: no, {', '.join(verdict.losers)} lose.")
    found = verdict.price_ranges["eco-refill"]
    if found is not None:
        high = "no limit" if found.high is None else f"{found.high:.2f}"
        print(
            f"  eco-refill: every actor gains at a price from {found.low:.2f} to {high} (now 8.00)"
        )


def save_plots(folder: Path, eco: cc.Ecosystem) -> None:
    """Save the ecosystem graph and the lead users' value waterfall into a folder.

    Args:
        folder: Where to write the PNG files.
        eco: The ecosystem to draw.
    """
    from cocreation.plot import ecosystem_graph, value_waterfall

    drawings: dict[str, Callable[[], object]] = {
        "open_innovation_graph.png": lambda: ecosystem_graph(eco),
        "open_innovation_lead_users.png": lambda: value_waterfall(
            cc.firm_value(eco, timing="retained")["lead-users"].per_member(),
            cc.net_benefit(eco)["lead-users"].per_member(),
        ),
    }
    save_drawings(folder, drawings)


def main(argv: Sequence[str] | None = None) -> None:
    """Account CleanCo's open innovation from every side.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).
    """
    folder = plots_folder("Open innovation on the design level.", argv)
    eco = clean_co()
    print("CleanCo's open innovation: co-creation on the design level")
    print()
    print_dart(eco)
    print_activities(eco)
    print_value(eco)
    print_opportunities(eco)
    print_verdict(eco)
    if folder is not None:
        save_plots(folder, eco)


if __name__ == "__main__":
    main()
