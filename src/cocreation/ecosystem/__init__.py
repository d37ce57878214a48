"""The ecosystem layer: a registry of entities by id, and its graph view.

Examples:
    >>> from cocreation.ecosystem import Ecosystem
    >>> eco = Ecosystem(name="Kiosks").add_organisation("bank").add_customer("walk-ins", count=900)
    >>> eco.customer("walk-ins").count
    900
"""

from cocreation.ecosystem._addresses import Parameter, changed_entities, check_values
from cocreation.ecosystem._ecosystem import KINDS, Ecosystem, kind_of
from cocreation.ecosystem._graph import EDGE_KINDS, NODE_KINDS, to_graph
from cocreation.ecosystem._snapshot import POINT_OF_KIND

__all__ = [
    "EDGE_KINDS",
    "KINDS",
    "NODE_KINDS",
    "POINT_OF_KIND",
    "Ecosystem",
    "Parameter",
    "changed_entities",
    "check_values",
    "kind_of",
    "to_graph",
]
