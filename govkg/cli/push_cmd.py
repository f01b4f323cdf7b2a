"""`govkg push`: upload the built graphs to a SPARQL store with the Graph Store Protocol.

SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/):
each named graph of the store is PUT (replaced) at `ENDPOINT?graph=IRI`; with --graph they
are all sent into that one graph (the first PUT, the rest POSTed). Credentials answer Basic
or Digest challenges: `--user`, and the password from $GOVKG_ENDPOINT_PASSWORD (or
--password). For Virtuoso the endpoint is http://HOST:8890/sparql-graph-crud-auth. Exit
codes: 0 pushed, 2 bad options or the endpoint refused, 3 no store.
"""

from __future__ import annotations

from pathlib import Path

import click

from govkg.cli.common import handle_errors, store_option


@click.command("push")
@click.option("--endpoint", required=True, help="Graph Store Protocol URL of the remote store.")
@click.option("--graph", "into", default=None, help="Send every graph into this one graph IRI.")
@click.option(
    "--user",
    envvar="GOVKG_ENDPOINT_USER",
    default=None,
    help="User name for the endpoint (default $GOVKG_ENDPOINT_USER).",
)
@click.option(
    "--password",
    envvar="GOVKG_ENDPOINT_PASSWORD",
    default=None,
    help="Password (better: set $GOVKG_ENDPOINT_PASSWORD).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(1),
    default=600.0,
    show_default=True,
    help="Seconds to wait for each upload.",
)
@store_option
@handle_errors
def push(
    endpoint: str,
    into: str | None,
    user: str | None,
    password: str | None,
    timeout: float,
    store_path: Path,
) -> None:
    """Upload the store's named graphs to ENDPOINT (SPARQL 1.1 Graph Store Protocol)."""
    import pyoxigraph as ox

    from common.errors import UsageError
    from govkg.remote import push_graphs
    from govkg.store import open_store

    if into is not None:
        try:
            ox.NamedNode(into)
        except ValueError:
            raise UsageError(f"--graph {into!r} is not an IRI") from None
    store = open_store(store_path, read_only=True)
    sent = push_graphs(store, endpoint, into, user, password, timeout)
    for source, target, count in sent:
        shown = source if source == target else f"{source} -> {target}"
        click.echo(f"{count:8d}  {shown}")
    total = sum(count for _, _, count in sent)
    click.echo(f"pushed {total} triples in {len(sent)} graphs to {endpoint}", err=True)
