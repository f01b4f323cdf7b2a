"""`govkg ontology ...`: summary, HermiT consistency check and the reference docs.

The check reasons over the ontology (govkg.ttl + external.ttl), optional data files and,
with --documents, the store's document graphs; inferences go to their own named graph.
"""

from __future__ import annotations

from pathlib import Path

import click

from govkg.cli.common import handle_errors, store_option
from ontology import load_ontology
from ontology.summary import summarise


@click.group()
def ontology() -> None:
    """Inspect, check and document the govkg ontology."""


@ontology.command()
@handle_errors
def summary() -> None:
    """Print the numbers of classes, properties and reference individuals."""
    for line in summarise(load_ontology()).lines():
        click.echo(line)


@ontology.command()
@click.argument("data", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--documents", is_flag=True, help="Also reason over the store's document graphs.")
@click.option("--infer", is_flag=True, help="Compute inferred triples (see --out).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write inferred triples to FILE (Turtle) instead of the store's inferred graph.",
)
@store_option
@handle_errors
def check(
    data: tuple[Path, ...], documents: bool, infer: bool, out: Path | None, store_path: Path
) -> None:
    """Run HermiT: consistency, unsatisfiable classes, individuals in a violation.

    Exit 0 consistent, 1 inconsistent or unsatisfiable classes, 2 a file cannot be parsed.
    """
    from govkg.reasoning import run_check

    outcome = run_check(list(data), documents, infer, out, store_path)
    for line in outcome.lines:
        click.echo(line)
    if not outcome.ok:
        raise SystemExit(1)


@ontology.command()
@click.argument("data", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--documents", is_flag=True, help="Validate the store's document graphs.")
@store_option
@handle_errors
def validate(data: tuple[Path, ...], documents: bool, store_path: Path) -> None:
    """Check data against the SHACL shapes (exit 1 on a violation; warnings are listed)."""
    from rdflib import Graph

    from common.errors import UsageError
    from govkg.reasoning import store_documents
    from ontology.rdf_files import load_rdf_file
    from ontology.shacl import validate as shacl_validate
    from ontology.shacl_report import format_results

    if not data and not documents:
        raise UsageError("nothing to validate: give DATA files or --documents")
    graph = Graph()
    for path in data:
        graph += load_rdf_file(path)
    if documents:
        for doc_graph in store_documents(store_path):
            graph += doc_graph
    report = shacl_validate(graph)
    click.echo(format_results(report))
    if not report.conforms:
        raise SystemExit(1)


@ontology.command()
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write index.html and ontology.md into (created if missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "markdown", "both"]),
    default="both",
    show_default=True,
)
@handle_errors
def docs(out_dir: Path, fmt: str) -> None:
    """Write the ontology reference (HTML and/or Markdown) to a folder."""
    from ontology.docs import write_docs

    for path in write_docs(out_dir, fmt):  # type: ignore[arg-type]
        click.echo(f"wrote {path}")
