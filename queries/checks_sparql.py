"""The SPARQL the chain checks run, and which organogram snapshot graphs they run over.

Every query is a constant: the snapshot graphs are passed to Oxigraph as `named_graphs`
and values as bindings, never formatted into the text (DESIGN.md §7). Snapshot graphs
are `graph/organogram/{department}/{date}` (ontology/namespace.organogram_graph).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ontology.namespace import GRAPH, entity

PREFIXES = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX gk: <https://w3id.org/govkg/def#>
PREFIX pstat: <http://reference.data.gov.uk/def/civil-service-post-status/>
PREFIX ogm: <http://reference.data.gov.uk/def/organogram/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
EDGES = PREFIXES + "SELECT ?g ?p ?m WHERE { GRAPH ?g { ?p org:reportsTo ?m } }"
MARKERS = PREFIXES + "SELECT ?g ?p ?r WHERE { GRAPH ?g { ?p gk:reportsToRef ?r } }"
STATUSES = PREFIXES + (
    "SELECT ?g ?p ?s WHERE { GRAPH ?g { VALUES ?s { pstat:vacant pstat:eliminated } "
    "?p pstat:postStatus ?s } }"
)
SPADS = PREFIXES + "SELECT ?g ?p WHERE { GRAPH ?g { ?p a gk:SpecialAdviserPost } }"
JUNIORS = PREFIXES + "SELECT ?g ?j ?m WHERE { GRAPH ?g { ?j ogm:reportingTo ?m } }"
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

    @property
    def post_prefix(self) -> str:
        """The IRI prefix of this department's posts (see graphbuild.organogram_rdf)."""
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


def rows(store: ox.Store, query: str, graphs: Graphs) -> list[tuple[str, ...]]:
    """The solutions of a constant SELECT over these named graphs, as strings."""
    return select(store, query, named_graphs=graphs)


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
    """True when a --snapshot value names this snapshot.

    Accepted: the graph IRI, a date or its prefix ('2015-03-31', '2015-03'), the published
    label ('Mar-15'), a department key, or 'department/date-or-label'.
    """
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
