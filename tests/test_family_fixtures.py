"""Every document family generalises: hand-written documents are extracted with no code change.

Data-driven over tests/fixtures/documents/<family>/ (pySHACL style): each folder is a small
corpus (manifest.toml, fictional documents in the corpus's messy layouts, and golden facts
written by reading them). Issue "Build the knowledge graph" §5. Also: each corpus and
fixture document is detected as exactly the family its manifest names.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF

from golden_facts import read_golden, score
from graphbuild.corpus import SourceDocument, bundled_corpus, load_manifest, read_document
from graphbuild.families import families
from graphbuild.pipeline import BuildResult, build_corpus
from graphbuild.text import CleanText
from ontology.namespace import GK, document_graph

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
FOLDERS = sorted(p for p in FIXTURES.iterdir() if (p / "manifest.toml").is_file())
GOLDEN = [(folder, facts.stem) for folder in FOLDERS for facts in sorted(folder.glob("*.facts"))]


@cache
def built(folder: Path) -> BuildResult:
    """A fixture folder built like a corpus (once per session)."""
    return build_corpus(folder)


def every_document() -> list[SourceDocument]:
    """The corpus documents and every fixture document."""
    return load_manifest(bundled_corpus()) + [d for f in FOLDERS for d in load_manifest(f)]


def test_every_family_has_a_fixture() -> None:
    """No family goes without a hand-written document of its own."""
    fixture_families = {d.family for f in FOLDERS for d in load_manifest(f)}
    assert {f.name for f in families()} <= fixture_families


@pytest.mark.parametrize(("folder", "doc_id"), GOLDEN, ids=[d for _, d in GOLDEN])
def test_fixture_matches_its_golden_facts(folder: Path, doc_id: str) -> None:
    """100% recall and precision on a document the extractors were not written for."""
    result = score(
        built(folder).graphs[document_graph(doc_id)], read_golden(folder / f"{doc_id}.facts")
    )
    assert [str(f) for f in result.missed] == []
    assert [f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in result.extra] == []


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_fixture_builds_as_its_family_without_warnings(folder: Path) -> None:
    """Every line of the fixture is understood by the family its manifest names."""
    manifest = {d.id: d.family for d in load_manifest(folder)}
    for report in built(folder).report.documents:
        assert report.family == manifest[report.doc_id], report.error
        assert [str(w) for w in report.warnings] == []


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_fixture_quotes_are_verbatim(folder: Path) -> None:
    """Each evidence quote is the raw fixture text at its offsets."""
    for doc in load_manifest(folder):
        raw = read_document(doc)
        graph = built(folder).graphs[document_graph(doc.id)]
        for ev in graph.subjects(RDF.type, RDF.Statement):
            start, end = (
                int(str(graph.value(ev, GK.quoteStart))),
                int(str(graph.value(ev, GK.quoteEnd))),
            )
            assert raw[start:end] == str(graph.value(ev, GK.quote))


@pytest.mark.parametrize("doc", every_document(), ids=lambda d: d.id)
def test_exactly_one_family_detects_each_document(doc: SourceDocument) -> None:
    """Only the manifest's family accepts the document; every other family rejects it."""
    text = CleanText(read_document(doc)).text
    accepting = [f.name for f in families() if f.detect(text)]
    assert accepting == [doc.family]
