"""The report of an ecosystem as sections of tables, whatever format prints them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Final

from attrs import field, frozen

from cocreation.accounting import Timing, firm_value, net_benefit, net_value_flows, win_win
from cocreation.analysis import central_integrator, referral_chain, support_network
from cocreation.ecosystem import Ecosystem, kind_of
from cocreation.model import CoCreationLevel, Customer, Organisation, ReferencePoint

__all__ = ["SECTIONS", "Report", "Section", "build_report"]

SECTIONS: Final = ("actors", "value", "lines", "flows", "win-win", "interactions", "network")
"""The sections of a report, in the order it prints them (``--section`` picks some)."""

_TIMING_WORDS: Final = {
    "retained": "first margin one period out, only if retained",
    "start": "first margin now",
    "end": "first margin certain at the end of the first period",
}

_LINE_HEADERS: Final = (
    "lifetime",
    "referral",
    "influence",
    "knowledge",
    "co-production",
    "design cost",
    "production cost",
    "referral cost",
    "support cost",
)

Cell = str | int | float | bool | None


def _rows(rows: Iterable[Sequence[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(row) for row in rows)


def _number(value: float) -> float:
    """A float without a negative zero (``-0.0 + 0.0`` is ``0.0``)."""
    return float(value) + 0.0


@frozen
class Section:
    """One section of a report: a title, notes, and one table.

    Attributes:
        name: The section's name, one of [`SECTIONS`][cocreation.cli._report.SECTIONS].
        title: Its heading.
        headers: The table's column names.
        rows: The table's rows, as plain values.
        notes: Sentences that say what the figures mean, printed before the table.
        after: Sentences printed after the table (totals, verdicts).
    """

    name: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...] = field(converter=_rows)
    notes: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@frozen
class Report:
    """The report of one ecosystem: its name and sections, with the choices they were made with."""

    ecosystem: str
    timing: str
    horizon: int | None
    discount_rate: float
    sections: tuple[Section, ...]


def build_report(
    ecosystem: Ecosystem,
    *,
    timing: Timing = "retained",
    horizon: int | None = None,
    discount_rate: float = 0.0,
    sections: Sequence[str] = SECTIONS,
) -> Report:
    """The report of an ecosystem: the sections asked for, in report order.

    Examples:
        >>> from cocreation import Ecosystem
        >>> eco = Ecosystem(name="Kiosks").add_organisation("bank").add_customer("walk-ins")
        >>> [section.name for section in build_report(eco, sections=["network", "actors"]).sections]
        ['actors', 'network']
    """
    builders = {
        "actors": lambda: _actors(ecosystem),
        "value": lambda: _value(ecosystem, timing=timing, horizon=horizon),
        "lines": lambda: _lines(ecosystem, timing=timing, horizon=horizon),
        "flows": lambda: _flows(ecosystem, discount_rate=discount_rate),
        "win-win": lambda: _win_win(ecosystem, discount_rate=discount_rate),
        "interactions": lambda: _interactions(ecosystem),
        "network": lambda: _network(ecosystem),
    }
    chosen = [name for name in SECTIONS if name in sections]
    if not ecosystem.organisations:  # firm value needs an organisation
        chosen = [name for name in chosen if name not in ("value", "lines")]
    return Report(
        ecosystem=ecosystem.name,
        timing=timing,
        horizon=horizon,
        discount_rate=discount_rate,
        sections=tuple(builders[name]() for name in chosen),
    )


def _actors(ecosystem: Ecosystem) -> Section:
    rows: list[tuple[Cell, ...]] = []
    for actor in ecosystem.actors:
        if isinstance(actor, Customer):
            rows.append((actor.id, f"customer ({actor.kind.value})", actor.name, actor.count))
        else:
            kind = "organisation" if isinstance(actor, Organisation) else "partner"
            rows.append((actor.id, kind, actor.name, 1))
    return Section("actors", "Actors", ("id", "kind", "name", "members"), rows)


def _periods(ecosystem: Ecosystem) -> int:
    return len(net_value_flows(ecosystem).periods)


def _horizon_notes(ecosystem: Ecosystem, timing: Timing, horizon: int | None) -> tuple[str, ...]:
    modelled = _periods(ecosystem)
    span = "an infinite horizon" if horizon is None else f"{horizon} periods"
    notes = [
        f"Net benefit is the customer's over the {modelled} period"
        f"{'s' if modelled != 1 else ''} modelled.",
        f"Firm value is a lifetime value over {span} ({_TIMING_WORDS[timing]}: "
        f"--timing {timing}), so the two columns cover different horizons.",
    ]
    unmodelled = [customer.id for customer in ecosystem.customers if customer.retention is None]
    if unmodelled:
        notes.append(
            f"Retention is not modelled for {', '.join(unmodelled)}: their firm value counts "
            "the periods modelled only, with no lifetime beyond them."
        )
    unvalued = net_benefit(ecosystem).unvalued
    if unvalued:
        notes.append(
            f"Interactions that buy an offering but serve no job ({', '.join(unvalued)}): "
            "their value-in-use is not modelled, so they count only what the customer gives."
        )
    return tuple(notes)


def _value(ecosystem: Ecosystem, *, timing: Timing, horizon: int | None) -> Section:
    benefits = net_benefit(ecosystem)
    several = len(ecosystem.organisations) > 1
    rows: list[tuple[Cell, ...]] = []
    for organisation in ecosystem.organisations:
        values = firm_value(ecosystem, timing=timing, horizon=horizon, organisation=organisation.id)
        for customer in ecosystem.customers:
            benefit, value = benefits[customer.id], values[customer.id]
            row: tuple[Cell, ...] = (
                customer.id,
                customer.count,
                _number(benefit.net),
                _number(benefit.per_member().net),
                _number(value.total),
                _number(value.per_member().total),
            )
            rows.append((organisation.id, *row) if several else row)
    headers = ("customer", "members", "net benefit", "per member", "firm value", "per member")
    organisations = ", ".join(organisation.id for organisation in ecosystem.organisations)
    return Section(
        "value",
        f"Customer net benefit against firm value to {organisations}",
        ("organisation", *headers) if several else headers,
        rows,
        notes=_horizon_notes(ecosystem, timing, horizon),
    )


def _lines(ecosystem: Ecosystem, *, timing: Timing, horizon: int | None) -> Section:
    several = len(ecosystem.organisations) > 1
    rows: list[tuple[Cell, ...]] = []
    for organisation in ecosystem.organisations:
        values = firm_value(ecosystem, timing=timing, horizon=horizon, organisation=organisation.id)
        for customer in ecosystem.customers:
            value = values[customer.id]
            row: tuple[Cell, ...] = (
                customer.id,
                *(_number(amount) for amount in value.lines().values()),
                _number(value.total),
            )
            rows.append((organisation.id, *row) if several else row)
    headers = ("customer", *_LINE_HEADERS, "total")
    organisations = ", ".join(organisation.id for organisation in ecosystem.organisations)
    return Section(
        "lines",
        f"Firm value to {organisations} by line",
        ("organisation", *headers) if several else headers,
        rows,
        notes=(
            "Each line is signed as it adds to the total; costs are what co-creating costs "
            "the organisation, so they are negative.",
        ),
    )


def _flows(ecosystem: Ecosystem, *, discount_rate: float) -> Section:
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
    rows = [
        (
            actor,
            kind_of(ecosystem[actor]),
            _number(received[actor]),
            _number(given[actor]),
            _number(nets[actor]),
        )
        for actor in flows.actors
    ]
    return Section(
        "flows",
        f"Net value flow per actor ({periods} period{'s' if periods != 1 else ''}, "
        f"discount rate {discount_rate:g} per period)",
        ("actor", "kind", "receives", "gives", "net"),
        rows,
        after=(f"Total value created: {_number(sum(nets.values())):,.2f}",),
    )


def _win_win(ecosystem: Ecosystem, *, discount_rate: float) -> Section:
    verdict = win_win(ecosystem, discount_rate=discount_rate)
    notes: tuple[str, ...]
    if verdict.sustainable:
        notes = ("Win-win: yes, every actor gains.",)
    else:
        notes = ("Win-win: no; losing: " + ", ".join(verdict.losers) + ".",)
    if any(found is None or found.high is None for found in verdict.price_ranges.values()):
        notes = (
            *notes,
            "An empty 'from' means no price lets every actor gain; an empty 'to', no upper bound.",
        )
    rows: list[tuple[Cell, ...]] = []
    for offering, found in verdict.price_ranges.items():
        now = _number(ecosystem.offering(offering).price)
        if found is None:
            rows.append((offering, None, None, now, False))
        else:
            high = None if found.high is None else _number(found.high)
            rows.append((offering, _number(found.low), high, now, found.contains(now)))
    return Section(
        "win-win",
        "Prices at which every actor gains",
        ("offering", "from", "to", "price now", "within"),
        rows,
        notes=notes,
    )


def _interactions(ecosystem: Ecosystem) -> Section:
    counts = Counter(
        (interaction.level, interaction.reference_point) for interaction in ecosystem.interactions
    )
    levels: list[CoCreationLevel | None] = [*CoCreationLevel, None]
    rows = [
        (
            "use (no co-creation)" if level is None else level.value,
            *(counts[level, point] for point in ReferencePoint),
        )
        for level in levels
    ]
    headers = ("level \\ reference point", *(point.value for point in ReferencePoint))
    return Section(
        "interactions", "Interactions by co-creation level and reference point", headers, rows
    )


def _network(ecosystem: Ecosystem) -> Section:
    centrality = central_integrator(ecosystem)
    if centrality.integrator is None:
        integrator = "none (no customer or no partner)"
    else:
        integrator = (
            f"{centrality.integrator} (on {centrality.score:.0%} of customer-partner paths)"
        )
    chains = [
        " -> ".join(referral_chain(ecosystem, customer.id))
        for customer in ecosystem.customers
        if customer.referred_by is not None
    ]
    helping = [f"{helper} -> {helped}" for helper, helped in support_network(ecosystem).edges]
    rows = [
        ("central integrator", integrator),
        ("referral chains", "; ".join(chains) if chains else "none"),
        ("customers supporting customers", ", ".join(helping) if helping else "none"),
    ]
    return Section("network", "Network", ("what", "who"), rows)
