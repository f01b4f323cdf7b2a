"""SHACL validation results: read from pySHACL's report graph, ordered, printed for the CLI.

The result vocabulary is W3C SHACL's (https://www.w3.org/TR/shacl/#results-validation-report):
sh:ValidationResult with sh:resultSeverity, sh:focusNode, sh:resultPath, sh:resultMessage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, NamespaceManager
from rdflib.paths import AlternativePath, InvPath, Path
from rdflib.term import Node

from ontology import load_ontology

SEVERITIES = ("Violation", "Warning", "Info")
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


def read_results(report: Graph) -> list[ShaclResult]:
    """Read the sh:ValidationResult nodes of a pySHACL report graph."""
    out = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(node, SH.resultSeverity)
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        assert severity is not None and focus is not None
        shacl_path = None if path is None else _path(report, path)
        out.append(ShaclResult(local_name(severity), focus, shacl_path, _message(report, node)))
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


def local_name(iri: Node) -> str:
    """The local name of a SHACL IRI (sh:Violation -> 'Violation')."""
    return str(iri).rsplit("#", 1)[-1]


def severity_order(result: ShaclResult) -> tuple[int, str, str]:
    """Violations first, then by focus node and message."""
    return SEVERITIES.index(result.severity), str(result.focus), result.message


@lru_cache(maxsize=1)
def _namespaces() -> NamespaceManager:
    """Prefixes for printing: the ontology's (gk:, org:, time: ...), in a manager of our own."""
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in load_ontology().namespaces():
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
