"""The 'improvement-plan' family on a hand-written fixture: it generalises beyond the corpus.

tests/fixtures/documents/improvement-plan/ holds a fictional departmental improvement plan
in the corpus layout (another department, author, goals and run-together cells) and its
golden facts, written by reading it. The build must find them all and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF

from golden_facts import read_golden, score
from graphbuild.families import improvement_plan, objectives_2012, objectives_2015
from graphbuild.pipeline import BuildResult, build_corpus
from graphbuild.text import CleanText
from ontology.namespace import GK, document_graph

FIXTURES = Path(__file__).parent / "fixtures" / "documents" / "improvement-plan"
CORPUS = Path(__file__).parent.parent / "corpus" / "documents"


@pytest.fixture(scope="module")
def fixture_build() -> BuildResult:
    """The fixture folder, built like a corpus."""
    return build_corpus(FIXTURES)


def _doc_ids() -> list[str]:
    """Every fixture document that has golden facts."""
    return sorted(p.stem for p in FIXTURES.glob("*.facts"))


@pytest.mark.parametrize("doc_id", _doc_ids())
def test_fixture_recall_and_precision(doc_id: str, fixture_build: BuildResult) -> None:
    """Every golden fact is found and every extracted fact is golden."""
    graph = fixture_build.graphs[document_graph(doc_id)]
    result = score(graph, read_golden(FIXTURES / f"{doc_id}.facts"))
    assert [str(f) for f in result.missed] == []
    assert [f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in result.extra] == []


def test_fixture_family_and_warnings(fixture_build: BuildResult) -> None:
    """The fixture is recognised as an improvement plan and every line is understood."""
    for report in fixture_build.report.documents:
        assert report.family == improvement_plan.NAME, report.error
        assert [str(w) for w in report.warnings] == []


def test_fixture_quotes_are_verbatim(fixture_build: BuildResult) -> None:
    """Every evidence quote is an exact substring of the raw fixture."""
    for report in fixture_build.report.documents:
        raw = (FIXTURES / report.file).read_text(encoding="utf-8")
        graph = fixture_build.graphs[document_graph(report.doc_id)]
        for ev in graph.subjects(RDF.type, RDF.Statement):
            quote = str(graph.value(ev, GK.quote))
            start = int(str(graph.value(ev, GK.quoteStart)))
            assert raw[start : start + len(quote)] == quote


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_detection_separates_families(path: Path) -> None:
    """Only improvement plans are taken for improvement plans, and they for nothing else."""
    text = CleanText(path.read_text(encoding="utf-8")).text
    is_plan = "improvement-plan" in path.stem
    assert improvement_plan.detect(text) == is_plan
    if is_plan:
        assert not objectives_2015.detect(text) and not objectives_2012.detect(text)
