"""The RDF dataset and base IRI a query runs with: one rule for the server, the CLI and the API.

SPARQL 1.1 Query §13 and the SPARQL 1.1 Protocol §2.1.4, over govkg's store (one named graph
per document and per organogram release, docs/architecture.md §6):
- the request's `default-graph-uri` / `named-graph-uri` override the query's own dataset;
  `default-graph-uri` alone gives no named graphs, `named-graph-uri` alone an empty default
  graph;
- else `FROM` / `FROM NAMED` in the query name exactly the dataset (FROM alone: no named
  graphs; FROM NAMED alone: an empty default graph);
- else the default graph is the union of every graph and every named graph is visible.
A graph IRI that is not in the store is an empty graph, not an error. Relative IRIs resolve
against a base: the endpoint's URL in the server, DEFAULT_BASE (govkg's instance namespace,
so that `<post/cabinet-secretary>` names a node) in `govkg query|sparql` and Python.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from common.sparql_lexer import keywords
from ontology.namespace import ID_IRI

DEFAULT_BASE = ID_IRI
_FROM_WORD = re.compile(r"(?<![\w:])from(?![\w:])", re.IGNORECASE)


def declares_dataset(text: str) -> bool:
    """True when the query names its dataset (FROM or FROM NAMED, outside strings and IRIs)."""
    if not _FROM_WORD.search(text):  # the token scan costs ~0.2 ms: most queries skip it
        return False
    return "FROM" in keywords(text)


def dataset_options(
    text: str, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
) -> dict[str, Any]:
    """pyoxigraph's keyword arguments for the dataset these rules give (see the docstring)."""
    if default_graphs or named_graphs:
        return {
            "default_graph": [ox.NamedNode(g) for g in default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs],
        }
    if declares_dataset(text):
        return {}  # Oxigraph reads FROM / FROM NAMED itself
    return {"use_default_graph_as_union": True}
