"""Swap organogram snapshot graphs into the Oxigraph store without losing what was there.

Each graph an ingest replaces is first backed up (N-Triples, recorded in a `Journal`: a
temporary folder, or beside an on-disk store so that a killed ingest is undone when the
store is next opened) and removed; the new TriG is bulk-loaded with Oxigraph's parser
(docs/architecture.md §6, the fast path) in chunks of 10,000 posts by loader threads, while
the next department's files are read (files are grouped by the department their first rows
name, the largest group first so that its long load overlaps every other read). If anything
fails half-way, every graph touched is removed and its backup loaded again, so a failed
ingest leaves the store as it found it. A snapshot that a later group adds rows to is
rewritten whole at the end.

Chunk size and compaction, measured at 412,000 posts (benchmarks/bench_organograms.py):
each bulk load writes its own index files. Left uncompacted, they made the checks 3-4x
slower (8-12 s instead of 3 s), and whether RocksDB had compacted them by the end of an
ingest depended on timing. So an ingest of more than ~90,000 posts ends with a full
compaction (`Store.optimize`, 5-7 s; a flush first would wait ~5 s for part of it). Chunks
of 10,000 posts keep the loads few and memory low (chunks of 30,000 were no faster; one
load per snapshot needed 1.8 GB).
"""

from __future__ import annotations

import os
import queue
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from graphbuild.organogram.csvfile import peek_department
from graphbuild.organogram.ingest import Ingest, IngestResult, without_gc
from graphbuild.organogram.journal import Journal
from graphbuild.organogram.link import Linker
from graphbuild.organogram.model import Snapshot
from graphbuild.organogram.tables import TableWriter

LOADERS = max(1, min(2, os.cpu_count() or 1))
STORE_CHUNK_POSTS = 10_000
COMPACT_AFTER_BYTES = 32_000_000  # of TriG (~90,000 posts); smaller ingests leave few files


class GraphSwap:
    """Replace named graphs in a store with backups, loading TriG chunks in threads."""

    def __init__(
        self, open_store: Callable[[], ox.Store], folder: Path, loaders: int = LOADERS
    ) -> None:
        self.open_store, self.loaders = open_store, loaders
        self.journal = Journal(folder)
        self.store: ox.Store | None = None
        self.saved: dict[str, Path] = {}
        self.touched: list[str] = []
        self.failures: list[BaseException] = []
        self.pending: queue.Queue[bytes | None] = queue.Queue(maxsize=2 * loaders)
        self.threads: list[threading.Thread] = []
        self.loaded = 0

    def _start(self) -> ox.Store:
        """Open the store and start the loader threads (when not yet running)."""
        if self.store is None:
            self.store = self.open_store()
        if not self.threads:
            self.threads = [
                threading.Thread(target=self._load, daemon=True) for _ in range(self.loaders)
            ]
            for thread in self.threads:
                thread.start()
        return self.store

    def _load(self) -> None:
        """Loader thread: bulk-load chunks until the end marker."""
        while (chunk := self.pending.get()) is not None:
            if not self.failures and self.store is not None:
                try:
                    self.store.bulk_load(chunk, ox.RdfFormat.TRIG, lenient=True)
                except BaseException as exc:  # handed to the caller, re-raised there
                    self.failures.append(exc)

    def clear(self, graph: str) -> None:
        """Back up and remove a graph before its new content is loaded (once per graph)."""
        store = self._start()
        if graph in self.touched:
            return
        node = ox.NamedNode(graph)
        if store.contains_named_graph(node):
            path = self.journal.backup_path()
            store.dump(str(path), ox.RdfFormat.N_TRIPLES, from_graph=node)
            self.saved[graph] = path
        self.journal.record(graph, self.saved.get(graph))
        self.touched.append(graph)  # only once backed up: a rollback may now remove it
        if graph in self.saved:
            store.remove_graph(node)

    def load(self, chunks: Iterable[str]) -> None:
        """Queue TriG chunks for the loader threads."""
        self._start()
        for chunk in chunks:
            if self.failures:
                raise self.failures[0]
            data = chunk.encode("utf-8")
            self.loaded += len(data)
            self.pending.put(data)

    def wait(self) -> None:
        """Let the loaders finish what is queued; re-raise a loader's failure."""
        for _ in self.threads:
            self.pending.put(None)
        for thread in self.threads:
            thread.join()
        self.threads = []
        if self.failures:
            raise self.failures[0]

    def finish(self, before_commit: Callable[[], None] | None = None) -> None:
        """Flush; after a large load, compact every index so that reads stay fast; commit."""
        if self.store is None:
            self.journal.commit()
            return
        if self.loaded >= COMPACT_AFTER_BYTES:
            self.store.optimize()  # first: a flush would wait for background compaction
        self.store.flush()
        if before_commit is not None:
            before_commit()  # e.g. the release tables: only once the graphs are durable
        self.journal.commit()

    def rollback(self) -> None:
        """Stop loading, remove every touched graph and load the backups again."""
        if self.store is None:
            return
        self.failures.append(RuntimeError("rolled back"))
        for _ in self.threads:
            self.pending.put(None)
        for thread in self.threads:
            thread.join()
        for graph in self.touched:
            self.store.remove_graph(ox.NamedNode(graph))
        for graph, path in self.saved.items():
            to = ox.NamedNode(graph)
            self.store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=to)
        self.store.flush()
        self.journal.commit()


