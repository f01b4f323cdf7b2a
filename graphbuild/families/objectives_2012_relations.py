"""Relation cues in the wording of the 'objectives-2012-13' family (docs/architecture.md §5).

Each function reads one `Item` (a role paragraph, an objective, a measure or a milestone) and
states what its wording says about the document's post: codes administered ("administering
the Ministerial Code") or advised on ("advice ... on the administration of the X Code"), line
management ("line management of ... permanent secretaries"), reporting ("Reporting directly
to the Prime Minister"), accountability ("responsible to all ministers"), bodies sat on
("Chairing and attending ... the A; the B", "Participate in the X"), assessors ("Feedback from
A, B and C"), mechanisms named as the means ("360 feedback from ...", "through the X"), people
named in a list of posts, and new posts with a remit ("a new Director General for Civil Service
Reform", a generic post of the ontology with a remit).
"""

from __future__ import annotations

import re

from rdflib import RDF, RDFS, Literal, URIRef

from graphbuild.facts import DocumentGraph
from graphbuild.families.cues import (
    is_body,
    is_code,
    is_generic_post,
    is_mechanism,
    is_post,
    post_class,
)
from graphbuild.families.objectives_2012_cells import Item
from graphbuild.gazetteer import Match
from graphbuild.text import slug
from ontology.namespace import GK, ORG, entity

