"""Run named queries and raw SPARQL 1.1 on the store, parameters bound, never formatted.

Implements SPARQL 1.1 Query (https://www.w3.org/TR/sparql11-query/) evaluation through
pyoxigraph with the default graph as the union of every named graph (all data lives in
named graphs; `GRAPH ?g { ... }` still reaches each one). A named query's parameters
(`?_name`, see queries.catalog) are given as text, resolved and bound through Oxigraph's
`substitutions` (SEP-0007, the equivalent of rdflib's initBindings): a value is never
written into the query text (docs/architecture.md §7). Bound parameter columns are not shown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from common.errors import UsageError
from common.sparql_safety import find_service
from queries.catalog import NamedQuery, QueryParam, get_query, load_catalog
from queries.dataset import DEFAULT_BASE, dataset_options
from queries.labels import PREFIXES, resolve_entity

XSD = "http://www.w3.org/2001/XMLSchema#"
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
ParamValue = str | int | dt.date | Term
_NOISE = re.compile(
    r'#[^\n]*|<[^<>"{}|^`\\\s]*>|"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)


@dataclass
class QueryResult:
    """A query's answer: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    sparql: str = ""
    bindings: dict[str, Term] = field(default_factory=dict)

    def column(self, name: str) -> list[Term | None]:
        """Every value of one column."""
        index = self.variables.index(name)
        return [row[index] for row in self.rows]


def check_read_only(text: str) -> None:
    """Refuse federated SERVICE calls: govkg queries its own graph, nothing outside.

    Detection is common.sparql_safety.find_service, which reads tokens the way Oxigraph's
    parser does (so `?s ?p trueSERVICE<http://x>{}` is refused, and SERVICE in a string,
    IRI or comment is not).
    """
    if find_service(text):
        raise UsageError(
            "SERVICE (federated query) is not allowed: govkg queries its own graph only"
        )


def execute(
    store: ox.Store,
    text: str,
    substitutions: Mapping[str, Term] | None = None,
    *,
    check_service: bool = True,
    base_iri: str = DEFAULT_BASE,
) -> QueryResult:
    """Run SPARQL text on the store's dataset (queries.dataset); syntax errors are UsageErrors.

    With no FROM, the default graph is the union of every graph; relative IRIs resolve
    against `base_iri`.

    The SERVICE check guards text a user wrote; a caller that has written escaped terms into
    a vetted named query passes check_service=False (an IRI with 'service' in it can look
    like a SERVICE call to the token scanner, which reads '<' both ways).
    """
    if check_service:
        check_read_only(text)
    subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
    try:
        options = dataset_options(text)
        answer = store.query(text, base_iri=base_iri, substitutions=subs or None, **options)
        return _materialise(answer, text)
    except SyntaxError as exc:
        hint = (
            " (govkg runs queries only: SELECT, ASK, CONSTRUCT, DESCRIBE)"
            if _is_update(text)
            else ""
        )
        raise UsageError(f"SPARQL syntax error: {_first_line(str(exc))}{hint}") from None
    except (RuntimeError, OSError, ValueError) as exc:
        raise UsageError(f"the query failed: {exc}") from None


def _first_line(message: str, limit: int = 160) -> str:
    """The parser's message (with its line:column) cut to one readable line."""
    line = message.splitlines()[0] if message else "unknown error"
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _is_update(text: str) -> bool:
    """True when the text looks like a SPARQL Update request."""
    words = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD"}
    return bool(words & set(_NOISE.sub(" ", text).upper().split()))


def _materialise(answer: object, text: str) -> QueryResult:
    """Read a pyoxigraph answer fully into a QueryResult."""
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        rows = [tuple(solution[v] for v in answer.variables) for solution in answer]
        return QueryResult("select", names, rows, sparql=text)
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer), sparql=text)
    return QueryResult("graph", triples=list(answer), sparql=text)  # type: ignore[call-overload]


def _typed(store: ox.Store, param: QueryParam, value: ParamValue) -> Term:
    """A parameter value as the RDF term its declared type asks for."""
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple):
        return value
    if param.type == "date":
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise UsageError(
                f"parameter {param.name}: expected a date YYYY-MM-DD, got {value!r}"
            ) from None
        return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if param.type == "integer":
        try:
            return ox.Literal(str(int(str(value))), datatype=ox.NamedNode(XSD + "integer"))
        except ValueError:
            raise UsageError(
                f"parameter {param.name}: expected an integer, got {value!r}"
            ) from None
    if param.type == "string":
        return ox.Literal(str(value))
    return resolve_entity(store, str(value), param.name)


def bind_params(
    store: ox.Store, query: NamedQuery, params: Mapping[str, ParamValue]
) -> dict[str, Term]:
    """Check the parameters against the header and turn each into a bound RDF term."""
    unknown = sorted(set(params) - {p.name for p in query.params})
    if unknown:
        raise UsageError(
            f"unknown parameter {', '.join(unknown)} for {query.name}\n{query.usage()}"
        )
    bound: dict[str, Term] = {}
    for param in query.params:
        value = params.get(param.name, param.default)
        if value is None or value == "":
            if param.required:
                raise UsageError(
                    f"missing parameter {param.name} for {query.name}\n{query.usage()}"
                )
            continue
        bound["_" + param.name] = _typed(store, param, value)
    return bound


def run_query(
    store: ox.Store,
    name: str,
    params: Mapping[str, ParamValue] | None = None,
    catalog: dict[str, NamedQuery] | None = None,
) -> QueryResult:
    """Run a named query with its parameters bound; parameter columns are dropped."""
    query = get_query(name, load_catalog() if catalog is None else catalog)
    bound = bind_params(store, query, params or {})
    result = execute(store, query.text, bound)
    result.bindings = bound
    keep = [i for i, v in enumerate(result.variables) if not v.startswith("_")]
    result.variables = [result.variables[i] for i in keep]
    result.rows = [tuple(row[i] for i in keep) for row in result.rows]
    return result


def show_sparql(result: QueryResult) -> str:
    """The query that ran, preceded by comments giving each bound parameter's value."""
    lines = [f"# ?{k} = {_shown(v)}" for k, v in result.bindings.items()]
    return "\n".join([*lines, result.sparql.rstrip()]) + "\n"


def _shown(term: Term) -> str:
    """A term in SPARQL syntax, IRIs shortened with the usual prefixes."""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns):
                return f"{prefix}:{term.value[len(ns) :]}"
    return str(term)
