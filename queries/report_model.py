"""What `govkg report` shows: sections of tables and charts, each citing the query behind it.

docs/architecture.md §8. Every table and chart carries `source`: the named query and the
parameters (or the command) that give its numbers, so a researcher can reproduce any figure.
The data is computed in `queries.report` and drawn in `viz.report_page`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from queries.runner import run_query

Value = str | int | float


@dataclass
class Table:
    """A table: a file name for its CSV, a title, columns and rows, and its source."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Value]]
    source: str
    note: str = ""


@dataclass
class Chart:
    """A bar or line chart: categories along x, one series of numbers per name."""

    name: str
    title: str
    categories: list[str]
    series: dict[str, list[float]]
    source: str
    kind: str = "bar"  # "bar" (stacked when several series) or "line"
    ylabel: str = ""


@dataclass
class Section:
    """One section of the report; `empty` says what to load when it has nothing to show."""

    key: str
    title: str
    intro: str
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    empty: str = ""

    @property
    def has_data(self) -> bool:
        """Whether any table has a row."""
        return any(t.rows for t in self.tables)


@dataclass
class Report:
    """Every section, in order."""

    sections: list[Section]

    @property
    def empty(self) -> bool:
        """True when no section has anything to show."""
        return not any(s.has_data for s in self.sections)

    def tables(self) -> list[Table]:
        """Every table of every section."""
        return [t for s in self.sections for t in s.tables]


def source(query: str, **params: str) -> str:
    """The command that reproduces a figure: `govkg query NAME -p k=v ...`."""
    shown = " ".join(f"-p {k}={_quoted(v)}" for k, v in params.items())
    return f"govkg query {query}" + (f" {shown}" if shown else "")


def _quoted(value: str) -> str:
    """A parameter value as a shell would need it."""
    return f"'{value}'" if any(c in value for c in " &'\"()") else value


def rows_of(
    store: ox.Store, name: str, params: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """A named query's rows as plain values (integers and decimals as numbers)."""
    result = run_query(store, name, params or {})
    return [
        {v: _plain(t) for v, t in zip(result.variables, row, strict=True)} for row in result.rows
    ]


def _plain(term: Any) -> Value:
    """A term's value: numbers for numeric literals, text otherwise ('' when unbound)."""
    if term is None:
        return ""
    datatype = getattr(term, "datatype", None)
    kind = str(datatype.value).rsplit("#", 1)[-1] if datatype is not None else ""
    if kind in {"integer", "int", "long", "nonNegativeInteger"}:
        return int(term.value)
    if kind in {"decimal", "double", "float"}:
        return float(term.value)
    return str(term.value)
