"""Every named query on the corpus graph: it runs, its answer matches the golden answer read
from the documents (tests/golden/answers/<query>.json), and every quote it cites is verbatim.

Golden answer cases give params, the columns compared, and rows; a cell `~words` matches a
value whose text starts with those words (case, spaces and punctuation ignored), null an
empty cell. `exact` compares the distinct rows both ways, `contains` needs every golden row;
`filter` keeps only rows with given values first, `absent` rows must not appear. A case with
`organograms` (bundled CSV names) runs on the corpus plus those organograms, ingested.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from govkg.build import build_into_store
from graphbuild.organogram import build_organograms, load_result
from queries.catalog import load_catalog
from queries.runner import QueryResult, run_query

ANSWERS = Path(__file__).parent / "golden" / "answers"
DOCUMENTS = Path(__file__).parent.parent / "corpus" / "documents"
ORGANOGRAMS = Path(__file__).parent.parent / "corpus" / "organograms"
Row = tuple[str | None, ...]


@lru_cache(maxsize=1)
def corpus_store() -> ox.Store:
    """The bundled corpus built into an in-memory store (once per session)."""
    store = ox.Store()
    build_into_store(store)
    return store


@lru_cache(maxsize=4)
def store_with(organograms: tuple[str, ...]) -> ox.Store:
    """The corpus, plus these bundled organogram CSVs when any are named."""
    if not organograms:
        return corpus_store()
    store = ox.Store()
    build_into_store(store)
    load_result(store, build_organograms([ORGANOGRAMS / name for name in organograms]))
    return store


def golden_cases() -> list[tuple[str, dict[str, Any]]]:
    """(query, case) for every golden answer case."""
    cases = []
    for path in sorted(ANSWERS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        cases += [(doc["query"], case) for case in doc["cases"]]
    return cases


def _norm(text: str) -> str:
    """Lower case, punctuation and runs of spaces collapsed."""
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


def cell_matches(expected: str | None, actual: str | None) -> bool:
    """A golden cell against an answer cell."""
    if expected is None:
        return actual in (None, "")
    if actual is None:
        return False
    if expected.startswith("~"):
        return _norm(actual).startswith(_norm(expected[1:]))
    return actual == expected


def row_matches(expected: list[str | None], actual: Row) -> bool:
    """Every cell of a golden row matches."""
    return all(cell_matches(e, a) for e, a in zip(expected, actual, strict=True))


def answer_rows(result: QueryResult, case: dict[str, Any]) -> set[Row]:
    """The distinct values of the compared columns, after the case's filter."""
    index = {v: i for i, v in enumerate(result.variables)}
    kept = [
        row
        for row in result.rows
        if all(
            row[index[c]] is not None and row[index[c]].value == v
            for c, v in case.get("filter", {}).items()
        )
    ]
    return {
        tuple(None if r[index[c]] is None else r[index[c]].value for c in case["columns"])
        for r in kept
    }


def test_golden_answers_cover_every_query() -> None:
    assert {query for query, _ in golden_cases()} == set(load_catalog())


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_every_query_runs_on_the_corpus_with_its_examples(name: str) -> None:
    query = load_catalog()[name]
    required = {p.name: p.example for p in query.params if p.required}
    every = {p.name: p.example for p in query.params}
    for params in (required, every):
        result = run_query(corpus_store(), name, params)
        assert result.kind == "select"
        assert not any(v.startswith("_") for v in result.variables)


@pytest.mark.parametrize(
    ("name", "case"), golden_cases(), ids=lambda x: x if isinstance(x, str) else x["name"]
)
def test_golden_answer(name: str, case: dict[str, Any]) -> None:
    store = store_with(tuple(case.get("organograms", ())))
    got = answer_rows(run_query(store, name, case["params"]), case)
    golden = case["rows"]
    missing = [row for row in golden if not any(row_matches(row, a) for a in got)]
    assert not missing, (
        f"{case['name']}: rows missing from the answer: {missing}\nanswer: {sorted(got, key=str)}"
    )
    if case["match"] == "exact":
        extra = [a for a in got if not any(row_matches(row, a) for row in golden)]
        assert not extra, f"{case['name']}: rows not in the golden answer: {extra}"
    present = [row for row in case.get("absent", []) if any(row_matches(row, a) for a in got)]
    assert not present, f"{case['name']}: rows that must be absent: {present}"


