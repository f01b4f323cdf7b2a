"""The govkg ontology (ontology/govkg.ttl) and the helpers that load it from package data.

govkg.ttl is the source of truth; external.ttl declares the reused W3C/UK-gov terms so the
whole is OWL 2 DL without fetching anything (docs/architecture.md §4).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph

ONTOLOGY_FILES = ("govkg.ttl", "external.ttl")


def read_text(name: str) -> str:
    """Return the text of a data file that ships in the ontology package."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _cached_ontology() -> Graph:
    """Parse govkg.ttl and external.ttl once per process."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(data=read_text(name), format="turtle")
    return graph


def load_ontology() -> Graph:
    """Return a fresh copy of the ontology graph (govkg.ttl + external declarations)."""
    copy = Graph()
    for triple in _cached_ontology():
        copy.add(triple)
    for prefix, ns in _cached_ontology().namespaces():
        copy.bind(prefix, ns, override=True)
    return copy


def own_ontology_text() -> str:
    """The Turtle text of govkg.ttl alone (what the store's ontology graph holds)."""
    return read_text("govkg.ttl")
