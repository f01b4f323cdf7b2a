"""Resolve a query parameter given as a label, a CURIE or an IRI to one graph node.

A label matches skos:prefLabel, rdfs:label, foaf:name or skos:altLabel case-insensitively
and whitespace-normalised; a person's name also matches without honorifics ("Jeremy
Heywood" finds "Sir Jeremy Heywood"). Matches are ranked: a preferred label or a name
(reference individuals, people), then an rdfs:label (classes, properties, minted things),
then an alt label, then a name without its title ("Minister" is the post, not the class);
within the best rank a single reference individual of the ontology graph wins. Two or more
nodes left is an ambiguity, reported with the candidates (docs/architecture.md §2). The label is
bound as a literal through substitutions, never formatted into SPARQL (docs/architecture.md §7).
"""

from __future__ import annotations

import difflib
import re

import pyoxigraph as ox

from common.errors import UsageError
from ontology import namespace
from ontology.namespace import DOC, GK_IRI, GRAPH_IRI, ID_IRI

PREFIXES = {
    "gk": GK_IRI,
    "gki": ID_IRI,
    "doc": str(DOC),
    "graph": GRAPH_IRI,
    "org": "http://www.w3.org/ns/org#",
    "gov": "http://reference.data.gov.uk/def/central-government/",
    "pstat": "http://reference.data.gov.uk/def/civil-service-post-status/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
ONTOLOGY_GRAPH = str(namespace.ONTOLOGY_GRAPH)
HONORIFICS = "sir|dame|dr|lord|baroness|professor|prof|mr|mrs|ms|miss"
_HONORIFIC = re.compile(rf"^(?:(?:{HONORIFICS})\.?\s+)+", re.IGNORECASE)
_CURIE = re.compile(r"^(?P<prefix>[A-Za-z][\w-]*):(?P<local>[^\s<>]*)$")
_LOOKUP = f"""
SELECT DISTINCT ?_needle ?_bare ?s ?p ?l ?label ?g WHERE {{
  VALUES ?p {{ <{PREFIXES["skos"]}prefLabel> <{PREFIXES["rdfs"]}label>
              <{PREFIXES["foaf"]}name> <{PREFIXES["skos"]}altLabel> }}
  GRAPH ?g {{ ?s ?p ?label }}
  FILTER(isLiteral(?label))
  BIND(LCASE(STR(?label)) AS ?l)
  FILTER(?l = ?_needle || REPLACE(?l, "^(({HONORIFICS})\\\\.?\\\\s+)+", "") = ?_bare)
}}"""
_NEARBY = f"""
SELECT DISTINCT ?_word ?label WHERE {{
  VALUES ?p {{ <{PREFIXES["skos"]}prefLabel> <{PREFIXES["rdfs"]}label> <{PREFIXES["foaf"]}name> }}
  ?s ?p ?label .
  FILTER(isLiteral(?label) && CONTAINS(LCASE(STR(?label)), ?_word))
}} LIMIT 500"""


def as_iri(value: str) -> ox.NamedNode | None:
    """The IRI a value spells (<...>, http(s)://..., urn:..., or a known CURIE), else None."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif (m := _CURIE.match(text)) and m.group("prefix") in PREFIXES:
        text = PREFIXES[m.group("prefix")] + m.group("local")
    elif not re.match(r"^(https?|urn|file):", text):
        return None
    try:
        return ox.NamedNode(text)
    except ValueError:
        raise UsageError(f"{value!r} is not a valid IRI") from None


def normalise(label: str) -> str:
    """Lower case with runs of whitespace collapsed."""
    return " ".join(label.split()).lower()


def _rank(predicate: str, label: str, needle: str) -> int:
    """0 for skos:prefLabel or foaf:name, 1 rdfs:label, 2 skos:altLabel, 3 a name untitled."""
    if label != needle:
        return 3
    if predicate.endswith("altLabel"):
        return 2
    return 1 if predicate.endswith("#label") else 0


Candidates = dict[str, tuple[int, bool, str]]


def candidates(store: ox.Store, label: str) -> Candidates:
    """IRI -> (best rank, defined in the ontology graph, a label) for every node the label names."""
    needle = normalise(label)
    subs: dict[ox.Variable, Term] = {
        ox.Variable("_needle"): ox.Literal(needle),
        ox.Variable("_bare"): ox.Literal(_HONORIFIC.sub("", needle)),
    }
    found: Candidates = {}
    for row in store.query(_LOOKUP, substitutions=subs):  # type: ignore[union-attr]
        if not isinstance(row["s"], ox.NamedNode):
            continue
        iri, rank = row["s"].value, _rank(row["p"].value, row["l"].value, needle)
        old_rank, in_ontology, shown = found.get(iri, (3, False, row["label"].value))
        found[iri] = (min(rank, old_rank), in_ontology or row["g"].value == ONTOLOGY_GRAPH, shown)
    return found


def pick(found: Candidates) -> list[str]:
    """The best-ranked IRIs; a single reference individual of the ontology wins its rank."""
    if not found:
        return []
    best = min(rank for rank, _, _ in found.values())
    top = sorted(iri for iri, (rank, _, _) in found.items() if rank == best)
    reference = [iri for iri in top if found[iri][1]]
    return reference if len(reference) == 1 else top


def _suggestions(store: ox.Store, label: str) -> list[str]:
    """Labels in the graph that look like the one given (for 'not found' messages)."""
    words = sorted(normalise(label).split(), key=len, reverse=True)
    if not words:
        return []
    subs: dict[ox.Variable, Term] = {ox.Variable("_word"): ox.Literal(words[0][:5])}
    answer = store.query(_NEARBY, substitutions=subs, use_default_graph_as_union=True)
    labels = {row["label"].value for row in answer}  # type: ignore[union-attr]
    return difflib.get_close_matches(label, sorted(labels), n=5, cutoff=0.4)


def resolve_entity(store: ox.Store, value: str, param: str = "value") -> ox.NamedNode:
    """The one node a parameter names, or a UsageError (unknown or ambiguous label)."""
    iri = as_iri(value)
    if iri is not None:
        return iri
    found = candidates(store, value)
    top = pick(found)
    if len(top) == 1:
        return ox.NamedNode(top[0])
    if not top:
        close = _suggestions(store, value)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"parameter {param}: nothing in the graph is labelled {value!r}{hint}")
    listed = "\n".join(f"  <{iri}>  {found[iri][2]}" for iri in top)
    raise UsageError(
        f"parameter {param}: {value!r} is ambiguous; give one of these IRIs instead:\n{listed}"
    )
