"""The post and person a document is about, from its title lines and detected description.

Layout-free (docs/architecture.md §5): the first post named in the title lines is the
document's post; a generic post there (Permanent Secretary) or none at all, with a
department detected, becomes that department's own Permanent Secretary post ('a Permanent
Secretary post exists per department'). A person named in the title lines or a Name field
holds the post in the document's period.
"""

from __future__ import annotations

from rdflib import URIRef

from graphbuild.describe import Description
from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.cues import is_generic_post, is_post, post_class
from graphbuild.text import lines
from ontology.namespace import ORG

TITLE_LINES = 6
TITLE_WORDS = 14  # a longer line is body text, not a title, name or heading line


def state_document_post(dg: DocumentGraph, described: Description, generic: bool) -> URIRef | None:
    """State the document's post (and its holder); None when the text names none.

    `generic` allows the department's Permanent Secretary post when the title names no post.
    """
    post = _title_post(dg, described) or (_department_post(dg, described) if generic else None)
    if post is None:
        return None
    dg.post = post
    person = described.person
    if person is not None and person.at is not None:
        dg.person_name = person.value
        holder = dg.person(person.value, person.at, "title-person")
        dg.hold(holder, post, person.at, "title-person")
    return post


def _title_post(dg: DocumentGraph, described: Description) -> URIRef | None:
    """The first post named in the title lines (a department's own when generic)."""
    heads = [ln for ln in lines(dg.clean) if ln.text.strip()][:TITLE_LINES]
    heads = [ln for ln in heads if len(ln.text.split()) <= TITLE_WORDS]
    for line in heads:
        posts = [m for m in dg.gazetteer.find(dg.text, line.start, line.end) if is_post(m.entry)]
        if not posts:
            continue
        first = posts[0]
        if not is_generic_post(first.iri):
            return first.iri
        dept = described.department
        if dept is not None and dept.iri is not None:
            at = _cover((first.start, first.end), dept.at)
            return _specific(dg, first.iri, dept.iri, at)
    return None


def _department_post(dg: DocumentGraph, described: Description) -> URIRef | None:
    """The department's Permanent Secretary post, evidenced where the department is named."""
    dept = described.department
    if dept is None or dept.iri is None or dept.at is None:
        return None
    kind = dg.gazetteer.lookup("Permanent Secretary")
    if kind is None:
        return None
    at = described.person.at if described.person and described.person.at else dept.at
    return _specific(dg, kind.iri, dept.iri, _cover(at, dept.at))


def _cover(a: Offsets, b: Offsets | None) -> Offsets:
    """A span covering a and b when they are close (same line), else a."""
    if b is None or abs(b[0] - a[0]) > 300:
        return a
    return (min(a[0], b[0]), max(a[1], b[1]))


def _specific(dg: DocumentGraph, kind: URIRef, dept: URIRef, at: Offsets) -> URIRef:
    """The department's own post of a generic kind, with its org:postIn."""
    post = dg.specific_post(kind, dept, post_class(kind), at, "department-post")
    dg.add(post, ORG.postIn, dept, at, "department-post")
    return post
