"""Line-management trees and accountability views for the explorer.

`chain` draws a line-management tree top-down (the page's collapsible org chart, physics
off, docs/architecture.md §8): a whole organogram snapshot (`org:reportsTo` between posts, W3C ORG),
or the chain above a post or a person's posts and the tree below it, from organograms and
the documents' `gk:lineManagedBy` / `org:reportsTo` / `gk:lineManages` facts.
`accountability` draws a post with the people who hold it, the bodies they chair or sit on,
its objectives, their measures and milestones, and whoever holds any of them to account
(gk:heldToAccountBy, …Through, gk:accountableTo, gk:holdsToAccount).
"""

from __future__ import annotations

from collections import deque

import pyoxigraph as ox

from common.errors import UsageError
from viz import styles
from viz.findings import snapshot_findings
from viz.model import MAX_NODES, Selection
from viz.sparql import LINES, POSTS, choose_snapshots, document_graphs, select
from viz.sparql import snapshot_graphs as all_snapshots
from viz.walk import Fact, Walker, bfs, keep

UPWARD = frozenset({styles.ORG + "reportsTo", styles.GK + "lineManagedBy"})
DOWNWARD = styles.GK + "lineManages"
MAX_LEVELS = 100
HOLDS = (styles.ORG + "holds", styles.ORG + "heldBy")
HOLDS_TO_ACCOUNT = styles.GK + "holdsToAccount"


def manager_report(fact: Fact) -> tuple[str, str] | None:
    """(manager, report) for a line-management fact, else None."""
    s, p, o = fact
    if p in UPWARD:
        return o, s
    return (s, o) if p == DOWNWARD else None


def levels(nodes: list[str], facts: list[Fact]) -> tuple[list[str], dict[str, int]]:
    """Nodes in top-down order and each one's level (roots 0; a loop starts at its first).

    A post that reports to itself, or to a manager not drawn (an unknown post), is a root:
    its defect is shown where it is, not by flattening the tree (DCMS 2015-03-31's top post
    reports to itself, and the whole snapshot once fell into one row).
    """
    drawn = set(nodes)
    down: dict[str, list[str]] = {}
    has_manager = set()
    for fact in facts:
        pair = manager_report(fact)
        if pair and pair[0] != pair[1] and pair[0] in drawn:
            down.setdefault(pair[0], []).append(pair[1])
            has_manager.add(pair[1])
    level: dict[str, int] = {}
    order: list[str] = []
    for root in [n for n in nodes if n not in has_manager] + sorted(nodes):
        if root in level:
            continue
        level[root] = 0
        queue = deque([root])
        while queue:
            node = queue.popleft()
            order.append(node)
            for report in sorted(down.get(node, ())):
                if report not in level:
                    level[report] = level[node] + 1
                    queue.append(report)
    return order, level


def posts_of(walker: Walker, node: str) -> list[str]:
    """A post stands for itself; a person for the posts they hold."""
    if styles.FOAF + "Person" not in walker.types_of(node):
        return [node]
    found = {other for s, p, o in walker.neighbours(node) if p in HOLDS for other in (s, o)}
    return sorted(found - {node})


def chain(
    store: ox.Store,
    focus: str | None,
    depth: int | None,
    snapshot: str | None,
    limit: int = MAX_NODES,
) -> Selection:
    """A line-management tree: a whole snapshot, or the chain through a post or person."""
    snaps = choose_snapshots(store, snapshot) if snapshot else []
    graphs = snaps or document_graphs(store) + (all_snapshots(store) if focus else [])
    walker = Walker(store, snaps or None)
    if focus is None:
        facts = [(s, p, o) for s, p, o in select(store, LINES, graphs)]
        posts = {p for (p,) in select(store, POSTS, snaps)} if snaps else set()
        nodes = sorted({n for f in facts for n in (f[0], f[2])} | posts)
        focus_nodes: list[str] = []
    else:
        focus_nodes = posts_of(walker, focus)
        if not focus_nodes:
            raise UsageError("--focus: this person holds no post in the graphs drawn")
        nodes, facts = _through(walker, focus_nodes, depth)
    order, level = levels(nodes, facts)
    kept, kept_facts = keep(order, facts, limit)
    where = ", ".join(g.rsplit("/", 2)[-2] + " " + g.rsplit("/", 1)[-1] for g in snaps)
    title = "Line management" + (f" in the {where} organogram" if snaps else "")
    title += " through {focus}" if focus else ""
    hint = "Narrow it: draw the tree below one post with --focus POST --depth 2."
    chosen = Selection(
        kept, kept_facts, len(order), title, "tree", focus_nodes, hint, {n: level[n] for n in kept}
    )
    chosen.findings = snapshot_findings(store, snaps)
    return chosen


