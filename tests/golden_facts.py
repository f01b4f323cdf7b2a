"""Compare a built document graph with its golden facts (tests/golden/README.md).

Golden facts name things by label or by the first words of their text; this module turns
the built graph into comparable facts and computes recall and precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, SKOS
from rdflib.term import Node

from graphbuild.facts import strip_honorific
from ontology.namespace import GK, GK_IRI, ID, POST_STATUS, TIME

GOLDEN_DIR = Path(__file__).parent / "golden"
PREFIXES = {
    "gk": GK_IRI,
    "org": str(ORG),
    "foaf": str(FOAF),
    "time": str(TIME),
    "pstat": str(POST_STATUS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
}
NOT_FACTS = {RDFS.label, SKOS.prefLabel, GK.text, FOAF.name}
QUALIFIED = {GK.PostHolding, ORG.Membership, RDF.Statement}
IMPLIED_TYPES = {GK.PerformanceMeasure, GK.Milestone, GK.Action, GK.CoreFunction}
GENERIC_THEMES = str(ID["theme/"])


@dataclass(frozen=True)
class GoldenFact:
    """One line of a .facts file."""

    s: str
    p: str
    o: str
    line: int

    def __str__(self) -> str:
        return f"{self.s} | {self.p} | {self.o}  (line {self.line})"


def read_golden(path: Path) -> list[GoldenFact]:
    """Parse a .facts file."""
    facts = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("  #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3:
            raise ValueError(f"{path}:{number}: expected 'subject | predicate | object'")
        facts.append(GoldenFact(parts[0], parts[1], parts[2], line=number))
    return facts


def norm_words(text: str) -> str:
    """Lower-case words only, for prefix comparison of text things."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def norm_label(text: str) -> str:
    """Case-, space- and title-insensitive form of a label or name."""
    return " ".join(strip_honorific(text).lower().split())


def expand(curie: str) -> URIRef | None:
    """prefix:local -> IRI; 'a' -> rdf:type; None when not a CURIE."""
    if curie == "a":
        return RDF.type
    prefix, _, local = curie.partition(":")
    return URIRef(PREFIXES[prefix] + local) if prefix in PREFIXES and local else None


@dataclass
class Labels:
    """Every label, alt label, name and text of every node, from graph and ontology."""

    labels: dict[Node, set[str]] = field(default_factory=dict)
    texts: dict[Node, str] = field(default_factory=dict)

    @classmethod
    def of(cls, *graphs: Graph) -> Labels:
        """Collect labels from the graphs."""
        out = cls()
        for g in graphs:
            for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, FOAF.name):
                for s, o in g.subject_objects(p):
                    out.labels.setdefault(s, set()).add(norm_label(str(o)))
            for s, o in g.subject_objects(GK.text):
                out.texts[s] = norm_words(str(o))
        return out

    def matches(self, golden: str, node: Node) -> bool:
        """Whether a golden term denotes this node or literal."""
        if golden.startswith("~"):
            text = norm_words(str(node)) if isinstance(node, Literal) else self.texts.get(node)
            return text is not None and text.startswith(norm_words(golden[1:]))
        iri = expand(golden)
        if iri is not None:
            return node == iri
        if isinstance(node, Literal):
            return str(node).lower() == golden.lower()
        return norm_label(golden) in self.labels.get(node, set())


def extracted_facts(graph: Graph) -> list[tuple[Node, URIRef, Node]]:
    """The facts of a document graph that golden files describe (see README: Not written)."""
    skip = {
        s for s in graph.subjects(RDF.type, None) if set(graph.objects(s, RDF.type)) & QUALIFIED
    }
    skip |= set(graph.subjects(RDF.type, GK.Document)) | set(graph.subjects(RDF.type, TIME.Instant))
    skip |= set(graph.subjects(RDF.type, TIME.ProperInterval))
    facts = []
    for s, p, o in graph:
        if s in skip or p in NOT_FACTS or not isinstance(p, URIRef):
            continue
        if p == RDF.type and o in IMPLIED_TYPES:
            continue
        if p == GK.concernsTheme and str(o).startswith(GENERIC_THEMES) and _is_generic(o):
            continue
        facts.append((s, p, o))
    return facts


def _is_generic(theme: Node) -> bool:
    """Themes defined by the ontology (keyword tags) rather than by a plan."""

    return (theme, RDF.type, GK.Theme) in _ontology()


_ONTOLOGY: list[Graph] = []


def _ontology() -> Graph:
    """The ontology graph, loaded once."""
    from ontology import load_ontology

    if not _ONTOLOGY:
        _ONTOLOGY.append(load_ontology())
    return _ONTOLOGY[0]


@dataclass
class Score:
    """Recall and precision of one document, with what was missed and what was extra."""

    missed: list[GoldenFact]
    extra: list[tuple[Node, URIRef, Node]]
    golden: int
    extracted: int

    @property
    def recall(self) -> float:
        """Share of golden facts found."""
        return 1 - len(self.missed) / self.golden if self.golden else 1.0

    @property
    def precision(self) -> float:
        """Share of extracted facts that a golden fact describes."""
        return 1 - len(self.extra) / self.extracted if self.extracted else 1.0


def score(graph: Graph, golden: list[GoldenFact]) -> Score:
    """Compare a document graph with its golden facts."""
    labels = Labels.of(graph, _ontology())
    facts = extracted_facts(graph)
    matched: set[int] = set()
    missed = []
    for g in golden:
        p = expand(g.p)
        hits = [
            i
            for i, (s, fp, o) in enumerate(facts)
            if fp == p and labels.matches(g.s, s) and labels.matches(g.o, o)
        ]
        if not hits:
            missed.append(g)
        matched.update(hits)
    extra = [f for i, f in enumerate(facts) if i not in matched]
    return Score(missed, extra, len(golden), len(facts))
