"""Benchmark every named query on the corpus graph, against rdflib measured in the same run.

Targets (issue 4): each named query warm at p50 <= 10 ms on Oxigraph; `govkg query` from a
cold start (a new process: imports, opening the store, resolving labels, the query) <= 1.5 s.
Oxigraph runs in memory (the Python API's `govkg.load()`) and on disk (the store `govkg build`
leaves, which the CLI reads); the baseline is an rdflib in-memory Dataset (default graph =
union) holding the same quads and running the same query text with the same initBindings.

Run: python benchmarks/bench_queries.py [--runs N] [--json FILE] [--check]
(--check exits 1 when a target is missed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govkg.build import build_into_store
from queries.catalog import NamedQuery, load_catalog
from queries.runner import bind_params

WARM_TARGET_MS = 10.0
COLD_TARGET_S = 1.5
COLD_QUERY = ["query", "who-holds-to-account", "-p", "post=Head of the Civil Service"]


def p50_ms(run: Callable[[], int], runs: int) -> tuple[float, int]:
    """The median wall time of `runs` calls (after two warm-up calls), and the row count."""
    rows = run()
    run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, rows


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def rdflib_dataset(store: ox.Store) -> rdflib.Dataset:
    """The same quads in an rdflib Dataset whose default graph is the union."""
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    return dataset


def example_params(store: ox.Store, query: NamedQuery) -> dict[str, Any]:
    """Each parameter's example, bound as the runner would bind it."""
    return bind_params(store, query, {p.name: p.example for p in query.params})


def bench_query(
    stores: dict[str, ox.Store], ds: rdflib.Dataset, query: NamedQuery, runs: int
) -> dict[str, Any]:
    """One query's p50 on each engine."""
    subs = example_params(stores["memory"], query)
    row: dict[str, Any] = {"query": query.name}
    for name, store in stores.items():
        variables = {ox.Variable(k): v for k, v in subs.items()} or None

        def run(store: ox.Store = store, variables: Any = variables) -> int:
            answer = store.query(
                query.text, use_default_graph_as_union=True, substitutions=variables
            )
            return len(list(answer))  # type: ignore[arg-type]

        row[name], row["rows"] = p50_ms(run, runs)
    bindings: dict[str, Any] = {k: to_rdflib(v) for k, v in subs.items()}
    try:
        row["rdflib"], row["rdflib_rows"] = p50_ms(
            lambda: len(ds.query(query.text, initBindings=bindings)), max(3, runs // 10)
        )
    except Exception as exc:  # rdflib fails on some valid SPARQL: report it, keep going
        row["rdflib"], row["rdflib_rows"], row["rdflib_error"] = None, None, type(exc).__name__
    return row


def cold_start(store_path: Path, runs: int = 5) -> list[float]:
    """Wall times of `govkg query ...` in a fresh Python process."""
    script = "import sys; from govkg.cli import main; sys.argv[0] = 'govkg'; main()"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", script, *COLD_QUERY, "--store", str(store_path)],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return times


def print_table(rows: list[dict[str, Any]]) -> None:
    """The per-query table: p50 in ms per engine and rdflib's ratio to Oxigraph in memory."""
    print(
        f"{'query':28} {'rows':>5} {'oxigraph mem':>13} {'oxigraph disk':>14}"
        f" {'rdflib':>10} {'rdflib/ox':>10}  ok"
    )
    for r in rows:
        ok = "yes" if r["memory"] <= WARM_TARGET_MS else "NO"
        if r["rdflib"] is None:
            baseline, note = f"{'error':>9}  {'-':>9} ", f"  (rdflib: {r['rdflib_error']})"
        else:
            ratio = r["rdflib"] / max(r["memory"], 1e-6)
            baseline = f"{r['rdflib']:9.2f}  {ratio:9.1f}x"
            note = "" if r["rows"] == r["rdflib_rows"] else f"  (rdflib rows: {r['rdflib_rows']})"
        print(
            f"{r['query']:28} {r['rows']:5d} {r['memory']:12.2f}  {r['disk']:13.2f}"
            f"  {baseline}  {ok}{note}"
        )


def main() -> int:
    """Run the benchmark and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed runs per query (default 50)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        memory, disk_path = ox.Store(), Path(tmp) / "store"
        build_into_store(memory)
        disk = ox.Store(str(disk_path))
        disk.extend(list(memory))
        disk.flush()
        ds = rdflib_dataset(memory)
        print(
            f"corpus graph: {len(memory)} quads; {args.runs} warm runs per query"
            f" (rdflib: {max(3, args.runs // 10)})"
        )
        rows = [
            bench_query({"memory": memory, "disk": disk}, ds, q, args.runs)
            for q in load_catalog().values()
        ]
        del disk
        cold = cold_start(disk_path)
    print_table(rows)
    worst = max(r["memory"] for r in rows)
    print(
        f"\nwarm p50: worst {worst:.2f} ms (target <= {WARM_TARGET_MS} ms); "
        f"median over queries {statistics.median(r['memory'] for r in rows):.2f} ms"
    )
    print(
        f"cold start `govkg {' '.join(COLD_QUERY)}`: median {statistics.median(cold):.2f} s, "
        f"max {max(cold):.2f} s (target <= {COLD_TARGET_S} s)"
    )
    if args.json:
        args.json.write_text(json.dumps({"queries": rows, "cold_start_s": cold}, indent=2))
    missed = worst > WARM_TARGET_MS or statistics.median(cold) > COLD_TARGET_S
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
