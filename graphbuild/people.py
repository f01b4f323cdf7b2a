"""People who may be one person: report candidates, merge only by curated owl:sameAs.

Names are compared after dropping titles: the same surname with a first name that is a
known short form (Andy/Andrew), an initial (J./Jeremy) or a near spelling (edit distance
one) makes a candidate. Nothing is merged unless a curated file says owl:sameAs
(docs/architecture.md §5: never merge two people silently).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from rdflib import OWL, RDF, Graph, URIRef
from rdflib.namespace import FOAF

from graphbuild.facts import strip_honorific
from graphbuild.text import edit_distance

SHORT_FORMS = {
    "andy": "andrew",
    "bob": "robert",
    "rob": "robert",
    "bill": "william",
    "will": "william",
    "jim": "james",
    "jimmy": "james",
    "sue": "susan",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "kate": "katherine",
    "kathy": "katherine",
    "kathie": "katherine",
    "cathy": "catherine",
    "tony": "anthony",
    "nick": "nicholas",
    "chris": "christopher",
    "dave": "david",
    "mike": "michael",
    "pat": "patricia",
    "patsy": "patricia",
    "jon": "jonathan",
    "tom": "thomas",
    "ian": "iain",
    "steve": "stephen",
    "alex": "alexander",
    "jo": "joanne",
}


@dataclass(frozen=True)
class SameAsCandidate:
    """Two person nodes whose names may denote one person."""

    first: URIRef
    first_name: str
    second: URIRef
    second_name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.first_name!r} ~ {self.second_name!r}: {self.reason}"


def _first_names_match(a: str, b: str) -> str | None:
    """Why two first names may be the same person's, or None."""
    a, b = a.rstrip("."), b.rstrip(".")
    if SHORT_FORMS.get(a, a) == SHORT_FORMS.get(b, b):
        return "short form of the same first name"
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return "an initial matches the first name"
    if edit_distance(a, b, 1) <= 1:
        return "first names differ by one letter"
    return None


def candidate_reason(name_a: str, name_b: str) -> str | None:
    """Why two names may denote one person (None when they clearly do not)."""
    a = strip_honorific(name_a).lower().split()
    b = strip_honorific(name_b).lower().split()
    if not a or not b or a == b:
        return None
    if a[-1] == b[-1] and len(a) > 1 and len(b) > 1:
        return _first_names_match(a[0], b[0])
    if a[:-1] == b[:-1] and edit_distance(a[-1], b[-1], 1) <= 1:
        return "surnames differ by one letter"
    return None


def people(graphs: Iterable[Graph]) -> dict[URIRef, str]:
    """Every person node with its name, across graphs."""
    found: dict[URIRef, str] = {}
    for g in graphs:
        for person in g.subjects(RDF.type, FOAF.Person):
            name = g.value(person, FOAF.name)
            if isinstance(person, URIRef) and name is not None:
                found.setdefault(person, str(name))
    return found


def same_person_candidates(graphs: Iterable[Graph]) -> list[SameAsCandidate]:
    """Pairs of distinct person nodes that may be one person, for the build report."""
    named = sorted(people(graphs).items())
    out = []
    for (iri_a, name_a), (iri_b, name_b) in combinations(named, 2):
        if reason := candidate_reason(name_a, name_b):
            out.append(SameAsCandidate(iri_a, name_a, iri_b, name_b, reason))
    return out


def apply_same_as(graphs: dict[URIRef, Graph], curated: Graph) -> None:
    """Merge people a curated file declares owl:sameAs: the object's IRI becomes the subject's."""
    for keep, merge in curated.subject_objects(OWL.sameAs):
        if not isinstance(keep, URIRef) or not isinstance(merge, URIRef) or keep == merge:
            continue
        for g in graphs.values():
            for s, p, o in list(g.triples((merge, None, None))):
                g.remove((s, p, o))
                g.add((keep, p, o))
            for s, p, o in list(g.triples((None, None, merge))):
                g.remove((s, p, o))
                g.add((s, p, keep))
