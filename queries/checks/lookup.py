"""What a post-or-person argument names: organogram posts per snapshot and document posts.

`govkg chain` and `kg.chain` accept a Post Unique Reference ('317' or 'cabinet-office/317'),
a person ('Jeremy Heywood', titles aside: the same IRI the documents and the organogram
ingest mint), a post the documents name ('Cabinet Secretary', through the ontology's
gazetteer and `gk:samePostAs`) or an IRI.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, RDF

from graphbuild.facts import person_iri
from graphbuild.gazetteer import Gazetteer
from ontology import load_ontology
from ontology.namespace import GK, ID, ORG
from queries.checks.sparql import ORGANOGRAM_PREFIX, objects, snapshot_refs, subjects, text

HELD_BY = str(ORG.heldBy)
HOLDS = str(ORG.holds)
SAME_POST = str(GK.samePostAs)
RDF_TYPE = str(RDF.type)
PERSON = str(FOAF.Person)
IDENTIFIER = str(DCTERMS.identifier)
ID_PREFIX = str(ID["organogram/"])


@dataclass(frozen=True)
class Found:
    """What a POST_OR_PERSON argument names: organogram posts (graph, post) and document posts."""

    organogram: list[tuple[str, str]]
    documents: list[str]
    person: str | None = None


def find_posts(store: ox.Store, name: str, selectors: list[str] | None = None) -> Found:
    """Resolve a post reference ('317', 'cabinet-office/317'), a person, a post label or an IRI."""
    graphs = [r.graph for r in snapshot_refs(store, selectors)]
    if name.startswith("http"):
        found = [(g, name) for g in graphs if objects(store, name, RDF_TYPE, g)]
    else:
        department, _, ref = name.rpartition("/")
        found = [
            (g, p)
            for g, p in _by_identifier(store, ref.strip(), graphs)
            if not department or g.startswith(f"{ORGANOGRAM_PREFIX}{department}/")
        ]
    person = _person(store, name)
    if person is not None:
        found += [(g, p) for g in graphs for p in subjects(store, HELD_BY, person, g)]
        docs = objects(store, person, HOLDS)
        return Found(sorted(set(found)), sorted(set(docs)), person)
    docs = [] if found else _document_posts(name)
    found += [(g, p) for post in docs for g in graphs for p in subjects(store, SAME_POST, post, g)]
    return Found(sorted(set(found)), docs)


def _by_identifier(store: ox.Store, ref: str, graphs: list[str]) -> list[tuple[str, str]]:
    """Organogram posts whose Post Unique Reference is `ref` (an index lookup per graph)."""
    if not ref:
        return []
    identifier, literal = ox.NamedNode(IDENTIFIER), ox.Literal(ref)
    return [
        (g, text(q.subject))
        for g in graphs
        for q in store.quads_for_pattern(None, identifier, literal, ox.NamedNode(g))
        if text(q.subject).startswith(ID_PREFIX)
    ]


def _person(store: ox.Store, name: str) -> str | None:
    """The person node for a name (titles aside, as the documents mint it) or IRI."""
    iri = name if name.startswith("http") else str(person_iri(name))
    return iri if PERSON in objects(store, iri, RDF_TYPE) else None


def _document_posts(name: str) -> list[str]:
    """Reference posts whose label is `name` (the ontology's gazetteer), or the IRI itself."""
    if name.startswith("http"):
        return [name]
    entry = _gazetteer().lookup(name)
    return [str(entry.iri)] if entry is not None else []


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    """The ontology's gazetteer (built once per process)."""
    return Gazetteer.from_ontology(load_ontology())
