"""OWL 2 DL reasoning with HermiT via owlready2: consistency, unsatisfiable classes, culprits.

Also the entailments of the ontology plus the (small) document graphs (docs/architecture.md
§4).

The merged graph (`ontology.owl_io.prepare`) is loaded into a private owlready2 World and
HermiT runs once. With infer=True, HermiT's direct types and property values of named
individuals are closed under the classified class / property hierarchies and inverses, minus
what was stated: the caller stores them in the "inferred" named graph, never mixed.

Culprits. HermiT, through owlready2, only says "inconsistent", so `check` localises the fault.
The ABox is split into units, one per individual (its triples and the blank nodes they reach);
TBox triples form the fixed base. Testing a set of units runs HermiT on base + those units +
the rdf:type assertions of the individuals they point to. OWL is monotonic, so a minimal
inconsistent set is found progressively (as in QuickXplain, Junker 2004): binary-search the
shortest inconsistent prefix of the candidates; its last unit u is necessary; keep u and test
base + kept units (done if inconsistent), else binary-search again among the units before u.
Each unit found costs about log2(n) + 1 runs (cached by unit set): measured, one culprit
among 14 units took 4 runs after the full check (3 s in all), among 2,001 units 12 (11 s);
a HermiT run costs 0.5-1 s, most of it JVM and OWL API start-up. Culprits are the minimal
units' individuals (blank nodes as _:id), then the individuals they point to; one conflict
is reported per check. If the TBox alone is inconsistent, culprits are empty.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import owlready2
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ontology import owl_io
from ontology.owl_io import load_rdf_file

__all__ = ["ABox", "ReasonerReport", "check", "entailments", "load_rdf_file", "localise"]

Triple = tuple[Node, Node, Node]
_W3C = (str(RDF), str(RDFS), str(OWL))
_ABOX_TYPES = {OWL.NamedIndividual, OWL.Thing, OWL.AllDifferent, OWL.NegativePropertyAssertion}
_ABOX_OWL = {OWL.sameAs, OWL.differentFrom, OWL.members, OWL.distinctMembers, OWL.versionInfo}
_ABOX_OWL |= {OWL.sourceIndividual, OWL.assertionProperty, OWL.targetIndividual, OWL.targetValue}
_LINKS = {OWL.sameAs, OWL.differentFrom, RDF.first}
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


@dataclass
class ABox:
    """The merged graph split for culprit search: a fixed TBox base and per-individual units."""

    base: list[Triple] = field(default_factory=list)
    units: dict[Node, list[Triple]] = field(default_factory=dict)
    types: defaultdict[Node, list[Triple]] = field(default_factory=lambda: defaultdict(list))
    links: defaultdict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))

    def graph(self, owners: Iterable[Node] | None = None) -> Graph:
        """Base plus the units of owners (all if None) and the types of what they point to."""
        graph = Graph()
        graph += self.base
        for owner in self.units if owners is None else owners:
            graph += self.units[owner]
            for node in self.links[owner] | {owner}:
                graph += self.types[node]
                if isinstance(node, URIRef):
                    graph.add((node, RDF.type, OWL.NamedIndividual))
        return graph

    def individuals(self) -> set[Node]:
        """Named individuals: unit owners and what units point to."""
        return {n for n in set(self.units).union(*self.links.values()) if isinstance(n, URIRef)}

    def involved(self, owners: Sequence[Node]) -> list[str]:
        """IRIs of the given units' individuals, then of the individuals they point to."""
        first = sorted(str(o) if isinstance(o, URIRef) else o.n3() for o in owners)
        return first + sorted({str(n) for o in owners for n in self.links[o]} - set(first))


def split_abox(graph: Graph, objects: set[URIRef]) -> ABox:
    """Split a prepared graph into the TBox base and one unit per individual."""
    owner = _owner_function(graph)
    groups: defaultdict[Node, list[Triple]] = defaultdict(list)
    for triple in graph:
        groups[owner(triple[0])].append(triple)
    abox = ABox()
    for key, triples in groups.items():
        if _is_schema([t for t in triples if t[0] == key]):
            abox.base.extend(triples)
        else:
            abox.units[key] = triples
    for key, triples in abox.units.items():
        for s, p, o in triples:
            individual = isinstance(o, URIRef) and (o in abox.units or o not in groups)
            if p == RDF.type and s == key:
                abox.types[key].append((s, p, o))
            elif individual and (p in objects or p in _LINKS):
                abox.links[key].add(o)
    return abox


def _owner_function(graph: Graph) -> Callable[[Node], Node]:
    """Map a blank node to the IRI (or unreferenced blank node) whose description holds it."""
    parent = {o: s for s, _, o in graph if isinstance(o, BNode) and o != s}

    def owner(node: Node) -> Node:
        seen: set[Node] = set()
        while isinstance(node, BNode) and node in parent and node not in seen:
            seen.add(node)
            node = parent[node]
        return node

    return owner


def _is_schema(own: list[Triple]) -> bool:
    """Whether a subject's own triples make it a TBox term (class, property, axiom)."""
    for _, p, o in own:
        if p == RDF.type and str(o).startswith(_W3C) and o not in _ABOX_TYPES:
            return True
        if p in _SUPER or p in (RDFS.domain, RDFS.range):
            return True
        if str(p).startswith(str(OWL)) and p not in _ABOX_OWL:
            return True
    return False


def localise(abox: ABox) -> tuple[list[Node], int]:
    """A minimal set of units inconsistent with the TBox, and the HermiT runs it took."""
    cache = {frozenset(abox.units): False}  # the full check already said inconsistent

    def consistent(owners: list[Node]) -> bool:
        key = frozenset(owners)
        if key not in cache:
            world = owl_io.load_world(abox.graph(owners))
            try:
                cache[key] = owl_io.run_hermit(world)
            finally:
                world.close()
        return cache[key]

    candidates, conflict = sorted(abox.units, key=str), list[Node]()
    while True:
        lo, hi = (1 if conflict else 0), len(candidates)
        while lo < hi:  # the shortest prefix that, with the conflict so far, is inconsistent
            mid = (lo + hi) // 2
            lo, hi = (mid + 1, hi) if consistent(conflict + candidates[:mid]) else (lo, mid)
        if lo == 0:
            return [], len(cache) - 1
        conflict.append(candidates[lo - 1])
        candidates = candidates[: lo - 1]
        if not candidates or not consistent(conflict):
            return conflict, len(cache) - 1


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
