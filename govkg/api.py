"""The Python API: `kg = govkg.load()`, `kg.query(name, **params)`, `kg.sparql(text)`.

`load()` builds the bundled corpus into an in-memory Oxigraph store, or opens a built store
folder, or builds another corpus folder (one with a manifest.toml). A named query (see
`kg.queries()`) returns `Rows`: a list of `Row`, each readable as `row.holder` or
`row["holder"]`, with plain Python values (IRIs as str, xsd:integer as int, xsd:date as
datetime.date). Rows show as an HTML table in Jupyter (every value HTML-escaped) and
convert with `.to_dataframe()` when pandas is installed (`pip install govkg[pandas]`).
Parameters are bound, never formatted into SPARQL (docs/architecture.md §7); a parameter
named like a Python keyword takes a trailing underscore (`from_="2012-01-01"`) or goes in a dict.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from common.errors import UsageError

if TYPE_CHECKING:
    import pyoxigraph as ox

    from graphbuild.organogram import IngestResult
    from queries.changes import Diff
    from queries.checks import ChainReport, CheckReport
    from queries.runner import QueryResult

XSD = "http://www.w3.org/2001/XMLSchema#"
HTML_ROW_LIMIT = 200
_CONVERTERS: dict[str, Any] = {
    XSD + "integer": int,
    XSD + "int": int,
    XSD + "long": int,
    XSD + "decimal": Decimal,
    XSD + "double": float,
    XSD + "float": float,
    XSD + "boolean": lambda v: v == "true",
    XSD + "date": dt.date.fromisoformat,
    XSD + "dateTime": dt.datetime.fromisoformat,
}


def to_python(term: object) -> Any:
    """An RDF term as a plain Python value (None for an unbound variable)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        convert = _CONVERTERS.get(term.datatype.value)
        try:
            return convert(term.value) if convert else term.value
        except ValueError:
            return term.value
    return str(term)


