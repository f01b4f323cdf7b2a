"""What a worker process does with one request: check, evaluate, cut to the row limit, write.

Raw queries follow the SPARQL 1.1 Protocol's query operation
(https://www.w3.org/TR/sparql11-protocol/#query-operation) with the dataset rules of
queries.dataset (the same as the CLI's): the union of every graph unless FROM / FROM NAMED
or `default-graph-uri` / `named-graph-uri` say otherwise; relative IRIs resolve against the
endpoint's URL. Named
queries run through queries.runner exactly as `govkg query` does (parameters bound by
substitution, labels resolved). Every reply is plain data (status, type, body, headers) so
it crosses the process boundary cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import pyoxigraph as ox

from common.errors import GovkgError, UsageError
from common.sparql_safety import Refused, check_query, mentions_update
from govkg.server.protocol import ProtocolError, pick_format
from govkg.server.results import MEDIA, serialise
from queries.dataset import DEFAULT_BASE, dataset_options
from queries.runner import QueryResult


@dataclass
class Reply:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def error(status: int, message: str) -> Reply:
    """A plain-text error reply (the message on one line, then a newline)."""
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def _limited(answer: object, text: str, max_rows: int) -> tuple[QueryResult, bool]:
    """Read at most max_rows rows (or triples) of an answer; True when more were left."""
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        rows = [tuple(solution) for solution in islice(answer, max_rows + 1)]
        return QueryResult("select", names, rows[:max_rows], sparql=text), len(rows) > max_rows
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer), sparql=text), False
    triples = list(islice(answer, max_rows + 1))  # type: ignore[call-overload]
    return QueryResult("graph", triples=triples[:max_rows], sparql=text), len(triples) > max_rows


def answer(
    result: QueryResult,
    accept: str,
    truncated: bool,
    max_rows: int,
    formats: list[str] | None = None,
) -> Reply:
    """Serialise a result in the format asked for, stating the row limit in headers."""
    try:
        fmt = pick_format(result.kind, formats or [], accept)
    except ProtocolError as exc:
        return error(exc.status, str(exc))
    if fmt is None:
        wanted = (
            "RDF (Turtle, N-Triples, JSON-LD, RDF/XML)"
            if result.kind == "graph"
            else "SPARQL results (JSON, XML, CSV, TSV)"
        )
        return error(406, f"cannot answer in {accept!r}: this answer is {wanted}")
    headers = {"X-Govkg-Row-Limit": str(max_rows), "X-Govkg-Truncated": str(truncated).lower()}
    if truncated:
        headers["Link"] = '</about/truncated>; rel="describedby"'
    return Reply(200, MEDIA[fmt], serialise(result, fmt, truncated), headers)


def run_sparql(store: ox.Store, request: Mapping[str, Any]) -> Reply:
    """Check and run one raw query under the protocol's dataset rules."""
    text: str = request["query"]
    try:
        check_query(text)
        kwargs = dataset_options(text, request.get("default", []), request.get("named", []))
        base = request.get("base") or DEFAULT_BASE
        answer_ = store.query(text, base_iri=base, **kwargs)
        result, truncated = _limited(answer_, text, request["max_rows"])
    except Refused as exc:
        return error(403, str(exc))
    except SyntaxError as exc:
        if mentions_update(text):
            return error(403, "SPARQL Update is not allowed: this endpoint is read-only")
        return error(400, f"SPARQL syntax error: {exc}")
    except ValueError as exc:
        return error(400, f"bad request: {exc}")
    except (OSError, RuntimeError) as exc:
        return error(500, f"the query failed: {exc}")
    formats = request.get("formats", [])
    return answer(result, request.get("accept", ""), truncated, request["max_rows"], formats)


def run_named(store: ox.Store, request: Mapping[str, Any]) -> Reply:
    """Run a named query with its parameters, as `govkg query NAME -p ...` does."""
    from queries.runner import run_query

    max_rows: int = request["max_rows"]
    try:
        result = run_query(store, request["name"], request["params"])
    except UsageError as exc:
        return error(404 if str(exc).startswith("unknown query") else 400, str(exc))
    truncated = len(result.rows) > max_rows
    result.rows = result.rows[:max_rows]
    return answer(result, request.get("accept", ""), truncated, max_rows)


def explorer(store: ox.Store, request: Mapping[str, Any]) -> Reply:
    """The explorer page that `govkg viz` writes, generated from the store (viz/, issue 6)."""
    try:
        from viz.explorer import Request, build_view
        from viz.render import render
    except ImportError:
        return error(404, "the explorer (viz/) is not installed")
    params = request["params"]
    depth = params.get("depth")
    try:
        wanted = Request(params.get("view", "whole"), params.get("focus"),
                         int(depth) if depth else None, params.get("snapshot"))  # fmt: skip
        page = render(build_view(store, wanted))
    except (GovkgError, ValueError) as exc:
        return error(400, f"cannot draw this view: {exc}")
    return Reply(200, "text/html; charset=utf-8", page.encode("utf-8"))


def graph_names(store: ox.Store) -> list[str]:
    """The store's named graphs (for the service description)."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def handle(store: ox.Store, request: Mapping[str, Any]) -> Reply | list[str]:
    """Dispatch one request by its `op`: sparql, named, explorer or graphs."""
    if request["op"] == "sparql":
        return run_sparql(store, request)
    if request["op"] == "named":
        return run_named(store, request)
    if request["op"] == "explorer":
        return explorer(store, request)
    return graph_names(store)
