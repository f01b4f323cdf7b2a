"""Governance checks on one snapshot: span of control, depth, vacant links, special advisers.

Span of control is the number of live senior posts reporting directly to a post (junior
rows are counted apart, as the data.gov.uk format does); outliers lie above Tukey's far
fence (Q3 + 3 IQR, at least `MIN_OUTLIER_SPAN`). Depth is the level below the top (the top
post is level 1). A vacant post with reports breaks their line of accountability. A
special adviser may not line-manage civil servants (docs/architecture.md §4, separation of roles).
"""

from __future__ import annotations

import statistics
from collections import Counter

from queries.checks.chains import Organogram
from queries.checks.report import WARNING, Finding, Offender, natural_key

MIN_OUTLIER_SPAN = 10
DEFAULT_MAX_DEPTH = 10
SPAN_BINS = ((1, 1), (2, 3), (4, 6), (7, 10), (11, 20), (21, 50), (51, None))


def _offenders(o: Organogram, posts: list[str]) -> list[Offender]:
    """Offenders (sorted by reference in checks.add_rows)."""
    return [Offender(o.ref_of(p), p) for p in posts]


def span_fence(spans: list[int]) -> float:
    """Tukey's far-out fence over the managers' spans, floored at MIN_OUTLIER_SPAN."""
    if len(spans) < 4:
        return float(max(MIN_OUTLIER_SPAN, *spans, 0))
    q1, _q2, q3 = statistics.quantiles(spans, n=4)
    return max(float(MIN_OUTLIER_SPAN), q3 + 3 * (q3 - q1))


def span_of_control(o: Organogram) -> tuple[list[Finding], dict[str, object]]:
    """The distribution of direct reports per manager, and the outliers."""
    spans = {m: len(r) for m, r in o.down.items() if m in o.live}
    if not spans:
        return [], {}
    values = list(spans.values())
    fence = span_fence(values)
    bins = {
        _bin(lo, hi): sum(1 for v in values if lo <= v and (hi is None or v <= hi))
        for lo, hi in SPAN_BINS
    }
    stats: dict[str, object] = {
        "managers": len(values),
        "median": statistics.median(values),
        "mean": round(statistics.fmean(values), 2),
        "max": max(values),
        "outlier above": round(fence, 1),
        **{f"span {k}": v for k, v in bins.items() if v},
    }
    found = []
    for post in sorted((p for p, v in spans.items() if v > fence), key=lambda p: -spans[p]):
        message = f"{o.ref_of(post)} has {spans[post]} direct reports (outlier above {fence:g})"
        found.append(Finding("span-of-control", WARNING, message, _offenders(o, [post])))
    return found, stats


def _bin(lo: int, hi: int | None) -> str:
    """'2-3', '51+'."""
    if hi is None:
        return f"{lo}+"
    return str(lo) if lo == hi else f"{lo}-{hi}"


def depth(o: Organogram, max_depth: int) -> tuple[list[Finding], dict[str, object]]:
    """Levels below the top (top = 1) of the posts that reach it, and the too-deep ones."""
    levels = o.levels
    if not levels:
        return [], {}
    histogram = Counter(levels.values())
    stats: dict[str, object] = {
        "levels": max(histogram),
        **{f"level {k}": histogram[k] for k in sorted(histogram)},
    }
    deep = [p for p, level in levels.items() if level > max_depth]
    if not deep:
        return [], stats
    deepest = max(deep, key=lambda p: levels[p])
    message = (
        f"{len(deep)} posts are more than {max_depth} levels below the top "
        f"(deepest: {o.ref_of(deepest)} at level {levels[deepest]})"
    )
    return [Finding("depth", WARNING, message, _offenders(o, deep))], stats


def vacant_links(o: Organogram) -> list[Finding]:
    """Vacant posts that others report to: their chains pass through nobody."""
    vacant = [p for p, s in o.status.items() if s == "vacant" and p in o.live and o.down.get(p)]
    if not vacant:
        return []
    found = []
    for post in sorted(vacant, key=lambda p: natural_key(o.ref_of(p))):
        reports = sorted((o.ref_of(r) for r in o.down[post]), key=natural_key)
        shown = ", ".join(reports[:5]) + (", ..." if len(reports) > 5 else "")
        message = (
            f"vacant post {o.ref_of(post)} has {_n(len(reports), 'direct report')} ({shown}); "
            f"{_n(_below(o, post), 'post')} below it report through nobody"
        )
        found.append(Finding("vacant-in-chain", WARNING, message, _offenders(o, [post])))
    return found


def _n(count: int, noun: str) -> str:
    """'1 post', '3 posts'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _below(o: Organogram, post: str) -> int:
    """How many live posts report, directly or not, to this post."""
    count, stack, seen = 0, list(o.down.get(post, ())), {post}
    while stack:
        below = stack.pop()
        if below not in seen:
            seen.add(below)
            count += 1
            stack.extend(o.down.get(below, ()))
    return count


def special_advisers(o: Organogram) -> list[Finding]:
    """Special adviser posts with civil service posts reporting to them."""
    found = []
    for spad in sorted(o.spads & o.live, key=lambda p: natural_key(o.ref_of(p))):
        managed = [p for p in o.down.get(spad, []) if p not in o.spads]
        if managed:
            message = (
                f"special adviser post {o.ref_of(spad)} line-manages "
                f"{len(managed)} civil service posts"
            )
            found.append(
                Finding(
                    "special-adviser-manages-civil-servant",
                    WARNING,
                    message,
                    _offenders(o, [spad, *managed]),
                )
            )
    return found
