"""The Python API: govkg.load(), kg.query(), kg.sparql(), Rows and Row, HTML and pandas."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from fixtures.queries.fixture_store import fixture_store

import govkg
from common.errors import StoreMissingError, UsageError
from govkg.api import KnowledgeGraph, Row, Rows

INFERRED = (
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/govkg/graph/inferred> { ?s ?p ?o } }"
)


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    """The fixture graph behind the API."""
    return KnowledgeGraph(fixture_store())


def test_import_govkg_is_light() -> None:
    heavy = "('pyoxigraph', 'rdflib', 'graphbuild')"
    code = f"import sys, govkg; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_rows_have_attribute_and_dict_access(kg: KnowledgeGraph) -> None:
    rows = kg.query("who-holds-to-account", post="Chief Widget Officer", period="2012/13")
    assert isinstance(rows, Rows) and len(rows) == 2 and isinstance(rows[0], Row)
    first = rows[0]
    assert first.holder == first["holder"] == "Chief Widget Officer"
    assert first.number == 1 and first.line == 1
    assert dict(first)["assessorIri"].startswith("https://w3id.org/govkg/id/post/")
    assert {r.assessor for r in rows} == {"Prime Minister", "Minister for the Cabinet Office"}
    with pytest.raises(AttributeError, match="no column 'nope'"):
        _ = first.nope
    assert "Chief Widget Officer" in repr(rows) and "holderIri" not in repr(rows)


def test_typed_values_and_keyword_parameters(kg: KnowledgeGraph) -> None:
    rows = kg.query("milestones-due", from_="2012-01-01", to=dt.date(2012, 12, 31))
    assert [r.due for r in rows] == [dt.date(2012, 7, 31)]
    assert len(kg.query("milestones-due", {"from": "2013-01-01"})) == 1
    with pytest.raises(UsageError, match="missing parameter post"):
        kg.query("held-to-account-by")


def test_html_escapes_every_value(kg: KnowledgeGraph) -> None:
    rows = kg.sparql(
        'SELECT ?x ?y WHERE { BIND("<script>alert(1)</script>" AS ?x) BIND("a & b" AS ?y) }'
    )
    assert isinstance(rows, Rows)
    page = rows._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a &amp; b" in page and page.startswith("<table>")


def test_sparql_ask_and_construct(kg: KnowledgeGraph) -> None:
    assert kg.sparql("ASK { ?s <https://w3id.org/govkg/def#chairs> ?o }") is True
    triples = kg.sparql(INFERRED)
    assert isinstance(triples, list) and isinstance(triples[0], ox.Triple)
    assert kg.queries()["vacant-posts"].startswith("Which posts are vacant")
    assert "parameters of held-to-account-by" in kg.describe("held-to-account-by")


def test_to_dataframe_with_or_without_pandas(kg: KnowledgeGraph) -> None:
    rows = kg.query("vacant-posts")
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="govkg\\[pandas\\]"):
            rows.to_dataframe()
        return
    frame = rows.to_dataframe()
    assert (
        list(frame.columns) == rows.columns
        and frame.iloc[0]["post"] == "Assistant Coordinator, Widgetshire"
    )


def test_to_formats(kg: KnowledgeGraph) -> None:
    rows = kg.query("vacant-posts")
    assert rows.to("csv").startswith("post,kind,where,holder")
    assert rows.to_dicts()[0]["where"] == "Widgetshire"
    assert "SELECT DISTINCT" in rows.sparql


def test_load_opens_a_store_and_says_how_to_build(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = ox.Store(str(path))
    store.extend(list(fixture_store()))
    store.flush()
    del store
    kg = govkg.load(path)
    assert len(kg.query("vacant-posts")) == 1
    with pytest.raises(UsageError, match="govkg build --store"):
        govkg.load(tmp_path / "missing")
    assert issubclass(StoreMissingError, Exception)


def test_load_builds_a_corpus_folder_and_the_bundled_corpus() -> None:
    from graphbuild.corpus import bundled_corpus

    kg = govkg.load(bundled_corpus())
    assert len(kg.query("locality-roles", locality="North West")) >= 4
    assert kg.sparql("ASK { GRAPH <https://w3id.org/govkg/graph/ontology> { ?s ?p ?o } }") is True
