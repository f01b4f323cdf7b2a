"""What changed between two organogram releases of a department (`govkg diff organogram`).

Each release is read from its own named graph only (`queries.release_state`): per senior
post its title, holders, grade, status, unit and manager (the reference it reports to, or
XX), and per unit its senior posts and junior FTE. Posts are one node across releases (IRI
by Post Unique Reference), so the two releases are compared post by post: created,
eliminated (gone, unless marked eliminated already, or newly marked), retitled, regraded,
moved (a new manager), moved unit, holder changed, vacancy opened and vacancy filled; then
headcount by unit. The named query `organogram-changes` gives the same post changes in
SPARQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from queries.checks.report import natural_key
from queries.checks.sparql import SnapshotRef, snapshot_refs
from queries.release_state import PostState, junior_fte, local_name, release_posts

KINDS = (
    "created", "eliminated", "retitled", "regraded", "moved", "moved-unit",
    "holder-changed", "vacancy-opened", "vacancy-filled",
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One change of one post: its kind, the values before and after, the CSV rows."""

    kind: str
    ref: str
    before: str
    after: str
    rows_before: tuple[str, ...] = ()
    rows_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitCount:
    """Senior posts and junior FTE of one unit in both releases."""

    unit: str
    posts_before: int
    posts_after: int
    junior_fte_before: float
    junior_fte_after: float


@dataclass
class Diff:
    """The changes of one department between two releases."""

    department: str
    before: SnapshotRef
    after: SnapshotRef
    changes: list[Change] = field(default_factory=list)
    units: list[UnitCount] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Changes by kind, every kind listed."""
        found = dict.fromkeys(KINDS, 0)
        for change in self.changes:
            found[change.kind] += 1
        return found


class NothingToCompare(LookupError):
    """No department has a release matching both selectors."""


def post_changes(before: dict[str, PostState], after: dict[str, PostState]) -> list[Change]:
    """Every change of every post between two releases, in reference order."""
    changes: list[Change] = []
    for ref in sorted(before.keys() | after.keys(), key=natural_key):
        old, new = before.get(ref), after.get(ref)
        if new is None and old is not None and old.status == "eliminated":
            continue  # eliminated before, and gone now: nothing new
        if old is None or new is None:
            kind = "created" if old is None else "eliminated"
            if new is not None:
                changes.append(Change("created", ref, "", new.title, (), tuple(sorted(new.rows))))
            elif old is not None:
                changes.append(Change(kind, ref, old.title, "", tuple(sorted(old.rows)), ()))
            continue
        changes += _compared(ref, old, new)
    return changes


def _compared(ref: str, old: PostState, new: PostState) -> list[Change]:
    """The changes of a post present in both releases."""
    rows = tuple(sorted(old.rows)), tuple(sorted(new.rows))
    found = []
    if new.status == "eliminated" and old.status != "eliminated":
        found.append(("eliminated", old.status, new.status))
    for kind, a, b in (
        ("retitled", old.title, new.title),
        ("regraded", old.grade, new.grade),
        ("moved", _managers(old), _managers(new)),
    ):
        if a != b:
            found.append((kind, a, b))
    if old.unit != new.unit and old.unit_label != new.unit_label:
        found.append(("moved-unit", old.unit_label, new.unit_label))
    if old.holders.keys() != new.holders.keys() and old.holders and new.holders:
        found.append(("holder-changed", _names(old), _names(new)))
    if (old.status, new.status) == ("current", "vacant"):
        found.append(("vacancy-opened", _names(old) or "current", "vacant"))
    if (old.status, new.status) == ("vacant", "current"):
        found.append(("vacancy-filled", "vacant", _names(new) or "current"))
    return [Change(kind, ref, a, b, *rows) for kind, a, b in found]


def _managers(post: PostState) -> str:
    """A post's managers as one sorted string ('' for none: a blank reference is none too)."""
    return "; ".join(sorted(post.managers - {""}))


def _names(post: PostState) -> str:
    """A post's holders as one sorted string of their names as published."""
    return "; ".join(sorted(post.holders.values()))


def unit_counts(
    store: ox.Store,
    before: tuple[str, dict[str, PostState]],
    after: tuple[str, dict[str, PostState]],
) -> list[UnitCount]:
    """Senior posts and junior FTE per unit in both releases (the units whose numbers changed)."""
    posts = [_posts_per_unit(states) for _graph, states in (before, after)]
    fte = [junior_fte(store, graph) for graph, _states in (before, after)]
    labels = {s.unit: s.unit_label for _graph, states in (before, after) for s in states.values()}
    units = set().union(*posts, *fte)
    counts = [
        UnitCount(
            labels.get(u) or local_name(u),
            posts[0].get(u, 0),
            posts[1].get(u, 0),
            round(fte[0].get(u, 0.0), 2),
            round(fte[1].get(u, 0.0), 2),
        )
        for u in units
    ]
    changed = [
        c
        for c in counts
        if (c.posts_before, c.junior_fte_before) != (c.posts_after, c.junior_fte_after)
    ]
    return sorted(changed, key=lambda c: c.unit.lower())


def _posts_per_unit(states: dict[str, PostState]) -> dict[str, int]:
    """Live senior posts per unit."""
    counts: dict[str, int] = defaultdict(int)
    for state in states.values():
        if state.status != "eliminated":
            counts[state.unit] += 1
    return counts


def diff_organograms(
    store: ox.Store, before: str, after: str, department: str | None = None
) -> list[Diff]:
    """Per department with a release matching each selector: the changes from one to the other."""
    olds = _by_department(store, before, department)
    news = _by_department(store, after, department)
    common = sorted(olds.keys() & news.keys())
    if not common:
        raise NothingToCompare(
            f"no department has releases matching both {before!r} and {after!r}"
            " (see `govkg check chains --list`)"
        )
    diffs = []
    for dept in common:
        old_ref, new_ref = olds[dept], news[dept]
        old, new = release_posts(store, old_ref.graph), release_posts(store, new_ref.graph)
        diff = Diff(dept, old_ref, new_ref, post_changes(old, new))
        diff.units = unit_counts(store, (old_ref.graph, old), (new_ref.graph, new))
        diffs.append(diff)
    return diffs


def _by_department(
    store: ox.Store, selector: str, department: str | None
) -> dict[str, SnapshotRef]:
    """The release each department has for a selector (the latest if several match)."""
    found: dict[str, SnapshotRef] = {}
    for ref in snapshot_refs(store, [selector]):
        if department is None or department in (ref.department, ref.title):
            found[ref.department] = ref  # sorted by date: the latest wins
    return found
