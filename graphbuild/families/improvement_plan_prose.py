"""Prose relations of a departmental improvement plan (family 'improvement-plan').

- "<Org> supports" followed by a list, one item a line: each post or body named in an item
  is gk:supports of the organisation;
- "the creation of the X, ... and now of the Y": each unit gk:createdBy the plan's
  organisation;
- "The <Body> has agreed that ... the <...> themes of A, B and C": each theme gk:agreedBy
  the body (themes the ontology lacks are minted as gk:Theme);
- the contact block "<Unit> <Organisation> <address>" above "Telephone:"/"E-mail:" lines:
  the unit org:subOrganizationOf the organisation.
"""

from __future__ import annotations

import re
from itertools import pairwise

from rdflib import URIRef

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.cues import is_agent, is_body, is_organisation, is_theme, joined_list
from graphbuild.gazetteer import Match
from graphbuild.text import Line, find_all, lines
from ontology.namespace import GK, ORG

SUPPORTS = re.compile(r"^\s*(?:the\s+)?(?P<org>\S.*?)\s+supports\s*:?\s*$", re.IGNORECASE)
AGREED = re.compile(r"\s+(?:has|have)\s+agreed\b[^.]*?\bthemes?\s+of\s+(?P<list>[^.]+)", re.I)
CONTACT_FIELD = re.compile(r"^\s*(?:Telephone|Tel|Phone|E-?mail|Web|Website)\s*:", re.I)
LIST_SEPARATOR = re.compile(r",|;|\band\b|&", re.IGNORECASE)


def _non_blank(dg: DocumentGraph) -> list[Line]:
    """The lines of the cleaned text that hold something."""
    return [ln for ln in lines(dg.clean) if ln.text.strip()]


def extract_supports(dg: DocumentGraph) -> None:
    """'<Org> supports' + one item a line: the organisation supports each post or body."""
    all_lines = lines(dg.clean)
    for i, line in enumerate(all_lines):
        org = _supports_cue(dg, line)
        if org is not None:
            _supported(dg, org.iri, org.start, _list_after(all_lines, i))


def _supports_cue(dg: DocumentGraph, line: Line) -> Match | None:
    """The organisation of a '<Org> supports' line, if the line is one."""
    m = SUPPORTS.match(line.text)
    if m is None:
        return None
    orgs = dg.gazetteer.find(dg.text, line.start + m.start("org"), line.start + m.end("org"))
    return orgs[0] if len(orgs) == 1 and is_organisation(orgs[0].entry) else None


def _list_after(all_lines: list[Line], index: int) -> list[Line]:
    """The run of non-blank lines after a cue line (blank lines before it skipped)."""
    items: list[Line] = []
    for line in all_lines[index + 1 :]:
        if line.text.strip():
            items.append(line)
        elif items:
            break
    return items


def _supported(dg: DocumentGraph, org: URIRef, cue: int, items: list[Line]) -> None:
    """Each post or body an item names is supported by the organisation."""
    for item in items:
        agents = [m for m in dg.gazetteer.find(dg.text, item.start, item.end) if is_agent(m.entry)]
        if not agents:
            dg.warn(item.start, "supports-list item names no known post or body")
        for m in agents:
            dg.add(org, GK.supports, m.iri, (cue, m.end), "supports-list")


def extract_created(dg: DocumentGraph, organisation: URIRef) -> None:
    """'the creation of the X ... and now of the Y': each unit was created by the organisation."""
    for start, end in find_all(dg.clean, "creation of"):
        sentence_end = dg.text.find(".", end)
        stop = len(dg.text) if sentence_end < 0 else sentence_end
        matches = dg.gazetteer.find(dg.text, end, stop)
        for m in joined_list(dg.text, matches, end):
            if is_organisation(m.entry) and m.iri != organisation:
                dg.add(m.iri, GK.createdBy, organisation, (start, m.end), "creation-of")


def extract_agreed_themes(dg: DocumentGraph) -> None:
    """'The <Body> has agreed that ... themes of A, B and C': each theme agreed by the body."""
    for body in dg.gazetteer.find(dg.text):
        m = AGREED.match(dg.text, body.end) if is_body(body.entry) else None
        if m is None:
            continue
        for theme, (_start, end) in _themes(dg, m.start("list"), m.end("list")):
            dg.add(theme, GK.agreedBy, body.iri, (body.start, end), "agreed-themes")


def _themes(dg: DocumentGraph, start: int, end: int) -> list[tuple[URIRef, Offsets]]:
    """The themes of a list: the ontology's themes by label, the rest minted by name."""
    found: list[tuple[URIRef, Offsets]] = []
    pos = start
    known = [m for m in dg.gazetteer.find(dg.text, start, end) if is_theme(m.entry)]
    for m in [*known, None]:
        gap_end = end if m is None else m.start
        found.extend(_named_themes(dg, pos, gap_end))
        if m is not None:
            found.append((m.iri, (m.start, m.end)))
            pos = m.end
    return found


def _named_themes(dg: DocumentGraph, start: int, end: int) -> list[tuple[URIRef, Offsets]]:
    """Themes the ontology lacks, between separators of a list segment."""
    found: list[tuple[URIRef, Offsets]] = []
    pos = start
    for piece in [*LIST_SEPARATOR.finditer(dg.text, start, end), None]:
        piece_end = end if piece is None else piece.start()
        words = dg.text[pos:piece_end]
        if words.strip():
            at = (pos + len(words) - len(words.lstrip()), pos + len(words.rstrip()))
            name = words.strip()
            theme = dg.named("theme", name[0].upper() + name[1:], GK.Theme, at, "agreed-themes")
            found.append((theme, at))
        pos = end if piece is None else piece.end()
    return found


def extract_contact_unit(dg: DocumentGraph) -> None:
    """The contact block's '<Unit> <Organisation> <address>': the unit is part of the org."""
    non_blank = _non_blank(dg)
    for line, following in pairwise(non_blank):
        if CONTACT_FIELD.match(following.text) and not CONTACT_FIELD.match(line.text):
            _unit_of(dg, line)


def _unit_of(dg: DocumentGraph, line: Line) -> None:
    """A unit named at the start of an address line, followed by its organisation."""
    matches = dg.gazetteer.find(dg.text, line.start, line.end)
    if len(matches) < 2 or dg.text[line.start : matches[0].start].strip():
        return
    unit, org = matches[0], matches[1]
    adjacent = not dg.text[unit.end : org.start].strip(" ,")
    if adjacent and GK.Unit in unit.entry.types and is_organisation(org.entry):
        dg.add(unit.iri, ORG.subOrganizationOf, org.iri, (unit.start, org.end), "contact-unit")
