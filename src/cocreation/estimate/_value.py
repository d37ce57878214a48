"""Lifetime value from fitted models, and fitted models written into an ecosystem."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from cocreation.accounting import Timing, focal_organisation, lifetime_factor
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError
from cocreation.estimate._bgnbd import BGNBD
from cocreation.estimate._fit import numpy
from cocreation.estimate._rfm import RFM
from cocreation.estimate._sbg import ShiftedBetaGeometric, equivalent_retention
from cocreation.estimate._units import Unit, parse_unit
from cocreation.model import Customer, Interaction, Transfer

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]

__all__ = ["lifetime_value", "with_retention", "with_segments"]


def _same_unit(name: str, unit: Unit, expected: Unit, what: str) -> None:
    if unit is not expected:
        raise ValidationError(
            name,
            unit.value,
            f"{expected.value!r}, the unit of {what} (mixing units is an error: convert the "
            "summary with RFM.to and refit, or state the unit it is in)",
        )


def _per_customer(value: Any, count: int, name: str) -> Floats:
    np = numpy()
    try:
        array = np.broadcast_to(np.asarray(value, dtype=float), (count,))
    except (TypeError, ValueError) as error:
        raise ValidationError(
            name, value, f"a number, or one number per customer ({count})"
        ) from error
    bad = np.flatnonzero(~np.isfinite(array))
    if bad.size:
        i = int(bad[0])
        raise ValidationError(f"{name}[{i}]", array[i].item(), "a finite amount of money")
    result: Floats = array
    return result


def lifetime_value(
    summary: RFM,
    purchases: BGNBD,
    *,
    value_per_purchase: Any,
    discount_rate: float,
    timing: Timing,
    horizon: int,
) -> Floats:
    """Each customer's lifetime value over a horizon: discounted expected purchases times their value.

    ``value_per_purchase`` is what one purchase is worth to the organisation, per
    customer or for all: typically the margin on the expected spend from a
    [`GammaGamma`][cocreation.estimate.GammaGamma] fit,
    ``margin_rate * spend.expected_spend(frequency, mean_spend) - cost_per_purchase``,
    which may be negative (fit the spend model to revenue, apply the margin here).
    Timing is explicit, as in [`clv`][cocreation.clv]: with ``"end"`` (or
    ``"retained"``) a period's purchases count at its end, with ``"start"`` at its
    start (see [`BGNBD.discounted_purchases`][cocreation.estimate.BGNBD.discounted_purchases]).

    Args:
        summary: The customers' histories (their unit must be the model's).
        purchases: A fitted BG/NBD model.
        value_per_purchase: Money per purchase: a number or one per customer.
        discount_rate: Discount rate per unit of time of the model.
        timing: ``"retained"``, ``"start"`` or ``"end"``.
        horizon: How many units of time ahead to count.

    Returns:
        One lifetime value per customer of the summary, in money.

    Raises:
        ValidationError: Units that differ, a non-finite value per purchase, or a bad
            timing, discount rate or horizon.

    Examples:
        >>> import pandas as pd
        >>> from cocreation import estimate
        >>> log = pd.DataFrame({"who": ["a", "a", "a", "b"], "day": [0, 7, 21, 10]})
        >>> summary = estimate.rfm(log, customer="who", time="day", unit="week", end=28)
        >>> model = estimate.BGNBD.of(r=0.5, alpha=4.0, a=0.8, b=2.5, unit="week")
        >>> values = estimate.lifetime_value(summary, model, value_per_purchase=10.0,
        ...                                  discount_rate=0.002, timing="end", horizon=52)
        >>> values.round(2).tolist()
        [55.73, 20.2]
    """
    _same_unit("summary.unit", summary.unit, purchases.unit, "the model")
    worth = _per_customer(value_per_purchase, len(summary), "value_per_purchase")
    expected = purchases.discounted_purchases(
        summary.frequency,
        summary.recency,
        summary.age,
        discount_rate=discount_rate,
        timing=timing,
        horizon=horizon,
    )
    values: Floats = worth * expected
    return values


def with_retention(
    ecosystem: Ecosystem,
    model: ShiftedBetaGeometric,
    *,
    unit: Unit | str,
    timing: Timing,
    horizon: int | None = None,
    renewals: int = 0,
    customers: Iterable[str] | None = None,
    organisation: str | None = None,
) -> Ecosystem:
    """Write a fitted retention curve onto customers, for [`firm_value`][cocreation.firm_value].

    ``firm_value`` capitalises each customer's margin with one retention rate; an
    sBG cohort's retention rises with tenure. Each customer gets the constant
    retention that gives the same lifetime value
    ([`ShiftedBetaGeometric.equivalent_retention`][cocreation.estimate.ShiftedBetaGeometric.equivalent_retention])
    at the focal organisation's discount rate, so that ``firm_value`` with the same
    ``timing`` and ``horizon`` values every margin as the fitted model does.

    Args:
        ecosystem: The ecosystem to change (it is not modified; a new one is returned).
        model: The fitted sBG model.
        unit: The length of the ecosystem's period: must be the model's unit.
        timing: The timing convention ``firm_value`` will be called with.
        horizon: The horizon ``firm_value`` will be called with.
        renewals: How many renewals the customers have made (0: just acquired).
        customers: The ids of the customers to update (default: all of them).
        organisation: The focal organisation, whose discount rate applies.

    Raises:
        ValidationError: A unit other than the model's, or no focal organisation.
        UnknownIdError: A customer id the ecosystem does not hold.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import estimate
        >>> fit = estimate.shifted_beta_geometric([1000, 631, 468, 382, 326, 289, 262, 241],
        ...                                       unit="year")
        >>> eco = (cc.Ecosystem().add_organisation("telco", discount_rate=0.1)
        ...        .add_customer("subscribers", count=1000)
        ...        .add_interaction("fees", customer="subscribers", counterpart="telco",
        ...                         transfers=[cc.Transfer("subscribers", "telco", 100.0)]))
        >>> fitted = estimate.with_retention(eco, fit, unit="year", timing="end")
        >>> value = cc.firm_value(fitted, timing="end")["subscribers"].per_member()
        >>> round(value.lifetime_value, 2) == round(fit.clv(100.0, 0.1, timing="end"), 2)
        True
    """
    period = parse_unit(unit)
    _same_unit("unit", period, model.unit, "the model")
    focal = focal_organisation(ecosystem, organisation)
    retention = model.equivalent_retention(
        focal.discount_rate, timing=timing, horizon=horizon, renewals=renewals
    )
    ids = [c.id for c in ecosystem.customers] if customers is None else list(customers)
    changed = [attrs.evolve(ecosystem.customer(i), retention=retention) for i in ids]
    return ecosystem.replace(*changed)


def with_segments(
    ecosystem: Ecosystem,
    summary: RFM,
    purchases: BGNBD,
    *,
    value_per_purchase: Any,
    unit: Unit | str,
    timing: Timing,
    horizon: int,
    quantiles: int = 4,
    organisation: str | None = None,
    prefix: str = "segment",
) -> Ecosystem:
    """Add the customers of a log as quantile segments, so that firm value counts what the model expects.

    Customers are ranked by their lifetime value
    ([`lifetime_value`][cocreation.estimate.lifetime_value]) and cut into
    ``quantiles`` groups of (nearly) equal size; ``<prefix>-1`` holds the least
    valuable. Each group becomes a [`Customer`][cocreation.Customer] segment
    (``count`` = its members) with a recurring purchase interaction with the focal
    organisation in every period of the ecosystem's ledger, moving the members'
    mean margin of the first period (``value_per_purchase`` times the purchases
    expected in it) as money (to the organisation; from it, if negative), and with
    the constant retention that makes [`firm_value`][cocreation.firm_value] (with the
    same ``timing`` and ``horizon``) give the segment the sum of its members'
    lifetime values.

    Args:
        ecosystem: The ecosystem to extend (it is not modified; a new one is returned).
        summary: The customers' histories.
        purchases: A BG/NBD model fitted to them.
        value_per_purchase: Money per purchase: a number or one per customer.
        unit: The length of the ecosystem's period: must be the summary's and the model's.
        timing: The timing convention ``firm_value`` will be called with.
        horizon: How many periods ``firm_value`` will count.
        quantiles: How many segments to form (at most one per customer).
        organisation: The focal organisation, whose discount rate applies.
        prefix: The start of the segments' ids.

    Raises:
        ValidationError: Units that differ, a bad number of quantiles, or no focal organisation.
        DuplicateIdError: A segment id the ecosystem already holds.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation import estimate
        >>> model = estimate.BGNBD.of(r=0.5, alpha=4.0, a=0.8, b=2.5, unit="month")
        >>> sample = estimate.simulate_customers(model, age=[12.0] * 400, seed=3)
        >>> eco = cc.Ecosystem().add_organisation("shop", discount_rate=0.01)
        >>> eco = estimate.with_segments(eco, sample, model, value_per_purchase=20.0,
        ...                              unit="month", timing="end", horizon=24)
        >>> [(c.id, c.count) for c in eco.customers]
        [('segment-1', 100), ('segment-2', 100), ('segment-3', 100), ('segment-4', 100)]
        >>> total = cc.firm_value(eco, timing="end", horizon=24).total()
        >>> values = estimate.lifetime_value(sample, model, value_per_purchase=20.0,
        ...                                  discount_rate=0.01, timing="end", horizon=24)
        >>> abs(total - float(values.sum())) < 1e-6
        True
    """
    np = numpy()
    period = parse_unit(unit)
    _same_unit("unit", period, purchases.unit, "the model")
    _same_unit("summary.unit", summary.unit, purchases.unit, "the model")
    if (
        not isinstance(quantiles, int)
        or isinstance(quantiles, bool)
        or not 1 <= quantiles <= len(summary)
    ):
        raise ValidationError(
            "quantiles",
            quantiles,
            f"a whole number from 1 to the number of customers ({len(summary)})",
        )
    focal = focal_organisation(ecosystem, organisation)
    d = focal.discount_rate
    worth = _per_customer(value_per_purchase, len(summary), "value_per_purchase")
    # The retention follows the decay of each segment's expected purchases (positive and
    # falling, whatever the value of a purchase); the run rate then makes run rate x
    # lifetime factor equal the members' mean lifetime value.
    discounted = purchases.discounted_purchases(
        summary.frequency,
        summary.recency,
        summary.age,
        discount_rate=d,
        timing=timing,
        horizon=horizon,
    )
    first = purchases.expected_purchases(1.0, summary.frequency, summary.recency, summary.age)
    values = worth * discounted
    # firm_value averages recurring flows over the periods its ledger spans.
    recurring = [i.period for i in ecosystem.interactions if i.recurring]
    span = max(recurring) + 1 if recurring else 1
    order = np.argsort(values, kind="stable")
    added: list[Customer | Interaction] = []
    for rank, members in enumerate(np.array_split(order, quantiles), start=1):
        segment = f"{prefix}-{rank}"
        bought = float(first[members].mean())
        retention, margin = 0.0, 0.0
        if bought > 0.0:
            retention = equivalent_retention(
                float(discounted[members].mean()) / bought, d, timing=timing, horizon=horizon
            )
            factor = lifetime_factor(retention, d, timing=timing, horizon=horizon)
            if factor > 0.0:
                margin = float(values[members].mean()) / factor
        added.append(
            Customer(
                segment,
                name=f"{prefix} {rank} of {quantiles}",
                count=len(members),
                retention=retention,
            )
        )
        if margin == 0.0:
            continue
        money = (
            Transfer(segment, focal.id, margin, label="expected margin")
            if margin > 0
            else Transfer(focal.id, segment, -margin, label="expected margin")
        )
        added.extend(
            Interaction(
                f"{segment}-purchases-{p}",
                customer=segment,
                counterpart=focal.id,
                period=p,
                transfers=[money],
            )
            for p in range(span)
        )
    return ecosystem.add(*added)
