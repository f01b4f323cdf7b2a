"""`govkg serve`: the built store as a read-only SPARQL 1.1 endpoint, with a query page.

The HTTP layer is uvicorn (govkg.server.asgi) unless `--http stdlib` asks for the standard
library's (govkg.server.app); both carry the same routes (govkg.server.routes).
Binds 127.0.0.1 unless --host says otherwise (a warning is printed for any other address).
Every query runs in a killable worker process under --timeout seconds and returns at most
--max-rows rows, the truncation stated; request bodies are capped at --max-body bytes.
`--port 0` picks a free port; the first line printed is the server's URL. SIGTERM or
Ctrl-C stops it: requests in flight are answered first. Exit codes: 0 stopped, 2 bad
options or the port is taken, 3 no store (docs/architecture.md §7).
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from common.errors import StoreMissingError, UsageError
from govkg.cli.common import handle_errors, store_option
from govkg.store import BUILD_HINT, store_exists

if TYPE_CHECKING:
    from govkg.server.app import ServerConfig

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _stop(_signum: int, _frame: object) -> None:
    """SIGTERM stops the server like Ctrl-C (workers are stopped in `finally`)."""
    raise KeyboardInterrupt


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 3600),
    default=10.0,
    show_default=True,
    help="Seconds a query may run before its worker is killed.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=10_000,
    show_default=True,
    help="Rows (or triples) returned at most; the rest is cut and the cut stated.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Worker processes (queries evaluated at once).",
)
@click.option(
    "--max-body",
    type=click.IntRange(1024),
    default=1 << 20,
    show_default=True,
    help="Largest request body accepted, in bytes.",
)
@click.option(
    "--explorer",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The explorer HTML written by `govkg viz`, served at /explorer "
    "(default: out/govkg-explorer.html when present, else drawn from the store).",
)
@click.option(
    "--cache-mb",
    type=click.IntRange(0),
    default=64,
    show_default=True,
    help="Memory for repeated answers (the store is read-only while served); 0: no cache.",
)
@click.option("--access-log", is_flag=True, help="Print one line per request on stderr.")
@click.option(
    "--http",
    "http_layer",
    type=click.Choice(["uvicorn", "stdlib"]),
    default="uvicorn",
    show_default=True,
    help="HTTP server: uvicorn, or the standard library's threading server.",
)
@store_option
@handle_errors
def serve(
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int,
    max_body: int,
    explorer: Path | None,
    cache_mb: int,
    access_log: bool,
    http_layer: str,
    store_path: Path,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint (Ctrl-C stops it)."""
    from govkg.server.app import ServerConfig
    from govkg.server.workers import Limits

    if not store_exists(store_path):
        raise StoreMissingError(f"no govkg store at {store_path}: {BUILD_HINT}")
    logging.basicConfig(level=logging.INFO if access_log else logging.WARNING, format="%(message)s")
    config = ServerConfig(
        store_path,
        host,
        port,
        workers,
        Limits(timeout, max_rows),
        max_body,
        explorer,
        cache_mb << 20,
    )
    if http_layer == "stdlib":
        _serve_stdlib(config, access_log)
    else:
        _serve_uvicorn(config, access_log)


def _announce(url: str, config: ServerConfig) -> None:
    """The URL on stdout (first line), what is served on stderr."""
    click.echo(f"{url}/", nl=True)
    limits = config.limits
    click.echo(
        f"govkg: serving {config.store_path} — SPARQL endpoint {url}/sparql, named queries"
        f" {url}/queries, query page {url}/ ({config.workers} workers, {limits.timeout:g} s,"
        f" {limits.max_rows} rows)",
        err=True,
    )
    if config.host not in LOOPBACK:
        click.echo(f"warning: listening on {config.host}, reachable from other machines", err=True)
    sys.stdout.flush()


def _serve_uvicorn(config: ServerConfig, access_log: bool) -> None:
    """Serve with uvicorn until SIGTERM or Ctrl-C (uvicorn finishes requests in flight)."""
    from govkg.server.app import listening_url, make_router
    from govkg.server.asgi import Endpoint, listen, serve
    from govkg.server.workers import WorkerPool

    try:
        sock = listen(config.host, config.port)
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}"
        ) from None
    pool = WorkerPool(config.store_path, config.workers, config.limits)
    try:
        pool.start()
        url = listening_url(*sock.getsockname()[:2])
        app = Endpoint(make_router(config, pool), pool, config.max_body, url)
        _announce(url, config)
        serve(app, sock, access_log)
        click.echo("govkg: stopped", err=True)
    finally:
        sock.close()
        pool.close()


def _serve_stdlib(config: ServerConfig, access_log: bool) -> None:
    """Serve with the standard library's threading server until SIGTERM or Ctrl-C."""
    from govkg.server.app import make_server
    from govkg.server.asgi import GRACE_SECONDS  # the same grace on both HTTP layers

    try:
        server = make_server(config)
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}"
        ) from None
    _announce(server.url(), config)
    signal.signal(signal.SIGTERM, _stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.drain(GRACE_SECONDS)  # requests in flight are answered before the workers stop
        click.echo("govkg: stopped", err=True)
    finally:
        server.server_close()
        server.pool.close()
