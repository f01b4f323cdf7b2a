"""One organogram release as the state of its posts, read from its own named graph only.

Per senior post (by Post Unique Reference): title, grade, status, unit (by label), manager
(the reference it reports to, or XX), holders and source rows; per unit, the junior FTE.
The comparison of two releases is `queries.changes` (docs/architecture.md §6).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ontology.namespace import GK_IRI, ONTOLOGY_GRAPH
from queries.checks.sparql import text

POSTS = f"""PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX gk: <{GK_IRI}>
PREFIX grade: <http://reference.data.gov.uk/def/civil-service-grade/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX pstat: <http://reference.data.gov.uk/def/civil-service-post-status/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?ref ?title ?grade ?status ?unit ?manager ?top ?person ?holder ?row WHERE {{
  ?post dcterms:identifier ?ref ; gk:sourceRow ?row .
  OPTIONAL {{ ?post rdfs:label ?title }}
  OPTIONAL {{ ?post grade:grade ?grade }}
  OPTIONAL {{ ?post pstat:postStatus ?status }}
  OPTIONAL {{ ?post org:postIn ?unit }}
  OPTIONAL {{ ?post org:reportsTo ?boss . ?boss dcterms:identifier ?manager }}
  OPTIONAL {{ ?post gk:reportsToRef ?top }}
  OPTIONAL {{ ?post org:heldBy ?person . ?person foaf:name ?holder }}
}}"""
JUNIOR_FTE = """PREFIX ogm: <http://reference.data.gov.uk/def/organogram/>
SELECT ?unit (SUM(?fte) AS ?total) WHERE { ?row ogm:unit ?unit ; ogm:numberOfPosts ?fte }
GROUP BY ?unit"""
UNIT_LABELS = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?unit ?label WHERE {
  VALUES ?type { org:OrganizationalUnit org:Organization } ?unit a ?type ; rdfs:label ?label }"""
KNOWN_LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?unit ?label WHERE { ?unit rdfs:label ?label }"""


@dataclass
class PostState:
    """A senior post as one release states it."""

    title: str = ""
    grade: str = ""
    status: str = ""
    unit: str = ""  # IRI: a unit's label may vary between releases, its IRI does not
    unit_label: str = ""
    managers: set[str] = field(default_factory=set)  # references, or XX for a top post
    holders: dict[str, str] = field(default_factory=dict)  # person IRI -> name as published
    rows: set[str] = field(default_factory=set)


def release_posts(store: ox.Store, graph: str) -> dict[str, PostState]:
    """Every senior post of one release graph, by Post Unique Reference (units by label)."""
    posts: dict[str, PostState] = defaultdict(PostState)
    labels = _unit_labels(store, graph)
    for row in store.query(POSTS, default_graph=ox.NamedNode(graph)):  # type: ignore[union-attr]
        ref, title, grade, status, unit, manager, top, person, holder, source = map(text, row)
        post = posts[ref]
        post.title, post.grade = title, local_name(grade)
        post.unit, post.unit_label = unit, labels.get(unit) or local_name(unit)
        post.status = local_name(status)
        if manager or top:
            post.managers.add(manager or top)  # a blank reference is no manager
        if person:
            post.holders[person] = holder
        post.rows.add(source)
    return dict(posts)


def local_name(iri: str) -> str:
    """'…/civil-service-grade/SCS3' -> 'SCS3'."""
    return iri.rsplit("/", 1)[-1]


def junior_fte(store: ox.Store, graph: str) -> dict[str, float]:
    """Junior FTE per unit IRI in one release."""
    answer = store.query(JUNIOR_FTE, default_graph=ox.NamedNode(graph))
    return {text(unit): float(text(total) or 0) for unit, total in answer}  # type: ignore[union-attr]


def _unit_labels(store: ox.Store, graph: str) -> dict[str, str]:
    """Unit IRI -> label in one release (units the ontology knows are labelled there)."""
    answer = store.query(UNIT_LABELS, default_graph=ox.NamedNode(graph))
    labels = {text(r[0]): text(r[1]) for r in answer}  # type: ignore[union-attr]
    known = store.query(KNOWN_LABELS, default_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
    for row in known:  # type: ignore[union-attr]
        labels.setdefault(text(row[0]), text(row[1]))
    return labels
