"""People checks: one person in several posts at once, and names that may be one person.

"At once" means in snapshots of the same date, across departments (docs/architecture.md §4: a
person holding two posts is data, so this is a warning, not an error). Possible same
people use graphbuild.people.candidate_reason, the build's own rule; to stay linear at
civil-service scale, pairs are only compared within blocks: the same surname with a first
name that is a short form, an initial or one edit away, or the same first names with a
surname one edit away (deletion neighbourhoods over distinct name tokens).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import unquote

import pyoxigraph as ox

from graphbuild.facts import strip_honorific
from graphbuild.people import SHORT_FORMS, candidate_reason
from queries.checks.report import WARNING, Finding, Offender, natural_key
from queries.checks.sparql import PREFIXES, Graphs, SnapshotRef, objects, select, subjects

HELD_BY = "http://www.w3.org/ns/org#heldBy"
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
MULTI_HOLDERS = PREFIXES + (
    "SELECT ?h WHERE { GRAPH ?g { ?p org:heldBy ?h } } GROUP BY ?h HAVING (COUNT(DISTINCT ?p) > 1)"
)
NAMES = PREFIXES + "SELECT DISTINCT ?h ?n WHERE { GRAPH ?g { ?h a foaf:Person ; foaf:name ?n } }"


def several_posts(store: ox.Store, refs: list[SnapshotRef]) -> list[Finding]:
    """People who hold more than one post in snapshots of the same date."""
    by_date: dict[str, list[SnapshotRef]] = defaultdict(list)
    for ref in refs:
        by_date[ref.date].append(ref)
    found = []
    for date, group in sorted(by_date.items()):
        graphs: Graphs = [ox.NamedNode(r.graph) for r in group]
        for (person,) in select(store, MULTI_HOLDERS, named_graphs=graphs):
            offenders = [
                Offender(f"{r.department}/{_ref_of(r, post)}", post, graph=r.graph)
                for r in group
                for post in subjects(store, HELD_BY, person, r.graph)
            ]
            offenders.sort(key=lambda o: natural_key(o.ref))
            names = objects(store, person, FOAF_NAME)
            who = min(names) if names else person.rsplit("/", 1)[-1]
            message = f"{who} holds {len(offenders)} posts on {date}"
            finding = Finding("several-posts-at-once", WARNING, message, offenders, snapshot=date)
            found.append(finding)
    return found


def _ref_of(ref: SnapshotRef, post: str) -> str:
    """The post reference within its department."""
    return unquote(post.removeprefix(ref.post_prefix))


def _deletions(word: str) -> set[str]:
    """The word and every word with one letter removed."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _near(words: Iterable[str], short_forms: bool) -> dict[str, set[str]]:
    """word -> words it may match: one edit away, same short form, or an initial of it."""
    words = set(words)
    keys: dict[str, set[str]] = defaultdict(set)
    for word in words:
        for key in _deletions(word.rstrip(".")):
            keys["d:" + key].add(word)
        if short_forms:
            keys["s:" + SHORT_FORMS.get(word, word)].add(word)
            if len(word.rstrip(".")) == 1:
                keys["i:" + word[0]].add(word)
    near: dict[str, set[str]] = defaultdict(set)
    for group in keys.values():
        for word in group:
            near[word] |= group
    if short_forms:
        for word in words:
            near[word] |= keys.get("i:" + word[:1], set())
            if len(word.rstrip(".")) == 1:
                near[word] |= {w for w in words if w.startswith(word[0])}
    return near


def same_person_pairs(people: dict[str, str]) -> list[tuple[str, str, str]]:
    """(iri, iri, reason) for people whose names may denote one person."""
    by_last: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_front: dict[tuple[str, ...], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for iri, name in people.items():
        tokens = strip_honorific(name).lower().split()
        if tokens:
            by_last[tokens[-1]][tokens[0]].append(iri)
            by_front[tuple(tokens[:-1])][tokens[-1]].append(iri)
    first_near = _near({f for firsts in by_last.values() for f in firsts}, short_forms=True)
    last_near = _near({last for lasts in by_front.values() for last in lasts}, short_forms=False)
    pairs: set[tuple[str, str]] = set()
    blocks = [*by_last.values(), *by_front.values()]
    nears = [first_near] * len(by_last) + [last_near] * len(by_front)
    for cells, near in zip(blocks, nears, strict=True):
        for word, iris in cells.items():
            for other in near[word] & cells.keys():
                pairs.update((a, b) for a in iris for b in cells[other] if a < b)
    found = []
    for a, b in sorted(pairs):
        if reason := candidate_reason(people[a], people[b]):
            found.append((a, b, reason))
    return found


def possible_same_people(store: ox.Store, graphs: Graphs) -> list[Finding]:
    """Findings for people in these graphs whose names may be one person's."""
    people: dict[str, str] = {}
    for h, n in select(store, NAMES, named_graphs=graphs):
        people.setdefault(h, n)
    found = []
    for a, b, reason in same_person_pairs(people):
        message = f"{people[a]!r} and {people[b]!r} may be one person ({reason}); not merged"
        found.append(
            Finding(
                "possible-same-person",
                WARNING,
                message,
                [Offender(people[a], a), Offender(people[b], b)],
            )
        )
    return found
