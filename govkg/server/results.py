"""Serialise answers, with the row limit stated, in the formats the endpoint negotiates.

- SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/): when rows
  were cut, `head.link` points at a note and a top-level `"truncated": true` says so;
- SPARQL Query Results XML (https://www.w3.org/TR/rdf-sparql-XMLres/): the same link in
  `<head>`;
- SPARQL 1.1 Query Results CSV and TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/),
  via queries.formats (the header `X-Govkg-Truncated` is their only truncation mark);
- CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML (Oxigraph's writers).
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from queries.formats import json_term, to_csv, to_tsv
from queries.labels import PREFIXES
from queries.runner import QueryResult, Term

TRUNCATED_NOTE = "/about/truncated"
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
RDF_WRITERS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def to_json(result: QueryResult, truncated: bool) -> bytes:
    """SPARQL JSON; a cut answer carries a link to the note and `"truncated": true`."""
    head: dict[str, object] = {} if result.kind == "ask" else {"vars": result.variables}
    doc: dict[str, object] = {"head": head}
    if result.kind == "ask":
        doc["boolean"] = bool(result.boolean)
    else:
        names = result.variables
        doc["results"] = {
            "bindings": [
                {v: json_term(t) for v, t in zip(names, row, strict=True) if t is not None}
                for row in result.rows
            ]
        }
    if truncated:
        head["link"] = [TRUNCATED_NOTE]
        doc["truncated"] = True
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(term: Term) -> str:
    """One RDF term as a SPARQL XML results element."""
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != PREFIXES["xsd"] + "string":
            kind = quoteattr(term.datatype.value)
            return f"<literal datatype={kind}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def to_xml(result: QueryResult, truncated: bool) -> bytes:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    out.append('<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append(f"<link href={quoteattr(TRUNCATED_NOTE)}/>" if truncated else "")
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            cells = [
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row, strict=True)
                if t is not None
            ]
            out.append("<result>" + "".join(cells) + "</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out).encode("utf-8")


def serialise(result: QueryResult, fmt: str, truncated: bool) -> bytes:
    """The answer in one negotiated format (a key of MEDIA)."""
    if result.kind == "graph":
        prefixes = PREFIXES if fmt == "turtle" else None
        data = ox.serialize(result.triples, format=RDF_WRITERS[fmt], prefixes=prefixes)
        return data if isinstance(data, bytes) else b""
    if fmt == "json":
        return to_json(result, truncated)
    if fmt == "xml":
        return to_xml(result, truncated)
    return (to_csv(result) if fmt == "csv" else to_tsv(result)).encode("utf-8")
