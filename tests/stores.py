"""The bundled corpus built into an on-disk store: where the CLI, server and browser tests start."""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox

from govkg.build import build_into_store


def corpus_on_disk(path: Path) -> Path:
    """Build the bundled corpus into an Oxigraph store at `path`, closed for others to open."""
    store = ox.Store(str(path))
    build_into_store(store)
    store.flush()
    del store  # close the writer: a CLI or a read-only opener comes next
    gc.collect()
    return path
