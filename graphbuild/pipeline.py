"""The build: corpus documents in, one named graph of facts with evidence per document out.

read → clean (offsets kept) → detect the family → extract with the gazetteer → report.
A bad document is a warning naming the file and why; the rest still builds and the
report says the build was partial (docs/architecture.md §2, §5).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from common.errors import SourceProblem
from graphbuild.corpus import DocumentError, SourceDocument, load_manifest, read_document
from graphbuild.facts import DocumentGraph
from graphbuild.families import detect_family
from graphbuild.gazetteer import Gazetteer
from graphbuild.people import SameAsCandidate, apply_same_as, same_person_candidates
from graphbuild.periods import period_iri, period_triples
from graphbuild.text import CleanText
from graphbuild.themes import tag_themes
from ontology import load_ontology
from ontology.namespace import DOC, GK, TIME, document_graph


@dataclass
class DocumentReport:
    """What the build made of one document."""

    doc_id: str
    file: str
    family: str | None = None
    facts: int = 0
    by_class: Counter[str] = field(default_factory=Counter)
    warnings: list[SourceProblem] = field(default_factory=list)
    error: str | None = None


@dataclass
class BuildReport:
    """Counts, warnings and person candidates for the whole build."""

    documents: list[DocumentReport] = field(default_factory=list)
    candidates: list[SameAsCandidate] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """True when a document could not be built (line warnings alone do not count)."""
        return any(d.error for d in self.documents)

    @property
    def failed(self) -> list[DocumentReport]:
        """Documents that produced no graph."""
        return [d for d in self.documents if d.error]


@dataclass
class BuildResult:
    """The graphs to store (graph IRI -> graph) and the report."""

    graphs: dict[URIRef, Graph]
    report: BuildReport


def build_corpus(corpus_dir: Path | None = None, same_as: Graph | None = None) -> BuildResult:
    """Build every document of the corpus (the bundled one by default)."""
    ontology = load_ontology()
    gazetteer = Gazetteer.from_ontology(ontology)
    defined_periods = set(ontology.subjects(RDF.type, TIME.ProperInterval))
    report = BuildReport()
    graphs: dict[URIRef, Graph] = {}
    for doc in load_manifest(corpus_dir):
        doc_report = DocumentReport(doc.id, doc.file)
        report.documents.append(doc_report)
        graph = _build_document(doc, gazetteer, defined_periods, doc_report)
        if graph is not None:
            graphs[document_graph(doc.id)] = graph
    if same_as is not None:
        apply_same_as(graphs, same_as)
    report.candidates = same_person_candidates(graphs.values())
    return BuildResult(graphs, report)


def _build_document(
    doc: SourceDocument, gazetteer: Gazetteer, periods: set[Node], rep: DocumentReport
) -> Graph | None:
    """Extract one document; on a bad document, record why and return None."""
    try:
        raw = read_document(doc)
    except DocumentError as exc:
        rep.error = f"{doc.path}: {exc}"
        return None
    clean = CleanText(raw)
    family = detect_family(clean.text)
    if family is None:
        rep.error = f"{doc.path}: unknown layout (no document family recognises it)"
        return None
    rep.family = family.name
    dg = DocumentGraph(doc, clean, gazetteer, period_iri(doc.period), family.name)
    if family.name != doc.family:
        dg.warn(0, f"manifest says family {doc.family!r}; the text looks like {family.name!r}")
    family.extract(dg)
    tag_themes(dg)
    _describe_document(dg, periods)
    rep.facts = dg.facts
    rep.warnings = dg.warnings
    rep.by_class = Counter(
        str(o).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        for s, o in dg.graph.subject_objects(RDF.type)
        if o != RDF.Statement
    )
    return dg.graph


def _describe_document(dg: DocumentGraph, periods: set[Node]) -> None:
    """Add the document's own description (title, publisher, period, family)."""
    g, d = dg.graph, DOC[dg.doc.id]
    g.add((d, RDF.type, GK.Document))
    g.add((d, DCTERMS.title, Literal(dg.doc.title)))
    g.add((d, RDFS.label, Literal(dg.doc.title, lang="en")))
    g.add((d, DCTERMS.publisher, Literal(dg.doc.publisher)))
    g.add((d, DCTERMS.identifier, Literal(dg.doc.id)))
    g.add((d, GK.documentFamily, Literal(dg.family)))
    g.add((d, GK.period, dg.period))
    if dg.period not in periods:
        g += period_triples(dg.doc.period)
