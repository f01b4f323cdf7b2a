"""The endpoint is right for every client: dataset semantics, base IRI, format parameters.

Written from SPARQL 1.1 Query §13 (RDF datasets), the SPARQL 1.1 Protocol (§2.1.4 dataset
parameters, UTF-8, service description) and what SPARQLWrapper sends, against a real
`govkg serve` on the bundled corpus (one named graph per document). The same dataset rules
hold in `govkg sparql` and the Python API (queries/dataset.py).
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import rdflib
from click.testing import CliRunner
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from test_server_support import server, store_path

import govkg
from govkg.cli import main

__all__ = ["server", "store_path"]

DOC = "https://w3id.org/govkg/graph/doc/"
ONE = DOC + "cabinet-secretary-objectives-2015-16"
TWO = DOC + "head-of-civil-service-objectives-2012-13"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT = "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o <https://w3id.org/govkg/def#objectiveOf> ?h }"


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (names in lower case) and body of a GET (error statuses included)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, lower(response.headers.items()), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, lower(exc.headers.items()), exc.read()


def lower(pairs: Any) -> dict[str, str]:
    """Header names in lower case (HTTP names are case-insensitive, RFC 9110 §5.1)."""
    return {name.lower(): value for name, value in pairs}


def ask(server: str, query: str, **params: str | list[str]) -> Any:
    """The SPARQL JSON answer to a GET with these protocol parameters."""
    fields = [("query", query)]
    for key, value in params.items():
        name = key.replace("_", "-")
        fields += [(name, v) for v in (value if isinstance(value, list) else [value])]
    status, _headers, body = get(f"{server}/sparql?{urllib.parse.urlencode(fields)}")
    assert status == 200, body
    return json.loads(body)


def column(doc: Any, name: str) -> list[str]:
    """One variable's values in a SPARQL JSON answer."""
    return sorted(b[name]["value"] for b in doc["results"]["bindings"] if name in b)


def count(doc: Any) -> int:
    """The ?n of a COUNT answer."""
    return int(doc["results"]["bindings"][0]["n"]["value"])


def test_from_restricts_the_answer_to_one_document(server: str) -> None:
    everything = count(ask(server, COUNT))
    one = count(ask(server, COUNT.replace("WHERE", f"FROM <{ONE}> WHERE")))
    assert 0 < one < everything
    assert column(ask(server, GRAPHS.replace("WHERE", f"FROM <{ONE}> WHERE")), "g") == []


def test_from_named_and_the_protocol_parameters(server: str) -> None:
    named = GRAPHS.replace("WHERE", f"FROM NAMED <{TWO}> WHERE")
    assert column(ask(server, named), "g") == [TWO]
    assert column(ask(server, GRAPHS, default_graph_uri=ONE), "g") == []  # §13.2: none
    assert column(ask(server, GRAPHS, named_graph_uri=[ONE, TWO]), "g") == [ONE, TWO]
    # the request's dataset overrides the query's
    overridden = ask(server, COUNT.replace("WHERE", f"FROM <{ONE}> WHERE"), default_graph_uri=TWO)
    assert count(overridden) == count(ask(server, COUNT, default_graph_uri=TWO)) > 0
    assert count(ask(server, COUNT, default_graph_uri=DOC + "no-such-document")) == 0


def test_no_dataset_is_the_union_with_every_graph_visible(server: str) -> None:
    graphs = column(ask(server, GRAPHS), "g")
    assert ONE in graphs and TWO in graphs


def test_relative_iris_resolve_against_the_endpoint(server: str) -> None:
    doc = ask(server, "SELECT ?x WHERE { BIND(<relative> AS ?x) }")
    assert column(doc, "x") == [f"{server}/relative"]
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery("CONSTRUCT { <s> <p> ?o } WHERE { ?x a ?o } LIMIT 1")
    client.setReturnFormat(TURTLE)
    assert len(rdflib.Graph().parse(data=client.query().convert(), format="turtle")) == 1


