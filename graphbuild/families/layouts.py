"""Layouts as data: kinds of document, table column roles and objective categories.

Reads graphbuild/families/layouts.toml (docs/architecture.md §5). A document's kind is
detected by score over its title lines, headings and table header cells, never by one
document's exact wording; a header cell's role and an objective's category are looked up
by their words, case and punctuation aside.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from rdflib import URIRef

from graphbuild.formats import Canonical
from graphbuild.text import CleanText, lines
from ontology.namespace import GK

TITLE_POINTS, OTHER_POINTS = 3, 1
HEADER_WORDS = 10  # a longer cell is content, not a column name
TITLE_LINES = 4


@dataclass(frozen=True)
class KindScore:
    """How well a document matches one kind, and the cues that matched."""

    kind: str
    score: int
    cues: tuple[str, ...]


@cache
def layouts() -> dict[str, Any]:
    """The parsed layouts.toml."""
    text = resources.files(__package__).joinpath("layouts.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def words(text: str) -> str:
    """Lower-case words joined by single spaces (punctuation and numbering dropped)."""
    text = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z][.)])\s+", "", text.lower())
    return " ".join(re.findall(r"[a-z]+(?:[-'’][a-z]+)*", text.replace("&", " and ")))


def _has(phrase: str, text: str) -> bool:
    """Whether a phrase occurs in normalised text as whole words."""
    return re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text) is not None


def score_kinds(clean: CleanText, canonical: Canonical) -> list[KindScore]:
    """Every kind's score for a document, best first."""
    headings = canonical.lines_of("heading") | canonical.lines_of("title")
    rows = canonical.lines_of("row")
    all_lines = [ln for ln in lines(clean) if ln.text.strip()]
    title = words(" ".join(ln.text for ln in all_lines[:TITLE_LINES] if ln.raw_line not in rows))
    heads = {words(ln.text) for ln in all_lines if ln.raw_line in headings}
    cells = {words(c) for ln in all_lines if ln.raw_line in rows for c in ln.text.split("\t")}
    roles = {column_role(c) for c in cells if len(c.split()) <= HEADER_WORDS}
    scores = []
    for kind, cues in layouts()["kind"].items():
        found = [f"title '{p}'" for p in cues["title"] if _has(p, title)][:1]
        found += [f"heading '{h}'" for h in cues["headings"] if h in heads]
        found += [f"column '{c}'" for c in cues["columns"] if c in roles]
        points = TITLE_POINTS * bool(found and found[0].startswith("title"))
        points += OTHER_POINTS * sum(not f.startswith("title") for f in found)
        scores.append(KindScore(kind, points, tuple(found)))
    return sorted(scores, key=lambda s: -s.score)


def best_kind(clean: CleanText, canonical: Canonical) -> KindScore | None:
    """The best-scoring kind when it reaches the threshold and beats the next one."""
    scores = score_kinds(clean, canonical)
    best = scores[0]
    runner_up = scores[1].score if len(scores) > 1 else 0
    if best.score >= layouts()["threshold"] and best.score > runner_up:
        return best
    return None


@lru_cache(maxsize=8192)
def column_role(cell: str) -> str | None:
    """The role a header cell names ('Performance Measures' -> 'measure'), or None."""
    return _role_of(words(cell))


@cache
def _column_phrases() -> list[tuple[str, str]]:
    """(phrase, role) pairs, longest phrase first."""
    pairs = [(p, role) for role, ps in layouts()["columns"].items() for p in ps]
    return sorted(pairs, key=lambda pr: -len(pr[0]))


def _role_of(text: str) -> str | None:
    """The role named by a header cell's normalised words."""
    if not text or len(text.split()) > HEADER_WORDS:
        return None
    for phrase, role in _column_phrases():
        if text == phrase or (len(phrase.split()) > 1 and _has(phrase, text)):
            return role
    stems: dict[str, list[str]] = layouts()["column_stems"]
    for word in text.split():
        for role, prefixes in stems.items():
            if word.startswith(tuple(prefixes)):
                return str(role)
    return None


@cache
def _categories() -> list[tuple[str, URIRef]]:
    """(phrase, objective class) pairs, longest phrase first."""
    pairs = [(p, GK[cls]) for cls, ps in layouts()["categories"].items() for p in ps]
    return sorted(pairs, key=lambda pr: -len(pr[0]))


def category_of(text: str) -> URIRef | None:
    """The objective class a heading or label names ('Diversity and inclusion objectives')."""
    text = words(text)
    short = len(text.split()) <= 6
    if not short:
        return None
    for phrase, cls in _categories():
        if _has(phrase, text) and (
            _has("objective", text) or _has("objectives", text) or text.startswith(phrase)
        ):
            return cls
    return None
