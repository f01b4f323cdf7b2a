"""The organogram benchmark (benchmarks/bench_organograms.py) runs end to end at small scale.

The full run (412,000 posts, `make bench`) takes minutes; this keeps the script, the
generator and the rdflib baseline from rotting between runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "benchmarks" / "bench_organograms.py"


def run_bench(*args: str) -> subprocess.CompletedProcess[str]:
    """The benchmark script as `make bench` runs it, with these arguments."""
    return subprocess.run(
        [sys.executable, str(BENCH), *args], capture_output=True, text=True, timeout=300
    )


def test_small_run_reports_every_measure_and_both_ratios() -> None:
    """2,000 posts: ingest, checks, chains, rdflib and in-memory baselines, all reported."""
    done = run_bench("--posts", "2000")
    assert done.returncode == 0, done.stderr[-2000:]
    for line in (
        "2,000 posts, ",
        "govkg ingest organogram: wall, peak RSS",
        "all checks, every snapshot",
        "one chain to the top",
        "baseline: rdflib in-memory ingest, 2,000 posts",
        "ratio rdflib / govkg in memory: time",
        "ratio rdflib / govkg on disk: time",
        "all targets met",
    ):
        assert line in done.stdout


def test_too_few_posts_is_a_usage_error() -> None:
    """The generator needs 1,000 posts (20 departments): say so, no traceback."""
    done = run_bench("--posts", "5000", "--quick-baseline")
    assert done.returncode == 2
    assert "at least 1,000 posts" in done.stderr and "Traceback" not in done.stderr
