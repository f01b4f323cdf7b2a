"""The SPARQL 1.1 Protocol's query operation, content negotiation and service description.

- SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/#query-operation): query via
  GET, POST form-encoded, or POST `application/sparql-query`, with `default-graph-uri` and
  `named-graph-uri`; the update operation is refused (403: read-only);
- content negotiation by `Accept` (RFC 9110 §12.5.1 q-values), or the `format`, `output`
  and `results` parameters that SPARQLWrapper, Virtuoso, Fuseki and Jena clients send, short
  names or media types, read per query form (`format=xml` is RDF/XML for CONSTRUCT and
  DESCRIBE, results XML for SELECT and ASK); values that agree may repeat, values that
  conflict are a 400, and a value that cannot be served leaves the choice to `Accept`;
- parameters must be UTF-8 once percent-decoded (400 otherwise);
- SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/) at the
  endpoint URL when the request carries no query, in Turtle, RDF/XML, JSON-LD or N-Triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs

from govkg.server.results import GRAPH_TYPES, SELECT_TYPES

FORMAT_PARAMS = ("format", "output", "results")
RESULT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "srj": "json"}
RESULT_NAMES |= {"srx": "xml", **SELECT_TYPES}
GRAPH_NAMES = {"xml": "rdfxml", "rdf": "rdfxml", "rdf+xml": "rdfxml", "rdfxml": "rdfxml"}
GRAPH_NAMES |= {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "text/n3": "turtle"}
GRAPH_NAMES |= {"nt": "nt", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld"}
GRAPH_NAMES |= {"jsonld": "jsonld", "json": "jsonld", **GRAPH_TYPES}
DESCRIPTION_TYPES = {"text/turtle": "turtle", "application/rdf+xml": "xml"}
DESCRIPTION_TYPES |= {"application/ld+json": "json-ld", "application/n-triples": "nt"}
FORMATS_NS = "http://www.w3.org/ns/formats/"
SD_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
              "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")  # fmt: skip


class ProtocolError(Exception):
    """A request the protocol rejects, with its HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class QueryRequest:
    """A protocol query request: the query (None asks for the description) and its dataset."""

    query: str | None
    default: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)  # format, output and results values


def parse_accept(header: str) -> list[str]:
    """Media types of an Accept header, best first (q=0 dropped, parameters stripped)."""
    ranked = []
    for index, part in enumerate(header.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, index, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def negotiate(accept: str, kind: str) -> str | None:
    """The format key for this kind of answer (graph or results), or None (406)."""
    table = GRAPH_TYPES if kind == "graph" else SELECT_TYPES
    default = "turtle" if kind == "graph" else "json"
    if not accept.strip():
        return default
    for media in parse_accept(accept):
        if media in table:
            return table[media]
        if media in {"*/*", "application/*"} or (media == "text/*" and kind == "graph"):
            return default
        if media == "text/*":
            return "csv"
    return None


def pick_format(kind: str, values: list[str], accept: str) -> str | None:
    """The answer's format from the format parameters (read per kind), else from Accept.

    Raises ProtocolError(400) when the parameters name two different formats for this kind.
    """
    table = GRAPH_NAMES if kind == "graph" else RESULT_NAMES
    named = {v: table.get(v.split(";")[0].strip().lower()) for v in values}
    chosen = {f for f in named.values() if f is not None}
    if len(chosen) > 1:
        given = ", ".join(sorted(v for v, f in named.items() if f is not None))
        raise ProtocolError(400, f"the format parameters name different formats: {given}")
    return chosen.pop() if chosen else negotiate(accept, kind)


def _parse(query_string: str) -> dict[str, list[str]]:
    """Decode form parameters; percent-encoded bytes must be UTF-8 (SPARQL 1.1 Protocol)."""
    try:
        return parse_qs(query_string, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, "a parameter is not UTF-8 once percent-decoded") from None


def _single(params: dict[str, list[str]], name: str) -> str | None:
    """A parameter given at most once."""
    values = params.get(name, [])
    if len(values) > 1:
        raise ProtocolError(400, f"the {name!r} parameter must be given once")
    return values[0] if values else None


def _request(params: dict[str, list[str]], query: str | None) -> QueryRequest:
    """A QueryRequest from decoded parameters (the update operation refused)."""
    if "update" in params:
        raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    formats = [v for name in FORMAT_PARAMS for v in params.get(name, []) if v.strip()]
    return QueryRequest(
        query, params.get("default-graph-uri", []), params.get("named-graph-uri", []), formats
    )


def from_get(query_string: str) -> QueryRequest:
    """A GET request: everything in the URL's query string."""
    params = _parse(query_string)
    return _request(params, _single(params, "query"))


def from_post(content_type: str, body: bytes, query_string: str) -> QueryRequest:
    """A POST request: form-encoded parameters, or the query itself as the body."""
    media = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8") from None
    url_params = _parse(query_string)
    if media == "application/x-www-form-urlencoded":
        params = {**url_params, **_parse(text)}
        query = _single(params, "query")
        if query is None and "update" not in params:
            raise ProtocolError(400, "no 'query' parameter in the form")
        return _request(params, query)
    if media == "application/sparql-query":
        return _request(url_params, text)
    if media == "application/sparql-update":
        raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    raise ProtocolError(
        415,
        "send application/sparql-query or application/x-www-form-urlencoded (SPARQL 1.1 Protocol)",
    )


def description_format(accept: str) -> tuple[str, str] | None:
    """(media type, rdflib format) for the service description; Turtle unless asked otherwise."""
    if not accept.strip():
        return "text/turtle", "turtle"
    for media in parse_accept(accept):
        if media in DESCRIPTION_TYPES:
            return media, DESCRIPTION_TYPES[media]
        if media in {"*/*", "text/*", "application/*"}:
            return "text/turtle", "turtle"
    return None


def _iri(value: str) -> str:
    """An IRI written for Turtle, with the characters IRIREF forbids percent-encoded."""
    return (
        "<"
        + "".join(
            c if c.isprintable() and c not in '<>"{}|^`\\ ' else f"%{ord(c):02X}" for c in value
        )
        + ">"
    )


def service_description(endpoint: str, graphs: list[str], fmt: str = "turtle") -> bytes:
    """The service description: query language, formats, features and the dataset."""
    formats = ", ".join(f"<{FORMATS_NS}{name}>" for name in SD_FORMATS)
    named = "".join(
        f"    sd:namedGraph [ a sd:NamedGraph ; sd:name {_iri(g)} ] ;\n" for g in graphs
    )
    text = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

{_iri(endpoint)} a sd:Service ;
  rdfs:label "govkg SPARQL endpoint (read-only)" ;
  rdfs:comment "SPARQL 1.1 Query only: Update and SERVICE are refused; time and row limits apply." ;
  sd:endpoint {_iri(endpoint)} ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat {formats} ;
  sd:defaultDataset [
    a sd:Dataset ;
    sd:defaultGraph [ a sd:Graph ; rdfs:comment "the union of every named graph" ] ;
{named}  ] .
"""
    if fmt == "turtle":
        return text.encode("utf-8")
    from rdflib import Graph

    data = Graph().parse(data=text, format="turtle").serialize(format=fmt, encoding="utf-8")
    return bytes(data)
