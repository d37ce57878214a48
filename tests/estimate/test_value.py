"""Lifetime value from fitted models, and fitted models written into an ecosystem for firm value."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import cocreation as cc
from cocreation import estimate
from cocreation.errors import DuplicateIdError, UnknownIdError, ValidationError
from cocreation.estimate import BGNBD, ShiftedBetaGeometric

TIMINGS = ["retained", "start", "end"]
# Fader & Hardie (2007), "regular" cohort, years 0..7 (see test_sbg.py).
REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]


def subscription(discount_rate: float = 0.1) -> cc.Ecosystem:
    """A telco and two subscriber segments paying a margin of 100 a year."""
    return (
        cc.Ecosystem()
        .add_organisation("telco", discount_rate=discount_rate)
        .add_customer("regular", count=1000)
        .add_customer("other", count=10, retention=0.5)
        .add_interaction(
            "fees",
            customer="regular",
            counterpart="telco",
            transfers=[cc.Transfer("regular", "telco", 100.0)],
        )
        .add_interaction(
            "other-fees",
            customer="other",
            counterpart="telco",
            transfers=[cc.Transfer("other", "telco", 100.0)],
        )
    )


@pytest.mark.parametrize("timing", TIMINGS)
@pytest.mark.parametrize("horizon", [None, 5])
def test_firm_value_uses_the_fitted_retention_curve(timing: Any, horizon: int | None) -> None:
    fit = estimate.shifted_beta_geometric(REGULAR, unit="year")
    eco = estimate.with_retention(
        subscription(), fit, unit="year", timing=timing, horizon=horizon, customers=["regular"]
    )
    value = cc.firm_value(eco, timing=timing, horizon=horizon)["regular"]
    expected = fit.clv(100.0, 0.1, timing=timing, horizon=horizon)
    assert value.per_member().lifetime_value == pytest.approx(expected, rel=1e-9)
    assert value.lifetime_value == pytest.approx(1000 * expected, rel=1e-9)
    # Only the customers named were changed.
    assert eco.customer("other").retention == 0.5


@pytest.mark.parametrize("timing", TIMINGS)
def test_where_retention_is_constant_firm_value_is_clv(timing: Any) -> None:
    # alpha = K (1 - r), beta = K r: every customer retains with probability close to r,
    # so the fitted model's firm value is cocreation.clv of that retention.
    r = 0.8
    model = ShiftedBetaGeometric.of(alpha=1e7 * (1 - r), beta=1e7 * r, unit="year")
    eco = estimate.with_retention(subscription(), model, unit="year", timing=timing)
    value = cc.firm_value(eco, timing=timing)["regular"].per_member().lifetime_value
    assert value == pytest.approx(cc.clv(100.0, r, 0.1, timing=timing), rel=1e-6)
    assert eco.customer("regular").retention == pytest.approx(r, rel=1e-6)


def test_with_retention_checks_units_and_ids() -> None:
    fit = estimate.shifted_beta_geometric(REGULAR, unit="year")
    with pytest.raises(ValidationError, match="unit: expected 'year', the unit of the model"):
        estimate.with_retention(subscription(), fit, unit="month", timing="end")
    with pytest.raises(UnknownIdError):
        estimate.with_retention(subscription(), fit, unit="year", timing="end", customers=["x"])
    with pytest.raises(ValidationError, match="organisation"):
        estimate.with_retention(cc.Ecosystem(), fit, unit="year", timing="end")


@pytest.fixture(scope="module")
def customers() -> tuple[estimate.RFM, BGNBD]:
    model = BGNBD.of(r=0.7, alpha=3.0, a=0.7, b=3.5, unit="month")
    ages = np.random.default_rng(5).uniform(3.0, 24.0, 2_000)
    return estimate.simulate_customers(model, age=ages, seed=6), model


def test_lifetime_value_is_the_value_of_discounted_expected_purchases(
    customers: tuple[estimate.RFM, BGNBD],
) -> None:
    sample, model = customers
    # Without discounting, the per-period purchases telescope to E[Y(horizon)].
    values = estimate.lifetime_value(
        sample, model, value_per_purchase=12.0, discount_rate=0.0, timing="end", horizon=36
    )
    expected = model.expected_purchases(36.0, sample.frequency, sample.recency, sample.age)
    np.testing.assert_allclose(values, 12.0 * expected, rtol=1e-9)
    # Valued at the start of each period, every purchase is discounted one period less.
    end = estimate.lifetime_value(
        sample, model, value_per_purchase=12.0, discount_rate=0.02, timing="end", horizon=36
    )
    start = estimate.lifetime_value(
        sample, model, value_per_purchase=12.0, discount_rate=0.02, timing="start", horizon=36
    )
    np.testing.assert_allclose(start, end * 1.02, rtol=1e-12)
    assert np.all(end < values)
    # One value per customer, and negative margins stay negative.
    each = np.linspace(-5.0, 5.0, len(sample))
    signed = estimate.lifetime_value(
        sample, model, value_per_purchase=each, discount_rate=0.02, timing="end", horizon=36
    )
    np.testing.assert_allclose(signed, end / 12.0 * each, rtol=1e-9, atol=1e-12)


def test_lifetime_value_rejects_mixed_units_and_bad_values(
    customers: tuple[estimate.RFM, BGNBD],
) -> None:
    sample, model = customers
    with pytest.raises(
        ValidationError, match=r"summary\.unit: expected 'month', the unit of the model"
    ):
        estimate.lifetime_value(
            sample.to("week"),
            model,
            value_per_purchase=1.0,
            discount_rate=0.0,
            timing="end",
            horizon=3,
        )
    with pytest.raises(ValidationError, match=r"value_per_purchase\[0\]: expected a finite amount"):
        estimate.lifetime_value(
            sample,
            model,
            value_per_purchase=float("nan"),
            discount_rate=0.0,
            timing="end",
            horizon=3,
        )
    with pytest.raises(ValidationError, match="horizon: expected a whole number of months >= 1"):
        estimate.lifetime_value(
            sample, model, value_per_purchase=1.0, discount_rate=0.0, timing="end", horizon=0
        )


def with_history(periods: int) -> cc.Ecosystem:
    """A shop whose ledger already spans ``periods`` periods of another customer's purchases."""
    eco = (
        cc.Ecosystem()
        .add_organisation("shop", discount_rate=0.01)
        .add_customer("walk-ins", count=5)
    )
    for p in range(periods):
        eco = eco.add_interaction(
            f"walk-in-{p}",
            customer="walk-ins",
            counterpart="shop",
            period=p,
            transfers=[cc.Transfer("walk-ins", "shop", 3.0)],
        )
    return eco


