"""`govkg build`: documents in, the knowledge graph with evidence into the store."""

from __future__ import annotations

from pathlib import Path

import click

from govkg.build import build_into_store
from govkg.cli.common import handle_errors, store_option
from govkg.export import FORMATS, QUAD_FORMATS, export, format_for
from govkg.store import open_store, store_exists
from graphbuild.pipeline import BuildReport


@click.command()
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A corpus folder with a manifest.toml (default: the bundled corpus).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Also export to FILE.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Export format.")
@click.option("--quiet", is_flag=True, help="Print only warnings and errors.")
@store_option
@handle_errors
def build(
    corpus_dir: Path | None, out: Path | None, fmt: str | None, quiet: bool, store_path: Path
) -> None:
    """Build the graph from the corpus into the store (exit 1 when partial)."""
    created = not store_exists(store_path)
    store = open_store(store_path, create=True)
    if created:
        click.echo(f"created store {store_path}", err=True)
    result = build_into_store(store, corpus_dir)
    _print_report(result.report, quiet)
    if out is not None:
        chosen = format_for(out, fmt)
        count = export(store, out, chosen)
        unit = "quads" if chosen in QUAD_FORMATS else "triples"
        click.echo(f"exported {count} {unit} to {out}")
    if result.report.partial:
        raise SystemExit(1)


def _print_report(report: BuildReport, quiet: bool) -> None:
    """The build report: facts and classes per document, warnings, person candidates."""
    for doc in report.documents:
        if doc.error:
            click.echo(f"warning: {doc.error} — skipped", err=True)
            continue
        if not quiet:
            classes = ", ".join(f"{n} {c}" for c, n in doc.by_class.most_common())
            click.echo(f"{doc.doc_id} [{doc.family}]: {doc.facts} facts — {classes}")
        for warning in doc.warnings:
            click.echo(f"warning: {warning}", err=True)
    if not quiet:
        total = sum(d.facts for d in report.documents)
        built = len(report.documents) - len(report.failed)
        click.echo(f"built {built} of {len(report.documents)} documents, {total} facts")
    for candidate in report.candidates:
        click.echo(f"possible same person (not merged): {candidate}")
