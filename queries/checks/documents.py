"""Accountability checks over the documents' graphs: mutual assessment, special advisers.

Mutual accountability: A is held to account by B (gk:heldToAccountBy, or B
gk:holdsToAccount A, stated on A or on A's objectives, measures or milestones) and B by
A, so each judges the other. A special adviser post that line-manages a civil service
post (gk:lineManagedBy / org:reportsTo / gk:lineManages) breaks the separation of roles
the Cabinet Secretary's objectives ask for; the ontology types the reference posts, so
the ontology graph is read with the documents.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ontology.namespace import GK, GRAPH, ONTOLOGY_GRAPH
from queries.checks.report import WARNING, Finding, Offender
from queries.checks.sparql import PREFIXES, Graphs, graph_names, objects, select

DOCUMENT_PREFIX = str(GRAPH["doc/"])
ASSESSMENTS = (
    PREFIXES
    + """
SELECT DISTINCT ?g ?a ?b WHERE {
  GRAPH ?g {
    { ?x gk:heldToAccountBy ?b } UNION { ?b gk:holdsToAccount ?x }
    OPTIONAL {
      ?x (gk:measureOf|^gk:hasMeasure|gk:milestoneOf|^gk:hasMilestone)?/gk:objectiveOf ?owner
    }
    BIND(COALESCE(?owner, ?x) AS ?a)
  }
}"""
)
SPAD_MANAGERS = (
    PREFIXES
    + """
SELECT DISTINCT ?spad ?post WHERE {
  { ?post gk:lineManagedBy|org:reportsTo ?spad } UNION { ?spad gk:lineManages ?post }
  ?spad a gk:SpecialAdviserPost .
  FILTER NOT EXISTS { ?post a gk:SpecialAdviserPost }
}"""
)
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
KIND_OF = str(GK.kindOfPost)
DOC_MANAGERS = PREFIXES + (
    "SELECT DISTINCT ?m ?post WHERE { GRAPH ?g { { ?post gk:lineManagedBy|org:reportsTo ?m } "
    "UNION { ?m gk:lineManages ?post } } }"
)
DOC_REPORTS = PREFIXES + (
    "SELECT DISTINCT ?r ?post WHERE { GRAPH ?g { { ?r gk:lineManagedBy|org:reportsTo ?post } "
    "UNION { ?post gk:lineManages ?r } } }"
)
MAX_CHAIN = 100


def document_graphs(store: ox.Store) -> Graphs:
    """The named graphs of the corpus documents."""
    return [ox.NamedNode(g) for g in graph_names(store, DOCUMENT_PREFIX)]


def _label(store: ox.Store, iri: str) -> str:
    """A node's rdfs:label from any graph, else the last segment of its IRI."""
    return next(iter(objects(store, iri, LABEL)), iri.rsplit("/", 1)[-1])


def mutual_accountability(store: ox.Store, docs: Graphs) -> list[Finding]:
    """Pairs that hold each other to account, with the documents that say so."""
    stated: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g, a, b in select(store, ASSESSMENTS, named_graphs=docs):
        if a != b:
            stated[(a, b)].add(g.removeprefix(DOCUMENT_PREFIX))
    found = []
    for (a, b), where in sorted(stated.items()):
        back = stated.get((b, a))
        if back is None or a > b:
            continue
        la, lb = _label(store, a), _label(store, b)
        message = (
            f"{la} is held to account by {lb} ({', '.join(sorted(where))}) and {lb} by {la} "
            f"({', '.join(sorted(back))})"
        )
        offenders = [Offender(la, a, sorted(where)), Offender(lb, b, sorted(back))]
        found.append(Finding("mutual-accountability", WARNING, message, offenders))
    return found


def special_adviser_managers(store: ox.Store, docs: Graphs) -> list[Finding]:
    """Special adviser posts that line-manage civil service posts in the documents."""
    graphs: Graphs = [*docs, ox.NamedNode(str(ONTOLOGY_GRAPH))]
    found = []
    for spad, post in select(store, SPAD_MANAGERS, default_graph=graphs):
        ls, lp = _label(store, spad), _label(store, post)
        message = f"special adviser post {ls} line-manages {lp}"
        offenders = [Offender(ls, spad), Offender(lp, post)]
        found.append(Finding("special-adviser-manages-civil-servant", WARNING, message, offenders))
    return found


def _doc_select(store: ox.Store, query: str, post: str) -> list[str]:
    """First column of a document-graph query about one post."""
    docs = document_graphs(store)
    if not docs:
        return []
    found = select(store, query, named_graphs=docs, bindings={"post": ox.NamedNode(post)})
    return sorted({row[0] for row in found})


def document_managers(store: ox.Store, post: str) -> list[str]:
    """Managers of a post in the documents: its own, else those of the kind of post it is."""
    own = _doc_select(store, DOC_MANAGERS, post)
    if own:
        return own
    kinds = [k for k in objects(store, post, KIND_OF) if k != post]
    return sorted({m for kind in kinds for m in _doc_select(store, DOC_MANAGERS, kind)})


def document_chain(store: ox.Store, post: str) -> list[str]:
    """A document post and its managers up to one with none (first manager at each step)."""
    chain = [post]
    while len(chain) <= MAX_CHAIN:
        managers = [m for m in document_managers(store, chain[-1]) if m not in chain]
        if not managers:
            break
        chain.append(managers[0])
    return chain


def document_reports(store: ox.Store, post: str) -> list[str]:
    """Posts the documents say are line-managed by (or report to) this post."""
    return _doc_select(store, DOC_REPORTS, post)
