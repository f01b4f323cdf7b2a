"""The `govkg ontology check` job: gather graphs, run HermiT, describe the outcome.

Data graphs come from files (parse errors are `file:line: message`, exit 2) and, on
request, from the store's document graphs; inferred triples replace the store's inferred
named graph (never mixed with stated facts) or go to a Turtle file (docs/architecture.md §6).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from govkg.store import load_rdflib_graph, named_graphs, open_store
from ontology import load_ontology
from ontology.namespace import GRAPH, INFERRED_GRAPH
from ontology.rdf_files import load_rdf_file
from ontology.reasoning import ReasonerReport, check


@dataclass
class CheckOutcome:
    """Lines to print and whether the check passed."""

    ok: bool
    lines: list[str] = field(default_factory=list)


def store_documents(store_path: Path) -> list[Graph]:
    """The document graphs of the store, as rdflib graphs (small: the corpus)."""
    import pyoxigraph as ox

    store = open_store(store_path, read_only=True)
    graphs = []
    for name in named_graphs(store):
        if name.startswith(str(GRAPH["doc/"])):
            data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
            graphs.append(Graph().parse(data=data, format="nt"))
    return graphs


def label(graphs: list[Graph], iri: str) -> str:
    """'label <iri>' for a culprit, when any graph names it."""
    for g in graphs:
        for p in (SKOS.prefLabel, RDFS.label):
            value = g.value(URIRef(iri), p)
            if value is not None:
                return f"{value} <{iri}>"
    return f"<{iri}>"


def describe(report: ReasonerReport, graphs: list[Graph]) -> list[str]:
    """The report as lines: consistency, unsatisfiable classes, culprits."""
    s = report.summary
    lines = [
        f"reasoner: HermiT ({report.hermit_runs} run(s), {report.seconds:.1f} s) over "
        f"{s.get('classes', 0)} classes, {s.get('individuals', 0)} individuals",
        f"consistency: {'consistent' if report.consistent else 'INCONSISTENT'}",
        f"unsatisfiable classes: {len(report.unsatisfiable_classes)}",
    ]
    lines += [f"  unsatisfiable: <{c}>" for c in report.unsatisfiable_classes]
    lines += [f"  involved: {label(graphs, c)}" for c in report.culprits]
    lines += [f"  note: {n}" for n in report.notes]
    return lines


def run_check(
    files: list[Path], documents: bool, infer: bool, out: Path | None, store_path: Path
) -> CheckOutcome:
    """Reason over the ontology plus data; store or write inferences when asked."""
    ontology = load_ontology()
    data = [load_rdf_file(f) for f in files]
    if documents:
        data += store_documents(store_path)
    report = check(ontology, data, infer=infer)
    lines = describe(report, [ontology, *data])
    if infer and report.inferred is not None:
        lines.append(write_inferred(report.inferred, out, store_path, documents))
    ok = report.consistent and not report.unsatisfiable_classes
    return CheckOutcome(ok, lines)


def write_inferred(inferred: Graph, out: Path | None, store_path: Path, documents: bool) -> str:
    """Put inferred triples in a file or in the store's inferred graph; say where."""
    if out is not None:
        inferred.serialize(destination=out, format="turtle")
        return f"inferred triples: {len(inferred)} written to {out}"
    if not documents:
        return f"inferred triples: {len(inferred)} (use --documents or --out to keep them)"
    import pyoxigraph as ox

    store = open_store(store_path)
    iri = ox.NamedNode(str(INFERRED_GRAPH))
    if store.contains_named_graph(iri):
        store.remove_graph(iri)
    load_rdflib_graph(store, inferred, str(INFERRED_GRAPH))
    store.flush()
    return f"inferred triples: {len(inferred)} written to graph <{INFERRED_GRAPH}>"
