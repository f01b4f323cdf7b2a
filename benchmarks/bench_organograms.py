"""Benchmark: the whole Civil Service as organograms (412,000 posts) on a 2-core machine.

Targets (issues 5 and 13): `govkg ingest organogram` at most 30 s and 2 GB peak memory; all
chain checks at most 5 s; one chain to the top at most 5 ms; after a second release of the
same posts (a tenth changed) is ingested, `govkg diff organogram` between the two releases
at most 5 s and the timeline of one post (`post-timeline`) at most 50 ms. Baseline, measured
in the same run on the same data: the same ingest with rdflib's in-memory Dataset as the
store (CSV -> the same TriG -> rdflib; about 3 minutes and 6 GB at 412,000 posts). Beside
it, the same ingest into an in-memory Oxigraph store: the like-for-like comparison, as
rdflib neither persists nor indexes by graph on disk. `--quick-baseline` runs rdflib on a
tenth of the posts instead (govkg measured there too) and extrapolates linearly, as the
output says. The data comes from benchmarks/gen_civil_service.py. Child CPU seconds are
printed beside wall times: on a shared machine they vary less.

Run: `python benchmarks/bench_organograms.py [--posts 412000] [--data DIR] [--quick-baseline]`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_civil_service import MIN_POSTS, generate

from graphbuild.organogram import tables_folder
from queries.changes import diff_organograms
from queries.checks import chain_to_top, direct_reports, find_posts, load_organograms, run_checks
from queries.runner import run_query

TARGETS = {"ingest_s": 30.0, "ingest_gb": 2.0, "checks_s": 5.0, "chain_ms": 5.0}
TARGETS |= {"diff_s": 5.0, "timeline_ms": 50.0}
SECOND_RELEASE = "2015-09-30"
BASELINE_SHARE = 10
RDFLIB_INGEST = """
import sys
from pathlib import Path
from rdflib import Dataset
from graphbuild.organogram import build_organograms
result = build_organograms(sorted(Path(sys.argv[1]).glob("*.csv")))
dataset = Dataset()
for chunk in result.chunks():
    dataset.parse(data=chunk, format="trig")
