"""Sentence-level facts in any document: who chairs, sits on, line-manages, reports to what.

Layout-free (docs/architecture.md §5): each sentence of every paragraph, item and cell is
searched for the relation cues of layouts.toml ('chairs', 'is a member of', 'working to',
'administering' ...). The subject is the document's post when the words before the cue are
about it (He, She, I, the person's name, the post's name, 'As Accounting Officer, she'), or
a post or body the sentence opens with; the objects are the names joined in a list after the
cue: known posts, bodies, codes and organisations, and bodies the ontology does not know
('the Executive Committee'), minted in the document's department.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.cues import (
    is_agent,
    is_body,
    is_code,
    is_generic_post,
    is_organisation,
    is_post,
    joined_list,
    post_class,
)
from graphbuild.families.layouts import layouts
from graphbuild.gazetteer import Entry, Match
from graphbuild.text import lines, slug
from ontology.namespace import GK, ORG, entity

SENTENCE = re.compile(r"[^.;!?\t\n]+(?:[.;!?](?![a-z0-9])|(?=[\t\n])|$)")
SELF = re.compile(
    r"^\W*(?:(?:and|also|in\s+addition|as\s+[^,]{1,60},)\s*)*"
    r"(?:he|she|they|i|we|the\s+permanent\s+secretary|the\s+post\s*holder)\b",
    re.IGNORECASE,
)
BODY = re.compile(
    r"(?:[A-Z][\w'’&-]*\s+(?:(?:and|of|for|&|on)\s+)?){0,6}"
    r"(?:Board|Committee|Council|Forum|Panel|Group|Network|Commission|Team)s?\b"
)
SUBJECT_GAP = re.compile(r"[\s,]*(?:(?:also|now|is)\s+)*")
COORDINATED = re.compile(r"^\s+[a-z][^;]*\s(?:and|,)\s*(?:(?:is|also)\s+)*$")
POSSESSIVE = re.compile(
    r"\s*(?:its|his|her|their|(?:the\s+)?department[’']s|(?:the\s+)?organisation[’']s)\s+", re.I
)
GENERIC_BODIES = frozenset(
    {
        "board",
        "departmental board",
        "executive committee",
        "executive board",
        "management board",
        "management committee",
        "executive management committee",
        "audit committee",
        "audit and risk committee",
        "audit and risk assurance committee",
        "nominations committee",
        "people committee",
        "operations committee",
        "investment committee",
        "risk committee",
        "remuneration committee",
        "executive team",
        "leadership team",
        "senior leadership team",
    }
)
OBJECT_TEST = {
    "chairs": is_body,
    "member": is_body,
    "lineManages": is_post,
    "lineManagedBy": is_post,
    "accountableTo": is_agent,
    "administers": is_code,
    "advisesOn": is_code,
    "hostedBy": is_organisation,
    "heldTogetherWith": lambda e: (is_post(e) and not is_generic_post(e.iri)) or _is_ao(e),
}
PREDICATE = {
    "lineManages": GK.lineManages,
    "lineManagedBy": GK.lineManagedBy,
    "accountableTo": GK.accountableTo,
    "administers": GK.administers,
    "advisesOn": GK.advisesOn,
    "hostedBy": GK.hostedBy,
    "heldTogetherWith": GK.heldTogetherWith,
}


@dataclass(frozen=True)
class Cue:
    """One cue phrase and the fact it states."""

    fact: str
    pattern: re.Pattern[str]
    passive: bool = False


@cache
def cue_list() -> list[Cue]:
    """Every cue of layouts.toml, longest phrase first."""
    found = [
        (phrase, r["fact"], bool(r.get("passive")))
        for r in layouts()["relation"]
        for phrase in r["cues"]
    ]
    found.sort(key=lambda cue: -len(cue[0]))
    return [Cue(fact, _cue_pattern(phrase), passive) for phrase, fact, passive in found]


def _cue_pattern(phrase: str) -> re.Pattern[str]:
    """A cue phrase as whole words, any whitespace between them, any case."""
    body = r"\s+".join(map(re.escape, phrase.split()))
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def extract_sentences(dg: DocumentGraph) -> int:
    """State the relations every sentence's cues give; the number of facts stated."""
    before = dg.facts
    for line in lines(dg.clean):
        for sentence in SENTENCE.finditer(dg.text, line.start, line.end):
            if sentence.end() > line.end:
                break
            _sentence(dg, (sentence.start(), sentence.end()))
    return dg.facts - before


def _sentence(dg: DocumentGraph, span: Offsets) -> None:
    """The facts of one sentence."""
    taken: list[Offsets] = []
    for cue in cue_list():
        for m in cue.pattern.finditer(dg.text, *span):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append(m.span())
            if cue.passive:
                _passive(dg, cue.fact, span, m)
                continue
            subject = _subject(dg, span[0], m.start())
            if subject is not None:
                _relate(dg, cue.fact, subject, m, span[1])


def _passive(dg: DocumentGraph, fact: str, span: Offsets, cue: re.Match[str]) -> None:
    """'the Home Office Board, chaired by the Permanent Secretary': the post chairs the body."""
    bodies = _objects(dg, fact, span[0], cue.start(), listed=False)
    agents = [m for m in dg.gazetteer.find(dg.text, cue.end(), span[1]) if is_post(m.entry)]
    gap = dg.text[bodies[-1].end : cue.start()] if bodies else ""
    if not bodies or not agents or not re.fullmatch(r"[\s,]*(?:which\s+is\s+)?", gap):
        return
    if not re.fullmatch(r"\s*(?:the\s+)?", dg.text[cue.end() : agents[0].start], re.I):
        return
    body, agent = bodies[-1], _own_post(dg, agents[0])
    if dg.gazetteer.lookup(body.entry.pref_label) is None:
        kind = GK.Board if GK.Board in body.entry.types else GK.Committee
        dg.named("body", body.entry.pref_label, kind, (body.start, body.end), f"minted-{fact}")
    dg.sit_on(agent, body.iri, fact == "chairs", (body.start, agents[0].end), f"passive-{fact}")


