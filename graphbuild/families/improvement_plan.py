"""Extractor for the 'improvement-plan' family: a department's Departmental Improvement Plan.

Layout (e.g. Cabinet Office Departmental Improvement Plan, March 2014):
"<Organisation>\\n\\nDepartmental Improvement Plan\\n\\n<Month Year>", a contents list, a
"Foreword by ..." ending with its author's name line and a posts line, prose sections, and
the goals table "DIP Goals<TAB>DIP Actions<TAB>Indicative Measures". The plan's organisation
comes from the title block; the author's generic posts ("Permanent Secretary") become that
organisation's own post ("Permanent Secretary, Cabinet Office"). Prose relations
(supports, created, agreed themes, contact unit) are in improvement_plan_prose; the table
in improvement_plan_table.
"""

from __future__ import annotations

import re
from itertools import pairwise

from rdflib import URIRef

from graphbuild.facts import DocumentGraph
from graphbuild.families import improvement_plan_prose as prose
from graphbuild.families.cues import (
    is_generic_post,
    is_organisation,
    is_post,
    joined_list,
    post_class,
)
from graphbuild.families.improvement_plan_table import extract_goals, is_header
from graphbuild.gazetteer import Match
from graphbuild.text import Line, lines
from ontology.namespace import ORG

NAME = "improvement-plan"
TITLE = re.compile(r"^\s*(?:\w+\s+)?Improvement\s+Plan\s*$", re.IGNORECASE)
TITLE_LINES = 12
FOREWORD = re.compile(r"^\s*Foreword\b[^\t]*$", re.IGNORECASE)
PERSON_NAME = re.compile(r"^(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+$")


def detect(text: str) -> bool:
    """An 'Improvement Plan' title near the top and a Goals/Actions/Measures table."""
    head = [ln for ln in text.split("\n")[:TITLE_LINES] if ln.strip()]
    has_title = any(TITLE.match(ln) for ln in head)
    return has_title and any(is_header(ln) for ln in text.split("\n"))


def extract(dg: DocumentGraph) -> None:
    """Add the plan's facts to dg."""
    organisation = plan_organisation(dg)
    if organisation is None:
        dg.warn(0, "no organisation recognised in the plan's title block")
        return
    extract_signature(dg, organisation)
    prose.extract_supports(dg)
    prose.extract_created(dg, organisation)
    prose.extract_agreed_themes(dg)
    prose.extract_contact_unit(dg)
    extract_goals(dg, organisation)


def plan_organisation(dg: DocumentGraph) -> URIRef | None:
    """The organisation named by a whole line of the title block, above the plan title."""
    for line in lines(dg.clean)[:TITLE_LINES]:
        if TITLE.match(line.text):
            return None
        found = _whole_line_match(dg, line)
        if found is not None and is_organisation(found.entry):
            return found.iri
    return None


def _whole_line_match(dg: DocumentGraph, line: Line) -> Match | None:
    """The gazetteer match that is the whole (stripped) line, if any."""
    stripped = line.text.strip()
    if not stripped:
        return None
    start = line.start + line.text.index(stripped)
    found = dg.gazetteer.find(dg.text, start, start + len(stripped))
    if len(found) == 1 and (found[0].start, found[0].end) == (start, start + len(stripped)):
        return found[0]
    return None


def extract_signature(dg: DocumentGraph, organisation: URIRef) -> None:
    """The foreword's author (name line) and the posts they hold (the next line)."""
    all_lines = [ln for ln in lines(dg.clean) if ln.text.strip()]
    heading = next((i for i, ln in enumerate(all_lines) if FOREWORD.match(ln.text)), None)
    if heading is None:
        return
    for name_line, posts_line in pairwise(all_lines[heading + 1 :]):
        posts = _posts_line(dg, posts_line)
        if posts and _is_person_name(dg, name_line):
            _sign(dg, name_line, posts_line, posts, organisation)
            return
    dg.warn(all_lines[heading].start, "foreword without a signature (name line, posts line)")


def _is_person_name(dg: DocumentGraph, line: Line) -> bool:
    """A line of two to four capitalised words that names no known post or body."""
    known = dg.gazetteer.find(dg.text, line.start, line.end)
    return PERSON_NAME.match(line.text.strip()) is not None and not known


def _posts_line(dg: DocumentGraph, line: Line) -> list[Match]:
    """The posts of a line made only of post names ('X and Y'), else []."""
    chain = joined_list(dg.text, dg.gazetteer.find(dg.text, line.start, line.end), line.start)
    if not chain or not all(is_post(m.entry) for m in chain):
        return []
    return chain if not dg.text[chain[-1].end : line.end].strip() else []


def _sign(
    dg: DocumentGraph, name_line: Line, posts_line: Line, posts: list[Match], org: URIRef
) -> None:
    """The author holds each post; a generic post becomes the organisation's own post."""
    name = name_line.text.strip()
    name_start = name_line.start + name_line.text.index(name)
    person = dg.person(name, (name_start, name_start + len(name)), "foreword-author")
    for m in posts:
        post = m.iri
        if is_generic_post(m.iri):
            post = dg.specific_post(m.iri, org, post_class(m.iri), (m.start, m.end), "author-post")
            dg.add(post, ORG.postIn, org, (m.start, m.end), "author-post")
        dg.hold(person, post, (name_start, m.end), "foreword-author-holds")
