"""Running named queries: parameter resolution and binding, errors, and injection safety."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
import pytest
from fixtures.queries.fixture_store import fixture_store

from common.errors import UsageError
from queries.labels import as_iri, resolve_entity
from queries.runner import execute, run_query, show_sparql

GKI = "https://w3id.org/govkg/id/"
INJECTIONS = [
    '"} UNION { ?s ?p ?o }',
    "} UNION { ?s ?p ?o",
    "<x> . ?s ?p ?o",
    "urn:govkg:secret> . ?s ?p ?o . <x",
    'x" ) } UNION { GRAPH ?g { ?s ?p ?o } } #',
]
INFERRED = (
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/govkg/graph/inferred> { ?s ?p ?o } }"
)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """The hand-written fixture graph."""
    return fixture_store()


@pytest.mark.parametrize(
    ("value", "iri"),
    [
        ("Cabinet Secretary", "post/cabinet-secretary"),
        ("  cabinet   SECRETARY ", "post/cabinet-secretary"),
        ("Secretary to the Cabinet", "post/cabinet-secretary"),
        ("MCO", "post/minister-for-the-cabinet-office"),
        ("Minister", "post/minister"),
        ("Alice Example", "person/alice-example"),
        ("dame alice example", "person/alice-example"),
        ("Sir Alice Example", "person/alice-example"),
        ("2012/13", "period/2012-13"),
        ("gki:post/prime-minister", "post/prime-minister"),
        ("<https://w3id.org/govkg/id/post/prime-minister>", "post/prime-minister"),
        ("https://w3id.org/govkg/id/post/prime-minister", "post/prime-minister"),
    ],
)
def test_a_parameter_is_a_label_alt_label_name_or_iri(
    store: ox.Store, value: str, iri: str
) -> None:
    assert resolve_entity(store, value).value == GKI + iri


def test_curie_and_property_label(store: ox.Store) -> None:
    assert resolve_entity(store, "gk:chairs").value == "https://w3id.org/govkg/def#chairs"
    assert resolve_entity(store, "chairs").value == "https://w3id.org/govkg/def#chairs"
    assert as_iri("Business objective 1: deliver") is None


def test_unknown_label_suggests_close_ones(store: ox.Store) -> None:
    with pytest.raises(
        UsageError,
        match=r"nothing in the graph is labelled 'Cabinet Secretry'.*'Cabinet Secretary'",
    ):
        resolve_entity(store, "Cabinet Secretry", "post")


def test_ambiguous_label_lists_the_candidates(store: ox.Store) -> None:
    store2 = ox.Store()
    for quad in store:
        store2.add(quad)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    graph = ox.NamedNode("https://w3id.org/govkg/graph/doc/extra")
    store2.add(
        ox.Quad(ox.NamedNode(GKI + "post/widget-2"), label, ox.Literal("Widget Analyst"), graph)
    )
    with pytest.raises(UsageError) as info:
        resolve_entity(store2, "widget analyst", "post")
    message = str(info.value)
    assert (
        "ambiguous" in message
        and GKI + "post/widget-2" in message
        and GKI + "post/widget-analyst" in message
    )


def test_bad_iri_is_a_usage_error(store: ox.Store) -> None:
    with pytest.raises(UsageError, match="not a valid IRI"):
        resolve_entity(store, "<http://bad iri>")


def test_missing_and_unknown_parameters_name_the_parameters(store: ox.Store) -> None:
    with pytest.raises(UsageError) as info:
        run_query(store, "held-to-account-by", {})
    assert "missing parameter post" in str(info.value)
    assert "post (iri, required): the post or person held to account" in str(info.value)
    with pytest.raises(
        UsageError, match=r"(?s)unknown parameter colour.*parameters of milestones-due"
    ):
        run_query(store, "milestones-due", {"colour": "red"})


def test_date_parameters_are_typed(store: ox.Store) -> None:
    rows = run_query(
        store, "milestones-due", {"from": "2012-01-01", "to": dt.date(2012, 12, 31)}
    ).rows
    assert [r[0].value for r in rows] == ["2012-07-31"]
    assert len(run_query(store, "milestones-due", {"from": "2013-01-01"}).rows) == 1
    assert len(run_query(store, "milestones-due").rows) == 2
    with pytest.raises(UsageError, match="expected a date YYYY-MM-DD"):
        run_query(store, "milestones-due", {"from": "July 2012"})


def test_defaults_apply_and_parameter_columns_are_hidden(store: ox.Store) -> None:
    result = run_query(store, "objective-changes", {"post": "Chief Widget Officer"})
    assert set(result.bindings) == {"_post", "_from", "_to"}
    assert result.bindings["_from"].value == GKI + "period/2012-13"
    assert not any(v.startswith("_") for v in result.variables)
    shown = show_sparql(result)
    assert shown.startswith("# ?_post = gki:post/chief-widget-officer\n") and "SELECT" in shown


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    ("name", "param"), [("held-to-account-by", "post"), ("evidence-for", "subject")]
)
def test_sparql_in_a_label_parameter_leaks_nothing(
    store: ox.Store, name: str, param: str, value: str
) -> None:
    try:
        result = run_query(store, name, {param: value})
    except UsageError as exc:
        assert "LEAKED" not in str(exc)
        return
    assert "LEAKED-SECRET" not in repr(result.rows)


@pytest.mark.parametrize("value", INJECTIONS)
def test_sparql_in_a_string_parameter_leaks_nothing(store: ox.Store, value: str) -> None:
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    text = f"SELECT ?_v ?s ?o WHERE {{ ?s {label} ?o FILTER(STR(?o) = ?_v) }}"
    result = execute(store, text, {"_v": ox.Literal(value)})
    assert result.rows == []


def test_syntax_error_gives_line_and_column(store: ox.Store) -> None:
    with pytest.raises(UsageError, match=r"SPARQL syntax error: error at 2:\d+"):
        execute(store, "SELECT * WHERE {\n ?s ?p }")


def test_updates_and_service_are_refused(store: ox.Store) -> None:
    with pytest.raises(UsageError, match="runs queries only"):
        execute(store, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(UsageError, match="SERVICE"):
        execute(store, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    answer = execute(store, 'SELECT ("SERVICE" AS ?word) WHERE {} # SERVICE in a comment')
    assert answer.rows[0][0].value == "SERVICE"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p trueSERVICE<http://127.0.0.1:9/sparql>{ ?a ?b ?c } }",
        "SELECT * WHERE { ?s ?p trueservice<http://127.0.0.1:9/sparql>{ ?a ?b ?c } }",
        "SELECT * WHERE { FILTER(?a<?b)SERVICE#>\n<http://127.0.0.1:9/sparql>{ ?s ?p ?o } }",
    ],
)
def test_service_glued_to_a_token_is_refused(store: ox.Store, text: str) -> None:
    """Oxigraph reads `trueSERVICE<…>{…}` as the literal true then SERVICE: refused, not run."""
    with pytest.raises(UsageError, match="SERVICE"):
        execute(store, text)


def test_raw_sparql_sees_the_union_and_each_graph(store: ox.Store) -> None:
    union = execute(store, "ASK { <https://w3id.org/govkg/id/post/cabinet-secretary> ?p ?o }")
    assert union.kind == "ask" and union.boolean
    graphs = execute(
        store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s <https://w3id.org/govkg/def#chairs> ?o } }"
    )
    assert {r[0].value.rsplit("/", 1)[-1] for r in graphs.rows} == {"fixture-2012", "fixture-2015"}
    graph = execute(
        store,
        INFERRED,
    )
    assert graph.kind == "graph" and len(graph.triples) == 1
