"""Benchmark: build the bundled corpus (no reasoner), target at most 3 s on 2 cores.

Reports the in-process build (median of runs), the cold `govkg build` command, and, as a
baseline measured in the same run, rdflib parsing the exported TriG of the same graph.
Run: `python benchmarks/bench_build.py` (or `make bench`).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

from graphbuild.pipeline import build_corpus

TARGET_SECONDS = 3.0
RUNS = 5


def timed(func: object) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    func()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    """Run the benchmark and print a table; exit 1 when the target is missed."""
    in_process = [timed(build_corpus) for _ in range(RUNS)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "g.trig"
        govkg = Path(sys.executable).with_name("govkg")
        cmd = [str(govkg), "build", "--quiet", "--store", f"{tmp}/s", "--out", str(out)]
        cold = timed(lambda: subprocess.run(cmd, check=True, capture_output=True))
        baseline = statistics.median(
            timed(lambda: Dataset().parse(out, format="trig")) for _ in range(RUNS)
        )
    build = statistics.median(in_process)
    rows = [
        ("build corpus, in process (median)", build),
        ("govkg build, cold command (build + store + export)", cold),
        ("baseline: rdflib parses the built TriG (median)", baseline),
    ]
    for name, seconds in rows:
        print(f"{name:55s} {seconds * 1000:8.0f} ms")
    print(f"{'ratio build / baseline':55s} {build / baseline:8.2f} x")
    verdict = "met" if build <= TARGET_SECONDS else "MISSED"
    print(f"target: build ≤ {TARGET_SECONDS:.0f} s -> {verdict}")
    return 0 if build <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
