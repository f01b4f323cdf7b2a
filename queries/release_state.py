"""The differences between two organogram releases, asked of the store graph against graph.

Each release is its own named graph (docs/architecture.md §6) and a post is one node across
releases, so Oxigraph compares the two graphs itself and returns only what differs: posts
in one release only, a title, grade, status or unit that changed, and the posts whose
managers or holders are not the same set; Python then reads those posts' values. Reading
every post of both releases into Python instead took 6 s per 100,000 posts. The release
graphs are bound through substitutions, never formatted into the query text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote

import pyoxigraph as ox

from ontology.namespace import GK_IRI, ONTOLOGY_GRAPH
from queries.checks.sparql import text

PREFIXES = f"""PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX gk: <{GK_IRI}>
PREFIX grade: <http://reference.data.gov.uk/def/civil-service-grade/>
PREFIX ogm: <http://reference.data.gov.uk/def/organogram/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX pstat: <http://reference.data.gov.uk/def/civil-service-post-status/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ONLY_IN = (
    PREFIXES
    + """SELECT ?old ?new ?ref ?title ?status WHERE {
  GRAPH ?new { ?post dcterms:identifier ?ref
               OPTIONAL { ?post rdfs:label ?title } OPTIONAL { ?post pstat:postStatus ?status } }
  FILTER NOT EXISTS { GRAPH ?old { ?post dcterms:identifier ?any } } }"""
)
CHANGED = (
    PREFIXES
    + """SELECT ?old ?new ?ref ?before ?after WHERE {
  GRAPH ?old { ?post dcterms:identifier ?ref ; PROPERTY ?before }
  GRAPH ?new { ?post PROPERTY ?after }
  FILTER(?before != ?after) }"""
)
SINGLE = {"title": "rdfs:label", "grade": "grade:grade", "status": "pstat:postStatus"}
SINGLE["unit"] = "org:postIn"
PAY_CHANGED = (
    PREFIXES
    + """SELECT ?old ?new ?ref ?before ?after WHERE {
  GRAPH ?old { ?post dcterms:identifier ?ref ; gk:payFloor ?f1 ; gk:payCeiling ?c1 }
  GRAPH ?new { ?post gk:payFloor ?f2 ; gk:payCeiling ?c2 }
  FILTER(?f1 != ?f2 || ?c1 != ?c2)
  BIND(CONCAT(STR(?f1), "-", STR(?c1)) AS ?before)
  BIND(CONCAT(STR(?f2), "-", STR(?c2)) AS ?after) }"""
)
PAY_PER_UNIT = (
    PREFIXES
    + """SELECT ?unit (SUM(?floor) AS ?floors) (SUM(?ceiling) AS ?ceilings) WHERE {
  ?post org:postIn ?unit ; gk:payFloor ?floor ; gk:payCeiling ?ceiling
  FILTER NOT EXISTS { ?post pstat:postStatus pstat:eliminated } }
GROUP BY ?unit"""
)
SET_CHANGED = (
    PREFIXES
    + """SELECT DISTINCT ?old ?new ?ref WHERE {
  { GRAPH ?old { ?post dcterms:identifier ?ref ; PROPERTY ?value }
    GRAPH ?new { ?post dcterms:identifier ?ref }
    FILTER NOT EXISTS { GRAPH ?new { ?post PROPERTY ?value } } }
  UNION
  { GRAPH ?new { ?post dcterms:identifier ?ref ; PROPERTY ?value }
    GRAPH ?old { ?post dcterms:identifier ?ref }
    FILTER NOT EXISTS { GRAPH ?old { ?post PROPERTY ?value } } } }"""
)
SETS = {"managers": "org:reportsTo|gk:reportsToRef", "holders": "org:heldBy"}
JUNIOR_FTE = (
    PREFIXES
    + """SELECT ?unit (SUM(?fte) AS ?total) WHERE {
  ?row ogm:unit ?unit ; ogm:numberOfPosts ?fte } GROUP BY ?unit"""
)
POSTS_PER_UNIT = (
    PREFIXES
    + """SELECT ?unit (COUNT(?post) AS ?posts) WHERE {
  ?post org:postIn ?unit FILTER NOT EXISTS { ?post pstat:postStatus pstat:eliminated } }
GROUP BY ?unit"""
)
LABELS = (
    PREFIXES
    + """SELECT ?node ?label WHERE {
  ?node rdfs:label|foaf:name|<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"""
)
IDENTIFIER = "http://purl.org/dc/terms/identifier"
SOURCE_ROW = GK_IRI + "sourceRow"
Node = ox.NamedNode | ox.BlankNode | ox.Triple
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass
class ReleasePair:
    """Two releases of one department, compared in the store."""

    store: ox.Store
    old: str
    new: str
    labels: dict[str, str] = field(default_factory=dict)

    def select(self, query: str) -> list[list[str]]:
        """Rows of a query with ?old and ?new bound to the two release graphs (as text)."""
        bound: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable("old"): ox.NamedNode(self.old),
            ox.Variable("new"): ox.NamedNode(self.new),
        }
        answer = self.store.query(query, substitutions=bound)
        return [[text(t) for t in row][2:] for row in answer]  # type: ignore[union-attr]

    def only_in_new(self) -> list[list[str]]:
        """(ref, title, status) of the posts of the new release that the old one lacks."""
        return self.select(ONLY_IN)

    def only_in_old(self) -> list[list[str]]:
        """(ref, title, status) of the posts of the old release that the new one lacks."""
        return ReleasePair(self.store, self.new, self.old).select(ONLY_IN)

    def changed(self, what: str) -> list[list[str]]:
        """(ref, before, after) where a single-valued property differs (title, grade...)."""
        if what == "pay":
            return self.select(PAY_CHANGED)
        return self.select(CHANGED.replace("PROPERTY", SINGLE[what]))

    def set_changed(self, what: str) -> set[str]:
        """The references of the posts whose managers or holders are not the same set."""
        return {ref for (ref,) in self.select(SET_CHANGED.replace("PROPERTY", SETS[what]))}

    def values(self, graph: str, ref: str, what: str) -> list[str]:
        """A post's managers (references, or XX) or holders (names as published) in a release."""
        node = ox.NamedNode(graph)
        found = []
        for post in self._posts(graph, ref):
            if what == "managers":  # a manager's reference is in its IRI, in any release
                for boss in self._objects(post, "http://www.w3.org/ns/org#reportsTo", node):
                    found.append(unquote(text(boss).rsplit("/post/", 1)[-1]))
                marks = self._objects(post, GK_IRI + "reportsToRef", node)
                found += [text(o).upper() if text(o).upper() == "XX" else text(o) for o in marks]
            else:
                people = self._objects(post, "http://www.w3.org/ns/org#heldBy", node)
                found += [self.label(text(p), graph) for p in people]
        return sorted(v for v in found if v)

    def rows(self, graph: str, ref: str) -> tuple[str, ...]:
        """The CSV rows (file:line) that state a post in a release."""
        node = ox.NamedNode(graph)
        posts = self._posts(graph, ref)
        return tuple(sorted(text(r) for p in posts for r in self._objects(p, SOURCE_ROW, node)))

    def label(self, iri: str, graph: str | None = None) -> str:
        """A node's label or name (from the release, else the ontology), else its local name."""
        if not self.labels:
            for g in (str(ONTOLOGY_GRAPH), self.old, self.new):
                answer = self.store.query(LABELS, default_graph=ox.NamedNode(g))
                self.labels.update((text(r[0]), text(r[1])) for r in answer)  # type: ignore[union-attr]
        return self.labels.get(iri) or local_name(iri)

    def headcounts(self, graph: str) -> tuple[dict[str, int], dict[str, float]]:
        """Live senior posts and junior FTE per unit IRI in one release."""
        return unit_headcounts(self.store, graph)

    def pay_ranges(self, graph: str) -> dict[str, tuple[int, int]]:
        """Per unit IRI, the sums of its live posts' pay floors and ceilings in one release."""
        answer = self.store.query(PAY_PER_UNIT, default_graph=ox.NamedNode(graph))
        return {
            text(unit): (int(text(low)), int(text(high)))
            for unit, low, high in answer  # type: ignore[union-attr]
        }

    def _posts(self, graph: str, ref: str) -> list[Node]:
        """The post nodes with this reference in a release."""
        quads = self.store.quads_for_pattern(
            None, ox.NamedNode(IDENTIFIER), ox.Literal(ref), ox.NamedNode(graph)
        )
        return [q.subject for q in quads]

    def _objects(self, subject: Node, predicate: str, graph: ox.NamedNode) -> list[Term]:
        """Objects of (subject, predicate) in one graph."""
        return [q.object for q in self._quads(subject, predicate, graph)]

    def _quads(self, subject: Term, predicate: str, graph: ox.NamedNode) -> list[ox.Quad]:
        """Quads of (subject, predicate) in one graph (none when the subject is a literal)."""
        if not isinstance(subject, ox.NamedNode | ox.BlankNode):
            return []
        return list(self.store.quads_for_pattern(subject, ox.NamedNode(predicate), None, graph))


def local_name(iri: str) -> str:
    """'…/civil-service-grade/SCS3' -> 'SCS3'."""
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def unit_headcounts(store: ox.Store, graph: str) -> tuple[dict[str, int], dict[str, float]]:
    """Live senior posts and junior FTE per unit IRI in one release."""
    node = ox.NamedNode(graph)
    posts: dict[str, int] = defaultdict(int)
    for unit, count in store.query(POSTS_PER_UNIT, default_graph=node):  # type: ignore[union-attr]
        posts[text(unit)] = int(text(count))
    fte = {
        text(unit): float(text(total) or 0)
        for unit, total in store.query(JUNIOR_FTE, default_graph=node)  # type: ignore[union-attr]
    }
    return posts, fte
