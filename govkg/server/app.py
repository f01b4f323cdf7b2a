"""The HTTP server: the SPARQL 1.1 Protocol endpoint, named queries, and our pages.

Routes: `/sparql` (SPARQL 1.1 Protocol query operation, https://www.w3.org/TR/sparql11-protocol/;
the service description when there is no query), `/queries` and `/queries/NAME?param=...`
(the named query library as JSON, same names and parameters as `govkg query`), `/` (a query
page), `/explorer`, `/static/...`. A stdlib ThreadingHTTPServer speaks HTTP/1.1 with
keep-alive; evaluation happens in killable worker processes (govkg.server.workers).
Responses to GET and POST carry `Access-Control-Allow-Origin: *` and never
`Access-Control-Allow-Credentials` (CORS, https://fetch.spec.whatwg.org/#http-cors-protocol).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
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
from govkg.server.workers import Limits, WorkerPool

LOG = logging.getLogger("govkg.server")
PREFLIGHT = (
    ("Access-Control-Allow-Methods", "GET, POST"),
    ("Access-Control-Allow-Headers", "Content-Type, Accept"),
    ("Access-Control-Max-Age", "600"),
)
HOST_HEADER = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


@dataclass(frozen=True)
class ServerConfig:
    """Where to listen, what to serve, and the limits."""

    store_path: Path
    host: str = "127.0.0.1"
    port: int = 7878
    workers: int = 4
    limits: Limits = field(default_factory=Limits)
    max_body: int = 1 << 20
    explorer: Path | None = None
    cache_bytes: int = 64 << 20


class GovkgServer(ThreadingHTTPServer):
    """A threading HTTP server holding the worker pool and the configuration."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, config: ServerConfig, pool: WorkerPool) -> None:
        self.config, self.pool = config, pool
        self.graphs: list[str] = pool.run({"op": "graphs"})
        self.cache = ReplyCache(config.cache_bytes)
        super().__init__((config.host, config.port), Handler)

    def answer(self, request: dict[str, Any]) -> Reply:
        """A worker's reply to a request, from the cache when it was asked before."""
        return self.cache.get_or_run(request, self.pool.ask)

    def url(self) -> str:
        """The base URL the server listens on."""
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}"


