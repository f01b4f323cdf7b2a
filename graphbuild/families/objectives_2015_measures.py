"""Performance measures of the 'objectives-2015-16' family, with assessors and mechanisms.

Measure cells and lines become items: a line continues the one before when that one ends
with a function word ("... question in the" / "Civil Service People Survey"), when it starts
in lower case ("baseline Hold permanent secretaries ...", whose capitalised tail starts a new
item), or when a known name runs across the line break ("Implementation" / "Board"). Items
are then split at semicolons and at sentence ends. For each measure:
- "Hold <posts> to account ... through the <body> and in <mechanism>": the posts are held to
  account by the document's post, through each body or mechanism named after the cue;
- otherwise "Feedback from A, B and C" names its assessors (gk:heldToAccountBy), and an
  accountability mechanism that is the whole measure ("360-degree feedback") or its channel
  ("feedback from officials through 360 feedback") is gk:heldToAccountThrough. A mechanism
  merely mentioned ("People Survey outcomes") is not.
"""

from __future__ import annotations

import re
from itertools import pairwise

from rdflib import URIRef

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.cues import (
    FUNCTION_WORDS,
    is_body,
    is_mechanism,
    is_post,
    joined_list,
    split_run_together,
)
from ontology.namespace import GK

ITEM_END = re.compile(r";|\.(?=\s+[A-Z])")
HOLD = re.compile(r"\bhold\s+(?P<who>.+?)\s+to\s+account\b", re.IGNORECASE | re.DOTALL)
CHANNEL = re.compile(r"\b(?:through|via|by\s+means\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
FEEDBACK = re.compile(r"\bfeedback\s+from\s+", re.IGNORECASE)
TRAILING = " \t\n.;,"


def extract_measures(
    dg: DocumentGraph, post: URIRef, objective: URIRef, spans: list[Offsets]
) -> None:
    """State every measure of an objective, with its assessors and mechanisms."""
    for start, end in measure_items(dg, spans):
        measure = dg.text_thing(
            "measure", GK.PerformanceMeasure, dg.text[start:end], (start, end), "measure"
        )
        dg.add(objective, GK.hasMeasure, measure, (start, end), "objective-measure")
        if not _held_to_account(dg, post, start, end):
            _assessors(dg, measure, start, end)
            _mechanisms(dg, measure, start, end)


def measure_items(dg: DocumentGraph, spans: list[Offsets]) -> list[Offsets]:
    """The measure items of an objective's cells and lines."""
    logical: list[Offsets] = []
    joins: list[int] = []
    for start, end in spans:
        if logical and _continues(dg, logical[-1], (start, end)):
            if dg.text[start:end].lstrip()[:1].islower():
                joins.append(start)
            logical[-1] = (logical[-1][0], end)
        else:
            logical.append((start, end))
    pieces = [p for span in logical for p in _unrun(dg, span, joins)]
    return [item for piece in pieces for item in _split_items(dg.text, piece)]


def _unrun(dg: DocumentGraph, span: Offsets, joins: list[int]) -> list[Offsets]:
    """Cut a joined span where a new item runs on after a lower-case continuation."""
    inside = [j for j in joins if span[0] < j < span[1]]
    if not inside:
        return [span]
    matches = dg.gazetteer.find(dg.text, *span)
    cuts: list[int] = []
    for j, seg_end in zip(inside, [*inside[1:], span[1]], strict=True):
        cuts.extend(p[0] for p in split_run_together(dg.text, j, seg_end, matches)[1:])
    bounds = [span[0], *cuts, span[1]]
    return list(pairwise(bounds))


def _continues(dg: DocumentGraph, prev: Offsets, span: Offsets) -> bool:
    """Whether a measure line continues the previous one (see the module docstring)."""
    before, after = dg.text[slice(*prev)].rstrip(), dg.text[slice(*span)].lstrip()
    if not before or not after:
        return False
    last_word = before.split()[-1].lower()
    if last_word in FUNCTION_WORDS or after[0].islower():
        return True
    names = dg.gazetteer.find(dg.text, prev[0], span[1])
    return any(m.start < prev[1] and m.end > span[0] for m in names)


def _split_items(text: str, span: Offsets) -> list[Offsets]:
    """Split a measure span at semicolons and sentence ends; trim each item."""
    items: list[Offsets] = []
    pos = span[0]
    for end in [*(m.start() for m in ITEM_END.finditer(text, *span)), span[1]]:
        item = _trim(text, pos, end)
        if item is not None:
            items.append(item)
        pos = end + 1
    return items


def _trim(text: str, start: int, end: int) -> Offsets | None:
    """The span without surrounding blanks and trailing punctuation, or None if empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return (start, end) if end > start else None


def _held_to_account(dg: DocumentGraph, post: URIRef, start: int, end: int) -> bool:
    """'Hold <posts> to account ... through X and in Y': accountability of those posts."""
    m = HOLD.search(dg.text, start, end)
    if m is None:
        return False
    held = [p for p in dg.gazetteer.find(dg.text, *m.span("who")) if is_post(p.entry)]
    if not held:
        dg.warn(m.start(), "'hold ... to account' names no known post")
        return False
    for who in held:
        dg.add(who.iri, GK.heldToAccountBy, post, m.span(), "hold-to-account")
        for via in dg.gazetteer.find(dg.text, m.end(), end):
            if is_body(via.entry) or is_mechanism(via.entry):
                dg.add(
                    who.iri, GK.heldToAccountThrough, via.iri, (m.start(), via.end), "hold-through"
                )
    return True


def _assessors(dg: DocumentGraph, measure: URIRef, start: int, end: int) -> None:
    """'Feedback from A, B and C': each post named is an assessor of the measure."""
    for cue in FEEDBACK.finditer(dg.text, start, end):
        matches = dg.gazetteer.find(dg.text, cue.end(), end)
        for m in joined_list(dg.text, matches, cue.end()):
            if is_post(m.entry):
                dg.add(measure, GK.heldToAccountBy, m.iri, (cue.start(), m.end), "feedback-from")


def _mechanisms(dg: DocumentGraph, measure: URIRef, start: int, end: int) -> None:
    """A mechanism that is the whole measure ('360-degree feedback') or its channel ('through')."""
    for m in dg.gazetteer.find(dg.text, start, end):
        whole = (m.start, m.end) == (start, end)
        if is_mechanism(m.entry) and (whole or CHANNEL.search(dg.text, start, m.start)):
            dg.add(measure, GK.heldToAccountThrough, m.iri, (m.start, m.end), "measure-mechanism")
