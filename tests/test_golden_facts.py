"""Recall and precision of the build against golden facts written by reading each document.

The numbers print with `pytest -s` (and always in the summary line of a failure). The floors
below are the levels reached; they only ever go up (issue "Build the knowledge graph", 2).
"""

from __future__ import annotations

import pytest

from golden_facts import GOLDEN_DIR, read_golden, score
from graphbuild.pipeline import BuildResult
from ontology.namespace import document_graph

FLOORS = {  # document id: (recall, precision)
    "cabinet-secretary-objectives-2012-13": (1.0, 1.0),
    "head-of-civil-service-objectives-2012-13": (1.0, 1.0),
    "cabinet-secretary-objectives-2015-16": (1.0, 1.0),
    "cabinet-office-departmental-improvement-plan-2014": (1.0, 1.0),
    "civil-service-local-business-plan-2018-20": (1.0, 1.0),
}


@pytest.mark.parametrize("doc_id", sorted(FLOORS))
def test_recall_and_precision(doc_id: str, corpus_build: BuildResult) -> None:
    """The document's graph finds its golden facts and states little else."""
    path = GOLDEN_DIR / f"{doc_id}.facts"
    if not path.exists():
        pytest.fail(f"no golden facts for {doc_id}: write {path}")
    golden = read_golden(path)
    graph = corpus_build.graphs[document_graph(doc_id)]
    result = score(graph, golden)
    print(
        f"\n{doc_id}: recall {result.recall:.1%} ({result.golden - len(result.missed)}"
        f"/{result.golden}), precision {result.precision:.1%} "
        f"({result.extracted - len(result.extra)}/{result.extracted})"
    )
    for fact in result.missed:
        print(f"  missed: {fact}")
    for s, p, o in result.extra:
        print(f"  extra:  {s.n3()} {p.n3()} {o.n3()}")
    recall_floor, precision_floor = FLOORS[doc_id]
    assert result.recall >= recall_floor and result.precision >= precision_floor, (
        f"{doc_id}: recall {result.recall:.1%} (floor {recall_floor:.0%}), "
        f"precision {result.precision:.1%} (floor {precision_floor:.0%})"
    )
