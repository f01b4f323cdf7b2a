"""Organogram ingest of the bundled CSVs equals its golden graphs (tests/golden_graphs.py).

Compared graph by graph with rdflib.compare (isomorphism, so blank-node labels would not
matter); a difference lists the first quads only in the ingest and only in the golden file.
Regenerate after an intended change with `python tests/golden_graphs.py`.
"""

from __future__ import annotations

import gzip

import pytest
from golden_graphs import CASES, golden_path, ingested_nquads
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic


def graphs(nquads: str) -> dict[str, Graph]:
    """Named graph IRI -> its triples, parsed by rdflib."""
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def differences(got: Graph, want: Graph, limit: int = 5) -> str:
    """The first triples only in one of two graphs, for the failure message."""
    _both, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
    extra = sorted(only_got.serialize(format="nt").splitlines())[:limit]
    lacking = sorted(only_want.serialize(format="nt").splitlines())[:limit]
    return f"only in the ingest: {extra}\nonly in the golden file: {lacking}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_ingest_equals_the_golden_graphs(case: str) -> None:
    got = graphs(ingested_nquads(case))
    want = graphs(gzip.decompress(golden_path(case).read_bytes()).decode("utf-8"))
    assert sorted(got) == sorted(want), "the ingest wrote other named graphs"
    for name, graph in want.items():
        assert isomorphic(got[name], graph), f"{name}:\n{differences(got[name], graph)}"


def test_a_changed_ingest_is_caught() -> None:
    """The comparison fails when one triple changes (the test can fail)."""
    text = ingested_nquads("defra-example-cp1252")
    changed = text.replace('"Director General', '"Director-General', 1)
    assert changed != text
    got, want = graphs(changed), graphs(text)
    assert any(not isomorphic(got[n], want[n]) for n in want)
