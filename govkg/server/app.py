"""The standard library's HTTP layer for the endpoint (`govkg serve --http stdlib`).

A ThreadingHTTPServer speaking HTTP/1.1 with keep-alive, one thread per connection; every
route and rule is govkg.server.routes', evaluation happens in killable worker processes
(govkg.server.workers). Kept beside the default uvicorn layer (govkg.server.asgi) so the two
can be measured against each other (benchmarks/bench_server.py). Request bodies: a POST
needs a Content-Length (411), a body over --max-body is answered 413 (also on
`Expect: 100-continue`, before the body is sent).
"""

from __future__ import annotations

import logging
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from govkg.server.cache import ReplyCache
from govkg.server.engine import Reply, error
from govkg.server.routes import Headers, Router, response_headers
from govkg.server.workers import Limits, WorkerPool

LOG = logging.getLogger("govkg.server")


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


def make_router(config: ServerConfig, pool: WorkerPool) -> Router:
    """The routes over a started worker pool."""
    graphs: list[str] = pool.run({"op": "graphs"})
    return Router(config, graphs, pool.ask, ReplyCache(config.cache_bytes))


class GovkgServer(ThreadingHTTPServer):
    """A threading HTTP server holding the worker pool and the routes."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, config: ServerConfig, pool: WorkerPool) -> None:
        self.config, self.pool = config, pool
        self.router = make_router(config, pool)
        self.in_flight = 0
        self.settled = threading.Condition()
        super().__init__((config.host, config.port), Handler)

    def started(self) -> None:
        """A request is being answered."""
        with self.settled:
            self.in_flight += 1

    def finished(self) -> None:
        """A request has been answered."""
        with self.settled:
            self.in_flight -= 1
            self.settled.notify_all()

    def drain(self, seconds: float) -> None:
        """Wait (at most `seconds`) until no request is being answered: a graceful stop."""
        with self.settled:
            self.settled.wait_for(lambda: self.in_flight == 0, timeout=seconds)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is not an error; anything else is logged, not printed."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        LOG.exception("error while answering %s", client_address)

    def url(self) -> str:
        """The base URL the server listens on."""
        return listening_url(str(self.server_address[0]), int(self.server_address[1]))


def listening_url(host: str, port: int) -> str:
    """http://host:port (IPv6 addresses in brackets)."""
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
        """Write a reply with the common headers."""
        self.send_response(reply.status)
        for name, value in response_headers(reply):
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def dispatch(self) -> None:
        """Any method: read a POST's body, route, answer (counted, for a graceful stop)."""
        self.server.started()
        try:
            self.answer()
        finally:
            self.server.finished()

    def answer(self) -> None:
        """Read a POST's body, route, answer."""
        if self.command not in {"GET", "HEAD", "POST", "OPTIONS"}:
            self.close_connection = True  # a refused method's body is never read
        body: bytes | Reply | None = self.read_body() if self.command == "POST" else None
        if isinstance(body, Reply):
            self.send(body)
            return
        router = self.server.router
        headers = Headers(dict(self.headers.items()))
        found = router.handle(self.command, self.path, headers, body, self.server.url())
        self.send(found if isinstance(found, Reply) else router.finish(found, router.answer(found)))

    do_GET = do_HEAD = do_POST = do_OPTIONS = do_PUT = do_DELETE = do_PATCH = dispatch

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


def make_server(config: ServerConfig) -> GovkgServer:
    """Start the workers and bind the server (not yet serving)."""
    pool = WorkerPool(config.store_path, config.workers, config.limits)
    pool.start()
    try:
        return GovkgServer(config, pool)
    except BaseException:
        pool.close()
        raise
