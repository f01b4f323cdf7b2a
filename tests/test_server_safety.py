"""The read-only guard: SERVICE and SPARQL Update refused by tokens, checked against Oxigraph.

Every adversarial query is also run through pyoxigraph with a listening socket as the
SERVICE target: whenever the guard lets a query through, Oxigraph must not connect out.
"""

from __future__ import annotations

import itertools
import socket
import threading
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from common.sparql_lexer import first_keyword, query_form, tokens
from common.sparql_safety import Refused, check_query, find_service, mentions_update

GLUES = ["", " ", "true", "false", "1", "1.5", "1e3", "?o", '"x"', "'x'", '"x"@en',
         "<http://a/x>", "ex:a", "ex:", ")", ".", "_:b", "a", "\n", "#c\n", "ex:a.", "1.", "?o.",
         "\\#"]  # fmt: skip
SD = "http://www.w3.org/ns/sparql-service-description#"
KEYWORDS = ["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "SERVICESILENT"]
HEAD = "PREFIX ex: <http://a/> SELECT * WHERE {{ "
TEMPLATES = [
    HEAD + "?s ?p ?o {glue}{kw}{target}{{ ?s ?p ?o }} }}",
    HEAD + "?s ?p ?o FILTER(?o<{glue}){kw}{target}{{ ?s ?p ?o }} }}",
    HEAD + '?s ?p ?o FILTER(?o<"2"){glue}{kw}#>\n{target}{{?s ?p ?o}} }}',
    HEAD + "?s ?p {glue}{kw}{target}{{ ?s ?p ?o }} }}",
]


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[str, list[int]]]:
    """A loopback socket that counts the connections Oxigraph makes to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    hits: list[int] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            hits.append(1)
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    yield f"<http://127.0.0.1:{server.getsockname()[1]}/sparql>", hits
    server.close()


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """A store where every pattern above has something to match."""
    s = ox.Store()
    g = ox.NamedNode("http://a/g")
    objects: list[ox.NamedNode | ox.Literal] = [ox.Literal("1"), ox.Literal(True), ox.Literal(1)]
    for o in [*objects, ox.NamedNode("http://a/x")]:
        s.add(ox.Quad(ox.NamedNode("http://a/s"), ox.NamedNode("http://a/p"), o, g))
    return s


def _calls_out(store: ox.Store, query: str, hits: list[int]) -> bool:
    """True when Oxigraph connected to the listener while running the query."""
    before = len(hits)
    try:
        answer = store.query(query, use_default_graph_as_union=True)
        if isinstance(answer, ox.QuerySolutions):
            list(answer)
    except (SyntaxError, OSError, ValueError, RuntimeError):
        pass
    return len(hits) > before


def _adversarial(target: str) -> Iterator[str]:
    """Queries that hide SERVICE behind glue, case, comments and less-than signs."""
    for template, glue, kw in itertools.product(TEMPLATES, GLUES, KEYWORDS):
        yield template.format(glue=glue, kw=kw, target=target)
    yield f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<?s)SERVICE#>\n{target}{{ ?s ?p ?o }} }}"
    yield f'SELECT * WHERE {{ ?s ?p ?o FILTER(?o<"2")SERVICE#>\n{target}{{ ?s ?p ?o }} }}'
    yield f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<'2')SERVICE'>\n{target}{{ ?s ?p ?o }} }}"
    yield f"SELECT * WHERE {{ ?s ?p ?o }} # x\nUNION {{ SERVICE {target} {{ ?s ?p ?o }} }}"


def test_the_guard_refuses_every_query_that_calls_out(
    store: ox.Store, listener: tuple[str, list[int]]
) -> None:
    target, hits = listener
    called = 0
    for query in _adversarial(target):
        if _calls_out(store, query, hits):
            called += 1
            assert find_service(query), f"calls out but passed the guard:\n{query}"
    assert called > 50, "the adversarial set should include many working SERVICE calls"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "select * where { service <http://127.0.0.1:1/> { ?s ?p ?o } }",
        "# a comment\nSELECT * { SeRvIcE SILENT <http://x/> { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o } #\n SERVICE",
        "SELECT * { ?s ?p trueSERVICE<http://x/>{ ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o FILTER(?o<?s)SERVICE#>\n<http://x/>{ ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o FILTER(?o<?s)SERVICE'>\n<http://x/>{ ?s ?p ?o } }",
    ],
)
def test_service_is_refused(query: str) -> None:
    with pytest.raises(Refused, match="SERVICE"):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" }',
        "SELECT * WHERE { ?s ?p ''' SERVICE ''' }",
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
        "SELECT ?service WHERE { ?service ?p ?o } # SERVICE <http://x/>",
        f"PREFIX sd: <{SD}> SELECT * {{ ?s a sd:Service }}",
        f"PREFIX sd:<{SD}> SELECT * {{ ?s a sd:Service }}",
        "SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
        "SELECT * { ?s ?p ?o FILTER(?o = <http://x/service>) }",
        "SELECT * { ?s <http://x/p#service> ?o }",
    ],
)
def test_service_in_strings_iris_comments_and_names_is_fine(query: str) -> None:
    check_query(query)


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("INSERT DATA { <http://a/s> <http://a/p> 1 }", "INSERT"),
        ("PREFIX ex: <http://a/> delete where { ?s ?p ?o }", "DELETE"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("# SELECT * {}\nCLEAR ALL", "CLEAR"),
        ("DROP GRAPH <http://a/g>", "DROP"),
        ("WITH <http://a/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ],
)
def test_updates_are_refused(query: str, word: str) -> None:
    with pytest.raises(Refused, match=f"SPARQL Update \\({word}\\)"):
        check_query(query)
    assert mentions_update(query)


def test_lexer_reads_forms_and_skips_strings() -> None:
    query = (
        "PREFIX ex: <http://a/> BASE <http://b/> # SELECT\nCONSTRUCT { ?s ?p 'SELECT' } WHERE {}"
    )
    assert first_keyword(query) == "CONSTRUCT"
    assert query_form(query) == "CONSTRUCT"
    assert [t.kind for t in tokens("?x <a> 'b' ex:c (")] == [
        "var",
        "iri",
        "string",
        "name",
        "punct",
    ]


FRAGMENTS = ["?s", "?o", "<", ">", "(", ")", "{", "}", "FILTER", "SERVICE", "#", "\n", "'",
             '"', "true", "1", ".", "ex:a", " ", "<'>", "<#>", "<)>", "<(>", "?s<", "TARGET",
             "\'\'\'"]  # fmt: skip


def test_random_fragment_queries_never_slip_through(
    store: ox.Store, listener: tuple[str, list[int]]
) -> None:
    import random

    target, hits = listener
    rng = random.Random(7)
    head = "PREFIX ex: <http://a/> SELECT * WHERE { ?s ?p ?o FILTER(?o<?s) "
    for _ in range(3000):
        middle = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(2, 10)))
        query = head + middle.replace("TARGET", target) + f" SERVICE {target} {{ ?s ?p ?o }} }}"
        if _calls_out(store, query, hits):
            assert find_service(query), f"calls out but passed the guard:\n{query}"
