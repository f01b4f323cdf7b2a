"""Every chain rule on a small synthetic organogram (tests/fixtures/organograms).

The data.gov.uk ETL validator's rules (errors) and the governance checks (warnings), each
on a fixture that breaks exactly that rule; a clean fixture gives no finding at all.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from govkg.store import load_rdflib_graph
from graphbuild.organogram.ingest import build_organograms
from graphbuild.organogram.store import load_result
from ontology import load_ontology
from ontology.namespace import ONTOLOGY_GRAPH
from queries.checks.report import CheckReport, Finding, by_snapshot, to_csv, to_json, to_text
from queries.checks.suite import CheckOptions, NothingToCheck, run_checks

FIXTURES = Path(__file__).parent / "fixtures" / "organograms"


def report(*names: str) -> CheckReport:
    """Ingest fixtures into a fresh store and check it."""
    store = ox.Store()
    load_result(store, build_organograms([FIXTURES / n for n in names]))
    return run_checks(store)


def findings(*names: str) -> dict[str, list[Finding]]:
    """Findings by rule."""
    found: dict[str, list[Finding]] = {}
    for finding in report(*names).findings:
        found.setdefault(finding.rule, []).append(finding)
    return found


def refs(finding: Finding) -> list[str]:
    """The offending references of a finding."""
    return [o.ref for o in finding.offenders]


def test_clean_organogram_has_no_finding() -> None:
    """A well-formed senior/junior pair: exit code 0, statistics only."""
    result = report("clean-2015-03-31-senior.csv", "clean-2015-03-31-junior.csv")
    assert result.findings == [] and result.exit_code == 0
    (section, _people) = result.sections
    assert section.stats["depth"]["levels"] == 4


def test_no_top_post() -> None:
    """No XX post at all; both posts' chains end in their loop."""
    found = findings("no-top-post-2015-03-31.csv")
    assert "no-top-post" in found and "loop" in found


def test_several_top_posts() -> None:
    """Two posts report to XX (one as 'xx')."""
    (finding,) = findings("several-top-posts-2015-03-31.csv")["several-top-posts"]
    assert refs(finding) == ["1", "5"]
    assert finding.offenders[0].rows == ["several-top-posts-2015-03-31.csv:2"]


def test_unknown_manager_and_blank_manager() -> None:
    """A manager that is not a post, and a blank 'Reports to Senior Post'."""
    found = findings("unknown-manager-2015-03-31.csv")
    messages = sorted(f.message for f in found["unknown-manager"])
    assert messages == [
        "5 reports to 99, which is not a post in this snapshot",
        "6 reports to a blank 'Reports to Senior Post'",
    ]
    assert {r for f in found["chain-not-ending-at-top"] for r in refs(f)} == {"5", "6"}


def test_reports_to_itself() -> None:
    """A self-report, whose chain then ends at itself."""
    found = findings("reports-to-itself-2015-03-31.csv")
    assert [refs(f) for f in found["reports-to-itself"]] == [["5"]]
    assert [refs(f) for f in found["chain-not-ending-at-top"]] == [["5"]]


def test_loop() -> None:
    """5 -> 6 -> 7 -> 5."""
    (finding,) = findings("loop-2015-03-31.csv")["loop"]
    assert refs(finding) == ["5", "6", "7"]
    assert "5 -> 6 -> 7 -> 5" in finding.message


def test_chain_longer_than_100() -> None:
    """A 104-level line: posts beyond 100 steps from the top are flagged."""
    (finding,) = findings("chain-too-long-2015-03-31.csv")["chain-too-long"]
    assert refs(finding) == ["102", "103", "104"]


def test_juniors_with_blank_unknown_or_eliminated_manager() -> None:
    """Junior rows reporting to '', to 77 (no such post) and to 9 (eliminated)."""
    found = findings("juniors-2015-03-31-senior.csv", "juniors-2015-03-31-junior.csv")
    assert [f.message for f in found["junior-blank-manager"]] == [
        "1 junior row reports to a blank reporting senior post"
    ]
    assert [f.message for f in found["junior-unknown-manager"]] == ["1 junior row reports to 77"]
    (eliminated,) = found["junior-eliminated-manager"]
    assert eliminated.offenders[0].rows == ["juniors-2015-03-31-junior.csv:5"]


def test_one_reference_with_two_managers() -> None:
    """A job share whose two rows name different managers."""
    (finding,) = findings("several-managers-2015-03-31.csv")["several-managers"]
    assert finding.message == "5 has 2 managers: 2, 3"
    assert len(finding.offenders[0].rows) == 2


def test_chain_through_a_vacant_post() -> None:
    """The Director General post is vacant: two posts report through nobody."""
    (finding,) = findings("vacant-in-chain-2015-03-31.csv")["vacant-in-chain"]
    assert refs(finding) == ["2"]
    assert "2 posts below it" in finding.message


def test_person_holding_two_posts_at_once() -> None:
    """Bob Second is Director General and an interim Deputy Director."""
    (finding,) = findings("several-posts-2015-03-31.csv")["several-posts-at-once"]
    assert refs(finding) == ["department-for-testing/2", "department-for-testing/5"]


def test_special_adviser_line_managing_a_civil_servant() -> None:
    """Post 6 (SCS1) reports to special adviser post 5."""
    (finding,) = findings("special-adviser-2015-03-31.csv")["special-adviser-manages-civil-servant"]
    assert refs(finding) == ["5", "6"]


def test_possible_same_person() -> None:
    """Jon Smith and Jonathan Smith: reported, never merged."""
    (finding,) = findings("possible-same-person-2015-03-31.csv")["possible-same-person"]
    assert refs(finding) == ["Jon Smith", "Jonathan Smith"]
    assert "short form" in finding.message


