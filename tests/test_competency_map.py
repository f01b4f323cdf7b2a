"""The competency-question map (ontology/competency-map.toml) covers CQ1–CQ23 with real terms."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, URIRef

from ontology import load_ontology, read_text
from ontology.competency import (
    load_map,
    parse_questions,
    questions_for,
    stale_questions,
    unknown_terms,
    unmapped,
)

GK = "https://w3id.org/govkg/def#"
PLANNED_QUERIES = {
    "CQ1": "who-holds-to-account",
    "CQ2": "held-to-account-by",
    "CQ3": "holds-to-account",
    "CQ4": "milestones-due",
    "CQ5": "held-to-account-through",
    "CQ6": "line-management-chain",
    "CQ8": "span-of-control",
    "CQ9": "code-responsibilities",
    "CQ10": "separation-of-roles",
    "CQ11": "board-membership",
    "CQ12": "organisation-relations",
    "CQ13": "posts-of-person",
    "CQ14": "vacant-posts",
    "CQ15": "locality-roles",
    "CQ16": "objective-changes",
    "CQ17": "evidence-for",
    "CQ18": "objectives-by-theme",
    "CQ19": "data-quality",
    "CQ20": "possible-same-person",
}


def test_questions_file_has_every_question_with_wrapped_text() -> None:
    """CQ1..CQ23 are parsed; wrapped lines are joined and examples left out."""
    questions = parse_questions()
    assert list(questions) == [f"CQ{n}" for n in range(1, 24)]
    assert questions["CQ7"].endswith("two managers for one post?")
    assert "e.g. the Cabinet Secretary, 2015/16" not in questions["CQ1"]


def test_every_question_is_mapped() -> None:
    """Each CQ has an entry with terms and a named query or (CQ7) a command."""
    assert unmapped() == [], f"CQs with no map entry or no terms: {unmapped()}"
    no_query = [cq for cq, e in load_map().items() if not e.answered_by and not e.command]
    assert no_query == [], f"CQs with no answering query: {no_query}"


def test_every_mapped_term_exists_in_the_ontology() -> None:
    """Every CURIE in the map is defined or declared in govkg.ttl + external.ttl."""
    assert unknown_terms() == [], f"terms the ontology lacks: {unknown_terms()}"


def test_map_questions_match_the_questions_file() -> None:
    """The question text copied into the map is the text of competency-questions.md."""
    assert stale_questions() == []


def test_named_queries_are_the_planned_ones() -> None:
    """Each CQ is answered by its planned query name (CQ7 also by `govkg check chains`)."""
    cmap = load_map()
    for cq, query in PLANNED_QUERIES.items():
        assert query in cmap[cq].answered_by, cq
    assert cmap["CQ4"].answered_by == ("objectives-of", "milestones-due")
    assert cmap["CQ7"].command == "govkg check chains"


def test_unmapped_detects_a_question_without_entry() -> None:
    """A question missing from a temporary map, or mapped with no terms, is reported."""
    questions = parse_questions()
    text = read_text("competency-map.toml")
    without_cq3 = text.replace("[CQ3]", "[CQ3-removed]")
    assert unmapped(questions, load_map(without_cq3)) == ["CQ3"]
    empty = '[CQ1]\nquestion = "x"\nterms = []\nanswered_by = ["q"]\n'
    assert unmapped({"CQ1": "x", "CQ2": "y"}, load_map(empty)) == ["CQ1", "CQ2"]


def test_unknown_terms_detects_a_term_the_ontology_lacks() -> None:
    """A made-up term, a term with an unknown prefix and a made-up OWL term are reported."""
    toml = (
        '[CQ1]\nquestion = "x"\nanswered_by = ["q"]\n'
        'terms = ["gk:Objective", "gk:assessorOf", "nope:Thing", "owl:sameAz", "owl:sameAs"]\n'
    )
    assert unknown_terms(load_map(toml)) == ["gk:assessorOf", "nope:Thing", "owl:sameAz"]


def test_unknown_terms_uses_the_given_graph() -> None:
    """Removing a term from the ontology graph makes the map's use of it unknown."""
    graph = load_ontology()
    graph.remove((URIRef(GK + "heldToAccountThrough"), None, None))
    graph.remove((None, None, URIRef(GK + "heldToAccountThrough")))
    assert unknown_terms(graph=graph) == ["gk:heldToAccountThrough"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (GK + "heldToAccountThrough", ["CQ5"]),
        (GK + "dueDate", ["CQ4", "CQ19"]),
        (GK + "Locality", ["CQ15"]),
        (GK + "NoSuchTerm", []),
    ],
)
def test_questions_for_a_term(term: str, expected: list[str]) -> None:
    """questions_for gives the CQs a term serves, in CQ order."""
    assert questions_for(term) == expected


def test_most_govkg_terms_serve_a_question() -> None:
    """Most of govkg's own terms serve at least one CQ (a new term may not yet; listed)."""
    graph = load_ontology()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    own = {s for k in kinds for s in graph.subjects(RDF.type, k) if str(s).startswith(GK)}
    orphans = sorted(str(t)[len(GK) :] for t in own if not questions_for(str(t)))
    assert len(orphans) <= len(own) // 4, f"terms that serve no CQ: {orphans}"


def test_every_mapped_query_is_a_named_query() -> None:
    """answered_by names real queries/*.rq files; a CQ without one names its command."""
    from queries.catalog import load_catalog

    names = set(load_catalog())
    for cq, entry in load_map().items():
        assert set(entry.answered_by) <= names, (cq, set(entry.answered_by) - names)
        assert entry.answered_by or entry.command, f"{cq} is answered by nothing"
