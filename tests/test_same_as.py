"""People are never merged silently: candidates are reported; curated owl:sameAs merges.

Issue "Build the knowledge graph" §4; docs/architecture.md §5.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib.namespace import FOAF

from govkg.build import curated_same_as
from graphbuild.corpus import bundled_corpus
from graphbuild.pipeline import BuildResult, build_corpus
from ontology.namespace import entity

CORPUS = Path(__file__).parents[1] / "corpus"
ANDY = entity("person", "andy-ashworth")
ANDREW = entity("person", "andrew-ashworth")


def people(result: BuildResult) -> set[object]:
    """Every person node across the document graphs."""
    return {s for g in result.graphs.values() for s in g.subjects(None, FOAF.Person)}


def test_spelling_variants_are_reported_not_merged(corpus_build: BuildResult) -> None:
    """Andy and Andrew Ashworth stay two nodes and are a reported candidate pair."""
    assert {ANDY, ANDREW} <= people(corpus_build)
    pairs = {(c.first, c.second) for c in corpus_build.report.candidates}
    assert (ANDREW, ANDY) in pairs or (ANDY, ANDREW) in pairs


def test_titles_are_not_identity() -> None:
    """'Sir Jeremy Heywood' in two documents is one node (titles are not part of a name)."""
    result = build_corpus()
    heywood = entity("person", "jeremy-heywood")
    graphs_naming_him = [g for g in result.graphs.values() if (heywood, None, None) in g]
    assert len(graphs_naming_him) == 2


def test_bundled_corpus_confirms_no_merge() -> None:
    """The shipped curated file states no owl:sameAs."""
    assert len(curated_same_as([bundled_corpus()])) == 0


def test_curated_same_as_merges(tmp_path: Path) -> None:
    """An explicit owl:sameAs in the corpus's same-as.ttl merges the two nodes."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns("organograms", "__pycache__"))
    (corpus / "same-as.ttl").write_text(
        f"<{ANDREW}> <http://www.w3.org/2002/07/owl#sameAs> <{ANDY}> .\n", encoding="utf-8"
    )
    result = build_corpus(corpus, curated_same_as([corpus]))
    assert ANDREW in people(result) and ANDY not in people(result)
    assert not any({c.first, c.second} == {ANDY, ANDREW} for c in result.report.candidates)
