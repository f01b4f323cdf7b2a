"""Reporting lines per organogram snapshot: networkx DiGraphs from SPARQL over the store.

One SELECT fetches every `org:reportsTo` edge of the chosen snapshot graphs (never the whole
graph, DESIGN.md §6); a few small SELECTs add what the checks need: top-post markers
(`gk:reportsToRef "XX"`), vacant and eliminated posts, special adviser posts and junior rows
(`organogram:reportingTo`). Each snapshot becomes an `Organogram` with plain adjacency
dicts (the validator walk, measured faster than building a DiGraph at 412,000 posts) and a
networkx DiGraph on demand. Chain lookups for one post go straight to the store's indexes.
W3C ORG: a post org:reportsTo its manager's post; data.gov.uk: `XX` marks the top post.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox

from queries.checks_sparql import (
    BY_IDENTIFIER,
    EDGES,
    JUNIORS,
    MARKERS,
    ORGANOGRAM_PREFIX,
    SPADS,
    STATUSES,
    Graphs,
    objects,
    rows,
    select,
    snapshot_refs,
    subjects,
)
from queries.checks_sparql import SnapshotRef as SnapshotRef

ORG = "http://www.w3.org/ns/org#"
REPORTS_TO = ORG + "reportsTo"
HELD_BY = ORG + "heldBy"
HOLDS = ORG + "holds"
SAME_POST = "https://w3id.org/govkg/def#samePostAs"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PERSON = "http://xmlns.com/foaf/0.1/Person"
MAX_CHAIN = 100


@dataclass
class Organogram:
    """One snapshot's senior reporting structure and the facts the checks need."""

    ref: SnapshotRef
    up: dict[str, list[str]] = field(default_factory=dict)
    markers: dict[str, list[str]] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    spads: set[str] = field(default_factory=set)
    juniors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        """The IRI prefix of this department's posts."""
        return self.ref.post_prefix

    def ref_of(self, post: str) -> str:
        """The Post Unique Reference of a post IRI."""
        if post.startswith(self.prefix):
            return unquote(post[len(self.prefix) :])
        return post

    @cached_property
    def posts(self) -> set[str]:
        """Every senior post published in this snapshot (eliminated ones included)."""
        return set(self.up) | set(self.markers)

    @cached_property
    def live(self) -> set[str]:
        """Posts that count for chains: not eliminated, not 'paid but not in post' (ref 0)."""
        return {
            p
            for p in self.posts
            if self.status.get(p) != "eliminated" and not self.ref_of(p).startswith("0/")
        }

    @cached_property
    def tops(self) -> set[str]:
        """Live posts whose 'Reports to Senior Post' is XX."""
        return {p for p, values in self.markers.items() if p in self.live and "XX" in values}

    @cached_property
    def down(self) -> dict[str, list[str]]:
        """Manager -> live direct reports."""
        found: dict[str, list[str]] = defaultdict(list)
        for post in self.live:
            for boss in self.up.get(post, ()):
                found[boss].append(post)
        return found

    @cached_property
    def digraph(self) -> nx.DiGraph:
        """The live reporting lines as a networkx DiGraph (edge post -> manager)."""
        graph = nx.DiGraph()
        graph.add_nodes_from(self.live)
        graph.add_edges_from((p, b) for p in self.live for b in self.up.get(p, ()))
        return graph


def load_organograms(store: ox.Store, selectors: list[str] | None = None) -> list[Organogram]:
    """The chosen snapshots (all when no selector) with their reporting structure."""
    refs = snapshot_refs(store, selectors)
    by_graph = {r.graph: Organogram(r) for r in refs}
    if not by_graph:
        return []
    graphs: Graphs = [ox.NamedNode(g) for g in by_graph]
    for g, post, boss in rows(store, EDGES, graphs):
        by_graph[g].up.setdefault(post, []).append(boss)
    for g, post, value in rows(store, MARKERS, graphs):
        if post.startswith(by_graph[g].prefix):
            by_graph[g].markers.setdefault(post, []).append(value.upper())
        else:
            by_graph[g].juniors.append((post, ""))
    for g, post, status in rows(store, STATUSES, graphs):
        by_graph[g].status[post] = status.rsplit("/", 1)[-1]
    for g, post in rows(store, SPADS, graphs):
        by_graph[g].spads.add(post)
    for g, junior, boss in rows(store, JUNIORS, graphs):
        by_graph[g].juniors.append((junior, boss))
    return list(by_graph.values())


def chain_to_top(store: ox.Store, post: str, graph: str) -> list[str]:
    """The post and its managers up to the top, stopping at a loop or after 100 steps."""
    chain = [post]
    while len(chain) <= MAX_CHAIN:
        bosses = objects(store, chain[-1], REPORTS_TO, graph)
        if not bosses:
            break
        chain.append(min(bosses))
        if chain[-1] in chain[:-1]:
            break
    return chain


def direct_reports(store: ox.Store, post: str, graph: str) -> list[str]:
    """The posts that report to this post in one snapshot graph."""
    return sorted(subjects(store, REPORTS_TO, post, graph))


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
    docs = _document_posts(name)
    found += [(g, p) for post in docs for g in graphs for p in subjects(store, SAME_POST, post, g)]
    return Found(sorted(set(found)), docs)


def _by_identifier(store: ox.Store, ref: str, graphs: list[str]) -> list[tuple[str, str]]:
    """Organogram posts whose Post Unique Reference is `ref` (bound, never formatted)."""
    if not ref or not graphs:
        return []
    named: Graphs = [ox.NamedNode(g) for g in graphs]
    found = select(store, BY_IDENTIFIER, named_graphs=named, bindings={"id": ox.Literal(ref)})
    return [(g, p) for g, p, _id in found]


def _person(store: ox.Store, name: str) -> str | None:
    """The person node for a name (titles aside, as the documents mint it) or IRI."""
    from graphbuild.organogram_rdf import person_iri

    iri = name if name.startswith("http") else person_iri(name)
    return iri if PERSON in objects(store, iri, RDF_TYPE) else None


def _document_posts(name: str) -> list[str]:
    """Reference posts whose label is `name` (the ontology's gazetteer), or the IRI itself."""
    if name.startswith("http"):
        return [name]
    from graphbuild.gazetteer import Gazetteer
    from ontology import load_ontology

    entry = Gazetteer.from_ontology(load_ontology()).lookup(name)
    return [str(entry.iri)] if entry is not None else []
