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
from functools import lru_cache
from typing import NamedTuple

from pyshacl import validate as pyshacl_validate
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from ontology import load_ontology, read_text
from ontology.shacl_report import (
    ShaclReport,
    ShaclResult,
    local_name,
    read_results,
    severity_order,
)

SHAPES_FILE = "shapes.ttl"
PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


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
    return _SparqlCheck(shape, query, str(message or ""), local_name(severity))


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
    results = read_results(report_graph) + [r for c in checks for r in _run_check(merged, c)]
    results.sort(key=severity_order)
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
