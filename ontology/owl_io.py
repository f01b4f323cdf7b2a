"""The rdflib → owlready2/HermiT bridge (docs/architecture.md §4).

`prepare` keeps what OWL 2 DL
reasoning needs, so HermiT stays fast: reification (evidence) nodes are dropped (RDF-only, not
DL); data keep only rdf:type, OWL/RDFS axioms and the object / datatype properties the
ontology declares; the ontology also keeps RDFS annotations and its declared annotation
properties. owl:imports and owlready2's python_module annotations are always dropped
(owlready2 would fetch the one and import the other). `load_world` and `run_hermit` load
N-Triples (owlready2 cannot parse Turtle) into a private owlready2 World and run HermiT (the
bundled Pellet needs a newer Java than 17).
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Sequence
from typing import Any

import owlready2
import owlready2.reasoning
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from common.errors import InputError

JAVA_MEMORY_MB = 2000  # HermiT's -Xmx: plenty for the document graph, a twelfth of 24 GB
INSTALL_JAVA = "install a Java runtime (17 or newer): apt-get install default-jre-headless"
_BASE_IRI = "http://govkg.invalid/reasoning"
_OWLREADY = "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#"
_REIFICATION = {RDF.subject, RDF.predicate, RDF.object}
_RDFS_AXIOMS = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range}
OBJECT_PROPERTY_TYPES = {
    OWL[name + "Property"]
    for name in ("Object", "Transitive", "Symmetric", "Asymmetric", "Reflexive", "Irreflexive")
} | {OWL.InverseFunctionalProperty}


def declared(ontology: Graph, types: set[URIRef]) -> set[URIRef]:
    """IRIs the ontology types with one of the given (property) types."""
    return {s for t in types for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}


def prepare(ontology: Graph, data: Sequence[Graph]) -> tuple[Graph, int]:
    """Merge ontology and data into one OWL-DL-friendly graph; return it and the dropped count."""
    objects = declared(ontology, OBJECT_PROPERTY_TYPES)
    values = declared(ontology, {OWL.DatatypeProperty})
    annotations = declared(ontology, {OWL.AnnotationProperty})
    merged, dropped = Graph(), 0
    for graph, is_data in [(ontology, False), *((g, True) for g in data)]:
        skip = set(graph.subjects(RDF.type, RDF.Statement))
        if is_data:
            skip |= set(graph.subjects(RDF.type, OWL.Ontology))
        extra = set() if is_data else annotations
        for s, p, o in graph:
            if s not in skip and o not in skip and _keep(p, o, objects, values, extra, is_data):
                merged.add((s, p, o))
            else:
                dropped += 1
    return merged, dropped


def _keep(
    p: Any, o: Any, objects: set[URIRef], values: set[URIRef], extra: set[URIRef], is_data: bool
) -> bool:
    """Whether a triple with predicate p and object o is kept (see the module docstring)."""
    if p in _REIFICATION or p == OWL.imports or str(p).startswith(_OWLREADY):
        return False
    if p in objects or p == RDF.type:
        return not isinstance(o, Literal)
    if p in values:
        return isinstance(o, Literal)
    if p in (RDF.first, RDF.rest) or p.startswith(str(OWL)):
        return True
    if p.startswith(str(RDFS)):
        return p in _RDFS_AXIOMS or not is_data
    return p in extra


def require_java() -> None:
    """Raise InputError unless the Java runtime HermiT needs is on the PATH."""
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise InputError(f"Java not found; the HermiT reasoner needs it: {INSTALL_JAVA}")


def load_world(graph: Graph) -> owlready2.World:
    """Load a graph into a new private owlready2 World through N-Triples."""
    world = owlready2.World()
    data = graph.serialize(format="nt", encoding="utf-8")
    try:
        world.get_ontology(_BASE_IRI).load(fileobj=io.BytesIO(data), format="ntriples")
    except Exception as exc:  # owlready2 raises bare Exceptions as well as its own
        world.close()
        raise InputError(f"owlready2 could not load the ontology: {exc}") from exc
    return world


def run_hermit(world: owlready2.World, infer_property_values: bool = False) -> bool:
    """Run HermiT on a World (results are written into it); False if inconsistent."""
    owlready2.reasoning.JAVA_MEMORY = JAVA_MEMORY_MB
    saved = tempfile.tempdir  # owlready2 leaves its temporary file behind on errors: contain it
    try:
        with tempfile.TemporaryDirectory(prefix="govkg-hermit-") as tempfile.tempdir:
            owlready2.sync_reasoner_hermit(
                world,
                infer_property_values=infer_property_values,
                debug=0,
                ignore_unsupported_datatypes=True,  # HermiT lacks xsd:date, xsd:gYear...
            )
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    except owlready2.OwlReadyJavaError as exc:
        lines = str(exc).strip().splitlines() or ["no output"]
        raise InputError(f"HermiT failed: {' '.join(lines[1:4]) or lines[0]}") from exc
    finally:
        tempfile.tempdir = saved
    return True
