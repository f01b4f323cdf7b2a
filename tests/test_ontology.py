"""The ontology parses, every term is labelled, defined and sourced, and the namespace matches.

Issue "Foundation" §3 and §7; docs/architecture.md §4.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graphbuild.gazetteer import Gazetteer
from ontology import load_ontology, read_text
from ontology.namespace import GK, GK_IRI, ID

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """The ontology with the external declarations."""
    return load_ontology()


def own_terms(graph: Graph) -> set[URIRef]:
    """Classes and properties defined in govkg's namespace."""
    return {
        s
        for t in TERM_TYPES
        for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(GK_IRI)
    }


def test_turtle_parses_with_oxigraph_too() -> None:
    """Both parsers (rdflib for building, Oxigraph for the store) accept govkg.ttl."""
    quads = list(ox.parse(read_text("govkg.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(quads) > 1000


def test_namespace_lists_exactly_the_ontology_terms(ontology: Graph) -> None:
    """ontology/namespace.GK (a DefinedNamespace with _fail) mirrors govkg.ttl."""
    defined = {str(s)[len(GK_IRI) :] for s in ontology.subjects() if str(s).startswith(GK_IRI)}
    declared = set(GK.__annotations__)
    assert defined == declared


def test_unknown_term_fails_loudly() -> None:
    """A typo in code raises instead of minting an IRI."""
    with pytest.raises(AttributeError):
        _ = GK.lineManagedByy


def test_every_term_has_label_definition_and_source(ontology: Graph) -> None:
    """rdfs:label, skos:definition and a dcterms:source that is a corpus document."""
    problems = []
    for term in sorted(own_terms(ontology)):
        if (term, RDFS.label, None) not in ontology:
            problems.append(f"{term}: no rdfs:label")
        if (term, SKOS.definition, None) not in ontology:
            problems.append(f"{term}: no skos:definition")
        sources = list(ontology.objects(term, DCTERMS.source))
        if not sources or any((s, RDF.type, GK.Document) not in ontology for s in sources):
            problems.append(f"{term}: no dcterms:source naming a gk:Document")
    assert not problems, "\n".join(problems)


def test_every_reference_individual_is_labelled_and_defined(ontology: Graph) -> None:
    """Posts, bodies, organisations, codes, periods and themes carry labels and definitions."""
    individuals = [s for s in ontology.subjects(SKOS.prefLabel, None) if str(s).startswith(str(ID))]
    assert len(individuals) > 60
    missing = [
        str(s)
        for s in individuals
        if (s, RDFS.label, None) not in ontology or (s, SKOS.definition, None) not in ontology
    ]
    assert not missing


def test_every_used_property_is_declared(ontology: Graph) -> None:
    """OWL 2 DL needs every property declared: govkg's own or external.ttl's."""
    declared = {
        s for t in (*TERM_TYPES, OWL.FunctionalProperty) for s in ontology.subjects(RDF.type, t)
    }
    builtin = (str(RDF), str(RDFS), str(OWL))
    own = Graph().parse(data=read_text("govkg.ttl"), format="turtle")
    used = {p for p in own.predicates() if not str(p).startswith(builtin)}
    assert used <= declared, sorted(map(str, used - declared))


def test_post_classes_are_pairwise_disjoint(ontology: Graph) -> None:
    """Civil service, ministerial and special adviser posts are declared disjoint."""
    groups = [
        set(Graph.collection(ontology, members))  # type: ignore[arg-type]
        for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
        for members in ontology.objects(node, OWL.members)
    ]
    wanted = {GK.CivilServicePost, GK.MinisterialPost, GK.SpecialAdviserPost}
    assert any(wanted <= set(g) for g in groups)
    assert any({GK.CivilServant, GK.Minister, GK.SpecialAdviser} <= set(g) for g in groups)


@pytest.mark.parametrize(
    ("spelling", "pref_label"),
    [
        ("Head of the Home Civil Service", "Head of the Civil Service"),
        ("Lead Non Exec Director", "Lead Non-Executive Director"),
        ("MCO", "Minister for the Cabinet Office"),
        ("Minister for Cabinet Office", "Minister for the Cabinet Office"),
        ("Special Advisers' code of conduct", "Special Adviser Code"),
        ("NSG", "National Steering Group"),
        ("CS Local", "Civil Service Local"),
        ("Senior Responsible Officer", "Senior Responsible Owner"),
    ],
)
def test_gazetteer_knows_the_corpus_spellings(
    ontology: Graph, spelling: str, pref_label: str
) -> None:
    """Every spelling the corpus uses resolves to one reference individual."""
    entry = Gazetteer.from_ontology(ontology).lookup(spelling)
    assert entry is not None and entry.pref_label == pref_label
