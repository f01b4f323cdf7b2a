"""Rows, cells and text fragments of the 'objectives-2012-13' tables (PDF text).

See docs/architecture.md §5.

The 2012/13 Permanent Secretary objectives forms are tables flattened into text: each raw line
is a row, tabs separate its cells, and inside a cell items are separated either by HTML
bullets / paragraphs (which cleaning turns into newlines) or by a run of two spaces. A
`Fragment` is one such piece of a cell, with its offsets into the cleaned text; an `Item` is a
wording made of one or more fragments (a cell item broken over several raw lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphbuild.text import CleanText

_ITEM_GAP = re.compile(r"[ \xa0]{2,}")
_NOISE = re.compile(r"[-–—_=*.\s]+")


@dataclass(frozen=True)
class Fragment:
    """One piece of one cell: clean offsets [start, end) and the clean text."""

    start: int
    end: int
    text: str


@dataclass
class Row:
    """One raw line of the table: its cells, each a list of fragments."""

    start: int
    end: int
    cells: list[list[Fragment]]

    @property
    def blank(self) -> bool:
        """True when no cell holds any text."""
        return not any(self.cells)

    @property
    def noise(self) -> bool:
        """True for a page or table rule such as '--<TAB>--<TAB>---'."""
        frags = [f for cell in self.cells for f in cell]
        return bool(frags) and all(_NOISE.fullmatch(f.text) for f in frags)


@dataclass
class Item:
    """A wording built from fragments joined by single spaces."""

    fragments: list[Fragment] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The joined wording."""
        return " ".join(f.text for f in self.fragments)

    @property
    def span(self) -> tuple[int, int]:
        """Clean offsets covering every fragment."""
        return self.fragments[0].start, self.fragments[-1].end

    def locate(self, start: int, end: int) -> tuple[int, int]:
        """Clean offsets of the joined-text range [start, end)."""
        return self._clean_offset(start, False), self._clean_offset(end - 1, True)

    def _clean_offset(self, pos: int, after: bool) -> int:
        """Clean offset of one joined-text position (the separator maps to its neighbour)."""
        offset = 0
        for frag in self.fragments:
            if pos < offset + len(frag.text):
                return frag.start + max(pos - offset, 0) + (1 if after else 0)
            offset += len(frag.text) + 1
        return self.fragments[-1].end


def table_rows(clean: CleanText) -> list[Row]:
    """Every raw line of the document as a row of cells."""
    text = clean.text
    rows: list[Row] = []
    start = 0
    for i in range(len(text) + 1):
        if i == len(text) or (text[i] == "\n" and clean.quote(i, i + 1) == "\n"):
            rows.append(Row(start, i, _cells(clean, start, i)))
            start = i + 1
    return rows


def _cells(clean: CleanText, start: int, end: int) -> list[list[Fragment]]:
    """Split one row at tabs into cells of fragments."""
    cells: list[list[Fragment]] = []
    cell_start = start
    for i in range(start, end + 1):
        if i == end or clean.text[i] == "\t":
            cells.append(_fragments(clean, cell_start, i))
            cell_start = i + 1
    return cells


def _fragments(clean: CleanText, start: int, end: int) -> list[Fragment]:
    """Split one cell at item breaks (bullets, paragraphs, two-space runs)."""
    pieces: list[Fragment] = []
    piece_start = start
    for i in range(start, end + 1):
        if i == end or _is_item_break(clean, i):
            pieces.extend(_stripped(clean.text, piece_start, i))
            piece_start = i + 1
    return pieces


def _is_item_break(clean: CleanText, i: int) -> bool:
    """A clean newline inside a row (a bullet or tag) or a space that was a two-space run."""
    ch = clean.text[i]
    if ch == "\n":
        return True
    return ch == " " and _ITEM_GAP.fullmatch(clean.quote(i, i + 1)) is not None


def _stripped(text: str, start: int, end: int) -> list[Fragment]:
    """The fragment text[start:end] without surrounding whitespace, if any text is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Fragment(start, end, text[start:end])] if start < end else []


def fragment_from(frag: Fragment, offset: int) -> list[Fragment]:
    """The rest of a fragment after `offset` characters, stripped (empty when nothing is left)."""
    rest = frag.text[offset:]
    lead = len(rest) - len(rest.lstrip())
    body = rest.strip()
    if not body:
        return []
    start = frag.start + offset + lead
    return [Fragment(start, start + len(body), body)]
