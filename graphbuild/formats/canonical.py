"""The canonical text every format adapter produces, and the writer adapters build it with.

Lines are blocks (docs/architecture.md §5): a title, headings, paragraphs, list items written
"- text", and table rows whose cells are joined by a tab. Blocks are separated by a blank
line, except consecutive rows of one table and consecutive items of one list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphbuild.text import normalise_ws


class FormatError(Exception):
    """A document whose format cannot be read (no text layer, encrypted, no main content)."""


@dataclass(frozen=True)
class Block:
    """One block of a document: its kind, its 1-based line in the canonical text, a level.

    `level` is the heading level (1 = top), or the table number for rows, or 0.
    """

    kind: str
    line: int
    level: int = 0


@dataclass(frozen=True)
class Canonical:
    """A document as canonical text plus structure; `format` is text, pdf or html."""

    text: str
    format: str
    blocks: tuple[Block, ...]
    pages: int = 0

    def lines_of(self, kind: str) -> set[int]:
        """The canonical line numbers of every block of one kind."""
        return {b.line for b in self.blocks if b.kind == kind}


@dataclass
class CanonicalWriter:
    """Append blocks to a canonical text, recording each block's kind and line."""

    format: str
    lines: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    _last: str = ""
    _table: int = 0

    def add(self, kind: str, text: str, level: int = 0) -> None:
        """Add one block; its text is put on one line (whitespace runs become one space)."""
        text = text.strip("\n") if kind == "row" else normalise_ws(text)
        if not text.strip():
            return
        if kind == "title" and any(b.kind == "title" for b in self.blocks):
            kind, level = "heading", 1
        if kind == "item":
            text = text if text.startswith(("- ", "• ")) else f"- {text}"
        grouped = kind == self._last and kind in ("item", "row")
        if self.lines and not grouped:
            self.lines.append("")
        self.lines.append(text)
        self.blocks.append(Block(kind, len(self.lines), level))
        self._last = kind

    def row(self, cells: list[str]) -> None:
        """Add a table row; a row of empty cells is dropped."""
        texts = [normalise_ws(c).replace("\t", " ") for c in cells]
        if not any(texts):
            return
        if self._last != "row":
            self._table += 1
        self.add("row", "\t".join(texts), self._table)

    def end_table(self) -> None:
        """Close the current table, so the next row starts a new one."""
        if self._last == "row":
            self._last = ""

    def result(self, pages: int = 0) -> Canonical:
        """The canonical document written so far."""
        text = "\n".join(self.lines) + "\n" if self.lines else ""
        return Canonical(text, self.format, tuple(self.blocks), pages)
