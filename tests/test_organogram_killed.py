"""An ingest killed half-way leaves the store as it was before the command.

A real `govkg ingest organogram` is started on a generated department large enough to take a
few seconds, and killed with SIGKILL at several moments; the next command that opens the
store undoes it (graphbuild/organogram/journal.py). After each kill the store holds exactly
what it held before, or, when the kill came after the ingest committed, what a complete
ingest gives. At least one kill must land mid-way for the test to count.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from govkg.store import open_store
from graphbuild.organogram import journal_folder, tables_folder
from graphbuild.organogram.tables import table_path
from queries.checks import snapshot_refs
from queries.release_tables import read_release

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from gen_civil_service import generate

GOVKG = str(Path(sys.executable).parent / "govkg")
KILL_AFTER = (0.9, 1.6, 2.4)
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


def fingerprint(store_path: Path) -> str:
    """A digest of every quad in the store (Oxigraph dumps in index order: deterministic)."""
    store = open_store(store_path, read_only=True)
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    del store
    return hashlib.sha256(data).hexdigest()


def assert_tables_match(store_path: Path) -> None:
    """Every release table left beside the store describes its graph as the graph is."""
    store = open_store(store_path, read_only=True)
    tables = tables_folder(store_path)
    graphs = [r.graph for r in snapshot_refs(store)]
    for graph in graphs:
        release = read_release(table_path(tables, graph), graph)
        if release is not None:
            identifiers = store.quads_for_pattern(None, IDENTIFIER, None, ox.NamedNode(graph))
            assert len(release.lines) == len({q.subject for q in identifiers}), graph
    del store


def ingest(store: Path, *files: Path) -> subprocess.Popen[bytes]:
    """`govkg ingest organogram` in a child process."""
    args = [GOVKG, "ingest", "organogram", *map(str, files), "--quiet", "--store", str(store)]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_a_killed_ingest_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    first = generate(4_000, tmp_path / "first", seed=1)
    second = generate(25_000, tmp_path / "second", seed=2)  # the same departments, rewritten
    base = tmp_path / "base"
    assert ingest(base, *first).wait() == 0
    before = fingerprint(base)
    done = tmp_path / "done"
    shutil.copytree(base, done)
    assert ingest(done, *second).wait() == 0
    after = fingerprint(done)
    assert after != before
    interrupted = 0
    for delay in KILL_AFTER:
        store = tmp_path / f"killed-{delay}"
        shutil.copytree(base, store)
        child = ingest(store, *second)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        interrupted += journal_folder(store).exists()
        state = fingerprint(store)  # opening the store undoes an uncommitted ingest
        assert not journal_folder(store).exists()
        assert state in (before, after), f"killed after {delay} s: the store is neither"
        assert_tables_match(store)
        if state == before and interrupted == 1:  # the store still works: ingest again
            assert ingest(store, *second).wait() == 0 and fingerprint(store) == after
    assert interrupted, "no kill landed while the ingest was writing: lengthen the ingest"
