"""The endpoint's routes, independent of the HTTP server that carries them.

`Router.handle(method, target, headers, body)` turns one request into either a finished
`Reply` or a worker request (a dict for govkg.server.workers), which `Router.answer` sends
to a worker (or takes from the reply cache). Both HTTP layers — uvicorn (govkg.server.asgi,
the default) and the standard library's (govkg.server.app) — call it, so every rule lives
once: `/sparql` (SPARQL 1.1 Protocol query operation, https://www.w3.org/TR/sparql11-protocol/;
the service description when there is no query), `/queries` and `/queries/NAME?param=...`,
`/`, `/explorer`, `/static/...`; OPTIONS answers CORS preflight and Allow; PUT, DELETE and
PATCH are refused (read-only). Request bodies are checked by the HTTP layer (411, 413).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from govkg.server import pages
from govkg.server.cache import ReplyCache
from govkg.server.engine import Reply, error
from govkg.server.protocol import (
    ProtocolError,
    description_format,
    from_get,
    from_post,
    service_description,
)

ALLOW = "GET, HEAD, POST, OPTIONS"
PREFLIGHT = {
    "Access-Control-Allow-Methods": "GET, POST",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Max-Age": "600",
}
HOST_HEADER = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")
READ_ONLY = frozenset({"PUT", "DELETE", "PATCH"})
Work = dict[str, Any]


class Headers:
    """Request headers looked up by name in any case."""

    def __init__(self, pairs: Mapping[str, str]) -> None:
        self._values = {k.lower(): v for k, v in pairs.items()}

    def get(self, name: str, default: str = "") -> str:
        """A header's value, or the default."""
        return self._values.get(name.lower(), default)


class Router:
    """Requests to replies for one served store (its config, graphs, workers and cache)."""

    def __init__(
        self, config: Any, graphs: list[str], ask: Callable[[Work], Reply], cache: ReplyCache
    ) -> None:
        self.config, self.graphs, self.ask, self.cache = config, graphs, ask, cache

    def answer(self, work: Work) -> Reply:
        """A worker's reply (blocking), from the cache when it was asked before."""
        return self.cache.get_or_run(work, self.ask)

    def handle(
        self, method: str, target: str, headers: Headers, body: bytes | None, bound: str
    ) -> Reply | Work:
        """The reply to a request, or the work a worker must do for it.

        `bound` is the server's own base URL (used when the Host header is unusable).
        """
        if method == "OPTIONS":
            return Reply(204, "text/plain", b"", {**PREFLIGHT, "Allow": ALLOW})
        if method in READ_ONLY or method not in {"GET", "HEAD", "POST"}:
            reply = error(405, "this endpoint is read-only: use GET or POST with a query")
            reply.headers["Allow"] = ALLOW
            return reply
        parts = urlsplit(target)
        if parts.path in {"/sparql", "/sparql/"}:
            return self.sparql(parts.query, headers, body, base_url(headers, bound))
        if method == "POST":
            reply = error(405, "only /sparql takes a POST")
            reply.headers["Allow"] = "GET, HEAD, OPTIONS"
            return reply
        if parts.path == "/queries":
            return pages.query_list()
        if parts.path.startswith("/queries/"):
            return self.named(parts.path[len("/queries/") :], parts.query, headers)
        if parts.path in {"/explorer", "/explorer/"}:
            return self.explorer(parts.query)
        return pages.page(parts.path, self.config)

    def sparql(
        self, query_string: str, headers: Headers, body: bytes | None, base: str
    ) -> Reply | Work:
        """The protocol's query operation, or the service description without a query."""
        try:
            if body is None:
                request = from_get(query_string)
            else:
                request = from_post(headers.get("Content-Type"), body, query_string)
        except ProtocolError as exc:
            return error(exc.status, str(exc))
        if request.query is None:
            chosen = description_format(headers.get("Accept"))
            if chosen is None:
                return error(
                    406, "the service description is in Turtle, RDF/XML, JSON-LD or N-Triples"
                )
            media, fmt = chosen
            text = service_description(f"{base}/sparql", self.graphs, fmt)
            return Reply(200, f"{media}; charset=utf-8", text)
        return {
            "op": "sparql", "query": request.query, "default": request.default,
            "named": request.named, "accept": headers.get("Accept"),
            "formats": request.formats,
            "max_rows": self.config.limits.max_rows, "base": f"{base}/sparql",
        }  # fmt: skip

    def named(self, name: str, query_string: str, headers: Headers) -> Reply | Work:
        """A named query with its parameters from the URL, answered as SPARQL JSON."""
        from queries.catalog import load_catalog

        if name not in load_catalog():
            return pages.unknown_query(name)
        params = parse_qs(query_string, keep_blank_values=True)
        fmt = params.pop("format", [""])[0]
        repeated = sorted(k for k, v in params.items() if len(v) > 1)
        if repeated:
            return error(400, f"give each parameter once: {', '.join(repeated)}")
        header = headers.get("Accept")
        accept = header if header.strip() not in {"", "*/*"} else "application/sparql-results+json"
        return {
            "op": "named",
            "name": name,
            "params": {k: v[0] for k, v in params.items()},
            "accept": pages.FORMAT_MEDIA.get(fmt, accept),
            "max_rows": self.config.limits.max_rows,
        }

    def explorer(self, query_string: str) -> Reply | Work:
        """The explorer: the file `govkg viz` wrote, else drawn from the store (cached)."""
        if not query_string and pages.explorer_file(self.config) is not None:
            return pages.explorer(self.config)
        params = {k: v[0] for k, v in parse_qs(query_string).items()}
        return {"op": "explorer", "params": params}

    def finish(self, work: Work, reply: Reply) -> Reply:
        """The explorer falls back to the written page when the store draws none (404)."""
        if work.get("op") == "explorer" and reply.status == 404:
            return pages.explorer(self.config)
        return reply


def base_url(headers: Headers, bound: str) -> str:
    """http://host:port as the client addressed us (a well-formed Host header), else bound."""
    host = headers.get("Host")
    return f"http://{host}" if HOST_HEADER.match(host) else bound


def response_headers(reply: Reply) -> list[tuple[str, str]]:
    """Every response's headers: type, length, CORS for any origin (no credentials), nosniff."""
    return [
        ("Content-Type", reply.content_type),
        ("Content-Length", str(len(reply.body))),
        ("Access-Control-Allow-Origin", "*"),
        ("X-Content-Type-Options", "nosniff"),
        *reply.headers.items(),
    ]
