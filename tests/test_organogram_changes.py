"""Change between organogram releases: `govkg diff organogram`, `kg.diff_organograms` and the
named query `organogram-changes` agree, on the bundled compiled files."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from govkg.cli import main
from govkg.store import open_store
from graphbuild.organogram import build_organograms, load_result, tables_folder
from queries.changes import diff_organograms
from queries.runner import run_query

REAL = Path(str(resources.files("corpus") / "organograms"))
FILES = [REAL / "cabinet-office-2011-2017.csv", REAL / "dcms-2010-2015.csv"]
PAIRS = [
    ("2011-09-30", "2012-03-31"),
    ("2012-03-31", "2012-09-30"),
    ("2013-09-30", "2014-03-31"),
    ("2015-09-30", "2016-03-31"),
    ("2014-10-31", "2015-03-31"),
]


@lru_cache(maxsize=1)
def store() -> ox.Store:
    """Both compiled files, every release in its own graph."""
    store = ox.Store()
    load_result(store, build_organograms(FILES))
    return store


@pytest.mark.parametrize(("before", "after"), PAIRS)
def test_the_named_query_and_the_diff_agree(before: str, after: str) -> None:
    rows = run_query(store(), "organogram-changes", {"from": before, "to": after}).rows
    sparql = {(r[0].value, r[1].value, r[2].value) for r in rows}
    python = {
        (d.department, c.kind, c.ref)
        for d in diff_organograms(store(), before, after)
        for c in d.changes
    }
    assert sparql == python and python


def test_known_changes_from_sep_13_to_mar_14() -> None:
    (diff,) = diff_organograms(store(), "2013-09", "2014-03", "cabinet-office")
    changes = {(c.kind, c.ref): c for c in diff.changes}
    assert (changes["holder-changed", "5"].before, changes["holder-changed", "5"].after) == (
        "Ivan Rogers",
        "Tom Scholar",
    )
    assert ("holder-changed", "317") not in changes  # 'Sir Jeremy Heywood' is the same person
    assert changes["moved", "57"].before == "8" and changes["moved", "57"].after == "317"
    assert changes["eliminated", "43"].rows_before == ("cabinet-office-2011-2017.csv:4696",)
    assert ("eliminated", "20") not in changes  # already marked eliminated in Sep-13
    assert diff.counts()["created"] == len([c for c in diff.changes if c.kind == "created"])


def test_vacancies_follow_the_post_status() -> None:
    diffs = diff_organograms(store(), "2015-09", "2016-03", "cabinet-office")
    kinds = {c.kind for d in diffs for c in d.changes}
    assert "vacancy-filled" in kinds or "vacancy-opened" in kinds
    for change in (c for d in diffs for c in d.changes if c.kind.startswith("vacancy")):
        assert "vacant" in (change.before, change.after)


def test_headcount_by_unit() -> None:
    (diff,) = diff_organograms(store(), "2013-09", "2014-03", "cabinet-office")
    assert diff.units and all(
        (u.posts_before, u.junior_fte_before, u.pay_before)
        != (u.posts_after, u.junior_fte_after, u.pay_after)
        for u in diff.units
    )
    assert any(u.pay_before != u.pay_after for u in diff.units)


def csv_row(source: str) -> dict[str, str]:
    """The CSV row a 'file:line' source names, by column name."""
    name, line = source.rsplit(":", 1)
    path = next(f for f in FILES if f.name == name)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return dict(zip(rows[0], rows[int(line) - 1], strict=False))


def test_pay_band_changes_match_each_release_row() -> None:
    """A post's actual pay band in each release, as the CSV rows of that date state it."""
    (diff,) = diff_organograms(store(), "2013-09", "2014-03", "cabinet-office")
    change = next(c for c in diff.changes if (c.kind, c.ref) == ("pay-band-changed", "5"))
    for shown, rows in ((change.before, change.rows_before), (change.after, change.rows_after)):
        row = csv_row(rows[0])
        low, high = (
            int(row[f"Actual Pay {end} (£)"].replace(",", "")) for end in ("Floor", "Ceiling")
        )
        assert shown == f"£{low:,}–£{high:,}"
    assert (change.before, change.after) == ("£140,000–£144,999", "£150,000–£154,999")


def test_cli_formats_and_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "store")
    assert (
        runner.invoke(main, ["ingest", "organogram", *map(str, FILES), "--store", db]).exit_code
        == 0
    )
    base = ["diff", "organogram", "--from", "Sep-13", "--to", "Mar-14", "--store", db]
    text = runner.invoke(main, [*base, "--department", "cabinet-office"])
    assert text.exit_code == 0, text.output
    assert "== cabinet-office: Sep-13 -> Mar-14" in text.output
    assert "holder-changed" in text.output and "'Ivan Rogers' -> 'Tom Scholar'" in text.output
    data = json.loads(runner.invoke(main, [*base, "--format", "json"]).output)
    assert {d["department"] for d in data} == {
        "cabinet-office",
        "department-for-culture-media-and-sport",
    }
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, [*base, "--format", "csv"]).output)))
    assert {"department", "change", "ref", "before", "after", "rows_before", "rows_after"} <= rows[
        0
    ].keys()
    none = runner.invoke(
        main, ["diff", "organogram", "--from", "Jan-99", "--to", "Mar-14", "--store", db]
    )
    assert none.exit_code == 2 and "no department has releases" in none.output
    out = tmp_path / "changes.json"
    written = runner.invoke(main, [*base, "--format", "json", "--out", str(out)])
    assert written.exit_code == 0 and json.loads(out.read_text())


def changes_of(diffs: list[Any]) -> set[tuple[str, ...]]:
    """Every change as comparable values."""
    return {
        (d.department, c.kind, c.ref, c.before, c.after, *c.rows_before, "|", *c.rows_after)
        for d in diffs
        for c in d.changes
    }


def test_release_tables_give_the_same_diff_as_the_store(tmp_path: Path) -> None:
    """The tables written by the ingest answer exactly what the store answers, faster."""
    db = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--quiet", "--store", str(db)]).exit_code == 0
    files = [str(f) for f in FILES]
    assert runner.invoke(main, ["ingest", "organogram", *files, "--store", str(db)]).exit_code == 0
    tables = tables_folder(db)
    assert len(list(tables.glob("*.tsv"))) == 13 + 10  # one per release graph
    disk = open_store(db, read_only=True)
    for before, after in PAIRS:
        asked = diff_organograms(disk, before, after)
        read = diff_organograms(disk, before, after, tables=tables)
        assert changes_of(read) == changes_of(asked)
        assert [d.units for d in read] == [d.units for d in asked]
    (tables.iterdir().__next__()).write_text("not a table\n")  # a damaged table: the store
    assert changes_of(diff_organograms(disk, *PAIRS[2], tables=tables)) == changes_of(
        diff_organograms(disk, *PAIRS[2])
    )
