"""Extractor for the 'objectives-2015-16' family: a post's individual performance objectives.

Layout (e.g. "CABINET SECRETARY: INDIVIDUAL PERFORMANCE OBJECTIVES 2015/16"): a title line
"<POST>: INDIVIDUAL PERFORMANCE OBJECTIVES <year>", a "Role" section (role description and
numbered core functions), further prose sections (bodies the post chairs or sits on), then
tables "Objective<TAB>How will progress be achieved and measured?" with "Business objective
N <text><TAB>Business objective N <measures>" rows, free-standing blocks where a row gives
only its labels, and measure lines that continue below a row. The document's post comes
from the title; a generic post followed by an organisation ("PERMANENT SECRETARY, DEPARTMENT
FOR ...") becomes that organisation's own post. Role: objectives_2015_role; table:
objectives_2015_table; measures: objectives_2015_measures.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from graphbuild.facts import DocumentGraph
from graphbuild.families.cues import is_generic_post, is_organisation, is_post, post_class
from graphbuild.families.objectives_2015_measures import extract_measures
from graphbuild.families.objectives_2015_role import extract_role
from graphbuild.families.objectives_2015_table import is_header, objective_rows
from ontology.namespace import ORG

NAME = "objectives-2015-16"
TITLE = re.compile(
    r"^[ \t]*(?P<post>\S[^\t\n]*?)\s*:\s*INDIVIDUAL\s+PERFORMANCE\s+OBJECTIVES\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)


def detect(text: str) -> bool:
    """A '<POST>: INDIVIDUAL PERFORMANCE OBJECTIVES' title and an Objective/measured table."""
    return TITLE.search(text) is not None and any(is_header(ln) for ln in text.split("\n"))


def extract(dg: DocumentGraph) -> None:
    """Add the document's facts to dg."""
    post = document_post(dg)
    if post is None:
        return
    extract_role(dg, post)
    for row in objective_rows(dg):
        objective = row.state(dg, post)
        if objective is not None:
            extract_measures(dg, post, objective, row.measures)


def document_post(dg: DocumentGraph) -> URIRef | None:
    """The post whose objectives these are, from the title line."""
    title = TITLE.search(dg.text)
    if title is None:
        dg.warn(0, "no '<POST>: INDIVIDUAL PERFORMANCE OBJECTIVES' title line")
        return None
    start, end = title.span("post")
    matches = dg.gazetteer.find(dg.text, start, end)
    posts = [m for m in matches if is_post(m.entry)]
    if not posts:
        dg.warn(start, "the title names no known post")
        return None
    post = posts[0]
    places = [m for m in matches if is_organisation(m.entry) and m.start >= post.end]
    if not (is_generic_post(post.iri) and places):
        return post.iri
    place = places[0]
    at = (post.start, place.end)
    specific = dg.specific_post(post.iri, place.iri, post_class(post.iri), at, "title-post")
    dg.add(specific, ORG.postIn, place.iri, at, "title-post")
    return specific
