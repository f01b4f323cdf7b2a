"""`govkg check chains`: every data.gov.uk validator rule plus governance checks, per snapshot.

Per organogram snapshot: the official ETL validator's rules (`structure`), then
span of control, depth, vacant posts in chains and special advisers managing civil
servants (`governance`). Across snapshots of the same date: people in several posts
at once and possible same people (`people`). Over the documents: mutual
accountability and special advisers (`documents`). Offending posts carry their
source rows (`gk:sourceRow`, file:line) so a publisher can fix the CSV.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ontology.namespace import GK
from queries.checks.chains import Organogram, load_organograms
from queries.checks.documents import (
    document_graphs,
    mutual_accountability,
    special_adviser_managers,
)
from queries.checks.governance import (
    DEFAULT_MAX_DEPTH,
    depth,
    span_of_control,
    special_advisers,
    vacant_links,
)
from queries.checks.people import possible_same_people, several_posts
from queries.checks.report import CheckReport, Finding, SnapshotReport, natural_key
from queries.checks.sparql import Graphs, objects
from queries.checks.structure import structural

SOURCE_ROW = str(GK.sourceRow)
ROW_LIMIT = 1000  # source rows are looked up for the first 1,000 offenders of a finding
SORT_LIMIT = 5000


class NothingToCheck(ValueError):
    """The store has nothing the selection could check (the CLI exits 2)."""


@dataclass(frozen=True)
class CheckOptions:
    """What to check: snapshot selectors (none = all) and the depth threshold."""

    snapshots: tuple[str, ...] = ()
    max_depth: int = DEFAULT_MAX_DEPTH


def check_snapshot(o: Organogram, max_depth: int = DEFAULT_MAX_DEPTH) -> SnapshotReport:
    """Every per-snapshot rule for one organogram."""
    found = structural(o)
    span_found, span_stats = span_of_control(o)
    depth_found, depth_stats = depth(o, max_depth)
    governance = span_found + depth_found + vacant_links(o) + special_advisers(o)
    section = SnapshotReport(o.ref.name, o.ref.graph, o.ref.title, len(o.posts), len(o.juniors))
    section.findings = found + governance
    for finding in section.findings:
        finding.snapshot = o.ref.name
    if span_stats:
        section.stats["span of control"] = span_stats
    if depth_stats:
        section.stats["depth"] = depth_stats
    return section


def _add_rows(store: ox.Store, findings: list[Finding], graph: str) -> None:
    """Sort each finding's offenders and fill the source rows of the first ROW_LIMIT."""
    for finding in findings:
        if len(finding.offenders) <= SORT_LIMIT:
            finding.offenders.sort(key=lambda o: natural_key(o.ref))
        else:
            finding.offenders.sort(key=lambda o: o.ref)
        for offender in finding.offenders[:ROW_LIMIT]:
            where = offender.graph or graph
            if offender.rows or not where or not offender.iri.startswith("http"):
                continue
            offender.rows = sorted(objects(store, offender.iri, SOURCE_ROW, where), key=natural_key)
        if len(finding.offenders) > 1 and not finding.offenders[0].ref:
            finding.offenders.sort(key=lambda o: natural_key(" ".join(o.rows)))


def run_checks(store: ox.Store, options: CheckOptions | None = None) -> CheckReport:
    """Check the chosen snapshots, the people in them, and the documents."""
    options = options or CheckOptions()
    organograms = load_organograms(store, list(options.snapshots) or None)
    docs = document_graphs(store)
    if options.snapshots and not organograms:
        wanted = ", ".join(options.snapshots)
        raise NothingToCheck(
            f"no organogram snapshot matches {wanted} (see `govkg check chains --list`)"
        )
    if not organograms and not docs:
        raise NothingToCheck(
            "the store has no organogram snapshots and no documents: "
            "run `govkg ingest organogram FILE...` or `govkg build` first"
        )
    report = CheckReport()
    for organogram in organograms:
        section = check_snapshot(organogram, options.max_depth)
        _add_rows(store, section.findings, organogram.ref.graph)
        report.sections.append(section)
    if organograms:
        refs = [o.ref for o in organograms]
        people = SnapshotReport("people in the organograms")
        people.findings = several_posts(store, refs)
        graphs: Graphs = [ox.NamedNode(r.graph) for r in refs]
        people.findings += possible_same_people(store, graphs + docs)
        _add_rows(store, people.findings, "")
        report.sections.append(people)
        for finding in people.findings:
            finding.snapshot = finding.snapshot or ", ".join(sorted({r.name for r in refs}))
    if docs:
        documents = SnapshotReport("documents")
        documents.findings = mutual_accountability(store, docs) + special_adviser_managers(
            store, docs
        )
        report.sections.append(documents)
    return report
