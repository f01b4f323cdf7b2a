"""`govkg serve` as users meet it: a real server process, SPARQLWrapper and curl as clients.

The server (test_server_support) runs on a free loopback port with a 1 s time limit, 100
rows at most and a 4 KiB body cap, so every limit can be reached quickly.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper
from test_server_support import curl, server, store_path

__all__ = ["server", "store_path"]

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LABELS = (
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label "
    "FILTER(STRSTARTS(STR(?s), 'https://w3id.org/govkg/id/post/')) } ORDER BY ?s ?label LIMIT 20"
)


def test_default_bind_is_loopback(server: str) -> None:
    assert server.startswith("http://127.0.0.1:")


def test_sparqlwrapper_json_and_csv(server: str, store_path: Path) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(LABELS)
    client.setReturnFormat(JSON)
    doc: Any = client.query().convert()
    rows = doc["results"]["bindings"]
    answer: Any = ox.Store.read_only(str(store_path)).query(LABELS, use_default_graph_as_union=True)
    expected = [(s["s"].value, s["label"].value) for s in answer]
    assert [(r["s"]["value"], r["label"]["value"]) for r in rows] == expected
    client.setReturnFormat(CSV)
    data: Any = client.query().convert()
    table = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert table[0] == ["s", "label"] and [tuple(r) for r in table[1:]] == expected


def test_sparqlwrapper_construct_as_turtle(server: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5")
    client.setReturnFormat(TURTLE)
    data = client.query().convert()
    assert len(list(ox.parse(data, format=ox.RdfFormat.TURTLE))) == 5  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("accept", "media", "marker"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", '"vars"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql"),
        ("text/csv", "text/csv", "s,label"),
        ("text/tab-separated-values", "text/tab-separated-values", "?s\t?label"),
    ],
)
def test_curl_get_negotiates_results_formats(
    server: str, accept: str, media: str, marker: str
) -> None:
    status, headers, body = curl(
        "-G", "-H", f"Accept: {accept}", "--data-urlencode", f"query={LABELS}", f"{server}/sparql"
    )
    assert status == 200 and headers["content-type"].startswith(media) and marker in body


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_curl_post_construct_as_rdf(server: str, accept: str, media: str) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"
    status, headers, body = curl(
        "-H",
        f"Accept: {accept}",
        "-H",
        "Content-Type: application/sparql-query",
        "--data-binary",
        query,
        f"{server}/sparql",
    )
    assert status == 200 and headers["content-type"].startswith(media) and body.strip()


def test_post_form_and_ask(server: str) -> None:
    status, _, body = curl("--data-urlencode", "query=ASK { ?s ?p ?o }", f"{server}/sparql")
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://a/s> <http://a/p> 1 }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "CLEAR ALL",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "# SELECT * {}\nSELECT * WHERE { ?s ?p ?o FILTER(?o<?s)SERVICE#>\n"
        "<http://127.0.0.1:9/>{?s ?p ?o} }",
    ],
)
def test_updates_and_service_are_refused_with_403(server: str, query: str) -> None:
    form = ["--data-urlencode", f"query={query}"]
    direct = ["-H", "Content-Type: application/sparql-query", "--data-binary", query]
    for args in (form, direct):
        status, _, body = curl(*args, f"{server}/sparql")
        assert status == 403, body
        assert "not allowed" in body


def test_update_operation_is_refused(server: str) -> None:
    status, _, body = curl("--data-urlencode", "update=CLEAR ALL", f"{server}/sparql")
    assert status == 403 and "read-only" in body
    status, _, _ = curl(
        "-H",
        "Content-Type: application/sparql-update",
        "--data-binary",
        "CLEAR ALL",
        f"{server}/sparql",
    )
    assert status == 403


def test_bad_query_is_400_with_the_parser_message(server: str) -> None:
    status, _, body = curl(
        "--data-urlencode", "query=SELEC ?x WHERE { ?x ?p ?o }", f"{server}/sparql"
    )
    assert status == 400 and "SPARQL syntax error" in body and "1:" in body


def test_time_limit_kills_the_query_while_others_are_answered(server: str) -> None:
    heavy: dict[str, Any] = {}

    def run_heavy() -> None:
        started = time.perf_counter()
        heavy["reply"] = curl("--data-urlencode", f"query={HEAVY}", f"{server}/sparql")
        heavy["seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=run_heavy)
    thread.start()
    time.sleep(0.3)
    started = time.perf_counter()
    fresh = f'ASK {{ ?s ?p ?o FILTER(?o != "{time.time()}") }}'  # never asked: not cached
    status, _, body = curl("--data-urlencode", f"query={fresh}", f"{server}/sparql")
    quick = time.perf_counter() - started
    assert thread.is_alive(), "the heavy query should still be running"
    thread.join(20)
    assert status == 200 and json.loads(body)["boolean"] is True and quick < 0.8
    heavy_status, _, heavy_body = heavy["reply"]
    assert heavy_status == 503 and "time limit of 1 s" in heavy_body
    assert 0.9 < heavy["seconds"] < 5
    assert curl("--data-urlencode", "query=ASK {}", f"{server}/sparql")[0] == 200


def test_row_limit_is_stated(server: str) -> None:
    status, headers, body = curl(
        "--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o }", f"{server}/sparql"
    )
    doc = json.loads(body)
    assert (
        status == 200
        and headers["x-govkg-truncated"] == "true"
        and headers["x-govkg-row-limit"] == "100"
    )
    assert doc["truncated"] is True and doc["head"]["link"] == ["/about/truncated"]
    assert len(doc["results"]["bindings"]) == 100
    _, headers, body = curl(
        "--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o } LIMIT 5", f"{server}/sparql"
    )
    assert headers["x-govkg-truncated"] == "false" and "truncated" not in json.loads(body)
    assert "100 rows" in curl(f"{server}/about/truncated")[2]


def test_oversize_body_is_413(server: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 8000
    status, _, body = curl(
        "-H", "Content-Type: application/sparql-query", "--data-binary", query, f"{server}/sparql"
    )
    assert status == 413 and "4096" in body


def test_cors_for_any_origin_never_with_credentials(server: str) -> None:
    _, headers, _ = curl(
        "-G",
        "-H",
        "Origin: https://example.org",
        "--data-urlencode",
        "query=ASK {}",
        f"{server}/sparql",
    )
    assert headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in headers
    status, headers, _ = curl(
        "-X", "OPTIONS", "-H", "Origin: https://example.org", f"{server}/sparql"
    )
    assert status == 204 and "access-control-allow-credentials" not in headers


def test_service_description(server: str) -> None:
    status, headers, body = curl(f"{server}/sparql")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(body.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = [t.object.value for t in triples if t.predicate.value == sd + "endpoint"]
    assert endpoint == [f"{server}/sparql"]
    names = {t.object.value for t in triples if t.predicate.value == sd + "name"}
    assert "https://w3id.org/govkg/graph/ontology" in names


def test_read_only_methods(server: str) -> None:
    assert curl("-X", "PUT", "--data-binary", "x", f"{server}/sparql")[0] == 405
