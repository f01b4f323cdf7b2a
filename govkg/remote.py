"""Remote stores: run govkg's queries on any SPARQL 1.1 endpoint, and push graphs to one.

- SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/): queries are POSTed
  form-encoded; SELECT/ASK answers are read as SPARQL 1.1 Query Results JSON, CONSTRUCT and
  DESCRIBE as N-Triples; `default-graph-uri` / `named-graph-uri` carry the dataset.
- SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/):
  `push_graphs` PUTs each named graph to `?graph=IRI` (or PUTs then POSTs them all into one).

`RemoteStore` offers the part of pyoxigraph's `Store` that queries.runner, queries.labels and
the chain checks use (query, named_graphs, quads_for_pattern, contains_named_graph), so the
same code runs on the embedded store or an endpoint. An endpoint has no parameter binding:
substitutions are written into the query token by token as RDF terms serialised (escaped)
by pyoxigraph, following SEP-0007 (common.sparql_lexer.substitute), never as raw text. The
default graph of a query is the endpoint's own (Virtuoso: the union of all graphs, as our
`use_default_graph_as_union`; Fuseki needs `tdb:unionDefaultGraph true`).
"""

from __future__ import annotations

import base64
import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

from common.errors import GovkgError, UsageError
from common.sparql_lexer import query_form, substitute

RESULTS_JSON = "application/sparql-results+json"
USER_VAR, PASSWORD_VAR = "GOVKG_ENDPOINT_USER", "GOVKG_ENDPOINT_PASSWORD"
N_TRIPLES = "application/n-triples"
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_BNODE_CHARS = re.compile(r"[^A-Za-z0-9_]")
_NOT_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]|^[^:]*$')


def opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    """A urllib opener that answers Basic or Digest challenges when credentials are given."""
    if not user:
        return urllib.request.build_opener()
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, user, password or "")
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)
    )


