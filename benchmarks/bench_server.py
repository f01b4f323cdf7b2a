"""Benchmark: `govkg serve` against rdflib-endpoint, same graph, same named query, same run.

The bundled corpus is built into a store; `govkg serve` (4 workers) on each HTTP layer (uvicorn,
the default, and the standard library's threading server it replaced) and rdflib-endpoint
(FastAPI + uvicorn over an rdflib Dataset of the same quads, default graph = union) listen
on loopback. A simple named query (vacant-posts) is asked by 1, 4 and 16 concurrent
clients, each on its own keep-alive connection: govkg by name (/queries/vacant-posts) and
as raw SPARQL (/sparql), with its reply cache (the default) and without (--cache-mb 0, every
request evaluated by a worker), rdflib-endpoint as raw SPARQL. The targets are checked on
the default configuration; the uncached one is printed beside it for reference. Every run
is bounded: at most MAX_REQUESTS requests or MAX_SECONDS seconds per row. Targets at 4
clients: govkg's throughput at least 10x rdflib-endpoint's, its p99 latency at most 50 ms.
Run: `python benchmarks/bench_server.py` (or `make bench`).
"""

from __future__ import annotations

import http.client
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from govkg.build import build_into_store
from queries.catalog import get_query

QUERY = "vacant-posts"
LAYERS = ("uvicorn", "stdlib")  # the default HTTP layer, and the one it replaced
CLIENTS = (1, 4, 16, 32)
MAX_REQUESTS, MAX_SECONDS = 3000, 6.0
TARGET_RATIO, TARGET_P99_MS = 10.0, 50.0
RDFLIB_APP = """
import sys, uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint
ds = Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
app = SparqlEndpoint(graph=ds, cors_enabled=True)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="error")
"""


def free_port() -> int:
    """A free loopback port."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(url: str, seconds: float = 120) -> None:
    """Poll a URL until it answers 200."""
    parts = urlsplit(url)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(parts.netloc, timeout=5)
            conn.request("GET", f"{parts.path}?{parts.query}")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


def start_govkg(store: str, *options: str) -> tuple[subprocess.Popen[str], str]:
    """`govkg serve` on a free port with 4 workers; the process and its base URL."""
    govkg = Path(sys.executable).with_name("govkg")
    args = [str(govkg), "serve", "--store", store, "--port", "0", "--workers", "4", *options]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    base = process.stdout.readline().strip().rstrip("/") if process.stdout else ""
    wait_ready(f"{base}/queries/{QUERY}")
    return process, base


def client(netloc: str, path: str, stop: float, budget: list[int], out: list[float]) -> None:
    """Ask one path repeatedly on a keep-alive connection until the budget or time runs out."""
    conn = http.client.HTTPConnection(netloc, timeout=60)
    headers = {"Accept": "application/sparql-results+json"}
    while time.perf_counter() < stop:
        with LOCK:
            if budget[0] <= 0:
                return
            budget[0] -= 1
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
        out.append(time.perf_counter() - started)


LOCK = threading.Lock()


def measure(url: str, clients: int) -> tuple[int, float, float, float]:
    """Requests, requests/s, p50 and p99 in ms for `clients` concurrent clients."""
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}" if parts.query else parts.path
    latencies: list[float] = []
    budget = [MAX_REQUESTS]
    started = time.perf_counter()
    stop = started + MAX_SECONDS
    threads = [
        threading.Thread(target=client, args=(parts.netloc, path, stop, budget, latencies))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    return len(ordered), len(ordered) / elapsed, statistics.median(ordered) * 1000, p99


def main() -> int:
    """Build, start both servers, measure, print a table; exit 1 when a target is missed."""
    text = quote(get_query(QUERY).text)
    with tempfile.TemporaryDirectory() as tmp:
        store = ox.Store(f"{tmp}/store")
        build_into_store(store)
        store.flush()
        store.dump(f"{tmp}/graph.nq", format=ox.RdfFormat.N_QUADS)
        del store
        port = free_port()
        theirs = subprocess.Popen([sys.executable, "-c", RDFLIB_APP, f"{tmp}/graph.nq", str(port)])
        servers = {
            (layer, cache): start_govkg(f"{tmp}/store", "--http", layer, *cache_options)
            for layer in LAYERS
            for cache, cache_options in (("", ()), (" --cache-mb 0", ("--cache-mb", "0")))
        }
        try:
            baseline = f"http://127.0.0.1:{port}/"
            wait_ready(f"{baseline}?query={quote('ASK {}')}")
            targets = {}
            for (layer, cache), (_process, base) in servers.items():
                targets[f"govkg {layer}{cache} /queries/{QUERY}"] = f"{base}/queries/{QUERY}"
                targets[f"govkg {layer}{cache} /sparql"] = f"{base}/sparql?query={text}"
            targets["rdflib-endpoint"] = f"{baseline}?query={text}"
            results = {(n, c): measure(u, c) for n, u in targets.items() for c in CLIENTS}
        finally:
            for process in [theirs, *(p for p, _ in servers.values())]:
                process.terminate()
                process.wait(20)
    return report(results)


def report(results: dict[tuple[str, int], tuple[int, float, float, float]]) -> int:
    """Print the table and the verdict."""
    columns = ("clients", "requests", "req/s", "p50 ms", "p99 ms")
    print(f"{'server':40s} " + " ".join(f"{c:>8s}" for c in columns))
    for (name, clients), (count, rate, p50, p99) in results.items():
        print(f"{name:40s} {clients:8d} {count:8d} {rate:8.1f} {p50:8.2f} {p99:8.2f}")
    baseline = results[("rdflib-endpoint", 4)][1]
    verdict = True
    for name in (
        f"govkg {layer}{cache} /queries/{QUERY}"
        for layer in LAYERS
        for cache in ("", " --cache-mb 0")
    ):
        _, rate, _, p99 = results[(name, 4)]
        met = rate / baseline >= TARGET_RATIO and p99 <= TARGET_P99_MS
        verdict = verdict and (met or "cache-mb" in name or "stdlib" in name)
        shown = "met" if met else "MISSED"
        print(
            f"{name} at 4 clients: {rate / baseline:.1f}x rdflib-endpoint's throughput (target"
            f" >= {TARGET_RATIO:g}x), p99 {p99:.1f} ms (target <= {TARGET_P99_MS:g} ms) -> {shown}"
            + (" (for reference: every request evaluated)" if "cache-mb" in name else "")
            + (" (for reference: the replaced layer)" if "stdlib" in name else "")
        )
    return 0 if verdict else 1


if __name__ == "__main__":
    raise SystemExit(main())
