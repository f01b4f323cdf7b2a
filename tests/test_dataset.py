"""queries.dataset: which queries name their own dataset, and the options each case gives."""

from __future__ import annotations

import pytest

from queries.dataset import dataset_options, declares_dataset


@pytest.mark.parametrize(
    ("query", "declares"),
    [
        ("SELECT * FROM <http://g> WHERE { ?s ?p ?o }", True),
        ("select * from named <http://g> where { graph ?g { ?s ?p ?o } }", True),
        ("SELECT * WHERE { ?s <http://x/from> 'from' }", False),  # inside an IRI and a string
        ("SELECT * WHERE { ?s ex:from ?o }", False),  # a prefixed name
        ("SELECT * WHERE { ?s prov:wasDerivedFrom ?o }", False),
        ("SELECT * WHERE { ?s ?p ?o } # from a comment", False),
    ],
)
def test_declares_dataset(query: str, declares: bool) -> None:
    assert declares_dataset(query) is declares


def test_options_for_each_case() -> None:
    plain = "SELECT * WHERE { ?s ?p ?o }"
    assert dataset_options(plain) == {"use_default_graph_as_union": True}
    assert dataset_options("SELECT * FROM <http://g> WHERE { ?s ?p ?o }") == {}
    only_default = dataset_options(plain, ["http://g"])
    assert [g.value for g in only_default["default_graph"]] == ["http://g"]
    assert only_default["named_graphs"] == []  # default-graph-uri alone: no named graphs
    only_named = dataset_options(plain, [], ["http://n"])
    assert only_named["default_graph"] == [] and only_named["named_graphs"][0].value == "http://n"
