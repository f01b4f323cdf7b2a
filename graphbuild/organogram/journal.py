"""A crash-safe record of the graphs an ingest replaces, so a killed ingest is undone.

An ingest removes each snapshot graph it replaces and bulk-loads the new one. Before it
touches a graph it writes, beside the store, the graph's backup (N-Triples) and a line
naming the graph and its backup, both synced to disk; when every load is done and the
store flushed, it marks the journal committed and deletes it. An ingest killed half-way
(SIGKILL, power loss, a full disk) leaves an uncommitted journal; the next command that
opens the store calls `recover`, which removes every graph the journal names and loads the
backups again, and forgets their release tables (`tables`): the store is as it was before
the interrupted command.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox

from graphbuild.organogram.tables import forget

ENTRIES = "touched.tsv"
COMMITTED = "committed"
NO_BACKUP = "-"


def journal_folder(store_path: Path) -> Path:
    """Where the journal of an ingest into this on-disk store lives (beside the store)."""
    return store_path.parent / f"{store_path.name}.ingest-journal"


class Journal:
    """The journal of one ingest: graphs touched, in order, with their backups."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder  # made on first use: the store is opened (and recovered) first
        self._count = 0

    def backup_path(self) -> Path:
        """A new file name for the next backup."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._count += 1
        return self.folder / f"graph-{self._count}.nt"

    def record(self, graph: str, backup: Path | None) -> None:
        """Note, durably, that a graph is about to change (with its backup, if it existed)."""
        if backup is not None:
            _sync(backup)
        name = backup.name if backup is not None else NO_BACKUP
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ENTRIES).open("a", encoding="utf-8") as entries:
            entries.write(f"{graph}\t{name}\n")
            entries.flush()
            os.fsync(entries.fileno())

    def commit(self) -> None:
        """The ingest is complete (or rolled back): mark it so, then delete the journal."""
        if not self.folder.is_dir():
            return
        marker = self.folder / COMMITTED
        marker.write_text("", encoding="utf-8")
        _sync(marker)
        shutil.rmtree(self.folder, ignore_errors=True)


def _sync(path: Path) -> None:
    """Flush a file's content to disk."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def recover(store: ox.Store, folder: Path) -> list[str]:
    """Undo an interrupted ingest: the graphs it touched get their backups back (or go)."""
    if not folder.is_dir():
        return []
    if (folder / COMMITTED).exists():
        shutil.rmtree(folder, ignore_errors=True)
        return []
    entries = folder / ENTRIES
    lines = entries.read_text(encoding="utf-8").splitlines() if entries.exists() else []
    touched = [line.split("\t", 1) for line in lines if "\t" in line]
    for graph, _backup in touched:
        store.remove_graph(ox.NamedNode(graph))
    for graph, backup in touched:
        if backup != NO_BACKUP:
            path = str(folder / backup)
            store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    store.flush()
    graphs = [graph for graph, _backup in touched]
    tables = folder.with_name(folder.name.removesuffix(".ingest-journal") + ".releases")
    forget(tables, graphs)  # their release tables may be the interrupted ingest's
    shutil.rmtree(folder, ignore_errors=True)
    return graphs
