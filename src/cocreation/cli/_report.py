"""The text report of an ecosystem."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from cocreation.accounting import Timing, firm_value, net_benefit, net_value_flows, win_win
from cocreation.analysis import central_integrator, referral_chain, support_network
from cocreation.ecosystem import Ecosystem, kind_of
from cocreation.model import CoCreationLevel, Customer, Organisation, ReferencePoint

__all__ = ["render_report", "table"]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: text columns left-aligned, numbers right-aligned.

    Examples:
        >>> print(table(["actor", "count"], [["acme", 1], ["small businesses", 400]]))
        actor             count
        ----------------  -----
        acme                  1
        small businesses    400
    """
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [
        max([len(header), *(len(row[column]) for row in cells)])
        for column, header in enumerate(headers)
    ]
    numeric = [
        bool(rows) and all(isinstance(row[column], int | float) for row in rows)
        for column in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    rendered = [line(headers), "  ".join("-" * width for width in widths)]
    rendered.extend(line(row) for row in cells)
    return "\n".join(rendered)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


_TIMING_WORDS = {
    "retained": "first margin one period out, only if retained",
    "start": "first margin now",
    "end": "first margin certain at the end of the first period",
}


def render_report(
    ecosystem: Ecosystem,
    *,
    timing: Timing = "retained",
    horizon: int | None = None,
    discount_rate: float = 0.0,
) -> str:
    """The report that ``cocreation report`` prints.

    Args:
        ecosystem: The ecosystem to report on.
        timing: The lifetime-value timing convention for firm value.
        horizon: The lifetime-value horizon in periods (``None``: infinite).
        discount_rate: The rate that discounts later periods of net value flows.

    Examples:
        >>> from cocreation import Ecosystem
        >>> eco = Ecosystem(name="Kiosks").add_organisation("bank").add_customer("walk-ins")
        >>> print(render_report(eco).splitlines()[0])
        Ecosystem: Kiosks
    """
    sections = [
        f"Ecosystem: {ecosystem.name or '(unnamed)'}",
        _actors(ecosystem),
    ]
    if ecosystem.organisations:
        sections.append(_value(ecosystem, timing=timing, horizon=horizon))
    sections.append(_flows(ecosystem, discount_rate=discount_rate))
    sections.append(_interactions(ecosystem))
    sections.append(_network(ecosystem))
    return "\n\n".join(sections) + "\n"


def _value(ecosystem: Ecosystem, *, timing: Timing, horizon: int | None) -> str:
    organisations = ecosystem.organisations
    benefits = net_benefit(ecosystem)
    lines = []
    for organisation in organisations:
        values = firm_value(ecosystem, timing=timing, horizon=horizon, organisation=organisation.id)
        span = "an infinite horizon" if horizon is None else f"{horizon} periods"
        modelled = len(net_value_flows(ecosystem).periods)
        lines.append(
            f"Customer net benefit (over the {modelled} period{'s' if modelled != 1 else ''} "
            f"modelled) against firm value to {organisation.id} (lifetime over {span}, "
            f"{_TIMING_WORDS[timing]}: --timing {timing})"
        )
        rows: list[list[object]] = []
        for customer in ecosystem.customers:
            benefit = benefits[customer.id]
            value = values[customer.id]
            rows.append(
                [
                    customer.id,
                    customer.count,
                    benefit.net,
                    benefit.per_member().net,
                    value.total,
                    value.per_member().total,
                ]
            )
        lines.append(
            table(
                ["customer", "members", "net benefit", "per member", "firm value", "per member"],
                rows,
            )
        )
        lines.append("")
        lines.append(f"Firm value to {organisation.id} by line")
        line_rows: list[list[object]] = [
            [customer.id, *values[customer.id].lines().values(), values[customer.id].total]
            for customer in ecosystem.customers
        ]
        lines.append(
            table(
                [
                    "customer",
                    "lifetime",
                    "referral",
                    "influence",
                    "knowledge",
                    "co-production",
                    "co-creation cost",
                    "total",
                ],
                line_rows,
            )
        )
        lines.append("")
    return "\n".join(lines).rstrip()


def _flows(ecosystem: Ecosystem, *, discount_rate: float) -> str:
    flows = net_value_flows(ecosystem, discount_rate=discount_rate)
    nets = flows.nets()
    received: dict[str, float] = dict.fromkeys(flows.actors, 0.0)
    given: dict[str, float] = dict.fromkeys(flows.actors, 0.0)
    for (actor, _), flow in flows.items():
        for amount in flow.lines().values():
            if amount >= 0:
                received[actor] += amount
            else:
                given[actor] -= amount
    periods = len(flows.periods)
    rows: list[list[object]] = [
        [actor, kind_of(ecosystem[actor]), received[actor], given[actor], nets[actor]]
        for actor in flows.actors
    ]
    verdict = win_win(ecosystem, discount_rate=discount_rate)
    lines = [
        f"Net value flow per actor ({periods} period{'s' if periods != 1 else ''}, "
        f"discount rate {discount_rate:g} per period)",
        table(["actor", "kind", "receives", "gives", "net"], rows),
        "",
        f"Total value created: {verdict.total_value_created:,.2f}",
    ]
    if verdict.sustainable:
        lines.append("Win-win: yes, every actor gains.")
    else:
        lines.append("Win-win: no; losing: " + ", ".join(verdict.losers) + ".")
    for offering, found in verdict.price_ranges.items():
        if found is None:
            lines.append(f"  {offering}: no price lets every actor gain")
        else:
            high = "no upper bound" if found.high is None else f"{found.high:,.2f}"
            lines.append(
                f"  {offering}: every actor gains at a price from {found.low:,.2f} to {high} "
                f"(now {ecosystem.offering(offering).price:,.2f})"
            )
    return "\n".join(lines)


def _actors(ecosystem: Ecosystem) -> str:
    rows: list[list[object]] = []
    for actor in ecosystem.actors:
        if isinstance(actor, Customer):
            rows.append([actor.id, f"customer ({actor.kind.value})", actor.name, actor.count])
        else:
            kind = "organisation" if isinstance(actor, Organisation) else "partner"
            rows.append([actor.id, kind, actor.name, 1])
    return "Actors\n" + table(["id", "kind", "name", "members"], rows)


def _interactions(ecosystem: Ecosystem) -> str:
    counts = Counter(
        (interaction.level, interaction.reference_point) for interaction in ecosystem.interactions
    )
    levels: list[CoCreationLevel | None] = [*CoCreationLevel, None]
    rows: list[list[object]] = [
        [
            "use (no co-creation)" if level is None else level.value,
            *(counts[level, point] for point in ReferencePoint),
        ]
        for level in levels
    ]
    headers = ["level \\ reference point", *(point.value for point in ReferencePoint)]
    return "Interactions by co-creation level and reference point\n" + table(headers, rows)


def _network(ecosystem: Ecosystem) -> str:
    lines = ["Network"]
    centrality = central_integrator(ecosystem)
    if centrality.integrator is None:
        lines.append("central integrator: none (no customer or no partner)")
    else:
        lines.append(
            f"central integrator: {centrality.integrator} "
            f"(on {centrality.score:.0%} of customer-partner paths)"
        )
    chains = [
        " -> ".join(referral_chain(ecosystem, customer.id))
        for customer in ecosystem.customers
        if customer.referred_by is not None
    ]
    lines.append("referral chains: " + ("; ".join(chains) if chains else "none"))
    support = support_network(ecosystem)
    helping = [f"{helper} -> {helped}" for helper, helped in support.edges]
    lines.append("customers supporting customers: " + (", ".join(helping) if helping else "none"))
    return "\n".join(lines)