@pytest.mark.parametrize("timing", TIMINGS)
@pytest.mark.parametrize("periods", [1, 6])
def test_segments_carry_their_members_lifetime_value_into_firm_value(
    customers: tuple[estimate.RFM, BGNBD], timing: Any, periods: int
) -> None:
    sample, model = customers
    worth = np.where(np.arange(len(sample)) % 3 == 0, -4.0, 15.0)  # some customers cost money
    eco = estimate.with_segments(
        with_history(periods),
        sample,
        model,
        value_per_purchase=worth,
        unit="month",
        timing=timing,
        horizon=24,
        quantiles=5,
    )
    values = estimate.lifetime_value(
        sample, model, value_per_purchase=worth, discount_rate=0.01, timing=timing, horizon=24
    )
    firm = cc.firm_value(eco, timing=timing, horizon=24)
    segments = [firm[f"segment-{k}"] for k in range(1, 6)]
    assert [s.count for s in segments] == [400] * 5
    # Together they are worth what their members are worth; ranked from least to most.
    assert sum(s.lifetime_value for s in segments) == pytest.approx(values.sum(), rel=1e-9)
    order = np.sort(values)
    for k, segment in enumerate(segments):
        assert segment.lifetime_value == pytest.approx(
            order[400 * k : 400 * (k + 1)].sum(), rel=1e-9
        )
    # The customers already there keep their value.
    assert firm["walk-ins"].count == 5


def test_segments_check_their_arguments(customers: tuple[estimate.RFM, BGNBD]) -> None:
    sample, model = customers
    base = with_history(1)
    common: dict[str, Any] = {"value_per_purchase": 1.0, "timing": "end", "horizon": 12}
    with pytest.raises(ValidationError, match="unit: expected 'month', the unit of the model"):
        estimate.with_segments(base, sample, model, unit="week", **common)
    with pytest.raises(ValidationError, match="quantiles: expected a whole number from 1"):
        estimate.with_segments(base, sample, model, unit="month", quantiles=0, **common)
    once = estimate.with_segments(base, sample, model, unit="month", quantiles=2, **common)
    with pytest.raises(DuplicateIdError):
        estimate.with_segments(once, sample, model, unit="month", quantiles=2, **common)
    twice = estimate.with_segments(
        once, sample, model, unit="month", quantiles=2, prefix="more", **common
    )
    assert [c.id for c in twice.customers][-2:] == ["more-1", "more-2"]
