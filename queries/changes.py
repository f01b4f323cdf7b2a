"""What changed between two organogram releases of a department (`govkg diff organogram`).

Each release is read from its own release table (`queries.release_tables`), else from its
own named graph (`queries.release_state`), never from the union of releases: per senior
post its title, holders, grade, status, unit and manager (the reference it reports to, or
XX), and per unit its senior posts and junior FTE. Posts are one node across releases (IRI
by Post Unique Reference), so the two releases are compared post by post: created,
eliminated (gone, unless marked eliminated already, or newly marked), retitled, regraded,
pay band changed, moved (a new manager), moved unit, holder changed, vacancy opened and
vacancy filled; then headcount and senior pay range by unit. The named query
`organogram-changes` gives the same post changes in SPARQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from queries.checks.report import natural_key
from queries.checks.sparql import SnapshotRef, snapshot_refs
from queries.release_state import ReleasePair, local_name
from queries.release_tables import TablePair

Pair = ReleasePair | TablePair
PAY_BAND = re.compile(r"\d+-\d+")

KINDS = (
    "created", "eliminated", "retitled", "regraded", "pay-band-changed", "moved", "moved-unit",
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
    """Senior posts, junior FTE and senior pay range of one unit in both releases.

    The pay range is the sum of the floors to the sum of the ceilings of the pay bands of the
    unit's live senior posts that disclose one ('£410,000–£434,995'), '' when none does.
    """

    unit: str
    posts_before: int
    posts_after: int
    junior_fte_before: float
    junior_fte_after: float
    pay_before: str = ""
    pay_after: str = ""


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


def post_changes(pair: Pair) -> list[Change]:
    """Every change of every post between two releases, in reference order."""
    found: list[tuple[str, str, str, str]] = []  # (kind, ref, before, after)
    found += [("created", ref, "", title) for ref, title, _status in pair.only_in_new()]
    found += [
        ("eliminated", ref, title, "")
        for ref, title, status in pair.only_in_old()
        if local_name(status) != "eliminated"  # eliminated before, and gone now: nothing new
    ]
    for kind, what in (("retitled", "title"), ("regraded", "grade"), ("pay-band-changed", "pay")):
        found += [(kind, ref, *_shown(pair, a, b)) for ref, a, b in pair.changed(what)]
    found += _unit_moves(pair)
    found += _status_changes(pair)
    for kind, what in (("moved", "managers"), ("holder-changed", "holders")):
        for ref in pair.set_changed(what):
            before, after = pair.values(pair.old, ref, what), pair.values(pair.new, ref, what)
            if before != after and (kind == "moved" or (before and after)):
                found.append((kind, ref, "; ".join(before), "; ".join(after)))
    found.sort(key=lambda c: (natural_key(c[1]), KINDS.index(c[0])))
    return [Change(k, ref, a, b, *_rows(pair, k, ref)) for k, ref, a, b in found]


def _shown(pair: Pair, before: str, after: str) -> tuple[str, str]:
    """Values as people read them: a grade's local name ('SCS3'), a pay band in pounds."""
    if before.startswith("http"):
        return local_name(before), local_name(after)
    if PAY_BAND.fullmatch(before) and PAY_BAND.fullmatch(after):
        return pounds(*map(int, before.split("-"))), pounds(*map(int, after.split("-")))
    return before, after


def pounds(low: int, high: int) -> str:
    """'£140,000–£144,999'."""
    return f"£{low:,}–£{high:,}"


def _unit_moves(pair: Pair) -> list[tuple[str, str, str, str]]:
    """Posts moved to another unit (a unit whose label only was respelt is the same unit)."""
    moves = []
    for ref, before, after in pair.changed("unit"):
        old, new = pair.label(before), pair.label(after)
        if old != new:
            moves.append(("moved-unit", ref, old, new))
    return moves


def _status_changes(pair: Pair) -> list[tuple[str, str, str, str]]:
    """Newly eliminated posts, and vacancies opened (current -> vacant) or filled (back)."""
    found = []
    for ref, before, after in pair.changed("status"):
        was, now = local_name(before), local_name(after)
        if now == "eliminated":
            found.append(("eliminated", ref, was, now))
        elif (was, now) == ("current", "vacant"):
            holders = "; ".join(pair.values(pair.old, ref, "holders"))
            found.append(("vacancy-opened", ref, holders or "current", "vacant"))
        elif (was, now) == ("vacant", "current"):
            holders = "; ".join(pair.values(pair.new, ref, "holders"))
            found.append(("vacancy-filled", ref, "vacant", holders or "current"))
    return found


def _rows(pair: Pair, kind: str, ref: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CSV rows of a changed post in each release (none on a side it is absent from)."""
    before = () if kind == "created" else pair.rows(pair.old, ref)
    return before, pair.rows(pair.new, ref)


def unit_counts(pair: Pair) -> list[UnitCount]:
    """Senior posts, junior FTE and pay range per unit in both releases (those that changed)."""
    (posts_old, fte_old), (posts_new, fte_new) = (
        pair.headcounts(pair.old),
        pair.headcounts(pair.new),
    )
    pay_old, pay_new = pair.pay_ranges(pair.old), pair.pay_ranges(pair.new)
    units = set().union(posts_old, posts_new, fte_old, fte_new, pay_old, pay_new)
    counts = [
        UnitCount(
            pair.label(u),
            posts_old.get(u, 0),
            posts_new.get(u, 0),
            round(fte_old.get(u, 0.0), 2),
            round(fte_new.get(u, 0.0), 2),
            pounds(*pay_old[u]) if u in pay_old else "",
            pounds(*pay_new[u]) if u in pay_new else "",
        )
        for u in units
    ]
    changed = [
        c
        for c in counts
        if (c.posts_before, c.junior_fte_before, c.pay_before)
        != (c.posts_after, c.junior_fte_after, c.pay_after)
    ]
    return sorted(changed, key=lambda c: c.unit.lower())


def diff_organograms(
    store: ox.Store,
    before: str,
    after: str,
    department: str | None = None,
    tables: Path | None = None,
) -> list[Diff]:
    """Per department with a release matching each selector: the changes from one to the other.

    With `tables` (the release tables beside an on-disk store) a pair of releases that both
    have one is compared from the tables; otherwise the store is asked.
    """
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
        pair: Pair = ReleasePair(store, old_ref.graph, new_ref.graph)
        if tables is not None:
            pair = TablePair.load(store, tables, old_ref.graph, new_ref.graph) or pair
        diffs.append(Diff(dept, old_ref, new_ref, post_changes(pair), unit_counts(pair)))
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
