"""Organogram columns recognised by spelling, close spelling and values; reported per file.

Real headers carry typos (HM Treasury's compiled file spells `Senion/Junior`, which lost
every junior row before) and blank or unnamed columns; the official data.gov.uk column list
is the reference (graphbuild/organogram/columns.py).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from govkg.cli import main
from graphbuild.organogram import build_organograms, load_result
from graphbuild.organogram import columns as col
from graphbuild.organogram.columns import layout_from_header, match_header
from graphbuild.organogram.infer import complete
from graphbuild.text import edit_distance

FIXTURES = Path(__file__).parent / "fixtures" / "organograms"


@pytest.mark.parametrize(
    ("header", "key", "how"),
    [
        ("Post Unique Reference", col.REF, col.EXACT),
        ("Grade (or equivalent)", col.GRADE, col.EXACT),
        ("Senion/Junior", col.LEVEL, col.CLOSE),
        ("Junior/Senoir", col.LEVEL, col.CLOSE),
        ("Post Unique Refrence", col.REF, col.CLOSE),
        ("Post Unique Ref", col.REF, col.CLOSE),  # regression: read as a junior file before
        ("Num of Posts in FTE", col.FTE, col.CLOSE),
        ("Reporting Senoir Post", col.REPORTS_TO, col.CLOSE),
        ("NUMBER OF POSTS IN F.T.E.", col.FTE, col.EXACT),
        ("Orgainsation", col.ORGANISATION, col.CLOSE),
        ("Contact E-mial", col.EMAIL, col.CLOSE),
        ("Data", None, col.UNKNOWN),  # short names must be exact: not 'date'
        ("Column A", None, col.UNKNOWN),
        ("Post", None, col.UNKNOWN),  # one word abbreviates nothing
        ("", None, col.UNKNOWN),
    ],
)
def test_header_cells(header: str, key: str | None, how: str) -> None:
    assert match_header(header)[:2] == (key, how)


def test_edit_distance_stops_at_its_limit() -> None:
    assert edit_distance("senion junior", "senior junior", 2) == 1
    assert edit_distance("kitten", "sitting", 3) == 3
    assert edit_distance("a" * 20, "b" * 20, 2) == 3


def test_a_repeated_column_is_read_once() -> None:
    layout = layout_from_header(
        ["Post Unique Reference", "Grade", "Grade", "Reports to Senior Post"]
    )
    assert layout is not None and layout.columns[col.GRADE] == 1
    assert "duplicate of column 2" in layout.mappings[2].how


def test_columns_inferred_from_their_values() -> None:
    header = ["", "Post Unique Reference", "Name", "", "Job Title", "", "Status"]
    rows = [
        ["0", "A", "Ann", "SCS3", "Director General", "XX", "Senior"],
        ["1", "B", "Bob", "SCS2", "Director", "A", "Senior"],
        ["2", "C", "Cy", "G6", "Head of Unit", "B", "Junior"],
    ]
    start = layout_from_header(header)
    assert start is not None and not start.has(col.REPORTS_TO)
    layout = complete(start, rows)
    assert layout.columns[col.GRADE] == 3 and layout.columns[col.REPORTS_TO] == 5
    assert layout.columns[col.LEVEL] == 6 and layout.kind == "compiled"
    assert col.SNAPSHOT not in layout.columns  # the index column is not a date
    assert [m.index for m in layout.mappings if m.how == col.INFERRED] == [3, 5, 6]


def test_two_candidate_columns_are_ambiguous_and_left_unread() -> None:
    header = ["Post Unique Reference", "Name", "", "", "Reports to Senior Post"]
    rows = [["A", "Ann", "SCS3", "SCS2", "XX"], ["B", "Bob", "SCS2", "SCS1", "A"]]
    start = layout_from_header(header)
    assert start is not None
    assert not complete(start, rows).has(col.GRADE)


def test_a_misspelt_level_column_keeps_the_junior_rows() -> None:
    """The HM Treasury case: every junior row used to be rejected as a senior row."""
    result = build_organograms([FIXTURES / "header-typos-compiled.csv"])
    assert not result.errors
    assert [(s.label, s.posts, s.junior_rows) for s in result.snapshots] == [
        ("Jun-10", 3, 2),
        ("Dec-10", 2, 1),
    ]
    (summary,) = result.files
    assert summary.rows_read == summary.rows_loaded == 8
    assert [str(m) for m in summary.unusual_mappings] == [
        "column 2 'Senion/Junior' -> Senior/Junior (close to 'senior junior')",
        "column 3 'Post Unique Refrence' -> Post Unique Reference"
        " (close to 'post unique reference')",
    ]


def test_unnamed_grade_and_reporting_columns_load() -> None:
    store = ox.Store()
    result = build_organograms([FIXTURES / "unnamed-columns-2016-09-30-senior.csv"])
    load_result(store, result)
    assert not result.errors and result.snapshots[0].posts == 4
    ask = """ASK { ?p <http://www.w3.org/ns/org#reportsTo> ?boss .
                   ?boss <http://purl.org/dc/terms/identifier> "U2" }"""
    assert store.query(ask, use_default_graph_as_union=True)


def test_ingest_reports_files_and_mappings(tmp_path: Path) -> None:
    runner = CliRunner()
    files = [
        str(FIXTURES / "header-typos-compiled.csv"),
        str(FIXTURES / "bad-shifted-columns-2015-03-31.csv"),
    ]
    plain = runner.invoke(main, ["ingest", "organogram", *files, "--store", str(tmp_path / "a")])
    assert plain.exit_code == 1, plain.output  # the shifted rows are rejected: partial
    assert (
        "header-typos-compiled.csv (compiled, utf-8): 8 rows read, 8 loaded, 0 rejected"
        in plain.output
    )
    assert "'Senion/Junior' -> Senior/Junior" in plain.output
    assert "rejected 2: N fields where the header has N (shifted columns?)" in plain.output
    assert "'Name' -> Name" not in plain.output
    verbose = runner.invoke(
        main, ["ingest", "organogram", *files, "--verbose", "--store", str(tmp_path / "b")]
    )
    assert "column 4 'Name' -> Name (known spelling)" in verbose.output


def test_ingest_takes_folders(tmp_path: Path) -> None:
    folder = tmp_path / "release"
    folder.mkdir()
    for name in ("clean-2015-03-31-senior.csv", "clean-2015-03-31-junior.csv"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    done = CliRunner().invoke(
        main, ["ingest", "organogram", str(folder), "--store", str(tmp_path / "s")]
    )
    assert done.exit_code == 0, done.output
    assert "clean-2015-03-31-junior.csv (junior, utf-8)" in done.output
    empty = tmp_path / "empty"
    empty.mkdir()
    none = CliRunner().invoke(
        main, ["ingest", "organogram", str(empty), "--store", str(tmp_path / "s")]
    )
    assert none.exit_code == 2 and "no .csv file" in none.output
