"""The figures researchers compile by hand, computed from the graph (`govkg report`).

Issue "govkg report": accountability at the top (objectives per holder and period by
category, measures, milestones dated and undated, the shares with none; who holds whom to
account; what changed for the same post between periods), bodies, localities, organograms
(queries.report_organograms) and data quality. Every number comes from a named query, named
in the table's `source` (queries.report_model); an empty store gives sections that say what
to load. docs/architecture.md §8.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from queries.report_model import Chart, Report, Section, Table, Value, rows_of, source
from queries.report_organograms import organogram_section

CATEGORIES = ("business", "corporate", "capability", "diversity", "goals")
NO_DOCUMENTS = "No documents in the store: run `govkg build` (or `govkg build FOLDER`)."


def build_report(store: ox.Store, tables: Path | None = None) -> Report:
    """Every section of the report over whatever the store holds.

    `tables`: the release tables beside an on-disk store, from which the changes between
    releases are read (as `govkg diff organogram` reads them).
    """
    return Report(
        [
            accountability(store),
            bodies(store),
            localities(store),
            organogram_section(store, tables),
            data_quality(store),
        ]
    )


def _share(part: int, whole: int) -> str:
    """'25%' (or '' of nothing)."""
    return f"{round(100 * part / whole)}%" if whole else ""


def accountability(store: ox.Store) -> Section:
    """Objectives by holder and period, who holds whom to account, and change between periods."""
    section = Section(
        "accountability",
        "Accountability at the top",
        "Per period and holder: objectives by category, their measures and milestones, and the"
        " share of objectives with no measure or no milestone; then who holds whom to account.",
        empty=NO_DOCUMENTS,
    )
    summary = rows_of(store, "objectives-summary")
    section.tables.append(_objectives_table(summary))
    if summary:
        section.charts.append(
            Chart(
                "objectives-by-category",
                "Objectives by category, per holder and period",
                [f"{r['holder']} ({r['period']})" for r in summary],
                {
                    c: [float(r[c]) for r in summary]
                    for c in CATEGORIES
                    if any(r[c] for r in summary)
                }
                | _uncategorised_series(summary),
                source("objectives-summary"),
                ylabel="objectives",
            )
        )
    matrix = rows_of(store, "assessor-matrix")
    section.tables.append(_matrix_table(matrix))
    section.tables.append(
        Table(
            "assessor-quotes",
            "Holder, assessor and the words that say so",
            ["period", "holder", "assessor", "measures", "quotes"],
            [[r["period"], r["holder"], r["assessor"], r["measures"], r["quotes"]] for r in matrix],
            source("assessor-matrix"),
        )
    )
    section.tables.append(_changes_table(store, summary))
    return section


def _uncategorised_series(summary: list[dict[str, Any]]) -> dict[str, list[float]]:
    """The 'uncategorised' series, when any objective has no category."""
    values = [float(_uncategorised(r)) for r in summary]
    return {"uncategorised": values} if any(values) else {}


def _uncategorised(row: dict[str, Any]) -> int:
    """Objectives of no category (neither business, corporate, capability, diversity nor goal)."""
    return max(0, int(row["objectives"]) - sum(int(row[c]) for c in CATEGORIES))


def _objectives_table(summary: list[dict[str, Any]]) -> Table:
    """One row per holder and period."""
    columns = [
        "period",
        "holder",
        "objectives",
        *CATEGORIES,
        "measures",
        "dated milestones",
        "undated milestones",
        "no measure",
        "no milestone",
    ]
    rows: list[list[Value]] = []
    for r in summary:
        total = int(r["objectives"])
        rows.append(
            [
                r["period"],
                r["holder"],
                total,
                *(r[c] for c in CATEGORIES),
                r["measures"],
                r["datedMilestones"],
                r["undatedMilestones"],
                f"{r['withoutMeasure']} ({_share(int(r['withoutMeasure']), total)})",
                f"{r['withoutMilestone']} ({_share(int(r['withoutMilestone']), total)})",
            ]
        )
    return Table(
        "objectives-by-holder",
        "Objectives per holder and period",
        columns,
        rows,
        source("objectives-summary"),
    )


def _matrix_table(matrix: list[dict[str, Any]]) -> Table:
    """Holder (and period) by assessor, counted in measures."""
    assessors = sorted({str(r["assessor"]) for r in matrix})
    cells: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for r in matrix:
        cells[(str(r["period"]), str(r["holder"]))][str(r["assessor"])] = int(r["measures"])
    rows: list[list[Value]] = [
        [period, holder, *(counts.get(a, "") for a in assessors)]
        for (period, holder), counts in sorted(cells.items())
    ]
    return Table(
        "holder-by-assessor",
        "Who holds whom to account (measures naming each assessor)",
        ["period", "holder", *assessors],
        rows,
        source("assessor-matrix"),
        "Each number counts the holder's measures that name the assessor; the quotes follow.",
    )


def _changes_table(store: ox.Store, summary: list[dict[str, Any]]) -> Table:
    """For a holder with objectives in several periods: what changed between consecutive ones."""
    periods: dict[str, list[str]] = defaultdict(list)
    names = {str(r["periodIri"]): str(r["period"]) for r in summary}  # the periods' own labels
    holders = {str(r["holderIri"]): str(r["holder"]) for r in summary}
    for r in summary:
        periods[str(r["holderIri"])].append(str(r["periodIri"]))
    rows: list[list[Value]] = []
    sources = []
    for holder, found in sorted(periods.items()):
        ordered = sorted(set(found))
        for before, after in pairwise(ordered):
            params = {"post": holder, "from": before, "to": after}
            counts = Counter(
                (str(c["aspect"]), str(c["change"]))
                for c in rows_of(store, "objective-changes", params)
            )
            for (aspect, change), n in sorted(counts.items()):
                rows.append([holders[holder], names[before], names[after], aspect, change, n])
            sources.append(source("objective-changes", **params))
    return Table(
        "changes-between-periods",
        "What changed for the same post between periods",
        ["holder", "from", "to", "aspect", "change", "items"],
        rows,
        "; ".join(sources) or source("objective-changes"),
    )


def bodies(store: ox.Store) -> Section:
    """Who chairs and sits on each board and committee, per period."""
    found = rows_of(store, "board-membership")
    members = Counter(str(r["body"]) for r in found)
    section = Section(
        "bodies",
        "Boards and committees",
        "Who chairs and who sits on each board and committee, per period, as the documents say.",
        [
            Table(
                "board-membership",
                "Chairs and members",
                ["body", "role", "member", "period", "document"],
                [[r["body"], r["role"], r["member"], r["period"], r["document"]] for r in found],
                source("board-membership"),
            )
        ],
        empty=NO_DOCUMENTS,
    )
    if members:
        names = sorted(members, key=lambda b: (-members[b], b))
        section.charts.append(
            Chart(
                "members-per-body",
                "Chairs and members per body",
                names,
                {"posts": [float(members[n]) for n in names]},
                source("board-membership"),
                ylabel="chairs and members",
            )
        )
    return section


def localities(store: ox.Store) -> Section:
    """Headcount by locality against the stated national total; roles filled and vacant."""
    found = rows_of(store, "locality-headcount")
    rows: list[list[Value]] = [
        [r["locality"], r["civilServants"], r["rolesFilled"], r["rolesVacant"]] for r in found
    ]
    note = ""
    if found:
        total = sum(int(r["civilServants"] or 0) for r in found)
        stated = found[0]["statedTotal"]
        rows.append(
            [
                "all localities",
                total,
                sum(int(r["rolesFilled"]) for r in found),
                sum(int(r["rolesVacant"]) for r in found),
            ]
        )
        if stated != "":
            way = "about " if found[0]["approximate"] == "approximate" else ""
            note = f"The localities sum to {total:,}; a document states {way}{int(stated):,}."
    section = Section(
        "localities",
        "Localities",
        "Civil servants by locality against the stated national total, and each locality's"
        " roles (champion, senior responsible owner, coordinator, assistants) filled or vacant.",
        [
            Table(
                "locality-headcount",
                "Headcount and roles by locality",
                ["locality", "civil servants", "roles filled", "roles vacant"],
                rows,
                source("locality-headcount"),
                note,
            )
        ],
        empty="No localities: build a Civil Service Local business plan (as the corpus has).",
    )
    if found:
        section.charts.append(
            Chart(
                "civil-servants-by-locality",
                "Civil servants by locality",
                [str(r["locality"]) for r in found],
                {"civil servants": [float(r["civilServants"] or 0) for r in found]},
                source("locality-headcount"),
                ylabel="civil servants",
            )
        )
    return section


def data_quality(store: ox.Store) -> Section:
    """The gaps the data-quality query finds, counted and listed."""
    found = rows_of(store, "data-quality")
    counts = Counter(str(r["issue"]) for r in found)
    return Section(
        "data-quality",
        "Data quality",
        "Objectives with no measure, measures with no assessor, milestones with no date.",
        [
            Table(
                "data-quality-counts",
                "Gaps by kind",
                ["issue", "items"],
                [[k, n] for k, n in sorted(counts.items())],
                source("data-quality"),
            ),
            Table(
                "data-quality",
                "Every gap",
                ["issue", "item", "objective", "holder", "period", "document", "line"],
                [
                    [
                        r["issue"],
                        r["item"],
                        r["objective"],
                        r["holder"],
                        r["period"],
                        r["document"],
                        r["line"],
                    ]
                    for r in found
                ],
                source("data-quality"),
            ),
        ],
        empty=NO_DOCUMENTS,
    )