print(len(dataset))
"""
MEMORY_INGEST = """
import sys
from pathlib import Path
import pyoxigraph as ox
from graphbuild.organogram import ingest_files
store = ox.Store()
ingest_files(lambda: store, sorted(Path(sys.argv[1]).glob("*.csv")))
print(len(store))
"""


def run(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (GB) and stdout of a child; prints its CPU seconds too."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in (0, 1):
            raise RuntimeError(f"{cmd[0]} failed ({code}): {err.read()[-2000:]}")
        cpu = usage.ru_utime + usage.ru_stime
        print(f"  {Path(cmd[0]).name} {cmd[1]}: {seconds:.1f} s wall, {cpu:.1f} s CPU", flush=True)
        return seconds, usage.ru_maxrss / 1024 / 1024, out.read()


def ingest(data: Path, store: Path) -> tuple[float, float]:
    """`govkg ingest organogram` over every CSV of a folder, as a user runs it."""
    govkg = str(Path(sys.executable).with_name("govkg"))
    files = sorted(str(p) for p in data.glob("*.csv"))
    seconds, peak_gb, _ = run(
        [govkg, "ingest", "organogram", *files, "--store", str(store), "--quiet"]
    )
    return seconds, peak_gb


def in_memory_ingest(data: Path, script: str) -> tuple[float, float, int]:
    """An ingest into an in-memory store (rdflib's, the baseline, or Oxigraph's): s, GB, quads."""
    seconds, peak_gb, out = run([sys.executable, "-c", script, str(data)])
    return seconds, peak_gb, int(out.strip().splitlines()[-1])


def time_checks(store: ox.Store, runs: int = 3) -> tuple[float, float, int]:
    """Median and best seconds of every check over every snapshot; the number of findings."""
    times, findings = [], 0
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        findings = len(run_checks(store).findings)
        times.append(time.perf_counter() - start)
        print(
            f"  checks: {times[-1]:.2f} s wall, {time.process_time() - cpu:.2f} s CPU", flush=True
        )
    return statistics.median(times), min(times), findings


def time_chains(store: ox.Store, samples: int = 200) -> tuple[float, float, float]:
    """Median and 95th percentile ms of one chain to the top plus direct reports; and lookup."""
    organograms = load_organograms(store)
    rng = random.Random(1)
    picks = [(o.ref.graph, p) for o in organograms for p in rng.sample(sorted(o.levels), 10)]
    deepest = [(o.ref.graph, max(o.levels, key=o.levels.__getitem__)) for o in organograms]
    times = []
    for graph, post in rng.sample(picks, min(samples, len(picks))) + deepest:
        start = time.perf_counter()
        chain_to_top(store, post, graph)
        direct_reports(store, post, graph)
        times.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    found = find_posts(store, organograms[0].ref_of(deepest[0][1]))
    lookup = (time.perf_counter() - start) * 1000
    assert found.organogram
    return statistics.median(times), sorted(times)[int(len(times) * 0.95)], lookup


def time_diff_and_timeline(posts: int, folder: Path, store_path: Path) -> tuple[float, int, float]:
    """Ingest a second release (a tenth of the posts changed); time the diff and timelines."""
    later = folder / f"data-{posts}-{SECOND_RELEASE}"
    generate(posts, later, release=date.fromisoformat(SECOND_RELEASE), churn=0.1)
    ingest(later, store_path)
    store = ox.Store.read_only(str(store_path))
    start = time.perf_counter()
    tables = tables_folder(store_path)  # as `govkg diff organogram` reads them
    diffs = diff_organograms(store, "2015-03-31", SECOND_RELEASE, tables=tables)
    diff_s = time.perf_counter() - start
    changes = sum(len(d.changes) for d in diffs)
    print(f"  diff: {diff_s:.2f} s, {changes:,} changes", flush=True)
    rng = random.Random(3)
    refs = [
        r for o in load_organograms(store, ["2015-03-31"]) for r in rng.sample(sorted(o.posts), 5)
    ]
    times = []
    for post in refs:
        ref = unquote(post.rsplit("/post/", 1)[-1])
        start = time.perf_counter()
        assert run_query(store, "post-timeline", {"post": ref}).rows
        times.append((time.perf_counter() - start) * 1000)
    return diff_s, changes, statistics.median(times)


def measure(posts: int, folder: Path, data: Path | None) -> tuple[dict[str, float], Path]:
    """Generate (unless given), ingest, check and walk chains at one size; then a diff."""
    data = data or folder / f"data-{posts}"
    if not any(data.glob("*.csv")):
        generate(posts, data)
    store_path = folder / f"store-{posts}"
    seconds, peak = ingest(data, store_path)
    store = ox.Store.read_only(str(store_path))
    checks, best, findings = time_checks(store)
    chain_ms, chain_p95, lookup_ms = time_chains(store)
    quads = len(store)
    del store  # read-only handle: the second release is ingested next
    diff_s, changes, timeline_ms = time_diff_and_timeline(posts, folder, store_path)
    return {
        "diff_s": diff_s,
        "changes": changes,
        "timeline_ms": timeline_ms,
        "posts": posts,
        "quads": quads,
        "ingest_s": seconds,
        "ingest_gb": peak,
        "checks_s": checks,
        "checks_best_s": best,
        "findings": findings,
        "chain_ms": chain_ms,
        "chain_p95_ms": chain_p95,
        "lookup_ms": lookup_ms,
    }, data


def main() -> int:
    """Run the benchmark, print the table, exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=412_000)
    parser.add_argument("--data", type=Path, help="an already generated folder of CSVs")
    parser.add_argument(
        "--quick-baseline", action="store_true", help="rdflib on a tenth of the posts"
    )
    args = parser.parse_args()
    generated = [args.posts // BASELINE_SHARE] if args.quick_baseline else []
    generated += [] if args.data else [args.posts]
    if min(generated, default=MIN_POSTS) < MIN_POSTS:
        parser.error(f"--posts: the generator needs at least {MIN_POSTS:,} posts per run")
    print(f"cpus {os.cpu_count()}, load average before {os.getloadavg()[0]:.2f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmp:
        folder = Path(tmp)
        full, data = measure(args.posts, folder, args.data)
        if args.quick_baseline:
            small, small_data = measure(args.posts // BASELINE_SHARE, folder, None)
        else:
            small, small_data = full, data
        memory = in_memory_ingest(small_data, MEMORY_INGEST)
        base = in_memory_ingest(small_data, RDFLIB_INGEST)
    report(full, small, memory, base, not args.quick_baseline)
    print(f"load average after {os.getloadavg()[0]:.2f}")
    missed = [k for k, limit in TARGETS.items() if full[k] > limit]
    print("all targets met" if not missed else f"targets MISSED: {', '.join(missed)}")
    return 1 if missed else 0


def report(
    full: dict[str, float],
    small: dict[str, float],
    memory: tuple[float, float, int],
    base: tuple[float, float, int],
    exact: bool,
) -> None:
    """Print the results table and the baseline ratios."""
    n, m = f"{full['posts']:,.0f}", f"{small['posts']:,.0f}"
    base_s, base_gb, base_quads = base
    rows = [
        ("posts / quads", f"{n} posts, {full['quads']:,.0f} quads"),
        ("govkg ingest organogram: wall, peak RSS", _cost(full["ingest_s"], full["ingest_gb"])),
        ("all checks, every snapshot: median of 3, best", _pair(full, "checks")),
        ("  findings reported", f"{full['findings']:.0f}"),
        ("one chain to the top + direct reports: median", f"{full['chain_ms']:.2f} ms"),
        ("  95th percentile", f"{full['chain_p95_ms']:.2f} ms"),
        ("find a post by reference", f"{full['lookup_ms']:.1f} ms"),
        (
            "govkg diff organogram, two releases",
            f"{full['diff_s']:.2f} s, {full['changes']:,.0f} changes",
        ),
        ("timeline of one post: median", f"{full['timeline_ms']:.1f} ms"),
        (f"baseline: rdflib in-memory ingest, {m} posts", _cost(base_s, base_gb)),
        ("  rdflib len(dataset): distinct triples", f"{base_quads:,}"),
        (f"govkg ingest into in-memory Oxigraph, {m} posts", _cost(memory[0], memory[1])),
        (
            f"govkg ingest organogram (on disk), {m} posts",
            _cost(small["ingest_s"], small["ingest_gb"]),
        ),
        ("ratio rdflib / govkg in memory: time", f"{base_s / memory[0]:.1f}x"),
        ("ratio rdflib / govkg on disk: time", f"{base_s / small['ingest_s']:.1f}x"),
        ("ratio rdflib / govkg on disk: memory", f"{base_gb / small['ingest_gb']:.1f}x"),
    ]
    if not exact:
        scale = full["posts"] / small["posts"]
        estimate = base_s * scale
        rows.append((f"rdflib at {n} posts, extrapolated x{scale:.0f}", f"~{estimate:.0f} s"))
        rows.append(
            (
                "ratio rdflib (extrapolated) / govkg on disk, full size",
                f"~{estimate / full['ingest_s']:.1f}x",
            )
        )
    for name, value in rows:
        print(f"{name:50s} {value}")


def _pair(row: dict[str, float], name: str) -> str:
    """'4.41 s, best 3.90 s'."""
    return f"{row[name + '_s']:.2f} s, best {row[name + '_best_s']:.2f} s"


def _cost(seconds: float, gb: float) -> str:
    """'31.2 s, 0.89 GB'."""
    return f"{seconds:.1f} s, {gb:.2f} GB"


if __name__ == "__main__":
    raise SystemExit(main())
