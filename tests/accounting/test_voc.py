"""Opportunity scores and Net Promoter Scores: reference values and invalid input."""

from __future__ import annotations

import math

import pytest

import cocreation as cc
from cocreation.errors import ValidationError


@pytest.mark.parametrize(
    ("importance", "satisfaction", "score", "opportunity"),
    [
        # Ulwick (2002, 2005): opportunity = importance + max(importance - satisfaction, 0),
        # above 15 extreme, 12-15 strong, 10-12 worth considering, below 10 unattractive.
        (9.5, 2.0, 17.0, cc.Opportunity.EXTREME),
        (9.0, 3.0, 15.0, cc.Opportunity.STRONG),
        (8.0, 4.0, 12.0, cc.Opportunity.STRONG),
        (7.0, 4.0, 10.0, cc.Opportunity.WORTH_CONSIDERING),
        (6.0, 5.0, 7.0, cc.Opportunity.UNATTRACTIVE),
        (6.0, 6.0, 6.0, cc.Opportunity.UNATTRACTIVE),
        (5.0, 8.0, 5.0, cc.Opportunity.OVER_SERVED),
        (10.0, 0.0, 20.0, cc.Opportunity.EXTREME),
    ],
)
def test_opportunity_score_follows_ulwick(
    importance: float, satisfaction: float, score: float, opportunity: cc.Opportunity
) -> None:
    result = cc.opportunity_score(importance, satisfaction)
    assert result.score == pytest.approx(score)
    assert result.opportunity is opportunity
    assert result.over_served is (satisfaction > importance)


def test_top_two_box_is_share_of_fours_and_fives_times_ten() -> None:
    assert cc.top_two_box([5, 5, 4, 3, 2, 1, 4, 4, 5, 1]) == pytest.approx(6.0)


@pytest.mark.parametrize(
    ("importance", "satisfaction", "field"),
    [
        (10.5, 3.0, "importance"),
        (-0.1, 3.0, "importance"),
        (5.0, 11.0, "satisfaction"),
        (math.nan, 3.0, "importance"),
        (5.0, math.inf, "satisfaction"),
        ("5", 3.0, "importance"),
    ],
)
def test_opportunity_score_rejects_scores_outside_the_scale(
    importance: float, satisfaction: float, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        cc.opportunity_score(importance, satisfaction)
    assert caught.value.field == field
    assert repr(importance if field == "importance" else satisfaction) in str(caught.value)


def test_net_promoter_score_reference_value() -> None:
    # 50 promoters, 30 passives, 20 detractors: NPS = 100 (0.5 - 0.2) = 30; standard
    # error 100 sqrt((0.5 + 0.2 - 0.3^2) / 100) = 7.81 (Rocks 2016, The American
    # Statistician 70(4), variance of the NPS).
    nps = cc.net_promoter_score([10] * 25 + [9] * 25 + [8] * 15 + [7] * 15 + [6] * 10 + [0] * 10)
    assert nps.score == pytest.approx(30.0)
    assert nps.standard_error == pytest.approx(7.8102, abs=1e-4)
    assert (nps.promoters, nps.passives, nps.detractors) == (50, 30, 20)


def test_net_promoter_score_extremes() -> None:
    assert cc.net_promoter_score([10, 9, 9]).score == 100.0
    assert cc.net_promoter_score([0, 6, 3]).score == -100.0
    assert cc.net_promoter_score([10, 9, 9]).standard_error == 0.0


@pytest.mark.parametrize(
    ("scores", "field"),
    [
        ([], "scores"),
        ([11], "scores[0]"),
        ([9, -1], "scores[1]"),
        ([9, 7.5], "scores[1]"),
        ([True], "scores[0]"),
    ],
)
def test_net_promoter_score_rejects_invalid_scores(scores: list[int], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        cc.net_promoter_score(scores)
    assert caught.value.field == field
