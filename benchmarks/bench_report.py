"""Benchmark: `govkg report` over the corpus and a 412,000-post organogram store, at most 20 s.

Issue "govkg report", Tests and measures. The bundled corpus is built into a store, then the
synthetic civil service (benchmarks/gen_civil_service.py: about 20 departments, 412,000
senior posts) is ingested twice, as a release and a later one with a tenth of the posts
changed, so the report has releases to compare. `govkg report` is timed as a user runs it
(a cold command); as a baseline in the same run, `govkg check chains` over the same store
(the structural checks the report's organogram section also runs).
Run: `python benchmarks/bench_report.py [--posts N]` (or `make bench`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_civil_service import MIN_POSTS, generate

TARGET_SECONDS = 20.0
GOVKG = str(Path(sys.executable).with_name("govkg"))


def timed(*args: str) -> float:
    """Wall seconds of one govkg command (exit 0 or 1: findings are not failures)."""
    start = time.perf_counter()
    done = subprocess.run([GOVKG, *args], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"govkg {args[0]} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Build, ingest two releases, time the report and the baseline; exit 1 on a miss."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=412_000)
    args = parser.parse_args(argv)
    if args.posts < MIN_POSTS:
        parser.error(f"--posts {args.posts}: at least {MIN_POSTS:,}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = str(folder / "store")
        timed("build", "--quiet", "--store", store)
        for name, release, churn in (("first", date(2015, 3, 31), 0.0),
                                     ("later", date(2015, 9, 30), 0.1)):  # fmt: skip
            files = generate(args.posts, folder / name, release=release, churn=churn)
            timed("ingest", "organogram", "--quiet", *map(str, files), "--store", store)
        report = timed("report", "-o", str(folder / "report"), "--store", store)
        checks = timed("check", "chains", "--store", store)
        pages = (folder / "report" / "report.html").stat().st_size
    print(f"corpus + {args.posts:,} posts in two releases")
    print(f"{'govkg report (cold command)':45s} {report:8.1f} s  ({pages / 1e6:.1f} MB page)")
    print(f"{'baseline: govkg check chains (cold command)':45s} {checks:8.1f} s")
    print(f"{'ratio report / check chains':45s} {report / checks:8.2f} x")
    met = report <= TARGET_SECONDS
    print(f"target: report ≤ {TARGET_SECONDS:.0f} s -> {'all targets met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
