"""One document's graph: every stated fact with its evidence (PROV-O, docs/architecture.md §5).

Extractors call `DocumentGraph.add(s, p, o, at=(start, end), rule=...)` with offsets into
the *cleaned* text; the fact is written with an evidence node (an rdf:Statement) that
carries prov:wasDerivedFrom the document, the verbatim quote of the RAW text, its raw
character offsets and line. Entity helpers mint stable IRIs for people, posts, localities
and text things (objectives, measures, milestones...).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import FOAF, PROV, SKOS
from rdflib.term import Node

from common.errors import SourceProblem
from graphbuild.corpus import SourceDocument
from graphbuild.formats import Canonical
from graphbuild.gazetteer import Gazetteer
from graphbuild.text import CleanText, normalise_ws, slug
from ontology.namespace import DOC, GK, ORG, entity

Offsets = tuple[int, int]
HONORIFICS = ("sir", "dame", "dr", "lord", "baroness", "professor", "mr", "mrs", "ms", "miss")
LABEL_MAX = 90


def strip_honorific(name: str) -> str:
    """'Sir Jeremy Heywood' -> 'Jeremy Heywood' (titles are not part of identity)."""
    words = normalise_ws(name).split(" ")
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def person_iri(name: str) -> URIRef:
    """A person's IRI: the same name (titles aside) is the same node in documents and CSVs."""
    return entity("person", slug(strip_honorific(name)))


def short_label(text: str) -> str:
    """A display label: the text, cut at a word boundary with an ellipsis when long."""
    text = normalise_ws(text)
    if len(text) <= LABEL_MAX:
        return text
    return text[:LABEL_MAX].rsplit(" ", 1)[0] + "…"


def _digest(*parts: object) -> str:
    """A short stable hash for minting IRIs."""
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:10]


