"""Voice-of-customer measures: what customers say about their jobs and about the organisation.

- [`opportunity_score`][cocreation.opportunity_score]: Ulwick's opportunity score of
  a job's outcomes, from importance and satisfaction, with its verdict (extreme,
  strong, worth considering, unattractive, over-served);
- [`top_two_box`][cocreation.top_two_box]: the share of respondents rating 4 or 5 of
  5, on Ulwick's 0-10 scale;
- [`net_promoter_score`][cocreation.net_promoter_score]: the Net Promoter Score with
  its standard error.

These measures need nothing but numbers: no ecosystem, no ledger.

Examples:
    >>> from cocreation.voc import opportunity_score
    >>> opportunity_score(8.0, 3.0).score
    13.0
"""

from cocreation.voc._measures import (
    NetPromoterScore,
    Opportunity,
    OpportunityScore,
    net_promoter_score,
    opportunity_score,
    top_two_box,
)

__all__ = [
    "NetPromoterScore",
    "Opportunity",
    "OpportunityScore",
    "net_promoter_score",
    "opportunity_score",
    "top_two_box",
]
