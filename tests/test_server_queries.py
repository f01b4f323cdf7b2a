"""Named queries over HTTP give what `govkg query` gives; the pages are ours and offline."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from test_server_support import GOVKG, curl, server, store_path

from govkg.server.protocol import negotiate, parse_accept
from queries.catalog import load_catalog

__all__ = ["server", "store_path"]


def test_query_list_has_every_named_query(server: str) -> None:
    status, headers, body = curl(f"{server}/queries")
    listed = json.loads(body)["queries"]
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    assert [q["name"] for q in listed] == list(load_catalog())
    chain = next(q for q in listed if q["name"] == "line-management-chain")
    assert chain["params"][0]["name"] == "post" and chain["url"] == "/queries/line-management-chain"


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("holds-to-account", {"assessor": "Prime Minister"}),
        ("objectives-of", {"holder": "Cabinet Secretary", "period": "2012/13"}),
        ("vacant-posts", {}),
    ],
)
def test_named_query_matches_the_cli(
    server: str, store_path: Path, name: str, params: dict[str, str]
) -> None:
    args = [a for k, v in params.items() for a in ("--data-urlencode", f"{k}={v}")]
    status, _, body = curl("-G", *args, f"{server}/queries/{name}")
    assert status == 200, body
    pairs = [a for k, v in params.items() for a in ("-p", f"{k}={v}")]
    cli = subprocess.run(
        [GOVKG, "query", name, *pairs, "--format", "json", "--store", str(store_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert json.loads(body)["results"] == json.loads(cli.stdout)["results"]
    assert json.loads(body)["results"]["bindings"], "the example should have answers"


def test_named_query_errors(server: str) -> None:
    status, _, body = curl(f"{server}/queries/holds-to-acount")
    assert status == 404 and "holds-to-account" in body
    status, _, body = curl(f"{server}/queries/holds-to-account")
    assert status == 400 and "missing parameter assessor" in body
    status, _, body = curl(f"{server}/queries/vacant-posts?colour=red")
    assert status == 400 and "unknown parameter colour" in body
    status, _, body = curl(f"{server}/queries/holds-to-account?assessor=Nobody%20At%20All")
    assert status == 400 and "nothing in the graph is labelled" in body


def test_named_query_as_csv(server: str) -> None:
    status, headers, body = curl("-H", "Accept: text/csv", f"{server}/queries/vacant-posts")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.startswith("post,")


def test_query_page_is_local_and_points_at_us(server: str) -> None:
    status, headers, page = curl(f"{server}/")
    assert status == 200 and "script-src 'self'" in headers["content-security-policy"]
    assert not re.search(r"(src|href)=\"https?://", page), "no CDN: every asset is ours"
    status, _, script = curl(f"{server}/static/app.js")
    assert status == 200 and "window.location.origin}/sparql" in script
    assert curl(f"{server}/static/..%2Fapp.py")[0] == 404


def test_explorer_is_served_or_explained(server: str) -> None:
    status, headers, page = curl(f"{server}/explorer")
    assert headers["content-type"].startswith("text/html")
    assert status == 200 or (status == 404 and "govkg viz" in page)


def test_content_negotiation() -> None:
    assert parse_accept("text/csv;q=0.5, application/sparql-results+json") == [
        "application/sparql-results+json", "text/csv"]  # fmt: skip
    assert negotiate("", "select") == "json" and negotiate("*/*", "graph") == "turtle"
    assert negotiate("text/turtle, */*;q=0.1", "select") == "json"
    assert negotiate("application/n-triples", "graph") == "nt"
    assert negotiate("image/png", "select") is None
