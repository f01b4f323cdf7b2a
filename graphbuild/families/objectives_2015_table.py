"""Objective tables of the 'objectives-2015-16' family.

A table starts at a header row "Objective<TAB>How will progress be achieved and measured?";
the heading above it ("Diversity") gives the class of unlabelled objectives. Rows:
- "<POST><TAB>" names the holder: skipped;
- "Business objective N <wording><TAB>Business objective N <measures>": one objective; a
  row with labels only ("Business objective 3<TAB>Business objective 3") takes its wording
  from the next block of lines (with the list that completes a wording ending in ':');
- "<wording><TAB><measure>" (unlabelled) and "<TAB><measure>": measures of the current
  objective; lines with no tab below a row carry further measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import XSD, Literal, URIRef

from graphbuild.facts import DocumentGraph, Offsets
from graphbuild.families.cues import is_post
from graphbuild.text import Line, lines, tab_cells
from ontology.namespace import GK

HEADER = re.compile(r"^\s*Objectives?\s*\t[^\t]*\bmeasured\b[^\t]*$", re.IGNORECASE)
LABEL = re.compile(
    r"^\s*(?P<kind>business|corporate|capability|diversity)\s+objectives?"
    r"(?:\s*(?P<number>\d{1,2})\b)?\s*[.:]?\s*",
    re.IGNORECASE,
)
KINDS = {
    "business": GK.BusinessObjective,
    "corporate": GK.CorporateObjective,
    "capability": GK.CapabilityObjective,
    "diversity": GK.DiversityObjective,
}


@dataclass
class ObjectiveRow:
    """One objective of a table: its class, number, wording and measure spans."""

    kind: URIRef
    number: int | None = None
    label: Offsets | None = None
    wording: Offsets | None = None
    measures: list[Offsets] = field(default_factory=list)

    def state(self, dg: DocumentGraph, post: URIRef) -> URIRef | None:
        """State the objective of the post in the document's period."""
        if self.wording is None:
            at = self.label or (0, 1)
            dg.warn(at[0], "objective row without wording")
            return None
        text = dg.text[self.wording[0] : self.wording[1]]
        objective = dg.text_thing("objective", self.kind, text, self.wording, "objective")
        if self.number is not None and self.label is not None:
            number = Literal(self.number, datatype=XSD.integer)
            dg.add(objective, GK.number, number, self.label, "objective-number")
        dg.add(objective, GK.objectiveOf, post, self.wording, "objective-of-post")
        dg.add(objective, GK.period, dg.period, self.wording, "objective-period")
        return objective


def is_header(text: str) -> bool:
    """Whether a line is an objectives table header."""
    return HEADER.match(text) is not None


def _next_non_blank(all_lines: list[Line], i: int) -> int | None:
    """Index of the first non-blank line after i."""
    return next((j for j in range(i + 1, len(all_lines)) if all_lines[j].text.strip()), None)


def _section_kind(all_lines: list[Line], header: int) -> URIRef:
    """The objective class named by the heading above a table header, else gk:Objective."""
    above = [ln for ln in all_lines[:header] if ln.text.strip()]
    heading = above[-1].text.lower() if above else ""
    return next((cls for key, cls in KINDS.items() if key in heading), GK.Objective)


def _block_end(all_lines: list[Line], i: int) -> int:
    """Last line of the block at i, plus the next block when the first ends with ':'."""
    end = i
    while end + 1 < len(all_lines) and all_lines[end + 1].text.strip():
        end += 1
    after = _next_non_blank(all_lines, end)
    ends_with_colon = all_lines[end].text.rstrip().endswith(":")
    if ends_with_colon and after is not None and "\t" not in all_lines[after].text:
        return _block_end(all_lines, after)
    return end


def objective_rows(dg: DocumentGraph) -> list[ObjectiveRow]:
    """Every objective of every table, in document order."""
    all_lines = lines(dg.clean)
    rows: list[ObjectiveRow] = []
    kind: URIRef | None = None
    i = 0
    while i < len(all_lines):
        line, i = all_lines[i], i + 1
        after = _next_non_blank(all_lines, i - 1)
        if not line.text.strip():
            continue
        if is_header(line.text):
            kind = _section_kind(all_lines, i - 1)
        elif kind is None or (after is not None and is_header(all_lines[after].text)):
            continue
        elif "\t" in line.text:
            _row(dg, line, kind, rows)
        elif not rows:
            dg.warn(line.start, "line in an objectives table before any objective")
        elif rows[-1].wording is None:
            end = _block_end(all_lines, i - 1)
            rows[-1].wording = (line.start, all_lines[end].end)
            i = end + 1
        else:
            rows[-1].measures.append((line.start, line.end))
    return rows


def _row(dg: DocumentGraph, line: Line, kind: URIRef, rows: list[ObjectiveRow]) -> None:
    """One tabbed row: a new objective, a holder row, or a further measure."""
    cells = tab_cells(line)
    first, rest = cells[0], (cells[1][0], cells[-1][1])
    first_text, rest_text = dg.text[slice(*first)], dg.text[slice(*rest)]
    if not first_text.strip():
        if rows:
            rows[-1].measures.append(rest)
        else:
            dg.warn(line.start, "measure cell before any objective")
        return
    if not rest_text.strip() and _is_post_name(dg, first):
        return
    row = ObjectiveRow(kind)
    label = LABEL.match(first_text)
    if label is not None:
        row.kind = KINDS[label.group("kind").lower()]
        row.number = int(label.group("number")) if label.group("number") else None
        row.label = (first[0] + label.start(), first[0] + len(label.group().rstrip()))
        first = (first[0] + label.end(), first[1])
    if dg.text[slice(*first)].strip():
        row.wording = first
    same = LABEL.match(rest_text)
    rest = (rest[0] + same.end(), rest[1]) if same is not None else rest
    if dg.text[slice(*rest)].strip():
        row.measures.append(rest)
    rows.append(row)


def _is_post_name(dg: DocumentGraph, cell: Offsets) -> bool:
    """Whether a cell holds only the name of a post (the table's holder row)."""
    matches = dg.gazetteer.find(dg.text, *cell)
    named = "".join(dg.text[m.start : m.end] for m in matches if is_post(m.entry))
    return bool(named) and named == dg.text[slice(*cell)].strip()
