"""The bulk path of the accounting layer, re-exported as [`cocreation.bulk`][cocreation.bulk].

Examples:
    >>> from cocreation.accounting import bulk
    >>> bulk.clv([100.0], [0.8], 0.12, timing="retained").tolist()
    [250.0]
"""

from cocreation.accounting._bulk_account import account
from cocreation.accounting._bulk_views import (
    FirmValueColumns,
    NetBenefitColumns,
    NetValueFlowColumns,
    firm_value,
    net_benefit,
    net_value_flows,
)
from cocreation.accounting._clv import clv_array as clv
from cocreation.accounting._clv import lifetime_factor_array as lifetime_factor
from cocreation.accounting._column_ledger import ColumnLedger
from cocreation.accounting._results import ColumnResult
from cocreation.accounting._variants import Variants, variants

__all__ = [
    "ColumnLedger",
    "ColumnResult",
    "FirmValueColumns",
    "NetBenefitColumns",
    "NetValueFlowColumns",
    "Variants",
    "account",
    "clv",
    "firm_value",
    "lifetime_factor",
    "net_benefit",
    "net_value_flows",
    "variants",
]
