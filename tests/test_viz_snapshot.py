"""A dated explorer view shows that date's data only, and draws defects as roots (issue 14 §1-2).

Regression: with several snapshots in the store, the 2013-09-30 chain listed six holders of
post 10 from 2011-17 and rows from twelve snapshots; DCMS 2015-03-31, whose top post reports
to itself, fell into one flat row.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from graphbuild.organogram import build_organograms, load_result
from viz.explorer import Request, build_view, select

ORGANOGRAMS = Path(__file__).parents[1] / "corpus" / "organograms"
CO = ORGANOGRAMS / "cabinet-office-2011-2017.csv"
DCMS = "https://w3id.org/govkg/id/organogram/department-for-culture-media-and-sport/post/"


@cache
def store() -> ox.Store:
    """Every Cabinet Office and DCMS release, each in its own graph."""
    found = ox.Store()
    load_result(found, build_organograms([CO, ORGANOGRAMS / "dcms-2010-2015.csv"]))
    return found


def csv_row(line: int) -> dict[str, str]:
    """One row of the Cabinet Office file, by its line number."""
    with CO.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return dict(zip(rows[0], rows[line - 1], strict=False))


def test_a_dated_post_card_is_the_csv_row_of_that_date() -> None:
    """Post 10 on 2013-09-30: one holder, its title, grade and row, all from Sep-13."""
    view = build_view(store(), Request("chain", snapshot="cabinet-office/2013-09-30"))
    post = next(n for n in view.nodes if n.iri.endswith("/cabinet-office/post/10"))
    (source,) = post.sources
    row = csv_row(int(source.rsplit(":", 1)[1]))
    assert row["Back to Index"] == "Sep-13"
    assert post.holders == [row["Name"]] == ["Melanie Dawes"]
    assert post.label == row["Job Title"]
    assert ("grade", row["Grade (or equivalent)"]) in post.properties
    statuses = [value.lower() for name, value in post.properties if name == "post status"]
    assert statuses == ["current"]  # one status: that release's
    assert ("unit", row["Unit"]) in post.properties
    assert ("contact phone", row["Contact Phone"]) in post.properties
    assert ("contact email", row["Contact E-mail"]) in post.properties
    fte = [value for name, value in post.properties if "full time" in name.lower()]
    assert [float(v) for v in fte] == [float(row["FTE"])]


def test_a_post_reporting_to_itself_is_a_root() -> None:
    """DCMS 2015-03-31: the top post (DCMS4001 reports to DCMS4001) heads a real tree."""
    chosen = select(
        store(), Request("chain", snapshot="department-for-culture-media-and-sport/2015-03-31")
    )
    assert chosen.levels[DCMS + "DCMS4001"] == 0
    assert max(chosen.levels.values()) >= 2
    assert sum(1 for level in chosen.levels.values() if level == 0) <= 3


def test_the_post_card_has_the_pay_band_and_junior_staff_of_that_date() -> None:
    """Post 353 on 2013-09-30: its pay band and the junior rows reporting to it, from the CSV."""
    view = build_view(store(), Request("chain", snapshot="cabinet-office/2013-09-30"))
    post = next(n for n in view.nodes if n.iri.endswith("/cabinet-office/post/353"))
    card = dict(post.properties)
    with CO.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["Back to Index"] == "Sep-13"]
    (senior,) = [r for r in rows if r["Senior/Junior"] == "Senior" and
                 r["Post Unique Reference"] == "353"]  # fmt: skip
    low, high = (int(senior[f"Actual Pay {e} (£)"].replace(",", "")) for e in ("Floor", "Ceiling"))
    assert card["pay band"] == f"£{low:,}–£{high:,}"
    juniors: dict[str, float] = {}
    for r in rows:
        if r["Senior/Junior"] == "Junior" and r["Reports to Senior Post"] == "353":
            juniors[r["Grade (or equivalent)"]] = juniors.get(
                r["Grade (or equivalent)"], 0.0
            ) + float(r["FTE"])
    assert juniors
    assert card["junior staff (FTE)"] == ", ".join(f"{n:g} {g}" for g, n in sorted(juniors.items()))