def test_cli_and_api_use_the_same_dataset_rules(store_path: Path) -> None:
    restricted = COUNT.replace("WHERE", f"FROM <{ONE}> WHERE")
    cli = CliRunner().invoke(
        main, ["sparql", restricted, "--format", "csv", "--store", str(store_path)]
    )
    everything = CliRunner().invoke(
        main, ["sparql", COUNT, "--format", "csv", "--store", str(store_path)]
    )
    assert 0 < int(cli.output.split()[-1]) < int(everything.output.split()[-1])
    kg = govkg.load(store_path)
    assert len(kg.sparql(GRAPHS.replace("WHERE", f"FROM <{ONE}> WHERE"))) == 0  # type: ignore[arg-type]
    base = kg.sparql("SELECT ?x WHERE { BIND(<post/cabinet-secretary> AS ?x) }")
    assert base[0].x == "https://w3id.org/govkg/id/post/cabinet-secretary"  # type: ignore[index]


@pytest.mark.parametrize(
    ("params", "query", "media"),
    [
        ({"format": "xml"}, "CONSTRUCT WHERE { ?s a ?o } LIMIT 2", "application/rdf+xml"),
        ({"format": "xml"}, "SELECT * WHERE { ?s a ?o } LIMIT 2", "application/sparql-results+xml"),
        ({"output": "json"}, "SELECT * WHERE { ?s a ?o } LIMIT 2",
         "application/sparql-results+json"),
        ({"results": "csv"}, "SELECT * WHERE { ?s a ?o } LIMIT 2", "text/csv"),
        ({"format": ["tsv", "text/tab-separated-values"]}, "SELECT * WHERE { ?s a ?o } LIMIT 2",
         "text/tab-separated-values"),
        ({"format": "json-ld", "output": "json-ld", "results": "json-ld"},
         "CONSTRUCT WHERE { ?s a ?o } LIMIT 2", "application/ld+json"),
        ({"format": "n3"}, "DESCRIBE <https://w3id.org/govkg/id/post/cabinet-secretary>",
         "text/turtle"),
        ({"format": "rdf+xml"}, "CONSTRUCT WHERE { ?s a ?o } LIMIT 2", "application/rdf+xml"),
    ],
)  # fmt: skip
def test_format_parameters_as_clients_send_them(
    server: str, params: dict[str, Any], query: str, media: str
) -> None:
    fields = [("query", query)] + [
        (k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])
    ]
    status, headers, body = get(f"{server}/sparql?{urllib.parse.urlencode(fields)}")
    assert status == 200, body
    assert headers["content-type"].startswith(media)


def test_conflicting_formats_are_named_and_unservable_ones_left_to_accept(server: str) -> None:
    fields = urllib.parse.urlencode([("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"),
                                     ("format", "json"), ("output", "csv")])  # fmt: skip
    status, _h, body = get(f"{server}/sparql?{fields}")
    assert status == 400 and b"csv" in body and b"json" in body
    fields = urllib.parse.urlencode([("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"),
                                     ("format", "rdf+xml")])  # fmt: skip
    status, headers, _b = get(f"{server}/sparql?{fields}", {"Accept": "text/csv"})
    assert status == 200 and headers["content-type"].startswith("text/csv")


def test_the_protocol_is_strict_where_it_is_strict(server: str) -> None:
    status, _h, body = get(f"{server}/sparql?query=SELECT%20%3Fx%20WHERE%20%7B%7D%20%23%FF")
    assert status == 400 and b"UTF-8" in body
    assert get(f"{server}/sparql/?query=ASK%7B%7D")[0] == 200
    request = urllib.request.Request(f"{server}/sparql", method="OPTIONS")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert "POST" in response.headers["Allow"]
    put = urllib.request.Request(f"{server}/sparql", method="PUT", data=b"x")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(put, timeout=10)
    assert refused.value.code == 405 and "GET" in refused.value.headers["Allow"]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
     ("application/ld+json", "json-ld"), ("application/n-triples", "nt"), ("", "turtle")],
)  # fmt: skip
def test_the_service_description_is_negotiated(server: str, accept: str, fmt: str) -> None:
    status, headers, body = get(f"{server}/sparql", {"Accept": accept} if accept else {})
    assert status == 200 and headers["content-type"].startswith(accept or "text/turtle")
    graph = rdflib.Graph().parse(data=body, format=fmt)
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    formats = set(graph.objects(None, sd.resultFormat))
    assert rdflib.URIRef("http://www.w3.org/ns/formats/RDF_XML") in formats
    assert get(f"{server}/sparql", {"Accept": "image/png"})[0] == 406


