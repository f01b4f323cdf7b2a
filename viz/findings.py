"""The organogram checks' findings about each post of the snapshots a view draws.

An org chart draws defects where they are (issue 14): a post that reports to itself or to
a post not in the snapshot is a root marked with its finding, a loop is cut and marked.
The findings are the governance checks' own (queries/checks/structure.py, the
data.gov.uk organogram validator's rules), so the chart and `govkg check chains` agree.
"""

from __future__ import annotations

import pyoxigraph as ox

from queries.checks.chains import load_organograms
from queries.checks.structure import structural
from viz.sparql import ORGANOGRAM_PREFIX, snapshot_name

MAX_PER_POST = 4
# Rules about a post's own reporting line. "chain-not-ending-at-top" is left out: under a
# broken top post it names every post of the department, and would mark the whole chart.
MARKED_RULES = frozenset(
    {"reports-to-itself", "unknown-manager", "several-managers", "loop", "several-top-posts"}
)


def snapshot_findings(store: ox.Store, graphs: list[str]) -> dict[str, list[str]]:
    """Post IRI -> the messages of the findings about it, over the given snapshot graphs."""
    selectors = [snapshot_name(g) for g in graphs if g.startswith(ORGANOGRAM_PREFIX)]
    if not selectors:
        return {}
    found: dict[str, list[str]] = {}
    for organogram in load_organograms(store, selectors):
        for finding in structural(organogram):
            if finding.rule not in MARKED_RULES:
                continue
            for offender in finding.offenders:
                messages = found.setdefault(offender.iri, [])
                text = f"{finding.rule}: {finding.message}"
                if text not in messages and len(messages) < MAX_PER_POST:
                    messages.append(text)
    return found