def _is_ao(entry: Entry) -> bool:
    """The Accounting Officer post (generic, yet held together with a department's post)."""
    return entry.pref_label == "Accounting Officer"


def _subject(dg: DocumentGraph, start: int, cue: int) -> URIRef | None:
    """The sentence's subject: the document's post, or a post or body the sentence opens with."""
    before = dg.text[start:cue]
    if dg.post is not None and (SELF.match(before) or _opens_with_name(dg, before)):
        return dg.post
    opening = dg.gazetteer.find(dg.text, start, cue)
    if opening and re.fullmatch(r"\W*(?:the\s+)?", dg.text[start : opening[0].start], re.I):
        first = opening[0]
        tail = dg.text[first.end : cue]
        if is_agent(first.entry) and (SUBJECT_GAP.fullmatch(tail) or _coordinated(opening, tail)):
            return _own_post(dg, first)
    return None


def _coordinated(opening: list[Match], tail: str) -> bool:
    """'X chairs the Board and is a member of ...': a second predicate of the same subject."""
    return COORDINATED.search(tail) is not None and not any(is_post(m.entry) for m in opening[1:])


def _own_post(dg: DocumentGraph, match: Match) -> URIRef:
    """'The Permanent Secretary' in a department's document is that department's post."""
    singular = not dg.text[match.start : match.end].lower().endswith(("ies", "s"))
    if not (singular and is_generic_post(match.iri) and dg.department is not None):
        return match.iri
    if dg.post is not None and (dg.post, GK.kindOfPost, match.iri) in dg.graph:
        return dg.post
    at = (match.start, match.end)
    post = dg.specific_post(match.iri, dg.department, post_class(match.iri), at, "department-post")
    dg.add(post, ORG.postIn, dg.department, at, "department-post")
    return post


def _opens_with_name(dg: DocumentGraph, before: str) -> bool:
    """Whether the sentence opens with the person's name or surname (titles aside)."""
    words = re.sub(r"^\W*(?:(?:sir|dame|dr)\s+)?", "", before, flags=re.I).lower()
    if dg.person_name is None:
        return False
    name = dg.person_name.lower()
    return any(re.match(rf"{re.escape(n)}(?![\w])", words) for n in (name, name.split()[-1]))


def _objects(
    dg: DocumentGraph, fact: str, start: int, end: int, listed: bool = True
) -> list[Match]:
    """The names listed right after a cue that fit the relation (all names when not listed)."""
    if owner := POSSESSIVE.match(dg.text, start, end):
        start = owner.end()
    found = dg.gazetteer.find(dg.text, start, end)
    if fact in ("chairs", "member"):
        for m in BODY.finditer(dg.text, start, end):
            a, b = _trim_body(dg.text, m.start(), m.end())
            inner = [k for k in found if k.start < b and a < k.end]
            if b <= a or any(is_body(k.entry) or k.start < a or k.end > b for k in inner):
                continue
            if re.match(r"[’']s\b", dg.text[b : b + 2]):  # "the Board's review": not the Board
                continue
            found = [k for k in found if k not in inner]
            found.append(Match(a, b, _minted_body(dg, a, b, inner)))
    found.sort(key=lambda m: m.start)
    chosen = joined_list(dg.text, found, start) if listed else found
    return [m for m in chosen if OBJECT_TEST[fact](m.entry)]


def _trim_body(text: str, start: int, end: int) -> Offsets:
    """A minted body name without a leading 'The' or a connector."""
    m = re.match(r"(?:(?:The|And|Of|For|On)\s+)+", text[start:end])
    return (start + m.end(), end) if m else (start, end)


def _minted_body(dg: DocumentGraph, start: int, end: int, inner: list[Match]) -> Entry:
    """A body the ontology does not know; a generic name is qualified by its department.

    'the Executive Committee' in a Department for Transport document and 'the DfT Executive
    Committee' anywhere are both 'Department for Transport Executive Committee'.
    """
    name = " ".join(dg.text[start:end].split())
    label = name
    owner = (
        inner[0] if inner and inner[0].start == start and is_organisation(inner[0].entry) else None
    )
    rest = " ".join(dg.text[owner.end : end].split()) if owner is not None else name
    if owner is not None and rest.lower() in GENERIC_BODIES:
        label = f"{owner.entry.pref_label} {rest}"
    elif name.lower() in GENERIC_BODIES and dg.department is not None:
        label = f"{dg.label_of(dg.department)} {name}"
    kind = GK.Board if name.lower().endswith(("board", "boards")) else GK.Committee
    return Entry(label, entity("body", slug(label)), label, frozenset({kind, GK.GoverningBody}))


def _relate(dg: DocumentGraph, fact: str, subject: URIRef, cue: re.Match[str], end: int) -> None:
    """State the cue's fact between the subject and each object."""
    for obj in _objects(dg, fact, cue.end(), end):
        if obj.iri == subject:
            continue
        at = (cue.start(), obj.end)
        if dg.gazetteer.lookup(obj.entry.pref_label) is None:  # a body minted here
            kind = GK.Board if GK.Board in obj.entry.types else GK.Committee
            dg.named("body", obj.entry.pref_label, kind, (obj.start, obj.end), f"minted-{fact}")
        if fact in ("chairs", "member"):
            dg.sit_on(subject, obj.iri, fact == "chairs", at, f"sentence-{fact}")
        else:
            dg.add(subject, PREDICATE[fact], obj.iri, at, f"sentence-{fact}")
