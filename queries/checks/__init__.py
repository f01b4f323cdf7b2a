"""Line-management chains and checks over organogram snapshots and document facts.

The public entry points: `run_checks` (`govkg check chains`, `kg.check_chains`) and
`chain_report` (`govkg chain`, `kg.chain`), the report writers, and the chain primitives the
benchmarks time. Modules: `chains` (reporting lines as adjacency per snapshot), `structure`
(the data.gov.uk validator rules), `governance`, `people`, `documents` (governance checks),
`report` (findings and their formats), `sparql` (the SELECTs), `suite` (runs them all),
`lookup` (what a post-or-person argument names) and `chain_view` (one post's chains).
"""

from queries.checks.chain_view import ChainReport, NoSuchPost, chain_report
from queries.checks.chain_view import render_text as render_chain_text
from queries.checks.chains import chain_to_top, direct_reports, load_organograms
from queries.checks.governance import DEFAULT_MAX_DEPTH
from queries.checks.lookup import Found, find_posts
from queries.checks.report import CheckReport, Finding, SnapshotReport, to_csv, to_json, to_text
from queries.checks.sparql import SnapshotRef, snapshot_refs
from queries.checks.suite import CheckOptions, NothingToCheck, run_checks

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "ChainReport",
    "CheckOptions",
    "CheckReport",
    "Finding",
    "Found",
    "NoSuchPost",
    "NothingToCheck",
    "SnapshotRef",
    "SnapshotReport",
    "chain_report",
    "chain_to_top",
    "direct_reports",
    "find_posts",
    "load_organograms",
    "render_chain_text",
    "run_checks",
    "snapshot_refs",
    "to_csv",
    "to_json",
    "to_text",
]
