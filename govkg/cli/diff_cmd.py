"""`govkg diff organogram --from S --to S`: what changed between two organogram releases.

A thin command over queries.changes. Exit 0 done (changes or none); 2 no department has
releases matching both selectors; 3 no store.
"""

from __future__ import annotations

from pathlib import Path

import click

from common.errors import InputError
from govkg.cli.common import handle_errors, store_option
from govkg.store import open_store
from graphbuild.organogram import tables_folder
from queries.changes import NothingToCompare, diff_organograms
from queries.changes_report import to_csv, to_json, to_text

RENDER = {"text": to_text, "json": to_json, "csv": to_csv}


@click.group()
def diff() -> None:
    """Compare the store's data over time."""


@diff.command("organogram")
@click.option(
    "--from", "before", required=True, help="The earlier release: Sep-13, 2013-09, dept/Sep-13."
)
@click.option("--to", "after", required=True, help="The later release, the same way.")
@click.option("--department", help="Only this department (its key, e.g. cabinet-office).")
@click.option(
    "--format", "fmt", type=click.Choice(sorted(RENDER)), default="text", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE."
)
@store_option
@handle_errors
def organogram(
    before: str, after: str, department: str | None, fmt: str, out: Path | None, store_path: Path
) -> None:
    """Posts created, eliminated, retitled, regraded, moved; holders and vacancies; units."""
    store = open_store(store_path, read_only=True)
    try:
        diffs = diff_organograms(store, before, after, department, tables_folder(store_path))
    except NothingToCompare as exc:
        raise InputError(str(exc)) from None
    text = RENDER[fmt](diffs)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        changes = sum(len(d.changes) for d in diffs)
        click.echo(f"wrote {changes} changes in {len(diffs)} department(s) to {out}", err=True)
