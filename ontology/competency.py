"""The competency questions (CQ1–CQ20) and the map from each to the terms that answer it.

Implements the ontology's scope check (docs/architecture.md §4): ontology/competency-questions.md
lists the questions, ontology/competency-map.toml names for each the ontology terms and the
named query that answer it. `unmapped()` and `unknown_terms()` say where the two disagree
with the ontology; `questions_for()` tells the reference docs which questions a term serves.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ontology import load_ontology, read_text

QUESTIONS_FILE = "competency-questions.md"
MAP_FILE = "competency-map.toml"
_CQ_LINE = re.compile(r"^(CQ\d+)\s+(\S.*)$")
_BUILT_INS = (RDF, RDFS, OWL, XSD)


@dataclass(frozen=True)
class MapEntry:
    """One competency question's entry in the map."""

    cq: str
    question: str
    terms: tuple[str, ...]
    answered_by: tuple[str, ...]
    command: str | None = None
    note: str | None = None


def cq_number(cq: str) -> int:
    """The number of a CQ id ("CQ12" -> 12), for sorting."""
    return int(cq.removeprefix("CQ"))


def parse_questions(text: str | None = None) -> dict[str, str]:
    """CQ id -> question text from competency-questions.md (wrapped lines joined, no e.g.)."""
    lines = (read_text(QUESTIONS_FILE) if text is None else text).splitlines()
    questions: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        match = _CQ_LINE.match(line)
        if match:
            current = match.group(1)
            questions[current] = [match.group(2).strip()]
        elif current and line[:1].isspace() and line.strip():
            if line.strip().startswith("e.g."):
                current = None
            else:
                questions[current].append(line.strip())
        else:
            current = None
    return {cq: " ".join(parts) for cq, parts in questions.items()}


def _entry(cq: str, table: dict[str, Any]) -> MapEntry:
    """Build one map entry from its TOML table."""
    return MapEntry(
        cq=cq,
        question=str(table.get("question", "")),
        terms=tuple(str(t) for t in table.get("terms", [])),
        answered_by=tuple(str(q) for q in table.get("answered_by", [])),
        command=table.get("command"),
        note=table.get("note"),
    )


def load_map(text: str | None = None) -> dict[str, MapEntry]:
    """CQ id -> map entry, from competency-map.toml (or the given TOML text)."""
    data = tomllib.loads(read_text(MAP_FILE) if text is None else text)
    return {cq: _entry(cq, table) for cq, table in data.items() if isinstance(table, dict)}


def joined(
    questions: dict[str, str], cmap: dict[str, MapEntry]
) -> list[tuple[str, str, MapEntry | None]]:
    """Every CQ of the questions file or the map, in order, with its text and map entry."""
    ids = sorted(set(questions) | set(cmap), key=cq_number)
    return [(cq, questions.get(cq, ""), cmap.get(cq)) for cq in ids]


def unmapped(
    questions: dict[str, str] | None = None, cmap: dict[str, MapEntry] | None = None
) -> list[str]:
    """CQs of the questions file that have no map entry, or an entry with no terms."""
    questions = parse_questions() if questions is None else questions
    cmap = load_map() if cmap is None else cmap
    missing = [cq for cq in questions if cq not in cmap or not cmap[cq].terms]
    return sorted(missing, key=cq_number)


def expand(curie: str, graph: Graph) -> URIRef | None:
    """The IRI a CURIE stands for under the graph's prefixes (None for an unknown prefix)."""
    prefix, sep, local = curie.partition(":")
    if not sep:
        return None
    namespaces = dict(graph.namespaces())
    return URIRef(f"{namespaces[prefix]}{local}") if prefix in namespaces else None


def is_known(iri: URIRef, graph: Graph) -> bool:
    """True when the ontology defines or declares the IRI, or RDF/RDFS/OWL/XSD builds it in."""
    if (iri, None, None) in graph:
        return True
    return any(str(iri).startswith(str(ns)) and iri in ns for ns in _BUILT_INS)


def unknown_terms(cmap: dict[str, MapEntry] | None = None, graph: Graph | None = None) -> list[str]:
    """Mapped CURIEs that are neither defined nor declared in govkg.ttl + external.ttl."""
    cmap = load_map() if cmap is None else cmap
    graph = load_ontology() if graph is None else graph
    unknown: set[str] = set()
    for entry in cmap.values():
        for curie in entry.terms:
            iri = expand(curie, graph)
            if iri is None or not is_known(iri, graph):
                unknown.add(curie)
    return sorted(unknown)


def stale_questions(
    questions: dict[str, str] | None = None, cmap: dict[str, MapEntry] | None = None
) -> list[str]:
    """CQs whose question text in the map differs from the questions file."""
    questions = parse_questions() if questions is None else questions
    cmap = load_map() if cmap is None else cmap
    stale = [cq for cq, text in questions.items() if cq in cmap and cmap[cq].question != text]
    return sorted(stale, key=cq_number)


def term_index(
    cmap: dict[str, MapEntry] | None = None, graph: Graph | None = None
) -> dict[URIRef, list[str]]:
    """Term IRI -> the CQs it serves, sorted by number."""
    cmap = load_map() if cmap is None else cmap
    graph = load_ontology() if graph is None else graph
    index: dict[URIRef, list[str]] = {}
    for cq in sorted(cmap, key=cq_number):
        for curie in cmap[cq].terms:
            iri = expand(curie, graph)
            if iri is not None and cq not in index.setdefault(iri, []):
                index[iri].append(cq)
    return index


@lru_cache(maxsize=1)
def _shipped_index() -> dict[URIRef, list[str]]:
    """The term index of the shipped map and ontology, computed once."""
    return term_index()


def questions_for(term_iri: str, cmap: dict[str, MapEntry] | None = None) -> list[str]:
    """The CQs a term serves (e.g. gk:heldToAccountBy -> CQ1, CQ2, ...)."""
    index = _shipped_index() if cmap is None else term_index(cmap)
    return list(index.get(URIRef(term_iri), []))
