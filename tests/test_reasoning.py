"""Tests for ontology.reasoning (HermiT via owlready2) and ontology.owl_io (safe RDF loading).

Fixtures in tests/fixtures/reasoning/ model the separation of roles (docs/architecture.md §4) in the
style of ontology/govkg.ttl. Tests marked `reasoner` start Java (HermiT); the rest do not.
"""

from __future__ import annotations

from pathlib import Path

import owlready2
import pytest
from rdflib import OWL, RDF, Graph, Literal, Namespace, URIRef

from common.errors import InputError
from ontology.owl_io import prepare
from ontology.rdf_files import load_rdf_file
from ontology.reasoning import check

FIXTURES = Path(__file__).parent / "fixtures" / "reasoning"
ONTOLOGY = Path(__file__).parents[1] / "ontology"
GK = Namespace("https://w3id.org/govkg/def#")
GKI = Namespace("https://w3id.org/govkg/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
OWLREADY = Namespace("http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#")


@pytest.fixture(scope="module")
def tbox() -> Graph:
    """The test TBox: posts and people, pairwise disjoint, SpAds never line-manage."""
    return load_rdf_file(FIXTURES / "tbox.ttl")


def data(name: str) -> Graph:
    """A fixture data graph."""
    return load_rdf_file(FIXTURES / name)


@pytest.mark.reasoner
def test_consistent_abox(tbox: Graph) -> None:
    """A person holding one post is consistent; one HermiT run; evidence is dropped."""
    report = check(tbox, [data("consistent.ttl")])
    assert report.consistent
    assert report.culprits == [] and report.unsatisfiable_classes == []
    assert report.inferred is None
    assert report.hermit_runs == 1
    assert report.summary["classes"] == 9
    assert report.summary["object_properties"] == 4
    assert report.summary["datatype_properties"] == 1
    assert report.summary["individuals"] == 4
    assert report.summary["dropped_triples"] == 10  # 6 reification, 3 labels, 1 foaf:name


@pytest.mark.reasoner
def test_person_with_ministerial_and_civil_service_post_is_localised(tbox: Graph) -> None:
    """Minister + Permanent Secretary: the person and both posts, none of the others."""
    report = check(tbox, [data("two_hats.ttl")])
    assert not report.consistent
    assert report.culprits[0] == str(GKI["two-hats"])
    assert set(report.culprits) == {
        str(GKI["two-hats"]),
        str(GKI["minister-for-the-cabinet-office"]),
        str(GKI["permanent-secretary-dwp"]),
    }
    harmless = ["jeremy-heywood", "cabinet-secretary", "prime-minister", "a-spad", "milestone-1"]
    assert not {str(GKI[name]) for name in harmless} & set(report.culprits)
    assert report.hermit_runs <= 7  # 1 full check + binary search over 14 units + 1


@pytest.mark.reasoner
def test_special_adviser_line_managing_a_civil_service_post_names_both_posts(
    tbox: Graph,
) -> None:
    """A SpAd post line-managing a civil service post: both posts are named."""
    report = check(tbox, [data("spad_manages.ttl")])
    assert not report.consistent
    assert report.culprits == [str(GKI["press-officer"]), str(GKI["spad-to-the-pm"])]


@pytest.mark.reasoner
def test_conflict_spread_over_several_individuals_is_found_whole(tbox: Graph) -> None:
    """A conflict needing three individuals' assertions is found in full."""
    report = check(tbox, [data("same_as.ttl")])
    assert not report.consistent
    people = [str(GKI[name]) for name in ("d-cameron", "david-cameron", "j-heywood")]
    assert report.culprits[:3] == people
    assert set(report.culprits[3:]) == {str(GKI["cabinet-secretary"]), str(GKI["prime-minister"])}


@pytest.mark.reasoner
def test_unsatisfiable_class_is_listed_and_ontology_stays_consistent(tbox: Graph) -> None:
    """A class below two disjoint classes is listed; nothing is inconsistent."""
    report = check(tbox + data("unsatisfiable.ttl"))
    assert report.consistent
    assert report.unsatisfiable_classes == [str(GK.MinisterialPermanentSecretary)]
    assert report.culprits == []


@pytest.mark.reasoner
def test_infer_gives_entailed_triples_only(tbox: Graph) -> None:
    """infer=True: equivalent-class, inverse, super-property and super-class facts only."""
    stated = data("consistent.ttl")
    report = check(tbox, [stated], infer=True)
    assert report.inferred is not None
    inferred = set(report.inferred)
    person, post, pm = GKI["jeremy-heywood"], GKI["cabinet-secretary"], GKI["prime-minister"]
    assert (person, RDF.type, GK.CivilServant) in inferred  # equivalent class
    assert (post, ORG.heldBy, person) in inferred  # inverse of the stated org:holds
    assert (post, ORG.reportsTo, pm) in inferred  # super-property of gk:lineManagedBy
    assert (post, RDF.type, ORG.Post) in inferred  # super-class of gk:CivilServicePost
    assert not inferred & (set(stated) | set(tbox))
    assert not {o for _, _, o in inferred} & {OWL.Thing, OWL.NamedIndividual}
    assert (person, RDF.type, GK.Minister) not in inferred


@pytest.mark.reasoner
def test_inconsistent_tbox_has_no_culprit_individual(tbox: Graph) -> None:
    """With Thing ≡ Nothing no individual is to blame: empty culprits and a note."""
    broken = tbox + Graph().parse(
        data="<https://w3id.org/govkg/def#Post> <http://www.w3.org/2002/07/owl#equivalentClass> "
        "<http://www.w3.org/2002/07/owl#Nothing> .\n"
        "<https://w3id.org/govkg/def#Post> <http://www.w3.org/2002/07/owl#equivalentClass> "
        "<http://www.w3.org/2002/07/owl#Thing> .\n",
        format="nt",
    )
    report = check(broken)
    assert not report.consistent
    assert report.culprits == [] and report.notes
    assert report.hermit_runs == 1


@pytest.mark.reasoner
def test_imports_are_never_fetched(tbox: Graph) -> None:
    """owl:imports is stripped before owlready2 (which would download it)."""
    ontology = tbox + Graph()
    ontology.add((GK[""], OWL.imports, URIRef("http://govkg.invalid/unreachable.owl")))
    assert check(ontology, [data("consistent.ttl")]).consistent


def test_prepare_drops_reification_undeclared_and_owlready_triples(tbox: Graph) -> None:
    """Evidence nodes, undeclared predicates, imports and python_module are dropped."""
    stated = data("consistent.ttl")
    stated.add((GKI["x"], OWLREADY.python_module, Literal("os")))
    stated.add((GKI["x"], OWL.imports, URIRef("http://govkg.invalid/unreachable.owl")))
    graph, dropped = prepare(tbox, [stated])
    assert not list(graph.subjects(RDF.type, RDF.Statement))
    assert (GKI["jeremy-heywood"], ORG.holds, GKI["cabinet-secretary"]) in graph
    assert not list(graph.triples((None, URIRef("http://xmlns.com/foaf/0.1/name"), None)))
    assert not list(graph.triples((None, OWLREADY.python_module, None)))
    assert not list(graph.triples((None, OWL.imports, None)))
    assert dropped == 12


@pytest.mark.reasoner
def test_java_missing_says_how_to_install(tbox: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    """No Java: an InputError that says how to install it."""
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    with pytest.raises(InputError, match="apt-get install default-jre-headless"):
        check(tbox)


@pytest.mark.reasoner
def test_java_failure_is_an_input_error(tbox: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing Java process is reported as an InputError."""
    monkeypatch.setattr(owlready2, "JAVA_EXE", "false")
    with pytest.raises(InputError, match="HermiT failed"):
        check(tbox)


@pytest.mark.reasoner
def test_owlready_load_failure_is_an_input_error(
    tbox: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An owlready2 load failure is reported as an InputError."""

    def fail(*args: object, **kwargs: object) -> None:
        raise owlready2.OwlReadyOntologyParsingError("bad N-Triples")

    monkeypatch.setattr(owlready2.Ontology, "load", fail)
    with pytest.raises(InputError, match="owlready2 could not load the ontology: bad"):
        check(tbox)


@pytest.mark.reasoner
def test_real_ontology_is_consistent_with_no_unsatisfiable_class() -> None:
    """ontology/govkg.ttl (with its external declarations) is consistent and satisfiable."""
    graph = load_rdf_file(ONTOLOGY / "govkg.ttl")
    if (ONTOLOGY / "external.ttl").exists():
        graph += load_rdf_file(ONTOLOGY / "external.ttl")
    report = check(graph)
    assert report.consistent, report.culprits
    assert report.unsatisfiable_classes == []
    assert report.summary["classes"] > 10


@pytest.mark.parametrize(
    ("name", "line"),
    [("broken.ttl", 6), ("broken.nt", 4), ("broken.rdf", 4), ("doctype.rdf", 2)],
)
def test_parse_errors_name_file_and_line(name: str, line: int) -> None:
    """Broken Turtle, N-Triples and RDF/XML, and a DTD, are reported as file:line."""
    path = FIXTURES / name
    with pytest.raises(InputError) as error:
        load_rdf_file(path)
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert error.value.exit_code == 2


def test_doctype_is_refused_before_parsing() -> None:
    """RDF/XML with a DOCTYPE is refused (billion laughs)."""
    with pytest.raises(InputError, match="DTD is refused"):
        load_rdf_file(FIXTURES / "doctype.rdf")


def test_remote_jsonld_context_is_refused() -> None:
    """A JSON-LD @context URL is refused, never fetched."""
    with pytest.raises(InputError, match=r"remote JSON-LD @context 'https://schema\.org/'"):
        load_rdf_file(FIXTURES / "remote_context.jsonld")


@pytest.mark.parametrize("name", ["posts.jsonld", "posts.trig", "posts.rdf"])
def test_other_formats_load_with_named_graphs_merged(name: str) -> None:
    """JSON-LD, TriG (named graphs merged) and RDF/XML load the same two triples."""
    graph = load_rdf_file(FIXTURES / name)
    post = GKI["cabinet-secretary"]
    assert set(graph) == {
        (post, RDF.type, GK.CivilServicePost),
        (post, GK.lineManagedBy, GKI["prime-minister"]),
    }


def test_bad_files(tmp_path: Path) -> None:
    """Bad encoding, unknown extension, missing file and oversize file are input errors."""
    latin = tmp_path / "latin.ttl"
    latin.write_bytes(b"# ok\n# caf\xe9\n")
    with pytest.raises(InputError, match=r"latin\.ttl:2: not UTF-8"):
        load_rdf_file(latin)
    with pytest.raises(InputError, match=r"unknown RDF file extension '\.csv'"):
        load_rdf_file(tmp_path / "posts.csv")
    with pytest.raises(InputError, match="cannot read"):
        load_rdf_file(tmp_path / "missing.ttl")
    with pytest.raises(InputError, match="over the 10-byte input limit"):
        load_rdf_file(FIXTURES / "tbox.ttl", max_bytes=10)
