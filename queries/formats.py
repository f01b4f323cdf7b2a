"""Write query answers as a text table, CSV, TSV, JSON, Markdown, or RDF for graph queries.

- json: SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/);
- csv / tsv: SPARQL 1.1 Query Results CSV and TSV Formats
  (https://www.w3.org/TR/sparql11-results-csv-tsv/): CSV gives plain values and CRLF line
  ends, TSV gives terms in SPARQL/Turtle syntax with a `?var` header;
- table and markdown are for people: IRIs shortened with the usual prefixes, and in a named
  query's answer the columns ending in `Iri` are left out (they stay in csv, tsv and json);
  table cells are cut at TABLE_CELL_MAX characters;
- turtle, nt and jsonld serialise CONSTRUCT and DESCRIBE answers (Oxigraph's writers).
An ASK answer is `true`/`false` in every results format.
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from common.errors import UsageError
from queries.labels import PREFIXES
from queries.runner import QueryResult, Term

RESULT_FORMATS = ("table", "csv", "tsv", "json", "markdown")
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
ALL_FORMATS = (*RESULT_FORMATS, *RDF_FORMATS)
TABLE_CELL_MAX = 60


def short(term: Term | None) -> str:
    """A value for people: an IRI as a CURIE when a prefix fits, a literal's lexical form."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if term.value.startswith(ns) and term.value != ns:
                return f"{prefix}:{term.value[len(ns) :]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def json_term(term: Term) -> dict[str, str]:
    """One RDF term as a SPARQL 1.1 Results JSON binding object."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != PREFIXES["xsd"] + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2) + "\n"
    bindings = [
        {v: json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _csv_value(term: Term | None) -> str:
    """A CSV cell: IRIs and literals as plain strings, blank nodes as _:label."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV (RFC 4180 quoting, CRLF line ends)."""
    if result.kind == "ask":
        return "true\r\n" if result.boolean else "false\r\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return out.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: `?var` header, terms in SPARQL syntax, tabs escaped."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return "\n".join(lines) + "\n"


def _shown_columns(result: QueryResult, hide_iris: bool) -> list[int]:
    """The columns people see: all, or all but the `...Iri` ones."""
    names = result.variables
    return [i for i, v in enumerate(names) if not (hide_iris and v.endswith("Iri") and len(v) > 3)]


def _cells(
    result: QueryResult, hide_iris: bool, limit: int | None
) -> tuple[list[str], list[list[str]]]:
    """Header and rows of text cells for the human formats."""
    cols = _shown_columns(result, hide_iris)
    header = [result.variables[i] for i in cols]
    rows = []
    for row in result.rows:
        cells = [" ".join(short(row[i]).split()) for i in cols]
        rows.append(
            [c if limit is None or len(c) <= limit else c[: limit - 1] + "…" for c in cells]
        )
    return header, rows


def to_table(result: QueryResult, hide_iris: bool = False) -> str:
    """An aligned plain-text table, with the row count underneath."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    header, rows = _cells(result, hide_iris, TABLE_CELL_MAX)
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def to_markdown(result: QueryResult, hide_iris: bool = False) -> str:
    """A GitHub-flavoured Markdown table (pipes escaped)."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    header, rows = _cells(result, hide_iris, None)

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), line(["---"] * len(header)), *map(line, rows)]) + "\n"


def to_rdf(result: QueryResult, fmt: str) -> str:
    """A CONSTRUCT or DESCRIBE answer as Turtle, N-Triples or JSON-LD."""
    data = ox.serialize(
        result.triples, format=RDF_FORMATS[fmt], prefixes=PREFIXES if fmt == "turtle" else None
    )
    return data.decode("utf-8") if isinstance(data, bytes) else ""


def default_format(result: QueryResult) -> str:
    """turtle for graph answers, table otherwise."""
    return "turtle" if result.kind == "graph" else "table"


def render(result: QueryResult, fmt: str | None = None, hide_iris: bool = False) -> str:
    """The answer in the chosen format; a format that does not fit the answer is an error."""
    fmt = fmt or default_format(result)
    if result.kind == "graph":
        if fmt not in RDF_FORMATS:
            raise UsageError(
                f"a {fmt} answer needs SELECT or ASK;"
                f" for CONSTRUCT/DESCRIBE use {', '.join(RDF_FORMATS)}"
            )
        return to_rdf(result, fmt)
    if fmt in RDF_FORMATS:
        raise UsageError(
            f"{fmt} needs a CONSTRUCT or DESCRIBE query; choose one of {', '.join(RESULT_FORMATS)}"
        )
    writers = {"json": to_json, "csv": to_csv, "tsv": to_tsv}
    if fmt in writers:
        return writers[fmt](result)
    if fmt == "markdown":
        return to_markdown(result, hide_iris)
    if fmt == "table":
        return to_table(result, hide_iris)
    raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(ALL_FORMATS)}")
