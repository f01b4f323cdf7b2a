"""Chain checks and `govkg chain` on the real organograms and documents (issue 5, Deliver 2-4).

DCMS Mar-15 has no top post and two posts that report to themselves; Cabinet Office
Mar-12 has two top posts and reports to the eliminated NSG3 and NSG4; Cabinet Office
Sep-15 is structurally clean. The documents hold the Cabinet Secretary and the Head of
the Civil Service to account by each other.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import govkg
from common.errors import UsageError
from govkg.build import build_into_store
from govkg.cli import main
from graphbuild.organogram.ingest import build_organograms
from graphbuild.organogram.store import load_result
from queries.checks import chain_to_top, find_posts, load_organograms
from queries.checks.report import ERROR, SnapshotReport
from queries.checks.suite import CheckOptions, run_checks

REAL = Path(str(resources.files("corpus") / "organograms"))
COMPILED = [REAL / "cabinet-office-2011-2017.csv", REAL / "dcms-2010-2015.csv"]
CO = "https://w3id.org/govkg/id/organogram/cabinet-office/post/"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """The documents and the two compiled real organogram files, in memory."""
    store = ox.Store()
    build_into_store(store)
    load_result(store, build_organograms(COMPILED))
    return store


def section(store: ox.Store, selector: str) -> SnapshotReport:
    """The checks of one snapshot, with source rows."""
    assert len(load_organograms(store, [selector])) == 1
    return run_checks(store, CheckOptions(snapshots=(selector,))).sections[0]


def errors(report: SnapshotReport) -> dict[str, list[str]]:
    """Structural findings: rule -> offending references."""
    found: dict[str, list[str]] = {}
    for f in report.findings:
        if f.severity == ERROR:
            found.setdefault(f.rule, []).extend(o.ref for o in f.offenders)
    return found


def test_dcms_mar_15_no_top_post_and_self_reports(store: ox.Store) -> None:
    """No XX post; DCMS2004 and DCMS4001 report to themselves."""
    found = errors(section(store, "department-for-culture-media-and-sport/Mar-15"))
    assert "no-top-post" in found
    assert sorted(found["reports-to-itself"]) == ["DCMS2004", "DCMS4001"]
    assert len(found["chain-not-ending-at-top"]) == 36


def test_cabinet_office_mar_12_two_tops_and_unknown_managers(store: ox.Store) -> None:
    """Two XX posts (309, 317); NSG5 and NSG6 report to the eliminated NSG4 and NSG3."""
    report = section(store, "cabinet-office/Mar-12")
    found = errors(report)
    assert sorted(found["several-top-posts"]) == ["309", "317"]
    unknown = [f.message for f in report.findings if f.rule == "unknown-manager"]
    assert any("NSG3" in m for m in unknown) and any("NSG4" in m for m in unknown)
    (top,) = [f for f in report.findings if f.rule == "several-top-posts"]
    assert all(
        o.rows and o.rows[0].startswith("cabinet-office-2011-2017.csv:") for o in top.offenders
    )


def test_a_clean_snapshot_has_no_structural_finding(store: ox.Store) -> None:
    """Cabinet Office Sep-15 passes every validator rule (governance warnings aside)."""
    report = section(store, "cabinet-office/Sep-15")
    assert errors(report) == {}
    assert report.stats["depth"]["levels"] == 5


def test_mutual_accountability_in_the_documents(store: ox.Store) -> None:
    """The Cabinet Secretary and the Head of the Civil Service assess each other (2012/13)."""
    report = run_checks(store, CheckOptions(snapshots=("cabinet-office/Sep-15",)))
    (documents,) = [s for s in report.sections if s.name == "documents"]
    mutual = [f for f in documents.findings if f.rule == "mutual-accountability"]
    pairs = [{o.ref for o in f.offenders} for f in mutual]
    assert {"Cabinet Secretary", "Head of the Civil Service"} in pairs


def test_people_are_joined_with_the_documents(store: ox.Store) -> None:
    """'Jeremy Heywood' resolves to his organogram posts and the documents' Cabinet Secretary."""
    found = find_posts(store, "Sir Jeremy Heywood", ["Sep-15"])
    assert found.person == "https://w3id.org/govkg/id/person/jeremy-heywood"
    assert found.organogram == [
        ("https://w3id.org/govkg/graph/organogram/cabinet-office/2015-09-30", CO + "317")
    ]
    assert found.documents == ["https://w3id.org/govkg/id/post/cabinet-secretary"]