class Row(Mapping[str, Any]):
    """One answer row: `row.name`, `row["name"]`, `dict(row)`."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]) -> None:
        object.__setattr__(self, "_values", values)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(
                f"no column {name!r}; columns: {', '.join(self._values)}"
            ) from None

    def __repr__(self) -> str:
        return "Row(" + ", ".join(f"{k}={v!r}" for k, v in self._values.items()) + ")"


class Rows(Sequence[Row]):
    """The rows of a SELECT answer, in order, with the columns they have."""

    def __init__(self, result: QueryResult, hide_iris: bool = False) -> None:
        self.result = result
        self.columns: list[str] = list(result.variables)
        self.hide_iris = hide_iris
        self._rows = [
            Row({c: to_python(t) for c, t in zip(self.columns, row, strict=True)})
            for row in result.rows
        ]

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        return self._rows[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        from queries.formats import to_table

        return to_table(self.result, self.hide_iris)

    @property
    def sparql(self) -> str:
        """The query that ran."""
        return self.result.sparql

    def shown_columns(self) -> list[str]:
        """The columns a person sees (the `...Iri` ones are hidden for named queries)."""
        hidden = self.hide_iris
        return [c for c in self.columns if not (hidden and c.endswith("Iri") and len(c) > 3)]

    def to(self, fmt: str) -> str:
        """The answer as text: table, csv, tsv, json (SPARQL 1.1 results) or markdown."""
        from queries.formats import render

        return render(self.result, fmt, hide_iris=self.hide_iris)

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every row as a plain dict."""
        return [dict(row) for row in self._rows]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of every column (needs the optional `pandas` extra)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_dataframe() needs pandas: pip install 'govkg[pandas]'") from None
        return pd.DataFrame(self.to_dicts(), columns=self.columns)

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter; every header and value is HTML-escaped."""
        cols = self.shown_columns()
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(row[c]))}</td>" for c in cols) + "</tr>"
            for row in self._rows[:HTML_ROW_LIMIT]
        )
        more = len(self._rows) - HTML_ROW_LIMIT
        note = f"<p>… {more} more rows</p>" if more > 0 else ""
        count = f"<p>{len(self._rows)} row{'' if len(self._rows) == 1 else 's'}</p>"
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}{count}"


def _cell(value: Any) -> str:
    """A value as table text (empty for None)."""
    return "" if value is None else str(value)


class KnowledgeGraph:
    """The govkg graph in an Oxigraph store, answering named queries and raw SPARQL."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def queries(self) -> dict[str, str]:
        """Name -> summary of every named query."""
        from queries.catalog import load_catalog

        return {name: q.summary for name, q in load_catalog().items()}

    def describe(self, name: str) -> str:
        """A named query's summary and parameters."""
        from queries.catalog import get_query

        query = get_query(name)
        return f"{query.name}: {query.summary}\n{query.usage()}"

    def query(self, name: str, params: Mapping[str, Any] | None = None, /, **kwargs: Any) -> Rows:
        """Run a named query; parameters as keywords (`post="Cabinet Secretary"`) or a dict."""
        from queries.runner import run_query

        given = {**(params or {}), **{k.rstrip("_"): v for k, v in kwargs.items()}}
        return Rows(run_query(self.store, name, given), hide_iris=True)

    def sparql(self, text: str) -> Rows | bool | list[ox.Triple]:
        """Run SPARQL 1.1: Rows for SELECT, a bool for ASK, triples for CONSTRUCT/DESCRIBE."""
        from queries.runner import execute

        result = execute(self.store, text)
        if result.kind == "ask":
            return bool(result.boolean)
        if result.kind == "graph":
            return result.triples
        return Rows(result)

    def ingest_organograms(
        self, *files: str | os.PathLike[str], snapshot: str | None = None
    ) -> IngestResult:
        """Load data.gov.uk organogram CSVs (as `govkg ingest organogram`); bad rows are listed."""
        from graphbuild.organogram import ingest_files, snapshot_date

        if snapshot is not None and snapshot_date(snapshot) is None:
            raise UsageError(f"snapshot {snapshot!r} is not a date (e.g. 2015-03-31, Sep-13)")
        store = self.store
        return ingest_files(lambda: store, [Path(f) for f in files], snapshot)

    def check_chains(self, *snapshots: str, max_depth: int | None = None) -> CheckReport:
        """The data.gov.uk validator rules and governance checks (as `govkg check chains`)."""
        from queries.checks import DEFAULT_MAX_DEPTH, CheckOptions, NothingToCheck, run_checks

        options = CheckOptions(snapshots, max_depth or DEFAULT_MAX_DEPTH)
        try:
            return run_checks(self.store, options)
        except NothingToCheck as error:
            raise UsageError(str(error)) from None

    def diff_organograms(
        self, before: str, after: str, department: str | None = None
    ) -> list[Diff]:
        """What changed between two releases, per department (as `govkg diff organogram`)."""
        from queries.changes import NothingToCompare, diff_organograms

        try:
            return diff_organograms(self.store, before, after, department)
        except NothingToCompare as error:
            raise UsageError(str(error)) from None

    def report(self) -> dict[str, Any]:
        """Every table of `govkg report` as a pandas DataFrame, by name (needs pandas)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("report() needs pandas: pip install 'govkg[pandas]'") from None
        from queries.report import build_report

        return {
            table.name: pd.DataFrame(table.rows, columns=table.columns)
            for table in build_report(self.store).tables()
        }

    def write_report(self, folder: str | os.PathLike[str], fmt: str = "html") -> Path:
        """Write the report page and its CSVs into a folder (as `govkg report`)."""
        from queries.report import build_report
        from viz.report_page import write_report

        return write_report(build_report(self.store), Path(folder), fmt)

    def chain(self, post_or_person: str, *snapshots: str) -> ChainReport:
        """Chains to the top and direct reports of a post or person (as `govkg chain`)."""
        from queries.checks import NoSuchPost, chain_report

        try:
            return chain_report(self.store, post_or_person, list(snapshots))
        except NoSuchPost as error:
            raise UsageError(str(error)) from None


def load(source: str | os.PathLike[str] | None = None) -> KnowledgeGraph:
    """The bundled corpus built in memory, a built store folder, or documents built.

    `source` may be a store folder, a folder of documents (with or without a manifest.toml)
    or one document (.txt, .pdf, .html).
    """
    import pyoxigraph as ox

    from govkg.store import open_store, store_exists

    if source is None:
        return KnowledgeGraph(_built(ox.Store(), None))
    path = Path(source)
    if store_exists(path):
        return KnowledgeGraph(open_store(path, read_only=True))
    if path.is_dir() or path.is_file():
        return KnowledgeGraph(_built(ox.Store(), path))
    raise UsageError(
        f"{path} is neither a govkg store (run `govkg build --store {path}`)"
        " nor a document or a folder of documents"
    )


def _built(store: ox.Store, corpus: Path | None) -> ox.Store:
    """Build a corpus into the store and return it."""
    from govkg.build import build_into_store

    build_into_store(store, paths=[corpus] if corpus is not None else None)
    return store
