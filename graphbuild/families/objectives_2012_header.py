"""The parts of an 'objectives-2012-13' document before its table: role text and holder.

- The role text: a paragraph naming the post ("The Head of the Civil Service is responsible
  for ...", a gk:roleDescription) or introducing its "core functions", followed by one
  paragraph per function ("1) Supporting ...", gk:hasCoreFunction with gk:number).
- The form heading "PERMANENT SECRETARY INDIVIDUAL PERFORMANCE OBJECTIVES <year>".
- The "Name | Department" header: the person, and the posts the Department cell lists
  ("Head of the Civil Service, and Permanent Secretary, Department for ..." -> the reference
  post and the specific post '<kind>, <department>'); a cell naming only a department gives
  the department of the post the role text describes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import XSD, Literal, URIRef

from graphbuild.facts import DocumentGraph
from graphbuild.families.cues import is_body, is_generic_post, is_organisation, is_post, post_class
from graphbuild.families.objectives_2012_cells import Item, Row
from graphbuild.families.objectives_2012_relations import state_relations
from graphbuild.families.objectives_2012_table import CATEGORY
from graphbuild.gazetteer import Match
from ontology.namespace import GK, ORG

FORM_HEADING = re.compile(r"individual\s+performance\s+objectives", re.IGNORECASE)
HEADER_LABELS = ["name", "department"]
CORE_FUNCTIONS = re.compile(r"\bcore\s+functions?\b", re.IGNORECASE)
NUMBERED = re.compile(r"^\(?(?P<number>\d+)\s*[.)]\s*")
POST_IN_PLACE = re.compile(r"\s*,\s*")
SUBJECT_VERB = re.compile(r"\s+(?:is|has|will|leads|provides)\b")


@dataclass
class Parts:
    """Role paragraphs, the Name/Department values row and the table rows."""

    role: list[Item] = field(default_factory=list)
    values: Row | None = None
    table: list[Row] = field(default_factory=list)


def split_document(dg: DocumentGraph, rows: list[Row]) -> Parts:
    """Role text up to the Name/Department header (else the first category), table after it."""
    parts = Parts()
    header = next((i for i, row in enumerate(rows) if _labels(row) == HEADER_LABELS), None)
    if header is not None:
        values = next((i for i in range(header + 1, len(rows)) if not rows[i].blank), header)
        parts.values = rows[values] if values > header else None
        role_end, parts.table = header, rows[values + 1 :]
    else:
        dg.warn(0, "no 'Name / Department' header: the holder is unknown")
        role_end = next((i for i, row in enumerate(rows) if _is_category(row)), len(rows))
        parts.table = rows[role_end:]
    for row in rows[:role_end]:
        item = Item([f for cell in row.cells for f in cell])
        if item.fragments and not FORM_HEADING.search(item.text):
            parts.role.append(item)
    return parts


def _is_category(row: Row) -> bool:
    """Whether the row opens an objectives category."""
    return bool(row.cells and row.cells[0] and CATEGORY.match(row.cells[0][0].text))


def _labels(row: Row) -> list[str]:
    """The lower-cased cell texts of a row, without trailing colons."""
    return [" ".join(f.text for f in cell).strip(" :").lower() for cell in row.cells]


def described_post(dg: DocumentGraph, role: list[Item]) -> URIRef | None:
    """The post the role text is about: the subject of a sentence ('the X has'), else the first."""
    posts = [(i, m) for i in role for m in dg.gazetteer.find(i.text) if is_post(m.entry)]
    subject = next((m for item, m in posts if SUBJECT_VERB.match(item.text, m.end)), None)
    first = subject or next((m for _, m in posts), None)
    return first.iri if first is not None else None


def read_holder(dg: DocumentGraph, values: Row, post: URIRef | None) -> list[URIRef]:
    """The person and the posts the header lists (or the described post, if none)."""
    cells = [Item(cell) for cell in values.cells if cell]
    if len(cells) < 2:
        dg.warn(values.start, "Name/Department header without both values")
        return []
    name, department = cells[0], cells[1]
    person = dg.person(name.text, name.span, "header-name")
    posts = _listed_posts(dg, department)
    if not posts and post is not None:
        posts = [post]
        for org in (m for m in dg.gazetteer.find(department.text) if _is_department(m)):
            dg.add(post, ORG.postIn, org.iri, department.locate(org.start, org.end), "header-dept")
    for held in posts:
        dg.hold(person, held, (name.span[0], department.span[1]), "header-holds")
    return posts


def _listed_posts(dg: DocumentGraph, cell: Item) -> list[URIRef]:
    """Posts a Department cell lists; '<generic kind>, <organisation>' is a specific post."""
    found = dg.gazetteer.find(cell.text)
    posts: list[URIRef] = []
    for m, place in zip(found, [*found[1:], None], strict=True):
        if not is_post(m.entry):
            continue
        if (
            place is not None
            and is_generic_post(m.iri)
            and _is_department(place)
            and POST_IN_PLACE.fullmatch(cell.text[m.end : place.start])
        ):
            at = cell.locate(m.start, place.end)
            specific = dg.specific_post(m.iri, place.iri, post_class(m.iri), at, "header-post")
            dg.add(specific, ORG.postIn, place.iri, at, "header-post")
            posts.append(specific)
        else:
            posts.append(m.iri)
    return posts


def _is_department(m: Match) -> bool:
    """A department, unit or other organisation that posts are in (not a board)."""
    return is_organisation(m.entry) and not is_body(m.entry)


def read_role(dg: DocumentGraph, role: list[Item], post: URIRef) -> None:
    """Role description, core functions and the relations the role text states."""
    functions = False
    for item in role:
        state_relations(dg, item, post)
        if not functions and CORE_FUNCTIONS.search(item.text):
            functions = True
        elif functions:
            _core_function(dg, item, post)
        else:
            text = Literal(item.text)
            dg.add(post, GK.roleDescription, text, item.span, "role-description")


def _core_function(dg: DocumentGraph, item: Item, post: URIRef) -> None:
    """One core function paragraph, with its number when it has one."""
    numbered = NUMBERED.match(item.text)
    start = numbered.end() if numbered else 0
    at = item.locate(start, len(item.text))
    function = dg.text_thing("core-function", GK.CoreFunction, item.text[start:], at, "function")
    dg.add(post, GK.hasCoreFunction, function, at, "core-function")
    if numbered:
        number = Literal(int(numbered["number"]), datatype=XSD.integer)
        label = item.locate(numbered.start("number"), numbered.end("number"))
        dg.add(function, GK.number, number, label, "core-function-number")
