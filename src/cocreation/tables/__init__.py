"""The tables layer: interactions as columns, read, checked and resolved against an ecosystem.

CRM data arrives as tables, not objects. This layer is the one place that knows
their layout and reads them:

- [`COLUMNS`][cocreation.tables.COLUMNS] and [`SPECS`][cocreation.tables.SPECS]: the
  tables, their columns and what each accepts;
- [`Table`][cocreation.tables.Table] and [`columns_of`][cocreation.tables.columns_of]:
  pandas DataFrames, pyarrow Tables or mappings of arrays, read column by column;
- [`parse`][cocreation.tables.parse]: every value checked on its own and the
  references among the tables, each bad value a
  [`Problem`][cocreation.tables.Problem] that is raised or collected
  ([`Checks`][cocreation.tables.Checks]);
- [`resolve`][cocreation.tables.resolve]: ids checked against an ecosystem and turned
  into the integer codes of its [`EcosystemArrays`][cocreation.tables.EcosystemArrays];
- [`interactions_to_tables`][cocreation.tables.interactions_to_tables] and
  [`tables_to_interactions`][cocreation.tables.tables_to_interactions]: the model and
  the tables, both ways.

The bulk accounting ([`cocreation.bulk`][cocreation.bulk]), ingest
([`cocreation.io.read_interactions`][cocreation.io.read_interactions]) and the frames
([`cocreation.frames`][cocreation.frames]) read tables through these names only.
NumPy and pandas are imported inside the functions that need them
(``pip install 'cocreation[pandas]'``).

Examples:
    >>> import cocreation as cc
    >>> from cocreation.tables import Checks, parse, resolve
    >>> eco = cc.Ecosystem().add_organisation("bank").add_customer("ann")
    >>> checks = Checks(collect=True)
    >>> batch = parse({"customer": ["ann", "bob"], "effort": [1.0, -1.0]}, {}, checks)
    >>> resolved = resolve(eco, batch, checks)
    >>> [str(problem) for problem in checks.problems]
    ['interactions row 1, effort: expected a finite number >= 0, or a missing value for the default 0.0, got -1.0', "interactions row 1, customer: expected the id of a customer, got 'bob'"]
"""

from cocreation.tables._arrays import EcosystemArrays, ecosystem_arrays, provider_shares
from cocreation.tables._convert import interactions_to_tables, tables_to_interactions
from cocreation.tables._group import group_codes, union_codes
from cocreation.tables._parse import Batch, ParsedTable, parse
from cocreation.tables._problems import Checks, Problem
from cocreation.tables._read import Labels, Table, columns_of
from cocreation.tables._resolve import Resolved, resolve, resolve_tables
from cocreation.tables._specs import COLUMNS, LEVELS, LONG_TABLES, SPECS, ColumnSpec

__all__ = [
    "COLUMNS",
    "LEVELS",
    "LONG_TABLES",
    "SPECS",
    "Batch",
    "Checks",
    "ColumnSpec",
    "EcosystemArrays",
    "Labels",
    "ParsedTable",
    "Problem",
    "Resolved",
    "Table",
    "columns_of",
    "ecosystem_arrays",
    "group_codes",
    "interactions_to_tables",
    "parse",
    "provider_shares",
    "resolve",
    "resolve_tables",
    "tables_to_interactions",
    "union_codes",
]
