"""Self-service kiosks: customers co-produce their order, if their time allows.

Models the self-service case of seed article 003 ("How the Cocreation of Value
Works"): self-service moves labour to the customer, as with the interactive
ordering screens of a fast-food restaurant where customers customise their own
order. In the language of seed article 000 this is co-creation on the PRODUCTION
level: the customer provides a share of the value itself.

A restaurant, Burger Corner, serves two segments: students and office workers. At
the counter a cashier takes the order in three minutes. At a kiosk, run by a kiosk
platform that charges a fee per order, the customer spends nine minutes and some
effort composing the meal, and gets it exactly as wanted (personalisation). The
restaurant saves the cashier's work (co-production savings). Whether the kiosk is
worth it for a customer depends on what an hour of its time is worth: the script
prints the break-even value of time, each segment's choice, the firm value of each
segment, the net value flows of the year and the win-win verdict, once with the
choice left to the customers and once with kiosks imposed on everyone.

Run ``python self_service_kiosks.py [FOLDER]`` to also save the plots into FOLDER
(or set ``COCREATION_PLOTS``); without one, nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from _shared import plots_folder, save_drawings

import cocreation as cc

Channel = Literal["counter", "kiosk"]

LUNCHES = 40.0  # lunches a year per customer
COUNTER_HOURS = 0.05  # three minutes with a cashier
KIOSK_HOURS = 0.15  # nine minutes composing the meal
KIOSK_EFFORT = 1.0  # learning and tapping through the menu, in money per order
CASHIER_WORK_SAVED = 1.5  # the restaurant's cost per order that the customer takes over
KIOSK_FEE = 0.25  # the platform's fee per kiosk order
SEGMENTS = {  # id: (members, value of an hour, retention per year)
    "students": (300, 10.0, 0.6),
    "office-workers": (200, 80.0, 0.8),
}


def restaurant(channels: Mapping[str, Channel]) -> cc.Ecosystem:
    """The restaurant for one year, each segment ordering through its channel.

    Args:
        channels: How each segment orders: ``"counter"`` or ``"kiosk"``.

    Returns:
        The ecosystem.
    """
    kiosks = "kiosk" in channels.values()
    eco = (
        cc.Ecosystem(name="Burger Corner")
        .add_partner(
            "kiosk-platform",
            name="Kiosk platform",
            role=cc.PartnerRole.PLATFORM,
            fixed_cost=1500.0,
            variable_cost=0.05,
        )
        .add_organisation(
            "burger-corner",
            name="Burger Corner",
            discount_rate=0.1,
            fixed_cost=60000.0,
            investment=20000.0 if kiosks else 0.0,
            partners=["kiosk-platform"],
        )
        .add_offering("menu", provider="burger-corner", price=10.0, unit_cost=4.0)
    )
    for segment, (members, value_of_time, retention) in SEGMENTS.items():
        kiosk = channels[segment] == "kiosk"
        job = f"lunch-{segment}"
        eco = (
            eco.add_customer(
                segment, count=members, value_of_time=value_of_time, retention=retention
            )
            .add_job(
                job,
                owner=segment,
                statement="Have a lunch I like in my break",
                value=30.0,
                outcomes=[cc.Outcome("meal-as-wanted", importance=10.0, satisfaction=4.0)],
            )
            .add_interaction(
                f"order-{segment}",
                customer=segment,
                counterpart="burger-corner",
                offering="menu",
                units=1,
                occurrences=LUNCHES,
                job=job,
                achievement=[cc.Achievement("meal-as-wanted", 0.5)],
                # At the kiosk the customer composes the meal: 40% of the gap closes.
                personalisation=0.4 if kiosk else 0.0,
                contributions=(
                    [] if kiosk else [cc.Contribution(segment, cc.ResourceKind.TIME, COUNTER_HOURS)]
                ),
            )
        )
        if kiosk:
            eco = eco.add_interaction(
                f"kiosk-{segment}",
                customer=segment,
                counterpart="kiosk-platform",
                level=cc.CoCreationLevel.PRODUCTION,
                occurrences=LUNCHES,
                contributions=[cc.Contribution(segment, cc.ResourceKind.TIME, KIOSK_HOURS)],
                effort=KIOSK_EFFORT,
                transfers=[
                    cc.Transfer(
                        segment,
                        "burger-corner",
                        CASHIER_WORK_SAVED,
                        kind=cc.TransferKind.VALUE,
                        label="cashier work saved",
                    ),
                    cc.Transfer("burger-corner", "kiosk-platform", KIOSK_FEE, label="kiosk fee"),
                ],
            )
    return eco


def choose_channels() -> dict[str, Channel]:
    """Each segment's better channel, printed with the break-even value of its time.

    Returns:
        The channel each segment chooses.
    """
    counter = cc.net_benefit(restaurant(dict.fromkeys(SEGMENTS, "counter")))
    kiosk = cc.net_benefit(restaurant(dict.fromkeys(SEGMENTS, "kiosk")))
    print("Net benefit per member and year: ordering at the counter or at a kiosk")
    print(
        f"{'segment':<16}{'value of time':>14}{'counter':>10}{'kiosk':>10}"
        f"{'break-even':>12}  choice"
    )
    choices: dict[str, Channel] = {}
    for segment, (_, value_of_time, _) in SEGMENTS.items():
        at_counter = counter[segment].per_member()
        at_kiosk = kiosk[segment].per_member()
        # Net benefit is affine in the value of time: gain before time over extra hours.
        gain_before_time = (at_kiosk.net + at_kiosk.time_cost) - (
            at_counter.net + at_counter.time_cost
        )
        extra_hours = (at_kiosk.time_cost - at_counter.time_cost) / value_of_time
        break_even = gain_before_time / extra_hours
        choice: Channel = "kiosk" if at_kiosk.net > at_counter.net else "counter"
        choices[segment] = choice
        print(
            f"{segment:<16}{value_of_time:>14.2f}{at_counter.net:>10.2f}{at_kiosk.net:>10.2f}"
            f"{break_even:>12.2f}  {choice}"
        )
    print("A kiosk pays for a customer whose hour is worth less than the break-even value.")
    return choices


def report(title: str, eco: cc.Ecosystem) -> None:
    """Print firm value per member, the year's net value flows and the win-win verdict.

    Args:
        title: What the scenario is.
        eco: The scenario's ecosystem.
    """
    print()
    print(f"== {title}")
    values = cc.firm_value(eco, timing="retained")
    print(f"Firm value per member to {values.organisation} (lifetime, timing 'retained')")
    print(
        f"{'segment':<16}{'lifetime':>10}{'co-production':>15}{'co-creation cost':>18}{'total':>10}"
    )
    for segment in SEGMENTS:
        value = values[segment].per_member()
        print(
            f"{segment:<16}{value.lifetime_value:>10.2f}{value.coproduction_savings:>15.2f}"
            f"{0.0 - value.cocreation_cost:>18.2f}{value.total:>10.2f}"
        )
    verdict = cc.win_win(eco)
    print("Net value flow of the year")
    for actor, net in verdict.nets.items():
        print(f"  {actor:<16}{net:>12,.2f}")
    if verdict.sustainable:
        print("Win-win: yes, every actor gains.")
    else:
        print(f"Win-win: no, {', '.join(verdict.losers)} lose.")
    found = verdict.price_ranges["menu"]
    if found is None:
        print("  menu: no price lets every actor gain")
    else:
        high = "no limit" if found.high is None else f"{found.high:.2f}"
        print(f"  menu: every actor gains at a price from {found.low:.2f} to {high} (now 10.00)")


def save_plots(folder: Path, eco: cc.Ecosystem) -> None:
    """Save the ecosystem graph and the students' value waterfall into a folder.

    Args:
        folder: Where to write the PNG files.
        eco: The ecosystem to draw.
    """
    from cocreation.plot import ecosystem_graph, value_waterfall

    values = cc.firm_value(eco, timing="retained")
    benefits = cc.net_benefit(eco)
    drawings: dict[str, Callable[[], object]] = {
        "self_service_kiosks_graph.png": lambda: ecosystem_graph(eco, edges="level"),
        "self_service_kiosks_students.png": lambda: value_waterfall(
            values["students"].per_member(), benefits["students"].per_member()
        ),
    }
    save_drawings(folder, drawings)


def main(argv: Sequence[str] | None = None) -> None:
    """Compare counter and kiosk for each segment, then the scenarios.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).
    """
    folder = plots_folder("Self-service kiosks as co-production.", argv)
    print("Self-service kiosks at Burger Corner: co-creation on the production level")
    print()
    choices = choose_channels()
    chosen = restaurant(choices)
    report("Customers choose their channel", chosen)
    imposed = restaurant(dict.fromkeys(SEGMENTS, "kiosk"))
    report("Kiosks imposed on everyone", imposed)
    before = cc.firm_value(chosen, timing="retained")["office-workers"].per_member().total
    after = cc.firm_value(imposed, timing="retained")["office-workers"].per_member().total
    loss = cc.net_benefit(imposed)["office-workers"].net
    print()
    print(
        f"Imposing kiosks raises the firm value of an office worker from {before:,.2f} to "
        f"{after:,.2f},\nbut office workers then lose {-loss:,.2f} a year: the customer decides."
    )
    if folder is not None:
        save_plots(folder, chosen)


if __name__ == "__main__":
    main()