class Handler(BaseHTTPRequestHandler):
    """One connection's requests."""

    server: GovkgServer
    protocol_version = "HTTP/1.1"
    server_version = "govkg"
    disable_nagle_algorithm = True  # headers and body leave at once: no 40 ms delayed ACK
    timeout = 60  # seconds an idle keep-alive connection (and its thread) is kept

    def log_message(self, format: str, *args: Any) -> None:
        """Access log lines go to the govkg.server logger (shown with --access-log)."""
        if LOG.isEnabledFor(logging.INFO):
            LOG.info("%s %s", self.address_string(), format % args)

    def send(self, reply: Reply) -> None:
        """Write a reply with CORS for any origin (no credentials) and no sniffing."""
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def do_GET(self) -> None:
        """Route a GET request."""
        self.send(self.route(None))

    def do_HEAD(self) -> None:
        """Like GET, without the body."""
        self.send(self.route(None))

    def do_POST(self) -> None:
        """Route a POST request (only the SPARQL endpoint takes one)."""
        body = self.read_body()
        self.send(body if isinstance(body, Reply) else self.route(body))

    def do_OPTIONS(self) -> None:
        """CORS preflight (GET and POST with a Content-Type, never credentials); Allow."""
        headers = {**dict(PREFLIGHT), "Allow": "GET, HEAD, POST, OPTIONS"}
        self.send(Reply(204, "text/plain", b"", headers))

    def refuse_method(self) -> None:
        """PUT, DELETE and PATCH: the endpoint is read-only."""
        reply = error(405, "this endpoint is read-only: use GET or POST with a query")
        reply.headers["Allow"] = "GET, HEAD, POST, OPTIONS"
        self.send(reply)

    do_PUT = do_DELETE = do_PATCH = refuse_method

    def handle_expect_100(self) -> bool:
        """Answer `Expect: 100-continue` with 413 when the announced body is over the cap."""
        length = self.headers.get("Content-Length", "")
        if length.strip().isdigit() and int(length) > self.server.config.max_body:
            self.close_connection = True
            self.send(error(413, f"the request body is over {self.server.config.max_body} bytes"))
            return False
        return super().handle_expect_100()

    def read_body(self) -> bytes | Reply:
        """The request body, refused when it has no length or is over the size cap."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            return error(411, "send the body with a Content-Length (chunked bodies are not read)")
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            self.close_connection = True
            return error(411, "a POST needs a Content-Length")
        if int(length) > self.server.config.max_body:
            self.close_connection = True
            self.drain(int(length))
            return error(413, f"the request body is over {self.server.config.max_body} bytes")
        return self.rfile.read(int(length))

    def drain(self, length: int) -> None:
        """Read and drop a refused body (up to 8x the cap) so the client reads our answer."""
        if length > 8 * self.server.config.max_body:
            return
        self.connection.settimeout(2.0)
        try:
            while length > 0 and (chunk := self.rfile.read(min(length, 1 << 16))):
                length -= len(chunk)
        except OSError:
            pass

    def route(self, body: bytes | None) -> Reply:
        """The reply for this path."""
        parts = urlsplit(self.path)
        if parts.path in {"/sparql", "/sparql/"}:
            return self.sparql(parts.query, body)
        if body is not None:
            reply = error(405, "only /sparql takes a POST")
            reply.headers["Allow"] = "GET, HEAD, OPTIONS"
            return reply
        if parts.path == "/queries":
            return pages.query_list()
        if parts.path.startswith("/queries/"):
            return self.named(parts.path[len("/queries/") :], parts.query)
        if parts.path in {"/explorer", "/explorer/"}:
            return self.explorer(parts.query)
        return pages.page(parts.path, self.server.config)

    def sparql(self, query_string: str, body: bytes | None) -> Reply:
        """The protocol's query operation, or the service description without a query."""
        try:
            if body is None:
                request = from_get(query_string)
            else:
                request = from_post(self.headers.get("Content-Type", ""), body, query_string)
        except ProtocolError as exc:
            return error(exc.status, str(exc))
        if request.query is None:
            chosen = description_format(self.headers.get("Accept", ""))
            if chosen is None:
                return error(
                    406, "the service description is in Turtle, RDF/XML, JSON-LD or N-Triples"
                )
            media, fmt = chosen
            endpoint = f"{self.base_url()}/sparql"
            text = service_description(endpoint, self.server.graphs, fmt)
            return Reply(200, f"{media}; charset=utf-8", text)
        return self.server.answer({
            "op": "sparql", "query": request.query, "default": request.default,
            "named": request.named, "accept": self.headers.get("Accept", ""),
            "formats": request.formats,
            "max_rows": self.server.config.limits.max_rows, "base": f"{self.base_url()}/sparql",
        })  # fmt: skip

    def named(self, name: str, query_string: str) -> Reply:
        """A named query with its parameters from the URL, answered as SPARQL JSON."""
        from queries.catalog import load_catalog

        if name not in load_catalog():
            return pages.unknown_query(name)
        params = parse_qs(query_string, keep_blank_values=True)
        fmt = params.pop("format", [""])[0]
        repeated = sorted(k for k, v in params.items() if len(v) > 1)
        if repeated:
            return error(400, f"give each parameter once: {', '.join(repeated)}")
        header = self.headers.get("Accept", "")
        accept = header if header.strip() not in {"", "*/*"} else "application/sparql-results+json"
        return self.server.answer(
            {
                "op": "named",
                "name": name,
                "params": {k: v[0] for k, v in params.items()},
                "accept": pages.FORMAT_MEDIA.get(fmt, accept),
                "max_rows": self.server.config.limits.max_rows,
            }
        )

    def explorer(self, query_string: str) -> Reply:
        """The explorer: the file `govkg viz` wrote, else drawn from the store (cached)."""
        if not query_string and pages.explorer_file(self.server.config) is not None:
            return pages.explorer(self.server.config)
        params = {k: v[0] for k, v in parse_qs(query_string).items()}
        reply = self.server.answer({"op": "explorer", "params": params})
        return pages.explorer(self.server.config) if reply.status == 404 else reply

    def base_url(self) -> str:
        """http://host:port as the client addressed us (a well-formed Host header), else bound."""
        host = self.headers.get("Host", "")
        return f"http://{host}" if HOST_HEADER.match(host) else self.server.url()


def make_server(config: ServerConfig) -> GovkgServer:
    """Start the workers and bind the server (not yet serving)."""
    pool = WorkerPool(config.store_path, config.workers, config.limits)
    pool.start()
    try:
        return GovkgServer(config, pool)
    except BaseException:
        pool.close()
        raise
