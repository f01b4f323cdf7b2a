"""The 'objectives-2012-13' family: detection, hand-written fixtures, and its reading rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF
from rdflib.namespace import FOAF

from graphbuild.families.objectives_2012_cells import table_rows
from graphbuild.families.objectives_2012_noise import continues, garbled_duplicates
from graphbuild.gazetteer import Gazetteer
from graphbuild.pipeline import BuildResult, build_corpus
from graphbuild.text import CleanText
from ontology import load_ontology
from ontology.namespace import GK, document_graph, entity

FIXTURES = Path(__file__).parent / "fixtures" / "documents" / "objectives-2012-13"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The gazetteer of the ontology's labels."""
    return Gazetteer.from_ontology(load_ontology())


@pytest.mark.parametrize(
    ("previous", "following", "expected"),
    [
        ("Feedback from Prime Minister, Deputy", "Prime Minister, Minister for", True),
        ("Participate in the Senior Leadership", "Committee", True),
        ("Taking part in appropriate recruitment", "exercises", True),
        ("in place for Permanent Secretaries and", "Cascaded to the SCS.", True),
        ("discussions are properly prepared and chaired.", "The Prime Minister", False),
        ("Permanent Secretaries", "Effective accountability mechanism in", False),
        ("and the state of t", "Feedback from Ministers that Cabinet", False),
    ],
)
def test_continuation_of_broken_cells(
    previous: str, following: str, expected: bool, gazetteer: Gazetteer
) -> None:
    """A new raw line continues an item by case, punctuation, function word or label."""
    assert continues(previous, following, gazetteer) is expected


def test_garbled_duplicates_are_the_worse_copy() -> None:
    """Of two near-identical neighbouring lines, the garbled or partial copy is dropped."""
    raw = (
        "\tresponsible to all ministers for the running\t\n"
        "\tTresponsible to all millisters for the furning\t\n"
        "\tPadically improved performance\t\n"
        "\tRadically improved performance management\t\n"
        "\tcolleagues focused on the government's priorities\t\n"
        "\ton the government's priorities\t\n"
        "Ministers running the government's performance management well.\n"
    )
    clean = CleanText(raw)
    dropped = {f.text for f in garbled_duplicates(table_rows(clean), clean.text)}
    assert dropped == {
        "Tresponsible to all millisters for the furning",
        "Padically improved performance",
        "on the government's priorities",
    }


def test_two_space_runs_and_bullets_split_cells() -> None:
    """Items of a flattened cell are separated by two spaces or by HTML bullets."""
    raw = "Objective text\tFirst measure  Second measure\t<ul><li>One</li><li>Two</li></ul>\n"
    row = table_rows(CleanText(raw))[0]
    assert [[f.text for f in cell] for cell in row.cells] == [
        ["Objective text"],
        ["First measure", "Second measure"],
        ["One", "Two"],
    ]


def _build_one(tmp_path: Path, text: str) -> BuildResult:
    """Build a one-document corpus holding `text` as a 2012/13 objectives form."""
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nid = "doc"\ntitle = "Test"\npublisher = "Test"\nperiod = "2012/13"\n'
        'family = "objectives-2012-13"\nfile = "doc.txt"\n',
        encoding="utf-8",
    )
    return build_corpus(tmp_path)


def test_unreadable_rows_are_reported(tmp_path: Path) -> None:
    """A table row before any category and an extra column are build warnings."""
    text = (FIXTURES / "first-parliamentary-counsel-objectives-2012-13.txt").read_text()
    text = text.replace(
        "1. Business delivery objectives:",
        "Stray row\tStray measure\n1. Business delivery objectives:",
        1,
    ).replace("To maintain the quality of the statute book.\t\t", "To maintain\ta\tb\tc", 1)
    messages = [w.message for w in _build_one(tmp_path, text).report.documents[0].warnings]
    assert "table row before any objectives category" in messages
    assert "extra column" in messages


def test_without_header_the_described_post_holds_the_objectives(tmp_path: Path) -> None:
    """No Name/Department header: a warning, and the role text's subject holds the objectives."""
    text = (FIXTURES / "first-parliamentary-counsel-objectives-2012-13.txt").read_text()
    text = text.replace("Name\tDepartment\nDame Eleanor Whitfield\tCabinet Office\n", "")
    text = "Reporting to the Prime Minister, the First Parliamentary Counsel" + text[3:]
    build = _build_one(tmp_path, text)
    messages = [w.message for w in build.report.documents[0].warnings]
    assert messages == ["no 'Name / Department' header: the holder is unknown"]
    graph = build.graphs[document_graph("doc")]
    holders = set(graph.objects(None, GK.objectiveOf))
    assert holders == {entity("post", "first-parliamentary-counsel")}
    assert not set(graph.subjects(RDF.type, FOAF.Person)) - {entity("person", "oliver-pemberton")}
