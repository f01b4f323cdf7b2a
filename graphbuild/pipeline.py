"""The build: documents in, one named graph of facts with evidence per document out.

read (any format → canonical text) → clean (offsets kept) → describe (period, department,
person) → choose the family (declared, a bundled layout, a layout-general reader by score,
or none) → extract with the gazetteer → sentence-level facts → report. A bad document is a
warning naming the file and why; the rest still builds and the report says the build was
partial (docs/architecture.md §2, §5).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from common.errors import SourceProblem
from graphbuild.corpus import (
    DocumentError,
    SourceDocument,
    bundled_corpus,
    collect_sources,
    read_canonical,
)
from graphbuild.describe import Description, describe
from graphbuild.facts import DocumentGraph
from graphbuild.families.choose import KIND_OF, Choice, choose_family
from graphbuild.families.document_post import state_document_post
from graphbuild.families.sentences import extract_sentences
from graphbuild.formats import Canonical
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
    format: str | None = None
    period: str | None = None
    department: str | None = None
    post: str | None = None
    person: str | None = None
    relations: int = 0
    explained: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Objectives and goals (of every class), measures and milestones stated."""
        objectives = sum(n for c, n in self.by_class.items() if c.endswith(("Objective", "Goal")))
        return {
            "objectives": objectives,
            "measures": self.by_class.get("PerformanceMeasure", 0),
            "milestones": self.by_class.get("Milestone", 0),
        }


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
    """Build every document of a corpus folder (the bundled one by default)."""
    return build_paths([corpus_dir or bundled_corpus()], same_as)


def build_paths(paths: list[Path], same_as: Graph | None = None) -> BuildResult:
    """Build every document of the files and folders given."""
    return build_documents(collect_sources(paths), same_as)


def build_documents(sources: list[SourceDocument], same_as: Graph | None = None) -> BuildResult:
    """Build documents, each into its own graph."""
    ontology = load_ontology()
    gazetteer = Gazetteer.from_ontology(ontology)
    defined_periods = set(ontology.subjects(RDF.type, TIME.ProperInterval))
    report = BuildReport()
    graphs: dict[URIRef, Graph] = {}
    for doc in sources:
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
        canonical = read_canonical(doc)
    except DocumentError as exc:
        rep.error = f"{doc.path}: {exc}"
        return None
    rep.format = canonical.format
    clean = CleanText(canonical.text)
    described = describe(canonical, clean, gazetteer, doc.path.name)
    doc = _resolved(doc, described, rep)
    if not doc.period:
        rep.error = f"{doc.path}: no period found (no year in its title, file name or text)"
        return None
    choice = choose_family(doc.family, clean, canonical)
    rep.family = choice.name
    rep.explained += [f"family: {choice.name} ({choice.reason})"]
    dg = DocumentGraph(doc, clean, gazetteer, period_iri(doc.period), choice.name)
    dg.canonical = canonical
    dg.department = described.department.iri if described.department else None
    _extract(dg, choice, described, rep)
    if dg.facts == 0:
        rep.error = (
            f"{doc.path}: unknown layout: nothing extracted (family {choice.name}:"
            f" {choice.reason}; no sentence states a relation)"
        )
        return None
    tag_themes(dg)
    _describe_document(dg, periods, canonical)
    _report(dg, rep)
    return dg.graph


def _resolved(doc: SourceDocument, described: Description, rep: DocumentReport) -> SourceDocument:
    """The document with what its manifest left out filled in from the text."""
    found = {
        "title": described.title,
        "period": described.period,
        "publisher": described.department,
    }
    values = {}
    for key, value in found.items():
        declared = getattr(doc, key)
        if declared:
            rep.explained.append(f"{key}: {declared} (the manifest)")
        elif value is not None:
            values[key] = value.value
            rep.explained.append(f"{key}: {value.value} ({value.reason})")
        else:
            rep.explained.append(f"{key}: not found")
    if described.person is not None:
        rep.explained.append(f"person: {described.person.value} ({described.person.reason})")
    rep.period = values.get("period", doc.period) or None
    rep.department = described.department.value if described.department else None
    rep.person = described.person.value if described.person else None
    return replace(
        doc,
        title=values.get("title") or doc.title or doc.path.stem,
        publisher=values.get("publisher") or doc.publisher or "unknown",
        period=values.get("period") or doc.period,
    )


def _extract(
    dg: DocumentGraph, choice: Choice, described: Description, rep: DocumentReport
) -> None:
    """Run the chosen extractor, and the sentence reader where the layout is not a bundled one."""
    for message in choice.warnings:
        dg.warn(0, message)
    if choice.family is not None and not choice.general:
        choice.family.extract(dg)
        return
    post = state_document_post(dg, described, generic=KIND_OF.get(choice.name) == "objectives")
    rep.post = dg.label_of(post) if post is not None else None
    if choice.family is not None:
        choice.family.extract(dg)
    rep.relations = extract_sentences(dg)


def _report(dg: DocumentGraph, rep: DocumentReport) -> None:
    """Counts and warnings of one built document."""
    rep.facts = dg.facts
    rep.warnings = dg.warnings
    rep.by_class = Counter(
        str(o).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        for s, o in dg.graph.subject_objects(RDF.type)
        if o != RDF.Statement
    )


def _describe_document(dg: DocumentGraph, periods: set[Node], canonical: Canonical) -> None:
    """Add the document's own description (title, publisher, period, family, text)."""
    g, d = dg.graph, DOC[dg.doc.id]
    g.add((d, RDF.type, GK.Document))
    g.add((d, DCTERMS.title, Literal(dg.doc.title)))
    g.add((d, RDFS.label, Literal(dg.doc.title, lang="en")))
    g.add((d, DCTERMS.publisher, Literal(dg.doc.publisher)))
    g.add((d, DCTERMS.identifier, Literal(dg.doc.id)))
    g.add((d, GK.documentFamily, Literal(dg.family)))
    g.add((d, GK.sourceFormat, Literal(canonical.format)))
    g.add((d, GK.sourceText, Literal(canonical.text)))
    g.add((d, GK.period, dg.period))
    if dg.period not in periods:
        g += period_triples(dg.doc.period)
