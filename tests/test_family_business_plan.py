"""The 'business-plan' family: detection, a hand-written fixture, and its reading rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from golden_facts import read_golden, score
from graphbuild.corpus import bundled_corpus, load_manifest, read_document
from graphbuild.families import business_plan
from graphbuild.families.business_plan_people import resolve_abbreviation
from graphbuild.pipeline import BuildResult, build_corpus
from graphbuild.text import CleanText
from ontology.namespace import GK, document_graph

FIXTURES = Path(__file__).parent / "fixtures" / "documents" / "business-plan"


@pytest.fixture(scope="module")
def fixture_build() -> BuildResult:
    """The fixture folder, built in memory."""
    return build_corpus(FIXTURES)


def test_fixture_matches_its_golden_facts(fixture_build: BuildResult) -> None:
    """Every fact of the hand-written plan is found, and nothing else is stated."""
    for doc in load_manifest(FIXTURES):
        golden = read_golden(FIXTURES / f"{doc.id}.facts")
        result = score(fixture_build.graphs[document_graph(doc.id)], golden)
        missed = [str(f) for f in result.missed]
        extra = [" ".join(t.n3() for t in f) for f in result.extra]
        assert result.recall == 1.0, missed
        assert result.precision == 1.0, extra


def test_fixture_builds_without_warnings(fixture_build: BuildResult) -> None:
    """Every line of the fixture's structured parts is understood."""
    for report in fixture_build.report.documents:
        assert report.family == business_plan.NAME
        assert not report.error and not report.warnings, report.warnings


@pytest.mark.parametrize("folder", [None, FIXTURES], ids=["corpus", "fixture"])
def test_quotes_are_verbatim(folder: Path | None, fixture_build: BuildResult) -> None:
    """Each evidence quote of a business plan is the raw text at its offsets."""
    build = fixture_build if folder else build_corpus()
    docs = [d for d in load_manifest(folder) if d.family == business_plan.NAME]
    for doc in docs:
        raw = read_document(doc)
        graph = build.graphs[document_graph(doc.id)]
        for ev in graph.subjects(GK.quote, None):
            start, end = str(graph.value(ev, GK.quoteStart)), str(graph.value(ev, GK.quoteEnd))
            assert raw[int(start) : int(end)] == str(graph.value(ev, GK.quote))


def test_detects_only_business_plans() -> None:
    """The detector accepts business plans and rejects the other families' documents."""
    docs = load_manifest(bundled_corpus()) + load_manifest(FIXTURES)
    for doc in docs:
        text = CleanText(read_document(doc)).text
        assert business_plan.detect(text) == (doc.family == business_plan.NAME), doc.id


@pytest.mark.parametrize(
    ("abbreviation", "expected"),
    [("Mids", "Midlands"), ("SW", "South West"), ("NW", "North West"), ("Yorks", None)],
)
def test_shared_with_abbreviations(abbreviation: str, expected: str | None) -> None:
    """'(shared with Mids)' names another locality of the document by a general rule."""
    names = ["Midlands", "South West", "North West", "North East", "Scotland"]
    assert resolve_abbreviation(abbreviation, names) == expected
