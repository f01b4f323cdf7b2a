"""The SPARQL the chain checks run, and which organogram snapshot graphs they run over.

Every query is a constant: graphs are passed to Oxigraph as `default_graph` or
`named_graphs` and values as bindings, never formatted into the text (docs/architecture.md §7).
Snapshot graphs are `graph/organogram/{department}/{date}`. Per-snapshot queries run in a
small thread pool and come back as SPARQL TSV (Oxigraph serialises without the GIL, so two
snapshots decode at once: 412,000 edges in under 2 s from disk, against 4 s row by row).
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property, lru_cache

import pyoxigraph as ox

from ontology.namespace import GK_IRI, GRAPH, entity

PREFIXES = f"""PREFIX org: <http://www.w3.org/ns/org#>
PREFIX gk: <{GK_IRI}>
PREFIX pstat: <http://reference.data.gov.uk/def/civil-service-post-status/>
PREFIX ogm: <http://reference.data.gov.uk/def/organogram/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
EDGES = PREFIXES + (
    'SELECT ?m (GROUP_CONCAT(STR(?p); separator=" ") AS ?reports) '
    "WHERE { ?p org:reportsTo ?m } GROUP BY ?m"
)  # grouped by manager: each manager's IRI is decoded once, not once per report
MARKERS = PREFIXES + "SELECT ?p ?r WHERE { ?p gk:reportsToRef ?r }"
STATUSES = PREFIXES + (
    "SELECT ?p ?s WHERE { VALUES ?s { pstat:vacant pstat:eliminated } ?p pstat:postStatus ?s }"
)
SPADS = PREFIXES + "SELECT ?p WHERE { ?p a gk:SpecialAdviserPost }"
JUNIORS = PREFIXES + "SELECT ?j ?m WHERE { ?j ogm:reportingTo ?m }"
THREADS = 2
_UNESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r"}
BY_IDENTIFIER = PREFIXES + (
    "PREFIX dct: <http://purl.org/dc/terms/> "
    "SELECT ?g ?p ?id WHERE { GRAPH ?g { ?p dct:identifier ?id ; a org:Post } }"
)
ORGANOGRAM_PREFIX = str(GRAPH["organogram/"])
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass(frozen=True)
class SnapshotRef:
    """One organogram snapshot graph: department key, date and published label."""

    graph: str
    department: str
    date: str
    label: str
    title: str

    @cached_property
    def post_prefix(self) -> str:
        """The IRI prefix of this department's posts (see graphbuild.organogram.rdf)."""
        return str(entity("organogram", f"{self.department}/post/"))

    @property
    def name(self) -> str:
        """'department-key/Sep-15', for reports."""
        return f"{self.department}/{self.label}"


Graphs = list[ox.NamedNode | ox.BlankNode]
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph | None


def text(term: Term) -> str:
    """The IRI, literal value or blank node id of a term ('' when unbound)."""
    if term is None or isinstance(term, ox.Triple | ox.DefaultGraph):
        return ""
    return term.value


def select(
    store: ox.Store,
    query: str,
    named_graphs: Graphs | None = None,
    default_graph: Graphs | None = None,
    bindings: dict[str, ox.NamedNode | ox.Literal] | None = None,
) -> list[tuple[str, ...]]:
    """The solutions of a constant SELECT, as strings; values are bound, never formatted."""
    substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
    solutions = store.query(
        query,
        named_graphs=named_graphs,
        default_graph=list(default_graph) if default_graph else None,
        substitutions=substitutions or None,  # type: ignore[arg-type]
    )
    if not isinstance(solutions, ox.QuerySolutions):
        raise TypeError("not a SELECT query")
    return [tuple(text(term) for term in solution) for solution in solutions]


def tsv_cell(cell: str) -> str:
    """One SPARQL TSV term as a string: <iri> -> iri, "lit"@en -> lit, _:b -> _:b."""
    if cell.startswith("<"):
        return cell[1:-1]
    if cell.startswith('"'):
        body = cell[1 : cell.rindex('"')]
        if "\\" in body:
            body = _UNESCAPE.sub(lambda m: _ESCAPED.get(m[1], m[1]), body)
        return body
    return cell


