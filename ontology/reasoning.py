"""OWL 2 DL reasoning with HermiT via owlready2: consistency, unsatisfiable classes, culprits.

Also the entailments of the ontology plus the (small) document graphs (docs/architecture.md
§4).

The merged graph (`ontology.owl_io.prepare`) is loaded into a private owlready2 World and
HermiT runs once. With infer=True, HermiT's direct types and property values of named
individuals are closed under the classified class / property hierarchies and inverses, minus
what was stated: the caller stores them in the "inferred" named graph, never mixed.

Culprits, when the data is inconsistent, are localised by `ontology.culprits`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import owlready2
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from ontology import owl_io
from ontology.culprits import ABox, localise, split_abox
from ontology.rdf_files import load_rdf_file

__all__ = ["ABox", "ReasonerReport", "check", "entailments", "load_rdf_file", "localise"]

Triple = tuple[Node, Node, Node]
_SUPER = {RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty}
_TRIVIAL = {OWL.Thing, OWL.NamedIndividual, OWL.topObjectProperty, OWL.topDataProperty}


@dataclass
class ReasonerReport:
    """What HermiT found: consistency, unsatisfiable classes, culprits, inferences, counts."""

    consistent: bool
    unsatisfiable_classes: list[str] = field(default_factory=list)
    culprits: list[str] = field(default_factory=list)
    inferred: Graph | None = None
    summary: dict[str, int] = field(default_factory=dict)
    hermit_runs: int = 1
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def check(ontology: Graph, data: list[Graph] | None = None, infer: bool = False) -> ReasonerReport:
    """Run HermiT on the ontology plus data graphs and report (see the module docstring)."""
    started = time.perf_counter()
    owl_io.require_java()
    graph, dropped = owl_io.prepare(ontology, data or [])
    objects = owl_io.declared(ontology, owl_io.OBJECT_PROPERTY_TYPES)
    abox = split_abox(graph, objects)
    world = owl_io.load_world(abox.graph())
    try:
        report = ReasonerReport(owl_io.run_hermit(world, infer_property_values=infer))
        report.summary = _summary(world, len(graph), dropped)
        if report.consistent:
            report.unsatisfiable_classes = _unsatisfiable(world)
        if report.consistent and infer:
            props = objects | owl_io.declared(ontology, {OWL.DatatypeProperty})
            report.inferred = entailments(world, graph, abox.individuals(), props)
    finally:
        world.close()
    if not report.consistent:
        conflict, runs = localise(abox)
        report.culprits, report.hermit_runs = abox.involved(conflict), 1 + runs
        if not conflict:
            report.notes.append("the ontology's axioms are inconsistent without any individual")
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def entailments(
    world: owlready2.World, stated: Graph, named: set[Node], props: set[URIRef]
) -> Graph:
    """Class memberships and property values of named individuals entailed but not stated."""
    facts = {t for t in world.as_rdflib_graph() if all(isinstance(x, URIRef) for x in t)}
    facts |= set(stated)
    up = Graph()  # x rdfs:subClassOf y: y is a super-class or super-property of x
    for s, p, o in facts:
        if isinstance(s, URIRef) and isinstance(o, URIRef) and p in _SUPER:
            up.add((s, RDFS.subClassOf, o))
            if p in (OWL.equivalentClass, OWL.equivalentProperty):
                up.add((o, RDFS.subClassOf, s))
        elif p == OWL.inverseOf or (p == RDF.type and o == OWL.SymmetricProperty):
            other = s if p == RDF.type else o
            up += [(s, OWL.inverseOf, other), (other, OWL.inverseOf, s)]
    entailed: set[Triple] = set()
    for s, p, o in facts:
        if s in named and p == RDF.type and isinstance(o, URIRef):
            entailed |= {(s, p, c) for c in filter(None, up.transitive_objects(o, RDFS.subClassOf))}
        elif s in named and p in props and (o in named or isinstance(o, Literal)):
            entailed |= _property_closure((s, p, o), up)
    inferred = Graph()
    for s, p, o in entailed - set(stated):
        if p not in _TRIVIAL and o not in _TRIVIAL and not (p == OWL.sameAs and s == o):
            inferred.add((s, p, o))
    return inferred


def _property_closure(triple: Triple, up: Graph) -> set[Triple]:
    """A property assertion with its super-property and inverse-property consequences."""
    seen: set[Triple] = set()
    todo = [triple]
    while todo:
        s, p, o = todo.pop()
        for q in filter(None, up.transitive_objects(p, RDFS.subClassOf)):
            if (s, q, o) not in seen:
                seen.add((s, q, o))
                if not isinstance(o, Literal):
                    todo += [(o, r, s) for r in up.objects(q, OWL.inverseOf)]
    return seen


def _unsatisfiable(world: owlready2.World) -> list[str]:
    """IRIs of named classes HermiT found equivalent to owl:Nothing."""
    iris = {getattr(c, "iri", None) for c in world.inconsistent_classes()}
    return sorted(i for i in iris if i and i != str(OWL.Nothing))


def _summary(world: owlready2.World, triples: int, dropped: int) -> dict[str, int]:
    """Counts of what was loaded into the reasoner."""
    kinds = ("classes", "object_properties", "data_properties", "annotation_properties")
    counts = {k.replace("data_", "datatype_"): len(list(getattr(world, k)())) for k in kinds}
    counts["individuals"] = len(list(world.individuals()))
    return counts | {"triples": triples, "dropped_triples": dropped}
