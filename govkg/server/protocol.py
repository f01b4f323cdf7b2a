"""The SPARQL 1.1 Protocol's query operation, content negotiation and service description.

- SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/#query-operation): query via
  GET, POST form-encoded, or POST `application/sparql-query`, with `default-graph-uri` and
  `named-graph-uri`; the update operation is refused (403: read-only);
- content negotiation by `Accept` (RFC 9110 §12.5.1 q-values), or a `format` parameter;
- SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/) in
  Turtle at the endpoint URL when the request carries no query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs

from govkg.server.results import GRAPH_TYPES, MEDIA, SELECT_TYPES

FORMAT_PARAM = {**{k: v.split(";")[0] for k, v in MEDIA.items()}, "ttl": "text/turtle"}
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
    format: str = ""


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
    return QueryRequest(
        query,
        params.get("default-graph-uri", []),
        params.get("named-graph-uri", []),
        _single(params, "format") or "",
    )


def from_get(query_string: str) -> QueryRequest:
    """A GET request: everything in the URL's query string."""
    params = parse_qs(query_string, keep_blank_values=True)
    return _request(params, _single(params, "query"))


def from_post(content_type: str, body: bytes, query_string: str) -> QueryRequest:
    """A POST request: form-encoded parameters, or the query itself as the body."""
    media = content_type.split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8") from None
    url_params = parse_qs(query_string, keep_blank_values=True)
    if media == "application/x-www-form-urlencoded":
        params = {**url_params, **parse_qs(text, keep_blank_values=True)}
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


def accept_for(request: QueryRequest, header: str) -> str:
    """The Accept to negotiate with: a known `format` parameter wins over the header."""
    return FORMAT_PARAM.get(request.format.lower(), header) if request.format else header


def _iri(value: str) -> str:
    """An IRI written for Turtle, with the characters IRIREF forbids percent-encoded."""
    return (
        "<"
        + "".join(
            c if c.isprintable() and c not in '<>"{}|^`\\ ' else f"%{ord(c):02X}" for c in value
        )
        + ">"
    )


def service_description(endpoint: str, graphs: list[str]) -> bytes:
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
    return text.encode("utf-8")
