"""Organogram ingest: data.gov.uk senior and junior CSVs -> one named graph per snapshot.

Reads the official data.gov.uk organogram format (senior staff: "Post Unique Reference"
... "Reports to Senior Post"; junior staff: "Reporting Senior Post", "Number of Posts in
FTE") and its real variants, including the compiled multi-snapshot files, into W3C ORG
posts and gov organogram observations (`rdf`). Every row is read and checked
before its snapshot graph is written (`store`, which also restores the store if
writing fails), so a bad file costs only its bad rows: each error names its file and
line, and the result says whether the ingest was partial.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from common.errors import SourceProblem
from graphbuild.organogram import columns as col
from graphbuild.organogram.columns import Mapping
from graphbuild.organogram.csvfile import Table, read_table
from graphbuild.organogram.link import Linker
from graphbuild.organogram.model import UNDATED, Snapshot, department_of
from graphbuild.organogram.rdf import SnapshotWriter
from graphbuild.organogram.rows import Row, RowProblem, date_in_name, parse_row, snapshot_date


@dataclass(frozen=True)
class SnapshotSummary:
    """What one snapshot graph received."""

    graph: str
    department: str
    date: str
    label: str
    posts: int
    junior_rows: int
    files: tuple[str, ...]


@dataclass
class FileSummary:
    """What one file gave: its layout and column mapping, rows read, loaded and rejected."""

    file: str
    encoding: str = ""
    kind: str = ""
    mappings: tuple[Mapping, ...] = ()
    rows_read: int = 0
    rows_loaded: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    snapshots: set[str] = field(default_factory=set)

    @property
    def unusual_mappings(self) -> list[Mapping]:
        """Columns matched by a close spelling or by their values (always reported)."""
        return [m for m in self.mappings if m.how in (col.CLOSE, col.INFERRED)]

    def line(self) -> str:
        """'dcms.csv (compiled, utf-8): 6,000 rows read, 5,990 loaded, 10 rejected; 9 snapshots'."""
        rejected = sum(self.rejected.values())
        kind = f"{self.kind}, {self.encoding}" if self.kind else "unreadable"
        return (
            f"{self.file} ({kind}): {self.rows_read} rows read, {self.rows_loaded} loaded, "
            f"{rejected} rejected; {len(self.snapshots)} snapshot(s)"
        )


@dataclass
class IngestResult:
    """The snapshots read (as TriG on demand), their counts, and every row error and warning."""

    writer: SnapshotWriter
    data: list[Snapshot] = field(default_factory=list)
    snapshots: list[SnapshotSummary] = field(default_factory=list)
    errors: list[SourceProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows_loaded: int = 0
    files: list[FileSummary] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """True when some row or file could not be read."""
        return bool(self.errors)

    @property
    def usable(self) -> bool:
        """True when at least one row made it into a snapshot."""
        return self.rows_loaded > 0

    @property
    def graphs(self) -> list[str]:
        """The named graphs this ingest replaces."""
        return [s.graph for s in self.snapshots]

    def chunks(self) -> Iterator[str]:
        """Every snapshot as self-contained TriG documents (a few thousand posts each)."""
        for snap in self.data:
            yield from self.writer.chunks(snap)

    @property
    def trig(self) -> str:
        """All snapshots as one TriG text (for small inputs and tests)."""
        return "".join(self.chunks())


class Ingest:
    """Reads organogram files into department snapshots, a group of files at a time."""

    def __init__(
        self,
        snapshot: str | None = None,
        department: str | None = None,
        linker: Linker | None = None,
    ) -> None:
        self.option, self.department = snapshot, department
        self.linker = linker or Linker()
        self.result = IngestResult(SnapshotWriter(self.linker))
        self.snapshots: dict[tuple[str, str], Snapshot] = {}

    def read(self, paths: Iterable[Path]) -> list[Snapshot]:
        """Read these files; return the snapshots they added rows to."""
        touched: dict[int, Snapshot] = {}
        for path in paths:
            table = read_table(path)
            errors_before = len(self.result.errors)
            self.result.errors.extend(table.errors)
            rows = _rows(table, self.result)
            summary = _file_summary(table)
            self.result.files.append(summary)
            if rows:
                dept = self.department or department_of(rows, path.stem)
                for snap in self._group(table, rows, dept, path, summary):
                    touched[id(snap)] = snap
            summary.rejected.update(_reason(e) for e in self.result.errors[errors_before:])
        return list(touched.values())

    def finish(self) -> IngestResult:
        """The result: every snapshot read, with its counts."""
        self.result.data = list(self.snapshots.values())
        self.result.snapshots = [_summary(self.result.writer, s) for s in self.result.data]
        return self.result

    def _group(
        self, table: Table, rows: list[Row], dept: str, path: Path, summary: FileSummary
    ) -> list[Snapshot]:
        """Add each row to its department snapshot; return the snapshots used."""
        fixed = _fixed_snapshot(table, self.option, path, self.result)
        dept_key = self.linker.department_key(dept)
        used: dict[tuple[str, str], Snapshot] = {}
        for row in rows:
            label, when = fixed if fixed else (row.snapshot, snapshot_date(row.snapshot))
            if when is None and not fixed:
                message = f"snapshot label {row.snapshot!r} is not a date (e.g. 'Sep-15'); skipped"
                self.result.errors.append(SourceProblem(table.file, row.line, message))
                continue
            key = (dept_key, when.isoformat() if when else UNDATED)
            snap = self.snapshots.get(key)
            if snap is None:
                snap = self.snapshots[key] = Snapshot(dept, when, label)
            snap.add(row, table.file)
            used[key] = snap
            self.result.rows_loaded += 1
            summary.rows_loaded += 1
        summary.snapshots.update(s.label for s in used.values())
        return list(used.values())


@contextmanager
def without_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (it tripled the time of reading 400,000 rows)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_organograms(
    paths: Iterable[Path],
    snapshot: str | None = None,
    department: str | None = None,
    linker: Linker | None = None,
) -> IngestResult:
    """Read every file into department snapshots, ready to write as TriG."""
    ingest = Ingest(snapshot, department, linker)
    with without_gc():
        ingest.read(paths)
    return ingest.finish()


def _rows(table: Table, result: IngestResult) -> list[Row]:
    """The table's readable rows; the others become errors."""
    if table.layout is None:
        return []
    rows = []
    for line, cells in table.records:
        try:
            rows.append(parse_row(table.layout, line, cells))
        except RowProblem as exc:
            result.errors.append(SourceProblem(table.file, line, str(exc)))
    return rows


