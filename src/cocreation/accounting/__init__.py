"""The accounting layer: who gains what, from the customer's and the firm's side.

Pure functions of the model and the ecosystem:

- [`account`][cocreation.account] turns interactions into a mergeable
  [`Ledger`][cocreation.Ledger];
- [`net_benefit`][cocreation.net_benefit]: each customer's value-in-use and what it
  receives, minus its sacrifices;
- [`firm_value`][cocreation.firm_value]: what each customer brings to the
  organisation (lifetime, referral, influence and knowledge value, co-production
  savings, minus co-creation cost);
- [`net_value_flows`][cocreation.net_value_flows], [`win_win`][cocreation.win_win],
  [`price_range`][cocreation.price_range] and [`value_stick`][cocreation.value_stick]:
  the network view;
- primitives: [`clv`][cocreation.clv], [`opportunity_score`][cocreation.opportunity_score],
  [`net_promoter_score`][cocreation.net_promoter_score].

Examples:
    >>> from cocreation.accounting import clv
    >>> clv(100.0, 0.8, 0.12, timing="retained")
    250.0
"""

from cocreation.accounting._clv import (
    Timing,
    clv,
    lifetime_factor,
    per_period_rate,
    per_period_retention,
)
from cocreation.accounting._columns import (
    COLUMNS,
    ColumnLedger,
    account_columns,
    clv_array,
    firm_value_frame,
    interactions_to_tables,
    lifetime_factor_array,
    net_benefit_frame,
    net_value_flows_frame,
    tables_to_interactions,
)
from cocreation.accounting._customer import NetBenefit, NetBenefits, net_benefit
from cocreation.accounting._firm import FirmValue, FirmValues, firm_value, focal_organisation
from cocreation.accounting._ledger import LINES, Ledger, LedgerKey, account, achievement_index
from cocreation.accounting._network import NetValueFlow, NetValueFlows, net_value_flows
from cocreation.accounting._results import ResultTable
from cocreation.accounting._voc import (
    NetPromoterScore,
    Opportunity,
    OpportunityScore,
    net_promoter_score,
    opportunity_score,
    top_two_box,
)
from cocreation.accounting._winwin import (
    PriceRange,
    ValueStick,
    WinWin,
    price_range,
    value_stick,
    win_win,
)

__all__ = [
    "COLUMNS",
    "LINES",
    "ColumnLedger",
    "FirmValue",
    "FirmValues",
    "Ledger",
    "LedgerKey",
    "NetBenefit",
    "NetBenefits",
    "NetPromoterScore",
    "NetValueFlow",
    "NetValueFlows",
    "Opportunity",
    "OpportunityScore",
    "PriceRange",
    "ResultTable",
    "Timing",
    "ValueStick",
    "WinWin",
    "account",
    "account_columns",
    "achievement_index",
    "clv",
    "clv_array",
    "firm_value",
    "firm_value_frame",
    "focal_organisation",
    "interactions_to_tables",
    "lifetime_factor",
    "lifetime_factor_array",
    "net_benefit",
    "net_benefit_frame",
    "net_promoter_score",
    "net_value_flows",
    "net_value_flows_frame",
    "opportunity_score",
    "per_period_rate",
    "per_period_retention",
    "price_range",
    "tables_to_interactions",
    "top_two_box",
    "value_stick",
    "win_win",
]
