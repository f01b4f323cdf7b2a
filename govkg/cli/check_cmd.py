"""`govkg check chains`: validator and governance checks of the line-management chains.

Exit codes: 0 no finding; 1 findings (errors from the data.gov.uk validator rules or
governance warnings); 2 nothing to check (no snapshot matches, empty store) or bad
options; 3 no store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from common.errors import InputError
from govkg.cli.common import handle_errors, store_option
from govkg.remote import RemoteStore
from govkg.store import open_store
from queries.checks import (
    DEFAULT_MAX_DEPTH,
    CheckOptions,
    NothingToCheck,
    run_checks,
    snapshot_refs,
    to_csv,
    to_json,
    to_text,
)

RENDER = {"text": to_text, "json": to_json, "csv": to_csv}


@click.group()
def check() -> None:
    """Check the graph: line-management chains and accountability."""


@check.command("chains")
@click.option(
    "--snapshot",
    "snapshots",
    multiple=True,
    help="Only these snapshots: Mar-15, 2015-03, dcms-key/Mar-15 or a graph IRI (repeatable).",
)
@click.option(
    "--format", "fmt", type=click.Choice(sorted(RENDER)), default="text", show_default=True
)
@click.option("--max-depth", type=click.IntRange(1), default=DEFAULT_MAX_DEPTH, show_default=True,
              help="Warn about posts more than this many levels below the top.")  # fmt: skip
@click.option("--list", "list_only", is_flag=True, help="List the snapshots in the store and exit.")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE."
)
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Read the graphs from this SPARQL 1.1 endpoint instead of the store.",
)
@store_option
@handle_errors
def chains(
    snapshots: tuple[str, ...],
    fmt: str,
    max_depth: int,
    list_only: bool,
    out: Path | None,
    endpoint: str | None,
    store_path: Path,
) -> None:
    """The data.gov.uk validator's rules and governance checks per snapshot (exit 1: findings)."""
    # a RemoteStore answers the Store methods the checks use (query, quads, graphs)
    store: Any = (
        RemoteStore.from_env(endpoint) if endpoint else open_store(store_path, read_only=True)
    )
    if list_only:
        for ref in snapshot_refs(store, list(snapshots) or None):
            click.echo(f"{ref.name}\t{ref.date}\t{ref.graph}")
        return
    try:
        report = run_checks(store, CheckOptions(snapshots, max_depth))
    except NothingToCheck as exc:
        raise InputError(str(exc)) from None
    text = RENDER[fmt](report)
    if out is not None:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(report.findings)} findings to {out}", err=True)
    else:
        click.echo(text, nl=False)
    raise SystemExit(report.exit_code)
