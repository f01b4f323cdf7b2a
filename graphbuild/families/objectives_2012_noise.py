"""Broken lines and OCR duplicates in the 'objectives-2012-13' tables (docs/architecture.md §5).

A cell item printed over several raw lines is joined again when the next line continues it
(`continues`): it starts with a lower-case word, or the previous line ends with a comma or a
function word, or a gazetteer label runs across the break ("Deputy / Prime Minister"). A raw
line that repeats its neighbour in the same column with OCR errors ("Tresponsible to all
millisters ...", "Padically improved performance", a repeated line ending) is dropped: of two
near-duplicates, a shorter copy of part of the other goes; of two copies of the same length,
the one whose words the rest of the document uses less is the garbled one.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

from graphbuild.families.objectives_2012_cells import Fragment, Row
from graphbuild.gazetteer import Gazetteer

SENTENCE_END = ".;!?"
RUN_ON_END = ",&(-/:"
FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "between", "by", "for", "from", "in", "including", "into"}
    | {"its", "of", "on", "or", "our", "that", "the", "their", "to", "with"}
)
DUPLICATE_RATIO = 0.8
DUPLICATE_MIN_CHARS = 12
SAME_LENGTH = 0.9
_WORD = re.compile(r"[a-z]+")


def continues(previous: str, following: str, gazetteer: Gazetteer) -> bool:
    """Whether `following` (a new raw line of a column) continues the item `previous`."""
    previous, following = previous.rstrip(), following.lstrip()
    if not previous or not following or previous[-1] in SENTENCE_END:
        return False
    if following[0].islower() or previous[-1] in RUN_ON_END:
        return True
    if previous.split()[-1].lower() in FUNCTION_WORDS:
        return True
    return _label_across(previous, following, gazetteer)


def _label_across(previous: str, following: str, gazetteer: Gazetteer) -> bool:
    """Whether a gazetteer label starts in `previous` and ends in `following`."""
    joined = f"{previous} {following}"
    junction = len(previous)
    window = max(0, junction - 80), min(len(joined), junction + 80)
    return any(m.start < junction < m.end for m in gazetteer.find(joined, *window))


def near_duplicate(a: str, b: str) -> bool:
    """Whether two lines are one line printed twice (whole, or as a start or an end)."""
    short, long = sorted((a.lower(), b.lower()), key=len)
    if len(short) < DUPLICATE_MIN_CHARS:
        return False
    candidates = (long, long[: len(short)], long[-len(short) :])
    return any(SequenceMatcher(None, short, c).ratio() >= DUPLICATE_RATIO for c in candidates)


def garbled_duplicates(rows: list[Row], text: str) -> set[Fragment]:
    """Fragments that repeat the neighbouring line of their column (the worse copy of two)."""
    vocabulary = Counter(_WORD.findall(text.lower()))
    dropped: set[Fragment] = set()
    last: dict[int, Fragment] = {}
    for row in rows:
        if row.blank or row.noise:
            continue
        for index, cell in enumerate(row.cells):
            if not cell:
                last.pop(index, None)
                continue
            before = last.get(index)
            if before is not None and near_duplicate(before.text, cell[0].text):
                dropped.add(_worse(before, cell[0], vocabulary))
            kept = [f for f in cell if f not in dropped]
            if kept:
                last[index] = kept[-1]
        for index in range(len(row.cells), max(last, default=-1) + 1):
            last.pop(index, None)
    return dropped


def _worse(first: Fragment, second: Fragment, vocabulary: Counter[str]) -> Fragment:
    """The copy to drop: a shorter part of the other, else the one with fewer known words."""
    short, long = sorted((first, second), key=lambda f: len(f.text))
    if len(short.text) < SAME_LENGTH * len(long.text):
        return short
    own = Counter(_WORD.findall(first.text.lower())) + Counter(_WORD.findall(second.text.lower()))

    def known(frag: Fragment) -> float:
        """Share of the fragment's words that the rest of the document uses."""
        words = _WORD.findall(frag.text.lower())
        return sum(vocabulary[w] > own[w] for w in words) / max(len(words), 1)

    return first if known(first) < known(second) else second
