"""Remote stores against a real Virtuoso: push with the Graph Store Protocol, then the named
queries, raw SPARQL and the chain checks answer from Virtuoso as from the embedded store.

Rows are compared as sets, for every named query: the .rq files are written in the part of
SPARQL 1.1 that both engines answer alike (no zero-or-one paths, transitive paths walked
from a bound start, plain strings in GROUP_CONCAT, MIN rather than SAMPLE; the comments in
queries/*.rq say where). Besides each query's examples, MORE_CASES covers the cases where
Virtuoso 7.2 once answered differently: a person holding several posts, deep organogram
chains, every manager at once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from stores import corpus_on_disk
from virtuoso import Virtuoso, virtuoso_server

from govkg.remote import RemoteStore
from queries.catalog import load_catalog
from queries.runner import run_query

GOVKG = str(Path(sys.executable).with_name("govkg"))
ORGANOGRAM_POST = "https://w3id.org/govkg/id/organogram/cabinet-office/post/"
MORE_CASES = [
    ("held-to-account-by", {"post": "Sir Bob Kerslake"}),
    ("holds-to-account", {"assessor": "Cabinet Secretary"}),
    ("line-management-chain", {"post": "Sir Bob Kerslake"}),
    ("line-management-chain", {"post": ORGANOGRAM_POST + "396"}),
    ("span-of-control", {}),
    ("span-of-control", {"manager": ORGANOGRAM_POST + "270"}),
    ("objective-changes", {"post": "Cabinet Secretary", "from": "2015/16", "to": "2012/13"}),
    ("organogram-changes", {"from": "2012-03-31", "to": "2012-09-30"}),
    ("organogram-changes", {"from": "2011-09-30", "to": "2012-03-31"}),
    ("post-timeline", {"post": "CCM200001"}),
    ("person-timeline", {"person": "Andrea Young"}),
    ("people-in-post", {"post": "DCMS4001"}),
    ("post-at", {"post": "DCMS2004", "date": "2015-06-01"}),
]
ORGANOGRAMS = Path(__file__).parents[1] / "corpus" / "organograms"
SNAPSHOT = ["cabinet-office-2013-09-30-senior.csv", "cabinet-office-2013-09-30-junior.csv"]
RELEASES = ["dcms-2010-2015.csv"]  # ten releases, for the queries over time


def govkg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the govkg command line."""
    return subprocess.run(
        [GOVKG, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus, one Cabinet Office snapshot and DCMS's releases, in an on-disk store."""
    path = corpus_on_disk(tmp_path_factory.mktemp("remote") / "store")
    for group in (SNAPSHOT, RELEASES):
        files = [str(ORGANOGRAMS / name) for name in group]
        done = govkg("ingest", "organogram", "--quiet", *files, "--store", str(path))
        assert done.returncode in (0, 1), done.stderr
    return path


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso of our own on loopback ports, stopped after the module."""
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="module")
def pushed(local: Path, virtuoso: Virtuoso) -> Virtuoso:
    """Virtuoso after `govkg push` of every graph of the local store."""
    env = {"GOVKG_ENDPOINT_PASSWORD": virtuoso.password}
    args = ["push", "--endpoint", virtuoso.graph_store, "--user", virtuoso.user]
    done = govkg(*args, "--store", str(local), env=env)
    assert done.returncode == 0, done.stderr
    assert "pushed" in done.stderr
    return virtuoso


def _counts(store: ox.Store | RemoteStore) -> dict[str, int]:
    """Triples per govkg graph."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    rows = store.query(query)
    return {r[0].value: int(r[1].value) for r in rows if "w3id.org/govkg" in r[0].value}  # type: ignore[union-attr]


def test_push_uploads_every_graph(local: Path, pushed: Virtuoso) -> None:
    mine = _counts(ox.Store.read_only(str(local)))
    assert len(mine) >= 7
    assert _counts(RemoteStore(pushed.sparql)) == mine


def _example_params(name: str) -> dict[str, str]:
    """The example value of every parameter that has one."""
    return {p.name: p.example for p in load_catalog()[name].params if p.example}


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_named_query_same_answers(local: Path, pushed: Virtuoso, name: str) -> None:
    mine = run_query(ox.Store.read_only(str(local)), name, _example_params(name))
    remote: Any = RemoteStore(pushed.sparql)  # answers like a pyoxigraph Store
    theirs = run_query(remote, name, _example_params(name))
    assert theirs.variables == mine.variables
    assert set(theirs.rows) == set(mine.rows)


@pytest.mark.parametrize(
    ("name", "params"),
    MORE_CASES,
    ids=[
        f"{n}:{','.join(p.values()).replace(ORGANOGRAM_POST, 'post/') or 'all'}"
        for n, p in MORE_CASES
    ],
)
def test_named_query_same_answers_for_more_values(
    local: Path, pushed: Virtuoso, name: str, params: dict[str, str]
) -> None:
    mine = run_query(ox.Store.read_only(str(local)), name, params)
    remote: Any = RemoteStore(pushed.sparql)
    theirs = run_query(remote, name, params)
    assert mine.rows, f"{name} {params} should have an answer to compare"
    assert theirs.variables == mine.variables
    assert set(theirs.rows) == set(mine.rows)


def test_cli_query_and_sparql_over_the_endpoint(local: Path, pushed: Virtuoso) -> None:
    here = govkg("query", "vacant-posts", "--format", "json", "--store", str(local))
    there = govkg("query", "vacant-posts", "--format", "json", "--endpoint", pushed.sparql)
    assert there.returncode == 0, there.stderr
    rows = json.loads(there.stdout)["results"]["bindings"]
    assert rows and sorted(map(str, rows)) == sorted(
        map(str, json.loads(here.stdout)["results"]["bindings"])
    )
    ask = govkg(
        "sparql", "ASK { ?s a <http://www.w3.org/ns/org#Post> }", "--endpoint", pushed.sparql
    )
    assert ask.stdout.strip() == "true"


def test_check_chains_over_the_endpoint(local: Path, pushed: Virtuoso) -> None:
    here = govkg("check", "chains", "--format", "json", "--store", str(local))
    there = govkg("check", "chains", "--format", "json", "--endpoint", pushed.sparql)
    assert there.returncode == here.returncode, there.stderr
    assert json.loads(there.stdout) == json.loads(here.stdout)
    assert json.loads(here.stdout), "the snapshot should have been checked"


def test_push_into_one_graph(local: Path, pushed: Virtuoso) -> None:
    into = "https://example.org/graph/everything"
    env = {"GOVKG_ENDPOINT_PASSWORD": pushed.password}
    args = ["push", "--endpoint", pushed.graph_store, "--user", pushed.user, "--graph", into]
    assert govkg(*args, "--store", str(local), env=env).returncode == 0
    remote = RemoteStore(pushed.sparql)
    answer = remote.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{into}> {{ ?s ?p ?o }} }}")
    total = len({quad.triple for quad in ox.Store.read_only(str(local))})
    assert int(next(iter(answer))[0].value) == total  # type: ignore[arg-type]


def test_wrong_password_is_a_clear_error(local: Path, pushed: Virtuoso) -> None:
    env = {"GOVKG_ENDPOINT_PASSWORD": "wrong"}
    args = ["push", "--endpoint", pushed.graph_store, "--user", pushed.user]
    done = govkg(*args, "--store", str(local), env=env)
    assert done.returncode == 2 and "401" in done.stderr
