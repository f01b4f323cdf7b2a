"""The appendix table of a business plan (family 'business-plan', e.g. the CS Local 2018/20).

Header "Theme and Objective<TAB>Objective Purpose<TAB>How we will deliver this ...". Each
row starts with a theme label ("Connect: <objective>", "Citizens:" on its own line,
"<p>Inspire:</p> <p><objective></p>") and comes in one of two shapes:
- a table row: one raw line whose cells are separated by tabs (HTML lists inside); a later
  raw line that starts with a tab or with objective words and tabs (a page break) continues
  the cells of the row above;
- plain text: label, objective, purpose bullets and products as blocks separated by blank
  lines (a blank line moves on to the next cell once the current one has content).
The table ends at a plain line after a table row, or at a plain, non-list line after a
blank line once a plain-text row has reached its products.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import groupby

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.text import Line, lines

HEADER = re.compile(r"^Theme\b[^\t]*\t[^\t]+\t")
LABEL = re.compile(r"^(?P<label>[A-Z][a-z]+(?: [A-Z][a-z]+)?):(?=\s|$)")
LIST_ITEM = re.compile(r"^(?:\d{1,2}|[a-z])\.\s")
CELLS = 3


@dataclass
class Row:
    """One theme row: its label and the chunks (clean spans) of its three cells."""

    label: Offsets
    plain: bool
    cells: list[list[Offsets]] = field(default_factory=lambda: [[] for _ in range(CELLS)])
    col: int = 0


def read_table(dg: DocumentGraph) -> list[Row]:
    """The rows of the theme table, or [] when the document has none."""
    all_lines = lines(dg.clean)
    start = next((i for i, ln in enumerate(all_lines) if HEADER.match(ln.text)), None)
    if start is None:
        return []
    rows: list[Row] = []
    blank = False
    for _, group in groupby(all_lines[start + 1 :], key=lambda ln: ln.raw_line):
        group_lines = list(group)
        if any("\t" in ln.text for ln in group_lines):
            _table_row(dg, group_lines, rows)
            blank = False
            continue
        for line in group_lines:
            if not line.text.strip():
                blank = True
                _next_cell(rows)
            elif not _plain_line(line, rows, blank):
                return rows
            else:
                blank = False
    return rows


def _next_cell(rows: list[Row]) -> None:
    """A blank line in a plain-text row moves to the next cell once this one has content."""
    if rows and rows[-1].plain and rows[-1].cells[rows[-1].col] and rows[-1].col < CELLS - 1:
        rows[-1].col += 1


def _plain_line(line: Line, rows: list[Row], blank: bool) -> bool:
    """Add a tab-less line to the table; False when it ends the table."""
    label = LABEL.match(line.text)
    if label is not None:
        rows.append(Row((line.start, line.start + label.end("label")), plain=True))
        _add(rows[-1], 0, line.start + label.end(), line.end)
        return True
    if not rows or not rows[-1].plain:
        return False
    row = rows[-1]
    if row.col == CELLS - 1 and row.cells[-1] and blank and not LIST_ITEM.match(line.text):
        return False
    _add(row, row.col, line.start, line.end)
    return True


def _table_row(dg: DocumentGraph, group: list[Line], rows: list[Row]) -> None:
    """One raw line of tab-separated cells: a new row, or the continuation of the last one."""
    col, first = 0, True
    for line in group:
        pos = line.start
        for k, segment in enumerate(line.text.split("\t")):
            col += 1 if k else 0
            start, end = pos, pos + len(segment)
            pos = end + 1
            label = LABEL.match(segment) if first and col == 0 else None
            if first and segment.strip():
                first = False
                if label is not None:
                    rows.append(Row((start, start + label.end("label")), plain=False))
                    start += label.end()
                elif not rows:
                    dg.warn(start, "theme table: cells before the first theme row")
                    return
            if rows and col < CELLS:
                _add(rows[-1], col, start, end)
            elif rows and segment.strip():
                dg.warn(start, "theme table: more cells than the header has")
    if rows:
        rows[-1].col = col


def _add(row: Row, col: int, start: int, end: int) -> None:
    """Add a chunk to a cell unless it is blank (spans trimmed by the caller's text)."""
    if end > start:
        row.cells[col].append((start, end))


def chunk_text(dg: DocumentGraph, span: Offsets) -> str:
    """The cleaned text of a chunk, whitespace trimmed."""
    return dg.text[span[0] : span[1]].strip()


def trimmed(dg: DocumentGraph, spans: list[Offsets]) -> list[Offsets]:
    """Chunks without surrounding whitespace; blank chunks dropped."""
    out = []
    for start, end in spans:
        while start < end and dg.text[start].isspace():
            start += 1
        while end > start and dg.text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out
