"""`govkg queries`, `govkg query` and `govkg sparql`: output, formats and exit codes (0, 2, 3)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from fixtures.queries.fixture_store import fixture_store

from govkg.cli import main

INFERRED = (
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/govkg/graph/inferred> { ?s ?p ?o } }"
)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture graph persisted as an on-disk store, as `govkg build` leaves one."""
    path = tmp_path_factory.mktemp("store") / "store"
    store = ox.Store(str(path))
    store.extend(list(fixture_store()))
    store.flush()
    del store
    return path


def govkg(*args: str) -> Result:
    """Run the CLI in-process."""
    return CliRunner().invoke(main, list(args))


def test_queries_lists_names_and_summaries() -> None:
    result = govkg("queries", "--verbose")
    assert result.exit_code == 0
    assert "who-holds-to-account" in result.output and "[CQ1]" in result.output
    assert "-p post (iri, required): the post or person held to account" in result.output


def test_query_table_hides_iris_and_binds_labels(store_path: Path) -> None:
    result = govkg(
        "query", "held-to-account-by", "-p", "post=chief widget officer", "--store", str(store_path)
    )
    assert result.exit_code == 0, result.output
    assert "Prime Minister" in result.output and "postIri" not in result.output
    assert result.output.rstrip().endswith("(3 rows)")


def test_query_json_is_sparql_results(store_path: Path) -> None:
    result = govkg(
        "query",
        "milestones-due",
        "-p",
        "to=2012-12-31",
        "--format",
        "json",
        "--store",
        str(store_path),
    )
    doc = json.loads(result.output)
    assert "milestoneIri" in doc["head"]["vars"] and "_to" not in doc["head"]["vars"]
    assert [b["due"]["value"] for b in doc["results"]["bindings"]] == ["2012-07-31"]


def test_empty_answer_is_exit_0(store_path: Path) -> None:
    result = govkg(
        "query",
        "who-holds-to-account",
        "-p",
        "post=Prime Minister",
        "--format",
        "csv",
        "--store",
        str(store_path),
    )
    assert result.exit_code == 0 and result.stdout_bytes.count(b"\r\n") == 1


def test_show_sparql_prints_the_query_and_bindings(store_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "query",
            "holds-to-account",
            "-p",
            "assessor=PM",
            "--show-sparql",
            "--store",
            str(store_path),
        ],
    )
    assert result.exit_code == 0
    assert (
        "# ?_assessor = gki:post/prime-minister" in result.output
        and "SELECT DISTINCT" in result.output
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "hold-to-account"], "did you mean holds-to-account, who-holds-to-account"),
        (["query", "held-to-account-by"], "missing parameter post"),
        (["query", "milestones-due", "-p", "colour=red"], "unknown parameter colour"),
        (["query", "milestones-due", "-p", "from"], "expected key=value"),
        (
            ["query", "held-to-account-by", "-p", "post=Nobody Atall"],
            "nothing in the graph is labelled",
        ),
        (["sparql", "SELECT * WHERE {\n ?s ?p }"], "SPARQL syntax error: error at 2:"),
        (["sparql", "DELETE WHERE { ?s ?p ?o }"], "runs queries only"),
        (
            ["sparql", "SELECT * WHERE { ?s ?p ?o }", "--format", "turtle"],
            "needs a CONSTRUCT or DESCRIBE",
        ),
    ],
)
def test_usage_errors_exit_2_without_traceback(
    store_path: Path, args: list[str], message: str
) -> None:
    result = govkg(*args, "--store", str(store_path))
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_missing_store_exits_3_with_a_build_hint(tmp_path: Path) -> None:
    for args in (["query", "vacant-posts"], ["sparql", "ASK {}"]):
        result = govkg(*args, "--store", str(tmp_path / "none"))
        assert result.exit_code == 3
        assert "govkg build" in result.output


def test_sparql_from_text_file_and_stdin(store_path: Path, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text(
        "SELECT ?g WHERE { GRAPH ?g { ?s <https://w3id.org/govkg/def#chairs> ?o } } ORDER BY ?g"
    )
    result = govkg("sparql", str(query), "--format", "tsv", "--store", str(store_path))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "?g",
        "<https://w3id.org/govkg/graph/doc/fixture-2012>",
        "<https://w3id.org/govkg/graph/doc/fixture-2015>",
    ]
    stdin = CliRunner().invoke(
        main, ["sparql", "-", "--store", str(store_path)], input="ASK { ?s ?p ?o }"
    )
    assert stdin.output == "true\n"


def test_sparql_construct_and_describe_as_rdf(store_path: Path) -> None:
    construct = INFERRED
    assert "gk:holdsToAccount" in govkg("sparql", construct, "--store", str(store_path)).output
    nt = govkg(
        "sparql",
        "DESCRIBE <https://w3id.org/govkg/id/body/widget-board>",
        "--format",
        "nt",
        "--store",
        str(store_path),
    )
    assert nt.exit_code == 0 and "<https://w3id.org/govkg/id/body/widget-board>" in nt.output


def test_cold_start_subprocess(store_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "govkg.cli",
        "query",
        "vacant-posts",
        "--store",
        str(store_path),
    ]
    script = "import sys; from govkg.cli import main; sys.argv = ['govkg'] + sys.argv[1:]; main()"
    result = subprocess.run(
        [sys.executable, "-c", script, *command[3:]], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Assistant Coordinator, Widgetshire" in result.stdout
