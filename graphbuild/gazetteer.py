"""The gazetteer: recognise posts, bodies, organisations, codes and themes by their labels.

Generated from the ontology's skos:prefLabel and skos:altLabel (docs/architecture.md §5), so
adding a spelling is a one-line ontology change. Multi-word labels match case-insensitively across
any whitespace; short all-capital acronyms ("MCO", "GDS") match case-sensitively as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

ACRONYM_MAX = 5


@dataclass(frozen=True)
class Entry:
    """One label of one reference individual."""

    label: str
    iri: URIRef
    pref_label: str
    types: frozenset[URIRef]


@dataclass(frozen=True)
class Match:
    """A label found in a text, with offsets into that text."""

    start: int
    end: int
    entry: Entry

    @property
    def iri(self) -> URIRef:
        """The recognised individual."""
        return self.entry.iri


def _is_acronym(label: str) -> bool:
    """Short all-capital labels are matched case-sensitively (CO, MCO, GDS)."""
    return len(label) <= ACRONYM_MAX and label.isupper()


def _pattern(labels: list[str], flags: int) -> re.Pattern[str] | None:
    """One alternation, longest labels first, bounded by non-word characters."""
    if not labels:
        return None
    parts = [r"\s+".join(re.escape(w) for w in lab.split()) for lab in labels]
    # A lookahead finds a candidate at every start position (overlaps included); the
    # alternation is ordered longest-first, so each position yields its longest label.
    return re.compile(r"(?<![\w])(?=(" + "|".join(parts) + r")(?![\w]))", flags)


def _longest_first(candidates: list[Match]) -> list[Match]:
    """Keep the longest candidates that do not overlap a longer one, in text order."""
    kept: list[Match] = []
    taken: set[int] = set()
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
        span = range(m.start, m.end)
        if not taken.intersection(span):
            kept.append(m)
            taken.update(span)
    return sorted(kept, key=lambda m: m.start)


class Gazetteer:
    """Find reference individuals in text by label; longest non-overlapping matches win."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._by_key = {self.key(e.label): e for e in sorted(entries, key=lambda e: -len(e.label))}

    @staticmethod
    def key(label: str) -> str:
        """Normalise a label for dictionary lookup."""
        return " ".join(label.lower().split())

    @classmethod
    def from_ontology(cls, graph: Graph) -> Gazetteer:
        """Build the gazetteer from every individual that has a skos:prefLabel."""
        entries: list[Entry] = []
        for iri, pref in graph.subject_objects(SKOS.prefLabel):
            if not isinstance(iri, URIRef):
                continue
            types = frozenset(t for t in graph.objects(iri, RDF.type) if isinstance(t, URIRef))
            labels = {str(pref)} | {str(a) for a in graph.objects(iri, SKOS.altLabel)}
            entries.extend(Entry(lab, iri, str(pref), types) for lab in labels)
        return cls(entries)

    @cached_property
    def _patterns(self) -> list[re.Pattern[str]]:
        """Compiled patterns: case-insensitive labels, then case-sensitive acronyms."""
        by_len = sorted({e.label for e in self.entries}, key=len, reverse=True)
        folded = _pattern([x for x in by_len if not _is_acronym(x)], re.IGNORECASE)
        exact = _pattern([x for x in by_len if _is_acronym(x)], 0)
        return [p for p in (folded, exact) if p is not None]

    def lookup(self, label: str) -> Entry | None:
        """The entry whose label equals `label` (case- and whitespace-insensitive)."""
        return self._by_key.get(self.key(label))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """All longest non-overlapping label matches in text[start:end], in text order."""
        stop = len(text) if end is None else end
        found: list[Match] = []
        for pattern in self._patterns:
            for m in pattern.finditer(text, start, stop):
                entry = self.lookup(m.group(1))
                if entry is not None and m.end(1) <= stop:
                    found.append(Match(m.start(1), m.end(1), entry))
        return _longest_first(found)

    def of_type(self, text: str, rdf_type: URIRef, types_of: Graph) -> list[Match]:
        """Matches whose individual is an instance of `rdf_type` (or a subclass, via types_of)."""
        from rdflib import RDFS

        wanted = set(types_of.transitive_subjects(RDFS.subClassOf, rdf_type))
        return [m for m in self.find(text) if m.entry.types & wanted]