def _fixed_snapshot(
    table: Table, option: str | None, path: Path, result: IngestResult
) -> tuple[str, date | None] | None:
    """(label, date) for every row of a file, or None when its rows carry their own."""
    if option:
        return option, snapshot_date(option)
    assert table.layout is not None
    if table.layout.has(col.SNAPSHOT):
        return None
    found = date_in_name(path.name)
    if found is None:
        result.warnings.append(
            f"{table.file}: no snapshot date in the file or its name; stored as "
            f"'{UNDATED}' (give --snapshot, e.g. --snapshot 2013-09-30)"
        )
        return UNDATED, None
    return found.isoformat(), found


def _file_summary(table: Table) -> FileSummary:
    """A file's layout and the number of records it held."""
    layout = table.layout
    if layout is None:
        return FileSummary(table.file, table.encoding)
    return FileSummary(table.file, table.encoding, layout.kind, layout.mappings, len(table.records))


def _reason(problem: SourceProblem) -> str:
    """A row error's reason without its specifics ('12 fields where the header has 19')."""
    return re.sub(r"\d+|'[^']*'", "N", problem.message)


def _summary(writer: SnapshotWriter, snap: Snapshot) -> SnapshotSummary:
    """Counts for the report."""
    return SnapshotSummary(
        writer.graph_iri(snap),
        snap.department,
        snap.date_key,
        snap.label,
        len(snap.posts),
        len(snap.juniors),
        tuple(sorted(snap.files)),
    )