@dataclass
class DocumentGraph:
    """The facts one document states, each with its evidence."""

    doc: SourceDocument
    clean: CleanText
    gazetteer: Gazetteer
    period: URIRef
    family: str
    graph: Graph = field(default_factory=lambda: Graph(store="SimpleMemory"))
    warnings: list[SourceProblem] = field(default_factory=list)
    spans: dict[URIRef, Offsets] = field(default_factory=dict)
    facts: int = 0
    canonical: Canonical | None = None
    department: URIRef | None = None
    post: URIRef | None = None
    person_name: str | None = None
    _stated: set[tuple[Node, Node, Node, int, int]] = field(default_factory=set)

    @property
    def text(self) -> str:
        """The cleaned text extractors read."""
        return self.clean.text

    @property
    def doc_iri(self) -> URIRef:
        """The IRI of the source document."""
        return DOC[self.doc.id]

    # -- facts and evidence --------------------------------------------------------------

    def add(self, s: Node, p: URIRef, o: Node, at: Offsets, rule: str) -> None:
        """State one fact with the evidence of the cleaned span `at`."""
        start, end = self._trim(at)
        span = self.clean.raw_span(start, end)
        key = (s, p, o, span.start, span.end)
        if key in self._stated:  # the same fact from the same words: already evidenced
            return
        self._stated.add(key)
        ev = entity("evidence", f"{self.doc.id}/{_digest(*key)}")
        quote = Literal(self.clean.quote(start, end))
        line = Literal(self.clean.raw_line(start), datatype=XSD.integer)
        add, g = self.graph.store.add, self.graph
        for triple in (
            (s, p, o),
            (ev, RDF.type, RDF.Statement),
            (ev, RDF.subject, s),
            (ev, RDF.predicate, p),
            (ev, RDF.object, o),
            (ev, PROV.wasDerivedFrom, self.doc_iri),
            (ev, GK.quote, quote),
            (ev, GK.quoteStart, Literal(span.start, datatype=XSD.integer)),
            (ev, GK.quoteEnd, Literal(span.end, datatype=XSD.integer)),
            (ev, GK.line, line),
            (ev, GK.extractedBy, Literal(f"{self.family}:{rule}")),
        ):
            add(triple, g)
        self.facts += 1

    def _trim(self, at: Offsets) -> Offsets:
        """Shrink a span so the quote neither starts nor ends with whitespace."""
        start, end = at
        text = self.clean.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            raise ValueError(f"empty evidence span {at} in {self.doc.id}")
        return start, end

    def warn(self, at: int, message: str) -> None:
        """Record a line the extractor could not interpret."""
        self.warnings.append(SourceProblem(self.doc.file, self.clean.raw_line(at), message))

    # -- entities ---------------------------------------------------------------------------

    def person(self, name: str, at: Offsets, rule: str) -> URIRef:
        """A person by name; the same name (titles aside) is the same node across documents."""
        name = normalise_ws(name)
        iri = person_iri(name)
        self.add(iri, RDF.type, FOAF.Person, at, rule)
        self.add(iri, FOAF.name, Literal(name), at, rule)
        self.add(iri, RDFS.label, Literal(name, lang="en"), at, rule)
        return iri

    def specific_post(
        self, kind: URIRef, place: URIRef, post_class: URIRef, at: Offsets, rule: str
    ) -> URIRef:
        """A post named '<kind>, <place>' (Coordinator, North West), typed and linked."""
        label = f"{self.label_of(kind)}, {self.label_of(place)}"
        iri = entity("post", slug(label))
        self.add(iri, RDF.type, post_class, at, rule)
        self.add(iri, RDFS.label, Literal(label, lang="en"), at, rule)
        self.add(iri, GK.kindOfPost, kind, at, rule)
        return iri

    def named(self, kind: str, name: str, rdf_type: URIRef, at: Offsets, rule: str) -> URIRef:
        """A named thing the ontology does not define (a locality, a plan's theme)."""
        name = normalise_ws(name)
        iri = entity(kind, slug(name))
        self.add(iri, RDF.type, rdf_type, at, rule)
        self.add(iri, RDFS.label, Literal(name, lang="en"), at, rule)
        return iri

    def text_thing(self, kind: str, rdf_type: URIRef, text: str, at: Offsets, rule: str) -> URIRef:
        """An objective, measure, milestone, action or function identified by its wording."""
        text = normalise_ws(text)
        iri = entity(kind, f"{self.doc.id}/{slug(' '.join(text.split()[:6]))}-{_digest(text)}")
        self.add(iri, RDF.type, rdf_type, at, rule)
        self.add(iri, GK.text, Literal(text), at, rule)
        self.add(iri, RDFS.label, Literal(short_label(text), lang="en"), at, rule)
        self.spans.setdefault(iri, at)
        return iri

    def hold(self, person: URIRef, post: URIRef, at: Offsets, rule: str) -> None:
        """person org:holds post, with a qualified gk:PostHolding in the document's period."""
        self.add(person, ORG.holds, post, at, rule)
        holding = entity("holding", _digest(person, post, self.period))
        self.add(holding, RDF.type, GK.PostHolding, at, rule)
        self.add(holding, GK.holder, person, at, rule)
        self.add(holding, GK.heldPost, post, at, rule)
        self.add(holding, GK.period, self.period, at, rule)

    def sit_on(self, member: URIRef, body: URIRef, chair: bool, at: Offsets, rule: str) -> None:
        """gk:chairs or gk:memberOf, with a qualified org:Membership in the period."""
        self.add(member, GK.chairs if chair else GK.memberOf, body, at, rule)
        role = GK.ChairRole if chair else GK.MemberRole
        membership = entity("membership", _digest(member, body, role, self.period))
        self.add(membership, RDF.type, ORG.Membership, at, rule)
        self.add(membership, ORG.member, member, at, rule)
        self.add(membership, ORG.organization, body, at, rule)
        self.add(membership, ORG.role, role, at, rule)
        self.add(membership, ORG.memberDuring, self.period, at, rule)

    def label_of(self, iri: URIRef) -> str:
        """The preferred label of a reference individual or an entity minted here."""
        for entry in self.gazetteer.entries:
            if entry.iri == iri:
                return entry.pref_label
        for label in self.graph.objects(iri, RDFS.label):
            return str(label)
        for label in self.graph.objects(iri, SKOS.prefLabel):
            return str(label)
        return str(iri).rsplit("/", 1)[-1]