ADMINISTER = re.compile(r"\badminister(?:ing|s|ed)?\s+(?:the\s+)?$", re.IGNORECASE)
ADVICE = re.compile(r"\badvi(?:ce|se|ses|sing)\b", re.IGNORECASE)
LINE_MANAGE = re.compile(r"\bline[- ]manag(?:e|es|ed|ing|ement)\b", re.IGNORECASE)
REPORTS_TO = re.compile(r"\breport(?:s|ing)?\s+(?:directly\s+)?to\s+(?:the\s+)?$", re.IGNORECASE)
RESPONSIBLE_TO = re.compile(r"\bresponsible\s+to\s+(?:the\s+)?$", re.IGNORECASE)
BODY_CUE = re.compile(
    r"\b(?:(?P<chair>chair(?:s|ing|ed)?)|attend(?:s|ing)?|participat(?:e|es|ing)\s+in"
    r"|member\s+of|sits?\s+on)\b",
    re.IGNORECASE,
)
MEANS_AFTER = re.compile(r"\s+from\b", re.IGNORECASE)
MEANS_BEFORE = re.compile(r"\b(?:through|via)\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
FEEDBACK = re.compile(r"\bfeedback\s+from\s+", re.IGNORECASE)
LIST_GLUE = re.compile(r"[\s,&]*(?:(?:and|or|the|other|all)\b[\s,&]*)*", re.IGNORECASE)
_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
NAMED_PERSON = re.compile(
    rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<name>(?:(?:Sir|Dame|Lord|Baroness|Dr)\s+)?"
    rf"{_WORD}(?:\s+{_WORD}){{1,2}})(?=\s+[a-z]|\s*[,.;]|\s*$)"
)
REMIT = re.compile(r"\s+for\s+(?P<remit>[A-Z][\w'-]*(?:\s+(?:and\s+|of\s+)?[A-Z][\w'-]*)*)")
CLAUSE_END = re.compile(r"[;.](?:\s|$)")
SENTENCE_END = re.compile(r"\.(?:\s|$)")


def state_relations(dg: DocumentGraph, item: Item, post: URIRef) -> None:
    """Every cue this wording holds about the post (codes, lines, bodies, people)."""
    found = dg.gazetteer.find(item.text)
    _codes(dg, item, post, found)
    _line_management(dg, item, post, found)
    _post_after(dg, item, post, found, REPORTS_TO, ORG.reportsTo, "reports-to")
    _post_after(dg, item, post, found, RESPONSIBLE_TO, GK.accountableTo, "responsible-to")
    _bodies(dg, item, post, found)
    _people(dg, item, found)
    _remit_posts(dg, item, found)


def state_assessors(dg: DocumentGraph, measure: Item, iri: URIRef) -> None:
    """'Feedback from A, B and C': each post named is an assessor; mechanisms named too."""
    found = dg.gazetteer.find(measure.text)
    for cue in FEEDBACK.finditer(measure.text):
        for m in _listed(measure.text, cue.end(), found):
            if is_post(m.entry):
                dg.add(iri, GK.heldToAccountBy, m.iri, measure.locate(m.start, m.end), "assessor")
    for m in found:
        if is_mechanism(m.entry) and _is_means(measure.text, m):
            at = measure.locate(m.start, m.end)
            dg.add(iri, GK.heldToAccountThrough, m.iri, at, "mechanism")


def _is_means(text: str, m: Match) -> bool:
    """A mechanism named as the means: '360 feedback from ...', 'through the X'."""
    return bool(MEANS_AFTER.match(text, m.end) or MEANS_BEFORE.search(text, 0, m.start))


def _listed(text: str, start: int, found: list[Match]) -> list[Match]:
    """The matches of a list that starts at `start` ('A, B, the C and other D')."""
    out: list[Match] = []
    pos = start
    for m in (m for m in found if m.start >= start):
        if not LIST_GLUE.fullmatch(text[pos : m.start]):
            break
        out.append(m)
        pos = m.end
    return out


def _clause(text: str, pos: int, end: re.Pattern[str]) -> tuple[int, int]:
    """The clause around pos, bounded by `end` punctuation."""
    starts = [m.end() for m in end.finditer(text, 0, pos)]
    stop = end.search(text, pos)
    return (starts[-1] if starts else 0), (stop.start() + 1 if stop else len(text))


def _codes(dg: DocumentGraph, item: Item, post: URIRef, found: list[Match]) -> None:
    """'administering the X Code' -> administers; advice on a code -> advisesOn."""
    text = item.text
    for m in (m for m in found if is_code(m.entry)):
        administer = ADMINISTER.search(text, 0, m.start)
        if administer is not None:
            at = item.locate(administer.start(), m.end)
            dg.add(post, GK.administers, m.iri, at, "administers")
            continue
        start, _ = _clause(text, m.start, CLAUSE_END)
        advice = ADVICE.search(text, start, m.start)
        if advice:
            dg.add(post, GK.advisesOn, m.iri, item.locate(advice.start(), m.end), "advises-on")


def _line_management(dg: DocumentGraph, item: Item, post: URIRef, found: list[Match]) -> None:
    """'line management of ... permanent secretaries': those posts are line managed by post."""
    for cue in LINE_MANAGE.finditer(item.text):
        _, end = _clause(item.text, cue.end(), CLAUSE_END)
        managed = next((m for m in found if cue.end() <= m.start < end and is_post(m.entry)), None)
        if managed is not None and managed.iri != post:
            at = item.locate(cue.start(), managed.end)
            dg.add(managed.iri, GK.lineManagedBy, post, at, "line-management")


def _post_after(
    dg: DocumentGraph,
    item: Item,
    post: URIRef,
    found: list[Match],
    cue: re.Pattern[str],
    predicate: URIRef,
    rule: str,
) -> None:
    """A post named right after a cue ('Reporting directly to the X') -> post predicate X."""
    for m in (m for m in found if is_post(m.entry) and m.iri != post):
        before = cue.search(item.text, 0, m.start)
        if before is not None:
            dg.add(post, predicate, m.iri, item.locate(before.start(), m.end), rule)


def _bodies(dg: DocumentGraph, item: Item, post: URIRef, found: list[Match]) -> None:
    """Bodies listed after a chair / attend / participate cue, in the same sentence."""
    seen: set[URIRef] = set()
    for cue in BODY_CUE.finditer(item.text):
        _, end = _clause(item.text, cue.end(), SENTENCE_END)
        bodies = [m for m in found if cue.start() <= m.start < end and is_body(m.entry)]
        for m in bodies:
            if m.iri in seen:
                continue
            seen.add(m.iri)
            said = BODY_CUE.finditer(item.text, cue.start(), m.start)
            chair = all(c.group("chair") for c in said)
            dg.sit_on(post, m.iri, chair, item.locate(cue.start(), m.end), "body")


def _people(dg: DocumentGraph, item: Item, found: list[Match]) -> None:
    """A person named in a list of posts ('the Minister for X and David Laws have ...')."""
    for m in (m for m in found if is_post(m.entry)):
        named = NAMED_PERSON.match(item.text, m.end)
        if named is None or named["name"].split()[0] in ("The", "Other", "All"):
            continue
        start, end = named.span("name")
        if not any(x.start < end and start < x.end for x in found):
            dg.person(named["name"], item.locate(start, end), "person-in-list")


def _remit_posts(dg: DocumentGraph, item: Item, found: list[Match]) -> None:
    """'a new Director General for Civil Service Reform' -> post 'Director General, <remit>'."""
    for m in (m for m in found if is_generic_post(m.iri)):
        remit = REMIT.match(item.text, m.end)
        if remit is None:
            continue
        label = f"{m.entry.pref_label}, {remit['remit']}"
        iri = entity("post", slug(label))
        at = item.locate(m.start, remit.end())
        dg.add(iri, RDF.type, post_class(m.iri), at, "remit-post")
        dg.add(iri, RDFS.label, Literal(label, lang="en"), at, "remit-post")
        dg.add(iri, GK.kindOfPost, m.iri, at, "remit-post")
