"""The endpoint's HTTP layer on uvicorn (the default for `govkg serve`).

An ASGI application over govkg.server.routes, served by uvicorn (https://www.uvicorn.org/):
HTTP/1.1 keep-alive, connections handled by one event loop so slow clients (a slowloris
attack's half-sent requests) cost a coroutine each and never hold a thread the other
clients need; a cached answer is sent from the loop, any other request is admitted when a
worker process (govkg.server.workers) is free and its answer awaited on the loop, no thread
held. Bodies: a POST needs a Content-Length (411), a body announced or sent over --max-body
is answered 413 without being read further (also on `Expect: 100-continue`, before the
client sends it). SIGTERM and Ctrl-C stop it gracefully:
no new connection is accepted, requests in flight are answered, then the process exits 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections.abc import Awaitable, Callable
from typing import Any

from govkg.server.cache import request_key
from govkg.server.engine import Reply, error
from govkg.server.routes import Headers, Router, response_headers
from govkg.server.workers import WorkerPool

Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
GRACE_SECONDS = 60  # at most this long for requests in flight once SIGTERM arrives


class Endpoint:
    """The ASGI application."""

    def __init__(self, router: Router, pool: WorkerPool, max_body: int, bound: str) -> None:
        self.router, self.pool, self.max_body, self.bound = router, pool, max_body, bound
        self._admitted: asyncio.Semaphore | None = None  # made on the loop, at startup

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        """One ASGI connection scope."""
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            reply = await self._reply(scope, receive)
            await self._send(scope, reply, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        """Startup (the admission gate: one request per worker) and shutdown."""
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._admitted = asyncio.Semaphore(self.pool.size)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _reply(self, scope: Message, receive: Receive) -> Reply:
        """The reply to one request."""
        headers = Headers({k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]})
        method = scope["method"]
        body: bytes | None = None
        if method == "POST":
            read = await self._body(headers, receive)
            if isinstance(read, Reply):
                return read
            body = read
        raw = scope.get("raw_path") or scope["path"].encode("utf-8")
        target = raw.decode("latin-1")
        if scope.get("query_string"):
            target += "?" + scope["query_string"].decode("latin-1")
        found = self.router.handle(method, target, headers, body, self.bound)
        if isinstance(found, Reply):
            return found
        key = request_key(found)
        reply = self.router.cache.peek(key)
        if reply is None:
            reply = await self._evaluate(found)
            self.router.cache.remember(key, reply)
        return self.router.finish(found, reply)

    async def _evaluate(self, work: dict[str, Any]) -> Reply:
        """A worker's reply, once one is free (503 when none is within the time limit)."""
        assert self._admitted is not None, "the lifespan startup creates the gate"
        if not self._admitted.locked():  # a worker is free: no waiting task to create
            await self._admitted.acquire()
        else:
            try:
                await asyncio.wait_for(self._admitted.acquire(), self.pool.limits.timeout)
            except TimeoutError:
                return self.pool.busy()
        try:
            reply = await self.pool.run_async(work)
        finally:
            self._admitted.release()
        assert isinstance(reply, Reply)
        return reply

    async def _body(self, headers: Headers, receive: Receive) -> bytes | Reply:
        """A POST body within the cap, or the refusal (411, 413)."""
        if "chunked" in headers.get("Transfer-Encoding").lower():
            return error(411, "send the body with a Content-Length (chunked bodies are not read)")
        length = headers.get("Content-Length").strip()
        if not length.isdigit():
            return error(411, "a POST needs a Content-Length")
        if int(length) > self.max_body:
            return error(413, f"the request body is over {self.max_body} bytes")
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return error(400, "the client went away before sending its body")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return error(413, f"the request body is over {self.max_body} bytes")
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    async def _send(self, scope: Message, reply: Reply, send: Send) -> None:
        """Send a reply (a refused body closes the connection; HEAD sends no body)."""
        headers = response_headers(reply)
        if reply.status in (411, 413):
            headers.append(("Connection", "close"))
        await send(
            {
                "type": "http.response.start",
                "status": reply.status,
                "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers],
            }
        )
        body = b"" if scope["method"] == "HEAD" else reply.body
        await send({"type": "http.response.body", "body": body})


def listen(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: any free port), bound before the server starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off only on sockets that say TCP,
    # and a reply's headers and body are two writes (a 40 ms delayed-ACK stall otherwise).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(1024)
    except OSError:
        sock.close()
        raise
    return sock


def serve(app: Endpoint, sock: socket.socket, access_log: bool) -> None:
    """Run uvicorn on the socket until SIGTERM or Ctrl-C, then finish requests in flight."""
    import uvicorn

    config = uvicorn.Config(
        app,
        log_level="info" if access_log else "warning",
        access_log=access_log,
        timeout_keep_alive=60,
        timeout_graceful_shutdown=GRACE_SECONDS,
        server_header=False,
        date_header=True,
        lifespan="on",
        # httptools (C) parses and writes a request in 0.37 ms of this process's CPU against
        # h11's 0.53 (measured, 4 clients, nothing cached): as cheap as the standard library's
        # server. It writes header names in lower case, as HTTP/2 does and RFC 9110 §5.1
        # allows (names are case-insensitive). uvloop (when installed) runs the event loop.
        http="httptools",
        loop="auto",
    )
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
    # uvicorn re-raises the signal that stopped it once it has shut down; a handler that does
    # nothing receives it, so a graceful stop ends with exit code 0, not death by SIGTERM.
    quiet = {sig: signal.signal(sig, _ignore) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        for sig, handler in quiet.items():
            signal.signal(sig, handler)


def _ignore(_signum: int, _frame: object) -> None:
    """A signal received after the server has already stopped because of it."""
