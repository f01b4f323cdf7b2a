"""`govkg build`: documents in, the knowledge graph with evidence into the store."""

from __future__ import annotations

from pathlib import Path

import click

from govkg.build import build_into_store
from govkg.cli.common import handle_errors, store_option
from govkg.export import FORMATS, QUAD_FORMATS, export, format_for
from govkg.store import open_store, store_exists
from graphbuild.pipeline import BuildReport, DocumentReport, build_paths


@click.command()
@click.argument(
    "paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[PATH]..."
)
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of documents, like PATH (default: the bundled corpus).",
)
@click.option(
    "--explain",
    "explain",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Show what is detected in one document and why; build nothing.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Also export to FILE.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Export format.")
@click.option("--quiet", is_flag=True, help="Print only warnings and errors.")
@store_option
@handle_errors
def build(
    paths: tuple[Path, ...],
    corpus_dir: Path | None,
    explain: Path | None,
    out: Path | None,
    fmt: str | None,
    quiet: bool,
    store_path: Path,
) -> None:
    """Build the graph from documents (.txt, .pdf, .html; files or folders) into the store.

    With no PATH, the bundled corpus is built. Exit 1 when a document could not be built.
    """
    if explain is not None:
        _explain(explain)
        return
    created = not store_exists(store_path)
    store = open_store(store_path, create=True)
    if created:
        click.echo(f"created store {store_path}", err=True)
    result = build_into_store(store, corpus_dir, list(paths))
    _print_report(result.report, quiet)
    if out is not None:
        chosen = format_for(out, fmt)
        count = export(store, out, chosen)
        unit = "quads" if chosen in QUAD_FORMATS else "triples"
        click.echo(f"exported {count} {unit} to {out}")
    if result.report.partial:
        raise SystemExit(1)


def _explain(path: Path) -> None:
    """Print what the build detects in one document, and why (nothing is stored)."""
    report = build_paths([path]).report.documents[0]
    click.echo(f"{report.file}")
    click.echo(f"  format: {report.format or 'unreadable'}")
    for line in report.explained:
        click.echo(f"  {line}")
    click.echo(f"  post: {report.post or '-'}")
    if report.error:
        click.echo(f"  error: {report.error}")
        raise SystemExit(1)
    click.echo(f"  found: {_summary(report)}")
    for warning in report.warnings:
        click.echo(f"  not interpreted: {warning}")


def _summary(doc: DocumentReport) -> str:
    """Counts of objectives, measures, milestones and sentence relations."""
    counts = ", ".join(f"{n} {what}" for what, n in doc.counts.items())
    return f"{doc.facts} facts — {counts}, {doc.relations} facts from sentences"


def _print_report(report: BuildReport, quiet: bool) -> None:
    """The build report per document: format, family, period, department, post, person, counts."""
    for doc in report.documents:
        if doc.error:
            click.echo(f"warning: {doc.error} — skipped", err=True)
            continue
        if not quiet:
            click.echo(f"{doc.doc_id} [{doc.family}, {doc.format}]: {_summary(doc)}")
            about = [doc.period, doc.department, doc.post, doc.person]
            click.echo("  " + " · ".join(a for a in about if a))
        for warning in doc.warnings:
            click.echo(f"warning: {warning}", err=True)
    if not quiet:
        total = sum(d.facts for d in report.documents)
        built = len(report.documents) - len(report.failed)
        click.echo(f"built {built} of {len(report.documents)} documents, {total} facts")
    for candidate in report.candidates:
        click.echo(f"possible same person (not merged): {candidate}")
