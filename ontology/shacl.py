"""SHACL validation of govkg graphs: ontology/shapes.ttl run by pySHACL.

See docs/architecture.md §4, §7.

Implements W3C SHACL (https://www.w3.org/TR/shacl/), core and SHACL-SPARQL constraints.
The data is validated merged with the whole ontology (govkg.ttl + external.ttl), with no
inference: SHACL's rdf:type/rdfs:subClassOf* semantics make targets and sh:class
subclass-aware, reference individuals keep their types (pySHACL's `ont_graph` copies only
class and property axioms), and RDFS domain/range entailments cannot hide the errors checked.
Warnings (an undated milestone) are reported but do not break conformance.

Speed: pySHACL re-parses a SPARQL constraint for every focus node (37 ms each; 13 of 15 s
on 5,300 triples). So each sh:sparql constraint runs once, set-at-a-time ($this left free,
rows kept whose ?this is a target of its shape), and pySHACL runs the core shapes. Both
agree for queries that bind $this in a triple pattern; tests/test_shapes.py compares them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from pyshacl import validate as pyshacl_validate
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH, NamespaceManager
from rdflib.paths import AlternativePath, InvPath, Path
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from ontology import load_ontology, read_text

SHAPES_FILE = "shapes.ttl"
SEVERITIES = ("Violation", "Warning", "Info")
PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")
ResultPath = URIRef | Path


class ShaclResult(NamedTuple):
    """One validation result: severity, focus node, path (None on node shapes), message."""

    severity: str
    focus: Node
    path: ResultPath | None
    message: str


@dataclass
class ShaclReport:
    """The outcome of `validate`: conforms unless some result is a Violation."""

    conforms: bool
    results: list[ShaclResult] = field(default_factory=list)
    seconds: float = 0.0

    def of_severity(self, severity: str) -> list[ShaclResult]:
        """The results of one severity ('Violation', 'Warning' or 'Info')."""
        return [r for r in self.results if r.severity == severity]


class _SparqlCheck(NamedTuple):
    """One sh:sparql constraint of a shape, prepared once."""

    shape: Node
    query: Query
    message: str
    severity: str


def load_shapes() -> Graph:
    """Parse ontology/shapes.ttl (package data) into a new graph."""
    return Graph().parse(data=read_text(SHAPES_FILE), format="turtle")


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    """The shapes graph, parsed once per process (only read, never mutated)."""
    return load_shapes()


@lru_cache(maxsize=1)
def _bundled_ontology() -> Graph:
    """The bundled ontology, loaded once per process (only read, never mutated)."""
    return load_ontology()


@lru_cache(maxsize=1)
def _split_shapes() -> tuple[Graph, tuple[_SparqlCheck, ...]]:
    """The shapes without their sh:sparql constraints, and the active ones, prepared."""
    shapes, core, checks = _shapes(), Graph(), []
    for s, p, o in shapes:
        if p != SH.sparql:
            core.add((s, p, o))
        elif Literal(True) not in (
            shapes.value(s, SH.deactivated),
            shapes.value(o, SH.deactivated),
        ):
            checks.append(_sparql_check(shapes, s, o))
    return core, tuple(checks)


def _sparql_check(shapes: Graph, shape: Node, constraint: Node) -> _SparqlCheck:
    """Prepare a SPARQL constraint with its sh:prefixes declarations, message and severity."""
    sources = shapes.objects(constraint, SH.prefixes)
    declared = [d for source in sources for d in shapes.objects(source, SH.declare)]
    prefixes = {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace)) for d in declared
    }
    query = prepareQuery(str(shapes.value(constraint, SH.select)), initNs=prefixes)
    message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
    severity = shapes.value(shape, SH.severity) or SH.Violation
    return _SparqlCheck(shape, query, str(message or ""), _local(severity))


def _merged(data: Graph, ontology: Graph) -> Graph:
    """A private graph holding the ontology and every triple of the data (all named graphs)."""
    merged = Graph()
    merged += ontology
    if isinstance(data, ConjunctiveGraph):
        for s, p, o, _ in data.quads((None, None, None, None)):
            merged.add((s, p, o))
    else:
        merged += data
    return merged


def validate(
    data: Graph, ontology: Graph | None = None, *, bulk_sparql: bool = True
) -> ShaclReport:
    """Validate `data` merged with `ontology` (default: the bundled one) against shapes.ttl."""
    started = time.perf_counter()
    merged = _merged(data, _bundled_ontology() if ontology is None else ontology)
    core, checks = _split_shapes() if bulk_sparql else (_shapes(), ())
    _, report_graph, _ = pyshacl_validate(
        merged, shacl_graph=core, inference="none", allow_warnings=True, inplace=True
    )
    if not isinstance(report_graph, Graph):
        raise ValueError(f"{SHAPES_FILE} cannot be run: {report_graph}")
    results = _results(report_graph) + [r for c in checks for r in _run_check(merged, c)]
    results.sort(key=_sort_key)
    conforms = not any(r.severity == "Violation" for r in results)
    return ShaclReport(conforms, results, time.perf_counter() - started)


def _targets(data: Graph, shape: Node) -> set[Node]:
    """The focus nodes of a shape (SHACL core targets; classes with their subclasses)."""
    shapes = _shapes()
    found: set[Node] = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        for sub in data.transitive_subjects(RDFS.subClassOf, cls):
            found.update(data.subjects(RDF.type, sub))
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        found.update(data.subjects(prop, None))
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        found.update(data.objects(None, prop))
    return found


def _run_check(data: Graph, check: _SparqlCheck) -> list[ShaclResult]:
    """Run one SPARQL constraint over the whole graph; one result per row about a target."""
    targets, found = _targets(data, check.shape), []
    for row in data.query(check.query):
        bound = row.asdict()  # type: ignore[union-attr]
        if bound.get("this") in targets:
            path = bound.get("path")
            path = path if isinstance(path, URIRef) else None
            message = _fill(check.message, bound)
            found.append(ShaclResult(check.severity, bound["this"], path, message))
    return found


def _fill(message: str, bound: Mapping[str, Node]) -> str:
    """Substitute {$this} and {?var} in a SPARQL constraint's message, as SHACL says."""
    return PLACEHOLDER.sub(lambda m: str(bound.get(m[1], m[0])), message)


