"""The pandas, Arrow and Dask edge: the bulk path at scale.

- [`account_dask`][cocreation.frames.account_dask]: the bulk accounting of
  [`cocreation.bulk.account`][cocreation.bulk.account] over a Dask DataFrame
  (partitioned Parquet, say): each partition becomes a partial
  [`ColumnLedger`][cocreation.bulk.ColumnLedger], and the partials are merged
  in a tree.
- [`relationship_graph`][cocreation.frames.relationship_graph]: millions of
  interaction rows aggregated into one edge per customer and counterpart, as a
  NetworkX graph ready for any backend.
- [`interaction_frames`][cocreation.frames.interaction_frames]: interactions as the
  bulk path's tables, as pandas DataFrames with nullable dtypes.

Each function imports pandas, NumPy or Dask only when called
(``pip install 'cocreation[pandas]'``, ``'cocreation[dask]'``).

Examples:
    >>> import cocreation as cc
    >>> from cocreation.frames import interaction_frames, relationship_graph
    >>> eco = cc.example_ecosystem()
    >>> frames = interaction_frames(eco)
    >>> graph = relationship_graph(eco, frames["interactions"], transfers=frames["transfers"],
    ...                            modules=frames["modules"])
    >>> graph.number_of_nodes() == len(eco.actors) + len(eco.topics)
    True
"""

from cocreation.frames._dask import account_dask
from cocreation.frames._graph import relationship_graph
from cocreation.frames._tables import interaction_frames

__all__ = ["account_dask", "interaction_frames", "relationship_graph"]
