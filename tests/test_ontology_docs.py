"""The ontology reference (ontology/docs.py): complete, escaped, and linked to the CQs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from ontology import load_ontology
from ontology.competency import parse_questions
from ontology.docs import escape_markdown, write_docs
from ontology.docs_model import Reference

GK = "https://w3id.org/govkg/def#"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
SCRIPT = "<script>alert('x')</script>"


def own_terms(graph: Graph) -> list[URIRef]:
    """govkg's own classes and properties."""
    found = {s for k in KINDS for s in graph.subjects(RDF.type, k) if str(s).startswith(GK)}
    return sorted(s for s in found if isinstance(s, URIRef))


def text_of(graph: Graph, term: URIRef, predicate: URIRef) -> str:
    """The single literal of a term for a predicate, whitespace-collapsed."""
    return " ".join(str(graph.value(term, predicate)).split())


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Both files, written once from the shipped ontology."""
    out = tmp_path_factory.mktemp("docs")
    paths = write_docs(out)
    return {p.name: p.read_text(encoding="utf-8") for p in paths}


def test_both_files_are_written(tmp_path: Path) -> None:
    """'both' writes index.html and ontology.md; each single format writes one file."""
    assert [p.name for p in write_docs(tmp_path)] == ["index.html", "ontology.md"]
    assert all((tmp_path / n).stat().st_size > 10_000 for n in ("index.html", "ontology.md"))
    assert [p.name for p in write_docs(tmp_path / "h", "html")] == ["index.html"]
    assert [p.name for p in write_docs(tmp_path / "m", "markdown")] == ["ontology.md"]


def test_metadata_and_contents(written: dict[str, str]) -> None:
    """Title, version, licence and a table of contents with in-page anchors."""
    html = written["index.html"]
    for needle in ("govkg ontology", "0.1.0", "open-government-licence", 'href="#classes"'):
        assert needle in html
    for section in ("Posts", "People", "Organisations &amp; bodies", "Codes", "Objectives"):
        assert f">{section}</a>" in html


def test_every_class_and_property_appears_with_label_and_definition(
    written: dict[str, str],
) -> None:
    """Each govkg class and property has an entry with its label and definition, in both."""
    graph = load_ontology()
    html, md = written["index.html"], written["ontology.md"]
    missing = []
    for term in own_terms(graph):
        label = text_of(graph, term, RDFS.label)
        definition = text_of(graph, term, SKOS.definition)
        anchor = "gk-" + str(term)[len(GK) :]
        if f'id="{anchor}"' not in html or str(escape(definition)) not in html:
            missing.append(f"html:{anchor}")
        if f"<h4>{escape(label)} <span" not in html:
            missing.append(f"html-label:{anchor}")
        if f"#### {escape_markdown(label)} (`gk:" not in md:
            missing.append(f"md-label:{anchor}")
        if escape_markdown(definition) not in md:
            missing.append(f"md:{anchor}")
    assert missing == []


def test_restrictions_disjointness_and_instances_are_readable(written: dict[str, str]) -> None:
    """Anonymous super-classes are rendered in words; disjoint classes and instances listed."""
    md = written["ontology.md"]
    entry = md[md.index("#### Civil Service post") :]
    entry = entry[: entry.index("\n#### ")]
    assert "lineManagedBy only (not SpecialAdviserPost)" in entry
    assert "[Special adviser post](#gk-SpecialAdviserPost)" in entry
    assert "Head of the Civil Service" in entry
    assert "org:holds some CivilServicePost" in md
    minister = md[md.index("#### Ministerial post") :]
    assert "[Prime Minister](#gki-post-prime-minister) (PM)" in minister[:4000]


def test_properties_show_kind_domain_range_inverse_and_characteristics(
    written: dict[str, str],
) -> None:
    """A property entry lists its kind, domain, range, super-property, inverse and traits."""
    md = written["ontology.md"]
    entry = md[md.index("#### line managed by") :]
    entry = entry[: entry.index("\n#### ")]
    rows = ("| Kind | object |", "| Domain | [org:Post](#org-Post) |", "(#org-reportsTo)")
    assert all(row in entry for row in rows) and "[line manages](#gk-lineManages)" in entry
    holder = md[md.index("#### holder (") :]
    assert "| Characteristics | functional |" in holder[:2000]


def test_reference_individuals_form_the_gazetteer(written: dict[str, str]) -> None:
    """The individuals table lists labels, types and alt labels."""
    md = written["ontology.md"]
    table = md[md.index("## Reference individuals") :]
    assert "| `gki:post/minister-for-the-cabinet-office` |" in table
    assert "MCO" in table
    assert "Ministerial Code" in table


def test_markdown_names_every_cq_for_some_term(written: dict[str, str]) -> None:
    """Each CQ id is linked from at least one term (govkg's or a reused one), not just the table."""
    md = written["ontology.md"]
    terms_part = md[: md.index("## Reference individuals")]
    served = set(re.findall(r"\[(CQ\d+)\]\(#CQ\d+\)", terms_part))
    assert set(parse_questions()) <= served


def test_every_question_is_served_by_a_documented_term() -> None:
    """The model behind the page: the CQs over all entries and reused terms are CQ1..CQ20."""
    context = Reference(load_ontology()).context()
    entries = [d for _, docs in context["class_groups"] + context["property_groups"] for d in docs]
    cqs = {v.label for d in entries for name, vs in d.rows if name.startswith("Comp") for v in vs}
    reused = {cq for _, _, served in context["external"] for cq in served}
    assert cqs | reused == set(parse_questions())
    assert set(parse_questions()) - cqs <= {"CQ20"}  # CQ20 has no govkg term yet


def test_labels_are_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    """A label, definition and alt label containing <script> come out escaped."""
    graph = load_ontology()
    post = URIRef(GK + "Post")
    graph.set((post, RDFS.label, Literal(SCRIPT, lang="en")))
    graph.set((post, SKOS.definition, Literal(f"Definition {SCRIPT} | pipe", lang="en")))
    graph.add((URIRef("https://w3id.org/govkg/id/post/prime-minister"), SKOS.altLabel,
               Literal(SCRIPT)))  # fmt: skip
    write_docs(tmp_path, graph=graph)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    md = (tmp_path / "ontology.md").read_text(encoding="utf-8")
    assert "<script" not in html and "<script" not in md
    assert "&lt;script&gt;alert(" in html
    assert "&lt;script&gt;alert(" in md
    assert "\\| pipe" in md


def test_html_is_self_contained(written: dict[str, str]) -> None:
    """No external resources: inline CSS, no script, links only to in-page anchors."""
    html = written["index.html"]
    assert "<style>" in html and "<script" not in html
    targets = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert targets and all(t.startswith("#") for t in targets)
    anchors = set(re.findall(r'id="([^"]+)"', html))
    assert {t[1:] for t in targets} <= anchors, "a link points to a missing anchor"
