"""An outcome-based contract: the customer pays for compressed air delivered, not for compressors.

Models the outcome-based service contracts of seed article 002, which "can help
understand a customer's willingness to pay and to develop pricing models for
co-creation", and principle 9 of seed article 001: "earn profits over a lifetime of
product usage ... by adopting a collaborative, shared-risk based approach to
pricing, as customers create value during usage".

AirCo installs and runs a compressor station at Precision Parts, a factory, and is
paid per thousand cubic metres of compressed air delivered (an outcome-based
price), over a five-year contract. A sensor-cloud partner monitors the station for a
revenue share. The factory's staff do the daily visual checks, which saves AirCo
technician visits (co-production). The script prints the opportunity scores of the
factory's outcomes, the net value flows per year, the discounted win-win verdict and
the price range per unit of outcome in which everyone gains, the lifetime value
under each timing convention and horizon, and a comparison with buying compressors.

Run ``python outcome_based_contract.py [FOLDER]`` to also save the plots into FOLDER
(or set ``COCREATION_PLOTS``); without one, nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from _shared import plots_folder, save_drawings

import cocreation as cc

PRICE = 26.0  # per thousand cubic metres of compressed air
VOLUMES = (1800.0, 2000.0, 2000.0, 2200.0, 2200.0)  # thousand cubic metres a year
DISCOUNT_RATE = 0.08  # AirCo's, per year
TIMINGS: tuple[cc.Timing, ...] = ("retained", "end", "start")


def air_contract() -> cc.Ecosystem:
    """The five years of the contract, one period a year.

    Returns:
        The ecosystem.
    """
    eco = (
        cc.Ecosystem(name="Compressed air as a service")
        .add_partner(
            "sensor-cloud",
            name="Sensor cloud",
            role=cc.PartnerRole.INFRASTRUCTURE,
            fixed_cost=1000.0,
            variable_cost=0.5,
        )
        .add_organisation(
            "airco",
            name="AirCo",
            discount_rate=DISCOUNT_RATE,
            fixed_cost=5000.0,
            investment=60000.0,
            partners=["sensor-cloud"],
        )
        .add_customer(
            "precision-parts",
            name="Precision Parts",
            kind=cc.CustomerKind.BUSINESS,
            value_of_time=100.0,
            retention=0.9,
        )
        .add_job(
            "supply-air",
            owner="precision-parts",
            statement="Keep the production lines supplied with compressed air",
            value=100000.0,
            outcomes=[
                cc.Outcome("stable-pressure", importance=9.0, satisfaction=4.0),
                cc.Outcome("energy-cost", importance=8.0, satisfaction=3.0),
                cc.Outcome("no-capital-tied", importance=6.0, satisfaction=2.0),
            ],
        )
        .add_offering(
            "air-service",
            provider="airco",
            name="Compressed air, paid per thousand cubic metres",
            price=PRICE,
            pricing=cc.PricingModel.OUTCOME_BASED,
            unit_cost=14.0,
            partners=[cc.RevenueShare("sensor-cloud", 0.1)],
            proposition=[cc.Achievement("stable-pressure", 0.95)],
        )
    )
    for year, volume in enumerate(VOLUMES):
        eco = eco.add_interaction(
            f"air-{year}",
            customer="precision-parts",
            counterpart="airco",
            period=year,
            offering="air-service",
            units=volume,
            job="supply-air",
            achievement=[
                cc.Achievement("stable-pressure", 0.9),
                cc.Achievement("energy-cost", 0.7),
                cc.Achievement("no-capital-tied", 1.0),
            ],
        ).add_interaction(
            f"daily-checks-{year}",
            customer="precision-parts",
            counterpart="airco",
            period=year,
            level=cc.CoCreationLevel.PRODUCTION,
            contributions=[cc.Contribution("precision-parts", cc.ResourceKind.TIME, 40.0)],
            transfers=[
                cc.Transfer(
                    "precision-parts",
                    "airco",
                    6000.0,
                    kind=cc.TransferKind.VALUE,
                    label="technician visits saved",
                )
            ],
        )
    return eco


def print_opportunities(eco: cc.Ecosystem) -> None:
    """Print the opportunity score of each outcome of the factory's job.

    Args:
        eco: The ecosystem.
    """
    print("Opportunity scores of the factory's outcomes (Ulwick)")
    print(f"{'outcome':<18}{'importance':>11}{'satisfaction':>13}{'score':>7}  opportunity")
    for outcome in eco.job("supply-air").outcomes:
        score = cc.opportunity_score(outcome.importance, outcome.satisfaction)
        print(
            f"{outcome.id:<18}{score.importance:>11.1f}{score.satisfaction:>13.1f}"
            f"{score.score:>7.1f}  {score.opportunity.value.replace('_', ' ')}"
        )


def print_flows(eco: cc.Ecosystem) -> None:
    """Print each actor's net value flow per year and its discounted total, then the verdict.

    Args:
        eco: The ecosystem.
    """
    flows = cc.net_value_flows(eco, discount_rate=DISCOUNT_RATE)
    print()
    print(f"Net value flow per year (discounted at {DISCOUNT_RATE:.0%} a year)")
    header = "".join(f"{'year ' + str(period):>11}" for period in flows.periods)
    print(f"{'actor':<17}{header}{'discounted':>12}")
    for actor in flows.actors:
        cells = "".join(f"{flows[actor, period].net:>11,.0f}" for period in flows.periods)
        print(f"{actor:<17}{cells}{flows.net(actor):>12,.0f}")
    verdict = cc.win_win(eco, discount_rate=DISCOUNT_RATE)
    print(f"Total value created: {verdict.total_value_created:,.0f}")
    if verdict.sustainable:
        print("Win-win: yes, every actor gains over the contract.")
    else:
        print(f"Win-win: no, {', '.join(verdict.losers)} lose over the contract.")
    found = verdict.price_ranges["air-service"]
    if found is None:
        print("  air-service: no price lets every actor gain")
    else:
        high = "no limit" if found.high is None else f"{found.high:.2f}"
        print(
            f"  air-service: every actor gains at a price from {found.low:.2f} to {high}"
            f" per thousand cubic metres (now {PRICE:.2f})"
        )


def print_lifetime_value(eco: cc.Ecosystem) -> None:
    """Print the factory's firm value under each timing convention and horizon.

    Args:
        eco: The ecosystem.
    """
    horizons: tuple[int | None, ...] = (3, 5, 10, None)
    print()
    print("Firm value of Precision Parts to AirCo (retention 0.9, discount rate 0.08)")
    print(f"{'timing':<10}" + "".join(f"{'horizon ' + str(h or 'inf'):>14}" for h in horizons))
    for timing in TIMINGS:
        cells = "".join(
            f"{cc.firm_value(eco, timing=timing, horizon=h)['precision-parts'].total:>14,.0f}"
            for h in horizons
        )
        print(f"{timing:<10}{cells}")
    value = cc.firm_value(eco, timing="retained")["precision-parts"]
    print(
        f"(the infinite horizon at timing 'retained': lifetime {value.lifetime_value:,.0f}"
        f" + co-production {value.coproduction_savings:,.0f})"
    )


def print_alternative(eco: cc.Ecosystem) -> None:
    """Print the contract against buying compressors (Anderson & Narus).

    Args:
        eco: The ecosystem.
    """
    benefit = cc.net_benefit(eco)["precision-parts"]
    # Owning compressors: value-in-use of 50,000 a year (more pressure drops, capital
    # tied up) at 44,000 a year (depreciation, energy and maintenance), for five years.
    advantage = benefit.versus(5 * 50000.0, 5 * 44000.0)
    print()
    print(f"Net benefit to Precision Parts over the contract (undiscounted): {benefit.net:,.0f}")
    print(f"Advantage of the contract over buying compressors: {advantage:,.0f}")


def save_plots(folder: Path, eco: cc.Ecosystem) -> None:
    """Save the factory's opportunity landscape and value waterfall into a folder.

    Args:
        folder: Where to write the PNG files.
        eco: The ecosystem to draw.
    """
    from cocreation.plot import opportunity_landscape, value_waterfall

    drawings: dict[str, Callable[[], object]] = {
        "outcome_based_contract_opportunities.png": lambda: opportunity_landscape(eco),
        "outcome_based_contract_value.png": lambda: value_waterfall(
            cc.firm_value(eco, timing="retained")["precision-parts"],
            cc.net_benefit(eco)["precision-parts"],
        ),
    }
    save_drawings(folder, drawings)


def main(argv: Sequence[str] | None = None) -> None:
    """Account the five-year contract from every side.

    Args:
        argv: The command-line arguments (default: ``sys.argv[1:]``).
    """
    folder = plots_folder("An outcome-based contract over five years.", argv)
    eco = air_contract()
    print("Compressed air as a service: an outcome-based contract over five years")
    print()
    print_opportunities(eco)
    print_flows(eco)
    print_lifetime_value(eco)
    print_alternative(eco)
    if folder is not None:
        save_plots(folder, eco)


if __name__ == "__main__":
    main()
