"""Co-selling workshops: the bundled example, a B2B telecom provider and its ecosystem.

Models the co-selling case of seed article 000: Swisscom "has established a
co-creation process for selling, in which, with the help of the customer's
management, the respective offering is defined jointly in the context of
workshops", for offerings with "a modular structure" surrounded "by a ring of
value-added services", while user groups help other customers use the offerings.
Seed article 001's "integrate partners from the centre" is measured by the central
integrator.

The bundled example (``cc.example_ecosystem()``) is a fictional provider, Alpine
Telecom, with a cloud complementor, a user community and a self-service portal, and
three business customers who co-create on all four levels. The script prints each
customer's net benefit against its firm value, the modules each one chose, the
organisation's position in the network, the win-win verdict with price ranges, and
the opportunity scores of every job.

Run ``python co_selling_workshops.py [FOLDER]`` to also save the plots into FOLDER (or
set ``COCREATION_PLOTS``); without one, nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from _shared import plots_folder, save_drawings

import cocreation as cc


def print_value(eco: cc.Ecosystem) -> None:
    """Print each customer's net benefit against its firm value, and its chosen modules.

    Args:
        eco: The ecosystem.
    """
    benefits = cc.net_benefit(eco)
    values = cc.firm_value(eco, timing="retained")
    print(f"Net benefit against firm value to {values.organisation} (timing 'retained')")
    print(f"{'customer':<18}{'members':>8}{'net benefit':>13}{'firm value':>13}  modules chosen")
    for customer in eco.customers:
        modules = sorted(
            {m for i in cc.interactions_of(eco, customer.id) for m in i.modules} or {"-"}
        )
        print(
            f"{customer.id:<18}{customer.count:>8,}{benefits[customer.id].net:>13,.0f}"
            f"{values[customer.id].total:>13,.0f}  {', '.join(modules)}"
        )
    workshop = eco.interaction("co-selling-workshop")
    assert workshop.dart is not None
    print(
        f"The co-selling workshop with {workshop.customer}: level {workshop.level},"
        f" DART mean {workshop.dart.mean:.2f}"
    )


def print_network(eco: cc.Ecosystem) -> None:
    """Print the central integrator, referral chains and the support network.

    Args:
        eco: The ecosystem.
    """
    centre = cc.central_integrator(eco)
    print()
    print(
        f"Central integrator: {centre.integrator} (on {centre.score:.0%} of customer-partner paths)"
    )
    for customer in eco.customers:
        chain = cc.referral_chain(eco, customer.id)
        if len(chain) > 1:
            print("Referral chain: " + " -> ".join(chain))
    for helper, helped in cc.support_network(eco).edges():
        print(f"Customers supporting customers: {helper} -> {helped}")


def print_verdict(eco: cc.Ecosystem) -> None:
    """Print the win-win verdict and the price range of every offering bought.

    Args:
        eco: The ecosystem.
    """
    verdict = cc.win_win(eco)
    print()
    print(f"Total value created: {verdict.total_value_created:,.0f}")
    if verdict.sustainable:
        print("Win-win: yes, every actor gains.")
    else:
        print(f"Win-win: no, {', '.join(verdict.losers)} lose.")
    for offering, found in verdict.price_ranges.items():
        price = eco.offering(offering).price
        if found is None:
            print(f"  {offering}: no price lets every actor gain")
            continue
        high = "no limit" if found.high is None else f"{found.high:,.0f}"
        print(f"  {offering}: from {found.low:,.0f} to {high} (now {price:,.0f})")


def print_opportunities(eco: cc.Ecosystem) -> None:
    """Print every outcome's opportunity score, highest first.

    Args:
        eco: The ecosystem.
    """
    scores = sorted(
        (
            (cc.opportunity_score(outcome.importance, outcome.satisfaction), job.id, outcome.id)
            for job in eco.jobs
            for outcome in job.outcomes
        ),
        key=lambda item: -item[0].score,
    )
    print()
    print("Opportunity scores, highest first")
    for score, job, outcome in scores:
        words = score.opportunity.value.replace("_", " ")
        print(f"  {score.score:>5.1f}  {words:<18}{outcome} ({job})")


def save_plots(folder: Path, eco: cc.Ecosystem) -> None:
    """Save the graph, a value waterfall and the opportunity landscape into a folder.

    Args:
        folder: Where to write the PNG files.
        eco: The ecosystem to draw.
    """
    from cocreation.plot import ecosystem_graph, opportunity_landscape, value_waterfall

    drawings: dict[str, Callable[[], object]] = {
        "co_selling_graph.png": lambda: ecosystem_graph(eco, edges="level"),
        "co_selling_alpen_logistik.png": lambda: value_waterfall(
            cc.firm_value(eco, timing="retained")["alpen-logistik"],
            cc.net_benefit(eco)["alpen-logistik"],
        ),
        "co_selling_opportunities.png": lambda: opportunity_landscape(eco),
    }
    save_drawings(folder, drawings)


def main(argv: Sequence[str] | None = None) -> None:
    """Report on the bundled co-selling example.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).
    """
    folder = plots_folder("The bundled co-selling example.", argv)
    eco = cc.example_ecosystem()
    print(f"{eco.name}: co-creation on all four levels")
    print()
    print_value(eco)
    print_network(eco)
    print_verdict(eco)
    print_opportunities(eco)
    if folder is not None:
        save_plots(folder, eco)


if __name__ == "__main__":
    main()
