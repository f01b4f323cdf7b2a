"""Prose relations of a business plan (family 'business-plan', e.g. the CS Local plan 2018/20).

Reads the plan's running text sentence by sentence: which organisation the plan is about
("Welcome to X"), "hosted by X", "A and B continue to endorse our work", "Our governance
and accountability is to our <body>", "Chaired by the <post>[, <unit>]", "<body> comprises
of the <posts>", "we work as part of a <group> which contains representatives from ...
such as A, B, C" and the target measure ("we will achieve 30,000 ... each year").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.cues import is_body, is_organisation, is_post, joined_list, post_class
from graphbuild.gazetteer import Match
from graphbuild.text import lines
from ontology.namespace import GK, ORG

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"(])")
WELCOME = re.compile(r"\bwelcome to\s+(?:the\s+)?", re.IGNORECASE)
TITLE = re.compile(r"\bbusiness plan\b", re.IGNORECASE)
HOSTED = re.compile(r"\bhosted by\s+(?:the\s+)?", re.IGNORECASE)
ENDORSE = re.compile(r"\s+(?:continues?\s+to\s+)?endorses?\s+(?:our|the)\s+work\b", re.IGNORECASE)
NAME_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")
PERSON = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,4}")
ACCOUNTABLE = re.compile(
    r"\baccountab\w*\s+(?:is|are|lies)\s+(?:to|with)\s+|\baccountable\s+to\s+", re.IGNORECASE
)
CHAIRED = re.compile(r"\bchaired by\s+(?:the\s+)?", re.IGNORECASE)
COMPRISES = re.compile(
    r"\b(?:compris(?:es|ing)(?:\s+of)?|consists\s+of|is\s+made\s+up\s+of)\s+", re.IGNORECASE
)
PART_OF = re.compile(r"\b(?:we\s+)?work\s+as\s+(?:a\s+)?part\s+of\s+(?:a\s+|an\s+|the\s+)?", re.I)
MEMBERS_FROM = re.compile(r"\bsuch as\s+|\brepresentatives\s+from\s+", re.IGNORECASE)
TARGET = re.compile(r"\b(?:will|to)\s+achieve\s+(\d{1,3}(?:,\d{3})+|\d+)\b", re.IGNORECASE)


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Offsets]:
    """Sentence spans of the cleaned text (never across a line break)."""
    stop = len(text) if end is None else end
    for line in text[start:stop].split("\n"):
        pos = start
        for m in SENTENCE_END.finditer(line):
            yield pos, start + m.start()
            pos = start + m.end()
        if line[pos - start :].strip():
            yield pos, start + len(line)
        start += len(line) + 1


def plan_organisation(dg: DocumentGraph) -> URIRef | None:
    """The organisation the plan is about: 'Welcome to X', else the title 'X BUSINESS PLAN'."""
    text = dg.text
    for m in WELCOME.finditer(text):
        line_end = text.find("\n", m.end())
        org = _first_organisation(dg, m.end(), line_end if line_end >= 0 else len(text))
        if org is not None and org.start == m.end():
            return org.iri
    for line in lines(dg.clean):
        title = TITLE.search(line.text)
        if title:
            org = _first_organisation(dg, line.start, line.start + title.start())
            if org is not None:
                return org.iri
    return None


def _first_organisation(dg: DocumentGraph, start: int, end: int) -> Match | None:
    """The first organisation named in text[start:end]."""
    found = [m for m in dg.gazetteer.find(dg.text, start, end) if is_organisation(m.entry)]
    return found[0] if found else None


def extract_prose(dg: DocumentGraph, org: URIRef) -> None:
    """Hosting, endorsement, governance and group membership stated in running text."""
    last_body: URIRef | None = None
    for start, end in sentences(dg.text):
        _hosting(dg, org, start, end)
        _endorsements(dg, org, start, end)
        last_body = _accountability(dg, org, start, end) or last_body
        last_body = _chair(dg, start, end, last_body) or last_body
        _composition(dg, start, end)
        _stakeholder_group(dg, org, start, end)


def _hosting(dg: DocumentGraph, org: URIRef, start: int, end: int) -> None:
    """'hosted by Cabinet Office' -> org gk:hostedBy Cabinet Office."""
    for m in HOSTED.finditer(dg.text, start, end):
        host = _first_organisation(dg, m.end(), end)
        if host is not None and host.start == m.end():
            dg.add(org, GK.hostedBy, host.iri, (m.start(), host.end), "hosted-by")


def _endorsements(dg: DocumentGraph, org: URIRef, start: int, end: int) -> None:
    """'A and Sir B continue to endorse our work' -> each person gk:endorses org."""
    m = ENDORSE.search(dg.text, start, end)
    if m is None:
        return
    for at in _split_names(dg.text, start, m.start()):
        name = dg.text[at[0] : at[1]]
        if not PERSON.fullmatch(name):
            dg.warn(at[0], f"endorsement: {name!r} does not look like a person's name")
            continue
        person = dg.person(name, at, "endorsement")
        dg.add(person, GK.endorses, org, (start, m.end()), "endorsement")


def _split_names(text: str, start: int, end: int) -> list[Offsets]:
    """Spans of the names in 'A, B and C' (text[start:end])."""
    pieces, pos = [], start
    for sep in NAME_JOINER.finditer(text, start, end):
        if sep.start() > pos:
            pieces.append((pos, sep.start()))
        pos = sep.end()
    if end > pos:
        pieces.append((pos, end))
    return pieces


def _accountability(dg: DocumentGraph, org: URIRef, start: int, end: int) -> URIRef | None:
    """'Our governance and accountability is to our <body>' -> org gk:accountableTo body."""
    m = ACCOUNTABLE.search(dg.text, start, end)
    if m is None:
        return None
    bodies = [b for b in dg.gazetteer.find(dg.text, m.end(), end) if is_body(b.entry)]
    if not bodies:
        dg.warn(m.start(), "accountability: no board or committee named")
        return None
    dg.add(org, GK.accountableTo, bodies[0].iri, (start, bodies[0].end), "accountable-to")
    return bodies[0].iri


def _chair(dg: DocumentGraph, start: int, end: int, last_body: URIRef | None) -> URIRef | None:
    """'Chaired by the Deputy Director, Civil Service Group, the NSG ...' -> post chairs body."""
    m = CHAIRED.search(dg.text, start, end)
    if m is None:
        return None
    found = dg.gazetteer.find(dg.text, m.end(), end)
    if not found or found[0].start != m.end() or not is_post(found[0].entry):
        dg.warn(m.start(), "chair: no post named after 'chaired by'")
        return None
    kind, rest = found[0], found[1:]
    place = rest[0] if rest and _follows_comma(dg.text, kind.end, rest[0].start) else None
    post, stop = kind.iri, kind.end
    if place is not None and is_organisation(place.entry) and not is_body(place.entry):
        at = (kind.start, place.end)
        post = dg.specific_post(kind.iri, place.iri, post_class(kind.iri), at, "chair")
        dg.add(post, ORG.postIn, place.iri, at, "chair")
        stop = place.end
    bodies = [b for b in dg.gazetteer.find(dg.text, stop, end) if is_body(b.entry)]
    body = bodies[0].iri if bodies else last_body
    if body is None:
        dg.warn(m.start(), "chair: no board or committee to chair")
        return None
    dg.sit_on(post, body, True, (m.start(), stop), "chair")
    return body


def _follows_comma(text: str, end: int, start: int) -> bool:
    """Whether only ', ' (and 'the') separates two matches."""
    return re.fullmatch(r",\s*(?:the\s+)?", text[end:start], re.IGNORECASE) is not None


def _composition(dg: DocumentGraph, start: int, end: int) -> None:
    """'the NSG comprises of the Senior Responsible Officers (SRO)' -> post gk:memberOf body."""
    m = COMPRISES.search(dg.text, start, end)
    if m is None:
        return
    bodies = [b for b in dg.gazetteer.find(dg.text, start, m.start()) if is_body(b.entry)]
    if not bodies:
        return
    body = bodies[-1]
    posts = [p for p in dg.gazetteer.find(dg.text, m.end(), end) if is_post(p.entry)]
    members = joined_list(dg.text, posts, m.end())
    if not members:
        dg.warn(m.start(), "composition: no post named as a member")
    for member in members:
        dg.sit_on(member.iri, body.iri, False, (body.start, member.end), "comprises")


def _stakeholder_group(dg: DocumentGraph, org: URIRef, start: int, end: int) -> None:
    """'we work as part of a <group> which contains representatives from ... such as A, B'."""
    m = PART_OF.search(dg.text, start, end)
    if m is None:
        return
    found = dg.gazetteer.find(dg.text, m.end(), end)
    if not found or found[0].start != m.end() or not is_body(found[0].entry):
        dg.warn(m.start(), "group: no group named after 'part of'")
        return
    group = found[0]
    dg.sit_on(org, group.iri, False, (m.start(), group.end), "part-of-group")
    cues = list(MEMBERS_FROM.finditer(dg.text, group.end, end))
    cue = next((c for c in cues if c.group().lower().startswith("such")), cues[0] if cues else None)
    if cue is None:
        return
    seen = {org, group.iri}
    for member in dg.gazetteer.find(dg.text, cue.end(), end):
        if is_organisation(member.entry) and member.iri not in seen:
            seen.add(member.iri)
            dg.sit_on(member.iri, group.iri, False, (member.start, member.end), "group-member")


def target_measures(dg: DocumentGraph) -> list[URIRef]:
    """Sentences such as 'we will achieve 30,000 quality interactions each year' -> measures."""
    measures = []
    for start, end in sentences(dg.text):
        m = TARGET.search(dg.text, start, end)
        if m is None or "\t" in dg.text[start:end]:
            continue
        measure = dg.text_thing(
            "measure", GK.PerformanceMeasure, dg.text[start:end], (start, end), "target"
        )
        value = Literal(Decimal(m.group(1).replace(",", "")))  # rdfs:range xsd:decimal
        dg.add(measure, GK.targetValue, value, (m.start(1), m.end(1)), "target")
        measures.append(measure)
    return measures
