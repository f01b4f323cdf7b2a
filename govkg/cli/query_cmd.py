"""`govkg queries`, `govkg query NAME` and `govkg sparql`: answers from the built store.

Queries run on the persisted store of the last `govkg build` (opened read-only), so a query
never rebuilds the graph. Named queries come from queries/*.rq (grlc-style headers);
`govkg sparql` runs any SPARQL 1.1 query: SELECT and ASK as a table or a SPARQL 1.1 results
format, CONSTRUCT and DESCRIBE as Turtle, N-Triples or JSON-LD. The default graph is the
union of all named graphs; `GRAPH ?g { ... }` reaches each one. Exit codes: 0 answered
(empty answers included), 2 usage or syntax error, 3 no store (docs/architecture.md §2, §7).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from common.errors import UsageError
from govkg.cli.common import handle_errors, store_option

FORMATS = ("table", "csv", "tsv", "json", "markdown", "turtle", "nt", "jsonld")


def _format_option(func: click.decorators.FC) -> click.decorators.FC:
    """Add `--format` (table, csv, tsv, json, markdown; turtle, nt, jsonld for graphs)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format (default: table; turtle for CONSTRUCT/DESCRIBE). "
        "json/csv/tsv are the SPARQL 1.1 results formats.",
    )(func)


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """`key=value` pairs from -p options."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(
                f"parameter {pair!r}: expected key=value (e.g. -p post='Cabinet Secretary')"
            )
        params[key.strip()] = value.strip()
    return params


def _endpoint_option(func: click.decorators.FC) -> click.decorators.FC:
    """Add `--endpoint URL`: run on a SPARQL 1.1 endpoint instead of the local store."""
    return click.option(
        "--endpoint",
        default=None,
        metavar="URL",
        help="Query this SPARQL 1.1 endpoint instead of the store "
        "(credentials from $GOVKG_ENDPOINT_USER / $GOVKG_ENDPOINT_PASSWORD).",
    )(func)


def _open(store_path: Path, endpoint: str | None = None) -> object:
    """The store of the last build, read-only (a missing store is exit 3 with a hint)."""
    if endpoint:
        from govkg.remote import RemoteStore

        return RemoteStore.from_env(endpoint)
    from govkg.store import open_store

    return open_store(store_path, read_only=True)


@click.command("queries")
@click.option("-v", "--verbose", is_flag=True, help="Also list each query's parameters.")
@handle_errors
def list_queries(verbose: bool) -> None:
    """List the named queries and what each answers."""
    from queries.catalog import load_catalog

    catalog = load_catalog()
    width = max(len(name) for name in catalog)
    for name, query in catalog.items():
        cq = f"[{query.cq}] " if query.cq else ""
        click.echo(f"{name.ljust(width)}  {cq}{query.summary}")
        if verbose:
            for param in query.params:
                click.echo(f"{'':{width}}    -p {param.usage()}")


@click.command("query")
@click.argument("name")
@click.option(
    "-p",
    "--param",
    "pairs",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter: a label (case-insensitive) or an IRI; repeat for more.",
)
@_format_option
@click.option("--show-sparql", is_flag=True, help="Print the query that ran (on stderr).")
@_endpoint_option
@store_option
@handle_errors
def query(
    name: str,
    pairs: tuple[str, ...],
    fmt: str | None,
    show_sparql: bool,
    endpoint: str | None,
    store_path: Path,
) -> None:
    """Run the named query NAME (see `govkg queries -v` for its parameters).

    A parameter is a label (case-insensitive; alt labels and titles such as Sir optional)
    or an IRI/CURIE; an ambiguous label lists the candidates. json, csv and tsv are the
    SPARQL 1.1 results formats; table and markdown leave out the ...Iri columns.
    """
    from queries.catalog import get_query
    from queries.formats import render
    from queries.runner import run_query
    from queries.runner import show_sparql as shown

    get_query(name)
    params = _parse_params(pairs)
    result = run_query(_open(store_path, endpoint), name, params)  # type: ignore[arg-type]
    if show_sparql:
        click.echo(shown(result), err=True)
    click.echo(render(result, fmt, hide_iris=True), nl=False)


def _read_query(text: str) -> str:
    """The query: '-' reads stdin, an existing file is read, anything else is the query."""
    if text == "-":
        return sys.stdin.read()
    path = Path(text)
    if len(text) < 4096 and "\n" not in text and path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read the query: {exc}") from None
    return text


@click.command("sparql")
@click.argument("query_or_file")
@_format_option
@click.option("--show-sparql", is_flag=True, help="Print the query that ran (on stderr).")
@_endpoint_option
@store_option
@handle_errors
def sparql(
    query_or_file: str, fmt: str | None, show_sparql: bool, endpoint: str | None, store_path: Path
) -> None:
    """Run a SPARQL 1.1 query given as text, a file, or '-' for stdin.

    The default graph is the union of every named graph (one per document, organogram
    snapshot, the ontology); GRAPH ?g { ... } reaches each one. SELECT and ASK print as a
    table or a SPARQL 1.1 results format; CONSTRUCT and DESCRIBE as turtle, nt or jsonld.
    """
    from queries.formats import render
    from queries.runner import execute

    text = _read_query(query_or_file)
    result = execute(_open(store_path, endpoint), text)  # type: ignore[arg-type]
    if show_sparql:
        click.echo(text, err=True)
    click.echo(render(result, fmt), nl=False)
