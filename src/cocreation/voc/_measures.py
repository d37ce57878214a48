"""Voice-of-customer measures: Ulwick's opportunity score and the Net Promoter Score."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from typing import Any, ClassVar

from attrs import frozen

from cocreation._display import Displayed
from cocreation.errors import ValidationError

__all__ = [
    "NetPromoterScore",
    "Opportunity",
    "OpportunityScore",
    "net_promoter_score",
    "opportunity_score",
    "top_two_box",
]


class Opportunity(enum.StrEnum):
    """How attractive an outcome is to innovate on (Ulwick's thresholds).

    Examples:
        >>> Opportunity.STRONG.value
        'strong'
    """

    EXTREME = "extreme"
    """Score above 15."""
    STRONG = "strong"
    """Score from 12 to 15."""
    WORTH_CONSIDERING = "worth_considering"
    """Score from 10 to 12."""
    UNATTRACTIVE = "unattractive"
    """Score below 10, satisfaction not above importance."""
    OVER_SERVED = "over_served"
    """Satisfaction above importance: the outcome is served better than it matters."""


def _scale(name: str, value: Any) -> float:
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or not 0.0 <= value <= 10.0
    ):
        raise ValidationError(name, value, "a finite number in [0, 10]")
    return float(value)


@frozen(repr=False)
class OpportunityScore(Displayed):
    """An opportunity score with its inputs and classification.

    Attributes:
        importance: Importance on the 0-10 scale.
        satisfaction: Satisfaction on the 0-10 scale.
        score: ``importance + max(importance - satisfaction, 0)``, in [0, 20].
        opportunity: The classification of the score.

    Examples:
        >>> result = opportunity_score(9.0, 3.0)
        >>> result.score, result.opportunity.value
        (15.0, 'strong')
        >>> float(result)
        15.0
    """

    importance: float
    satisfaction: float
    score: float
    opportunity: Opportunity

    def __float__(self) -> float:
        return self.score

    @property
    def over_served(self) -> bool:
        """Whether satisfaction exceeds importance."""
        return self.satisfaction > self.importance

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-compatible dict.

        Examples:
            >>> opportunity_score(8.0, 9.0).to_dict()["opportunity"]
            'over_served'
        """
        return {
            "importance": self.importance,
            "satisfaction": self.satisfaction,
            "score": self.score,
            "opportunity": self.opportunity.value,
        }


def opportunity_score(importance: float, satisfaction: float) -> OpportunityScore:
    """Ulwick's opportunity score: ``importance + max(importance − satisfaction, 0)``.

    Importance and satisfaction are on a 0-10 scale: the share of respondents who
    rate the outcome 4 or 5 on a five-point scale, times ten (see
    [`top_two_box`][cocreation.top_two_box]). Scores above 15 are extreme
    opportunities, 12-15 strong, 10-12 worth considering, below 10 unattractive;
    an outcome whose satisfaction exceeds its importance is over-served.

    Args:
        importance: How important the outcome is, in [0, 10].
        satisfaction: How satisfied customers are with it today, in [0, 10].

    Returns:
        The score, in [0, 20], with its classification.

    Raises:
        ValidationError: An input outside [0, 10], NaN or not a number.

    Examples:
        >>> opportunity_score(8.1, 2.8).score  # 8.1 + 5.3
        13.4
        >>> opportunity_score(9.5, 1.0).opportunity
        <Opportunity.EXTREME: 'extreme'>
        >>> opportunity_score(11, 3)
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: importance: expected a finite number in [0, 10], got 11
    """
    imp = _scale("importance", importance)
    sat = _scale("satisfaction", satisfaction)
    score = imp + max(imp - sat, 0.0)
    score = round(score, 12)  # 8.1 + (8.1 - 2.8) reads as 13.4, not 13.399999999999999
    if sat > imp:
        opportunity = Opportunity.OVER_SERVED
    elif score > 15.0:
        opportunity = Opportunity.EXTREME
    elif score >= 12.0:
        opportunity = Opportunity.STRONG
    elif score >= 10.0:
        opportunity = Opportunity.WORTH_CONSIDERING
    else:
        opportunity = Opportunity.UNATTRACTIVE
    return OpportunityScore(imp, sat, score, opportunity)


def top_two_box(ratings: Iterable[int]) -> float:
    """Importance or satisfaction on the 0-10 scale from ratings on a 1-5 scale.

    The share of respondents who rate 4 or 5, times ten.

    Raises:
        ValidationError: No ratings, or a rating that is not an integer from 1 to 5.

    Examples:
        >>> top_two_box([5, 4, 4, 3, 1])  # 3 of 5 rate 4 or 5
        6.0
    """
    values = list(ratings)
    if not values:
        raise ValidationError("ratings", values, "at least one rating")
    for index, rating in enumerate(values):
        if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
            raise ValidationError(f"ratings[{index}]", rating, "an integer from 1 to 5")
    return 10.0 * sum(1 for rating in values if rating >= 4) / len(values)


@frozen(repr=False)
class NetPromoterScore(Displayed):
    """A Net Promoter Score with its standard error and counts.

    Attributes:
        score: ``100 · (share of promoters − share of detractors)``, in [-100, 100].
        standard_error: ``100·√((p + d − (p − d)²)/n)``.
        promoters: Respondents scoring 9 or 10.
        passives: Respondents scoring 7 or 8.
        detractors: Respondents scoring 0 to 6.

    Examples:
        >>> nps = net_promoter_score([10, 9, 8, 6])
        >>> nps.score, nps.respondents
        (25.0, 4)
    """

    score: float
    standard_error: float
    promoters: int
    passives: int
    detractors: int

    _derived: ClassVar[tuple[str, ...]] = ("respondents",)

    @property
    def respondents(self) -> int:
        """How many scores it counts."""
        return self.promoters + self.passives + self.detractors

    def interval(self, z: float = 1.96) -> tuple[float, float]:
        """A normal-approximation confidence interval, clipped to [-100, 100].

        Examples:
            >>> net_promoter_score([10] * 50 + [8] * 30 + [3] * 20).interval()
            (14.69..., 45.30...)
        """
        return (
            max(-100.0, self.score - z * self.standard_error),
            min(100.0, self.score + z * self.standard_error),
        )

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-compatible dict.

        Examples:
            >>> net_promoter_score([9, 0]).to_dict()["score"]
            0.0
        """
        return {
            "score": self.score,
            "standard_error": self.standard_error,
            "promoters": self.promoters,
            "passives": self.passives,
            "detractors": self.detractors,
        }


def net_promoter_score(scores: Iterable[int]) -> NetPromoterScore:
    """The Net Promoter Score of answers on the 0-10 likelihood-to-recommend scale.

    ``NPS = 100 · (p − d)`` with ``p`` the share of promoters (9-10) and ``d`` the share
    of detractors (0-6); its standard error is ``100·√((p + d − (p − d)²)/n)``.

    Args:
        scores: Integer answers from 0 to 10.

    Returns:
        The score, its standard error and the counts.

    Raises:
        ValidationError: No scores, or a score that is not an integer from 0 to 10.

    Examples:
        >>> nps = net_promoter_score([10] * 50 + [8] * 30 + [3] * 20)
        >>> nps.score, round(nps.standard_error, 2)
        (30.0, 7.81)
        >>> net_promoter_score([])
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: scores: expected at least one score, got []
    """
    values = list(scores)
    if not values:
        raise ValidationError("scores", values, "at least one score")
    promoters = passives = detractors = 0
    for index, answer in enumerate(values):
        if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer <= 10:
            raise ValidationError(f"scores[{index}]", answer, "an integer from 0 to 10")
        if answer >= 9:
            promoters += 1
        elif answer >= 7:
            passives += 1
        else:
            detractors += 1
    n = len(values)
    p = promoters / n
    d = detractors / n
    score = round(100.0 * (p - d), 12)
    variance = max(p + d - (p - d) ** 2, 0.0)
    return NetPromoterScore(
        score=score,
        standard_error=100.0 * math.sqrt(variance / n),
        promoters=promoters,
        passives=passives,
        detractors=detractors,
    )
