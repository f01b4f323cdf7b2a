"""Per-node index lookups for the details panel, straight on Oxigraph's quad indexes.

Views are selected with SPARQL (viz.sparql); describing each of up to 1,500 nodes with four
or five more SPARQL queries cost about 1 ms a node, mostly query parsing (measured on the
Cabinet Office 2011-2017 organograms), which alone broke the 2 s budget of issue 6. These
lookups read the same facts with `quads_for_pattern`: a node with no evidence costs two
empty index probes. The reasoner's inferred graph is skipped, as everywhere in viz/.
Evidence is read with SPARQL, only for nodes that have some. Evidence nodes follow
graphbuild/facts.py: `?ev rdf:subject/predicate/object`,
prov:wasDerivedFrom, gk:quote, gk:line, gk:quoteStart, gk:quoteEnd.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from viz import styles
from viz.sparql import ALL_EVIDENCE, EVIDENCE, INFERRED, select, value

Evidence = tuple[str, str, str, str, str, int, int, int]
_QUALIFIED = (
    ("holds", styles.GK + "holder", styles.GK + "heldPost", styles.GK + "period"),
    ("held by", styles.GK + "heldPost", styles.GK + "holder", styles.GK + "period"),
    ("member of", styles.ORG + "member", styles.ORG + "organization", styles.ORG + "memberDuring"),
    ("has member", styles.ORG + "organization", styles.ORG + "member", styles.ORG + "memberDuring"),
)


def quads(
    store: ox.Store, s: str | None, p: str | None, o: str | None, graph: str | None = None
) -> Iterator[ox.Quad]:
    """Quads matching a pattern of IRIs, outside the inferred graph."""
    found = store.quads_for_pattern(
        ox.NamedNode(s) if s else None,
        ox.NamedNode(p) if p else None,
        ox.NamedNode(o) if o else None,
        ox.NamedNode(graph) if graph else None,
    )
    for quad in found:
        if not (isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == INFERRED):
            yield quad


def objects(store: ox.Store, s: str, p: str) -> list[str]:
    """The distinct objects of (s, p), in store order."""
    return list(dict.fromkeys(value(q.object) for q in quads(store, s, p, None)))


def subjects(store: ox.Store, p: str, o: str, graphs: list[str] | None = None) -> list[str]:
    """The distinct IRI subjects of (p, o), in the given graphs only when some are given."""
    found = (
        q.subject
        for q in quads(store, None, p, o)
        if graphs is None
        or (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in graphs)
    )
    return list(dict.fromkeys(s.value for s in found if isinstance(s, ox.NamedNode)))


def first_label(store: ox.Store, iri: str) -> str | None:
    """The node's skos:prefLabel, else foaf:name, rdfs:label or dcterms:title."""
    for predicate in styles.LABEL_PREDICATES:
        for quad in quads(store, iri, predicate, None):
            if isinstance(quad.object, ox.Literal):
                return quad.object.value
    return None


def evidence(store: ox.Store, node: str) -> list[Evidence]:
    """Every evidence statement whose subject or object is the node.

    Two index probes say whether there is any (most organogram nodes have none); only
    then do two SPARQL queries read the statements, cheaper than reading their quads."""
    roles = (styles.RDF + "subject", styles.RDF + "object")
    if not any(next(iter(quads(store, None, role, node)), None) for role in roles):
        return []
    found: list[Evidence] = []
    for query in EVIDENCE:
        for _n, s, p, o, doc, text, line, start, end in select(store, query, None, node):
            found.append((s, p, o, doc, text, int(line), int(start), int(end)))
    return found


def all_evidence(store: ox.Store) -> dict[str, list[Evidence]]:
    """Every evidence statement of the store, by the node it is about (subject or object)."""
    found: dict[str, list[Evidence]] = {}
    for s, p, o, doc, text, line, start, end in select(store, ALL_EVIDENCE, None):
        row = (s, p, o, doc, text, int(line), int(start), int(end))
        for node in {s, o}:
            found.setdefault(node, []).append(row)
    return found


def qualified(store: ox.Store, node: str) -> list[tuple[str, str, str]]:
    """(how, other end, period) of each post holding or membership the node takes part in."""
    found: list[tuple[str, str, str]] = []
    for how, role, other, period in _QUALIFIED:
        for quad in quads(store, None, role, node):
            ends = store.quads_for_pattern(quad.subject, ox.NamedNode(other), None, quad.graph_name)
            whens = store.quads_for_pattern(
                quad.subject, ox.NamedNode(period), None, quad.graph_name
            )
            times = [value(w.object) for w in whens]
            found.extend((how, value(e.object), when) for e in ends for when in times)
    return list(dict.fromkeys(found))
