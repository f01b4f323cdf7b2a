"""Release tables: each organogram release's posts as one small TSV file beside the store.

`govkg diff organogram` compares two releases post by post. Asking the store costs about
4–5 µs a triple on disk, 80 s for two releases of 412,000 posts; the ingest already holds
every post in memory, so it also writes this table (the same values the graph states, with
the graph's own IRIs), and the diff reads two files instead (docs/architecture.md §6). The
tables are a cache: written after the store is flushed and before the ingest's journal
commits, removed for every graph an interrupted ingest touched (`journal.recover`), and a
diff without a table for either release asks the store.

One line per post: key (the post IRI's last part), reference, title, grade IRI, status,
unit IRI, unit name, managers (references, XX for a top post), holders (person IRI and
name), pay band (floor-ceiling), source rows; then a `U` line per unit: its IRI, name, live
senior posts, junior FTE, and the sums of the live posts' pay floors and ceilings. A post
unchanged between two releases has the same line but for its source rows, so a diff splits
only the lines that differ.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphbuild.organogram.model import Snapshot
from graphbuild.organogram.rdf import SnapshotWriter, ref_part
from graphbuild.organogram.rows import is_top

HEADER = "#govkg-release-table 3"
SEP, LIST, PAIR = "\t", "\x1f", "\x1e"
_ESCAPE = str.maketrans({"\t": " ", "\n": " ", "\r": " ", LIST: " ", PAIR: " "})


def tables_folder(store_path: Path) -> Path:
    """Where the release tables of an on-disk store live (beside the store)."""
    return store_path.parent / f"{store_path.name}.releases"


def table_path(folder: Path, graph: str) -> Path:
    """The table file of one release graph."""
    return folder / f"{hashlib.sha1(graph.encode()).hexdigest()}.tsv"


def _clean(text: str) -> str:
    """A field with no separator in it."""
    return text.translate(_ESCAPE)


def table_lines(writer: SnapshotWriter, snap: Snapshot) -> Iterator[str]:
    """The table of one snapshot, with the IRIs its TriG uses (same linker, same rules)."""
    ctx = writer.context(snap)
    units: dict[str, list[Any]] = {}  # IRI -> [name, live posts, junior FTE, floors, ceilings]
    yield f"{HEADER}{SEP}{writer.graph_iri(snap)}\n"
    for post in snap.posts.values():
        unit = ctx.unit(post.unit, post.organisation)
        unit_name = post.unit or post.organisation or snap.department
        counts = units.setdefault(unit, [unit_name, 0, 0, 0, 0])
        live = post.status != "eliminated"
        counts[1] += live
        pay = ""
        if post.pay_floor is not None and post.pay_ceiling is not None:
            pay = f"{post.pay_floor}-{post.pay_ceiling}"
            counts[3] += post.pay_floor if live else 0
            counts[4] += post.pay_ceiling if live else 0
        managers = ["XX" if is_top(b) else _clean(b) for b in post.reports_to if b]
        holders = [f"{ctx.person(h)}{LIST}{_clean(h)}" for h in post.holders]
        fields = (
            _clean(ref_part(post.key)),
            _clean(post.ref),
            _clean(post.title),
            ctx.grade(post.grade) if post.grade else "",
            post.status,
            unit,
            _clean(unit_name),
            LIST.join(managers),
            PAIR.join(holders),
            pay,
            LIST.join(_clean(r) for r in post.rows),
        )
        yield SEP.join(fields) + "\n"
    for junior in snap.juniors:
        unit = ctx.unit(junior.unit, junior.organisation)
        counts = units.setdefault(unit, [junior.unit or junior.organisation, 0, 0, 0, 0])
        counts[2] += junior.fte
    for unit, (name, posts, fte, floors, ceilings) in units.items():
        numbers = SEP.join(map(str, (posts, fte, floors, ceilings)))
        yield f"U{SEP}{unit}{SEP}{_clean(name)}{SEP}{numbers}\n"


class TableWriter:
    """Writes release tables in a thread (beside the store's final compaction)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pending = folder / f".pending-{os.getpid()}"
        self.thread: threading.Thread | None = None
        self.failure: BaseException | None = None

    def start(self, writer: SnapshotWriter, snaps: list[Snapshot]) -> None:
        """Write every snapshot's table into a pending folder, in a thread."""
        self.thread = threading.Thread(target=self._write, args=(writer, snaps), daemon=True)
        self.thread.start()

    def _write(self, writer: SnapshotWriter, snaps: list[Snapshot]) -> None:
        """The thread: one file per snapshot."""
        try:
            self.pending.mkdir(parents=True, exist_ok=True)
            for snap in snaps:
                path = table_path(self.pending, writer.graph_iri(snap))
                with path.open("w", encoding="utf-8", newline="\n") as out:
                    out.writelines(table_lines(writer, snap))
        except BaseException as exc:  # reported by commit(): the diff then asks the store
            self.failure = exc

    def commit(self) -> None:
        """Move the written tables into place (after the store is flushed)."""
        if self.thread is not None:
            self.thread.join()
        if self.failure is None and self.pending.is_dir():
            for path in self.pending.iterdir():
                os.replace(path, self.folder / path.name)
        self.discard()

    def discard(self) -> None:
        """Drop whatever is pending (a failed or rolled-back ingest)."""
        if self.thread is not None:
            self.thread.join()
        if self.pending.is_dir():
            for path in self.pending.iterdir():
                path.unlink(missing_ok=True)
            self.pending.rmdir()


def forget(folder: Path, graphs: list[str]) -> None:
    """Remove the tables of these graphs (their content is no longer known to match)."""
    for graph in graphs:
        table_path(folder, graph).unlink(missing_ok=True)
