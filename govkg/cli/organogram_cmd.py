"""`govkg ingest organogram FILE...`: data.gov.uk organogram CSVs into the store.

Exit codes: 0 every row loaded; 1 partial (some rows or files had errors, printed one per
line as file:line: message; the good rows loaded); 2 nothing usable (no row could be
read) or a bad option; the store is created when missing. Each ingest replaces the
snapshot graphs it touches (so give a release's senior and junior files together) and
leaves the store as it was if it fails.
"""

from __future__ import annotations

from pathlib import Path

import click
import pyoxigraph as ox

from common.errors import InputError, UsageError
from govkg.cli.common import handle_errors, store_option
from govkg.store import open_store, store_exists
from graphbuild.organogram import (
    IngestResult,
    ingest_files,
    journal_folder,
    snapshot_date,
    tables_folder,
)


@click.group()
def ingest() -> None:
    """Load source data (organograms) into the store."""


@ingest.command("organogram")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--snapshot", help="Snapshot date for files that carry none (2013-09-30, Sep-13).")
@click.option("--department", help="Publishing department, when the files name none.")
@click.option("--quiet", is_flag=True, help="Print only errors and warnings.")
@click.option("--verbose", is_flag=True, help="Also print how every column of every file mapped.")
@store_option
@handle_errors
def organogram(
    files: tuple[Path, ...],
    snapshot: str | None,
    department: str | None,
    quiet: bool,
    verbose: bool,
    store_path: Path,
) -> None:
    """Ingest data.gov.uk organogram CSVs or folders of them (a release's files together)."""
    files = tuple(csv_files(files))
    if snapshot and snapshot_date(snapshot) is None:
        raise UsageError(f"--snapshot {snapshot!r} is not a date (use 2013-09-30 or Sep-13)")
    created: list[bool] = []

    def opener() -> ox.Store:
        """Open (or create) the store once there is something to write."""
        created.append(not store_exists(store_path))
        return open_store(store_path, create=True)

    result = ingest_files(
        opener,
        files,
        snapshot,
        department,
        journal=journal_folder(store_path),
        tables=tables_folder(store_path),
    )
    _report_problems(result)
    if created and created[0]:
        click.echo(f"created store {store_path}", err=True)
    if not result.usable:
        raise InputError("no organogram rows could be read: nothing loaded")
    if not quiet:
        _report_files(result, verbose)
        _report_snapshots(result)
    if result.partial:
        raise SystemExit(1)


def _report_problems(result: IngestResult) -> None:
    """Every row error (file:line: message) and warning, on stderr."""
    for error in result.errors:
        click.echo(f"error: {error}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)


def csv_files(paths: tuple[Path, ...]) -> list[Path]:
    """The files given, with each folder replaced by the CSV files under it (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".csv")
            if not inside:
                raise UsageError(f"{path}: a folder with no .csv file")
            found += inside
        elif not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        else:
            found.append(path)
    return found


def _report_files(result: IngestResult, verbose: bool) -> None:
    """Per file: rows read, loaded and rejected (with reasons) and the columns it mapped."""
    for summary in result.files:
        click.echo(summary.line())
        for reason, count in summary.rejected.most_common():
            click.echo(f"  rejected {count}: {reason}")
        for mapping in summary.mappings if verbose else summary.unusual_mappings:
            click.echo(f"  {mapping}")


def _report_snapshots(result: IngestResult) -> None:
    """One line per snapshot graph written, then a total."""
    for snap in result.snapshots:
        click.echo(
            f"{snap.department} {snap.label}: {snap.posts} senior posts, "
            f"{snap.junior_rows} junior rows -> <{snap.graph}>"
        )
    state = f"partial: {len(result.errors)} errors" if result.partial else "complete"
    click.echo(
        f"loaded {result.rows_loaded} rows into {len(result.snapshots)} snapshot graphs ({state})"
    )
