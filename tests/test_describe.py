"""Detection with no manifest: period, department, person, column roles, family; overrides.

Issue "Real documents in any layout and format" §2–4: a document's period ('2015/16',
'2015-16', '2015 to 2016', 'March 2014', '2018/20'), department (by name or short form),
person ('JANE SMITH, DEPARTMENT FOR TRANSPORT', 'Name:' fields, titles) and family are
detected from its text; a manifest overrides any of them and a declared family is honoured.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govkg.cli import main
from graphbuild.describe import describe, display_name
from graphbuild.families.layouts import category_of, column_role
from graphbuild.formats import Canonical
from graphbuild.formats.plain import read_plain
from graphbuild.gazetteer import Gazetteer
from graphbuild.pipeline import build_paths
from graphbuild.text import CleanText
from ontology import load_ontology
from ontology.namespace import GK

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
GAZETTEER = Gazetteer.from_ontology(load_ontology())


def described(text: str, file: str = "document.txt") -> dict[str, str | None]:
    """What describe() finds in a text, as plain values."""
    canonical: Canonical = read_plain(text.encode("utf-8"))
    found = describe(canonical, CleanText(canonical.text), GAZETTEER, file)
    return {
        "period": found.period.value if found.period else None,
        "department": found.department.value if found.department else None,
        "person": found.person.value if found.person else None,
    }


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Permanent Secretary objectives 2015/16", "2015/16"),
        ("PERMANENT SECRETARY OBJECTIVES 2015-16", "2015/16"),
        ("Objectives 2015 to 2016", "2015/16"),
        ("Departmental Improvement Plan\n\nMarch 2014", "2014"),
        ("Civil Service Local business plan 2018/20", "2018/20"),
        ("Single departmental plan: 2015 to 2020", "2015/20"),
        ("Objectives for 2013–14", "2013/14"),
    ],
)
def test_period_from_the_title(title: str, period: str) -> None:
    """Every way of writing a year or a span gives the period label."""
    assert described(f"{title}\n\nSome text.\n")["period"] == period


def test_period_from_the_file_name_when_the_title_has_none() -> None:
    """No year in the title lines: the file name's."""
    text = "Objectives\n\nThe department's aims.\n"
    assert described(text, "hmt-objectives-2014-15.pdf")["period"] == "2014/15"


@pytest.mark.parametrize(
    ("line", "department"),
    [
        ("JANE SMITH, DEPARTMENT FOR TRANSPORT", "Department for Transport"),
        ("Objectives of the DfT Permanent Secretary", "Department for Transport"),
        ("HMT permanent secretary objectives", "HM Treasury"),
        ("Permanent Secretary, MoJ", "Ministry of Justice"),
        ("From: Department for Work & Pensions", "Department for Work and Pensions"),
        ("Defra: objectives", "Department for Environment, Food and Rural Affairs"),
    ],
)
def test_department_by_name_or_short_form(line: str, department: str) -> None:
    """Departments are recognised from the bundled list with their short forms."""
    assert described(f"Objectives 2015/16\n\n{line}\n\nBody text.\n")["department"] == department


@pytest.mark.parametrize(
    ("lines", "person"),
    [
        ("JANE SMITH, DEPARTMENT FOR TRANSPORT", "Jane Smith"),
        ("Name:\tSir Robert McDONALD-O'NEILL", "Sir Robert McDONALD-O'NEILL"),
        ("Permanent Secretary: Dame Alice Brown", "Dame Alice Brown"),
        ("SIR JOHN ANDERSON, HM TREASURY", "Sir John Anderson"),
    ],
)
def test_person_from_the_title_lines_or_a_name_field(lines: str, person: str) -> None:
    """A name set off in the title lines, in capitals or not, with its title kept."""
    assert described(f"Objectives 2015/16\n\n{lines}\n\nBody.\n")["person"] == person


def test_no_person_in_a_title_without_one() -> None:
    """Post and department words are never taken for a name."""
    assert described("PERMANENT SECRETARY OBJECTIVES 2015/16\n\nCABINET OFFICE\n")["person"] is None


def test_display_name_keeps_mc_and_hyphens() -> None:
    """Capitals become title case the way names are written."""
    assert display_name("MARY MCKENZIE-SMITH") == "Mary McKenzie-Smith"
    assert display_name("JOHN O'BRIEN") == "John O'Brien"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Objective", "objective"),
        ("How will progress be achieved and measured?", "measure"),
        ("Performance Measures", "measure"),
        ("Milestones", "milestone"),
        ("Measures of success", "measure"),
        ("Key deliverables", "measure"),
        ("By when", "milestone"),
        ("How progress will be measured", "measure"),
        ("Priority", "objective"),
        ("Improvement goals", "objective"),
        ("What we will do", "action"),
        ("Lorem ipsum dolor", None),
    ],
)
def test_column_roles_by_their_words(header: str, role: str | None) -> None:
    """The column names of the issue, and others, map to their roles."""
    assert column_role(header) == role


@pytest.mark.parametrize(
    ("heading", "cls"),
    [
        ("Business objectives", GK.BusinessObjective),
        ("Corporate objectives", GK.CorporateObjective),
        ("People objectives", GK.CapabilityObjective),
        ("Capability", GK.CapabilityObjective),
        ("Diversity and inclusion objectives", GK.DiversityObjective),
        ("The business of the department is wide-ranging and complex", None),
    ],
)
def test_objective_categories(heading: str, cls: object) -> None:
    """Category headings give objectives their class; sentences do not."""
    assert category_of(heading) == cls


def test_a_declared_family_is_always_honoured(tmp_path: Path) -> None:
    """A manifest naming objectives-2015-16 on another layout: general reader and a warning."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(LAYOUTS / "dft-permanent-secretary-objectives-2015-16.txt", folder / "dft.txt")
    (folder / "manifest.toml").write_text(
        '[[document]]\nid = "dft"\nfile = "dft.txt"\nfamily = "objectives-2015-16"\n'
        'period = "2016/17"\n',
        encoding="utf-8",
    )
    report = build_paths([folder]).report.documents[0]
    assert report.family == "objectives"
    assert report.counts["objectives"] == 4
    assert any("manifest says 'objectives-2015-16'" in w.message for w in report.warnings)
    assert "period: 2016/17 (the manifest)" in report.explained


def test_unknown_layout_still_yields_sentence_facts(tmp_path: Path) -> None:
    """A document of no family: its sentences' relations, with a warning — never zero."""
    doc = tmp_path / "note.txt"
    doc.write_text(
        "Note for the record, June 2016\n\nThe Cabinet Secretary chairs the Civil Service Board."
        " The Government Digital Service is hosted by the Cabinet Office.\n",
        encoding="utf-8",
    )
    report = build_paths([doc]).report.documents[0]
    assert report.family == "none" and report.error is None
    assert report.relations >= 2
    assert [w.message.split(":")[0] for w in report.warnings] == ["no family fits (scores"]


def test_explain_shows_what_was_detected_and_why() -> None:
    """`govkg build --explain FILE` prints format, family, period, department, person, post."""
    path = LAYOUTS / "moj-permanent-secretary-objectives-2014-15.html"
    result = CliRunner().invoke(main, ["build", "--explain", str(path)])
    assert result.exit_code == 0, result.output
    for expected in (
        "format: html",
        "period: 2014/15 (the title lines",
        "publisher: Ministry of Justice",
        "person: Sam Okafor",
        "family: objectives (score",
        "post: Permanent Secretary, Ministry of Justice",
        "found: ",
    ):
        assert expected in result.output
