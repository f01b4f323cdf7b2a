"""Describe selected nodes for the explorer: labels, type, period, properties, evidence.

Each node is read with a few constant SPARQL queries bound to its IRI (viz.sparql): its own
statements in the view's graphs and the ontology, the evidence nodes of the document
graphs that name it (`?ev rdf:subject|rdf:object ?node`, with prov:wasDerivedFrom, gk:quote,
gk:line; graphbuild/facts.py), and the qualified post holdings and memberships that carry
a period. Quotes are shared between nodes and edges by index (docs/architecture.md §5, §8).
"""

from __future__ import annotations

import pyoxigraph as ox

from viz import lookup, styles
from viz.model import Node, Quote
from viz.sparql import DESCRIBE, select, superclasses
from viz.walk import is_iri

SKIPPED = frozenset(
    {
        *styles.LABEL_PREDICATES,
        styles.ALT_PREDICATE,
        styles.GK + "text",
        styles.GK + "sourceRow",
        styles.GK + "extractedBy",
        styles.GK + "sourceText",  # a whole document: its quotes are shown, not the text
        styles.GK + "reportsToRef",
        styles.GK + "payFloor",  # shown together as the pay band
        styles.GK + "payCeiling",
    }
)
OGM = "http://reference.data.gov.uk/def/organogram/"
Fact = tuple[str, str, str]
PREFETCH_ABOVE = 200
FTE = "http://reference.data.gov.uk/def/central-government/fullTimeEquivalent"


