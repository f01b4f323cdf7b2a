"""The organogram section of `govkg report`: each department's releases in numbers.

Per department and release: senior posts, vacancies, eliminated posts, junior staff
(`organogram-summary`), posts by grade (`posts-by-grade`), the median and largest span of
control, the depth and the chain-check findings by rule (`govkg check chains`, the same
rules), a time series per department, and between consecutive releases the changes
`govkg diff organogram` reports (`organogram-changes`). docs/architecture.md §8.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from queries.changes import KINDS, diff_organograms
from queries.checks import load_organograms
from queries.checks.suite import check_snapshot
from queries.report_model import Chart, Section, Table, Value, rows_of, source

NO_ORGANOGRAMS = "No organograms in the store: run `govkg ingest organogram FILE...`."


def _rows(store: ox.Store, name: str) -> list[dict[str, Any]]:
    """A named query's rows as text (numbers converted where used)."""
    return [{k: str(v) for k, v in row.items()} for row in rows_of(store, name)]


def organogram_section(store: ox.Store, tables: Path | None = None) -> Section:
    """Releases, grades, structure and change, per department."""
    # The three scans are independent and Oxigraph evaluates without the GIL: run them at once.
    with ThreadPoolExecutor(max_workers=3) as pool:
        summary_job = pool.submit(_rows, store, "organogram-summary")
        grades_job = pool.submit(_rows, store, "posts-by-grade")
        structure_job = pool.submit(_structure, store)
        summary, grades, structure = (
            summary_job.result(),
            grades_job.result(),
            structure_job.result(),
        )
    section = Section(
        "organograms",
        "Organograms",
        "Per department and release, each counted in its own graph: senior posts, vacancies,"
        " grades, spans and depth, reporting-line findings, and what changed between releases.",
        empty=NO_ORGANOGRAMS,
    )
    rows: list[list[Value]] = []
    for r in summary:
        shape = structure.get(r["graph"], {})
        rows.append(
            [
                r["department"],
                r["snapshot"],
                int(r["seniorPosts"]),
                int(r["current"]),
                int(r["vacant"]),
                int(r["eliminated"]),
                float(r["juniorFte"]),
                shape.get("median span", ""),
                shape.get("max span", ""),
                shape.get("depth", ""),
                shape.get("findings", ""),
            ]
        )
    section.tables.append(
        Table(
            "organogram-releases",
            "Each release in numbers",
            [
                "department",
                "release",
                "senior posts",
                "current",
                "vacant",
                "eliminated",
                "junior FTE",
                "median span",
                "max span",
                "depth",
                "findings by rule",
            ],
            rows,
            f"{source('organogram-summary')}; govkg check chains (spans, depth, findings)",
        )
    )
    section.tables.append(
        Table(
            "posts-by-grade",
            "Senior posts by grade (eliminated posts left out)",
            ["department", "release", "grade", "posts", "vacant"],
            [
                [g["department"], g["snapshot"], g["grade"], int(g["posts"]), int(g["vacant"])]
                for g in grades
            ],
            source("posts-by-grade"),
        )
    )
    section.tables.append(_changes(store, summary, tables))
    section.charts += _time_series(summary)
    return section


def _structure(store: ox.Store) -> dict[str, dict[str, Value]]:
    """Per release graph: median and largest span, depth, and findings counted by rule."""
    found: dict[str, dict[str, Value]] = {}
    for organogram in load_organograms(store):
        report = check_snapshot(organogram)
        spans: dict[str, Any] = report.stats.get("span of control", {})
        depth: dict[str, Any] = report.stats.get("depth", {})
        rules = Counter(f.rule for f in report.findings)
        found[organogram.ref.graph] = {
            "median span": spans.get("median", ""),
            "max span": spans.get("max", ""),
            "depth": depth.get("levels", ""),
            "findings": ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items())) or "none",
        }
    return found


def _changes(store: ox.Store, summary: list[dict[str, Any]], tables: Path | None) -> Table:
    """Between consecutive releases of a department: changes counted by kind."""
    releases: dict[str, list[str]] = defaultdict(list)
    for r in summary:
        releases[r["department"]].append(r["snapshot"])
    rows: list[list[Value]] = []
    for department, dates in sorted(releases.items()):
        for before, after in pairwise(dates):
            (diff,) = diff_organograms(store, before, after, department, tables)
            counts = diff.counts()
            rows.append([department, before, after, *(counts[k] for k in KINDS)])
    return Table(
        "changes-between-releases",
        "What changed between consecutive releases",
        ["department", "from", "to", *KINDS],
        rows,
        source("organogram-changes", **{"from": "DATE", "to": "DATE", "department": "D"})
        + " (or govkg diff organogram --from DATE --to DATE --department D)",
    )


def _time_series(summary: list[dict[str, Any]]) -> list[Chart]:
    """Senior posts and vacancies over the releases, one chart per department."""
    charts = []
    by_department: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in summary:
        by_department[r["department"]].append(r)
    for department, found in sorted(by_department.items()):
        if len(found) < 2:
            continue
        charts.append(
            Chart(
                f"{department}-over-time",
                f"{department}: senior posts and vacancies",
                [r["snapshot"] for r in found],
                {
                    "senior posts": [float(r["seniorPosts"]) for r in found],
                    "vacant": [float(r["vacant"]) for r in found],
                },
                source("organogram-summary", department=department),
                kind="line",
                ylabel="posts",
            )
        )
    return charts
