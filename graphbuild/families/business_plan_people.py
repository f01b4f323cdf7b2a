"""Holders named on a business plan's locality role lines (family 'business-plan').

'Sue Gray', 'TBC', 'Susan Coles & Nafesa Salah-Uh-Din', 'Vanessa Boden (shared with Mids)'.
Names are never merged: 'Andy Ashworth' and 'Andrew Ashworth' stay two people. A sharing
note names another locality of the same document by an abbreviation, resolved by a general
rule: same first letter and the abbreviation's letters in order within the name
('Mids' -> 'Midlands', 'SW' -> 'South West'); initials win a tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphbuild.facts import DocumentGraph, Offsets

VACANT = re.compile(r"^(?:TBC|TBA|TBD|vacant|to be confirmed)\.?$", re.IGNORECASE)
JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|&)\s*")
SHARED = re.compile(
    r"\s*\(\s*(?:shared|job[- ]share[ds]?)\s+with\s+(?P<other>[^)]+?)\s*\)\s*$", re.I
)
PERSON = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,4}")


@dataclass(frozen=True)
class Holder:
    """A person named for a role (or the role's vacancy), with the evidence span."""

    at: Offsets
    name: str = ""
    name_at: Offsets = (0, 0)
    vacant: bool = False
    shared_with: str | None = None


def parse_holders(dg: DocumentGraph, start: int, end: int, at: Offsets) -> list[Holder]:
    """The holders written in text[start:end]; `at` is the evidence of the holding."""
    text = dg.text[start:end]
    if not text.strip():
        return []
    if VACANT.match(text.strip()):
        return [Holder(at, vacant=True)]
    holders = []
    for piece in _pieces(text, start):
        holder = _holder(dg, piece, at)
        if holder is not None:
            holders.append(holder)
    return holders


def _pieces(text: str, offset: int) -> list[Offsets]:
    """Spans of the comma/'and'/'&'-separated pieces of a holder list."""
    spans, pos = [], 0
    for sep in JOINER.finditer(text):
        if sep.start() > pos:
            spans.append((offset + pos, offset + sep.start()))
        pos = sep.end()
    if text[pos:].strip():
        spans.append((offset + pos, offset + len(text.rstrip())))
    return spans


def _holder(dg: DocumentGraph, piece: Offsets, at: Offsets) -> Holder | None:
    """One named holder, with an optional '(shared with X)' note; None (and a warning) if odd."""
    start, end = piece
    text = dg.text[start:end]
    shared = SHARED.search(text)
    name_end = start + (shared.start() if shared else len(text))
    name = dg.text[start:name_end].strip()
    if not PERSON.fullmatch(name):
        dg.warn(start, f"role holder: {text.strip()!r} does not look like a person's name")
        return None
    other = shared.group("other") if shared else None
    return Holder(at, name, (start, start + len(name)), shared_with=other)


def resolve_abbreviation(abbreviation: str, names: list[str]) -> str | None:
    """The one name an abbreviation stands for ('Mids' -> 'Midlands'), or None."""
    short = re.sub(r"[^a-z0-9]", "", abbreviation.lower())
    if not short:
        return None
    exact = [n for n in names if n.lower() == abbreviation.lower()]
    if exact:
        return exact[0]
    fits = [n for n in names if _letters(n).startswith(short[0]) and _in_order(short, _letters(n))]
    if len(fits) > 1:
        fits = [n for n in fits if _initials(n) == short] or fits
    return fits[0] if len(fits) == 1 else None


def _letters(name: str) -> str:
    """Lower-case letters and digits of a name."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _initials(name: str) -> str:
    """Lower-case initials of a name's words ('South West' -> 'sw')."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", name.lower()))


def _in_order(short: str, letters: str) -> bool:
    """Whether every character of `short` occurs in `letters`, in order."""
    rest = iter(letters)
    return all(ch in rest for ch in short)
