"""govkg: a knowledge graph of UK Civil Service governance and accountability.

`import govkg; kg = govkg.load()` builds the bundled corpus (or opens a store or corpus
path) and answers named queries and raw SPARQL: see govkg.api. This module stays light:
pyoxigraph, rdflib and the graph builder are imported only when a graph is loaded, so the
command line starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import os

    from govkg.api import KnowledgeGraph, Row, Rows

__all__ = ["KnowledgeGraph", "Row", "Rows", "load"]


def load(source: str | os.PathLike[str] | None = None) -> KnowledgeGraph:
    """The bundled corpus built in memory, a built store folder, or a corpus folder built."""
    from govkg.api import load as _load

    return _load(source)


def __getattr__(name: str) -> Any:
    """Import the API classes on first use."""
    if name in {"KnowledgeGraph", "Row", "Rows"}:
        from govkg import api

        return getattr(api, name)
    raise AttributeError(f"module 'govkg' has no attribute {name!r}")