# Queries whose rows aggregate several facts (counts, candidate pairs) carry no quote column;
# organogram queries cite their CSV rows (file:line) instead of a quote.
AGGREGATES = {"possible-same-person", "span-of-control", "people-in-post"}
AGGREGATES |= {"objectives-summary", "assessor-matrix", "locality-headcount", "organogram-summary"}
AGGREGATES |= {"posts-by-grade"}
ROW_CITING = {"post-at": ["sourceRow"], "post-timeline": ["sourceRow"]}
ROW_CITING["person-timeline"] = ["sourceRow"]
ROW_CITING["organogram-changes"] = ["rowBefore", "rowAfter"]


def test_only_aggregate_and_organogram_queries_lack_a_quote_column() -> None:
    """Every named query but those returns document and quote columns."""
    lacking = set()
    for name, query in load_catalog().items():
        result = run_query(corpus_store(), name, {p.name: p.example for p in query.params})
        if "quote" not in result.variables:
            lacking.add(name)
    assert lacking == AGGREGATES | ROW_CITING.keys()


@pytest.mark.parametrize("name", sorted(ROW_CITING))
def test_every_organogram_row_cites_its_csv_line(name: str) -> None:
    """Each cited file:line is a line of the bundled CSV naming the post's reference."""
    query = load_catalog()[name]
    store = store_with(("cabinet-office-2011-2017.csv", "dcms-2010-2015.csv"))
    params = {p.name: p.example for p in query.params if p.required or p.name == "post"}
    result = run_query(store, name, params)
    assert result.rows, f"{name}: no rows on the bundled organograms"
    index = {v: i for i, v in enumerate(result.variables)}
    lines: dict[str, list[str]] = {}
    for row in result.rows:
        ref = row[index["ref"]].value
        for column in ROW_CITING[name]:
            cited = row[index[column]]
            for source in cited.value.split() if cited is not None else []:
                file, line = source.rsplit(":", 1)
                if file not in lines:
                    lines[file] = (ORGANOGRAMS / file).read_text("utf-8").splitlines()
                assert f",{ref}," in lines[file][int(line) - 1], (name, source, ref)


@pytest.mark.parametrize("name", sorted(set(load_catalog()) - AGGREGATES - ROW_CITING.keys()))
def test_every_quoted_row_cites_its_document_verbatim(name: str) -> None:
    query = load_catalog()[name]
    result = run_query(corpus_store(), name, {p.name: p.example for p in query.params})
    doc_column = next((c for c in ("document", "documents") if c in result.variables), None)
    assert "quote" in result.variables and doc_column is not None
    q, d = result.variables.index("quote"), result.variables.index(doc_column)
    cited = 0
    for row in result.rows:
        if row[q] is None or row[d] is None:
            continue
        documents = [DOCUMENTS / f"{doc.strip()}.txt" for doc in row[d].value.split(",")]
        assert any(row[q].value in p.read_text(encoding="utf-8") for p in documents), row[q].value
        cited += 1
    assert cited or not result.rows, f"{name}: no row carries its evidence"


def test_evidence_offsets_point_at_the_quote() -> None:
    result = run_query(corpus_store(), "evidence-for", {"subject": "Cabinet Secretary"})
    cols = {v: i for i, v in enumerate(result.variables)}
    stated = [r for r in result.rows if r[cols["kind"]].value == "stated"]
    assert stated
    for row in stated:
        raw = (DOCUMENTS / f"{row[cols['document']].value}.txt").read_text(encoding="utf-8")
        start, end = int(row[cols["quoteStart"]].value), int(row[cols["quoteEnd"]].value)
        assert raw[start:end] == row[cols["quote"]].value
        assert raw.count("\n", 0, start) + 1 == int(row[cols["line"]].value)