def _through(walker: Walker, posts: list[str], depth: int | None) -> tuple[list[str], list[Fact]]:
    """The managers above the posts and the reports below them (`depth` levels down)."""

    def up(node: str) -> list[Fact]:
        return [f for f in walker.neighbours(node) if (manager_report(f) or ("", ""))[1] == node]

    def down(node: str) -> list[Fact]:
        return [f for f in walker.neighbours(node) if (manager_report(f) or ("", ""))[0] == node]

    up_nodes, up_facts, _ = bfs(posts, up, MAX_LEVELS)
    down_nodes, down_facts, _ = bfs(posts, down, MAX_LEVELS if depth is None else depth)
    nodes = list(dict.fromkeys(up_nodes + down_nodes))
    return nodes, sorted(up_facts | down_facts)


ROLES = {
    "holders": HOLDS,
    "objectives": (styles.GK + "objectiveOf",),
    "parts": tuple(
        styles.GK + p for p in ("hasMeasure", "hasMilestone", "measureOf", "milestoneOf")
    ),
    "bodies": (styles.GK + "chairs", styles.GK + "memberOf"),
    "assessors": tuple(
        styles.GK + p
        for p in ("heldToAccountBy", "heldToAccountThrough", "accountableTo", "holdsToAccount")
    ),
}


def accountability(store: ox.Store, focus: str, limit: int = MAX_NODES) -> Selection:
    """A post, its holders, its objectives with their measures and milestones, its assessors."""
    walker = Walker(store)
    posts = posts_of(walker, focus)
    if not posts:
        raise UsageError("--focus: this person holds no post in the graph")
    level = dict.fromkeys(posts, 1)
    facts: set[Fact] = set()
    holders = _expand(walker, posts, ROLES["holders"], facts, level, 0)
    _expand(walker, posts + holders, ROLES["bodies"], facts, level, 2)
    objectives = _expand(walker, posts + holders, ROLES["objectives"], facts, level, 2)
    parts = _expand(walker, objectives, ROLES["parts"], facts, level, 3)
    accountable = posts + holders + objectives + parts
    _expand(walker, accountable, ROLES["assessors"], facts, level, 4)
    derived = holds_to_account(facts, set(posts + holders))
    facts |= set(derived)
    order = sorted(level, key=lambda n: (level[n], n))
    kept, kept_facts = keep(order, facts, limit)
    title = "Accountability of {focus}"
    hint = "Narrow it: draw one objective's neighbourhood with --view ego --depth 1."
    chosen = Selection(kept, kept_facts, len(order), title, "force", posts, hint, level)
    chosen.derived = derived
    return chosen


def holds_to_account(facts: set[Fact], holders: set[str]) -> dict[Fact, list[Fact]]:
    """Direct 'assessor holds to account post' edges, each with the stated facts behind it.

    An assessor named by a measure of an objective of the post (objective gk:objectiveOf
    post, gk:hasMeasure measure, measure gk:heldToAccountBy assessor) holds the post to
    account: the edge people look for, drawn beside the objective and measure it rests on.
    """
    owners: dict[str, set[str]] = {}
    measures: dict[str, set[str]] = {}
    for s, p, o in facts:
        if p == styles.GK + "objectiveOf" and o in holders:
            owners.setdefault(s, set()).add(o)
        elif p == styles.GK + "hasMeasure":
            measures.setdefault(o, set()).add(s)
    derived: dict[Fact, list[Fact]] = {}
    for fact in sorted(facts):
        measure, p, assessor = fact
        if p != styles.GK + "heldToAccountBy":
            continue
        for objective in measures.get(measure, ()):
            for holder in owners.get(objective, ()):
                derived.setdefault((assessor, HOLDS_TO_ACCOUNT, holder), []).append(fact)
    return derived


def _expand(
    walker: Walker,
    nodes: list[str],
    predicates: tuple[str, ...],
    facts: set[Fact],
    level: dict[str, int],
    at: int,
) -> list[str]:
    """Follow the given predicates one hop from `nodes`; return the nodes newly reached."""
    found: list[str] = []
    for node in nodes:
        for fact in walker.neighbours(node):
            if fact[1] not in predicates:
                continue
            facts.add(fact)
            other = fact[2] if fact[0] == node else fact[0]
            if other not in level:
                level[other] = at
                found.append(other)
    return found
