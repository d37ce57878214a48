"""The accounting layer: who gains what, from the customer's and the firm's side.

Pure functions of the model and the ecosystem:

- [`account`][cocreation.account] turns interactions into a mergeable
  [`Ledger`][cocreation.Ledger]; [`cocreation.bulk.account`][cocreation.bulk.account]
  turns tables of them into a [`ColumnLedger`][cocreation.bulk.ColumnLedger] with the
  same rows. Every view takes either.
- [`net_benefit`][cocreation.net_benefit]: each customer's value-in-use and what it
  receives, minus its sacrifices;
- [`firm_value`][cocreation.firm_value]: what each customer brings to the
  organisation (lifetime, referral, influence and knowledge value, co-production
  savings, minus co-creation cost);
- [`net_value_flows`][cocreation.net_value_flows], [`win_win`][cocreation.win_win],
  [`price_range`][cocreation.price_range] and [`value_stick`][cocreation.value_stick]:
  the network view;
- [`clv`][cocreation.clv] and [`lifetime_factor`][cocreation.lifetime_factor]: customer
  lifetime value under an explicit timing convention.

The lines are declared once ([`LEDGER_LINES`][cocreation.accounting.LEDGER_LINES],
[`FIRM_LINES`][cocreation.accounting.FIRM_LINES]) and every formula is written once,
over floats or NumPy arrays alike ([`value_in_use`][cocreation.accounting.value_in_use],
[`discounted`][cocreation.accounting.discounted] and the others below), so the object
path and the bulk path cannot drift apart.

Examples:
    >>> from cocreation.accounting import clv
    >>> clv(100.0, 0.8, 0.12, timing="retained")
    250.0
"""

from typing import Any

from cocreation.accounting._bulk_account import account as _account_tables
from cocreation.accounting._bulk_views import (
    FirmValueColumns,
    NetBenefitColumns,
    NetValueFlowColumns,
)
from cocreation.accounting._bulk_views import firm_value as _firm_value_columns
from cocreation.accounting._bulk_views import net_benefit as _net_benefit_columns
from cocreation.accounting._bulk_views import net_value_flows as _net_value_flows_columns
from cocreation.accounting._clv import (
    Timing,
    clv,
    clv_array,
    lifetime_factor,
    lifetime_factor_array,
    per_period_rate,
    per_period_retention,
)
from cocreation.accounting._column_ledger import ColumnLedger
from cocreation.accounting._customer import NetBenefit, NetBenefits, net_benefit
from cocreation.accounting._firm import FirmValue, FirmValues, firm_value, focal_organisation
from cocreation.accounting._formulas import (
    achieved,
    capitalised,
    discount_divisor,
    discounted,
    importance_weight,
    over_periods,
    price_of,
    referral_brought,
    scale,
    share_of,
    signed_total,
    value_in_use,
    valued,
)
from cocreation.accounting._ledger import Ledger, LedgerKey, account, achievement_index
from cocreation.accounting._lines import (
    COST_LINE,
    FIRM_LINES,
    LEDGER_LINES,
    LINES,
    OUTGOING,
    VALUE_LINE,
    FirmLine,
    Line,
)
from cocreation.accounting._network import NetValueFlow, NetValueFlows, net_value_flows
from cocreation.accounting._results import ColumnResult, ResultTable
from cocreation.accounting._variants import MEASURES, ROWS_PER_PASS, STRUCTURAL, check_measures
from cocreation.accounting._winwin import (
    PriceRange,
    ValueStick,
    WinWin,
    price_range,
    value_stick,
    win_win,
)

__all__ = [
    "COST_LINE",
    "FIRM_LINES",
    "LEDGER_LINES",
    "LINES",
    "MEASURES",
    "OUTGOING",
    "ROWS_PER_PASS",
    "STRUCTURAL",
    "VALUE_LINE",
    "ColumnLedger",
    "ColumnResult",
    "FirmLine",
    "FirmValue",
    "FirmValueColumns",
    "FirmValues",
    "Ledger",
    "LedgerKey",
    "Line",
    "NetBenefit",
    "NetBenefitColumns",
    "NetBenefits",
    "NetValueFlow",
    "NetValueFlowColumns",
    "NetValueFlows",
    "PriceRange",
    "ResultTable",
    "Timing",
    "ValueStick",
    "WinWin",
    "account",
    "achieved",
    "achievement_index",
    "capitalised",
    "check_measures",
    "clv",
    "discount_divisor",
    "discounted",
    "firm_value",
    "focal_organisation",
    "importance_weight",
    "lifetime_factor",
    "net_benefit",
    "net_value_flows",
    "over_periods",
    "per_period_rate",
    "per_period_retention",
    "price_of",
    "price_range",
    "referral_brought",
    "scale",
    "share_of",
    "signed_total",
    "value_in_use",
    "value_stick",
    "valued",
    "win_win",
]


def _frame(view: Any) -> Any:
    def frame(ecosystem: Any, ledger: Any, **options: Any) -> Any:
        return view(ecosystem, ledger=ledger, **options).to_frame()

    return frame


def _moved() -> dict[str, tuple[str, Any]]:
    """Names that moved in 0.1, with where they live now; kept for one release."""
    import cocreation.tables as tables
    import cocreation.voc as voc

    return {
        "account_columns": ("cocreation.bulk.account", _account_tables),
        "net_benefit_frame": (
            "cocreation.bulk.net_benefit(ecosystem, ledger=...).to_frame()",
            _frame(_net_benefit_columns),
        ),
        "firm_value_frame": (
            "cocreation.bulk.firm_value(ecosystem, ledger=..., timing=...).to_frame()",
            _frame(_firm_value_columns),
        ),
        "net_value_flows_frame": (
            "cocreation.bulk.net_value_flows(ecosystem, ledger=...).to_frame()",
            _frame(_net_value_flows_columns),
        ),
        "clv_array": ("cocreation.bulk.clv", clv_array),
        "lifetime_factor_array": ("cocreation.bulk.lifetime_factor", lifetime_factor_array),
        "COLUMNS": ("cocreation.tables.COLUMNS", tables.COLUMNS),
        "interactions_to_tables": (
            "cocreation.tables.interactions_to_tables",
            tables.interactions_to_tables,
        ),
        "tables_to_interactions": (
            "cocreation.tables.tables_to_interactions",
            tables.tables_to_interactions,
        ),
        "NetPromoterScore": ("cocreation.voc.NetPromoterScore", voc.NetPromoterScore),
        "Opportunity": ("cocreation.voc.Opportunity", voc.Opportunity),
        "OpportunityScore": ("cocreation.voc.OpportunityScore", voc.OpportunityScore),
        "net_promoter_score": ("cocreation.voc.net_promoter_score", voc.net_promoter_score),
        "opportunity_score": ("cocreation.voc.opportunity_score", voc.opportunity_score),
        "top_two_box": ("cocreation.voc.top_two_box", voc.top_two_box),
    }


def __getattr__(name: str) -> Any:
    from cocreation._deprecated import moved

    return moved(__name__, name, _moved())