SELECT_FORMATS = [JSON, XML, CSV, TSV]
GRAPH_FORMATS = [XML, RDFXML, TURTLE, N3, JSONLD]
MODES = [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)]
OF = "<https://w3id.org/govkg/def#objectiveOf>"
QUERIES = {
    "SELECT": f"SELECT DISTINCT ?s WHERE {{ ?s {OF} ?h }} ORDER BY ?s LIMIT 3",
    "ASK": f"ASK {{ ?s {OF} ?h }}",
    "CONSTRUCT": f"CONSTRUCT {{ ?s {OF} ?h }} WHERE {{ ?s {OF} ?h }} ORDER BY ?s LIMIT 3",
    "DESCRIBE": "DESCRIBE <https://w3id.org/govkg/id/post/cabinet-secretary>",
}
CASES = [
    (form, fmt, method, mode, conneg)
    for form in QUERIES
    for fmt in (GRAPH_FORMATS if form in {"CONSTRUCT", "DESCRIBE"} else SELECT_FORMATS)
    for method, mode in MODES
    for conneg in (False, True)
]


def parsed(form: str, fmt: str, result: Any) -> int:
    """What the client's converted answer holds: rows, the boolean, or triples."""
    if form == "ASK":
        value = result["boolean"] if fmt == JSON else result
        if fmt == XML:
            return int(result.getElementsByTagName("boolean")[0].firstChild.data == "true")
        if fmt in (CSV, TSV):
            return int(result.decode().split()[-1] == "true")
        return int(bool(value))
    if form == "SELECT":
        if fmt == JSON:
            return len(result["results"]["bindings"])
        if fmt == XML:
            return len(result.getElementsByTagName("result"))
        return len(result.decode().strip().splitlines()) - 1
    if isinstance(result, rdflib.Graph):
        return len(result)
    syntax = "json-ld" if fmt == JSONLD else "turtle"
    return len(rdflib.Graph().parse(data=result, format=syntax))


@pytest.mark.parametrize(("form", "fmt", "method", "mode", "conneg"), CASES)
def test_sparqlwrapper_every_combination(
    server: str, form: str, fmt: str, method: str, mode: str, conneg: bool
) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(QUERIES[form])
    client.setMethod(method)
    client.setRequestMethod(mode)
    client.setReturnFormat(fmt)
    client.setOnlyConneg(conneg)
    got = parsed(form, fmt, client.query().convert())
    expected = {"SELECT": 3, "ASK": 1, "CONSTRUCT": 3}.get(form)
    assert got == expected if expected is not None else got > 0, (form, fmt, got)


def test_sparqlwrapper_defaults(server: str) -> None:
    """No return format set: SPARQLWrapper's defaults for each form."""
    for form in QUERIES:
        client = SPARQLWrapper(f"{server}/sparql")
        client.setQuery(QUERIES[form])
        result = client.query().convert()
        assert result is not None and not isinstance(result, io.IOBase)


def test_rdflib_sparqlstore_over_the_endpoint(server: str) -> None:
    """rdflib's SPARQLStore (GET and POST, XML and JSON results) reads the endpoint."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    for method in ("GET", "POST"):
        for fmt in ("xml", "json"):
            store = SPARQLStore(f"{server}/sparql", method=method, returnFormat=fmt)
            graph = rdflib.Graph(store)
            assert len(list(graph.query(QUERIES["SELECT"]))) == 3
            assert graph.query(QUERIES["ASK"]).askAnswer
            if fmt == "xml":  # rdflib reads a graph answer from RDF/XML only
                assert len(graph.query(QUERIES["CONSTRUCT"]).graph) == 3  # type: ignore[arg-type]
