"""`govkg report`: the figures researchers compile by hand, from the store, with charts.

A thin command over queries.report (the numbers, each from a named query) and
viz.report_page (the offline page, Markdown and CSVs). Exit 0 written (an empty store gives
a page that says what to load); 3 no store.
"""

from __future__ import annotations

from pathlib import Path

import click

from govkg.cli.common import handle_errors, store_option
from govkg.store import open_store
from graphbuild.organogram import tables_folder
from queries.report import build_report
from viz.report_page import write_report


@click.command("report")
@click.option(
    "-o",
    "--out",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/report"),
    show_default=True,
    help="Folder for the page and the tables/*.csv files.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "markdown"]),
    default="html",
    show_default=True,
    help="report.html (charts inlined, offline) or report.md (charts as SVG files).",
)
@store_option
@handle_errors
def report(folder: Path, fmt: str, store_path: Path) -> None:
    """Write the accountability, bodies, localities, organogram and data-quality report."""
    store = open_store(store_path, read_only=True)
    built = build_report(store, tables_folder(store_path))
    page = write_report(built, folder, fmt)
    tables = len(built.tables())
    click.echo(f"wrote {page} and {tables} tables in {folder / 'tables'}")
    if built.empty:
        click.echo("the store holds nothing to report on: the page says what to load", err=True)
