"""The role of the post in the 'objectives-2015-16' family: prose above the objective tables.

- "The <post> is responsible for ..." / "The <post> is <other post> and ...": a paragraph
  that is the post's gk:roleDescription (and the other post's, when it names one: the two
  posts are then gk:heldTogetherWith each other);
- "... core functions:" followed by numbered items "N. <function>": gk:hasCoreFunction;
- "administering the <Code>": gk:administers; "advice ... on adherence to the A, the B and
  the C": gk:advisesOn each code;
- "line management of (a cadre of) <posts>": those posts gk:lineManagedBy the document's post;
- in a sentence about the post ("He ...", "The <post> ..."): "chairs the X" and "is a member
  of the Y and the Z": dg.sit_on.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rdflib import XSD, Literal, URIRef

from graphbuild.facts import DocumentGraph
from graphbuild.families.cues import is_body, is_code, is_post, joined_list
from graphbuild.gazetteer import Entry, Match
from graphbuild.text import find_all, lines, normalise_ws
from ontology.namespace import GK

CORE_FUNCTIONS = re.compile(r"\bcore\s+functions?\s*:\s*$", re.IGNORECASE)
NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(\S.*?)\s*$")
IS_CLAUSE = re.compile(r"\s+is\s+(?:(?:the|a|an)\s+)?", re.IGNORECASE)
ADVICE = re.compile(r"\badvi(?:ce|se|sing|ses)\b", re.IGNORECASE)
PRONOUN = re.compile(r"^(?:he|she|they|it)\b", re.IGNORECASE)
LEAD_THE = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)
CLAUSE_END = re.compile(r"[;,.:\n]")
SENTENCE_END = re.compile(r"\.(?:\s|$)|\n")
SITS = ((r"\bchairs\s+", True), (r"\b(?:is\s+)?(?:also\s+)?a\s+member\s+of\s+", False))


def extract_role(dg: DocumentGraph, post: URIRef) -> None:
    """Every role fact of the document's post."""
    _role_descriptions(dg, post)
    _core_functions(dg, post)
    _codes(dg, post)
    _line_management(dg, post)
    _bodies(dg, post)


def _names_post(dg: DocumentGraph, iri: URIRef, post: URIRef) -> bool:
    """Whether a recognised post is the document's post (or the kind it is named after)."""
    return iri == post or (post, GK.kindOfPost, iri) in dg.graph


def _opens_with_post(dg: DocumentGraph, start: int, found: list[Match], post: URIRef) -> bool:
    """Whether the text at `start` opens with '(The) <the document's post>'."""
    if not found or not _names_post(dg, found[0].iri, post):
        return False
    return LEAD_THE.fullmatch(dg.text, start, found[0].start) is not None


def _role_descriptions(dg: DocumentGraph, post: URIRef) -> None:
    """Paragraphs 'The <post> is ...': role descriptions of the post (and of a named post)."""
    for line in lines(dg.clean):
        text = line.text.strip()
        found = dg.gazetteer.find(dg.text, line.start, line.end)
        if "\t" in line.text or not _opens_with_post(dg, line.start, found, post):
            continue
        subject = found[0]
        verb = IS_CLAUSE.match(dg.text, subject.end)
        if verb is None:
            continue
        start = line.start + line.text.index(text)
        at, description = (start, start + len(text)), Literal(normalise_ws(text))
        dg.add(post, GK.roleDescription, description, at, "role-description")
        other = next((m for m in found if m.start == verb.end() and is_post(m.entry)), None)
        if other is not None:
            dg.add(other.iri, GK.roleDescription, description, at, "role-description")
            both = (subject.start, other.end)
            dg.add(post, GK.heldTogetherWith, other.iri, both, "post-is-post")


def _core_functions(dg: DocumentGraph, post: URIRef) -> None:
    """The numbered items after '... core functions:'."""
    all_lines = lines(dg.clean)
    for i, line in enumerate(all_lines):
        if not CORE_FUNCTIONS.search(line.text):
            continue
        for item in all_lines[i + 1 :]:
            m = NUMBERED.match(item.text)
            if m is None and item.text.strip():
                break
            if m is None:
                continue
            at = (item.start + m.start(2), item.start + m.end(2))
            function = dg.text_thing("function", GK.CoreFunction, m.group(2), at, "core-function")
            dg.add(post, GK.hasCoreFunction, function, at, "core-function")
            number = Literal(int(m.group(1)), datatype=XSD.integer)
            dg.add(function, GK.number, number, (item.start + m.start(1), at[1]), "core-function")


def _codes(dg: DocumentGraph, post: URIRef) -> None:
    """'administering the <Code>' and 'advice ... on adherence to <Codes>'."""
    for start, end in find_all(dg.clean, "administering"):
        for code in _listed(dg, end, is_code):
            dg.add(post, GK.administers, code.iri, (start, code.end), "administers-code")
    for start, end in find_all(dg.clean, "adherence to"):
        sentence = _sentence_start(dg.text, start)
        advice = [m for m in ADVICE.finditer(dg.text, sentence, start)]
        for code in _listed(dg, end, is_code) if advice else []:
            dg.add(post, GK.advisesOn, code.iri, (advice[-1].start(), code.end), "advises-on-code")


def _line_management(dg: DocumentGraph, post: URIRef) -> None:
    """'line management of <posts>': those posts are line-managed by the document's post."""
    for start, end in find_all(dg.clean, "line management of"):
        clause_end = CLAUSE_END.search(dg.text, end)
        stop = clause_end.start() if clause_end else len(dg.text)
        posts = [m for m in dg.gazetteer.find(dg.text, end, stop) if is_post(m.entry)]
        for managed in _listed(dg, posts[0].start, is_post, stop) if posts else []:
            dg.add(managed.iri, GK.lineManagedBy, post, (start, managed.end), "line-management")


def _bodies(dg: DocumentGraph, post: URIRef) -> None:
    """'He chairs the X, is a member of the Y and the Z': the post sits on those bodies."""
    for sentence_start, sentence_end in _sentences(dg.text):
        head = dg.text[sentence_start:sentence_end]
        found = dg.gazetteer.find(dg.text, sentence_start, sentence_end)
        if not (PRONOUN.match(head) or _opens_with_post(dg, sentence_start, found, post)):
            continue
        for cue, chair in SITS:
            for m in re.finditer(cue, head, re.IGNORECASE):
                for body in _listed(dg, sentence_start + m.end(), is_body, sentence_end):
                    dg.sit_on(
                        post, body.iri, chair, (sentence_start + m.start(), body.end), "sits-on"
                    )


def _listed(
    dg: DocumentGraph, start: int, keep: Callable[[Entry], bool], stop: int | None = None
) -> list[Match]:
    """The recognised names listed right after `start` (to the sentence end) that `keep` accepts."""
    end = stop if stop is not None else _sentence_end(dg.text, start)
    chain = joined_list(dg.text, dg.gazetteer.find(dg.text, start, end), start)
    return [m for m in chain if keep(m.entry)]


def _sentence_end(text: str, pos: int) -> int:
    """Offset where the sentence holding pos ends."""
    found = SENTENCE_END.search(text, pos)
    return len(text) if found is None else found.start()


def _sentence_start(text: str, pos: int) -> int:
    """Offset where the sentence holding pos starts."""
    found = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    return 0 if found < 0 else found + 1


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of the text: split at '. ' and line breaks."""
    spans, pos = [], 0
    for m in re.finditer(r"\.\s+|\n+", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if e > s]
