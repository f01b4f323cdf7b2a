"""Purposes and products in a business plan's theme table (family 'business-plan').

Purposes: one per bullet (chunk); a cell that lost its bullets is split into sentences, or,
without sentence punctuation, where a new capitalised item runs on ("pilots Make ...").

Products: only the top-level items count. Numbered items ("1. ") are top-level and lettered
ones ("a. ") sub-items. Where the PDF lost the numbers, the list structure decides, chunk by
chunk (each chunk is one run between list tags):
- the first unnumbered chunk holds top-level items, unless it ends with ':' (a lead-in);
- a chunk after a top-level item is that item's sub-list; when another sub-list follows
  it, its trailing words from the last plural-ending item on are the next top-level item;
- a chunk that starts in lower case, or follows one ending mid-phrase ('such as'), continues
  the one before; after 'such as:' comes a list of examples;
- after lettered sub-items or a list of examples, the outer list resumes (top-level items).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.cues import FUNCTION_WORDS, split_run_together

MARKER = re.compile(r"(?:(?<=\s)|^)(?:(?P<num>\d{1,2})|(?P<letter>[a-z]))\.\s+")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
ITEM_END = re.compile(r"(?:s|['’)])$")
Piece = tuple[str, int, int]  # kind ('num', 'letter', 'plain'), start, end


def purposes(dg: DocumentGraph, chunks: list[Offsets]) -> list[Offsets]:
    """The spans of a purpose cell's items."""
    if len(chunks) != 1:
        return chunks
    start, end = chunks[0]
    spans, pos = [], start
    for m in SENTENCE.finditer(dg.text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    if len(spans) > 1:
        return spans
    return split_run_together(dg.text, start, end, dg.gazetteer.find(dg.text, start, end))


def pieces(text: str, span: Offsets) -> list[Piece]:
    """A chunk cut at its list markers; the marker itself is left out of each piece."""
    start, end = span
    out: list[Piece] = []
    kind, pos = "plain", start
    for m in MARKER.finditer(text, start, end):
        if text[pos : m.start()].strip():
            out.append((kind, pos, m.start()))
        kind, pos = ("num" if m.group("num") else "letter"), m.end()
    if text[pos:end].strip():
        out.append((kind, pos, end))
    return [(k, s, e - (len(text[s:e]) - len(text[s:e].rstrip()))) for k, s, e in out]


class ProductReader:
    """Reads the top-level products of one products cell (see the module docstring)."""

    def __init__(self, dg: DocumentGraph) -> None:
        self.dg = dg
        self.text = dg.text
        self.items: list[Offsets] = []
        self.context = "start"
        self.resume = "sub"

    def read(self, chunks: list[Offsets]) -> list[Offsets]:
        """Top-level item spans, in order."""
        for i, chunk in enumerate(chunks):
            parts = pieces(self.text, chunk)
            following = chunks[i + 1] if i + 1 < len(chunks) else None
            for kind, start, end in parts:
                handler = self._handlers()[kind]
                handler(start, end, following if len(parts) == 1 else None)
        return self.items

    def _handlers(self) -> dict[str, Callable[[int, int, Offsets | None], None]]:
        """Piece kind -> handler."""
        return {"num": self._numbered, "letter": self._lettered, "plain": self._plain}

    def _numbered(self, start: int, end: int, _: Offsets | None) -> None:
        """'1. Item' is a top-level item."""
        self.items.append((start, end))
        self._after(start, end, "examples-next" if self._leads_in(start, end) else "top")

    def _lettered(self, start: int, end: int, _: Offsets | None) -> None:
        """'a. Item' is a sub-item."""
        self._after(start, end, "sub-letter")

    def _plain(self, start: int, end: int, following: Offsets | None) -> None:
        """An unmarked chunk: continuation, lead-in, examples, sub-list or top-level items."""
        if self.text[start].islower() or self.context == "continues":
            base = self.resume if self.context == "continues" else self.context
            self._after(start, end, "examples-next" if self._leads_in(start, end) else base)
        elif self.context == "examples-next":
            self._after(start, end, "after-examples")
        elif self.context in ("start", "after-examples", "sub-letter", "sub", "lead-in"):
            if self.context == "start" and self._leads_in(start, end):
                self.context = "lead-in"
                return
            cut = split_run_together(
                self.text, start, end, self.dg.gazetteer.find(self.text, start, end)
            )
            self.items.extend(cut)
            self._after(start, end, "top")
        else:
            self._sub_list(start, end, following)

    def _sub_list(self, start: int, end: int, following: Offsets | None) -> None:
        """The sub-list of the last top-level item, maybe ending with the next one."""
        if self._incomplete(start, end) or following is None or not self._nested(following):
            self._after(start, end, "sub")
            return
        words = [m.span() for m in re.finditer(r"\S+", self.text[start:end])]
        cuts = [
            i
            for i in range(1, len(words))
            if ITEM_END.search(self.text[start + words[i - 1][0] : start + words[i - 1][1]])
            and self.text[start + words[i][0]].isupper()
        ]
        if not cuts:
            self.dg.warn(start, "products: cannot tell where the next top-level product starts")
            self.context = "sub"
            return
        self.items.append((start + words[cuts[-1]][0], end))
        self.context = "top"

    def _nested(self, chunk: Offsets) -> bool:
        """Whether a chunk is another sub-list (unmarked, capitalised)."""
        parts = pieces(self.text, chunk)
        return len(parts) == 1 and parts[0][0] == "plain" and self.text[parts[0][1]].isupper()

    def _after(self, start: int, end: int, context: str) -> None:
        """Set the context after a piece; a piece ending mid-phrase continues."""
        self.context = context
        if self._incomplete(start, end):
            self.resume = context
            self.context = "continues"

    def _leads_in(self, start: int, end: int) -> bool:
        """Whether a piece ends with ':' (introduces a list)."""
        return self.text[start:end].rstrip().endswith(":")

    def _incomplete(self, start: int, end: int) -> bool:
        """Whether a piece ends mid-phrase ('... pilots such as')."""
        words = self.text[start:end].split()
        return bool(words) and words[-1].lower() in FUNCTION_WORDS
