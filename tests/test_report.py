"""`govkg report`: the figures equal the named queries' answers, on documents, organograms,
both and neither; labels are escaped; the page and its CSVs are written.

Issue "govkg report": golden numbers written from the documents (Cabinet Secretary 2015/16:
4 objectives; eight localities summing to 412,220 against a stated ~412,000) and from the
Cabinet Office CSV (Sep-13: 277 senior posts, 11 vacant).
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from govkg.build import build_into_store
from govkg.cli import main
from graphbuild.organogram import build_organograms, load_result
from queries.report import build_report
from queries.report_model import Report, Table
from queries.runner import run_query
from viz.report_page import to_html, write_report

ORGANOGRAMS = Path(__file__).parents[1] / "corpus" / "organograms"
HOSTILE = "<script>alert('holder')</script>"


@cache
def documents() -> ox.Store:
    """The bundled corpus only."""
    store = ox.Store()
    build_into_store(store)
    return store


@cache
def organograms() -> ox.Store:
    """The Cabinet Office and DCMS organograms only."""
    store = ox.Store()
    files = [ORGANOGRAMS / "cabinet-office-2011-2017.csv", ORGANOGRAMS / "dcms-2010-2015.csv"]
    load_result(store, build_organograms(files))
    return store


def table(report: Report, name: str) -> Table:
    """A table of the report by name."""
    return next(t for t in report.tables() if t.name == name)


def test_objectives_per_holder_equal_the_named_query() -> None:
    """Cabinet Secretary 2015/16: 4 objectives (3 business, 1 diversity), as the query says."""
    found = table(build_report(documents()), "objectives-by-holder")
    row = next(r for r in found.rows if r[:2] == ["2015/16", "Cabinet Secretary"])
    assert row[2:7] == [4, 3, 0, 0, 1]
    answer = run_query(documents(), "objectives-summary", {"period": "2015/16"})
    assert [int(t.value) for t in answer.rows[0][2:7]] == row[2:7]  # type: ignore[union-attr]
    assert found.source == "govkg query objectives-summary"


def test_localities_sum_against_the_stated_total() -> None:
    """Eight localities, 412,220 in all, against a document's ~412,000."""
    found = table(build_report(documents()), "locality-headcount")
    assert len(found.rows) == 9 and found.rows[-1][:2] == ["all localities", 412_220]
    assert found.note == "The localities sum to 412,220; a document states about 412,000."


def test_organograms_alone() -> None:
    """Sep-13: 277 senior posts, 11 vacant; the document sections say what to load."""
    report = build_report(organograms())
    releases = table(report, "organogram-releases")
    row = next(r for r in releases.rows if r[:2] == ["cabinet-office", "2013-09-30"])
    assert row[2:6] == [277, 232, 11, 34]
    assert row[7] != "" and row[9] != ""  # spans and depth from the chain checks
    changes = table(report, "changes-between-releases")
    per_department = Counter(r[0] for r in releases.rows)
    assert len(changes.rows) == sum(n - 1 for n in per_department.values())
    accountability = report.sections[0]
    assert not accountability.has_data and "govkg build" in accountability.empty
    assert any(c.kind == "line" for c in report.sections[3].charts)


def test_an_empty_store_says_what_to_load() -> None:
    """No documents, no organograms: a page that tells the user what to run."""
    report = build_report(ox.Store())
    assert report.empty
    html = to_html(report)
    assert 'id="empty-store"' in html and "govkg ingest organogram" in html


def test_every_label_is_escaped() -> None:
    """A holder labelled with markup reaches the page, tables and chart only as text."""
    store = ox.Store()
    for quad in documents():
        store.add(quad)
    holder = ox.NamedNode("https://w3id.org/govkg/id/post/hostile")
    gk = "https://w3id.org/govkg/def#"
    objective = ox.NamedNode("https://w3id.org/govkg/id/objective/hostile")
    period = ox.NamedNode("https://w3id.org/govkg/id/period/2015-16")
    store.add(ox.Quad(holder, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                      ox.Literal(HOSTILE)))  # fmt: skip
    store.add(ox.Quad(objective, ox.NamedNode(gk + "objectiveOf"), holder))
    store.add(ox.Quad(objective, ox.NamedNode(gk + "period"), period))
    html = to_html(build_report(store))
    assert HOSTILE not in html and "<script" not in html
    assert "&lt;script&gt;alert(&#39;holder&#39;)&lt;/script&gt;" in html


def test_cli_writes_the_page_and_a_csv_per_table(tmp_path: Path) -> None:
    """`govkg report -o DIR`, HTML and Markdown; each CSV equals its table."""
    db = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--quiet", "--store", str(db)]).exit_code == 0
    out = tmp_path / "report"
    done = runner.invoke(main, ["report", "-o", str(out), "--store", str(db)])
    assert done.exit_code == 0, done.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") >= 3 and "Source: govkg query objectives-summary" in page
    with (out / "tables" / "locality-headcount.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["locality", "civil servants", "roles filled", "roles vacant"]
    assert rows[-1][:2] == ["all localities", "412220"]
    md = runner.invoke(main, ["report", "-o", str(tmp_path / "md"), "--format", "markdown",
                              "--store", str(db)])  # fmt: skip
    assert md.exit_code == 0
    text = (tmp_path / "md" / "report.md").read_text(encoding="utf-8")
    assert "| 2015/16 | Cabinet Secretary | 4 |" in text
    assert (tmp_path / "md" / "charts" / "objectives-by-category.svg").is_file()


def test_write_report_returns_the_page(tmp_path: Path) -> None:
    """The library call behind the command."""
    page = write_report(build_report(documents()), tmp_path / "r")
    assert page.name == "report.html" and (tmp_path / "r" / "tables").is_dir()
