"""Two organogram releases compared from their release tables, as ReleasePair does in the store.

The ingest writes one table per release graph beside an on-disk store
(graphbuild/organogram/tables.py): every post with the IRIs and values its graph states.
`TablePair` answers the same questions as `queries.release_state.ReleasePair` — posts in
one release only, single values that changed, posts whose managers or holders differ, a
post's values and rows, unit headcounts — from the two files, in about a second for two
releases of 412,000 posts where the store took 80 s. Labels follow the same rule: a release
names what it minted, the ontology names the organisations it knows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graphbuild.organogram.ingest import without_gc
from graphbuild.organogram.tables import HEADER, LIST, PAIR, SEP, table_path
from ontology.namespace import ONTOLOGY_GRAPH
from queries.checks.sparql import text
from queries.release_state import LABELS

SINGLE = {"title": 2, "grade": 3, "status": 4, "unit": 5}


@dataclass
class Release:
    """One release table: posts by key, junior FTE by unit, names of units and people."""

    posts: dict[str, list[str]] = field(default_factory=dict)
    by_ref: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    junior_fte: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    names: dict[str, str] = field(default_factory=dict)


def read_release(path: Path, graph: str) -> Release | None:
    """A release table, or None when there is none for this graph (or it is not for it)."""
    with without_gc():  # 412,000 lists of cells: the cyclic collector only slows this down
        return _read(path, graph)


def _read(path: Path, graph: str) -> Release | None:
    """read_release, with the collector paused."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return None
    if not lines or lines[0] != f"{HEADER}{SEP}{graph}":
        return None
    release = Release()
    for line in lines[1:]:
        cells = line.split(SEP)
        if len(cells) == 10:
            release.posts[cells[0]] = cells
            release.by_ref[cells[1]].append(cells[0])
            release.names[cells[5]] = cells[6]
            for holder in filter(None, cells[8].split(PAIR)):
                iri, _, name = holder.partition(LIST)
                release.names[iri] = name
        elif len(cells) == 4 and cells[0] == "J":
            release.junior_fte[cells[1]] += float(cells[3])
            release.names.setdefault(cells[1], cells[2])
    return release


@dataclass
class TablePair:
    """Two releases of one department, compared from their tables (see ReleasePair)."""

    store: ox.Store
    old: str
    new: str
    before: Release
    after: Release
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, store: ox.Store, folder: Path, old: str, new: str) -> TablePair | None:
        """Both tables, or None when either release has none."""
        before = read_release(table_path(folder, old), old)
        after = read_release(table_path(folder, new), new) if before is not None else None
        if before is None or after is None:
            return None
        return cls(store, old, new, before, after)

    def _release(self, graph: str) -> Release:
        """The table of one of the two graphs."""
        return self.before if graph == self.old else self.after

    def only_in_new(self) -> list[list[str]]:
        """(ref, title, status) of the posts of the new release that the old one lacks."""
        return [
            [p[1], p[2], p[4]] for k, p in self.after.posts.items() if k not in self.before.posts
        ]

    def only_in_old(self) -> list[list[str]]:
        """(ref, title, status) of the posts of the old release that the new one lacks."""
        return [
            [p[1], p[2], p[4]] for k, p in self.before.posts.items() if k not in self.after.posts
        ]

    def changed(self, what: str) -> list[list[str]]:
        """(ref, before, after) where a value both releases state differs."""
        at = SINGLE[what]
        found = []
        for key, old in self.before.posts.items():
            new = self.after.posts.get(key)
            if new is not None and old[at] and new[at] and old[at] != new[at]:
                found.append([old[1], old[at], new[at]])
        return found

    def set_changed(self, what: str) -> set[str]:
        """The references of the posts whose managers or holders are not the same set."""
        at = 7 if what == "managers" else 8
        found = set()
        for key, old in self.before.posts.items():
            new = self.after.posts.get(key)
            if new is None or old[at] == new[at]:  # the same cell: the same set
                continue
            if _members(old[at], what) != _members(new[at], what):
                found.add(old[1])
        return found

    def values(self, graph: str, ref: str, what: str) -> list[str]:
        """A post's managers (references, or XX) or holders (names) in a release."""
        release = self._release(graph)
        found: list[str] = []
        for key in release.by_ref.get(ref, []):
            cells = release.posts[key]
            if what == "managers":
                found += [m for m in cells[7].split(LIST) if m]
            else:
                found += [self.label(iri) for iri in _members(cells[8], what)]
        return sorted(v for v in found if v)

    def rows(self, graph: str, ref: str) -> tuple[str, ...]:
        """The CSV rows (file:line) that state a post in a release."""
        release = self._release(graph)
        keys = release.by_ref.get(ref, [])
        return tuple(sorted(r for k in keys for r in release.posts[k][9].split(LIST) if r))

    def label(self, iri: str, graph: str | None = None) -> str:
        """The ontology's label for what it knows, else the name a release published."""
        if not self.labels:
            answer = self.store.query(LABELS, default_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
            known = {text(r[0]): text(r[1]) for r in answer}  # type: ignore[union-attr]
            self.labels = {**self.before.names, **self.after.names, **known}
        return self.labels.get(iri) or iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def headcounts(self, graph: str) -> tuple[dict[str, int], dict[str, float]]:
        """Live senior posts and junior FTE per unit IRI in one release."""
        release = self._release(graph)
        posts: dict[str, int] = defaultdict(int)
        for cells in release.posts.values():
            if cells[4] != "eliminated":
                posts[cells[5]] += 1
        return posts, dict(release.junior_fte)


def _only(release: Release, other: Release) -> list[list[str]]:
    """(ref, title, status) of the posts of one release that the other lacks."""
    return [[p[1], p[2], p[4]] for key, p in release.posts.items() if key not in other.posts]


def _members(cell: str, what: str) -> set[str]:
    """Managers (references) or holders (person IRIs) of one table cell."""
    if what == "managers":
        return {m for m in cell.split(LIST) if m}
    return {holder.partition(LIST)[0] for holder in cell.split(PAIR) if holder}
