"""`govkg chain POST_OR_PERSON`: the chain to the top and the direct reports of a post.

A thin command over queries.checks.chain_view. Exit 0 found; 2 nothing found.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from common.errors import UsageError
from govkg.cli.common import handle_errors, store_option
from govkg.store import open_store
from queries.checks import NoSuchPost, chain_report, render_chain_text


@click.command()
@click.argument("post_or_person")
@click.option(
    "--snapshot", "snapshots", multiple=True, help="Only these snapshots (Mar-15, 2015-03, ...)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@store_option
@handle_errors
def chain(post_or_person: str, snapshots: tuple[str, ...], fmt: str, store_path: Path) -> None:
    """Chain to the top and direct reports of a post or person, from organograms and documents."""
    store = open_store(store_path, read_only=True)
    try:
        report = chain_report(store, post_or_person, list(snapshots))
    except NoSuchPost as error:
        raise UsageError(str(error)) from None
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(render_chain_text(store, report), nl=False)
