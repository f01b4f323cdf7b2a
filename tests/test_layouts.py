"""Documents in layouts and formats the bundled corpus does not have, built with no manifest.

Issue "Real documents in any layout and format": each fixture of tests/fixtures/layouts/ is a
document written in another real layout (a 2015/16 departmental document, a 2014/15 GOV.UK
page, a 2013/14 form-field document, a GOV.UK HTML improvement plan, PDFs rendered from
tests/fixtures/layouts/pdf/*.source with a ruled three-column table), with golden facts
written by reading it (tests/golden/README.md). Each is built from its file alone; recall
and precision are printed per fixture, and every quote is checked against the stored
canonical text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, Graph
from render_documents import to_docx, to_html, to_pdf

from golden_facts import extracted_facts, read_golden, score
from graphbuild.formats import read_source
from graphbuild.pipeline import BuildResult, build_paths
from ontology.namespace import DOC, GK

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
DOCUMENTS = sorted(p for p in LAYOUTS.iterdir() if p.suffix in (".txt", ".html"))
PDF_SOURCES = sorted((LAYOUTS / "pdf").glob("*.source"))
CORPUS = Path(__file__).parents[1] / "corpus" / "documents"


@cache
def rendered_pdf(source: Path) -> Path:
    """A .source fixture rendered to a PDF in a scratch folder (once per session)."""
    out = Path(__import__("tempfile").mkdtemp(prefix="govkg-pdf-")) / f"{source.stem}.pdf"
    return to_pdf(source.read_text(encoding="utf-8"), out)


def fixture_files() -> list[tuple[Path, Path]]:
    """(document to build, its golden facts) for every fixture."""
    pairs = [(p, p.with_suffix(".facts")) for p in DOCUMENTS]
    return pairs + [(s, s.with_suffix(".facts")) for s in PDF_SOURCES]


@cache
def built(document: Path) -> BuildResult:
    """One fixture built from its file alone (a .source is rendered to PDF first)."""
    path = rendered_pdf(document) if document.suffix == ".source" else document
    return build_paths([path])


def only_graph(result: BuildResult) -> Graph:
    """The graph of a one-document build."""
    assert len(result.graphs) == 1, [d.error for d in result.report.documents]
    return next(iter(result.graphs.values()))


FIXTURES = fixture_files()


@pytest.mark.parametrize(("document", "golden"), FIXTURES, ids=[d.name for d, _ in FIXTURES])
def test_fixture_matches_its_golden_facts(document: Path, golden: Path) -> None:
    """100% recall and precision on a layout the bundled readers were not written for."""
    result = built(document)
    report = result.report.documents[0]
    found = score(only_graph(result), read_golden(golden))
    print(
        f"{document.name}: {report.format}, family {report.family}, period {report.period},"
        f" {report.department}, post {report.post}, person {report.person};"
        f" recall {found.recall:.2f}, precision {found.precision:.2f}"
    )
    assert [str(f) for f in found.missed] == []
    assert [f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in found.extra] == []
    expected = ["no family fits"] if report.family == "none" else []
    assert [w.message.split(" (")[0] for w in report.warnings] == expected


@pytest.mark.parametrize(("document", "golden"), FIXTURES, ids=[d.name for d, _ in FIXTURES])
def test_every_quote_is_in_the_stored_canonical_text(document: Path, golden: Path) -> None:
    """quote == gk:sourceText[quoteStart:quoteEnd], and the stored text is the file's reading."""
    result = built(document)
    graph = only_graph(result)
    doc = DOC[result.report.documents[0].doc_id]
    text = str(graph.value(doc, GK.sourceText))
    path = rendered_pdf(document) if document.suffix == ".source" else document
    assert text == read_source(path).text
    quotes = 0
    for ev in graph.subjects(RDF.type, RDF.Statement):
        start, end = int(graph.value(ev, GK.quoteStart)), int(graph.value(ev, GK.quoteEnd))
        assert text[start:end] == str(graph.value(ev, GK.quote))
        quotes += 1
    assert quotes > 20


def facts_of(path: Path) -> set[tuple[object, object, object]]:
    """The comparable facts of a one-document build."""
    return set(extracted_facts(only_graph(build_paths([path]))))


@pytest.mark.parametrize(
    ("name", "formats"),
    [
        ("cabinet-secretary-objectives-2015-16", ("pdf", "html", "docx")),
        ("cabinet-office-departmental-improvement-plan-2014", ("pdf", "html", "docx")),
        ("civil-service-local-business-plan-2018-20", ("html", "docx")),
    ],
)
def test_the_same_document_as_text_pdf_and_html_gives_the_same_facts(
    name: str, formats: tuple[str, ...], tmp_path: Path
) -> None:
    """A bundled document as PDF, GOV.UK page and Word file builds into the same facts."""
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    original = facts_of(CORPUS / f"{name}.txt")
    assert len(original) > 50
    for fmt in formats:
        path = tmp_path / f"{name}.{fmt}"
        {"pdf": to_pdf, "html": to_html, "docx": to_docx}[fmt](text, path)
        assert facts_of(path) == original, fmt


def test_a_line_the_reader_cannot_attribute_is_reported(tmp_path: Path) -> None:
    """A measure row above every objective: a warning with its line, the rest extracted."""
    doc = tmp_path / "objectives-2015-16.txt"
    doc.write_text(
        "Permanent Secretary objectives 2015/16\n\nJANE DOE, DEPARTMENT FOR TRANSPORT\n\n"
        "Objective\tMeasures\tMilestones\n"
        "\tFeedback from the Secretary of State\tJune 2015\n"
        "1. Deliver the programme\tProgramme delivered\tMarch 2016\n",
        encoding="utf-8",
    )
    report = build_paths([doc]).report.documents[0]
    assert [str(w) for w in report.warnings] == [
        "objectives-2015-16.txt:6: table row before any objective: not attributed"
    ]
    assert report.counts == {"objectives": 1, "measures": 1, "milestones": 1}
