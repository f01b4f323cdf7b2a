"""Shared cue vocabulary and entity kinds for the document-family extractors.

See docs/architecture.md §5.

Layout words only (function words, list connectors) plus what the ontology says about a
recognised individual: whether it is a post, an organisation or body, a code, a theme, an
accountability mechanism, and whether a post is a generic kind (Permanent Secretary) that a
department's own post is named after ("Permanent Secretary, Cabinet Office").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise

from rdflib import RDF, RDFS, Graph, URIRef

from graphbuild.facts import Offsets
from graphbuild.gazetteer import Entry, Match
from ontology import load_ontology
from ontology.namespace import GK, ORG

FUNCTION_WORDS = frozenset(
    "a an the of for by to in on at with within beyond from into onto and or nor but"  # noqa: SIM905
    " including between across as than via about per our their its his her my your all"
    " each every other both any no not is are be was were will that which who whose".split()
)
# Before the first item of a list, and between two items: ", ", " and ", ", and now of the ".
LEAD_IN = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)
JOINER = re.compile(
    r"\s*(?:,\s*(?:(?:and|&)\s+)?|;\s*|(?:and|&)\s+)(?:(?:now|also|then)\s+)?(?:of\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    """The ontology graph, loaded once."""
    return load_ontology()


@cache
def _subclasses(cls: URIRef) -> frozenset[URIRef]:
    """A class and all its (transitive) subclasses."""
    graph = _ontology()
    return frozenset(
        c for c in graph.transitive_subjects(RDFS.subClassOf, cls) if isinstance(c, URIRef)
    )


def _is_a(entry: Entry, cls: URIRef) -> bool:
    """Whether a gazetteer entry's individual is an instance of cls (or a subclass)."""
    return bool(entry.types & _subclasses(cls))


def is_post(entry: Entry) -> bool:
    """A post (Prime Minister, Cabinet Secretary, Permanent Secretary...)."""
    return _is_a(entry, ORG.Post)


def is_organisation(entry: Entry) -> bool:
    """An organisation, unit, board or committee."""
    return _is_a(entry, ORG.Organization)


def is_agent(entry: Entry) -> bool:
    """A post or an organisation/body: something that can act, sit, support or be supported."""
    return is_post(entry) or is_organisation(entry)


def is_body(entry: Entry) -> bool:
    """A board or committee (a governing body one chairs or sits on)."""
    return _is_a(entry, GK.GoverningBody)


def is_code(entry: Entry) -> bool:
    """A code of conduct (Ministerial Code...)."""
    return _is_a(entry, GK.Code)


def is_theme(entry: Entry) -> bool:
    """A theme of the ontology (Leadership, Learning and development...)."""
    return _is_a(entry, GK.Theme)


def is_mechanism(entry: Entry) -> bool:
    """An accountability mechanism (performance discussions, 360-degree feedback...)."""
    return _is_a(entry, GK.AccountabilityMechanism)


@cache
def is_generic_post(iri: URIRef) -> bool:
    """A post that names a kind of post (the ontology types it gk:GenericPost)."""
    return (iri, RDF.type, GK.GenericPost) in _ontology()


def post_class(iri: URIRef) -> URIRef:
    """The most specific gk post class of a reference post (for a specific post of its kind)."""
    graph = _ontology()
    classes = [c for c in graph.objects(iri, RDF.type) if isinstance(c, URIRef)]
    posts = [c for c in classes if c in _subclasses(ORG.Post)]
    return max(posts, key=lambda c: len(_superclasses(c)), default=GK.Post)


def _superclasses(cls: URIRef) -> set[URIRef]:
    """A class and its transitive superclasses."""
    return {
        c for c in _ontology().transitive_objects(cls, RDFS.subClassOf) if isinstance(c, URIRef)
    }


def joined_list(text: str, matches: list[Match], start: int) -> list[Match]:
    """The matches forming one list right after `start`: 'the X, Y and now of the Z'."""
    chain: list[Match] = []
    pos = start
    for m in (m for m in matches if m.start >= start):
        gap = text[pos : m.start]
        if not (LEAD_IN if not chain else JOINER).fullmatch(gap):
            break
        chain.append(m)
        pos = m.end
    return chain


def split_run_together(text: str, start: int, end: int, matches: list[Match]) -> list[Offsets]:
    """Split a cell whose items run together without separators into item spans.

    A new item starts at a Capitalised word that follows a content word with no
    punctuation between them ("service recipients Create a single view"), unless the word
    continues a name or begins the name of a post or body ("others joining Cabinet Office").
    After a capitalised word, a new item starts only where a known name ends ("Cabinet
    Office Implement") or a known non-agent name begins ("by Board People survey rating").
    """
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    words = [(start + a, start + b) for a, b in words]
    cuts = [i for i in range(1, len(words)) if _starts_item(text, words, i, matches)]
    bounds = [0, *cuts, len(words)]
    return [(words[a][0], words[b - 1][1]) for a, b in pairwise(bounds) if b > a]


def _covering(matches: list[Match], pos: int) -> Match | None:
    """The gazetteer match covering a text offset, if any."""
    return next((m for m in matches if m.start <= pos < m.end), None)


def _starts_item(text: str, words: list[Offsets], i: int, matches: list[Match]) -> bool:
    """Whether word i starts a new run-together item (see split_run_together)."""
    word, prev = text[slice(*words[i])], text[slice(*words[i - 1])]
    if not re.match(r"[A-Z][a-z]", word) or prev[-1] in ",;:(/-&–":
        return False
    if prev.lower() in FUNCTION_WORDS:
        return False
    here = _covering(matches, words[i][0])
    if here is not None and (here.start < words[i][0] or is_agent(here.entry)):
        return False
    if prev[0].isupper():
        before = _covering(matches, words[i - 1][0])
        return (before is not None and before.end == words[i - 1][1]) or here is not None
    return True
