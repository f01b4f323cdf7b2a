"""Counts that describe the ontology: the numbers `govkg ontology summary` prints.

Counts come from the OWL declarations in ontology/govkg.ttl (docs/architecture.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import OWL, RDF, Graph, URIRef

from ontology.namespace import GK_IRI


@dataclass(frozen=True)
class OntologySummary:
    """How many classes, properties and reference individuals govkg defines."""

    classes: int
    object_properties: int
    datatype_properties: int
    annotation_properties: int
    individuals: int
    alt_labels: int
    triples: int

    def lines(self) -> list[str]:
        """Human-readable lines for the CLI."""
        return [
            f"classes: {self.classes}",
            f"object properties: {self.object_properties}",
            f"datatype properties: {self.datatype_properties}",
            f"annotation properties: {self.annotation_properties}",
            f"reference individuals: {self.individuals} ({self.alt_labels} alt labels)",
            f"triples: {self.triples}",
        ]


def _own(graph: Graph, rdf_type: URIRef) -> int:
    """Count subjects of one OWL type in govkg's own namespace."""
    return sum(1 for s in set(graph.subjects(RDF.type, rdf_type)) if str(s).startswith(GK_IRI))


def summarise(graph: Graph) -> OntologySummary:
    """Summarise govkg's own terms (not the declared external ones)."""
    from rdflib.namespace import SKOS

    typed_individuals = {
        s
        for s, o in graph.subject_objects(RDF.type)
        if isinstance(s, URIRef) and (s, SKOS.prefLabel, None) in graph
    }
    return OntologySummary(
        classes=_own(graph, OWL.Class),
        object_properties=_own(graph, OWL.ObjectProperty),
        datatype_properties=_own(graph, OWL.DatatypeProperty),
        annotation_properties=_own(graph, OWL.AnnotationProperty),
        individuals=len(typed_individuals),
        alt_labels=sum(1 for _ in graph.triples((None, SKOS.altLabel, None))),
        triples=len(graph),
    )
