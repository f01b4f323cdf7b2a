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


GENERATOR = Path(__file__).parent.parent / "benchmarks" / "gen_civil_service.py"


def generated(folder: Path, hash_seed: str, *args: str) -> dict[str, bytes]:
    """The generator's files, written by a process with this PYTHONHASHSEED."""
    env = {"PYTHONHASHSEED": hash_seed, "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, str(GENERATOR), "--posts", "2000", "--out", str(folder), *args]
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return {p.name: p.read_bytes() for p in folder.glob("*.csv")}


def test_the_generator_is_reproducible(tmp_path: Path) -> None:
    """Regression: real spans were read in set order, so each run drew another service."""
    assert generated(tmp_path / "a", "1") == generated(tmp_path / "b", "2")


def test_a_later_release_changes_only_its_churn(tmp_path: Path) -> None:
    """--release with --churn keeps the posts and changes about that share of them."""
    first = generated(tmp_path / "a", "1")
    later = generated(tmp_path / "b", "1", "--release", "2015-09-30", "--churn", "0.1")
    old = first["cabinet-office-2015-03-31-senior.csv"].decode().splitlines()
    new = later["cabinet-office-2015-09-30-senior.csv"].decode().splitlines()
    changed = sum(a != b for a, b in zip(old, new, strict=True))
    assert 0.05 * len(old) < changed < 0.15 * len(old)


DOCUMENTS = Path(__file__).parent.parent / "benchmarks" / "bench_documents.py"


def test_document_benchmark_runs_at_small_scale() -> None:
    """12 documents in text, PDF and HTML: build, bare-parsing baseline and ratio reported."""
    done = subprocess.run(
        [sys.executable, str(DOCUMENTS), "--documents", "12"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "12 documents (4 PDF" in done.stdout, done.stderr[-2000:]
    assert ", 0 failed" in done.stdout
    for line in ("govkg build (no reasoner)", "baseline: pdfplumber", "ratio build / bare parsing"):
        assert line in done.stdout


REPORT = Path(__file__).parent.parent / "benchmarks" / "bench_report.py"


def test_report_benchmark_runs_at_small_scale() -> None:
    """The report benchmark end to end at 2,000 posts (the full run is `make bench`)."""
    done = subprocess.run(
        [sys.executable, str(REPORT), "--posts", "2000"], capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    for line in ("govkg report (cold command)", "baseline: govkg check chains", "all targets met"):
        assert line in done.stdout