def test_span_of_control_outlier_and_distribution() -> None:
    """Post 2 has 31 direct reports where most managers have a few."""
    result = report("span-of-control-2015-03-31.csv")
    (finding,) = [f for f in result.findings if f.rule == "span-of-control"]
    assert refs(finding) == ["2"]
    stats = result.sections[0].stats["span of control"]
    assert stats["max"] == 31 and stats["span 21-50"] == 1


def test_depth() -> None:
    """A 13-level line: posts below level 10 are flagged, the histogram is reported."""
    result = report("depth-2015-03-31.csv")
    (finding,) = [f for f in result.findings if f.rule == "depth"]
    assert refs(finding) == ["11", "12", "13"]
    assert result.sections[0].stats["depth"]["levels"] == 13
    deeper = run_checks(_store("depth-2015-03-31.csv"), CheckOptions(max_depth=20))
    assert not [f for f in deeper.findings if f.rule == "depth"]


def test_snapshot_selection_and_nothing_to_check() -> None:
    """--snapshot picks snapshots; no match and an empty store are 'nothing to check'."""
    store = _store("variants-compiled.csv")
    picked = run_checks(store, CheckOptions(snapshots=("Sep-15",)))
    assert picked.sections[0].name == "department-for-testing/Sep-15"
    with pytest.raises(NothingToCheck):
        run_checks(store, CheckOptions(snapshots=("Mar-99",)))
    with pytest.raises(NothingToCheck):
        run_checks(ox.Store())


def _store(*names: str) -> ox.Store:
    """A store with these fixtures ingested."""
    store = ox.Store()
    load_result(store, build_organograms([FIXTURES / n for n in names]))
    return store


def test_document_rules_on_a_small_document_graph() -> None:
    """Mutual accountability (stated either way round) and a special adviser line manager."""
    gk, post = "https://w3id.org/govkg/def#", "https://w3id.org/govkg/id/post/"
    doc = ox.NamedNode("https://w3id.org/govkg/graph/doc/test")
    store = ox.Store()
    load_rdflib_graph(store, load_ontology(), str(ONTOLOGY_GRAPH))
    facts = [
        (post + "cabinet-secretary", gk + "heldToAccountBy", post + "prime-minister"),
        (post + "cabinet-secretary", gk + "holdsToAccount", post + "prime-minister"),
        (post + "national-coordinator", gk + "lineManagedBy", post + "special-adviser"),
    ]
    for s, p, o in facts:
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), doc))
    found = {f.rule: f for f in run_checks(store).findings}
    assert {o.ref for o in found["mutual-accountability"].offenders} == {
        "Cabinet Secretary",
        "Prime Minister",
    }
    spad = found["special-adviser-manages-civil-servant"]
    assert spad.message == "special adviser post Special Adviser line-manages National Coordinator"


def manager_refs(finding: Finding) -> list[tuple[str, str]]:
    """(offending reference, the manager reference the rule is about) per offender."""
    return sorted((o.ref, o.manager_ref) for o in finding.offenders)


def test_findings_carry_their_references_as_values() -> None:
    """The manager a rule is about is a field, not only words in the message."""
    found = findings("unknown-manager-2015-03-31.csv")
    unknown = {f.message: f for f in found["unknown-manager"]}
    (to_99,) = [f for m, f in unknown.items() if "99" in m]
    assert manager_refs(to_99) == [("5", "99")] and to_99.snapshot.endswith("2015-03-31")
    assert to_99.offenders[0].rows == ["unknown-manager-2015-03-31.csv:6"]
    (blank,) = [f for m, f in unknown.items() if "blank" in m]
    assert manager_refs(blank) == [("6", "")]
    itself = findings("reports-to-itself-2015-03-31.csv")["reports-to-itself"]
    assert all(o.manager_ref == o.ref for f in itself for o in f.offenders)
    (loop,) = findings("loop-2015-03-31.csv")["loop"]
    pairs = manager_refs(loop)
    assert {ref for ref, _ in pairs} == {manager for _, manager in pairs}  # a closed cycle
    several = findings("several-managers-2015-03-31.csv")["several-managers"]
    assert all(len(f.offenders) >= 2 and f.offenders[0].manager_ref for f in several)


def test_json_and_csv_have_one_entry_per_offender() -> None:
    result = report("unknown-manager-2015-03-31.csv")
    data = json.loads(to_json(result))
    finding = next(
        f for s in data["sections"] for f in s["findings"] if f["rule"] == "unknown-manager"
    )
    assert {"rule", "severity", "snapshot", "message", "offenders"} <= finding.keys()
    assert {"ref", "manager_ref", "rows", "iri"} <= finding["offenders"][0].keys()
    rows = list(csv.DictReader(io.StringIO(to_csv(result))))
    assert {r["ref"]: r["manager_ref"] for r in rows if r["rule"] == "unknown-manager"} == {
        "5": "99",
        "6": "",
    }


def test_many_snapshots_are_summarised_by_rule() -> None:
    result = report("unknown-manager-2015-03-31.csv", "header-typos-compiled.csv")
    counts = by_snapshot(result)
    assert counts["department-for-sums/Jun-10"] == {}
    (testing,) = [rules for name, rules in counts.items() if "testing" in name]
    assert testing["unknown-manager"] == 2
    text = to_text(result)
    assert "findings by rule per snapshot:" in text and "  department-for-sums/Dec-10: none" in text
    assert json.loads(to_json(result))["summary"]["by_snapshot"] == counts
