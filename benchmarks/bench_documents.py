"""Benchmark: build 200 documents in text, PDF and HTML; target ≤ 2x bare parsing, ≤ 15 s.

Issue "Real documents in any layout and format", Performance. The documents are the layout
fixtures and the bundled documents (tests/fixtures/layouts, corpus/documents) rendered in
turn to .txt, .pdf and .html (tests/render_documents.py), copied until there are N. The
build (no reasoner) is timed against, in the same run, the bare parsing of the same files:
pdfplumber extracting every page's text and tables, BeautifulSoup reading every page's
text, and reading every text file. Reports documents per second and seconds per PDF page.
Run: `python benchmarks/bench_documents.py [--documents N]` (or `make bench`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from render_documents import to_html, to_pdf  # noqa: E402

from graphbuild.pipeline import build_paths  # noqa: E402

MAX_RATIO = 2.0
MAX_SECONDS = 15.0
BUNDLED = (
    "cabinet-secretary-objectives-2015-16",
    "cabinet-office-departmental-improvement-plan-2014",
)


def sources() -> list[tuple[str, str]]:
    """(name, plain text) of every document the benchmark renders."""
    layouts = ROOT / "tests" / "fixtures" / "layouts"
    found = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(layouts.glob("*.txt"))]
    found += [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(layouts.glob("pdf/*.source"))]
    corpus = ROOT / "corpus" / "documents"
    return found + [(n, (corpus / f"{n}.txt").read_text(encoding="utf-8")) for n in BUNDLED]


def write_documents(folder: Path, count: int) -> list[Path]:
    """N documents, cycling through the sources and the three formats."""
    texts = sources()
    paths = []
    for i in range(count):
        name, text = texts[i % len(texts)]
        fmt = ("txt", "pdf", "html")[i % 3]
        path = folder / f"{i:03d}-{name}.{fmt}"
        if fmt == "txt":
            path.write_text(text.replace("# ", ""), encoding="utf-8")
        else:
            (to_pdf if fmt == "pdf" else to_html)(text, path)
        paths.append(path)
    return paths


def bare_parse(paths: list[Path]) -> tuple[float, int]:
    """Seconds to parse every file with its library alone, and the number of PDF pages."""
    pages = 0
    start = time.perf_counter()
    for path in paths:
        if path.suffix == ".pdf":
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()
                    pages += 1
        elif path.suffix == ".html":
            BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ")
        else:
            path.read_text(encoding="utf-8")
    return time.perf_counter() - start, pages


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_documents(folder, args.documents)
        baseline, pages = bare_parse(paths)
        start = time.perf_counter()
        result = build_paths([folder])
        build = time.perf_counter() - start
    failed = [d for d in result.report.documents if d.error]
    pdfs = sum(p.suffix == ".pdf" for p in paths)
    print(f"{args.documents} documents ({pdfs} PDF, {pages} PDF pages), {len(failed)} failed")
    print(f"{'govkg build (no reasoner)':52s} {build:8.2f} s")
    print(f"{'baseline: pdfplumber + BeautifulSoup + read, bare':52s} {baseline:8.2f} s")
    print(f"{'documents per second':52s} {args.documents / build:8.1f}")
    print(f"{'seconds per PDF page, bare pdfplumber':52s} {baseline / max(pages, 1):8.3f}")
    ratio = build / baseline
    print(f"{'ratio build / bare parsing':52s} {ratio:8.2f} x")
    met = ratio <= MAX_RATIO and build <= MAX_SECONDS and not failed
    verdict = "all targets met" if met else "MISSED"
    print(
        f"targets: ≤ {MAX_RATIO:.0f}x bare parsing, ≤ {MAX_SECONDS:.0f} s, no failure -> {verdict}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
