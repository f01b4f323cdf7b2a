"""The HTTP layer under load and at shutdown: keep-alive, slow clients, SIGTERM.

Issue "The SPARQL endpoint is correct for every client" §5: connections are kept alive;
fifty slowloris sockets (requests sent a byte at a time, never finished) do not starve the
other clients; SIGTERM lets the requests in flight finish, then the server exits 0; a body
announced over the cap with `Expect: 100-continue` is refused before it is sent. Run on
both HTTP layers (the `server` fixture is parametrised over uvicorn and the standard
library's).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import signal
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from test_server_support import curl, server, server_log, start_server, store_path

__all__ = ["server", "store_path"]

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def ask(netloc: str, conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    """A fresh (never cached) ASK on a connection; its status and body."""
    conn = conn or http.client.HTTPConnection(netloc, timeout=10)
    query = quote(f'ASK {{ ?s ?p ?o FILTER(?o != "{time.time_ns()}") }}')
    conn.request("GET", f"/sparql?query={query}", headers={"Accept": "application/json"})
    response = conn.getresponse()
    return response.status, response.read()


def test_connections_are_kept_alive(server: str) -> None:
    """Several requests travel on one connection."""
    conn = http.client.HTTPConnection(urlsplit(server).netloc, timeout=10)
    assert ask("", conn)[0] == 200
    first = conn.sock
    for _ in range(3):
        assert ask("", conn)[0] == 200
    assert conn.sock is first and first is not None
    conn.close()


def slowloris(netloc: str, sockets: list[socket.socket], stop: threading.Event) -> None:
    """Open 50 connections and feed each a header byte now and then, never finishing."""
    host, port = netloc.rsplit(":", 1)
    for _ in range(50):
        sock = socket.create_connection((host, int(port)), timeout=5)
        sock.sendall(b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        sockets.append(sock)
    while not stop.wait(0.2):
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.sendall(b"a")


def test_slow_clients_do_not_starve_the_others(server: str) -> None:
    """With 50 half-sent requests open, 20 normal queries are answered promptly."""
    netloc = urlsplit(server).netloc
    sockets: list[socket.socket] = []
    stop = threading.Event()
    attacker = threading.Thread(target=slowloris, args=(netloc, sockets, stop), daemon=True)
    attacker.start()
    try:
        deadline = time.monotonic() + 10
        while len(sockets) < 50 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(sockets) == 50
        started = time.perf_counter()
        answers = [ask(netloc) for _ in range(20)]
        elapsed = time.perf_counter() - started
    finally:
        stop.set()
        attacker.join(5)
        for sock in sockets:
            sock.close()
    assert all(status == 200 and json.loads(body)["boolean"] for status, body in answers)
    assert elapsed < 5, f"20 queries took {elapsed:.1f} s beside 50 slow clients"


def test_a_body_announced_over_the_cap_is_refused_before_it_is_sent(server: str) -> None:
    """`Expect: 100-continue` with a Content-Length over the cap: 413, no 100 Continue."""
    status, _, body = curl(
        "-H", "Expect: 100-continue", "-H", "Content-Type: application/sparql-query",
        "--data-binary", "ASK {} #" + "x" * 20_000, f"{server}/sparql",
    )  # fmt: skip
    assert status == 413 and "4096" in body


@pytest.mark.parametrize("layer", ["uvicorn", "stdlib"])
def test_sigterm_lets_requests_in_flight_finish_then_exits_0(store_path: Path, layer: str) -> None:
    """A query running when SIGTERM arrives gets its whole answer; the server then exits 0."""
    process, url = start_server(store_path, "--timeout", "2", "--workers", "2", "--http", layer)
    netloc = urlsplit(url).netloc
    result: dict[str, object] = {}

    def heavy() -> None:
        conn = http.client.HTTPConnection(netloc, timeout=30)
        conn.request("GET", f"/sparql?query={quote(HEAVY)}")
        response = conn.getresponse()
        result["status"], result["body"] = response.status, response.read()

    thread = threading.Thread(target=heavy)
    thread.start()
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    thread.join(30)
    assert process.wait(30) == 0, server_log(process)
    assert result.get("status") == 503, result
    assert b"time limit of 2 s" in result["body"]  # type: ignore[operator]
    with pytest.raises(OSError):
        socket.create_connection(tuple(netloc.rsplit(":", 1)), timeout=2)  # type: ignore[arg-type]


def test_replies_do_not_wait_for_a_delayed_ack(server: str) -> None:
    """Regression: a reply's headers and body are two writes; with Nagle's algorithm on
    (a listening socket created without IPPROTO_TCP) each reply waited ~40 ms."""
    conn = http.client.HTTPConnection(urlsplit(server).netloc, timeout=10)
    took = []
    for _ in range(10):
        started = time.perf_counter()
        conn.request("GET", "/queries")
        response = conn.getresponse()
        response.read()
        took.append(time.perf_counter() - started)
        assert response.status == 200
    conn.close()
    assert sorted(took)[5] < 0.02, f"median {sorted(took)[5] * 1000:.0f} ms a reply"


def test_the_listening_socket_says_tcp() -> None:
    """Regression: asyncio's own event loop turns Nagle off only on IPPROTO_TCP sockets."""
    from govkg.server.asgi import listen

    sock = listen("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()


def test_header_names_are_read_in_any_case(server: str) -> None:
    """Header names are case-insensitive (RFC 9110 §5.1): uvicorn's httptools writer sends
    them in lower case, as HTTP/2 does, the standard library's server in title case; a
    client's lookup finds them either way, and every header is there exactly once."""
    conn = http.client.HTTPConnection(urlsplit(server).netloc, timeout=10)
    conn.request("GET", "/queries")
    response = conn.getresponse()
    response.read()
    names = [name.lower() for name, _ in response.getheaders()]
    assert response.getheader("Content-Type", "").startswith("application/json")
    assert response.getheader("access-control-allow-origin") == "*"
    assert len(names) == len(set(names))
    conn.close()


def test_a_worker_is_killed_once_when_two_threads_try(store_path: Path) -> None:
    """Regression: after a query timed out during SIGTERM, the respawn thread and the pool's
    close() both closed the same worker's pipe; the second close raised EBADF in the main
    thread and the server exited 70 instead of 0 (seen under load)."""
    from govkg.server.workers import Limits, WorkerPool

    pool = WorkerPool(store_path, 2, Limits(timeout=2))
    pool.start()
    errors: list[BaseException] = []
    try:
        for worker in list(pool._all):
            start = threading.Barrier(4)

            def kill(target: object = worker, start: threading.Barrier = start) -> None:
                start.wait()
                try:
                    pool._kill(target)  # type: ignore[arg-type]
                except OSError as exc:
                    errors.append(exc)

            racers = [threading.Thread(target=kill) for _ in range(4)]
            for racer in racers:
                racer.start()
            for racer in racers:
                racer.join(10)
            assert worker not in pool._all and worker.conn.closed
    finally:
        pool.close()
    assert errors == [] and not pool._all
