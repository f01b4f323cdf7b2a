"""Golden graphs for organogram ingest: the bundled CSVs -> stored N-Quads (gzip).

Each case ingests one release (or one compiled file) into an empty store, as
`govkg ingest organogram` does, and the test compares every named graph with the stored
N-Quads by graph isomorphism (rdflib.compare, as morph-kgc does for its golden graphs).
When the ingest changes on purpose, regenerate and review the diff:

    python tests/golden_graphs.py            # rewrites tests/golden/organograms/*.nq.gz
"""

from __future__ import annotations

import gzip
import sys
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from graphbuild.organogram import build_organograms, load_result

GOLDEN = Path(__file__).parent / "golden" / "organograms"
CASES: dict[str, tuple[str, ...]] = {
    "cabinet-office-2013-09-30": (
        "cabinet-office-2013-09-30-senior.csv",
        "cabinet-office-2013-09-30-junior.csv",
    ),
    "cabinet-office-2011-2017": ("cabinet-office-2011-2017.csv",),
    "dcms-2010-2015": ("dcms-2010-2015.csv",),
    "defra-example-cp1252": (
        "defra-example-senior-cp1252.csv",
        "defra-example-junior-cp1252.csv",
    ),
}


def organogram_files(case: str) -> list[Path]:
    """The bundled CSVs of one case."""
    folder = Path(str(resources.files("corpus") / "organograms"))
    return [folder / name for name in CASES[case]]


def ingested_nquads(case: str) -> str:
    """The case's CSVs ingested into an empty store, as sorted N-Quads (one quad a line)."""
    store = ox.Store()
    load_result(store, build_organograms(organogram_files(case)))
    text = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return "".join(sorted(text.splitlines(keepends=True)))


def golden_path(case: str) -> Path:
    """Where a case's golden N-Quads live."""
    return GOLDEN / f"{case}.nq.gz"


def write_goldens() -> None:
    """Regenerate every golden file (deterministic: sorted lines, gzip without a timestamp)."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        text = ingested_nquads(case)
        golden_path(case).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        print(f"wrote {golden_path(case)} ({text.count(chr(10))} quads)")


if __name__ == "__main__":
    sys.exit(write_goldens())