class Describer:
    """Reads what the page shows about each node, caching labels and quotes."""

    def __init__(self, store: ox.Store, graphs: list[str] | None = None) -> None:
        self.store = store
        self.graphs = graphs  # a dated view: read each node from these graphs only
        self.closure = superclasses(store)
        self.labels: dict[str, str] = {}
        self.quotes: list[Quote] = []
        self.quote_ids: dict[tuple[str, int, int], int] = {}
        self.fact_quotes: dict[Fact, list[int]] = {}
        self.periods: dict[tuple[str, str], list[str]] = {}
        self.prefetched: dict[str, list[lookup.Evidence]] | None = None

    def prefetch(self, count: int) -> None:
        """Read all evidence in one query when a view is big (one query: about 0.2 s for the
        corpus, against about 1.5 ms a node with evidence when read node by node)."""
        if count > PREFETCH_ABOVE:
            self.prefetched = lookup.all_evidence(self.store)

    def label_of(self, iri: str) -> str:
        """The preferred label of an IRI in any graph, else its humanised local name."""
        if iri not in self.labels:
            found = lookup.first_label(self.store, iri) if is_iri(iri) else None
            self.labels[iri] = found or styles.humanise(styles.local_name(iri))
        return self.labels[iri]

    def predicate_label(self, iri: str) -> str:
        """How an edge or property reads ('held to account by')."""
        return styles.PREDICATE_LABELS.get(iri) or self.label_of(iri)

    def describe(self, iri: str) -> Node:
        """One node with everything its details panel shows."""
        rows = [(p, o) for _n, p, o in select(self.store, DESCRIBE, self.graphs, iri)]
        node = Node(iri=iri, label=self._label(iri, rows))
        types = sorted({o for p, o in rows if p == styles.RDF + "type"})
        closure = {c for t in types for c in self.closure.get(t, {t})}
        node.category = styles.category_for(closure).key
        node.classes = [self.label_of(t) for t in types if t not in styles.HIDDEN_TYPES]
        self._literals(node, rows)
        self._attributes(node, rows)
        self._post_card(node, rows)
        self._qualified(node)
        self._evidence(node)
        people = [o for p, o in rows if p == styles.ORG + "heldBy"]
        people += lookup.subjects(self.store, styles.ORG + "holds", iri, self.graphs)
        node.holders = sorted({self.label_of(person) for person in people})
        return node

    def _label(self, iri: str, rows: list[tuple[str, str]]) -> str:
        """The node's label, cached for facts and edges."""
        for predicate in styles.LABEL_PREDICATES:
            for p, o in rows:
                if p == predicate:
                    self.labels[iri] = o
                    return o
        return self.label_of(iri)

    def _literals(self, node: Node, rows: list[tuple[str, str]]) -> None:
        """Alt labels, the full wording, source rows and plain-valued properties."""
        for p, o in rows:
            if p in styles.LABEL_PREDICATES or p == styles.ALT_PREDICATE:
                if o != node.label and o not in node.alt_labels:
                    node.alt_labels.append(o)
            elif p == styles.GK + "text" and o != node.label:
                node.text = o
            elif p == styles.GK + "sourceRow":
                node.sources.append(o)
            elif p not in SKIPPED and not o.startswith(("http://", "https://")):
                node.properties.append((self.predicate_label(p), o))
        node.alt_labels.sort(key=str.lower)
        node.sources.sort()

    def _attributes(self, node: Node, rows: list[tuple[str, str]]) -> None:
        """IRI-valued facts shown as properties (period, status, grade), not as edges."""
        for p, o in rows:
            if p == styles.GK + "period":
                node.periods.append(self.label_of(o))
            elif p in styles.ATTRIBUTE_PREDICATES and p != styles.RDF + "type":
                node.properties.append((self.predicate_label(p), self.label_of(o)))
            elif p == styles.ORG + "heldBy":
                node.properties.append(("held by", self.label_of(o)))
        node.properties.sort()

    def _post_card(self, node: Node, rows: list[tuple[str, str]]) -> None:
        """An organogram post's pay band and, in a dated view, its FTE and junior staff."""
        values = dict(rows)
        low, high = values.get(styles.GK + "payFloor"), values.get(styles.GK + "payCeiling")
        if low and high:
            node.properties.append(("pay band", f"£{int(low):,}–£{int(high):,}"))
        for p, o in rows:
            if p == styles.ORG + "postIn":
                node.properties.append(("unit", self.label_of(o)))
        if self.graphs is None or styles.ORG + "Post" not in {o for p, o in rows}:
            return
        if FTE not in values:  # the organogram writer leaves out the usual 1.0
            node.properties.append(("full time equivalent", "1"))
        staff: dict[str, float] = {}
        for quad in lookup.quads(self.store, None, OGM + "reportingTo", node.iri):
            graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            if graph not in self.graphs:
                continue
            if not isinstance(quad.subject, ox.NamedNode):
                continue
            row = quad.subject.value
            grades = [
                q.object.value
                for q in lookup.quads(self.store, row, OGM + "grade", None, graph)
                if isinstance(q.object, ox.NamedNode)
            ]
            counts = [
                float(q.object.value)
                for q in lookup.quads(self.store, row, OGM + "numberOfPosts", None, graph)
                if isinstance(q.object, ox.Literal)
            ]
            grade = self.label_of(grades[0]) if grades else "no grade"
            staff[grade] = staff.get(grade, 0.0) + sum(counts)
        if staff:
            shown = ", ".join(f"{n:g} {g}" for g, n in sorted(staff.items()))
            node.properties.append(("junior staff (FTE)", shown))

    def _qualified(self, node: Node) -> None:
        """Holdings and memberships with their period, on the node and on its edges."""
        for how, other, period in lookup.qualified(self.store, node.iri):
            when = self.label_of(period)
            self.periods.setdefault((node.iri, other), []).append(when)
            node.properties.append((f"{how} {self.label_of(other)}", when))
            if when not in node.periods:
                node.periods.append(when)
        node.periods.sort()

    def _evidence(self, node: Node) -> None:
        """Every quote stating a fact about the node, with the facts it supports."""
        if self.prefetched is None:
            rows = lookup.evidence(self.store, node.iri)
        else:
            rows = self.prefetched.get(node.iri, [])
        for s, p, o, doc, text, line, start, end in rows:
            quote = Quote(doc, self.label_of(doc), text, line, start, end)
            index = self.quote_ids.get(quote.key())
            if index is None:
                index = self.quote_ids[quote.key()] = len(self.quotes)
                self.quotes.append(quote)
            fact = self.fact_text(s, p, o)
            if fact not in self.quotes[index].facts:
                self.quotes[index].facts.append(fact)
            self.fact_quotes.setdefault((s, p, o), [])
            if index not in self.fact_quotes[(s, p, o)]:
                self.fact_quotes[(s, p, o)].append(index)
            if index not in node.quotes:
                node.quotes.append(index)

    def fact_text(self, s: str, p: str, o: str) -> str:
        """A fact as a sentence: 'Jeremy Heywood holds Cabinet Secretary'."""
        subject = self.label_of(s)
        if p == styles.RDF + "type":
            return f"{subject} is a {self.label_of(o)}"
        obj = self.label_of(o) if o.startswith(("http://", "https://")) else f"“{o}”"
        return f"{subject} {self.predicate_label(p)} {obj}"
