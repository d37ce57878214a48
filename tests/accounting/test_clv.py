"""Lifetime value: published reference values, conventions and invalid input."""

from __future__ import annotations

import math

import pytest

import cocreation as cc
from cocreation.errors import DivergenceError, ValidationError

# Gupta & Lehmann (2003), "Customers as assets", Journal of Interactive Marketing
# 17(1), Table 1: the margin multiple r / (1 + i - r) for retention r and discount i.
GUPTA_LEHMANN_MULTIPLES = [
    (0.6, 0.10, 1.20),
    (0.6, 0.12, 1.15),
    (0.6, 0.14, 1.11),
    (0.6, 0.16, 1.07),
    (0.7, 0.10, 1.75),
    (0.7, 0.12, 1.67),
    (0.7, 0.14, 1.59),
    (0.7, 0.16, 1.52),
    (0.8, 0.10, 2.67),
    (0.8, 0.12, 2.50),
    (0.8, 0.14, 2.35),
    (0.8, 0.16, 2.22),
    (0.9, 0.10, 4.50),
    (0.9, 0.12, 4.09),
    (0.9, 0.14, 3.75),
    (0.9, 0.16, 3.46),
]


@pytest.mark.parametrize(("retention", "discount", "multiple"), GUPTA_LEHMANN_MULTIPLES)
def test_retained_timing_reproduces_gupta_lehmann_margin_multiples(
    retention: float, discount: float, multiple: float
) -> None:
    assert round(cc.clv(1.0, retention, discount, timing="retained"), 2) == multiple


def test_three_timings_match_their_closed_forms() -> None:
    # Fader & Hardie's note on CLV formulas: the three conventions for m = 100,
    # r = 0.8, d = 0.12 are m r/(1+d-r), m(1+d)/(1+d-r) and m/(1+d-r).
    assert cc.clv(100.0, 0.8, 0.12, timing="retained") == pytest.approx(250.0)
    assert cc.clv(100.0, 0.8, 0.12, timing="start") == pytest.approx(350.0)
    assert cc.clv(100.0, 0.8, 0.12, timing="end") == pytest.approx(312.5)


def test_finite_horizon_counts_each_margin_explicitly() -> None:
    m, r, d = 100.0, 0.8, 0.12
    by_hand = sum(m * r**t / (1 + d) ** t for t in range(1, 4))
    assert cc.clv(m, r, d, timing="retained", horizon=3) == pytest.approx(by_hand)
    start = sum(m * r**t / (1 + d) ** t for t in range(3))
    assert cc.clv(m, r, d, timing="start", horizon=3) == pytest.approx(start)
    end = sum(m * r ** (t - 1) / (1 + d) ** t for t in range(1, 4))
    assert cc.clv(m, r, d, timing="end", horizon=3) == pytest.approx(end)


def test_finite_horizon_formula_matches_domain_form() -> None:
    # m q (1 - q^N) / (1 - q) with q = r / (1 + d)
    m, r, d, n = 80.0, 0.75, 0.1, 7
    q = r / (1 + d)
    assert cc.clv(m, r, d, timing="retained", horizon=n) == pytest.approx(
        m * q * (1 - q**n) / (1 - q)
    )


def test_zero_horizon_is_minus_acquisition_cost() -> None:
    assert cc.clv(100.0, 0.8, 0.1, timing="start", horizon=0, acquisition_cost=40.0) == -40.0


def test_growth_follows_gupta_lehmann_growth_form() -> None:
    # m r / (1 + i - r (1 + g)) (Gupta & Lehmann 2003, with margin growth).
    assert cc.clv(100.0, 0.8, 0.12, timing="retained", growth=0.05) == pytest.approx(
        100.0 * 0.8 / (1.12 - 0.8 * 1.05)
    )


def test_acquisition_cost_is_subtracted_once() -> None:
    assert cc.clv(100.0, 0.8, 0.12, timing="retained", acquisition_cost=60.0) == pytest.approx(
        190.0
    )


def test_zero_discount_finite_horizon_with_full_retention_is_plain_sum() -> None:
    assert cc.clv(10.0, 1.0, 0.0, timing="start", horizon=12) == pytest.approx(120.0)


def test_per_period_rate_compounds_back_to_the_annual_rate() -> None:
    monthly = cc.per_period_rate(0.12, 12)
    assert (1 + monthly) ** 12 == pytest.approx(1.12)
    assert cc.per_period_retention(0.81, 2) == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"retention": 1.0, "discount_rate": 0.0}, "retention"),
        ({"retention": 1.0, "discount_rate": 0.0, "growth": 0.1}, "retention"),
        ({"retention": 0.95, "discount_rate": 0.05, "growth": 0.2}, "retention"),
    ],
)
def test_divergent_sum_raises_divergence_error(kwargs: dict[str, float], field: str) -> None:
    with pytest.raises(DivergenceError) as caught:
        cc.clv(100.0, timing="end", **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert str(kwargs["retention"]) in str(caught.value)


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        ((100.0, 1.2, 0.1), {"timing": "end"}, "retention"),
        ((100.0, -0.1, 0.1), {"timing": "end"}, "retention"),
        ((100.0, math.nan, 0.1), {"timing": "end"}, "retention"),
        ((100.0, 0.8, -0.1), {"timing": "end"}, "discount_rate"),
        ((100.0, 0.8, math.inf), {"timing": "end"}, "discount_rate"),
        ((math.nan, 0.8, 0.1), {"timing": "end"}, "margin"),
        ((math.inf, 0.8, 0.1), {"timing": "end"}, "margin"),
        ((100.0, 0.8, 0.1), {"timing": "yearly"}, "timing"),
        ((100.0, 0.8, 0.1), {"timing": "end", "horizon": -1}, "horizon"),
        ((100.0, 0.8, 0.1), {"timing": "end", "horizon": 2.5}, "horizon"),
        ((100.0, 0.8, 0.1), {"timing": "end", "horizon": True}, "horizon"),
        ((100.0, 0.8, 0.1), {"timing": "end", "growth": -1.0}, "growth"),
        ((100.0, 0.8, 0.1), {"timing": "end", "acquisition_cost": -5.0}, "acquisition_cost"),
        ((1e308, 0.99, 0.0), {"timing": "start"}, "margin"),
    ],
)
def test_invalid_input_names_the_field(
    args: tuple[float, float, float], kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        cc.clv(*args, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_timing_has_no_default() -> None:
    with pytest.raises(TypeError):
        cc.clv(100.0, 0.8, 0.1)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("args", "field"),
    [((-1.0, 12), "annual_rate"), ((0.1, 0), "periods_per_year"), ((math.nan, 12), "annual_rate")],
)
def test_per_period_rate_rejects_invalid_input(args: tuple[float, int], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        cc.per_period_rate(*args)
    assert caught.value.field == field
