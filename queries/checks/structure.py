"""The data.gov.uk organogram ETL validator's rules, per snapshot (`etl_to_csv.verify_graph`).

As the validator does, eliminated posts are ignored, job shares are one post, and every
live senior post must chain up to an `XX` post within 100 steps. Rules: no top post;
several top posts; a manager that is not a (live) post; a post that reports to itself;
loops; chains longer than 100; chains that end anywhere but at a top post; junior rows
with a blank, unknown or eliminated reporting post; one reference with two managers.
Levels come from a breadth-first walk down from the top posts (`Organogram.levels`); only
the posts it does not reach are walked up one by one, and their loops are networkx cycles.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from queries.checks.chains import MAX_CHAIN, Organogram
from queries.checks.report import ERROR, Finding, Offender, natural_key

TOP, LOOP = "top", "loop"


def _finding(
    o: Organogram, rule: str, message: str, posts: list[str], manager: dict[str, str] | None = None
) -> Finding:
    """An error finding about these posts, each with the manager it is about (if any)."""
    manager = manager or {}
    offenders = [
        Offender(o.ref_of(p), p, manager_ref=o.ref_of(manager[p]) if manager.get(p) else "")
        for p in set(posts)
    ]
    return Finding(rule, ERROR, message, offenders)


def _refs(o: Organogram, posts: list[str], limit: int = 6) -> str:
    """'DCMS2004, DCMS4001' (shortened when long)."""
    refs = sorted({o.ref_of(p) for p in posts}, key=natural_key)
    more = f" and {len(refs) - limit} more" if len(refs) > limit else ""
    return ", ".join(refs[:limit]) + more


def top_posts(o: Organogram) -> list[Finding]:
    """No XX post, or more than one."""
    if not o.live:
        return [
            Finding("no-top-post", ERROR, "no senior posts in this snapshot, so no XX top post")
        ]
    if not o.tops:
        return [_finding(o, "no-top-post", "no senior post reports to XX (the top post)", [])]
    if len(o.tops) > 1:
        message = f"{len(o.tops)} posts report to XX: {_refs(o, list(o.tops))}"
        return [_finding(o, "several-top-posts", message, list(o.tops))]
    return []


def managers(o: Organogram) -> list[Finding]:
    """Two managers for one reference, self-reports and unknown managers."""
    found: list[Finding] = []
    live = o.live
    doubtful = {p for p, v in o.markers.items() if len(v) > 1} | (o.up.keys() & o.markers.keys())
    for post in sorted((doubtful | o.several.keys()) & live):
        named = sorted((o.ref_of(b) for b in o.managers_of(post)), key=natural_key)
        published = named + o.markers.get(post, [])
        if len(published) > 1:
            message = f"{o.ref_of(post)} has {len(published)} managers: {', '.join(published)}"
            offenders = [Offender(o.ref_of(post), post, manager_ref=m) for m in published]
            found.append(Finding("several-managers", ERROR, message, offenders))
    selfish = {p for p, b in o.up.items() if b == p} | {p for p, bs in o.several.items() if p in bs}
    for post in sorted(selfish & live):
        message = f"{o.ref_of(post)} reports to itself"
        found.append(_finding(o, "reports-to-itself", message, [post], {post: post}))
    unknown: dict[str, list[str]] = defaultdict(list)
    for post, boss in o.up.items():
        if boss not in live and post in live:
            for listed in o.managers_of(post):
                if listed not in live:
                    unknown[listed].append(post)
    for post, values in o.markers.items():
        if "" in values and post in live:
            unknown[""].append(post)
    for boss, posts in sorted(unknown.items(), key=lambda kv: natural_key(o.ref_of(kv[0]))):
        verb = "reports" if len(posts) == 1 else "report"
        message = f"{_refs(o, posts)} {verb} to {_describe(o, boss)}"
        found.append(_finding(o, "unknown-manager", message, posts, dict.fromkeys(posts, boss)))
    return found


def _describe(o: Organogram, boss: str) -> str:
    """Why a manager reference is not a live post."""
    if not boss:
        return "a blank 'Reports to Senior Post'"
    ref = o.ref_of(boss)
    if o.status.get(boss) == "eliminated":
        return f"{ref}, a post eliminated in this snapshot"
    if boss in o.posts:
        return f"{ref}, which is not in post (reference 0)"
    return f"{ref}, which is not a post in this snapshot"


def first_manager(o: Organogram, post: str) -> str | None:
    """The manager a chain follows (None for none, or for a post that names only itself)."""
    boss = o.up.get(post)
    return None if boss is None or boss == post else boss


def walk(o: Organogram) -> dict[str, tuple[str, str, int]]:
    """For live posts that do not reach a top: (loop or end, where, steps to get there)."""
    memo: dict[str, tuple[str, str, int]] = {}
    levels = o.levels
    for start in o.live:
        if start in levels or start in memo:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        post = start
        while post not in memo:
            if post in on_path:
                for member in path[path.index(post) :]:
                    memo[member] = (LOOP, post, 0)
                break
            boss = first_manager(o, post)
            if boss is None or boss not in o.live or boss in levels:
                memo[post] = ("end", post, 0) if boss not in levels else ("top", boss, 0)
                break
            path.append(post)
            on_path.add(post)
            post = boss
        for below in reversed(path):
            if below not in memo:
                outcome, where, steps = memo[post]
                memo[below] = (outcome, where, steps + 1)
            post = below
    return memo


def chains(o: Organogram, memo: dict[str, tuple[str, str, int]]) -> list[Finding]:
    """Loops, chains over 100 steps, and chains that end somewhere other than XX."""
    loops: dict[str, list[str]] = defaultdict(list)
    ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for post, (outcome, where, steps) in memo.items():
        if outcome == LOOP and steps == 0:
            loops[where].append(post)
        elif outcome != TOP and steps <= MAX_CHAIN:
            ends[(outcome, where)].append(post)
    found = []
    for cycle in _cycles(o, loops):
        path = " -> ".join(o.ref_of(p) for p in [*cycle, cycle[0]])
        nexts = {p: cycle[(i + 1) % len(cycle)] for i, p in enumerate(cycle)}
        found.append(_finding(o, "loop", f"reporting loop {path}", cycle, nexts))
    long = [p for p, level in o.levels.items() if level > MAX_CHAIN + 1]
    long += [p for p, (_outcome, _where, steps) in memo.items() if steps > MAX_CHAIN]
    if long:
        message = f"{len(long)} posts need more than {MAX_CHAIN} steps to reach the top"
        found.append(_finding(o, "chain-too-long", message, long))
    for (outcome, end), posts in sorted(
        ends.items(), key=lambda kv: natural_key(o.ref_of(kv[0][1]))
    ):
        where = f"in the loop through {o.ref_of(end)}" if outcome == LOOP else f"at {o.ref_of(end)}"
        noun = "post's chain ends" if len(posts) == 1 else "posts' chains end"
        message = f"{len(posts)} {noun} {where}, not at an XX top post"
        found.append(
            _finding(o, "chain-not-ending-at-top", message, posts, dict.fromkeys(posts, end))
        )
    return found


def _cycles(o: Organogram, loops: dict[str, list[str]]) -> list[list[str]]:
    """The loops as networkx cycles of the posts' chains, each from its lowest reference."""
    members = {p for posts in loops.values() for p in posts}
    graph = nx.DiGraph((p, o.up[p]) for p in members if o.up.get(p) in members)
    ordered = []
    for cycle in nx.simple_cycles(graph):
        first = min(range(len(cycle)), key=lambda i: natural_key(o.ref_of(cycle[i])))
        ordered.append(cycle[first:] + cycle[:first])
    return sorted(ordered, key=lambda c: natural_key(o.ref_of(c[0])))


def juniors(o: Organogram) -> list[Finding]:
    """Junior rows whose reporting senior post is blank, unknown or eliminated."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for junior, boss in o.juniors:
        if not boss:
            groups[("junior-blank-manager", "")].append(junior)
        elif boss not in o.posts:
            groups[("junior-unknown-manager", boss)].append(junior)
        elif o.status.get(boss) == "eliminated":
            groups[("junior-eliminated-manager", boss)].append(junior)
    found = []
    for (rule, boss), rows in sorted(
        groups.items(), key=lambda kv: (kv[0][0], natural_key(kv[0][1]))
    ):
        target = "a blank reporting senior post" if not boss else o.ref_of(boss)
        noun = "junior row reports" if len(rows) == 1 else "junior rows report"
        message = f"{len(rows)} {noun} to {target}"
        manager_ref = o.ref_of(boss) if boss else ""
        offenders = [Offender("", j, manager_ref=manager_ref) for j in rows]
        found.append(Finding(rule, ERROR, message, offenders))
    return found


def structural(o: Organogram) -> list[Finding]:
    """Every validator rule for one snapshot."""
    return top_posts(o) + managers(o) + chains(o, walk(o)) + juniors(o)
