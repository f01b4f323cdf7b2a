"""The ontology read into what its reference shows: terms grouped, labelled, cross-linked.

`Reference(graph).context()` gives the templates of `ontology.docs` (docs/architecture.md
§4) every govkg class (grouped by the root it falls under), property and reference
individual with its label, definition, sources, axioms (super-classes, restrictions,
disjointness, domain, range, characteristics) and the competency questions it serves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME
from rdflib.term import Node

from ontology.competency import MapEntry, expand, joined, load_map, parse_questions, term_index
from ontology.namespace import GK, GK_IRI, ORG

GROUPS: dict[str, set[Node]] = {  # section -> the classes that root it
    "Posts": {ORG.Post},
    "People": {GK.CivilServant, GK.Minister, GK.SpecialAdviser, GK.PostHolding},
    "Organisations & bodies": {ORG.Organization, DCTERMS.Location},
    "Codes": {GK.Code},
    "Objectives": {GK.Objective, GK.PerformanceMeasure, GK.Milestone, GK.Action},
    "Functions & themes": {GK.CoreFunction, GK.Theme, SKOS.Concept},
    "Accountability": {GK.AccountabilityMechanism},
    "Evidence & periods": {GK.Document, PROV.Entity, TIME.TemporalEntity},
    "Other": set(),
}
KINDS = {OWL.ObjectProperty: "object", OWL.DatatypeProperty: "datatype"}
KINDS[OWL.AnnotationProperty] = "annotation"
CHARACTERISTICS = ("Functional", "InverseFunctional", "Transitive", "Symmetric", "Asymmetric")
RESTRICTIONS = {OWL.allValuesFrom: "only", OWL.someValuesFrom: "some", OWL.hasValue: "value"}
RESTRICTIONS |= {OWL.cardinality: "exactly", OWL.qualifiedCardinality: "exactly"}
RESTRICTIONS |= {OWL.minCardinality: "min", OWL.minQualifiedCardinality: "min"}
RESTRICTIONS |= {OWL.maxCardinality: "max", OWL.maxQualifiedCardinality: "max"}


@dataclass(frozen=True)
class Ref:
    """A term as the page shows it: label, in-page anchor ('' if not documented), CURIE."""

    label: str
    anchor: str
    curie: str
    note: str = ""


@dataclass
class TermDoc:
    """One class or property: its heading, IRI, definition and (field, values) rows."""

    ref: Ref
    iri: str
    definition: str
    rows: list[tuple[str, list[Ref | str]]]


class Reference:
    """Reads the ontology graph into what the templates show."""

    def __init__(self, graph: Graph) -> None:
        """Index the graph: prefixes, documented terms, individuals and the CQ map."""
        self.g, self.cmap = graph, load_map()
        bound = ((p, str(n)) for p, n in graph.namespaces() if p)
        self.prefixes = sorted(bound, key=lambda pn: -len(pn[1]))
        self.cqs = term_index(self.cmap, graph)
        own = {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(GK_IRI)}
        is_a = {(s, t) for s in own for t in graph.objects(s, RDF.type)}
        self.classes = sorted((s for s in own if (s, OWL.Class) in is_a), key=self.sort_key)
        self.kinds = {p: kind for t, kind in KINDS.items() for p in own if (p, t) in is_a}
        self.properties = sorted(self.kinds, key=self.sort_key)
        meta = (str(OWL), str(RDFS), str(RDF))
        typed = {s for s, t in graph.subject_objects(RDF.type) if not str(t).startswith(meta)}
        labelled = {*graph.subjects(RDFS.label), *graph.subjects(SKOS.prefLabel)}
        named = (s for s in typed & labelled if isinstance(s, URIRef))
        self.individuals = sorted(named, key=self.sort_key)
        own_docs = {*self.classes, *self.properties, *self.individuals}
        self.external = sorted(set(self.cqs) - own_docs, key=self.sort_key)  # reused, CQ-mapped
        self.documented = {*own_docs, *self.external}

    def curie(self, iri: Node, bare: bool = False) -> str:
        """The IRI as prefix:local under the longest bound namespace (bare: no 'gk:')."""
        text = str(iri)
        matches = (f"{p}:{text[len(ns) :]}" for p, ns in self.prefixes if text.startswith(ns))
        curie = next(matches, text)
        return curie.removeprefix("gk:") if bare else curie

    def label(self, node: Node) -> str:
        """A node's rdfs:label, else its skos:prefLabel, else its CURIE."""
        found = self.g.value(node, RDFS.label) or self.g.value(node, SKOS.prefLabel)
        return self.curie(node) if found is None else str(found)

    def sort_key(self, node: Node) -> tuple[bool, str]:
        """Named terms first, then by label, case-insensitively."""
        return isinstance(node, BNode), self.label(node).casefold()

    def ref(self, node: Node, note: str = "") -> Ref:
        """A reference to a node, linked in-page when the page documents it."""
        anchor = anchor_of(self.curie(node)) if node in self.documented else ""
        return Ref(self.label(node), anchor, self.curie(node), note)

    def describe(self, node: Node, wrap: bool = False) -> str:
        """An OWL class expression in words ('p only (not C)'); wrap: parenthesise if anonymous."""
        if not isinstance(node, BNode):
            return self.curie(node, bare=True)
        if wrap:
            return f"({self.describe(node)})"
        if (complement := self.g.value(node, OWL.complementOf)) is not None:
            return f"not {self.describe(complement, True)}"
        for pred, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
            if (members := self.g.value(node, pred)) is not None:
                return word.join(self.describe(m, True) for m in Collection(self.g, members))
        prop = self.curie(self.g.value(node, OWL.onProperty) or OWL.Thing, bare=True)
        for pred, word in RESTRICTIONS.items():
            if (value := self.g.value(node, pred)) is not None:
                on_class = self.g.value(node, OWL.onClass)
                tail = f" {self.describe(on_class, True)}" if on_class is not None else ""
                return f"{prop} {word} {self.describe(value, True)}{tail}"
        return "anonymous class"

    def refs(self, nodes: Iterable[Node]) -> list[Ref | str]:
        """Named nodes as references, anonymous ones as described expressions."""
        items = sorted(set(nodes), key=self.sort_key)
        return [self.ref(n) if isinstance(n, URIRef) else self.describe(n) for n in items]

    def term(self, iri: URIRef, rows: list[tuple[str, list[Ref | str]]]) -> TermDoc:
        """The common part of a class or property entry around its own rows."""
        sources = self.refs(self.g.objects(iri, DCTERMS.source))
        cqs: list[Ref | str] = [Ref(cq, cq, cq) for cq in self.cqs.get(iri, [])]
        rows = [("Source documents", sources), *rows, ("Competency questions", cqs)]
        definition = " ".join(str(d) for d in self.g.objects(iri, SKOS.definition))
        return TermDoc(self.ref(iri), str(iri), definition, [r for r in rows if r[1]])

    def disjoint(self, cls: URIRef) -> set[Node]:
        """Classes declared disjoint with cls, pairwise or through owl:AllDisjointClasses."""
        found = {*self.g.objects(cls, OWL.disjointWith), *self.g.subjects(OWL.disjointWith, cls)}
        for group in self.g.subjects(RDF.type, OWL.AllDisjointClasses):
            members = set(Collection(self.g, self.g.value(group, OWL.members) or RDF.nil))
            found |= members - {cls} if cls in members else set()
        return found

    def class_doc(self, cls: URIRef) -> TermDoc:
        """The entry of one class."""
        instances = [n for n in self.individuals if (n, RDF.type, cls) in self.g]
        return self.term(cls, [
            ("Super-classes", self.refs(self.g.objects(cls, RDFS.subClassOf))),
            ("Equivalent to", self.refs(self.g.objects(cls, OWL.equivalentClass))),
            ("Disjoint with", self.refs(self.disjoint(cls))),
            ("Sub-classes", self.refs(self.g.subjects(RDFS.subClassOf, cls))),
            ("Instances", [self.ref(n, ", ".join(self.alts(n))) for n in instances]),
        ])  # fmt: skip

    def property_doc(self, prop: URIRef) -> TermDoc:
        """The entry of one property."""
        inverse = {*self.g.objects(prop, OWL.inverseOf), *self.g.subjects(OWL.inverseOf, prop)}
        traits: list[Ref | str] = [c.lower() for c in CHARACTERISTICS
                                   if (prop, RDF.type, OWL[f"{c}Property"]) in self.g]  # fmt: skip
        return self.term(prop, [
            ("Kind", [self.kinds[prop]]),
            ("Domain", self.refs(self.g.objects(prop, RDFS.domain))),
            ("Range", self.refs(self.g.objects(prop, RDFS.range))),
            ("Super-properties", self.refs(self.g.objects(prop, RDFS.subPropertyOf))),
            ("Sub-properties", self.refs(self.g.subjects(RDFS.subPropertyOf, prop))),
            ("Inverse of", self.refs(inverse)),
            ("Characteristics", traits),
        ])  # fmt: skip

    def alts(self, node: Node) -> list[str]:
        """The alt labels of a node, sorted."""
        return sorted(str(a) for a in self.g.objects(node, SKOS.altLabel))

    def group_of(self, cls: URIRef) -> str:
        """The section a class belongs in, by itself or its named ancestors."""
        lineage = set(self.g.transitive_objects(cls, RDFS.subClassOf))
        return next((name for name, roots in GROUPS.items() if lineage & roots), "Other")

    def context(self) -> dict[str, Any]:
        """Everything the templates need."""
        grouped = [(g, [c for c in self.classes if self.group_of(c) == g]) for g in GROUPS]
        by_kind = [(k, [p for p in self.properties if self.kinds[p] == k]) for k in KINDS.values()]
        gazetteer = [(n, self.refs(self.g.objects(n, RDF.type))) for n in self.individuals]
        return {
            "meta": self.metadata(),
            "class_groups": [(g, [self.class_doc(c) for c in cs]) for g, cs in grouped if cs],
            "property_groups": [(k, [self.property_doc(p) for p in ps]) for k, ps in by_kind if ps],
            "individuals": [(self.ref(n), types, self.alts(n)) for n, types in gazetteer],
            "questions": self.questions(),
            "prefixes": self.used_prefixes(),
            "external": [(self.ref(t), str(t), self.cqs[t]) for t in self.external],
        }

    def used_prefixes(self) -> list[tuple[str, str]]:
        """The bound prefixes whose namespace some term of the graph uses, sorted."""
        iris = {str(n) for triple in self.g for n in triple if isinstance(n, URIRef)}
        return sorted((p, ns) for p, ns in self.prefixes if any(i.startswith(ns) for i in iris))

    def metadata(self) -> dict[str, str]:
        """Title, description, version, licence and IRI of the owl:Ontology."""
        onto = next(iter(self.g.subjects(RDF.type, OWL.Ontology)), URIRef(GK_IRI))
        fields = {"title": DCTERMS.title, "label": RDFS.label, "version": OWL.versionInfo,
                  "description": DCTERMS.description, "licence": DCTERMS.license}  # fmt: skip
        meta = {name: str(self.g.value(onto, p) or "") for name, p in fields.items()}
        return meta | {"iri": str(onto), "title": meta["title"] or meta["label"] or "govkg"}

    def questions(self) -> list[tuple[str, str, MapEntry | None, list[Ref]]]:
        """Each CQ with its text, map entry and the terms that serve it, in map order."""
        rows = joined(parse_questions(), self.cmap)
        iris = [[expand(t, self.g) for t in (e.terms if e else ())] for _, _, e in rows]
        return [(*r, [self.ref(i) for i in ts if i]) for r, ts in zip(rows, iris, strict=True)]


def anchor_of(curie: str) -> str:
    """An HTML id for a CURIE ('gk:Post' -> 'gk-Post', 'gki:post/x' -> 'gki-post-x')."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in curie)