def _results(report: Graph) -> list[ShaclResult]:
    """Read the sh:ValidationResult nodes of a pySHACL report graph."""
    out = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(node, SH.resultSeverity)
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        assert severity is not None and focus is not None
        shacl_path = None if path is None else _path(report, path)
        out.append(ShaclResult(_local(severity), focus, shacl_path, _message(report, node)))
    return out


def _path(graph: Graph, node: Node) -> ResultPath:
    """An rdflib path object for a SHACL path (IRI, inverse or alternative path)."""
    if isinstance(node, URIRef):
        return node
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return InvPath(_path(graph, inverse))
    alternatives = graph.value(node, SH.alternativePath)
    if isinstance(alternatives, BNode):
        return AlternativePath(*(_path(graph, n) for n in Collection(graph, alternatives)))
    raise ValueError(f"unsupported SHACL path {node!r} in the validation report")


def _message(report: Graph, node: Node) -> str:
    """The result's message, English first; pySHACL's generic text when a shape has none."""
    messages = [m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)]
    messages.sort(key=lambda m: (m.language not in ("en", None), str(m)))
    return str(messages[0]) if messages else ""


def _local(iri: Node) -> str:
    """The local name of a SHACL IRI (sh:Violation -> 'Violation')."""
    return str(iri).rsplit("#", 1)[-1]


def _sort_key(result: ShaclResult) -> tuple[int, str, str]:
    """Violations first, then by focus node and message."""
    return SEVERITIES.index(result.severity), str(result.focus), result.message


@lru_cache(maxsize=1)
def _namespaces() -> NamespaceManager:
    """Prefixes for printing: the ontology's (gk:, org:, time: ...), in a manager of our own."""
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in _bundled_ontology().namespaces():
        manager.bind(prefix, namespace, override=True)
    return manager


def _term(node: Node | Path, manager: NamespaceManager) -> str:
    """A compact rendering of a node or path (CURIE where a prefix fits)."""
    return node.n3(manager) if isinstance(node, URIRef | Path | BNode | Literal) else str(node)


def format_results(report: ShaclReport) -> str:
    """The report as text for the CLI: one line per result, then a summary line."""
    manager = _namespaces()
    lines = []
    for r in report.results:
        where = _term(r.focus, manager)
        if r.path is not None:
            where += f" {_term(r.path, manager)}"
        lines.append(f"{r.severity}: {where}: {r.message}")
    counts = ", ".join(f"{len(report.of_severity(s))} {s.lower()}(s)" for s in SEVERITIES[:2])
    verdict = "conforms" if report.conforms else "does not conform"
    lines.append(f"SHACL: {verdict} ({counts}; {report.seconds:.2f} s)")
    return "\n".join(lines)
