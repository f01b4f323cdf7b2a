"""The embedded Oxigraph store every command reads and writes (docs/architecture.md §6).

The store lives at `--store PATH`, else `$GOVKG_STORE`, else `.govkg/store` in the current
folder. Named graphs keep sources apart: one per document, one per organogram snapshot, the
ontology, and the reasoner's inferred graph.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from common.errors import StoreMissingError

DEFAULT_STORE = Path(".govkg") / "store"
ENV_VAR = "GOVKG_STORE"
BUILD_HINT = "run `govkg build` first (or pass --store PATH to a built store)"


def resolve_store_path(option: str | os.PathLike[str] | None = None) -> Path:
    """Return the store folder from the option, the environment, or the default."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else DEFAULT_STORE


def store_exists(path: Path) -> bool:
    """True when `path` holds an Oxigraph store (RocksDB writes a CURRENT file)."""
    return (path / "CURRENT").exists()


def open_store(path: Path, *, create: bool = False, read_only: bool = False) -> ox.Store:
    """Open the on-disk store; create it only when asked, else fail with a build hint.

    An ingest that was killed half-way left a journal beside the store: it is undone first,
    so that every command sees the store as it was before that ingest.
    """
    if not store_exists(path):
        if not create:
            raise StoreMissingError(f"no govkg store at {path}: {BUILD_HINT}")
        path.mkdir(parents=True, exist_ok=True)
    undo_interrupted_ingest(path)
    if read_only:
        return ox.Store.read_only(str(path))
    return ox.Store(str(path))


def undo_interrupted_ingest(path: Path) -> list[str]:
    """Restore the graphs an interrupted ingest into this store touched; say so on stderr."""
    from graphbuild.organogram import journal_folder, recover

    folder = journal_folder(path)
    if not folder.exists():
        return []
    store = ox.Store(str(path))
    try:
        restored = recover(store, folder)
    finally:
        del store  # releases RocksDB's lock before the store is opened again
    if restored:
        sys.stderr.write(
            f"govkg: an interrupted ingest was undone: {len(restored)} graph(s) restored\n"
        )
    return restored


def named_graphs(store: ox.Store) -> list[str]:
    """The IRIs of the named graphs in the store, sorted."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def load_rdflib_graph(store: ox.Store, graph: Graph, graph_iri: str) -> None:
    """Load an rdflib Graph into one named graph through N-Triples (Oxigraph's fast parser)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_iri))


def replace_graph_family(store: ox.Store, prefix: str, graphs: dict[str, Graph]) -> int:
    """Replace every named graph whose IRI starts with `prefix` by `graphs`; keep the rest."""
    for name in named_graphs(store):
        if name.startswith(prefix) and name not in graphs:
            store.remove_graph(ox.NamedNode(name))
    for name, graph in graphs.items():
        if store.contains_named_graph(ox.NamedNode(name)):
            store.remove_graph(ox.NamedNode(name))
        load_rdflib_graph(store, graph, name)
    store.flush()
    return sum(len(g) for g in graphs.values())