def test_chain_to_the_top(store: ox.Store) -> None:
    """Post 2 -> 317 (Cabinet Secretary) -> 405 (XX) in Sep-15."""
    graph = "https://w3id.org/govkg/graph/organogram/cabinet-office/2015-09-30"
    assert chain_to_top(store, CO + "2", graph) == [CO + "2", CO + "317", CO + "405"]


def test_check_chains_cli(tmp_path: Path) -> None:
    """Exit 1 with findings, JSON and CSV formats, exit 0 on a clean snapshot, 2 on no match."""
    runner = CliRunner()
    db = str(tmp_path / "store")
    fixtures = Path(__file__).parent / "fixtures" / "organograms"
    files = [str(REAL / "dcms-2010-2015.csv"), str(fixtures / "clean-2015-03-31-senior.csv")]
    assert runner.invoke(main, ["ingest", "organogram", *files, "--store", db]).exit_code == 0
    dcms = runner.invoke(
        main, ["check", "chains", "--snapshot", "Mar-15", "--format", "json", "--store", db]
    )
    assert dcms.exit_code == 1
    data = json.loads(dcms.output)
    rules = {f["rule"] for s in data["sections"] for f in s["findings"]}
    assert {"no-top-post", "reports-to-itself"} <= rules
    csv_out = runner.invoke(
        main, ["check", "chains", "--snapshot", "Mar-15", "--format", "csv", "--store", db]
    )
    assert "reports-to-itself,error,DCMS2004,DCMS2004,dcms-2010-2015.csv:33" in csv_out.output
    clean = runner.invoke(
        main, ["check", "chains", "--snapshot", "department-for-testing/2015-03", "--store", db]
    )
    assert clean.exit_code == 0, clean.output
    none = runner.invoke(main, ["check", "chains", "--snapshot", "Jan-99", "--store", db])
    assert none.exit_code == 2
    missing = runner.invoke(main, ["check", "chains", "--store", str(tmp_path / "nowhere")])
    assert missing.exit_code == 3
    listed = runner.invoke(main, ["check", "chains", "--list", "--store", db])
    assert "department-for-culture-media-and-sport/Mar-15\t2015-03-31\t" in listed.output
    out = tmp_path / "report.json"
    written = runner.invoke(
        main, ["check", "chains", "--format", "json", "--out", str(out), "--store", db]
    )
    assert written.exit_code == 1 and json.loads(out.read_text())["summary"]["error"] > 0


def test_chain_cli(tmp_path: Path) -> None:
    """`govkg chain 317` prints the chain and the direct reports; unknown names exit 2."""
    runner = CliRunner()
    db = str(tmp_path / "store")
    runner.invoke(main, ["ingest", "organogram", str(COMPILED[0]), "--store", db])
    shown = runner.invoke(main, ["chain", "317", "--snapshot", "Sep-15", "--store", db])
    assert shown.exit_code == 0, shown.output
    assert (
        "317  Cabinet Secretary and Head of the Civil Service — Sir Jeremy Heywood (SCS4)"
        in shown.output
    )
    assert "top post" in shown.output and "direct reports (10)" in shown.output
    as_json = json.loads(
        runner.invoke(
            main,
            ["chain", "Jeremy Heywood", "--snapshot", "Sep-15", "--format", "json", "--store", db],
        ).output
    )
    assert [c["ref"] for c in as_json["organograms"][0]["chain"]] == ["317", "405"]
    assert runner.invoke(main, ["chain", "Nobody Atall", "--store", db]).exit_code == 2


def test_python_api_ingests_checks_and_chains() -> None:
    """kg.ingest_organograms, kg.check_chains and kg.chain give what the CLI prints."""
    kg = govkg.load()
    result = kg.ingest_organograms(REAL / "dcms-2010-2015.csv")
    assert result.usable and not result.errors
    report = kg.check_chains("department-for-culture-media-and-sport/Mar-15")
    rules = {f.rule for f in report.findings}
    assert {"no-top-post", "reports-to-itself"} <= rules and report.exit_code == 1
    chain = kg.chain("DCMS4001", "Mar-15")
    assert [c["ref"] for c in chain.organograms[0]["chain"]] == ["DCMS4001", "DCMS4001"]
    assert chain.to_dict()["organograms"][0]["end"].startswith("loop")
    with pytest.raises(UsageError, match="no post or person"):
        kg.chain("Nobody Atall")
    with pytest.raises(UsageError, match="Jan-99"):
        kg.check_chains("Jan-99")