def department_groups(paths: Iterable[Path]) -> list[list[Path]]:
    """Files grouped by the department their first rows name, largest first (longest load)."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in paths:
        groups[peek_department(path) or str(path)].append(path)
    return sorted(groups.values(), key=lambda group: -sum(_size(p) for p in group))


def _size(path: Path) -> int:
    """A file's size in bytes (0 when it cannot be read)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def ingest_files(
    open_store: Callable[[], ox.Store],
    paths: Iterable[Path],
    snapshot: str | None = None,
    department: str | None = None,
    linker: Linker | None = None,
    journal: Path | None = None,
    tables: Path | None = None,
) -> IngestResult:
    """Read, then load, one department at a time; the store opens when there is data.

    With `journal` (a folder beside an on-disk store, `journal_folder`), the backups are
    kept there until the ingest commits, so that a killed ingest can be undone (`recover`);
    with `tables` (`tables_folder`), each release's table is written for the diff.
    """
    ingest = Ingest(snapshot, department, linker)
    written: dict[int, Snapshot] = {}
    rewrite: dict[int, Snapshot] = {}
    table_writer = TableWriter(tables) if tables is not None else None
    with _journal_dir(journal) as folder, without_gc():
        swap = GraphSwap(open_store, folder)
        try:
            for group in department_groups(paths):
                for snap in ingest.read(group):
                    if id(snap) in written:
                        rewrite[id(snap)] = snap
                        continue
                    written[id(snap)] = snap
                    swap.clear(ingest.result.writer.graph_iri(snap))
                    swap.load(ingest.result.writer.chunks(snap, STORE_CHUNK_POSTS))
            swap.wait()
            _rewrite(swap, ingest, list(rewrite.values()))
            if table_writer is not None:  # written while the store compacts (GIL released)
                table_writer.start(ingest.result.writer, list(written.values()))
            swap.finish(table_writer.commit if table_writer is not None else None)
        except BaseException:
            if table_writer is not None:
                table_writer.discard()
            swap.rollback()
            raise
    return ingest.finish()


@contextmanager
def _journal_dir(journal: Path | None) -> Iterator[Path]:
    """The journal folder given, or a temporary one."""
    if journal is not None:
        yield journal
        return
    with tempfile.TemporaryDirectory(prefix="govkg-ingest-") as tmp:
        yield Path(tmp) / "journal"


def _rewrite(swap: GraphSwap, ingest: Ingest, snaps: list[Snapshot]) -> None:
    """Load again, whole, the snapshots that later files added rows to."""
    if not snaps or swap.store is None:
        return
    for snap in snaps:
        swap.store.remove_graph(ox.NamedNode(ingest.result.writer.graph_iri(snap)))
    for snap in snaps:
        swap.load(ingest.result.writer.chunks(snap, STORE_CHUNK_POSTS))
    swap.wait()


def load_result(store: ox.Store, result: IngestResult) -> int:
    """Write an already-read ingest result into the store; the number of graphs replaced."""
    with tempfile.TemporaryDirectory(prefix="govkg-ingest-") as tmp:
        swap = GraphSwap(lambda: store, Path(tmp) / "journal")
        try:
            for snap in result.data:
                swap.clear(result.writer.graph_iri(snap))
                swap.load(result.writer.chunks(snap, STORE_CHUNK_POSTS))
            swap.wait()
        except BaseException:
            swap.rollback()
            raise
        swap.finish()
    return len(result.data)
