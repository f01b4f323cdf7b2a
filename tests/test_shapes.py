"""SHACL shapes (ontology/shapes.ttl) run through ontology.shacl, pySHACL-test style.

Each fixture in tests/fixtures/shapes/{valid,invalid}/ declares in its comment header the
exact results it must produce, one per line:

    # expect: <Violation|Warning> | <focus IRI> | <message fragment>

A valid fixture declares none and must produce no result at all; an invalid one is broken
in one way. The graph conforms exactly when no Violation is expected (warnings alone do not
break conformance). ontology.shacl runs the SPARQL constraints set-at-a-time; a test checks
that this gives pySHACL's per-focus-node results, another that a graph of a few thousand
triples validates quickly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest
from rdflib import OWL, RDF, Dataset, Graph, URIRef
from rdflib.namespace import SH

from ontology import read_text
from ontology.namespace import GK_IRI
from ontology.shacl import load_shapes, validate
from ontology.shacl_report import ShaclReport, format_results

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
EXPECT = re.compile(r"^#\s*expect:\s*(\w+)\s*\|\s*<([^>]+)>\s*\|\s*(.+?)\s*$")
EX = "https://w3id.org/govkg/id/test/"
INVALID_FIXTURE = {
    "measure": FIXTURES / "invalid" / "measure_without_objective.ttl",
    "period": FIXTURES / "invalid" / "objective_without_period.ttl",
}
SPARQL_FIXTURES = [
    *VALID,
    FIXTURES / "invalid" / "spad_line_manages_civil_servant.ttl",
    FIXTURES / "invalid" / "minister_and_permanent_secretary.ttl",
    FIXTURES / "invalid" / "separation_of_roles_stated_inversely.ttl",
]


class Expected(NamedTuple):
    """One result a fixture declares."""

    severity: str
    focus: URIRef
    fragment: str


def expectations(path: Path) -> list[Expected]:
    """The `# expect:` lines of a fixture's comment header."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := EXPECT.match(line):
            found.append(Expected(match[1], URIRef(match[2]), match[3]))
    return found


def unmatched(report: ShaclReport, expected: list[Expected]) -> list[str]:
    """Results and expectations that do not pair up one to one (empty when they do)."""
    left = list(report.results)
    missing = []
    for want in expected:
        hit = next(
            (
                r
                for r in left
                if (r.severity, r.focus) == (want.severity, want.focus)
                and want.fragment in r.message
            ),
            None,
        )
        if hit is None:
            missing.append(f"missing: {want}")
        else:
            left.remove(hit)
    return missing + [f"unexpected: {r}" for r in left]


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_gives_exactly_the_declared_results(path: Path) -> None:
    """Validation yields the header's results, and conforms unless one is a Violation."""
    expected = expectations(path)
    report = validate(Graph().parse(path, format="turtle"))
    assert unmatched(report, expected) == [], format_results(report)
    assert report.conforms == all(e.severity != "Violation" for e in expected)


def test_fixture_folders_are_populated() -> None:
    """There is a valid fixture, and every invalid fixture declares what breaks."""
    assert VALID and len(INVALID) >= 9
    assert all(not expectations(p) for p in VALID)
    assert all(expectations(p) for p in INVALID)


def test_shapes_file_parses_and_every_shape_has_a_message() -> None:
    """shapes.ttl is Turtle, and every node and property shape carries an sh:message."""
    shapes = load_shapes()
    named = set(shapes.subjects(RDF.type, SH.NodeShape))
    named |= set(shapes.subjects(RDF.type, SH.PropertyShape))
    assert len(named) > 20
    assert named >= set(shapes.subjects(SH.targetClass, None))
    assert named >= set(shapes.subjects(SH.path, None))
    assert [s for s in named if shapes.value(s, SH.message) is None] == []


def test_every_govkg_class_is_the_target_of_a_shape() -> None:
    """Each gk: class of govkg.ttl is some shape's sh:targetClass (a new class needs one)."""
    ontology = Graph().parse(data=read_text("govkg.ttl"), format="turtle")
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(GK_IRI)}
    targeted = set(load_shapes().objects(None, SH.targetClass))
    assert len(classes) >= 40
    assert sorted(str(c) for c in classes - targeted) == []


def test_the_ontology_alone_conforms() -> None:
    """The reference individuals of govkg.ttl satisfy the shapes themselves."""
    report = validate(Graph())
    assert report.results == [], format_results(report)


def test_named_graphs_are_validated_together() -> None:
    """A Dataset is validated as the union of its graphs: a link in another graph counts."""
    data = Dataset()
    data.graph(URIRef(EX + "graph-1")).parse(INVALID_FIXTURE["measure"], format="turtle")
    link = (URIRef(EX + "objective-1"), URIRef(GK_IRI + "hasMeasure"), URIRef(EX + "measure-1"))
    data.graph(URIRef(EX + "graph-2")).add(link)
    report = validate(data)
    assert report.conforms and report.results == [], format_results(report)


def test_format_results_prints_each_result_and_a_verdict() -> None:
    """The CLI text names severity, focus, path and message, then says whether it conforms."""
    report = validate(Graph().parse(INVALID_FIXTURE["period"], format="turtle"))
    text = format_results(report)
    assert f"Violation: <{EX}objective-1> gk:period: objective has no period" in text
    assert text.splitlines()[-1].startswith("SHACL: does not conform (1 violation(s)")


@pytest.mark.parametrize("path", SPARQL_FIXTURES, ids=lambda p: p.stem)
def test_set_at_a_time_sparql_agrees_with_pyshacl(path: Path) -> None:
    """The bulk run of the sh:sparql constraints gives pySHACL's own per-node results."""
    data = Graph().parse(path, format="turtle")
    assert validate(data).results == validate(data, bulk_sparql=False).results


def test_a_corpus_sized_graph_validates_quickly() -> None:
    """100 renamed copies of the valid fixture (5,300 triples) validate in seconds."""
    text = VALID[0].read_text(encoding="utf-8")
    data = Graph()
    for i in range(100):
        copy = text.replace(f"<{EX}>", f"<{EX}{i}/>").replace("-test-department", f"-{i}")
        data.parse(
            data=copy.replace("person:jane-smith", f"person:jane-smith-{i}"), format="turtle"
        )
    report = validate(data)
    assert len(data) > 5000 and report.results == []
    assert report.seconds < 5, f"validate() took {report.seconds:.1f} s on {len(data)} triples"
