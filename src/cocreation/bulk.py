"""The bulk path: the accounting over tables of millions of rows, with the object path's signatures.

Each function here has the name and the signature of the object function it
mirrors, with ``ledger`` keyword-only, and computes the same figures with the same
formulas, over NumPy arrays of every row at once:

| object path | bulk path |
|---|---|
| [`cocreation.account`][cocreation.account] (interactions) | [`account`][cocreation.bulk.account] (tables of interactions) |
| [`cocreation.net_benefit`][cocreation.net_benefit] | [`net_benefit`][cocreation.bulk.net_benefit] |
| [`cocreation.firm_value`][cocreation.firm_value] | [`firm_value`][cocreation.bulk.firm_value] |
| [`cocreation.net_value_flows`][cocreation.net_value_flows] | [`net_value_flows`][cocreation.bulk.net_value_flows] |
| [`cocreation.clv`][cocreation.clv] | [`clv`][cocreation.bulk.clv] |
| [`cocreation.lifetime_factor`][cocreation.lifetime_factor] | [`lifetime_factor`][cocreation.bulk.lifetime_factor] |
| [`Ecosystem.with_values`][cocreation.Ecosystem.with_values], then the views, per variant | [`variants`][cocreation.bulk.variants] (many variants in one pass) |

The ledgers mix: every view, object or bulk, takes a [`Ledger`][cocreation.Ledger]
or a [`ColumnLedger`][cocreation.bulk.ColumnLedger]. The bulk views return
[`ColumnResult`][cocreation.bulk.ColumnResult]s; ``to_frame()`` is the one way to a
pandas DataFrame, as for the object results. The tables' layout is
[`cocreation.tables.COLUMNS`][cocreation.tables.COLUMNS]. Needs the ``pandas`` extra
(``pip install 'cocreation[pandas]'``).

Examples:
    >>> import cocreation as cc
    >>> from cocreation import bulk
    >>> eco = (
    ...     cc.Ecosystem()
    ...     .add_organisation("bank")
    ...     .add_offering("account", provider="bank", price=10.0, unit_cost=4.0)
    ...     .add_customer("walk-ins", count=100, retention=0.5)
    ... )
    >>> ledger = bulk.account(eco, {"customer": ["walk-ins"], "counterpart": ["bank"],
    ...                             "offering": ["account"], "units": [1.0]})
    >>> bulk.net_benefit(eco, ledger=ledger)["money_paid"].tolist()  # a sacrifice: negative
    [-1000.0]
    >>> bulk.firm_value(eco, ledger=ledger, timing="end")["lifetime_value"].tolist()
    [1200.0]
    >>> cc.firm_value(eco, ledger=ledger, timing="end")["walk-ins"].lifetime_value
    1200.0
"""

from cocreation.accounting.bulk import (
    ColumnLedger,
    ColumnResult,
    FirmValueColumns,
    NetBenefitColumns,
    NetValueFlowColumns,
    Variants,
    account,
    clv,
    firm_value,
    lifetime_factor,
    net_benefit,
    net_value_flows,
    variants,
)

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