def _tsv(data: bytes) -> list[tuple[str, ...]]:
    """The rows of a SPARQL TSV result (header dropped); one regex pass when all are IRIs."""
    text = data.decode("utf-8")
    header, _, body = text.partition("\n")
    width = header.count("\t") + 1
    if '"' not in body and "_:" not in body:
        found = _iri_rows(width).findall(body)
        return [(row,) for row in found] if width == 1 else found
    return [tuple(tsv_cell(c) for c in line.split("\t")) for line in body.split("\n") if line]


@lru_cache(maxsize=8)
def _iri_rows(width: int) -> re.Pattern[str]:
    """A regex matching one TSV row of `width` IRIs, capturing each without its brackets."""
    return re.compile("\t".join(["<([^>]*)>"] * width))


def per_graph(store: ox.Store, query: str, graphs: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """Run a constant SELECT with each graph as the default graph, two at a time."""

    def one(graph: str) -> bytes:
        """The TSV answer for one graph."""
        solutions = store.query(query, default_graph=ox.NamedNode(graph))
        assert isinstance(solutions, ox.QuerySolutions)
        data = solutions.serialize(format=ox.QueryResultsFormat.TSV)
        assert data is not None
        return data

    with ThreadPoolExecutor(THREADS) as pool:
        return {g: _tsv(data) for g, data in zip(graphs, pool.map(one, graphs), strict=True)}


def objects(store: ox.Store, s: str, p: str, graph: str | None = None) -> list[str]:
    """The objects of (s, p) in one graph (any graph when None)."""
    context = ox.NamedNode(graph) if graph else None
    return [
        text(q.object)
        for q in store.quads_for_pattern(ox.NamedNode(s), ox.NamedNode(p), None, context)
    ]


def subjects(store: ox.Store, p: str, o: str, graph: str | None = None) -> list[str]:
    """The subjects of (p, o) in one graph (any graph when None)."""
    context = ox.NamedNode(graph) if graph else None
    return [
        text(q.subject)
        for q in store.quads_for_pattern(None, ox.NamedNode(p), ox.NamedNode(o), context)
    ]


def graph_names(store: ox.Store, prefix: str) -> list[str]:
    """The named graphs whose IRI starts with `prefix`, sorted."""
    return sorted(text(g) for g in store.named_graphs() if text(g).startswith(prefix))


def _ref(store: ox.Store, graph: str) -> SnapshotRef:
    """Read a snapshot's department, date and label from its IRI and rdfs:label."""
    department, date = graph[len(ORGANOGRAM_PREFIX) :].split("/", 1)
    title = next(iter(objects(store, graph, LABEL, graph)), "")
    label = title.rsplit(" organogram ", 1)[-1] if " organogram " in title else date
    return SnapshotRef(graph, department, date, label, title or graph)


def matches(selector: str, ref: SnapshotRef) -> bool:
    """True when a --snapshot value (IRI, date prefix, 'Mar-15', 'dept/Mar-15') names this."""
    wanted = selector.strip().lower()
    if wanted == ref.graph.lower():
        return True
    if "/" in wanted:
        department, rest = wanted.split("/", 1)
        return department == ref.department and _when(rest, ref)
    return wanted == ref.department or _when(wanted, ref)


def _when(wanted: str, ref: SnapshotRef) -> bool:
    """A date prefix or the published label."""
    return ref.date.startswith(wanted) or wanted == ref.label.lower()


def snapshot_refs(store: ox.Store, selectors: list[str] | None = None) -> list[SnapshotRef]:
    """The organogram snapshot graphs in the store, filtered by selectors, sorted."""
    graphs = graph_names(store, ORGANOGRAM_PREFIX)
    refs = [_ref(store, g) for g in graphs if g[len(ORGANOGRAM_PREFIX) :].count("/") == 1]
    if selectors:
        refs = [r for r in refs if any(matches(s, r) for s in selectors)]
    return sorted(refs, key=lambda r: (r.department, r.date))