def send(
    client: urllib.request.OpenerDirector, request: urllib.request.Request, timeout: float
) -> tuple[str, bytes]:
    """Send a request; the answer's media type and body, or a GovkgError with the reason."""
    try:
        with client.open(request, timeout=timeout) as response:
            media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            return media, response.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(600).decode("utf-8", "replace").split())
        raise GovkgError(
            f"{request.full_url.split('?')[0]} answered {exc.code}: {detail}"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise GovkgError(f"cannot reach {request.full_url.split('?')[0]}: {reason}") from None


def _clean_json(body: bytes) -> bytes:
    """SPARQL JSON as pyoxigraph reads it, whatever Virtuoso 7.2 wrote.

    Virtuoso writes blank nodes as `nodeID://b1` (not a valid label), and types the result
    of COALESCE(STR(?label), ?iri) as "uri" even when it is the label: such a "uri" that
    cannot be an IRI is read as the literal it is.
    """
    doc = json.loads(body)
    for row in doc.get("results", {}).get("bindings", []):
        for value in row.values():
            if value.get("type") == "bnode":
                value["value"] = _BNODE_CHARS.sub("_", value["value"]) or "b"
            elif value.get("type") == "uri" and _NOT_IRI.search(value.get("value", "")):
                value["type"] = "literal"
    return json.dumps(doc).encode("utf-8")


def _graphs(values: Any) -> list[str]:
    """IRIs of a pyoxigraph graph argument (one graph or a list; the default graph is none)."""
    if values is None:
        return []
    items = values if isinstance(values, list | tuple) else [values]
    return [g.value for g in items if isinstance(g, ox.NamedNode)]


class RemoteStore:
    """A SPARQL 1.1 endpoint that answers like a read-only pyoxigraph Store."""

    def __init__(
        self, url: str, user: str | None = None, password: str | None = None, timeout: float = 120
    ) -> None:
        self.url, self.timeout = url, timeout
        self.client = opener(url, user, password)

    @classmethod
    def from_env(cls, url: str) -> RemoteStore:
        """An endpoint with credentials from $GOVKG_ENDPOINT_USER / $GOVKG_ENDPOINT_PASSWORD."""
        return cls(url, os.environ.get(USER_VAR), os.environ.get(PASSWORD_VAR))

    def query(
        self,
        query: str,
        *,
        substitutions: Mapping[ox.Variable, Term] | None = None,
        default_graph: Any = None,
        named_graphs: Any = None,
        **_ignored: Any,
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """Run a query on the endpoint; answers are pyoxigraph objects, as Store.query gives."""
        terms = {v.value: _written(t) for v, t in (substitutions or {}).items()}
        text = substitute(query, terms) if terms else query
        graph = query_form(text) in {"CONSTRUCT", "DESCRIBE"}
        fields = [("query", text)] + [("default-graph-uri", g) for g in _graphs(default_graph)]
        fields += [("named-graph-uri", g) for g in _graphs(named_graphs)]
        request = urllib.request.Request(
            self.url,
            data=urlencode(fields).encode("utf-8"),
            headers={
                "Accept": N_TRIPLES if graph else RESULTS_JSON,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        media, body = send(self.client, request, self.timeout)
        if graph:
            return [quad.triple for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        if media not in {RESULTS_JSON, "application/json"}:
            raise GovkgError(f"{self.url} answered {media or 'no media type'}, not SPARQL JSON")
        try:
            return ox.parse_query_results(_clean_json(body), format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise GovkgError(f"{self.url} sent results that do not parse: {exc}") from None

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        """Every named graph of the endpoint."""
        answer = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return iter([s["g"] for s in answer if isinstance(s["g"], ox.NamedNode)])  # type: ignore[union-attr]

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        """True when the endpoint has triples in this graph."""
        subs = {ox.Variable("g"): graph}
        return bool(self.query("ASK { GRAPH ?g { ?s ?p ?o } }", substitutions=subs))

    def quads_for_pattern(
        self, subject: Any, predicate: Any, obj: Any, graph: Any = None
    ) -> list[ox.Quad]:
        """The quads matching a pattern (None is a wildcard) in the endpoint's named graphs."""
        given = {"s": subject, "p": predicate, "o": obj, "g": graph}
        subs = {ox.Variable(k): v for k, v in given.items() if v is not None}
        answer = self.query(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", substitutions=subs
        )
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in answer]  # type: ignore[union-attr]


def _written(term: Term) -> str:
    """A bound value in N-Triples syntax; blank nodes cannot be bound on an endpoint."""
    if isinstance(term, ox.BlankNode):
        raise UsageError("a blank node cannot be sent to a remote endpoint as a parameter")
    return str(term)


def authorize(request: urllib.request.Request, user: str, password: str, timeout: float) -> None:
    """Answer the server's challenge before a large upload (a 401 mid-body breaks the pipe).

    A HEAD request fetches the challenge; the Digest (RFC 7616) or Basic answer is computed
    with urllib's own handlers and sent with the real request.
    """
    probe = urllib.request.Request(request.full_url, method="HEAD")
    try:
        urllib.request.urlopen(probe, timeout=timeout).close()
        return
    except urllib.error.HTTPError as exc:
        challenge = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
    except (urllib.error.URLError, OSError) as exc:
        raise GovkgError(f"cannot reach {request.full_url.split('?')[0]}: {exc}") from None
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, request.full_url, user, password)
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() == "digest":
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
        answer = urllib.request.HTTPDigestAuthHandler(manager).get_authorization(request, fields)
        if answer:
            request.add_unredirected_header("Authorization", f"Digest {answer}")
    elif scheme.lower() == "basic":
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        request.add_unredirected_header("Authorization", f"Basic {token}")


def _target(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of one graph (indirect identification, `?graph=IRI`)."""
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode({'graph': graph})}"


def push_graphs(
    store: ox.Store,
    endpoint: str,
    into: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 600,
) -> list[tuple[str, str, int]]:
    """PUT every named graph to the endpoint (or PUT, then POST, them all into `into`).

    Returns (source graph, target graph, triples) per graph sent, in order.
    """
    client = opener(endpoint, user, password)
    graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    if not graphs:
        raise UsageError("the store has no named graphs to push: run `govkg build` first")
    sent = []
    for index, name in enumerate(graphs):
        source = ox.NamedNode(name)
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=source) or b""
        target = into or name
        method = "POST" if into and index > 0 else "PUT"
        request = urllib.request.Request(
            _target(endpoint, target), data=data, method=method,
            headers={"Content-Type": N_TRIPLES},
        )  # fmt: skip
        if user:
            authorize(request, user, password or "", timeout)
        send(client, request, timeout)
        sent.append(
            (name, target, sum(1 for _ in store.quads_for_pattern(None, None, None, source)))
        )
    return sent
