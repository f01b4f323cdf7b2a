"""Answer formats: SPARQL 1.1 Results JSON, CSV and TSV, Markdown, the table, and RDF."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from fixtures.queries.fixture_store import fixture_store

from common.errors import UsageError
from queries.formats import render, short
from queries.runner import QueryResult, execute

XSD = "http://www.w3.org/2001/XMLSchema#"
SAMPLE = """SELECT ?iri ?lang ?int ?plain ?blank ?unbound WHERE {
  VALUES (?iri ?lang ?int ?plain) {
    (<https://w3id.org/govkg/id/post/cabinet-secretary> "Cabinet | Secretary"@en 42
     "a,\\"b\\"\\tc\\nd")
  }
  BIND(BNODE("x") AS ?blank)
}"""
INFERRED = (
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/govkg/graph/inferred> { ?s ?p ?o } }"
)


@pytest.fixture(scope="module")
def sample() -> QueryResult:
    """One row: an IRI, a tagged literal, an integer, an awkward string, a blank node."""
    return execute(fixture_store(), SAMPLE)


def oxigraph_serialised(fmt: ox.QueryResultsFormat) -> bytes:
    """The same answer written by Oxigraph's own (spec-conformant) serialiser."""
    answer = fixture_store().query(SAMPLE)
    assert isinstance(answer, ox.QuerySolutions)
    return answer.serialize(format=fmt) or b""


def test_json_is_sparql_results_json(sample: QueryResult) -> None:
    doc = json.loads(render(sample, "json"))
    assert doc["head"]["vars"] == ["iri", "lang", "int", "plain", "blank", "unbound"]
    (binding,) = doc["results"]["bindings"]
    assert binding["iri"] == {
        "type": "uri",
        "value": "https://w3id.org/govkg/id/post/cabinet-secretary",
    }
    assert binding["lang"] == {"type": "literal", "value": "Cabinet | Secretary", "xml:lang": "en"}
    assert binding["int"] == {"type": "literal", "value": "42", "datatype": XSD + "integer"}
    assert binding["plain"] == {"type": "literal", "value": 'a,"b"\tc\nd'}
    assert binding["blank"]["type"] == "bnode" and "unbound" not in binding
    theirs = json.loads(oxigraph_serialised(ox.QueryResultsFormat.JSON))
    del binding["blank"], theirs["results"]["bindings"][0]["blank"]
    assert theirs["results"]["bindings"][0] == binding


def test_csv_is_sparql_results_csv(sample: QueryResult) -> None:
    text = render(sample, "csv")
    assert text.endswith("\r\n")
    header, row = list(csv.reader(io.StringIO(text)))
    assert header == ["iri", "lang", "int", "plain", "blank", "unbound"]
    assert row[:4] == [
        "https://w3id.org/govkg/id/post/cabinet-secretary",
        "Cabinet | Secretary",
        "42",
        'a,"b"\tc\nd',
    ]
    assert row[4].startswith("_:") and row[5] == ""
    theirs = list(csv.reader(io.StringIO(oxigraph_serialised(ox.QueryResultsFormat.CSV).decode())))
    assert theirs[1][:4] == row[:4]


def test_tsv_is_sparql_results_tsv(sample: QueryResult) -> None:
    header, row = render(sample, "tsv").rstrip("\n").split("\n")
    assert header == "?iri\t?lang\t?int\t?plain\t?blank\t?unbound"
    cells = row.split("\t")
    assert cells[:4] == [
        "<https://w3id.org/govkg/id/post/cabinet-secretary>",
        '"Cabinet | Secretary"@en',
        f'"42"^^<{XSD}integer>',
        '"a,\\"b\\"\\tc\\nd"',
    ]
    assert cells[4].startswith("_:") and cells[5] == ""


def test_markdown_escapes_pipes_and_table_shortens(sample: QueryResult) -> None:
    markdown = render(sample, "markdown").splitlines()
    assert markdown[0].startswith("| iri | lang |") and markdown[1].startswith("| --- |")
    assert "Cabinet \\| Secretary" in markdown[2] and "gki:post/cabinet-secretary" in markdown[2]
    table = render(sample, "table")
    assert "gki:post/cabinet-secretary" in table and table.rstrip().endswith("(1 row)")
    assert short(ox.NamedNode("https://w3id.org/govkg/def#chairs")) == "gk:chairs"


def test_human_formats_hide_iri_columns_of_named_queries() -> None:
    result = execute(
        fixture_store(), 'SELECT ?who ?whoIri WHERE { BIND("x" AS ?who) BIND(<urn:x> AS ?whoIri) }'
    )
    assert "whoIri" not in render(result, "table", hide_iris=True)
    assert "whoIri" not in render(result, "markdown", hide_iris=True)
    assert "whoIri" in render(result, "csv", hide_iris=True) and "whoIri" in render(result, "table")


def test_ask_and_graph_answers() -> None:
    store = fixture_store()
    ask = execute(store, "ASK { ?s ?p ?o }")
    assert render(ask, "table") == "true\n"
    assert json.loads(render(ask, "json")) == {"head": {}, "boolean": True}
    graph = execute(
        store,
        INFERRED,
    )
    turtle = render(graph)
    assert "@prefix gk:" in turtle and "gk:holdsToAccount" in turtle
    assert render(graph, "nt").startswith("<https://w3id.org/govkg/id/post/cabinet-secretary>")
    assert json.loads(render(graph, "jsonld"))
    with pytest.raises(UsageError, match="CONSTRUCT/DESCRIBE"):
        render(graph, "csv")
    with pytest.raises(UsageError, match="needs a CONSTRUCT or DESCRIBE"):
        render(ask, "turtle")
