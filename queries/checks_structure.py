"""The data.gov.uk organogram ETL validator's rules, per snapshot (`etl_to_csv.verify_graph`).

As the validator does, eliminated posts are ignored, job shares are one post, and every
live senior post must chain up to an `XX` post within 100 steps. Rules: no top post;
several top posts; a manager that is not a (live) post; a post that reports to itself;
loops; chains longer than 100; chains that end anywhere but at a top post; junior rows
with a blank, unknown or eliminated reporting post; one reference with two managers.
"""

from __future__ import annotations

from collections import defaultdict

from queries.chains import MAX_CHAIN, Organogram
from queries.checks_report import ERROR, Finding, Offender, natural_key

TOP, LOOP, LONG = "top", "loop", "long"


def _finding(o: Organogram, rule: str, message: str, posts: list[str]) -> Finding:
    """An error finding about these posts, sorted by reference."""
    ordered = sorted(set(posts), key=lambda p: natural_key(o.ref_of(p)))
    return Finding(rule, ERROR, message, [Offender(o.ref_of(p), p) for p in ordered])


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
    unknown: dict[str, list[str]] = defaultdict(list)
    for post in sorted(o.live):
        bosses = o.up.get(post, [])
        published = [o.ref_of(b) for b in bosses] + o.markers.get(post, [])
        if len(published) > 1:
            message = f"{o.ref_of(post)} has {len(published)} managers: {', '.join(published)}"
            found.append(_finding(o, "several-managers", message, [post]))
        if post in bosses:
            message = f"{o.ref_of(post)} reports to itself"
            found.append(_finding(o, "reports-to-itself", message, [post]))
        for boss in bosses:
            if boss not in o.live:
                unknown[boss].append(post)
        if "" in o.markers.get(post, []):
            unknown[""].append(post)
    for boss, posts in sorted(unknown.items(), key=lambda kv: natural_key(o.ref_of(kv[0]))):
        message = f"{_refs(o, posts)} report to {_describe(o, boss)}"
        found.append(_finding(o, "unknown-manager", message, posts))
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


def walk(o: Organogram) -> dict[str, tuple[str, str, int]]:
    """For each live post: (outcome, where, steps); outcome is top, loop, long or a dead end."""
    memo: dict[str, tuple[str, str, int]] = {}
    for start in o.live:
        path: list[str] = []
        on_path: set[str] = set()
        post = start
        while post not in memo:
            if post in o.tops:
                memo[post] = (TOP, post, 0)
                break
            if post in on_path:
                for member in path[path.index(post) :]:
                    memo[member] = (LOOP, post, 0)
                break
            bosses = sorted(b for b in o.up.get(post, []) if b != post)
            if not bosses or bosses[0] not in o.live:
                memo[post] = ("end", post, 0)
                break
            path.append(post)
            on_path.add(post)
            post = bosses[0]
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
    long: list[str] = []
    for post, (outcome, where, steps) in memo.items():
        if steps > MAX_CHAIN:
            long.append(post)
        elif outcome == LOOP and steps == 0:
            loops[where].append(post)
        elif outcome != TOP:
            ends[(outcome, where)].append(post)
    found = []
    for start in sorted(loops, key=lambda p: natural_key(o.ref_of(p))):
        cycle = _cycle(o, start)
        path = " -> ".join(o.ref_of(p) for p in [*cycle, cycle[0]])
        found.append(_finding(o, "loop", f"reporting loop {path}", cycle))
    if long:
        message = f"{len(long)} posts need more than {MAX_CHAIN} steps to reach the top"
        found.append(_finding(o, "chain-too-long", message, long))
    for (outcome, end), posts in sorted(
        ends.items(), key=lambda kv: natural_key(o.ref_of(kv[0][1]))
    ):
        where = f"in the loop through {o.ref_of(end)}" if outcome == LOOP else f"at {o.ref_of(end)}"
        message = f"{len(posts)} posts' chains end {where}, not at an XX top post"
        found.append(_finding(o, "chain-not-ending-at-top", message, posts))
    return found


def _cycle(o: Organogram, start: str) -> list[str]:
    """The posts of the loop through `start`, in reporting order."""
    cycle, post = [start], start
    while True:
        bosses = sorted(b for b in o.up.get(post, []) if b != post)
        if not bosses or bosses[0] == start or bosses[0] in cycle:
            return cycle
        post = bosses[0]
        cycle.append(post)


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
        message = f"{len(rows)} junior rows report to {target}"
        found.append(Finding(rule, ERROR, message, [Offender("", j) for j in rows]))
    return found


def structural(o: Organogram) -> tuple[list[Finding], dict[str, tuple[str, str, int]]]:
    """Every validator rule for one snapshot, and the walk (reused for depth)."""
    memo = walk(o) if o.tops or o.live else {}
    found = top_posts(o) + managers(o) + chains(o, memo) + juniors(o)
    return found, memo
