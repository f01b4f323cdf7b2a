"""`govkg viz`: write the interactive explorer, one offline HTML file (issue 6, viz/)."""

from __future__ import annotations

from pathlib import Path

import click

from govkg.cli.common import handle_errors, store_option
from govkg.store import open_store
from viz.explorer import Request, build_view
from viz.model import VIEWS
from viz.render import write

DEFAULT_OUTPUT = Path("out") / "govkg-explorer.html"


@click.command("viz")
@click.option(
    "--view",
    "kind",
    type=click.Choice(VIEWS),
    default="whole",
    show_default=True,
    help="whole corpus graph; ego network of --focus; line-management chain; "
    "accountability of a post.",
)
@click.option(
    "--focus", help="A node by label, alt label, CURIE or IRI (ego, chain, accountability)."
)
@click.option(
    "--depth", type=click.IntRange(min=0), help="Hops for ego (2); levels below for chain."
)
@click.option("--snapshot", help="Organogram snapshot: DEPARTMENT/DATE, a date, or a department.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"HTML file to write (default {DEFAULT_OUTPUT}).",
)
@store_option
@handle_errors
def viz(
    kind: str,
    focus: str | None,
    depth: int | None,
    snapshot: str | None,
    output: Path | None,
    store_path: Path,
) -> None:
    """Write the explorer: an offline HTML graph to search, filter and read."""
    store = open_store(store_path, read_only=True)
    view = build_view(store, Request(kind, focus, depth, snapshot))
    path = write(view, output or DEFAULT_OUTPUT)
    if view.empty:
        click.echo(f"warning: {view.note}", err=True)
    elif view.capped:
        click.echo(
            f"warning: view capped at {len(view.nodes):,} of {view.total:,} nodes; {view.hint}",
            err=True,
        )
    click.echo(f"{view.title}: {len(view.nodes)} nodes, {len(view.edges)} edges")
    click.echo(str(path))
