"""Two organogram releases compared from their release tables, as ReleasePair does in the store.

The ingest writes one table per release graph beside an on-disk store
(graphbuild/organogram/tables.py): every post with the IRIs and values its graph states.
`TablePair` answers the same questions as `queries.release_state.ReleasePair` — posts in
one release only, single values that changed, posts whose managers or holders differ, a
post's values and rows, unit headcounts — from the two files, in about 2 s for two releases
of 412,000 posts where the store took 80 s. Labels follow the same rule: a release
names what it minted, the ontology names the organisations it knows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graphbuild.organogram.ingest import without_gc
from graphbuild.organogram.model import NOT_IN_POST_REF
from graphbuild.organogram.rdf import ref_part
from graphbuild.organogram.tables import HEADER, LIST, PAIR, SEP, table_path
from ontology.namespace import ONTOLOGY_GRAPH
from queries.checks.sparql import text
from queries.release_state import LABELS, local_name

SINGLE = {"title": 2, "grade": 3, "status": 4, "unit": 5, "pay": 9}
SETS = {"managers": 7, "holders": 8}
ROWS = 10


@dataclass
class Release:
    """One release table: each post's line by key (split only when needed) and its units."""

    lines: dict[str, str] = field(default_factory=dict)
    units: dict[str, tuple[str, int, float, int, int]] = field(default_factory=dict)
    split: dict[str, list[str]] = field(default_factory=dict)
    refs: dict[str, list[str]] | None = None

    def cells(self, key: str) -> list[str]:
        """A post's fields."""
        if key not in self.split:
            self.split[key] = self.lines[key].split(SEP)
        return self.split[key]

    def keys_of(self, ref: str) -> list[str]:
        """The keys of the posts with a reference: its own, or one per row for reference 0."""
        if ref != NOT_IN_POST_REF:
            key = ref_part(ref)
            return [key] if key in self.lines else []
        if self.refs is None:
            self.refs = defaultdict(list)
            for key, line in self.lines.items():
                if key.startswith(NOT_IN_POST_REF):
                    self.refs[line.split(SEP, 2)[1]].append(key)
        return self.refs.get(ref, [])


def read_release(path: Path, graph: str) -> Release | None:
    """A release table, or None when there is none for this graph (or it is not for it)."""
    with without_gc():  # 412,000 lines: the cyclic collector only slows this down
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
        if line.startswith("U" + SEP):
            _u, iri, name, posts, fte, floors, ceilings = line.split(SEP)
            release.units[iri] = (name, int(posts), float(fte), int(floors), int(ceilings))
        elif line:
            release.lines[line[: line.index(SEP)]] = line
    return release


def _same(old: str, new: str) -> bool:
    """Two lines of a post that agree on everything but their source rows."""
    return old[: old.rindex(SEP)] == new[: new.rindex(SEP)]


@dataclass
class TablePair:
    """Two releases of one department, compared from their tables (see ReleasePair)."""

    store: ox.Store
    old: str
    new: str
    before: Release
    after: Release
    labels: dict[str, str] = field(default_factory=dict)
    person_names: dict[str, str] = field(default_factory=dict)
    _changed: dict[str, list[list[str]]] | None = None
    _sets: dict[str, set[str]] = field(default_factory=dict)

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

    def _scan(self) -> None:
        """Compare every post present in both releases once; keep what differs."""
        if self._changed is not None:
            return
        self._changed = {what: [] for what in SINGLE}
        self._sets = {what: set() for what in SETS}
        after = self.after.lines
        for key, old_line in self.before.lines.items():
            new_line = after.get(key)
            if new_line is None or _same(old_line, new_line):
                continue
            old, new = self.before.cells(key), self.after.cells(key)
            for holder in f"{old[8]}{PAIR}{new[8]}".split(PAIR):  # the later spelling wins
                iri, _, name = holder.partition(LIST)
                if iri:
                    self.person_names[iri] = name
            for what, at in SINGLE.items():
                if old[at] and new[at] and old[at] != new[at]:
                    self._changed[what].append([old[1], old[at], new[at]])
            for what, at in SETS.items():
                if old[at] != new[at] and _members(old[at], what) != _members(new[at], what):
                    self._sets[what].add(old[1])

    def only_in_new(self) -> list[list[str]]:
        """(ref, title, status) of the posts of the new release that the old one lacks."""
        return _only(self.after, self.before)

    def only_in_old(self) -> list[list[str]]:
        """(ref, title, status) of the posts of the old release that the new one lacks."""
        return _only(self.before, self.after)

    def changed(self, what: str) -> list[list[str]]:
        """(ref, before, after) where a value both releases state differs."""
        self._scan()
        assert self._changed is not None
        return self._changed[what]

    def set_changed(self, what: str) -> set[str]:
        """The references of the posts whose managers or holders are not the same set."""
        self._scan()
        return self._sets[what]

    def values(self, graph: str, ref: str, what: str) -> list[str]:
        """A post's managers (references, or XX) or holders (names) in a release."""
        release = self._release(graph)
        found: list[str] = []
        for key in release.keys_of(ref):
            cells = release.cells(key)
            if what == "managers":
                found += [m for m in cells[7].split(LIST) if m]
            else:
                found += [self._name(h) for h in cells[8].split(PAIR) if h]
        return sorted(v for v in found if v)

    def _name(self, holder: str) -> str:
        """A holder's name: as the new release spells it when it names the person too."""
        iri, _, name = holder.partition(LIST)
        return self.person_names.get(iri, name)

    def rows(self, graph: str, ref: str) -> tuple[str, ...]:
        """The CSV rows (file:line) that state a post in a release."""
        release = self._release(graph)
        rows = (r for k in release.keys_of(ref) for r in release.cells(k)[ROWS].split(LIST))
        return tuple(sorted(r for r in rows if r))

    def label(self, iri: str, graph: str | None = None) -> str:
        """The ontology's label for what it knows, else the name a release published."""
        if not self.labels:
            answer = self.store.query(LABELS, default_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
            known = {text(r[0]): text(r[1]) for r in answer}  # type: ignore[union-attr]
            names = {
                iri: unit[0] for r in (self.before, self.after) for iri, unit in r.units.items()
            }
            self.labels = {**names, **known}
        return self.labels.get(iri) or local_name(iri)

    def headcounts(self, graph: str) -> tuple[dict[str, int], dict[str, float]]:
        """Live senior posts and junior FTE per unit IRI in one release."""
        units = self._release(graph).units
        posts = {iri: unit[1] for iri, unit in units.items() if unit[1]}
        fte = {iri: unit[2] for iri, unit in units.items() if unit[2]}
        return posts, fte

    def pay_ranges(self, graph: str) -> dict[str, tuple[int, int]]:
        """Per unit IRI, the sums of its live posts' pay floors and ceilings in one release."""
        units = self._release(graph).units
        return {iri: (unit[3], unit[4]) for iri, unit in units.items() if unit[4]}


def _only(release: Release, other: Release) -> list[list[str]]:
    """(ref, title, status) of the posts of one release that the other lacks."""
    only = [key for key in release.lines if key not in other.lines]
    return [[c[1], c[2], c[4]] for c in map(release.cells, only)]


def _members(cell: str, what: str) -> set[str]:
    """Managers (references) or holders (person IRIs) of one table cell."""
    if what == "managers":
        return {m for m in cell.split(LIST) if m}
    return {holder.partition(LIST)[0] for holder in cell.split(PAIR) if holder}
