"""The SPARQL the explorer runs against the Oxigraph store, and the graphs it reads.

Every query is a constant: nodes are bound through `substitutions` and graphs chosen with
`named_graphs`, never formatted into the text (docs/architecture.md §7). Graphs follow
docs/architecture.md §6: one per document (`graph/doc/<id>`), one per organogram snapshot
(`graph/organogram/<department>/<date>`), the ontology; the inferred graph is never read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from common.errors import UsageError
from ontology.namespace import GK, GK_IRI, GRAPH_IRI, ORG
from viz import styles

GRAPH_BASE = GRAPH_IRI
DOC_PREFIX = GRAPH_BASE + "doc/"
ORGANOGRAM_PREFIX = GRAPH_BASE + "organogram/"
ONTOLOGY = GRAPH_BASE + "ontology"
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Graphs = list[ox.NamedNode | ox.BlankNode]

INFERRED = GRAPH_BASE + "inferred"
# Constants of our own code, never user input (docs/architecture.md §7): the reasoner's graph
# is never read, and attribute predicates (viz.styles) are dropped by Oxigraph, not by Python.
_MINE = f"FILTER(?g != <{INFERRED}>)"
_EDGE = "FILTER(isIRI(?o) && ?p NOT IN ({}))".format(
    ", ".join(f"<{p}>" for p in sorted(styles.ATTRIBUTE_PREDICATES))
)
EDGES = f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_EDGE} {_MINE} }}"
# Per-node queries stay short: parsing the NOT IN list doubled their cost (measured); the
# walker drops attribute predicates itself.
OUT = f"SELECT DISTINCT ?_n ?p ?o WHERE {{ GRAPH ?g {{ ?_n ?p ?o }} FILTER(isIRI(?o)) {_MINE} }}"
NEIGHBOURS = f"""SELECT DISTINCT ?_n ?s ?p ?o WHERE {{ GRAPH ?g {{
  {{ ?_n ?p ?o FILTER(isIRI(?o)) BIND(?_n AS ?s) }} UNION {{ ?s ?p ?_n BIND(?_n AS ?o) }} }}
  {_MINE} }}"""
DESCRIBE = f"SELECT DISTINCT ?_n ?p ?o WHERE {{ GRAPH ?g {{ ?_n ?p ?o }} {_MINE} }}"
SUBCLASS = """SELECT ?c ?d WHERE { GRAPH ?g {
  ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?d FILTER(isIRI(?d)) } }"""
_EVIDENCE = (
    f"PREFIX gk: <{GK_IRI}>\n"
    + """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?_n ?s ?p ?o ?doc ?quote ?line ?start ?end WHERE { GRAPH ?g {
  ?ev rdf:ROLE ?_n .
  ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?doc ;
      gk:quote ?quote ; gk:line ?line ; gk:quoteStart ?start ; gk:quoteEnd ?end } }"""
)
# One query per role: a UNION of both made Oxigraph scan every statement (80 ms a node).
EVIDENCE = tuple(_EVIDENCE.replace("ROLE", role) for role in ("subject", "object"))
ALL_EVIDENCE = _EVIDENCE.replace("?ev rdf:ROLE ?_n .", "").replace("?_n ", "")
LINES = f"""SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o
  VALUES ?p {{ <{ORG.reportsTo}> <{GK.lineManagedBy}> <{GK.lineManages}> }} }} }}"""
POSTS = "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?p a <http://www.w3.org/ns/org#Post> } }"
MENTIONED = f"""SELECT ?_n WHERE {{ {{ GRAPH ?g {{ ?_n ?p ?o }} {_MINE} }}
  UNION {{ GRAPH ?g {{ ?s ?p ?_n }} {_MINE} }} }} LIMIT 1"""


def value(term: Term | None) -> str:
    """The IRI or lexical value of a term ('' when unbound)."""
    if term is None or isinstance(term, ox.Triple):
        return ""
    return term.value


def select(
    store: ox.Store,
    query: str,
    graphs: Iterable[str] | None,
    node: str | None = None,
) -> Iterator[tuple[str, ...]]:
    """Rows of a constant SELECT over `graphs` (when None: every graph but the inferred one,
    which each query filters itself; naming graphs makes Oxigraph 3-8 times slower)."""
    subs = {ox.Variable("_n"): ox.NamedNode(node)} if node is not None else None
    named: Graphs | None = [ox.NamedNode(g) for g in graphs] if graphs is not None else None
    answer = store.query(query, named_graphs=named, substitutions=subs)  # type: ignore[arg-type]
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError("not a SELECT query")
    for row in answer:
        yield tuple(value(term) for term in row)


def graph_names(store: ox.Store) -> list[str]:
    """Every named graph IRI in the store, sorted."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def readable_graphs(store: ox.Store) -> list[str]:
    """Every graph a view may read: all but the reasoner's inferred graph."""
    return [g for g in graph_names(store) if g != INFERRED]


def document_graphs(store: ox.Store) -> list[str]:
    """The named graphs holding what each corpus document states."""
    return [g for g in graph_names(store) if g.startswith(DOC_PREFIX)]


def snapshot_name(graph: str) -> str:
    """'department/date' for a snapshot graph's IRI (`…/organogram/<department>/<date>`)."""
    return graph[len(ORGANOGRAM_PREFIX) :]


def snapshot_graphs(store: ox.Store) -> list[str]:
    """The organogram snapshot graphs (`…/organogram/<department>/<date>`)."""
    return [
        g
        for g in graph_names(store)
        if g.startswith(ORGANOGRAM_PREFIX) and snapshot_name(g).count("/") == 1
    ]


def snapshot_matches(selector: str, graph: str) -> bool:
    """True when `--snapshot` names this graph: its IRI, a date prefix, a department,
    or 'department/date'."""
    wanted = selector.strip().lower().strip("/")
    if wanted == graph.lower():
        return True
    department, date = snapshot_name(graph).split("/", 1)
    if "/" in wanted:
        want_dept, want_date = wanted.split("/", 1)
        return want_dept == department and date.startswith(want_date)
    return wanted == department or date.startswith(wanted)


def choose_snapshots(store: ox.Store, selector: str) -> list[str]:
    """The snapshot graphs a `--snapshot` value names, or a UsageError listing them."""
    known = snapshot_graphs(store)
    chosen = [g for g in known if snapshot_matches(selector, g)]
    if chosen:
        return chosen
    names = [snapshot_name(g) for g in known]
    listed = ", ".join(names[:20]) if names else "none: run `govkg ingest organogram FILE...`"
    raise UsageError(
        f"no organogram snapshot matches {selector!r}; snapshots in the store: {listed}"
    )


def dated_graphs(store: ox.Store, selector: str) -> list[str]:
    """What a view of one snapshot may describe its nodes from: that snapshot's graph (its
    posts' titles, holders, status and rows as of that date), the documents and the ontology
    — never another snapshot's graph (issue 14: a dated view showed other dates' holders)."""
    return [*choose_snapshots(store, selector), *document_graphs(store), ONTOLOGY]


def superclasses(store: ox.Store) -> dict[str, set[str]]:
    """Each class of the ontology graph -> itself and all its superclasses."""
    direct: dict[str, set[str]] = {}
    for sub, sup in select(store, SUBCLASS, [ONTOLOGY]):
        direct.setdefault(sub, set()).add(sup)
    closed: dict[str, set[str]] = {}
    for cls in direct:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closed[cls] = seen
    return closed
